"""The window on a damaged database: a dialog that names the file and says it is
damaged, at start-up or at the first comparison, never a traceback; the file is
left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from drafts.demo import import_demo
from drafts.store import Store
from tests.builders import damage_table
from viewer import app
from viewer.main_window import MainWindow


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "travaux.sqlite3"
    with Store(path) as store:
        import_demo(store)
    return path


def test_a_damaged_list_of_drafts_stops_the_start_with_a_dialog(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damage_table(demo_file, "drafts")
    before = demo_file.read_bytes()
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox,
        "critical",
        staticmethod(lambda _parent, title, text: shown.append((title, text))),
    )
    assert app.run(demo_file) == 2
    ((title, text),) = shown
    assert title == "Travaux cannot read its database"
    assert text.startswith(f"{demo_file}: cannot read the database: the database is damaged (")
    assert demo_file.read_bytes() == before


def test_damaged_provisions_fail_the_comparison_with_a_dialog(
    demo_file: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    damage_table(demo_file, "provisions")
    before = demo_file.read_bytes()
    with Store(demo_file) as store:
        window = MainWindow(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.error_box is not None, timeout=10000)
        assert window.error_box is not None
        assert window.error_box.windowTitle() == "The comparison failed"
        assert "the database is damaged" in window.error_box.text()
        assert str(demo_file) in window.error_box.text()
        window.close()
    assert demo_file.read_bytes() == before
