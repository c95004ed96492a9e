"""Annotations in and out as W3C Web Annotation Data Model JSON-LD.

Export gives an `AnnotationCollection` whose one page holds every annotation asked for;
`write_annotations` writes it to a file a part at a time, however many there are.
Each is an `Annotation` whose target source is the draft's Akoma Ntoso expression IRI,
"#", and the provision's eId, with a `TextQuoteSelector` and a `TextPositionSelector`
(none for a whole provision; a change has two targets, old side first). Tags are
`TextualBody` bodies with purpose "tagging", the note one with purpose "commenting".

What the model has no term for is in an extension, prefix `travaux:` (`TRAVAUX_VOCAB`,
declared in the document's own `@context`): `travaux:status` (open, contested,
resolved), `travaux:holder` (who holds the position, free text) on the annotation, and
`travaux:colour` (#RRGGBB) on a tagging body.

Import is all or nothing: every annotation is read and checked against the database
before anything is written, and the writes are one transaction. The first fault is
reported with the file, the annotation's number and id, and the reason. A file is read
within limits (`MAX_BYTES`, `MAX_ANNOTATIONS`, `MAX_DIGITS`, JSON nesting as deep as
Python allows) and its strings must be text (no lone UTF-16 surrogates, which JSON's
"\\ud800" escapes can make and no database can store): a hostile file is refused with
a reason, never a traceback, and never fills memory.
"""

from __future__ import annotations

import codecs
import json
import sqlite3
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeGuard

from drafts.annotating import annotations as notes
from drafts.annotating.anchoring import TextSelector, find_quote, select
from drafts.annotating.annotations import Annotation, Content, Tag, Target
from drafts.errors import TravauxError
from drafts.files import write_atomically
from drafts.model import StoredDraft
from drafts.store import Store, now

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
TRAVAUX_VOCAB = "urn:travaux:vocab:"
"""The IRI the `travaux:` prefix stands for: "travaux:status" is urn:travaux:vocab:status."""
CONTEXT: list[Any] = [ANNO_CONTEXT, {"travaux": TRAVAUX_VOCAB}]

STATUS, HOLDER, COLOUR = "travaux:status", "travaux:holder", "travaux:colour"
MAX_BYTES = 128 * 1024 * 1024
"""Largest annotation file read. As Travaux writes them, 100,000 annotations with a
sentence of note each take about 75 MB: what it exports up to `MAX_ANNOTATIONS` must
come back in (tests/core/test_annotation_files_at_scale.py)."""
MAX_ANNOTATIONS = 100_000
"""Most annotations in one file: a delegation's notes on a whole negotiation are a few
thousand. The window stays responsive well past what this lets in."""
MAX_DIGITS = 18
"""Longest whole number read: a position in a provision, never thousands of digits
(which Python refuses to convert, by default past 4,300)."""
NEW_TAG_COLOUR = "#999999"
"""The colour of a tag created by an import that gives it none: a neutral grey."""


class AnnotationImportError(TravauxError):
    """An annotation file was refused; the database was left as it was."""

    def __init__(self, path: str | Path, reason: str, index: int | None = None, ident: str = ""):
        self.path, self.reason, self.index = str(path), reason, index
        where = ""
        if index is not None:
            where = f"annotation {index + 1}" + (f" ({ident})" if ident else "") + ": "
        super().__init__(f"{self.path}: {where}{reason}")


class _Invalid(Exception):
    """A fault in one annotation, before the file and index are known."""


@dataclass(frozen=True)
class ImportSummary:
    """What an import did."""

    path: str
    added: int
    already_present: int
    """Annotations whose id was in the database with the same content: skipped."""
    tags_created: tuple[str, ...]


# --- export ------------------------------------------------------------------------------


def export_annotations(
    store: Store, draft: StoredDraft | None = None, tag: str | None = None
) -> dict[str, Any]:
    """The annotations (those with a side in `draft`, those tagged `tag`, or all) as a
    W3C AnnotationCollection, ready for `json.dump`. All in memory: a file of many is
    written by `write_annotations`, a part at a time."""
    export = _Export(store, draft, tag)
    items = [item for part in export.parts() for item in part]
    return {**export.head(len(items)), "first": {**export.page(), "items": items}}


