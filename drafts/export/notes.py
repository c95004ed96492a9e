"""Stored annotations as the notes of an export: each placed once, on one of the two drafts.

The export model takes `ExportNote`s, a plain shape that knows nothing of storage; this
module is the one bridge from `drafts.annotating.annotations` to it. An annotation may have been
made on any draft of the negotiation, so it is first carried into the compared drafts
(`placements`, the same re-anchoring the viewer shows), then put where a reader of the
export expects it:

1. in the new draft, if it is anchored there: the export is read as "what the text is
   now", and a note on text both drafts share belongs once, not twice;
2. else in the old draft, if it is anchored there: a note on a safeguard the new draft
   deleted then stands on the deleted words, which is exactly what the reader must see;
3. else it is left out, with the reasons from both drafts, so the caller can say how
   many annotations the export could not hold instead of losing them silently.

A fuzzy or carried placement is kept as found, and the quote is the text the note covers
in that draft (not the words it was first made on), so the export never quotes words
its own text does not contain.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from drafts.annotating.anchoring import PROVISION_METHOD, Anchored, Orphaned, Placement
from drafts.annotating.annotations import Annotation, find_annotations, placements, tags
from drafts.comparing.comparisons import Comparison
from drafts.export.model import ExportNote, Tag
from drafts.model import StoredDraft
from drafts.store import Store


@dataclass(frozen=True)
class Unplaced:
    """An annotation anchored in neither compared draft, and why, draft by draft.

    `note` is the annotation on the draft it was made in (its own provision and quote),
    so that a caller can name it, or filter it by tag as the export is filtered."""

    annotation_id: int
    note: ExportNote
    new_reason: str
    old_reason: str

    @property
    def reason(self) -> str:
        """One sentence: the reason, or each draft's when they differ."""
        if self.new_reason == self.old_reason:
            return self.new_reason
        return f"new draft: {self.new_reason}; old draft: {self.old_reason}"


@dataclass(frozen=True)
class ExportNotes:
    """The notes for `scoped(..., notes=...)`, in reading order, and those left out."""

    notes: tuple[ExportNote, ...]
    unplaced: tuple[Unplaced, ...] = ()


def export_notes(store: Store, comparison: Comparison) -> ExportNotes:
    """The annotations of the compared drafts' negotiation(s) as export notes, each
    placed once: in the new draft if it is anchored there, else in the old draft, else
    left out and reported (see the module's docstring for why in that order)."""
    old, new = comparison.old, comparison.new
    items = _negotiation_annotations(store, (new.negotiation_id, old.negotiation_id))
    tag_of = {t.id: Tag(t.name, t.colour) for t in tags(store)}
    texts = _texts(comparison)
    in_new = placements(store, new, items)
    rest = [a for a in items if not isinstance(in_new[a.id], Anchored)]
    in_old = placements(store, old, rest) if rest else {}
    notes, unplaced = [], []
    for a in items:
        for draft, where in ((new, in_new[a.id]), (old, in_old.get(a.id))):
            if isinstance(where, Anchored):
                notes.append(_note(a, draft, where, texts, tag_of))
                break
        else:
            reasons = (_reason(in_new[a.id]), _reason(in_old[a.id]))
            unplaced.append(Unplaced(a.id, _own_note(a, tag_of), *reasons))
    order = _reading_order(comparison)
    notes.sort(key=lambda n: (*order.get((n.draft_id, n.eid), (len(order), 0)), *_range_key(n)))
    return ExportNotes(tuple(notes), tuple(unplaced))


def _negotiation_annotations(store: Store, negotiation_ids: Iterable[int]) -> list[Annotation]:
    """Every annotation of these negotiations, once each, in creation order (two drafts
    of different negotiations may be compared; usually both ids are the same)."""
    found = {
        a.id: a for n in set(negotiation_ids) for a in find_annotations(store, negotiation_id=n)
    }
    return [found[k] for k in sorted(found)]


def _texts(comparison: Comparison) -> dict[tuple[int, str], str]:
    """(draft id, eid) -> provision text, from the comparison itself: the very texts
    the export lays out, so a quote cannot disagree with the page."""
    texts = {}
    for change in comparison.changes:
        for draft, provisions in ((comparison.old, change.old), (comparison.new, change.new)):
            for p in provisions:
                texts[(draft.id, p.eid)] = p.text
    return texts


def _note(
    a: Annotation,
    draft: StoredDraft,
    where: Anchored,
    texts: dict[tuple[int, str], str],
    tag_of: dict[int, Tag],
) -> ExportNote:
    """The annotation at its place in `draft`; a whole-provision annotation has no range
    (the export model's sign for "the whole provision")."""
    if where.method == PROVISION_METHOD:
        return _with_content(a, draft.id, where.eid, None, None, "", tag_of)
    quote = texts.get((draft.id, where.eid), "")[where.start : where.end]
    return _with_content(a, draft.id, where.eid, where.start, where.end, quote, tag_of)


def _own_note(a: Annotation, tag_of: dict[int, Tag]) -> ExportNote:
    """The annotation where it was made: what names an unplaced one to the reader."""
    s = a.target.selector
    if s is None:
        return _with_content(a, a.target.draft_id, a.target.eid, None, None, "", tag_of)
    return _with_content(a, a.target.draft_id, a.target.eid, s.start, s.end, s.exact, tag_of)


def _with_content(
    a: Annotation,
    draft_id: int,
    eid: str,
    start: int | None,
    end: int | None,
    quote: str,
    tag_of: dict[int, Tag],
) -> ExportNote:
    c = a.content
    named = tuple(tag_of[t] for t in c.tag_ids if t in tag_of)
    return ExportNote(draft_id, eid, start, end, quote, named, c.status, c.note, c.holder)


def _reason(where: Placement | None) -> str:
    return where.reason if isinstance(where, Orphaned) else ""


def _reading_order(comparison: Comparison) -> dict[tuple[int, str], tuple[int, int]]:
    """(draft id, eid) -> (comparison row, old side 0 / new side 1): provisions in the
    order the export shows them, which is the order its note numbers follow."""
    order: dict[tuple[int, str], tuple[int, int]] = {}
    for row, change in enumerate(comparison.changes):
        for side, draft, provisions in (
            (0, comparison.old, change.old),
            (1, comparison.new, change.new),
        ):
            for p in provisions:
                order.setdefault((draft.id, p.eid), (row, side))
    return order


def _range_key(note: ExportNote) -> tuple[int, int, int]:
    """Whole-provision notes first, then by where the range starts and ends."""
    if note.start is None or note.end is None:
        return (0, 0, 0)
    return (1, note.start, note.end)
