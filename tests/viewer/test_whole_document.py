"""The whole-document view, driven as a reader drives it: View > Whole document shows
every listed provision one after another, each under its header; the change keys walk
across provisions; the list follows the place in the text and moves it; find searches
all of it. And a provision opened alone goes to its first change."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QTextDocument, QWheelEvent
from PySide6.QtWidgets import QAbstractSlider, QApplication
from pytestqt.qtbot import QtBot

from drafts.comparing.compare import ProvisionChange, compare
from drafts.demo import import_demo
from drafts.store import Store
from tests.builders import titled_provision
from tests.viewer.windows import open_window
from viewer import relevel
from viewer.diff_headers import side_title
from viewer.diff_pane import DiffPane
from viewer.diff_view import NOTHING_LISTED, DiffView
from viewer.main_window import MainWindow
from viewer.whole_document import change_count


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot: QtBot, store: Store, settings: QSettings) -> Iterator[MainWindow]:
    import_demo(store)
    window = open_window(qtbot, store, settings)
    window.resize(1280, 800)
    yield window


def whole(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Shift+W, then wait until every provision is written."""
    shift_w(qtbot, window)
    qtbot.waitUntil(window.diff_view.is_written, timeout=10000)


def shift_w(qtbot: QtBot, window: MainWindow) -> None:
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.tree, Qt.Key.Key_W, modifiers)


def listed(window: MainWindow) -> list[ProvisionChange]:
    return [window.change_at(r) for r in window.visible_rows()]


def test_the_toggle_shows_every_provision_then_one_again(qtbot: QtBot, window: MainWindow) -> None:
    view = window.diff_view
    alone = view.new_pane.toPlainText()
    whole(qtbot, window)
    assert window.actions_by_name["whole_document"].isChecked()
    assert view.is_whole() and not view.new_header.isVisible()
    text = view.new_pane.toPlainText()
    old_text = view.old_pane.toPlainText()
    changes = listed(window)
    assert len(changes) > 20
    for change in changes:
        for p in change.new:
            assert p.num in text and p.text.split()[-1] in text
        for p in change.old:
            assert p.text.split()[-1] in old_text
    assert text.index(changes[1].to_num) < text.index(changes[2].to_num)
    assert view.change_count() == sum(change_count(c) for c in changes)
    marks = view.side_map.marks()  # the change map: every change of the document
    assert {m.change for m in marks} == set(range(view.change_count()))
    assert all(0 <= m.top <= m.bottom <= 1 for m in marks)
    firsts = [min(m.top for m in marks if m.change == k) for k in (0, view.change_count() - 1)]
    assert firsts[0] < 0.05 and firsts[1] > 0.9
    statuses = {c.status for c in changes}
    assert "· modified" in text and ("deleted" in statuses) == ("· deleted" in old_text)
    shift_w(qtbot, window)
    assert not view.is_whole() and view.new_header.isVisible()
    assert view.new_pane.toPlainText() == alone


