"""The window beside other programs on the same database: drafts another program
imports appear in the pickers without a restart, and while another program holds the
write lock an annotation fails at once with a clear message instead of freezing the
window for the ten seconds the command line would wait."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from drafts.annotating.annotations import Content, find_annotations
from drafts.demo import demo_files
from drafts.store import Store
from main import main
from tests.builders import article
from tests.viewer.windows import open_window
from viewer.main_window import GUI_WAIT, MainWindow


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Store]:
    """A database file holding the demo's first two drafts, open as the window has it."""
    path = tmp_path / "travaux.sqlite3"
    assert main(["import", *map(str, demo_files()[:2]), "--db", str(path)]) == 0
    with Store(path) as store:
        yield store


@pytest.fixture
def window(qtbot: QtBot, shared: Store, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return open_window(qtbot, shared, settings)


def _labels(window: MainWindow) -> list[str]:
    box = window.picker.to_box
    return [box.itemText(i) for i in range(box.count())]


def test_drafts_imported_by_another_program_appear(
    qtbot: QtBot, window: MainWindow, shared: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = window.comparison
    assert shown is not None and len(_labels(window)) == 2
    assert main(["import", *map(str, demo_files()[2:4]), "--db", shared.name]) == 0
    qtbot.waitUntil(lambda: len(_labels(window)) == 4, timeout=5000)
    assert _labels(window)[2].startswith("Second revised draft")
    pair = window.picker.chosen()
    assert pair is not None and (pair[0].id, pair[1].id) == (shown.old.id, shown.new.id)
    assert window.comparison is shown  # the pair on screen was not compared again


def test_a_new_negotiation_from_another_program_is_offered(
    qtbot: QtBot, window: MainWindow, shared: Store, write_akn: Callable[..., Path]
) -> None:
    other = write_akn("o.xml", article(1, "Other."), work="/akn/un/bill/2020/other")
    assert main(["import", str(other), "--db", shared.name]) == 0
    box = window.picker.negotiation_box
    qtbot.waitUntil(lambda: box.count() == 2, timeout=5000)


def test_annotating_while_another_program_writes_fails_fast_and_says_why(
    qtbot: QtBot, window: MainWindow, shared: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(window.annotating, "ask_content", lambda *a: Content(note="mine"))
    other = sqlite3.connect(shared.name, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program's import, half-way
    try:
        started = time.monotonic()
        assert window.annotating.annotate_provision() is None
        waited = time.monotonic() - started
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert waited < GUI_WAIT + 1.0
    box = window.annotating.error_box
    assert isinstance(box, QMessageBox)
    assert box.text() == (
        f"{shared.name}: the annotation was not saved: the database is in use by another "
        "program; try again when it is done"
    )
    assert find_annotations(shared) == []
    assert window.annotating.annotate_provision() is not None  # the lock gone, it works
    assert [a.content.note for a in find_annotations(shared)] == ["mine"]
