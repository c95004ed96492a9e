"""The files of a dossier: what each record holds, what it is called, how it is read.

    drafts/<content hash>.<digest>.<ext>    a draft's file, byte for byte as imported
    drafts/<content hash>.<digest>.json     its metadata: label, date, negotiation...
    annotations/<xx>/<id>.<version>.jsonld   one W3C Web Annotation per version
    tags/<xx>/<id>.<version>.jsonld          one version of a tag (name and colour)
    library/<xx>/<content hash>.<version>.jsonld   a draft's label, date... (`draft_facts`)

The content hash is the draft's identity in every database; the digest, of the file's
own bytes, makes two people who shared the same draft at once write two files, never
one file two ways (which git would call a conflict); the earlier one is read.
`<id>` is the annotation's UUID (a digest of its id if it has none), `<xx>` its last two
characters: 256 folders in all, however many annotations. (A folder per annotation
reads better, but costs git a tree object per annotation: with 10,000 annotations,
committing took 20 times longer and cloning twice as long.) A version's name is its
time, its author and a digest of its bytes (`20261203T150305Z-alice-3f2a9c1b04de`), so
two people never write the same file and merging two clones is the union of their
files: git cannot meet a conflict.
Each version names the versions it replaces (`travaux:replaces`); a deletion is a
version marked `travaux:deleted`. The heads of an annotation are the versions nothing
replaces: one head is the annotation as it stands; two or more are a conflict, kept
whole until someone writes a version that replaces them all. Nothing is ever removed.

Drafts are files in the clone's working copy; annotation, tag and library versions are
read from, and committed into, git's objects (`tree`): the layout above is that of every
commit, but a clone does not write the versions out as files.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from drafts.dossier import tree
from drafts.dossier.git import Git
from drafts.files import write_bytes_atomically

DRAFTS, ANNOTATIONS, TAGS, LIBRARY = "drafts", "annotations", "tags", "library"
KINDS = (ANNOTATIONS, TAGS, LIBRARY)
"""The records kept as versions."""
VERSION_SUFFIX = ".jsonld"
REPLACES, DELETED = "travaux:replaces", "travaux:deleted"
TAG_TYPE = "travaux:Tag"
_UNCOMPARED = {"@context", "id", "created", "modified", "creator", REPLACES, DELETED}
"""Keys that say who wrote a version and when, not what it says: left out when two
versions are compared for their content."""


@dataclass(frozen=True)
class DraftRecord:
    """The metadata file beside a shared draft: what the importer needs besides the
    bytes to store the draft exactly as the person who shared it has it."""

    content_hash: str
    file: str
    label: str
    date: str
    symbol: str
    negotiation: str
    work_uri: str
    expression_uri: str
    source: str
    """The file's name when it was imported (the name only: paths stay private)."""
    added_by: str = ""
    added: str = ""

    def to_json(self) -> bytes:
        return _dump({"type": "travaux:Draft", **asdict(self)})

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DraftRecord:
        fields = {k: str(data.get(k, "")) for k in cls.__dataclass_fields__}
        return cls(**fields)


@dataclass(frozen=True)
class Version:
    """One version of an annotation or a tag: one record file."""

    folder: str
    name: str
    item: dict[str, Any]

    @property
    def replaces(self) -> tuple[str, ...]:
        value = self.item.get(REPLACES, [])
        return tuple(str(v) for v in value) if isinstance(value, list) else ()

    @property
    def deleted(self) -> bool:
        return self.item.get(DELETED) is True

    @property
    def modified(self) -> str:
        return str(self.item.get("modified", ""))

    @property
    def creator(self) -> str:
        creator = self.item.get("creator")
        return str(creator.get("name", "")) if isinstance(creator, dict) else ""

    @cached_property
    def key(self) -> dict[str, Any]:
        """What this version says (`content_key`), computed once: records never change."""
        return content_key(self.item)


@dataclass
class History:
    """Every version of one annotation (or tag) found in the dossier."""

    folder: str
    versions: dict[str, Version] = field(default_factory=dict)
    _heads: list[Version] | None = field(default=None, repr=False, compare=False)

    def add(self, version: Version) -> None:
        self.versions[version.name] = version
        self._heads = None

    def heads(self) -> list[Version]:
        """The versions no other version replaces, oldest first."""
        if self._heads is None:
            replaced = {name for v in self.versions.values() for name in v.replaces}
            heads = [v for name, v in self.versions.items() if name not in replaced]
            self._heads = sorted(heads, key=lambda v: (v.modified, v.name))
        return self._heads

    def current(self) -> Version | None:
        """The version the index shows: the latest head that is not a deletion (an edit
        met by a deletion keeps the edit), or None when every head is a deletion. The
        choice depends on the files alone, so every clone shows the same version."""
        kept = [v for v in self.heads() if not v.deleted]
        return kept[-1] if kept else None

    def in_conflict(self) -> bool:
        """Whether the heads say different things. Two people who wrote the same
        content (both shared a default tag, say) are not in conflict."""
        if len(self.heads()) < 2:
            return False
        said = [v.key if not v.deleted else None for v in self.heads()]
        return any(key != said[0] for key in said[1:])


