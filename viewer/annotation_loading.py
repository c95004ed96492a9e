"""A full reading of the annotations for the window: read, placed, listed.

`Load` is one such reading. The GUI thread fills it a part at a time (`take`, between
events: the store's connection is that thread's); then `compute`, in the pool, places
what was not placed before, asks the team's dossier who wrote what, lists every note
for the dock and indexes the placements by provision; the `Loaded` result goes back to
the GUI thread whole, which only swaps it in. So 100,000 annotations never hold the
window for longer than a part.

`TeamWatch` reads the dossier beside the database (`drafts.dossier.notes.team_view`)
once per sync: the clone's state file changes with each, so it is read again only then.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from drafts.annotating.anchoring import Anchored, Placement
from drafts.annotating.annotations import Annotation, from_row, placements
from drafts.comparing.comparisons import Comparison
from drafts.model import NEW, OLD, StoredDraft
from viewer.annotation_listing import Listing, TeamFacts
from viewer.annotation_panel import PanelNote
from viewer.snapshots import StoreSnapshot

READ_PART = 500
"""Annotations read from the store in one step on the GUI thread (a few milliseconds)."""

ByEid = dict[str, set[int]]
Row = tuple[Any, ...]


@dataclass
class Loaded:
    """Every annotation of the negotiation, placed in both drafts on screen and listed."""

    items: dict[int, Annotation]
    placed: dict[str, dict[int, Placement]]
    fresh: dict[tuple[int, str], Placement]
    """(draft id, URI) -> placement, of those placed now (kept for the next time)."""
    on_eid: dict[str, ByEid]
    notes: list[PanelNote]
    team: TeamFacts
    comparisons: dict[str, dict[int, Comparison]]
    """Side -> the comparisons (by the other draft's id) notes were carried through:
    for placing one more note made there at once."""


@dataclass
class Load:
    """One reading: filled on the GUI thread, computed in the pool (see the module)."""

    drafts: dict[str, StoredDraft]
    team: Callable[[], TeamFacts]
    rows: list[Row] = field(default_factory=list)
    known: dict[str, dict[int, Placement]] = field(default_factory=lambda: {OLD: {}, NEW: {}})
    missing: dict[str, list[int]] = field(default_factory=lambda: {OLD: [], NEW: []})
    made_in: set[int] = field(default_factory=set)
    """The drafts the annotations were made in (either side)."""
    snapshot: StoreSnapshot | None = None
    listing: Listing | None = None
    negotiation: list[tuple[int, str]] = field(default_factory=list)

    def take(self, part: Sequence[Row], placed_before: Mapping[tuple[int, str], Placement]) -> None:
        """A part of the annotations' rows (`annotation_rows`), with what is known of
        where they go."""
        self.rows.extend(part)
        for side, draft in self.drafts.items():
            known, missing = self.known[side], self.missing[side]
            for row in part:
                place = placed_before.get((draft.id, row[1]))
                if place is None:
                    missing.append(row[0])
                else:
                    known[row[0]] = place
        self.made_in.update(row[2] for row in part)
        self.made_in.update(row[9] for row in part if row[9] is not None)

    def compute(self) -> Loaded:
        with _no_collection():
            return self._compute()

    def _compute(self) -> Loaded:
        items = {row[0]: from_row(row) for row in self.rows}
        placed = {side: dict(known) for side, known in self.known.items()}
        fresh: dict[tuple[int, str], Placement] = {}
        comparisons: dict[str, dict[int, Comparison]] = {OLD: {}, NEW: {}}
        for side, missing in self.missing.items():
            if not missing:
                continue
            assert self.snapshot is not None
            draft, notes = self.drafts[side], [items[i] for i in missing]
            found = placements(self.snapshot.as_store(), draft, notes, comparisons[side])
            placed[side].update(found)
            fresh.update({(draft.id, a.uri): found[a.id] for a in notes})
        team = self.team()
        assert self.listing is not None
        listing = replace(self.listing, team=team)
        return Loaded(
            items,
            placed,
            fresh,
            {side: by_eid(placed[side]) for side in placed},
            listing.notes(items.values(), placed),
            team,
            comparisons,
        )


_collecting = threading.Lock()
_computing = [0]


@contextmanager
def _no_collection() -> Iterator[None]:
    """No cyclic garbage collection while a load computes (in any thread): it makes a
    million objects that live on, and each of the collector's full passes over them
    held every thread (the window's too) for up to a second. Reference counting frees
    what dies meanwhile. Once no load computes, what they made is moved out of the
    collector's sight (`gc.freeze`: it lives until the next load anyway), else its
    first pass after would walk it all, and the collector runs again."""
    with _collecting:
        _computing[0] += 1
        gc.disable()
    try:
        yield
    finally:
        with _collecting:
            _computing[0] -= 1
            if not _computing[0]:
                gc.freeze()
                gc.enable()


def by_eid(placed: Mapping[int, Placement]) -> ByEid:
    """eId -> the annotations anchored on that provision."""
    found: ByEid = {}
    for annotation_id, place in placed.items():
        if isinstance(place, Anchored):
            found.setdefault(place.eid, set()).add(annotation_id)
    return found


class TeamWatch:
    """What the team's dossier says of the annotations of one database file, read
    again when a sync has changed it (any thread)."""

    def __init__(self, database: Path | None) -> None:
        self.database = database
        self._lock = threading.Lock()
        self._seen: tuple[int, int] | None = None
        self._facts = TeamFacts()

    def facts(self) -> TeamFacts:
        """The dossier's word now: from memory unless a sync ran since it was read."""
        folder = self.folder()
        if folder is None:
            return TeamFacts()
        from drafts.dossier.git import DossierError
        from drafts.dossier.notes import is_dossier, team_view

        if not is_dossier(folder):
            return TeamFacts()
        with self._lock:
            mark = _mark(folder)
            if mark != self._seen or not self._facts.shared:
                assert self.database is not None
                try:
                    view = team_view(folder, self.database)
                except (DossierError, OSError):
                    return TeamFacts()  # no git, say: the notes are listed all the same
                self._facts = TeamFacts(view.authors, view.arrived, view.conflicts, view.me, True)
                self._seen = mark
            return self._facts

    def folder(self) -> Path | None:
        """The dossier beside the database (as the command line and File > Share find it)."""
        if self.database is None:
            return None
        from drafts.dossier.sync import default_folder

        return default_folder(self.database)

    def forget(self) -> None:
        """Read the dossier again next time (it was written here)."""
        with self._lock:
            self._seen = None


def _mark(folder: Path) -> tuple[int, int]:
    """What changes when a sync (or a choice of a version) writes: the clone's state."""
    from drafts.dossier.state import STATE_FILE

    try:
        found = (folder / ".git" / STATE_FILE).stat()
    except OSError:
        return (0, 0)
    return (found.st_mtime_ns, found.st_size)
