"""Importing files and folders is all-or-nothing, and can be watched and cancelled."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from drafts.errors import DraftImportError
from drafts.importer import ImportCancelled, collect_files, import_paths
from drafts.store import Store
from tests.builders import XXE, article


@pytest.fixture
def folder(write_akn: Callable[..., Path], tmp_path: Path) -> Path:
    for i, date in enumerate(("2023-01-16", "2023-06-05", "2023-11-06"), start=1):
        write_akn(f"0{i}.xml", article(1, f"Text of draft {i}."), date=date, stage=f"Draft {i}")
    (tmp_path / "notes.txt").write_text("not a draft")
    return tmp_path


def test_a_folder_imports_its_xml_files(store: Store, folder: Path) -> None:
    report = import_paths(store, [folder])
    assert [d.label for d in report.added] == ["Draft 1", "Draft 2", "Draft 3"]
    assert report.duplicates == []


@pytest.mark.parametrize(
    ("bad_name", "bad_bytes", "reason"),
    [
        ("02b.xml", b"<akomaNtoso><bill>", "malformed XML"),
        ("02b.xml", XXE, "DOCTYPE"),
        ("02b.xml", b"", "the file is empty"),
        ("02b.xml", b"<html xmlns='http://www.w3.org/1999/xhtml'/>", "not Akoma Ntoso"),
    ],
)
def test_one_bad_file_in_a_folder_leaves_the_database_exactly_as_it_was(
    db_file: Path,
    folder: Path,
    write_akn: Callable[..., Path],
    bad_name: str,
    bad_bytes: bytes,
    reason: str,
) -> None:
    with Store(db_file) as store:
        store.add_drafts([])  # an existing database with content
        import_paths(store, [write_akn("other.xml", article(1, "Earlier."), work="/akn/x")])
        before = store.dump()
        (folder / bad_name).write_bytes(bad_bytes)
        with pytest.raises(DraftImportError) as caught:
            import_paths(store, [folder])
        assert str(caught.value).startswith(f"{folder / bad_name}: ")
        assert reason in str(caught.value)
        assert store.dump() == before
    with Store(db_file) as reopened:
        assert reopened.dump() == before


def test_a_reimported_folder_reports_duplicates_and_adds_nothing(
    store: Store, folder: Path
) -> None:
    import_paths(store, [folder])
    before = store.dump()
    report = import_paths(store, [folder])
    assert report.added == []
    assert [existing.label for _, existing in report.duplicates] == [
        "Draft 1",
        "Draft 2",
        "Draft 3",
    ]
    assert store.dump() == before


def test_the_same_file_twice_in_one_batch_is_stored_once(store: Store, folder: Path) -> None:
    report = import_paths(store, [folder / "01.xml", folder / "01.xml"])
    assert len(report.added) == 1
    assert len(report.duplicates) == 1


def test_label_and_date_apply_to_one_file_only(store: Store, folder: Path) -> None:
    report = import_paths(store, [folder / "01.xml"], label="Chair's proposal", date="2023-02-02")
    assert [(d.label, d.date) for d in report.added] == [("Chair's proposal", "2023-02-02")]
    with pytest.raises(DraftImportError, match="describe one draft"):
        import_paths(store, [folder], label="Which one?")


def test_missing_paths_and_empty_folders_are_named(tmp_path: Path) -> None:
    with pytest.raises(DraftImportError, match="no such file or folder"):
        collect_files([tmp_path / "nowhere"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(DraftImportError, match=r"holds no \.xml files"):
        collect_files([tmp_path / "empty"])


def test_progress_is_reported_and_cancel_stores_nothing(store: Store, folder: Path) -> None:
    seen: list[tuple[int, int]] = []
    import_paths(store, [folder], progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]

    with Store() as fresh:
        calls = iter([False, True])
        with pytest.raises(ImportCancelled):
            import_paths(fresh, [folder], should_cancel=lambda: next(calls, True))
        assert fresh.is_empty()


@pytest.mark.parametrize("option", ["label", "date", "negotiation"])
@pytest.mark.parametrize("suffix", [".xml", ".txt"])
def test_an_option_holding_a_byte_that_is_not_utf8_is_refused(
    store: Store, write_akn: Callable[..., Path], tmp_path: Path, option: str, suffix: str
) -> None:
    """Python hands over an argument's non-UTF-8 byte as a lone surrogate, which the
    database could not store: a traceback from deep in SQLite, before this."""
    path = write_akn("a.xml", article(1, "Text.")) if suffix == ".xml" else tmp_path / "a.txt"
    if suffix == ".txt":
        path.write_text("Article 1\n\nText.\n", encoding="utf-8")
    before = store.dump()
    with pytest.raises(DraftImportError) as caught:
        import_paths(store, [path], **{option: "Zero\udcff"})
    assert str(caught.value).startswith(f"{path}: --{option} 'Zero\\udcff' holds a byte")
    assert store.dump() == before
