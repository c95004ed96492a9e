"""The word diff: exact to the character on any input, readable on legal text."""

from __future__ import annotations

import random
import re
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from drafts.comparing.diff import (
    DELETE,
    EQUAL,
    EXACT,
    INSERT,
    DiffOptions,
    Segment,
    change_blocks,
    count_words,
    diff_texts,
    new_text,
    old_text,
    word_count,
)
from drafts.demo import demo_files
from drafts.reading.akoma import read_draft

ALL_OPTIONS = [
    DiffOptions(case, space, punct)
    for case in (False, True)
    for space in (False, True)
    for punct in (False, True)
]

LEGAL_WORDS = (
    "Each State Party shall adopt such legislative and other measures as may be necessary "
    "to establish as criminal offences , ; . ( a ) [ ] « » — “ ” 1. 2. données personnelles "
    "de la protection droits humains حقوق الإنسان 人权 保障 naïve café\n"
).split(" ")

words = st.lists(st.sampled_from([*LEGAL_WORDS, " ", "  ", "\n", "\t"]), max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=80), words)
options = st.sampled_from(ALL_OPTIONS)


def check_invariants(old: str, new: str, segments: tuple[Segment, ...]) -> None:
    assert old_text(segments) == old
    assert new_text(segments) == new
    for s in segments:
        assert s.op in (EQUAL, DELETE, INSERT)
        assert s.old or s.new, "no empty runs"
        if s.op == DELETE:
            assert s.new == ""
        if s.op == INSERT:
            assert s.old == ""


def check_canonical(segments: tuple[Segment, ...]) -> None:
    """Between two equal runs: at most one deletion, then at most one insertion."""
    ops = "".join({EQUAL: "=", DELETE: "-", INSERT: "+"}[s.op] for s in segments)
    assert re.fullmatch(r"(=?(-?\+?))*", ops) and "==" not in ops and "--" not in ops, ops
    assert "++" not in ops and "+-" not in ops, ops


@settings(max_examples=400, deadline=None)
@given(any_text, any_text, options)
def test_the_two_texts_are_rebuilt_exactly_from_any_diff(old: str, new: str, opts) -> None:
    segments = diff_texts(old, new, opts)
    check_invariants(old, new, segments)
    check_canonical(segments)


@settings(max_examples=300, deadline=None)
@given(words, words)
def test_an_exact_diff_never_cuts_a_word_and_its_counts_add_up(old: str, new: str) -> None:
    segments = diff_texts(old, new)
    for s in segments:
        if s.op == EQUAL:
            assert s.old == s.new
    counts = count_words(segments)
    assert counts.kept + counts.deleted == word_count(old)
    assert counts.kept + counts.added == word_count(new)


@settings(max_examples=200, deadline=None)
@given(words, options)
def test_a_text_against_itself_has_no_change(text: str, opts) -> None:
    segments = diff_texts(text, text, opts)
    assert all(s.op == EQUAL for s in segments)
    assert count_words(segments).similarity == 1.0


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcXYZ ,.;\n", max_size=60))
def test_ignore_case_sees_no_change_in_case(text: str) -> None:
    segments = diff_texts(text, text.swapcase(), DiffOptions(ignore_case=True))
    assert [s.op for s in segments] == ([EQUAL] if text else [])
    assert diff_texts(text, text.swapcase()) == diff_texts(text, text.swapcase(), EXACT)


@settings(max_examples=200, deadline=None)
@given(words)
def test_ignore_whitespace_sees_no_change_in_reflowed_text(text: str) -> None:
    reflowed = re.sub(r"\s+", lambda m: "\n" if len(m.group()) == 1 else " ", text)
    segments = diff_texts(text, reflowed, DiffOptions(ignore_whitespace=True))
    assert all(s.op == EQUAL for s in segments)


