"""The timeline of a provision's history: one row per draft, what it was there.

Draft, number, heading, the change since the previous draft (sign, word and colour
dot, as in the provision list), the words it took, and the brackets left in it: how
the provision was renumbered, reworded and agreed, read down one table.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from drafts.negotiation.brackets import provision_brackets
from drafts.negotiation.history import History, HistoryStep
from viewer.draft_picker import draft_title
from viewer.history_columns import column_status, column_title
from viewer.provision_model import status_icon

COLUMNS = ("Draft", "Provision", "Change", "Brackets")


def brackets_text(step: HistoryStep) -> str:
    """Unagreed passages in the provision in this draft: "3 [ ]", "" when none, with the
    unbalanced ones called out (they are counted by the importer too)."""
    found = [provision_brackets(p) for p in step.provisions]
    count = sum(b.brackets for b in found)
    problems = sum(len(b.problems) for b in found)
    text = f"{count} [ ]" if count else ""
    if problems:
        text += f" · {problems} unbalanced"
    return text.strip(" ·")


class HistoryTimeline(QTableWidget):
    """A read-only table, a row a draft; choosing a row says which step was chosen."""

    step_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("historyTimeline")
        self.setHorizontalHeaderLabels(COLUMNS)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.currentCellChanged.connect(lambda row, *_: self.step_chosen.emit(row))

    def set_history(self, history: History) -> None:
        self.blockSignals(True)
        self.setRowCount(len(history.steps))
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        for row, step in enumerate(history.steps):
            cells = (
                draft_title(step.draft),
                column_title(step),
                column_status(step),
                brackets_text(step),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if not step.present:
                    item.setForeground(muted)
                    if column == 1:
                        font = QFont(item.font())
                        font.setItalic(True)
                        item.setFont(font)
                if step.draft.id == history.start.id:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.setItem(row, column, item)
            first_status = step.status.split(" + ")[0]
            if first_status:
                self.item(row, 2).setIcon(status_icon(first_status))
        self.blockSignals(False)

    def row_text(self, row: int) -> list[str]:
        return [self.item(row, c).text() for c in range(self.columnCount())]
