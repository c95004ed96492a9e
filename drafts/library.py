"""The drafts as a library: rename, redate, give a symbol, move to another negotiation, delete.

A draft's label, date and symbol are what a reader files it under, and an import may
get them wrong (a Word file with no date on its cover, a working title). They can be
corrected afterwards without importing again; the text of a draft never changes here.

Deleting a draft deletes what hangs on it: its provisions, the comparisons cached with
it, and the annotations made on it. Those annotations are someone's work, so a delete
that would take any refuses unless the caller says so (`with_annotations`), and the
refusal counts them. Every change is one transaction: done whole or not at all.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from drafts.errors import RefusedError
from drafts.importer import check_date, resolve_negotiation
from drafts.model import StoredDraft
from drafts.store import Store, now


@dataclass(frozen=True)
class DraftFacts:
    """What a reader files a draft under; None leaves that fact as it is."""

    label: str | None = None
    date: str | None = None
    symbol: str | None = None


def edit_draft(store: Store, draft_id: int, facts: DraftFacts) -> StoredDraft:
    """The draft with its label, date or symbol changed (an empty date: undated)."""
    draft = store.draft(draft_id)
    label = draft.label if facts.label is None else facts.label.strip()
    date = draft.date if facts.date is None else facts.date.strip()
    symbol = draft.symbol if facts.symbol is None else facts.symbol.strip()
    if not label:
        raise RefusedError(f"draft {draft_id}: a draft needs a label")
    check_date(f"draft {draft_id}", date)  # as an import checks it
    store.transaction(
        f"draft {draft_id} was not changed",
        lambda conn: conn.execute(
            "UPDATE drafts SET label = ?, date = ?, symbol = ? WHERE id = ?",
            [label, date, symbol, draft_id],
        ),
    )
    return store.draft(draft_id)


def move_draft(store: Store, draft_id: int, negotiation: str) -> StoredDraft:
    """The draft in the negotiation titled `negotiation` (a new one if none is): drafts
    whose titles changed between rounds belong together."""
    title = negotiation.strip()
    if not title:
        raise RefusedError(f"draft {draft_id}: name the negotiation to move it to")
    store.draft(draft_id)  # a clear error for a draft that is not there
    target = resolve_negotiation(title, store.negotiations())

    def move(conn: sqlite3.Connection) -> None:
        row = conn.execute(
            "SELECT id FROM negotiations WHERE work_uri = ?", [target.work_uri]
        ).fetchone()
        if row is None:
            row = (
                conn.execute(
                    "INSERT INTO negotiations (work_uri, title, created_at) VALUES (?, ?, ?)",
                    [target.work_uri, target.title, now()],
                ).lastrowid,
            )
        conn.execute("UPDATE drafts SET negotiation_id = ? WHERE id = ?", [row[0], draft_id])
        conn.execute(  # a negotiation left with no draft is gone too
            "DELETE FROM negotiations WHERE id NOT IN (SELECT negotiation_id FROM drafts)"
        )

    store.transaction(f"draft {draft_id} was not moved", move)
    return store.draft(draft_id)


def annotations_on(store: Store, draft_id: int) -> int:
    """How many annotations were made on the draft (deleting it deletes them)."""
    row = store.row(
        "SELECT count(*) FROM annotations WHERE draft_id = ? OR to_draft_id = ?",
        [draft_id, draft_id],
    )
    return int(row[0]) if row else 0


def delete_draft(store: Store, draft_id: int, with_annotations: bool = False) -> int:
    """Delete the draft and all that hangs on it; the number of annotations deleted.
    Refused, with their count, if annotations were made on it and `with_annotations`
    is not given."""
    draft = store.draft(draft_id)
    made = annotations_on(store, draft_id)
    if made and not with_annotations:
        raise RefusedError(
            f"{draft.label}: {made} annotation{'' if made == 1 else 's'} were made on this "
            "draft and would be deleted with it; export them first (annotations export), "
            "or say that they go too"
        )

    def delete(conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
        conn.execute("DELETE FROM negotiations WHERE id NOT IN (SELECT negotiation_id FROM drafts)")

    store.transaction(f"{draft.label} was not deleted", delete)
    return made
