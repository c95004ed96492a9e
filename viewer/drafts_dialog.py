"""File > Drafts…: the library of drafts, to correct what each is filed under.

One row per draft, negotiation by negotiation: its label, date and symbol can be typed
over in place (checked as `draft edit` checks them), Move… puts it in another
negotiation, Delete… removes it after saying what goes with it (its annotations are
counted). Edits and moves are cheap to take back, so Undo does; a delete asks first.
The work is `drafts.library`'s, as on the command line; the window is told after each
change (`changed`) to read its drafts again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafts.errors import TravauxError
from drafts.library import DraftFacts, annotations_on, delete_draft, edit_draft, move_draft
from drafts.model import StoredDraft
from drafts.store import Store
from drafts.wording import plural
from viewer.errors import show_error

COLUMNS = ("Negotiation", "Label", "Date", "Symbol", "Provisions")
NEGOTIATION, LABEL, DATE, SYMBOL, PROVISIONS = range(len(COLUMNS))
EDITABLE = {LABEL: "label", DATE: "date", SYMBOL: "symbol"}
DRAFT_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class _Undo:
    """How to take back the last edit or move: the draft as it was."""

    draft: StoredDraft
    what: str


class DraftsDialog(QDialog):
    changed = Signal()
    """A draft was edited, moved or deleted: the window reads its drafts again."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftsDialog")
        self.setWindowTitle("Drafts")
        self.store = store
        self.undo_stack: list[_Undo] = []
        self.error_box: QMessageBox | None = None
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("draftsTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # one line a draft; a long title is elided
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NEGOTIATION, QHeaderView.ResizeMode.Stretch)
        self.move_button = QPushButton("&Move to negotiation…", self)
        self.delete_button = QPushButton("&Delete…", self)
        self.undo_button = QPushButton("&Undo", self)
        self.move_button.clicked.connect(self.move_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button.clicked.connect(self.undo)
        buttons = QHBoxLayout()
        for button in (self.move_button, self.delete_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        hint = QLabel(
            "Double-click a label, date or symbol to correct it (dates as YYYY-MM-DD).", self
        )
        hint.setObjectName("draftsHint")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.table.itemChanged.connect(self._edited)
        self.table.itemSelectionChanged.connect(self._enable)
        self.resize(900, 420)
        self.fill()

    def fill(self) -> None:
        """The drafts as the store has them now, in negotiation order."""
        self.table.blockSignals(True)
        drafts = self.store.drafts()
        self.table.setRowCount(len(drafts))
        for row, d in enumerate(drafts):
            values = (d.negotiation, d.label, d.date, d.symbol, f"{d.provision_count:,}")
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(DRAFT_ROLE, d.id)
                item.setToolTip(value if column == NEGOTIATION else "")  # elided in the cell
                if column not in EDITABLE:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self._enable()

    def selected(self) -> StoredDraft | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.store.draft(int(self.table.item(rows[0].row(), 0).data(DRAFT_ROLE)))

    def _enable(self) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.move_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.undo_button.setEnabled(bool(self.undo_stack))

    def _edited(self, item: QTableWidgetItem) -> None:
        """A label, date or symbol typed over: saved, or refused and put back."""
        draft = self.store.draft(int(item.data(DRAFT_ROLE)))
        facts = DraftFacts(**{EDITABLE[item.column()]: item.text()})
        self._change(draft, f"edit {draft.label}", lambda: edit_draft(self.store, draft.id, facts))

    def move_selected(self) -> None:
        draft = self.selected()
        if draft is None:
            return
        titles = [title for _, title, _ in self.store.negotiations()]
        current = titles.index(draft.negotiation) if draft.negotiation in titles else 0
        prompt = f"Move {draft.label} to the negotiation (or type a new one):"
        title, ok = QInputDialog.getItem(self, "Move draft", prompt, titles, current, True)
        if ok and title.strip() and title.strip() != draft.negotiation:
            move = lambda: move_draft(self.store, draft.id, title)  # noqa: E731
            self._change(draft, f"move {draft.label}", move)

    def delete_selected(self) -> None:
        draft = self.selected()
        if draft is None:
            return
        notes = annotations_on(self.store, draft.id)
        lost = f" and the {plural(notes, 'annotation')} made on it" if notes else ""
        answer = QMessageBox.question(
            self,
            "Delete draft",
            f"Delete {draft.label} ({draft.negotiation}), its "
            f"{plural(draft.provision_count, 'provision')}{lost}? This cannot be undone.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_draft(self.store, draft.id, with_annotations=True)
        except TravauxError as exc:
            self.error_box = show_error(self, "Cannot delete the draft", exc)
            return
        self.undo_stack = [u for u in self.undo_stack if u.draft.id != draft.id]
        self.fill()
        self.changed.emit()

    def undo(self) -> None:
        """Take back the last edit or move: the draft's label, date, symbol and
        negotiation as they were."""
        if not self.undo_stack:
            return
        was = self.undo_stack.pop().draft
        try:
            edit_draft(self.store, was.id, DraftFacts(was.label, was.date, was.symbol))
            move_draft(self.store, was.id, was.negotiation)
        except TravauxError as exc:
            self.error_box = show_error(self, "Cannot undo", exc)
        self.fill()
        self.changed.emit()

    def _change(self, draft: StoredDraft, what: str, work: Callable[[], object]) -> None:
        try:
            work()
        except TravauxError as exc:
            self.error_box = show_error(self, "Cannot change the draft", exc)
        else:
            self.undo_stack.append(_Undo(draft, what))
            self.changed.emit()
        self.fill()
