"""W3C Web Annotation JSON-LD: the exported shape, the round trip into another database,
and files that are refused whole, leaving the database exactly as it was."""

from __future__ import annotations

import codecs
import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from drafts.annotating import web_annotation
from drafts.annotating.annotations import (
    Content,
    annotation,
    create_annotation,
    create_tag,
    find_annotations,
    provision_target,
    tag_named,
    text_target,
)
from drafts.annotating.web_annotation import (
    ANNO_CONTEXT,
    AnnotationImportError,
    export_annotations,
    import_annotations,
)
from drafts.demo import demo_files, import_demo
from drafts.errors import NotFoundError
from drafts.importer import import_paths
from drafts.store import Store


@pytest.fixture
def other() -> Store:
    """A second database with the same drafts, imported in reverse order, so that every
    draft has another id than in the first: only the IRIs tie them together."""
    with Store() as s:
        import_paths(s, list(reversed(demo_files())))
        yield s


def annotate(
    store: Store, label: str, eid: str, phrase: str, content: Content | None = None
) -> int:
    d = store.find_draft(label)
    text = next(p.text for p in store.provisions(d.id) if p.eid == eid)
    start = text.index(phrase)
    target = text_target(store, d.id, eid, start, start + len(phrase))
    return create_annotation(store, target, content or Content())


def sample(store: Store) -> None:
    """A text annotation with tags, note, status and holder; a whole-provision one with a
    tag of the user's own; a change annotation."""
    rights = tag_named(store, "human-rights safeguards").id
    budget = create_tag(store, "budget", "#117733")
    annotate(
        store,
        "First revised draft",
        "art_26",
        "legality, necessity and proportionality",
        Content((rights,), "Dropped later — “necessity” too.", "contested", "EU"),
    )
    final = store.find_draft("A/AC.305/L.9")
    create_annotation(store, provision_target(store, final.id, "art_24"), Content((budget,)))
    d3, d4 = store.find_draft("Second revised draft"), store.find_draft("Further revised draft")
    old = next(p.text for p in store.provisions(d3.id) if p.eid == "art_24")
    new = next(p.text for p in store.provisions(d4.id) if p.eid == "art_24")
    was, now = "shall include, inter alia", "may include, as appropriate"
    create_annotation(
        store,
        text_target(store, d3.id, "art_24", old.index(was), old.index(was) + len(was)),
        Content(status="resolved"),
        changed_to=text_target(store, d4.id, "art_24", new.index(now), new.index(now) + len(now)),
    )


def write(tmp_path: Path, document: Any, name: str = "notes.jsonld") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


# --- export ------------------------------------------------------------------------------


def test_export_is_a_w3c_annotation_collection(demo: Store) -> None:
    sample(demo)
    doc = export_annotations(demo)
    assert doc["@context"][0] == ANNO_CONTEXT == "http://www.w3.org/ns/anno.jsonld"
    assert doc["@context"][1] == {"travaux": "urn:travaux:vocab:"}
    assert doc["type"] == "AnnotationCollection" and doc["total"] == 3
    first, whole, change = doc["first"]["items"]
    d2 = demo.find_draft("First revised draft")
    assert first["type"] == "Annotation" and first["id"].startswith("urn:uuid:")
    assert first["target"]["source"] == f"{d2.expression_uri}#art_26"
    quote, position = first["target"]["selector"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": "legality, necessity and proportionality",
        "prefix": "ive effect to the principles of ",
        "suffix": ".\n2. Depending on the nature of ",
    }
    assert position["type"] == "TextPositionSelector"
    assert position["end"] - position["start"] == len(quote["exact"])
    assert first["body"] == [
        {
            "type": "TextualBody",
            "purpose": "tagging",
            "value": "human-rights safeguards",
            "travaux:colour": "#D55E00",
        },
        {
            "type": "TextualBody",
            "purpose": "commenting",
            "value": "Dropped later — “necessity” too.",
            "format": "text/plain",
        },
    ]
    assert (first["travaux:status"], first["travaux:holder"]) == ("contested", "EU")
    assert "selector" not in whole["target"] and whole["target"]["source"].endswith("#art_24")
    assert [t["source"].rsplit("@", 1)[1] for t in change["target"]] == [
        "2023-11-06#art_24",
        "2024-05-23#art_24",
    ]
    assert "body" not in change and "travaux:holder" not in change


