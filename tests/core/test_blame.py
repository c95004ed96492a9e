"""Blame: which draft wrote each character of a provision.

Checked four ways: invariants over every provision of the demo and of generated
dossiers (the spans tile the text, no word is cut, each blame is the previous draft's
blame carried through one diff); the demo's story as resources/demo/README.md tells it;
a hand-built negotiation with every expected span written out; and generated dossiers
whose only edits are structural, where each word's origin is known.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import cache
from itertools import pairwise

import pytest

from drafts.comparing.compare import ProvisionChange
from drafts.comparing.comparisons import compare_drafts
from drafts.comparing.diff import EXACT, WORD, DiffOptions, Segment, diff_texts
from drafts.demo import demo_files, import_demo
from drafts.model import Draft, Line, Provision
from drafts.negotiation.blame import Blame, blame, blame_history, blame_json
from drafts.negotiation.history import History, find_provision, history
from drafts.reading.akoma import read_draft
from drafts.store import Store
from tests.dossiers import Dossier, derive

D1, D2, D3, D4, D5 = (
    "Zero draft",
    "First revised draft",
    "Second revised draft",
    "Further revised draft",
    "Final text agreed ad referendum",
)


# --- helpers -------------------------------------------------------------------------


def _draft(k: int, label: str, provisions: Sequence[Provision], work: str = "blame") -> Draft:
    """A draft of the test work `work`, dated by its rank `k`."""
    return Draft(
        work_uri=f"/akn/test/{work}",
        work_title=f"Test convention ({work})",
        expression_uri=f"/akn/test/{work}/eng@2023-{k:02d}-01",
        label=label,
        date=f"2023-{k:02d}-01",
        symbol=f"T/{k}",
        language="eng",
        doc_type="bill",
        provisions=tuple(provisions),
        content_hash=hashlib.sha256(repr((work, k, tuple(provisions))).encode()).hexdigest(),
    )


def _article(n: int, heading: str, *lines: tuple[str, str]) -> Provision:
    return Provision(
        f"art_{n}", "article", f"Article {n}", heading, n, tuple(Line(num, t) for num, t in lines)
    )


def _chars(b: Blame) -> list[int]:
    """The id of the draft that wrote each character of the text."""
    return [s.draft.id for s in b.spans for _ in range(s.end - s.start)]


def _labels_of(b: Blame, phrase: str) -> set[str]:
    """The drafts that wrote the characters of `phrase` (its first occurrence)."""
    at = b.text.index(phrase)
    return {b.span_at(k).draft.label for k in range(at, at + len(phrase))}


def _phrases(b: Blame, heading: bool = False) -> list[tuple[str, str]]:
    return [(text, d.label) for text, d in b.phrases(heading)]


def _assert_well_formed(b: Blame) -> None:
    """Spans tile the text and heading in order, neighbours are of different drafts,
    every span's draft is one the line was in, and no word is cut between two spans."""
    for spans, text in ((b.spans, b.text), (b.heading_spans, b.provision.heading)):
        assert [s.start for s in spans] == [0, *(s.end for s in spans[:-1])]
        assert (spans[-1].end if spans else 0) == len(text)
        assert all(s.start < s.end for s in spans)
        assert all(a.draft != c.draft for a, c in pairwise(spans))
        assert {s.draft for s in spans} <= set(b.drafts)
        ends = {s.end for s in spans}
        cut = [m.group() for m in WORD.finditer(text) if ends & set(range(m.start() + 1, m.end()))]
        assert not cut, f"{b.provision.eid}: words cut between spans: {cut}"
    assert b.drafts[-1] == b.draft


