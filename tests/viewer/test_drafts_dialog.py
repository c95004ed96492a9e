"""File > Drafts (issue 19): a draft renamed, redated, moved or deleted from the window,
the pickers following; edits undone; a delete that takes annotations says so first."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from drafts.store import Store
from tests.builders import annotate
from tests.viewer.windows import open_window
from viewer.drafts_dialog import DATE, LABEL, DraftsDialog
from viewer.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot: QtBot, demo: Store, settings: QSettings) -> MainWindow:
    return open_window(qtbot, demo, settings)


def _dialog(window: MainWindow) -> DraftsDialog:
    window.actions_by_name["drafts"].trigger()
    dialog = window.drafts_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_a_label_typed_over_renames_the_draft_and_undo_takes_it_back(
    qtbot: QtBot, window: MainWindow, demo: Store
) -> None:
    dialog = _dialog(window)
    assert dialog.table.rowCount() == 5
    dialog.table.item(4, LABEL).setText("Final text")
    assert demo.drafts()[-1].label == "Final text"
    qtbot.waitUntil(lambda: window.picker.to_box.currentText().startswith("Final text ·"))
    dialog.table.item(4, DATE).setText("2024-13-01")  # no such month: refused, put back
    assert dialog.error_box is not None and "not a day of the calendar" in dialog.error_box.text()
    assert dialog.table.item(4, DATE).text() == "2024-08-08"
    dialog.undo()
    assert demo.drafts()[-1].label == "Final text agreed ad referendum"


def test_a_draft_moved_to_a_new_negotiation_leaves_the_pickers_of_the_old_one(
    window: MainWindow, demo: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(window)
    dialog.table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("Earlier texts", True))
    dialog.move_selected()
    assert demo.drafts()[-1].negotiation == "Earlier texts"  # the zero draft, in a new one
    assert window.picker.negotiation_box.count() == 2


def test_deleting_says_what_goes_with_the_draft_and_asks_first(
    window: MainWindow, demo: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    last = demo.drafts()[-1]
    annotate(demo, last, "art_24", "human rights", note="Keep the safeguard.")
    dialog = _dialog(window)
    dialog.table.selectRow(4)
    asked: list[str] = []

    def answer(parent: object, title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog.delete_selected()
    assert len(demo.drafts()) == 5  # "No": nothing deleted
    dialog.table.selectRow(4)
    dialog.delete_selected()
    assert "69 provisions and the 1 annotation made on it" in asked[0]
    assert len(demo.drafts()) == 4 and last.id not in {d.id for d in demo.drafts()}
    assert window.picker.to_box.count() == 4
