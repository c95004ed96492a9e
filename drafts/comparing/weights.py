"""The arithmetic of the alignment's similarity: each word weighed by its rarity, in
whole units so that every sum is exact, and the weighted overlaps of many candidate
pairs at once (numpy, loaded only when that many pairs are weighed).

`drafts.comparing.align` decides which pairs to weigh and what their similarity says;
this only counts, and gives the same sums to the last unit whichever way it counts.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from itertools import groupby
from operator import itemgetter, mul
from typing import Any

from drafts.comparing.arrays import numpy

WEIGHT_SCALE = 1 << 30
"""Weights are counted in whole units of 1/WEIGHT_SCALE, so overlaps are exact sums
(below 2**53, as numpy's exact products need, for provisions of up to 800,000 words)."""

_WORD = re.compile(r"\w+")


class WeightedBags(dict[int, Counter[str]]):
    """Each provision's bag with each word's count times its (whole) weight, made on
    first use: overlaps of candidate pairs are summed from the counts, and only the
    few provisions weighed as pieces of splits and merges need their bag."""

    def __init__(self, counts: dict[int, Counter[str]], weight: dict[str, int]) -> None:
        super().__init__()
        self.counts, self.weight = counts, weight

    def __missing__(self, k: int) -> Counter[str]:
        weight = self.weight
        bag = self[k] = Counter({t: weight[t] * c for t, c in self.counts[k].items()})
        return bag


def weighted_size(bag: Counter[str], weight: dict[str, int]) -> int:
    """The sum of a bag's weighted counts."""
    return sum(map(mul, map(weight.__getitem__, bag), bag.values()))


def idf(rest_bags: Sequence[Counter[str]], paired: Sequence[str], n: int) -> dict[str, float]:
    """Weight of each word of the unpaired provisions: ln((N + 1) / df), where df counts the
    N provisions of both drafts that use the word, identical pairs (`paired`: the
    searched text of one of each) counting twice.

    A word in every provision weighs almost nothing (ln(1 + 1/N)); with only two
    provisions to compare, every word still counts (ln 1.5 against ln 3)."""
    df: Counter[str] = Counter()
    for bag in rest_bags:
        df.update(bag.keys())
    vocabulary = df.keys()
    in_pairs: Counter[str] = Counter()
    for text in paired:
        in_pairs.update(vocabulary & set(_WORD.findall(text)))
    return {t: math.log((n + 1) / (d + 2 * in_pairs[t])) for t, d in df.items()}


def whole(weight: dict[str, float]) -> dict[str, int]:
    """Each weight as a whole number of `1 / WEIGHT_SCALE` units (at least one: a word
    present always counts)."""
    return {t: max(1, round(w * WEIGHT_SCALE)) for t, w in weight.items()}


def matrix_overlaps(
    old: dict[int, Counter[str]],
    new: dict[int, Counter[str]],
    weight: dict[str, int],
    pairs: list[tuple[int, int]],
) -> dict[tuple[int, int], int]:
    """`align._Matcher._overlap` of many pairs at once, by matrix products (numpy).

    The lesser of two counts is the number of levels k = 1, 2, … that both reach, so
    the weighted overlap is a sum over levels of one product of 0/1 matrices (weighted
    on one side), each over the words that reach that level on both sides. Weights are
    whole numbers and every sum stays far below 2**53, so the floating-point products
    are exact in any order: the result equals the pair-by-pair sums to the last unit.
    """
    np = numpy()
    shared = sorted(set().union(*old.values()) & set().union(*new.values()))
    column = {t: k for k, t in enumerate(shared)}
    a, b = count_matrix(old, column), count_matrix(new, column)
    weights = np.array([weight[t] for t in shared], dtype=float)
    total = np.zeros((a.shape[0], b.shape[0]))
    level = 1
    while a.shape[1]:
        # Only the words both sides have at this level go on to the next.
        keep = np.flatnonzero((a >= level).any(axis=0) & (b >= level).any(axis=0))
        a, b, weights = a[:, keep], b[:, keep], weights[keep]
        total += ((a >= level) * weights) @ (b >= level).T
        level += 1
    row_of = {k: r for r, k in enumerate(sorted(old))}
    col_of = {k: c for c, k in enumerate(sorted(new))}
    return {(i, j): int(total[row_of[i], col_of[j]]) for i, j in pairs}


def array_overlaps(
    old: dict[int, Counter[str]],
    new: dict[int, Counter[str]],
    weight: dict[str, int],
    pairs: list[tuple[int, int]],
) -> dict[tuple[int, int], int]:
    """`align._Matcher._overlap` of many pairs (sorted) with numpy, old provision by old
    provision: its weighted counts are spread over the vocabulary, then read at the
    words of all its candidates at once, the lesser of the two counts kept and summed
    candidate by candidate. Whole numbers in 64 bits: the sums are exact."""
    np = numpy()
    column = {t: k for k, t in enumerate(weight)}
    weights = np.fromiter(weight.values(), dtype=np.int64, count=len(weight))

    def arrays(bag: Counter[str]) -> tuple[Any, Any]:
        ids = np.fromiter(map(column.__getitem__, bag), dtype=np.int64, count=len(bag))
        counts = np.fromiter(bag.values(), dtype=np.int64, count=len(bag))
        return ids, weights[ids] * counts

    new_arrays = {j: arrays(new[j]) for j in sorted({j for _, j in pairs})}
    spread = np.zeros(len(column), dtype=np.int64)
    overlaps: dict[tuple[int, int], int] = {}
    for i, group in groupby(pairs, key=itemgetter(0)):
        partners = [j for _, j in group]
        ids, values = arrays(old[i])
        spread[ids] = values
        their_ids = np.concatenate([new_arrays[j][0] for j in partners])
        their_values = np.concatenate([new_arrays[j][1] for j in partners])
        # running[k]: the sum of the first k lesser counts; each partner's sum is the
        # difference of running at the ends of its words and of the partner before.
        running = np.concatenate(([0], np.cumsum(np.minimum(spread[their_ids], their_values))))
        ends = np.cumsum([len(new_arrays[j][0]) for j in partners])
        sums = np.diff(running[ends], prepend=0)
        spread[ids] = 0
        overlaps.update(zip([(i, j) for j in partners], sums.tolist(), strict=True))
    return overlaps


def count_matrix(bags: dict[int, Counter[str]], column: dict[str, int]) -> Any:
    """One row per bag (in index order), one column per word: the word's count."""
    np = numpy()
    matrix = np.zeros((len(bags), len(column)), dtype=np.int32)
    rows: list[int] = []
    cols: list[int] = []
    counts: list[int] = []
    for r, k in enumerate(sorted(bags)):
        bag = bags[k]
        found = [t for t in bag if t in column]
        rows.extend([r] * len(found))
        cols.extend(map(column.__getitem__, found))
        counts.extend(map(bag.__getitem__, found))
    matrix[rows, cols] = counts
    return matrix