def _carried(row: ProvisionChange, olds: dict[str, list[int]], now: int) -> dict[str, list[int]]:
    """An oracle, one character at a time: the row's new pieces' drafts from its old
    pieces' drafts, through a fresh diff of the joined texts (the line break joining two
    old pieces takes the draft of the character before it)."""
    joined: list[int] = []
    for n, p in enumerate(row.old):
        if n:
            joined.append(joined[-1] if joined else next(d for q in row.old for d in olds[q.eid]))
        joined += olds[p.eid]
    old = "\n".join(p.text for p in row.old)
    new = "\n".join(p.text for p in row.new)
    out: list[int] = []
    at = 0
    for s in diff_texts(old, new):
        if s.op == "equal":
            out += joined[at : at + len(s.old)]
        elif s.op == "insert":
            out += [now] * len(s.new)
        at += len(s.old)
    pieces, start = {}, 0
    for p in row.new:
        pieces[p.eid] = out[start : start + len(p.text)]
        start += len(p.text) + 1
    return pieces


def _deleted(row: ProvisionChange) -> list[str]:
    old = "\n".join(p.text for p in row.old)
    new = "\n".join(p.text for p in row.new)
    return [s.old for s in diff_texts(old, new) if s.op == "delete" and not s.old.isspace()]


class _Blames:
    """Every provision of every draft of one negotiation, blamed once, for the tests
    that walk all of them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.drafts = store.drafts()
        self.by_key = {
            (d.id, p.eid): blame(store, d, p) for d in self.drafts for p in store.provisions(d.id)
        }

    def __iter__(self) -> Iterator[Blame]:
        return iter(self.by_key.values())

    def check_each_draft_follows_from_the_one_before(self) -> int:
        """Each provision's blame must be its row's old pieces' blames carried through the
        row's diff (checked by the oracle), for every row into a provision with a past;
        a one-to-one row also keeps every earlier deletion and adds its own. Returns how
        many provisions were checked."""
        checked = 0
        for before, after in pairwise(self.drafts):
            rows = compare_drafts(self.store, before, after).changes
            for row, p in ((r, p) for r in rows for p in r.new):
                b = self.by_key[(after.id, p.eid)]
                if not row.old:
                    assert set(_chars(b)) <= {after.id} and not b.deletions, p.eid
                    continue
                olds = {q.eid: self.by_key[(before.id, q.eid)] for q in row.old}
                expected = _carried(row, {e: _chars(o) for e, o in olds.items()}, after.id)
                assert _chars(b) == expected[p.eid], (after.label, p.eid)
                if len(row.old) == len(row.new) == 1:
                    (old,) = olds.values()
                    assert b.deletions[: len(old.deletions)] == old.deletions, p.eid
                    new = b.deletions[len(old.deletions) :]
                    assert [d.text for d in new] == _deleted(row), p.eid
                    assert all((d.draft, d.since) == (after, before) for d in new), p.eid
                checked += 1
        return checked


# --- the demo ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo() -> Iterator[_Blames]:
    with Store() as store:
        import_demo(store)
        yield _Blames(store)


def _final(demo: _Blames, name: str) -> Blame:
    last = demo.drafts[-1]
    return demo.by_key[(last.id, find_provision(demo.store, last, name).eid)]


def test_every_demo_blame_tiles_its_provision(demo: _Blames) -> None:
    blames = list(demo)
    assert len(blames) == sum(d.provision_count for d in demo.drafts)
    for b in blames:
        _assert_well_formed(b)
    first = demo.drafts[0]
    zero = [b for b in blames if b.draft == first]
    assert all(_phrases(b) == [(b.text, D1)] for b in zero if b.text)


def test_every_demo_blame_follows_from_the_one_before(demo: _Blames) -> None:
    drafts_after_the_first = sum(d.provision_count for d in demo.drafts[1:])
    assert demo.check_each_draft_follows_from_the_one_before() > 0.8 * drafts_after_the_first


def test_conditions_and_safeguards_words_come_from_the_drafts_the_story_tells(
    demo: _Blames,
) -> None:
    """README: D2 adds "legality, necessity and proportionality", D3 brackets it and adds
    "[applicable]", D4 removes proportionality and writes "may include, as
    appropriate", D5 brings "the principle of proportionality" back."""
    b = _final(demo, "Article 24")
    assert b.provision.heading == "Conditions and safeguards"
    assert _phrases(b, heading=True) == [("Conditions and safeguards", D1)]
    assert _labels_of(b, "Each State Party shall make the powers and procedures") == {D1}
    assert _labels_of(b, "applicable") == {D3}
    assert _labels_of(b, "as appropriate") == {D4}
    assert _labels_of(b, "principle of proportionality") == {D5}
    assert [d.label for d in b.drafts] == [D1, D2, D3, D4, D5]