EXPORT_PART = 1000
"""Annotations read, shaped and written at a time by `write_annotations`."""


def write_annotations(
    store: Store, path: str | Path, draft: StoredDraft | None = None, tag: str | None = None
) -> int:
    """Write what `export_annotations` returns to the file at `path`, one part of
    `EXPORT_PART` annotations at a time, so that memory holds one part, not the
    document (one annotation a line). Whole or not at all (`write_atomically`): a
    file that does not hold as many annotations as were counted replaces nothing.
    Returns how many were written."""
    export = _Export(store, draft, tag)
    total = export.count()
    written = [0]

    def write(part: Path) -> None:
        with part.open("w", encoding="utf-8", newline="\n") as out:
            head = {**export.head(total), "first": {**export.page(), "items": [_HOLE]}}
            text = json.dumps(head, ensure_ascii=False, indent=2)
            before, after = text.rsplit(json.dumps(_HOLE), 1)  # the items come last
            out.write(before.rstrip() + "\n")
            for items in export.parts():
                for item in items:
                    out.write(",\n" if written[0] else "")
                    out.write("      " + json.dumps(item, ensure_ascii=False))
                    written[0] += 1
            out.write("\n    " + after.lstrip() + "\n")

    def verify(_: Path) -> str:
        return "" if written[0] == total else f"{written[0]:,} of {total:,} annotations"

    write_atomically(path, write, verify)
    return total


_HOLE = "\u0000items"
"""Stands for the items in the document's head, where they are written one by one."""


class _Export:
    """What an export holds: its filters, and its annotations a part at a time."""

    def __init__(self, store: Store, draft: StoredDraft | None, tag: str | None) -> None:
        self.store = store
        self.draft, self.tag = draft, tag
        self.tag_id = notes.tag_named(store, tag).id if tag else None
        self.drafts = {d.id: d for d in store.drafts()}
        self.tags = {t.id: t for t in notes.tags(store)}

    def count(self) -> int:
        return notes.count_annotations(
            self.store, draft_id=self.draft.id if self.draft else None, tag_id=self.tag_id
        )

    def head(self, total: int) -> dict[str, Any]:
        label = "Travaux annotations" + (f" on {self.draft.label}" if self.draft else "")
        return {
            "@context": CONTEXT,
            "type": "AnnotationCollection",
            "label": label + (f" tagged {self.tag}" if self.tag else ""),
            "total": total,
        }

    def page(self) -> dict[str, Any]:
        return {"type": "AnnotationPage", "startIndex": 0}

    def parts(self) -> Iterator[list[dict[str, Any]]]:
        after = 0
        while True:
            rows = notes.annotation_rows(
                self.store,
                draft_id=self.draft.id if self.draft else None,
                tag_id=self.tag_id,
                after=after,
                limit=EXPORT_PART,
            )
            if not rows:
                return
            yield [_annotation_json(notes.from_row(r), self.drafts, self.tags) for r in rows]
            after = rows[-1][0]


def _annotation_json(
    a: Annotation, drafts: dict[int, StoredDraft], tags: dict[int, Tag]
) -> dict[str, Any]:
    body: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "tagging", "value": tags[t].name, COLOUR: tags[t].colour}
        for t in a.content.tag_ids
    ]
    if a.content.note:
        body.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": a.content.note,
                "format": "text/plain",
            }
        )
    sides = [a.target] if a.changed_to is None else [a.target, a.changed_to]
    targets = [_target_json(side, drafts[side.draft_id]) for side in sides]
    out: dict[str, Any] = {
        "id": a.uri,
        "type": "Annotation",
        "created": a.created,
        "modified": a.modified,
    }
    if body:
        out["body"] = body
    out["target"] = targets[0] if len(targets) == 1 else targets
    out[STATUS] = a.content.status
    if a.content.holder:
        out[HOLDER] = a.content.holder
    return out


def _target_json(side: Target, draft: StoredDraft) -> dict[str, Any]:
    out: dict[str, Any] = {"source": f"{draft.expression_uri}#{side.eid}"}
    s = side.selector
    if s is not None:
        out["selector"] = [
            {"type": "TextQuoteSelector", "exact": s.exact, "prefix": s.prefix, "suffix": s.suffix},
            {"type": "TextPositionSelector", "start": s.start, "end": s.end},
        ]
    return out


