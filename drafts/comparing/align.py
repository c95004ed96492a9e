"""Which provision of one draft became which provision of another.

Numbers and eIds cannot be trusted between drafts (articles are renumbered, retitled,
moved, split and merged), so provisions are aligned on their words:

1. Identical provisions (same heading and text) are paired first, in order.
2. Every other provision becomes a bag of words, each word weighted by how rare it is
   across both drafts (inverse document frequency): boilerplate that opens every
   criminalization article ("Each State Party shall adopt such legislative and other
   measures…") weighs little, the words that make an article itself weigh a lot. Two
   provisions' similarity is the weighted Dice coefficient of their bags.
3. Pairs at least `PAIR_THRESHOLD` similar are candidates, and one global assignment
   (the Hungarian method) picks the pairs with the greatest total similarity; order
   and chapter only break near-ties. A provision whose best partner is below the
   threshold is reported deleted (or added): edited beyond recognition, it is not
   forced onto a stranger.
4. Splits and merges: a left-over new provision whose words come mostly from one old
   provision (`PIECE_CONTAINMENT`) joins that provision's group if the group's
   similarity rises with it; likewise for a left-over old provision (merges).

Numbers and headings count where they agree: a placeholder ("[deleted]") under the
number of a left-over old provision is its deletion, paired before anything else; a
provision mostly kept in a longer or shorter one of the same number or heading is that
one grown or shrunk (`GROWN_CONTAINMENT`); a heading found once in each draft adds
`HEADING_BONUS` to a pair's weight, so it outweighs boilerplate shared with others.
Place counts too: a new provision standing where the old one's unchanged neighbours
say it should adds `SLOT_BONUS`, and a piece of a split or merge far from its group
needs more of its words from it (`FAR_PIECE_CONTAINMENT`).

Everything is deterministic: ties are broken by position, never by hash order.
Each link carries its similarity, so every pairing can be explained.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain

from drafts.comparing.assignment import assign
from drafts.comparing.places import (
    PLACEHOLDERS,
    in_slot,
    is_placeholder,
    label,
    landmarks,
    placeholder_pairs,
    same_slot_pairs,
)
from drafts.comparing.weights import (
    WeightedBags,
    array_overlaps,
    idf,
    matrix_overlaps,
    weighted_size,
    whole,
)
from drafts.model import Provision

PAIR_THRESHOLD = 0.35
"""Least weighted similarity for two provisions to be the same one. Chosen on generated
dossiers (tests/benchmarks/bench_align.py): with 20% of words edited, true pairs score
far above it; the few wrong pairings seen, all with 30% or more of the words edited,
scored under 0.5 and are flagged uncertain. The demo's data-protection article,
rewritten between the zero and first revised drafts, scores 0.38 and is kept."""

CONFIDENT_SIMILARITY = 0.55
"""Below this, a pairing is reported as uncertain. On generated dossiers
(tests/benchmarks/bench_align.py, 10 seeds x 4 sources) no wrong pairing was seen up to
20% of words edited; above, every wrong one-to-one pairing scored under 0.5, and the
three wrong groups scoring higher (0.60-0.65, at 80%) each had a piece contained under
`CONFIDENT_PIECE`: every wrong pairing was flagged."""

CONFIDENT_PIECE = 0.7
"""Below this containment, a piece of a split or merge makes its group uncertain."""

PIECE_CONTAINMENT = 0.5
"""Least share of a piece's weighted words that must be found in the provision it was
split from (or merged into)."""

FAR_PIECE_CONTAINMENT = 0.7
"""Least containment of a piece that stands outside the slot of a group that stands in
its own (see `SLOT_BONUS`). Between the 2013 and 2022 German civil code, the true
pieces that moved far (§ 648 split into § 647a and § 650e; § 478 into § 445a and
§ 478) are contained at 0.80 to 1.0; the false ones (the travel contracts' § 651m
"merged" into the consumer sales' § 476, both saying "Abweichende Vereinbarungen";
in the criminal code, § 184i split off § 238 and § 265e off § 263) at 0.52 to 0.59.
One true piece is lost: § 650m, 0.58 contained in § 632a."""

PIECE_GAIN = 0.2
"""Least share of a piece's weighted words that only it brings to its group: a new
provision that merely repeats words its group already has is not a piece of a split.
(In the demo, the theft article merged into fraud brings 23% of its words.)"""

PIECE_TARGET_SHARE = 0.05
"""Least share of the group's other side that a piece must explain on its own."""

