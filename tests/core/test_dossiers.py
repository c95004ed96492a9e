"""The dossier generator itself: its truth must be true, or the alignment scores mean nothing."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import pytest

from drafts.demo import demo_files
from drafts.model import Provision
from drafts.reading.akoma import read_draft
from tests.builders import CORPUS
from tests.dossiers import KINDS, Dossier, Truth, derive, links, score, truth_pairs

NO_STRUCTURE = {"moves": 0, "splits": 0, "merges": 0, "insertions": 0, "deletions": 0}
WORD = re.compile(r"[^\W\d_][\w’'-]*")  # a word, as the generator draws them
MANY = {"moves": 4, "splits": 4, "merges": 4, "insertions": 4, "deletions": 4}


@cache
def _source(name: str) -> tuple[Provision, ...]:
    if name == "demo":
        return read_draft(demo_files()[-1]).provisions
    return read_draft(CORPUS / name).provisions


SOURCES = ["demo", "za-constitution-akn3/constitution-slaw.xml"]


def _by_eid(provisions: tuple[Provision, ...]) -> dict[str, Provision]:
    return {p.eid: p for p in provisions}


def _word_distance(a: list[str], b: list[str]) -> int:
    """Levenshtein distance over words: the fewest one-word edits from `a` to `b`."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


def _words(p: Provision) -> list[str]:
    return [w for line in p.lines for w in line.text.split()]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_truth_covers_every_old_and_new_provision_exactly_once(source: str, seed: int) -> None:
    dossier = derive(_source(source), 0.4, seed, **MANY)
    old = Counter(e for t in dossier.truth for e in t.from_eids)
    new = Counter(e for t in dossier.truth for e in t.to_eids)
    assert old == Counter(p.eid for p in dossier.old)
    assert new == Counter(p.eid for p in dossier.new)
    assert {t.kind for t in dossier.truth} <= set(KINDS)
    counts = Counter(t.kind for t in dossier.truth)
    for kind in ("moved", "split", "merged", "added", "deleted"):
        assert counts[kind] == 4, kind


@pytest.mark.parametrize("source", SOURCES)
def test_new_eids_are_unique_and_positions_follow_the_order(source: str) -> None:
    dossier = derive(_source(source), 0.5, 7, **MANY)
    assert len({p.eid for p in dossier.new}) == len(dossier.new)
    assert [p.position for p in dossier.new] == list(range(len(dossier.new)))


def test_the_same_seed_gives_the_same_dossier_and_another_seed_another() -> None:
    first = derive(_source("demo"), 0.3, 42, **MANY)
    assert derive(_source("demo"), 0.3, 42, **MANY) == first
    assert derive(_source("demo"), 0.3, 43, **MANY) != first


@pytest.mark.parametrize("source", SOURCES)
def test_strength_zero_without_structural_operations_changes_no_text(source: str) -> None:
    old = _source(source)
    dossier = derive(old, 0.0, 5, **NO_STRUCTURE, edited_share=1.0)
    assert [(p.heading, p.lines, p.containers) for p in dossier.new] == [
        (p.heading, p.lines, p.containers) for p in old
    ]
    assert {t.kind for t in dossier.truth} <= {"unchanged", "renumbered"}


def test_a_consecutively_numbered_draft_left_alone_keeps_its_numbers_and_eids() -> None:
    dossier = derive(_source("demo"), 0.0, 5, **NO_STRUCTURE)
    assert {t.kind for t in dossier.truth} == {"unchanged"}
    assert [(p.eid, p.num) for p in dossier.new] == [(p.eid, p.num) for p in dossier.old]


def test_a_lettered_section_is_numbered_in_line_and_the_rest_follow() -> None:
    """The South African constitution has a section 230A: the next draft calls it 231."""
    dossier = derive(_source(SOURCES[1]), 0.0, 5, **NO_STRUCTURE)
    renumbered = [t.from_eids[0] for t in dossier.of_kind("renumbered")]
    assert renumbered[0] == "sec_230A"
    assert _by_eid(dossier.new)[dossier.of_kind("renumbered")[0].to_eids[0]].num == "231."
    assert all(eid.startswith("sec_") for eid in renumbered)  # the schedules are untouched


