"""Annotating in the window, driven as a reader does: select words, Ctrl+Alt+M, fill in
the editor, then see the highlight, the dock, the tooltip; undo and redo; notes that
follow the text into later drafts, and orphans; the tags dialog."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialogButtonBox, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from drafts.annotating.annotations import (
    Content,
    annotation,
    create_annotation,
    find_annotations,
    tag_named,
    tags,
    text_target,
)
from drafts.demo import import_demo
from drafts.errors import NotFoundError
from drafts.model import NEW, OLD, StoredDraft
from drafts.store import Store
from tests.viewer.windows import choose, open_window
from viewer import annotation_loading
from viewer.annotation_editor import AnnotationEditor
from viewer.annotation_panel import AnnotationPanel
from viewer.diff_pane import DiffPane
from viewer.main_window import MainWindow
from viewer.tag_editor import TagEditor

SAFEGUARD = "secure the protection of human rights"
DROPPED = "principles of legality and necessity"
"""In Article 24 of the Further revised draft only: the final text deleted it, and the
zero draft did not have it yet (the drafts between had it reworded: a fuzzy match)."""


@pytest.fixture
def window(qtbot: QtBot, store: Store, tmp_path: Path) -> Iterator[MainWindow]:
    import_demo(store)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = open_window(qtbot, store, settings)
    choose(qtbot, window, "Further revised draft", "Final text agreed ad referendum")
    assert window.select_provision(window.comparison.new.id, eid_of(window, NEW, "Article 24"))
    yield window


def draft(window: MainWindow, label: str) -> StoredDraft:
    return next(d for d in window.store.drafts() if d.label == label)


def eid_of(window: MainWindow, side: str, num: str) -> str:
    shown = window.comparison.new if side == NEW else window.comparison.old
    return next(p.eid for p in window.store.provisions(shown.id) if p.num == num)


def select_words(window: MainWindow, pane: DiffPane, side: str, words: str) -> None:
    """Select `words` of the shown provision in `pane`, as a drag of the mouse would."""
    change = window.current_change()
    provision = (change.new if side == NEW else change.old)[0]
    at = provision.text.index(words)
    ((start, end),) = pane.text_map.to_document(side, provision.eid, at, at + len(words))
    cursor = QTextCursor(pane.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    pane.setTextCursor(cursor)
    pane.setFocus()


def answer_editor(window: MainWindow, fill: Callable[[AnnotationEditor], None]) -> list[str]:
    """Fill in the editor once it opens, then press Save; returns what it showed."""
    seen: list[str] = []

    def act() -> None:
        editor = window.annotating.editor
        assert editor is not None, "the editor did not open"
        seen.append(editor.quote.text())
        fill(editor)
        editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, act)
    return seen


def safeguard_note(editor: AnnotationEditor) -> None:
    editor.check_tag("human-rights safeguards")
    editor.status.setCurrentText("Contested")
    editor.holder.setText("  European   Union ")
    editor.note.setPlainText("Keep the reference to human rights law. <b>not bold</b>")


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until every annotation of the drafts on screen is placed and shown: placing
    a note made on another draft compares drafts, in the background."""
    qtbot.waitUntil(lambda: not window.annotating.background.busy(), timeout=10000)


def refresh(qtbot: QtBot, window: MainWindow) -> None:
    """Read the annotations again, and wait until they are all placed and listed."""
    with qtbot.waitSignal(window.annotating.notes_placed, timeout=10000):
        window.annotating.refresh()


def listed(panel: AnnotationPanel) -> dict[str, list[QModelIndex]]:
    """Provision -> the rows of its notes, as the panel lists them, in order."""
    model = panel.tree.model()
    out = {}
    for r in range(model.rowCount()):
        group = model.index(r, 0)
        out[group.data()] = [model.index(k, 0, group) for k in range(model.rowCount(group))]
    return out


def marked(pane: DiffPane) -> list[tuple[int, str]]:
    """(annotation id, words) of each highlight in a pane."""
    cursor = QTextCursor(pane.document())
    out = []
    for mark in pane.note_marks:
        cursor.setPosition(mark.start)
        cursor.setPosition(mark.end, QTextCursor.MoveMode.KeepAnchor)
        out.append((mark.annotation_id, cursor.selectedText()))
    return out


