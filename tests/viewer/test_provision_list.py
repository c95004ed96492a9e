"""The provision list's view skips the repaint Qt makes on activation changes when they
change none of its colours, and keeps it when they do."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from viewer.provision_list import ProvisionList


class Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def shown_list(qtbot: QtBot, palette: QPalette | None = None) -> tuple[QMainWindow, ProvisionList]:
    window = QMainWindow()
    qtbot.addWidget(window)
    box = QWidget(window)
    layout = QVBoxLayout(box)
    edit = QLineEdit(box)  # the focus is elsewhere, as after a keyboard shortcut
    view = ProvisionList(box)
    if palette is not None:
        view.setPalette(palette)
    view.setModel(QStringListModel([f"Article {k}" for k in range(30)], view))
    layout.addWidget(edit)
    layout.addWidget(view)
    window.setCentralWidget(box)
    window.show()
    window.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.wait(20)
    return window, view  # the window kept alive by the caller


def paints_on_deactivation(qtbot: QtBot, view: ProvisionList) -> int:
    paints = Paints()
    view.viewport().installEventFilter(paints)
    other = QMainWindow()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow)
    qtbot.wait(20)
    QApplication.processEvents()
    return paints.count


def test_no_repaint_when_the_window_loses_focus_and_nothing_changes_colour(qtbot: QtBot) -> None:
    _window, view = shown_list(qtbot)
    palette = view.palette()
    assert palette.isEqual(QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
    assert paints_on_deactivation(qtbot, view) == 0


def test_a_repaint_when_the_inactive_colours_differ(qtbot: QtBot) -> None:
    palette = QPalette(QApplication.palette())
    palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight, QColor("#888888"))
    _window, view = shown_list(qtbot, palette)
    assert paints_on_deactivation(qtbot, view) >= 1
