"""Opening the database file, and SQLite's failures said in words a user can act on.

A database we may not write (a read-only file or folder, a colleague's copy on a
shared drive) still opens, read-only: every reading command works and a write fails
saying why. Every SQLite error reaching a user goes through `failure`, which tells a
damaged file from a full disk, a busy one or a read-only one, names the file, and
says what to do next.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from pathlib import Path

from drafts.errors import StoreError

BUSY_TIMEOUT = 10.0
"""Seconds a command waits for another program's write to finish before giving up."""

DAMAGED = "the database is damaged"
CHECK_HINT = "restore a backup, or run `travaux check` to see what is wrong"

# SQLite's primary result codes (the low byte of an extended code)
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


def open_file(path: Path, timeout: float = BUSY_TIMEOUT) -> tuple[sqlite3.Connection, bool]:
    """A connection to the database at `path`, and whether it is read-only.

    Read-write when the file and its folder may be written. Else read-only (`mode=ro`),
    and if SQLite cannot even make the shared index a WAL file needs beside it (a
    read-only folder), `immutable=1`: nobody can write in that folder either."""
    if _writable(path):
        conn = sqlite3.connect(path, timeout=timeout)
        problem = _probe(conn)
        if problem is None:
            return conn, False
        conn.close()
        if _code(problem) not in (_READONLY, _CANTOPEN):
            raise problem
    if not path.exists():  # a new file where nothing may be written
        raise sqlite3.OperationalError("attempt to write a readonly database")
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout)
    problem = _probe(conn)
    if problem is None:
        return conn, True
    conn.close()
    if _code(problem) not in (_READONLY, _CANTOPEN):
        raise problem
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=timeout), True


def _writable(path: Path) -> bool:
    """Whether we may write the file (or create it) and its folder's journal files."""
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(folder, os.W_OK | os.X_OK)


def _probe(conn: sqlite3.Connection) -> sqlite3.Error | None:
    """Read the schema once: the first read is when SQLite finds it cannot open the
    file as asked (a WAL file whose index cannot be made, a file not ours to write)."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        return exc
    return None


def use_wal(conn: sqlite3.Connection, timeout: float = BUSY_TIMEOUT) -> None:
    """Switch a new file to the WAL journal. Another process opening the same new file
    at the same moment can make the switch fail at once as busy: try again meanwhile."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            if _code(exc) not in (_BUSY, _LOCKED) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def failure(name: str, exc: sqlite3.Error, failed: str = "") -> StoreError:
    """The StoreError for `exc`: the file, what was not done (`failed`), and why."""
    reason = reason_for(exc)
    return StoreError(name, f"{failed}: {reason}" if failed else reason)


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether `exc` says the file itself is broken (a page, a table, its text)."""
    return _code(exc) in (_CORRUPT, _NOTADB) or _looks_damaged(str(exc))


def reason_for(exc: sqlite3.Error) -> str:
    """An SQLite error as a user can act on it."""
    code, message = _code(exc), str(exc)
    if code == _NOTADB:
        return (
            "not a Travaux database: the file is not SQLite, or is damaged beyond reading "
            "(if it was a Travaux database, restore a backup)"
        )
    if is_damage(exc):
        return f"{DAMAGED} ({_detail(code, message)}); {CHECK_HINT}"
    if code == _FULL or "disk is full" in message:
        return "the disk is full; the database was left as it was. Free some space and try again"
    if code == _IOERR or "disk I/O error" in message:
        return (
            f"the disk could not be read or written ({message}): it may be full, removed or "
            "over a size limit; the database was left as it was. Free some space or name "
            "another file with --db"
        )
    if code in (_BUSY, _LOCKED) or "locked" in message:
        return "the database is in use by another program; try again when it is done"
    if code == _READONLY or "readonly" in message:
        return (
            "the database is read-only here (the file or its folder cannot be written); "
            "nothing was changed"
        )
    if code == _CANTOPEN or "unable to open" in message:
        return "cannot open the database file: its folder is missing or cannot be read"
    return message


def _detail(code: int, message: str) -> str:
    """The gist of a damage message: Python's decoding error quotes the whole broken
    text, which is no help to anyone."""
    undecoded = re.match(r"Could not decode to UTF-8 column '([^']*)'", message)
    if undecoded:
        return f"the column {undecoded[1]} holds text that is not UTF-8"
    return message if len(message) <= 120 else message[:117] + "..."


def _looks_damaged(message: str) -> bool:
    """Messages of a file whose structure or text is broken, for errors that carry no
    SQLite code (Python's own decoding) or a generic one (a table gone)."""
    return any(
        sign in message
        for sign in ("malformed", "no such table", "no such column", "Could not decode")
    )


def _code(exc: sqlite3.Error) -> int:
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
