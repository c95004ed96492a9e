"""What an export says, whatever its format: the chosen rows of a comparison, the
annotations placed on their text, and the pieces of text every writer lays out.

Each writer (HTML, PDF, Word, CSV) only decides how things look. What is exported,
where each annotation falls in the word diff and where a paragraph ends are decided
here once, so the four formats cannot disagree about the text.

Annotations arrive as `ExportNote`s, a plain shape of this module's own: the exporter
does not depend on how annotations are stored. A note's range is in code points of one
provision's `text`, as everywhere in the core.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from typing import NamedTuple

from drafts.comparing.compare import STATUSES, ProvisionChange, totals
from drafts.comparing.comparisons import Comparison
from drafts.comparing.diff import DELETE, EQUAL, INSERT, DiffOptions, Segment, diff_texts
from drafts.model import NEW, OLD, Container, Provision, StoredDraft

SIDE_BY_SIDE, INLINE = "side-by-side", "inline"
LAYOUTS = (SIDE_BY_SIDE, INLINE)
COLOUR, LEGISLATIVE = "colour", "legislative"
STYLES = (COLOUR, LEGISLATIVE)
"""The look of an export: the window's colours, or black and white as legislatures print
changes (deleted words struck through, new words underlined and in italics: the UK's
Keeling schedule, the US comparative print, the German Synopse), for photocopies."""
FORMATS = ("html", "pdf", "docx", "csv")
SECTIONS = ("title", "text", "notes")
"""What each provision shows, in reading order: number and heading, text, footnotes."""

ANNOTATION_STATUSES = ("open", "contested", "resolved")
DEFAULT_TAG_COLOUR = "#999999"
SHORT_PROVISION_WORDS = 300
"""Provisions up to this many words (both sides together) fit on a printed page, so
page breaks are kept out of them; longer ones may run over."""

DIFF_COLOURS = {
    "deleted_text": "#753400",
    "deleted_back": "#f7dfcc",
    "inserted_text": "#00446b",
    "inserted_back": "#d1e6f1",
    "muted": "#666666",
    "rule": "#c8c8c8",
    "bar": "#eef0f3",
}
"""The app's light-theme diff colours (viewer.diff_style: Okabe-Ito vermillion and
blue, blended into white), as hex: exports are printed, so they take the light theme."""


class Tag(NamedTuple):
    """An annotation's tag and its colour ("#rrggbb"), as the reader set them."""

    name: str
    colour: str


@dataclass(frozen=True)
class ExportNote:
    """One annotation, in the shape an export needs.

    `start`/`end` are code points in the text (not the heading) of provision `eid` of
    draft `draft_id`; both None (or an empty range) means the whole provision.
    """

    draft_id: int
    eid: str
    start: int | None
    end: int | None
    quote: str = ""
    tags: tuple[Tag, ...] = ()
    status: str = "open"
    note: str = ""
    holder: str = ""

    def __post_init__(self) -> None:
        # Plain (name, colour) pairs are accepted, so callers need not import Tag.
        object.__setattr__(self, "tags", tuple(Tag(*t) for t in self.tags))

    @property
    def tag_names(self) -> str:
        return "; ".join(t.name for t in self.tags)


@dataclass(frozen=True)
class PlacedNote:
    """A note on one side of an exported row.

    `span` is in the side's joined text (its provisions' texts joined by line breaks,
    the text the word diff was made of); None for a note on the whole provision.
    """

    number: int
    """1, 2, 3... through the whole export: the marker the reader sees."""
    note: ExportNote
    side: str
    span: tuple[int, int] | None


@dataclass(frozen=True)
class ExportRow:
    """One provision (or split/merge) of the export: its change and its notes."""

    change: ProvisionChange
    title: tuple[Segment, ...]
    """The word diff of the number-and-heading lines, one line per provision."""
    notes: tuple[PlacedNote, ...] = ()

    def sections(self) -> list[tuple[str, tuple[Segment, ...]]]:
        """Title, text and footnotes, those with any text on either side."""
        parts = zip(SECTIONS, (self.title, self.change.text, self.change.notes), strict=True)
        return [(name, segments) for name, segments in parts if segments]

    def spans(self, side: str) -> list[tuple[int, int, int]]:
        """(number, start, end) of the ranged notes on `side`."""
        return [(n.number, *n.span) for n in self.notes if n.side == side and n.span]

    def whole_notes(self, side: str | None = None) -> list[PlacedNote]:
        return [n for n in self.notes if n.span is None and side in (None, n.side)]

    @property
    def words(self) -> int:
        w = self.change.words
        return 2 * w.kept + w.added + w.deleted

    @property
    def short(self) -> bool:
        return self.words <= SHORT_PROVISION_WORDS


