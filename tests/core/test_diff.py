"""The word diff: exact to the character on any input, readable on legal text."""

from __future__ import annotations

import random
import re
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafts.comparing import diff as diff_module
from drafts.comparing import units
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
    moves,
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
    """Between two equal runs (or ends of moves, which stand apart): at most one
    deletion, then at most one insertion."""
    ops = "".join("|" if s.move else {EQUAL: "=", DELETE: "-", INSERT: "+"}[s.op] for s in segments)
    for part in ops.split("|"):
        assert re.fullmatch(r"(=?(-?\+?))*", part), ops
        assert "==" not in part and "--" not in part, ops
        assert "++" not in part and "+-" not in part, ops


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


@settings(max_examples=300, deadline=None)
@given(words, words, st.sampled_from([DiffOptions(), DiffOptions(ignore_case=True)]))
def test_chunks_diffed_by_their_longest_common_subsequence_keep_every_word(
    old: str, new: str, opts: DiffOptions
) -> None:
    """Heavily changed chunks go to rapidfuzz, whose runs over chunks are put back
    among the spaces: forced here on every text, the diff still rebuilds both texts,
    never cuts a word, and keeps exactly the text it calls equal."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(diff_module, "HEAVY_MIN_CODES", 0)
        patch.setattr(diff_module, "HEAVY_CHANGE", 0.0)
        patch.setattr(diff_module, "LCS_LEVEL", 0)
        segments = diff_texts(old, new, opts)
    check_invariants(old, new, segments)
    check_canonical(segments)
    for s in segments:
        if s.op == EQUAL:
            assert s.old == s.new if not opts.ignore_case else s.old.casefold() == s.new.casefold()
    counts = count_words(segments)
    assert counts.kept + counts.deleted == word_count(old)
    assert counts.kept + counts.added == word_count(new)


def test_a_heavily_rewritten_long_text_keeps_what_a_reader_would() -> None:
    """Half the words of a long paragraph replaced: the diff is found by rapidfuzz
    (too slow for diff-match-patch) and keeps the words that were kept, in order."""
    rng = random.Random(23)
    old = " ".join(rng.choices(LONG_VOCABULARY[:-3], k=3000))
    kept_words = [w if rng.random() > 0.5 else f"new{k}" for k, w in enumerate(old.split(" "))]
    new = " ".join(kept_words)
    used = []
    lcs = diff_module._lcs_codes

    def spy(a: str, b: str) -> list[tuple[str, int]]:
        used.append(len(a) + len(b))
        return lcs(a, b)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(diff_module, "_lcs_codes", spy)
        segments = diff_texts(old, new)
    assert used
    check_invariants(old, new, segments)
    counts = count_words(segments)
    unchanged = sum(1 for w in kept_words if not w.startswith("new"))
    # Every kept word is found but those folded into a change around them (a lone
    # word between two replaced ones reads better replaced too).
    assert counts.kept <= unchanged
    assert counts.kept >= 0.3 * unchanged


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


def rewritten(rng: random.Random, words: list[str], share: float) -> list[str]:
    """`words` with `share` of them replaced, deleted or given a neighbour."""
    out: list[str] = []
    for word in words:
        roll = rng.random()
        if roll < share / 3:
            out.append(rng.choice(LONG_VOCABULARY))
        elif roll < 2 * share / 3:
            continue
        elif roll < share:
            out += [word, rng.choice(LONG_VOCABULARY)]
        else:
            out.append(word)
    return out


LONG_VOCABULARY = [f"w{n}" for n in range(300)] + [",", ";", "."]


def long_text(rng: random.Random, paragraphs: int, words: int, punctuated: bool) -> list[str]:
    vocabulary = LONG_VOCABULARY if punctuated else LONG_VOCABULARY[:-3]
    return [" ".join(rng.choices(vocabulary, k=words)) for _ in range(paragraphs)]


def test_long_rewritten_provisions_diff_back_to_both_texts_exactly() -> None:
    """Long provisions are diffed by structure (paragraphs, sentences, clauses, runs of
    words): whatever the cut, both texts come back to the character and no word is
    counted twice or lost."""
    rng = random.Random(11)
    cases = []
    for paragraphs, words, punctuated in ((80, 120, True), (1, 9000, True), (1, 9000, False)):
        old = long_text(rng, paragraphs, words, punctuated)
        for share in (0.05, 0.5, 1.0):
            new = [" ".join(rewritten(rng, p.split(" "), share)) for p in old]
            if paragraphs > 1:
                del new[3]
                new.insert(10, long_text(rng, 1, 50, punctuated)[0])
                new.insert(60, new.pop(20))  # a paragraph moved
            cases.append(("\n".join(old), "\n".join(new)))
    cases.append(
        ("\n".join(long_text(rng, 40, 200, True)), "\n".join(long_text(rng, 40, 200, True)))
    )
    for old, new in cases:
        segments = diff_texts(old, new)
        check_invariants(old, new, segments)
        check_canonical(segments)
        counts = count_words(segments)
        assert counts.kept + counts.deleted == word_count(old)
        assert counts.kept + counts.added == word_count(new)
        assert sum(len(s.old) for s in segments if s.op == DELETE) < len(old) or not counts.kept


def definitions(count: int) -> list[str]:
    """Definitions in words of their own, as real ones are, with the same opening."""
    rng = random.Random(5)
    lexicon = [f"x{n}" for n in range(2000)]
    return [
        f"‘{rng.choice(lexicon)}’ means {' '.join(rng.sample(lexicon, 12))};" for _ in range(count)
    ]


def test_a_definition_moved_from_point_14_to_point_22_is_a_move() -> None:
    """Definitions are reordered between drafts; the one that moved is reported moved
    (its two ends share a move number), not deleted in one place and added in another,
    and the others, renumbered, are kept."""
    texts = definitions(30)
    moved = texts.pop(13)
    texts.insert(21, moved)
    old = "\n".join(f"({n}) {t}" for n, t in enumerate(definitions(30), start=1))
    new = "\n".join(f"({n}) {t}" for n, t in enumerate(texts, start=1))
    segments = diff_texts(old, new)
    check_invariants(old, new, segments)
    check_canonical(segments)
    ((gone, came),) = moves(segments)
    assert gone.op == DELETE and gone.old == f"(14) {moved}\n"
    assert came.op == INSERT and came.new == f"(22) {moved}\n"
    assert gone.move == came.move == 1
    counts = count_words(segments)
    assert counts.kept + counts.deleted == word_count(old)
    assert counts.kept + counts.added == word_count(new)
    assert counts.similarity > 0.9


def test_short_paragraphs_and_changes_in_place_are_not_moves() -> None:
    old = "1. The Parties shall cooperate.\n(a) and\n(b) or\n2. Each State Party shall act."
    new = "1. The Parties shall cooperate closely.\n(b) or\n(a) and\n2. Each State Party may act."
    segments = diff_texts(old, new)
    check_invariants(old, new, segments)
    assert moves(segments) == []


def test_two_points_sharing_three_words_are_not_a_move() -> None:
    """One point deleted here, another added there, both "Offences against the …": too
    few words in common to say one moved."""
    a = "(1) Jurisdiction over offences committed on board a vessel flying its flag"
    b = "(2) Extradition shall be subject to the conditions provided for by domestic law"
    c = "(4) Mutual legal assistance in investigations and judicial proceedings"
    old = "\n".join([a, b, "(3) Offences against the sexual autonomy", c])
    new = "\n".join([a, "(2) Offences against the personal liberty", b.replace("(2)", "(3)"), c])
    segments = diff_texts(old, new)
    check_invariants(old, new, segments)
    assert moves(segments) == []


def test_shared_words_counted_by_matrices_give_the_same_diff(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Many paragraphs weighed against each other have their shared words counted all
    at once (numpy); the diff must be the same to the character as when each pair is
    counted on its own, or results would depend on a provision's length."""
    rng = random.Random(17)
    old = long_text(rng, 60, 80, True)
    new = [
        " ".join(rewritten(rng, p.split(" "), share))
        for p, share in zip(old, [0.1, 0.7] * 30, strict=True)
    ]
    new.insert(45, new.pop(4))  # a paragraph moved
    del new[20]
    a, b = "\n".join(old), "\n".join(new)
    monkeypatch.setattr(units, "MATRIX_UNITS", 10**9)
    one_by_one = diff_texts(a, b)
    monkeypatch.setattr(units, "MATRIX_UNITS", 1)
    filled = []
    count_shared = units._Words.count_shared

    def spy(self: units._Words, olds: list[int], news: list[int]) -> None:
        count_shared(self, olds, news)
        filled.append(len(self.counted))

    monkeypatch.setattr(units._Words, "count_shared", spy)
    assert diff_texts(a, b) == one_by_one
    assert max(filled) >= 50, "the matrices were used"
    assert moves(one_by_one)


def test_an_unchanged_paragraph_between_two_changes_stays_unchanged() -> None:
    """A short paragraph kept as it was, between two rewritten ones, is a landmark:
    folded into the changes around it, it would read as deleted and inserted again."""
    old = "Each Party may ask.\nNo reservation.\nRequests go through the ministry."
    new = "Every State shall answer.\nNo reservation.\nAnswers come from the authority."
    segments = diff_texts(old, new)
    kept = [s for s in segments if s.op == EQUAL and "No reservation." in s.old]
    assert kept and "\n" in kept[0].old
    assert "".join(s.old for s in segments if s.op != INSERT) == old
    assert "".join(s.new for s in segments if s.op != DELETE) == new
