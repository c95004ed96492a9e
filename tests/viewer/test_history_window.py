"""The history window, opened as a reader opens it: from the provision list, by the
menu, the keyboard or a double-click, then read through its timeline and columns."""

from __future__ import annotations

import threading
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShowEvent, QTextCursor
from pytestqt.qtbot import QtBot

from drafts.comparing.comparisons import compare_drafts
from drafts.demo import import_demo
from drafts.errors import NotFoundError
from drafts.negotiation import history as followed
from drafts.negotiation.history import find_provision, history
from drafts.store import Store
from viewer import history_window
from viewer.history_window import HistoryWindow
from viewer.main_window import MainWindow
from viewer.workers import in_flight


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def demo(store: Store) -> Store:
    import_demo(store)
    return store


@pytest.fixture
def window(qtbot: QtBot, demo: Store, settings: QSettings) -> MainWindow:
    w = MainWindow(demo, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.comparison is not None, timeout=10000)
    return w


def select(window: MainWindow, num: str) -> None:
    row = next(r for r in window.visible_rows() if window.change_at(r).to_num == num)
    window.tree.setCurrentIndex(row)
    window.tree.scrollTo(row)


def drawn(qtbot: QtBot, w: HistoryWindow) -> None:
    """Wait for every column's text: they are drawn a few at a time between events."""
    qtbot.waitUntil(lambda: not w.columns.drawing(), timeout=10000)


