"""What the window's import settles before storing: a folder's drafts and what it leaves
out (with the reason), and each draft filed as the reader corrected it."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafts.errors import DraftImportError
from drafts.import_plan import Filing, filing_of, find_drafts, read_found, refile
from drafts.importer import ImportCancelled, store_drafts
from drafts.store import Store
from tests.builders import akn_document, article


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two drafts, a broken one, notes, a picture, a Word lock file and a sub-folder."""
    (tmp_path / "a.xml").write_text(akn_document(article(1, "States shall act.")))
    (tmp_path / "b.xml").write_text(
        akn_document(article(1, "States shall act now."), date="2023-06-05", stage="Revised")
    )
    (tmp_path / "broken.xml").write_text("<akomaNtoso><bill>")
    (tmp_path / "notes.txt").write_text("Call the chair on Monday.\n")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    (tmp_path / "~$a.docx").write_bytes(b"lock")
    (tmp_path / "old").mkdir()
    (tmp_path / ".DS_Store").write_bytes(b"")
    return tmp_path


def test_a_folder_offers_its_drafts_and_says_why_each_other_file_is_left_out(
    folder: Path,
) -> None:
    found = find_drafts([folder])
    assert [p.name for p in found.files] == ["a.xml", "b.xml", "broken.xml"]
    assert {s.path.name: s.reason for s in found.skipped} == {
        "notes.txt": "a text file with no article heading: notes, not a draft",
        "photo.png": "not a kind of file drafts come in "
        "(.xml, .akn, .docx, .txt, .md, .markdown, .rst, .pdf)",
        "~$a.docx": "the lock file Word leaves beside an open document",
        "old": "a folder: folders inside are not read",
    }
    documents, skipped = read_found(found)
    assert [d.draft.label for d in documents] == ["Zero draft", "Revised"]
    reasons = {s.path.name: s.reason for s in skipped}
    assert reasons["broken.xml"].startswith("malformed XML at line 1")


def test_a_file_named_on_its_own_that_cannot_be_read_stops_the_import(folder: Path) -> None:
    found = find_drafts([folder / "a.xml", folder / "broken.xml"])
    assert found.skipped == [] and not found.in_folders
    with pytest.raises(DraftImportError, match=r"broken\.xml: malformed XML"):
        read_found(found)


def test_a_folder_with_no_readable_draft_says_what_it_holds(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("Nothing here.\n")
    with pytest.raises(DraftImportError) as none:
        find_drafts([tmp_path])
    assert str(none.value) == (
        f"{tmp_path}: the folder holds no drafts "
        "(notes.txt: a text file with no article heading: notes, not a draft)"
    )
    (tmp_path / "broken.xml").write_text("<bill>")
    with pytest.raises(DraftImportError, match="the folder holds no readable drafts"):
        read_found(find_drafts([tmp_path]))


def test_progress_runs_over_every_file_and_a_cancel_stops_at_once(folder: Path) -> None:
    seen: list[tuple[int, int]] = []
    read_found(find_drafts([folder]), progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    with pytest.raises(ImportCancelled):
        read_found(find_drafts([folder]), should_cancel=lambda: True)


def test_a_draft_is_filed_as_corrected_and_joins_a_stored_negotiation(
    store: Store, folder: Path
) -> None:
    store_drafts(store, [read_found(find_drafts([folder / "a.xml"]))[0][0].draft])
    known = store.negotiations()
    (document,), _ = read_found(find_drafts([folder / "b.xml"]))
    filing = filing_of(document.draft, known)
    assert filing == Filing("Revised", "2023-06-05", "A/AC.1/1", "Test convention")
    moved = refile(document.draft, Filing("Rev. 1", " 2023-06-06 ", "A/1/Rev.1", "Other"), known)
    assert (moved.label, moved.date, moved.symbol, moved.work_title) == (
        "Rev. 1",
        "2023-06-06",
        "A/1/Rev.1",
        "Other",
    )
    assert moved.work_uri != document.draft.work_uri
    kept = refile(document.draft, filing, known)
    assert kept.work_uri == document.draft.work_uri
    joined = refile(moved, Filing("Rev. 1", "", "", "test convention"), known)
    assert joined.work_uri == document.draft.work_uri  # an existing title, in any case


@pytest.mark.parametrize(
    ("filing", "reason"),
    [
        (Filing(" ", "2023-01-01", "", "N"), "a draft needs a label"),
        (Filing("L", "2023-02-30", "", "N"), "the date '2023-02-30' is not a day of the calendar"),
        (Filing("L", "1 May", "", "N"), "the date '1 May' is not of the form YYYY-MM-DD"),
        (Filing("L", "", "", " "), "name the negotiation the draft belongs to"),
    ],
)
def test_a_filing_that_cannot_be_stored_is_refused_naming_the_file(
    folder: Path, filing: Filing, reason: str
) -> None:
    (document,), _ = read_found(find_drafts([folder / "a.xml"]))
    with pytest.raises(DraftImportError) as refused:
        refile(document.draft, filing)
    assert refused.value.source == document.draft.source
    assert refused.value.reason.startswith(reason)
