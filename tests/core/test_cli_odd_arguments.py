"""Odd command lines: a draft named by a digit Python reads as one but SQLite does not
(`²`), an id past SQLite's largest, an output that is a folder or a name too long. Each
is a message naming what was wrong, exit 2, and the database byte for byte as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from main import main
from tests.builders import article


@pytest.fixture
def db(db_file: Path, write_akn, capsys: pytest.CaptureFixture[str]) -> Path:
    a = write_akn("a.xml", article(1, "Old words."), date="2023-01-16")
    b = write_akn("b.xml", article(1, "New words."), date="2023-06-05", stage="Revised draft")
    assert main(["import", str(a), str(b), "--db", str(db_file)]) == 0
    assert main(["compare", "1", "2", "--db", str(db_file)]) == 0  # the cache is written now
    capsys.readouterr()
    return db_file


@pytest.mark.parametrize("name", ["²", "١", str(2**63), str(2**64 + 1), "9" * 5000, "0"])
def test_a_draft_name_that_is_no_id_is_not_found(
    db: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    before = db.read_bytes()
    assert main(["compare", name, "2", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("no draft") and str(db) in err
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    "out", ["/", ".", "{tmp}", "{tmp}/" + "x" * 300 + ".html", "/dev/null", "{tmp}/fifo"]
)
def test_an_output_that_cannot_be_a_file_is_named(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], out: str
) -> None:
    out = out.format(tmp=tmp_path)
    if out.endswith("fifo"):
        os.mkfifo(out)
    before = db.read_bytes()
    command = ["export", "1", "2", "--format", "html", "-o", out, "--db", str(db)]
    assert main(command) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{Path(out)}: cannot write: "), err
    assert "folder" in err or "File name too long" in err or "not a regular file" in err
    assert Path("/dev/null").is_char_device()  # moving a file over it would replace it
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("*.part"))


def test_annotations_and_convert_refuse_a_folder_too(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["annotations", "export", "-o", str(tmp_path), "--db", str(db)]) == 2
    folder = "cannot write: that is a folder; name a file in it\n"
    assert capsys.readouterr().err == f"{tmp_path}: {folder}"
    text = tmp_path / "draft.txt"
    text.write_text("Article 1\nWords.\n", encoding="utf-8")
    assert main(["convert", str(text), "-o", "/"]) == 2
    assert capsys.readouterr().err.endswith(f"\n/: {folder}")


@pytest.mark.parametrize("command", [["drafts"], ["import", "--demo"], []])
def test_an_empty_db_option_is_an_error_not_the_default_database(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    command: list[str],
) -> None:  # fmt: skip
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main([*command, "--db", ""]) == 2
    assert capsys.readouterr().err == "--db: the file name is empty; name a database file\n"
    assert not (tmp_path / "data").exists()
