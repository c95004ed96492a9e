"""What a background computation reads from the store, read beforehand on the GUI thread.

The core's comparisons, `history`, `blame`, `placements` and `export_notes` take a
`Store`, read it as they go and cache the comparisons they compute. An SQLite
connection belongs to the thread that opened it, so the window's store cannot go into
the pool with them. A `StoreSnapshot` goes instead: it holds what the computation will
read (drafts, their provisions, cached comparisons, the rows of a few queries) and
answers the store's reading calls from memory, on any thread. The comparisons the
computation would cache are kept, and written to the store by `write_back` on the GUI
thread when the result is applied.

A `Reader` makes the snapshots. Each comes with its reading: an iterator that fills it
a little per step (a draft's provisions, say), for `Background.run` to step through
on the GUI thread between events, so that reading twenty drafts never freezes the
window either. The reader keeps every draft's provisions once read: a stored draft
never changes (it is its content, and Travaux deletes none).

A call for something that was not read raises `NotRead` (a bug, shown like any other
error), never a partial answer; only the comparison cache may miss, which just means
the comparison is computed. The snapshot matches the `Store` by its methods, not its
class (`as_store`): the core has no read-only interface for it to implement.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any, cast

from drafts.comparing.compare import ALGORITHM_VERSION
from drafts.comparing.comparisons import Comparison
from drafts.comparing.diff import EXACT, DiffOptions
from drafts.errors import StoreError
from drafts.model import Provision, StoredDraft
from drafts.store import Store

if TYPE_CHECKING:  # the annotations' modules load after the window's first paint
    from drafts.annotating.annotations import Annotation

CacheKey = tuple[int, int, str, int]
"""(from draft, to draft, options, algorithm): a row of the comparisons cache."""
RowsKey = tuple[str, tuple[object, ...]]
Row = tuple[Any, ...]
Reading = Iterator[None]
"""Steps of reading on the GUI thread; each step reads a little."""


def _annotations_and_tags(store: Store, negotiations: Iterable[int]) -> list[Annotation]:
    """The annotations of `negotiations`, having read the tags too (for a `_Recorder`)."""
    from drafts.annotating.annotations import find_annotations, tags

    items = [a for n in negotiations for a in find_annotations(store, negotiation_id=n)]
    tags(store)
    return items


class NotRead(LookupError):
    """A computation asked its snapshot for something the GUI thread did not read."""


class StoreSnapshot:
    """The part of a store one computation reads, in memory; see the module's docstring.
    Filled on the GUI thread, then read by workers; `write_back` on the GUI thread."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._drafts: dict[int, StoredDraft] = {}
        self._negotiations: dict[int, list[StoredDraft]] = {}
        """Negotiation -> all its drafts in the store's order, for those read whole."""
        self._provisions: dict[int, tuple[Provision, ...]] = {}
        self._cache: dict[CacheKey, str] = {}
        self._rows: dict[RowsKey, list[Row]] = {}
        self._unsaved: list[tuple[CacheKey, str]] = []
        self._lock = threading.Lock()

    def as_store(self) -> Store:
        """This snapshot where the core asks for a `Store`."""
        return cast(Store, self)

    # Filling, on the GUI thread ------------------------------------------------------

    def add_negotiation(self, negotiation_id: int, drafts: Sequence[StoredDraft]) -> None:
        self._negotiations[negotiation_id] = list(drafts)
        self.add_drafts(drafts)

    def add_drafts(self, drafts: Sequence[StoredDraft]) -> None:
        self._drafts.update({d.id: d for d in drafts})

    def add_provisions(self, draft_id: int, provisions: tuple[Provision, ...]) -> None:
        self._provisions[draft_id] = provisions

    def add_cached(self, key: CacheKey, result: str | None) -> None:
        if result is not None:
            self._cache[key] = result

    def add_rows(self, rows: dict[RowsKey, list[Row]]) -> None:
        self._rows.update(rows)

    # The store's reading calls -------------------------------------------------------

    def drafts(self, negotiation_id: int | None = None) -> list[StoredDraft]:
        if negotiation_id is None or negotiation_id not in self._negotiations:
            raise NotRead(f"the drafts of negotiation {negotiation_id} were not read")
        return list(self._negotiations[negotiation_id])

    def draft(self, draft_id: int) -> StoredDraft:
        if draft_id not in self._drafts:
            raise NotRead(f"draft {draft_id} was not read")
        return self._drafts[draft_id]

    def provisions(self, draft_id: int) -> list[Provision]:
        if draft_id not in self._provisions:
            raise NotRead(f"the provisions of draft {draft_id} were not read")
        return list(self._provisions[draft_id])

    def cached_comparison(
        self, from_id: int, to_id: int, options: str, algorithm: int
    ) -> str | None:
        with self._lock:
            return self._cache.get((from_id, to_id, options, algorithm))

    def save_comparison(
        self, from_id: int, to_id: int, options: str, algorithm: int, result: str
    ) -> None:
        """Keep a computed comparison, for this snapshot's later reads and for the store."""
        key = (from_id, to_id, options, algorithm)
        with self._lock:
            self._cache[key] = result
            self._unsaved.append((key, result))

    def rows(self, sql: str, args: Sequence[object] = ()) -> list[Row]:
        key = (sql, tuple(args))
        if key not in self._rows:
            raise NotRead(f"this query was not run beforehand: {' '.join(sql.split())[:60]}…")
        return list(self._rows[key])

    def row(self, sql: str, args: Sequence[object] = ()) -> Row | None:
        found = self.rows(sql, args)
        return found[0] if found else None

    # Back on the GUI thread ----------------------------------------------------------

    def write_back(self, store: Store, failed: Callable[[str], None]) -> Reading:
        """Cache in `store` the comparisons computed since the last write-back, one a
        step (each is a transaction); `failed(reason)` if the store refuses (the
        results stand all the same, and the rest is not tried)."""
        with self._lock:
            unsaved, self._unsaved = self._unsaved, []
        for key, result in unsaved:
            try:
                store.save_comparison(*key, result)
            except StoreError as exc:
                failed(str(exc))
                return
            yield


