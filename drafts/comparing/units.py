"""Which paragraph (or sentence) of one text became which of another: the first pass of
a word diff, and where moves inside a provision are found.

Diffing two long provisions word by word costs time that grows with the square of
what changed, and reports a definition moved from point (14) to point (22) as a block
deleted and a block inserted. So a text is first cut into units (paragraphs; inside a
very long paragraph, sentences, then clauses, then runs of words), and units are
aligned before any word is compared:

1. Identical units that keep their order are equal (diff-match-patch on one code per
   distinct unit, cheap whatever the length).
2. Between two runs of equal units, the changed units are paired by their words (Dice
   coefficient of their distinct words), keeping their order: the heaviest chain of
   pairs at least `PAIR_SIMILARITY` alike, looked for near the diagonal
   (`BAND`). Each pair is then diffed on its own, so every word diff stays small.
3. A unit left unpaired on one side that has a close match (`MOVE_SIMILARITY`)
   unpaired on the other side, out of order, moved: the two ends of a move carry one
   number.

Every unit is in exactly one step, and the steps run in both texts' order, so the
diff made from them rebuilds both texts exactly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, pairwise

import fast_diff_match_patch

from drafts.comparing.arrays import numpy

LEVELS = (
    re.compile(r"\n"),
    re.compile(r"[.;:!?][\"'’”»)\]]*\s+"),
    re.compile(r"[,–—]\s+"),
)
"""Where a text is cut, coarsest first: after each line break; after the end of a
sentence (with its closing quote or bracket) and the spaces after it; after a comma
or dash and its spaces. Below the last level, runs of `CHUNK_WORDS` words."""

CHUNK_WORDS = 100
"""Length of the runs of words a text with no other place to cut is cut into."""

SPLIT_CHARS = 2500
"""Two texts shorter than this together (about 400 words) are diffed word by word in
one piece, however different."""

ALIKE_CHARS = 200_000
ALIKE = 0.8
"""Longer texts are diffed word by word in one piece too when they are mostly the same
(at least `ALIKE` of their distinct pairs of consecutive space-separated chunks
shared: pairs, not words, since a text rewritten in the same vocabulary shares its
words but not their order) and shorter than `ALIKE_CHARS` together:
diff-match-patch's time grows with the length times the size of the change, so a
long text lightly edited is fast in one piece (and cutting it would cost more than it
saves). Heavily rewritten long texts are cut at the next level, so no word diff is
both long and deeply changed."""


def in_one_piece(old: str, new: str) -> bool:
    """Whether two texts are best diffed word by word as they are (see `ALIKE`)."""
    size = len(old) + len(new)
    if size <= SPLIT_CHARS:
        return True
    if size > ALIKE_CHARS:
        return False
    a, b = _chunk_pairs(old), _chunk_pairs(new)
    return 2 * len(a & b) >= ALIKE * (len(a) + len(b))


def _chunk_pairs(text: str) -> set[tuple[str, str]]:
    chunks = text.split()
    return set(pairwise(chunks))


PAIR_SIMILARITY = 0.4
"""Least share of words two changed units must have in common to be one unit edited;
below, one is deleted and the other inserted, which reads better than a word diff of
two unrelated paragraphs."""

DIAGONAL_SIMILARITY = 0.8
"""When as many units changed on each side and each is at least this alike to the one
in its place, they are paired in place without weighing the others: the usual case,
every paragraph lightly edited, costs one comparison per paragraph."""

MOVE_SIMILARITY = 0.6
"""Least share of common words for an unpaired unit to be the same unit, moved."""

MOVE_MIN_WORDS = 4
"""A unit of fewer words ("(a)", "and") is never reported moved, nor two units with
fewer words in common: "8. Offences against sexual self-determination" did not move to
"6. Offences against personal liberty" (German criminal code, 2012 -> 2018)."""

BAND = 25
"""How far from the diagonal of a changed region (in units) pairs are looked for."""

MOVE_CANDIDATES = 20_000
"""Most pairs of unpaired units weighed for moves; beyond, only units identical but
for their number are (a rewritten annex of hundreds of points)."""

MATRIX_UNITS = 64
MATRIX_UNITS_MAX = 4_000_000
"""From this many pairs of units to weigh, their shared words are counted all at once
with numpy (`_Words.count_shared`); above the second bound, the matrices would be too
large, and pairs are weighed one by one."""

SAME, PAIR, OLD, NEW = "same", "pair", "old", "new"

_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"(\s+)")
_LEADING_NUMBER = re.compile(r"\s*(\(?\w{1,6}[.)]|\[\w{1,6}\]|\w{1,3}\))\s+")


@dataclass(frozen=True)
class Step:
    """One unit of the old text, of the new, or one of each: `same` (equal), `pair`
    (the same unit, edited), `old` (deleted), `new` (inserted). The two ends of a
    move are an `old` and a `new` step with the same `move` number (from 1)."""

    kind: str
    old: int = -1
    new: int = -1
    move: int = 0


def cut(text: str, level: int) -> list[str]:
    """The units of `text` at `level` (index into `LEVELS`, or past it: runs of
    words), each with the separator after it, so they join back to `text`."""
    if level >= len(LEVELS):
        # Words and the spaces after them alternate: a run is 2 x CHUNK_WORDS parts.
        parts = _SPACES.split(text)
        step = 2 * CHUNK_WORDS
        return [u for k in range(0, len(parts), step) if (u := "".join(parts[k : k + step]))]
    ends = [m.end() for m in LEVELS[level].finditer(text)]
    starts = [0, *ends]
    units = [text[a:b] for a, b in zip(starts, [*ends, len(text)], strict=True)]
    return [u for u in units if u]


def leading_number(unit: str) -> str:
    """The number a paragraph or point opens with ("(14)", "3.", "b)"), or ""."""
    match = _LEADING_NUMBER.match(unit)
    return match.group(1) if match else ""


def align_units(
    old: Sequence[str], new: Sequence[str], keys: Sequence[Sequence[str]]
) -> list[Step]:
    """Every unit of `old` and `new` in one step, in both texts' order. `keys` holds
    what is compared of each unit, old then new (the units themselves, or with case
    folded), so that units equal under the diff's options are `same`."""
    old_keys, new_keys = keys
    codes: dict[str, str] = {}
    a = "".join(_code(codes, k) for k in old_keys)
    b = "".join(_code(codes, k) for k in new_keys)
    steps: list[Step] = []
    i = j = 0
    region_old: list[int] = []
    region_new: list[int] = []
    words = _Words(old, new)
    for op, length in fast_diff_match_patch.diff(
        a, b, timelimit=0, checklines=False, cleanup="No", counts_only=True
    ):
        if op == "=":
            steps += _pair_region(region_old, region_new, words)
            region_old, region_new = [], []
            steps += [Step(SAME, i + k, j + k) for k in range(length)]
            i, j = i + length, j + length
        elif op == "-":
            region_old += range(i, i + length)
            i += length
        else:
            region_new += range(j, j + length)
            j += length
    steps += _pair_region(region_old, region_new, words)
    return _with_moves(steps, words)


