"""Find a draft's structure in a flat run of paragraphs, and say where the finding was unsure.

Word documents and text files arrive as paragraphs with no markup saying "this is
Article 5": the structure is read from the words ("Chapter IV. Procedural measures",
"Article 24", "1.", "(a)") and, for Word, from heading styles. Everything before the
first chapter or article is the preamble (less the title and document symbol, which
become metadata), so no word is lost; what cannot be placed with confidence stays as
text where it was and is reported as an `Unsure` place for the user to check.

The readers (`wordml`, `plain_text`) produce `Block`s; `detect` turns them into a
`Document` that `akn_writer` writes as Akoma Ntoso. The patterns themselves (which
words make a heading, which marks number a paragraph) are at the end of the module.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from drafts.errors import DraftImportError

# The model: blocks in, document out


@dataclass(frozen=True)
class NoteRef:
    """A footnote referenced from a block's text, `offset` code points into it."""

    offset: int
    marker: str
    text: str


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


@dataclass
class Unit:
    """A paragraph (level 1) or point (2: lettered, 3: roman): text, sub-units, wrap-up."""

    level: int
    num: str
    ordinal: int | None
    where: str
    content: list[Block] = field(default_factory=list)
    children: list[Unit] = field(default_factory=list)
    wrap_up: list[Block] = field(default_factory=list)

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


@dataclass
class Division:
    """A part or chapter, holding articles (and, for a part, chapters)."""

    kind: str
    num: str
    heading: str
    ordinal: int | None
    where: str
    heading_notes: list[NoteRef] = field(default_factory=list)
    children: list[Division | Article] = field(default_factory=list)


