"""Compare new drafts with their neighbours before anyone asks.

After an import, the pairs a reader will open first are each new draft against the one
before it in its negotiation (and the one after it, when a draft is slipped in between
two). They are compared here, one pair after another, in the background
(`viewer.workers`), and cached, so the first look at any of them is a cache hit. A pair
already cached costs one read; a newer import starts the list again (the older run's
results that are already cached stay cached); the status bar says how far it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStatusBar, QWidget

from drafts.comparing.comparisons import compare_drafts
from drafts.comparing.diff import EXACT
from drafts.model import StoredDraft
from drafts.store import Store
from viewer.snapshots import Reader, StoreSnapshot
from viewer.workers import Background


def neighbour_pairs(
    drafts: Sequence[StoredDraft], new_ids: set[int]
) -> list[tuple[StoredDraft, StoredDraft]]:
    """Each pair of neighbouring drafts (in negotiation order, negotiation by
    negotiation) that has a new draft on either side, in order."""
    pairs = []
    for negotiation in dict.fromkeys(d.negotiation_id for d in drafts):
        own = [d for d in drafts if d.negotiation_id == negotiation]
        pairs += [(a, b) for a, b in pairwise(own) if a.id in new_ids or b.id in new_ids]
    return pairs


class Precompute(QObject):
    """The pairs still to compare, one at a time, each cached as it lands."""

    def __init__(
        self,
        owner: QWidget,
        reader: Reader,
        status: QStatusBar,
        cache: Callable[[StoreSnapshot], None],
    ) -> None:
        super().__init__(owner)
        self.reader = reader
        self.store: Store = reader.store
        self.cache = cache
        self.background = Background(owner, status)
        self.pending: list[tuple[StoredDraft, StoredDraft]] = []
        self.done = 0

    def start(self, new_ids: set[int], on_screen: tuple[int, int] | None = None) -> None:
        """Compare every neighbouring pair that has one of `new_ids` but the pair the
        window is comparing itself (`on_screen`, ids); an earlier list is dropped."""
        pairs = neighbour_pairs(self.store.drafts(), new_ids)
        self.pending = [(a, b) for a, b in pairs if (a.id, b.id) != on_screen]
        self.done = 0
        self._next()

    def busy(self) -> bool:
        return bool(self.pending) or self.background.busy()

    def _next(self) -> None:
        if not self.pending:
            return
        old, new = self.pending.pop(0)
        total = self.done + len(self.pending) + 1
        snapshot, reading = self.reader.comparison(old, new, EXACT)
        self.background.run(
            lambda: compare_drafts(snapshot.as_store(), old, new),
            lambda _: self._landed(snapshot),
            lambda _: self._landed(None),  # a pair that fails is left for when it is opened
            busy=f"Comparing new drafts with their neighbours ({self.done + 1} of {total})…",
            reading=reading,
        )

    def _landed(self, snapshot: StoreSnapshot | None) -> None:
        self.done += 1
        if snapshot is not None:
            self.cache(snapshot)
        self._next()
