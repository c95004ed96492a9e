"""The main window, driven as a user drives it: drafts chosen in the toolbar, provisions
picked in the list, changes walked with the keyboard, files imported by the menu and
by dropping them, errors shown in dialogs. Each test asserts what the user would see."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QEvent,
    QMimeData,
    QObject,
    QPoint,
    QPointF,
    QSettings,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QCheckBox, QFileDialog, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from drafts.comparing.comparisons import compare_drafts
from drafts.demo import import_demo
from drafts.errors import StoreError
from drafts.importer import ImportCancelled
from drafts.store import Store
from tests.builders import article
from tests.viewer.windows import accept_imports, choose, open_window
from viewer import importing, main_window
from viewer.app import open_store
from viewer.draft_picker import draft_title
from viewer.main_window import MainWindow, summary_text
from viewer.provision_model import STATUS_MARKS


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def demo_store(store: Store) -> Store:
    import_demo(store)
    return store


@pytest.fixture
def window(qtbot: QtBot, demo_store: Store, settings: QSettings) -> Iterator[MainWindow]:
    yield open_window(qtbot, demo_store, settings)


def list_rows(window: MainWindow) -> list[list[str]]:
    """The provision list as the user sees it: chapters, then their provisions' cells."""
    rows = []
    model = window.filter
    for r in range(model.rowCount()):
        top = model.index(r, 0)
        rows.append([model.index(r, c).data() or "" for c in range(model.columnCount())])
        for k in range(model.rowCount(top)):
            rows.append(
                ["  " + model.index(k, 0, top).data()]
                + [model.index(k, c, top).data() or "" for c in range(1, model.columnCount())]
            )
    return rows


def test_first_start_shows_the_demos_last_two_drafts(window: MainWindow, demo_store: Store) -> None:
    drafts = demo_store.drafts()
    assert window.picker.negotiation_box.currentText() == drafts[0].negotiation
    assert window.picker.from_box.currentText() == (
        "Further revised draft · 2024-05-23 · A/AC.305/7/Rev.3"  # the symbol it is cited by
    )
    assert window.picker.to_box.currentText().startswith("Final text agreed ad referendum")
    expected = compare_drafts(demo_store, drafts[-2], drafts[-1])
    assert window.summary.text() == summary_text(expected)
    assert window.summary.text().endswith("words")
    assert "Further revised draft" in window.windowTitle()
    # every provision of the comparison is in the list, once, in its order
    shown = [window.change_at(row) for row in window.visible_rows()]
    assert [(c.from_num, c.to_num, c.status) for c in shown] == [
        (c.from_num, c.to_num, c.status) for c in expected.changes
    ]
    # the first changed provision is selected and shown
    first = next(c for c in expected.changes if c.changed)
    assert window.current_change() == first
    assert window.diff_view.new_pane.toPlainText().startswith(first.new[0].heading)


def test_the_first_frame_says_what_is_coming_and_the_rest_follows_it(
    qtbot: QtBot, demo_store: Store, settings: QSettings
) -> None:
    window = MainWindow(demo_store, settings)
    qtbot.addWidget(window)
    old, new = demo_store.drafts()[-2:]
    assert window.statusBar().currentMessage() == (
        f"Comparing {draft_title(old)} with {draft_title(new)}…"
    )
    assert not window.comparing.busy()  # nothing is read before the window is drawn
    annotate = window.menus["&Annotate"]
    assert not [a for a in annotate.actions() if not a.isSeparator()]  # made after it
    window.show()
    qtbot.waitUntil(lambda: window.comparison is not None, timeout=10000)
    assert window.actions_by_name["annotate_change"] in annotate.actions()
    assert window.actions_by_name["undo"] in window.menus["&Edit"].actions()
    assert window.windowTitle().startswith(draft_title(old))


