"""What every export shares: the scope, where each annotation lands in the word diff,
and the paragraphs the writers lay out. Also the builders the format tests use."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafts.comparing.comparisons import Comparison
from drafts.comparing.diff import DELETE, EQUAL, INSERT, Segment, diff_texts
from drafts.export.model import (
    INLINE,
    NEW,
    OLD,
    ExportNote,
    Paragraph,
    Piece,
    inline_pieces,
    layout_sections,
    markers_by_place,
    needs_separator,
    paragraphs,
    safe_colour,
    scoped,
    section_mark,
    side_pieces,
    side_text,
    tags_present,
    tint,
    xml_text,
)
from tests.builders import provision, tiny_comparison

# Builders shared by the format tests -------------------------------------------------


# Scope ---------------------------------------------------------------------------------


def test_scope_all_changed_picked_and_tags(tiny: Comparison) -> None:
    assert len(scoped(tiny).rows) == len(tiny.changes) == 4
    changed = scoped(tiny, changed_only=True)
    assert [r.change.status for r in changed.rows] == ["modified", "deleted", "added"]
    assert "changed only" in changed.scope
    picked = scoped(tiny, picked=[tiny.changes[1]])
    assert [r.change.new[0].eid for r in picked.rows] == ["art_2"]
    notes = [
        ExportNote(2, "art_4", 0, 5, tags=(("EU", "#56B4E9"),)),
        ExportNote(2, "art_1", 0, 5, tags=(("other", "#000000"),)),
    ]
    tagged = scoped(tiny, tags={"EU"}, notes=notes)
    assert [r.change.status for r in tagged.rows] == ["added"]
    assert [n.note.eid for n in tagged.notes()] == ["art_4"]


def test_a_layout_must_be_known(tiny: Comparison) -> None:
    with pytest.raises(ValueError, match="side-by-side, inline"):
        scoped(tiny, layout="diagonal")


def test_notes_go_to_their_side_row_and_number_in_reading_order(tiny: Comparison) -> None:
    notes = [
        ExportNote(2, "art_4", 2, 5),  # new side of the added row
        ExportNote(1, "art_1", 5, 15),  # old side of the first row
        ExportNote(2, "art_1", None, None),  # whole provision, new side
        ExportNote(9, "art_1", 0, 3),  # another draft: not in this comparison
        ExportNote(1, "art_99", 0, 3),  # no such provision
    ]
    request = scoped(tiny, notes=notes)
    first = request.rows[0]
    assert [(n.number, n.side, n.span) for n in first.notes] == [
        (1, OLD, (5, 15)),
        (2, NEW, None),
    ]
    assert [(n.number, n.side, n.span) for n in request.rows[3].notes] == [(3, NEW, (2, 5))]
    assert len(request.notes()) == 3


def test_ranges_are_clipped_to_their_provision_and_an_empty_one_is_the_whole() -> None:
    split_old = [provision("art_1", "Article 1", "H", "alpha beta gamma delta")]
    split_new = [
        provision("art_1", "Article 1", "H", "alpha beta"),
        provision("art_2", "Article 2", "H2", "gamma delta"),
    ]
    comparison = tiny_comparison(split_old, split_new)
    notes = [ExportNote(2, "art_2", 6, 500), ExportNote(2, "art_2", 50, 60)]
    placed = scoped(comparison, notes=notes).notes()
    text = side_text(comparison.changes[0], NEW)
    assert text[slice(*placed[1].span)] == "delta"  # offset by art_1's text and a break
    assert placed[0].span is None


# Where annotations fall in the diff --------------------------------------------------

OLD_TEXT = "The State shall adopt rules."
NEW_TEXT = "The State may adopt rules."
SEGMENTS = (
    Segment(EQUAL, "The State ", "The State "),
    Segment(DELETE, "shall", ""),
    Segment(INSERT, "", "may"),
    Segment(EQUAL, " adopt rules.", " adopt rules."),
)


def test_an_old_range_crossing_into_a_deletion() -> None:
    pieces = side_pieces(SEGMENTS, OLD, [(1, 4, 15)])
    assert pieces == [
        Piece(EQUAL, "The "),
        Piece(EQUAL, "State ", (1,)),
        Piece(DELETE, "shall", (1,)),
        Piece(EQUAL, " adopt rules."),
    ]


def test_a_new_range_crossing_out_of_an_insertion_and_ending_in_a_word() -> None:
    pieces = side_pieces(SEGMENTS, NEW, [(2, 11, 16)])  # "ay ad"
    assert pieces == [
        Piece(EQUAL, "The State "),
        Piece(INSERT, "m"),
        Piece(INSERT, "ay", (2,)),
        Piece(EQUAL, " ad", (2,)),
        Piece(EQUAL, "opt rules."),
    ]


def test_inline_places_old_ranges_by_old_positions_and_new_by_new() -> None:
    pieces = inline_pieces(SEGMENTS, [(1, 10, 21)], [(2, 14, 19)])
    covered_old = "".join(p.text for p in pieces if 1 in p.notes)
    covered_new = "".join(p.text for p in pieces if 2 in p.notes)
    assert covered_old == OLD_TEXT[10:21] == "shall adopt"
    assert covered_new == NEW_TEXT[14:19] == "adopt"
    assert all(p.op != INSERT for p in pieces if 1 in p.notes)


def test_an_ignored_difference_is_kept_whole_inline() -> None:
    segments = (Segment(EQUAL, "Shall", "shall"), Segment(EQUAL, " apply", " apply"))
    pieces = inline_pieces(segments, [], [])
    assert [(p.op, p.text) for p in pieces] == [
        (DELETE, "Shall"),
        (INSERT, "shall"),
        (EQUAL, " apply"),
    ]


texts = st.text(alphabet="ab ,\n“é𝔸", max_size=30)


@settings(max_examples=300, deadline=None)
@given(texts, texts, st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=4))
def test_pieces_keep_every_character_and_cover_exactly_each_range(
    old: str, new: str, ranges: list[tuple[int, int]]
) -> None:
    segments = diff_texts(old, new)
    for side, text in ((OLD, old), (NEW, new)):
        spans = [(n, a, b) for n, (a, b) in enumerate(ranges, 1) if a < b <= len(text)]
        pieces = side_pieces(segments, side, spans)
        assert "".join(p.text for p in pieces) == text
        for n, a, b in spans:
            assert "".join(p.text for p in pieces if n in p.notes) == text[a:b]
        both = inline_pieces(segments, spans if side == OLD else [], spans if side == NEW else [])
        shown = DELETE if side == OLD else INSERT
        kept = [p for p in both if p.op in (EQUAL, shown)]
        assert "".join(p.text for p in kept) == text
        for n, a, b in spans:
            assert "".join(p.text for p in kept if n in p.notes) == text[a:b]


# Paragraphs ----------------------------------------------------------------------------


def test_paragraph_marks_say_which_text_has_the_line_break() -> None:
    pieces = [Piece(EQUAL, "A"), Piece(DELETE, "\n"), Piece(INSERT, " "), Piece(EQUAL, "B\nC")]
    assert paragraphs(pieces) == [
        Paragraph((Piece(EQUAL, "A"),), DELETE),
        Paragraph((Piece(INSERT, " "), Piece(EQUAL, "B")), EQUAL),
        Paragraph((Piece(EQUAL, "C"),), EQUAL),
    ]


@pytest.mark.parametrize(
    ("old", "new", "mark"),
    [("a", "b", EQUAL), ("", "new", INSERT), ("old", "", DELETE), ("", "", EQUAL)],
)
def test_a_section_end_is_tracked_when_one_side_lacks_the_section(old, new, mark) -> None:
    assert section_mark(diff_texts(old, new)) == mark


def test_a_marker_waits_for_the_end_of_the_word() -> None:
    para = Paragraph((Piece(EQUAL, "confo", (1,)), Piece(EQUAL, "rmity"), Piece(EQUAL, " of")))
    assert markers_by_place([para]) == {(0, 1): [1]}
    ends = Paragraph((Piece(EQUAL, "word", (1,)), Piece(EQUAL, " next")))
    assert markers_by_place([ends]) == {(0, 0): [1]}


def test_a_deleted_word_and_the_inserted_word_after_it_are_kept_apart() -> None:
    eroding, undermining = Piece(DELETE, "eroding"), Piece(INSERT, "undermining")
    assert needs_separator(eroding, undermining)
    assert not needs_separator(Piece(DELETE, "eroding "), undermining)
    assert not needs_separator(Piece(EQUAL, "and"), undermining)
    assert not needs_separator(None, undermining)


def test_sections_inline_hold_both_texts(tiny: Comparison) -> None:
    row = scoped(tiny).rows[0]
    sections = dict(layout_sections(row, INLINE))
    assert set(sections) == {"title", "text"}
    text = "\n".join("".join(p.text for p in para.pieces) for para in sections["text"])
    assert "shallmay" in text.replace(" ", "")


# Summary and safety --------------------------------------------------------------------


def test_tags_present_counts_notes_per_tag(tiny: Comparison) -> None:
    notes = [
        ExportNote(2, "art_1", 0, 2, tags=(("b", "#111"), ("A", "#222222"))),
        ExportNote(2, "art_4", 0, 2, tags=(("b", "#333"),)),
    ]
    present = tags_present(scoped(tiny, notes=notes))
    assert [(t.name, t.colour, n) for t, n in present] == [("A", "#222222", 1), ("b", "#111", 2)]


@pytest.mark.parametrize(
    ("given_colour", "safe"),
    [
        ("#E69F00", "#e69f00"),
        ("#abc", "#aabbcc"),
        ("red", "#999999"),
        ('#fff" onclick="x', "#999999"),
        ("#123456;}</style><script>", "#999999"),
    ],
)
def test_only_hex_colours_pass(given_colour: str, safe: str) -> None:
    assert safe_colour(given_colour) == safe


def test_tint_lightens_towards_white() -> None:
    assert tint("#000000", 0.5) == "#80808" + "0"
    assert tint("#ffffff") == "#ffffff"


def test_xml_text_replaces_what_xml_cannot_hold() -> None:
    assert xml_text("a\x00b\x0bc\td\n𝔸") == "a\ufffdb\ufffdc\td\n𝔸"