class _Recorder:
    """The store, keeping the rows of every query run through it (GUI thread)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.name = store.name
        self.seen: dict[RowsKey, list[Row]] = {}

    def rows(self, sql: str, args: Sequence[object] = ()) -> list[Row]:
        found = self.store.rows(sql, args)
        self.seen[(sql, tuple(args))] = found
        return list(found)

    def row(self, sql: str, args: Sequence[object] = ()) -> Row | None:
        found = self.rows(sql, args)
        return found[0] if found else None


class Reader:
    """Makes the snapshots of one store, on the GUI thread; see the module's docstring."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._provisions: dict[int, tuple[Provision, ...]] = {}

    def provisions(self, draft_id: int) -> tuple[Provision, ...]:
        """A draft's provisions, from the store the first time (GUI thread only)."""
        if draft_id not in self._provisions:
            self._provisions[draft_id] = tuple(self.store.provisions(draft_id))
        return self._provisions[draft_id]

    def comparison(
        self, old: StoredDraft, new: StoredDraft, options: DiffOptions
    ) -> tuple[StoreSnapshot, Reading]:
        """For `compare_drafts(old, new, options)`: both drafts and the cached result."""
        snapshot = StoreSnapshot(self.store.name)
        return snapshot, self._read(snapshot, [old, new], [(old.id, new.id)], options)

    def history(self, draft: StoredDraft, options: DiffOptions) -> tuple[StoreSnapshot, Reading]:
        """For `find_provision`, `history` and `blame` in `draft`: every draft of its
        negotiation and the cached comparisons of neighbouring drafts."""
        snapshot = StoreSnapshot(self.store.name)

        def reading() -> Reading:
            drafts = self.store.drafts(draft.negotiation_id)
            snapshot.add_negotiation(draft.negotiation_id, drafts)
            yield
            pairs = [(a.id, b.id) for a, b in pairwise(drafts)]
            yield from self._read(snapshot, drafts, pairs, options)

        return snapshot, reading()

    def drafts(self, drafts: Sequence[StoredDraft]) -> tuple[StoreSnapshot, Reading]:
        """Those drafts and their provisions."""
        snapshot = StoreSnapshot(self.store.name)
        return snapshot, self._read(snapshot, drafts, [], EXACT)

    def placements(
        self,
        drafts: Sequence[StoredDraft],
        items: Sequence[Annotation] = (),
        made_in: Iterable[int] = (),
    ) -> tuple[StoreSnapshot, Reading]:
        """For `placements` of `items` in each of `drafts`: also the drafts the
        annotations were made in (either side of a change; or those of `made_in`),
        and their cached comparisons with these."""
        snapshot = StoreSnapshot(self.store.name)
        return snapshot, self._placements(snapshot, drafts, items, made_in)

    def export_notes(self, comparison: Comparison) -> tuple[StoreSnapshot, Reading]:
        """For `export_notes` of `comparison`: its negotiations' annotations, the tags,
        and what placing those annotations in both of its drafts reads."""
        snapshot = StoreSnapshot(self.store.name)

        def reading() -> Reading:
            recorder = _Recorder(self.store)
            as_store = cast(Store, recorder)
            negotiations = {comparison.new.negotiation_id, comparison.old.negotiation_id}
            items = _annotations_and_tags(as_store, negotiations)
            snapshot.add_rows(recorder.seen)
            yield
            yield from self._placements(snapshot, [comparison.new, comparison.old], items)

        return snapshot, reading()

    def synopsis(self, drafts: Sequence[StoredDraft]) -> tuple[StoreSnapshot, Reading]:
        """For `synopsis_request` of `drafts`: them, the cached comparisons of neighbours,
        and what placing the annotations in the last two reads."""
        snapshot = StoreSnapshot(self.store.name)

        def reading() -> Reading:
            pairs = [(a.id, b.id) for a, b in pairwise(drafts)]
            yield from self._read(snapshot, drafts, pairs, EXACT)
            recorder = _Recorder(self.store)
            as_store = cast(Store, recorder)
            negotiations = {drafts[-1].negotiation_id, drafts[-2].negotiation_id}
            items = _annotations_and_tags(as_store, negotiations)
            snapshot.add_rows(recorder.seen)
            yield
            yield from self._placements(snapshot, [drafts[-1], drafts[-2]], items)

        return snapshot, reading()

    def _placements(
        self,
        snapshot: StoreSnapshot,
        drafts: Sequence[StoredDraft],
        items: Sequence[Annotation],
        made_in: Iterable[int] = (),
    ) -> Reading:
        ids = {a.target.draft_id for a in items} | set(made_in)
        ids |= {a.changed_to.draft_id for a in items if a.changed_to is not None}
        sides = [self.store.draft(i) for i in sorted(ids - {d.id for d in drafts})]
        pairs = [(s.id, d.id) for d in drafts for s in [*drafts, *sides] if s.id != d.id]
        yield from self._read(snapshot, [*drafts, *sides], pairs, EXACT)

    def _read(
        self,
        snapshot: StoreSnapshot,
        drafts: Sequence[StoredDraft],
        pairs: Sequence[tuple[int, int]],
        options: DiffOptions,
    ) -> Reading:
        """A draft's provisions a step (each a few milliseconds), then the cache."""
        snapshot.add_drafts(drafts)
        for d in drafts:
            snapshot.add_provisions(d.id, self.provisions(d.id))
            yield
        key = options.key()
        for a, b in pairs:
            found = self.store.cached_comparison(a, b, key, ALGORITHM_VERSION)
            snapshot.add_cached((a, b, key, ALGORITHM_VERSION), found)
            yield