# --- import ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Parsed:
    """One annotation of a file, checked and resolved against the database."""

    uri: str
    target: Target
    changed_to: Target | None
    tags: tuple[tuple[str, str | None], ...]  # name, colour if given
    note: str
    status: str
    holder: str
    created: str
    modified: str


def import_annotations(store: Store, path: str | Path) -> ImportSummary:
    """Read a W3C Web Annotation file (an AnnotationCollection, an AnnotationPage, a
    list of annotations or one annotation) into the database, all of it or nothing."""
    document = _read(path)
    items = _items(path, document)
    drafts = _Drafts(store)
    parsed: list[_Parsed] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        try:
            one = _parse(item, drafts)
        except _Invalid as exc:
            raise AnnotationImportError(path, str(exc), index, _ident(item)) from None
        if one.uri in seen:
            raise AnnotationImportError(
                path, f"the id is used by annotation {seen[one.uri] + 1} too", index, one.uri
            )
        seen[one.uri] = index
        parsed.append(one)
    return _store(store, path, parsed)


def _read(path: str | Path) -> Any:
    """The JSON in the file: UTF-8 (a byte order mark allowed, as for drafts), at most
    `MAX_BYTES`, numbers of at most `MAX_DIGITS` digits."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise AnnotationImportError(path, f"cannot read the file ({exc.strerror})") from exc
    if len(data) > MAX_BYTES:
        raise AnnotationImportError(
            path, f"the file is over the limit of {MAX_BYTES:,} bytes for an annotation file"
        )
    try:
        text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AnnotationImportError(
            path, f"not UTF-8 text (byte {exc.start:,}, line {line}): save the file as UTF-8"
        ) from exc
    try:
        return json.loads(text, parse_int=_whole_number)
    except json.JSONDecodeError as exc:
        raise AnnotationImportError(
            path, f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from exc
    except _HugeNumber as exc:
        raise AnnotationImportError(
            path, f"a number of {exc.digits:,} digits: no annotation holds one so long"
        ) from None
    except RecursionError:
        raise AnnotationImportError(
            path, "its JSON is nested too deeply to be an annotation file"
        ) from None


class _HugeNumber(Exception):
    def __init__(self, digits: int) -> None:
        self.digits = digits


def _whole_number(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _HugeNumber(len(text.lstrip("-")))
    return int(text)


def _items(path: str | Path, document: Any) -> list[Any]:
    """The annotations of a document, after checking it declares the W3C context."""
    if isinstance(document, list):
        for index, item in enumerate(document):
            if not isinstance(item, dict) or not _has_context(item):
                raise AnnotationImportError(
                    path, f'no "@context" naming {ANNO_CONTEXT}', index, _ident(item)
                )
        return _counted(path, document)
    if not isinstance(document, dict):
        raise AnnotationImportError(path, "not a Web Annotation document (an object or a list)")
    if not _has_context(document):
        raise AnnotationImportError(path, f'the "@context" must name {ANNO_CONTEXT}')
    kind = document.get("type")
    if _is(kind, "Annotation"):
        return [document]
    page = document.get("first") if _is(kind, "AnnotationCollection") else document
    if not isinstance(page, dict) or not _is(page.get("type"), "AnnotationPage"):
        raise AnnotationImportError(
            path,
            "expected an Annotation, an AnnotationPage, or an AnnotationCollection "
            'with its page embedded in "first"',
        )
    if page.get("next"):
        raise AnnotationImportError(
            path, "paged collections are not read: put every item in one page"
        )
    items = page.get("items")
    if not isinstance(items, list):
        raise AnnotationImportError(path, 'the page has no "items" list')
    return _counted(path, items)


def _counted(path: str | Path, items: list[Any]) -> list[Any]:
    if len(items) > MAX_ANNOTATIONS:
        raise AnnotationImportError(
            path,
            f"{len(items):,} annotations, over the limit of {MAX_ANNOTATIONS:,} for one "
            "import: split the file",
        )
    return items


def _has_context(item: dict[str, Any]) -> bool:
    """Whether the W3C context is declared (over http, as the model writes it, or https)."""
    context = item.get("@context")
    values = context if isinstance(context, list) else [context]
    return ANNO_CONTEXT in values or ANNO_CONTEXT.replace("http:", "https:", 1) in values


def _is(value: Any, kind: str) -> bool:
    return value == kind or (isinstance(value, list) and kind in value)


def _ident(item: Any) -> str:
    """The item's id for a message, a lone surrogate in it escaped so it can be shown."""
    ident = str(item.get("id", ""))[:200] if isinstance(item, dict) else ""
    return ident.encode("utf-8", "backslashreplace").decode("utf-8")


