"""Start the app: open the database (importing the demo on first start) and show the window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from drafts.errors import TravauxError
from drafts.store import Store
from viewer.main_window import MainWindow
from viewer.workers import wait_for_all


def open_store(db_path: Path) -> Store:
    """The user's database; an empty one gets the demo negotiation so there is something to read."""
    store = Store(db_path)
    if store.is_empty():
        from drafts.demo import import_demo  # the importer is only needed this once

        import_demo(store)
    return store


def run(db_path: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Travaux")
    app.setOrganizationName("Travaux")
    try:
        store = open_store(db_path)
    except TravauxError as exc:
        QMessageBox.critical(None, "Travaux cannot open its database", str(exc))
        return 2
    try:  # the window reads the drafts as it is made: a damaged file fails here
        window = MainWindow(store, QSettings())
    except TravauxError as exc:
        store.close()
        QMessageBox.critical(None, "Travaux cannot read its database", str(exc))
        return 2
    window.show()
    try:
        return app.exec()
    finally:
        wait_for_all()  # a comparison still running must not outlive the store
        store.close()
