"""Read a plain-text draft (.txt, as pdftotext or a copy and paste makes it) into paragraphs.

Text from a PDF carries the page with it: a running header with the document symbol
("A/AC.291/22"), a job number ("V.23-12345"), a page number, all repeated on every
page. Those lines are not the draft: they are found (by their shape, by repetition at
the top or bottom of pages when form feeds mark the pages, or next to other page
furniture) and dropped, and a notice says which line and how many times.

PDF text is also hard-wrapped: a paragraph is several lines. When the lines look
wrapped (none much longer than a printed line) they are joined back into paragraphs,
breaking at blank lines, short last lines, and lines that open a heading or a numbered
paragraph. Files of one paragraph per line are taken line by line.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from drafts.errors import DraftImportError
from drafts.reading.document import MAX_PARAGRAPH, Block, NoteRef, too_long
from drafts.reading.headings import (
    is_cover_line,
    is_symbol,
    looks_like_heading,
    looks_like_title,
    parse_heading,
    parse_number,
    symbol_in,
)
from drafts.reading.markup import NOTE_MARK, NOTE_OPEN, to_text
from drafts.wording import plural

_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?$"
    r"|^(?:page|página|pág\.|стр\.?|صفحة)\s*\d{1,4}(?:\s*(?:of|de|/|из|من)\s*\d{1,4})?$"
    r"|^\d{1,4}\s*/\s*\d{1,4}$",
    re.IGNORECASE,
)
_JOB_NUMBER = re.compile(r"^[A-Z]\.\d{2}-\d{4,6}(?:\s*\([A-Z]\))?$|^\*\d{6,}\*$")
_LEADERS = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}$|…{2,}\s*\d{1,4}$")
_DIGITS = re.compile(r"\d+")
_PARAGRAPH_ENDS = tuple(".,;:!?)]”\"'’")
_SENTENCE_ENDS = tuple('.;:!?)]”"')
_HYPHENATED = re.compile(r"[^\W\d_]-$")
_LIST_JOIN = re.compile(r"[;,]\s*(?:and|or|et|ou|y|o)$")
_SPACES = re.compile(r"\s+")
_BAND = 3
"""Lines at the top and at the bottom of a page where headers and footers live."""
_WRAP_WIDTH = 120
_NARROWEST = 60
"""Printed lines are rarely narrower: below it, a short file's lines are all "short"."""
"""Longest line a wrapped (printed) page produces; files with longer lines are not wrapped."""


@dataclass(frozen=True)
class TextDocument:
    """The paragraphs of a text file, the symbol its page headers carry, and notices."""

    blocks: tuple[Block, ...]
    symbol: str
    notices: tuple[str, ...]
    dropped: tuple[tuple[str, str], ...] = ()
    """What was left out, with why: page furniture, table-of-contents lines, markup's."""


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    page: int


def read_text(data: bytes, source: str, suffix: str = ".txt") -> TextDocument:
    """Decode, take off Markdown or reStructuredText markup (by `suffix`), drop page
    furniture and table-of-contents lines, and rebuild paragraphs."""
    decoded = decode(data, source)
    _refuse_long_lines(decoded, source)
    plain = to_text(decoded, suffix)
    lines = _lines(plain.text, plain.line_numbers())
    dropped, notices, symbol = _furniture(lines)
    notices = [*plain.notices, *notices]
    toc = {i for i, line in enumerate(lines) if i not in dropped and _LEADERS.search(line.text)}
    if toc:
        first = lines[min(toc)].number
        notices.append(f"{len(toc)} table-of-contents lines were left out (from line {first})")
    blocks = [_with_notes(b, plain.notes) for b in _paragraphs(lines, dropped | toc)]
    left_out = [
        *plain.dropped,
        *(("page furniture", lines[i].text) for i in sorted(dropped)),
        *(("table of contents", lines[i].text) for i in sorted(toc)),
    ]
    return TextDocument(tuple(blocks), symbol, tuple(notices), tuple(left_out))


