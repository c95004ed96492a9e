"""What `import` and `convert` are given that is not a document: a device, a pipe, a
file under /proc or /sys, a folder that cannot be read, a name over the limit. Each is
refused by what it is, before a byte is read, with exit 2 and the database as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drafts.errors import DraftImportError
from drafts.importer import collect_files
from main import main


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "draft.txt"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/dev/zero", "not a regular file but a device: only documents are read"),
        ("/dev/urandom", "not a regular file but a device: only documents are read"),
        ("/proc/self/status", "a file the system makes up in /proc, not a document"),
        ("/proc/cpuinfo", "a file the system makes up in /proc, not a document"),
    ],
)
def test_system_files_are_refused_by_what_they_are(
    db_file: Path, capsys: pytest.CaptureFixture[str], path: str, reason: str
) -> None:
    assert main(["import", path, "--db", str(db_file)]) == 2
    assert capsys.readouterr().err == f"{path}: {reason}\n"
    assert main(["convert", path, "-o", str(db_file.with_suffix(".xml"))]) == 2
    assert capsys.readouterr().err == f"{path}: {reason}\n"
    assert not db_file.with_suffix(".xml").exists()


def test_a_pipe_is_refused_without_waiting_for_a_writer(
    db_file: Path, fifo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Opening a FIFO to read would block until someone writes to it."""
    assert main(["import", str(fifo), "--db", str(db_file)]) == 2
    assert capsys.readouterr().err == (
        f"{fifo}: not a regular file but a named pipe (FIFO): only documents are read\n"
    )


def test_a_pipe_in_a_folder_is_passed_over(fifo: Path, write_akn) -> None:
    good = write_akn("a.xml", "<article eId='art_1'><num>1</num><p>A.</p></article>")
    assert collect_files([fifo.parent]) == [good]


def test_a_name_over_the_limit_is_named(tmp_path: Path) -> None:
    path = tmp_path / ("n" * 300 + ".xml")
    with pytest.raises(DraftImportError) as caught:
        collect_files([path])
    assert str(caught.value) == (
        f"{path}: the name is too long for the file system (at most 255 bytes a name)"
    )


def test_a_folder_that_cannot_be_read_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0)
    try:
        if os.geteuid() == 0:  # root reads any folder: make the listing fail as it would
            real = Path.iterdir

            def refuse(self: Path):  # type: ignore[no-untyped-def]
                if self == folder:
                    raise PermissionError(13, "Permission denied", str(self))
                return real(self)

            monkeypatch.setattr(Path, "iterdir", refuse)
        with pytest.raises(DraftImportError) as caught:
            collect_files([folder])
    finally:
        folder.chmod(0o755)
    assert str(caught.value) == f"{folder}: the folder cannot be read (Permission denied)"