def _parse(item: Any, drafts: _Drafts) -> _Parsed:
    if not isinstance(item, dict):
        raise _Invalid("an annotation is a JSON object")
    if not _is(item.get("type"), "Annotation"):
        raise _Invalid(f'"type" must be "Annotation", not {item.get("type")!r}')
    uri = _string(item, "id") or given_id(item)
    status = _string(item, STATUS) or "open"
    if status not in notes.STATUSES:
        raise _Invalid(f"unknown status {status!r}: one of {', '.join(notes.STATUSES)}")
    tags, note = _bodies(item.get("body", []))
    if "bodyValue" in item:  # the model's shorthand for one plain-text comment
        if note:
            raise _Invalid('both "bodyValue" and a commenting body: an annotation has one note')
        note = _string(item, "bodyValue")
    sides = _targets(item.get("target"), drafts)
    return _Parsed(
        uri=uri,
        target=sides[0],
        changed_to=sides[1] if len(sides) > 1 else None,
        tags=tags,
        note=note,
        status=status,
        holder=_string(item, HOLDER),
        created=_time(item, "created"),
        modified=_time(item, "modified"),
    )


def _string(item: dict[str, Any], key: str, required: bool = False) -> str:
    value = item.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise _Invalid(f'"{key}" must be a{" non-empty" if required else ""} string')
    return _text(value, f'"{key}"')