@dataclass
class Records:
    """The annotations and tags of a dossier, read once per sync and kept up to date as
    the sync writes versions and merges others' (records never change, so what was
    read stays true)."""

    root: Path
    histories: dict[str, dict[str, History]]
    """ANNOTATIONS, TAGS or LIBRARY -> folder -> history."""

    @classmethod
    def read(cls, root: Path) -> Records:
        """Every version the clone's branch holds."""
        found = _histories(Git(root), list(KINDS))
        return cls(root, {kind: found.get(kind, {}) for kind in KINDS})

    def of(self, kind: str) -> dict[str, History]:
        return self.histories[kind]

    def add(self, kind: str, folder: str, name: str, item: dict[str, Any]) -> None:
        history = self.histories[kind].setdefault(folder, History(folder))
        history.add(Version(folder, name, item))

    def take(self, files: list[tuple[str, str]]) -> None:
        """Read the versions at (path, blob id) `files` (what a merge added)."""
        self._add_all(_read_versions(Git(self.root), files))

    def _add_all(self, found: dict[str, dict[str, History]]) -> None:
        for kind, histories in found.items():
            for folder, history in histories.items():
                for version in history.versions.values():
                    self.add(kind, folder, version.name, version.item)


@dataclass(frozen=True)
class Held:
    """An annotation or tag as the database holds it: its id there, and the content a
    version of it would have."""

    id: int
    item: dict[str, Any]
    key: dict[str, Any]


Index = dict[str, Held]
"""Folder -> what the database holds."""


def replaced(history: History | None, base_name: str | None) -> list[str]:
    """The versions a new version replaces: those its writer saw. When the database
    was in step with the dossier (its base is a head), that is every head, a conflict
    shown included: writing is how a conflict is resolved. When versions arrived that
    the database has not taken in yet, only the base: the new version then stands in
    conflict with the ones its writer never saw, rather than hiding them."""
    if history is None or base_name is None or base_name not in history.versions:
        return []
    heads = [h.name for h in history.heads()]
    return heads if base_name in heads else [base_name]


def content_key(item: dict[str, Any]) -> dict[str, Any]:
    """What a version says, as a value to compare with `==`: its bodies, target, status
    and holder; not who wrote it, when, or what it replaced. A tag colour on a tagging
    body is left out too: the tag's own records carry it. (Compared as dicts, not as
    JSON text: encoding 20,000 of them was a third of a sync with nothing new.)"""
    kept = {k: v for k, v in item.items() if k not in _UNCOMPARED}
    bodies = kept.get("body")
    if isinstance(bodies, list):
        kept["body"] = [
            {k: v for k, v in b.items() if k != "travaux:colour"} if isinstance(b, dict) else b
            for b in bodies
        ]
    return kept


def folder_for(identity: str) -> str:
    """The folder of an annotation's (or tag's) versions: the UUID of a `urn:uuid:`
    id, else a digest of the id (ids from other tools are URLs, unfit for a name)."""
    if identity.startswith("urn:uuid:") and re.fullmatch(r"[0-9a-f-]{36}", identity[9:]):
        return identity[9:]
    return "h" + hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32]


def tag_folder(name: str) -> str:
    """A tag is known by its name, whatever its case, in every clone."""
    return folder_for(f"urn:travaux:tag:{name.casefold()}")


def stamp(moment: str = "") -> str:
    """An ISO time (now when empty) as it starts a version's name: 20261203T150305Z."""
    when = datetime.fromisoformat(moment) if moment else datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def author_slug(author: str) -> str:
    """The author's name as it goes in a file name: plain letters, digits, hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", author.casefold()).strip("-")[:24].strip("-")
    return slug or "someone"


def version_bytes(item: dict[str, Any]) -> bytes:
    return _dump(item)


def version_file(
    kind: str, folder: str, item: dict[str, Any], author: str
) -> tuple[str, str, bytes]:
    """One version as it is committed: its path in the dossier, its name, its bytes."""
    data = version_bytes(item)
    name = f"{stamp(str(item.get('modified', '')))}-{author_slug(author)}-{_digest(data)}"
    return f"{kind}/{folder[-2:]}/{folder}.{name}{VERSION_SUFFIX}", name, data


def read_history(root: Path, kind: str, folder: str) -> History:
    """Every version of one annotation (or tag): its shard alone is read."""
    git = Git(root)
    files = [
        (path, blob)
        for path, blob in tree.files(git, [f"{kind}/{folder[-2:]}"])
        if path.rsplit("/", 1)[-1].startswith(f"{folder}.")
    ]
    return _read_versions(git, files).get(kind, {}).get(folder, History(folder))


def read_histories(root: Path, kind: str) -> dict[str, History]:
    """Every annotation (or tag) of the dossier with all its versions, by folder, as
    the clone's branch holds them."""
    return _histories(Git(root), [kind]).get(kind, {})


