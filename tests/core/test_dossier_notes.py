"""The dossier's word on each annotation (`team_view`) and settling a conflict by keeping
one version (`keep_version`), with two clones of one bare repository."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drafts.annotating.annotations import (
    Content,
    annotation,
    annotation_rows,
    find_annotations,
    from_row,
    update_annotation,
)
from drafts.demo import import_demo
from drafts.dossier.git import DossierError
from drafts.dossier.notes import history_of, keep_version, team_view
from drafts.dossier.sync import conflicts
from drafts.store import Store
from tests.builders import annotate
from tests.teams import Member, make_team


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Member]]:
    yield from make_team(tmp_path, monkeypatch)


def shared_note(alice: Member, bruno: Member) -> str:
    """Alice shares the demo and one note; Bruno takes them in. The note's URI."""
    import_demo(alice.store)
    annotate(alice.store, alice.store.find_draft("Zero draft"), "art_1", "purposes", note="A.")
    alice.sync()
    bruno.sync()
    (uri,) = alice.notes()
    return uri


def edit(member: Member, uri: str, note: str) -> None:
    (a,) = [a for a in find_annotations(member.store) if a.uri == uri]
    update_annotation(member.store, a.id, a.content, Content(a.content.tag_ids, note))


def test_the_team_view_names_authors_what_arrived_and_conflicts(team: list[Member]) -> None:
    alice, bruno, _ = team
    uri = shared_note(alice, bruno)
    seen = team_view(bruno.folder, bruno.store.path)
    assert seen.authors == {uri: "Alice"} and seen.me == "Bruno"
    assert seen.arrived == {uri} and seen.conflicts == frozenset()
    edit(alice, uri, "Alice again.")
    edit(bruno, uri, "Bruno's view.")
    alice.sync()
    bruno.sync()
    seen = team_view(bruno.folder, bruno.store.path)
    assert seen.conflicts == {uri}
    assert team_view(alice.folder, alice.store.path).arrived == frozenset()


def test_keeping_a_version_writes_one_that_replaces_every_head(team: list[Member]) -> None:
    alice, bruno, chiara = team
    uri = shared_note(alice, bruno)
    edit(alice, uri, "Alice again.")
    edit(bruno, uri, "Bruno's view.")
    alice.sync()
    bruno.sync()
    heads = history_of(bruno.folder, uri).heads()
    alices = next(v for v in heads if v.creator == "Alice")
    before = set(history_of(bruno.folder, uri).versions)
    name = keep_version(bruno.store, bruno.folder, uri, alices.name)
    after = history_of(bruno.folder, uri)
    assert set(after.versions) == before | {name}  # nothing removed
    (head,) = after.heads()
    assert head.name == name and head.creator == "Bruno"
    assert sorted(head.replaces) == sorted(v.name for v in heads)
    assert bruno.notes()[uri][0] == "Alice again." and conflicts(bruno.folder) == []
    report = bruno.sync()
    assert report.shared_annotations == 0  # the choice is a record already: only committed
    alice.sync()
    chiara.sync()
    assert alice.notes()[uri][0] == chiara.notes()[uri][0] == "Alice again."
    assert conflicts(alice.folder) == conflicts(chiara.folder) == []


def test_keeping_a_deletion_deletes_the_annotation(team: list[Member]) -> None:
    alice, bruno, _ = team
    uri = shared_note(alice, bruno)
    (a,) = find_annotations(alice.store)
    from drafts.annotating.annotations import delete_annotation

    delete_annotation(alice.store, a.id)
    edit(bruno, uri, "Bruno's view.")
    alice.sync()
    bruno.sync()  # an edit met by a deletion: the edit shows, both versions stand
    assert bruno.notes()[uri][0] == "Bruno's view." and conflicts(bruno.folder) != []
    deletion = next(v for v in history_of(bruno.folder, uri).heads() if v.deleted)
    keep_version(bruno.store, bruno.folder, uri, deletion.name)
    assert bruno.notes() == {} and conflicts(bruno.folder) == []
    bruno.sync()
    alice.sync()
    assert alice.notes() == {}


def test_only_a_version_that_stands_can_be_kept(team: list[Member], tmp_path: Path) -> None:
    alice, bruno, _ = team
    uri = shared_note(alice, bruno)
    (only,) = history_of(bruno.folder, uri).versions
    edit(bruno, uri, "Bruno's view.")
    bruno.sync()
    with pytest.raises(DossierError, match="not one that stands"):
        keep_version(bruno.store, bruno.folder, uri, only)  # replaced by Bruno's edit
    with pytest.raises(DossierError, match="not a dossier"):
        keep_version(bruno.store, tmp_path / "nowhere", uri, only)


def test_annotations_read_a_part_at_a_time_are_all_of_them(demo: Store) -> None:
    zero = demo.find_draft("Zero draft")
    made = [annotate(demo, zero, "art_1", w) for w in ("purposes", "prevention", "cooperation")]
    parts, after = [], 0
    while part := annotation_rows(demo, negotiation_id=zero.negotiation_id, after=after, limit=2):
        parts.append([from_row(r) for r in part])
        after = part[-1][0]
    assert [len(p) for p in parts] == [2, 1]
    assert (
        [a for p in parts for a in p]
        == find_annotations(demo)
        == [annotation(demo, i) for i in made]
    )
