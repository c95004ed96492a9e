"""Changes to the library travel as records: a draft renamed, redated, given a symbol,
moved to another negotiation, or deleted (`drafts.library`, `draft edit|move|delete`).

    library/<xx>/<content hash>.<version>.jsonld   one version of a draft's facts

A draft's shared file and metadata (`records.DraftRecord`) never change; its facts as
they stand are those of its library versions, which work as an annotation's do: each
names the versions it replaces, two people who change the same draft at once keep
both (every clone shows the latest), and a deletion is a version marked deleted that
hides the draft, undone by any later version (importing the draft again writes one).
A draft with no library version stands as its metadata says. Nothing is removed: the
annotations made on a hidden draft stay in the dossier and come back with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from drafts.dossier.records import (
    DELETED,
    LIBRARY,
    REPLACES,
    DraftRecord,
    Held,
    History,
    Index,
    Version,
    content_key,
    folder_for,
    now,
    replaced,
)
from drafts.dossier.state import State
from drafts.errors import TravauxError
from drafts.store import Store

FACTS_TYPE = "travaux:DraftFacts"
WORK = "travaux:work"
"""The negotiation's work URI: carried, not compared (each database may derive its own
for a negotiation made by a move); the negotiation's title is compared."""


def facts_of(record: DraftRecord) -> dict[str, Any]:
    """The facts a draft's metadata gives, as a library version holds them."""
    return _facts(
        record.content_hash,
        record.label,
        record.date,
        record.symbol,
        record.negotiation,
        record.work_uri,
    )


def indexed_drafts(store: Store) -> Index:
    """What the database holds of every draft, by content hash (the draft's folder)."""
    uris = {title: uri for _, title, uri in store.negotiations()}
    found = {}
    for d in store.drafts():
        digest = store.content_hash(d.id)
        item = _facts(digest, d.label, d.date, d.symbol, d.negotiation, uris.get(d.negotiation, ""))
        found[digest] = Held(d.id, item, content_key(item))
    return found


def pending(
    held: Index,
    histories: dict[str, History],
    shared: dict[str, DraftRecord],
    base: dict[str, str],
    creator: dict[str, str],
) -> list[tuple[str, str, dict[str, Any]]]:
    """The library versions to write: a draft whose facts changed here, and one the
    database held at the last sync and holds no more (deleted here). `shared`: the
    drafts' metadata by content hash (a draft not shared has no facts to change);
    `base`: content hash -> the version the database was last in step with ("" for
    the metadata itself)."""
    out = []
    for folder, one in held.items():
        record, history = shared.get(folder), histories.get(folder)
        if record is None or in_step(one.key, history, record, base.get(folder)):
            continue
        stamped = {**one.item, "modified": now(), "creator": creator}
        out.append((LIBRARY, folder, {**stamped, REPLACES: replaced(history, base.get(folder))}))
    for folder, name in base.items():
        record, history = shared.get(folder), histories.get(folder)
        if folder in held or record is None or (history is not None and history.current() is None):
            continue
        was = _base(history, name)
        item = dict(was.item) if was is not None else facts_of(record)
        item.update(modified=now(), creator=creator)
        out.append((LIBRARY, folder, {**item, DELETED: True, REPLACES: replaced(history, name)}))
    return out


def standing(record: DraftRecord, history: History | None) -> DraftRecord | None:
    """The draft as its current library version has it (None when hidden by a deletion)."""
    if history is None:
        return record
    current = history.current()
    if current is None:
        return None
    item = current.item
    return replace(
        record,
        label=str(item.get("label", record.label)),
        date=str(item.get("date", record.date)),
        symbol=str(item.get("symbol", record.symbol)),
        negotiation=str(item.get("negotiation", record.negotiation)),
        work_uri=str(item.get(WORK, record.work_uri)) or record.work_uri,
    )


def hidden_sources(shared: Iterable[DraftRecord], histories: dict[str, History]) -> tuple[str, ...]:
    """The expression IRIs of the drafts a deletion hides: annotations whose target is
    on one are kept in the dossier and not imported while it stays hidden."""
    return tuple(
        r.expression_uri + "#"
        for r in shared
        if r.content_hash in histories and histories[r.content_hash].current() is None
    )


def on_hidden(item: dict[str, Any], hidden: tuple[str, ...]) -> bool:
    """Whether an annotation's target is on a draft a deletion hides."""
    if not hidden:
        return False
    targets = item.get("target")
    sides = targets if isinstance(targets, list) else [targets]
    sources = [str(t.get("source", "")) for t in sides if isinstance(t, dict)]
    return any(source.startswith(hidden) for source in sources)