@dataclass(frozen=True)
class Unsure:
    """A place where detection made a guess the user should check."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


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

    def summary(self) -> str:
        counts = (
            (self.chapters, "chapter"),
            (self.articles, "article"),
            (self.paragraphs, "paragraph"),
            (self.points, "point"),
            (self.footnotes, "footnote"),
        )
        found = ", ".join(_plural(n, word) for n, word in counts)
        tables = f", {_plural(self.tables, 'table')}" if self.tables else ""
        return f"structure detected: {found}{tables}"

    def warnings(self) -> tuple[str, ...]:
        """The report as the lines an import shows: summary, notices, each unsure place."""
        return (
            self.summary(),
            *self.notices,
            *(f"unsure at {u.where}: {u.message}" for u in self.unsure),
        )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


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


@dataclass(frozen=True)
class Hints:
    """What a reader learnt before detection: a symbol from page headers, its own notices."""

    symbol: str = ""
    notices: tuple[str, ...] = ()


def detect(blocks: Sequence[Block], source: str, hints: Hints | None = None) -> Document:
    """The structure of `blocks`, or `DraftImportError` if there is no text or no article."""
    hints = hints or Hints()
    blocks = [b for b in blocks if not b.is_empty()]
    if not blocks:
        raise DraftImportError(source, "the document has no text")
    start = next((i for i, b in enumerate(blocks) if heading_of(b)), None)
    builder = _Builder()
    if start is not None:
        builder.run(blocks, start)
    if not builder.counts["article"]:
        raise DraftImportError(
            source,
            "no articles found: no paragraph reads like an article heading "
            "('Article 1', 'Article 1. Title', or 'Article 1' then a title line)",
        )
    assert start is not None
    title, title_notes, symbol, date, preamble = _prelude(blocks[:start], hints.symbol)
    return Document(
        title=title,
        symbol=symbol,
        date=date,
        language=_language_of(blocks[start:]),
        title_notes=title_notes,
        preamble=preamble,
        body=builder.body,
        report=builder.report(len(_all_notes(blocks)), hints.notices),
    )


def heading_of(block: Block) -> Heading | None:
    """The chapter or article heading this block is, if it is one (a table never is)."""
    if block.rows:
        return None
    if block.number:  # Word numbering that prints "Article %1": the text is the title
        numbered = parse_heading(block.number, styled=True)
        if numbered and not numbered.title:
            return Heading(
                numbered.kind,
                numbered.num,
                numbered.ordinal,
                numbered.suffix,
                block.text,
                "",
                numbered.language,
            )
    return parse_heading(block.full_text, styled=block.styled_heading)


def _all_notes(blocks: Iterable[Block]) -> list[NoteRef]:
    found: list[NoteRef] = []
    for block in blocks:
        found.extend(block.notes)
        found.extend(_all_notes(cell for row in block.rows for cell in row))
    return found


def _prelude(
    blocks: Sequence[Block], hinted_symbol: str
) -> tuple[str, list[NoteRef], str, str, list[Block]]:
    """Title, title notes, symbol, date and preamble, from what comes before the body."""
    rest = list(blocks)
    symbol_block = next((b for b in rest if is_symbol(b.full_text)), None)
    if symbol_block:
        rest.remove(symbol_block)
    title_block = _title_block(rest)
    if title_block:
        rest.remove(title_block)
    date = next((d for b in rest if (d := iso_date(b.full_text))), "")
    return (
        title_block.full_text if title_block else "",
        list(title_block.notes) if title_block else [],
        symbol_block.full_text if symbol_block else hinted_symbol,
        date,
        rest,
    )


def _title_block(blocks: Sequence[Block]) -> Block | None:
    """The Title-styled paragraph, else the first heading-styled one, else the first line
    that is not cover-page furniture ("United Nations", "Distr.: General", a date)."""
    candidates = [b for b in blocks if not b.rows and b.full_text]
    for block in candidates:
        if block.style.casefold() == "title":
            return block
    for block in candidates:
        if block.styled_heading:
            return block
    for block in candidates:
        text = block.full_text
        if not is_cover_line(text) and len(text) <= 300 and not text.endswith((",", ";", ":")):
            return block
    return None


def _language_of(blocks: Sequence[Block]) -> str:
    """The language the headings are written in, as an ISO 639-2 code ("eng" by default)."""
    found = Counter(h.language for b in blocks if (h := heading_of(b)) and h.language)
    return found.most_common(1)[0][0] if found else "eng"


# Detection: one pass over the body


class _Builder:
    """Walks the body once, keeping the open division, article and path of open units."""

    def __init__(self) -> None:
        self.body: list[Division | Article] = []
        self.divisions: list[Division] = []
        self.article: Article | None = None
        self.path: list[Unit] = []
        self.pending: list[Block] = []
        self.unsure: list[Unsure] = []
        self.counts = Counter({"chapter": 0, "article": 0, "paragraph": 0, "point": 0})
        self.sequence = _Sequence(self.unsure)

    def run(self, blocks: Sequence[Block], start: int) -> None:
        i = start
        while i < len(blocks):
            i = self._take(blocks, i)
        if self.pending:
            self._place_pending(_last_article(self.body))

    def _take(self, blocks: Sequence[Block], i: int) -> int:
        """Place `blocks[i]`, and the title or text line it announces; the next index."""
        block, following = blocks[i], blocks[i + 1] if i + 1 < len(blocks) else None
        if heading := heading_of(block):
            title = _title_line(block, following) if not heading.title and following else None
            self._open(heading, block, title)
            return i + (2 if title else 1)
        if self.article is None:
            self.pending.append(block)
        elif block.rows:
            self.counts["table"] += 1
            self._text(block)
        elif number := parse_number(block.full_text, self._open_letter()):
            joined = not number.text and following is not None and _is_plain(following)
            self._numbered(number, block, following if joined else None)
            return i + (2 if joined else 1)
        elif block.styled_heading or looks_like_heading(block.full_text):
            self._cross_heading(block)
        else:
            self._text(block)
        return i + 1

    # Headings

    def _open(self, heading: Heading, block: Block, title: Block | None) -> None:
        notes = [*block.notes, *(title.notes if title else ())]
        text = title.full_text if title else heading.title
        self.sequence.heading(heading, block.where)
        if heading.kind == "article":
            self.counts["article"] += 1
            self.article = Article(
                heading.num, text, heading.ordinal, heading.suffix, block.where, notes
            )
            self.path = []
            self._container().append(self.article)
            if self.pending:
                self._place_pending(self.article)
        else:
            self._open_division(heading, text, block.where, notes)
        if heading.long_text:
            self.unsure.append(
                Unsure(
                    block.where,
                    f"{heading.num}: the words after the number, too long "
                    "for a title, were read as its first paragraph",
                )
            )
            self._text(Block(heading.long_text, block.where))

    def _open_division(self, heading: Heading, text: str, where: str, notes: list) -> None:
        rank = RANKS[heading.kind]
        while self.divisions and RANKS[self.divisions[-1].kind] >= rank:
            self.divisions.pop()
        division = Division(heading.kind, heading.num, text, heading.ordinal, where, notes)
        self._container().append(division)
        self.divisions.append(division)
        self.counts[heading.kind] += 1
        self.article, self.path = None, []

    def _container(self) -> list[Division | Article]:
        return self.divisions[-1].children if self.divisions else self.body

    def _place_pending(self, article: Article | None) -> None:
        """Text between a chapter heading and the next article opens that article (or,
        at the very end, closes the last one); either way the user is told."""
        blocks, self.pending = self.pending, []
        if article is None:
            return
        self.unsure.append(
            Unsure(
                blocks[0].where,
                "text between a chapter heading and the next article, "
                f"kept in {article.num or 'the nearest article'}",
            )
        )
        self.article, self.path = article, []
        for block in blocks:
            self._text(block)
        self.path = []

    def _cross_heading(self, block: Block) -> None:
        assert self.article is not None
        self.article.children.append(block)
        self.path = []
        self.unsure.append(
            Unsure(
                block.where,
                f"heading-like line inside {self.article.num}, kept there "
                f"as a heading: {block.full_text[:60]!r}",
            )
        )

    # Numbered paragraphs and points

    def _open_letter(self) -> Unit | None:
        """The open lettered point: it decides whether "(i)" is a letter or a numeral."""
        return next((u for u in reversed(self.path) if u.level == 2), None)

    def _numbered(self, number: Number, block: Block, text_line: Block | None) -> None:
        assert self.article is not None
        parents = [u for u in self.path if u.level < number.level]
        if number.level > 1 and not parents:
            parents = [self._paragraph_for_points(block)]
        unit = Unit(number.level, number.num, number.ordinal, block.where)
        self.sequence.unit(number, block.where, parents[-1] if parents else self.article)
        if parents:
            _add_child(parents[-1], unit)
        else:
            self.article.children.append(unit)
        self.counts[unit.kind] += 1
        self.path = [*parents, unit]
        if text_line is not None:
            unit.content.append(Block(text_line.full_text, block.where, notes=text_line.notes))
        elif number.text or block.notes:
            shift = len(block.full_text) - len(number.text)
            notes = tuple(NoteRef(max(0, n.offset - shift), n.marker, n.text) for n in block.notes)
            unit.content.append(Block(number.text, block.where, notes=notes))

    def _paragraph_for_points(self, block: Block) -> Unit:
        """A point with no paragraph above it hangs from the article's last paragraph,
        or from a new unnumbered one."""
        assert self.article is not None
        for child in reversed(self.article.children):
            if isinstance(child, Unit):
                return child
        unit = Unit(1, "", None, block.where)
        self.article.children.append(unit)
        self.counts["paragraph"] += 1
        return unit

    # Unnumbered text

    def _text(self, block: Block) -> None:
        """Text with no number: a paragraph's own (further) text, or the wrap-up after
        a run of points ("… ; or (b) …, / in each case where …")."""
        assert self.article is not None
        if not self.path:
            unit = Unit(1, "", None, block.where)
            self.article.children.append(unit)
            self.counts["paragraph"] += 1
            self.path = [unit]
        leaf = self.path[-1]
        if leaf.children:
            leaf.wrap_up.append(block)
        elif leaf.level == 1:
            leaf.content.append(block)
        else:
            self.path = self.path[:-1]
            self.path[-1].wrap_up.append(block)

    def report(self, footnotes: int, notices: tuple[str, ...]) -> DetectionReport:
        return DetectionReport(
            chapters=self.counts["chapter"],
            articles=self.counts["article"],
            paragraphs=self.counts["paragraph"],
            points=self.counts["point"],
            footnotes=footnotes,
            tables=self.counts["table"],
            unsure=tuple(self.unsure),
            notices=notices,
        )


def _add_child(parent: Unit, child: Unit) -> None:
    """Append `child`; text already wrapped up after earlier children first becomes an
    unnumbered sibling, since Akoma Ntoso allows nothing after a wrap-up."""
    if parent.wrap_up:
        loose = Unit(child.level, "", None, parent.wrap_up[0].where, content=parent.wrap_up)
        parent.children.append(loose)
        parent.wrap_up = []
    parent.children.append(child)


def _is_plain(block: Block) -> bool:
    """A block that can only be text: no table, heading or number of its own."""
    return not block.rows and heading_of(block) is None and not parse_number(block.full_text)


def _title_line(number_line: Block, candidate: Block) -> Block | None:
    """The title of a heading split over two paragraphs ("Article 24" / "Conditions…")."""
    if not _is_plain(candidate) or not candidate.full_text:
        return None
    if candidate.styled_heading or (number_line.style and candidate.style == number_line.style):
        return candidate
    return candidate if looks_like_title(candidate.full_text) else None


def _last_article(body: Sequence[Division | Article]) -> Article | None:
    for node in reversed(body):
        found = node if isinstance(node, Article) else _last_article(node.children)
        if found:
            return found
    return None


class _Sequence:
    """Checks numbering as it goes: gaps, duplicates and numbers out of sequence."""

    def __init__(self, unsure: list[Unsure]) -> None:
        self.unsure = unsure
        self.last: dict[str, Heading] = {}
        self.seen: dict[tuple[str, int | None, str], str] = {}

    def heading(self, heading: Heading, where: str) -> None:
        key = (heading.kind, heading.ordinal, heading.suffix.casefold())
        if key in self.seen:
            self._say(where, f"{heading.num} appears twice (first at {self.seen[key]})")
        else:
            self.seen[key] = where
            previous = self.last.get(heading.kind)
            self._check(
                where,
                heading.ordinal,
                previous.ordinal if previous else None,
                heading.num,
                previous.num if previous else "",
                bool(heading.suffix),
            )
        self.last[heading.kind] = heading
        if heading.kind == "part":
            self.last.pop("chapter", None)  # chapters may restart in each part

    def unit(self, number: Number, where: str, parent: Unit | Article) -> None:
        siblings = [c for c in parent.children if isinstance(c, Unit) and c.level == number.level]
        numbered = [c for c in siblings if c.ordinal is not None]
        previous = numbered[-1] if numbered else None
        owner = parent.num if isinstance(parent, Article) else (parent.num or "paragraph")
        if any(c.ordinal == number.ordinal for c in numbered):
            self._say(where, f"{number.num} appears twice in {owner}")
            return
        self._check(
            where,
            number.ordinal,
            previous.ordinal if previous else None,
            f"{number.num} in {owner}",
            previous.num if previous else "",
            False,
        )

    def _check(
        self, where: str, ordinal: int | None, previous: int | None, num: str, prev: str, bis: bool
    ) -> None:
        if ordinal is None or bis:
            return
        if previous is None:
            if ordinal != 1:
                self._say(where, f"numbering starts at {num}")
        elif ordinal == previous + 1 or (ordinal == previous and bis):
            return
        elif ordinal > previous:
            self._say(where, f"numbering gap: {prev} is followed by {num}")
        else:
            self._say(where, f"out of sequence: {num} comes after {prev}")

    def _say(self, where: str, message: str) -> None:
        self.unsure.append(Unsure(where, message))


# The patterns: which words make a heading, which marks number a paragraph


@dataclass(frozen=True)
class Heading:
    """A chapter, part or article heading read from text: "Article 24. Conditions…"."""

    kind: str
    num: str
    ordinal: int | None
    suffix: str
    title: str
    long_text: str
    language: str = ""


@dataclass(frozen=True)
class Number:
    """A paragraph or point number read from the start of a line, and the text after it."""

    level: int
    num: str
    ordinal: int | None
    text: str


RANKS = {"part": 0, "chapter": 1}
_ARTICLE_WORDS = {
    "article": "eng",
    "art.": "eng",
    "artículo": "spa",
    "articulo": "spa",
    "статья": "rus",
    "المادة": "ara",
}
_DIVISION_WORDS = {
    "chapter": ("chapter", "eng"),
    "chapitre": ("chapter", "fra"),
    "capítulo": ("chapter", "spa"),
    "capitulo": ("chapter", "spa"),
    "глава": ("chapter", "rus"),
    "الفصل": ("chapter", "ara"),
    "part": ("part", "eng"),
    "partie": ("part", "fra"),
    "parte": ("part", "spa"),
    "часть": ("part", "rus"),
    "الجزء": ("part", "ara"),
}
_WORDS = "|".join(
    re.escape(w) for w in sorted([*_ARTICLE_WORDS, *_DIVISION_WORDS], key=len, reverse=True)
)
_SUFFIXES = "bis|ter|quater|quinquies|sexies|septies|octies|novies|decies"
_HEADING = re.compile(
    rf"^(?P<open>\[\s*)?(?P<word>{_WORDS})\s*"
    r"(?P<num>\d+|[A-Za-z]+|ال[\u0621-\u064A]+(?:\s+عشر)?)"
    rf"(?P<suffix>\s?(?:{_SUFFIXES})\b|[A-Z](?![\w]))?"
    r"(?P<rest>(?=$|[\s.:–—\-\]]).*)$",
    re.IGNORECASE | re.DOTALL,
)
_SEPARATORS = ".:–—-"
_ENGLISH_NUMBERS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_ARABIC_ORDINALS = (
    "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر "
    "الحادي_عشر الثاني_عشر الثالث_عشر الرابع_عشر الخامس_عشر"
).split()
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$", re.IGNORECASE)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ABJAD = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"


def parse_heading(text: str, styled: bool = False) -> Heading | None:
    """Read "Article 24. Title", "Article 24 — Title", "Chapter IV" or "المادة 1: …".

    A number followed by a sentence ("Article 5 shall apply …") is not a heading; a
    title with no separator ("Article 5 Scope") is accepted when it looks like a title
    or Word styles the paragraph as a heading.
    """
    match = _HEADING.match(text.strip())
    if not match:
        return None
    word = match["word"].casefold()
    kind, language = _DIVISION_WORDS.get(word, ("article", _ARTICLE_WORDS.get(word, "")))
    ordinal = _ordinal(match["num"], kind)
    if ordinal is None:
        return None
    title = _title_after(match["rest"], styled)
    if title is None:
        return None
    num = text.strip()[: match.end("suffix") if match["suffix"] else match.end("num")]
    if title == "]":
        num, title = num + "]", ""
    if word in ("chapitre", "partie") or (word == "article" and match["num"].lower() == "premier"):
        language = "fra"
    suffix = (match["suffix"] or "").strip()
    if len(title) > 200 or (title.endswith((".", ";")) and len(title.split()) > 12):
        return Heading(kind, num, ordinal, suffix, "", title, language)
    return Heading(kind, num, ordinal, suffix, title, "", language)


def _title_after(rest: str, styled: bool) -> str | None:
    """The title in what follows a heading's number, "" for none, None if not a heading."""
    stripped = rest.strip()
    if not stripped or stripped in _SEPARATORS:
        return ""
    if rest.lstrip()[0] in _SEPARATORS:
        return rest.lstrip().lstrip(_SEPARATORS).strip()
    if rest.lstrip()[0] == "]":
        return stripped
    capital = stripped[0].isupper() or stripped[0] in "[("
    return stripped if styled or (capital and looks_like_title(stripped)) else None


