"""The database as an index of a dossier: bring in what the dossier holds and it lacks.

Drafts go through the importer, from their unchanged files, with the label, date and
negotiation their metadata gives. Annotations and tags go in as their current version
says (`History.current`), through the checks of a Web Annotation import, in one
transaction. Every step can run again: a draft already there is recognised by its
content hash, an annotation already as its record says is left alone. So a sync
killed half-way loses nothing, and the next one finishes the work.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from drafts.annotating import annotations as notes
from drafts.annotating.web_annotation import COLOUR, parse_items, to_annotations
from drafts.dossier import draft_facts
from drafts.dossier.records import (
    ANNOTATIONS,
    LIBRARY,
    TAGS,
    DraftRecord,
    Held,
    History,
    Index,
    Records,
    Version,
    read_drafts,
)
from drafts.dossier.sharing import indexed_annotations
from drafts.dossier.state import State
from drafts.errors import TravauxError
from drafts.model import Draft
from drafts.store import Store

_COLOUR = re.compile(r"#[0-9A-F]{6}")


@dataclass
class Arrived:
    """What an import from the dossier changed in the database."""

    drafts: list[str] = field(default_factory=list)
    """Labels of the drafts added."""
    renamed: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    """Drafts whose label, date, symbol or negotiation changed, and drafts deleted (by
    their label here: what changed, and to what)."""
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    """Ids of the annotations added, changed to another version, and deleted."""
    tags: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    """Records kept in the dossier that the database could not take, and why."""

    def as_state(self, when: str) -> dict[str, Any]:
        return {
            "at": when,
            "drafts": self.drafts,
            "renamed": self.renamed,
            "hidden": self.hidden,
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
        }


def import_records(
    store: Store, records: Records, state: State, index: Index | None = None
) -> Arrived:
    """Bring the dossier's drafts, library changes, tags and annotations into the
    database; update `state` to what the database now holds. `index`: the database's
    annotations, if the caller has them already."""
    arrived = Arrived()
    shared = read_drafts(records.root)
    library = records.of(LIBRARY)
    taken = draft_facts.take_in(store, shared, library, state)
    arrived.renamed, arrived.hidden = taken.renamed, taken.hidden
    arrived.refused += taken.refused
    if taken.hidden:
        index = None  # annotations went with a deleted draft
    _import_drafts(store, records.root, shared, library, arrived)
    held = index if index is not None else indexed_annotations(store)
    hidden = draft_facts.hidden_sources(shared.values(), library)
    _import_notes(store, records, held, state, arrived, hidden)
    draft_facts.remember(store, shared, library, state)
    return arrived


# --- drafts ----------------------------------------------------------------------------


def _import_drafts(
    store: Store,
    root: Path,
    shared: dict[str, DraftRecord],
    library: dict[str, History],
    arrived: Arrived,
) -> None:
    from drafts.importer import store_drafts

    have = {str(h) for (h,) in store.rows("SELECT content_hash FROM drafts")}
    standing = [draft_facts.standing(r, library.get(r.content_hash)) for r in shared.values()]
    records = [r for r in standing if r is not None and r.content_hash not in have]
    records.sort(key=lambda r: (r.negotiation, r.date == "", r.date, r.added, r.label))
    drafts = []
    for record in records:
        try:
            drafts.append(_read(root / "drafts" / record.file, record))
        except TravauxError as exc:
            arrived.refused.append(f"draft {record.label!r} ({record.file}): {exc}")
    if drafts:
        report = store_drafts(store, drafts)
        arrived.drafts.extend(d.label for d in report.added)


def _read(path: Path, record: DraftRecord) -> Draft:
    """The draft a record describes: its file read by the importer, named as the person
    who shared it had it (the same label, date, negotiation and identity)."""
    from drafts.importer import read_documents

    (document,) = read_documents([path], record.label, record.date)
    return replace(
        document.draft,
        label=record.label,
        date=record.date,
        symbol=record.symbol,
        work_uri=record.work_uri,
        work_title=record.negotiation,
        expression_uri=record.expression_uri,
        content_hash=record.content_hash,
        source=str(path),
    )


# --- tags and annotations, in one transaction --------------------------------------------


def _import_notes(
    store: Store,
    records: Records,
    index: Index,
    state: State,
    arrived: Arrived,
    hidden: tuple[str, ...],
) -> None:
    tag_histories = records.of(TAGS)
    histories = records.of(ANNOTATIONS)
    wanted: list[tuple[Version, int]] = []
    removed: list[tuple[str, int]] = []
    for folder, history in histories.items():
        current = history.current()
        held = index.get(folder)
        if held is not None and _edited_here(held, history):
            continue  # not shared yet (a rebuild without a sync): the next sync shares it
        if held is None and current is not None and draft_facts.on_hidden(current.item, hidden):
            continue  # on a deleted draft: kept in the dossier, back if the draft is
        if current is None:
            state.base.pop(folder, None)
            if held is not None:
                removed.append((folder, held.id))
        elif held is not None and held.key == current.key:
            state.base[folder] = current.name
        else:
            wanted.append((current, held.id if held else 0))
    checked = parse_items(store, [version.item for version, _ in wanted])
    ready = []
    for (version, old_id), result in zip(wanted, checked, strict=True):
        if isinstance(result, str):
            who = f" by {version.creator}" if version.creator else ""
            arrived.refused.append(f"annotation {version.item.get('id')}{who}: {result}")
        else:
            ready.append((version, old_id, result))

    def write(conn: sqlite3.Connection) -> None:
        _apply_tags(conn, tag_histories, state, arrived)
        made = to_annotations(conn, [parsed for _, _, parsed in ready])
        for (_, old_id, _), annotation in zip(ready, made, strict=True):
            if old_id:
                conn.execute("DELETE FROM annotations WHERE id = ?", [old_id])
            notes.insert(conn, replace(annotation, id=old_id))
            (arrived.changed if old_id else arrived.added).append(annotation.uri)
        for _, annotation_id in removed:
            conn.execute("DELETE FROM annotations WHERE id = ?", [annotation_id])

    store.transaction("the dossier's annotations were not imported", write)
    for version, _, _ in ready:
        state.base[version.folder] = version.name
    arrived.removed.extend(folder for folder, _ in removed)


def _edited_here(held: Held, history: History) -> bool:
    """Whether the database says what no version says: an edit made here and not yet
    written to the dossier, which an import must not overwrite."""
    return all(held.key != v.key for v in history.versions.values())


def _apply_tags(
    conn: sqlite3.Connection, histories: dict[str, History], state: State, arrived: Arrived
) -> None:
    """Tags as their current versions say: new ones added at the end of the list,
    colours changed, deleted ones removed unless annotations still use them."""
    rows = conn.execute("SELECT id, name, colour FROM tags").fetchall()
    by_name = {str(name).casefold(): (int(i), str(colour)) for i, name, colour in rows}
    position = conn.execute("SELECT coalesce(max(position) + 1, 0) FROM tags").fetchone()[0]
    for folder, history in sorted(histories.items()):
        current = history.current()
        if current is None:
            state.tags.pop(folder, None)
            _delete_tag(conn, history, by_name, arrived)
            continue
        name, colour = str(current.item.get("name", "")).strip(), str(current.item.get(COLOUR, ""))
        if not name or not _COLOUR.fullmatch(colour):
            arrived.refused.append(f"tag version {current.name}: no name or no #RRGGBB colour")
            continue
        held = by_name.get(name.casefold())
        if held is None:
            conn.execute(
                "INSERT INTO tags (name, colour, position) VALUES (?, ?, ?)",
                [name, colour, position],
            )
            position += 1
            arrived.tags.append(name)
        elif held[1] != colour:
            conn.execute("UPDATE tags SET colour = ? WHERE id = ?", [colour, held[0]])
            arrived.tags.append(name)
        state.tags[folder] = current.name


def _delete_tag(
    conn: sqlite3.Connection,
    history: History,
    by_name: dict[str, tuple[int, str]],
    arrived: Arrived,
) -> None:
    last = history.heads()[-1]
    name = str(last.item.get("name", ""))
    held = by_name.get(name.casefold())
    if held is None:
        return
    (used,) = conn.execute(
        "SELECT count(*) FROM annotation_tags WHERE tag_id = ?", [held[0]]
    ).fetchone()
    if used:
        arrived.refused.append(f"tag {name!r} was deleted by {last.creator}; kept, {used} use it")
        return
    conn.execute("DELETE FROM tags WHERE id = ?", [held[0]])
    arrived.tags.append(name)
