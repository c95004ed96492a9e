"""The drafts' own marks window (issue 15): the selected provision as each draft's
document marked it, struck words struck and inserted words bold and underlined,
following the selection in the main window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from drafts.reading.conversion import convert_file
from drafts.store import Store
from tests.docx_builder import bold, build, p, struck
from tests.viewer.windows import choose, open_window


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _import(store: Store, tmp_path: Path, name: str, label: str, body: list[str]) -> None:
    path = tmp_path / f"{name}.docx"
    path.write_bytes(build(body))
    converted = convert_file(path, label=label, negotiation="Notification convention")
    store.add_drafts([converted.draft])


@pytest.fixture
def marked(store: Store, tmp_path: Path) -> Store:
    """A plain zero draft, then the chair's compromise text marking its changes."""
    _import(
        store,
        tmp_path,
        "zero",
        "Zero draft",
        [
            p("Article 1. Notification"),
            p("States shall promptly notify."),
            p("Article 2. Scope"),
            p("It applies."),
        ],
    )
    _import(
        store,
        tmp_path,
        "compromise",
        "Compromise text",
        [
            p("Article 1. Notification"),
            p("States shall ", struck("promptly "), bold("without delay"), " notify."),
            p("Article 2. Scope"),
            p("It applies."),
        ],
    )
    return store


def _formatted(document: QTextDocument, words: str) -> tuple[bool, bool, bool]:
    """(struck, bold, underlined) of the first occurrence of `words` in `document`."""
    cursor = document.find(words)
    assert not cursor.isNull(), f"{words!r} is not shown"
    inside = QTextCursor(document)
    inside.setPosition(cursor.selectionStart() + 1)
    fmt = inside.charFormat()
    return fmt.fontStrikeOut(), fmt.font().bold(), fmt.fontUnderline()


def test_the_window_shows_each_drafts_own_marks_and_follows_the_selection(
    qtbot: QtBot, marked: Store, settings: QSettings
) -> None:
    window = open_window(qtbot, marked, settings)
    choose(qtbot, window, "Zero draft", "Compromise text")
    window.select_provision(window.picker.chosen()[1].id, "art_1")
    window.actions_by_name["own_marks"].trigger()
    shown = window.own_marks
    assert shown is not None and shown.isVisible()
    document = shown.text.document()
    text = document.toPlainText()
    assert "Zero draft" in text and "Compromise text" in text
    assert "no marks of its own" in text  # the zero draft marks nothing
    assert "2 marks" in text
    assert _formatted(document, "promptly notify") == (False, False, False)  # zero draft
    struck_words = document.find("promptly", document.find("Compromise text").position())
    assert struck_words.charFormat().fontStrikeOut()
    assert _formatted(document, "without delay")[1:] == (True, True)

    window.select_provision(window.picker.chosen()[1].id, "art_2")
    text = shown.text.document().toPlainText()
    assert "It applies." in text and "promptly" not in text