def test_export_filters_by_draft_and_by_tag(demo: Store) -> None:
    sample(demo)
    d3 = demo.find_draft("Second revised draft")
    assert export_annotations(demo, draft=d3)["total"] == 1  # the change, by its old side
    assert export_annotations(demo, draft=demo.find_draft("Further revised draft"))["total"] == 1
    tagged = export_annotations(demo, tag="Budget")
    assert [i["target"]["source"].rsplit("#", 1)[1] for i in tagged["first"]["items"]] == ["art_24"]
    assert export_annotations(demo, draft=d3, tag="budget")["total"] == 0
    with pytest.raises(NotFoundError, match="no tag called 'nothing'"):
        export_annotations(demo, tag="nothing")


# --- round trip --------------------------------------------------------------------------


def test_round_trip_into_an_empty_database_gives_the_same_annotations(
    demo: Store, other: Store, tmp_path: Path
) -> None:
    sample(demo)
    exported = export_annotations(demo)
    summary = import_annotations(other, write(tmp_path, exported))
    assert (summary.added, summary.already_present, summary.tags_created) == (3, 0, ("budget",))
    assert export_annotations(other) == exported
    assert tag_named(other, "budget").colour == "#117733"
    mine, theirs = find_annotations(demo), find_annotations(other)
    assert [a.target.selector for a in mine] == [a.target.selector for a in theirs]
    assert [a.target.draft_id for a in mine] != [a.target.draft_id for a in theirs]


def test_importing_the_same_file_again_adds_nothing(demo: Store, tmp_path: Path) -> None:
    sample(demo)
    path = write(tmp_path, export_annotations(demo))
    before = demo.dump()
    summary = import_annotations(demo, path)
    assert (summary.added, summary.already_present) == (0, 3)
    assert demo.dump() == before


def test_a_quote_at_a_wrong_position_is_found_again_in_the_same_text(
    demo: Store, other: Store, tmp_path: Path
) -> None:
    annotate(demo, "First revised draft", "art_26", "legality, necessity and proportionality")
    doc = export_annotations(demo)
    position = doc["first"]["items"][0]["target"]["selector"][1]
    right = position["start"]
    position["start"] -= 5  # a tool that counts otherwise
    position["end"] -= 5
    import_annotations(other, write(tmp_path, doc))
    (a,) = find_annotations(other)
    assert a.target.selector is not None and a.target.selector.start == right


def test_a_single_annotation_or_a_list_is_read_too(
    demo: Store, other: Store, tmp_path: Path
) -> None:
    aid = annotate(demo, "Zero draft", "art_26", "domestic law")
    item = export_annotations(demo)["first"]["items"][0]
    single = {"@context": ANNO_CONTEXT, **item}
    assert import_annotations(other, write(tmp_path, single)).added == 1
    assert annotation(other, 1).target.selector == annotation(demo, aid).target.selector
    with Store() as third:
        import_demo(third)
        assert import_annotations(third, write(tmp_path, [single], "list.json")).added == 1


# --- refused files -----------------------------------------------------------------------


def _valid(demo: Store) -> dict[str, Any]:
    annotate(demo, "Zero draft", "art_1", "Convention")
    annotate(demo, "First revised draft", "art_26", "legality, necessity and proportionality")
    return export_annotations(demo)


