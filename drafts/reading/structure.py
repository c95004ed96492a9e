"""Find a draft's structure in a flat run of paragraphs, and say where the finding was unsure.

Word documents and text files arrive as paragraphs with no markup saying "this is
Article 5": the structure is read from the words ("Chapter IV. Procedural measures",
"Article 24", "1.", "(a)") and, for Word, from heading styles. Everything before the
first chapter or article is the preamble (less the title and document symbol, which
become metadata, and a "Preamble" heading, which it has anyway), so no word is lost;
what cannot be placed with confidence stays as text where it was and is reported as an
`Unsure` place for the user to check.

The readers (`wordml`, `plain_text`) produce `Block`s; `detect` turns them into a
`Document` (both in `drafts.reading.document`) that `akn_writer` writes as Akoma Ntoso.
The patterns themselves (which words make a heading, which marks number a paragraph)
are in `drafts.reading.headings`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from drafts.errors import DraftImportError
from drafts.reading.document import (
    Annex,
    Article,
    Block,
    DetectionReport,
    Division,
    Document,
    Hints,
    NoteRef,
    Unit,
    Unsure,
)
from drafts.reading.headings import (
    Heading,
    Number,
    heading_of,
    is_cover_line,
    is_preamble_heading,
    is_symbol,
    iso_date,
    looks_like_heading,
    looks_like_title,
    parse_number,
    symbol_in,
)


def detect(blocks: Sequence[Block], source: str, hints: Hints | None = None) -> Document:
    """The structure of `blocks`, or `DraftImportError` if there is no text or no article."""
    hints = hints or Hints()
    blocks = [b for b in blocks if not b.is_empty()]
    if not blocks:
        raise DraftImportError(source, "the document has no text")
    start = next((i for i, b in enumerate(blocks) if heading_of(b)), None)
    kinds = {h.kind for b in blocks if (h := heading_of(b))}
    builder = _Builder(sections_are_provisions="article" not in kinds and "section" in kinds)
    if start is not None:
        builder.run(blocks, start)
    if not builder.counts["article"]:
        raise DraftImportError(
            source,
            "no articles found: no paragraph reads like an article heading "
            "('Article 1', 'Article 1. Title', 'Section 1', '§ 1', or 'Article 1' then a "
            "title line)",
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
        report=replace(
            builder.report(len(_all_notes(blocks)), hints.notices), dropped=hints.dropped
        ),
        annexes=builder.annexes,
    )


def _all_notes(blocks: Iterable[Block]) -> list[NoteRef]:
    """The footnotes of `blocks` (not the deletion marks), tables' cells included."""
    found: list[NoteRef] = []
    for block in blocks:
        found.extend(n for n in block.notes if n.kind == "note")
        found.extend(_all_notes(cell for row in block.rows for cell in row))
    return found


def _prelude(
    blocks: Sequence[Block], hinted_symbol: str
) -> tuple[str, list[NoteRef], str, str, list[Block]]:
    """Title, title notes, symbol, date and preamble, from what comes before the body.
    A "Preamble" heading goes: the preamble is named so anyway (its notes stay)."""
    rest = [b for b in blocks if b.notes or b.rows or not is_preamble_heading(b.full_text)]
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
        symbol_in(symbol_block.full_text) if symbol_block else hinted_symbol,
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


RANKS = {
    "transitional": 0,
    "book": 0,
    "part": 1,
    "title": 2,
    "subtitle": 3,
    "chapter": 4,
    "subchapter": 5,
    "section": 6,
    "subsection": 7,
}
"""How divisions nest: a book holds parts, a part titles, a title chapters, and so on
down, never the other way round. Transitional articles stand outside them all."""

_LEARNED_ORDER = frozenset(("deu",))
"""Languages whose laws nest divisions in no one order, so each document's own order
is learned: the German civil code holds Buch > Abschnitt > Titel > Untertitel >
Kapitel, the federal drafting manual Teil > Kapitel > Abschnitt > Titel."""


