"""A team shares drafts and annotations through clones of one bare repository: every
record anyone made reaches everyone, and none is ever lost."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafts.annotating.annotations import (
    Content,
    annotation,
    create_tag,
    delete_annotation,
    find_annotations,
    recolour_tag,
    tag_named,
    tags,
    update_annotation,
)
from drafts.demo import demo_files, import_demo
from drafts.dossier.git import DossierError
from drafts.dossier.records import ANNOTATIONS, DraftRecord, read_drafts, read_histories
from drafts.dossier.sync import authors, conflicts, status
from drafts.importer import import_paths
from tests.builders import annotate
from tests.teams import Member, git, make_team


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Member]]:
    yield from make_team(tmp_path, monkeypatch)


def shared(members: list[Member]) -> None:
    """Everyone syncs, in turn, twice: what anyone shared has reached everyone."""
    for _ in range(2):
        for m in members:
            report = m.sync()
            assert report.pushed and not report.offline and not report.arrived.refused


def start(members: list[Member]) -> None:
    """The first person imports the demo negotiation and everyone syncs."""
    import_demo(members[0].store)
    shared(members)


def note(m: Member, label: str, eid: str, phrase: str, text: str) -> int:
    return annotate(m.store, m.store.find_draft(label), eid, phrase, note=text)


def versions(m: Member) -> int:
    return sum(len(h.versions) for h in read_histories(m.folder, ANNOTATIONS).values())


def test_concurrent_annotations_on_the_same_and_other_provisions_all_arrive(
    team: list[Member],
) -> None:
    alice, bruno, chiara = team
    start(team)
    note(alice, "Zero draft", "art_1", "Convention", "Alice on article 1")
    note(alice, "Zero draft", "art_26", "domestic law", "Alice on article 26")
    note(bruno, "Zero draft", "art_1", "Convention", "Bruno on article 1, same words")
    note(chiara, "First revised draft", "art_5", "Each State Party", "Chiara on article 5")
    shared(team)
    everything = alice.notes()
    assert len(everything) == 4
    assert bruno.notes() == chiara.notes() == everything
    assert {text for text, _ in everything.values()} == {
        "Alice on article 1",
        "Alice on article 26",
        "Bruno on article 1, same words",
        "Chiara on article 5",
    }
    assert conflicts(alice.folder) == []
    by = authors(chiara.folder)
    assert sorted(by[uri] for uri in everything) == ["Alice", "Alice", "Bruno", "Chiara"]


def test_two_edits_of_one_annotation_are_both_kept_as_a_conflict_until_resolved(
    team: list[Member],
) -> None:
    alice, bruno, chiara = team
    start(team)
    note(alice, "Zero draft", "art_26", "domestic law", "first words")
    shared(team)
    for m, words in ((alice, "Alice's reading"), (bruno, "Bruno's reading")):
        (a,) = find_annotations(m.store)
        update_annotation(m.store, a.id, a.content, Content(note=words, status="contested"))
    shared(team)
    (conflict,) = conflicts(alice.folder)
    assert sorted(author for _, author, _, _ in conflict.versions) == ["Alice", "Bruno"]
    shown = alice.notes()
    assert bruno.notes() == chiara.notes() == shown  # every clone shows the same version
    texts = _all_notes(alice)
    assert {"first words", "Alice's reading", "Bruno's reading"} <= texts

    (a,) = find_annotations(chiara.store)  # Chiara resolves it by writing a new version
    update_annotation(chiara.store, a.id, a.content, Content(note="agreed reading"))
    shared(team)
    assert conflicts(alice.folder) == []
    assert alice.notes() == bruno.notes() == {a.uri: ("agreed reading", "open")}
    assert {"Alice's reading", "Bruno's reading"} <= _all_notes(bruno)  # nothing lost


def test_an_edit_against_a_delete_keeps_the_edit_and_shows_the_conflict(
    team: list[Member],
) -> None:
    alice, bruno, chiara = team
    start(team)
    note(alice, "Zero draft", "art_26", "domestic law", "to be discussed")
    shared(team)
    (a,) = find_annotations(alice.store)
    delete_annotation(alice.store, a.id)
    (b,) = find_annotations(bruno.store)
    update_annotation(bruno.store, b.id, b.content, Content(note="keep this, please"))
    shared(team)
    for m in team:
        assert m.notes() == {a.uri: ("keep this, please", "open")}
    (conflict,) = conflicts(chiara.folder)
    assert [deleted for *_, deleted in conflict.versions].count(True) == 1


def test_a_deletion_reaches_everyone_and_the_versions_stay_in_the_dossier(
    team: list[Member],
) -> None:
    alice, bruno, chiara = team
    start(team)
    note(alice, "Zero draft", "art_26", "domestic law", "soon gone")
    shared(team)
    (b,) = find_annotations(bruno.store)
    delete_annotation(bruno.store, b.id)
    shared(team)
    assert alice.notes() == chiara.notes() == {}
    assert versions(alice) == 2 and conflicts(alice.folder) == []


def test_a_draft_imported_by_one_is_annotated_by_another(
    team: list[Member], tmp_path: Path
) -> None:
    alice, bruno, chiara = team
    mine = tmp_path / "from-the-secretariat.xml"
    shutil.copy(demo_files()[1], mine)
    import_paths(alice.store, [mine])
    shared(team)
    (draft,) = bruno.store.drafts()
    assert draft.label == alice.store.drafts()[0].label
    assert bruno.store.provisions(draft.id) == alice.store.provisions(alice.store.drafts()[0].id)
    note(bruno, draft.label, "art_26", "legality, necessity and proportionality", "Bruno's")
    shared(team)
    (a,) = find_annotations(alice.store)
    assert a.content.note == "Bruno's" and a.target.draft_id == alice.store.drafts()[0].id
    assert chiara.notes() == alice.notes()


def test_the_same_drafts_shared_by_two_at_once_merge_and_are_stored_once(
    team: list[Member],
) -> None:
    alice, bruno, _ = team
    import_demo(alice.store)
    import_demo(bruno.store)
    shared(team)
    assert len(list((alice.folder / "drafts").glob("*.json"))) == 10  # both records kept
    for m in team:
        assert [d.label for d in m.store.drafts()] == [d.label for d in alice.store.drafts()]
        assert len(m.store.drafts()) == 5


def test_tags_made_and_recoloured_by_one_reach_the_others(team: list[Member]) -> None:
    alice, bruno, _ = team
    start(team)
    budget = create_tag(alice.store, "budget", "#117733")
    rights = tag_named(alice.store, "human-rights safeguards")
    recolour_tag(alice.store, rights.id, rights.colour, "#000000")
    annotate(
        alice.store, alice.store.find_draft("Zero draft"), "art_1", "Convention", tag_ids=(budget,)
    )
    shared(team)
    theirs = {t.name: t.colour for t in tags(bruno.store)}
    assert theirs["budget"] == "#117733" and theirs["human-rights safeguards"] == "#000000"
    (a,) = find_annotations(bruno.store)
    assert [t.name for t in tags(bruno.store) if t.id in a.content.tag_ids] == ["budget"]


def test_without_the_network_a_sync_commits_here_and_shares_later(
    team: list[Member],
) -> None:
    alice, bruno, _ = team
    start(team)
    url = git(alice.folder, "config", "remote.origin.url").strip()
    git(alice.folder, "remote", "set-url", "origin", str(alice.folder.parent / "unreachable"))
    note(alice, "Zero draft", "art_1", "Convention", "written on a train")
    report = alice.sync()
    assert report.offline and not report.pushed and report.shared_annotations == 1
    assert status(alice.store, alice.folder).to_share.versions == []  # committed here
    git(alice.folder, "remote", "set-url", "origin", url)
    shared(team)
    assert [text for text, _ in bruno.notes().values()] == ["written on a train"]


def test_a_conflict_git_reports_anyway_leaves_the_repository_as_it_was(
    team: list[Member],
) -> None:
    alice, bruno, _ = team
    start(team)
    for m, words in ((alice, "Alice was here\n"), (bruno, "Bruno was here\n")):
        (m.folder / "README.md").write_text(words)  # edited by hand, against the rules
        git(m.folder, "commit", "--quiet", "-am", "by hand")
    bruno.sync()
    head = git(alice.folder, "rev-parse", "HEAD")
    with pytest.raises(DossierError, match="could not merge"):
        alice.sync()
    assert git(alice.folder, "rev-parse", "HEAD") == head
    assert git(alice.folder, "status", "--porcelain") == ""
    assert (alice.folder / "README.md").read_text() == "Alice was here\n"


def test_a_draft_whose_file_is_gone_is_named_as_not_shared(
    team: list[Member], tmp_path: Path
) -> None:
    alice, bruno, _ = team
    mine = tmp_path / "moved-away.xml"
    shutil.copy(demo_files()[0], mine)
    import_paths(alice.store, [mine])
    mine.unlink()
    report = alice.sync()
    assert report.shared_drafts == 0
    assert report.unshared and "moved-away.xml" in report.unshared[0]
    bruno.sync()
    assert bruno.store.drafts() == []


def test_status_says_what_waits_to_be_shared_and_who_signs(team: list[Member]) -> None:
    alice, _, _ = team
    start(team)
    aid = note(alice, "Zero draft", "art_1", "Convention", "not yet shared")
    found = status(alice.store, alice.folder)
    assert found.author == "Alice" and found.remote.endswith("team.git")
    assert found.drafts == 5 and found.annotations == 0
    assert [folder for _, folder, _ in found.to_share.versions] == [
        annotation(alice.store, aid).uri.removeprefix("urn:uuid:")
    ]


def _all_notes(m: Member) -> set[str]:
    """Every note any version of any annotation in this clone's dossier holds."""
    found = set()
    for history in read_histories(m.folder, ANNOTATIONS).values():
        for version in history.versions.values():
            for body in version.item.get("body", []):
                if body.get("purpose") == "commenting":
                    found.add(body["value"])
    return found


