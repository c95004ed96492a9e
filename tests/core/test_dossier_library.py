"""Changes to the library travel with a sync: a draft renamed, redated, given a symbol,
moved to another negotiation or deleted by one person is so for everyone; a deletion
hides the draft without losing a record, and importing the draft again undoes it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drafts.annotating.annotations import find_annotations
from drafts.demo import demo_files, import_demo
from drafts.dossier import sync as dossier_sync
from drafts.dossier.records import LIBRARY, read_histories
from drafts.dossier.sync import rebuild
from drafts.importer import import_paths
from drafts.library import DraftFacts, delete_draft, edit_draft, move_draft
from drafts.store import Store
from tests.builders import annotate
from tests.teams import Member, make_team


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Member]]:
    yield from make_team(tmp_path, monkeypatch)


def shared(members: list[Member]) -> None:
    for _ in range(2):
        for m in members:
            report = m.sync()
            assert report.pushed and not report.arrived.refused


def library(m: Member) -> list[tuple[str, str, str, str]]:
    """(negotiation, label, date, symbol) of every draft, in the database's order."""
    return [(d.negotiation, d.label, d.date, d.symbol) for d in m.store.drafts()]


def test_a_draft_renamed_redated_and_moved_by_one_is_so_for_everyone(
    team: list[Member],
) -> None:
    alice, bruno, chiara = team
    import_demo(alice.store)
    shared(team)
    zero = alice.store.find_draft("Zero draft")
    edit_draft(alice.store, zero.id, DraftFacts("Chair's zero draft", "2020-02-03", "A/AC.1/1"))
    move_draft(alice.store, alice.store.find_draft("Final text agreed ad referendum").id, "Final")
    report = alice.sync()
    assert report.shared_library == 2
    shared(team)
    assert library(bruno) == library(chiara) == library(alice)
    assert ("Final", "Final text agreed ad referendum") in [
        (n, lb) for n, lb, _, _ in library(bruno)
    ]
    assert bruno.store.find_draft("A/AC.1/1").date == "2020-02-03"
    assert alice.sync().shared_library == 0  # nothing goes back and forth


def test_two_renames_of_one_draft_keep_both_and_every_clone_shows_the_same(
    team: list[Member],
) -> None:
    alice, bruno, chiara = team
    import_demo(alice.store)
    shared(team)
    for m, label in ((alice, "Alice's name"), (bruno, "Bruno's name")):
        edit_draft(m.store, m.store.find_draft("Zero draft").id, DraftFacts(label=label))
    shared(team)
    assert library(alice) == library(bruno) == library(chiara)
    (history,) = [h for h in read_histories(alice.folder, LIBRARY).values()]
    assert {str(v.item["label"]) for v in history.versions.values()} == {
        "Alice's name",
        "Bruno's name",
    }


def test_a_deletion_hides_the_draft_keeps_its_annotations_and_an_import_undoes_it(
    team: list[Member],
) -> None:
    alice, bruno, chiara = team
    import_demo(alice.store)
    shared(team)
    zero = bruno.store.find_draft("Zero draft")
    annotate(bruno.store, zero, "art_1", "purposes", note="Bruno's, on the zero draft")
    delete_draft(alice.store, alice.store.find_draft("Zero draft").id)  # at the same time
    shared(team)
    for m in team:
        assert "Zero draft" not in [d.label for d in m.store.drafts()]
        assert len(m.store.drafts()) == 4 and find_annotations(m.store) == []
    assert len(read_histories(chiara.folder, "annotations")) == 1  # Bruno's note is kept

    with Store(alice.folder.parent / "rebuilt.sqlite3") as rebuilt:
        rebuild(rebuilt, alice.folder)
        assert len(rebuilt.drafts()) == 4 and find_annotations(rebuilt) == []

    import_paths(chiara.store, demo_files()[:1])  # Chiara imports the zero draft again
    shared(team)
    for m in team:
        assert "Zero draft" in [d.label for d in m.store.drafts()]
        assert [a.content.note for a in find_annotations(m.store)] == ["Bruno's, on the zero draft"]


def test_a_deleted_draft_with_its_annotations_deletes_them_for_everyone(
    team: list[Member],
) -> None:
    alice, bruno, _ = team
    import_demo(alice.store)
    annotate(alice.store, alice.store.find_draft("Zero draft"), "art_1", "purposes", note="x")
    shared(team)
    assert len(find_annotations(bruno.store)) == 1
    delete_draft(alice.store, alice.store.find_draft("Zero draft").id, with_annotations=True)
    shared(team)
    assert find_annotations(bruno.store) == [] and len(bruno.store.drafts()) == 4
    (history,) = read_histories(bruno.folder, "annotations").values()
    assert history.current() is None and len(history.versions) == 2  # a deletion, kept


def test_a_rebuild_gives_the_library_as_changed(team: list[Member], tmp_path: Path) -> None:
    alice = team[0]
    import_demo(alice.store)
    alice.sync()
    edit_draft(alice.store, alice.store.find_draft("Zero draft").id, DraftFacts(label="Zero"))
    move_draft(alice.store, alice.store.find_draft("Zero").id, "Elsewhere")
    delete_draft(alice.store, alice.store.find_draft("Final text agreed ad referendum").id)
    alice.sync()
    with Store(tmp_path / "rebuilt.sqlite3") as rebuilt:
        arrived = rebuild(rebuilt, alice.folder)
        assert not arrived.refused
        assert sorted(library(Member("R", alice.folder, rebuilt))) == sorted(library(alice))


def test_a_sync_stopped_after_hiding_a_draft_shares_no_deletion_of_its_annotations(
    team: list[Member], monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, bruno, chiara = team
    import_demo(alice.store)
    shared(team)
    delete_draft(alice.store, alice.store.find_draft("Zero draft").id)  # not synced yet
    annotate(bruno.store, bruno.store.find_draft("Zero draft"), "art_1", "purposes", note="B")
    bruno.sync()
    alice.sync()

    def stopped(*_: object) -> None:
        raise RuntimeError("the sync stops before the clone's state is saved")

    with monkeypatch.context() as patch:
        patch.setattr(dossier_sync.states, "save", stopped)
        with pytest.raises(RuntimeError):
            bruno.sync()  # the draft and Bruno's note left his database
    assert find_annotations(bruno.store) == []
    shared(team)
    (history,) = read_histories(chiara.folder, "annotations").values()
    assert len(history.versions) == 1 and history.current() is not None
    import_paths(chiara.store, demo_files()[:1])
    shared(team)
    assert [a.content.note for a in find_annotations(alice.store)] == ["B"]