def test_conditions_and_safeguards_deletions_are_listed_where_they_happened(
    demo: _Blames,
) -> None:
    b = _final(demo, "Article 24")
    assert [d.draft.label for d in b.deletions] == sorted(
        (d.draft.label for d in b.deletions), key=[D1, D2, D3, D4, D5].index
    )
    (proportionality,) = [d for d in b.deletions if "[and proportionality]" in d.text]
    assert (proportionality.draft.label, proportionality.since.label) == (D4, D3)
    assert [d.label for d in proportionality.introduced] == [D2, D3]  # the words, the brackets
    assert proportionality.context.endswith("principles of legality")
    (legality,) = [d for d in b.deletions if "legality" in d.text]
    assert legality.draft.label == D5
    assert any("Prior authorization" in d.text and d.draft.label == D4 for d in b.deletions)


def test_the_article_split_off_keeps_its_zero_draft_paragraph(demo: _Blames) -> None:
    """Article 25 was split from Article 26 in D3; its third-party paragraph was in the
    zero draft (then in brackets); D4 deleted notification, D5 restored "effective"
    and the heading D4 had weakened."""
    b = _final(demo, "Article 25")
    assert _labels_of(b, "Each State Party shall weigh how the powers and procedures") == {D1}
    assert _labels_of(b, "effective") == {D5}
    assert _phrases(b, heading=True) == [("Protection of human rights in investigations", D5)]
    notified = [d for d in b.deletions if "notified" in d.text]
    assert [d.draft.label for d in notified] == [D4]
    assert [d.label for d in b.drafts] == [D1, D2, D3, D4, D5]


def test_the_merged_theft_and_fraud_article_keeps_both_pieces_words(demo: _Blames) -> None:
    first_revised = demo.drafts[1]
    b = demo.by_key[(first_revised.id, "art_12")]
    assert _phrases(b, heading=True) == [
        ("Information and communications technology-related theft", D1),
        (" or", D2),
        (" fraud", D1),
    ]
    assert _labels_of(b, "(a) Entering, altering, deleting or suppressing electronic data") == {D1}
    assert any("[unauthorized][fraudulent]" in d.text for d in b.deletions)


# --- a negotiation written out by hand -----------------------------------------------

HAND = (
    _draft(
        1,
        "D1",
        [
            _article(
                1,
                "Cooperation",
                (
                    "1.",
                    "States Parties shall cooperate to the widest extent possible, as "
                    "Côte d’Ivoire proposed.",
                ),
                ("2.", "Cooperation shall respect human rights."),
            ),
            _article(2, "Data", ("", "States Parties shall protect personal data transferred.")),
            _article(3, "Records", ("", "States Parties shall keep records of every request.")),
        ],
    ),
    _draft(
        2,
        "D2",
        [
            _article(
                1,
                "Cooperation",
                (
                    "1.",
                    "States Parties shall promptly cooperate to the widest extent possible, "
                    "as Côte d’Ivoire proposed.",
                ),
                ("2.", "Cooperation shall respect human rights."),
            ),
            _article(2, "Data", ("", "States Parties shall protect personal data transferred.")),
            _article(3, "Records", ("", "States Parties shall keep records of every request.")),
        ],
    ),
    _draft(
        3,
        "D3",
        [
            _article(
                1,
                "Cooperation",
                (
                    "1.",
                    "States Parties shall cooperate to the widest extent possible, as "
                    "Côte d’Ivoire proposed.",
                ),
                ("2.", "Cooperation shall fully respect human rights."),
            ),
            _article(
                2,
                "Data and records",
                ("", "States Parties shall protect personal data transferred."),
                ("", "They shall keep records of every request."),
            ),
        ],
    ),
    _draft(
        4,
        "D4",
        [
            _article(
                1,
                "Cooperation",
                (
                    "",
                    "States Parties shall promptly cooperate to the widest extent possible, as "
                    "Côte d’Ivoire proposed.",
                ),
            ),
            _article(
                2,
                "Human rights",
                ("", "Cooperation shall fully respect international human rights."),
            ),
            _article(
                3,
                "Data and records",
                ("", "States Parties shall protect personal data transferred."),
                ("", "They shall keep records of every request."),
            ),
        ],
    ),
)
"""Article 1 gains "promptly" in D2, loses it in D3, gains it again in D4, when its
second paragraph is split off into a new Article 2. Articles 2 and 3 merge in D3."""


