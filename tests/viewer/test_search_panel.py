"""Searching every draft from the window, and the agreement chart: what a reader types,
sees and opens."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from drafts.demo import import_demo
from drafts.importer import import_paths
from drafts.negotiation.brackets import draft_agreement
from drafts.store import Store
from tests.builders import article
from viewer.main_window import MainWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def open_window(qtbot: QtBot, store: Store, settings: QSettings) -> MainWindow:
    w = MainWindow(store, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.comparison is not None, timeout=10000)
    return w


@pytest.fixture
def window(qtbot: QtBot, store: Store, settings: QSettings) -> MainWindow:
    import_demo(store)
    return open_window(qtbot, store, settings)


def groups(window: MainWindow) -> list[tuple[str, str]]:
    tree = window.search_panel.results
    return [
        (tree.topLevelItem(k).text(0), tree.topLevelItem(k).text(1))
        for k in range(tree.topLevelItemCount())
    ]


def type_query(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Open the dock by its shortcut and type, then wait for the search after the pause."""
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL_SHIFT)
    panel = window.search_panel
    assert panel.isVisible() and panel.edit.hasFocus()
    qtbot.keyClicks(panel.edit, text)
    qtbot.waitUntil(lambda: panel.result is not None and panel.result.query == text)


def test_typing_a_word_lists_the_provisions_that_have_it(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "proportionality")
    assert groups(window) == [
        ("Article 24 — Conditions and safeguards", "2"),
        ("Article 26 — Conditions and safeguards", "1"),
    ]
    assert window.search_panel.count.text() == "2 provisions in 3 drafts"
    first = window.search_panel.results.topLevelItem(0)
    assert [first.child(k).text(0) for k in range(first.childCount())] == [
        "Second revised draft · 2023-11-06",
        "Final text agreed ad referendum · 2024-08-08",
    ]


def test_the_chosen_result_tells_when_the_phrase_was_in_the_provision(
    qtbot: QtBot, window: MainWindow
) -> None:
    type_query(qtbot, window, "proportionality")
    panel = window.search_panel
    qtbot.waitUntil(lambda: panel.life is not None, timeout=10000)  # followed in the background
    detail = panel.detail.text()
    assert "<b><u>proportionality</u></b>" in detail
    assert "first in First revised draft · 2023-06-05" in detail  # as Article 26 then
    assert "out of the text in Further revised draft · 2024-05-23" in detail
    assert "still there in the last draft" in detail


def test_show_opens_the_hit_in_the_comparison(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "proportionality")
    panel = window.search_panel
    panel.results.setCurrentItem(panel.results.topLevelItem(1))  # Article 26, first revised
    with qtbot.waitSignal(window.comparison_shown, timeout=10000):
        panel.open_button.click()
    assert window.comparison.old.label == "Zero draft"
    assert window.comparison.new.label == "First revised draft"
    assert window.current_change().to_num == "Article 26"
    assert "proportionality" in window.diff_view.new_pane.toPlainText()


def test_show_clears_a_filter_that_would_hide_the_hit(qtbot: QtBot, window: MainWindow) -> None:
    window.search.setText("Article 3")
    type_query(qtbot, window, "proportionality")
    panel = window.search_panel
    item = panel.results.topLevelItem(0)
    panel.results.setCurrentItem(item)
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert window.current_change().to_num == "Article 24"
    assert window.search.text() == ""


def test_history_opens_the_hits_history(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "proportionality")
    window.search_panel.history_button.click()
    qtbot.waitUntil(lambda: len(window.history_windows) == 1, timeout=10000)
    (opened,) = window.history_windows
    assert opened.history.provision.num == "Article 24"
    assert opened.history.start.label.startswith("Final text")


def test_a_query_without_words_says_so(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.search_panel
    window.start_search()
    panel.edit.setText("*** ---")
    panel.run()
    assert panel.count.text().startswith("nothing to search for")
    assert panel.results.topLevelItemCount() == 0
    assert not panel.open_button.isEnabled()
    panel.edit.setText("zebra")
    panel.run()
    assert panel.count.text() == "Nothing found"


def test_the_agreement_chart_plots_each_drafts_bracketed_share(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_G, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.agreement_dialog is not None, timeout=10000)
    dialog = window.agreement_dialog
    assert dialog is not None and dialog.isVisible()
    drafts = window.store.drafts()
    expected = [draft_agreement(window.store.provisions(d.id)).provision_share for d in drafts]
    assert [bar.share for bar in dialog.chart.bars] == expected
    assert expected[0] > 0.5 and expected[-1] == 0.0
    assert dialog.chart.bars[0].caption == "46 of 63"
    assert [bar.date for bar in dialog.chart.bars] == [d.date for d in drafts]  # under each
    image = dialog.chart.grab().toImage()
    assert image.width() > 0 and not dialog.problems.isVisible()


def test_unbalanced_brackets_are_listed_by_draft_and_provision(
    qtbot: QtBot, store: Store, settings: QSettings, write_akn: object
) -> None:
    body = article(1, "Each State Party [shall] adopt measures.") + article(
        2, "Each State Party shall [ensure that the rights are respected."
    )
    import_paths(store, [write_akn("a.xml", body)])  # type: ignore[operator]
    window = open_window(qtbot, store, settings)
    window.open_agreement()
    qtbot.waitUntil(lambda: window.agreement_dialog is not None, timeout=10000)
    dialog = window.agreement_dialog
    items = [dialog.problems.item(k).text() for k in range(dialog.problems.count())]
    assert items == [
        "Zero draft · 2023-01-16: Article 2, text: line 1, column 24: '[' is never closed"
    ]
    assert dialog.chart.bars[0].caption == "1 of 2"  # an unclosed "[" encloses nothing


def test_a_long_draft_name_is_read_whole_on_two_lines(qapp: object) -> None:
    from PySide6.QtGui import QFont, QFontMetricsF

    from viewer.agreement_chart import _two_lines

    metrics = QFontMetricsF(QFont())
    label = "Final text agreed ad referendum"
    width = metrics.horizontalAdvance("Final text agreed ad")
    assert _two_lines(label, metrics, width) == "Final text agreed ad\nreferendum"
    assert _two_lines("Short", metrics, width) == "Short"
