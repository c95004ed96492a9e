"""Imports in the window that fail in any way: a dialog naming the file and the reason,
the status bar never left on "Importing…", and the database as it was. A defect of
ours (any exception that is not a TravauxError) is named by the file it came from."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from drafts.demo import import_demo
from drafts.store import Store
from tests.builders import article
from tests.viewer.windows import accept_imports, open_window
from viewer import importing
from viewer.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, store: Store, tmp_path: Path) -> MainWindow:
    import_demo(store)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = open_window(qtbot, store, settings)
    accept_imports(window)  # what fails after the import dialog fails whatever it said
    return window


def _import(qtbot: QtBot, window: MainWindow, paths: list[str]) -> str:
    """Import through the window; the error dialog's text, once it has ended."""
    with qtbot.waitSignal(window.import_finished, timeout=10000) as done:
        window.import_files(paths)
    assert done.args == [False]
    box = window.error_box
    assert isinstance(box, QMessageBox) and box.windowTitle() == "Import failed"
    assert window.statusBar().currentMessage() != "Importing…"
    return box.text()


def test_a_device_a_pipe_and_a_proc_file_are_refused_by_what_they_are(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    before = store.dump()
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    expected = {
        "/dev/zero": "not a regular file but a device: only documents are read",
        str(fifo): "not a regular file but a named pipe (FIFO): only documents are read",
        "/proc/self/status": "a file the system makes up in /proc, not a document",
    }
    for path, reason in expected.items():
        assert _import(qtbot, window, [path]) == f"{path}: {reason}"
    assert store.dump() == before


def test_a_name_over_the_limit_is_named(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    long = tmp_path / ("x" * 300 + ".xml")
    text = _import(qtbot, window, [str(long)])
    assert text == f"{long}: the name is too long for the file system (at most 255 bytes a name)"


def test_an_unexpected_error_while_reading_names_the_file(
    qtbot: QtBot,
    window: MainWindow,
    store: Store,
    write_akn: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = write_akn("a.xml", article(1, "A."))
    second = write_akn("b.xml", article(1, "B."))
    reader = importing.read_documents

    def stumble(files, progress=None, should_cancel=None, **_):  # type: ignore[no-untyped-def]
        reader(files[:1], progress=None)
        progress(1, len(files))
        raise IndexError("list index out of range")  # a defect in reading the second

    monkeypatch.setattr(importing, "read_documents", stumble)
    before = store.dump()
    text = _import(qtbot, window, [str(first), str(second)])
    assert text == (
        f"{second}: could not be imported (IndexError: list index out of range); nothing was stored"
    )
    assert store.dump() == before


def test_an_unexpected_error_while_storing_is_shown_too(
    qtbot: QtBot,
    window: MainWindow,
    store: Store,
    write_akn: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("something of ours broke")

    monkeypatch.setattr(importing, "store_drafts", broken)
    path = write_akn("a.xml", article(1, "A."))
    text = _import(qtbot, window, [str(path)])
    assert text == (
        f"{path}: could not be imported (RuntimeError: something of ours broke); nothing was stored"
    )


def test_a_folder_that_cannot_be_read_is_named(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
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
        text = _import(qtbot, window, [str(folder)])
    finally:
        folder.chmod(0o755)
    assert text == f"{folder}: the folder cannot be read (Permission denied)"
