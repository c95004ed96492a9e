"""The diff view: what a reader sees of one provision change, word by word."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from drafts.comparing.compare import ProvisionChange, compare
from drafts.comparing.diff import (
    DELETE,
    EQUAL,
    INSERT,
    Segment,
    change_blocks,
    diff_texts,
    new_text,
    old_text,
)
from drafts.model import Note
from tests.builders import demo_changes, titled_provision
from viewer.change_map import MapMark, nearest_change
from viewer.diff_pane import NEW, DiffPane, Renderer
from viewer.diff_style import DiffStyle, diff_colours
from viewer.diff_view import DiffView
from viewer.move_marks import MoveFacts, describe_moves
from viewer.note_marks import ShownNote
from viewer.paragraph_snap import snap_to_paragraphs, snapped

SCOPE_OLD = (
    "1. This Convention shall apply to the “prevention” of offences.\n2. It shall enter into force."
)
SCOPE_NEW = (
    "1. This Convention may apply to the “prevention” of offences.\n2. It shall enter into force."
)


def only(changes: list[ProvisionChange], status: str) -> ProvisionChange:
    matching = [c for c in changes if c.status == status]
    assert len(matching) == 1, [c.status for c in changes]
    return matching[0]


def modified() -> ProvisionChange:
    """Article 5 renumbered 6, "shall" became "may" in its first paragraph, a note reworded."""
    old = titled_provision("Article 5", "Scope", SCOPE_OLD, (Note("1", "Proposed by the Chair."),))
    new = titled_provision("Article 6", "Scope", SCOPE_NEW, (Note("1", "Agreed by the Chair."),))
    return only(compare([old], [new]), "modified")


@cache
def expected_text(change: ProvisionChange, side: str) -> str:
    """What a pane must read: heading, text, then notes under their label, exactly."""
    provisions = change.old if side == "old" else change.new
    if side != "inline" and not provisions:
        return ""
    parts = []
    for segments in (change.heading, change.text):
        if segments:
            parts.append(_side_text(segments, side))
    if change.notes:
        parts.append("Notes\n" + _side_text(change.notes, side))
    return "\n".join(parts)


def _side_text(segments, side: str) -> str:
    if side == "old":
        return old_text(segments)
    if side == "new":
        return new_text(segments)
    return "".join(s.old if s.op == DELETE else s.new for s in segments)


def char_format(pane: DiffPane, word: str, occurrence: int = 0) -> QTextCharFormat:
    """The format of the first character of the `occurrence`-th `word` in `pane`."""
    cursor = QTextCursor(pane.document())
    for _ in range(occurrence + 1):
        cursor = pane.document().find(word, cursor)
        assert not cursor.isNull(), f"{word!r} not in {pane.objectName()}"
    cursor.setPosition(cursor.selectionStart() + 1)
    return cursor.charFormat()


def marked_as(fmt: QTextCharFormat) -> str:
    """How a reader sees a word: struck on a tint, underlined on a tint, dotted
    underlined on a tint (moved: struck too where it left, inline), or plain."""
    tinted = fmt.background().style() != Qt.BrushStyle.NoBrush
    if fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine and tinted:
        return "moved away" if fmt.fontStrikeOut() else "moved"
    if fmt.fontStrikeOut() and tinted and not fmt.fontUnderline():
        return "deleted"
    if fmt.fontUnderline() and tinted and not fmt.fontStrikeOut():
        return "inserted"
    assert not (tinted or fmt.fontStrikeOut() or fmt.fontUnderline())
    return "plain"


def read_back(pane: DiffPane, side: str) -> str:
    """The provision text of `side` as the pane's text map places it, in text order."""
    runs = [r for r in pane.text_map.runs if r.offset(side) is not None]
    return "".join(r.text for r in sorted(runs, key=lambda r: r.offset(side) or 0))


def label_text(label: QLabel) -> str:
    return QTextDocumentFragment.fromHtml(label.text()).toPlainText()


def highlighted(pane: DiffPane) -> str:
    """The text the current-change marks cover in `pane`."""
    return "".join(s.cursor.selectedText() for s in pane.change_marks)


def viewport_y(pane: DiffPane, text: str) -> int:
    cursor = pane.document().find(text)
    assert not cursor.isNull(), text
    return pane.cursorRect(cursor).top()


@pytest.fixture
def view(qtbot: QtBot) -> DiffView:
    widget = DiffView()
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_nothing_selected_shows_a_prompt_and_no_changes(view: DiffView) -> None:
    view.show_change(modified())
    view.show_change(None)
    assert view.old_pane.toPlainText() == view.new_pane.toPlainText() == ""
    assert view.old_pane.placeholder == "Select a provision"
    assert label_text(view.old_header) == label_text(view.new_header) == ""
    assert view.change_count() == 0 and view.current_change() == -1
    assert view.next_change() is False


def test_each_pane_reads_exactly_its_side_of_the_change(view: DiffView) -> None:
    change = modified()
    view.show_change(change)
    assert view.old_pane.toPlainText() == f"Scope\n{SCOPE_OLD}\nNotes\n1 Proposed by the Chair."
    assert view.new_pane.toPlainText() == f"Scope\n{SCOPE_NEW}\nNotes\n1 Agreed by the Chair."
    assert view.old_pane.toPlainText() == expected_text(change, "old")


