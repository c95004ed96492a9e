"""What the database holds that the dossier does not yet: the records a sync writes.

Drafts are shared as the file they were imported from, unchanged, if that file is
still where it was and still reads as the stored draft; otherwise the draft is named
as not shared, never written from a guess. Annotations and tags are written as new
versions when the database says something none of their current versions says; one
the database held at the last sync and no longer holds was deleted here, and gets a
deletion version. Every new version replaces all the heads its writer knew of.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafts.annotating import annotations as notes
from drafts.annotating.web_annotation import COLOUR, CONTEXT, annotation_json
from drafts.dossier import draft_facts
from drafts.dossier.records import (
    ANNOTATIONS,
    DELETED,
    LIBRARY,
    REPLACES,
    TAG_TYPE,
    TAGS,
    DraftRecord,
    Held,
    History,
    Index,
    Records,
    content_key,
    draft_file_name,
    folder_for,
    now,
    read_drafts,
    replaced,
    tag_folder,
    version_file,
    write_draft,
)
from drafts.dossier.state import State
from drafts.errors import TravauxError
from drafts.migrations import DEFAULT_TAGS
from drafts.reading.suffixes import DRAFT_SUFFIXES
from drafts.store import Store


@dataclass(frozen=True)
class Pending:
    """The records a sync would write, and the drafts it cannot share (and why)."""

    drafts: list[tuple[DraftRecord, bytes]]
    versions: list[tuple[str, str, dict[str, Any]]]
    """(ANNOTATIONS or TAGS, folder, the version's content)."""
    unshared: list[str]

    def count(self, kind: str) -> int:
        return sum(1 for k, _, _ in self.versions if k == kind)


def pending(
    store: Store, records: Records, state: State, author: str, index: Index | None = None
) -> Pending:
    """Everything the database holds that the dossier lacks (`index`: the database's
    annotations, if the caller has them already)."""
    shared = read_drafts(records.root)
    hidden = draft_facts.hidden_sources(shared.values(), records.of(LIBRARY))
    drafts, unshared = _pending_drafts(store, shared, author)
    creator = {"type": "Person", "name": author}
    versions: list[tuple[str, str, dict[str, Any]]] = []
    for kind, held, base in (
        (ANNOTATIONS, index if index is not None else indexed_annotations(store), state.base),
        (TAGS, indexed_tags(store), state.tags),
    ):
        histories = records.of(kind)
        for folder, one in held.items():
            item, history = one.item, histories.get(folder)
            if history is None and kind == TAGS and _default(item):
                continue  # every database has it: nothing to share
            if _changed_here(one.key, history, base.get(folder)):
                replacing = replaced(history, base.get(folder))
                stamped = item if kind == ANNOTATIONS else {**item, "modified": now()}
                versions.append(
                    (kind, folder, {**stamped, "creator": creator, REPLACES: replacing})
                )
        for folder, history in histories.items():
            gone = _deleted_here(folder, held, history, base.get(folder))
            if gone is not None and not draft_facts.on_hidden(gone, hidden):
                versions.append((kind, folder, {**gone, "creator": creator}))
    shared.update((record.content_hash, record) for record, _ in drafts)
    held_drafts = draft_facts.indexed_drafts(store)
    versions += draft_facts.pending(
        held_drafts, records.of(LIBRARY), shared, state.library, creator
    )
    return Pending(drafts, versions, unshared)


def write(records: Records, work: Pending, author: str) -> dict[str, bytes]:
    """Write the pending drafts into the working copy, and add the versions to
    `records`; every new file, by its path in the dossier, for the commit (versions
    are committed, never written out: see `tree`)."""
    new: dict[str, bytes] = {}
    for record, data in work.drafts:
        new.update(write_draft(records.root, record, data))
    for kind, folder, item in work.versions:
        path, name, data = version_file(kind, folder, item, author)
        new[path] = data
        records.add(kind, folder, name, item)
    return new


def indexed_annotations(store: Store) -> Index:
    """What the database holds of every annotation, by folder."""
    drafts = {d.id: d for d in store.drafts()}
    tags = {t.id: t for t in notes.tags(store)}
    return {
        folder_for(a.uri): _held(a.id, {"@context": CONTEXT, **annotation_json(a, drafts, tags)})
        for a in notes.find_annotations(store)
    }


def indexed_tags(store: Store) -> Index:
    """What the database holds of every tag, by folder."""
    return {
        tag_folder(t.name): _held(t.id, {"type": TAG_TYPE, "name": t.name, COLOUR: t.colour})
        for t in notes.tags(store)
    }


def _held(held_id: int, item: dict[str, Any]) -> Held:
    return Held(held_id, item, content_key(item))


def _changed_here(key: dict[str, Any], history: History | None, base_name: str | None) -> bool:
    """Whether the database's content is news to the dossier: not what the database
    held at the last sync (so edited here), and not what any head already says. With
    no memory of the last sync, any version saying it will do (an older index)."""
    if history is None:
        return True
    base = history.versions.get(base_name) if base_name else None
    if base is not None and not base.deleted and base.key == key:
        return False
    if any(h.key == key for h in history.heads() if not h.deleted):
        return False
    known = (v.key for v in history.versions.values() if not v.deleted)
    return not (base_name is None and key in known)


def _deleted_here(
    folder: str, index: Index, history: History, base_name: str | None
) -> dict[str, Any] | None:
    """The deletion version to write for a record the database held at the last sync
    and holds no more, or None. It keeps the deleted content, so a reader of the
    dossier sees what was deleted and by whom."""
    current = history.current()
    if folder in index or base_name is None or current is None:
        return None
    base = history.versions.get(base_name, current)
    replacing = replaced(history, base_name)
    return {**base.item, "modified": now(), DELETED: True, REPLACES: replacing}


def _default(tag: dict[str, Any]) -> bool:
    return (tag["name"], tag[COLOUR]) in DEFAULT_TAGS


def _pending_drafts(
    store: Store, shared: dict[str, DraftRecord], author: str
) -> tuple[list[tuple[DraftRecord, bytes]], list[str]]:
    negotiations = {i: (title, uri) for i, title, uri in store.negotiations()}
    out: list[tuple[DraftRecord, bytes]] = []
    unshared: list[str] = []
    for d in store.drafts():
        digest = store.content_hash(d.id)
        if digest in shared:
            continue
        path = Path(d.source)
        problem = _unreadable(store, d.id, path, d.label, d.date)
        if problem:
            unshared.append(f"{d.label} ({d.source}): {problem}; import it again to share it")
            continue
        suffix = path.suffix.lower() if path.suffix.lower() in DRAFT_SUFFIXES else ".xml"
        title, work_uri = negotiations[d.negotiation_id]
        data = path.read_bytes()
        record = DraftRecord(
            digest,
            draft_file_name(digest, data, suffix),
            d.label,
            d.date,
            d.symbol,
            title,
            work_uri,
            d.expression_uri,
            path.name,
            author,
            now(),
        )
        out.append((record, data))
    return out, unshared


def _unreadable(store: Store, draft_id: int, path: Path, label: str, date: str) -> str:
    """Why the file a draft was imported from cannot be shared as that draft, or ""."""
    from drafts.importer import read_documents

    if not path.is_file():
        return "its file is no longer there"
    try:
        (document,) = read_documents([path], label, date)
    except TravauxError as exc:
        return f"its file no longer reads ({exc})"
    stored = store.provisions(draft_id)
    if document.draft.provisions != tuple(stored):
        return "its file has changed since it was imported"
    return ""
