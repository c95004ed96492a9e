"""The Help menu (issue 19): every shortcut, read from the menus, and what Travaux is."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from drafts.store import Store
from tests.viewer.windows import open_window


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_the_shortcuts_dialog_lists_every_menu_command_with_keys(
    qtbot: QtBot, demo: Store, settings: QSettings
) -> None:
    window = open_window(qtbot, demo, settings)
    window.actions_by_name["shortcuts"].trigger()
    dialog = window.shortcuts_dialog
    assert dialog is not None and dialog.isVisible()
    shown = dialog.text.toPlainText()
    in_menus = {a for m in window.menuBar().actions() if m.menu() for a in m.menu().actions()}
    keyed = [a for a in in_menus if not a.shortcut().isEmpty()]
    assert len(keyed) > 20
    for action in keyed:
        assert action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) in shown
    assert "Export comparison" in shown and "Annotate the current change" in shown


def test_the_annotate_menu_has_the_current_change(
    qtbot: QtBot, demo: Store, settings: QSettings
) -> None:
    window = open_window(qtbot, demo, settings)
    (annotate,) = [m.menu() for m in window.menuBar().actions() if m.text() == "&Annotate"]
    assert window.actions_by_name["annotate_change"] in annotate.actions()


def test_about_names_the_version_and_the_database(
    qtbot: QtBot, demo: Store, settings: QSettings
) -> None:
    window = open_window(qtbot, demo, settings)
    window.actions_by_name["about"].trigger()
    box = window.about_box
    assert box is not None and box.isVisible()
    assert "Travaux 0.1.0" in box.text() and demo.name in box.text()
    assert "never uses the network" in box.text()
