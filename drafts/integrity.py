"""`travaux check`: is a database file sound, and if not, what is wrong with it.

Four looks, each said in words: whose file it is and at which schema (see
`migrations.recognise`), SQLite's own integrity check of every page and index, the
full-text index against the provisions it indexes, and every reference between
tables. It repairs nothing and writes nothing: the full-text check runs inside a
transaction that is rolled back, and is skipped when the file is read-only here.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from drafts import migrations
from drafts.connection import failure, open_file
from drafts.errors import StoreError

_SHOWN = 20
"""Problems listed per check: a badly damaged file has thousands, the first few tell."""


@dataclass(frozen=True)
class Checked:
    """What `check_database` found: `problems` is empty when the file is sound."""

    version: int
    problems: tuple[str, ...]
    skipped: tuple[str, ...]

    @property
    def looked_at(self) -> tuple[str, ...]:
        """The checks that ran, in the order they run."""
        fts = () if self.skipped else ("full-text index",)
        return ("pages", *fts, "references")


def check_database(path: Path) -> Checked:
    """Check the database at `path`; a file that is missing or not a file is an error."""
    if not path.exists():
        raise StoreError(path, "no database here: nothing to check")
    if not path.is_file():
        raise StoreError(path, "not a database file: a folder, a device or a system file")
    try:
        conn, read_only = open_file(path)
    except sqlite3.Error as exc:
        raise failure(str(path), exc, "cannot check the database") from exc
    try:
        return _check(conn, read_only)
    except migrations.Damaged as exc:
        return Checked(0, (str(exc),), ())
    except migrations.NotOurs as exc:  # not ours to judge: said as any command says it
        raise StoreError(path, str(exc)) from exc
    finally:
        conn.close()


def _check(conn: sqlite3.Connection, read_only: bool) -> Checked:
    problems: list[str] = []
    try:
        version = migrations.recognise(conn)
    except sqlite3.Error as exc:
        return Checked(0, (f"the schema cannot be read: {exc}",), ())
    problems += _pages(conn)
    skipped: list[str] = []
    if read_only:
        skipped.append("the full-text index (the file is read-only here)")
    elif version:
        problems += _full_text(conn)
    if version:
        problems += _references(conn)
    return Checked(version, tuple(problems), tuple(skipped))


def _pages(conn: sqlite3.Connection) -> list[str]:
    try:
        rows = conn.execute(f"PRAGMA integrity_check({_SHOWN})").fetchall()
    except sqlite3.Error as exc:
        return [f"pages: {exc}"]
    found = [line for row in rows for line in str(row[0]).splitlines() if line.strip()]
    found = [line for line in found if not line.startswith("*** in database")]
    return [] if found == ["ok"] else [f"pages: {line}" for line in found[:_SHOWN]]


def _full_text(conn: sqlite3.Connection) -> list[str]:
    """FTS5's own check, with rank 1: the index must match the provisions' text."""
    try:
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO provisions_fts (provisions_fts, rank) VALUES ('integrity-check', 1)"
        )
    except sqlite3.Error as exc:
        return [f"full-text index: {exc}"]
    finally:
        if conn.in_transaction:
            conn.rollback()
    return []


def _references(conn: sqlite3.Connection) -> list[str]:
    try:
        rows = conn.execute("PRAGMA foreign_key_check").fetchmany(_SHOWN)
    except sqlite3.Error as exc:
        return [f"references: {exc}"]
    return [
        f"references: row {rowid} of {table} points to a missing row of {parent}"
        for table, rowid, parent, _ in rows
    ]
