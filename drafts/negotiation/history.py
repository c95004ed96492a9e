"""The history of one provision through every draft of its negotiation.

Each neighbouring pair of drafts is compared (from the cache when it can be), and the
provision is followed through the links: forward from its draft to the last, backward
to the first. A split makes the trail branch (the history then holds every piece), a
merge joins it. Forward, only the provision's own line is followed: when it later
merged with another article, that article's earlier life is not pulled in, since it is
another history. Backward, every piece that went into it is: a provision made by a
merge has both articles as its ancestors (and `drafts.negotiation.blame` relies on that).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from drafts.comparing.compare import ProvisionChange, Status, provision_diff, provision_name
from drafts.comparing.comparisons import (
    Comparison,
    ComparisonRequest,
    draft_json,
    from_cache,
    remember,
)
from drafts.comparing.diff import EXACT, DiffOptions, WordCounts
from drafts.errors import NotFoundError
from drafts.model import Provision, StoredDraft
from drafts.store import Store


@dataclass(frozen=True)
class HistoryStep:
    """The provision in one draft: which provisions carry it there (none: not yet, or
    no longer), and what happened to it since the previous draft."""

    draft: StoredDraft
    provisions: tuple[Provision, ...]
    changes: tuple[ProvisionChange, ...]
    """The comparison rows from the previous draft that reach these provisions (or,
    for the step where it disappeared, the rows that deleted it). Empty in the first draft."""

    @property
    def present(self) -> bool:
        return bool(self.provisions)

    @property
    def status(self) -> str:
        """What happened since the previous draft, in the comparison's words; "" in the
        first draft, or while the provision does not exist."""
        statuses = list(dict.fromkeys(c.status for c in self.changes))
        if not statuses:
            return ""
        if len(statuses) == 1:
            return statuses[0]
        changed = [s for s in statuses if s != Status.UNCHANGED]
        return " + ".join(changed) or Status.UNCHANGED

    @property
    def words(self) -> WordCounts:
        return sum((c.words for c in self.changes), WordCounts(0, 0, 0))

    @property
    def num(self) -> str:
        return " + ".join(provision_name(p) for p in self.provisions)

    @property
    def heading(self) -> str:
        return " / ".join(dict.fromkeys(p.heading for p in self.provisions if p.heading))


@dataclass(frozen=True)
class History:
    """A provision's steps, one per draft of the negotiation, in negotiation order."""

    start: StoredDraft
    provision: Provision
    steps: tuple[HistoryStep, ...]

    def step_for(self, draft_id: int) -> HistoryStep:
        return next(s for s in self.steps if s.draft.id == draft_id)


def find_provision(store: Store, draft: StoredDraft, name: str) -> Provision:
    """A provision of `draft` by eId or by number ("Article 24", "art 24", "24"),
    case-insensitive; an unknown name is an error listing a few that exist."""
    provisions = store.provisions(draft.id)
    wanted = _normal(name)
    for p in provisions:
        if p.eid.casefold() == name.strip().casefold():
            return p
    for p in provisions:
        num = _normal(p.num)
        if num and (num == wanted or num.split(" ")[-1] == wanted or _short(num) == wanted):
            return p
    known = ", ".join(p.num or p.eid for p in provisions[:8])
    raise NotFoundError(
        f"no provision {name!r} in {draft.label} ({store.name}); it has e.g. {known}"
    )


def _normal(text: str) -> str:
    return " ".join(text.casefold().replace(".", " ").split())


def _short(num: str) -> str:
    """ "article 24" -> "art 24": the abbreviation readers type."""
    word, _, rest = num.partition(" ")
    return f"{word[:3]} {rest}" if rest else word


def history(
    store: Store, draft: StoredDraft, provision: Provision, options: DiffOptions = EXACT
) -> History:
    """Follow `provision` of `draft` through every draft of its negotiation."""
    drafts = store.drafts(draft.negotiation_id)
    k = next(i for i, d in enumerate(drafts) if d.id == draft.id)
    provisions = [tuple(store.provisions(d.id)) for d in drafts]  # each read once
    comparisons = []
    for i in range(len(drafts) - 1):
        req = ComparisonRequest(drafts[i], drafts[i + 1], options, provisions[i], provisions[i + 1])
        comparisons.append(from_cache(store, req) or remember(store, req.run()))
    carried: dict[int, tuple[Provision, ...]] = {k: (provision,)}
    arriving: dict[int, tuple[ProvisionChange, ...]] = {}
    for i in range(k, len(drafts) - 1):  # forward
        rows = _rows_from(comparisons[i], carried[i])
        carried[i + 1] = _unique(p for row in rows for p in row.new)
        arriving[i + 1] = rows
    for i in range(k, 0, -1):  # backward
        rows = _rows_into(comparisons[i - 1], carried[i])
        carried[i - 1] = _unique(p for row in rows for p in row.old)
        arriving[i] = rows
    steps = tuple(
        HistoryStep(d, carried.get(i, ()), arriving.get(i, ())) for i, d in enumerate(drafts)
    )
    return History(draft, provision, _trimmed(steps))


def _rows_from(
    comparison: Comparison, provisions: Sequence[Provision]
) -> tuple[ProvisionChange, ...]:
    eids = {p.eid for p in provisions}
    return tuple(c for c in comparison.changes if eids & {p.eid for p in c.old})


def _rows_into(
    comparison: Comparison, provisions: Sequence[Provision]
) -> tuple[ProvisionChange, ...]:
    eids = {p.eid for p in provisions}
    return tuple(c for c in comparison.changes if eids & {p.eid for p in c.new})


def _unique(provisions: Iterable[Provision]) -> tuple[Provision, ...]:
    return tuple(dict.fromkeys(provisions))


def _trimmed(steps: tuple[HistoryStep, ...]) -> tuple[HistoryStep, ...]:
    """Steps where the provision is absent carry no rows, except the one that tells
    how it left (its deletion); steps before it appeared say nothing either."""
    out = []
    for step in steps:
        if not step.present:
            rows = tuple(c for c in step.changes if c.status == Status.DELETED)
            step = HistoryStep(step.draft, (), rows)
        out.append(step)
    return tuple(out)


def column_changes(h: History, options: DiffOptions = EXACT) -> tuple[ProvisionChange | None, ...]:
    """What each draft's column of a history shows: its text diffed against the previous
    column's (the previous draft's pieces of this line, whatever they were called).

    The first draft of the negotiation is its text as it is (all equal); a later first
    appearance is all inserted, the draft that deleted it all deleted; a draft where
    the provision is not (yet, or any longer) is None.
    """
    columns: list[ProvisionChange | None] = []
    for k, step in enumerate(h.steps):
        before = h.steps[k - 1].provisions if k else step.provisions
        if step.present or (before and step.changes):
            columns.append(provision_diff(before, step.provisions, step.status, options))
        else:
            columns.append(None)
    return tuple(columns)


def history_json(h: History) -> dict[str, object]:
    """The documented JSON shape of `history --json` (README)."""
    return {
        "provision": {"draft": h.start.id, "eid": h.provision.eid, "num": h.provision.num},
        "negotiation": h.start.negotiation,
        "steps": [
            {
                "draft": draft_json(s.draft),
                "present": s.present,
                "eids": [p.eid for p in s.provisions],
                "num": s.num,
                "heading": s.heading,
                "status": s.status,
                "words_added": s.words.added,
                "words_deleted": s.words.deleted,
            }
            for s in h.steps
        ],
    }
