"""The import dialog (issue 19): an import asks what each draft is filed under before it
stores anything, a folder's files that are left out are named with the reason, and
Cancel stores nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
)
from pytestqt.qtbot import QtBot

from drafts.demo import import_demo
from drafts.store import Store
from tests.builders import akn_document, article
from tests.viewer.windows import open_window
from viewer.import_dialog import DATE, LABEL, SYMBOL, ImportDialog
from viewer.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, store: Store, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return open_window(qtbot, store, settings)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.xml").write_text(akn_document(article(1, "States shall act.")))
    (drafts / "b.xml").write_text(
        akn_document(
            article(1, "States shall act now."), date="2023-06-05", stage="Revised", symbol="R/1"
        )
    )
    (drafts / "broken.xml").write_text("<akomaNtoso><bill>")
    (drafts / "notes.txt").write_text("Call the chair.\n")
    return drafts


def _review(qtbot: QtBot, window: MainWindow, paths: list[str]) -> ImportDialog:
    with qtbot.waitSignal(window.importer.reviewing, timeout=10000) as shown:
        window.import_files(paths)
    dialog = shown.args[0]
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    return dialog


def _cells(dialog: ImportDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(r, c).text() for c in (0, LABEL, DATE, SYMBOL)]
        + [dialog.negotiation_box(r).currentText()]
        for r in range(table.rowCount())
    ]


def _type(qtbot: QtBot, dialog: ImportDialog, row: int, column: int, text: str) -> None:
    """Type over a cell as a user does: select it, type, press Enter."""
    table = dialog.table
    table.setCurrentCell(row, column)
    table.edit(table.currentIndex())
    editor = table.focusWidget()
    assert table.state() == QAbstractItemView.State.EditingState and editor is not None
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def _press(qtbot: QtBot, dialog: ImportDialog, which: str) -> None:
    box = dialog.findChild(QDialogButtonBox)
    button = next(b for b in box.buttons() if b.text().replace("&", "").startswith(which))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_folder_is_read_then_each_draft_filed_as_the_user_corrects_it(
    qtbot: QtBot, window: MainWindow, store: Store, folder: Path
) -> None:
    dialog = _review(qtbot, window, [str(folder)])
    assert _cells(dialog) == [
        ["a.xml", "Zero draft", "2023-01-16", "A/AC.1/1", "Test convention"],
        ["b.xml", "Revised", "2023-06-05", "R/1", "Test convention"],
    ]
    skipped = dialog.skipped_label
    assert skipped.isVisible()
    assert skipped.text().splitlines()[0] == "Left out, 2 files:"
    assert "notes.txt: a text file with no article heading: notes, not a draft" in skipped.text()
    assert "broken.xml: malformed XML at line 1" in skipped.text()
    assert store.is_empty()  # nothing yet: the dialog asks first
    _type(qtbot, dialog, 0, LABEL, "Zero draft (Chair)")
    _type(qtbot, dialog, 1, SYMBOL, "A/AC.1/1/Rev.1")
    box = dialog.negotiation_box(1)
    box.setFocus()
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box.lineEdit(), "Second track")
    with qtbot.waitSignal(window.import_finished, timeout=10000) as done:
        _press(qtbot, dialog, "Import 2 drafts")
    assert done.args == [True]
    drafts = {d.label: d for d in store.drafts()}
    assert set(drafts) == {"Zero draft (Chair)", "Revised"}
    assert drafts["Zero draft (Chair)"].negotiation == "Test convention"
    assert (drafts["Revised"].symbol, drafts["Revised"].negotiation) == (
        "A/AC.1/1/Rev.1",
        "Second track",
    )


def test_cancel_in_the_dialog_stores_nothing(
    qtbot: QtBot, window: MainWindow, store: Store, folder: Path
) -> None:
    dialog = _review(qtbot, window, [str(folder / "a.xml")])
    assert not dialog.skipped_label.isVisible()
    with qtbot.waitSignal(window.import_finished, timeout=10000) as done:
        _press(qtbot, dialog, "Cancel")
    assert done.args == [False]
    assert store.is_empty()
    assert window.statusBar().currentMessage() == "Import cancelled: nothing was imported"
    assert not window.importer.busy()  # the next import may start


def test_a_date_that_is_not_a_day_keeps_the_dialog_open_and_says_so(
    qtbot: QtBot, window: MainWindow, store: Store, folder: Path
) -> None:
    dialog = _review(qtbot, window, [str(folder)])
    _type(qtbot, dialog, 1, DATE, "2023-02-30")
    _press(qtbot, dialog, "Import")
    assert dialog.isVisible() and store.is_empty()
    assert dialog.problem.isVisible()
    assert dialog.problem.text().startswith(
        "b.xml: the date '2023-02-30' is not a day of the calendar"
    )
    assert dialog.table.selectionModel().selectedRows()[0].row() == 1
    _type(qtbot, dialog, 1, DATE, "2023-02-28")
    with qtbot.waitSignal(window.import_finished, timeout=10000):
        _press(qtbot, dialog, "Import")
    assert sorted(d.date for d in store.drafts()) == ["2023-01-16", "2023-02-28"]


def test_the_negotiation_is_chosen_from_the_stored_ones(
    qtbot: QtBot, window: MainWindow, store: Store, folder: Path
) -> None:
    import_demo(store)
    demo = store.negotiations()[0][1]
    window.reload_drafts()
    dialog = _review(qtbot, window, [str(folder / "a.xml")])
    box = dialog.negotiation_box(0)
    offered = [box.itemText(k) for k in range(box.count())]
    assert offered == [demo, "Test convention"]  # stored first, then the document's own
    box.setCurrentIndex(0)
    with qtbot.waitSignal(window.import_finished, timeout=10000):
        _press(qtbot, dialog, "Import")
    added = next(d for d in store.drafts() if d.source.endswith("a.xml"))
    assert added.negotiation == demo


def test_a_folder_with_nothing_readable_is_an_error_naming_what_it_holds(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    (tmp_path / "broken.xml").write_text("<bill>")
    with qtbot.waitSignal(window.import_finished, timeout=10000) as done:
        window.import_files([str(tmp_path)])
    assert done.args == [False]
    box = window.error_box
    assert isinstance(box, QMessageBox)
    assert "the folder holds no readable drafts (broken.xml: malformed XML" in box.text()
    assert store.is_empty()


def test_file_import_a_folder_starts_where_the_last_import_came_from(
    qtbot: QtBot, window: MainWindow, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    starts: list[str] = []

    def choose(parent: object, title: str, start: str) -> str:
        starts.append(start)
        return str(folder)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    file_menu = window.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.objectName() == "import_folder")
    with qtbot.waitSignal(window.importer.reviewing, timeout=10000) as shown:
        action.trigger()
    assert [r[0] for r in _cells(shown.args[0])] == ["a.xml", "b.xml"]
    with qtbot.waitSignal(window.import_finished, timeout=10000):
        _press(qtbot, shown.args[0], "Cancel")
    with qtbot.waitSignal(window.importer.reviewing, timeout=10000):
        action.trigger()
    assert starts == [str(Path.home()), str(folder)]


def test_a_draft_stored_already_is_marked_before_anything_is_imported(
    qtbot: QtBot, window: MainWindow, store: Store, folder: Path
) -> None:
    dialog = _review(qtbot, window, [str(folder / "a.xml")])
    with qtbot.waitSignal(window.import_finished, timeout=10000):
        _press(qtbot, dialog, "Import")
    dialog = _review(qtbot, window, [str(folder)])
    assert [r[0] for r in _cells(dialog)] == ["a.xml (stored as Zero draft)", "b.xml"]
    intro = dialog.findChild(QLabel, "importIntro").text()
    assert intro.endswith(
        "1 of them is stored already (same content, marked in grey): importing adds "
        "nothing for those."
    )


def test_same_negotiation_for_all_files_every_draft_with_the_selected_one(
    qtbot: QtBot, window: MainWindow, store: Store, folder: Path
) -> None:
    dialog = _review(qtbot, window, [str(folder)])
    box = dialog.negotiation_box(1)
    box.setCurrentText("Working group on data")
    dialog.table.selectRow(1)
    qtbot.mouseClick(dialog.same_button, Qt.MouseButton.LeftButton)
    assert [r[-1] for r in _cells(dialog)] == ["Working group on data"] * 2
    with qtbot.waitSignal(window.import_finished, timeout=10000):
        _press(qtbot, dialog, "Import")
    assert {d.negotiation for d in store.drafts()} == {"Working group on data"}
    assert len(store.negotiations()) == 1
