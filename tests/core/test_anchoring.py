"""Re-anchoring: a passage follows its words into another text, or is orphaned, never
misplaced. Hand-made cases for each stage and each refusal, a property (edits away from
the passage never move it off its words), and carrying through comparison rows."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafts.annotating.anchoring import (
    CONTEXT,
    ORPHANED,
    Anchored,
    Lost,
    Orphaned,
    Span,
    TextSelector,
    carry,
    find_change,
    find_quote,
    reanchor,
    select,
    similarity,
)
from drafts.comparing.compare import compare
from drafts.model import Line, Provision


def at(text: str, phrase: str, nth: int = 0) -> TextSelector:
    """The selectors of the `nth` occurrence of `phrase` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return select(text, start, start + len(phrase))


def found(result: Span | Lost, text: str) -> str:
    assert isinstance(result, Span), result
    return text[result.start : result.end]


# --- selectors ---------------------------------------------------------------------------


def test_select_keeps_the_quote_and_32_characters_of_context_in_code_points() -> None:
    text = (
        "Côte d’Ivoire 𝔸 proposed “appropriate safeguards” for every State Party, "
        "to apply from 2023."
    )
    s = at(text, "“appropriate safeguards”")
    assert CONTEXT == 32
    assert s.exact == "“appropriate safeguards”"
    assert s.prefix == text[max(0, s.start - 32) : s.start]
    assert s.prefix.startswith("Côte d’Ivoire 𝔸")  # the non-BMP letter counts as one
    assert len(s.suffix) == 32 and text[s.end :].startswith(s.suffix)
    assert text[s.start : s.end] == s.exact


def test_select_refuses_a_range_outside_the_text() -> None:
    with pytest.raises(ValueError, match="outside a text of 5 characters"):
        select("short", 2, 9)


# --- stage by stage ----------------------------------------------------------------------

OLD = (
    "1. Each State Party shall adopt such measures as may be necessary to establish "
    "the powers and procedures provided for in this chapter.\n"
    "2. Those powers shall be subject to conditions and safeguards that provide for the "
    "protection of human rights, including judicial or other independent review."
)


def test_an_unchanged_text_keeps_the_passage_where_it_was() -> None:
    s = at(OLD, "judicial or other independent review")
    assert reanchor(s, OLD, OLD) == Span(s.start, s.end, "exact")


def test_text_inserted_before_the_passage_shifts_it_exactly() -> None:
    new = OLD.replace("Each State Party", "Each State Party, in accordance with its law,")
    s = at(OLD, "protection of human rights")
    result = reanchor(s, OLD, new)
    assert found(result, new) == "protection of human rights"
    assert isinstance(result, Span) and result.method == "exact"
    assert result.start == s.start + len(", in accordance with its law,")


def test_of_two_occurrences_the_annotated_one_is_followed() -> None:
    old = "The State Party shall notify. Later, the State Party shall notify again."
    new = (
        "First, the Party may act. The State Party shall notify. "
        "Later, the State Party shall notify again."
    )
    s = at(old, "State Party shall notify", nth=1)
    result = reanchor(s, old, new)
    assert isinstance(result, Span) and result.method == "exact"
    assert result.start == new.index("State Party shall notify", new.index("Later"))


def test_a_deleted_passage_is_orphaned_not_moved_onto_its_twin() -> None:
    old = "Parties shall cooperate on evidence. Parties shall cooperate on extradition."
    new = "Parties shall cooperate on evidence. States may consult one another."
    s = at(old, "Parties shall cooperate", nth=1)
    assert reanchor(s, old, new) == Lost(ORPHANED)


def test_an_edited_passage_is_found_fuzzily_on_its_surviving_words() -> None:
    new = OLD.replace("judicial or other independent review", "judicial or independent review")
    s = at(OLD, "including judicial or other independent review")
    result = reanchor(s, OLD, new)
    assert isinstance(result, Span) and result.method == "fuzzy"
    assert found(result, new) == "including judicial or independent review"


def test_a_passage_rewritten_beyond_recognition_is_orphaned() -> None:
    new = OLD.replace(
        "protection of human rights, including judicial or other independent review",
        "interests of the requesting authority as it sees fit",
    )
    s = at(OLD, "protection of human rights, including judicial")
    assert reanchor(s, OLD, new) == Lost(ORPHANED)


def test_a_quote_is_never_found_inside_a_longer_word() -> None:
    old = "(b) they are conducted on an equitable basis; and"
    new = "(b) they are conducted Constitution an equitable basis; and"
    s = at(old, "on an equitable basis;")
    result = reanchor(s, old, new)
    assert not (isinstance(result, Span) and new[result.start - 1].isalpha())


def test_a_passage_follows_its_paragraph_when_paragraphs_swap() -> None:
    first = (
        "1. The requesting Party shall describe the data sought and the grounds for the request."
    )
    second = "2. The requested Party shall preserve the data for ninety days pending a decision."
    old = f"{first}\n{second}"
    swapped_first = (
        "1. The requested Party shall preserve the data for sixty days pending a decision."
    )
    swapped_second = (
        "2. The requesting Party shall describe the data sought and the legal grounds "
        "for the request."
    )
    new = f"{swapped_first}\n{swapped_second}"
    s = at(old, "describe the data sought and the grounds")
    result = reanchor(s, old, new)
    assert isinstance(result, Span)
    assert result.start > new.index("\n")  # in the paragraph that now comes second
    assert found(result, new) == "describe the data sought and the legal grounds"


def test_when_two_paragraphs_could_have_become_it_the_passage_is_orphaned() -> None:
    old = (
        "1. Each State Party shall adopt measures on stored data.\n"
        "2. Each State Party shall cooperate with other States."
    )
    new = (
        "1. Each State Party shall adopt measures on traffic records.\n"
        "2. Each State Party shall adopt measures on subscriber records."
    )
    s = at(old, "adopt measures on stored data")
    assert reanchor(s, old, new) == Lost(ORPHANED)


