"""The dialog in which a reader writes an annotation: its tags, where the discussion
stands, who holds the position, and the note.

It shows the words annotated (or the provision, for a whole-provision note) so the
reader sees what the note will be attached to before saving it. It only collects a
`Content`; storing it, undoably, is the caller's business.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from drafts.annotating.annotations import STATUSES, Content, Tag

EMPTY = Content()

QUOTE_LIMIT = 400
"""Characters of the annotated words shown; a longer passage is shortened in the middle."""


def swatch(colour: str, size: int = 12) -> QIcon:
    """A square of the tag's colour with a darker edge, visible on light and dark themes."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour).darker(140))
    inner = QPixmap(size - 2, size - 2)
    inner.fill(QColor(colour))
    painter = QPainter(pixmap)
    painter.drawPixmap(1, 1, inner)
    painter.end()
    return QIcon(pixmap)


def shortened(text: str, limit: int = QUOTE_LIMIT) -> str:
    if len(text) <= limit:
        return text
    half = limit // 2
    return f"{text[:half].rstrip()} … {text[-half:].lstrip()}"


class AnnotationEditor(QDialog):
    """Edit the content of one annotation; `content()` is the result once accepted."""

    def __init__(
        self,
        where: str,
        quote: str,
        tags: Sequence[Tag],
        content: Content = EMPTY,
        holders: Sequence[str] = (),
        new_tag: Callable[[], Tag | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("annotationEditor")
        self.setWindowTitle("Annotation")
        self._new_tag = new_tag
        self.where = QLabel(f"<b>{html.escape(where)}</b>", self)
        self.quote = QLabel(self)
        self.quote.setObjectName("annotationQuote")
        self.quote.setWordWrap(True)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setText(f"“{shortened(quote)}”" if quote else "The whole provision")
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tag_list = QListWidget(self)
        self.tag_list.setObjectName("annotationTags")
        self.new_tag_button = QPushButton("&New tag…", self)
        self.new_tag_button.setObjectName("newTag")
        self.new_tag_button.setEnabled(new_tag is not None)
        self.status = QComboBox(self)
        self.status.setObjectName("annotationStatus")
        self.status.addItems([s.capitalize() for s in STATUSES])
        self.holder = QLineEdit(self)
        self.holder.setObjectName("annotationHolder")
        self.holder.setPlaceholderText("A delegation or group, e.g. European Union")
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("annotationNote")
        self.note.setPlaceholderText("What is at stake here; Ctrl+Enter saves")
        self.note.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._layout()
        self._fill(tags, content, holders)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.new_tag_button.clicked.connect(self._add_tag)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.sizeHint().height())

    def _layout(self) -> None:
        form = QFormLayout()
        tags = QVBoxLayout()
        tags.addWidget(self.tag_list)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.new_tag_button)
        tags.addLayout(row)
        form.addRow("&Tags:", tags)
        form.itemAt(form.rowCount() - 1, QFormLayout.ItemRole.LabelRole).widget().setBuddy(
            self.tag_list
        )
        form.addRow("&Status:", self.status)
        form.addRow("&Position of:", self.holder)
        form.addRow("N&ote:", self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.quote)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)
        self.tag_list.setMaximumHeight(self.fontMetrics().height() * 8)
        self.note.setMinimumHeight(self.fontMetrics().height() * 6)

    def _fill(self, tags: Sequence[Tag], content: Content, holders: Sequence[str]) -> None:
        for tag in tags:
            self._add_item(tag, tag.id in content.tag_ids)
        self.status.setCurrentIndex(STATUSES.index(content.status))
        self.holder.setText(content.holder)
        completer = QCompleter(sorted(set(holders), key=str.casefold), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.holder.setCompleter(completer)
        self.note.setPlainText(content.note)
        self.note.setFocus()

    def _add_item(self, tag: Tag, checked: bool) -> None:
        item = QListWidgetItem(swatch(tag.colour), tag.name, self.tag_list)
        item.setData(Qt.ItemDataRole.UserRole, tag.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _add_tag(self) -> None:
        tag = self._new_tag() if self._new_tag else None
        if tag is not None:
            self._add_item(tag, True)

    def check_tag(self, name: str, on: bool = True) -> None:
        """Tick (or untick) the tag called `name`."""
        for item in self._items():
            if item.text() == name:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _items(self) -> list[QListWidgetItem]:
        return [self.tag_list.item(n) for n in range(self.tag_list.count())]

    def content(self) -> Content:
        ticked = tuple(
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        )
        return Content(
            tag_ids=ticked,
            note=self.note.toPlainText().strip(),
            status=STATUSES[self.status.currentIndex()],
            holder=" ".join(self.holder.text().split()),
        )