@pytest.mark.parametrize("strength", [0.1, 0.3, 0.6])
def test_edited_provisions_have_about_a_strength_share_of_their_words_edited(
    strength: float,
) -> None:
    dossier = derive(_source("demo"), strength, 11, **NO_STRUCTURE, edited_share=0.5)
    before = _by_eid(dossier.old)
    after = _by_eid(dossier.new)
    shares = []
    for truth in dossier.of_kind("modified"):
        old, new = before[truth.from_eids[0]], after[truth.to_eids[0]]
        assert [(line.num, line.depth) for line in old.lines] == [
            (line.num, line.depth) for line in new.lines
        ]
        shares.append(_word_distance(_words(old), _words(new)) / len(_words(old)))
    assert len(shares) == pytest.approx(0.5 * len(dossier.old), abs=1)
    # an edit can land on an earlier one (a substituted word substituted again): at most s
    assert strength * 0.85 <= sum(shares) / len(shares) <= strength + 0.01


def test_edits_draw_words_from_the_draft() -> None:
    dossier = derive(_source("demo"), 0.5, 3, **NO_STRUCTURE)
    old_words = {w for p in dossier.old for w in WORD.findall(p.text)}
    new_words = {w for p in dossier.new for w in WORD.findall(p.text)}
    assert dossier.of_kind("modified")
    assert new_words <= old_words


@pytest.mark.parametrize("source", SOURCES)
def test_a_split_cuts_one_provision_into_two_consecutive_ones(source: str) -> None:
    dossier = derive(_source(source), 0.0, 9, **{**NO_STRUCTURE, "splits": 5})
    before, order = _by_eid(dossier.old), [p.eid for p in dossier.new]
    after = _by_eid(dossier.new)
    for truth in dossier.of_kind("split"):
        first, second = truth.to_eids
        assert order.index(second) == order.index(first) + 1
        assert after[first].lines and after[second].lines
        assert after[first].lines + after[second].lines == before[truth.from_eids[0]].lines


@pytest.mark.parametrize("source", SOURCES)
def test_a_merge_joins_two_consecutive_provisions_of_one_chapter(source: str) -> None:
    dossier = derive(_source(source), 0.0, 9, **{**NO_STRUCTURE, "merges": 5})
    before, order = _by_eid(dossier.old), [p.eid for p in dossier.old]
    after = _by_eid(dossier.new)
    for truth in dossier.of_kind("merged"):
        first, second = truth.from_eids
        assert order.index(second) == order.index(first) + 1
        assert before[first].containers == before[second].containers
        assert after[truth.to_eids[0]].lines == before[first].lines + before[second].lines


def test_a_move_takes_a_provision_far_away_into_another_chapter() -> None:
    dossier = derive(_source("demo"), 0.0, 4, **{**NO_STRUCTURE, "moves": 5})
    old_order = [p.eid for p in dossier.old]
    new_order = [p.eid for p in dossier.new]
    before, after = _by_eid(dossier.old), _by_eid(dossier.new)
    for truth in dossier.of_kind("moved"):
        old, new = before[truth.from_eids[0]], after[truth.to_eids[0]]
        assert new.lines == old.lines
        assert new.chapter != old.chapter
        distance = abs(new_order.index(new.eid) - old_order.index(old.eid))
        assert distance >= len(dossier.old) // 4  # a third of the series, less other shifts


@pytest.mark.parametrize("source", SOURCES)
def test_inserted_provisions_are_new_text_not_copies(source: str) -> None:
    dossier = derive(_source(source), 0.2, 13, **{**NO_STRUCTURE, "insertions": 8})
    old_texts = {p.text for p in dossier.old}
    old_lines = {line.text for p in dossier.old for line in p.lines}
    after = _by_eid(dossier.new)
    added = [after[t.to_eids[0]] for t in dossier.of_kind("added")]
    assert len(added) == 8
    for p in added:
        assert p.text not in old_texts
        assert not {line.text for line in p.lines} & old_lines
        assert p.lines and all(line.text for line in p.lines)


@pytest.mark.parametrize("source", SOURCES)
def test_deleted_provisions_are_gone(source: str) -> None:
    dossier = derive(_source(source), 0.0, 2, **{**NO_STRUCTURE, "deletions": 6})
    gone = [t.from_eids[0] for t in dossier.of_kind("deleted")]
    texts = {p.text for p in dossier.new}
    assert len(gone) == 6
    assert all(_by_eid(dossier.old)[eid].text not in texts for eid in gone)
    assert len(dossier.new) == len(dossier.old) - 6


