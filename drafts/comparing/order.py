"""Which of a sequence of positions keep their order: the longest chain of them that
only rises, found by patience sorting in O(n log n).

A comparison calls a provision moved when it is off such a chain of paired
provisions; the alignment takes its landmarks (`align.SLOT_BONUS`) from such a chain
of identical ones. Of several longest chains the earliest is kept, so the answer is
the same every time.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence


def longest_rising(positions: Sequence[int]) -> set[int]:
    """Indices into `positions` of a longest strictly rising run of its values."""
    tails: list[int] = []  # tails[h] = smallest value ending a chain of length h + 1
    tail_at: list[int] = []  # index of that chain's end
    parent = [-1] * len(positions)
    for n, position in enumerate(positions):
        h = bisect_left(tails, position)
        if h == len(tails):
            tails.append(position)
            tail_at.append(n)
        else:
            tails[h] = position
            tail_at[h] = n
        parent[n] = tail_at[h - 1] if h else -1
    chain = set()
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        chain.add(n)
        n = parent[n]
    return chain
