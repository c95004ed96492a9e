"""The main window: for now, the negotiations and their drafts, with File > Import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QMainWindow,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from drafts.errors import TravauxError
from drafts.importer import import_paths
from drafts.store import Store
from viewer.errors import show_error

COLUMNS = ("Draft", "Date", "Symbol", "Provisions")


class MainWindow(QMainWindow):
    """Lists every negotiation in the database with its drafts in negotiation order."""

    drafts_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.error_box: QMessageBox | None = None
        self.setWindowTitle(f"Travaux — {store.name}")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("draftTree")
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setCentralWidget(self.tree)
        self._build_menus()
        self.refresh()
        self.resize(900, 560)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.import_action = QAction("&Import drafts…", self)
        self.import_action.setShortcut(QKeySequence.StandardKey.Open)
        self.import_action.triggered.connect(self.choose_and_import)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

    def refresh(self) -> None:
        """Rebuild the list from the store."""
        self.tree.clear()
        groups: dict[int, QTreeWidgetItem] = {}
        drafts = self.store.drafts()
        for draft in drafts:
            group = groups.get(draft.negotiation_id)
            if group is None:
                group = QTreeWidgetItem(self.tree, [draft.negotiation])
                group.setFirstColumnSpanned(True)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                groups[draft.negotiation_id] = group
            item = QTreeWidgetItem(
                group, [draft.label, draft.date, draft.symbol, str(draft.provision_count)]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, draft.id)
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, draft.source)
        self.tree.expandAll()
        for column in range(1, len(COLUMNS)):
            self.tree.resizeColumnToContents(column)
            self.tree.setColumnWidth(column, self.tree.columnWidth(column) + 24)
        self.statusBar().showMessage(
            f"{_count(len(drafts), 'draft')} in {_count(len(groups), 'negotiation')} · "
            f"{self.store.name}"
        )

    def choose_and_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Import drafts", str(Path.home()), "Akoma Ntoso XML (*.xml *.akn);;All files (*)"
        )
        if files:
            self.import_files(files)

    def import_files(self, paths: list[str]) -> bool:
        """Import `paths` all-or-nothing; on failure show the reason and change nothing."""
        try:
            report = import_paths(self.store, paths)
        except TravauxError as exc:
            self.error_box = show_error(self, "Import failed", exc)
            return False
        self.refresh()
        self.drafts_changed.emit()
        skipped = len(report.duplicates)
        note = f"; {skipped} already imported" if skipped else ""
        self.statusBar().showMessage(f"Imported {_count(len(report.added), 'draft')}{note}")
        return True


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