class _Ranks:
    """How deep each kind of division sits. `RANKS`, except in languages of
    `_LEARNED_ORDER`, where a kind first seen sits below every kind seen before it."""

    def __init__(self) -> None:
        self.learned: dict[str, int] = {}

    def of(self, heading: Heading) -> int:
        if heading.language not in _LEARNED_ORDER or heading.kind == "transitional":
            return RANKS[heading.kind]
        return self.learned.setdefault(heading.kind, len(RANKS) + len(self.learned))

    def kind(self, kind: str) -> int:
        """The rank of an open division of `kind`, as it was opened."""
        return self.learned.get(kind, RANKS.get(kind, 0))

    def below(self, heading: Heading) -> set[str]:
        """The kinds that sit below `heading`'s: their numbering restarts under it."""
        rank = self.of(heading)
        kinds = set(RANKS) | set(self.learned)
        return {k for k in kinds if self.kind(k) > rank}


class _Builder:
    """Walks the body once, keeping the open division, article and path of open units."""

    def __init__(self, sections_are_provisions: bool = False) -> None:
        self.sections_are_provisions = sections_are_provisions
        self.body: list[Division | Article] = []
        self.divisions: list[Division] = []
        self.annexes: list[Annex] = []
        self.article: Article | None = None
        self.path: list[Unit] = []
        self.pending: list[Block] = []
        self.unsure: list[Unsure] = []
        self.counts = Counter({"chapter": 0, "article": 0, "paragraph": 0, "point": 0})
        self.ranks = _Ranks()
        self.sequence = _Sequence(self.unsure, self.ranks)

    def run(self, blocks: Sequence[Block], start: int) -> None:
        i = start
        while i < len(blocks):
            i = self._take(blocks, i)
        if self.pending:
            self._place_pending(_last_article(self.body))
        for empty in _empty_divisions(self.body):
            self.unsure.append(
                Unsure(
                    empty.where,
                    f"{empty.num} holds no article: its heading is kept in the Akoma Ntoso "
                    "but no provision carries it",
                )
            )

    def _take(self, blocks: Sequence[Block], i: int) -> int:
        """Place `blocks[i]`, and the title or text line it announces; the next index."""
        block, following = blocks[i], blocks[i + 1] if i + 1 < len(blocks) else None
        heading = heading_of(block)
        if self.annexes and not (heading and heading.kind == "annex"):
            self.annexes[-1].blocks.append(block)  # everything after an annex is annex text
            return i + 1
        if heading:
            title = _title_line(block, following) if not heading.title and following else None
            self._open(heading, block, title)
            return i + (2 if title else 1)
        if self.article is None and self._heading_note(block):
            return i + 1
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
        if heading.kind == "annex":
            self._open_annex(heading, text, block)
        elif heading.kind == "article" or (
            heading.kind == "section" and self.sections_are_provisions
        ):
            self.counts["article"] += 1
            self.article = Article(
                heading.num,
                text,
                heading.ordinal,
                heading.suffix,
                block.where,
                notes,
                key=heading.key,
                kind=heading.kind,
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

    def _heading_note(self, block: Block) -> bool:
        """A footnote alone under a division heading (a German law's official note,
        "[^1]" on the line after "Titel 1 - Kauf") is the heading's note, not the text
        of the article that follows."""
        if block.full_text.strip() or not block.notes or not self.divisions or self.pending:
            return False
        division = self.divisions[-1]
        if division.children:
            return False
        end = len(division.heading)
        division.heading_notes.extend(replace(n, offset=end) for n in block.notes)
        return True

    def _open_annex(self, heading: Heading, text: str, block: Block) -> None:
        if self.pending:
            self._place_pending(_last_article(self.body))
        self.annexes.append(Annex(heading.num, text, heading.key, block.where))
        self.counts["annex"] += 1
        self.article, self.path, self.divisions = None, [], []

    def _open_division(self, heading: Heading, text: str, where: str, notes: list) -> None:
        rank = self.ranks.of(heading)
        while self.divisions and self.ranks.kind(self.divisions[-1].kind) >= rank:
            self.divisions.pop()
        division = Division(
            heading.kind, heading.num, text, heading.ordinal, where, notes, key=heading.key
        )
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
        return next((u for u in reversed(self.path) if u.numeral == 2), None)

    def _level(self, number: Number) -> int:
        """The depth a number opens at. It is its kind (1 arabic, 2 letter, 3 roman),
        except in laws that number paragraphs "(1)" and the points in them "1.", then
        "a)" (German, Austrian, Swiss): there "1." under an open "(1)" is a point, and
        what comes under it one level deeper."""
        paragraph = self.path[0] if self.path else None
        if number.level == 1:
            nested = (
                paragraph is not None
                and paragraph.num.startswith("(")
                and number.num.endswith(".")
                and paragraph.ordinal is not None
            )
            return 2 if nested else 1
        shifted = any(u.level == 2 and u.numeral == 1 for u in self.path)
        return number.level + 1 if shifted else number.level

    def _numbered(self, number: Number, block: Block, text_line: Block | None) -> None:
        assert self.article is not None
        numeral = number.level
        number = replace(number, level=self._level(number)) if self.path else number
        parents = [u for u in self.path if u.level < number.level]
        if number.level > 1 and not parents:
            parents = [self._paragraph_for_points(block)]
        unit = Unit(
            number.level,
            number.num,
            number.ordinal,
            block.where,
            numeral=numeral,
            suffix=number.suffix,
        )
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
            notes = tuple(replace(n, offset=max(0, n.offset - shift)) for n in block.notes)
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
        elif leaf.level == 1 or _announces(leaf):
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
            divisions=tuple(
                (kind, self.counts[kind])
                for kind in (
                    "book",
                    "part",
                    "title",
                    "subtitle",
                    "subchapter",
                    "section",
                    "subsection",
                    "transitional",
                    "annex",
                )
                if self.counts[kind] and not (kind == "section" and self.sections_are_provisions)
            ),
        )