@dataclass(frozen=True)
class ExportRequest:
    """Everything a writer needs: the comparison, the rows in scope, and the layout."""

    comparison: Comparison
    rows: tuple[ExportRow, ...]
    layout: str = SIDE_BY_SIDE
    title: str = ""
    scope: str = "all provisions"
    """What was chosen, in words, for the summary ("changed provisions only")."""
    created: datetime = field(default_factory=lambda: datetime.now(UTC))
    style: str = COLOUR

    @property
    def old(self) -> StoredDraft:
        return self.comparison.old

    @property
    def new(self) -> StoredDraft:
        return self.comparison.new

    @property
    def heading(self) -> str:
        return self.title or f"{self.old.label} → {self.new.label}"

    def notes(self) -> list[PlacedNote]:
        return [n for row in self.rows for n in row.notes]

    def label(self, side: str) -> str:
        return self.old.label if side == OLD else self.new.label


def scoped(
    comparison: Comparison,
    changed_only: bool = False,
    picked: Collection[ProvisionChange] | None = None,
    tags: Collection[str] | None = None,
    notes: Iterable[ExportNote] = (),
    layout: str = SIDE_BY_SIDE,
    title: str = "",
    style: str = COLOUR,
) -> ExportRequest:
    """The export of `comparison` restricted to what the reader chose.

    `picked` are rows of the comparison chosen by hand (matched by value, as the
    viewer's list hands them back); not eIds, which name a provision of one draft only
    ("art_5" of the old draft may be "art_6" of the new). With `tags`, only provisions
    carrying a note with one of those tags are kept, and only such notes with them.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    if style not in STYLES:
        raise ValueError(f"style must be one of {', '.join(STYLES)}, not {style!r}")
    wanted = [n for n in notes if not tags or any(t.name in tags for t in n.tags)]
    changes = [c for c in comparison.changes if _in_scope(c, changed_only, picked)]
    placed = place_notes(comparison, changes, wanted)
    if tags:
        changes = [c for c, found in zip(changes, placed, strict=True) if found]
        placed = [found for found in placed if found]
    rows = tuple(_row(comparison, c, n) for c, n in zip(changes, _numbered(placed), strict=True))
    scope = _scope_words(changed_only, picked, tags)
    return ExportRequest(comparison, rows, layout, title, scope, style=style)


def _in_scope(
    change: ProvisionChange, changed_only: bool, picked: Collection[ProvisionChange] | None
) -> bool:
    if changed_only and not change.changed:
        return False
    return picked is None or any(change is p or change == p for p in picked)


def _scope_words(
    changed_only: bool, picked: Collection[ProvisionChange] | None, tags: Collection[str] | None
) -> str:
    parts = ["provisions chosen by hand" if picked is not None else "all provisions"]
    if changed_only:
        parts.append("changed only")
    if tags:
        parts.append("annotated with " + ", ".join(sorted(tags)))
    return "; ".join(parts)


def _row(comparison: Comparison, change: ProvisionChange, notes: list[PlacedNote]) -> ExportRow:
    options = comparison.options
    title = diff_texts(title_text(change.old), title_text(change.new), options)
    return ExportRow(change, title, tuple(notes))


def title_text(provisions: Sequence[Provision]) -> str:
    """A side's title: "number heading" of each provision, one per line."""
    lines = (" ".join(part for part in (p.num, p.heading) if part) for p in provisions)
    return "\n".join(line for line in lines if line)


def container_titles(rows: Sequence[ExportRow], options: DiffOptions) -> list[tuple[Segment, ...]]:
    """For each row, the word diff of the chapters (and parts) opening just before it.

    On each side, a row opens the containers of its first provision that the previous
    row with a provision on that side was not in, one line each ("Chapter II Scope").
    Rows follow the new draft, so its side has each heading where the draft has it; the
    old side says where each of its provisions was (one moved from another chapter
    brings that chapter's heading, and the one it now sits in comes again after it).
    Empty where neither side opens one."""
    current: dict[str, tuple[Container, ...]] = {OLD: (), NEW: ()}
    out = []
    for row in rows:
        lines = {OLD: "", NEW: ""}
        for side, provisions in ((OLD, row.change.old), (NEW, row.change.new)):
            if provisions:
                path = provisions[0].containers
                kept = _shared_length(current[side], path)
                lines[side] = "\n".join(c.label() for c in path[kept:])
                current[side] = path
        out.append(diff_texts(lines[OLD], lines[NEW], options))
    return out