def test_select_words_annotate_by_keyboard_then_undo_and_redo(
    qtbot: QtBot, window: MainWindow
) -> None:
    pane = window.diff_view.new_pane
    select_words(window, pane, NEW, SAFEGUARD)
    seen = answer_editor(window, safeguard_note)
    qtbot.keyClick(
        pane, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    settle(qtbot, window)
    assert seen == [f"“{SAFEGUARD}”"]
    (made,) = find_annotations(window.store)
    assert made.target.draft_id == window.comparison.new.id
    assert made.target.selector.exact == SAFEGUARD
    hr = tag_named(window.store, "human-rights safeguards")
    assert made.content == Content(
        (hr.id,), "Keep the reference to human rights law. <b>not bold</b>", "contested",
        "European Union",
    )  # fmt: skip
    assert marked(pane) == [(made.id, SAFEGUARD)]
    assert marked(window.diff_view.old_pane) == [(made.id, SAFEGUARD)]  # same words, old draft
    assert pane.note_marks[0].colour.name().upper() == hr.colour
    tip = pane.note_marks[0].tooltip
    assert "human-rights safeguards" in tip and "European Union" in tip and "&lt;b&gt;" in tip
    panel = window.annotating.panel
    assert panel.count.text() == "1 annotation"
    ((title, (row,)),) = listed(panel).items()
    assert title == "Article 24 — Conditions and safeguards"
    assert row.data().startswith(f"“{SAFEGUARD}”\ncontested · European Union — Keep")

    undo = window.actions_by_name["undo"]
    assert undo.text() == "&Undo Add annotation" or "Add annotation" in undo.text()
    undo.trigger()
    settle(qtbot, window)
    assert find_annotations(window.store) == []
    assert pane.note_marks == [] and panel.count.text() == "0 annotations"
    window.actions_by_name["redo"].trigger()
    settle(qtbot, window)
    assert find_annotations(window.store) == [made]  # the same id, URI and time stamps
    assert marked(pane) == [(made.id, SAFEGUARD)]


def test_nothing_selected_says_what_to_do_and_saves_nothing(window: MainWindow) -> None:
    window.diff_view.new_pane.setFocus()
    assert window.annotating.annotate_selection() is None
    assert "Select words" in window.statusBar().currentMessage()
    assert find_annotations(window.store) == []


def test_cancelling_the_editor_saves_nothing(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.diff_view.new_pane
    select_words(window, pane, NEW, SAFEGUARD)

    def cancel() -> None:
        window.annotating.editor.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, cancel)
    assert window.annotating.annotate_selection() is None
    assert find_annotations(window.store) == [] and not window.annotating.stack.canUndo()


def test_a_deleted_passage_is_annotated_on_the_old_side(qtbot: QtBot, window: MainWindow) -> None:
    old_pane = window.diff_view.old_pane
    select_words(window, old_pane, OLD, DROPPED)
    answer_editor(window, lambda e: e.note.setPlainText("Dropped in the final text."))
    made_id = window.annotating.annotate_selection(old_pane)
    settle(qtbot, window)
    assert made_id is not None
    made = annotation(window.store, made_id)
    assert made.target.draft_id == window.comparison.old.id
    assert marked(old_pane) == [(made_id, DROPPED)]
    assert window.diff_view.new_pane.note_marks == []
    assert list(listed(window.annotating.panel)) == [
        "Article 24 — Conditions and safeguards, in Further revised draft"
    ]


def test_inline_view_highlights_each_note_once(qtbot: QtBot, window: MainWindow) -> None:
    a = note_on(window, "Further revised draft", "Article 24", SAFEGUARD)
    refresh(qtbot, window)
    window.actions_by_name["inline"].trigger()
    assert marked(window.diff_view.inline_pane) == [(a, SAFEGUARD)]


def note_on(window: MainWindow, label: str, num: str, words: str, note: str = "") -> int:
    d = draft(window, label)
    p = next(p for p in window.store.provisions(d.id) if p.num == num)
    at = p.text.index(words)
    target = text_target(window.store, d.id, p.eid, at, at + len(words))
    hr = tag_named(window.store, "human-rights safeguards")
    return create_annotation(window.store, target, Content((hr.id,), note, "open", ""))


def test_notes_follow_the_text_and_orphans_are_listed_with_the_reason(
    qtbot: QtBot, window: MainWindow
) -> None:
    carried = note_on(window, "Zero draft", "Article 26", SAFEGUARD, "made on the zero draft")
    dropped = note_on(window, "Further revised draft", "Article 24", DROPPED, "dropped later")
    refresh(qtbot, window)
    assert marked(window.diff_view.new_pane) == [(carried, SAFEGUARD)]
    assert sorted(marked(window.diff_view.old_pane)) == [(carried, SAFEGUARD), (dropped, DROPPED)]
    assert "made in Zero draft" in window.diff_view.new_pane.note_marks[0].tooltip

    choose(qtbot, window, "Zero draft", "Final text agreed ad referendum")  # both lack it
    settle(qtbot, window)
    panel = window.annotating.panel
    groups = listed(panel)
    (orphan,) = groups["Article 24 — Conditions and safeguards, in Further revised draft"]
    assert orphan.data().startswith(f"Orphaned: “{DROPPED}”")
    tip = orphan.data(Qt.ItemDataRole.ToolTipRole)
    assert "No place in the drafts compared: this text is no longer" in tip
    assert panel.count.text() == "2 annotations, 1 orphaned"
    assert list(groups)[-1].endswith("in Further revised draft")  # orphans come last

    panel.select(dropped)  # Go to the text: the draft it was made in is opened
    panel.open_requested.emit(dropped)
    qtbot.waitUntil(lambda: window.comparison.new.label == "Further revised draft", timeout=10000)
    assert window.current_change().to_num == "Article 24"
    qtbot.waitUntil(lambda: window.diff_view.new_pane.textCursor().selectedText() == DROPPED)


def test_the_panel_filters_by_tag_status_and_draft(qtbot: QtBot, window: MainWindow) -> None:
    a = note_on(window, "Zero draft", "Article 26", SAFEGUARD)
    b = note_on(window, "Further revised draft", "Article 24", DROPPED)
    refresh(qtbot, window)
    panel = window.annotating.panel
    assert {n.annotation_id for n in panel.shown()} == {a, b}
    panel.draft_filter.setCurrentText("Zero draft")
    assert [n.annotation_id for n in panel.shown()] == [a]
    assert panel.count.text() == "1 annotation of 2"
    panel.draft_filter.setCurrentIndex(0)
    panel.status_filter.setCurrentText("Resolved")
    assert panel.shown() == [] and listed(panel) == {}
    panel.status_filter.setCurrentIndex(0)
    panel.tag_filter.setCurrentText("data protection and privacy")
    assert panel.shown() == []
    panel.tag_filter.setCurrentText("human-rights safeguards")
    assert len(panel.shown()) == 2


def test_edit_and_delete_from_the_panel_are_undoable(qtbot: QtBot, window: MainWindow) -> None:
    a = note_on(window, "Further revised draft", "Article 24", SAFEGUARD, "first words")
    refresh(qtbot, window)
    panel = window.annotating.panel
    assert panel.select(a)
    answer_editor(window, lambda e: e.note.setPlainText("second words"))
    panel.edit_button.click()
    assert annotation(window.store, a).content.note == "second words"
    assert "second words" in window.diff_view.new_pane.note_marks[0].tooltip
    panel.delete_button.click()
    assert find_annotations(window.store) == []
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    window.actions_by_name["undo"].trigger()
    assert annotation(window.store, a).content.note == "second words"
    window.actions_by_name["undo"].trigger()
    assert annotation(window.store, a).content.note == "first words"


def test_an_undo_the_store_refuses_is_reported_and_dropped(
    qtbot: QtBot, window: MainWindow
) -> None:
    a = note_on(window, "Further revised draft", "Article 24", SAFEGUARD, "first")
    refresh(qtbot, window)
    answer_editor(window, lambda e: e.note.setPlainText("mine"))
    assert window.annotating.edit(a)
    current = annotation(window.store, a).content  # someone else edits it meanwhile
    from drafts.annotating.annotations import update_annotation

    update_annotation(window.store, a, current, Content(current.tag_ids, "theirs"))
    window.actions_by_name["undo"].trigger()
    assert annotation(window.store, a).content.note == "theirs"  # not overwritten
    box = window.annotating.error_box
    assert box is not None and "changed meanwhile" in box.text()
    assert not window.annotating.stack.canUndo()


def test_the_context_menu_offers_annotating_and_the_notes_under_the_click(
    qtbot: QtBot, window: MainWindow
) -> None:
    a = note_on(window, "Further revised draft", "Article 24", SAFEGUARD)
    refresh(qtbot, window)
    pane = window.diff_view.new_pane
    mark = pane.note_marks[0]
    menu = QMenu()
    window.annotating._context_menu(pane, mark.start + 1, menu)
    texts = {act.text().replace("&", ""): act.isEnabled() for act in menu.actions()}
    assert texts["Annotate selection…"] is False  # nothing selected
    assert texts["Annotate the whole provision…"] is True
    assert "Edit note (human-rights safeguards)…" in texts
    menu.clear()
    window.annotating._context_menu(pane, 0, menu)
    assert not any("Edit note" in act.text() for act in menu.actions())
    assert a in {m.annotation_id for m in pane.note_marks}


def test_the_tags_dialog_adds_renames_recolours_and_refuses_to_delete_a_used_tag(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    note_on(window, "Further revised draft", "Article 24", SAFEGUARD)
    monkeypatch.setattr(TagEditor, "ask_name", lambda self, title, current: "gender")
    monkeypatch.setattr(TagEditor, "ask_colour", lambda self, current: "#112233")
    window.annotating.edit_tags()
    dialog = window.annotating.tag_editor
    before = len(tags(window.store))
    dialog.add_button.click()
    assert [t.name for t in tags(window.store)][-1] == "gender"
    assert dialog.current().name == "gender" and len(tags(window.store)) == before + 1
    dialog.colour_button.click()
    assert tag_named(window.store, "gender").colour == "#112233"
    window.actions_by_name["undo"].trigger()  # the window's Ctrl+Z undoes the recolour
    assert tag_named(window.store, "gender").colour != "#112233"
    dialog.select(tag_named(window.store, "human-rights safeguards").id)
    dialog.delete_button.click()
    box = window.annotating.error_box
    assert box is not None and "used by 1 annotation" in box.text()
    assert box.icon() == QMessageBox.Icon.Critical
    assert "human-rights safeguards" in [t.name for t in tags(window.store)]
    item_texts = [dialog.tag_list.item(n).text() for n in range(dialog.tag_list.count())]
    assert "human-rights safeguards  (1 annotation)" in item_texts


def go_to_change_where(window: MainWindow, old_words: str) -> tuple[str, str]:
    """Step through the changes (Alt+Down) to the one whose old words contain `old_words`
    ("" for a pure insertion); return its (old, new) words."""
    view = window.diff_view
    change = window.current_change()
    old_text = "\n".join(p.text for p in change.old)
    new_text = "\n".join(p.text for p in change.new)
    for k in range(view.change_count()):
        view.go_to_change(k)
        passages = view.change_passages()
        if passages is None:
            continue
        old, new = passages
        words = old_text[old.start : old.end], new_text[new.start : new.end]
        if (old_words and old_words in words[0]) or (not old_words and not words[0]):
            return words
    raise AssertionError(f"no change with {old_words!r}")


def test_annotate_a_change_with_a_side_in_each_draft(qtbot: QtBot, window: MainWindow) -> None:
    old_words, new_words = go_to_change_where(window, "legality")
    seen = answer_editor(window, lambda e: e.note.setPlainText("traded for proportionality"))
    qtbot.keyClick(
        window.diff_view.new_pane, Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )  # fmt: skip
    settle(qtbot, window)
    assert seen == [f"“{old_words} → {new_words}”"]
    (made,) = find_annotations(window.store)
    assert made.kind == "change"
    assert made.target.draft_id == window.comparison.old.id
    assert made.target.selector.exact == old_words and "legality" in old_words
    assert made.changed_to.draft_id == window.comparison.new.id
    assert made.changed_to.selector.exact == new_words and "proportionality" in new_words
    assert marked(window.diff_view.old_pane) == [(made.id, old_words)]
    assert marked(window.diff_view.new_pane) == [(made.id, new_words)]


def test_an_insertion_is_annotated_with_an_empty_old_side(qtbot: QtBot, window: MainWindow) -> None:
    for row in window.visible_rows():  # the first provision with a pure insertion
        window.tree.setCurrentIndex(row)
        try:
            _, new_words = go_to_change_where(window, "")
            break
        except AssertionError:
            continue
    answer_editor(window, lambda e: e.note.setPlainText("new in the final text"))
    made_id = window.annotating.annotate_change()
    settle(qtbot, window)
    made = annotation(window.store, made_id)
    assert made.target.selector.exact == "" and made.changed_to.selector.exact == new_words
    assert window.diff_view.old_pane.note_marks == []
    assert marked(window.diff_view.new_pane) == [(made_id, new_words)]


def test_no_current_change_says_how_to_choose_one(window: MainWindow) -> None:
    window.select_provision(window.comparison.new.id, eid_of(window, NEW, "Article 24"))
    assert window.diff_view.current_change() == -1
    assert window.annotating.annotate_change() is None
    assert "Alt+Down" in window.statusBar().currentMessage()


def test_notes_carried_from_another_draft_are_shown_as_such(
    qtbot: QtBot, window: MainWindow
) -> None:
    here = note_on(window, "Final text agreed ad referendum", "Article 24", SAFEGUARD)
    carried = note_on(window, "Zero draft", "Article 26", "judicial or other independent review")
    refresh(qtbot, window)
    marks = {m.annotation_id: m for m in window.diff_view.new_pane.note_marks}
    assert marks[here].carried is False and marks[carried].carried is True
    (group,) = listed(window.annotating.panel).values()
    rows = [row.data().split("\n")[1] for row in group]
    assert sorted(rows) == ["open", "open · from Zero draft"]


def test_a_new_tag_made_in_the_editor_is_ticked_and_undoable(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("viewer.annotating.ask_tag_name", lambda parent, title: "gender")
    select_words(window, window.diff_view.new_pane, NEW, SAFEGUARD)
    answer_editor(window, lambda e: e.new_tag_button.click())
    made_id = window.annotating.annotate_selection()
    gender = tag_named(window.store, "gender")
    assert annotation(window.store, made_id).content.tag_ids == (gender.id,)
    window.actions_by_name["undo"].trigger()  # the note
    window.actions_by_name["undo"].trigger()  # the tag
    assert "gender" not in [t.name for t in tags(window.store)]


def test_notes_that_cannot_be_placed_are_shown_in_the_error_dialog(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Placing runs in the pool; what goes wrong there reaches the reader all the same."""

    def broken(*_: object) -> None:
        raise NotFoundError("no draft with id 99 in :memory:")

    monkeypatch.setattr(annotation_loading, "placements", broken)
    note_on(window, "Zero draft", "Article 26", SAFEGUARD)
    window.annotating.refresh()
    assert window.annotating.background.busy()  # refresh() returned before placing
    settle(qtbot, window)
    box = window.annotating.error_box
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "Cannot place the annotations"
    assert box.text() == "no draft with id 99 in :memory:"


def test_the_list_shows_how_many_annotations_each_provision_carries(
    qtbot: QtBot, window: MainWindow
) -> None:
    note_on(window, "Zero draft", "Article 26", SAFEGUARD, "made on the zero draft")
    note_on(window, "Final text agreed ad referendum", "Article 24", SAFEGUARD, "on the final")
    refresh(qtbot, window)
    words = {
        window.change_at(row).to_num: row.siblingAtColumn(3).data()
        for row in window.visible_rows()
        if window.change_at(row) is not None
    }
    noted = {num: text for num, text in words.items() if text.startswith("✎")}
    assert list(noted) == ["Article 24"]  # the zero draft's Article 26 became Article 24
    assert noted["Article 24"].startswith("✎2  ")  # both, carried or made here


def test_a_note_made_or_undone_changes_its_row_alone_and_many_notes_start_folded(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("viewer.annotation_panel.UNFOLDED", 2)
    note_on(window, "Zero draft", "Article 26", SAFEGUARD)
    note_on(window, "Further revised draft", "Article 24", DROPPED)
    note_on(window, "Final text agreed ad referendum", "Article 24", SAFEGUARD)
    refresh(qtbot, window)
    panel = window.annotating.panel
    groups = listed(panel)
    assert list(groups) == [
        "Article 24 — Conditions and safeguards · 2",
        "Article 24 — Conditions and safeguards, in Further revised draft · 1",
    ]
    model = panel.model
    assert not any(panel.tree.isExpanded(model.index(r, 0)) for r in range(model.rowCount()))

    read: list[object] = []
    monkeypatch.setattr("viewer.annotating.annotation_rows", lambda *a, **k: read.append(a))
    select_words(window, window.diff_view.new_pane, NEW, "human rights")
    answer_editor(window, lambda e: e.note.setPlainText("one more"))
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.rowsInserted):
        made = window.annotating.annotate_selection()
    assert read == [] and not window.annotating.background.busy()  # nothing read again
    assert panel.notes[made].note == "one more" and model.index_of(made).isValid()
    assert next(iter(listed(panel))) == "Article 24 — Conditions and safeguards · 3"
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.rowsRemoved):
        window.actions_by_name["undo"].trigger()
    assert made not in panel.notes and not model.index_of(made).isValid()
    assert read == [] and panel.count.text() == "3 annotations"
    with qtbot.waitSignal(window.annotating.notes_placed):  # the list's counts follow
        window.actions_by_name["redo"].trigger()
    noted = {
        window.change_at(row).to_num: row.siblingAtColumn(3).data()
        for row in window.visible_rows()
        if window.change_at(row) is not None
    }
    assert noted["Article 24"].startswith("✎4  ")  # both sides of the row, the new one too


def test_the_whole_document_shows_every_provisions_notes_and_annotates_any_of_them(
    qtbot: QtBot, window: MainWindow
) -> None:
    """View > Whole document: the highlights of every provision written, not only the
    one selected; words selected in any provision are annotated on that provision."""
    final = "Final text agreed ad referendum"
    scope = next(
        p for p in window.store.provisions(draft(window, final).id) if p.num == "Article 1"
    )
    opening = " ".join(scope.text.split()[:4])
    on_scope = note_on(window, final, "Article 1", opening, "scope")
    on_safeguards = note_on(window, final, "Article 24", SAFEGUARD, "safeguards")
    refresh(qtbot, window)
    view = window.diff_view
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.tree, Qt.Key.Key_W, modifiers)
    qtbot.waitUntil(view.is_written, timeout=10000)
    assert {(on_scope, opening), (on_safeguards, SAFEGUARD)} <= set(marked(view.new_pane))

    article_2 = next(
        c for c in map(window.change_at, window.visible_rows()) if c.to_num == "Article 2"
    )
    provision = article_2.new[0]
    words = " ".join(provision.text.split()[1:4])
    at = provision.text.index(words)
    ((start, end),) = view.new_pane.text_map.to_document(NEW, provision.eid, at, at + len(words))
    cursor = QTextCursor(view.new_pane.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.new_pane.setTextCursor(cursor)
    answer_editor(window, lambda e: e.note.setPlainText("terms"))
    made = window.annotating.annotate_selection(view.new_pane)
    settle(qtbot, window)
    assert made is not None
    stored = annotation(window.store, made)
    assert (stored.target.eid, stored.target.selector.exact) == (provision.eid, words)
    assert view.is_whole() and (made, words) in marked(view.new_pane)
    assert (on_scope, opening) in marked(view.new_pane)  # the others stay highlighted
    window.actions_by_name["undo"].trigger()
    settle(qtbot, window)
    assert made not in {m.annotation_id for m in view.new_pane.note_marks}
    assert window.select_provision(window.comparison.new.id, eid_of(window, NEW, "Article 24"))
    window.actions_by_name["whole_document"].trigger()  # one provision again: its notes
    assert not view.is_whole()
    assert marked(view.new_pane) == [(on_safeguards, SAFEGUARD)]