@pytest.fixture
def hand(store: Store) -> Store:
    store.add_drafts(HAND)
    return store


def _blame_last(store: Store, eid: str, options: DiffOptions = EXACT) -> Blame:
    last = store.drafts()[-1]
    return blame(store, last, find_provision(store, last, eid), options)


def _deletions(b: Blame) -> list[tuple[str, str, str, list[str], str]]:
    return [
        (d.draft.label, d.since.label, d.text, [i.label for i in d.introduced], d.context)
        for d in b.deletions
    ]


def test_the_history_of_the_hand_built_negotiation_is_the_intended_one(hand: Store) -> None:
    last = hand.drafts()[-1]
    statuses = {
        p.eid: [s.status for s in history(hand, last, p).steps] for p in hand.provisions(last.id)
    }
    assert statuses == {
        "art_1": ["", "modified", "modified", "split"],
        "art_2": ["", "modified", "modified", "split"],
        "art_3": ["", "unchanged", "merged", "renumbered"],
    }


def test_a_word_deleted_then_inserted_again_belongs_to_its_last_insertion(hand: Store) -> None:
    b = _blame_last(hand, "art_1")
    _assert_well_formed(b)
    assert _phrases(b) == [
        ("States Parties shall ", "D1"),
        ("promptly ", "D4"),
        ("cooperate to the widest extent possible, as Côte d’Ivoire proposed.", "D1"),
    ]
    assert _phrases(b, heading=True) == [("Cooperation", "D1")]
    assert _deletions(b) == [
        ("D3", "D2", "promptly ", ["D2"], "1. States Parties shall "),
        ("D4", "D3", "1. ", ["D1"], ""),
    ]


def test_the_piece_split_off_keeps_its_words_but_not_the_other_pieces_deletions(
    hand: Store,
) -> None:
    b = _blame_last(hand, "art_2")
    _assert_well_formed(b)
    assert _phrases(b) == [
        ("Cooperation shall", "D1"),
        (" fully", "D3"),
        (" respect", "D1"),
        (" international", "D4"),
        (" human rights.", "D1"),
    ]
    assert _phrases(b, heading=True) == [("Human rights", "D4")]
    assert _deletions(b) == [("D4", "D3", "2. ", ["D1"], "Côte d’Ivoire proposed.\n")]
    assert [d.label for d in b.drafts] == ["D1", "D2", "D3", "D4"]


def test_a_merged_article_keeps_both_pieces_words_and_headings(hand: Store) -> None:
    b = _blame_last(hand, "art_3")
    _assert_well_formed(b)
    assert _phrases(b) == [
        ("States Parties shall protect personal data transferred.\n", "D1"),
        ("They", "D3"),
        (" shall keep records of every request.", "D1"),
    ]
    assert _phrases(b, heading=True) == [("Data", "D1"), (" and records", "D3")]
    assert _deletions(b) == [
        ("D3", "D2", "States Parties", ["D1"], "protect personal data transferred.\n")
    ]


