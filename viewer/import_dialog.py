"""The import dialog: every draft read, with what it will be filed under, to check and
correct before anything is stored.

One row per file: its label, date and document symbol as the document gives them, and
its negotiation (one of those stored, by the title the store knows it by, or the
document's own), each typed over in place; the negotiation is chosen from the list or
typed (a new name makes a new negotiation). Below, the files of a folder that were
left out, each with the reason. Import files every draft as shown, checked as
`drafts.import_plan.refile` checks it: a refusal is said in the dialog, which stays
open. Cancel stores nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafts.errors import DraftImportError
from drafts.import_plan import Filing, Skipped, filing_of, refile
from drafts.importer import ReadDocument
from drafts.model import Draft, StoredDraft
from drafts.wording import plural

COLUMNS = ("File", "Label", "Date", "Symbol", "Negotiation")
FILE, LABEL, DATE, SYMBOL, NEGOTIATION = range(len(COLUMNS))
ROOM = {LABEL: "Further revised draft", DATE: "2024-12-31", SYMBOL: "A/AC.305/7/Rev.3"}
"""What each editable column is wide enough for, filled or not."""
MAX_NEGOTIATION_WIDTH = 460
"""The negotiation column's widest, in pixels, before a long title is cut."""
SHOWN_SKIPPED = 8
"""Skipped files named in the dialog itself; the rest are in the label's tooltip."""


