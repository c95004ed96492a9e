"""The diff of two provision texts as a map: which characters of the old text are kept
in the new one, and where they went, following paragraphs that moved.

Apart from `drafts.annotating.anchoring`, which asks this map where an annotated passage went:
building the map (a word diff without display clean-up, then re-diffing paragraphs a
diff sent to the wrong partner) is one idea, placing a quote on it another.
The thresholds were measured with tests/benchmarks/bench_anchoring.py.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

import fast_diff_match_patch

from drafts.comparing.diff import code_map

CONTENT_WORD = 4
"""Letters of the shortest word that counts as evidence on its own ("data", not "of")."""

LINE_PAIR = 0.5
"""Least word similarity (Dice over the words of each) for a paragraph of the new text
to be taken as an old paragraph that moved."""

MOVE_MARGIN = 0.2
"""How much more alike than the paragraph the diff chose a free paragraph must be for
the old one to count as moved there."""

SWAP_GAIN = 0.05
"""How much more alike (in the sum of both pairs' similarities) two paragraphs must be
after exchanging their partners for them to count as having swapped places."""

MISLED_MARGIN = 0.1
"""How much more like another new paragraph than the one the diff chose an old
paragraph must be for the diff to be taken as misled."""

LOOKALIKE_MARGIN = 0.15
"""Two paragraphs of the new text whose similarity to an old one differ by less than
this are look-alikes: the old paragraph could have become either."""

# --- the diff as a map between the two texts ----------------------------------------


@lru_cache(maxsize=256)
def alignment(old: str, new: str) -> Alignment:
    """The alignment of two texts, computed once: many annotations share a provision."""
    return Alignment(old, new)


class Alignment:
    """Which characters of an old text are kept in a new one, and where they went.

    Built from a word diff with no clean-up: the diff Travaux shows folds short runs of
    equal text into the changes around them, for readability, and so hides kept words
    that are the best evidence of where a passage went. A diff cannot follow a
    paragraph that moved: it pairs the paragraphs that now stand in each other's
    place on their common words, so paragraphs that a diff sends elsewhere than to
    their clearly most similar paragraph are diffed against that one instead
    (`_follow_moves`). Kept runs are (old start, new start, length), each character in
    at most one run on either side.
    """

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        self.runs = sorted(_follow_moves(old, new, list(_kept_runs(old, new))))
        self._by_new = sorted(self.runs, key=lambda r: r[1])
        self._old_starts = [r[0] for r in self.runs]
        self._new_starts = [r[1] for r in self._by_new]
        self._bags: list[Counter[str]] | None = None
        self._went: dict[int, int] | None = None
        self._scores: dict[int, list[tuple[float, int]]] = {}
        self._old_line_starts: list[int] | None = None

    def to_new(self, pos: int) -> int:
        """Where old position `pos` is expected in the new text: exact in kept text,
        proportionally between the kept runs around it in changed text."""
        k = bisect_right(self._old_starts, pos) - 1
        if k >= 0 and pos <= self.runs[k][0] + self.runs[k][2]:
            old_start, new_start, _ = self.runs[k]
            return new_start + pos - old_start
        old_lo, new_lo = (
            (self.runs[k][0] + self.runs[k][2], self.runs[k][1] + self.runs[k][2])
            if k >= 0
            else (0, 0)
        )
        old_hi, new_hi = (
            (self.runs[k + 1][0], self.runs[k + 1][1])
            if k + 1 < len(self.runs)
            else (len(self.old), len(self.new))
        )
        share = (pos - old_lo) / (old_hi - old_lo) if old_hi > old_lo else 0.0
        return new_lo + round(share * max(0, new_hi - new_lo))

    def kept(self, start: int, end: int) -> Iterator[tuple[int, int, int]]:
        """(old start, new start, length) of the kept pieces of old[start:end]."""
        k = max(0, bisect_right(self._old_starts, start) - 1)
        for old_start, new_start, length in islice(self.runs, k, None):
            if old_start >= end:
                break
            lo, hi = max(start, old_start), min(end, old_start + length)
            if lo < hi:
                yield lo, new_start + lo - old_start, hi - lo

    def kept_in_new(self, start: int, end: int) -> Iterator[tuple[int, int, int]]:
        """(old start, new start, length) of the kept pieces of new[start:end]."""
        k = max(0, bisect_right(self._new_starts, start) - 1)
        for old_start, new_start, length in islice(self._by_new, k, None):
            if new_start >= end:
                break
            lo, hi = max(start, new_start), min(end, new_start + length)
            if lo < hi:
                yield old_start + lo - new_start, lo, hi - lo

    def maps_whole(self, start: int, end: int, at: int) -> bool:
        """Whether every word and mark of old[start:end] is kept, in place, in
        new[at:at + end - start]: the very same words, not a repetition of them."""
        shift = at - start
        kept = 0
        for old_at, new_at, length in self.kept(start, end):
            if new_at - old_at != shift:
                return False
            kept += _solid(self.old[old_at : old_at + length])
        return kept == _solid(self.old[start:end])

    def foreign(self, start: int, end: int, old_start: int, old_end: int) -> bool:
        """Whether new[start:end] holds a kept word that stood outside old[old_start:old_end]:
        then it is not the annotated passage, whatever it looks like."""
        for old_at, _, length in self.kept_in_new(start, end):
            before = self.old[old_at : min(old_at + length, old_start)]
            after = self.old[max(old_at, old_end) : old_at + length]
            if _WORD_CHAR.search(before) or _WORD_CHAR.search(after):
                return True
        return False

    def misled(self, start: int, end: int) -> bool:
        """Whether the diff sent a paragraph that old[start:end] touches to another new
        paragraph than the one most like it (by more than `MISLED_MARGIN`): a paragraph
        moved among look-alikes, where even word-for-word evidence may be a look-alike's."""
        for scores, went in self._paragraph_scores(start, end):
            if went is not None and scores[0][0] - self._dice_to(scores, went) > MISLED_MARGIN:
                return True
        return False

    def lookalike(self, start: int, end: int) -> bool:
        """Whether a paragraph that old[start:end] touches is about as like two
        paragraphs of the new text (within `LOOKALIKE_MARGIN`): a diff may have followed
        either, so only its word-for-word evidence can be trusted."""
        return any(
            len(scores) > 1 and LINE_PAIR <= scores[1][0] >= scores[0][0] - LOOKALIKE_MARGIN
            for scores, _ in self._paragraph_scores(start, end)
        )

    @staticmethod
    def _dice_to(scores: list[tuple[float, int]], line: int) -> float:
        return next((score for score, j in scores if j == line), 0.0)

    def _paragraph_scores(
        self, start: int, end: int
    ) -> Iterator[tuple[list[tuple[float, int]], int | None]]:
        """For each old paragraph touched: (similarity, new paragraph) best first, and
        the new paragraph that received most of its kept words."""
        old_lines = self._old_lines()
        first, last = _line_of(old_lines, start), _line_of(old_lines, max(start, end - 1))
        for i in range(first, last + 1):
            scores = self._scores_of(old_lines, i)
            if scores:
                yield scores, self._partners().get(i)

    def _old_lines(self) -> list[int]:
        """Where each line of the old text starts, found once."""
        if self._old_line_starts is None:
            self._old_line_starts = _line_starts(self.old)
        return self._old_line_starts

    def _scores_of(self, old_lines: list[int], i: int) -> list[tuple[float, int]]:
        """Old paragraph i's similarity to each new paragraph, best first (empty for a
        paragraph without words); computed once, as every annotation on it asks."""
        if i not in self._scores:
            bag = _bag(self.old, *_line_span(self.old, old_lines, i))
            self._scores[i] = (
                sorted(
                    ((_dice(bag, other), j) for j, other in enumerate(self._new_bags()) if other),
                    reverse=True,
                )
                if bag
                else []
            )
        return self._scores[i]

    def _partners(self) -> dict[int, int]:
        if self._went is None:
            old_lines, new_lines = _line_starts(self.old), _line_starts(self.new)
            pieces = [p for run in self.runs for p in _split_at_lines(self.old, run)]
            self._went = _diff_partners(pieces, old_lines, new_lines, self.old)
        return self._went

    def _new_bags(self) -> list[Counter[str]]:
        if self._bags is None:
            lines = _line_starts(self.new)
            self._bags = [
                _bag(self.new, *_line_span(self.new, lines, j)) for j in range(len(lines))
            ]
        return self._bags

    def kept_hull(self, start: int, end: int, context: int) -> tuple[int, int] | None:
        """The new text from the first to the last kept word of old[start:end], or None
        if the kept words are no evidence.

        Only words count (a kept comma or bracket is no evidence), and they must include
        a word of at least `CONTENT_WORD` letters. Kept words that stand together in the
        new text form groups. A lone short word ("of", "a") at either end is dropped
        when the new text between it and the next group holds a word of the annotation's
        context that the diff lost: words swapped places there ("rule of law" -> "rule
        law of"), and the lone word is as likely the context's as the annotation's."""
        words = sorted(
            (new_at + m.start() - old_at, new_at + m.end() - old_at)
            for old_at, new_at, length in self.kept(start, end)
            for m in _WORDS.finditer(self.old, old_at, old_at + length)
        )
        groups: list[list[tuple[int, int]]] = []
        for word in words:
            if groups and not _WORD_CHAR.search(self.new, groups[-1][-1][1], word[0]):
                groups[-1].append(word)
            else:
                groups.append([word])
        if not groups:
            return None
        lost = self._lost_context(start, end, context)
        if self._swapped(groups[0], groups[1:2], lost):
            groups.pop(0)
        if self._swapped(groups[-1], groups[-2:-1], lost):
            groups.pop()
        if not any(e - s >= CONTENT_WORD for group in groups for s, e in group):
            return None
        return groups[0][0][0], groups[-1][-1][1]

    def _swapped(
        self, edge: list[tuple[int, int]], neighbour: list[list[tuple[int, int]]], lost: set[str]
    ) -> bool:
        """Whether `edge` is a lone short word with a lost context word between it and
        its neighbouring group."""
        if not neighbour or len(edge) != 1 or edge[0][1] - edge[0][0] >= CONTENT_WORD:
            return False
        lo, hi = sorted(
            (edge[0], neighbour[0][0] if edge[0] < neighbour[0][0] else neighbour[0][-1])
        )
        return bool(lost & _bare_words(self.new, lo[1], hi[0]))

    def _lost_context(self, start: int, end: int, context: int) -> set[str]:
        """The words of the `context` characters around old[start:end] that the diff
        did not keep."""
        around = ((max(0, start - context), start), (end, min(len(self.old), end + context)))
        kept = [(o, o + size) for lo, hi in around for o, _, size in self.kept(lo, hi)]
        return {
            m.group().casefold()
            for lo, hi in around
            for m in _WORDS.finditer(self.old, lo, hi)
            if not any(a <= m.start() and m.end() <= b for a, b in kept)
        }


def _bare_words(text: str, start: int, end: int) -> set[str]:
    return {m.group().casefold() for m in _WORDS.finditer(text, start, end)}


_WORDS = re.compile(r"\w+")

_WORD_CHAR = re.compile(r"\w")


def _solid(text: str) -> int:
    """The number of characters that are not whitespace."""
    return len(text) - sum(c.isspace() for c in text)


def _kept_runs(old: str, new: str) -> Iterator[tuple[int, int, int]]:
    """Kept runs of a diff of the two texts' words and punctuation marks, in characters.

    Whitespace is left out of the diff: a space matches every other space, so with it
    the diff may keep a space instead of a word at no extra cost (ties between equally
    short diffs), and lose the word. Consecutive kept tokens with the same whitespace
    between them in both texts are joined into one run, whitespace included.
    """
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    old_at = [m.start() for m in _TOKEN.finditer(old)]
    new_at = [m.start() for m in _TOKEN.finditer(new)]
    codes = code_map(old_tokens, new_tokens)
    a = "".join(codes[t] for t in old_tokens)
    b = "".join(codes[t] for t in new_tokens)
    ops = fast_diff_match_patch.diff(
        a, b, timelimit=0, checklines=False, cleanup="No", counts_only=True
    )
    run: tuple[int, int, int] | None = None
    i = j = 0
    for op, length in ops:
        if op == "=":
            for k in range(length):
                o, n, size = old_at[i + k], new_at[j + k], len(old_tokens[i + k])
                if run and old[run[0] + run[2] : o] == new[run[1] + run[2] : n]:
                    run = (run[0], run[1], o + size - run[0])
                else:
                    if run:
                        yield run
                    run = (o, n, size)
        if op != "+":
            i += length
        if op != "-":
            j += length
    if run:
        yield run


_TOKEN = re.compile(r"\w+|[^\w\s]")
"""The tokens diffed: words and single punctuation marks (as in `comparing.diff`), no spaces."""


# --- paragraphs that moved ----------------------------------------------------------

_Run = tuple[int, int, int]


def _follow_moves(old: str, new: str, runs: list[_Run]) -> list[_Run]:
    """The diff's kept runs, with the paragraphs (lines) it could not follow re-diffed.

    Each old line is paired with a new line (`_line_pairs`). Where the diff sends most
    of an old line's kept words to another line than its pair, the paragraph moved: its
    runs, and any other runs into its pair, are replaced by a diff of the two lines.
    """
    old_lines, new_lines = _line_starts(old), _line_starts(new)
    if len(old_lines) < 2 and len(new_lines) < 2:
        return runs
    pieces = [piece for run in runs for piece in _split_at_lines(old, run)]
    partner = _diff_partners(pieces, old_lines, new_lines, old)
    pairs = _line_pairs(old, new, old_lines, new_lines, partner)
    moved = {i: j for i, j in pairs.items() if partner.get(i) != j}
    if not moved:
        return runs
    claimed = set(moved.values())
    kept = [
        r
        for r in pieces
        if _line_of(old_lines, r[0]) not in moved and _line_of(new_lines, r[1]) not in claimed
    ]
    for i, j in moved.items():
        o0, o1 = _line_span(old, old_lines, i)
        n0, n1 = _line_span(new, new_lines, j)
        kept.extend((o + o0, n + n0, size) for o, n, size in _kept_runs(old[o0:o1], new[n0:n1]))
    return kept


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def _line_of(starts: list[int], pos: int) -> int:
    return bisect_right(starts, pos) - 1


def _line_span(text: str, starts: list[int], k: int) -> tuple[int, int]:
    return starts[k], (starts[k + 1] - 1 if k + 1 < len(starts) else len(text))


def _split_at_lines(old: str, run: _Run) -> Iterator[_Run]:
    """A run cut at its line breaks (the same in both texts, since its text is kept)."""
    o, n, size = run
    cut = 0
    for m in re.finditer("\n", old[o : o + size]):
        if m.start() > cut:
            yield o + cut, n + cut, m.start() - cut
        cut = m.end()
    if size > cut:
        yield o + cut, n + cut, size - cut


def _diff_partners(
    pieces: list[_Run], old_lines: list[int], new_lines: list[int], old: str
) -> dict[int, int]:
    """Old line -> the new line that receives most of its kept word characters."""
    weight: Counter[tuple[int, int]] = Counter()
    for o, n, size in pieces:
        words = sum(len(w) for w in _WORDS.findall(old, o, o + size))
        if words:
            weight[_line_of(old_lines, o), _line_of(new_lines, n)] += words
    partner: dict[int, int] = {}
    for (i, j), _ in sorted(weight.items(), key=lambda item: (-item[1], item[0])):
        partner.setdefault(i, j)
    return partner


def _line_pairs(
    old: str, new: str, old_lines: list[int], new_lines: list[int], partner: dict[int, int]
) -> dict[int, int]:
    """Old line -> new line: where the diff sent it, unless clearly wrong.

    The diff's choice stands by default (it keeps a paragraph repeated word for word in
    order). A line it lost goes to the most similar free line; a line moves to a free
    line `MOVE_MARGIN` more similar; two lines exchange places when that makes them
    `SWAP_GAIN` more similar together (two paragraphs that swapped places)."""
    sim = _Similarity(old, new, old_lines, new_lines)
    pairs: dict[int, int] = {}
    owner: dict[int, int] = {}
    for i, j in sorted(partner.items(), key=lambda p: (-sim(*p), p)):
        if j not in owner:
            pairs[i], owner[j] = j, i
    for _ in range(3):  # a few rounds of improvement; each makes the total better
        if not any(_improve(i, pairs, owner, sim) for i in range(len(old_lines))):
            break
    return pairs


def _improve(i: int, pairs: dict[int, int], owner: dict[int, int], sim: _Similarity) -> bool:
    """Move or swap old line `i` if that clearly improves the pairing."""
    j = pairs.get(i)
    now = sim(i, j) if j is not None else 0.0
    for score, line in sim.candidates(i):
        if line == j or score <= now:
            break
        k = owner.get(line)
        if k is None:
            gain = score - now - (0.0 if j is None else MOVE_MARGIN)
        else:
            gain = score + (sim(k, j) if j is not None else 0.0) - now - sim(k, line) - SWAP_GAIN
        if gain > 0:
            if j is not None:
                del owner[j]
            if k is not None:
                del pairs[k]
                if j is not None:
                    pairs[k], owner[j] = j, k
            pairs[i], owner[line] = line, i
            return True
    return False


class _Similarity:
    """Word similarity (Dice) of old and new lines, computed when asked."""

    def __init__(self, old: str, new: str, old_lines: list[int], new_lines: list[int]) -> None:
        self.old = [_bag(old, *_line_span(old, old_lines, i)) for i in range(len(old_lines))]
        self.new = [_bag(new, *_line_span(new, new_lines, j)) for j in range(len(new_lines))]
        self.holders: defaultdict[str, set[int]] = defaultdict(set)
        for j, bag in enumerate(self.new):
            for word in bag:
                self.holders[word].add(j)
        self.cache: dict[tuple[int, int], float] = {}

    def __call__(self, i: int, j: int) -> float:
        if (i, j) not in self.cache:
            a, b = self.old[i], self.new[j]
            self.cache[i, j] = _dice(a, b) if a and b else 0.0
        return self.cache[i, j]

    def candidates(self, i: int) -> list[tuple[float, int]]:
        """(similarity, new line) of the new lines at least `LINE_PAIR` like old line i,
        best first."""
        lines = {j for word in self.old[i] for j in self.holders[word]}
        return sorted(
            ((self(i, j), j) for j in lines if self(i, j) >= LINE_PAIR),
            key=lambda c: (-c[0], c[1]),
        )


def _dice(a: Counter[str], b: Counter[str]) -> float:
    return 2 * sum((a & b).values()) / (a.total() + b.total())


def _bag(text: str, start: int, end: int) -> Counter[str]:
    return Counter(w.casefold() for w in _WORDS.findall(text, start, end))
