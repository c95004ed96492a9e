"""The history window, opened as a reader opens it: from the provision list, by the
menu, the keyboard or a double-click, then read through its timeline and columns."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from pytestqt.qtbot import QtBot

from drafts.comparing.comparisons import compare_drafts
from drafts.demo import import_demo
from drafts.negotiation.history import find_provision, history
from drafts.store import Store
from viewer.history_window import HistoryWindow
from viewer.main_window import MainWindow


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


def open_for(qtbot: QtBot, demo: Store, settings: QSettings, num: str) -> HistoryWindow:
    final = demo.drafts()[-1]
    h = history(demo, final, find_provision(demo, final, num))
    w = HistoryWindow(demo, h, settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
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
    assert len(window.history_windows) == 1
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
    assert [w.history.provision.num for w in window.history_windows] == ["Article 24"]


def test_each_column_is_its_drafts_text_marked_against_the_previous_one(
    qtbot: QtBot, demo: Store, settings: QSettings
) -> None:
    w = open_for(qtbot, demo, settings, "Article 24")
    columns = w.columns.columns
    assert len(columns) == 5
    w.show_deletions.setChecked(False)
    for step, column in zip(w.history.steps, columns, strict=True):
        (provision,) = step.provisions
        expected = "\n".join([provision.heading, provision.text])
        assert column.pane.toPlainText().startswith(expected)
    w.show_deletions.setChecked(True)
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
    assert w.tabs.currentWidget() is view and view.blame is not None
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
    assert view.blame.draft.label == "Zero draft"
    assert view.deletion_rows() == []
    assert view.deletions_label.text() == "Nothing was deleted along the way."
    assert {d.label for _, _, d in view.text.spans} == {"Zero draft"}
