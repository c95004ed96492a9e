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

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from drafts.annotating.anchoring import Anchored, Placement
from drafts.annotating.annotations import Annotation, placements
from drafts.model import NEW, OLD, StoredDraft
from viewer.annotation_listing import Listing, TeamFacts
from viewer.annotation_panel import PanelNote
from viewer.snapshots import StoreSnapshot

READ_PART = 1000
"""Annotations read from the store in one step on the GUI thread (a few milliseconds)."""

ByEid = dict[str, set[int]]


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


@dataclass
class Load:
    """One reading: filled on the GUI thread, computed in the pool (see the module)."""

    drafts: dict[str, StoredDraft]
    team: Callable[[], TeamFacts]
    found: list[Annotation] = field(default_factory=list)
    known: dict[str, dict[int, Placement]] = field(default_factory=lambda: {OLD: {}, NEW: {}})
    missing: dict[str, list[Annotation]] = field(default_factory=lambda: {OLD: [], NEW: []})
    snapshot: StoreSnapshot | None = None
    listing: Listing | None = None
    negotiation: list[tuple[int, str]] = field(default_factory=list)

    def take(
        self, part: Sequence[Annotation], placed_before: Mapping[tuple[int, str], Placement]
    ) -> None:
        """A part of the annotations, with what is known of where they go."""
        self.found.extend(part)
        for side, draft in self.drafts.items():
            known, missing = self.known[side], self.missing[side]
            for a in part:
                place = placed_before.get((draft.id, a.uri))
                if place is None:
                    missing.append(a)
                else:
                    known[a.id] = place

    def missing_items(self) -> list[Annotation]:
        """The annotations to place in one draft or both."""
        return list({a.id: a for side in self.missing.values() for a in side}.values())

    def compute(self) -> Loaded:
        placed = {side: dict(known) for side, known in self.known.items()}
        fresh: dict[tuple[int, str], Placement] = {}
        for side, items in self.missing.items():
            if not items:
                continue
            assert self.snapshot is not None
            draft = self.drafts[side]
            found = placements(self.snapshot.as_store(), draft, items)
            placed[side].update(found)
            fresh.update({(draft.id, a.uri): found[a.id] for a in items})
        team = self.team()
        assert self.listing is not None
        listing = replace(self.listing, team=team)
        return Loaded(
            {a.id: a for a in self.found},
            placed,
            fresh,
            {side: by_eid(placed[side]) for side in placed},
            listing.notes(self.found, placed),
            team,
        )


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
        from drafts.dossier.notes import is_dossier, team_view

        if not is_dossier(folder):
            return TeamFacts()
        with self._lock:
            mark = _mark(folder)
            if mark != self._seen or not self._facts.shared:
                assert self.database is not None
                view = team_view(folder, self.database)
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