@settings(max_examples=200, deadline=None)
@given(words)
def test_ignore_punctuation_sees_no_change_in_punctuation(text: str) -> None:
    repunctuated = text.replace(",", ";").replace(".", ",").replace("«", "“")
    segments = diff_texts(text, repunctuated, DiffOptions(ignore_punctuation=True))
    assert all(s.op == EQUAL for s in segments)


def test_changed_words_are_marked_and_unchanged_words_kept() -> None:
    old = "Each State Party shall adopt, as appropriate, measures."
    new = "Each State Party may adopt, where appropriate, such measures;"
    segments = diff_texts(old, new)
    assert [(s.op, s.old or s.new) for s in segments] == [
        (EQUAL, "Each State Party "),
        (DELETE, "shall"),
        (INSERT, "may"),
        (EQUAL, " adopt, "),
        (DELETE, "as"),
        (INSERT, "where"),
        (EQUAL, " appropriate, "),
        (INSERT, "such "),
        (EQUAL, "measures"),
        (DELETE, "."),
        (INSERT, ";"),
    ]
    counts = count_words(segments)
    assert (counts.kept, counts.deleted, counts.added) == (6, 2, 3)
    assert round(counts.similarity, 3) == round(12 / 17, 3)


def test_a_lone_space_between_two_changes_is_folded_into_them() -> None:
    segments = diff_texts("they shall adopt measures", "they may establish measures")
    assert [(s.op, s.old or s.new) for s in segments] == [
        (EQUAL, "they "),
        (DELETE, "shall adopt"),
        (INSERT, "may establish"),
        (EQUAL, " measures"),
    ]


def test_a_punctuation_change_is_one_token_not_the_whole_word() -> None:
    segments = diff_texts("human rights, and", "human rights; and")
    assert [(s.op, s.old or s.new) for s in segments] == [
        (EQUAL, "human rights"),
        (DELETE, ","),
        (INSERT, ";"),
        (EQUAL, " and"),
    ]


def test_ignored_differences_stay_visible_on_each_side() -> None:
    """Ignoring is about what counts as a change; neither text is rewritten."""
    segments = diff_texts(
        "The rights, of all", "the rights; of  all", DiffOptions(True, True, True)
    )
    assert segments == (Segment(EQUAL, "The rights, of all", "the rights; of  all"),)


def test_a_long_provision_is_never_degraded_by_a_time_out() -> None:
    """diff-match-patch's default one-second limit turns a long diff into "delete all,
    insert all" without a word; 40,000 words with two changes must show two changes."""
    rng = random.Random(7)
    vocabulary = [f"w{n}" for n in range(5000)]
    old_words = [rng.choice(vocabulary) for _ in range(40_000)]
    new_words = list(old_words)
    new_words[100] = "inserted"
    new_words[39_000] = "replaced"
    old, new = " ".join(old_words), " ".join(new_words)
    counts = count_words(diff_texts(old, new))
    assert (counts.deleted, counts.added) == (2, 2)
    assert counts.kept == 39_998


def test_every_demo_revision_diffs_back_to_both_texts() -> None:
    drafts = [read_draft(path) for path in demo_files()]
    for before, after in pairwise(drafts):
        new_by_num = {p.num: p for p in after.provisions}
        for old in before.provisions:
            new = new_by_num.get(old.num)
            if new is None:
                continue
            for opts in ALL_OPTIONS:
                segments = diff_texts(old.text, new.text, opts)
                check_invariants(old.text, new.text, segments)
                check_canonical(segments)


def test_change_blocks_are_the_runs_between_equal_text_ends_included() -> None:
    segments = diff_texts(
        "The Parties shall adopt measures.", "States Parties shall adopt such measures"
    )
    blocks = [[(s.op, s.old or s.new) for s in block] for block in change_blocks(segments)]
    assert blocks == [
        [(DELETE, "The"), (INSERT, "States")],
        [(INSERT, "such ")],
        [(DELETE, ".")],
    ]
    assert change_blocks(diff_texts("no change", "no change")) == []