def _second(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["first"]["items"][1]


def _selectors(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return _second(doc)["target"]["selector"]


Break = Callable[[dict[str, Any]], Any]

BAD_FILES: list[tuple[str, Break, str]] = [
    ("wrong @context", lambda d: d.update({"@context": "http://schema.org"}), "must name http"),
    (
        "position out of range",
        lambda d: _selectors(d)[1].update(start=10_000, end=10_039),
        "out of range",
    ),
    (
        "quote not matching",
        lambda d: _selectors(d)[0].update(exact="legality, necessity and accountability!"),
        "quote 'legality, necessity and accountability!' is not in art_26",
    ),
    (
        "selectors disagree",
        lambda d: _selectors(d)[1].update(end=_selectors(d)[1]["end"] + 1),
        "the selectors disagree",
    ),
    (
        "unknown source",
        lambda d: _second(d)["target"].update(
            source="/akn/un/bill/2099/nothing/eng@2099-01-01#art_1"
        ),
        "unknown source '/akn/un/bill/2099/nothing/eng@2099-01-01'",
    ),
    (
        "unknown provision",
        lambda d: _second(d)["target"].update(source=_second(d)["target"]["source"] + "x"),
        "no provision 'art_26x'",
    ),
    (
        "unknown status",
        lambda d: _second(d).update({"travaux:status": "pending"}),
        "unknown status 'pending'",
    ),
    (
        "status not a string",
        lambda d: _second(d).update({"travaux:status": 3}),
        '"travaux:status" must be a string',
    ),
    ("not an Annotation", lambda d: _second(d).update(type="Note"), '"type" must be "Annotation"'),
    ("id not a string", lambda d: _second(d).update(id=3), '"id" must be a string'),
    (
        "same id twice",
        lambda d: _second(d).update(id=d["first"]["items"][0]["id"]),
        "used by annotation 1 too",
    ),
    (
        "bad colour",
        lambda d: d["first"]["items"][1].update(
            body=[{"purpose": "tagging", "value": "x", "travaux:colour": "red"}]
        ),
        "write #RRGGBB",
    ),
    ("bad time", lambda d: _second(d).update(created="yesterday"), '"created" is not a date'),
    (
        "year 1 moved before the calendar",
        lambda d: _second(d).update(created="0001-01-01T00:00:00+05:00"),
        "outside the years 1 to 9999",
    ),
    (
        "year 9999 moved past the calendar",
        lambda d: _second(d).update(modified="9999-12-31T23:59:59-05:00"),
        "\"modified\" '9999-12-31T23:59:59-05:00' is, in UTC, outside the years 1 to 9999",
    ),
    (
        "unknown selector",
        lambda d: _selectors(d).append({"type": "XPathSelector", "value": "/p"}),
        "unsupported selector 'XPathSelector'",
    ),
]


@pytest.mark.parametrize(("case", "damage", "reason"), BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_a_bad_annotation_is_named_and_nothing_is_imported(
    demo: Store, tmp_path: Path, case: str, damage: Break, reason: str
) -> None:
    doc = _valid(demo)
    ident = _second(doc).get("id", "")
    damage(doc)
    with Store() as target:
        import_demo(target)
        before = target.dump()
        path = write(tmp_path, doc)
        with pytest.raises(AnnotationImportError) as caught:
            import_annotations(target, path)
        assert target.dump() == before
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert reason in message
    if case != "wrong @context":  # a fault in the second annotation, named as such
        assert "annotation 2" in message
        assert ident in message or case in ("id not a string", "same id twice")


def test_invalid_json_is_refused_with_its_place(demo: Store, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text(
        '{"@context": "http://www.w3.org/ns/anno.jsonld",\n "type": }', encoding="utf-8"
    )
    before = demo.dump()
    with pytest.raises(AnnotationImportError, match=r"broken\.json: not JSON: .* line 2, column"):
        import_annotations(demo, path)
    assert demo.dump() == before


def test_an_id_already_used_by_a_different_annotation_is_refused(
    demo: Store, tmp_path: Path
) -> None:
    doc = _valid(demo)
    _second(doc)["travaux:status"] = "resolved"  # the same id, other content
    tagged = copy.deepcopy(doc["first"]["items"][0])
    tagged["id"] = "urn:uuid:00000000-0000-4000-8000-000000000001"
    tagged["body"] = [{"type": "TextualBody", "purpose": "tagging", "value": "new tag"}]
    doc["first"]["items"].insert(0, tagged)
    before = demo.dump()
    with pytest.raises(AnnotationImportError, match=r"annotation 3 .* differs"):
        import_annotations(demo, write(tmp_path, doc))
    assert demo.dump() == before  # not even the first annotation, nor the new tag


# --- hostile files: refused with a reason, within limits, never a traceback -------------


def _refused(store: Store, path: Path) -> str:
    before = store.dump()
    with pytest.raises(AnnotationImportError) as caught:
        import_annotations(store, path)
    assert store.dump() == before
    assert str(caught.value).startswith(f"{path}: ")
    return str(caught.value)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply to be an annotation file"),
        ('{"a": ' * 50_000 + "1" + "}" * 50_000, "nested too deeply"),
        ('{"@context": "http://www.w3.org/ns/anno.jsonld", "n": ' + "9" * 5000 + "}", "5,000"),
        ('[{"start": -' + "1" * 19 + "}]", "a number of 19 digits"),
    ],
    ids=["deep list", "deep object", "5,000 digits", "19 digits"],
)
def test_a_hostile_json_file_is_refused(
    demo: Store, tmp_path: Path, text: str, reason: str
) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    assert reason in _refused(demo, path)


@pytest.mark.parametrize("where", ["bodyValue", "id", "tag", "exact", "source", "quote only"])
def test_a_lone_surrogate_is_refused_as_no_character(
    demo: Store, tmp_path: Path, where: str
) -> None:
    doc = _valid(demo)
    item = _second(doc)
    if where == "tag":
        item["body"] = [{"type": "TextualBody", "purpose": "tagging", "value": "tag\ud800"}]
    elif where == "exact":
        _selectors(doc)[0]["prefix"] = "\udc00"
    elif where == "quote only":
        _selectors(doc).pop(1)
        _selectors(doc)[0]["suffix"] = "\udc00"
    elif where == "source":
        item["target"]["source"] += "\ud800"
    else:
        item[where] = "note \ud800"
    with Store() as target:
        import_demo(target)
        path = tmp_path / "surrogate.json"
        path.write_text(json.dumps(doc), encoding="ascii")  # \ud800 as JSON writes it
        message = _refused(target, path)
    assert "holds a lone surrogate" in message and "annotation 2" in message
    message.encode("utf-8")  # the message itself can be printed


def test_a_utf8_byte_order_mark_is_read_as_for_drafts(
    demo: Store, other: Store, tmp_path: Path
) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(codecs.BOM_UTF8 + json.dumps(_valid(demo)).encode("utf-8"))
    assert import_annotations(other, path).added == 2


def test_a_file_not_in_utf8_is_refused_with_a_next_step(demo: Store, tmp_path: Path) -> None:
    path = tmp_path / "utf16.json"
    path.write_bytes(json.dumps(_valid(demo)).encode("utf-16"))
    assert "not UTF-8 text (byte 0, line 1): save the file as UTF-8" in _refused(demo, path)


def test_a_file_over_the_size_limit_is_refused_unread(
    demo: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web_annotation, "MAX_BYTES", 1000)
    path = write(tmp_path, _valid(demo))
    assert "over the limit of 1,000 bytes for an annotation file" in _refused(demo, path)


@pytest.mark.parametrize("shape", ["collection", "list"])
def test_a_file_over_the_count_limit_is_refused(
    demo: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shape: str
) -> None:
    monkeypatch.setattr(web_annotation, "MAX_ANNOTATIONS", 1)
    doc = _valid(demo)
    listed = [{"@context": ANNO_CONTEXT, **item} for item in doc["first"]["items"]]
    path = write(tmp_path, doc if shape == "collection" else listed)
    assert "2 annotations, over the limit of 1 for one import: split" in _refused(demo, path)


def test_an_empty_selector_list_is_refused_with_what_to_give(demo: Store, tmp_path: Path) -> None:
    doc = _valid(demo)
    _second(doc)["target"]["selector"] = []
    with Store() as target:
        import_demo(target)
        message = _refused(target, write(tmp_path, doc))
    assert "annotation 2" in message and 'an empty "selector" list' in message