STEAL_MARGIN = 0.25
"""How much better (in containment) a split or merge must explain a provision than its
one-to-one partner does, to take it from that partner."""

ORDER_BONUS = 0.02
CHAPTER_BONUS = 0.02
"""Tie-breakers, far smaller than any real difference in similarity."""

HEADING_BONUS = 0.1
"""Added to a pair's weight when both provisions have the same heading, found once in
each draft: a heading is the drafters' own name for a provision, and weighs more than
boilerplate the text shares with others ("Harmonised standards" stays with "Harmonised
standards", not with another article that also says "in accordance with Article 43")."""

SLOT_BONUS = 0.15
"""Added to a pair's weight when the new provision stands where the old one's
neighbours say it should: between the new places of the nearest identical provisions
before and after it (those keeping their order). Codes repeat boilerplate under every
title ("Abweichende Vereinbarungen" closes each consumer contract of the German civil
code), and a provision far more often keeps its place than moves across the law: the
2013 § 312i, 0.76 alike to its successor § 312k in the same subtitle and 0.86 to the
travel contracts' § 651y, is § 312k. Smaller than any difference between a true pair
and boilerplate on generated dossiers up to 20% of words edited, so a provision that
truly moved still pairs with its own text."""

HEADING_THRESHOLD = 0.2
"""Least similarity at which two provisions with the same (once-found) heading are
paired: a heavily redrafted article that kept its heading is the same article, though
flagged uncertain."""

GROWN_CONTAINMENT = 0.8
"""Least share of the shorter provision's weighted words found in the longer for the
two to be one provision grown (or shrunk), when their number or heading agrees:
Article 441 growing from one sentence to a long article keeps its lineage."""

GROWN_EVIDENCE = 0.7
"""A grown or shrunk pair's evidence is this times its containment (if above its
similarity): above `CONFIDENT_SIMILARITY` when the old text is fully kept."""

ANCHORS = 12
"""How many of its rarest words a provision looks its candidates up by. Weighing every
pair that shares any distinctive word costs |old| x |new| overlaps on long drafts of one
vocabulary. On generated dossiers (tests/benchmarks/bench_align.py, 10 seeds x 4
sources) 12 anchors keep precision exactly as with all distinctive words and recall
within 0.004 of it at every strength (higher at most); 4 or 6 anchors let a wrong pairing
in at 10% of words edited."""

SHARE_DIGITS = 6
"""Similarities and containments are rounded to this many decimals: whole-unit weights
are off by up to a few millionths, which must not tip a share that is exactly at a
threshold (a piece with half its weight in its source, `PIECE_CONTAINMENT`)."""

MATRIX_PAIRS = 1000
MATRIX_DENSITY = 0.2
"""From this many candidate pairs, and when they are at least this share of all pairs,
their overlaps are computed by matrix products (numpy, loaded only then: it costs
0.1 s to import); otherwise pair by pair. Products weigh every pair, so they pay only
when most pairs are candidates (drafts of one vocabulary); on two versions of the
German civil code (450 x 570 provisions left to pair, few of them candidates) they
took 1.3 s against 0.2 s pair by pair."""

ARRAY_PAIRS = 300
"""From this many candidate pairs (too few of all pairs for matrix products), their
overlaps are computed with numpy old provision by old provision: its weights spread
over the whole vocabulary once, then looked up for all its candidates in one go. On
two versions of the German civil code (10,000 candidate pairs) this took 20 ms
against 330 ms pair by pair, with the same sums to the last unit."""

_WORD = re.compile(r"\w+")
_ROUNDING = 10.0**-SHARE_DIGITS
"""More than rounding to `SHARE_DIGITS` decimals can move a share: a cheap test with
this margin never rules out what the rounded share would let in."""


@dataclass(frozen=True)
class Link:
    """One outcome of the alignment: old provisions (by index) that became new ones.

    One old and one new: the same provision. One old, several new: a split. Several
    old, one new: a merge. No new: deleted. No old: added.
    """

    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float
    """Weighted similarity of the words of the old side and the new side, 0..1."""
    piece_evidence: float = 1.0
    """For a split or merge, the least containment of any piece in the provision it
    came from (or went into); 1.0 otherwise."""
    placeholder: bool = False
    """The new provision is a placeholder ("[deleted]", "(repealed)") standing where the
    old one was, under its number: the old provision was deleted, in place."""

    @property
    def uncertain(self) -> bool:
        """Paired on weak evidence: the reader should be told, not left to trust it."""
        if not (self.old and self.new) or self.placeholder:
            return False
        return self.similarity < CONFIDENT_SIMILARITY or self.piece_evidence < CONFIDENT_PIECE


