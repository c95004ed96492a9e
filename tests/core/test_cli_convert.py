"""`import` and `convert` of Word and text drafts on the command line: what is written,
what is reported, and that a refused file leaves nothing behind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafts.reading.akoma import read_draft
from main import main
from tests.docx_builder import FOOTNOTES, build, sample_body


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "revised.docx"
    path.write_bytes(build(sample_body(), footnotes=FOOTNOTES))
    return path


def test_convert_writes_the_akoma_ntoso_that_import_stores(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "revised.xml"
    args = ["convert", str(sample), "-o", str(out), "--label", "Revised draft"]
    assert main([*args, "--negotiation", "Cybercrime convention"]) == 0
    printed = capsys.readouterr()
    assert printed.out.startswith(f"wrote {out}: Revised draft, ")
    assert "structure detected: 2 chapters, 5 articles" in printed.out
    assert "tracked changes" in printed.err  # the reader is told they were accepted
    converted = read_draft(out)
    assert converted.work_title == "Cybercrime convention"
    db = str(tmp_path / "t.sqlite3")
    assert main(["import", str(out), "--db", db]) == 0
    capsys.readouterr()
    assert main(["drafts", "--json", "--db", db]) == 0
    (draft,) = json.loads(capsys.readouterr().out)
    assert draft["negotiation"] == "Cybercrime convention"
    assert draft["provision_count"] == len(converted.provisions)
    assert not list(tmp_path.glob("*.part"))


def test_import_a_word_draft_into_a_named_negotiation(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "t.sqlite3")
    args = ["import", str(sample), "--label", "Revised draft", "--date", "2023-11-06"]
    assert main([*args, "--negotiation", "Cybercrime convention", "--db", db]) == 0
    printed = capsys.readouterr()
    assert "imported " in printed.out and "Revised draft (2023-11-06)" in printed.out
    assert "structure detected: 2 chapters, 5 articles" in printed.err
    assert main(["drafts", "--json", "--db", db]) == 0
    (draft,) = json.loads(capsys.readouterr().out)
    assert draft["negotiation"] == "Cybercrime convention"


def test_a_refused_file_is_named_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "draft.docx"
    bad.write_bytes(b"%PDF-1.7 not a Word file")
    out = tmp_path / "draft.xml"
    assert main(["convert", str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}: not a Word .docx file: it is a PDF")
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    db = tmp_path / "t.sqlite3"
    assert main(["import", str(bad), "--db", str(db)]) == 2
    assert str(bad) in capsys.readouterr().err
    assert main(["drafts", "--json", "--db", str(db)]) == 0
    assert json.loads(capsys.readouterr().out) == []