def _with_notes(block: Block, notes: Sequence[tuple[str, str]]) -> Block:
    """The block with its footnote references (`markup.NOTE_MARK`) taken out of its
    text and made notes at the places they stood."""
    if not notes or NOTE_OPEN not in block.text:
        return block
    pieces, refs, at = [], [], 0
    for found in NOTE_MARK.finditer(block.text):
        pieces.append(block.text[at : found.start()])
        marker, text = notes[int(found.group(1))]
        refs.append(NoteRef(sum(map(len, pieces)), marker, text))
        at = found.end()
    pieces.append(block.text[at:])
    joined = "".join(pieces)
    stripped = joined.strip()
    shift = len(joined) - len(joined.lstrip())
    refs = [replace(r, offset=max(0, min(r.offset - shift, len(stripped)))) for r in refs]
    return replace(block, text=stripped, notes=(*block.notes, *refs))


def decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without a byte order mark) or UTF-16 with one; anything else refused."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise DraftImportError(source, "UTF-32 text is not supported: save it as UTF-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DraftImportError(source, f"damaged UTF-16 text at byte {exc.start}") from exc
    if data.startswith(b"%PDF"):
        raise DraftImportError(source, "a PDF file, not text: name it .pdf to import it")
    if b"\x00" in data[:4096]:
        raise DraftImportError(
            source,
            "not text: it holds NUL bytes (binary data, or UTF-16 without a byte order mark); "
            "save it as UTF-8",
        )
    try:
        return data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DraftImportError(
            source,
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at line {line} cannot be decoded; "
            "save the file as UTF-8 (or UTF-16 with a byte order mark)",
        ) from exc


def _refuse_long_lines(text: str, source: str) -> None:
    """Refuse a line over `MAX_PARAGRAPH` before any work on it (a paragraph of many
    lines is checked once the lines are joined)."""
    lines = text.replace("\r", "\n").split("\n")  # as `_lines` splits them
    if max(map(len, lines), default=0) > MAX_PARAGRAPH:
        number, line = next((n, t) for n, t in enumerate(lines, 1) if len(t) > MAX_PARAGRAPH)
        raise DraftImportError(source, too_long(f"line {number}", len(line)))


def _lines(text: str, numbers: Sequence[int]) -> list[_Line]:
    """Lines numbered as an editor numbers them in the user's file (`numbers`: the
    source line of each line of `text`); a form feed starts a new page."""
    found, page = [], 0
    for number, raw in zip(numbers, text.split("\n"), strict=True):
        page += raw.count("\f")
        found.append(_Line(number, raw.replace("\f", " ").strip(), page))
    return found


# Page furniture


def _furniture(lines: Sequence[_Line]) -> tuple[set[int], list[str], str]:
    """Indexes of header and footer lines, notices saying what went, and the header symbol."""
    pages = lines[-1].page + 1 if lines else 1
    dropped = _paged(lines, pages) if pages >= 2 else _unpaged(lines)
    dropped |= _neighbours(lines, dropped)
    symbols = Counter(symbol_in(lines[i].text) for i in dropped if is_symbol(lines[i].text))
    symbol = symbols.most_common(1)[0][0] if symbols else ""
    return dropped, _notices(lines, dropped), symbol


def _key(text: str) -> str:
    """Lines that differ only by their numbers ("Page 3", "Page 4") are one kind of line."""
    return _DIGITS.sub("#", _SPACES.sub(" ", text))


def _paged(lines: Sequence[_Line], pages: int) -> set[int]:
    """With form feeds: lines in the top or bottom band of many pages, and page numbers."""
    bands: dict[int, list[int]] = defaultdict(list)
    for page, indexes in _by_page(lines).items():
        bands[page] = sorted(set(indexes[:_BAND] + indexes[-_BAND:]))
    seen_on: dict[str, set[int]] = defaultdict(set)
    for page, indexes in bands.items():
        for i in indexes:
            seen_on[_key(lines[i].text)].add(page)
    enough = max(2, round(pages * 0.4))
    return {
        i
        for indexes in bands.values()
        for i in indexes
        if len(seen_on[_key(lines[i].text)]) >= enough or _is_furniture_shape(lines[i].text)
    }