def align(
    old: Sequence[Provision],
    new: Sequence[Provision],
    texts: tuple[Sequence[str], Sequence[str]] | None = None,
) -> list[Link]:
    """Every provision of `old` and `new` in exactly one link, in reading order.

    `texts` are the provisions' texts, old then new, when the caller has them already
    (a provision's text is joined from its lines each time it is asked for)."""
    old_texts, new_texts = texts or ([p.text for p in old], [p.text for p in new])
    drafts = _Drafts(old, new, old_texts, new_texts)
    pairs, rest_old, rest_new = _identical_pairs(drafts)
    links = [Link((i,), (j,), 1.0) for i, j in pairs]
    texts = (drafts.old_texts, drafts.new_texts)
    for i, j in placeholder_pairs(old, new, texts, rest_old, rest_new):
        links.append(Link((i,), (j,), 0.0, placeholder=True))
        rest_old.remove(i)
        rest_new.remove(j)
    # A placeholder left over says nothing of what it was: it pairs on words with no one.
    idle_old = {i for i in rest_old if is_placeholder(old[i], drafts.old_texts[i])}
    idle_new = {j for j in rest_new if is_placeholder(new[j], drafts.new_texts[j])}
    links += [Link((i,), (), 0.0) for i in sorted(idle_old)]
    links += [Link((), (j,), 0.0) for j in sorted(idle_new)]
    rest_old = [i for i in rest_old if i not in idle_old]
    rest_new = [j for j in rest_new if j not in idle_new]
    if not (rest_old and rest_new):
        links += [Link((i,), (), 0.0) for i in rest_old]
        links += [Link((), (j,), 0.0) for j in rest_new]
        return in_reading_order(links)
    matcher = _Matcher(drafts, rest_old, rest_new, pairs)
    links += matcher.links()
    return in_reading_order(_with_same_slots(old, new, links, matcher.full_similarity))


def _with_same_slots(
    old: Sequence[Provision],
    new: Sequence[Provision],
    links: list[Link],
    similarity: Callable[[int, int], float],
) -> list[Link]:
    """`links` with each deleted and added provision that `places.same_slot_pairs`
    finds one provision rewritten made one link."""
    matched = same_slot_pairs(old, new, links, similarity)
    if not matched:
        return links
    gone_old = {i for i, _ in matched}
    gone_new = {j for _, j in matched}
    kept = [
        link
        for link in links
        if not (link.old and not link.new and link.old[0] in gone_old)
        and not (link.new and not link.old and link.new[0] in gone_new)
    ]
    return kept + [Link((i,), (j,), similarity(i, j)) for i, j in matched]


def in_reading_order(links: list[Link]) -> list[Link]:
    """Links in the new draft's order, each deleted provision just after the provision
    that preceded it in the old draft (or first, if nothing before it survived)."""
    new_place = {}
    for link in links:
        if link.new:
            for i in link.old:
                new_place[i] = min(link.new)

    def key(link: Link) -> tuple[int, int, int]:
        if link.new:
            return (min(link.new), 0, min(link.old, default=-1))
        i = min(link.old)
        before = [new_place[k] for k in range(i) if k in new_place]
        return (before[-1] if before else -1, 1, i)

    return sorted(links, key=key)


@dataclass(frozen=True)
class _Drafts:
    """The two drafts aligned, with their provisions' texts, each joined once."""

    old: Sequence[Provision]
    new: Sequence[Provision]
    old_texts: Sequence[str]
    new_texts: Sequence[str]