def test_the_list_groups_by_chapter_and_marks_statuses_without_colour(window: MainWindow) -> None:
    rows = list_rows(window)
    chapters = [r[0] for r in rows if not r[0].startswith("  ")]
    assert chapters[0] == "Preamble"  # a provision outside any chapter stands alone
    assert chapters[1].startswith("Chapter I ")
    statuses = {r[2] for r in rows if r[0].startswith("  ")}
    assert statuses <= {f"{mark} {name}" for name, mark in STATUS_MARKS.items()} | {
        f"{mark} {name} ?" for name, mark in STATUS_MARKS.items()
    }
    assert "≠ modified" in statuses
    words = [r[3] for r in rows if r[2].startswith("≠")]
    assert all(w.startswith("+") and " / −" in w for w in words)
    # New shows the heading too: a constitution is not a wall of "35.", "36.", "37."
    shown = 0
    for row in window.visible_rows():
        change = window.change_at(row)
        if change is not None and len(change.new) == 1 and change.new[0].num:
            new = change.new[0]
            assert row.siblingAtColumn(1).data() == f"{new.num} · {new.heading}"
            shown += 1
    assert shown > 60


def test_choosing_drafts_compares_them(qtbot: QtBot, window: MainWindow, demo_store: Store) -> None:
    choose(qtbot, window, "Zero draft", "Final text")
    drafts = demo_store.drafts()
    assert window.comparison is not None
    assert (window.comparison.old.id, window.comparison.new.id) == (drafts[0].id, drafts[-1].id)
    expected = compare_drafts(demo_store, drafts[0], drafts[-1])
    assert window.summary.text() == summary_text(expected)
    statuses = {window.change_at(r).status for r in window.visible_rows()}
    assert {"split", "merged", "moved", "added", "deleted"} <= statuses