def test_deleted_words_are_struck_and_inserted_underlined_both_on_a_tint(view: DiffView) -> None:
    view.show_change(modified())
    assert marked_as(char_format(view.old_pane, "shall")) == "deleted"
    assert marked_as(char_format(view.new_pane, "may")) == "inserted"
    assert marked_as(char_format(view.old_pane, "Proposed")) == "deleted"
    assert marked_as(char_format(view.new_pane, "Agreed")) == "inserted"
    for pane in (view.old_pane, view.new_pane):
        assert marked_as(char_format(pane, "apply")) == "plain"
        assert marked_as(char_format(pane, "“prevention”")) == "plain"
        assert (
            marked_as(char_format(pane, "shall", occurrence=1 if pane is view.old_pane else 0))
            == "plain"
        )
    deleted = char_format(view.old_pane, "shall").background().color()
    inserted = char_format(view.new_pane, "may").background().color()
    assert deleted.red() > deleted.blue() and inserted.blue() > inserted.red()


def test_marks_land_on_the_right_words_after_characters_outside_the_bmp(view: DiffView) -> None:
    """Qt counts UTF-16 units: a mathematical letter before a change must not shift it."""
    old = titled_provision("Article 1", "Terms", "The 𝔖tate Party shall adopt measures.")
    new = titled_provision("Article 1", "Terms", "The 𝔖tate Party may adopt measures.")
    view.show_change(only(compare([old], [new]), "modified"))
    assert view.new_pane.toPlainText() == "Terms\nThe 𝔖tate Party may adopt measures."
    assert marked_as(char_format(view.new_pane, "may")) == "inserted"
    assert marked_as(char_format(view.old_pane, "shall")) == "deleted"
    assert marked_as(char_format(view.new_pane, "adopt")) == "plain"
    assert marked_as(char_format(view.new_pane, "Party")) == "plain"


def test_headers_name_both_sides_and_the_status(view: DiffView) -> None:
    view.show_change(modified())
    assert label_text(view.old_header) == "Article 5 — Scope"
    assert label_text(view.new_header) == "Article 6 — Scope · modified"
    view.set_inline(True)
    assert label_text(view.inline_header) == "Article 5 → Article 6 · modified"


def test_a_deleted_provision_leaves_the_new_pane_empty_with_a_placeholder(view: DiffView) -> None:
    gone = titled_provision("Article 9", "Reservations", "No reservations may be made.")
    change = only(compare([gone], []), "deleted")
    view.show_change(change)
    assert view.old_pane.toPlainText() == "Reservations\nNo reservations may be made."
    assert view.new_pane.toPlainText() == ""
    assert view.new_pane.placeholder == "(no provision in this draft)"
    assert label_text(view.old_header) == "Article 9 — Reservations · deleted"
    assert label_text(view.new_header) == "Not in this draft"
    assert marked_as(char_format(view.old_pane, "reservations")) == "deleted"


def test_an_added_provision_leaves_the_old_pane_empty(view: DiffView) -> None:
    change = only(
        compare([], [titled_provision("Article 3", "Use of terms", "“Data” means data.")]), "added"
    )
    view.show_change(change)
    assert view.old_pane.toPlainText() == ""
    assert view.old_pane.placeholder == "(no provision in this draft)"
    assert view.new_pane.toPlainText() == "Use of terms\n“Data” means data."
    assert label_text(view.new_header) == "Article 3 — Use of terms · added"
    assert marked_as(char_format(view.new_pane, "means")) == "inserted"


def test_a_split_lists_every_piece_and_its_text_exactly(view: DiffView) -> None:
    split = only(demo_changes(), "split")
    view.show_change(split)
    assert label_text(view.old_header) == "Article 26 — Conditions and safeguards"
    assert label_text(view.new_header) == "Article 24 + Article 25 · split"
    assert view.old_pane.toPlainText() == expected_text(split, "old")
    assert view.new_pane.toPlainText() == expected_text(split, "new")
    assert "Protection of human rights in investigations" in view.new_pane.toPlainText()


def test_an_uncertain_pairing_says_so(view: DiffView) -> None:
    uncertain = next(c for c in demo_changes() if c.uncertain)
    view.show_change(uncertain)
    assert label_text(view.new_header).endswith("· uncertain pairing")


def test_every_demo_change_renders_every_word_of_both_sides(view: DiffView) -> None:
    for change in demo_changes():
        view.show_change(change)
        for side, pane in (("old", view.old_pane), ("new", view.new_pane)):
            assert pane.toPlainText() == expected_text(change, side), (change.from_num, side)
        # Inline, a passage rewritten across breaks is shown line by line, a break of
        # both sides once, so the characters are both sides' in another order; read
        # through the pane's text map, each side's text comes back exactly.
        shown = view.inline_pane.toPlainText().replace("\n", "")
        assert Counter(shown) == Counter(expected_text(change, "inline").replace("\n", ""))
        for side, provisions in (("old", change.old), ("new", change.new)):
            assert read_back(view.inline_pane, side) == "\n".join(p.text for p in provisions)


