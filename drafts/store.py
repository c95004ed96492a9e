"""The SQLite store: negotiations, their drafts and the drafts' provisions, in one file.

Every write is one transaction: a batch of drafts lands whole or not at all, so a
failure (a full disk, a kill) leaves the file as it was. Foreign keys are on and the
journal is WAL, so the viewer can read while an import writes.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from drafts import migrations
from drafts.connection import CHECK_HINT, DAMAGED, failure, is_damage, open_file, use_wal
from drafts.errors import NotFoundError, RefusedError, StoreError
from drafts.model import Container, Draft, Line, Mark, Note, Provision, StoredDraft

_DRAFT_COLUMNS = """
    d.id, d.negotiation_id, n.title, d.label, d.date, d.symbol, d.expression_uri,
    (SELECT count(*) FROM provisions p WHERE p.draft_id = d.id), d.source
"""
_DRAFT_ORDER = "ORDER BY n.id, d.date = '', d.date, d.id"
"""Negotiation order: by expression date, then import order; undated drafts last."""

_SYSTEM = (("proc",), ("sys",), ("dev",))
"""Folders whose files the system makes up: never a database, whatever `stat` says."""

_MAX_ID = 2**63 - 1
"""SQLite's largest row id: a larger number cannot name a draft."""

_T = TypeVar("_T")
Row = tuple[Any, ...]


@dataclass(frozen=True)
class AddResult:
    """What `Store.add_drafts` did: the drafts it stored and those it already had."""

    added: list[StoredDraft]
    duplicates: list[tuple[Draft, StoredDraft]]