def _identical_pairs(drafts: _Drafts) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs of provisions with the same heading and text; and the indices left over
    on each side. Where a text recurs, copies with the same number pair first, then
    the k-th remaining copy in the old draft with the k-th in the new; placeholders
    ("§ 128 (weggefallen)") pair only by number, for their text says nothing of which
    provision they were: the next one down is another provision's."""
    old, new = drafts.old, drafts.new
    waiting: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, (p, text) in enumerate(zip(new, drafts.new_texts, strict=True)):
        waiting[(p.heading, text)].append(j)
    copies: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (p, text) in enumerate(zip(old, drafts.old_texts, strict=True)):
        copies[(p.heading, text)].append(i)
    pairs: list[tuple[int, int]] = []
    for key, olds in copies.items():
        queue = waiting.get(key, [])
        left = olds
        if len(olds) > 1 or len(queue) > 1:
            by_num: dict[str, int] = {label(new[j].num): j for j in queue if new[j].num}
            left = []
            for i in olds:
                same = by_num.pop(label(old[i].num), None) if old[i].num else None
                if same is None:
                    left.append(i)
                else:
                    pairs.append((i, same))
                    queue.remove(same)
            if is_placeholder(old[olds[0]], key[1]):
                continue
        pairs.extend(zip(left, queue, strict=False))
        del queue[: len(left)]
    pairs.sort()
    taken_old = {i for i, _ in pairs}
    taken_new = {j for _, j in pairs}
    rest_old = [i for i in range(len(old)) if i not in taken_old]
    rest_new = [j for j in range(len(new)) if j not in taken_new]
    return pairs, rest_old, rest_new


def words(provision: Provision, text: str | None = None) -> Counter[str]:
    """The provision's bag of words: heading and text (`text` if already joined),
    case-folded."""
    return Counter(_WORD.findall(_searched(provision, text)))


def _searched(provision: Provision, text: str | None = None) -> str:
    """Heading and text, case-folded: what the words of a provision are taken from."""
    return f"{provision.heading}\n{provision.text if text is None else text}".casefold()


