"""Helpers the window tests share: open the main window as a user starts it, pick drafts
as a user does. (Fixtures are in `conftest.py`; Qt-free builders in `tests/builders.py`.)"""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer
from pytestqt.qtbot import QtBot

from drafts.store import Store
from viewer.main_window import MainWindow
from viewer.workers import in_flight


def open_window(qtbot: QtBot, store: Store, settings: QSettings) -> MainWindow:
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    if store.drafts():
        qtbot.waitUntil(lambda: window.comparison is not None, timeout=10000)
    qtbot.waitUntil(lambda: in_flight() == 0, timeout=10000)  # its cache written, say
    return window


def choose(qtbot: QtBot, window: MainWindow, old_label: str, new_label: str) -> None:
    """Pick drafts in the toolbar's From and To boxes, as a user does."""
    picker = window.picker
    for box, label in ((picker.from_box, old_label), (picker.to_box, new_label)):
        k = next(i for i in range(box.count()) if box.itemText(i).startswith(label))
        with qtbot.waitSignal(window.comparison_shown, timeout=10000):
            box.setCurrentIndex(k)
            box.activated.emit(k)


def accept_imports(window: MainWindow) -> None:
    """Answer every import dialog of the window with Import, each draft filed as its
    document says (as a user who reads the dialog and agrees)."""
    window.importer.reviewing.connect(lambda dialog: QTimer.singleShot(0, dialog.accept))