def test_shares_positions_and_json_of_a_blame(hand: Store) -> None:
    b = _blame_last(hand, "art_1")
    shares = [(s.draft.label, s.chars, s.words) for s in b.by_draft()]
    words = len(WORD.findall(b.text))
    assert shares == [
        ("D1", len(b.text) - len("promptly "), words - 1),
        ("D2", 0, 0),
        ("D3", 0, 0),
        ("D4", len("promptly "), 1),
    ]
    assert b.span_at(b.text.index("promptly")).draft.label == "D4"
    assert b.span_at(0).draft.label == b.span_at(len(b.text) - 1).draft.label == "D1"
    with pytest.raises(IndexError):
        b.span_at(len(b.text))
    shape = json.loads(json.dumps(blame_json(b)))
    assert set(shape) == {
        "provision",
        "negotiation",
        "options",
        "drafts",
        "text",
        "spans",
        "heading_spans",
        "by_draft",
        "deletions",
    }
    assert shape["provision"] == {
        "draft": b.draft.id,
        "eid": "art_1",
        "num": "Article 1",
        "heading": "Cooperation",
    }
    assert [d["label"] for d in shape["drafts"]] == ["D1", "D2", "D3", "D4"]
    assert "".join(shape["text"][s["start"] : s["end"]] for s in shape["spans"]) == b.text
    assert [s["draft"] for s in shape["spans"]] == [b.drafts[k].id for k in (0, 3, 0)]
    assert shape["deletions"][0] == {
        "draft": b.drafts[2].id,
        "since": b.drafts[1].id,
        "introduced": [b.drafts[1].id],
        "text": "promptly ",
        "context": "1. States Parties shall ",
    }
    assert shape["options"] == "exact"


def test_a_provision_blamed_in_its_first_draft_is_all_that_draft(hand: Store) -> None:
    first = hand.drafts()[0]
    b = blame(hand, first, find_provision(hand, first, "art_1"))
    assert _phrases(b) == [(b.text, "D1")]
    assert b.deletions == () and b.drafts == (first,)


# --- options that ignore differences -------------------------------------------------

RECASED = (
    _draft(1, "Before", [_article(1, "Scope", ("1.", "States parties shall cooperate, fully."))]),
    _draft(2, "After", [_article(1, "Scope", ("1.", "States Parties shall  cooperate; fully."))]),
)
"""A capital letter, a doubled space and a comma made a semicolon."""


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            EXACT,
            [
                ("1. States ", "Before"),
                ("Parties", "After"),
                (" shall ", "Before"),
                (" ", "After"),
                ("cooperate", "Before"),
                (";", "After"),
                (" fully.", "Before"),
            ],
        ),
        (
            DiffOptions(ignore_case=True),
            [
                ("1. States Parties shall ", "Before"),
                (" ", "After"),
                ("cooperate", "Before"),
                (";", "After"),
                (" fully.", "Before"),
            ],
        ),
        (
            DiffOptions(ignore_whitespace=True),
            [
                ("1. States ", "Before"),
                ("Parties ", "After"),
                ("shall  cooperate", "Before"),
                ("; ", "After"),
                ("fully.", "Before"),
            ],
        ),
        (
            DiffOptions(ignore_case=True, ignore_whitespace=True, ignore_punctuation=True),
            [("1. States Parties shall  cooperate; fully.", "Before")],
        ),
    ],
    ids=["exact", "ignore-case", "ignore-space", "ignore-all"],
)
def test_what_the_options_ignore_keeps_its_old_draft(
    store: Store, options: DiffOptions, expected: list[tuple[str, str]]
) -> None:
    store.add_drafts(RECASED)
    b = _blame_last(store, "art_1", options)
    _assert_well_formed(b)
    assert _phrases(b) == expected
    assert blame_json(b)["options"] == options.key()


def test_a_comparison_row_whose_diff_does_not_fit_is_diffed_again(hand: Store) -> None:
    """A stale or wrong diff in a row must cost time, never a character."""
    last = hand.drafts()[-1]
    real = _blame_last(hand, "art_3")
    h = history(hand, last, real.provision)
    wrong = (Segment("equal", "nothing like the text", "nothing like the text"),)
    steps = tuple(
        replace(s, changes=tuple(replace(c, text=wrong, heading=wrong) for c in s.changes))
        for s in h.steps
    )
    again = blame_history(History(h.start, h.provision, steps))
    assert again.spans == real.spans and again.heading_spans == real.heading_spans
    assert again.deletions == real.deletions