class _Matcher:
    """Similarity-based alignment of the provisions left after identical pairs."""

    def __init__(
        self,
        drafts: _Drafts,
        rest_old: list[int],
        rest_new: list[int],
        identical: list[tuple[int, int]],
    ) -> None:
        old, new = self.old, self.new = drafts.old, drafts.new
        self.rest_old, self.rest_new = rest_old, rest_new
        counts_old = {i: words(old[i], drafts.old_texts[i]) for i in rest_old}
        counts_new = {j: words(new[j], drafts.new_texts[j]) for j in rest_new}
        self.weight = whole(
            idf(
                [*counts_old.values(), *counts_new.values()],
                [_searched(old[i], drafts.old_texts[i]) for i, _ in identical],
                len(old) + len(new),
            )
        )
        self.counts_old, self.counts_new = counts_old, counts_new
        self.bags_old = WeightedBags(counts_old, self.weight)
        self.bags_new = WeightedBags(counts_new, self.weight)
        self.headings_old = _unique_headings(old, rest_old)
        self.headings_new = _unique_headings(new, rest_new)
        self.nums_old = {i: label(old[i].num) for i in rest_old if old[i].num}
        self.nums_new = {j: label(new[j].num) for j in rest_new if new[j].num}
        self.evidence: dict[tuple[int, int], float] = {}
        self.size_old = {i: weighted_size(bag, self.weight) for i, bag in counts_old.items()}
        self.size_new = {j: weighted_size(bag, self.weight) for j, bag in counts_new.items()}
        self.overlaps = self._candidate_overlaps()
        self.landmarks = landmarks(identical)

    # Measures

    @staticmethod
    def _overlap(a: Counter[str], b: Counter[str]) -> int:
        """Sum over shared words of the lesser weighted count. Weights are whole
        numbers, so the sum is exact in any order: the set's (hash-dependent) order
        cannot change the last digit."""
        common = a.keys() & b.keys()
        return sum(map(min, map(a.__getitem__, common), map(b.__getitem__, common)))

    def _dice(self, overlap: float, size_a: float, size_b: float) -> float:
        total = size_a + size_b
        return round(2 * overlap / total, SHARE_DIGITS) if total else 1.0

    def _candidate_overlaps(self) -> dict[tuple[int, int], int]:
        """Weighted overlap of the pairs worth weighing: each provision with the
        provisions of the other draft that share one of its `ANCHORS` rarest words.

        Rarity is counted in the other draft, among the provisions still to pair. A word
        found in many of them (more than a tenth, and more than eight) cannot single out
        a partner and is never an anchor; it still counts in the overlap of pairs that
        are candidates. Looking from both sides finds the pieces of splits and merges:
        a small piece's own rare words all lead to the provision it came from.
        """
        index_new, index_old = _Index(self.counts_new), _Index(self.counts_old)
        pairs: set[tuple[int, int]] = set()
        for i, bag in self.counts_old.items():
            pairs.update((i, j) for j in index_new.partners(bag))
        for j, bag in self.counts_new.items():
            pairs.update((i, j) for i in index_old.partners(bag))
        ordered = sorted(pairs)
        dense = len(ordered) >= MATRIX_DENSITY * len(self.counts_old) * len(self.counts_new)
        if len(ordered) >= MATRIX_PAIRS and dense:
            return matrix_overlaps(self.counts_old, self.counts_new, self.weight, ordered)
        if len(ordered) >= ARRAY_PAIRS:
            return array_overlaps(self.counts_old, self.counts_new, self.weight, ordered)
        return {
            pair: self._overlap(self.bags_old[pair[0]], self.bags_new[pair[1]]) for pair in ordered
        }

    def similarity(self, i: int, j: int) -> float:
        overlap = self.overlaps.get((i, j), 0)
        return self._dice(overlap, self.size_old[i], self.size_new[j])

    def full_similarity(self, i: int, j: int) -> float:
        """`similarity`, also for a pair that was not a candidate (no rare word shared)."""
        overlap = self.overlaps.get((i, j))
        if overlap is None:
            overlap = self._overlap(self.bags_old[i], self.bags_new[j])
        return self._dice(overlap, self.size_old[i], self.size_new[j])

    def _bonus(self, i: int, j: int) -> float:
        a, b = self.old[i], self.new[j]
        order = 1 - abs(i / max(1, len(self.old) - 1) - j / max(1, len(self.new) - 1))
        same_chapter = (
            a.chapter is not None
            and b.chapter is not None
            and a.chapter.heading.casefold() == b.chapter.heading.casefold()
        )
        return (
            ORDER_BONUS * order
            + CHAPTER_BONUS * same_chapter
            + HEADING_BONUS * self._same_heading(i, j)
            + SLOT_BONUS * self._in_slot(i, j)
        )

    def _in_slot(self, i: int, j: int) -> bool:
        return in_slot(self.landmarks, i, j, len(self.new))

    # Alignment

    def links(self) -> list[Link]:
        self.evidence = {
            pair: evidence
            for pair, overlap in self.overlaps.items()
            if self._may_pair(*pair, overlap)
            and (evidence := self._evidence(*pair)) >= PAIR_THRESHOLD
        }
        weights = {pair: e + self._bonus(*pair) for pair, e in self.evidence.items()}
        groups = _Groups()
        for i, j in assign(weights):
            groups.pair(i, j)
        self._add_pieces(groups)
        return self._to_links(groups)

    def _may_pair(self, i: int, j: int, overlap: int) -> bool:
        """False when old i and new j cannot reach `PAIR_THRESHOLD`, told from their
        overlap alone: a cheap test that spares weighing most candidate pairs (their
        similarity, however rounded, is too low, and no number or heading raises it)."""
        if self._same_heading(i, j) or self._same_num(i, j):
            return True
        total = self.size_old[i] + self.size_new[j]
        return not total or 2 * overlap >= (PAIR_THRESHOLD - _ROUNDING) * total

    def _evidence(self, i: int, j: int) -> float:
        """How surely old i and new j are one provision: their similarity, raised when
        one's text is mostly kept in the other under the same number or heading (grown
        or shrunk), or when a once-found heading is the same (`HEADING_THRESHOLD`)."""
        similarity = self.similarity(i, j)
        same_heading = self._same_heading(i, j)
        if same_heading or self._same_num(i, j):
            smaller = min(self.size_old[i], self.size_new[j]) or 1
            contained = round(self.overlaps.get((i, j), 0) / smaller, SHARE_DIGITS)
            if contained >= GROWN_CONTAINMENT:
                similarity = max(similarity, round(GROWN_EVIDENCE * contained, SHARE_DIGITS))
        if same_heading and HEADING_THRESHOLD <= similarity < PAIR_THRESHOLD:
            similarity = PAIR_THRESHOLD
        return similarity

    def _same_heading(self, i: int, j: int) -> bool:
        key = self.headings_old.get(i)
        return key is not None and key == self.headings_new.get(j)

    def _same_num(self, i: int, j: int) -> bool:
        key = self.nums_old.get(i)
        return key is not None and key == self.nums_new.get(j, "")

    def _containment(self, i: int, j: int, of_new: bool) -> float:
        """Share of the new provision's (or the old one's) weighted words found in the other."""
        size = self.size_new[j] if of_new else self.size_old[i]
        return round(self.overlaps.get((i, j), 0) / (size or 1), SHARE_DIGITS)

    def _add_pieces(self, groups: _Groups) -> None:
        """Attach provisions as pieces of splits and merges, best evidence first.

        A piece is a left-over provision, or one whose one-to-one partner explains it
        much worse (by `STEAL_MARGIN`) than the group it joins: half of a split article
        can resemble some other article, but not as much as the article it came from.
        A piece far from a group that stands in its place (`SLOT_BONUS`) needs
        `FAR_PIECE_CONTAINMENT`.
        """
        pieces = []
        least = PIECE_CONTAINMENT - _ROUNDING
        for (i, j), overlap in self.overlaps.items():
            for of_new in (True, False):
                if overlap < least * (self.size_new[j] if of_new else self.size_old[i]):
                    continue  # not contained enough, however rounded: not worth weighing
                share = self._containment(i, j, of_new)
                if share >= PIECE_CONTAINMENT:
                    pieces.append((-share, i, j, of_new))
        for _, i, j, of_new in sorted(pieces):
            if of_new:
                self._try_split_piece(groups, i, j)
            else:
                self._try_merge_piece(groups, i, j)

    def _try_split_piece(self, groups: _Groups, i: int, j: int) -> None:
        """Add new provision j to old provision i's group, making or growing a split."""
        pieces = groups.new_of.get(i)
        if not pieces or j in pieces or len(groups.old_of[pieces[0]]) > 1:
            return  # i is unpaired, already has j, or is part of a merge
        current = groups.old_of.get(j)
        if current is not None:
            (rival,) = current if len(current) == 1 else (None,)
            if rival is None or len(groups.new_of[rival]) > 1:
                return
            if self._containment(rival, j, True) + STEAL_MARGIN > self._containment(i, j, True):
                return
        if self._far_piece(i, j, of_new=True) and any(self._in_slot(i, k) for k in pieces):
            return  # the group stands in its place, and j far from it on little evidence
        if self._gain_ok(
            self.bags_old[i],
            self.size_old[i],
            [self.bags_new[k] for k in pieces],
            self.bags_new[j],
            self.size_new[j],
        ):
            groups.add_split_piece(i, j)

    def _try_merge_piece(self, groups: _Groups, i: int, j: int) -> None:
        """Add old provision i to new provision j's group, making or growing a merge."""
        pieces = groups.old_of.get(j)
        if not pieces or i in pieces or len(groups.new_of[pieces[0]]) > 1:
            return  # j is unpaired, already has i, or is a piece of a split
        current = groups.new_of.get(i)
        if current is not None:
            (rival,) = current if len(current) == 1 else (None,)
            if rival is None or len(groups.old_of[rival]) > 1:
                return
            if self._containment(i, rival, False) + STEAL_MARGIN > self._containment(i, j, False):
                return
        if self._far_piece(i, j, of_new=False) and any(self._in_slot(k, j) for k in pieces):
            return  # the group stands in its place, and i far from it on little evidence
        if self._gain_ok(
            self.bags_new[j],
            self.size_new[j],
            [self.bags_old[k] for k in pieces],
            self.bags_old[i],
            self.size_old[i],
        ):
            groups.add_merge_piece(i, j)

    def _far_piece(self, i: int, j: int, of_new: bool) -> bool:
        """Whether old i and new j are out of each other's slot, with the piece (new j
        if `of_new`, else old i) too little contained to join a group from afar."""
        if self._in_slot(i, j):
            return False
        return self._containment(i, j, of_new) < FAR_PIECE_CONTAINMENT

    def _gain_ok(
        self,
        target: Counter[str],
        target_size: int,
        group: list[Counter[str]],
        piece: Counter[str],
        piece_size: int,
    ) -> bool:
        """Whether the piece brings to its group enough of the target that the group
        did not already explain: `PIECE_GAIN` of the piece, `PIECE_TARGET_SHARE` of the
        target (a paragraph-sized article is not a piece of a long memorandum)."""
        without = sum(group, Counter())
        gain = self._overlap(target, without + piece) - self._overlap(target, without)
        return gain >= PIECE_GAIN * piece_size and gain >= PIECE_TARGET_SHARE * target_size

    def _group_similarity(self, olds: list[int], news: list[int]) -> float:
        if len(olds) == len(news) == 1 and (olds[0], news[0]) in self.overlaps:
            return self.similarity(olds[0], news[0])  # the same sum, already made
        a = sum((self.bags_old[i] for i in olds), Counter())
        b = sum((self.bags_new[j] for j in news), Counter())
        overlap = self._overlap(a, b)
        return self._dice(
            overlap, sum(self.size_old[i] for i in olds), sum(self.size_new[j] for j in news)
        )

    def _to_links(self, groups: _Groups) -> list[Link]:
        links = []
        seen: set[int] = set()
        for i in sorted(groups.new_of):
            if i in seen:
                continue
            news = sorted(groups.new_of[i])
            olds = sorted(groups.old_of[news[0]])
            seen.update(olds)
            similarity = self._group_similarity(olds, news)
            if len(olds) == len(news) == 1:
                similarity = max(similarity, self.evidence.get((olds[0], news[0]), 0.0))
            evidence = 1.0
            if len(olds) > 1:
                evidence = min(self._containment(i, news[0], of_new=False) for i in olds)
            elif len(news) > 1:
                evidence = min(self._containment(olds[0], j, of_new=True) for j in news)
            links.append(Link(tuple(olds), tuple(news), similarity, piece_evidence=evidence))
        links += [Link((i,), (), 0.0) for i in self.rest_old if i not in groups.new_of]
        links += [Link((), (j,), 0.0) for j in self.rest_new if j not in groups.old_of]
        return links


