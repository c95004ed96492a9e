"""Annotations and tags in the store: each operation committed at once, undoable both
ways, refusals that change nothing, and annotations carried through the demo's drafts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from drafts import migrations
from drafts.annotating.anchoring import ORPHANED, Anchored, Orphaned
from drafts.annotating.annotations import (
    STATUSES,
    Annotation,
    AnnotationError,
    Content,
    annotation,
    create_annotation,
    create_tag,
    delete_annotation,
    delete_tag,
    find_annotations,
    placements,
    provision_target,
    recolour_tag,
    rename_tag,
    restore_annotation,
    restore_tag,
    tag_named,
    tags,
    text_target,
    update_annotation,
)
from drafts.demo import import_demo
from drafts.errors import NotFoundError
from drafts.store import Store
from tests.builders import annotate, draft, raw_database, text_of

OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


# --- tags --------------------------------------------------------------------------------


def test_a_new_database_has_the_seven_default_tags_in_okabe_ito_colours(store: Store) -> None:
    found = tags(store)
    assert [t.name for t in found] == [
        "human-rights safeguards",
        "scope and criminalization",
        "definitions",
        "procedural powers",
        "data protection and privacy",
        "international cooperation and evidence sharing",
        "technical assistance",
    ]
    assert {t.colour for t in found} == OKABE_ITO  # seven tags, seven distinct colours


def test_tags_are_added_renamed_recoloured_deleted_and_restored(store: Store) -> None:
    tag_id = create_tag(store, "  budget  lines ", "#117733")
    assert tag_named(store, "BUDGET LINES").colour == "#117733"
    assert tags(store)[-1].name == "budget lines"  # new tags come last
    rename_tag(store, tag_id, "budget lines", "financing")
    recolour_tag(store, tag_id, "#117733", "#88ccee")
    gone = delete_tag(store, tag_id)
    assert (gone.name, gone.colour) == ("financing", "#88CCEE")
    with pytest.raises(NotFoundError, match="no tag called 'financing'"):
        tag_named(store, "financing")
    restore_tag(store, gone)
    assert tag_named(store, "financing") == gone


def test_a_tag_name_is_unique_whatever_its_case(store: Store) -> None:
    before = store.dump()
    with pytest.raises(AnnotationError, match="already a tag called 'definitions'"):
        create_tag(store, "Definitions", "#000000")
    with pytest.raises(AnnotationError, match="already a tag called 'definitions'"):
        rename_tag(
            store, tag_named(store, "procedural powers").id, "procedural powers", "DEFINITIONS"
        )
    with pytest.raises(AnnotationError, match="#RRGGBB"):
        create_tag(store, "colourless", "red")
    with pytest.raises(AnnotationError, match="a tag needs a name"):
        create_tag(store, "   ", "#000000")
    assert store.dump() == before


def test_a_stale_rename_is_refused(store: Store) -> None:
    tag = tag_named(store, "definitions")
    rename_tag(store, tag.id, "definitions", "terms")
    with pytest.raises(AnnotationError, match="changed meanwhile"):
        rename_tag(store, tag.id, "definitions", "glossary")  # an undo that is out of date
    assert tag_named(store, "terms").id == tag.id


def test_a_tag_in_use_cannot_be_deleted(demo: Store) -> None:
    tag = tag_named(demo, "procedural powers")
    d = draft(demo, "Zero draft")
    annotate(demo, d, "art_26", "conditions and safeguards", tag_ids=(tag.id,))
    annotate(demo, d, "art_26", "domestic law", tag_ids=(tag.id,))
    before = demo.dump()
    with pytest.raises(AnnotationError, match="used by 2 annotations: remove it from them first"):
        delete_tag(demo, tag.id)
    assert demo.dump() == before


# --- annotations -------------------------------------------------------------------------


def test_create_returns_an_id_and_stores_the_target_with_both_selectors(demo: Store) -> None:
    d = draft(demo, "First revised draft")
    tag = tag_named(demo, "human-rights safeguards")
    aid = annotate(
        demo,
        d,
        "art_26",
        "legality, necessity and proportionality",
        tag_ids=(tag.id,),
        note="Dropped in the further revised draft.",
        status="contested",
        holder="Group of Friends of Human Rights",
    )
    a = annotation(demo, aid)
    text = text_of(demo, d, "art_26")
    s = a.target.selector
    assert s is not None and text[s.start : s.end] == s.exact
    assert s.prefix == text[s.start - 32 : s.start] and s.suffix == text[s.end : s.end + 32]
    assert a.kind == "text" and a.target.draft_id == d.id and a.target.eid == "art_26"
    assert a.content == Content(
        (tag.id,),
        "Dropped in the further revised draft.",
        "contested",
        "Group of Friends of Human Rights",
    )
    assert a.uri.startswith("urn:uuid:") and a.created == a.modified != ""


def test_each_operation_is_committed_at_once(db_file: Path) -> None:
    """Another connection sees each change while the first is still open: a crash of
    the app after any operation loses nothing."""
    with Store(db_file) as writer:
        import_demo(writer)
        d = writer.drafts()[0]
        aid = create_annotation(writer, provision_target(writer, d.id, "art_1"))
        with Store(db_file) as reader:
            assert [a.id for a in find_annotations(reader)] == [aid]
        update_annotation(writer, aid, Content(), Content(note="seen"))
        with Store(db_file) as reader:
            assert annotation(reader, aid).content.note == "seen"
        delete_annotation(writer, aid)
        with Store(db_file) as reader:
            assert find_annotations(reader) == []


def test_update_and_its_undo(demo: Store) -> None:
    d = draft(demo, "Zero draft")
    aid = annotate(demo, d, "art_26", "domestic law")
    old = annotation(demo, aid).content
    new = Content((tag_named(demo, "definitions").id,), "a note", "resolved", "EU")
    update_annotation(demo, aid, old, new)
    assert annotation(demo, aid).content == new
    update_annotation(demo, aid, new, old)  # the undo
    assert annotation(demo, aid).content == old
    with pytest.raises(AnnotationError, match="changed meanwhile"):
        update_annotation(demo, aid, new, old)


def test_delete_returns_what_restores_the_annotation_exactly(demo: Store) -> None:
    d = draft(demo, "Zero draft")
    tag = tag_named(demo, "definitions")
    aid = annotate(demo, d, "art_26", "domestic law", tag_ids=(tag.id,), note="n", holder="G77")
    later = annotate(demo, d, "art_26", "conditions and safeguards")
    before = demo.dump()
    gone = delete_annotation(demo, aid)
    assert isinstance(gone, Annotation) and gone.id == aid
    assert [a.id for a in find_annotations(demo)] == [later]
    restore_annotation(demo, gone)
    assert demo.dump() == before  # same id, URI, content, tags and time stamps


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"status": "pending"}, AnnotationError, "unknown status 'pending'"),
        ({"tag_ids": (999,)}, AnnotationError, "no tag with id 999"),
    ],
)
def test_bad_content_is_refused_and_changes_nothing(
    demo: Store, change: dict[str, object], error: type[Exception], message: str
) -> None:
    d = draft(demo, "Zero draft")
    before = demo.dump()
    with pytest.raises(error, match=message):
        create_annotation(demo, provision_target(demo, d.id, "art_1"), Content(**change))  # type: ignore[arg-type]
    assert demo.dump() == before


def test_a_target_must_exist_and_fit_its_text(demo: Store) -> None:
    d = draft(demo, "Zero draft")
    before = demo.dump()
    with pytest.raises(NotFoundError, match="no provision 'art_999'"):
        provision_target(demo, d.id, "art_999")
    with pytest.raises(AnnotationError, match="outside art_1"):
        text_target(demo, d.id, "art_1", 0, 10**6)
    good = text_target(demo, d.id, "art_1", 0, 10)
    assert good.selector is not None
    forged = type(good)(d.id, "art_2", good.selector)  # a quote from another provision
    with pytest.raises(AnnotationError, match=r"is not at 0\.\.10 of art_2"):
        create_annotation(demo, forged)
    assert demo.dump() == before
    assert STATUSES == ("open", "contested", "resolved")


def test_annotations_are_filtered_by_draft_tag_and_negotiation(demo: Store) -> None:
    zero, final = draft(demo, "Zero draft"), draft(demo, "A/AC.305/L.9")
    tag = tag_named(demo, "data protection and privacy")
    a = annotate(demo, zero, "art_26", "domestic law", tag_ids=(tag.id,))
    b = annotate(demo, final, "art_24", "principle of proportionality")
    assert [x.id for x in find_annotations(demo, draft_id=zero.id)] == [a]
    assert [x.id for x in find_annotations(demo, tag_id=tag.id)] == [a]
    assert [x.id for x in find_annotations(demo, negotiation_id=zero.negotiation_id)] == [a, b]
    assert find_annotations(demo, draft_id=final.id, tag_id=tag.id) == []


def test_deleting_a_draft_deletes_its_annotations(demo: Store) -> None:
    zero = draft(demo, "Zero draft")
    annotate(demo, zero, "art_26", "domestic law")
    with raw_database(demo).conn:
        raw_database(demo).execute("DELETE FROM drafts WHERE id = ?", [zero.id])
    assert find_annotations(demo) == []
    assert raw_database(demo).execute("SELECT count(*) FROM annotation_tags").fetchone()[0] == 0


def test_the_schema_refuses_what_the_code_would_never_write(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        raw_database(store).execute(
            "INSERT INTO tags (name, colour, position) VALUES ('x', 'blue', 9)"
        )
    with pytest.raises(sqlite3.IntegrityError):
        raw_database(store).execute(
            "INSERT INTO annotations (uri, kind, draft_id, eid, note, status, holder, "
            "created_at, modified_at) VALUES ('u', 'provision', 999, 'e', '', 'open', '', '', '')"
        )


def test_a_version_2_database_is_upgraded_with_the_default_tags(
    db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
    monkeypatch.setattr(migrations, "LATEST", 2)
    with Store(db_file) as old:
        assert "annotations" not in raw_database(old).table_names()
    monkeypatch.undo()
    with Store(db_file) as upgraded:
        assert migrations.schema_version(raw_database(upgraded).conn) == migrations.LATEST
        import_demo(upgraded)
        assert len(upgraded.drafts()) == 5
        assert len(tags(upgraded)) == 7


# --- carried through the demo's drafts ------------------------------------------------------


def placed_text(store: Store, label: str, aid: int) -> str | None:
    """The text an annotation covers in a draft, or None if it is orphaned there."""
    d = draft(store, label)
    where = placements(store, d)[aid]
    if isinstance(where, Orphaned):
        assert where.reason.startswith(ORPHANED)
        return None
    return text_of(store, d, where.eid)[where.start : where.end]


def test_proportionality_is_followed_until_it_leaves_article_24(demo: Store) -> None:
    """resources/demo/README.md: D2 adds "legality, necessity and proportionality", D3
    brackets "[and proportionality]", D4 keeps "legality and necessity", D5 keeps only
    "the principle of proportionality"."""
    d2 = draft(demo, "First revised draft")
    aid = annotate(demo, d2, "art_26", "legality, necessity and proportionality")
    assert (
        placed_text(demo, "First revised draft", aid) == "legality, necessity and proportionality"
    )
    assert (
        placed_text(demo, "Second revised draft", aid) == "legality, necessity [and proportionality"
    )
    assert placed_text(demo, "Further revised draft", aid) == "legality and necessity"
    assert placed_text(demo, "Final text agreed ad referendum", aid) is None
    assert placed_text(demo, "Zero draft", aid) is None  # not yet written
    third = placements(demo, draft(demo, "Second revised draft"))[aid]
    assert third == Anchored("art_24", third.start, third.end, "fuzzy", d2.id)


def test_third_party_interests_follow_the_split_into_article_25(demo: Store) -> None:
    d2 = draft(demo, "First revised draft")
    aid = annotate(demo, d2, "art_26", "legitimate interests of third parties")
    for label in (
        "Second revised draft",
        "Further revised draft",
        "Final text agreed ad referendum",
    ):
        where = placements(demo, draft(demo, label))[aid]
        assert isinstance(where, Anchored) and where.eid == "art_25" and where.method == "exact"
        assert placed_text(demo, label, aid) == "legitimate interests of third parties"


def test_notification_is_orphaned_once_it_is_deleted(demo: Store) -> None:
    d2 = draft(demo, "First revised draft")
    aid = annotate(demo, d2, "art_26", "Notification of the persons concerned")
    for label in (
        "Second revised draft",
        "Further revised draft",
        "Final text agreed ad referendum",
    ):
        assert placed_text(demo, label, aid) is None


def test_an_unchanged_safeguard_is_exact_in_every_draft(demo: Store) -> None:
    zero = draft(demo, "Zero draft")
    phrase = "subject to conditions and safeguards laid down in its domestic law"
    aid = annotate(demo, zero, "art_26", phrase)
    for d in demo.drafts():
        where = placements(demo, d)[aid]
        assert isinstance(where, Anchored) and where.method == "exact"
        assert where.carried_from == (None if d.id == zero.id else zero.id)
        assert placed_text(demo, d.label, aid) == phrase


def test_a_whole_provision_follows_its_successor(demo: Store) -> None:
    zero = draft(demo, "Zero draft")
    aid = create_annotation(demo, provision_target(demo, zero.id, "art_18"))
    assert placements(demo, zero)[aid] == Anchored(
        "art_18", 0, len(text_of(demo, zero, "art_18")), "provision"
    )
    gone = placements(demo, draft(demo, "First revised draft"))[aid]
    assert isinstance(gone, Orphaned) and "was deleted" in gone.reason  # copyright offence


def test_a_change_annotation_shows_its_new_side_in_later_drafts(demo: Store) -> None:
    d3, d4 = draft(demo, "Second revised draft"), draft(demo, "Further revised draft")
    old_text, new_text = text_of(demo, d3, "art_24"), text_of(demo, d4, "art_24")
    was, now = "shall include, inter alia", "may include, as appropriate"
    old_side = text_target(
        demo, d3.id, "art_24", old_text.index(was), old_text.index(was) + len(was)
    )
    new_side = text_target(
        demo, d4.id, "art_24", new_text.index(now), new_text.index(now) + len(now)
    )
    aid = create_annotation(demo, old_side, Content(note="weakened"), changed_to=new_side)
    assert annotation(demo, aid).kind == "change"
    assert placed_text(demo, "Second revised draft", aid) == was
    assert placed_text(demo, "Further revised draft", aid) == now
    # D5 reads "shall, as appropriate, include": what is left of the new side
    assert placed_text(demo, "Final text agreed ad referendum", aid) == "as appropriate"