def test_a_draft_record_naming_a_file_outside_the_dossier_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "secret.xml"
    shutil.copy(demo_files()[0], outside)
    (tmp_path / "dossier" / "drafts").mkdir(parents=True)
    digest = "ab" * 32
    for name, file in (("a", "../../secret.xml"), ("b", f"{digest}.c/../../../secret.xml")):
        record = DraftRecord(digest, file, "L", "", "", "N", "/w", "/w/e", "s.xml")
        (tmp_path / "dossier" / "drafts" / f"{digest}.{name}.json").write_bytes(record.to_json())
    assert read_drafts(tmp_path / "dossier") == {}


def test_records_are_committed_without_being_written_out_and_every_clone_stays_clean(
    team: list[Member], tmp_path: Path
) -> None:
    alice, bruno, chiara = team
    start(team)
    note(alice, "Zero draft", "art_1", "purposes", "Alice's")
    note(bruno, "Zero draft", "art_1", "prevention", "Bruno's")
    shared(team)
    assert len(chiara.notes()) == 2 and alice.notes() == bruno.notes() == chiara.notes()
    for m in team:
        assert git(m.folder, "status", "--porcelain") == ""
        assert git(m.folder, "fsck", "--no-progress") == ""
        assert not (m.folder / ANNOTATIONS).exists()  # in git, not in the working copy
        assert len(list((m.folder / "drafts").glob("*.json"))) == 5
    assert "Alice: 5 drafts" in git(alice.folder, "log", "--format=%s")
    remote = git(alice.folder, "config", "remote.origin.url").strip()
    plain = tmp_path / "plain"
    git(tmp_path, "clone", "--quiet", remote, str(plain))  # a plain clone shows the files
    assert len(list((plain / ANNOTATIONS).glob("*/*.jsonld"))) == 2


def test_a_clone_with_its_records_checked_out_still_syncs_and_loses_none(
    team: list[Member],
) -> None:
    alice, bruno, _ = team
    start(team)
    note(alice, "Zero draft", "art_1", "purposes", "Alice's")
    shared(team)
    git(bruno.folder, "sparse-checkout", "disable")  # as an earlier Travaux left a clone
    (written,) = (bruno.folder / ANNOTATIONS).glob("*/*.jsonld")
    left = written.with_name(written.name.replace(".", ".20260101T000000Z-bruno-0.", 1))
    left.write_bytes(written.read_bytes())  # a record an interrupted sync never committed
    note(bruno, "Zero draft", "art_1", "prevention", "Bruno's")
    shared(team)
    assert sorted(text for text, _ in alice.notes().values()) == ["Alice's", "Bruno's"]
    assert git(bruno.folder, "status", "--porcelain") == ""
    assert versions(alice) == 3  # the left-over record was committed too