def _code(codes: dict[str, str], key: str) -> str:
    """One character per distinct unit, from U+0100, skipping the surrogates."""
    code = codes.get(key)
    if code is None:
        n = 0x100 + len(codes)
        code = codes[key] = chr(n if n < 0xD800 else n + 0x800)
    return code


class _Words:
    """The sets of words of every unit (numbers they open with left out), made once
    and on demand."""

    def __init__(self, old: Sequence[str], new: Sequence[str]) -> None:
        self.texts = (old, new)
        self.sets: tuple[dict[int, frozenset[str]], dict[int, frozenset[str]]] = ({}, {})
        self.counted: dict[int, tuple[dict[int, int], list[int]]] = {}
        """Words shared, counted ahead by `count_shared`: old unit -> (column of each
        new unit, counts by column)."""

    def words(self, side: int, k: int) -> frozenset[str]:
        found = self.sets[side].get(k)
        if found is None:
            body = _body(self.texts[side][k]).casefold()
            found = self.sets[side][k] = frozenset(_WORD.findall(body))
        return found

    def size(self, side: int, k: int) -> int:
        return len(self.words(side, k))

    def similarity(self, i: int, j: int, least: float) -> float:
        """Dice coefficient of the distinct words of old unit i and new unit j, leaving
        out the numbers they open with (a renumbered point is the same point); 0.0 at
        once when their sizes alone rule out reaching `least`."""
        a, b = self.words(0, i), self.words(1, j)
        if not a or not b:
            return 1.0 if a == b else 0.0
        if 2 * min(len(a), len(b)) < least * (len(a) + len(b)):
            return 0.0
        return 2 * self.shared(i, j) / (len(a) + len(b))

    def shared(self, i: int, j: int) -> int:
        """How many distinct words old unit i and new unit j have in common."""
        row = self.counted.get(i)
        if row is not None and (column := row[0].get(j)) is not None:
            return row[1][column]
        return len(self.words(0, i) & self.words(1, j))

    def count_shared(self, olds: Sequence[int], news: Sequence[int]) -> None:
        """Count the words shared by every pair of `olds` and `news` at once, by one
        product of 0/1 matrices (numpy), when there are at least `MATRIX_UNITS` pairs:
        forty rewritten paragraphs weighed against each other are 1,600 set
        intersections of hundreds of words. The counts are exact, so every similarity
        is the same as counted pair by pair."""
        if len(olds) * len(news) < MATRIX_UNITS or len(olds) * len(news) > MATRIX_UNITS_MAX:
            return
        np = numpy()
        sets = [[self.words(0, i) for i in olds], [self.words(1, j) for j in news]]
        vocabulary = {w: k for k, w in enumerate(set().union(*sets[0], *sets[1]))}
        dense = []
        for side in sets:
            # Every word's column at once (map runs in C), then one row per unit.
            columns = np.fromiter(
                map(vocabulary.__getitem__, chain.from_iterable(side)), dtype=np.int64
            )
            rows = np.repeat(np.arange(len(side)), [len(words) for words in side])
            matrix = np.zeros((len(side), len(vocabulary)), dtype=np.float32)
            matrix[rows, columns] = 1.0
            dense.append(matrix)
        counts = (dense[0] @ dense[1].T).astype(np.int64).tolist()
        column_of = {j: c for c, j in enumerate(news)}
        for i, row in zip(olds, counts, strict=True):
            self.counted[i] = (column_of, row)


