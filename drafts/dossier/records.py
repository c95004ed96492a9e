"""The files of a dossier: what each record holds, what it is called, how it is read.

    drafts/<content hash>.<digest>.<ext>    a draft's file, byte for byte as imported
    drafts/<content hash>.<digest>.json     its metadata: label, date, negotiation...
    annotations/<xx>/<id>.<version>.jsonld   one W3C Web Annotation per version
    tags/<xx>/<id>.<version>.jsonld          one version of a tag (name and colour)

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
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from drafts.files import write_bytes_atomically

DRAFTS, ANNOTATIONS, TAGS = "drafts", "annotations", "tags"
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
    def key(self) -> str:
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
        return len({v.key if not v.deleted else "" for v in self.heads()}) > 1


@dataclass
class Records:
    """The annotations and tags of a dossier, read once per sync and kept up to date as
    the sync writes versions and merges others' (records never change, so what was
    read stays true)."""

    root: Path
    histories: dict[str, dict[str, History]]
    """ANNOTATIONS or TAGS -> folder -> history."""

    @classmethod
    def read(cls, root: Path) -> Records:
        return cls(root, {kind: read_histories(root, kind) for kind in (ANNOTATIONS, TAGS)})

    def of(self, kind: str) -> dict[str, History]:
        return self.histories[kind]

    def add(self, kind: str, folder: str, name: str, item: dict[str, Any]) -> None:
        history = self.histories[kind].setdefault(folder, History(folder))
        history.add(Version(folder, name, item))

    def take(self, paths: Iterable[str]) -> None:
        """Read the version files at `paths` (relative to the root: what a merge added)."""
        for relative in paths:
            parts = relative.split("/")
            named = _version_name(parts[-1])
            if len(parts) != 3 or parts[0] not in self.histories or named is None:
                continue
            item = _load(self.root / relative)
            if item is not None:
                self.add(parts[0], *named, item)


def content_key(item: dict[str, Any]) -> str:
    """What a version says, as one comparable string: its bodies, target, status and
    holder; not who wrote it, when, or what it replaced. A tag colour on a tagging body
    is left out too: the tag's own records carry it."""
    kept = {k: v for k, v in item.items() if k not in _UNCOMPARED}
    bodies = kept.get("body")
    if isinstance(bodies, list):
        kept["body"] = [
            {k: v for k, v in b.items() if k != "travaux:colour"} if isinstance(b, dict) else b
            for b in bodies
        ]
    return json.dumps(kept, sort_keys=True, ensure_ascii=False)


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


def write_version(root: Path, kind: str, folder: str, item: dict[str, Any], author: str) -> str:
    """Write one version (whole or not at all); its name. Writing the same version
    again finds the file there and writes nothing."""
    data = version_bytes(item)
    name = f"{stamp(str(item.get('modified', '')))}-{author_slug(author)}-{_digest(data)}"
    path = root / kind / folder[-2:] / f"{folder}.{name}{VERSION_SUFFIX}"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Not waited onto the disk file by file: it is committed to git right after,
        # and the database it was written from still holds it if a power cut comes first.
        write_bytes_atomically(path, data, durable=False)
    return name


def read_histories(root: Path, kind: str) -> dict[str, History]:
    """Every annotation (or tag) of the dossier with all its versions, by folder.
    Versions land whole (written beside and moved into place), so a file that is not
    a JSON object was put there by hand: it is no record, and is skipped."""
    histories: dict[str, History] = {}
    for folder, name, path in _version_files(root / kind):
        item = _load(path)
        if item is not None:
            history = histories.setdefault(folder, History(folder))
            history.add(Version(folder, name, item))
    return histories


def _load(path: str | Path) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as handle:
            item = json.loads(handle.read())
    except (OSError, ValueError):
        return None
    return item if isinstance(item, dict) else None


def _version_files(base: Path) -> Iterator[tuple[str, str, str]]:
    """(folder, version name, path) of every version file under `base`."""
    if not base.is_dir():
        return
    with os.scandir(base) as shards:
        for shard in shards:
            if not shard.is_dir():
                continue
            with os.scandir(shard.path) as files:
                for entry in files:
                    named = _version_name(entry.name)
                    if named is not None:
                        yield named[0], named[1], entry.path


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


def write_draft(root: Path, record: DraftRecord, data: bytes) -> None:
    """A draft's file, then its metadata: each whole or not at all."""
    base = root / DRAFTS
    base.mkdir(parents=True, exist_ok=True)
    write_bytes_atomically(base / record.file, data)
    meta = record.to_json()
    write_bytes_atomically(base / f"{record.content_hash}.{_digest(meta)}.json", meta)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def _dump(value: object) -> bytes:
    """JSON as records are written: one line, keys sorted, so equal content is equal
    bytes. (Records are never edited, so nothing is lost by not diffing well line by
    line; and json's C encoder, which indenting turns off, writes 10,000 in a blink.)"""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