def _by_page(lines: Sequence[_Line]) -> dict[int, list[int]]:
    pages: dict[int, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        if line.text:
            pages[line.page].append(i)
    return pages


def _unpaged(lines: Sequence[_Line]) -> set[int]:
    """Without form feeds: job numbers, repeated symbols, and page numbers in sequence."""
    symbols = Counter(symbol_in(line.text) for line in lines if is_symbol(line.text))
    dropped = {
        i
        for i, line in enumerate(lines)
        if _JOB_NUMBER.match(line.text)
        or symbols[line.text] >= 2
        or (_PAGE_NUMBER.match(line.text) and not line.text.isdigit())
    }
    return dropped | _page_sequence(lines)


def _page_sequence(lines: Sequence[_Line]) -> set[int]:
    """Bare numbers that count pages (3, then 4 or 5 a page later). A lone number in the
    text ("… under article" / "12") does not follow a count and is kept."""
    bare = [(i, int(line.text)) for i, line in enumerate(lines) if _is_page_count(line.text)]
    chained = set()
    for (i, n), (j, m) in pairwise(bare):
        if 1 <= m - n <= 2 and j - i >= 10:
            chained |= {i, j}
    return chained if len(chained) >= 3 else set()


def _is_page_count(text: str) -> bool:
    """One to four ASCII digits ("²" and "٣" are digits to `str.isdigit`, but not pages)."""
    return len(text) <= 4 and text.isascii() and text.isdigit()


def _is_furniture_shape(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text) or _JOB_NUMBER.match(text) or is_symbol(text))


def _neighbours(lines: Sequence[_Line], dropped: set[int]) -> set[int]:
    """Repeated lines that always sit beside dropped furniture: the rest of the header."""
    near: dict[str, list[int]] = defaultdict(list)
    counts = Counter(_key(line.text) for line in lines if line.text)
    for i, line in enumerate(lines):
        if i not in dropped and line.text and counts[_key(line.text)] >= 3:
            near[_key(line.text)].append(i)
    found: set[int] = set()
    for indexes in near.values():
        if all(any(j in dropped for j in range(i - 2, i + 3) if j != i) for i in indexes):
            found.update(indexes)
    return found


def _notices(lines: Sequence[_Line], dropped: set[int]) -> list[str]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i in sorted(dropped):
        text = lines[i].text
        groups["page numbers" if _PAGE_NUMBER.match(text) else _key(text)].append(i)
    notices = []
    for key, indexes in groups.items():
        first = lines[indexes[0]]
        what = "page numbers" if key == "page numbers" else f"page furniture {first.text!r}"
        notices.append(
            f"{what} dropped: {plural(len(indexes), 'line')}, first at line {first.number}"
        )
    return notices


# Paragraphs


def _paragraphs(lines: Sequence[_Line], dropped: set[int]) -> Iterator[Block]:
    kept = [(i, line) for i, line in enumerate(lines) if i not in dropped and line.text]
    width = _width([line for _, line in kept])
    if width > _WRAP_WIDTH:
        yield from (Block(line.text, f"line {line.number}") for _, line in kept)
        return
    current: list[_Line] = []
    previous_index, title = -1, False
    for i, line in kept:
        if current and _breaks(
            _Gap(lines, dropped, previous_index, i), current, line, width, title
        ):
            block = _join(current)
            heading = parse_heading(block.text)
            title = heading is not None and not heading.title
            yield block
            current = []
        current.append(line)
        previous_index = i
    if current:
        yield _join(current)


