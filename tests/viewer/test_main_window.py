"""The first window: it lists the drafts, imports through File > Import, and shows errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from drafts.store import Store
from tests.conftest import article
from viewer.app import open_store
from viewer.main_window import MainWindow


def _rows(window: MainWindow) -> list[list[str]]:
    tree = window.tree
    rows = []
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        rows.append([group.text(0)])
        for j in range(group.childCount()):
            item = group.child(j)
            rows.append([item.text(c) for c in range(tree.columnCount())])
    return rows


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    w = MainWindow(store)
    qtbot.addWidget(w)
    w.show()
    return w


def test_empty_database_shows_an_empty_list(window: MainWindow) -> None:
    assert _rows(window) == []
    assert window.statusBar().currentMessage().startswith("0 drafts in 0 negotiations ·")


def test_import_through_the_file_menu_lists_the_drafts(
    window: MainWindow, write_akn: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    a = write_akn(
        "a.xml",
        article(1, "A.") + article(2, "B."),
        date="2023-06-05",
        stage="Revised draft",
        symbol="A/AC.1/1/Rev.1",
    )
    b = write_akn("b.xml", article(1, "A."), date="2023-01-16")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(a), str(b)], "")
    )
    file_menu = window.menuBar().actions()[0]
    assert file_menu.text() == "&File"
    assert window.import_action.shortcut().toString() == "Ctrl+O"
    window.import_action.trigger()
    assert _rows(window) == [
        ["Test convention"],
        ["Zero draft", "2023-01-16", "A/AC.1/1", "1"],
        ["Revised draft", "2023-06-05", "A/AC.1/1/Rev.1", "2"],
    ]
    assert window.statusBar().currentMessage() == "Imported 2 drafts"


def test_a_bad_file_shows_a_dialog_naming_it_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    before = store.dump()
    bad = tmp_path / "broken.xml"
    bad.write_text("<akomaNtoso><bill>")
    with qtbot.waitSignal(window.drafts_changed, timeout=200, raising=False) as changed:
        assert window.import_files([str(bad)]) is False
    assert not changed.signal_triggered
    box = window.error_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.windowTitle() == "Import failed"
    assert box.text().startswith(f"{bad}: malformed XML at line 1")
    assert store.dump() == before
    box.button(QMessageBox.StandardButton.Ok).click()
    assert not box.isVisible()


def test_each_draft_row_carries_its_id_and_source(window: MainWindow, write_akn) -> None:
    path = write_akn("a.xml", article(1, "A."))
    window.import_files([str(path)])
    item = window.tree.topLevelItem(0).child(0)
    assert item.data(0, Qt.ItemDataRole.UserRole) == 1
    assert item.toolTip(0) == str(path)


def test_first_start_imports_the_demo_negotiation(tmp_path: Path) -> None:
    with open_store(tmp_path / "fresh.sqlite3") as store:
        drafts = store.drafts()
        assert [d.label for d in drafts] == [
            "Zero draft",
            "First revised draft",
            "Second revised draft",
            "Further revised draft",
            "Final text agreed ad referendum",
        ]
    with open_store(tmp_path / "fresh.sqlite3") as again:  # not imported twice
        assert len(again.drafts()) == 5
