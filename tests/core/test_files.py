"""Files the user asked for are written whole or not at all, and CSV or HTML exports
need no Qt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafts.files import WriteError, write_atomically, write_bytes_atomically

ROOT = Path(__file__).resolve().parents[2]


def test_bytes_are_written_and_no_scrap_is_left(tmp_path: Path) -> None:
    out = tmp_path / "a.xml"
    write_bytes_atomically(out, "<é/>".encode())
    assert out.read_bytes() == "<é/>".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["a.xml"]


def test_a_missing_folder_names_the_file_and_the_reason(tmp_path: Path) -> None:
    out = tmp_path / "gone" / "a.xml"
    with pytest.raises(WriteError, match=r"gone/a\.xml: cannot write: No such file"):
        write_bytes_atomically(out, b"x")


def test_a_file_that_fails_its_check_replaces_nothing(tmp_path: Path) -> None:
    out = tmp_path / "a.txt"
    out.write_text("earlier")

    def half(part: Path) -> None:
        part.write_text("ha")

    with pytest.raises(WriteError, match="not whole \\(too short\\); nothing replaced"):
        write_atomically(out, half, lambda part: "too short")
    assert out.read_text() == "earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_an_error_while_cleaning_up_does_not_hide_the_first(tmp_path: Path) -> None:
    """The folder vanishes mid-write: removing the scrap fails too, and the user is
    still told the first reason, not a second traceback."""
    folder = tmp_path / "out"
    folder.mkdir()

    def vanish(part: Path) -> None:
        part.write_text("x")
        part.unlink()
        folder.rmdir()
        raise OSError(28, "No space left on device")

    with pytest.raises(WriteError, match="No space left on device"):
        write_atomically(folder / "a.txt", vanish)


@pytest.mark.parametrize("fmt", ["csv", "html", "docx"])
def test_exports_other_than_pdf_load_no_qt(tmp_path: Path, fmt: str) -> None:
    db, out = tmp_path / "t.sqlite3", tmp_path / f"c.{fmt}"
    script = (
        "import sys\n"
        "from main import main\n"
        f"assert main(['import', '--demo', '--db', {str(db)!r}]) == 0\n"
        f"code = main(['export', '1', '2', '--format', {fmt!r}, '-o', {str(out)!r},"
        f" '--db', {str(db)!r}])\n"
        "assert code == 0, code\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"
    assert out.stat().st_size > 0
