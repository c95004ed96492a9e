"""Word-level diff of two texts, exact to the character.

A diff is a sequence of `Segment`s. Two invariants hold for every diff, whatever the
options, and are property-tested: the `old` sides of the equal and deleted segments
concatenate to exactly the old text, and the `new` sides of the equal and inserted
segments to exactly the new text. A diff that loses a character is a bug, never a
rounding.

How: first by structure (`units.py`): paragraphs are aligned, identical ones kept,
changed ones paired by their words, moved ones found. The text between moves is diffed
word by word in one piece when short (about a thousand words: the diff a reader would
expect), else paragraph pair by paragraph pair, a very long paragraph being cut into
sentences, then clauses, the same way; so the time of a diff is bounded however long
or rewritten the provision. Word by word, texts are cut into tokens (words, single
punctuation marks, runs of whitespace), each distinct token is mapped to one
character, and diff-match-patch (its C++ build, `fast_diff_match_patch`) diffs the two
strings of token-characters with no time limit, so nothing is silently degraded into
"delete all, insert all". This is done in two passes, as git's word diff does: first
on space-separated chunks, which is cheap, then token by token inside each changed
region only.

A paragraph that moved is a deletion and an insertion carrying the same `move`
number, so a reader (and the Word export) can show it as moved rather than rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, groupby, islice
from typing import NamedTuple

import fast_diff_match_patch

from drafts.comparing import units

EQUAL, DELETE, INSERT = "equal", "delete", "insert"

TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
"""A word (letters, digits, underscore, combining marks), a run of whitespace, or one
other character: punctuation and symbols are tokens of their own, so "rights," and
"rights;" differ by one token, not by the whole word."""

WORD = re.compile(r"\w+")

_OPS = {"=": EQUAL, "-": DELETE, "+": INSERT}


@dataclass(frozen=True)
class DiffOptions:
    """What a reader may ask to be treated as no change."""

    ignore_case: bool = False
    ignore_whitespace: bool = False
    """Whitespace is not compared at all: reflowed text, doubled spaces and line breaks
    are no change (as `git diff -w`)."""
    ignore_punctuation: bool = False
    """Punctuation and symbols are not compared: "rights," and "rights;" are equal."""

    def key(self) -> str:
        """A short stable name of these options, for caches and reports."""
        flags = [
            name
            for name, on in (
                ("case", self.ignore_case),
                ("space", self.ignore_whitespace),
                ("punct", self.ignore_punctuation),
            )
            if on
        ]
        return "ignore-" + "-".join(flags) if flags else "exact"


EXACT = DiffOptions()


class Segment(NamedTuple):
    """One run of a diff. An equal segment carries both texts, since with options that
    ignore case, whitespace or punctuation they can differ; a deletion has `new == ""`
    and an insertion `old == ""`. A named tuple: a long rewritten provision is
    thousands of segments, made at a third of a frozen dataclass's cost."""

    op: str
    old: str
    new: str
    move: int = 0
    """For the two ends of a moved paragraph (a deletion where it was, an insertion
    where it went): the move's number in this diff, from 1; 0 for everything else."""


@dataclass(frozen=True)
class WordCounts:
    """Words kept, deleted and inserted by a diff: what a reader calls its size."""

    kept: int
    deleted: int
    added: int

    @property
    def similarity(self) -> float:
        """The share of words kept: 2 x kept / (old words + new words); 1.0 for two
        empty texts."""
        total = 2 * self.kept + self.deleted + self.added
        return 1.0 if total == 0 else 2 * self.kept / total

    def __add__(self, other: WordCounts) -> WordCounts:
        return WordCounts(
            self.kept + other.kept, self.deleted + other.deleted, self.added + other.added
        )


def diff_texts(old: str, new: str, options: DiffOptions = EXACT) -> tuple[Segment, ...]:
    """The word diff of `old` against `new`."""
    if old == new:
        return (Segment(EQUAL, old, new),) if old else ()
    if options.ignore_whitespace or options.ignore_punctuation:
        # Paragraphs and chunks cut at spaces would anchor on exactly the differences
        # these options ignore, so the whole text is compared token by token.
        runs = _refine(old, new, options)
    elif not old or not new:
        return (Segment(DELETE, old, ""),) if old else (Segment(INSERT, "", new),)
    else:
        runs = _structured(old, new, options, 0)
    return tuple(_segments(_without_chaff(_blocks(runs))))