def test_inline_view_shows_deletion_then_insertion_in_one_column(view: DiffView) -> None:
    view.show_change(modified())
    view.set_inline(True)
    assert view.is_inline()
    assert view.inline_pane.isVisible() and not view.old_pane.isVisible()
    text = view.inline_pane.toPlainText()
    assert "This Convention shallmay apply" in text and "1 ProposedAgreed by the Chair." in text
    assert marked_as(char_format(view.inline_pane, "shall")) == "deleted"
    assert marked_as(char_format(view.inline_pane, "may")) == "inserted"
    view.set_inline(False)
    assert view.old_pane.isVisible() and not view.inline_pane.isVisible()


def test_next_change_walks_every_change_and_stops_at_the_last(qtbot: QtBot, view: DiffView) -> None:
    view.show_change(modified())
    assert view.change_count() == 2 and view.current_change() == -1
    moves: list[tuple[int, int]] = []
    view.change_moved.connect(lambda index, count: moves.append((index, count)))
    assert view.next_change() is True
    assert (highlighted(view.old_pane), highlighted(view.new_pane)) == ("shall", "may")
    assert view.next_change() is True
    assert (highlighted(view.old_pane), highlighted(view.new_pane)) == ("Proposed", "Agreed")
    assert view.next_change() is False
    assert view.current_change() == 1
    assert view.previous_change() is True and view.current_change() == 0
    assert view.previous_change() is False and view.current_change() == 0
    assert moves == [(0, 2), (1, 2), (0, 2)]


def test_go_to_change_minus_one_is_the_last(view: DiffView) -> None:
    view.show_change(only(demo_changes(), "split"))
    view.go_to_change(-1)
    assert view.current_change() == view.change_count() - 1 == 14
    assert view.next_change() is False
    view.go_to_change(0)
    assert view.current_change() == 0
    assert highlighted(view.new_pane) == "\u2029Protection of human rights in investigations"
    assert highlighted(view.old_pane) == ""  # nothing on this side: outlined, not coloured
    assert view.old_pane.outline is not None


def test_an_unchanged_provision_has_no_change_to_go_to(view: DiffView) -> None:
    same = titled_provision("Article 2", "Purpose", "To prevent crime.")
    view.show_change(only(compare([same], [same]), "unchanged"))
    view.go_to_change(0)
    assert view.change_count() == 0 and view.current_change() == -1


def test_find_selects_new_side_first_then_old_and_wraps(view: DiffView) -> None:
    view.show_change(modified())
    assert view.find("CHAIR") is True
    assert view.new_pane.textCursor().selectedText() == "Chair"
    assert view.find("chair") is True
    assert view.old_pane.textCursor().selectedText() == "Chair"
    assert view.find("chair") is True  # wrapped round to the new pane
    assert view.new_pane.textCursor().selectionStart() == view.new_pane.toPlainText().index("Chair")
    assert view.find("chair", backward=True) is True
    assert view.old_pane.textCursor().selectedText() == "Chair"


def test_find_counts_the_matches_and_tints_every_one(view: DiffView) -> None:
    view.show_change(modified())
    total = sum(p.toPlainText().casefold().count("chair") for p in (view.new_pane, view.old_pane))
    assert total >= 2
    assert view.find("chair") is True
    assert view.find_bar.status.text() == f"1 of {total}"
    marks = [m for p in (view.new_pane, view.old_pane) for m in p.find_marks]
    assert len(marks) == total  # the current one strong, the others tinted
    assert view.find("chair") is True
    assert view.find_bar.status.text() == f"2 of {total}"