def _announces(point: Unit) -> bool:
    """Whether a point's own text ends in a colon ("1. Relative:"): the text after it
    is still the point's, not the wrap-up of the paragraph around it."""
    return bool(point.content) and point.content[-1].full_text.rstrip().endswith(":")


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


def _empty_divisions(body: Sequence[Division | Article]) -> Iterable[Division]:
    for node in body:
        if isinstance(node, Division):
            if not node.children:
                yield node
            yield from _empty_divisions(node.children)


def _last_article(body: Sequence[Division | Article]) -> Article | None:
    for node in reversed(body):
        found = node if isinstance(node, Article) else _last_article(node.children)
        if found:
            return found
    return None


class _Sequence:
    """Checks numbering as it goes: gaps, duplicates and numbers out of sequence."""

    def __init__(self, unsure: list[Unsure], ranks: _Ranks) -> None:
        self.unsure = unsure
        self.ranks = ranks
        self.last: dict[str, Heading] = {}
        self.seen: dict[tuple[int, str, str], str] = {}
        self.scope = 0
        """Bumped by each block of transitional articles, which number afresh."""

    def heading(self, heading: Heading, where: str) -> None:
        if heading.ordinal is None:  # "Annex" or "Transitorios" alone: nothing to check
            if heading.kind == "transitional":
                self.scope += 1
                self.last.pop("article", None)
            return
        key = (self.scope, heading.kind, heading.key or str(heading.ordinal))
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
                bool(heading.suffix) or not heading.key.isdigit(),
            )
        self.last[heading.kind] = heading
        if heading.kind in RANKS:  # chapters may restart in each part, and so on down
            below = self.ranks.below(heading)
            for kind in below:
                self.last.pop(kind, None)
            self.seen = {k: v for k, v in self.seen.items() if k[1] not in below}

    def unit(self, number: Number, where: str, parent: Unit | Article) -> None:
        siblings = [c for c in parent.children if isinstance(c, Unit) and c.level == number.level]
        numbered = [c for c in siblings if c.ordinal is not None]
        previous = numbered[-1] if numbered else None
        owner = parent.num if isinstance(parent, Article) else (parent.num or "paragraph")
        if any((c.ordinal, c.suffix) == (number.ordinal, number.suffix) for c in numbered):
            self._say(where, f"{number.num} appears twice in {owner}")
            return
        self._check(
            where,
            number.ordinal,
            previous.ordinal if previous else None,
            f"{number.num} in {owner}",
            previous.num if previous else "",
            bool(number.suffix),
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