def test_a_comparison_fills_the_list_then_writes_its_text_once_the_list_is_painted(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The list's first paint and the selected provision's text took 50-70 ms together:
    the list is painted first, the text written in a turn after."""
    order: list[str] = []
    texts = [window.diff_view.old_pane.toPlainText()]

    def reset() -> None:
        order.append("list filled")
        QTimer.singleShot(0, lambda: order.append("next turn"))
        assert window.diff_view.old_pane.toPlainText() == texts[-1]  # not yet written

    def shown() -> None:
        order.append("text shown")
        texts.append(window.diff_view.old_pane.toPlainText())

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and order and order[-1] != "list painted":
                order.append("list painted")
            return False

    painted = Painted()
    window.tree.viewport().installEventFilter(painted)
    window.model.modelReset.connect(reset)
    window.comparison_shown.connect(shown)
    choose(qtbot, window, "Zero draft", "Final text")  # the From box, then the To box
    filled = [k for k, event in enumerate(order) if event == "list filled"]
    assert len(filled) == 2
    for k in filled:
        assert order[k : k + 4] == ["list filled", "next turn", "list painted", "text shown"]
    current = window.current_change()
    assert current is not None and current.changed
    assert texts[-1] != texts[0]


def test_a_comparison_replaced_before_its_text_is_shown_never_shows_it(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    shown: list[tuple[int, int]] = []
    window.comparison_shown.connect(
        lambda: shown.append((window.comparison.old.id, window.comparison.new.id))
    )
    drafts = demo_store.drafts()
    first = compare_drafts(demo_store, drafts[0], drafts[-1])
    second = compare_drafts(demo_store, drafts[1], drafts[-1])
    window._show(first)
    window._show(second)  # before the first one's text had its turn
    qtbot.waitUntil(lambda: shown != [], timeout=10000)
    qtbot.wait(50)
    assert shown == [(drafts[1].id, drafts[-1].id)]


def test_swap_reverses_the_comparison(qtbot: QtBot, window: MainWindow) -> None:
    before = window.comparison
    assert before is not None
    selected = window.current_change()
    with qtbot.waitSignal(window.comparison_shown, timeout=10000):
        qtbot.mouseClick(window.picker.swap_button, Qt.MouseButton.LeftButton)
    after = window.comparison
    assert (after.old.id, after.new.id) == (before.new.id, before.old.id)
    assert window.picker.from_box.currentText().startswith("Final text")
    # the same provision stays selected, seen from the other side
    now = window.current_change()
    assert [p.eid for p in now.old] == [p.eid for p in selected.new]
    assert window.summary.text().split(" · ")[1] == (
        f"+{before.totals()['words_deleted']:,} / −{before.totals()['words_added']:,} words"
    )


def test_selecting_a_provision_shows_it_side_by_side(qtbot: QtBot, window: MainWindow) -> None:
    rows = window.visible_rows()
    target = next(r for r in rows if window.change_at(r).status == "modified")
    window.tree.setCurrentIndex(target)
    change = window.change_at(target)
    old_text = window.diff_view.old_pane.toPlainText()
    new_text = window.diff_view.new_pane.toPlainText()
    assert change.old[0].text.split()[-1] in old_text
    for word in change.new[0].text.split():
        assert word in new_text
    assert change.new[0].num in window.diff_view.new_header.text()


def click_box(qtbot: QtBot, box: QCheckBox) -> None:
    """Click a check box on its indicator (its middle may be blank, past the label)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_changed_only_and_search_filter_the_list(qtbot: QtBot, window: MainWindow) -> None:
    everything = len(window.visible_rows())
    changed = sum(c.changed for c in window.comparison.changes)
    click_box(qtbot, window.changed_only_box)
    assert window.changed_only_box.isChecked()
    assert window.actions_by_name["changed_only"].isChecked()
    assert len(window.visible_rows()) == changed < everything
    assert all(window.change_at(r).changed for r in window.visible_rows())
    click_box(qtbot, window.changed_only_box)
    qtbot.keyClicks(window.search, "safeguards")
    shown = [window.change_at(r) for r in window.visible_rows()]
    assert 0 < len(shown) < everything
    for change in shown:
        texts = " ".join(p.heading + " " + p.text for p in change.old + change.new)
        assert "safeguards" in texts.casefold()
    window.search.clear()
    qtbot.keyClicks(window.search, "Article 1")
    assert all(
        "article 1" in (c.from_num + c.to_num).casefold() or "article 1" in c.new[0].text.casefold()
        for c in (window.change_at(r) for r in window.visible_rows())
    )


def test_keyboard_walks_every_change_then_the_next_provision(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.tree.setFocus()
    start = window.current_change()
    count = window.diff_view.change_count()
    assert count >= 1
    seen = []
    for _ in range(count):
        qtbot.keyClick(window.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        seen.append(window.diff_view.current_change())
    assert seen == list(range(count))
    assert window.current_change() == start
    qtbot.keyClick(window.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    moved_to = window.current_change()
    assert moved_to != start and moved_to.changed
    if window.diff_view.change_count():
        assert window.diff_view.current_change() == 0
    qtbot.keyClick(window.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.current_change() == start
    assert window.diff_view.current_change() == count - 1


def test_keyboard_steps_through_changed_provisions_only(qtbot: QtBot, window: MainWindow) -> None:
    visited = [window.current_change()]
    for _ in range(5):
        qtbot.keyClick(window.tree, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
        visited.append(window.current_change())
    assert all(c.changed for c in visited)
    assert len({id(c) for c in visited}) == len(visited)
    order = [window.change_at(r) for r in window.visible_rows()]
    positions = [order.index(c) for c in visited]
    assert positions == sorted(positions)
    skipped = [c for c in order[positions[0] : positions[-1]] if c not in visited]
    assert all(not c.changed for c in skipped)
    qtbot.keyClick(window.tree, Qt.Key.Key_PageUp, Qt.KeyboardModifier.AltModifier)
    assert window.current_change() == visited[-2]


def test_menus_show_every_shortcut(window: MainWindow) -> None:
    menus = {m.title().replace("&", ""): m for m in (a.menu() for a in window.menuBar().actions())}
    assert list(menus) == [
        "File",
        "Edit",
        "View",
        "Go",
        "Compare",
        "Negotiation",
        "Annotate",
        "Help",
    ]
    go = {a.text().replace("&", ""): a.shortcut().toString() for a in menus["Go"].actions()}
    assert go == {
        "Next change": "Alt+Down",
        "Previous change": "Alt+Up",
        "": "",
        "Next changed provision": "Alt+PgDown",
        "Previous changed provision": "Alt+PgUp",
    }
    shortcuts = {
        a.text().replace("&", ""): a.shortcut().toString()
        for m in menus.values()
        for a in m.actions()
    }
    assert shortcuts["Import drafts…"] == "Ctrl+O"
    assert shortcuts["Find in text…"] == "Ctrl+F"
    assert shortcuts["Zoom in"] == "Ctrl++"
    assert shortcuts["Zoom out"] == "Ctrl+-"
    assert shortcuts["Inline view"] == "Ctrl+I"
    assert shortcuts["Undo"] == "Ctrl+Z"
    assert shortcuts["Annotate selection…"] == "Ctrl+Alt+M"
    assert shortcuts["Annotations panel"] == "Ctrl+Shift+A"


def test_inline_toggle_zoom_and_find_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    view = window.diff_view
    qtbot.keyClick(window.tree, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert view.is_inline() and view.inline_pane.isVisible()
    assert not view.old_pane.isVisible()
    qtbot.keyClick(window.tree, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert not view.is_inline() and view.old_pane.isVisible()
    size = view.new_pane.font().pointSizeF()
    window.actions_by_name["zoom_in"].trigger()
    assert view.zoom_steps() == 1
    assert view.new_pane.font().pointSizeF() > size
    qtbot.keyClick(window.tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.find_bar.isVisible()
    word = window.current_change().new[0].text.split()[3].strip(",.;:")
    qtbot.keyClicks(view.find_edit, word)
    qtbot.keyClick(view.find_edit, Qt.Key.Key_Return)
    assert view.new_pane.textCursor().selectedText().casefold() == word.casefold()


def test_options_recompare_and_persist(
    qtbot: QtBot, window: MainWindow, demo_store: Store, settings: QSettings
) -> None:
    with qtbot.waitSignal(window.comparison_shown, timeout=10000):
        window.actions_by_name["ignore_punctuation"].trigger()
    assert window.comparison.options.ignore_punctuation
    assert settings.value("diff/ignore_punctuation") in (True, "true")


def test_settings_bring_back_the_last_comparison_and_view(
    qtbot: QtBot, demo_store: Store, settings: QSettings
) -> None:
    first = open_window(qtbot, demo_store, settings)
    choose(qtbot, first, "Zero draft", "Second revised draft")
    first.actions_by_name["inline"].trigger()
    first.changed_only_box.setChecked(True)
    first.splitter.setSizes([250, 950])
    sizes = first.splitter.sizes()
    first.close()
    second = open_window(qtbot, demo_store, settings)
    assert second.picker.from_box.currentText().startswith("Zero draft")
    assert second.picker.to_box.currentText().startswith("Second revised draft")
    assert second.diff_view.is_inline()
    assert second.changed_only_box.isChecked()
    assert second.splitter.sizes()[0] == sizes[0]


def test_the_provision_selected_at_closing_is_selected_again(
    qtbot: QtBot, demo_store: Store, settings: QSettings
) -> None:
    first = open_window(qtbot, demo_store, settings)
    rows = [r for r in first.visible_rows() if first.change_at(r) is not None]
    first.tree.setCurrentIndex(rows[20])
    chosen = first.current_change()
    assert chosen is not None and chosen != first.filter.change_at(first.filter.first_changed())
    first.close()
    second = open_window(qtbot, demo_store, settings)
    qtbot.waitUntil(lambda: second.current_change() is not None, timeout=10000)
    shown = second.current_change()
    assert shown is not None and shown.new == chosen.new and shown.old == chosen.old


def test_the_import_dialog_opens_where_the_last_import_came_from(
    qtbot: QtBot,
    empty_window: MainWindow,
    write_akn: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paths = two_drafts(write_akn)
    folders: list[str] = []

    def dialog(parent: object, title: str, folder: str, filters: str) -> tuple[list[str], str]:
        folders.append(folder)
        return [str(p) for p in paths], ""

    def cancelled(parent: object, title: str, folder: str, filters: str) -> tuple[list[str], str]:
        folders.append(folder)
        return [], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", dialog)
    with qtbot.waitSignal(empty_window.import_finished, timeout=10000):
        empty_window.choose_and_import()
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", cancelled)
    empty_window.choose_and_import()
    assert folders == [str(Path.home()), str(paths[0].parent)]


def test_the_comparison_is_computed_off_the_gui_thread_then_cached(
    qtbot: QtBot, demo_store: Store, settings: QSettings
) -> None:
    window = open_window(qtbot, demo_store, settings)
    assert window.comparison.from_cache is False
    choose(qtbot, window, "Zero draft", "Final text")
    choose(qtbot, window, "Further revised draft", "Final text")
    assert window.comparison.from_cache is True


def test_a_comparison_that_fails_in_the_pool_is_shown_in_the_error_dialog(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = window.comparison
    failed_on: list[threading.Thread] = []

    def broken(*_: object) -> None:
        failed_on.append(threading.current_thread())
        raise StoreError(":memory:", "the comparison was not cached: disk I/O error")

    monkeypatch.setattr(main_window, "compare_drafts", broken)
    window.actions_by_name["ignore_case"].trigger()
    qtbot.waitUntil(lambda: window.error_box is not None, timeout=10000)
    assert failed_on and failed_on[0] is not threading.main_thread()
    box = window.error_box
    assert box.isVisible() and box.windowTitle() == "The comparison failed"
    assert "disk I/O error" in box.text()
    assert window.comparison is shown  # the drafts on screen stay


# Import


@pytest.fixture
def empty_window(qtbot: QtBot, store: Store, settings: QSettings) -> MainWindow:
    """An empty window whose import dialogs are answered Import (tests/viewer/test_import_dialog.py
    tries the dialog itself)."""
    window = open_window(qtbot, store, settings)
    accept_imports(window)
    return window


def two_drafts(write_akn: Callable[..., Path]) -> list[Path]:
    a = write_akn("a.xml", article(1, "States shall act.") + article(2, "B."), date="2023-01-16")
    b = write_akn(
        "b.xml",
        article(1, "States shall act promptly.") + article(2, "B."),
        date="2023-06-05",
        stage="Revised draft",
        symbol="A/AC.1/1/Rev.1",
    )
    return [a, b]


def test_an_empty_database_says_how_to_start(empty_window: MainWindow) -> None:
    assert empty_window.comparison is None
    assert "Import" in empty_window.statusBar().currentMessage()
    assert list_rows(empty_window) == []


def test_import_through_the_file_menu_then_compare(
    qtbot: QtBot,
    empty_window: MainWindow,
    write_akn: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paths = two_drafts(write_akn)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in paths], "")
    )
    file_menu = empty_window.menuBar().actions()[0].menu()
    import_action = next(a for a in file_menu.actions() if a.text() == "&Import drafts…")
    with qtbot.waitSignal(empty_window.import_finished, timeout=10000) as done:
        import_action.trigger()
    assert done.args == [True]
    qtbot.waitUntil(lambda: empty_window.comparison is not None, timeout=10000)
    assert empty_window.picker.from_box.currentText().startswith("Zero draft · 2023-01-16")
    assert empty_window.picker.to_box.currentText().startswith("Revised draft · 2023-06-05")
    assert [r[:3] for r in list_rows(empty_window)] == [
        ["Article 1", "Article 1 · Heading 1", "≠ modified"],
        ["Article 2", "Article 2 · Heading 2", "= unchanged"],
    ]
    assert empty_window.summary.text() == "1 of 2 provisions changed · +1 / −0 words"


def test_import_by_dropping_files(
    qtbot: QtBot, empty_window: MainWindow, write_akn: Callable[..., Path]
) -> None:
    paths = two_drafts(write_akn)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(empty_window.import_finished, timeout=10000) as done:
        empty_window.dropEvent(drop)
    assert done.args == [True]
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: empty_window.comparison is not None, timeout=10000)
    assert len(empty_window.visible_rows()) == 2


def test_a_bad_file_shows_a_dialog_naming_it_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, demo_store: Store, tmp_path: Path
) -> None:
    before = demo_store.dump()
    bad = tmp_path / "broken.xml"
    bad.write_text("<akomaNtoso><bill>")
    with qtbot.waitSignal(window.import_finished, timeout=10000) as done:
        window.import_files([str(bad)])
    assert done.args == [False]
    box = window.error_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.windowTitle() == "Import failed"
    assert box.text().startswith(f"{bad}: malformed XML at line 1")
    assert demo_store.dump() == before
    box.button(QMessageBox.StandardButton.Ok).click()
    assert not box.isVisible()


def test_cancelling_the_progress_dialog_imports_nothing(
    qtbot: QtBot,
    empty_window: MainWindow,
    store: Store,
    write_akn: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def slow_read(files, progress=None, should_cancel=None, **_):  # type: ignore[no-untyped-def]
        progress(0, len(files))
        while not should_cancel():  # a long file: the user gives up
            time.sleep(0.01)
        raise ImportCancelled("import cancelled: nothing was imported")

    monkeypatch.setattr(importing, "read_documents", slow_read)
    with qtbot.waitSignal(empty_window.import_finished, timeout=10000) as done:
        empty_window.import_files([str(p) for p in two_drafts(write_akn)])
        dialog = empty_window.findChild(QProgressDialog, "importProgress")
        assert dialog is not None and dialog.labelText() == "Reading drafts…"
        cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert done.args == [False]
    assert empty_window.statusBar().currentMessage() == "Import cancelled: nothing was imported"
    assert store.is_empty()


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


def test_a_word_draft_dropped_on_the_window_is_imported_with_its_report(
    qtbot: QtBot, empty_window: MainWindow, tmp_path: Path
) -> None:
    """Word drafts go the same way as XML ones, and what detection found and doubted is
    shown in a dialog, its every note in the details."""
    from tests.docx_builder import FOOTNOTES, build, sample_body

    path = tmp_path / "revised.docx"
    path.write_bytes(build(sample_body(), footnotes=FOOTNOTES))
    with qtbot.waitSignal(empty_window.import_finished, timeout=10000) as done:
        empty_window.import_files([str(path)])
    assert done.args == [True]
    box = empty_window.report_box
    assert box is not None and box.isVisible() and box.objectName() == "importReport"
    assert box.text().startswith("Imported 1 draft, with ")
    assert box.informativeText().startswith("revised.docx: structure detected: 2 chapters")
    report = empty_window.store.drafts()
    assert len(report) == 1 and report[0].source == str(path)
    assert "tracked changes" in box.detailedText()
    assert all(line.startswith(str(path)) for line in box.detailedText().splitlines())


def test_importing_drafts_already_stored_says_why_nothing_was_added(
    qtbot: QtBot, empty_window: MainWindow, write_akn: Callable[..., Path]
) -> None:
    paths = two_drafts(write_akn)
    with qtbot.waitSignal(empty_window.import_finished, timeout=10000):
        empty_window.import_files([str(p) for p in paths])
    with qtbot.waitSignal(empty_window.import_finished, timeout=10000) as done:
        empty_window.import_files([str(paths[0])])
    assert done.args == [True]
    box = empty_window.report_box
    assert box is not None and box.isVisible()
    assert box.text() == (
        "Imported 0 drafts. Nothing was added for 1: a.xml is already stored as Zero draft "
        "(same content)."
    )


def test_a_pdf_draft_dropped_on_the_window_is_imported_with_its_report(
    qtbot: QtBot, empty_window: MainWindow, tmp_path: Path
) -> None:
    """A PDF goes the way of a Word draft: dropped, read, stored, and its report shown,
    the page furniture it left out among the details."""
    from tests.pdf_builder import Layout, build_pdf

    body = [
        "<p align=center><b>Draft convention</b></p>",
        "<p align=center><b>Article 1</b></p>",
        "<p>1. The <s>old</s> words of the article.</p>",
        "<p align=center><b>Article 2</b></p>",
        "<p>The words of the second article.</p>",
    ]
    path = tmp_path / "compromise.pdf"
    path.write_bytes(build_pdf(body, Layout(header="A/AC.305/7")))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(empty_window.import_finished, timeout=10000) as done:
        empty_window.dropEvent(drop)
    assert done.args == [True]
    (draft,) = empty_window.store.drafts()
    assert draft.provision_count == 2 and draft.symbol == "A/AC.305/7"
    box = empty_window.report_box
    assert box is not None
    assert box.informativeText().startswith("compromise.pdf: structure detected: 0 chapters, 2")
    assert "page furniture 'A/AC.#/#' left out" in box.detailedText()
    assert "1 page read from the PDF" in box.detailedText()


def test_opening_the_docks_takes_room_from_the_list_not_the_diff(
    qtbot: QtBot, window: MainWindow
) -> None:
    """At 1280 px with the search and annotations docks open, each diff pane kept about
    170 px and broke words mid-word; the list gives way first, then the docks."""
    window.resize(1280, 800)
    window.actions_by_name["annotations"].trigger()
    window.start_search()
    char = window.fontMetrics().averageCharWidth()
    panes = (window.diff_view.old_pane, window.diff_view.new_pane)
    qtbot.waitUntil(lambda: min(p.width() for p in panes) >= 30 * char, timeout=5000)
    assert window.splitter.sizes()[0] >= 28 * char  # the list is narrower, still there
    assert window.search_panel.isVisible() and window.annotating.panel.isVisible()
