"""File > Export synopsis (issue 19): tick the drafts, pick HTML or Word, and the
four-column document is written in the background, every ticked draft a column."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import html
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from drafts.demo import import_demo
from drafts.store import Store
from tests.viewer.windows import open_window
from viewer.synopsis_dialog import SynopsisDialog


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _open(qtbot: QtBot, store: Store, settings: QSettings) -> SynopsisDialog:
    import_demo(store)
    window = open_window(qtbot, store, settings)
    window.actions_by_name["synopsis"].trigger()
    dialog = window.synopsis_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _export(qtbot: QtBot, dialog: SynopsisDialog, path: Path) -> None:
    dialog.choose_path = lambda suggested: path  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written == path, timeout=20000)


def test_the_ticked_drafts_become_the_columns_of_an_html_synopsis(
    qtbot: QtBot, store: Store, settings: QSettings, tmp_path: Path
) -> None:
    dialog = _open(qtbot, store, settings)
    assert dialog.draft_list.count() == 5 and len(dialog.chosen()) == 5
    dialog.draft_list.item(1).setCheckState(Qt.CheckState.Unchecked)  # not the first revision
    assert dialog.summary.text() == "4 columns: Zero draft → Final text agreed ad referendum"
    out = tmp_path / "synopsis.html"
    _export(qtbot, dialog, out)
    heads = html.fromstring(out.read_bytes()).xpath("//thead/tr/th")
    labels = [h.text for h in heads]
    assert labels == [
        "Zero draft",
        "Second revised draft",
        "Further revised draft",
        "Final text agreed ad referendum",
        "Notes and positions",
    ]
    assert not dialog.isVisible()


def test_one_ticked_draft_is_not_enough_and_word_is_a_table(
    qtbot: QtBot, store: Store, settings: QSettings, tmp_path: Path
) -> None:
    dialog = _open(qtbot, store, settings)
    for k in range(1, 5):
        dialog.draft_list.item(k).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.export_button.isEnabled()
    assert dialog.summary.text() == "Tick two drafts or more"
    dialog.draft_list.item(4).setCheckState(Qt.CheckState.Checked)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("docx"))
    out = tmp_path / "synopsis.docx"
    _export(qtbot, dialog, out)
    with zipfile.ZipFile(out) as package:
        assert b"<w:tbl>" in package.read("word/document.xml")


def test_a_pdf_synopsis_is_painted_from_the_dialog(
    qtbot: QtBot, store: Store, settings: QSettings, tmp_path: Path
) -> None:
    dialog = _open(qtbot, store, settings)
    for k in (1, 2):
        dialog.draft_list.item(k).setCheckState(Qt.CheckState.Unchecked)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("pdf"))
    assert dialog.format_box.currentText() == "PDF document"
    out = tmp_path / "synopsis.pdf"
    _export(qtbot, dialog, out)
    assert out.read_bytes().startswith(b"%PDF-") and not dialog.isVisible()
    assert not dialog.painting
    assert not (tmp_path / "synopsis.pdf.part").exists()