def _pair_region(olds: list[int], news: list[int], words: _Words) -> list[Step]:
    """The steps of one changed region: its units paired in order where alike, the
    rest deleted (first) or inserted."""
    if not olds or not news:
        return [Step(OLD, old=i) for i in olds] + [Step(NEW, new=j) for j in news]
    if len(olds) == 1 and len(news) == 1:
        return [Step(PAIR, olds[0], news[0])]
    if len(olds) == len(news) and all(
        words.similarity(a, b, DIAGONAL_SIMILARITY) >= DIAGONAL_SIMILARITY
        for a, b in zip(olds, news, strict=True)
    ):
        return [Step(PAIR, a, b) for a, b in zip(olds, news, strict=True)]
    chain = _heaviest_chain(olds, news, words)
    steps: list[Step] = []
    i = j = 0
    for a, b in chain:
        while olds[i] < a:
            steps.append(Step(OLD, old=olds[i]))
            i += 1
        while news[j] < b:
            steps.append(Step(NEW, new=news[j]))
            j += 1
        steps.append(Step(PAIR, a, b))
        i, j = i + 1, j + 1
    steps += [Step(OLD, old=k) for k in olds[i:]]
    steps += [Step(NEW, new=k) for k in news[j:]]
    return steps


def _heaviest_chain(olds: list[int], news: list[int], words: _Words) -> list[tuple[int, int]]:
    """The order-keeping set of pairs with the greatest total squared similarity, among
    pairs near the region's diagonal and at least `PAIR_SIMILARITY` alike. Squared, so
    that one unit found unchanged elsewhere outweighs two middling pairs in place: when
    point (14) moves to (22), points (15) to (22) pair with (14) to (21), not each with
    the point that took its number.

    Pairs are taken old unit by old unit; the best chain ending before each new unit
    is kept in a Fenwick tree of prefix maxima, so the search is O(pairs log n)."""
    n, m = len(olds), len(news)
    if n * min(m, 2 * BAND + 1) >= MATRIX_UNITS:
        words.count_shared(olds, news)
    tree: list[tuple[float, int]] = [(0.0, -1)] * (m + 1)
    found: list[tuple[float, int, int, int]] = []  # (total, a, b, previous in found)

    def best_before(c: int) -> tuple[float, int]:
        best = (0.0, -1)
        while c > 0:
            best = max(best, tree[c])
            c -= c & -c
        return best

    def offer(c: int, value: tuple[float, int]) -> None:
        c += 1
        while c <= m:
            tree[c] = max(tree[c], value)
            c += c & -c

    for r, a in enumerate(olds):
        centre = r * m // n
        row = []
        for c in range(max(0, centre - BAND), min(m, centre + BAND + 1)):
            similarity = words.similarity(a, news[c], PAIR_SIMILARITY)
            if similarity >= PAIR_SIMILARITY:
                total, previous = best_before(c)
                row.append((c, total + similarity**2, previous))
        for c, total, previous in row:
            found.append((total, a, news[c], previous))
            offer(c, (total, len(found) - 1))
    if not found:
        return []
    chain = []
    k = max(range(len(found)), key=lambda x: (found[x][0], -x))
    while k >= 0:
        _, a, b, k = found[k]
        chain.append((a, b))
    return chain[::-1]


