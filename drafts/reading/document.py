"""What passes between the readers and the Akoma Ntoso writer: blocks in, document out.

The readers (`wordml`, `plain_text`) turn a file into `Block`s: paragraphs and tables
with their footnotes and the words they mark as deleted, not yet knowing where they go.
`structure.detect` places them in a `Document` (divisions, articles, units, annexes)
with a `DetectionReport`, and `akn_writer` writes that document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from drafts.errors import DraftImportError
from drafts.wording import plural

MAX_PARAGRAPH = 1_000_000
"""Longest paragraph (or note, or table cell) read, in characters. A real provision runs
to a few thousand words; a "paragraph" of a million characters is a file without line
breaks, or no draft at all. Refused at once, with where it is in the user's file: read
on, it would take seconds per megabyte and then fail in the Akoma Ntoso written from it,
whose parser refuses text over 10 MB in one element."""


@dataclass(frozen=True)
class NoteRef:
    """A footnote referenced from a block's text, `offset` code points into it; or, of
    kind "del", words the draft itself marks as deleted there (struck through, or a
    tracked deletion: `marker` then says who and when), kept out of its text; or, of
    kind "ins", words it marks as inserted (bold or underlined in a compromise text, or
    a tracked insertion): `text` is then the words of its text that start at `offset`."""

    offset: int
    marker: str
    text: str
    kind: str = "note"


def add_insertion(refs: list[NoteRef], text: str, start: int, end: int, who: str = "") -> None:
    """Record the words of `text` from `start` to `end` as marked inserted by `who`,
    spaces at either end left out; joined to an insertion just before by the same hand
    when only spaces stand between (bold runs side by side are one insertion). What
    the Word and PDF readers share."""
    words = text[start:end]
    start += len(words) - len(words.lstrip(" "))
    words = words.strip(" ")
    if not words:
        return
    before = refs[-1] if refs else None
    joined = before is not None and before.kind == "ins" and before.marker == who
    if before is not None and joined:
        gap = text[before.offset + len(before.text) : start]
        if not gap.strip(" "):
            refs[-1] = replace(before, text=text[before.offset : start + len(words)])
            return
    refs.append(NoteRef(start, who, words, "ins"))


@dataclass(frozen=True)
class Block:
    """One paragraph of the source (or one table), before its place in the structure is known.

    `number` is what Word's automatic numbering prints before the text ("Article 5",
    "1.", "(a)"): it is not in the text, but it is what makes a heading a heading.
    `rows` holds a table's cells, each a block of its own (so footnotes in cells survive).
    """

    text: str
    where: str
    style: str = ""
    outline: int | None = None
    number: str = ""
    notes: tuple[NoteRef, ...] = ()
    rows: tuple[tuple[Block, ...], ...] = ()

    @property
    def full_text(self) -> str:
        return f"{self.number} {self.text}".strip() if self.number else self.text

    @property
    def styled_heading(self) -> bool:
        """Word says this paragraph is a heading, whatever its words look like."""
        name = self.style.casefold()
        return self.outline is not None or name.startswith("heading") or name == "title"

    def is_empty(self) -> bool:
        return not self.full_text.strip() and not self.notes and not self.rows


def refuse_long_paragraphs(blocks: Iterable[Block], source: str) -> None:
    """Raise `DraftImportError` at the first block, note or cell over `MAX_PARAGRAPH`."""
    for block in blocks:
        refuse_long_paragraphs((cell for row in block.rows for cell in row), source)
        for text in (block.full_text, *(n.text for n in block.notes)):
            if len(text) > MAX_PARAGRAPH:
                raise DraftImportError(source, too_long(block.where, len(text)))


def too_long(where: str, length: int) -> str:
    """Why a paragraph of `length` characters at `where` is refused, and what to do."""
    return (
        f"{where} holds {length:,} characters in one paragraph, over the limit of "
        f"{MAX_PARAGRAPH:,}: no draft has a paragraph that long. Is it a draft? (a text "
        "file needs line breaks between its paragraphs)"
    )


@dataclass
class Unit:
    """A paragraph (level 1) or point (2 and below): text, sub-units, wrap-up.

    `numeral` is the kind of number it bears (1 arabic, 2 a letter, 3 roman; 0 none),
    which is its level except where a German-style "(1)" paragraph holds "1." points:
    those are arabic at level 2, and the letters under them at level 3."""

    level: int
    num: str
    ordinal: int | None
    where: str
    content: list[Block] = field(default_factory=list)
    children: list[Unit] = field(default_factory=list)
    wrap_up: list[Block] = field(default_factory=list)
    numeral: int = 0
    suffix: str = ""

    @property
    def kind(self) -> str:
        return "paragraph" if self.level == 1 else "point"


@dataclass
class Article:
    """An article: number, title, and its paragraphs or cross-headings (blocks), in order."""

    num: str
    heading: str
    ordinal: int | None
    suffix: str
    where: str
    heading_notes: list[NoteRef] = field(default_factory=list)
    children: list[Unit | Block] = field(default_factory=list)
    key: str = ""
    """The eId part its number gives ("24", "6-1", "52a"); "" when it has no number."""
    kind: str = "article"
    """"article", or "section" in a document whose provisions are sections."""


@dataclass
class Division:
    """A book, part, title, chapter, section or sub-section, or a block of transitional
    articles, holding articles and lower divisions."""

    kind: str
    num: str
    heading: str
    ordinal: int | None
    where: str
    heading_notes: list[NoteRef] = field(default_factory=list)
    children: list[Division | Article] = field(default_factory=list)
    key: str = ""


@dataclass
class Annex:
    """An annex, appendix or schedule after the articles: its own provision, its text
    kept as the paragraphs it came in, never the tail of the last article."""

    num: str
    heading: str
    key: str
    where: str
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Unsure:
    """A place where detection made a guess the user should check."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