def test_find_bar_keys_and_not_found(qtbot: QtBot, view: DiffView) -> None:
    view.show_change(modified())
    assert not view.find_bar.isVisible()
    view.start_find()
    assert view.find_bar.isVisible() and view.find_edit.hasFocus()
    qtbot.keyClicks(view.find_edit, "prevention")
    assert view.new_pane.textCursor().selectedText() == "prevention"
    qtbot.keyClick(view.find_edit, Qt.Key.Key_Return)
    assert view.old_pane.textCursor().selectedText() == "prevention"
    qtbot.keyClick(view.find_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.new_pane.textCursor().selectedText() == "prevention"
    view.find_edit.clear()
    qtbot.keyClicks(view.find_edit, "treaty")
    assert view.find_bar.status.text() == "not found"
    qtbot.keyClick(view.find_edit, Qt.Key.Key_Escape)
    assert not view.find_bar.isVisible()


def test_zoom_changes_the_text_size_by_a_point_a_step(view: DiffView) -> None:
    view.show_change(modified())
    text_size = char_format(view.new_pane, "apply").fontPointSize()
    heading_size = char_format(view.new_pane, "Scope").fontPointSize()
    view.zoom(+1)
    view.zoom(+1)
    assert view.zoom_steps() == 2
    assert char_format(view.new_pane, "apply").fontPointSize() == text_size + 2
    assert char_format(view.new_pane, "Scope").fontPointSize() > text_size + 2
    assert char_format(view.old_pane, "shall").fontPointSize() == text_size + 2
    view.zoom(100)
    assert view.zoom_steps() == 10
    view.zoom(0)
    assert view.zoom_steps() == 0
    assert char_format(view.new_pane, "Scope").fontPointSize() == heading_size


def test_a_long_paragraph_wraps_in_a_narrow_view(view: DiffView, qtbot: QtBot) -> None:
    long = "Each State Party shall adopt " + "such legislative measures " * 40 + "as necessary."
    change = only(
        compare(
            [titled_provision("Article 1", "A", long)], [titled_provision("Article 1", "B", long)]
        ),
        "modified",
    )
    view.resize(360, 400)
    view.show_change(change)
    qtbot.waitUntil(lambda: view.new_pane.viewport().width() < 200)
    for pane in (view.old_pane, view.new_pane):
        assert not pane.horizontalScrollBar().isVisible()
        assert pane.document().idealWidth() <= pane.viewport().width()
        assert pane.document().lastBlock().layout().lineCount() > 10


def test_a_dark_palette_gets_dark_tints_and_light_text(view: DiffView) -> None:
    view.show_change(modified())
    light = char_format(view.new_pane, "may").background().color()
    assert light.lightness() > 180
    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    view.setPalette(dark)
    fmt = char_format(view.new_pane, "may")
    assert fmt.background().color().lightness() < 100
    assert fmt.foreground().color().lightness() > 150
    assert marked_as(fmt) == "inserted"


def long_insertion() -> ProvisionChange:
    """Forty paragraphs, fifteen new ones after the fifth, and a word changed in the last."""
    paragraphs = [
        f"Paragraph {n}. The States Parties shall cooperate closely." for n in range(1, 41)
    ]
    added = [f"Inserted {n}. Each State Party may request assistance." for n in range(1, 16)]
    new = [*paragraphs[:5], *added, *paragraphs[5:]]
    new[-1] = new[-1].replace("closely", "fully")
    old_p = titled_provision("Article 7", "Cooperation", "\n".join(paragraphs))
    new_p = titled_provision("Article 7", "Cooperation", "\n".join(new))
    return only(compare([old_p], [new_p]), "modified")


def test_scrolling_one_side_keeps_the_same_text_level_on_the_other(
    qtbot: QtBot, view: DiffView
) -> None:
    view.show_change(long_insertion())
    old, new = view.old_pane, view.new_pane
    target = old.document().find("Paragraph 30.")
    y = old.cursorRect(target).top() + old.verticalScrollBar().value()
    old.verticalScrollBar().setValue(round(y - old.viewport().height() / 2))
    # The old side is padded where the fifteen paragraphs came: no offset is needed.
    assert abs(new.verticalScrollBar().value() - old.verticalScrollBar().value()) <= 3
    assert abs(viewport_y(old, "Paragraph 30.") - viewport_y(new, "Paragraph 30.")) <= 3
    assert abs(viewport_y(old, "Paragraph 31.") - viewport_y(new, "Paragraph 31.")) <= 3
    new.verticalScrollBar().setValue(new.verticalScrollBar().value() - 120)
    assert abs(viewport_y(old, "Paragraph 28.") - viewport_y(new, "Paragraph 28.")) <= 3
    # Narrower panes wrap differently: anchors are recomputed and the text stays level.
    view.resize(560, 500)
    qtbot.waitUntil(lambda: new.viewport().width() < 300)
    old.verticalScrollBar().setValue(old.verticalScrollBar().value() + 40)
    assert abs(viewport_y(old, "Paragraph 30.") - viewport_y(new, "Paragraph 30.")) <= 3


def test_both_sides_reach_their_ends_together(view: DiffView) -> None:
    view.show_change(long_insertion())
    old, new = view.old_pane.verticalScrollBar(), view.new_pane.verticalScrollBar()
    old.setValue(old.maximum())
    assert new.value() == new.maximum() == old.maximum()
    old.setValue(0)
    assert new.value() == 0


def test_going_to_a_change_scrolls_it_into_view_on_both_sides(view: DiffView) -> None:
    view.show_change(long_insertion())
    view.go_to_change(-1)
    assert (highlighted(view.old_pane), highlighted(view.new_pane)) == ("closely", "fully")
    last = (
        "40. The States Parties shall cooperate closely",
        "40. The States Parties shall cooperate fully",
    )
    for pane, word in zip((view.old_pane, view.new_pane), last, strict=True):
        assert 0 <= viewport_y(pane, word) < pane.viewport().height() - pane.fontMetrics().height()
    assert view.new_pane.verticalScrollBar().value() > 0


def test_bracketed_text_is_marked_apart_from_the_diff(view: DiffView) -> None:
    """Brackets bold in their own colour, the text inside italic, an unmatched one wavy
    underlined; a diff's strikethrough stays under the bracket marks. Notes are left as
    they are, and a character outside the BMP shifts nothing."""
    old = titled_provision(
        "Article 2",
        "[Scope]",
        "The 𝔖tate Party [shall] adopt [measures [as appropriate]].\nIt shall apply] now.",
        (Note("1", "See [2019] UKSC 12 and [the Chair's text]."),),
    )
    new = titled_provision("Article 2", "Scope", "The 𝔖tate Party [may] adopt measures.")
    view.show_change(only(compare([old], [new]), "modified"))
    colour = diff_colours(view.palette()).bracket
    glyph = char_format(view.old_pane, "[shall")
    assert glyph.fontWeight() == QFont.Weight.Bold and glyph.foreground().color() == colour
    assert char_format(view.old_pane, "shall").fontItalic()
    assert char_format(view.old_pane, "as appropriate").fontItalic()
    assert char_format(view.old_pane, "Party").fontItalic() is False
    assert char_format(view.old_pane, "Scope").fontItalic()  # the heading's own brackets
    struck = char_format(view.old_pane, "shall")
    assert struck.fontStrikeOut() and struck.fontItalic()  # deleted and bracketed
    lone = char_format(view.old_pane, "] now")
    assert lone.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert char_format(view.old_pane, "the Chair").fontItalic() is False  # a note
    assert char_format(view.new_pane, "may").fontItalic()
    assert char_format(view.new_pane, "may").fontUnderline()  # inserted, still underlined


DEFINITIONS = [
    "(a) 'competent authority' means the authority designated by a State Party under Article 9;",
    "(b) 'personal data' means any information relating to an identified or identifiable"
    " natural person;",
    "(c) 'service provider' means any public or private entity that provides to users of its"
    " service the ability to communicate by means of a computer system;",
    "(d) 'traffic data' means any computer data relating to a communication by means of a"
    " computer system, indicating its origin, destination, route, time, date and size;",
    "(e) 'subscriber information' means any information held by a service provider relating"
    " to subscribers of its services other than traffic or content data;",
]


def moved_definition() -> ProvisionChange:
    """Definitions where (b) 'personal data' moved to the end and became (e); (d) gained
    a word where it stands."""
    old = [*DEFINITIONS]
    new = [old[0], old[2], old[3].replace("size;", "size, and duration;"), old[4], old[1]]
    new = [f"({'abcde'[n]}){line[3:]}" for n, line in enumerate(new)]
    head = "For the purposes of this Convention:"
    old_p = titled_provision("Article 2", "Definitions", "\n".join([head, *old]))
    new_p = titled_provision("Article 2", "Definitions", "\n".join([head, *new]))
    return only(compare([old_p], [new_p]), "modified")


def test_a_moved_definition_is_marked_moved_at_both_ends_not_deleted_and_inserted(
    view: DiffView,
) -> None:
    view.show_change(moved_definition())
    colours = diff_colours(view.palette())
    for pane in (view.old_pane, view.new_pane):
        fmt = char_format(pane, "personal data")
        assert marked_as(fmt) == "moved"
        assert fmt.background().color() == colours.moved_back
        assert colours.moved_back not in (colours.deleted_back, colours.inserted_back)
    assert marked_as(char_format(view.old_pane, "c) 'service")) == "deleted"  # (c) became (b)
    assert marked_as(char_format(view.new_pane, "and duration")) == "inserted"
    view.set_inline(True)
    assert marked_as(char_format(view.inline_pane, "personal data")) == "moved away"
    assert marked_as(char_format(view.inline_pane, "personal data", 1)) == "moved"


def test_a_moved_passage_has_a_bar_beside_it_and_says_where_it_went(view: DiffView) -> None:
    view.show_change(moved_definition())
    colour = diff_colours(view.palette()).moved_bar
    for pane, tip in (
        (view.old_pane, "Moved: this passage ((b) here) is now (e), further down."),
        (view.new_pane, "Moved here: this passage ((e)) was (b), further up."),
    ):
        (mark,) = pane.move_marks
        cursor = pane.document().find("personal data")
        assert mark.start < cursor.selectionStart() < mark.end
        assert mark.tooltip == tip
        y = pane.cursorRect(cursor).center().y()
        image = pane.viewport().grab().toImage()
        ratio = image.devicePixelRatio()
        assert image.pixelColor(round(2 * ratio), round(y * ratio)) == colour
        below = viewport_y(pane, "(a)")  # a line that did not move: no bar
        assert image.pixelColor(round(2 * ratio), round((below + 4) * ratio)) != colour


def test_going_to_a_moved_passage_says_where_it_moved_in_the_status(view: DiffView) -> None:
    view.show_change(moved_definition())
    statuses = [view.change_status(n) for n in range(view.change_count())]
    moved = [line for line in statuses if "moved" in line]
    assert moved == [
        "Change 1 of 6 in this provision: moved from (b) to (e), further down",
        "Change 6 of 6 in this provision: moved from (b) to (e), further down",
    ]
    view.go_to_change(0)
    assert highlighted(view.old_pane).startswith("(b) 'personal data'")
    assert highlighted(view.new_pane) == ""


def test_moves_without_numbers_are_told_by_paragraph_and_direction() -> None:
    first = "The Parties shall cooperate in good faith on every matter."
    second = "Each Party shall designate a national contact point within six months."
    third = "This Article applies from the entry into force of the Convention."
    change = only(
        compare(
            [titled_provision("Article 3", "", "\n".join([first, second, third]))],
            [titled_provision("Article 3", "", "\n".join([third, first, second]))],
        ),
        "modified",
    )
    (facts,) = describe_moves(change.text).values()
    assert facts == MoveFacts("paragraph 3", "paragraph 1", down=False)
    assert facts.tooltip("insert") == (
        "Moved here: this passage (paragraph 1) was paragraph 3, further down."
    )


def test_paragraphs_after_a_grown_one_start_level_on_both_sides(
    qtbot: QtBot, view: DiffView
) -> None:
    """Paragraphs 2 and 4 grew from one line to many on the right: paragraph 3, the
    ones after it and the notes (their label too) still start at the same height on
    both sides, at any width."""
    grown = "2. Each State Party shall adopt such measures " + "as may be necessary " * 40
    old_text = "1. This Convention applies.\n2. Each State Party shall adopt measures.\n"
    old_text += "3. Nothing in this Convention affects sovereignty.\n4. Final provision."
    new_text = old_text.replace("2. Each State Party shall adopt measures.", grown)
    new_text += " It enters into force on the ninetieth day after its adoption."
    notes = (Note("1", "Proposed by the Chair."),)
    change = only(
        compare(
            [titled_provision("Article 4", "Measures", old_text, notes)],
            [titled_provision("Article 4", "Measures", new_text, notes)],
        ),
        "modified",
    )
    view.show_change(change)
    old, new = view.old_pane, view.new_pane
    assert viewport_y(new, "3. Nothing") - viewport_y(new, "2. Each") > 100
    for paragraph in ("1. This", "2. Each", "3. Nothing", "4. Final", "Notes", "1 Proposed"):
        assert abs(viewport_y(old, paragraph) - viewport_y(new, paragraph)) <= 1, paragraph
    view.resize(600, 500)
    qtbot.waitUntil(lambda: new.viewport().width() < 300)
    qtbot.waitUntil(lambda: abs(viewport_y(old, "4. Final") - viewport_y(new, "4. Final")) <= 1)
    assert abs(viewport_y(old, "3. Nothing") - viewport_y(new, "3. Nothing")) <= 1
    # Both documents end level too: the scroll bars are alike.
    assert old.verticalScrollBar().maximum() == new.verticalScrollBar().maximum()
    # Shown while inline, the hidden panes are padded when they come back.
    view.show_change(None)
    view.set_inline(True)
    view.show_change(change)
    view.set_inline(False)
    assert abs(viewport_y(old, "4. Final") - viewport_y(new, "4. Final")) <= 1


RECOGNIZING = "Recognizing also that the private sector has a role in preventing crime,"


def inserted_recital() -> ProvisionChange:
    """A new recital before an old one that opens with the same word: the word diff
    reports the insertion after the old "Recognizing ", across the paragraph break."""
    old = f"{RECOGNIZING}\nHave agreed as follows:"
    new = f"Recognizing further the importance of a gender perspective in all efforts,\n{old}"
    change = only(
        compare([titled_provision("Preamble", "", old)], [titled_provision("Preamble", "", new)]),
        "modified",
    )
    assert change.text[1].new.endswith("\nRecognizing ")  # what the core says
    return change


def block_marks(pane: DiffPane, text: str) -> set[str]:
    """How the characters of the paragraph that begins with `text` are marked."""
    block = pane.document().find(text).block()
    cursor = QTextCursor(block)
    found = set()
    for offset in range(1, block.length()):
        cursor.setPosition(block.position() + offset)
        found.add(marked_as(cursor.charFormat()))
    return found


def test_an_inserted_paragraph_is_shown_whole_on_its_own_line_inline(view: DiffView) -> None:
    view.show_change(inserted_recital())
    view.set_inline(True)
    pane = view.inline_pane
    assert block_marks(pane, "Recognizing further") == {"inserted"}
    assert block_marks(pane, "Recognizing also") == {"plain"}
    assert pane.toPlainText().splitlines() == [
        "Recognizing further the importance of a gender perspective in all efforts,",
        RECOGNIZING,
        "Have agreed as follows:",
    ]
    assert block_marks(view.new_pane, "Recognizing further") == {"inserted"}
    assert view.change_count() == 1


def test_snapping_keeps_both_texts_of_every_demo_change_exact() -> None:
    for change in demo_changes():
        for before, after in zip(
            (change.heading, change.text, change.notes),
            (lambda c: (c.heading, c.text, c.notes))(snapped(change)),
            strict=True,
        ):
            assert old_text(after) == old_text(before)
            assert new_text(after) == new_text(before)
            assert len(change_blocks(after)) == len(change_blocks(before))


def test_the_change_map_shows_each_change_where_it_is_and_clicks_go_to_it(
    qtbot: QtBot, view: DiffView
) -> None:
    view.show_change(long_insertion())
    change_map = view.side_map
    marks = change_map.marks()
    assert {(m.lane, m.kind) for m in marks} == {(0, "delete"), (1, "insert")}
    # The fifteen new paragraphs after the fifth of forty: high on the new lane; the
    # word changed in the last paragraph: at the bottom of both.
    inserted = [m for m in marks if m.change == 0]
    assert [m.lane for m in inserted] == [1] and 0.1 < inserted[0].top < 0.25
    last = [m for m in marks if m.change == 1]
    assert {m.lane for m in last} == {0, 1} and all(m.bottom > 0.95 for m in last)
    qtbot.mouseClick(
        change_map, Qt.MouseButton.LeftButton, pos=change_map.mark_rect(last[0]).center().toPoint()
    )
    assert view.current_change() == 1
    assert highlighted(view.new_pane) == "fully"
    assert 0 <= viewport_y(view.new_pane, "fully") < view.new_pane.viewport().height()
    qtbot.mouseClick(change_map, Qt.MouseButton.LeftButton, pos=change_map.rect().topLeft())
    assert view.current_change() == 0  # the nearest to the top


def test_the_inline_change_map_marks_moves_across_its_lane(qtbot: QtBot, view: DiffView) -> None:
    view.show_change(moved_definition())
    view.set_inline(True)
    change_map = view.inline_map
    moved = [m for m in change_map.marks() if m.kind == "moved"]
    assert [m.change for m in moved] == [0, 5]
    wide = change_map.mark_rect(moved[0]).width()
    plain = next(m for m in change_map.marks() if m.kind == "insert")
    assert wide > change_map.mark_rect(plain).width()
    qtbot.mouseClick(
        change_map, Qt.MouseButton.LeftButton, pos=change_map.mark_rect(moved[1]).center().toPoint()
    )
    assert view.current_change() == 5


def test_nearest_change_is_the_mark_under_or_closest_to_the_place() -> None:
    marks = [MapMark(0, 0, 0.1, 0.2, "delete"), MapMark(1, 1, 0.5, 0.6, "insert")]
    assert nearest_change(marks, 0.15) == 0
    assert nearest_change(marks, 0.4) == 1
    assert nearest_change(marks, 0.0) == 0
    assert nearest_change([], 0.5) == -1


def test_an_annotation_bar_lies_below_the_descenders_of_its_words(view: DiffView) -> None:
    change = modified()
    text = change.new[0].text
    start, end = text.index("apply"), text.index("apply") + len("apply")
    view.show_change(change)
    colour = "#cc79a7"
    view.set_notes([ShownNote(1, "new", change.new[0].eid, start, end, colour, "note")])
    pane = view.new_pane
    cursor = pane.document().find("apply")
    line = pane.cursorRect(cursor)  # the line's ascent and descent
    image = pane.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    cursor.setPosition(cursor.selectionStart())
    x0 = pane.cursorRect(cursor).left()
    rows = {
        y
        for y in range(round((line.top() - 2) * ratio), round((line.bottom() + 8) * ratio))
        for x in range(round((x0 + 2) * ratio), round((x0 + 30) * ratio))
        if image.pixelColor(x, y) == QColor(colour)
    }
    assert rows, "no bar painted"
    assert min(rows) / ratio >= line.bottom() - 0.5
    # and the descenders of "pply" are painted as text, not hidden under the bar
    text_colour = pane.palette().color(QPalette.ColorRole.Text)
    dark = [
        y
        for y in range(round(line.top() * ratio), round((line.bottom() + 1) * ratio))
        for x in range(round((x0 + 2) * ratio), round((x0 + 30) * ratio))
        if image.pixelColor(x, y).lightness() < text_colour.lightness() + 60
    ]
    assert max(dark) / ratio > line.bottom() - 4


def test_a_provision_that_changed_place_says_where_it_was_with_the_move_cue(
    view: DiffView,
) -> None:
    (moved,) = [c for c in demo_changes() if c.status == "moved" and c.from_num == "Article 37"]
    view.show_change(moved)
    assert "↕ moved (was Article 37)" in label_text(view.new_header)
    assert diff_colours(view.palette()).moved_text.name() in view.new_header.text()
    view.show_change(modified())
    assert "↕" not in label_text(view.new_header)


def test_the_key_draws_every_mark_with_the_panes_own_code(view: DiffView) -> None:
    dialog = view.show_key()
    pane = dialog.pane
    assert marked_as(char_format(pane, "deleted words")) == "deleted"
    assert marked_as(char_format(pane, "inserted words")) == "inserted"
    assert marked_as(char_format(pane, "moved passage")) == "moved"
    assert char_format(pane, "text in brackets").fontItalic()
    (moved,) = pane.move_marks
    assert pane.toPlainText()[moved.start : moved.end] == "a moved passage"
    (note,) = pane.note_marks
    assert pane.toPlainText()[note.start : note.end] == "annotated words"
    assert pane.outline is not None
    assert pane.toPlainText()[slice(*pane.outline)] == "the current change"
    dialog.close()


RECITALS = st.sampled_from(
    ["Recognizing also that", "Recognizing the", "Recognizing", "(a) the", "that the", ""]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(RECITALS, min_size=1, max_size=6), RECITALS, st.integers(0, 6))
def test_an_inserted_paragraph_is_snapped_whole_and_both_texts_kept(
    old: list[str], added: str, at: int
) -> None:
    new = [*old[:at], added, *old[at:]]
    segments = diff_texts("\n".join(old), "\n".join(new))
    after = snap_to_paragraphs(segments)
    assert old_text(after) == old_text(segments) and new_text(after) == new_text(segments)
    assert len(change_blocks(after)) == len(change_blocks(segments))
    assert all(s.old or s.new for s in after)
    if [s.op for s in after] == ["equal", "insert", "equal"]:
        head, inserted, tail = (s.new for s in after)
        whole = (not head or head.endswith("\n")) and inserted.endswith("\n")
        assert whole or (inserted.startswith("\n") and tail.startswith("\n")), after


def test_paragraphs_begun_inside_a_change_are_level_when_both_sides_begin_as_many(
    view: DiffView,
) -> None:
    """Paragraph 1 grew and paragraph 2 was renumbered "(2)": the break between them
    is inside one change, yet the second paragraphs start level."""
    old_text = "1. Each Party shall cooperate.\n2. Requests go via authorities.\n3. This applies."
    grown = (
        "1. Each Party shall cooperate to the widest extent possible in investigations and"
        " proceedings concerning criminal offences, and in the collection of evidence in"
        " electronic form;\n(2)"
    )
    new_text = old_text.replace("1. Each Party shall cooperate.\n2.", grown)
    change = only(
        compare(
            [titled_provision("Article 5", "", old_text)],
            [titled_provision("Article 5", "", new_text)],
        ),
        "modified",
    )
    # The core keeps a paragraph break as a landmark between two changes; a diff may
    # still hold one inside a change (a break moved), as this one, folded by hand, does.
    kept = " Requests go via authorities.\n3. This applies."
    change = replace(
        change,
        text=(
            Segment(EQUAL, "1. Each Party shall cooperate", "1. Each Party shall cooperate"),
            Segment(DELETE, ".\n2.", ""),
            Segment(INSERT, "", grown.removeprefix("1. Each Party shall cooperate")),
            Segment(EQUAL, kept, kept),
        ),
    )
    assert "\n" in change.text[1].old and "\n" in change.text[2].new  # one change
    view.resize(700, 500)
    view.show_change(change)
    old, new = view.old_pane, view.new_pane
    assert viewport_y(new, "(2) Requests") - viewport_y(new, "1. Each") > 40
    assert abs(viewport_y(old, "Requests") - viewport_y(new, "Requests")) <= 1
    assert abs(viewport_y(old, "3. This") - viewport_y(new, "3. This")) <= 1


def test_padding_never_builds_up_over_showings_and_zoom(view: DiffView) -> None:
    """A document padded at its end, shown again and again (and zoomed back and
    forth), is padded the same each time: nothing left over from before is kept."""
    text = "1. Each State Party shall cooperate.\n2. Requests go through central authorities."
    longer = text + " Each central authority shall answer requests without delay." * 4
    short = titled_provision("Article 8", "Cooperation", text)
    grown = titled_provision("Article 8", "Cooperation", longer)
    change = only(compare([short], [grown]), "modified")
    heights = []
    for _ in range(3):
        view.show_change(change)
        old, new = view.old_pane.document(), view.new_pane.document()
        heights.append((old.size().height(), new.size().height()))
        view.show_change(modified())
    assert heights[0] == heights[1] == heights[2]
    assert abs(heights[0][0] - heights[0][1]) <= 1
    view.show_change(change)
    view.zoom(2)
    view.zoom(-2)
    assert (old.size().height(), new.size().height()) == heights[0]


SAFEGUARDS_OLD = (
    "2. Those conditions and safeguards may include, as appropriate:\n"
    "(a) Review by a judicial or other independent authority;\n(b) Grounds for the use."
)
SAFEGUARDS_NEW = (
    "2. Those conditions and safeguards shall, as appropriate, include, inter alia:\n"
    "(a) Judicial or other independent review;\n(b) Grounds for the use."
)


def test_a_passage_rewritten_across_a_break_is_shown_line_by_line_inline(view: DiffView) -> None:
    """The core reports ":\\n(a) Review by a judicial" replaced by ", include, inter
    alia:\\n(a) Judicial": inline, the new words of the first line stay on it."""
    change = only(
        compare(
            [titled_provision("Article 24", "", SAFEGUARDS_OLD)],
            [titled_provision("Article 24", "", SAFEGUARDS_NEW)],
        ),
        "modified",
    )
    assert (change.text[4].old, change.text[5].new) == (
        ":\n(a) Review by a judicial",
        ", include, inter alia:\n(a) Judicial",
    )
    view.show_change(change)
    view.set_inline(True)
    pane = view.inline_pane
    lines = pane.toPlainText().splitlines()
    assert lines[0].endswith("as appropriate:, include, inter alia:")
    assert lines[1] == "(a) Review by a judicial(a) Judicial or other independent authorityreview;"
    assert marked_as(char_format(pane, ", include")) == "inserted"
    assert marked_as(char_format(pane, "Review by")) == "deleted"
    # Selections still read back as the words of the right side.
    for word, side, text in (
        ("inter alia", "new", SAFEGUARDS_NEW),
        ("Review by", "old", SAFEGUARDS_OLD),
        ("Judicial or", "new", SAFEGUARDS_NEW),
    ):
        cursor = pane.document().find(word)
        passage = pane.text_map.to_text(cursor.selectionStart(), cursor.selectionEnd())
        assert passage is not None and passage.side == side
        assert text[passage.start : passage.end] == word
    view.go_to_change(1)
    assert highlighted(pane) == ":, include, inter alia:\u2029(a) Review by a judicial(a) Judicial"


def test_a_pane_is_written_as_one_edit_laid_out_once(qtbot: QtBot) -> None:
    """Hundreds of inserts, each laid out as it came, made a much changed provision take
    20-30 ms to show; written in one edit block, the layout follows once, at its end."""
    change = max((c for c in demo_changes() if c.new), key=lambda c: len(change_blocks(c.text)))
    assert len(change_blocks(change.text)) >= 5
    pane = DiffPane("newPane")
    qtbot.addWidget(pane)
    pane.show()
    edits: list[tuple[int, int, int]] = []
    pane.document().contentsChange.connect(lambda at, gone, added: edits.append((at, gone, added)))
    style = DiffStyle(10.0, diff_colours(pane.palette()))
    placed = Renderer(pane.document(), NEW, style).render(change)
    assert len(edits) <= 3  # the clearing (two), then the whole text at once (not 50)
    assert pane.toPlainText().replace("\u2029", "\n").endswith(change.new[0].text.split("\n")[-1])
    assert placed.spans  # where the changes went is still recorded as it was written
