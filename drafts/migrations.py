"""The database schema, as numbered steps: a user's file is upgraded in place, never rebuilt.

`PRAGMA user_version` records the last step applied. Each step runs in the same
transaction as the version bump, so an interrupted upgrade leaves the file as it was.
Add a step at the end; never edit one that has shipped (and add its tables to `TABLES`).

A file is ours when its `PRAGMA application_id` is `APPLICATION_ID`, or, for files
written before Travaux set it, when its tables are exactly those of its schema version.
Anything else (another program's SQLite file, whatever its `user_version`) is refused
before a byte of it is written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


def _v1_negotiations_drafts_provisions(db: sqlite_utils.Database) -> None:
    db.execute("""
        CREATE TABLE negotiations (
            id INTEGER PRIMARY KEY,
            work_uri TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE drafts (
            id INTEGER PRIMARY KEY,
            negotiation_id INTEGER NOT NULL REFERENCES negotiations(id) ON DELETE CASCADE,
            expression_uri TEXT NOT NULL,
            label TEXT NOT NULL,
            date TEXT NOT NULL,
            symbol TEXT NOT NULL,
            language TEXT NOT NULL,
            doc_type TEXT NOT NULL,
            namespace TEXT NOT NULL,
            source TEXT NOT NULL,
            content_hash TEXT NOT NULL UNIQUE,
            imported_at TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX drafts_by_negotiation ON drafts(negotiation_id, date, id)")
    db.execute("""
        CREATE TABLE provisions (
            id INTEGER PRIMARY KEY,
            draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            eid TEXT NOT NULL,
            kind TEXT NOT NULL,
            num TEXT NOT NULL,
            heading TEXT NOT NULL,
            chapter TEXT NOT NULL,
            containers TEXT NOT NULL,
            lines TEXT NOT NULL,
            notes TEXT NOT NULL,
            text TEXT NOT NULL,
            UNIQUE (draft_id, eid),
            UNIQUE (draft_id, position)
        )""")
    _create_fts(db, "provisions", ["num", "heading", "text"])


def _create_fts(db: sqlite_utils.Database, table: str, columns: list[str]) -> None:
    """An external-content FTS5 index kept current by triggers.

    The same index and triggers sqlite-utils' `enable_fts(..., create_triggers=True)`
    makes, written out here because `enable_fts` runs a script that commits the open
    transaction, and a migration step must commit whole or not at all.
    """
    cols = ", ".join(f"[{c}]" for c in columns)
    new = ", ".join(f"new.[{c}]" for c in columns)
    old = ", ".join(f"old.[{c}]" for c in columns)
    fts = f"{table}_fts"
    db.execute(
        f"CREATE VIRTUAL TABLE [{fts}] USING FTS5 ({cols}, content=[{table}], "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    db.execute(
        f"CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN "
        f"INSERT INTO [{fts}] (rowid, {cols}) VALUES (new.rowid, {new}); END"
    )
    db.execute(
        f"CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN "
        f"INSERT INTO [{fts}] ([{fts}], rowid, {cols}) VALUES ('delete', old.rowid, {old}); END"
    )
    db.execute(
        f"CREATE TRIGGER [{table}_au] AFTER UPDATE ON [{table}] BEGIN "
        f"INSERT INTO [{fts}] ([{fts}], rowid, {cols}) VALUES ('delete', old.rowid, {old}); "
        f"INSERT INTO [{fts}] (rowid, {cols}) VALUES (new.rowid, {new}); END"
    )


def _v2_comparisons(db: sqlite_utils.Database) -> None:
    """Cached comparisons: recomputed when the algorithm or either draft's content changes,
    since each row names the algorithm version and both drafts' content hashes."""
    db.execute("""
        CREATE TABLE comparisons (
            from_draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            to_draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            options TEXT NOT NULL,
            algorithm INTEGER NOT NULL,
            from_hash TEXT NOT NULL,
            to_hash TEXT NOT NULL,
            result TEXT NOT NULL,
            computed_at TEXT NOT NULL,
            PRIMARY KEY (from_draft_id, to_draft_id, options)
        )""")


DEFAULT_TAGS = (
    ("human-rights safeguards", "#D55E00"),
    ("scope and criminalization", "#E69F00"),
    ("definitions", "#56B4E9"),
    ("procedural powers", "#0072B2"),
    ("data protection and privacy", "#CC79A7"),
    ("international cooperation and evidence sharing", "#009E73"),
    ("technical assistance", "#F0E442"),
)
"""The tags a new database starts with, in the Okabe-Ito palette (vermillion, orange,
sky blue, blue, reddish purple, bluish green, yellow): colours told apart with every
common colour-vision deficiency. Part of step 3: changing it here changes no database."""


def _v3_annotations(db: sqlite_utils.Database) -> None:
    """Tags and annotations. An annotation's target is a provision (by eId) of a draft,
    with the W3C selectors of a passage (NULL for the whole provision); a change
    annotation has a second target, the new side, in the `to_` columns. Both cascade
    from their drafts, like the provisions they point into. A tag in use cannot be
    deleted (RESTRICT): the annotations must let go of it first."""
    db.execute("""
        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(name) <> ''),
            colour TEXT NOT NULL
                CHECK (colour GLOB '#[0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F]'),
            position INTEGER NOT NULL
        )""")
    db.execute("""
        CREATE TABLE annotations (
            id INTEGER PRIMARY KEY,
            uri TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('text', 'provision', 'change')),
            draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            eid TEXT NOT NULL,
            text_start INTEGER,
            text_end INTEGER,
            exact TEXT,
            prefix TEXT,
            suffix TEXT,
            to_draft_id INTEGER REFERENCES drafts(id) ON DELETE CASCADE,
            to_eid TEXT,
            to_text_start INTEGER,
            to_text_end INTEGER,
            to_exact TEXT,
            to_prefix TEXT,
            to_suffix TEXT,
            note TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'contested', 'resolved')),
            holder TEXT NOT NULL,
            created_at TEXT NOT NULL,
            modified_at TEXT NOT NULL,
            CHECK ((kind = 'provision') = (text_start IS NULL)),
            CHECK ((kind = 'change') = (to_draft_id IS NOT NULL)),
            CHECK (text_start IS NULL OR 0 <= text_start AND text_start <= text_end)
        )""")
    db.execute("CREATE INDEX annotations_by_provision ON annotations(draft_id, eid)")
    db.execute("CREATE INDEX annotations_by_new_side ON annotations(to_draft_id, to_eid)")
    db.execute("""
        CREATE TABLE annotation_tags (
            annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE RESTRICT,
            PRIMARY KEY (annotation_id, tag_id)
        )""")
    db.execute("CREATE INDEX annotation_tags_by_tag ON annotation_tags(tag_id)")
    for position, (name, colour) in enumerate(DEFAULT_TAGS):
        db.execute(
            "INSERT INTO tags (name, colour, position) VALUES (?, ?, ?)", [name, colour, position]
        )


def _v4_provision_marks(db: sqlite_utils.Database) -> None:
    """Words a draft marks as deleted (struck through, tracked deletions), kept beside
    its text: JSON list of {offset, text, by}; empty for every draft imported before."""
    db.execute("ALTER TABLE provisions ADD COLUMN marks TEXT NOT NULL DEFAULT '[]'")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1_negotiations_drafts_provisions,
    _v2_comparisons,
    _v3_annotations,
    _v4_provision_marks,
]
"""Step N (1-based) brings a database from version N-1 to N."""

LATEST = len(MIGRATIONS)

APPLICATION_ID = 0x54525658
"""`PRAGMA application_id` of a Travaux database: "TRVX" in ASCII, so `file(1)` and a
hex dump (bytes 68-71 of the file) show whose it is. Set by every upgrade."""

_FTS = frozenset(
    f"provisions_fts{suffix}" for suffix in ("", "_data", "_idx", "_docsize", "_config")
)
TABLES: dict[int, frozenset[str]] = {1: frozenset({"negotiations", "drafts", "provisions"}) | _FTS}
TABLES[2] = TABLES[1] | {"comparisons"}
TABLES[3] = TABLES[2] | {"tags", "annotations", "annotation_tags"}
TABLES[4] = TABLES[3]
"""The tables a database has after each step (the FTS5 index's own tables included)."""


class NotOurs(Exception):
    """The file is not a Travaux database we can read; `str()` says why."""


class Damaged(NotOurs):
    """The file is ours, but tables of its schema are gone."""


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def recognise(conn: sqlite3.Connection) -> int:
    """The schema version of our database, 0 for a new (empty) file. Another program's
    file, one from a newer Travaux, or ours with tables missing is `NotOurs`; nothing
    is written either way. One query, so one snapshot of the file."""
    app, version, names = conn.execute(
        "SELECT (SELECT application_id FROM pragma_application_id), "
        "(SELECT user_version FROM pragma_user_version), "
        "(SELECT group_concat(name, char(31)) FROM sqlite_master WHERE type = 'table')"
    ).fetchone()
    tables = frozenset(names.split("\x1f")) if names else frozenset()
    if app not in (0, APPLICATION_ID):
        raise NotOurs(
            f"not a Travaux database: it belongs to another program (application id {app:#010x})"
        )
    if app == 0 and not tables and version == 0:
        return 0
    if app == 0 and not (0 < version <= LATEST and tables == TABLES[version]):
        listed = ", ".join(sorted(tables)[:6]) or "none"
        raise NotOurs(
            f"not a Travaux database: another program's SQLite file (user_version "
            f"{version}, tables: {listed}); it was left as it was"
        )
    if version > LATEST:
        raise NotOurs(
            f"the database was written by a newer Travaux (schema {version}, this one knows "
            f"{LATEST}): use that version, or a newer one"
        )
    missing = TABLES.get(version, frozenset()) - tables
    if missing:
        raise Damaged(
            f"the database is damaged (missing table {', '.join(sorted(missing))}); "
            "restore a backup, or run `travaux check` to see what is wrong"
        )
    return int(version)


def is_current(conn: sqlite3.Connection) -> bool:
    """Whether the file is ours, marked as ours, and needs no step."""
    app = int(conn.execute("PRAGMA application_id").fetchone()[0])
    return app == APPLICATION_ID and recognise(conn) == LATEST


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply every missing step, each in its own transaction, and mark the file as ours;
    return the steps applied.

    The file is recognised again once the write lock is held: another process opening
    the same new file at the same moment may have applied the step meanwhile."""
    applied: list[int] = []
    if is_current(conn):
        return applied
    import sqlite_utils  # only when the schema is written: it costs 70-100 ms to import

    db = sqlite_utils.Database(conn, execute_plugins=False)
    while True:
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            version = recognise(conn)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            if version >= LATEST:
                return applied
            MIGRATIONS[version](db)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        applied.append(version + 1)