class ImportDialog(QDialog):
    """`drafts` holds the drafts as filed once the dialog is accepted."""

    def __init__(
        self,
        documents: list[ReadDocument],
        skipped: list[Skipped],
        known: list[tuple[int, str, str]],
        parent: QWidget | None = None,
        stored: dict[str, StoredDraft] | None = None,
    ) -> None:
        """`stored`: for each draft already in the database (same content), by its
        source, the draft there: importing it again adds nothing, and the dialog says so
        before the reader presses Import."""
        super().__init__(parent)
        self.stored = stored or {}
        self.setObjectName("importDialog")
        self.setWindowTitle("Import drafts")
        self.documents = documents
        self.known = known
        self.drafts: list[Draft] = []
        count = plural(len(documents), "draft")
        again = (
            f" {plural(len(self.stored), 'of them is', 'of them are')} stored already "
            "(same content, marked in grey): importing adds nothing for those."
            if self.stored
            else ""
        )
        intro = QLabel(
            f"{count} read. Check what each is filed under (type over a label, date or "
            "symbol; choose or type its negotiation): nothing is stored until you press "
            f"Import.{again}",
            self,
        )
        intro.setObjectName("importIntro")
        intro.setWordWrap(True)
        self.table = self._table()
        self.skipped_label = self._skipped(skipped)
        self.problem = QLabel(self)
        self.problem.setObjectName("importProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e")  # a refusal, said where the eye is
        self.problem.hide()
        self.same_button = QPushButton("&Same negotiation for all", self)
        self.same_button.setObjectName("sameNegotiation")
        self.same_button.setToolTip("Put every draft in the negotiation of the selected row")
        self.same_button.clicked.connect(self.same_negotiation_for_all)
        self.same_button.setVisible(len(documents) > 1)
        self.import_button = QPushButton(f"&Import {count}", self)
        self.import_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.skipped_label)
        layout.addWidget(self.problem)
        foot = QHBoxLayout()
        foot.addWidget(self.same_button)  # on the left: it changes the table, not the dialog
        foot.addWidget(buttons, 1)
        layout.addLayout(foot)
        self._fit()

    def _table(self) -> QTableWidget:
        table = QTableWidget(len(self.documents), len(COLUMNS), self)
        table.setObjectName("importTable")
        table.setHorizontalHeaderLabels(COLUMNS)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        titles = self._negotiation_titles()
        for row, document in enumerate(self.documents):
            draft = document.draft
            filing = filing_of(draft, self.known)
            name = QTableWidgetItem(Path(draft.source).name)
            name.setToolTip(draft.source)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            twin = self.stored.get(draft.source)
            if twin is not None:
                name.setText(f"{name.text()} (stored as {twin.label})")
                name.setToolTip(f"{draft.source}: already stored as {twin.label}, same content")
                name.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
            table.setItem(row, FILE, name)
            for column, value in ((LABEL, filing.label), (DATE, filing.date)):
                table.setItem(row, column, QTableWidgetItem(value))
            table.setItem(row, SYMBOL, QTableWidgetItem(filing.symbol))
            box = QComboBox(table)
            box.setEditable(True)
            box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            box.addItems(titles)
            box.setCurrentText(filing.negotiation)
            box.setToolTip("A stored negotiation, or type a new one's name")
            box.lineEdit().setCursorPosition(0)  # a long title shows its start
            table.setCellWidget(row, NEGOTIATION, box)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.resizeColumnsToContents()
        for column, sample in ROOM.items():  # room to type into an empty cell
            wide = self.fontMetrics().horizontalAdvance(sample) + 16
            table.setColumnWidth(column, max(table.columnWidth(column), wide))
        longest = max((self.fontMetrics().horizontalAdvance(t) for t in titles), default=0)
        table.setColumnWidth(NEGOTIATION, min(longest + 48, MAX_NEGOTIATION_WIDTH))
        header.setStretchLastSection(True)
        return table

    def _negotiation_titles(self) -> list[str]:
        """The stored negotiations, then the documents' own that are not stored yet."""
        titles = [title for _, title, _ in self.known]
        for document in self.documents:
            title = filing_of(document.draft, self.known).negotiation
            if title and title not in titles:
                titles.append(title)
        return titles

    def _skipped(self, skipped: list[Skipped]) -> QLabel:
        label = QLabel(self)
        label.setObjectName("importSkipped")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if not skipped:
            label.hide()
            return label
        lines = [f"{s.path.name}: {s.reason}" for s in skipped]
        shown = lines[:SHOWN_SKIPPED]
        if len(lines) > SHOWN_SKIPPED:
            shown.append(f"… and {len(lines) - SHOWN_SKIPPED} more (hover to see them all)")
        label.setText(f"Left out, {plural(len(skipped), 'file')}:\n" + "\n".join(shown))
        label.setToolTip("\n".join(lines))
        return label

    def _fit(self) -> None:
        """Wide enough for every column when the screen allows, tall enough for ten rows."""
        table = self.table
        wide = sum(table.columnWidth(c) for c in range(len(COLUMNS))) + 4 * table.frameWidth()
        rows = min(max(table.rowCount(), 3), 10)
        tall = table.horizontalHeader().height() + rows * table.rowHeight(0) + 4
        table.setMinimumHeight(tall)
        self.resize(min(max(wide + 24, 640), 1240), self.sizeHint().height())

    def negotiation_box(self, row: int) -> QComboBox:
        box = self.table.cellWidget(row, NEGOTIATION)
        assert isinstance(box, QComboBox)
        return box

    def same_negotiation_for_all(self) -> None:
        """Every row in the negotiation of the selected row (the first, if none is)."""
        rows = self.table.selectionModel().selectedRows()
        chosen = self.negotiation_box(rows[0].row() if rows else 0).currentText()
        for row in range(self.table.rowCount()):
            box = self.negotiation_box(row)
            box.setCurrentText(chosen)
            box.lineEdit().setCursorPosition(0)

    def filing(self, row: int) -> Filing:
        """The row as the reader left it."""
        text = self.table.item
        return Filing(
            text(row, LABEL).text(),
            text(row, DATE).text(),
            text(row, SYMBOL).text(),
            self.negotiation_box(row).currentText(),
        )

    def accept(self) -> None:
        """File every draft as shown; a refusal names the file and keeps the dialog open."""
        filed = []
        for row, document in enumerate(self.documents):
            try:
                filed.append(refile(document.draft, self.filing(row), self.known))
            except DraftImportError as exc:
                name = Path(exc.source).name
                self.problem.setText(f"{name}: {exc.reason}. Correct it, or Cancel.")
                self.problem.show()
                self.table.selectRow(row)
                return
        self.drafts = filed
        super().accept()
