"""Annotations and tags: what a reader notes on a provision, stored the moment it is made.

There is no Save command. Every operation is its own committed transaction, so a crash
loses nothing the app showed as done. The operations come in pairs an undo stack can
call both ways: `create_annotation` returns the new id and `delete_annotation` removes
it; `delete_annotation` returns the whole annotation, id included, and
`restore_annotation` puts it back exactly; `update_annotation` takes the old and the
new content, and refuses if the annotation no longer has the old one (someone changed
it meanwhile, so undoing would overwrite their change). Tags work the same way.

A tag that annotations use cannot be deleted: the error says how many use it. Removing
it from them silently would lose a reader's work, and undoing that would have to
remember every annotation it touched.
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from drafts.annotating.anchoring import (
    EXACT_METHOD,
    ORPHANED,
    PROVISION_METHOD,
    Anchored,
    Orphaned,
    Placement,
    TextSelector,
    carry,
    find_change,
    select,
)
from drafts.comparing.compare import ProvisionChange
from drafts.comparing.comparisons import Comparison, compare_drafts
from drafts.errors import NotFoundError, RefusedError
from drafts.model import StoredDraft
from drafts.store import Store, now
from drafts.wording import plural

STATUSES = ("open", "contested", "resolved")
"""Where the discussion of an annotated passage stands."""


class AnnotationError(RefusedError):
    """An annotation or tag operation was refused; nothing was changed."""


@dataclass(frozen=True)
class Tag:
    """A label for annotations, with the colour its highlights are drawn in (#RRGGBB)."""

    id: int
    name: str
    colour: str
    position: int


@dataclass(frozen=True)
class Target:
    """What an annotation points at: a provision of a draft, and a passage of its text
    (`selector`), or the whole provision (`selector` None)."""

    draft_id: int
    eid: str
    selector: TextSelector | None = None


@dataclass(frozen=True)
class Content:
    """What a reader writes on an annotation: all that `update_annotation` changes."""

    tag_ids: tuple[int, ...] = ()
    note: str = ""
    status: str = "open"
    holder: str = ""
    """Who holds the position noted: a delegation or group, free text."""


@dataclass(frozen=True)
class Annotation:
    """One annotation as stored. `changed_to` is the new side of a change annotation
    (a change between `target`'s draft and another); None for the other kinds."""

    id: int
    uri: str
    target: Target
    content: Content = field(default_factory=Content)
    changed_to: Target | None = None
    created: str = ""
    modified: str = ""

    @property
    def kind(self) -> str:
        if self.changed_to is not None:
            return "change"
        return "provision" if self.target.selector is None else "text"


# --- targets ---------------------------------------------------------------------------


def text_target(store: Store, draft_id: int, eid: str, start: int, end: int) -> Target:
    """The target of characters start..end of a provision's text (code points), with
    both selectors taken from the stored text: what the viewer makes of a selection."""
    text = _provision_text(store, draft_id, eid)
    if not 0 <= start <= end <= len(text):
        raise AnnotationError(
            f"characters {start}..{end} are outside {eid} of draft {draft_id}, "
            f"whose text has {len(text)}"
        )
    return Target(draft_id, eid, select(text, start, end))


def provision_target(store: Store, draft_id: int, eid: str) -> Target:
    """The target of a whole provision."""
    _provision_text(store, draft_id, eid)
    return Target(draft_id, eid)


def _provision_text(store: Store, draft_id: int, eid: str) -> str:
    row = store.row("SELECT text FROM provisions WHERE draft_id = ? AND eid = ?", [draft_id, eid])
    if row is None:
        raise NotFoundError(f"no provision {eid!r} in draft {draft_id} of {store.name}")
    return str(row[0])


def _check_target(store: Store, target: Target) -> None:
    """A target must name a stored provision, and its quote must be at its position:
    an annotation that does not match its own draft could never be placed."""
    text = _provision_text(store, target.draft_id, target.eid)
    s = target.selector
    if s is not None and (s.end > len(text) or text[s.start : s.end] != s.exact):
        raise AnnotationError(
            f"the quote {s.exact!r} is not at {s.start}..{s.end} of {target.eid} "
            f"in draft {target.draft_id}"
        )


# --- annotations -------------------------------------------------------------------------


def create_annotation(
    store: Store,
    target: Target,
    content: Content = Content(),  # frozen: safe to share as a default
    *,
    changed_to: Target | None = None,
    uri: str = "",
) -> int:
    """Store a new annotation; return its id (an undo stack deletes it by that id)."""
    _check_content(store, content)
    for side in (target, changed_to):
        if side is not None:
            _check_target(store, side)
    made = now()
    fresh = Annotation(0, uri or _new_uri(), target, content, changed_to, made, made)
    return store.transaction("the annotation was not saved", lambda c: insert(c, fresh))


def annotation(store: Store, annotation_id: int) -> Annotation:
    """One annotation by id."""
    found = _select(store, "WHERE a.id = ?", [annotation_id])
    if not found:
        raise NotFoundError(f"no annotation with id {annotation_id} in {store.name}")
    return found[0]


def find_annotations(
    store: Store,
    *,
    draft_id: int | None = None,
    negotiation_id: int | None = None,
    tag_id: int | None = None,
    after: int = 0,
    limit: int | None = None,
) -> list[Annotation]:
    """Annotations in creation order: all, or those with a side in a draft, in a
    negotiation's drafts, or carrying a tag (the filters combine). `after` and `limit`
    read them a part at a time: the first `limit` with ids above `after`."""
    found = annotation_rows(
        store,
        draft_id=draft_id,
        negotiation_id=negotiation_id,
        tag_id=tag_id,
        after=after,
        limit=limit,
    )
    return [from_row(row) for row in found]


def annotation_rows(
    store: Store,
    *,
    draft_id: int | None = None,
    negotiation_id: int | None = None,
    tag_id: int | None = None,
    after: int = 0,
    limit: int | None = None,
) -> list[tuple[Any, ...]]:
    """The stored rows of `find_annotations`, for `from_row` to make annotations of
    later, or elsewhere: reading is the part a store's thread must do, and the lesser
    one. A row starts with the annotation's id, URI and draft id."""
    where, args = _filters(draft_id, negotiation_id, tag_id)
    if after:
        where.insert(0, "a.id > ?")
        args.insert(0, after)
    return _rows(store, f"WHERE {' AND '.join(where)}" if where else "", args, limit)


def count_annotations(
    store: Store, *, draft_id: int | None = None, tag_id: int | None = None
) -> int:
    """How many annotations `find_annotations` would return with these filters."""
    where, args = _filters(draft_id, None, tag_id)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    return int(store.rows(f"SELECT count(*) FROM annotations a {clause}", args)[0][0])


def _filters(
    draft_id: int | None, negotiation_id: int | None, tag_id: int | None
) -> tuple[list[str], list[object]]:
    where: list[str] = []
    args: list[object] = []
    if draft_id is not None:
        where.append("(a.draft_id = ? OR a.to_draft_id = ?)")
        args += [draft_id, draft_id]
    if negotiation_id is not None:
        # "+": read in id order by the primary key, never sorted whole (for `after`)
        where.append("+a.draft_id IN (SELECT id FROM drafts WHERE negotiation_id = ?)")
        args.append(negotiation_id)
    if tag_id is not None:
        where.append("a.id IN (SELECT annotation_id FROM annotation_tags WHERE tag_id = ?)")
        args.append(tag_id)
    return where, args


def update_annotation(store: Store, annotation_id: int, old: Content, new: Content) -> None:
    """Replace an annotation's content `old` by `new` (undo: swap them)."""
    _check_content(store, new)

    def write(conn: sqlite3.Connection) -> None:
        current = _content(conn, annotation_id)
        if current is None:
            raise NotFoundError(f"no annotation with id {annotation_id} in {store.name}")
        if current != _normal(old):
            raise AnnotationError(
                f"annotation {annotation_id} was changed meanwhile; it was left as it is"
            )
        conn.execute(
            "UPDATE annotations SET note = ?, status = ?, holder = ?, modified_at = ? WHERE id = ?",
            [new.note, new.status, new.holder, now(), annotation_id],
        )
        conn.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", [annotation_id])
        _insert_tags(conn, annotation_id, new.tag_ids)

    store.transaction("the change was not saved", write)


def delete_annotation(store: Store, annotation_id: int) -> Annotation:
    """Delete an annotation; return it whole, for `restore_annotation`."""
    gone = annotation(store, annotation_id)

    def write(conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM annotations WHERE id = ?", [annotation_id])

    store.transaction("the annotation was not deleted", write)
    return gone


def restore_annotation(store: Store, gone: Annotation) -> None:
    """Put back a deleted annotation exactly: same id, URI, content and timestamps."""
    _check_content(store, gone.content)
    store.transaction("the annotation was not restored", lambda conn: insert(conn, gone))


def insert(conn: sqlite3.Connection, a: Annotation) -> int:
    """Store `a` within the caller's transaction (id 0: the next free id); its id."""
    t, o = a.target, a.changed_to
    cursor = conn.execute(
        "INSERT INTO annotations (id, uri, kind, draft_id, eid, text_start, text_end, exact, "
        "prefix, suffix, to_draft_id, to_eid, to_text_start, to_text_end, to_exact, to_prefix, "
        "to_suffix, note, status, holder, created_at, modified_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            a.id or None,
            a.uri,
            a.kind,
            t.draft_id,
            t.eid,
            *_selector_columns(t.selector),
            o.draft_id if o else None,
            o.eid if o else None,
            *_selector_columns(o.selector if o else None),
            a.content.note,
            a.content.status,
            a.content.holder,
            a.created,
            a.modified,
        ],
    )
    annotation_id = int(cursor.lastrowid or 0)
    _insert_tags(conn, annotation_id, a.content.tag_ids)
    return annotation_id


def _insert_tags(conn: sqlite3.Connection, annotation_id: int, tag_ids: Iterable[int]) -> None:
    conn.executemany(
        "INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
        [(annotation_id, t) for t in sorted(set(tag_ids))],
    )


def _selector_columns(s: TextSelector | None) -> list[object]:
    return [None] * 5 if s is None else [s.start, s.end, s.exact, s.prefix, s.suffix]


_COLUMNS = (
    "a.id, a.uri, a.draft_id, a.eid, a.text_start, a.text_end, a.exact, a.prefix, a.suffix, "
    "a.to_draft_id, a.to_eid, a.to_text_start, a.to_text_end, a.to_exact, a.to_prefix, "
    "a.to_suffix, a.note, a.status, a.holder, a.created_at, a.modified_at, "
    "(SELECT group_concat(tag_id) FROM annotation_tags WHERE annotation_id = a.id)"
)


def by_uri(conn: sqlite3.Connection, uri: str) -> Annotation | None:
    """The annotation with this global identifier, read within the caller's transaction."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM annotations a WHERE a.uri = ?", [uri])
    found = rows.fetchone()
    return from_row(found) if found else None


def _select(store: Store, where: str, args: Sequence[object]) -> list[Annotation]:
    return [from_row(row) for row in _rows(store, where, args)]


def _rows(
    store: Store, where: str, args: Sequence[object], limit: int | None = None
) -> list[tuple[Any, ...]]:
    tail = f" LIMIT {int(limit)}" if limit is not None else ""
    return store.rows(f"SELECT {_COLUMNS} FROM annotations a {where} ORDER BY a.id{tail}", args)


def from_row(row: Sequence[object]) -> Annotation:
    """An annotation from the 22 columns of `_COLUMNS`."""
    values = list(row)
    to_draft = values[9]
    changed_to = None
    if to_draft is not None:
        changed_to = Target(_int(to_draft), str(values[10]), _selector(values[11:16]))
    tag_list = values[21]
    tag_ids = tuple(sorted(int(t) for t in str(tag_list).split(","))) if tag_list else ()
    note, status, holder, created, modified = map(str, values[16:21])
    return Annotation(
        id=_int(values[0]),
        uri=str(values[1]),
        target=Target(_int(values[2]), str(values[3]), _selector(values[4:9])),
        content=Content(tag_ids, note, status, holder),
        changed_to=changed_to,
        created=created,
        modified=modified,
    )


def _int(value: object) -> int:
    assert isinstance(value, int), value
    return value


def _selector(columns: Sequence[object]) -> TextSelector | None:
    start, end, exact, prefix, suffix = columns
    if start is None:
        return None
    return TextSelector(_int(start), _int(end), str(exact), str(prefix), str(suffix))


def _content(conn: sqlite3.Connection, annotation_id: int) -> Content | None:
    row = conn.execute(
        "SELECT note, status, holder FROM annotations WHERE id = ?", [annotation_id]
    ).fetchone()
    if row is None:
        return None
    tag_ids = tuple(
        t
        for (t,) in conn.execute(
            "SELECT tag_id FROM annotation_tags WHERE annotation_id = ? ORDER BY tag_id",
            [annotation_id],
        )
    )
    return Content(tag_ids, *row)


def _normal(content: Content) -> Content:
    return replace(content, tag_ids=tuple(sorted(set(content.tag_ids))))


def _check_content(store: Store, content: Content) -> None:
    if content.status not in STATUSES:
        raise AnnotationError(
            f"unknown status {content.status!r}: an annotation is {', '.join(STATUSES)}"
        )
    known = {t.id for t in tags(store)}
    if unknown := sorted(set(content.tag_ids) - known):
        raise AnnotationError(f"no tag with id {', '.join(map(str, unknown))} in {store.name}")


def _new_uri() -> str:
    """A global identifier, so an annotation keeps its identity in other databases."""
    return f"urn:uuid:{uuid.uuid4()}"


# --- tags ------------------------------------------------------------------------------

_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def tags(store: Store) -> list[Tag]:
    """Every tag, in the order the reader arranged them (new ones last)."""
    rows = store.rows("SELECT id, name, colour, position FROM tags ORDER BY position, id")
    return [Tag(*row) for row in rows]


def tag_uses(store: Store) -> dict[int, int]:
    """Tag id -> how many annotations carry it (tags no annotation carries left out)."""
    rows = store.rows("SELECT tag_id, count(*) FROM annotation_tags GROUP BY tag_id")
    return {int(tag_id): int(n) for tag_id, n in rows}


def tag_named(store: Store, name: str) -> Tag:
    """The tag called `name` (case-insensitive); unknown names list the tags there are."""
    for tag in tags(store):
        if tag.name.casefold() == name.strip().casefold():
            return tag
    known = "; ".join(t.name for t in tags(store)) or "none"
    raise NotFoundError(f"no tag called {name!r} in {store.name}; tags: {known}")


def create_tag(store: Store, name: str, colour: str) -> int:
    """Add a tag at the end of the list; return its id."""
    name, colour = _tag_name(store, name), _colour(colour)

    def write(conn: sqlite3.Connection) -> int:
        position = conn.execute("SELECT coalesce(max(position) + 1, 0) FROM tags").fetchone()[0]
        cursor = conn.execute(
            "INSERT INTO tags (name, colour, position) VALUES (?, ?, ?)", [name, colour, position]
        )
        return int(cursor.lastrowid or 0)

    return store.transaction("the tag was not saved", write)


def rename_tag(store: Store, tag_id: int, old: str, new: str) -> None:
    """Rename a tag from `old` to `new` (undo: swap them)."""
    new = _tag_name(store, new, but=tag_id)
    _update_tag(store, tag_id, "name", old, new)


def recolour_tag(store: Store, tag_id: int, old: str, new: str) -> None:
    """Recolour a tag from `old` to `new` (undo: swap them)."""
    _update_tag(store, tag_id, "colour", _colour(old), _colour(new))


def delete_tag(store: Store, tag_id: int) -> Tag:
    """Delete a tag no annotation uses; return it, for `restore_tag`."""
    tag = _tag(store, tag_id)
    (used,) = store.rows("SELECT count(*) FROM annotation_tags WHERE tag_id = ?", [tag_id])[0]
    if used:
        raise AnnotationError(
            f"the tag {tag.name!r} is used by {plural(used, 'annotation')}: "
            "remove it from them first"
        )
    store.transaction(
        "the tag was not deleted",
        lambda c: c.execute("DELETE FROM tags WHERE id = ?", [tag_id]),
    )
    return tag


def restore_tag(store: Store, tag: Tag) -> None:
    """Put back a deleted tag with its id, name, colour and place."""
    name, colour = _tag_name(store, tag.name), _colour(tag.colour)
    store.transaction(
        "the tag was not restored",
        lambda c: c.execute(
            "INSERT INTO tags (id, name, colour, position) VALUES (?, ?, ?, ?)",
            [tag.id, name, colour, tag.position],
        ),
    )


def _tag(store: Store, tag_id: int) -> Tag:
    found = [t for t in tags(store) if t.id == tag_id]
    if not found:
        raise NotFoundError(f"no tag with id {tag_id} in {store.name}")
    return found[0]


def _update_tag(store: Store, tag_id: int, column: str, old: str, new: str) -> None:
    def write(conn: sqlite3.Connection) -> None:
        row = conn.execute(f"SELECT {column} FROM tags WHERE id = ?", [tag_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no tag with id {tag_id} in {store.name}")
        if row[0] != old:
            raise AnnotationError(f"tag {tag_id} was changed meanwhile; it was left as it is")
        conn.execute(f"UPDATE tags SET {column} = ? WHERE id = ?", [new, tag_id])

    store.transaction("the tag was not changed", write)


def _tag_name(store: Store, name: str, but: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise AnnotationError("a tag needs a name")
    taken = [t for t in tags(store) if t.name.casefold() == name.casefold() and t.id != but]
    if taken:
        raise AnnotationError(f"there is already a tag called {taken[0].name!r}")
    return name


def _colour(colour: str) -> str:
    """#RRGGBB in capitals: one spelling per colour, so equal colours compare equal."""
    if not _COLOUR.fullmatch(colour.strip()):
        raise AnnotationError(f"a colour is written #RRGGBB (e.g. #0072B2), not {colour!r}")
    return colour.strip().upper()


# --- where annotations go in a shown draft ----------------------------------------------


def placements(
    store: Store,
    draft: StoredDraft,
    items: Sequence[Annotation] | None = None,
    comparisons: dict[int, Comparison] | None = None,
) -> dict[int, Placement]:
    """Annotation id -> where it goes in `draft`: anchored (provision, characters, how
    sure, and the draft it was carried from) or orphaned with a reason.

    Annotations of other drafts are carried through the comparison of their draft with
    this one (computed once per draft, and cached in the database; `comparisons`, by
    the other draft's id, keeps them for the caller). By default every annotation of
    the draft's negotiation is placed.
    """
    if items is None:
        items = find_annotations(store, negotiation_id=draft.negotiation_id)
    texts = {p.eid: p.text for p in store.provisions(draft.id)}
    comparisons = {} if comparisons is None else comparisons
    rows: dict[int, dict[str, ProvisionChange]] = {}
    placed: dict[int, Placement] = {}
    for a in items:
        side = _side_for(a, draft.id)
        if side.draft_id == draft.id:
            placed[a.id] = _here(side, texts)
            continue
        if side.draft_id not in comparisons:
            comparisons[side.draft_id] = compare_drafts(store, store.draft(side.draft_id), draft)
        if side.draft_id not in rows:
            rows[side.draft_id] = _rows_by_eid(comparisons[side.draft_id])
        placed[a.id] = _carried_by(side, rows[side.draft_id].get(side.eid))
    return placed


def place(
    a: Annotation,
    draft_id: int,
    texts: Mapping[str, str],
    comparisons: Mapping[int, Comparison],
) -> Placement | None:
    """Where `a` goes in draft `draft_id` (given its texts by eId), as `placements`
    says, when the comparison it must be carried through (if any) is in `comparisons`;
    else None."""
    side = _side_for(a, draft_id)
    if side.draft_id == draft_id:
        return _here(side, texts)
    comparison = comparisons.get(side.draft_id)
    if comparison is None:
        return None
    return _carried_by(side, find_change(comparison.changes, side.eid))


def _rows_by_eid(comparison: Comparison) -> dict[str, ProvisionChange]:
    """The comparison row holding each old provision (the first, as `find_change`)."""
    found: dict[str, ProvisionChange] = {}
    for change in comparison.changes:
        for p in change.old:
            found.setdefault(p.eid, change)
    return found


def _side_for(a: Annotation, draft_id: int) -> Target:
    """The side of an annotation to show in a draft: the one in it, else the new side
    of a change when it holds text, else the target."""
    other = a.changed_to
    if other is None or a.target.draft_id == draft_id:
        return a.target
    if other.draft_id == draft_id or (other.selector is not None and other.selector.exact):
        return other
    return a.target


def _here(side: Target, texts: Mapping[str, str]) -> Placement:
    s = side.selector
    if side.eid not in texts:
        return Orphaned(f"{ORPHANED}: no provision {side.eid}")
    if s is None:
        return Anchored(side.eid, 0, len(texts[side.eid]), PROVISION_METHOD)
    return Anchored(side.eid, s.start, s.end, EXACT_METHOD)


def _carried_by(side: Target, change: ProvisionChange | None) -> Placement:
    if change is None:
        return Orphaned(f"{ORPHANED}: no provision {side.eid}", side.draft_id)
    return carry(change, side.eid, side.selector, side.draft_id)
