"""The annotations dock: every annotation of the negotiation, grouped by the provision
it sits on in the draft being read, filtered by tag, status and the draft it was made
in, with the orphans (annotations whose words are gone) listed under the provision
they were made on and the reason they could not be placed.

The panel only lists; finding the words, editing and deleting are asked for by
signals, which the window answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafts.annotating.annotations import STATUSES, Tag
from drafts.wording import plural
from viewer.annotation_editor import swatch

ID_ROLE = Qt.ItemDataRole.UserRole
ANY = -1
SNIPPET = 70
"""Characters of quote and note shown on a row; the tooltip has them whole."""


@dataclass(frozen=True)
class PanelNote:
    """One annotation as the panel lists it."""

    annotation_id: int
    provision: str
    """The provision it is listed under: where it is placed in the draft being read,
    or, for an orphan, the one it was made on (with that draft's name)."""
    order: tuple[int, int]
    """Sorts the provisions: (0 for placed, 1 for orphans; position in the draft)."""
    quote: str
    tags: tuple[Tag, ...]
    status: str
    holder: str
    note: str
    draft_id: int
    draft: str
    """The draft it was made in."""
    orphaned: str = ""
    """Why it has no place in the draft being read; empty if it has one."""
    carried: bool = False
    """Made in a draft other than the two compared, and carried into them."""


def snippet(text: str, limit: int = SNIPPET) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class AnnotationPanel(QDockWidget):
    """The list of annotations, with filters; asks the window to act on them."""

    open_requested = Signal(int)
    edit_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Annotations", parent)
        self.setObjectName("annotationPanel")
        self.notes: list[PanelNote] = []
        body = QWidget(self)
        self.tag_filter = self._combo("annotationTagFilter")
        self.status_filter = self._combo("annotationStatusFilter")
        self.draft_filter = self._combo("annotationDraftFilter")
        self.tag_filter.setToolTip("Only annotations carrying this tag")
        self.status_filter.setToolTip("Only annotations where the discussion stands so")
        self.draft_filter.setToolTip("Only annotations made in this draft")
        self.tree = QTreeWidget(body)
        self.tree.setObjectName("annotationTree")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(False)  # two lines a note, one a provision
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.count = QLabel(body)
        self.count.setObjectName("annotationCount")
        self.edit_button = QPushButton("&Edit…", body)
        self.delete_button = QPushButton("&Delete", body)
        filters = QHBoxLayout()
        for combo in (self.tag_filter, self.status_filter, self.draft_filter):
            filters.addWidget(combo, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.setWidget(body)
        self._connect()
        self._fill_filters([], [])

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        return combo

    def _connect(self) -> None:
        for combo in (self.tag_filter, self.status_filter, self.draft_filter):
            combo.currentIndexChanged.connect(self._refill)
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(self._enable_buttons)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.edit_button.clicked.connect(lambda: self._ask(self.edit_requested))
        self.delete_button.clicked.connect(lambda: self._ask(self.delete_requested))

    # filling

    def set_notes(
        self, notes: Sequence[PanelNote], tags: Sequence[Tag], drafts: Sequence[tuple[int, str]]
    ) -> None:
        """Show these annotations; the filters keep their choice where it still exists."""
        self.notes = list(notes)
        current = self.current_id()
        self._fill_filters(tags, drafts)
        self._refill()
        if current is not None:
            self.select(current)

    def _fill_filters(self, tags: Sequence[Tag], drafts: Sequence[tuple[int, str]]) -> None:
        choices = {
            self.tag_filter: [("All tags", ANY, None)] + [(t.name, t.id, t.colour) for t in tags],
            self.status_filter: [("Any status", ANY, None)]
            + [(s.capitalize(), n, None) for n, s in enumerate(STATUSES)],
            self.draft_filter: [("Any draft", ANY, None)]
            + [(label, i, None) for i, label in drafts],
        }
        for combo, items in choices.items():
            kept = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, value, colour in items:
                if colour:
                    combo.addItem(swatch(colour), text, value)
                else:
                    combo.addItem(text, value)
            found = combo.findData(kept)
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    def shown(self) -> list[PanelNote]:
        """The annotations the filters let through, in the order listed."""
        tag, status, draft = (
            self.tag_filter.currentData(),
            self.status_filter.currentData(),
            self.draft_filter.currentData(),
        )
        kept = [
            n
            for n in self.notes
            if (tag in (ANY, None) or any(t.id == tag for t in n.tags))
            and (status in (ANY, None) or n.status == STATUSES[status])
            and (draft in (ANY, None) or n.draft_id == draft)
        ]
        return sorted(kept, key=lambda n: n.order)

    def _refill(self) -> None:
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        shown = self.shown()
        for note in shown:
            group = groups.get(note.provision)
            if group is None:
                group = QTreeWidgetItem(self.tree, [note.provision])
                font = QFont(group.font(0))
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
                groups[note.provision] = group
            self._item(group, note)
        self.tree.expandAll()
        orphans = sum(1 for n in shown if n.orphaned)
        text = plural(len(shown), "annotation")
        if len(shown) != len(self.notes):
            text += f" of {len(self.notes)}"
        if orphans:
            text += f", {orphans} orphaned"
        self.count.setText(text)
        self._enable_buttons()

    def _item(self, group: QTreeWidgetItem, note: PanelNote) -> QTreeWidgetItem:
        words = f"“{snippet(note.quote)}”" if note.quote else "Whole provision"
        came = f"from {note.draft}" if note.carried and not note.orphaned else ""
        facts = " · ".join(part for part in (note.status, note.holder, came) if part)
        about = f"{facts} — {snippet(note.note)}" if note.note else facts
        item = QTreeWidgetItem(group, [f"{words}\n{about}"])
        item.setData(0, ID_ROLE, note.annotation_id)
        if note.tags:
            item.setIcon(0, swatch(note.tags[0].colour))
        tags = "; ".join(t.name for t in note.tags) or "no tag"
        tip = f"{tags} · {note.status} · made in {note.draft}"
        if note.holder:
            tip += f" · position of {note.holder}"
        if note.orphaned:
            font = QFont(item.font(0))
            font.setItalic(True)
            item.setFont(0, font)
            item.setText(0, f"Orphaned: {words}\n{about}")
            tip += f"\nNo place in the drafts compared: {note.orphaned}"
        item.setToolTip(0, f"{tip}\n\n{note.quote}\n\n{note.note}".strip())
        return item

    # choosing

    def current_id(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def select(self, annotation_id: int) -> bool:
        for n in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(n)
            for k in range(group.childCount()):
                if group.child(k).data(0, ID_ROLE) == annotation_id:
                    self.tree.setCurrentItem(group.child(k))
                    return True
        return False

    def _enable_buttons(self) -> None:
        on = self.current_id() is not None
        self.edit_button.setEnabled(on)
        self.delete_button.setEnabled(on)

    def _activated(self, item: QTreeWidgetItem) -> None:
        value = item.data(0, ID_ROLE)
        if value is not None:
            self.open_requested.emit(int(value))

    def _ask(self, signal: Signal) -> None:  # type: ignore[type-arg]
        chosen = self.current_id()
        if chosen is not None:
            signal.emit(chosen)  # type: ignore[attr-defined]

    def _menu(self, at: object) -> None:
        chosen = self.current_id()
        if chosen is None:
            return
        menu = QMenu(self)
        menu.addAction("&Go to the text", lambda: self.open_requested.emit(chosen))
        menu.addAction("&Edit…", lambda: self.edit_requested.emit(chosen))
        menu.addAction("&Delete", lambda: self.delete_requested.emit(chosen))
        menu.exec(self.tree.viewport().mapToGlobal(at))  # type: ignore[arg-type]