_PLURALS = {"annex": "annexes", "transitional": "transitional blocks"}


@dataclass(frozen=True)
class DetectionReport:
    """What detection found, for the import dialog: counts, reader notices, unsure places."""

    chapters: int
    articles: int
    paragraphs: int
    points: int
    footnotes: int
    tables: int
    unsure: tuple[Unsure, ...]
    notices: tuple[str, ...] = ()
    divisions: tuple[tuple[str, int], ...] = ()
    """Divisions other than chapters, and annexes, by kind: (("title", 2), ("annex", 1))."""
    words: str = ""
    """Words read, stored, kept as the draft's deletion marks, and left out (and why)."""
    dropped: tuple[tuple[str, str], ...] = ()
    """Every text left out of the draft, with why: page furniture, a table of contents."""

    def summary(self) -> str:
        counts = (
            (self.chapters, "chapter"),
            (self.articles, "article"),
            (self.paragraphs, "paragraph"),
            (self.points, "point"),
            (self.footnotes, "footnote"),
        )
        found = ", ".join(plural(n, word) for n, word in counts)
        tables = f", {plural(self.tables, 'table')}" if self.tables else ""
        more = "".join(f", {plural(n, kind, _PLURALS.get(kind, ''))}" for kind, n in self.divisions)
        return f"structure detected: {found}{tables}{more}"

    def warnings(self) -> tuple[str, ...]:
        """The report as the lines an import shows: summary, notices, each unsure place."""
        return (
            self.summary(),
            *((self.words,) if self.words else ()),
            *self.notices,
            *(f"unsure at {u.where}: {u.message}" for u in self.unsure),
        )


@dataclass
class Document:
    """A draft's structure as detected, ready to be written as Akoma Ntoso."""

    title: str
    symbol: str
    date: str
    language: str
    title_notes: list[NoteRef]
    preamble: list[Block]
    body: list[Division | Article]
    report: DetectionReport
    annexes: list[Annex] = field(default_factory=list)


@dataclass(frozen=True)
class Hints:
    """What a reader learnt before detection: a symbol from page headers, its own notices,
    and the texts it left out, with why."""

    symbol: str = ""
    notices: tuple[str, ...] = ()
    dropped: tuple[tuple[str, str], ...] = ()
