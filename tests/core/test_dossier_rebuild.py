"""The database is an index of the dossier: rebuilt from the dossier alone, it holds the
same drafts (Akoma Ntoso and Word alike), gives the same comparisons, and the same
annotations and tags."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from drafts.annotating.annotations import (
    Content,
    annotation,
    create_annotation,
    create_tag,
    find_annotations,
    provision_target,
    tag_named,
    tags,
    text_target,
    update_annotation,
)
from drafts.annotating.web_annotation import export_annotations
from drafts.comparing.comparisons import compare_drafts, to_json
from drafts.demo import import_demo
from drafts.dossier.sync import rebuild
from drafts.importer import import_paths
from drafts.library import DraftFacts, delete_draft, edit_draft, move_draft
from drafts.store import Store
from tests.builders import annotate, text_of
from tests.docx_builder import FOOTNOTES, build, sample_body
from tests.teams import Member, make_team


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Member]]:
    yield from make_team(tmp_path, monkeypatch)


def fill(store: Store, tmp_path: Path) -> None:
    """The demo, a Word draft in a negotiation of its own, and annotations of every
    kind: a passage with tags and a holder, a whole provision, a change."""
    import_demo(store)
    word = tmp_path / "word-draft.docx"
    word.write_bytes(build(sample_body(), footnotes=FOOTNOTES))
    import_paths(store, [word], negotiation="Word negotiation")
    budget = create_tag(store, "budget", "#117733")
    rights = tag_named(store, "human-rights safeguards").id
    zero, first = store.find_draft("Zero draft"), store.find_draft("First revised draft")
    annotate(
        store,
        first,
        "art_26",
        "legality, necessity and proportionality",
        tag_ids=(rights, budget),
        note="the heart of it — “safeguards”",
        status="contested",
        holder="Group of 77",
    )
    create_annotation(store, provision_target(store, zero.id, "art_1"), Content(note="whole"))
    old_text = text_of(store, zero, "art_26")
    start = old_text.index("domestic law")
    create_annotation(
        store,
        text_target(store, zero.id, "art_26", start, start + len("domestic law")),
        Content(note="what changed"),
        changed_to=provision_target(store, first.id, "art_26"),
    )


def drafts_of(store: Store) -> list[tuple[Any, ...]]:
    return [
        (
            d.negotiation,
            d.label,
            d.date,
            d.symbol,
            d.expression_uri,
            store.content_hash(d.id),
            tuple(store.provisions(d.id)),
        )
        for d in store.drafts()
    ]


def comparisons_of(store: Store) -> list[dict[str, Any]]:
    drafts = store.drafts()
    found = []
    for old, new in pairwise(drafts):
        if old.negotiation_id == new.negotiation_id:
            shape = to_json(compare_drafts(store, old, new))
            shape["from"].pop("id"), shape["to"].pop("id")
            found.append(shape)
    return found


def annotations_of(store: Store) -> list[dict[str, Any]]:
    return sorted(export_annotations(store)["first"]["items"], key=lambda a: a["id"])


def test_a_database_rebuilt_from_the_dossier_is_the_same(
    team: list[Member], tmp_path: Path
) -> None:
    alice = team[0]
    fill(alice.store, tmp_path)
    assert alice.sync().shared_drafts == 6
    with Store(tmp_path / "rebuilt.sqlite3") as rebuilt:
        arrived = rebuild(rebuilt, alice.folder)
        assert len(arrived.drafts) == 6 and len(arrived.added) == 3 and not arrived.refused
        assert drafts_of(rebuilt) == drafts_of(alice.store)
        assert comparisons_of(rebuilt) == comparisons_of(alice.store)
        assert len(comparisons_of(rebuilt)) == 4
        assert annotations_of(rebuilt) == annotations_of(alice.store)
        assert {(t.name, t.colour) for t in tags(rebuilt)} == {
            (t.name, t.colour) for t in tags(alice.store)
        }
        again = rebuild(rebuilt, alice.folder)  # a second rebuild finds it all there
        assert (again.drafts, again.added, again.changed) == ([], [], [])


def test_a_rebuild_over_an_edit_not_yet_shared_keeps_the_edit(team: list[Member]) -> None:
    alice, bruno, _ = team
    import_demo(alice.store)
    annotate(alice.store, alice.store.find_draft("Zero draft"), "art_1", "purposes", note="v1")
    alice.sync()
    (a,) = find_annotations(alice.store)
    update_annotation(alice.store, a.id, a.content, Content(note="v2, not shared yet"))
    arrived = rebuild(alice.store, alice.folder)
    assert (arrived.added, arrived.changed) == ([], [])
    assert annotation(alice.store, a.id).content.note == "v2, not shared yet"
    alice.sync()
    bruno.sync()
    assert [n.content.note for n in find_annotations(bruno.store)] == ["v2, not shared yet"]


def test_a_database_rebuilt_after_library_changes_is_the_same(
    team: list[Member], tmp_path: Path
) -> None:
    alice, bruno, _ = team
    fill(alice.store, tmp_path)
    alice.sync()
    bruno.sync()
    annotate(
        bruno.store,
        bruno.store.find_draft("Final text agreed ad referendum"),
        "art_1",
        "purposes",
        note="on a draft Alice deletes meanwhile",
    )
    final = alice.store.find_draft("Final text agreed ad referendum")
    delete_draft(alice.store, final.id)
    zero = alice.store.find_draft("Zero draft")
    edit_draft(alice.store, zero.id, DraftFacts(label="Zero", date="2021-01-01", symbol="Z"))
    move_draft(alice.store, alice.store.find_draft("word-draft").id, "Moved negotiation")
    for m in (alice, bruno, alice):
        m.sync()
    assert drafts_of(bruno.store) == drafts_of(alice.store)
    with Store(tmp_path / "rebuilt.sqlite3") as rebuilt:
        arrived = rebuild(rebuilt, alice.folder)
        assert not arrived.refused
        assert drafts_of(rebuilt) == drafts_of(alice.store)
        assert comparisons_of(rebuilt) == comparisons_of(alice.store)
        assert annotations_of(rebuilt) == annotations_of(alice.store)
        assert len(annotations_of(rebuilt)) == 3  # Bruno's note waits with its draft
