"""The tags dialog: add, rename, recolour and delete the tags annotations carry.

Each change is an undoable step of the window's stack, made through `run`, so Ctrl+Z
in the window takes back a rename as it takes back a note. A tag in use cannot be
deleted: the core says by how many annotations, and the dialog says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from drafts.annotating.annotations import Tag
from viewer.annotation_commands import Step, Steps
from viewer.annotation_editor import swatch

PALETTE = ("#D55E00", "#E69F00", "#56B4E9", "#0072B2", "#CC79A7", "#009E73", "#F0E442")
"""Okabe-Ito, as the first tags: a new tag takes the first colour no tag has yet."""
ID_ROLE = Qt.ItemDataRole.UserRole


def next_colour(tags: Sequence[Tag]) -> str:
    used = {t.colour.upper() for t in tags}
    return next((c for c in PALETTE if c not in used), PALETTE[len(tags) % len(PALETTE)])


def ask_tag_name(parent: QWidget, title: str, current: str = "") -> str | None:
    """A tag's name from the reader, spaces tidied; None if cancelled."""
    name, ok = QInputDialog.getText(parent, title, "Name:", text=current)
    return " ".join(name.split()) if ok else None


class TagEditor(QDialog):
    """Lists the tags with their colour and use; each button is one undoable step."""

    def __init__(
        self,
        steps: Steps,
        run: Callable[[Step], bool],
        load: Callable[[], list[tuple[Tag, int]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tagEditor")
        self.setWindowTitle("Tags")
        self.steps, self.run, self.load = steps, run, load
        self.tag_list = QListWidget(self)
        self.tag_list.setObjectName("tagList")
        self.add_button = QPushButton("&Add…", self)
        self.rename_button = QPushButton("&Rename…", self)
        self.colour_button = QPushButton("&Colour…", self)
        self.delete_button = QPushButton("&Delete", self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        side = QVBoxLayout()
        for button in (self.add_button, self.rename_button, self.colour_button):
            side.addWidget(button)
        side.addSpacing(self.fontMetrics().height())
        side.addWidget(self.delete_button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.tag_list, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Annotations carry these tags; their colour marks the text.", self))
        layout.addLayout(row, 1)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.colour_button.clicked.connect(self.recolour)
        self.delete_button.clicked.connect(self.delete)
        self.tag_list.currentRowChanged.connect(lambda _: self._enable())
        self.tag_list.itemDoubleClicked.connect(lambda _: self.rename())
        self.resize(self.fontMetrics().averageCharWidth() * 64, self.fontMetrics().height() * 22)
        self.reload()

    def reload(self) -> None:
        chosen = self.current()
        self.tags = self.load()
        self.tag_list.clear()
        for tag, used in self.tags:
            uses = "unused" if not used else f"{used} annotation{'s' * (used != 1)}"
            item = QListWidgetItem(swatch(tag.colour, 14), f"{tag.name}  ({uses})", self.tag_list)
            item.setData(ID_ROLE, tag.id)
            if chosen is not None and tag.id == chosen.id:
                self.tag_list.setCurrentItem(item)
        self._enable()

    def current(self) -> Tag | None:
        item = self.tag_list.currentItem()
        if item is None:
            return None
        return next((t for t, _ in getattr(self, "tags", []) if t.id == item.data(ID_ROLE)), None)

    def _enable(self) -> None:
        on = self.current() is not None
        for button in (self.rename_button, self.colour_button, self.delete_button):
            button.setEnabled(on)

    # the steps

    def add(self) -> None:
        name = self.ask_name("New tag", "")
        if not name:
            return
        step = self.steps.create_tag(name, next_colour([t for t, _ in self.tags]))
        if self.run(step):
            self.reload()
            self.select(step.made.id)

    def rename(self) -> None:
        tag = self.current()
        name = self.ask_name("Rename tag", tag.name) if tag else None
        if tag and name and name != tag.name and self.run(self.steps.rename_tag(tag, name)):
            self.reload()

    def recolour(self) -> None:
        tag = self.current()
        colour = self.ask_colour(tag.colour) if tag else None
        if (
            tag
            and colour
            and colour != tag.colour
            and self.run(self.steps.recolour_tag(tag, colour))
        ):
            self.reload()

    def delete(self) -> None:
        tag = self.current()
        if tag and self.run(self.steps.delete_tag(tag)):
            self.reload()

    def select(self, tag_id: int) -> None:
        for n in range(self.tag_list.count()):
            if self.tag_list.item(n).data(ID_ROLE) == tag_id:
                self.tag_list.setCurrentRow(n)

    # asking the reader (overridden in tests)

    def ask_name(self, title: str, current: str) -> str | None:
        return ask_tag_name(self, title, current)

    def ask_colour(self, current: str) -> str | None:
        colour = QColorDialog.getColor(QColor(current), self, "Tag colour")
        return colour.name().upper() if colour.isValid() else None
