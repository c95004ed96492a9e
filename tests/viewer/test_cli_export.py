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
    assert capsys.readouterr().err.startswith(f"{out}: No such file or directory")
