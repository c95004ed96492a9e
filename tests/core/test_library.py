"""The drafts as a library (issue 19): a draft's label, date and symbol corrected, a
draft moved to another negotiation or deleted, each whole or not at all, and no
annotation lost without being asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafts.errors import RefusedError, TravauxError
from drafts.library import DraftFacts, annotations_on, delete_draft, edit_draft, move_draft
from drafts.store import Store
from main import main
from tests.builders import annotate, text_of


def test_a_draft_is_renamed_redated_and_given_a_symbol(demo: Store) -> None:
    first = demo.drafts()[0]
    edited = edit_draft(demo, first.id, DraftFacts("Chair's zero draft", "2023-01-17", "A/X/1"))
    assert (edited.label, edited.date, edited.symbol) == (
        "Chair's zero draft",
        "2023-01-17",
        "A/X/1",
    )
    assert demo.find_draft("A/X/1").id == first.id
    again = edit_draft(demo, first.id, DraftFacts(date=""))  # undated now, the rest kept
    assert (again.label, again.date, again.symbol) == ("Chair's zero draft", "", "A/X/1")
    assert demo.drafts()[-1].id == first.id  # undated drafts come last


@pytest.mark.parametrize("facts", [DraftFacts(label="  "), DraftFacts(date="2024-02-30")])
def test_a_nameless_or_impossible_draft_is_refused_and_nothing_changes(
    demo: Store, facts: DraftFacts
) -> None:
    before = demo.dump()
    with pytest.raises(TravauxError):  # refused, or a date an import would refuse too
        edit_draft(demo, demo.drafts()[0].id, facts)
    assert demo.dump() == before


def test_a_draft_moves_to_a_new_negotiation_and_an_empty_one_is_gone(demo: Store) -> None:
    last = demo.drafts()[-1]
    moved = move_draft(demo, last.id, "Final texts")
    assert moved.negotiation == "Final texts"
    assert len(demo.negotiations()) == 2
    back = move_draft(demo, last.id, demo.drafts()[0].negotiation)  # by the title
    assert back.negotiation_id == demo.drafts()[0].negotiation_id
    assert len(demo.negotiations()) == 1  # "Final texts" had no draft left


def test_deleting_a_draft_with_annotations_is_refused_unless_they_go_too(demo: Store) -> None:
    drafts = demo.drafts()
    annotate(demo, drafts[-1], "art_24", "human rights", note="Keep the safeguard.")
    before = demo.dump()
    with pytest.raises(RefusedError, match="1 annotation were made on this draft"):
        delete_draft(demo, drafts[-1].id)
    assert demo.dump() == before
    assert annotations_on(demo, drafts[-1].id) == 1
    assert delete_draft(demo, drafts[-1].id, with_annotations=True) == 1
    assert [d.id for d in demo.drafts()] == [d.id for d in drafts[:-1]]
    hits = demo.search_provisions("safeguards")  # the full-text index forgot it too
    assert hits and all(hit[1] != drafts[-1].id for hit in hits)


def test_deleting_the_last_draft_of_a_negotiation_removes_the_negotiation(demo: Store) -> None:
    for d in demo.drafts():
        assert delete_draft(demo, d.id) == 0
    assert demo.drafts() == [] and demo.negotiations() == []
    assert demo.is_empty()


def test_the_command_line_edits_moves_and_deletes_and_refuses_to_lose_notes(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(db_file)]
    assert main(["import", "--demo", *db]) == 0
    assert main(["draft", "edit", "Zero draft", "--symbol", "A/X/1", *db]) == 0
    assert "A/X/1" in capsys.readouterr().out
    assert main(["draft", "move", "A/X/1", "--negotiation", "Earlier texts", *db]) == 0
    with Store(db_file) as store:
        zero = store.find_draft("A/X/1")
        words = text_of(store, zero, "art_1")[:20]
        annotate(store, zero, "art_1", words, note="Mine.")
    assert main(["draft", "delete", "A/X/1", *db]) == 2
    assert "1 annotation were made on this draft" in capsys.readouterr().err
    assert main(["draft", "delete", "A/X/1", "--with-annotations", *db]) == 0
    assert "and 1 annotation" in capsys.readouterr().out
    with Store(db_file) as store:
        assert len(store.drafts()) == 4 and len(store.negotiations()) == 1