def in_step(
    key: dict[str, Any], history: History | None, record: DraftRecord, base_name: str | None
) -> bool:
    """Whether the database says what the dossier says or said when they were last in
    step, so that a difference is news from the dossier, not an edit made here."""
    if history is not None and any(h.key == key for h in history.heads() if not h.deleted):
        return True
    if base_name is None:  # never synced with this database: any known state will do
        if history is not None and history.current() is None:
            return False  # hidden in the dossier, imported here again: that undoes it
        known = [content_key(facts_of(record))]
        if history is not None:
            known += [v.key for v in history.versions.values() if not v.deleted]
        return key in known
    if base_name == "" or history is None:
        return key == content_key(facts_of(record))
    base = history.versions.get(base_name)
    return base is not None and not base.deleted and base.key == key


def _base(history: History | None, name: str) -> Version | None:
    if history is None:
        return None
    heads = history.heads()
    return history.versions.get(name) or (heads[-1] if heads else None)


def _facts(
    digest: str, label: str, date: str, symbol: str, negotiation: str, work_uri: str
) -> dict[str, Any]:
    return {
        "type": FACTS_TYPE,
        "id": f"urn:travaux:draft:{digest}",
        "label": label,
        "date": date,
        "symbol": symbol,
        "negotiation": negotiation,
        WORK: work_uri,
    }


# --- taking the library in -----------------------------------------------------------


@dataclass
class Taken:
    """What taking in the library changed: drafts renamed ("old -> new") and hidden (by
    label), and versions the database could not take (and why)."""

    renamed: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def take_in(
    store: Store, shared: dict[str, DraftRecord], library: dict[str, History], state: State
) -> Taken:
    """Rename, redate, move and delete the drafts of the database as their current
    library versions say, unless changed here and not yet shared."""
    from drafts import library as shelf

    taken = Taken()
    for digest, held in indexed_drafts(store).items():
        record, history = shared.get(digest), library.get(digest)
        if record is None or history is None or _facts_edited_here(held, history, record):
            continue
        current = history.current()
        label = str(held.item["label"])
        try:
            if current is None:
                _forget_annotations(store, held.id, state)
                shelf.delete_draft(store, held.id, with_annotations=True)
                taken.hidden.append(label)
            elif current.key != held.key:
                _take_facts(store, held.id, current)
                taken.renamed.append(f"{label} -> {current.item.get('label')}")
        except TravauxError as exc:
            taken.refused.append(f"library version {current.name if current else ''}: {exc}")
    return taken


def _facts_edited_here(held: Held, history: History, record: DraftRecord) -> bool:
    """Whether the database's facts for a draft are what no version and not its
    metadata say: changed here and not shared yet (a rebuild without a sync)."""
    if held.key == content_key(facts_of(record)):
        return False
    return all(held.key != v.key for v in history.versions.values())


def _take_facts(store: Store, draft_id: int, version: Version) -> None:
    from drafts import library as shelf

    item = version.item
    facts = shelf.DraftFacts(str(item["label"]), str(item["date"]), str(item["symbol"]))
    shelf.edit_draft(store, draft_id, facts)
    negotiation = str(item.get("negotiation", ""))
    if negotiation and negotiation != store.draft(draft_id).negotiation:
        shelf.move_draft(store, draft_id, negotiation)


def _forget_annotations(store: Store, draft_id: int, state: State) -> None:
    """The annotations on a draft a deletion hides go with it from the database, not
    from the dossier: they are no deletions to share."""
    rows = store.rows(
        "SELECT uri FROM annotations WHERE draft_id = ? OR to_draft_id = ?", [draft_id, draft_id]
    )
    for (uri,) in rows:
        state.base.pop(folder_for(str(uri)), None)


def remember(
    store: Store, shared: dict[str, DraftRecord], library: dict[str, History], state: State
) -> None:
    """Keep in `state` the library version each shared draft of the database shows,
    for the next sync to tell a change made here from one that arrived."""
    held = indexed_drafts(store)
    for digest, one in held.items():
        if digest not in shared:
            continue
        history = library.get(digest)
        current = history.current() if history is not None else None
        if history is None:
            state.library[digest] = ""
        elif current is not None and current.key == one.key:
            state.library[digest] = current.name
        else:
            state.library.setdefault(digest, "")
    for digest in [d for d in state.library if d not in held]:
        history = library.get(digest)
        if history is not None and history.current() is None:
            del state.library[digest]  # hidden there too: nothing left to share
