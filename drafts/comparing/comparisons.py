"""Comparisons of stored drafts: computed once, cached in the database, and written out
as the JSON other tools read.

The cache row names the algorithm version and both drafts' content hashes, so a
comparison is recomputed when the code that makes it or either draft changes, and
never served stale. Caching is a convenience: if it cannot be written (a read-only
file, a full disk), the comparison is still returned, with a warning.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from drafts.comparing.compare import ALGORITHM_VERSION, ProvisionChange, Status, compare, totals
from drafts.comparing.diff import EXACT, DiffOptions, Segment, WordCounts
from drafts.errors import StoreError
from drafts.model import Provision, StoredDraft
from drafts.store import Store

_OP_CODES = {"equal": "=", "delete": "-", "insert": "+"}
_OPS = {code: op for op, code in _OP_CODES.items()}


@dataclass(frozen=True)
class Comparison:
    """Two stored drafts and what became of each of their provisions."""

    old: StoredDraft
    new: StoredDraft
    options: DiffOptions
    changes: tuple[ProvisionChange, ...]
    from_cache: bool = False
    warning: str = ""

    def totals(self) -> dict[str, int]:
        return totals(self.changes)


@dataclass(frozen=True)
class ComparisonRequest:
    """Everything a comparison needs, read from the store: `run` touches no database,
    so the viewer runs it in a worker thread while the store stays on its own."""

    old: StoredDraft
    new: StoredDraft
    options: DiffOptions
    old_provisions: tuple[Provision, ...]
    new_provisions: tuple[Provision, ...]

    def run(self) -> Comparison:
        changes = compare(self.old_provisions, self.new_provisions, self.options)
        return Comparison(self.old, self.new, self.options, tuple(changes))


def request(
    store: Store, old: StoredDraft, new: StoredDraft, options: DiffOptions = EXACT
) -> ComparisonRequest:
    return ComparisonRequest(
        old, new, options, tuple(store.provisions(old.id)), tuple(store.provisions(new.id))
    )


def from_cache(store: Store, req: ComparisonRequest) -> Comparison | None:
    """The cached comparison, if it is current and fits the drafts' provisions."""
    cached = store.cached_comparison(req.old.id, req.new.id, req.options.key(), ALGORITHM_VERSION)
    if cached is None:
        return None
    try:
        rows = json.loads(cached)
    except ValueError:  # a damaged cache entry is recomputed, as a stale one is
        return None
    changes = _decode(rows, req.old_provisions, req.new_provisions)
    if changes is None:
        return None
    return Comparison(req.old, req.new, req.options, changes, from_cache=True)


def remember(store: Store, comparison: Comparison) -> Comparison:
    """Cache a computed comparison; if the cache cannot be written, the comparison is
    returned all the same, carrying the reason as its warning."""
    try:
        store.save_comparison(
            comparison.old.id,
            comparison.new.id,
            comparison.options.key(),
            ALGORITHM_VERSION,
            json.dumps(_encode(comparison.changes)),
        )
    except StoreError as exc:
        return replace(comparison, warning=str(exc))
    return comparison


def compare_drafts(
    store: Store, old: StoredDraft, new: StoredDraft, options: DiffOptions = EXACT
) -> Comparison:
    """Compare two stored drafts, from the cache when it is current."""
    req = request(store, old, new, options)
    return from_cache(store, req) or remember(store, req.run())


def to_json(comparison: Comparison) -> dict[str, Any]:
    """The documented JSON shape of a comparison (README, "compare --json")."""
    return {
        "from": draft_json(comparison.old),
        "to": draft_json(comparison.new),
        "options": comparison.options.key(),
        "algorithm": ALGORITHM_VERSION,
        "provisions": [_change_json(change) for change in comparison.changes],
        "totals": comparison.totals(),
    }


def draft_json(draft: StoredDraft) -> dict[str, Any]:
    """A draft in every JSON shape Travaux prints (compare, history, search)."""
    return {
        "id": draft.id,
        "label": draft.label,
        "date": draft.date,
        "symbol": draft.symbol,
        "negotiation": draft.negotiation,
    }


def _change_json(change: ProvisionChange) -> dict[str, Any]:
    return {
        "status": change.status,
        "from": [p.eid for p in change.old],
        "to": [p.eid for p in change.new],
        "from_num": change.from_num,
        "to_num": change.to_num,
        "from_heading": "\n".join(p.heading for p in change.old),
        "to_heading": "\n".join(p.heading for p in change.new),
        "similarity": round(change.similarity, 4),
        "score": round(change.score, 4),
        "uncertain": change.uncertain,
        "words_added": change.words.added,
        "words_deleted": change.words.deleted,
    }


def _encode(changes: tuple[ProvisionChange, ...]) -> list[dict[str, Any]]:
    """The cache form: everything but the provisions themselves, which are in the store."""
    return [
        {
            "status": c.status,
            "old": [p.eid for p in c.old],
            "new": [p.eid for p in c.new],
            "score": c.score,
            "heading": _segments_json(c.heading),
            "text": _segments_json(c.text),
            "notes": _segments_json(c.notes),
            "words": [c.words.kept, c.words.deleted, c.words.added],
            "uncertain": c.uncertain,
        }
        for c in changes
    ]


def _segments_json(segments: tuple[Segment, ...]) -> list[list[str]]:
    return [[_OP_CODES[s.op], s.old, s.new] for s in segments]


def _decode(
    rows: list[dict[str, Any]], old: Sequence[Provision], new: Sequence[Provision]
) -> tuple[ProvisionChange, ...] | None:
    """Changes from the cache form, or None if it does not fit the drafts' provisions."""
    old_by_eid = {p.eid: p for p in old}
    new_by_eid = {p.eid: p for p in new}
    try:
        return tuple(
            ProvisionChange(
                status=Status(row["status"]),
                old=tuple(old_by_eid[e] for e in row["old"]),
                new=tuple(new_by_eid[e] for e in row["new"]),
                score=float(row["score"]),
                heading=_segments(row["heading"]),
                text=_segments(row["text"]),
                notes=_segments(row["notes"]),
                words=WordCounts(*row["words"]),
                uncertain=bool(row["uncertain"]),
            )
            for row in rows
        )
    except (KeyError, TypeError, ValueError):
        return None


def _segments(rows: list[list[str]]) -> tuple[Segment, ...]:
    return tuple(Segment(_OPS[op], old, new) for op, old, new in rows)