class Store:
    """One Travaux database file (or an in-memory one, for tests)."""

    def __init__(self, path: str | Path | None = None) -> None:
        """Open (creating if needed) the database at `path`; `None` means in memory.
        A file that may not be written opens read-only (`read_only`); one that is not
        ours, damaged or from a newer Travaux is a StoreError and is left untouched."""
        self.path = Path(path) if path is not None else None
        self.name = str(self.path) if self.path else ":memory:"
        self.read_only = False
        self._conn = self._connect()
        try:
            self._prepare()
        except sqlite3.Error as exc:
            self._conn.close()
            raise failure(self.name, exc) from exc
        except migrations.NotOurs as exc:
            self._conn.close()
            raise StoreError(self.name, str(exc)) from exc
        except BaseException:
            self._conn.close()
            raise

    def _connect(self) -> sqlite3.Connection:
        """A plain sqlite3 connection: sqlite-utils (and its plugin scan, 70-100 ms) is
        loaded only when `migrations` writes the schema, not on every start."""
        if self.path is None:
            return sqlite3.connect(":memory:")
        try:
            if not self.path.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
            elif not self.path.is_file() or self.path.resolve().parts[1:2] in _SYSTEM:
                raise StoreError(
                    self.name, "not a database file: a folder, a device or a system file"
                )
            conn, self.read_only = open_file(self.path)
            return conn
        except OSError as exc:
            raise StoreError(
                self.name, f"cannot open the database ({exc.strerror or exc})"
            ) from exc
        except sqlite3.Error as exc:
            raise failure(self.name, exc) from exc

    def _prepare(self) -> None:
        version = migrations.recognise(self._conn)  # reads only: a stranger is left as it was
        self._conn.execute("PRAGMA foreign_keys = ON")
        # An INSERT OR REPLACE then fires the delete triggers too, which keep the
        # full-text index in step (sqlite-utils' default, kept now that it opens no store).
        self._conn.execute("PRAGMA recursive_triggers = ON")
        if self.read_only:
            if version < migrations.LATEST:
                raise StoreError(
                    self.name,
                    f"the database needs upgrading (schema {version} to {migrations.LATEST}) "
                    "but is read-only here: open it once where it can be written",
                )
            return
        if self.path is not None and not migrations.is_current(self._conn):
            use_wal(self._conn)
        migrations.migrate(self._conn)

    def close(self) -> None:
        self._conn.close()

    def wait_for_writers(self, seconds: float) -> None:
        """How long a write waits for another program's write to end before it fails
        as busy (BUSY_TIMEOUT by default). The window waits less: its thread must not
        freeze while another program imports."""
        self._conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    def data_version(self) -> int:
        """A number that changes when another connection commits to the file (SQLite's
        `PRAGMA data_version`; our own writes leave it): polled to notice other programs."""
        return int(self.rows("PRAGMA data_version")[0][0])

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # The primitives every module of the core reads and writes through

    def rows(self, sql: str, args: Sequence[object] = ()) -> list[Row]:
        """Every row of a query; a database error is a StoreError naming the file."""
        try:
            return [tuple(row) for row in self._conn.execute(sql, list(args)).fetchall()]
        except sqlite3.Error as exc:
            raise failure(self.name, exc, "cannot read the database") from exc

    def row(self, sql: str, args: Sequence[object] = ()) -> Row | None:
        """The first row of a query, or None."""
        found = self.rows(sql, args)
        return found[0] if found else None

    def transaction(self, failed: str, work: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run `work` in one committed transaction: all of it is saved, or none. The
        write lock is taken first (BEGIN IMMEDIATE), so a reader's snapshot never turns
        into a failed upgrade half-way. A rule of the schema broken (a name taken, a tag
        in use) is a RefusedError; any other database error a StoreError. Both say
        `failed` first: what was not done."""
        conn = self._conn
        try:
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                return work(conn)
        except sqlite3.IntegrityError as exc:
            raise RefusedError(f"{failed}: {exc}") from exc
        except sqlite3.Error as exc:
            raise failure(self.name, exc, failed) from exc

    # Reading

    def drafts(self, negotiation_id: int | None = None) -> list[StoredDraft]:
        """Every draft (of one negotiation, if given) in negotiation order."""
        where, args = (
            ("WHERE d.negotiation_id = ?", [negotiation_id]) if negotiation_id else ("", [])
        )
        rows = self.rows(
            f"SELECT {_DRAFT_COLUMNS} FROM drafts d JOIN negotiations n ON n.id = d.negotiation_id "
            f"{where} {_DRAFT_ORDER}",
            args,
        )
        return [StoredDraft(*row) for row in rows]

    def draft(self, draft_id: int) -> StoredDraft:
        if not 0 < draft_id <= _MAX_ID:
            raise NotFoundError(f"no draft with id {draft_id} in {self.name}")
        row = self.row(
            f"SELECT {_DRAFT_COLUMNS} FROM drafts d JOIN negotiations n ON n.id = d.negotiation_id "
            "WHERE d.id = ?",
            [draft_id],
        )
        if row is None:
            raise NotFoundError(f"no draft with id {draft_id} in {self.name}")
        return StoredDraft(*row)

    def negotiations(self) -> list[tuple[int, str, str]]:
        """(id, title, work URI) of every negotiation, in the order they were first imported."""
        return [
            (int(i), str(title), str(uri))
            for i, title, uri in self.rows(
                "SELECT id, title, work_uri FROM negotiations ORDER BY id"
            )
        ]

    def provisions(self, draft_id: int) -> list[Provision]:
        """The provisions of one draft, in document order, as they were imported."""
        rows = self.rows(
            "SELECT eid, kind, num, heading, position, lines, notes, containers, marks "
            "FROM provisions WHERE draft_id = ? ORDER BY position",
            [draft_id],
        )
        try:
            return [_provision_from_row(row) for row in rows]
        except (ValueError, TypeError, KeyError) as exc:  # text SQLite read, but not ours
            raise StoreError(
                self.name, f"{DAMAGED} (a provision of draft {draft_id}: {exc}); {CHECK_HINT}"
            ) from exc

    def is_empty(self) -> bool:
        return self.rows("SELECT count(*) FROM drafts")[0][0] == 0

    def find_draft(self, name: str) -> StoredDraft:
        """The draft a person means by `name`: its id, label, document symbol or date
        (labels and symbols case-insensitive). Ambiguity is an error that lists the
        candidates, never a guess."""
        name = name.strip()
        if name.isascii() and name.isdigit():  # not "²", which is a digit to Python
            if len(name) >= 20:  # past any row id (and past 4,300, past what int() reads)
                raise NotFoundError(f"no draft with id {name[:24]}… in {self.name}")
            return self.draft(int(name))
        drafts = self.drafts()
        for field in ("label", "symbol", "date"):
            found = [d for d in drafts if getattr(d, field).casefold() == name.casefold()]
            if len(found) == 1:
                return found[0]
            if found:
                listed = "; ".join(
                    f"{d.id} ({d.negotiation}, {d.date or 'undated'})" for d in found
                )
                raise NotFoundError(
                    f"{len(found)} drafts have the {field} {name!r} in {self.name}: "
                    f"name one by its id: {listed}"
                )
        known = ", ".join(f"{d.id} {d.label!r}" for d in drafts) or "none; import some first"
        raise NotFoundError(
            f"no draft called {name!r} (by id, label, symbol or date) in {self.name}; "
            f"drafts: {known}"
        )

    def content_hash(self, draft_id: int) -> str:
        row = self.row("SELECT content_hash FROM drafts WHERE id = ?", [draft_id])
        if row is None:
            raise NotFoundError(f"no draft with id {draft_id} in {self.name}")
        return str(row[0])

    def cached_comparison(
        self, from_id: int, to_id: int, options: str, algorithm: int
    ) -> str | None:
        """The stored result of this comparison, if it was computed by this algorithm
        from the drafts as they are now."""
        row = self.row(
            "SELECT c.result FROM comparisons c "
            "JOIN drafts f ON f.id = c.from_draft_id AND f.content_hash = c.from_hash "
            "JOIN drafts t ON t.id = c.to_draft_id AND t.content_hash = c.to_hash "
            "WHERE c.from_draft_id = ? AND c.to_draft_id = ? AND c.options = ? "
            "AND c.algorithm = ?",
            [from_id, to_id, options, algorithm],
        )
        return str(row[0]) if row else None

    def save_comparison(
        self, from_id: int, to_id: int, options: str, algorithm: int, result: str
    ) -> None:
        """Store (or replace) a comparison's result, keyed as `cached_comparison` reads it.

        A cache, so it is committed without waiting for the disk (`synchronous =
        NORMAL`, WAL mode): a power cut may lose the last results written, never the
        database, and the next import or annotation saved waits for the disk for both.
        The window writes results between its events: 8 ms a commit was a stall. A
        read-only database keeps no cache, and is read as it is."""
        if self.read_only:
            return
        with self._not_waiting_for_the_disk():
            self.transaction(
                "the comparison was not cached",
                lambda conn: conn.execute(
                    "INSERT OR REPLACE INTO comparisons (from_draft_id, to_draft_id, options, "
                    "algorithm, from_hash, to_hash, result, computed_at) "
                    "SELECT ?, ?, ?, ?, f.content_hash, t.content_hash, ?, ? "
                    "FROM drafts f, drafts t WHERE f.id = ? AND t.id = ?",
                    [from_id, to_id, options, algorithm, result, now(), from_id, to_id],
                ),
            )

    @contextlib.contextmanager
    def _not_waiting_for_the_disk(self) -> Iterator[None]:
        before = self._conn.execute("PRAGMA synchronous").fetchone()[0]
        self._conn.execute("PRAGMA synchronous = NORMAL")
        try:
            yield
        finally:
            self._conn.execute(f"PRAGMA synchronous = {int(before)}")

    def search_provisions(self, match: str) -> list[tuple[int, int, str, str, str]]:
        """(row id, draft id, eId, number, heading) of every provision matching the FTS5
        query `match`, best match first."""
        return self._search(
            "SELECT p.id, p.draft_id, p.eid, p.num, p.heading FROM provisions_fts "
            "JOIN provisions p ON p.id = provisions_fts.rowid "
            "WHERE provisions_fts MATCH ? ORDER BY provisions_fts.rank",
            [match],
        )

    def provision_texts(self, row_ids: Sequence[int]) -> dict[int, str]:
        """Row id -> number, heading and text of those provisions (search results)."""
        out: dict[int, str] = {}
        for start in range(0, len(row_ids), 500):  # SQLite's limit on parameters
            chunk = row_ids[start : start + 500]
            rows = self.rows(
                "SELECT id, num || ' ' || heading || '\n' || text FROM provisions "
                f"WHERE id IN ({', '.join('?' * len(chunk))})",
                list(chunk),
            )
            out.update({int(row_id): str(text) for row_id, text in rows})
        return out

    def _search(self, sql: str, args: list[object]) -> list[tuple[Any, ...]]:
        try:
            return [tuple(row) for row in self._conn.execute(sql, args).fetchall()]
        except sqlite3.Error as exc:
            if is_damage(exc) or not isinstance(exc, sqlite3.OperationalError):
                raise failure(self.name, exc, "cannot search the database") from exc
            raise NotFoundError(f"search failed in {self.name}: {exc}") from exc

    def find_duplicate(self, draft: Draft) -> StoredDraft | None:
        row = self.row("SELECT id FROM drafts WHERE content_hash = ?", [draft.content_hash])
        return self.draft(row[0]) if row else None

    # Writing

    def add_drafts(self, drafts: Sequence[Draft]) -> AddResult:
        """Store every draft not already present, all in one transaction."""
        added_ids: list[int] = []
        duplicates: list[tuple[Draft, StoredDraft]] = []

        def write(conn: sqlite3.Connection) -> None:
            for draft in drafts:
                existing = self.find_duplicate(draft)
                if existing is not None:
                    duplicates.append((draft, existing))
                    continue
                added_ids.append(self._insert_draft(conn, draft))

        self.transaction("nothing was imported", write)
        return AddResult([self.draft(i) for i in added_ids], duplicates)

    def _insert_draft(self, conn: sqlite3.Connection, draft: Draft) -> int:
        negotiation_id = self._negotiation_id(conn, draft)
        cursor = conn.execute(
            "INSERT INTO drafts (negotiation_id, expression_uri, label, date, symbol, language, "
            "doc_type, namespace, source, content_hash, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                negotiation_id,
                draft.expression_uri,
                draft.label,
                draft.date,
                draft.symbol,
                draft.language,
                draft.doc_type,
                draft.namespace,
                draft.source,
                draft.content_hash,
                now(),
            ],
        )
        draft_id = int(cursor.lastrowid or 0)
        conn.executemany(
            "INSERT INTO provisions (draft_id, position, eid, kind, num, heading, chapter, "
            "containers, lines, notes, text, marks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_provision_row(draft_id, p) for p in draft.provisions),
        )
        return draft_id

    def _negotiation_id(self, conn: sqlite3.Connection, draft: Draft) -> int:
        row = conn.execute(
            "SELECT id FROM negotiations WHERE work_uri = ?", [draft.work_uri]
        ).fetchone()
        if row:
            return int(row[0])
        cursor = conn.execute(
            "INSERT INTO negotiations (work_uri, title, created_at) VALUES (?, ?, ?)",
            [draft.work_uri, draft.work_title, now()],
        )
        return int(cursor.lastrowid or 0)

    def dump(self) -> str:
        """The whole database as SQL text: equal dumps mean equal databases."""
        return "\n".join(self._conn.iterdump())


def _provision_row(draft_id: int, p: Provision) -> list[object]:
    chapter = p.chapter.label() if p.chapter else ""
    return [
        draft_id,
        p.position,
        p.eid,
        p.kind,
        p.num,
        p.heading,
        chapter,
        _json([{"kind": c.kind, "num": c.num, "heading": c.heading} for c in p.containers]),
        _json([{"num": ln.num, "text": ln.text, "depth": ln.depth} for ln in p.lines]),
        _json([{"marker": n.marker, "text": n.text} for n in p.notes]),
        p.text,
        _json([_mark_row(m) for m in p.marks]),
    ]


def _provision_from_row(row: Iterable[object]) -> Provision:
    eid, kind, num, heading, position, lines, notes, containers, marks = row
    return Provision(
        eid=str(eid),
        kind=str(kind),
        num=str(num),
        heading=str(heading),
        position=int(str(position)),
        lines=tuple(Line(**item) for item in json.loads(str(lines))),
        notes=tuple(Note(**item) for item in json.loads(str(notes))),
        containers=tuple(Container(**item) for item in json.loads(str(containers))),
        marks=tuple(Mark(**item) for item in json.loads(str(marks))),
    )


def _mark_row(mark: Mark) -> dict[str, object]:
    """A mark as stored: deletions without a kind, as before insertions were kept."""
    row: dict[str, object] = {"offset": mark.offset, "text": mark.text, "by": mark.by}
    if mark.inserted:
        row["kind"] = mark.kind
    return row


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