def _shared_length(a: Sequence[Container], b: Sequence[Container]) -> int:
    """How many containers, from the outermost, two paths share."""
    shared = 0
    while shared < min(len(a), len(b)) and a[shared] == b[shared]:
        shared += 1
    return shared


def side_text(change: ProvisionChange, side: str) -> str:
    """The text of a side as the word diff saw it: its provisions' texts, one per line."""
    return "\n".join(p.text for p in (change.old if side == OLD else change.new))


# Placing notes ------------------------------------------------------------------------


def place_notes(
    comparison: Comparison, changes: Sequence[ProvisionChange], notes: Iterable[ExportNote]
) -> list[list[PlacedNote]]:
    """The notes of each change (numbered 0 for now): those on a provision of the
    comparison's drafts that is in `changes`. Others are not part of this export."""
    where = _provision_index(comparison, changes)
    placed: list[list[PlacedNote]] = [[] for _ in changes]
    for note in notes:
        for side, draft in ((NEW, comparison.new), (OLD, comparison.old)):
            found = where.get((side, note.eid)) if note.draft_id == draft.id else None
            if found is not None:
                row, offset, length = found
                placed[row].append(PlacedNote(0, note, side, _span(note, offset, length)))
                break
    return placed


def _provision_index(
    comparison: Comparison, changes: Sequence[ProvisionChange]
) -> dict[tuple[str, str], tuple[int, int, int]]:
    """(side, eid) -> (row, offset of its text in the side's joined text, its length)."""
    index: dict[tuple[str, str], tuple[int, int, int]] = {}
    for row, change in enumerate(changes):
        for side, provisions in ((OLD, change.old), (NEW, change.new)):
            offset = 0
            for p in provisions:
                length = len(p.text)
                index[(side, p.eid)] = (row, offset, length)
                offset += length + 1
    return index


def _span(note: ExportNote, offset: int, length: int) -> tuple[int, int] | None:
    """The note's range moved into the joined text, clipped to its provision; a note
    whose range is missing or empty once clipped is on the whole provision."""
    if note.start is None or note.end is None:
        return None
    start, end = (max(0, min(length, x)) for x in (note.start, note.end))
    return (offset + start, offset + end) if start < end else None


def _numbered(placed: list[list[PlacedNote]]) -> list[list[PlacedNote]]:
    """Numbers in reading order: row by row, old side first, whole-provision notes
    before ranged ones, then by where the range starts."""
    number = 0
    out = []
    for notes in placed:
        ordered = sorted(notes, key=lambda n: (n.side != OLD, n.span is not None, n.span or ()))
        row = []
        for n in ordered:
            number += 1
            row.append(PlacedNote(number, n.note, n.side, n.span))
        out.append(row)
    return out


# Pieces: the diff cut where annotations start and end ---------------------------------


@dataclass(frozen=True)
class Piece:
    """A run of one kind of text (equal, deleted or inserted) under the same notes."""

    op: str
    text: str
    notes: tuple[int, ...] = ()


Spans = Sequence[tuple[int, int, int]]
"""(note number, start, end) in one side's text."""


def side_pieces(segments: Sequence[Segment], side: str, spans: Spans = ()) -> list[Piece]:
    """One side of a diff: equal and deleted text for the old side, equal and inserted
    for the new, each cut where a note's range starts or ends.

    Positions in a side's text advance over exactly the segments that side shows, so
    a range is found by walking them; nothing else carries positions."""
    shown = (EQUAL, DELETE) if side == OLD else (EQUAL, INSERT)
    pieces: list[Piece] = []
    at = 0
    for s in segments:
        if s.op in shown:
            text = s.old if side == OLD else s.new
            pieces += _cut(s.op, text, [(at, spans)])
            at += len(text)
    return pieces


def inline_pieces(segments: Sequence[Segment], old_spans: Spans, new_spans: Spans) -> list[Piece]:
    """Both sides in one stream, old notes placed by old positions and new by new.

    An equal segment whose two texts differ (a difference the comparison's options
    ignore: case, spacing, punctuation) is written as a deletion and an insertion, so
    that both texts are still complete in the export."""
    pieces: list[Piece] = []
    i = j = 0
    for s in segments:
        if s.op == EQUAL and s.old == s.new:
            pieces += _cut(EQUAL, s.old, [(i, old_spans), (j, new_spans)])
        else:
            if s.op != INSERT:
                pieces += _cut(DELETE, s.old, [(i, old_spans)])
            if s.op != DELETE:
                pieces += _cut(INSERT, s.new, [(j, new_spans)])
        i += len(s.old) if s.op != INSERT else 0
        j += len(s.new) if s.op != DELETE else 0
    return pieces


