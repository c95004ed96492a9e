"""Square brackets: what is unagreed, exact to the character, and honest when unbalanced."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafts.demo import demo_files
from drafts.model import Line, Note, Provision
from drafts.negotiation.brackets import (
    CITATION,
    FOOTNOTE,
    UNCLOSED,
    UNOPENED,
    Bracket,
    BracketScan,
    draft_agreement,
    provision_brackets,
    scan,
)
from drafts.reading.akoma import read_draft


def texts(found: BracketScan, text: str) -> list[str]:
    return [text[b.start : b.end] for b in found.brackets]


def provision(
    *lines: str, heading: str = "", num: str = "Article 24", notes: str = ""
) -> Provision:
    return Provision(
        eid="art_24",
        kind="article",
        num=num,
        heading=heading,
        position=0,
        lines=tuple(Line("", line) for line in lines),
        notes=(Note("1", notes),) if notes else (),
    )


# -- single texts ---------------------------------------------------------------------


def test_a_simple_bracket_is_found_with_its_offsets() -> None:
    text = "Each State Party [shall] adopt"
    found = scan(text)
    assert found.brackets == (Bracket(17, 24, 1),)
    assert texts(found, text) == ["[shall]"]
    assert found.is_balanced
    assert found.bracketed_chars == 7
    assert found.share == 7 / len(text)


def test_text_without_brackets_scans_to_nothing() -> None:
    assert scan("") == BracketScan((), length=0)
    assert scan("").share == 0.0
    assert scan("No brackets here.") == BracketScan((), length=17)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "[States Parties shall [, in accordance with domestic law,] ensure]",
            [
                ("[States Parties shall [, in accordance with domestic law,] ensure]", 1),
                ("[, in accordance with domestic law,]", 2),
            ],
        ),
        (
            "[a [b [c] d] e] f [g]",
            [("[a [b [c] d] e]", 1), ("[b [c] d]", 2), ("[c]", 3), ("[g]", 1)],
        ),
    ],
    ids=["depth-2", "depth-3"],
)
def test_nested_brackets_have_depths_and_come_outer_first(
    text: str, expected: list[tuple[str, int]]
) -> None:
    found = scan(text)
    assert [(text[b.start : b.end], b.depth) for b in found.brackets] == expected
    outermost = [b for b in found.brackets if b.depth == 1]
    assert found.bracketed_chars == sum(b.end - b.start for b in outermost)
    assert found.spans(depth=2) == tuple((b.start, b.end) for b in found.brackets if b.depth == 2)
    assert len(found.nested) == len(expected) - len(outermost)
    assert len(found.spans()) == len(expected)


def test_labelled_alternatives_inside_the_brackets() -> None:
    text = "[Option 1: States Parties shall] [Option 2: States Parties may] [Alt. 3 — none]"
    found = scan(text)
    assert [b.option for b in found.brackets] == ["Option 1", "Option 2", "Alt. 3"]
    assert all(b.alternative for b in found.brackets)


def test_labelled_alternatives_on_the_line_before_or_before_on_the_same_line() -> None:
    text = (
        "1. Each State Party:\n"
        "Option 1\n[shall adopt [such] measures]\n"
        "Alternative B:\n[may adopt measures]\n"
        "2. Variant II: [none]\n"
        "Option 3: Each State Party shall [ensure] it"
    )
    found = scan(text)
    labelled = [(text[b.start : b.end], b.option) for b in found.brackets]
    assert labelled == [
        ("[shall adopt [such] measures]", "Option 1"),
        ("[such]", None),
        ("[may adopt measures]", "Alternative B"),
        ("[none]", "Variant II"),
        # the label is the paragraph's, not this bracket's
        ("[ensure]", None),
    ]


def test_glued_brackets_are_alternatives_and_spaced_ones_are_not() -> None:
    text = "States Parties [shall][may][should] act [promptly] [and fairly]"
    found = scan(text)
    assert [b.alternative for b in found.brackets] == [True, True, True, False, False]
    assert all(b.option is None for b in found.brackets)


def test_option_words_in_running_text_are_not_labels() -> None:
    text = "[Options for States] [Alternatively, States] [Alternative Approach]"
    assert [b.option for b in scan(text).brackets] == [None, None, None]


@pytest.mark.parametrize(
    ("text", "kind", "position", "message"),
    [
        ("Each State [shall adopt", UNCLOSED, 11, "line 1, column 12: '[' is never closed"),
        (
            "1. Each State\n2. shall] adopt",
            UNOPENED,
            22,
            "line 2, column 9: ']' has no matching '['",
        ),
        (
            "a\nb\n[c [d] e\nf",
            UNCLOSED,
            4,
            "line 3, column 1: '[' is never closed",
        ),
    ],
)
def test_unbalanced_brackets_are_reported_with_line_and_column(
    text: str, kind: str, position: int, message: str
) -> None:
    found = scan(text)
    assert not found.is_balanced
    [problem] = found.problems
    assert (problem.kind, problem.position, problem.message) == (kind, position, message)
    assert text[position] == ("[" if kind == UNCLOSED else "]")


def test_an_unclosed_bracket_is_not_guessed_and_does_not_deepen_what_it_holds() -> None:
    text = "[a [b] c"
    found = scan(text)
    assert found.brackets == (Bracket(3, 6, 1),)
    assert [p.kind for p in found.problems] == [UNCLOSED]


def test_problems_of_both_kinds_come_in_text_order() -> None:
    found = scan("x] [y] z [w\n]]")
    assert [(p.kind, p.position) for p in found.problems] == [(UNOPENED, 1), (UNOPENED, 13)]
    found = scan("[a] ] [b")
    assert [(p.kind, p.position) for p in found.problems] == [(UNOPENED, 4), (UNCLOSED, 6)]


def test_footnote_references_and_law_report_years_are_not_unagreed_text() -> None:
    text = (
        "serious crime.[12] See [2019] UKSC 12 and [2004] 1 WLR 5; crime[1][2] "
        "within [30] days, [90][180] days, by [2030]."
    )
    found = scan(text)
    assert [(text[r.start : r.end], r.kind) for r in found.references] == [
        ("[12]", FOOTNOTE),
        ("[2019]", CITATION),
        ("[2004]", CITATION),
        ("[1]", FOOTNOTE),
        ("[2]", FOOTNOTE),
    ]
    assert texts(found, text) == ["[30]", "[90]", "[180]", "[2030]"]


def test_a_reference_inside_a_bracket_leaves_the_bracket_whole() -> None:
    text = "[as defined in article 2.[3]]"
    found = scan(text)
    assert texts(found, text) == [text]
    assert [text[r.start : r.end] for r in found.references] == ["[3]"]


def test_brackets_inside_words_count_and_are_flagged() -> None:
    text = "the State[s] Part[y][ies] and [Member States]"
    found = scan(text)
    assert [(text[b.start : b.end], b.in_word) for b in found.brackets] == [
        ("[s]", True),
        ("[y]", True),
        ("[ies]", True),
        ("[Member States]", False),
    ]


def test_a_bracket_spans_paragraphs() -> None:
    text = "1. States [shall\n2. cooperate\n\n3. fully] now"
    found = scan(text)
    assert texts(found, text) == ["[shall\n2. cooperate\n\n3. fully]"]
    assert found.is_balanced


def test_arabic_and_curly_quotes_are_counted_in_code_points() -> None:
    text = "١. [يجوز للدول] “[الأطراف]”"
    found = scan(text)
    assert texts(found, text) == ["[يجوز للدول]", "[الأطراف]"]
    assert found.brackets[0].start == 3
    assert found.bracketed_chars == len("[يجوز للدول]") + len("[الأطراف]")


def test_empty_brackets_are_brackets() -> None:
    found = scan("States [] shall")
    assert found.brackets == (Bracket(7, 9, 1),)
    assert found.bracketed_chars == 2


# -- provisions and drafts ------------------------------------------------------------


def test_provision_counts() -> None:
    p = provision(
        "1. Each State Party [shall][may] adopt [measures [, as appropriate,]].",
        "2. Option 1\n[No reservation.]",
        heading="[Scope]",
        notes="[This note] is commentary.",
    )
    counted = provision_brackets(p)
    assert counted.name == "Article 24"
    assert counted.brackets == 5  # [Scope], [shall], [may], [measures ...], [No reservation.]
    assert counted.nested == 1
    assert counted.alternatives == 3  # [shall][may] glued, [No reservation.] labelled
    # words: Scope + 1 Each State Party shall may adopt measures as appropriate
    #        + 2 Option 1 No reservation
    assert counted.words == 1 + 10 + 5
    assert counted.bracketed_words == 1 + 5 + 2
    assert counted.word_share == 8 / 16
    assert counted.has_brackets and counted.problems == ()


def test_provision_problems_name_the_provision_and_the_part() -> None:
    p = provision("1. Each State", "2. shall [adopt", heading="Scope]")
    assert provision_brackets(p).problems == (
        "Article 24, heading: line 1, column 6: ']' has no matching '['",
        "Article 24, text: line 2, column 10: '[' is never closed",
    )
    unnumbered = provision("[x", num="")
    assert provision_brackets(unnumbered).problems == (
        "art_24, text: line 1, column 1: '[' is never closed",
    )


def test_notes_are_not_scanned() -> None:
    counted = provision_brackets(provision("Agreed text.", notes="OJ C[...], p. [...]. ]"))
    assert (counted.brackets, counted.bracketed_words, counted.problems) == (0, 0, ())


def test_draft_agreement() -> None:
    draft = [
        provision("[a b] c d"),
        provision("e f g h"),
        provision("[i] j [k", num="Article 3"),
        provision("l m n o"),
    ]
    agreement = draft_agreement(draft)
    assert len(agreement.bracketed) == 2
    assert agreement.provision_share == 0.5
    assert agreement.brackets == 2
    assert (agreement.bracketed_words, agreement.words) == (3, 15)
    assert agreement.word_share == 3 / 15
    assert agreement.problems == ("Article 3, text: line 1, column 7: '[' is never closed",)
    empty = draft_agreement([])
    assert (empty.provision_share, empty.word_share, empty.problems) == (0.0, 0.0, ())


# -- invariants -----------------------------------------------------------------------


def assert_accounted_for(text: str, found: BracketScan) -> None:
    """Every "[" and "]" of the text is exactly one bracket's, problem's or reference's."""
    unclosed = sum(p.kind == UNCLOSED for p in found.problems)
    unopened = sum(p.kind == UNOPENED for p in found.problems)
    refs = len(found.references)
    assert text.count("[") == len(found.brackets) + unclosed + refs
    assert text.count("]") == len(found.brackets) + unopened + refs
    for b in found.brackets:
        assert text[b.start] == "[" and text[b.end - 1] == "]"
    for p in found.problems:
        assert text[p.position] == ("[" if p.kind == UNCLOSED else "]")
    for r in found.references:
        assert text[r.start] == "[" and text[r.end - 1] == "]" and text[r.start + 1 : r.end - 1]
        assert text[r.start + 1 : r.end - 1].isdigit()