def _structured(
    old: str, new: str, options: DiffOptions, level: int, split: bool = False
) -> list[_Run]:
    """The runs of a diff made by structure (see `units.py`).

    Units are aligned at `level`. The text between moved units is diffed word by word
    in one piece when it is short (as it would be with no units: a reader sees the
    same diff of a short provision), and unit pair by unit pair when it is long, each
    pair at the next level (`units.in_one_piece` decides); so no word diff is both
    long and deeply changed, and a moved paragraph is reported as moved. `split`: the
    two texts are already known not to be diffed in one piece (asking again would
    weigh the same words again, at every level a long paragraph goes down).
    """
    if level > len(units.LEVELS) or (level == len(units.LEVELS) and _one_lcs(old, new)):
        return _words(old, new, options, level)
    old_units, new_units = units.cut(old, level), units.cut(new, level)
    if len(old_units) <= 1 and len(new_units) <= 1:
        if not split and units.in_one_piece(old, new):
            return _words(old, new, options, level)
        return _structured(old, new, options, level + 1, split=True)
    keys = [_unit_keys(old_units, options), _unit_keys(new_units, options)]
    runs: list[_Run] = []
    stretch: list[units.Step] = []
    for step in units.align_units(old_units, new_units, keys):
        if not step.move:
            stretch.append(step)
            continue
        runs += _stretch(stretch, old_units, new_units, options, level, split=False)
        stretch = []
        if step.kind == units.OLD:
            runs.append((DELETE, old_units[step.old], "", step.move))
        else:
            runs.append((INSERT, "", new_units[step.new], step.move))
    return runs + _stretch(stretch, old_units, new_units, options, level, split and not runs)


def _stretch(
    steps: list[units.Step],
    old_units: list[str],
    new_units: list[str],
    options: DiffOptions,
    level: int,
    split: bool,
) -> list[_Run]:
    """The runs of consecutive steps with no move among them: one word diff if short,
    else step by step. `split`: these steps are the whole of two texts already known
    not to be diffed in one piece."""
    old = "".join(old_units[s.old] for s in steps if s.old >= 0)
    new = "".join(new_units[s.new] for s in steps if s.new >= 0)
    if old == new:
        return [(EQUAL, old, new, 0)]
    if not split and units.in_one_piece(old, new):
        return _words(old, new, options, level)
    runs: list[_Run] = []
    alone = len(steps) == 1  # one pair: its texts are the stretch's, known split
    for step in steps:
        if step.kind == units.SAME:
            runs.append((EQUAL, old_units[step.old], new_units[step.new], 0))
        elif step.kind == units.PAIR:
            a, b = old_units[step.old], new_units[step.new]
            runs += _structured(a, b, options, level + 1, split=alone)
        elif step.kind == units.OLD:
            runs.append((DELETE, old_units[step.old], "", 0))
        else:
            runs.append((INSERT, "", new_units[step.new], 0))
    return runs


def _unit_keys(pieces: list[str], options: DiffOptions) -> list[str]:
    return [piece.casefold() for piece in pieces] if options.ignore_case else pieces


def _words(old: str, new: str, options: DiffOptions, level: int = 0) -> list[_Run]:
    """Runs of the word diff of two texts: chunks first, then tokens in changed regions."""
    runs: list[_Run] = []
    for region in _coarse_regions(old, new, options, level >= LCS_LEVEL):
        if region[0] == EQUAL or _one_word_each(region[1], region[2], options):
            runs.append(region)
        else:
            runs.extend(_refine(region[1], region[2], options))
    return runs


