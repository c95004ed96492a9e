"""Stored annotations as export notes: each placed once, in the new draft if it is there,
else in the old one, else counted with its reason; and the CSV export lists them."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from drafts.annotating.anchoring import ORPHANED
from drafts.annotating.annotations import (
    Content,
    create_annotation,
    provision_target,
    tag_named,
)
from drafts.comparing.comparisons import Comparison, compare_drafts
from drafts.export.csv import render_csv
from drafts.export.model import NEW, OLD, ExportNote, Tag, scoped
from drafts.export.notes import export_notes
from drafts.importer import import_paths
from drafts.store import Store
from tests.builders import annotate, article, draft, text_of

SAFEGUARD = "subject to conditions and safeguards laid down in its domestic law"
THIRD_PARTIES = "legitimate interests of third parties"
NOTIFICATION = "Notification of the persons concerned"  # added in D2, deleted in D3
PROPORTIONALITY = "legality, necessity and proportionality"  # D4: "legality and necessity"
FINAL = "Final text agreed ad referendum"
COPYRIGHT = "to infringe copyright or related rights"  # Zero draft's art_18, deleted in D2


def zero_to_final(store: Store) -> Comparison:
    return compare_drafts(store, draft(store, "Zero draft"), draft(store, FINAL))


def csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_a_note_on_the_new_draft_keeps_its_characters_and_content(demo: Store) -> None:
    final = draft(demo, FINAL)
    tag = tag_named(demo, "human-rights safeguards")
    phrase = "the principle of proportionality"
    annotate(
        demo, final, "art_24", phrase,
        tag_ids=(tag.id,), status="contested", note="Too weak.", holder="European Union",
    )  # fmt: skip
    found = export_notes(demo, zero_to_final(demo))
    start = text_of(demo, final, "art_24").index(phrase)
    assert found.notes == (
        ExportNote(
            final.id,
            "art_24",
            start,
            start + len(phrase),
            phrase,
            (Tag("human-rights safeguards", tag.colour),),
            "contested",
            "Too weak.",
            "European Union",
        ),
    )
    assert found.unplaced == ()


def test_a_note_from_an_older_draft_is_carried_into_the_new_one_once(demo: Store) -> None:
    zero, d2, final = (
        draft(demo, "Zero draft"),
        draft(demo, "First revised draft"),
        draft(demo, FINAL),
    )
    annotate(demo, d2, "art_26", THIRD_PARTIES, note="moved with the split")
    annotate(demo, zero, "art_26", SAFEGUARD)  # in both compared drafts: shown once, new side
    found = export_notes(demo, zero_to_final(demo))
    final_24, final_25 = text_of(demo, final, "art_24"), text_of(demo, final, "art_25")
    at = final_25.index(THIRD_PARTIES)
    assert [(n.draft_id, n.eid, n.start, n.end, n.quote) for n in found.notes] == [
        (
            final.id,
            "art_24",
            final_24.index(SAFEGUARD),
            final_24.index(SAFEGUARD) + len(SAFEGUARD),
            SAFEGUARD,
        ),
        (final.id, "art_25", at, at + len(THIRD_PARTIES), THIRD_PARTIES),
    ]  # in the order of the export's rows
    assert found.notes[1].note == "moved with the split"


def test_a_fuzzy_placement_quotes_the_text_it_covers_in_that_draft(demo: Store) -> None:
    d2, d4 = draft(demo, "First revised draft"), draft(demo, "Further revised draft")
    annotate(demo, d2, "art_26", PROPORTIONALITY)
    found = export_notes(demo, compare_drafts(demo, draft(demo, "Zero draft"), d4))
    (note,) = found.notes
    assert (note.draft_id, note.eid, note.quote) == (d4.id, "art_24", "legality and necessity")
    assert text_of(demo, d4, "art_24")[note.start : note.end] == note.quote


def test_a_note_on_text_the_new_draft_deleted_stands_on_the_old_side(demo: Store) -> None:
    zero = draft(demo, "Zero draft")
    annotate(demo, zero, "art_18", COPYRIGHT, note="dropped in D2")
    create_annotation(demo, provision_target(demo, zero.id, "art_18"), Content(note="whole"))
    comparison = zero_to_final(demo)
    found = export_notes(demo, comparison)
    at = text_of(demo, zero, "art_18").index(COPYRIGHT)
    assert [(n.draft_id, n.eid, n.start, n.end, n.quote) for n in found.notes] == [
        (zero.id, "art_18", None, None, ""),  # the whole provision comes first
        (zero.id, "art_18", at, at + len(COPYRIGHT), COPYRIGHT),
    ]
    (row,) = [r for r in scoped(comparison, notes=found.notes).rows if r.notes]
    assert row.change.status == "deleted" and row.change.from_num == "Article 18"
    assert [(n.side, n.span) for n in row.notes] == [(OLD, None), (OLD, (at, at + len(COPYRIGHT)))]


def test_a_note_in_neither_draft_is_left_out_and_counted_with_its_reason(demo: Store) -> None:
    d2 = draft(demo, "First revised draft")
    aid = annotate(demo, d2, "art_26", NOTIFICATION, tag_ids=(1,))
    annotate(demo, d2, "art_26", THIRD_PARTIES)
    found = export_notes(demo, zero_to_final(demo))
    assert [n.quote for n in found.notes] == [THIRD_PARTIES]
    (left,) = found.unplaced
    assert left.annotation_id == aid
    assert (left.note.draft_id, left.note.eid, left.note.quote) == (d2.id, "art_26", NOTIFICATION)
    assert left.note.tags[0].name == tag_named(demo, "human-rights safeguards").name
    assert left.new_reason.startswith(ORPHANED) and left.old_reason.startswith(ORPHANED)
    assert left.reason.startswith(ORPHANED)


def test_other_negotiations_annotations_stay_out(
    demo: Store, write_akn: Callable[..., Path]
) -> None:
    path = write_akn("other.xml", article(1, "Each State Party shall cooperate."), stage="Other")
    import_paths(demo, [path], negotiation="Another treaty")
    other = draft(demo, "Other")
    assert other.negotiation == "Another treaty"
    annotate(demo, other, "art_1", "shall cooperate")
    found = export_notes(demo, zero_to_final(demo))
    assert (found.notes, found.unplaced) == ((), ())  # not even counted as left out


def test_the_csv_export_lists_the_stored_annotations_by_tag(demo: Store) -> None:
    zero, final = draft(demo, "Zero draft"), draft(demo, FINAL)
    safeguards = tag_named(demo, "human-rights safeguards")
    annotate(demo, final, "art_24", SAFEGUARD, tag_ids=(safeguards.id,), holder="EU")
    annotate(demo, zero, "art_18", COPYRIGHT, note="=1+1")
    comparison = zero_to_final(demo)
    notes = export_notes(demo, comparison).notes
    every = csv_rows(render_csv(scoped(comparison, notes=notes)))
    assert [(r["annotated draft"], r["eid"], r["quoted text"]) for r in every] == [
        (zero.label, "art_18", COPYRIGHT),
        (final.label, "art_24", SAFEGUARD),
    ]
    assert every[0]["note"] == "'=1+1"  # still kept as text
    tagged = scoped(comparison, notes=notes, tags={safeguards.name})
    assert [r.change.to_num for r in tagged.rows] == ["Article 24 + Article 25"]  # a split
    (row,) = csv_rows(render_csv(tagged))
    assert (row["tags"], row["position holder"], row["change"]) == (
        safeguards.name,
        "EU",
        tagged.rows[0].change.status,
    )
    assert [n.side for n in tagged.notes()] == [NEW]
