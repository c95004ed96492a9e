"""Writing a file the user asked for, whole or not at all.

Exports, converted drafts and annotation files are written beside their place as
`NAME.part`, checked, and only then moved over `NAME`: a full disk, a size limit or a
crash half-way leaves an earlier file of that name exactly as it was, and never a
truncated file that looks finished. Every failure is a `TravauxError` naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from drafts.aside import Aside
from drafts.errors import TravauxError


class WriteError(TravauxError):
    """A file could not be written; any earlier file of that name is as it was."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


Verify = Callable[[Path], str]
"""Looks at a written file and returns what is wrong with it, or "" if it is whole."""


def write_atomically(
    path: str | Path,
    write: Callable[[Path], None],
    verify: Verify | None = None,
    durable: bool = True,
) -> None:
    """Call `write` on a `.part` file beside `path`, check it, then move it over `path`
    (see `write_atomically_in_steps` for `durable`)."""

    def at_once(part: Path) -> Iterator[None]:
        write(part)
        yield

    for _ in write_atomically_in_steps(path, at_once, verify, durable):
        pass


def write_atomically_in_steps(
    path: str | Path,
    write: Callable[[Path], Iterator[object]],
    verify: Verify | None = None,
    durable: bool = True,
) -> Iterator[object]:
    """`write_atomically` for a writer that works in steps (a window draws a long PDF a
    page at a time between its events): the steps, then the check and the move. Dropped
    half-way (its window closed), the generator removes the `.part` file.

    `durable` waits for the disk before the move (fsync), so that after a power cut the
    name holds the old file or the new one. Only a copy of what is kept elsewhere may
    skip it: a dossier's records, written by the thousand and committed to git at once
    (0.6 ms a file was two thirds of a first share of 10,000 annotations)."""
    path = Path(path)
    part = path.with_name(path.name + ".part") if path.name not in ("", ".", "..") else path
    try:
        _refuse_special(path, part)
        yield from write(part)
        # The check and the wait for the disk (20-40 ms for a PDF): a step that a
        # window may take on another thread, as it touches nothing but the file.
        checked = Aside(lambda: _check(part, verify, durable))
        yield checked
        problem = checked.result()
        if problem:
            raise WriteError(
                path,
                f"the file written is not whole ({problem}); nothing replaced "
                "(is the disk full, or the file over a size limit?)",
            )
        os.replace(part, path)
    except OSError as exc:  # a missing folder, a read-only or full disk: the user's to fix
        if part != path:
            _discard(part)
        raise WriteError(path, f"cannot write: {exc.strerror or exc}") from exc
    except BaseException:
        if part != path:
            _discard(part)
        raise


def write_bytes_atomically(path: str | Path, data: bytes, durable: bool = True) -> None:
    """`data` to `path`, whole or not at all; the size is checked after writing."""

    def verify(part: Path) -> str:
        size = part.stat().st_size
        return "" if size == len(data) else f"{size} of {len(data)} bytes"

    def write(part: Path) -> None:
        part.write_bytes(data)

    write_atomically(path, write, verify, durable)


def _refuse_special(path: Path, part: Path) -> None:
    """A folder, or a device or pipe (`-o /dev/null`), is no place for a file: moving
    the written file over it would replace the device itself."""
    if part == path:
        raise IsADirectoryError(errno.EISDIR, "that is a folder; name a file in it")
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "that is a folder; name a file in it")
    if not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "not a regular file (a device or a pipe); name a file")


def _check(part: Path, verify: Verify | None, durable: bool) -> str:
    """What is wrong with the written `part` ("" if nothing); once it is whole, and
    when `durable`, wait for the disk to hold it."""
    problem = verify(part) if verify else ""
    if not problem and durable:
        _sync(part)
    return problem


def _sync(part: Path) -> None:
    """Have the bytes on the disk before the name moves over them: after a power cut the
    name then holds the new file or the old one, never an empty one."""
    fd = os.open(part, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _discard(part: Path) -> None:
    """Remove a half-written file; failing to (the folder is gone) must not hide why."""
    with contextlib.suppress(OSError):
        part.unlink(missing_ok=True)
