"""The best one-to-one pairing of weighted candidate pairs, for the alignment.

Pairs are grouped by the provisions they connect; each group is solved exactly by the
Hungarian method (with potentials), a group too large for it greedily, best pair first.
Kept apart from `align` because it knows nothing of provisions: indices and weights.
"""

from __future__ import annotations

from collections import defaultdict

HUNGARIAN_LIMIT = 120
"""Largest group of mutually similar provisions solved exactly; a larger one (never
seen in real drafts) is assigned greedily, best pair first."""


def assign(weights: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """The set of pairs, each index used once, with the greatest total weight.

    Solved exactly (Hungarian method) within each group of provisions connected by
    candidate pairs; groups are small in practice since distinctive words rarely
    spread over many provisions.
    """
    chosen = []
    for component in components(weights):
        rows = sorted({i for i, _ in component})
        cols = sorted({j for _, j in component})
        if len(rows) == 1 or len(cols) == 1 or len(rows) + len(cols) > 2 * HUNGARIAN_LIMIT:
            chosen += greedy({pair: weights[pair] for pair in component})
            continue
        transpose = len(rows) > len(cols)
        if transpose:
            rows, cols = cols, rows
        cost = [[-weights.get((c, r) if transpose else (r, c), 0.0) for c in cols] for r in rows]
        for r, c in enumerate(hungarian(cost)):
            pair = (cols[c], rows[r]) if transpose else (rows[r], cols[c])
            if c >= 0 and pair in weights:
                chosen.append(pair)
    return chosen


def greedy(weights: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    used_old, used_new, chosen = set(), set(), []
    for (i, j), _ in sorted(weights.items(), key=lambda item: (-item[1], item[0])):
        if i not in used_old and j not in used_new:
            chosen.append((i, j))
            used_old.add(i)
            used_new.add(j)
    return chosen


def components(weights: dict[tuple[int, int], float]) -> list[list[tuple[int, int]]]:
    """Pairs grouped by connected component (old and new indices as one graph)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in weights:
        a, b = find(("o", i)), find(("n", j))
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for pair in sorted(weights):
        groups[find(("o", pair[0]))].append(pair)
    return [groups[key] for key in sorted(groups)]


def hungarian(cost: list[list[float]]) -> list[int]:
    """Minimum-cost assignment of every row to a distinct column (rows <= columns), by
    the Hungarian method with potentials, O(rows² x columns). Returns each row's column."""
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner, way = [0] * (m + 1), [0] * (m + 1)
    for row in range(1, n + 1):
        owner[0], col = row, 0
        best, used = [inf] * (m + 1), [False] * (m + 1)
        while owner[col]:
            used[col] = True
            r, delta, nxt = owner[col], inf, 0
            for c in range(1, m + 1):
                if used[c]:
                    continue
                reduced = cost[r - 1][c - 1] - u[r] - v[c]
                if reduced < best[c]:
                    best[c], way[c] = reduced, col
                if best[c] < delta:
                    delta, nxt = best[c], c
            for c in range(m + 1):
                if used[c]:
                    u[owner[c]] += delta
                    v[c] -= delta
                else:
                    best[c] -= delta
            col = nxt
        while col:
            prev = way[col]
            owner[col] = owner[prev]
            col = prev
    result = [-1] * n
    for c in range(1, m + 1):
        if owner[c]:
            result[owner[c] - 1] = c - 1
    return result