def open_for(qtbot: QtBot, demo: Store, settings: QSettings, num: str) -> HistoryWindow:
    final = demo.drafts()[-1]
    h = history(demo, final, find_provision(demo, final, num))
    w = HistoryWindow(demo, h, settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    drawn(qtbot, w)
    return w


def test_the_history_action_opens_the_selected_provisions_history(
    qtbot: QtBot, window: MainWindow
) -> None:
    select(window, "Article 24")
    qtbot.keyClick(
        window.tree,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.history_windows == []  # followed through the drafts in the background
    qtbot.waitUntil(lambda: len(window.history_windows) == 1, timeout=10000)
    opened = window.history_windows[0]
    assert opened.windowTitle() == "History of Article 24 — Travaux"
    rows = [opened.timeline.row_text(r) for r in range(opened.timeline.rowCount())]
    assert [r[0].split(" · ")[0] for r in rows] == [d.label for d in window.store.drafts()]
    assert [r[1].split(" — ")[0] for r in rows] == [
        "Article 26",
        "Article 26",
        "Article 24",
        "Article 24",
        "Article 24",
    ]
    assert rows[0][2] == ""  # nothing before the zero draft
    assert rows[2][2].startswith("⋔ split (with Article 25)")
    assert opened.timeline.currentRow() == 4  # opened from the To draft, the final text
    assert rows[0][3] == "5 [ ]" and rows[4][3] == ""  # brackets gone by the final text


def test_a_double_click_in_the_list_opens_a_history_too(qtbot: QtBot, window: MainWindow) -> None:
    select(window, "Article 24")
    index = window.tree.currentIndex()
    rect = window.tree.visualRect(index)
    # A view takes a double click only on the row the first click pressed, as a user's does.
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: len(window.history_windows) == 1, timeout=10000)
    assert [w.history.provision.num for w in window.history_windows] == ["Article 24"]


def test_a_history_window_is_made_in_one_turn_and_first_painted_in_a_later_one(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Making the window and painting it the first time took 30-40 ms together; each
    in a turn of its own, the events waiting meanwhile run between them. The columns'
    texts wait for the window to be idle, after that first paint."""
    order: list[str] = []

    class Recorded(HistoryWindow):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            order.append("made")
            QTimer.singleShot(0, lambda: order.append("next turn"))

        def showEvent(self, event: QShowEvent) -> None:
            order.append(f"shown with {len(self.columns.columns)} columns")
            super().showEvent(event)

    monkeypatch.setattr(history_window, "HistoryWindow", Recorded)
    select(window, "Article 24")
    window.open_current_history()
    qtbot.waitUntil(lambda: len(order) == 3, timeout=10000)
    assert order == ["made", "next turn", "shown with 0 columns"]
    opened = window.history_windows[0]
    drawn(qtbot, opened)
    assert len(opened.columns.columns) == 5


def test_each_column_is_its_drafts_text_marked_against_the_previous_one(
    qtbot: QtBot, demo: Store, settings: QSettings
) -> None:
    w = open_for(qtbot, demo, settings, "Article 24")
    columns = w.columns.columns
    assert len(columns) == 5
    w.show_deletions.setChecked(False)
    drawn(qtbot, w)
    for step, column in zip(w.history.steps, columns, strict=True):
        (provision,) = step.provisions
        expected = "\n".join([provision.heading, provision.text])
        assert column.pane.toPlainText().startswith(expected)
    w.show_deletions.setChecked(True)
    drawn(qtbot, w)
    final = w.columns.column_text(4)
    assert "principles of legality and necessityprinciple of proportionality" in final
    cursor = columns[4].pane.document().find("principles of legality and necessity")
    assert cursor.charFormat().fontStrikeOut()  # what the final text dropped
    cursor = columns[4].pane.document().find("principle of proportionality")
    assert cursor.charFormat().fontUnderline()  # and what it put instead


def test_choosing_a_draft_in_the_timeline_brings_its_column_into_view(
    qtbot: QtBot, demo: Store, settings: QSettings
) -> None:
    w = open_for(qtbot, demo, settings, "Article 24")
    w.resize(900, 700)
    qtbot.waitUntil(lambda: w.columns.chosen() == 4)
    bar = w.columns.horizontalScrollBar()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum() and bar.maximum() > 0)
    w.timeline.selectRow(0)
    assert w.columns.chosen() == 0
    assert bar.value() == 0
    outlined = [k for k, c in enumerate(w.columns.columns) if c.outline is not None]
    assert outlined == [0]  # only the chosen column is outlined
    column = w.columns.columns[2]
    qtbot.mouseClick(column, Qt.MouseButton.LeftButton)
    assert w.timeline.currentRow() == 2


def test_a_deleted_provision_ends_in_a_column_of_struck_text(
    qtbot: QtBot, demo: Store, settings: QSettings
) -> None:
    drafts = demo.drafts()
    deleted = next(
        (old, change)
        for old, new in pairwise(drafts)
        for change in compare_drafts(demo, old, new).changes
        if change.status == "deleted"
    )
    old, change = deleted
    w = HistoryWindow(demo, history(demo, old, change.old[0]), settings=settings)
    qtbot.addWidget(w)
    drawn(qtbot, w)
    k = next(i for i, s in enumerate(w.history.steps) if s.draft.id == old.id) + 1
    assert w.timeline.row_text(k)[1] == "Deleted in this draft"
    pane = w.columns.columns[k].pane
    assert pane.toPlainText().startswith(change.old[0].heading)
    cursor = QTextCursor(pane.document())
    cursor.setPosition(len(change.old[0].heading) // 2 + 1)
    assert cursor.charFormat().fontStrikeOut()
    for later in w.columns.columns[k + 1 :]:
        assert later.pane.toPlainText() == ""
        assert later.pane.placeholder == "Not in this draft"


def test_zoom_and_the_deletions_choice(qtbot: QtBot, demo: Store, settings: QSettings) -> None:
    w = open_for(qtbot, demo, settings, "Article 24")
    pane = w.columns.columns[0].pane
    before = pane.font().pointSizeF()
    width = w.columns.columns[0].width()
    zoom_in = w.findChild(QAction, "zoom_in")
    assert zoom_in.shortcut() == QKeySequence(QKeySequence.StandardKey.ZoomIn)
    zoom_in.trigger()
    assert pane.font().pointSizeF() == before + 1
    assert w.columns.columns[0].width() > width  # columns keep their measure in ems
    w.show_deletions.setChecked(False)
    assert settings.value("history/show_deletions") in (False, "false")
    again = open_for(qtbot, demo, settings, "Article 24")
    assert not again.show_deletions.isChecked()


def test_where_the_words_came_from(qtbot: QtBot, demo: Store, settings: QSettings) -> None:
    """Ctrl+2 shows the blame: each phrase names its draft, deletions are listed by the
    draft that made them; choosing another draft blames the provision there."""
    w = open_for(qtbot, demo, settings, "Article 24")
    w.findChild(QAction, "show_blame").trigger()
    view = w.blame_view
    assert w.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: view.blame is not None, timeout=10000)
    document = view.text.document()
    at = document.find("principle of proportionality").selectionStart()
    assert view.text.draft_at(at).label == "Final text agreed ad referendum"
    at = document.find("as appropriate").selectionStart()
    assert view.text.draft_at(at).label == "Further revised draft"
    at = document.find("Each State Party").selectionStart()
    assert view.text.draft_at(at).label == "Zero draft"
    legend = view.legend.text()
    for share in view.blame.by_draft():
        assert f"{share.draft.label} ({share.words:,} word" in legend
    rows = view.deletion_rows()
    assert [
        "Further revised draft · 2024-05-23",
        ", necessity [and proportionality]",
        "…the principles of legality",
        "First revised draft, Second revised draft",
    ] in rows
    assert view.deletions_label.text() == f"Deleted along the way: {len(rows)}"
    w.timeline.selectRow(0)
    assert view.blame is None and view.title.text().startswith("Finding where the words")
    qtbot.waitUntil(lambda: view.blame is not None, timeout=10000)
    assert view.blame.draft.label == "Zero draft"
    assert view.deletion_rows() == []
    assert view.deletions_label.text() == "Nothing was deleted along the way."
    assert {d.label for _, _, d in view.text.spans} == {"Zero draft"}


def test_the_blame_is_written_as_one_edit(qtbot: QtBot, demo: Store, settings: QSettings) -> None:
    """A phrase at a time, laid out each, the tinted text would be laid out once per
    phrase; in one edit block it is laid out once."""
    w = open_for(qtbot, demo, settings, "Article 24")
    w.findChild(QAction, "show_blame").trigger()
    view = w.blame_view
    qtbot.waitUntil(lambda: view.blame is not None, timeout=10000)
    blame = view.blame
    assert len(blame.spans) >= 5  # several phrases, each on its draft's tint
    edits: list[int] = []
    view.text.document().contentsChange.connect(lambda at, gone, added: edits.append(added))
    view.show_blame(blame)
    assert len(edits) <= 3  # the clearing, then the whole text at once
    assert view.text.toPlainText().endswith(blame.text.split("\n")[-1])


# Followed in the background


def slow_history(
    monkeypatch: pytest.MonkeyPatch, waits_for: str, started: list[str]
) -> threading.Event:
    """Make the history of provision `waits_for` wait in the pool until the returned
    gate opens (the others are followed as usual); `started` names each one begun."""
    gate = threading.Event()

    def history_then(store, draft, provision, options):  # type: ignore[no-untyped-def]
        started.append(f"{provision.num} on {threading.current_thread().name}")
        if provision.num == waits_for:
            assert gate.wait(10), "the test never let it finish"
        return history(store, draft, provision, options)

    monkeypatch.setattr(followed, "history", history_then)
    return gate


def test_opening_a_history_returns_before_it_is_followed(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[str] = []
    gate = slow_history(monkeypatch, "Article 24", started)
    select(window, "Article 24")
    window.open_current_history()  # returns while the history waits in the pool
    assert window.history_windows == []
    assert window.statusBar().currentMessage() == "Following Article 24 through the drafts…"
    qtbot.waitUntil(lambda: started != [], timeout=10000)
    assert started[0].startswith("Article 24 on ")
    assert started[0] != f"Article 24 on {threading.main_thread().name}"
    qtbot.wait(50)
    assert window.history_windows == []  # the window stays responsive meanwhile
    gate.set()
    qtbot.waitUntil(lambda: len(window.history_windows) == 1, timeout=10000)
    assert window.history_windows[0].history.provision.num == "Article 24"
    assert window.statusBar().currentMessage() == ""


def test_a_newer_history_request_supersedes_one_still_being_followed(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[str] = []
    gate = slow_history(monkeypatch, "Article 24", started)
    select(window, "Article 24")
    window.open_current_history()
    qtbot.waitUntil(lambda: len(started) == 1, timeout=10000)
    select(window, "Article 3")
    window.open_current_history()
    qtbot.waitUntil(lambda: len(window.history_windows) == 1, timeout=10000)
    gate.set()  # the first history is ready only now: too late
    qtbot.waitUntil(lambda: in_flight() == 0, timeout=10000)
    assert [w.history.provision.num for w in window.history_windows] == ["Article 3"]


def test_a_history_that_cannot_be_followed_is_shown_in_the_error_dialog(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise NotFoundError("no provision 'art_24' in Zero draft")

    monkeypatch.setattr(followed, "history", broken)
    select(window, "Article 24")
    window.open_current_history()
    qtbot.waitUntil(lambda: window.error_box is not None, timeout=10000)
    box = window.error_box
    assert box.isVisible() and box.objectName() == "errorDialog"
    assert box.windowTitle() == "Cannot show this history"
    assert box.text() == "no provision 'art_24' in Zero draft"
    assert window.history_windows == []


def test_a_blame_that_fails_is_shown_in_the_error_dialog_and_can_be_tried_again(
    qtbot: QtBot, demo: Store, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = open_for(qtbot, demo, settings, "Article 24")

    def broken(*_: object) -> None:
        raise ValueError("the attribution does not tile the text")

    monkeypatch.setattr(history_window, "blame_history", broken)
    w.findChild(QAction, "show_blame").trigger()
    qtbot.waitUntil(lambda: w.error_box is not None, timeout=10000)
    assert w.error_box.windowTitle() == "Cannot show where the words came from"
    assert w.error_box.text() == "the attribution does not tile the text"
    assert w.blame_view.blame is None
    monkeypatch.undo()
    w.timeline.selectRow(3)
    w.timeline.selectRow(4)  # the draft it failed in, again
    qtbot.waitUntil(lambda: w.blame_view.blame is not None, timeout=10000)
    assert w.blame_view.blame.draft.label.startswith("Final text")


def test_the_timeline_is_as_tall_as_its_rows_without_a_second_layout(
    qtbot: QtBot, demo: Store, settings: QSettings
) -> None:
    """The timeline is fitted to its rows before the window is shown, and keeps that
    height when the window is laid out at its real size: fitting it again on show laid
    the new window out and painted it twice in its first turn."""
    w = open_for(qtbot, demo, settings, "Article 24")
    timeline = w.timeline
    rows = sum(timeline.rowHeight(r) for r in range(timeline.rowCount()))
    wanted = timeline.horizontalHeader().height() + 2 * timeline.frameWidth() + rows + 2
    assert w.centralWidget().sizes()[0] == wanted
    assert timeline.verticalScrollBar().maximum() == 0  # every draft in view