def test_blame_history_is_the_blame_of_the_history_start(hand: Store) -> None:
    third = hand.drafts()[2]
    p = find_provision(hand, third, "art_1")
    h = history(hand, third, p)
    assert blame_history(h) == blame(hand, third, p)
    assert [d.label for d in blame_history(h).drafts] == ["D1", "D2", "D3"]


# --- generated dossiers --------------------------------------------------------------


@cache
def _base() -> tuple[Provision, ...]:
    """The first 30 provisions of the demo's final text: enough for every structural
    operation, small enough to blame all of them quickly."""
    return read_draft(demo_files()[-1]).provisions[:30]


def _chain(strengths: Sequence[float], seed: int) -> tuple[list[Draft], list[Dossier]]:
    """Drafts derived one from the other by `tests.dossiers.derive`, and the dossiers."""
    provisions = _base()
    drafts = [_draft(1, "G1", provisions, work=f"gen{seed}")]
    dossiers: list[Dossier] = []
    for k, strength in enumerate(strengths, 2):
        dossier = derive(provisions, strength, seed * 10 + k)
        provisions = dossier.new
        dossiers.append(dossier)
        drafts.append(_draft(k, f"G{k}", provisions, work=f"gen{seed}"))
    return drafts, dossiers


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_negotiations_blame_as_one_diff_after_another(store: Store, seed: int) -> None:
    drafts, _ = _chain([0.1, 0.3], seed)
    store.add_drafts(drafts)
    blames = _Blames(store)
    for b in blames:
        _assert_well_formed(b)
    assert blames.check_each_draft_follows_from_the_one_before() > 40
    last = [b for b in blames if b.draft == blames.drafts[-1]]
    assert sum(len(b.deletions) for b in last) > 0
    for b in last:
        h = history(store, b.draft, b.provision)
        for d in b.deletions:  # the deleted text was there, in the draft before
            assert d.text in "\n".join(p.text for p in h.step_for(d.since.id).provisions)


def _origins(drafts: Sequence[Draft]) -> dict[str, int]:
    """Each line's text -> the rank of the first draft that has it anywhere."""
    origin: dict[str, int] = {}
    for k, d in enumerate(drafts):
        for p in d.provisions:
            for line in p.lines:
                origin.setdefault(line.text, k)
    return origin


def _expected_ranks(p: Provision, origin: dict[str, int]) -> list[tuple[int, int]]:
    """(offset, rank of the draft that wrote it) of each word of the lines' texts."""
    expected: list[tuple[int, int]] = []
    at = 0
    for line in p.lines:
        start = at + (len(line.num) + 1 if line.num and line.text else 0)
        for m in WORD.finditer(line.text):
            expected.append((start + m.start(), origin[line.text]))
        at += len(line.render()) + 1
    return expected


@pytest.mark.parametrize("seed", [3, 4])
def test_structural_changes_alone_keep_every_word_where_its_line_was_written(
    store: Store, seed: int
) -> None:
    """With no words edited, only moves, splits, merges, insertions and deletions, each
    word was written in the first draft that has its line: known without any diff."""
    drafts, dossiers = _chain([0.0, 0.0], seed)
    assert all(d.of_kind("merged") and d.of_kind("split") for d in dossiers)
    store.add_drafts(drafts)
    stored = store.drafts()
    origin = _origins(drafts)
    ranks = {d.id: k for k, d in enumerate(stored)}
    seen: set[int] = set()
    for p in store.provisions(stored[-1].id):
        b = blame(store, stored[-1], p)
        _assert_well_formed(b)
        expected = _expected_ranks(p, origin)
        assert [(at, ranks[b.span_at(at).draft.id]) for at, _ in expected] == expected, p.eid
        seen.update(rank for _, rank in expected)
    assert seen == {0, 1, 2}  # words from every draft were checked