def _cut(op: str, text: str, placed: list[tuple[int, Spans]]) -> list[Piece]:
    """`text` cut at every range boundary inside it; `placed` pairs the text's start
    position in a side with that side's ranges (two pairs for shared equal text)."""
    if not text:
        return []
    bounds = {0, len(text)}
    for base, spans in placed:
        for _, start, end in spans:
            bounds.update(x - base for x in (start, end) if base < x < base + len(text))
    cuts = sorted(bounds)
    pieces = []
    for a, b in pairwise(cuts):
        covering = sorted(
            n for base, spans in placed for n, s, e in spans if s < base + b and e > base + a
        )
        pieces.append(Piece(op, text[a:b], tuple(covering)))
    return pieces


@dataclass(frozen=True)
class Paragraph:
    """A line of a section: its pieces, and what became of the line break ending it
    (equal: in both texts; insert or delete: only in one), which Word tracks too."""

    pieces: tuple[Piece, ...]
    mark: str = EQUAL


def paragraphs(pieces: Sequence[Piece], last_mark: str = EQUAL) -> list[Paragraph]:
    """Pieces split into lines at each line break; `last_mark` is the kind of the
    section's own end (see `section_mark`)."""
    out: list[Paragraph] = []
    current: list[Piece] = []
    for piece in pieces:
        for n, part in enumerate(piece.text.split("\n")):
            if n:
                out.append(Paragraph(tuple(current), piece.op))
                current = []
            if part:
                current.append(Piece(piece.op, part, piece.notes))
    out.append(Paragraph(tuple(current), last_mark))
    return out


def section_mark(segments: Sequence[Segment]) -> str:
    """The kind of a section's last paragraph end: inserted when the old side has none
    of this section, deleted when the new side has none, else kept. So rejecting an
    added provision leaves no empty paragraph behind, nor accepting a deleted one."""
    has_old = any(s.old for s in segments if s.op != INSERT)
    has_new = any(s.new for s in segments if s.op != DELETE)
    if has_old == has_new:
        return EQUAL
    return INSERT if has_new else DELETE


def last_pieces(paras: Sequence[Paragraph]) -> dict[int, tuple[int, int]]:
    """Note number -> (paragraph, piece) of its last piece: where its marker goes."""
    last = {}
    for p, para in enumerate(paras):
        for k, piece in enumerate(para.pieces):
            for n in piece.notes:
                last[n] = (p, k)
    return last


def markers_by_place(paras: Sequence[Paragraph]) -> dict[tuple[int, int], list[int]]:
    """(paragraph, piece) -> the note numbers whose marker follows that piece.

    A range may end inside a word; its marker then waits for the word's end, so that
    the word stays whole on the page, in copied text and in search."""
    by_place: dict[tuple[int, int], list[int]] = {}
    for n, (p, k) in sorted(last_pieces(paras).items()):
        pieces = paras[p].pieces
        while k + 1 < len(pieces) and _joins(pieces[k].text, pieces[k + 1].text):
            k += 1
        by_place.setdefault((p, k), []).append(n)
    return by_place


CHANGE_SEPARATOR = "\u2009"
"""A thin space written between a deleted word and the inserted word right after it
(inline), so that "eroding" and "undermining" do not copy or search as one word."""


def needs_separator(before: Piece | None, piece: Piece) -> bool:
    return (
        before is not None
        and {before.op, piece.op} == {DELETE, INSERT}
        and _joins(before.text, piece.text)
    )


def _joins(before: str, after: str) -> bool:
    """Whether two texts side by side run one word into the next."""
    return (
        bool(before and after)
        and (before[-1].isalnum() or before[-1] == "_")
        and (after[0].isalnum() or after[0] == "_")
    )


def layout_sections(row: ExportRow, side: str) -> list[tuple[str, list[Paragraph]]]:
    """A row's sections as paragraphs, for one side (OLD, NEW) or both (INLINE), with
    this side's notes cut into the text section."""
    out = []
    for name, segments in row.sections():
        old_spans = row.spans(OLD) if name == "text" else []
        new_spans = row.spans(NEW) if name == "text" else []
        if side == INLINE:
            pieces = inline_pieces(segments, old_spans, new_spans)
            out.append((name, paragraphs(pieces, section_mark(segments))))
        else:
            pieces = side_pieces(segments, side, old_spans if side == OLD else new_spans)
            if pieces:
                out.append((name, paragraphs(pieces)))
    return out