def _one_word_each(old: str, new: str, options: DiffOptions) -> bool:
    """Whether a changed region is one whole word replaced by another (or inserted, or
    deleted): nothing inside it to refine. Most regions of a rewritten text are."""
    if not (old.isalnum() or not old) or not (new.isalnum() or not new):
        return False
    return not options.ignore_case or old.casefold() != new.casefold()


def old_text(segments: Sequence[Segment]) -> str:
    return "".join(s.old for s in segments if s.op != INSERT)


def new_text(segments: Sequence[Segment]) -> str:
    return "".join(s.new for s in segments if s.op != DELETE)


def word_count(text: str) -> int:
    """How many words: one more piece than matches when split at them (a word is never
    empty), which spares making the list of words (a quarter faster)."""
    return len(WORD.split(text)) - 1


def count_words(segments: Sequence[Segment]) -> WordCounts:
    """Words kept, deleted and added; a kept word is counted on the old side. A moved
    paragraph's words are kept, as many as both its ends have; the rest of the longer
    end is deleted or added."""
    kept = deleted = added = 0
    moved_from: dict[int, int] = {}
    moved_to: dict[int, int] = {}
    for s in segments:
        if s.move:
            if s.op == DELETE:
                moved_from[s.move] = word_count(s.old)
            else:
                moved_to[s.move] = word_count(s.new)
        elif s.op == EQUAL:
            kept += word_count(s.old)
        elif s.op == DELETE:
            deleted += word_count(s.old)
        else:
            added += word_count(s.new)
    for move, before in moved_from.items():
        after = moved_to.get(move, 0)
        kept += min(before, after)
        deleted += before - min(before, after)
        added += after - min(before, after)
    for move, after in moved_to.items():
        if move not in moved_from:
            added += after
    return WordCounts(kept, deleted, added)


def moves(segments: Sequence[Segment]) -> list[tuple[Segment, Segment]]:
    """The moved paragraphs of a diff: (where it was, where it went), by move number."""
    ends: dict[int, dict[str, Segment]] = {}
    for s in segments:
        if s.move:
            ends.setdefault(s.move, {})[s.op] = s
    return [
        (pair[DELETE], pair[INSERT])
        for _, pair in sorted(ends.items())
        if DELETE in pair and INSERT in pair
    ]


def is_unchanged(segments: Sequence[Segment]) -> bool:
    return all(s.op == EQUAL for s in segments)


def change_blocks(segments: Sequence[Segment]) -> list[list[Segment]]:
    """The changes of one diff, in order: each maximal run of deletions and insertions,
    bounded by equal segments or the ends.

    A reader moves through a diff change by change, not segment by segment: a replaced
    phrase is one deletion and one insertion but one change. Counting and numbering
    changes this way, in one place, keeps every view of the same diff in agreement.
    """
    return [list(run) for is_equal, run in groupby(segments, _is_equal) if not is_equal]


def _is_equal(segment: Segment) -> bool:
    return segment.op == EQUAL


_Run = tuple[str, str, str, int]
"""(op, old text, new text, move): a segment under construction."""

_code_points = ""


def code_map(*sequences: Iterable[str]) -> dict[str, str]:
    """Each distinct token (or chunk) -> one character, from U+0100 up.

    Characters below U+0100 are left for separators, and the surrogates are skipped:
    Python strings can hold them, the C++ library cannot. The order of first
    appearance decides the codes, so a diff is the same on every run.
    """
    global _code_points
    distinct = dict.fromkeys(chain.from_iterable(sequences))
    if len(distinct) > len(_code_points):
        wanted = len(distinct) + 4096
        _code_points = "".join(
            chr(cp) for cp in islice(chain(range(0x100, 0xD800), range(0xE000, 0x110000)), wanted)
        )
    return dict(zip(distinct, _code_points, strict=False))


def _diff_codes(a: str, b: str) -> list[tuple[str, int]]:
    """diff-match-patch on two code strings: (op, length) runs, never cut short.

    Its own clean-up is off (it would weigh a one-letter token as much as a long
    word; `_without_chaff` does that job afterwards on the real text), and so is its
    line-by-line speed-up, a heuristic that can give a longer diff.
    """
    return fast_diff_match_patch.diff(
        a, b, timelimit=0, checklines=False, cleanup="No", counts_only=True
    )