def _text(value: str, what: str) -> str:
    """`value`, if it is text: JSON's escapes can make a lone UTF-16 surrogate ("\\ud800"),
    which is no character and cannot be stored."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _Invalid(
            f"{what} holds a lone surrogate ({value[exc.start]!r} at {exc.start}), which is no "
            "character: the tool that wrote the file split a character in two"
        ) from None
    return value


def _time(item: dict[str, Any], key: str) -> str:
    """An xsd:dateTime, kept as UTC to the second (a time without zone is taken as UTC)."""
    value = _string(item, key)
    if not value:
        return now()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _Invalid(f'"{key}" is not a date and time: {value!r}') from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC).isoformat(timespec="seconds")
    except OverflowError:  # year 1 or 9999 moved past the calendar by its offset
        raise _Invalid(
            f'"{key}" {value!r} is, in UTC, outside the years 1 to 9999 a date can have'
        ) from None


def _bodies(raw: Any) -> tuple[tuple[tuple[str, str | None], ...], str]:
    """(tags as (name, colour or None), note) from the bodies."""
    bodies = raw if isinstance(raw, list) else [raw]
    tags: dict[str, tuple[str, str | None]] = {}
    notes_found: list[str] = []
    for body in bodies:
        if not isinstance(body, dict) or not isinstance(body.get("value"), str):
            raise _Invalid('each body must be an object with a string "value" (a TextualBody)')
        _text(body["value"], "a body's value")
        purpose = body.get("purpose", "commenting")
        if purpose == "tagging":
            name = " ".join(body["value"].split())
            if not name:
                raise _Invalid("a tagging body has an empty tag name")
            colour = body.get(COLOUR)
            if colour is not None and not (isinstance(colour, str) and _colour_ok(colour)):
                raise _Invalid(f"the tag {name!r} has the colour {colour!r}: write #RRGGBB")
            tags.setdefault(name.casefold(), (name, colour.upper() if colour else None))
        elif purpose == "commenting":
            notes_found.append(body["value"])
        else:
            raise _Invalid(f'unsupported body purpose {purpose!r}: "tagging" or "commenting"')
    if len(notes_found) > 1:
        raise _Invalid("more than one commenting body: an annotation has one note")
    return tuple(tags.values()), "".join(notes_found)


def _whole(value: object) -> TypeGuard[int]:
    """A JSON whole number (JSON's true and false are not numbers here)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _colour_ok(colour: str) -> bool:
    return (
        len(colour) == 7
        and colour[0] == "#"
        and all(c in "0123456789abcdefABCDEF" for c in colour[1:])
    )


# --- targets, checked against the stored text ---------------------------------------------


class _Drafts:
    """The database's drafts by expression IRI, and their provision texts when asked."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.by_uri: defaultdict[str, list[StoredDraft]] = defaultdict(list)
        for d in store.drafts():
            self.by_uri[d.expression_uri].append(d)
        self.texts: dict[int, dict[str, str]] = {}

    def text(self, draft: StoredDraft, eid: str) -> str | None:
        if draft.id not in self.texts:
            self.texts[draft.id] = {p.eid: p.text for p in self.store.provisions(draft.id)}
        return self.texts[draft.id].get(eid)


def _targets(raw: Any, drafts: _Drafts) -> list[Target]:
    if raw is None:
        raise _Invalid('no "target"')
    sides = raw if isinstance(raw, list) else [raw]
    if not 1 <= len(sides) <= 2:
        raise _Invalid("one target (a passage or provision) or two (a change, old side first)")
    return [_target(side, drafts, change=len(sides) == 2) for side in sides]


def _target(raw: Any, drafts: _Drafts, change: bool) -> Target:
    source = raw if isinstance(raw, str) else raw.get("source") if isinstance(raw, dict) else None
    if not isinstance(source, str) or "#" not in source:
        raise _Invalid('a target needs a "source": the draft\'s expression IRI, "#", the eId')
    _text(source, 'the target\'s "source"')
    iri, eid = source.rsplit("#", 1)
    candidates = drafts.by_uri.get(iri)
    if not candidates:
        raise _Invalid(f"unknown source {iri!r}: no draft in the database has this expression IRI")
    quote = _selectors(raw.get("selector") if isinstance(raw, dict) else None, change)
    found, reasons = [], []
    for draft in candidates:
        try:
            found.append(Target(draft.id, eid, _check(drafts, draft, eid, quote)))
        except _Invalid as exc:
            reasons.append(str(exc))
    if len(found) == 1:
        return found[0]
    if found:
        raise _Invalid(f"{len(found)} drafts have the expression IRI {iri!r} and fit the target")
    raise _Invalid(reasons[0])


def _selectors(raw: Any, change: bool) -> TextSelector | None:
    """The passage the selectors describe (positions as given), or None for a whole
    provision. Both selectors are required, and must agree with each other."""
    if raw is None:
        return None
    items = raw if isinstance(raw, list) else [raw]
    by_type: dict[str, dict[str, Any]] = {}
    for item in items:
        kind = item.get("type") if isinstance(item, dict) else None
        if kind not in ("TextQuoteSelector", "TextPositionSelector"):
            raise _Invalid(
                f"unsupported selector {kind!r}: Travaux reads a TextQuoteSelector with a "
                "TextPositionSelector"
            )
        if kind in by_type:
            raise _Invalid(f"two {kind}s for one target")
        by_type[kind] = item
    if not by_type:
        raise _Invalid(
            'an empty "selector" list: give a TextQuoteSelector, a TextPositionSelector or '
            "both, or no selector for the whole provision"
        )
    if len(by_type) < 2:
        return _one_selector(by_type, change)
    quote, position = by_type["TextQuoteSelector"], by_type["TextPositionSelector"]
    exact, prefix, suffix = (quote.get(k, "") for k in ("exact", "prefix", "suffix"))
    if not all(isinstance(v, str) for v in (exact, prefix, suffix)) or "exact" not in quote:
        raise _Invalid('a TextQuoteSelector needs a string "exact" (and string "prefix", "suffix")')
    for name, value in (("exact", exact), ("prefix", prefix), ("suffix", suffix)):
        _text(value, f'the quote\'s "{name}"')
    start, end = position.get("start"), position.get("end")
    if not (_whole(start) and _whole(end)):
        raise _Invalid("a TextPositionSelector needs whole numbers start and end")
    if not 0 <= start <= end:
        raise _Invalid(f"the position {start}..{end} is not a range (0 <= start <= end)")
    if end - start != len(exact):
        raise _Invalid(
            f"the selectors disagree: {start}..{end} spans {end - start} characters, "
            f"the quote has {len(exact)}"
        )
    if not exact and not change:
        raise _Invalid("the quote is empty: it marks no text")
    return TextSelector(start, end, exact, prefix, suffix)


def _check(
    drafts: _Drafts, draft: StoredDraft, eid: str, quote: TextSelector | None
) -> TextSelector | None:
    """The selector as stored: the quote at its position in the provision's text, or
    found again in the same text if the position is off (other tools may count
    otherwise); prefix and suffix taken from the text."""
    text = drafts.text(draft, eid)
    if text is None:
        raise _Invalid(f"no provision {eid!r} in {draft.label} ({draft.expression_uri})")
    if quote is None:
        return None
    if isinstance(quote, _QuoteOnly):
        return _place_quote(quote, text, f"{eid} of {draft.label}")
    if quote.end > len(text):
        raise _Invalid(
            f"the position {quote.start}..{quote.end} is out of range: {eid} in "
            f"{draft.label} has {len(text)} characters"
        )
    if text[quote.start : quote.end] == quote.exact or isinstance(quote, _PositionOnly):
        return select(text, quote.start, quote.end)
    at = find_quote(quote, text)
    if at is None:
        raise _Invalid(
            f"the quote {_short(quote.exact)} is not in {eid} of {draft.label} (at "
            f"{quote.start}..{quote.end} it reads {_short(text[quote.start : quote.end])})"
        )
    return select(text, at, at + len(quote.exact))


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


# --- writing, in one transaction ------------------------------------------------------------


def _store(store: Store, path: str | Path, parsed: Sequence[_Parsed]) -> ImportSummary:
    counts = {"added": 0, "present": 0}
    created: list[str] = []

    def write(conn: sqlite3.Connection) -> None:
        tag_ids = _tag_ids(conn, parsed, created)
        for index, p in enumerate(parsed):
            content = Content(
                tuple(sorted(tag_ids[name.casefold()] for name, _ in p.tags)),
                p.note,
                p.status,
                p.holder,
            )
            fresh = Annotation(0, p.uri, p.target, content, p.changed_to, p.created, p.modified)
            existing = notes.by_uri(conn, p.uri)
            if existing is None:
                notes.insert(conn, fresh)
                counts["added"] += 1
            elif _same(existing, fresh):
                counts["present"] += 1
            else:
                raise AnnotationImportError(
                    path,
                    f"the database has an annotation with this id (number {existing.id}) "
                    "that differs: delete one of them first",
                    index,
                    p.uri,
                )

    store.transaction("nothing was imported", write)
    return ImportSummary(str(path), counts["added"], counts["present"], tuple(created))


def _tag_ids(
    conn: sqlite3.Connection, parsed: Sequence[_Parsed], created: list[str]
) -> dict[str, int]:
    """Tag name (casefolded) -> id, creating the tags the database lacks with the
    colour the file gives them."""
    ids = {name.casefold(): tag_id for tag_id, name in conn.execute("SELECT id, name FROM tags")}
    position = conn.execute("SELECT coalesce(max(position) + 1, 0) FROM tags").fetchone()[0]
    for p in parsed:
        for name, colour in p.tags:
            if name.casefold() in ids:
                continue
            cursor = conn.execute(
                "INSERT INTO tags (name, colour, position) VALUES (?, ?, ?)",
                [name, colour or NEW_TAG_COLOUR, position],
            )
            ids[name.casefold()] = int(cursor.lastrowid or 0)
            position += 1
            created.append(name)
    return ids


def _same(a: Annotation, b: Annotation) -> bool:
    """Equal but for the local id."""
    return (a.uri, a.target, a.changed_to, a.content, a.created, a.modified) == (
        b.uri,
        b.target,
        b.changed_to,
        b.content,
        b.created,
        b.modified,
    )


# --- what other annotation tools write: one selector, no id ------------------------------


class _QuoteOnly(TextSelector):
    """A passage given by its quote alone (what many annotation tools write): placed
    where the quote is, if it is there once or its prefix and suffix say which."""


class _PositionOnly(TextSelector):
    """A passage given by its position alone: the quote is read from the stored text."""


def _one_selector(by_type: dict[str, dict[str, Any]], change: bool) -> TextSelector:
    """The passage of a target that has one of the two selectors."""
    if "TextQuoteSelector" in by_type:
        quote = by_type["TextQuoteSelector"]
        exact, prefix, suffix = (quote.get(k, "") for k in ("exact", "prefix", "suffix"))
        if not all(isinstance(v, str) for v in (exact, prefix, suffix)):
            raise _Invalid(
                'a TextQuoteSelector needs a string "exact" (and string "prefix", "suffix")'
            )
        for name, value in (("exact", exact), ("prefix", prefix), ("suffix", suffix)):
            _text(value, f'the quote\'s "{name}"')
        if not exact:
            raise _Invalid("the quote is empty: it marks no text")
        return _QuoteOnly(0, len(exact), exact, prefix, suffix)
    position = by_type["TextPositionSelector"]
    start, end = position.get("start"), position.get("end")
    if not (_whole(start) and _whole(end)):
        raise _Invalid("a TextPositionSelector needs whole numbers start and end")
    if not 0 <= start <= end or (start == end and not change):
        raise _Invalid(f"the position {start}..{end} marks no text (0 <= start < end)")
    return _PositionOnly(start, end, "", "", "")


def _place_quote(quote: TextSelector, text: str, where: str) -> TextSelector:
    """The selectors of a quote given without a position. Searched from either end of
    the text, the best-fitting occurrence must be the same one: otherwise the quote is
    there more than once and nothing says which is meant, and guessing is refused."""
    first = find_quote(quote, text)
    if first is None:
        raise _Invalid(f"the quote {_short(quote.exact)} is not in {where}")
    if find_quote(replace(quote, start=len(text), end=len(text)), text) != first:
        raise _Invalid(
            f"the quote {_short(quote.exact)} is in {where} more than once, and no prefix "
            "or suffix says which: add a TextPositionSelector or a longer quote"
        )
    return select(text, first, first + len(quote.exact))


def given_id(item: dict[str, Any]) -> str:
    """The id of an annotation that came without one, as a W3C annotation server gives
    one on receipt. It is derived from the annotation's content, so importing the same
    file twice finds the annotation present instead of adding it again."""
    content = json.dumps(
        {k: v for k, v in item.items() if k != "id"}, sort_keys=True, ensure_ascii=False
    )
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'urn:travaux:annotation:' + content)}"


# --- annotations handed over as data (a dossier's records) -----------------------------------


def annotation_json(
    a: Annotation, drafts: dict[int, StoredDraft], tags: dict[int, Tag]
) -> dict[str, Any]:
    """One annotation as the W3C model writes it (without the document's "@context")."""
    return _annotation_json(a, drafts, tags)


def parse_items(store: Store, items: Sequence[Any]) -> list[_Parsed | str]:
    """Each annotation checked against the database as a file import checks it: parsed,
    or the reason it was refused. One refused item does not stop the others: the
    caller keeps them (a dossier's record stays in the dossier) and says so."""
    drafts = _Drafts(store)
    out: list[_Parsed | str] = []
    for item in items:
        try:
            out.append(_parse(item, drafts))
        except _Invalid as exc:
            out.append(str(exc))
    return out


def to_annotations(conn: sqlite3.Connection, parsed: Sequence[_Parsed]) -> list[Annotation]:
    """The annotations to store (id 0) for parsed items, creating within the caller's
    transaction the tags they name that the database lacks."""
    tag_ids = _tag_ids(conn, parsed, [])
    return [
        Annotation(
            0,
            p.uri,
            p.target,
            Content(
                tuple(sorted(tag_ids[name.casefold()] for name, _ in p.tags)),
                p.note,
                p.status,
                p.holder,
            ),
            p.changed_to,
            p.created,
            p.modified,
        )
        for p in parsed
    ]