def _ordinal(token: str, kind: str) -> int | None:
    """The value of a heading's number: 12, XII, Twelve, premier or an Arabic ordinal."""
    token = token.replace("\u0640", "")
    if token.isdigit():
        return int(token)
    lowered = token.casefold()
    if lowered in ("premier", "première", "first"):
        return 1
    if lowered in _ENGLISH_NUMBERS:
        return _ENGLISH_NUMBERS.index(lowered) + 1
    arabic = re.sub(r"\s+", "_", token)
    if arabic in _ARABIC_ORDINALS:
        return _ARABIC_ORDINALS.index(arabic) + 1
    if _ROMAN.match(token) and (token.isupper() or kind != "article"):
        return roman_value(token)
    return None


def roman_value(token: str) -> int:
    values = [_ROMAN_VALUES[c] for c in token.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


_NUMBERS = [
    (1, re.compile(r"^(?P<num>(?P<n>\d{1,3})\.)(?:\s+|$)(?P<text>.*)$", re.DOTALL)),
    (1, re.compile(r"^(?P<num>(?P<n>\d{1,3})\s*[-–—])(?:\s+|$)(?P<text>.*)$", re.DOTALL)),
    (1, re.compile(r"^(?P<num>\((?P<n>\d{1,3})\))(?:\s+|$)(?P<text>.*)$", re.DOTALL)),
    (3, re.compile(r"^(?P<num>[’‘'](?P<n>\d{1,2})[’‘'])(?:\s+|$)(?P<text>.*)$", re.DOTALL)),
    (2, re.compile(r"^(?P<num>\((?P<l>[a-z]{1,2}|[A-Z])\))(?:\s+|$)(?P<text>.*)$", re.DOTALL)),
    (2, re.compile(r"^(?P<num>(?P<l>[a-z])\))\s+(?P<text>.*)$", re.DOTALL)),
    (2, re.compile(r"^(?P<num>\((?P<a>[\u0621-\u064A])\u0640?\))(?:\s+|$)(?P<text>.*)$", re.S)),
]


def parse_number(text: str, open_letter: Unit | None = None) -> Number | None:
    """Read "1.", "1 -", "(1)", "(a)", "a)", "(i)", "(أ)" or "’1’" at the start of a line.

    "(i)", "(v)" and "(x)" are letters or roman numerals depending on what is open:
    after "(h)" comes the letter "(i)"; under an open "(a)" comes the numeral.
    """
    for level, pattern in _NUMBERS:
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("n"):
            return Number(level, match["num"], int(match["n"]), match["text"].strip())
        if groups.get("a"):
            letter = match["a"]
            ordinal = _ABJAD.index(letter) + 1 if letter in _ABJAD else None
            return Number(2, match["num"], ordinal, match["text"].strip())
        letter = match["l"]
        if _is_numeral_here(letter, open_letter):
            return Number(3, match["num"], roman_value(letter), match["text"].strip())
        return Number(2, match["num"], _letter_ordinal(letter), match["text"].strip())
    return None


def _is_numeral_here(token: str, open_letter: Unit | None) -> bool:
    """Under an open lettered point, "(i)" starts its numerals and "(v)" continues "(iv)";
    "(i)" right after "(h)" is the next letter unless "(h)" ends with a colon."""
    if not token.islower() or not _ROMAN.match(token):
        return False
    if len(token) > 1:
        return len(set(token)) > 1 or token in ("ii", "iii", "xx", "xxx")
    if open_letter is None:
        return False
    numerals = [c.ordinal for c in open_letter.children if c.level == 3]
    if numerals:
        return numerals[-1] is not None and numerals[-1] + 1 == roman_value(token)
    if token != "i":
        return False
    if open_letter.ordinal is not None and open_letter.ordinal + 1 == _letter_ordinal(token):
        own = open_letter.content[-1].full_text if open_letter.content else ""
        return own.rstrip().endswith(":")
    return True


def _letter_ordinal(token: str) -> int:
    first = ord(token[0].lower()) - ord("a") + 1
    return first + 26 * (len(token) - 1)


_SYMBOL = re.compile(r"^[A-Z]{1,8}(?:\.\d+)?(?:/[A-Z0-9][A-Za-z0-9.\-]*){1,6}$")
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_DATE = re.compile(r"^(?:Date:\s*)?(\d{1,2}) ([A-Za-z]+) (\d{4})$")
_COVER = re.compile(
    r"^(United Nations|General Assembly|Security Council|Economic and Social Council|"
    r"Distr\.?:?.*|Original:.*|Limited|General|Restricted|English|French|Spanish|Arabic|"
    r"Russian|Chinese|\d{1,2} [A-Za-z]+ \d{4}|[A-Z]\.\d{2}-\d{4,6}.*)$"
)


def is_symbol(text: str) -> bool:
    """A United Nations style document symbol on a line of its own: "A/AC.291/22/Rev.1"."""
    return bool(_SYMBOL.match(text.strip()))


def iso_date(text: str) -> str:
    """ "6 November 2023" on a line of its own as "2023-11-06", else ""."""
    match = _DATE.match(text.strip())
    if not match or match[2].casefold() not in _MONTHS:
        return ""
    day, month = int(match[1]), _MONTHS.index(match[2].casefold()) + 1
    return f"{match[3]}-{month:02d}-{day:02d}" if 1 <= day <= 31 else ""


def is_cover_line(text: str) -> bool:
    """A line of a cover page that is not the title: organ, distribution, date, symbol."""
    return bool(_COVER.match(text.strip())) or is_symbol(text)


def looks_like_title(text: str) -> bool:
    """Short, starting with a capital or a bracket, with no sentence-ending punctuation."""
    text = text.strip()
    if not text or len(text) > 150 or text.endswith((".", ";", ":", ",")):
        return False
    first = text[0]
    return first.isupper() or first in "[(" or not _is_cased_script(first)


def _is_cased_script(char: str) -> bool:
    """Latin, Greek and Cyrillic have capitals; Arabic, Hebrew and CJK do not."""
    return char.lower() != char.upper()


def looks_like_heading(text: str) -> bool:
    """A line of capitals ("GENERAL PROVISIONS"): a heading that was not understood."""
    letters = [c for c in text if c.isalpha()]
    return (
        len(letters) >= 6
        and len(text) <= 100
        and all(c.isupper() for c in letters if _is_cased_script(c))
        and all(_is_cased_script(c) for c in letters)
        and unicodedata.category(text.strip()[0]).startswith("L")
    )