LCS_WHOLE = 4_000_000
"""A text with no sentence or clause left to cut at is diffed in one piece when its
chunks, old times new, are at most this many (about 2,000 words each): rapidfuzz's
bit-parallel LCS takes a few milliseconds there, and its diff of the whole is at
least as good as one made run of words by run of words. Longer, it is cut into runs
of `units.CHUNK_WORDS` words."""


def _one_lcs(old: str, new: str) -> bool:
    return (old.count(" ") + 1) * (new.count(" ") + 1) <= LCS_WHOLE


LCS_LEVEL = 1
"""Pieces of a text cut at this level or deeper (too long and too changed to diff in
one piece) may be diffed by rapidfuzz; a text diffed whole never is."""

HEAVY_CHANGE = 0.15
HEAVY_MIN_CODES = 200
"""Chunks of two texts, at least `HEAVY_MIN_CODES` together, with at least
`HEAVY_CHANGE` of them of a kind found in one text only, are diffed by rapidfuzz
rather than diff-match-patch (see `_coarse_regions`)."""


def _heavily_changed(a: str, b: str) -> bool:
    """Whether at least `HEAVY_CHANGE` of the codes of a and b are codes found in one
    of them only (each must be deleted or inserted at least once: fewer than a diff
    will find; counted in C, so cheap next to the diff)."""
    return len(set(a).symmetric_difference(b)) >= HEAVY_CHANGE * (len(a) + len(b))


def _lcs_codes(a: str, b: str) -> list[tuple[str, int]]:
    """rapidfuzz's longest common subsequence (Indel) as (op, length) runs."""
    from rapidfuzz.distance import Indel

    runs: list[tuple[str, int]] = []
    for op in Indel.opcodes(a, b):
        removed, added = op.src_end - op.src_start, op.dest_end - op.dest_start
        if op.tag == "equal":
            runs.append(("=", removed))
            continue
        if removed:
            runs.append(("-", removed))
        if added:
            runs.append(("+", added))
    return runs


def _coarse_regions(old: str, new: str, options: DiffOptions, long: bool = False) -> Iterator[_Run]:
    """First pass: diff the space-separated chunks, yielding (EQUAL, old, new) for runs of
    identical chunks and (DELETE, old, new) for each changed region between them.

    Splitting on " " is done in C and most text is unchanged, so this pass finds the
    changed regions at a fraction of the cost of tokenizing everything.

    diff-match-patch diffs the chunks and the spaces between them: its diffs read best
    (of two equally short diffs, it keeps the one a reader expects). Its time grows
    with the length times the number of edits, though: a rewritten 100-word run of a
    long provision took 1.4 ms. So when the chunks changed heavily (`HEAVY_CHANGE`,
    counted from their two bags, a lower bound of the edits), rapidfuzz's bit-parallel
    longest common subsequence diffs the chunks alone, in time that grows with the
    product of the lengths over 64 whatever changed (3 µs there); as short a diff.
    Only for pieces of `long` texts (cut by structure, `LCS_LEVEL`): a provision
    diffed in one piece is never slow, and keeps diff-match-patch's choices.
    """
    old_chunks, new_chunks = old.split(" "), new.split(" ")
    old_keys, new_keys = _chunk_keys(old_chunks, options), _chunk_keys(new_chunks, options)
    code = code_map(old_keys, new_keys).__getitem__
    a, b = "".join(map(code, old_keys)), "".join(map(code, new_keys))
    if long and len(a) + len(b) >= HEAVY_MIN_CODES and _heavily_changed(a, b):
        # Backwards, so that of two equally long diffs the one matching a repeated
        # word at its later place is kept, as diff-match-patch does ("judicial or
        # other" kept whole, not its "or" matched to an earlier one).
        ops = _with_spaces(_lcs_codes(a[::-1], b[::-1])[::-1], len(a), len(b))
    else:
        ops = _diff_codes(" ".join(a), " ".join(b))
    old_at, new_at = _offsets(old_chunks).__getitem__, _offsets(new_chunks).__getitem__
    i = j = 0
    start_i = start_j = 0
    for op, length in ops:
        if op == "=":
            if (start_i, start_j) != (i, j):
                yield DELETE, old[old_at(start_i) : old_at(i)], new[new_at(start_j) : new_at(j)], 0
            yield EQUAL, old[old_at(i) : old_at(i + length)], new[new_at(j) : new_at(j + length)], 0
            i, j = i + length, j + length
            start_i, start_j = i, j
        elif op == "-":
            i += length
        else:
            j += length
    if (start_i, start_j) != (i, j):
        yield DELETE, old[old_at(start_i) :], new[new_at(start_j) :], 0