def _width(lines: Sequence[_Line]) -> int:
    """The length most wrapped lines reach: the 90th percentile of line lengths, or
    `_NARROWEST` for a short file of short lines."""
    lengths = sorted(len(line.text) for line in lines)
    return max(lengths[int(len(lengths) * 0.9)] if lengths else 0, _NARROWEST)


@dataclass(frozen=True)
class _Gap:
    """What lies between two kept lines: blank lines, a page turn (dropped furniture)."""

    lines: Sequence[_Line]
    dropped: set[int]
    before: int
    at: int

    @property
    def blank(self) -> bool:
        between = range(self.before + 1, self.at)
        return any(not self.lines[j].text and j not in self.dropped for j in between)

    @property
    def page_turn(self) -> bool:
        between = range(self.before + 1, self.at)
        return any(j in self.dropped for j in between) or (
            self.lines[self.at].page != self.lines[self.before].page
        )


def _breaks(gap: _Gap, current: list[_Line], line: _Line, width: int, title: bool) -> bool:
    """Whether `line` starts a new paragraph rather than continuing `current`.

    A paragraph ends at a blank line, or at a short line ending in punctuation; across
    a page turn it goes on if its last line is full and ends mid-sentence. A heading or
    numbered line starts a paragraph unless it is the end of a sentence wrapped onto a
    new line ("… subject to articles 24 and" / "25."). The title after a heading's
    number ends at the first gap.
    """
    last = current[-1].text
    if len(current) == 1 and parse_heading(last) is not None:
        return True
    if is_cover_line(last) or is_cover_line(line.text):
        return True  # "United Nations", "Distr.: General", a date: each a line of its own
    if title and (gap.blank or gap.page_turn):
        return True
    if title and len(current) == 1 and _ends_title(last, line.text, width):
        return True  # "Article 1" / "Subject matter" / "This Regulation…": the body is apart
    short = len(last) < width * 0.6
    if gap.page_turn:
        ended = (short or last.endswith(_SENTENCE_ENDS)) and not line.text[:1].islower()
    else:
        ended = gap.blank or (short and last.endswith(_PARAGRAPH_ENDS))
    open_sentence = not short and not last.endswith(_PARAGRAPH_ENDS) and not _LIST_JOIN.search(last)
    return ended or (_opens_unit(line.text) and not open_sentence)


def _ends_title(title: str, following: str, width: int) -> bool:
    """Whether a heading's title line is whole: a line of capitals, or a short line that
    reads as a title, which the next line does not carry on in lower case. So in text
    from a PDF, with no blank line between a title and the body under it, they part;
    a body's first line, wrapped at the full width, goes on."""
    if following[:1].islower():
        return False
    short = len(title) < width * 0.6
    return looks_like_heading(title) or (short and looks_like_title(title))


def _opens_unit(text: str) -> bool:
    """A heading or numbered paragraph: always its own paragraph, never a continuation."""
    return parse_heading(text) is not None or parse_number(text) is not None


def _join(lines: list[_Line]) -> Block:
    """Wrapped lines back into one paragraph; a word hyphenated at a line end keeps its
    hyphen (it may be a real one, as in "non-intervention", "Secretary-General") and
    loses the space."""
    pieces = [lines[0].text]
    for before, line in pairwise(lines):  # the line before, not the text so far: linear
        hyphenated = _HYPHENATED.search(before.text) and line.text[:1].isalpha()
        pieces.append(line.text if hyphenated else f" {line.text}")
    return Block("".join(pieces), f"line {lines[0].number}")


def looks_like_draft(data: bytes, suffix: str = ".txt") -> bool:
    """Whether a text file found in a folder is a draft (has an article heading) rather
    than the notes or read-me files that share folders with drafts. Reads 1 MiB at most."""
    head = data[: 1 << 20]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8", errors="ignore")
    return any(
        (found := parse_heading(line.strip())) is not None and found.kind == "article"
        for line in to_text(text, suffix).text.splitlines()
    )