def _with_moves(steps: list[Step], words: _Words) -> list[Step]:
    """The steps with each moved unit's two ends numbered: best matches first."""
    gone = [s.old for s in steps if s.kind == OLD and words.size(0, s.old) >= MOVE_MIN_WORDS]
    came = [s.new for s in steps if s.kind == NEW and words.size(1, s.new) >= MOVE_MIN_WORDS]
    if not gone or not came:
        return steps
    candidates: list[tuple[float, int, int]] = []
    if len(gone) * len(came) <= MOVE_CANDIDATES:
        words.count_shared(gone, came)
        for i in gone:
            for j in came:
                similarity = words.similarity(i, j, MOVE_SIMILARITY)
                shared = words.shared(i, j) if similarity else 0
                if similarity >= MOVE_SIMILARITY and shared >= MOVE_MIN_WORDS:
                    candidates.append((-similarity, i, j))
    else:
        bodies: dict[str, list[int]] = {}
        for i in gone:
            bodies.setdefault(_body(words.texts[0][i]), []).append(i)
        for j in came:
            for i in bodies.get(_body(words.texts[1][j]), [])[:1]:
                candidates.append((-1.0, i, j))
    move_of_old: dict[int, int] = {}
    move_of_new: dict[int, int] = {}
    for _, i, j in sorted(candidates):
        if i not in move_of_old and j not in move_of_new:
            move_of_old[i] = move_of_new[j] = len(move_of_old) + 1
    if not move_of_old:
        return steps
    return [
        Step(s.kind, s.old, s.new, move_of_old.get(s.old, 0))
        if s.kind == OLD
        else Step(s.kind, s.old, s.new, move_of_new.get(s.new, 0))
        if s.kind == NEW
        else s
        for s in steps
    ]


def _body(unit: str) -> str:
    """A unit without its leading number or surrounding spaces: what stays when a
    point is renumbered."""
    return unit[len(m.group(0)) :].strip() if (m := _LEADING_NUMBER.match(unit)) else unit.strip()