def assert_nested(found: BracketScan) -> None:
    """Any two brackets are disjoint or one holds the other; depth is 1 + its holders."""
    spans = found.spans()
    assert list(spans) == sorted(spans, key=lambda s: (s[0], -s[1]))
    for (a, b), (c, d) in combinations(spans, 2):
        assert b <= c or (a <= c and d <= b) or (c <= a and b <= d)
    for bracket in found.brackets:
        holders = [
            o for o in found.brackets if o is not bracket and o.start < bracket.start < o.end
        ]
        assert bracket.depth == 1 + len(holders)
    for ref in found.references:
        for b in found.brackets:
            assert ref.end <= b.start or b.end <= ref.start or b.start < ref.start < b.end


PIECES = [*"[[]]  \n12ab:.Oé١", "[[", "[Option 1: ", "\nAlt. B\n[", "[12]", "[2019] U"]
"""Characters and fragments that exercise every rule: labels, references, nesting."""

bracket_text = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)

balanced_text = st.recursive(
    st.sampled_from(["", "shall", "may", " ", "\n", "Option 2:", "State"]),
    lambda inner: st.one_of(
        inner.map(lambda t: f"[{t}]"), st.lists(inner, max_size=4).map("".join)
    ),
    max_leaves=20,
)
"""Well-formed bracketed text, nested as deep as it likes, with no digits."""