def _with_spaces(runs: list[tuple[str, int]], n: int, m: int) -> list[tuple[str, int]]:
    """Runs over chunks alone (n old, m new) as runs over chunks and the spaces between
    them, as `_coarse_regions` reads them: k equal chunks are 2k - 1 equal codes, with
    the space before and after them where both texts have it and no other run took
    it (as diff-match-patch keeps them: a change then reads as whole words)."""
    out: list[tuple[str, int]] = []
    i = j = 0  # chunks passed
    at_i = at_j = 0  # codes passed, spaces included
    for op, length in runs:
        if op == "-":
            i += length
        elif op == "+":
            j += length
        else:
            lead = int(i > 0 and j > 0 and 2 * i - 1 >= at_i and 2 * j - 1 >= at_j)
            if 2 * i - lead > at_i:
                out.append(("-", 2 * i - lead - at_i))
            if 2 * j - lead > at_j:
                out.append(("+", 2 * j - lead - at_j))
            i, j = i + length, j + length
            trail = int(i < n and j < m)
            out.append(("=", 2 * length - 1 + lead + trail))
            at_i, at_j = 2 * i - 1 + trail, 2 * j - 1 + trail
    if 2 * n - 1 > at_i:
        out.append(("-", 2 * n - 1 - at_i))
    if 2 * m - 1 > at_j:
        out.append(("+", 2 * m - 1 - at_j))
    return out


def _chunk_keys(chunks: list[str], options: DiffOptions) -> list[str]:
    if options.ignore_case:
        return [chunk.casefold() for chunk in chunks]
    return chunks


def _offsets(chunks: list[str]) -> list[int]:
    """Character offset in the text of the k-th code of its chunk string, where codes
    alternate chunk, space, chunk, space…; the last entry is the text's length."""
    lengths = [1] * (2 * len(chunks) - 1)
    lengths[::2] = map(len, chunks)
    return list(accumulate(lengths, initial=0))


def _refine(old: str, new: str, options: DiffOptions) -> list[_Run]:
    """Second pass: diff one changed region token by token.

    Tokens the options ignore are left out of the comparison and ride along with the
    compared token before them (or the first one, at the start), so each run is a
    contiguous slice of both token lists and the invariants hold by construction.
    """
    old_side, new_side = _Side(old, options), _Side(new, options)
    if (not old_side.kept and not new_side.kept) or old_side.keys == new_side.keys:
        return [(EQUAL, old, new, 0)]  # nothing compared differs (", " and "; " ignoring
        # punctuation: only their spaces are compared, and those are alike)
    if old_side.kept and new_side.kept and _nothing_shared(old_side.keys, new_side.keys):
        # Only spaces could match, and a lone space between two changes is folded
        # into them anyway: one replacement, without the cost of diffing.
        return [(DELETE, old, new, 0)]
    runs: list[_Run] = []
    if not old_side.kept and old:
        runs.append((EQUAL, old, "", 0))
    if not new_side.kept and new:
        runs.append((EQUAL, "", new, 0))
    code = code_map(old_side.keys, new_side.keys).__getitem__
    a, b = "".join(map(code, old_side.keys)), "".join(map(code, new_side.keys))
    i = j = 0
    for op, length in _diff_codes(a, b):
        ni = i if op == "+" else i + length
        nj = j if op == "-" else j + length
        runs.append((_OPS[op], old_side.text(i, ni), new_side.text(j, nj), 0))
        i, j = ni, nj
    return runs