def test_renumbering_is_consecutive_in_the_source_format() -> None:
    dossier = derive(_source("demo"), 0.2, 8, **MANY)
    articles = [p for p in dossier.new if p.kind == "article"]
    assert [p.num for p in articles] == [f"Article {n}" for n in range(1, len(articles) + 1)]
    assert [p.eid for p in articles] == [f"art_{n}" for n in range(1, len(articles) + 1)]
    assert dossier.new[0].kind == "preamble"


def test_renumbering_restarts_in_each_schedule_of_the_corpus_document() -> None:
    dossier = derive(_source(SOURCES[1]), 0.2, 8, **MANY)
    schedule = [p for p in dossier.new if p.eid.startswith("att_7__sec_")]
    assert [p.num for p in schedule] == [f"{n}." for n in range(1, len(schedule) + 1)]
    main = [p for p in dossier.new if p.kind == "section" and p.containers[0].kind != "attachment"]
    assert [p.eid for p in main] == [f"sec_{n}" for n in range(1, len(main) + 1)]
    assert dossier.new[0].kind == "preamble"


@pytest.mark.parametrize("source", SOURCES)
def test_kinds_say_what_happened_to_a_provision_that_stayed(source: str) -> None:
    dossier = derive(_source(source), 0.3, 21, **MANY)
    before, after = _by_eid(dossier.old), _by_eid(dossier.new)
    seen = Counter()
    for truth in dossier.truth:
        if truth.kind not in ("unchanged", "renumbered", "modified"):
            continue
        seen[truth.kind] += 1
        old, new = before[truth.from_eids[0]], after[truth.to_eids[0]]
        same_text = (old.lines, old.heading) == (new.lines, new.heading)
        assert same_text == (truth.kind != "modified")
        if truth.kind != "modified":
            assert (old.num == new.num) == (truth.kind == "unchanged")
    assert seen["renumbered"] and seen["modified"]


def test_asking_for_more_than_the_draft_allows_is_an_error() -> None:
    with pytest.raises(ValueError, match="asked for 100 splits"):
        derive(_source("demo"), 0.2, 1, splits=100)
    with pytest.raises(ValueError, match="shares"):
        derive(_source("demo"), 1.5, 1)


def test_truth_pairs_leave_out_additions_and_deletions() -> None:
    dossier = Dossier(
        (),
        (),
        (
            Truth(("a",), ("x",), "unchanged"),
            Truth(("b",), ("y", "z"), "split"),
            Truth(("c",), (), "deleted"),
            Truth((), ("w",), "added"),
        ),
        0.0,
    )
    assert truth_pairs(dossier) == {(("a",), ("x",)), (("b",), ("y", "z"))}


def test_score_counts_links_not_groups() -> None:
    truth = [
        Truth(("a",), ("x",), "unchanged"),
        Truth(("b",), ("y", "z"), "split"),  # two links
        Truth(("c", "d"), ("v",), "merged"),  # two links
        Truth(("e",), (), "deleted"),
        Truth((), ("w",), "added"),
    ]
    predicted = [
        (("a",), ("x",)),  # right
        (("b",), ("y",)),  # half the split
        (("c",), ("v",)),  # half the merge
        (("e",), ("w",)),  # a deleted provision matched to an added one: wrong
        (("d",), ("w",)),  # wrong
    ]
    scores = score(truth, predicted)
    assert (scores.predicted, scores.true, scores.correct, scores.wrong) == (5, 5, 3, 2)
    assert scores.precision == pytest.approx(3 / 5)
    assert scores.recall == pytest.approx(3 / 5)
    assert links([(("b",), ("y", "z"))]) == {("b", "y"), ("b", "z")}


def test_score_of_nothing_against_nothing_is_perfect_and_of_nothing_against_some_is_zero() -> None:
    assert score([], []).precision == score([], []).recall == 1.0
    empty = score([Truth(("a",), ("x",), "unchanged")], [])
    assert (empty.precision, empty.recall, empty.true) == (1.0, 0.0, 1)