def alt(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    qtbot.keyClick(window.tree, key, Qt.KeyboardModifier.AltModifier)


def test_the_change_keys_walk_across_provisions_and_the_list_follows(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.diff_view
    first = listed(window)[0]
    window.tree.setCurrentIndex(window.visible_rows()[0])
    whole(qtbot, window)
    seen = []
    for _ in range(view.change_count()):
        alt(qtbot, window, Qt.Key.Key_Down)
        seen.append((view.current_change(), window.current_change()))
    assert [index for index, _ in seen] == list(range(view.change_count()))
    provisions = [change for _, change in seen]
    changed = [c for c in listed(window) if change_count(c)]
    assert list(dict.fromkeys(map(id, provisions))) == list(map(id, changed))  # in order
    assert provisions[0] is first and "in the document" in window.statusBar().currentMessage()
    alt(qtbot, window, Qt.Key.Key_Down)  # past the last: stays, and says so
    assert view.current_change() == view.change_count() - 1
    assert window.statusBar().currentMessage() == "No more changes"
    alt(qtbot, window, Qt.Key.Key_Up)
    assert view.current_change() == view.change_count() - 2
    pane = view.new_pane
    cursor = pane.textCursor()
    assert cursor is not None
    span = view._placed["new"].spans[view.current_change()]
    rect = pane.span_rect(span).translated(0, -pane.verticalScrollBar().value())
    assert 0 <= rect.top() < pane.viewport().height()  # the change is in view
    here = window.current_change()
    qtbot.keyClick(window.tree, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(400)  # the inline pane laid out at its width, levelling done
    assert view.is_inline() and window.current_change() is here
    inline = view.inline_pane
    span = view._placed["inline"].spans[view.current_change()]
    rect = inline.span_rect(span).translated(0, -inline.verticalScrollBar().value())
    assert 0 <= rect.top() < inline.viewport().height()


def wheel_down(pane: DiffPane) -> None:
    at = QPointF(pane.viewport().rect().center())
    event = QWheelEvent(
        at,
        pane.viewport().mapToGlobal(at),
        QPoint(0, 0),
        QPoint(0, -360),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(pane.viewport(), event)


def test_choosing_a_provision_scrolls_to_it_and_scrolling_chooses_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.diff_view
    whole(qtbot, window)
    rows = window.visible_rows()
    target = next(r for r in rows[20:] if window.change_at(r).changed)
    window.tree.setCurrentIndex(target)
    change = window.change_at(target)
    assert view.is_whole() and view.provision_in_view() is change
    top = view.new_pane.cursorForPosition(view.new_pane.viewport().rect().topLeft())
    assert change.to_num in top.block().text()  # its header at the top
    alt(qtbot, window, Qt.Key.Key_Down)  # its first change, not the document's
    assert view.current_change() == sum(
        change_count(c) for c in listed(window)[: rows.index(target)]
    )
    assert window.current_change() is change
    current = view.current_change()
    window.actions_by_name["zoom_in"].trigger()  # written anew, larger, at the same place
    assert view.is_whole() and view.current_change() == current
    assert window.current_change() is change
    span = view._placed["new"].spans[current]
    rect = view.new_pane.span_rect(span).translated(0, -view.new_pane.verticalScrollBar().value())
    assert 0 <= rect.top() < view.new_pane.viewport().height()
    alt(qtbot, window, Qt.Key.Key_PageDown)  # the next changed provision, scrolled to
    after = listed(window)[listed(window).index(change) + 1 :]
    assert window.current_change() is next(c for c in after if c.changed)
    assert view.provision_in_view() is window.current_change()
    alt(qtbot, window, Qt.Key.Key_PageUp)
    assert window.current_change() is change and view.provision_in_view() is change
    bar = view.new_pane.verticalScrollBar()
    top = bar.value()
    for _ in range(8):
        wheel_down(view.new_pane)
    qtbot.waitUntil(lambda: window.current_change() is not change)
    assert bar.value() > top
    for _ in range(3):  # Page Down, or a click in the scroll bar's trough
        bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
    qtbot.waitUntil(lambda: window.current_change() is view.provision_in_view())
    assert window.current_change() is view.provision_in_view()
    assert listed(window).index(window.current_change()) > listed(window).index(change)
    view.old_pane.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
    qtbot.waitUntil(lambda: window.current_change() is listed(window)[0])
    assert bar.value() == 0


def test_only_changed_provisions_and_the_filter_shape_the_document(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.diff_view
    whole(qtbot, window)
    everything = view.new_pane.toPlainText()
    unchanged = next(c for c in listed(window) if not c.changed)
    qtbot.keyClick(window.tree, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(view.is_written, timeout=10000)
    text = view.new_pane.toPlainText()
    assert len(text) < len(everything)
    assert side_title(unchanged.new) not in text
    assert all(side_title(c.new) in text for c in listed(window) if c.new)
    qtbot.keyClicks(window.search, "Article 24")
    qtbot.waitUntil(view.is_written, timeout=10000)
    assert view.new_pane.toPlainText().startswith("Article 24")
    qtbot.keyClicks(window.search, "zzyzx")  # nothing listed: the panes say why
    assert view.is_whole() and view.new_pane.document().isEmpty()
    assert view.new_pane.placeholder == NOTHING_LISTED
    window.search.clear()
    qtbot.waitUntil(view.is_written, timeout=10000)
    assert view.change_count() == sum(change_count(c) for c in listed(window))


def test_find_searches_the_whole_document(qtbot: QtBot, window: MainWindow) -> None:
    view = window.diff_view
    whole(qtbot, window)
    word = "jurisdiction"
    in_text = view.new_pane.toPlainText().casefold().count(word)
    in_old = view.old_pane.toPlainText().casefold().count(word)
    assert in_text > 3
    qtbot.keyClick(window.tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.find_edit, word)
    assert view.find_bar.status.text() == f"1 of {in_text + in_old}"
    places = []
    for _ in range(3):
        qtbot.keyClick(view.find_edit, Qt.Key.Key_Return)
        places.append(view.new_pane.textCursor().selectionStart())
    assert places == sorted(places) and len(set(places)) == 3
    assert view.new_pane.textCursor().selectedText().casefold() == word


def long_provision() -> ProvisionChange:
    """Forty paragraphs; the only change is a word of the thirty-fifth."""
    paragraphs = [f"{n}. The States Parties shall cooperate closely." for n in range(1, 41)]
    new = list(paragraphs)
    new[34] = new[34].replace("closely", "fully")
    old_p = titled_provision("Article 7", "Cooperation", "\n".join(paragraphs))
    new_p = titled_provision("Article 7", "Cooperation", "\n".join(new))
    return next(c for c in compare([old_p], [new_p]) if c.status == "modified")


def test_opening_a_provision_goes_to_its_first_change(qtbot: QtBot) -> None:
    view = DiffView()
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    view.show_change(long_provision())
    for pane in (view.new_pane, view.old_pane):
        cursor = pane.document().find("35. The States Parties")
        y = pane.cursorRect(cursor).top()
        assert pane.verticalScrollBar().value() > 0
        assert 0 <= y < pane.viewport().height() - pane.fontMetrics().height()
    assert view.current_change() == -1  # shown, not yet chosen: Alt+Down chooses it
    assert view.next_change() and view.current_change() == 0


def test_both_sides_end_level_and_scroll_together(qtbot: QtBot, window: MainWindow) -> None:
    view = window.diff_view
    whole(qtbot, window)
    old_doc, new_doc = view.old_pane.document(), view.new_pane.document()
    assert abs(old_doc.size().height() - new_doc.size().height()) <= 1
    for share in (0.25, 0.5, 1.0):
        assert_level_at(view, share)


def test_the_mode_is_kept_between_runs(qtbot: QtBot, store: Store, settings: QSettings) -> None:
    import_demo(store)
    first = open_window(qtbot, store, settings)
    whole(qtbot, first)
    first.close()
    again = open_window(qtbot, store, settings)
    assert again.actions_by_name["whole_document"].isChecked()
    qtbot.waitUntil(again.diff_view.is_written, timeout=10000)
    assert again.diff_view.is_whole()
    assert again.diff_view.change_count() == sum(change_count(c) for c in listed(again))


def test_a_resize_levels_the_document_again_in_slices_keeping_the_place(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new width wraps everything anew; the padding is made again from the top, a few
    provisions per turn of the event loop, and the text the reader looks at stays put."""
    monkeypatch.setattr(relevel, "SLICE_SECONDS", 0.0)  # one batch per slice
    monkeypatch.setattr(relevel, "BATCH", 4)
    view = window.diff_view
    whole(qtbot, window)
    bar = view.new_pane.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    slices: list[bool] = []
    view.relevelling.sliced.connect(slices.append)
    window.resize(1000, 800)
    QApplication.processEvents()  # laid out anew at the new width; levelled after a pause
    assert not slices
    top_text = view.new_pane.cursorForPosition(QPoint(0, 0)).block().text()
    qtbot.waitUntil(lambda: bool(slices) and slices[-1], timeout=10000)
    assert not view.relevelling.active()
    assert len(slices) >= len(listed(window)) // 4  # in slices, the last one True
    assert slices.count(True) == 1
    assert view.new_pane.cursorForPosition(QPoint(0, 0)).block().text() == top_text
    for share in (0.25, 0.5, 1.0):
        assert_level_at(view, share)


def assert_level_at(view: DiffView, share: float) -> None:
    """At this share of the new pane's scroll range, the last line that both sides of
    the provision in view share starts at the same height on both."""
    bar = view.new_pane.verticalScrollBar()
    bar.setValue(round(bar.maximum() * share))
    change = view.provision_in_view()
    assert change is not None and change.old and change.new
    shared = [line for line in change.new[0].text.split("\n") if line in change.old[0].text]
    assert shared, change.to_num
    tops = []
    for pane in (view.old_pane, view.new_pane):  # its nearest copy above the view's end
        end = pane.cursorForPosition(QPoint(0, pane.viewport().height() - 1)).position()
        found = pane.document().find(shared[-1][:40], end, QTextDocument.FindFlag.FindBackward)
        assert not found.isNull()
        tops.append(pane.cursorRect(found).top())
    assert abs(tops[0] - tops[1]) <= 2, (change.to_num, tops)