# Words for the summary and the notes ---------------------------------------------------


def row_label(change: ProvisionChange) -> str:
    """ "Article 4 → Article 5", or one name when it did not change or one side is empty."""
    if change.old and change.new and change.from_num != change.to_num:
        return f"{change.from_num} → {change.to_num}"
    return change.to_num or change.from_num


def words_changed(change: ProvisionChange) -> str:
    if not (change.words.added or change.words.deleted):
        return ""
    return f"+{change.words.added:,} / −{change.words.deleted:,} words"


def draft_line(draft: StoredDraft) -> str:
    """ "Zero draft, 2023-01-16, A/AC.305/7": how a summary names a draft."""
    return ", ".join(part for part in (draft.label, draft.date, draft.symbol) if part)


def status_counts(request: ExportRequest) -> list[tuple[str, int]]:
    """(status, count) of the exported rows, statuses in their usual order, none zero."""
    counts = totals([row.change for row in request.rows])
    return [(s, counts[s]) for s in STATUSES if counts[s]]


def summary_facts(request: ExportRequest) -> list[tuple[str, str]]:
    """The summary every export opens with, as (label, value) lines."""
    exported = len(request.rows)
    counts = totals([row.change for row in request.rows])
    facts = [
        ("Negotiation", request.new.negotiation or request.old.negotiation),
        ("From", draft_line(request.old)),
        ("To", draft_line(request.new)),
        ("Provisions", f"{exported} of {len(request.comparison.changes)} ({request.scope})"),
        ("Changes", ", ".join(f"{n} {s}" for s, n in status_counts(request)) or "none"),
        ("Words", f"+{counts['words_added']:,} / −{counts['words_deleted']:,}"),
        ("Compared", _options_words(request.comparison.options.key())),
        ("Annotations", str(len(request.notes())) if request.notes() else "none"),
    ]
    return [(label, value) for label, value in facts if value]


def _options_words(key: str) -> str:
    if key == "exact":
        return "word by word, exactly"
    return "word by word, " + key.replace("ignore-", "ignoring ").replace("-", ", ")


def tags_present(request: ExportRequest) -> list[tuple[Tag, int]]:
    """Each tag of the exported notes with how many notes carry it, by name."""
    counts: dict[str, int] = {}
    colours: dict[str, str] = {}
    for placed in request.notes():
        for tag in placed.note.tags:
            counts[tag.name] = counts.get(tag.name, 0) + 1
            colours.setdefault(tag.name, tag.colour)
    return [(Tag(name, colours[name]), counts[name]) for name in sorted(counts, key=str.casefold)]


def note_where(request: ExportRequest, placed: PlacedNote) -> str:
    """ "new text" / "whole provision, old": which text a note belongs to, in words."""
    draft = request.label(placed.side)
    return f"{draft}, whole provision" if placed.span is None else f"{draft}, text"


def note_quote(row: ExportRow, placed: PlacedNote) -> str:
    """The note's quote, or the text under its range when it came without one."""
    if placed.note.quote or placed.span is None:
        return placed.note.quote
    start, end = placed.span
    return side_text(row.change, placed.side)[start:end]


# Safety of text and colours -----------------------------------------------------------

_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def safe_colour(colour: str) -> str:
    """A tag colour fit to write into CSS or XML as it is: "#rrggbb", or grey for
    anything else (a colour is user data too, and could carry markup)."""
    if not _HEX_COLOUR.fullmatch(colour.strip()):
        return DEFAULT_TAG_COLOUR
    digits = colour.strip()[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits.lower()


def tint(colour: str, share: float = 0.35) -> str:
    """`colour` blended into white: a highlight light enough for dark text on it."""
    digits = safe_colour(colour)[1:]
    channels = (int(digits[k : k + 2], 16) for k in (0, 2, 4))
    return "#" + "".join(f"{round(255 + (c - 255) * share):02x}" for c in channels)


def xml_text(text: str) -> str:
    """Text that XML 1.0 can hold: control characters (never in a draft, but possible
    in a note typed or pasted by a reader) become U+FFFD instead of breaking the file."""
    return _NOT_XML.sub("\ufffd", text)
