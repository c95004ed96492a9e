"""`export` on the command line: each format written through the app's own writers
(the PDF through Qt, offscreen), and a path that cannot be written is exit 2."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from main import main


@pytest.fixture
def db(tmp_path: Path, qapp: QApplication, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "t.sqlite3")
    assert main(["import", "--demo", "--db", path]) == 0
    capsys.readouterr()
    return path


def export(db: str, out: Path, fmt: str, *more: str) -> int:
    return main(["export", "Zero draft", "5", "--format", fmt, "-o", str(out), "--db", db, *more])


def test_each_format_is_written(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = tmp_path / "c.html"
    assert export(db, html, "html", "--changed-only", "--layout", "inline") == 0
    assert capsys.readouterr().out.startswith(f"wrote {html}: Zero draft (2023-01-16")
    page = html.read_text(encoding="utf-8")
    assert "Conditions and safeguards" in page and "http" not in page
    pdf = tmp_path / "c.pdf"
    assert export(db, pdf, "pdf") == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    docx = tmp_path / "c.docx"
    assert export(db, docx, "docx") == 0
    with zipfile.ZipFile(docx) as package:
        document = package.read("word/document.xml").decode("utf-8")
    assert "<w:ins " in document and "<w:del " in document
    csv = tmp_path / "c.csv"
    assert export(db, csv, "csv") == 0
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, for spreadsheets


def test_an_unwritable_path_is_named_and_exit_2(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing" / "c.pdf"
    assert export(db, out, "pdf") == 2
    assert capsys.readouterr().err.startswith(f"{out}: cannot write: No such file or directory")


def annotate(db: str, label: str, eid: str, phrase: str, *tag_names: str) -> None:
    """Store an annotation on `phrase` of provision `eid` of draft `label`."""
    from drafts.annotating.annotations import Content, create_annotation, tag_named, text_target
    from drafts.store import Store

    with Store(db) as store:
        draft = store.find_draft(label)
        text = next(p.text for p in store.provisions(draft.id) if p.eid == eid)
        start = text.index(phrase)
        target = text_target(store, draft.id, eid, start, start + len(phrase))
        tag_ids = tuple(tag_named(store, t).id for t in tag_names)
        create_annotation(store, target, Content(tag_ids, note=f"on {phrase}"))


def csv_rows(path: Path) -> list[dict[str, str]]:
    import csv
    import io

    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def test_stored_annotations_are_exported_and_tag_keeps_their_provisions(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    safeguard = "subject to conditions and safeguards laid down in its domestic law"
    annotate(db, "Zero draft", "art_26", safeguard, "human-rights safeguards")
    annotate(db, "Zero draft", "art_18", "to infringe copyright or related rights")
    annotate(db, "First revised draft", "art_26", "Notification of the persons concerned")
    out = tmp_path / "all.csv"
    assert export(db, out, "csv") == 0
    printed = capsys.readouterr()
    assert printed.out.rstrip().endswith(", 2 annotations")
    assert printed.err == (
        "warning: 1 annotation could not be placed in either draft; left out of the export\n"
    )
    assert [(r["annotated draft"], r["eid"]) for r in csv_rows(out)] == [
        ("Zero draft", "art_18"),  # deleted by the final text: on the old side
        ("Final text agreed ad referendum", "art_24"),
    ]

    tagged = tmp_path / "tagged.html"
    assert export(db, tagged, "html", "--tag", "Human-Rights Safeguards") == 0
    printed = capsys.readouterr()
    assert ", 1 provision of " in printed.out and printed.out.rstrip().endswith(", 1 annotation")
    assert printed.err == ""  # the unplaced one has not this tag
    page = tagged.read_text(encoding="utf-8")
    assert "Conditions and safeguards" in page and "Infringement of copyright" not in page

    bare = tmp_path / "bare.csv"
    assert export(db, bare, "csv", "--no-annotations") == 0
    assert csv_rows(bare) == []
    assert not capsys.readouterr().out.rstrip().endswith(("annotation", "annotations"))


def test_an_unknown_tag_is_named_and_exit_2(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export(db, tmp_path / "c.csv", "csv", "--tag", "no such tag") == 2
    assert capsys.readouterr().err.startswith("no tag called 'no such tag'")


def test_a_tag_no_provision_carries_writes_nothing_and_exits_2(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "empty.html"
    assert export(db, out, "html", "--tag", "definitions") == 2  # a tag nothing carries
    assert capsys.readouterr().err == (
        f"{out}: no provision carries an annotation tagged definitions: nothing written\n"
    )
    assert not out.exists()