class _Groups:
    """The links being built, indexed both ways: old -> new provisions, new -> old.

    One to one: new_of[i] == [j] and old_of[j] == [i]. A split of i: new_of[i] has
    several, each of them with old_of == [i]. A merge into j: the reverse.
    """

    def __init__(self) -> None:
        self.new_of: dict[int, list[int]] = {}
        self.old_of: dict[int, list[int]] = {}

    def pair(self, i: int, j: int) -> None:
        self.new_of[i], self.old_of[j] = [j], [i]

    def _unpair(self, i: int, j: int) -> None:
        """Break the one-to-one pair of i and j (one of them is taken by a group)."""
        del self.new_of[i]
        del self.old_of[j]

    def add_split_piece(self, i: int, j: int) -> None:
        if j in self.old_of:
            self._unpair(self.old_of[j][0], j)
        self.new_of[i].append(j)
        self.old_of[j] = [i]

    def add_merge_piece(self, i: int, j: int) -> None:
        if i in self.new_of:
            self._unpair(i, self.new_of[i][0])
        self.old_of[j].append(i)
        self.new_of[i] = [j]


class _Index:
    """Which provisions of one draft hold each word, and which words are rare enough
    there to single a provision out, ranked rarest first (fewest provisions, then
    alphabetical, so the choice of anchors never depends on hash order)."""

    def __init__(self, bags: dict[int, Counter[str]]) -> None:
        # How many provisions hold each word, counted in C; only the rare words, the
        # only ones ever looked up, get the list of their provisions.
        held = Counter(chain.from_iterable(bags.values()))
        cap = max(8, len(bags) // 10)
        rare = {t for t, n in held.items() if n <= cap}
        self.postings: dict[str, list[int]] = defaultdict(list)
        for k in sorted(bags):
            for t in bags[k].keys() & rare:
                self.postings[t].append(k)
        self.rank = {t: r for r, t in enumerate(sorted(rare, key=lambda t: (held[t], t)))}

    def partners(self, bag: Counter[str]) -> set[int]:
        """The provisions sharing one of the bag's `ANCHORS` rarest words."""
        anchors = sorted(bag.keys() & self.rank.keys(), key=self.rank.__getitem__)
        found: set[int] = set()
        for t in anchors[:ANCHORS]:
            found.update(self.postings[t])
        return found


def _unique_headings(provisions: Sequence[Provision], rest: list[int]) -> dict[int, str]:
    """The headings (as `label`s) found on one provision only of a draft, among `rest`,
    by index: a heading shared by several ("[deleted]", "Definitions" in each annex)
    names none of them. Placeholder headings never count."""
    keys = {k: label(provisions[k].heading) for k in rest}
    counts = Counter(keys.values())
    return {
        k: key for k, key in keys.items() if key and counts[key] == 1 and key not in PLACEHOLDERS
    }
