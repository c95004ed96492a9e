"""Annotation files of many annotations: the export is written a part at a time (never
the whole document in memory), whole or not at all, and the import's limits refuse
what is over them while letting in what Travaux itself writes at the limit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafts.annotating import annotations as notes
from drafts.annotating import web_annotation
from drafts.annotating.annotations import Content, create_annotation, find_annotations
from drafts.annotating.web_annotation import (
    MAX_ANNOTATIONS,
    MAX_BYTES,
    AnnotationImportError,
    export_annotations,
    import_annotations,
    write_annotations,
)
from drafts.files import WriteError
from drafts.store import Store
from tests.builders import annotate


def many(store: Store, count: int) -> None:
    """`count` annotations on the demo's provisions, with notes as long as real ones."""
    places = [(d, p) for d in store.drafts() for p in store.provisions(d.id) if len(p.text) > 80]
    for k in range(count):
        d, p = places[k % len(places)]
        start = (7 * k) % (len(p.text) - 60)
        target = notes.text_target(store, d.id, p.eid, start, start + 40)
        note = f"Note {k}: the delegation’s position on this wording, to raise in the group."
        create_annotation(store, target, Content(note=note, holder="European Union"))


def test_the_export_is_written_a_part_at_a_time_and_says_what_export_annotations_says(
    demo: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many(demo, 5)
    read: list[int] = []
    rows = notes.annotation_rows

    def counted(*args: object, **kwargs: object) -> list[tuple[object, ...]]:
        found = rows(*args, **kwargs)  # type: ignore[arg-type]
        read.append(len(found))
        return found

    monkeypatch.setattr(web_annotation, "EXPORT_PART", 2)
    monkeypatch.setattr(notes, "annotation_rows", counted)
    out = tmp_path / "notes.jsonld"
    assert write_annotations(demo, out) == 5
    assert read == [2, 2, 1, 0]  # never more than a part in memory
    monkeypatch.setattr(notes, "annotation_rows", rows)
    assert json.loads(out.read_text("utf-8")) == export_annotations(demo)
    lines = out.read_text("utf-8").splitlines()
    assert sum(line.startswith('      {"id": ') for line in lines) == 5  # one a line


def test_an_export_filtered_by_draft_and_tag_streams_the_same_annotations(
    demo: Store, tmp_path: Path
) -> None:
    zero = demo.find_draft("Zero draft")
    tag = notes.tags(demo)[0]
    annotate(demo, zero, "art_1", "purposes", tag_ids=(tag.id,))
    annotate(demo, zero, "art_1", "prevention")
    out = tmp_path / "tagged.jsonld"
    assert write_annotations(demo, out, draft=zero, tag=tag.name) == 1
    assert json.loads(out.read_text("utf-8")) == export_annotations(demo, zero, tag.name)
    empty = tmp_path / "none.jsonld"
    assert (
        write_annotations(demo, empty, draft=demo.find_draft("Final text agreed ad referendum"))
        == 0
    )
    assert json.loads(empty.read_text("utf-8"))["first"]["items"] == []


def test_an_export_that_does_not_hold_what_was_counted_replaces_nothing(
    demo: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many(demo, 3)
    out = tmp_path / "notes.jsonld"
    out.write_text("the earlier export", "utf-8")
    monkeypatch.setattr(notes, "count_annotations", lambda *a, **k: 4)  # one more came
    with pytest.raises(WriteError, match="3 of 4 annotations"):
        write_annotations(demo, out)
    assert out.read_text("utf-8") == "the earlier export"
    assert not (tmp_path / "notes.jsonld.part").exists()


def test_the_import_refuses_more_annotations_than_its_limit_and_stores_none(
    demo: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many(demo, 4)
    out = tmp_path / "notes.jsonld"
    write_annotations(demo, out)
    monkeypatch.setattr(web_annotation, "MAX_ANNOTATIONS", 3)
    with pytest.raises(AnnotationImportError, match="4 annotations, over the limit of 3"):
        import_annotations(demo, out)
    monkeypatch.setattr(web_annotation, "MAX_ANNOTATIONS", 4)
    monkeypatch.setattr(web_annotation, "MAX_BYTES", out.stat().st_size - 1)
    with pytest.raises(AnnotationImportError, match="over the limit of"):
        import_annotations(demo, out)
    assert len(find_annotations(demo)) == 4  # nothing added by either refusal


def test_what_travaux_writes_at_the_count_limit_fits_the_size_limit(
    demo: Store, tmp_path: Path
) -> None:
    """An export of as many annotations as an import takes can be imported again: at
    the bytes a realistic annotation takes, MAX_ANNOTATIONS of them stay under MAX_BYTES."""
    many(demo, 200)
    out = tmp_path / "notes.jsonld"
    write_annotations(demo, out)
    per_annotation = out.stat().st_size / 200
    assert per_annotation * MAX_ANNOTATIONS < MAX_BYTES * 0.9