def _nothing_shared(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two token lists have no token in common but whitespace."""
    return all(token.isspace() for token in set(a).intersection(b))


class _Side:
    """One side of a changed region: its tokens, and which of them are compared."""

    def __init__(self, text: str, options: DiffOptions) -> None:
        self.tokens = TOKEN.findall(text)
        self.kept: Sequence[int] = (
            [k for k, token in enumerate(self.tokens) if not _ignored(token, options)]
            if options.ignore_whitespace or options.ignore_punctuation
            else range(len(self.tokens))
        )
        compared = (
            [self.tokens[k] for k in self.kept]
            if len(self.kept) < len(self.tokens)
            else self.tokens
        )
        self.keys = [t.casefold() for t in compared] if options.ignore_case else compared
        """What is compared of each kept token."""

    def text(self, start: int, stop: int) -> str:
        """The text of compared tokens start..stop, with the ignored tokens that follow
        them (and, from the first, those that precede it)."""
        if start == stop:
            return ""
        return "".join(self.tokens[self._bound(start) : self._bound(stop)])

    def _bound(self, k: int) -> int:
        if k == 0:
            return 0
        return self.kept[k] if k < len(self.kept) else len(self.tokens)


def _ignored(token: str, options: DiffOptions) -> bool:
    if token.isspace():
        return options.ignore_whitespace
    if options.ignore_punctuation:
        return WORD.fullmatch(token) is None
    return False


_Block = tuple[bool, str, str, int]
"""(is_equal, old text, new text, move): an equal run, or a change with its deleted
and inserted text (either may be empty), or one end of a move."""


def _blocks(runs: Iterable[_Run]) -> list[_Block]:
    """Runs in canonical form: equal runs and changes alternate, none empty; the ends
    of moves stand apart, never merged with what is around them."""
    blocks: list[_Block] = []
    for op, old, new, move in runs:
        if not old and not new:
            continue
        equal = op == EQUAL
        if blocks and blocks[-1][0] == equal and not move and not blocks[-1][3]:
            _, last_old, last_new, _ = blocks[-1]
            blocks[-1] = (equal, last_old + old, last_new + new, 0)
        else:
            blocks.append((equal, old, new, move))
    return blocks


def _without_chaff(blocks: list[_Block]) -> list[_Block]:
    """Semantic clean-up, as diff-match-patch's, measured in characters of real text.

    A short equality between two changes ("shall adopt" -> "may establish" matching
    only on the space) makes a diff harder to read, not more exact: an equality no
    longer than the larger side of the change on each side of it is folded into them.
    Folding makes a change longer, which may fold the equality before it too, so the
    changes are kept on a stack and each new one is folded back as far as it goes.
    The ends of moves are never folded, nor an equality holding a paragraph break:
    the paragraphs around it are the reader's landmarks, and folded in they would read
    as deleted and inserted again whole.
    """
    out: list[_Block] = []
    for block in blocks:
        if not block[0] and not block[3]:
            while (
                len(out) >= 2
                and out[-1][0]
                and not out[-2][3]
                and _is_chaff(out[-1], out[-2], block)
            ):
                _, eq_old, eq_new, _ = out.pop()
                _, left_old, left_new, _ = out.pop()
                block = (False, left_old + eq_old + block[1], left_new + eq_new + block[2], 0)
        out.append(block)
    return out


def _is_chaff(equal: _Block, left: _Block, right: _Block) -> bool:
    if "\n" in equal[1] or "\n" in equal[2]:
        return False
    size = max(len(equal[1]), len(equal[2]))
    return size <= max(len(left[1]), len(left[2])) and size <= max(len(right[1]), len(right[2]))


def _segments(blocks: list[_Block]) -> Iterator[Segment]:
    for equal, old, new, move in blocks:
        if equal:
            yield Segment(EQUAL, old, new)
            continue
        if old:
            yield Segment(DELETE, old, "", move)
        if new:
            yield Segment(INSERT, "", new, move)
