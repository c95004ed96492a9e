"""The text map: provision characters <-> a pane's document positions, over every change
of the demo's first and last drafts, both directions, in every pane."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from drafts.comparing.compare import compare
from drafts.comparing.diff import DiffOptions
from drafts.model import NEW, OLD
from tests.builders import demo_changes, titled_provision
from viewer.bracket_marks import qt_offsets
from viewer.diff_pane import INLINE, Renderer
from viewer.diff_style import DiffStyle, diff_colours
from viewer.diff_view import DiffView
from viewer.note_marks import ShownNote
from viewer.text_map import Passage, TextMap


def shown(document: QTextDocument, start: int, end: int) -> str:
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText().replace("\u2029", "\n")


def rendered(change, side: str, qtbot: QtBot) -> tuple[QTextDocument, TextMap]:  # type: ignore[no-untyped-def]
    view = DiffView()
    qtbot.addWidget(view)
    document = QTextDocument()
    style = DiffStyle(10.0, diff_colours(view.palette()))
    placed = Renderer(document, side, style).render(change)
    return document, TextMap(placed.runs, change.old, change.new)


@pytest.mark.parametrize("side", [OLD, NEW])
def test_each_provision_is_found_whole_in_its_own_pane(side: str, qtbot: QtBot) -> None:
    checked = 0
    for change in demo_changes():
        document, text_map = rendered(change, side, qtbot)
        for p in change.old if side == OLD else change.new:
            ranges = text_map.to_document(side, p.eid, 0, len(p.text))
            assert "".join(shown(document, *r) for r in ranges) == p.text
            checked += 1
    assert checked > 40


def test_inline_shows_each_side_between_the_other_sides_words(qtbot: QtBot) -> None:
    for change in demo_changes():
        document, text_map = rendered(change, INLINE, qtbot)
        for side, provisions in ((OLD, change.old), (NEW, change.new)):
            for p in provisions:
                ranges = text_map.to_document(side, p.eid, 0, len(p.text))
                assert "".join(shown(document, *r) for r in ranges) == p.text


def test_a_selection_becomes_the_characters_selected(qtbot: QtBot) -> None:
    """Selecting any word of a provision in its pane gives back that word's offsets."""
    for change in demo_changes()[:15]:
        for side in (OLD, NEW):
            document, text_map = rendered(change, side, qtbot)
            for p in change.old if side == OLD else change.new:
                for word in ("Convention", "State", "shall"):
                    at = p.text.find(word)
                    if at < 0:
                        continue
                    (start, end), *_ = text_map.to_document(side, p.eid, at, at + len(word))
                    assert shown(document, start, end) == word
                    assert text_map.to_text(start, end) == Passage(side, p.eid, at, at + len(word))


def test_inline_selection_prefers_the_new_text_and_astral_characters_count_once(
    qtbot: QtBot,
) -> None:
    old = titled_provision("Article 1", "Scope", "The 𝔸 rule shall apply to States.")
    new = titled_provision("Article 1", "Scope", "The 𝔸 rule may apply to States.")
    (change,) = compare([old], [new])
    document, text_map = rendered(change, INLINE, qtbot)
    plain = document.toPlainText()
    at = qt_offsets(plain)  # Qt counts 𝔸 twice
    whole = text_map.to_text(at[plain.index("rule")], at[len(plain)])
    assert whole == Passage(NEW, "article_1", 6, len(new.text))
    deleted = text_map.to_text(at[plain.index("shall")], at[plain.index("shall") + 5])
    assert deleted == Passage(OLD, "article_1", 11, 16)
    assert text_map.to_text(0, plain.index("Scope") + 5) is None  # the heading only


def test_a_note_on_text_the_option_ignored_is_placed_on_the_new_side_only(qtbot: QtBot) -> None:
    old = titled_provision("Article 1", "Scope", "The RULE applies.")
    new = titled_provision("Article 1", "Scope", "The rule applies.")
    (change,) = compare([old], [new], DiffOptions(ignore_case=True))
    _document, text_map = rendered(change, INLINE, qtbot)
    assert text_map.to_document(OLD, "article_1", 4, 8) == []
    assert text_map.to_document(NEW, "article_1", 4, 8) != []


def test_the_view_highlights_a_note_and_reveals_it(qtbot: QtBot) -> None:
    change = next(
        c
        for c in demo_changes()
        if c.status == "modified" and len(c.new[0].text) > 600 and "shall" in c.new[0].text
    )
    p = change.new[0]
    at = p.text.rindex("shall")
    view = DiffView()
    qtbot.addWidget(view)
    view.resize(500, 180)
    view.show()
    qtbot.waitExposed(view)
    view.show_change(change)
    view.set_notes([ShownNote(7, NEW, p.eid, at, at + 5, "#D55E00", "<b>scope</b>")])
    (mark,) = view.new_pane.note_marks
    assert shown(view.new_pane.document(), mark.start, mark.end) == "shall"
    assert not view.old_pane.note_marks
    assert [m.annotation_id for m in view.new_pane.notes_at(mark.start)] == [7]
    assert view.reveal_note(7)
    assert view.new_pane.textCursor().selectedText() == "shall"
    assert view.new_pane.verticalScrollBar().value() > 0
    assert view.selected_passage(view.new_pane) == Passage(NEW, p.eid, at, at + 5)
    assert not view.reveal_note(8)