def test_a_passage_moved_with_its_sentence_is_found_by_match_main() -> None:
    filler = " ".join(f"clause{k} applies" for k in range(25))
    moved = "The parties shall respect the principle of proportionality in all cases."
    old = f"{filler}. {moved}"
    new = f"{moved.replace('principle', 'principles')} {filler}."
    s = at(old, "respect the principle of proportionality")
    result = reanchor(s, old, new)
    assert isinstance(result, Span) and result.method == "fuzzy"
    assert found(result, new) == "respect the principles of proportionality"


def test_an_empty_passage_stays_between_its_kept_neighbours() -> None:
    old = "Each State Party shall adopt measures."
    s = select(old, old.index(" measures"), old.index(" measures"))
    new = "In good faith, each State Party shall adopt measures."
    result = reanchor(s, old, new)
    assert isinstance(result, Span) and result.start == result.end == new.index(" measures")
    assert reanchor(s, old, "Each State Party shall take measures.") == Lost(ORPHANED)


def test_a_selector_that_does_not_match_its_own_text_is_refused() -> None:
    s = TextSelector(0, 4, "Each", "", " State")
    assert isinstance(reanchor(s, "Some other text", "Some other text"), Lost)


def test_find_quote_corrects_a_wrong_position_and_refuses_to_guess() -> None:
    text = "under an order of the court, or under an order of a tribunal"
    s = TextSelector(0, 14, "under an order", "court, or ", " of a tribunal")
    assert find_quote(s, text) == text.index("under an order", 5)
    blind = TextSelector(3, 17, "under an order", "", "")
    assert find_quote(blind, text) == 0  # equal context: the nearest to the stated place
    assert find_quote(TextSelector(0, 5, "appeal", "", ""), text) is None


def test_similarity_counts_kept_words() -> None:
    assert similarity("legality, necessity and proportionality", "legality and necessity") == (
        2 * 2 / 7
    )
    assert similarity("a b c", "a b c") == 1.0
    assert similarity("a b c", "x y z") == 0.0


# --- a property: edits away from the passage never move it -----------------------------

WORDS = st.sampled_from(
    "State Party shall may adopt measures data the of to review court notify rights".split()
)


@settings(max_examples=300, deadline=None)
@given(
    before=st.lists(WORDS, min_size=2, max_size=30),
    passage=st.lists(WORDS, min_size=3, max_size=8),
    after=st.lists(WORDS, min_size=2, max_size=30),
    edits=st.lists(st.tuples(st.booleans(), st.integers(0, 60), WORDS), max_size=6),
)
def test_edits_outside_a_passage_never_move_it_off_its_words(
    before: list[str], passage: list[str], after: list[str], edits: list[tuple[bool, int, str]]
) -> None:
    """Whatever is inserted or deleted around a passage, the result is its own words
    (the same characters, in the same surroundings) or an orphan, never other words."""
    old_words = [*before, "«", *passage, "»", *after]
    old = " ".join(old_words)
    s = at(old, " ".join(["«", *passage, "»"]))
    new_before, new_after = list(before), list(after)
    for insert, where, word in edits:
        side = new_before if where % 2 else new_after
        k = where % (len(side) + 1)
        if insert:
            side.insert(k, word)
        elif side and k < len(side):
            del side[k]
    new = " ".join([*new_before, "«", *passage, "»", *new_after])
    result = reanchor(s, old, new)
    assert isinstance(result, Span)  # the marked passage is unique and intact
    assert new[result.start : result.end] == s.exact
    assert result.start == len(" ".join(new_before)) + (1 if new_before else 0)


# --- carrying through a comparison row ----------------------------------------------------


def provision(eid: str, num: str, *texts: str, heading: str = "") -> Provision:
    lines = tuple(Line(f"{k + 1}.", text) for k, text in enumerate(texts))
    return Provision(eid, "article", num, heading or f"Heading {num}", 0, lines)


def test_carry_follows_words_into_the_right_piece_of_a_split() -> None:
    old = provision(
        "art_26",
        "Article 26",
        "Each State Party shall make the powers subject to conditions and safeguards.",
        "Each State Party shall weigh the legitimate interests of third parties.",
    )
    first = provision(
        "art_24",
        "Article 24",
        "Each State Party shall make the powers subject to conditions and safeguards.",
    )
    second = provision(
        "art_25",
        "Article 25",
        "Each State Party shall weigh the legitimate interests of third parties.",
        heading="Protection of third parties",
    )
    changes = compare([old], [first, second])
    change = find_change(changes, "art_26")
    assert change is not None and change.status == "split"
    s = at(old.text, "legitimate interests of third parties")
    placed = carry(change, "art_26", s, carried_from=7)
    assert isinstance(placed, Anchored) and placed.eid == "art_25"
    assert second.text[placed.start : placed.end] == "legitimate interests of third parties"
    assert placed.carried_from == 7
    whole = carry(change, "art_26", None, carried_from=7)
    assert whole == Anchored("art_24", 0, len(first.text), "provision", 7)


def test_carry_orphans_what_a_deleted_provision_held() -> None:
    gone = provision("art_16", "Article 16", "Offences related to the infringement of copyright.")
    kept = provision("art_1", "Article 1", "Purposes of this Convention and its scope.")
    changes = compare([kept, gone], [kept])
    change = find_change(changes, "art_16")
    assert change is not None
    placed = carry(change, "art_16", at(gone.text, "infringement of copyright"), 3)
    assert isinstance(placed, Orphaned)
    assert placed.reason == f"{ORPHANED}: Article 16 was deleted"