@settings(max_examples=400, deadline=None)
@given(bracket_text)
def test_every_bracket_is_accounted_for_and_nested_properly(text: str) -> None:
    found = scan(text)
    assert_accounted_for(text, found)
    assert_nested(found)
    assert found.is_balanced == (not found.problems)
    assert 0.0 <= found.share <= 1.0


@settings(max_examples=200, deadline=None)
@given(balanced_text)
def test_well_formed_text_is_balanced_and_every_bracket_is_found(text: str) -> None:
    found = scan(text)
    assert found.is_balanced and found.references == ()
    assert len(found.brackets) == text.count("[")
    assert_nested(found)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_scans_without_error(text: str) -> None:
    assert_accounted_for(text, scan(text))


# -- real drafts ----------------------------------------------------------------------


def _checked(provisions: tuple[Provision, ...]) -> None:
    for counted, p in zip(draft_agreement(provisions).provisions, provisions, strict=True):
        assert_accounted_for(p.heading, counted.heading)
        assert_accounted_for(p.text, counted.text)
        assert_nested(counted.text)


def test_demo_drafts_are_balanced_and_close_their_brackets_draft_by_draft() -> None:
    drafts = [read_draft(path).provisions for path in demo_files()]
    for provisions in drafts:
        _checked(provisions)
    agreements = [draft_agreement(provisions) for provisions in drafts]
    assert all(a.problems == () for a in agreements)
    assert [a.brackets for a in agreements] == [108, 54, 49, 5, 0]
    shares = [a.provision_share for a in agreements]
    assert shares == sorted(shares, reverse=True) and shares[-1] == 0.0
    # "[90][180] days" and "[60][90] days" are negotiated numbers, not footnotes
    assert not any(s.references for p in agreements[0].provisions for _, s in p.scans)


@pytest.mark.parametrize(
    ("name", "brackets", "problems"),
    [
        ("legaldocml-v3/uk_pga_1998_29.xml", 0, ()),
        ("za-constitution-akn3/constitution-slaw.xml", 87, ()),
        (
            "legaldocml-v3/eu_COM(2013)0619_EN-8.xml",
            9,
            (
                "cmp_3__mainBody, text: line 84, column 35: ']' has no matching '['",
                "cmp_3__mainBody, text: line 89, column 35: ']' has no matching '['",
            ),
        ),
    ],
)
def test_real_documents_are_accounted_for(
    corpus: Path, name: str, brackets: int, problems: tuple[str, ...]
) -> None:
    provisions = read_draft(corpus / name).provisions
    _checked(provisions)
    agreement = draft_agreement(provisions)
    assert agreement.brackets == brackets
    # the EU proposal's budget table: "Number [...]Heading...............]"
    assert agreement.problems == problems
