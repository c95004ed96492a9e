"""The team's word on each annotation, as the window lists it, and settling a conflict.

`team_view` reads, once, what a dossier says of the annotations that a database holds:
who wrote the version shown, which arrived with the last sync (the clone's own state
remembers it, `drafts.dossier.state`), which stand in conflict, and who signs here.

`keep_version` settles a conflict the way the dossier settles everything: by adding a
record. The version kept is written again, signed by whoever keeps it, as a new
version that replaces every head; the database then shows it. The versions set aside
stay in the dossier, as every version does: nothing is lost, and the next sync shares
the choice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from drafts.annotating import annotations as notes
from drafts.annotating.web_annotation import parse_items, to_annotations
from drafts.dossier import state as states
from drafts.dossier import tree
from drafts.dossier.git import DossierError, Git
from drafts.dossier.records import (
    ANNOTATIONS,
    REPLACES,
    History,
    folder_for,
    now,
    read_histories,
    read_history,
    version_file,
)
from drafts.store import Store


@dataclass(frozen=True)
class TeamView:
    """What a dossier says of the annotations, by annotation id (URI)."""

    authors: dict[str, str] = field(default_factory=dict)
    """Who wrote the version the database shows."""
    arrived: frozenset[str] = frozenset()
    """Added or changed by the last sync of this database."""
    conflicts: frozenset[str] = frozenset()
    """Two or more versions stand, saying different things."""
    me: str = ""
    """Who signs the records written here (the dossier's git user.name)."""


def is_dossier(folder: Path) -> bool:
    """Whether `folder` is a dossier's working copy (checked without running git)."""
    return (folder / ".git").exists()


def team_view(folder: str | Path, database: str | Path) -> TeamView:
    """What the dossier at `folder` says of the annotations, for the database file
    `database` (whose last sync it remembers)."""
    root = Path(folder).resolve()
    git = Git(root)
    authors: dict[str, str] = {}
    conflicts: set[str] = set()
    for history in read_histories(root, ANNOTATIONS).values():
        current = history.current()
        if current is not None:
            authors[str(current.item.get("id", ""))] = current.creator
        if history.in_conflict():
            conflicts.add(str(history.heads()[-1].item.get("id", "")))
    last = states.load(git.git_dir(), str(Path(database).resolve())).arrived
    arrived = frozenset(str(uri) for key in ("added", "changed") for uri in last.get(key, []))
    return TeamView(authors, arrived, frozenset(conflicts), git.config("user.name"))


def history_of(folder: str | Path, uri: str) -> History:
    """Every version of one annotation in the dossier (its records alone are read)."""
    return read_history(Path(folder).resolve(), ANNOTATIONS, folder_for(uri))


def keep_version(store: Store, folder: str | Path, uri: str, version: str) -> str:
    """Keep `version` (a head) of annotation `uri`: write it as a new version replacing
    every head, signed by this dossier's user, and make the database show it (or, for
    a deletion kept, delete the annotation). The new version's name."""
    root = Path(folder).resolve()
    git = Git(root)
    if not git.is_repository():
        raise DossierError(root, "not a dossier: there is no conflict to settle here")
    author = git.config("user.name")
    if not author:
        raise DossierError(root, "git does not know who you are: set user.name to sign the choice")
    history = history_of(root, uri)
    heads = {v.name: v for v in history.heads()}
    if version not in heads:
        raise DossierError(
            root, f"version {version} of {uri} is not one that stands (replaced meanwhile?)"
        )
    kept = heads[version]
    item = {
        **kept.item,
        "modified": now(),
        "creator": {"type": "Person", "name": author},
        REPLACES: sorted(heads),
    }
    parsed = [] if kept.deleted else parse_items(store, [item])
    if parsed and isinstance(parsed[0], str):
        raise DossierError(store.name, f"the version kept cannot be shown here: {parsed[0]}")
    # The record first: if the database then fails, the next sync brings the choice in.
    path, name, data = version_file(ANNOTATIONS, history.folder, item, author)
    tree.commit(git, {path: data}, f"Travaux: {author} keeps one version of {uri}")
    _show_in_database(store, uri, parsed)
    state = states.load(git.git_dir(), _database(store))
    state.base[history.folder] = name
    states.save(git.git_dir(), state)
    return name


def _show_in_database(store: Store, uri: str, parsed: Sequence[object]) -> None:
    """The database's annotation `uri` as the kept version says (parsed; none: gone)."""

    def write(conn: sqlite3.Connection) -> None:
        row = conn.execute("SELECT id FROM annotations WHERE uri = ?", [uri]).fetchone()
        if row is not None:
            conn.execute("DELETE FROM annotations WHERE id = ?", [row[0]])
        if parsed:
            (made,) = to_annotations(conn, parsed)  # type: ignore[arg-type]
            notes.insert(conn, replace(made, id=row[0] if row else 0))

    store.transaction("the version kept was not saved", write)


def _database(store: Store) -> str:
    return str(store.path.resolve()) if store.path is not None else store.name
