"""How each annotation is listed in the annotations dock: under which provision, in what
order, with which words, tags, author and marks.

Pure work on what was read beforehand (the drafts compared, every draft's provisions
and label, the tags, what the team's dossier says), with no store and no Qt object: so
that listing 100,000 annotations runs in the background with their placing, and one
annotation made or undone is listed on the GUI thread in microseconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from drafts.annotating.anchoring import Anchored, Orphaned, Placement
from drafts.annotating.annotations import Annotation, Tag
from drafts.model import NEW, OLD, Provision, StoredDraft
from viewer.annotation_panel import PanelNote
from viewer.diff_headers import side_title

NOT_SHARED = "you (not shared yet)"
"""The author of an annotation the team's dossier does not hold yet: it was made here."""


@dataclass(frozen=True)
class TeamFacts:
    """What the team's dossier says of the annotations, by their URI: who wrote the
    version shown, which arrived with the last sync, which are in conflict (two
    versions stand). Empty when the database is not shared."""

    authors: Mapping[str, str] = field(default_factory=dict)
    arrived: frozenset[str] = frozenset()
    conflicts: frozenset[str] = frozenset()
    me: str = ""
    """Who signs here (the dossier's git user.name): the author of what is not shared."""
    shared: bool = False

    def author(self, uri: str) -> str:
        if not self.shared:
            return ""
        return self.authors.get(uri) or (f"{self.me} (not shared yet)" if self.me else NOT_SHARED)


@dataclass(frozen=True)
class Listing:
    """Everything needed to list an annotation, read on the GUI thread beforehand."""

    drafts: Mapping[str, StoredDraft]
    """OLD and NEW: the drafts compared."""
    provisions: Mapping[int, Mapping[str, Provision]]
    """Draft id -> its provisions by eId (the compared drafts and those notes were made in)."""
    labels: Mapping[int, str]
    tags: Mapping[int, Tag]
    team: TeamFacts = TeamFacts()

    def notes(
        self, items: Iterable[Annotation], placed: Mapping[str, Mapping[int, Placement]]
    ) -> list[PanelNote]:
        return [self.note(a, placed[NEW].get(a.id), placed[OLD].get(a.id)) for a in items]

    def note(self, a: Annotation, new: Placement | None, old: Placement | None) -> PanelNote:
        where, order, quote, orphaned = self._where(a, new, old)
        c = a.content
        shown = {d.id for d in self.drafts.values()}
        return PanelNote(
            a.id,
            where,
            order,
            quote,
            tuple(self.tags[i] for i in c.tag_ids if i in self.tags),
            c.status,
            c.holder,
            c.note,
            a.target.draft_id,
            self.labels.get(a.target.draft_id, "?"),
            orphaned,
            a.target.draft_id not in shown,
            author=self.team.author(a.uri),
            arrived=a.uri in self.team.arrived,
            conflict=a.uri in self.team.conflicts,
            uri=a.uri,
        )

    def _where(
        self, a: Annotation, new: Placement | None, old: Placement | None
    ) -> tuple[str, tuple[int, int], str, str]:
        """(provision, sort key, words covered, why orphaned) of an annotation: where
        it is placed, in the new draft first; an orphan under the provision it was
        made on, in its own draft."""
        for rank, side, place in ((0, NEW, new), (1, OLD, old)):
            draft = self.drafts[side]
            provisions = self.provisions.get(draft.id, {})
            if isinstance(place, Anchored) and place.eid in provisions:
                p = provisions[place.eid]
                where = side_title((p,)) + ("" if side == NEW else f", in {draft.label}")
                quote = p.text[place.start : place.end] if a.target.selector else ""
                return where, (rank, p.position), quote, ""
        orphaned = new.reason if isinstance(new, Orphaned) else "not in these drafts"
        found = self.provisions.get(a.target.draft_id, {}).get(a.target.eid)
        title = side_title((found,)) if found else a.target.eid
        where = f"{title}, in {self.labels.get(a.target.draft_id, '?')}"
        quote = a.target.selector.exact if a.target.selector else ""
        return where, (2, found.position if found else 0), quote, orphaned