def _histories(git: Git, kinds: list[str]) -> dict[str, dict[str, History]]:
    """kind -> folder -> history, read from the branch."""
    return _read_versions(git, tree.files(git, kinds))


def _read_versions(git: Git, files: list[tuple[str, str]]) -> dict[str, dict[str, History]]:
    """kind -> folder -> history of the versions at (path, blob id) `files`, read in
    one `git cat-file`. A file that is not a JSON object was put there by hand: it is
    no record, and is skipped."""
    found: dict[str, dict[str, History]] = {}
    named = [(blob, _record_path(path)) for path, blob in files]
    wanted = [(blob, n) for blob, n in named if n is not None]
    contents = tree.blobs(git, [blob for blob, _ in wanted])
    for (_, (kind, folder, name)), data in zip(wanted, contents, strict=True):
        item = _parsed(data)
        if item is not None:
            history = found.setdefault(kind, {}).setdefault(folder, History(folder))
            history.add(Version(folder, name, item))
    return found


def _parsed(data: bytes | None) -> dict[str, Any] | None:
    try:
        item = json.loads(data) if data is not None else None
    except ValueError:
        return None
    return item if isinstance(item, dict) else None


def _record_path(path: str) -> tuple[str, str, str] | None:
    """(kind, folder, version name) of a version's path, or None for another file."""
    parts = path.split("/")
    named = _version_name(parts[-1]) if len(parts) == 3 else None
    return (parts[0], *named) if named is not None else None


def _version_name(file_name: str) -> tuple[str, str] | None:
    """(folder, version name) of a version's file name, or None for another file."""
    if not file_name.endswith(VERSION_SUFFIX) or "." not in file_name[: -len(VERSION_SUFFIX)]:
        return None
    folder, name = file_name[: -len(VERSION_SUFFIX)].split(".", 1)
    return folder, name


def read_drafts(root: Path) -> dict[str, DraftRecord]:
    """The shared drafts by content hash: those whose metadata and file are both there
    (the file is written first, so a metadata file means the draft is whole). Shared
    twice, a draft is read from the earlier record."""
    found: dict[str, DraftRecord] = {}
    base = root / DRAFTS
    if not base.is_dir():
        return found
    for meta in sorted(base.glob("*.json")):
        try:
            record = DraftRecord.from_json(json.loads(meta.read_bytes()))
        except (OSError, ValueError, AttributeError):
            continue
        if not _names_its_file(record, meta.name) or not (base / record.file).is_file():
            continue
        known = found.get(record.content_hash)
        if known is None or (record.added, record.file) < (known.added, known.file):
            found[record.content_hash] = record
    return found


def _names_its_file(record: DraftRecord, meta_name: str) -> bool:
    """Whether a metadata file is the one of its draft, and names a file beside it (a
    record from someone else never makes Travaux read a file outside the dossier)."""
    prefix = record.content_hash + "."
    return (
        meta_name.startswith(prefix)
        and record.file.startswith(prefix)
        and record.file == Path(record.file).name
        and "\\" not in record.file
    )


def draft_file_name(content_hash: str, data: bytes, suffix: str) -> str:
    return f"{content_hash}.{_digest(data)}{suffix}"


def write_draft(root: Path, record: DraftRecord, data: bytes) -> dict[str, bytes]:
    """A draft's file, then its metadata, into the working copy (each whole or not at
    all); both, by their paths in the dossier, for the commit."""
    base = root / DRAFTS
    base.mkdir(parents=True, exist_ok=True)
    write_bytes_atomically(base / record.file, data)
    meta = record.to_json()
    meta_name = f"{record.content_hash}.{_digest(meta)}.json"
    write_bytes_atomically(base / meta_name, meta)
    return {f"{DRAFTS}/{record.file}": data, f"{DRAFTS}/{meta_name}": meta}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def _dump(value: object) -> bytes:
    """JSON as records are written: one line, keys sorted, so equal content is equal
    bytes. (Records are never edited, so nothing is lost by not diffing well line by
    line; and json's C encoder, which indenting turns off, writes 10,000 in a blink.)"""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
