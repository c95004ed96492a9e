"""Read a PDF draft into paragraphs for structure detection, as the Word reader does.

`pdf_runs` takes the text off the pages (with PDFium) and `pdf_layout` puts it in
lines in reading order, page furniture and footnotes apart; here the lines become
`Block`s. A paragraph ends where the space between lines opens, where the type
changes (a heading in bold or larger type is a paragraph of its own, and is styled
a heading, as Word would have it), or at a short line ending a sentence; a heading
or a numbered paragraph ("Article 5", "2.", "(b)") starts one. Across a page or a
column it goes on when the last line was full (the next word would not have fitted
on it) and the sentence open.

A word broken at a line end ("non-" / "compliance") is joined back without its
hyphen only where the joined word occurs elsewhere in the document; otherwise the
hyphen stays ("Secretary-General"). Struck-through words become the draft's deletion
marks, exactly as struck runs in Word do; a footnote call (a small raised number)
becomes a note with the text found at the foot of its page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from drafts.errors import DraftImportError
from drafts.reading.document import Block, NoteRef, add_insertion
from drafts.reading.headings import is_symbol, parse_heading, parse_number, symbol_in
from drafts.reading.pdf_layout import Layout, Line, Page, Piece, lay_out
from drafts.reading.pdf_runs import read_pages
from drafts.reading.provision_text import take_out

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_HYPHENATED = re.compile(r"[^\W\d_]+-[^\W\d_]+")
_BROKEN = re.compile(r"([^\W\d_]+)-$")
_SENTENCE_ENDS = tuple('.;:!?)]”"')
_NOTE_MARK = "\ufdd0"  # noncharacters: never in real text
_DEL_MARK = "\ufdd2"
_INS_MARK = "\ufdd4"  # where words the draft marks as inserted begin (\ufdd3 joins hyphens)
_INS_END = "\ufdd5"  # and end
_NOTE_START = re.compile(r"^\s*(\d{1,3}|[*†‡§]{1,3})[.)]?\s+")
HEADING_STYLE = "heading (from the PDF's type)"


@dataclass(frozen=True)
class PdfDocument:
    """The paragraphs of a PDF, the symbol its page headers carry, and what to tell."""

    blocks: tuple[Block, ...]
    symbol: str
    notices: tuple[str, ...]
    dropped: tuple[tuple[str, str], ...]


def read_pdf(data: bytes, source: str) -> PdfDocument:
    """Read the bytes of a PDF, or raise `DraftImportError` saying why not (a scan with
    no text, an encrypted or damaged file)."""
    raw = list(read_pages(data, source))
    blank = [p.number for p in raw if not any(r.text.strip() for r in p.runs)]
    if len(blank) == len(raw):
        raise DraftImportError(source, "page 1 has no text: this PDF is a scan; run OCR first")
    layout = lay_out(raw)
    notices = [f"{len(raw)} {'page' if len(raw) == 1 else 'pages'} read from the PDF"]
    if blank:
        pages = ", ".join(map(str, blank[:10])) + (" …" if len(blank) > 10 else "")
        notices.append(f"pages with no text (scanned or blank), not read: {pages}")
    reader = _Paragraphs(layout)
    blocks = list(reader.blocks())
    notices.extend(layout.notices)
    notices.extend(reader.notices())
    symbols = Counter(
        symbol_in(t) for why, t in layout.dropped if why == "page furniture" and is_symbol(t)
    )
    symbol = symbols.most_common(1)[0][0] if symbols else ""
    return PdfDocument(tuple(blocks), symbol, tuple(notices), (*layout.dropped, *reader.dropped))


class _Paragraphs:
    """Joins lines into paragraphs, repairing hyphenation, keeping marks and notes."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.body = layout.body_size
        texts = [line.text for page in layout.pages for line in page.lines]
        everything = "\n".join(texts).casefold()
        self.words = Counter(_WORD.findall(everything))
        full = [
            line
            for page in layout.pages
            for line in page.lines
            if line.right - line.x1 < 2 * line.size and line.pieces
        ]
        ends = sum(1 for line in full if line.pieces[-1].text[-1:].isspace())
        self.trailing_spaces = len(full) >= 10 and ends >= 0.8 * len(full)
        """The program that made the PDF draws the space at a line's end: a line that
        ends without one was broken where there was no space ("][", "/")."""
        widths = sorted(
            (line.x1 - line.x0) / (len(line.text) * line.size)
            for page in layout.pages
            for line in page.lines
            if len(line.text) >= 20
        )
        self.em_per_char = widths[len(widths) // 2] * 1.4 if widths else 0.7
        """How wide a character of this document's type is, on average, in ems (with a
        margin): how much room the next line's first word would have needed."""
        self.hyphenated = set(_HYPHENATED.findall(everything))
        self.brackets_touch = everything.count("][") > everything.count("] [")
        self.opening: dict[str, tuple[bool, bool]] = {}
        """Alternatives in square brackets ("[shall][may]") are written touching in this
        document: a line broken between two is joined the same way."""
        self.repaired = 0
        self.kept_hyphens = 0
        self.struck = 0
        self.inserted = 0
        self.marks_emphasis = any(
            piece.struck for page in layout.pages for line in page.lines for piece in line.pieces
        )
        """A document that strikes words through is a compromise text: its bold words in
        running text are its insertions (as in Word); elsewhere bold is emphasis."""
        self.unmatched_notes: list[str] = []
        self.dropped: list[tuple[str, str]] = []
        self.unmatched_pages: list[str] = []

    def blocks(self) -> Iterator[Block]:
        current: list[Line] = []
        notes: dict[str, str] = {}
        for page in self.layout.pages:
            page_notes = _notes(page)
            self._call_unmatched(page, page_notes)
            for line in page.lines:
                if current and self._breaks(current, line):
                    yield self._block(current, notes)
                    current = []
                current.append(line)
                notes.update(page_notes)
        if current:
            yield self._block(current, notes)

    def _call_unmatched(self, page: Page, page_notes: dict[str, str]) -> None:
        """A footnote whose call was not found (not raised, or lost in the type) is
        called from the end of the page's last line, so its words stay with the text;
        on a page with no text it is left out, and said."""
        called = {marker for line in page.lines for marker in _calls(line)}
        for marker, text in page_notes.items():
            if marker in called:
                continue
            self.unmatched_notes.append(marker)
            self.unmatched_pages.append(str(page.number))
            if page.lines:
                page.lines[-1].pieces.append(Piece(marker, raised=True))
            else:
                self.dropped.append(("a footnote on a page with no text", text))

    # Where a paragraph ends

    def _heading_type(self, line: Line) -> bool:
        return line.bold or line.size >= 1.15 * self.body

    def _opens(self, text: str) -> tuple[bool, bool]:
        """Whether `text` reads as a heading, and whether as a heading or a numbered
        paragraph; asked once per line, though each line is looked at twice."""
        found = self.opening.get(text)
        if found is None:
            heading = parse_heading(text) is not None
            found = self.opening[text] = (heading, heading or parse_number(text) is not None)
        return found

    def _breaks(self, current: list[Line], line: Line) -> bool:
        last = current[-1]
        text = line.text
        if self._heading_type(last) != self._heading_type(line):
            return True
        opens = self._opens(text)[1]
        if len(current) == 1 and self._opens(last.text)[0]:
            return True
        if opens and self._heading_type(line):
            return True  # "Article 57" in bold under a chapter's title: a line of its own
        first_word = text.split(" ", 1)[0]
        room = last.right - last.x1
        centred = abs((last.x0 - last.left) - room) < 0.5 * last.size and room > last.size
        if centred and self._heading_type(last):
            room *= 2  # a centred title: the room is on both sides
        full = room < (len(first_word) + 1) * self.em_per_char * line.size
        """The next line's first word would not have fitted at the end of this one: the
        line was wrapped, not ended."""
        ended = last.text.endswith(_SENTENCE_ENDS)
        turn = last.page != line.page or last.column != line.column
        if not turn and line.baseline < last.baseline:
            if last.baseline - line.baseline > 1.45 * max(line.size, last.size):
                return True  # the space between paragraphs
        elif not turn:
            turn = True  # back up the page: a new block of columns
        if opens and (ended or not full):
            return True
        if turn:  # across a page or column: a stop after a comma ends a preamble's paragraph
            stops = last.text.endswith((*_SENTENCE_ENDS, ","))
            return not full and stops and not text[:1].islower()
        return not full and not text[:1].islower()  # the next word would have fitted

    # A paragraph's text

    def _block(self, lines: list[Line], notes: dict[str, str]) -> Block:
        pieces: list[str] = []
        refs: list[tuple[str, str, str]] = []
        texts = [p for line in lines for p in line.pieces if p.text.strip() and not p.raised]
        marking = self.marks_emphasis and not all(p.bold for p in texts)  # not a heading
        for k, line in enumerate(lines):
            parts = list(line.pieces)
            if k + 1 < len(lines):
                parts = self._dehyphenate(parts, lines[k + 1])
            for piece in parts:
                self._piece(piece, notes, pieces, refs, marking)
            unspaced = self.trailing_spaces and parts and not parts[-1].text[-1:].isspace()
            following = lines[k + 1].text if k + 1 < len(lines) else ""
            if parts and self.brackets_touch and parts[-1].text.rstrip().endswith("]"):
                unspaced = unspaced or following.startswith("[")
            pieces.append("" if unspaced else " ")
        text, found = _resolve("".join(pieces), refs)
        first = lines[0]
        short = len(lines) <= 3 and len(text) <= 200  # a whole paragraph in bold is text
        style = HEADING_STYLE if self._heading_type(first) and short else ""
        return Block(text, f"page {first.page}, line {first.number}", style, notes=found)

    def _piece(
        self,
        piece: Piece,
        notes: dict[str, str],
        pieces: list[str],
        refs: list[tuple[str, str, str]],
        marking: bool = False,
    ) -> None:
        marker = piece.text.strip()
        if piece.raised and marker in notes:
            pieces.append(_NOTE_MARK)
            refs.append((marker, notes[marker], "note"))
        elif piece.struck and piece.text.strip():
            self.struck += len(piece.text.split())
            if refs and refs[-1][2] == "del" and _just_after_deletion(pieces):
                marker_, words, kind = refs[-1]
                refs[-1] = (marker_, f"{words} {_fold(piece.text)}", kind)
                return
            pieces.append(_DEL_MARK)
            refs.append(("", _fold(piece.text), "del"))
        elif marking and piece.bold and piece.text.strip():
            self.inserted += len(piece.text.split())
            pieces.extend((_INS_MARK, piece.text, _INS_END))
            refs.extend((("", "", "ins"), ("", "", "ins end")))
        else:
            pieces.append(piece.text)

    def _dehyphenate(self, parts: list[Piece], following: Line) -> list[Piece]:
        """A word broken at the line's end joined back, if the document knows it."""
        if not parts or parts[-1].struck:
            return parts
        last = parts[-1].text.rstrip()
        if last.endswith("\u00ad"):
            return [*parts[:-1], replace(parts[-1], text=last[:-1] + "\ufdd3")]
        broken = _BROKEN.search(last)
        nxt = _WORD.match(following.text)
        if not broken or not nxt or following.text[:1] != nxt[0][:1]:
            return parts
        joined = (broken[1] + nxt[0]).casefold()
        hyphenated = f"{broken[1]}-{nxt[0]}".casefold()
        if self.words[joined] and not self._hyphenated_elsewhere(hyphenated):
            self.repaired += 1
            return [*parts[:-1], replace(parts[-1], text=last[:-1] + "\ufdd3")]
        self.kept_hyphens += 1
        return [*parts[:-1], replace(parts[-1], text=last + "\ufdd3")]

    def _hyphenated_elsewhere(self, word: str) -> bool:
        return word in self.hyphenated

    def notices(self) -> list[str]:
        found = []
        if self.repaired or self.kept_hyphens:
            found.append(
                f"words broken at line ends: {self.repaired} joined (the joined word occurs "
                f"elsewhere in the document), {self.kept_hyphens} kept with their hyphen"
            )
        if self.struck:
            found.append(
                f"the document strikes words through: {self.struck} struck words read as the "
                "draft's deletions, left out of its text and kept as its marks"
            )
        if self.inserted:
            found.append(
                f"the document marks insertions in bold: {self.inserted} words kept in its "
                "text and marked as the draft's insertions"
            )
        if self.unmatched_notes:
            found.append(
                f"{len(self.unmatched_notes)} footnotes at page feet matched no call in the "
                "text: kept as notes of the last paragraph of their page (pages "
                + ", ".join(sorted(set(self.unmatched_pages), key=int)[:10])
                + ")"
            )
        return found


def _just_after_deletion(pieces: list[str]) -> bool:
    """Whether only spaces stand between the last deletion mark and here: struck words
    side by side (across a line end too) are one deletion."""
    for piece in reversed(pieces):
        if piece == _DEL_MARK:
            return True
        if piece.strip():
            return False
    return False


def _calls(line: Line) -> set[str]:
    return {p.text.strip() for p in line.pieces if p.raised}


def _notes(page: Page) -> dict[str, str]:
    """The footnotes at the foot of `page`, by marker: a row starting with a marker
    opens a note, other rows carry it on. A marker is raised; or, where the notes'
    markers are not raised, a number the text calls ("… paragraph" / "3 now appear"
    goes on a note, when the text calls no note 3 on this page)."""
    found: dict[str, str] = {}
    current = ""
    called = {marker for line in page.lines for marker in _calls(line)}
    raised = any(line.pieces and line.pieces[0].raised for line in page.notes)
    for line in page.notes:
        first = line.pieces[0] if line.pieces else None
        marker = ""
        rest = line.text
        if first is not None and first.raised and first.text.strip():
            marker = first.text.strip()
            rest = "".join(p.text for p in line.pieces[1:]).strip()
        elif (
            (match := _NOTE_START.match(line.text))
            and not raised
            and (match[1] in called or not called or not current)
        ):
            marker, rest = match[1], line.text[match.end() :]
        if marker:
            current = marker
            found[current] = rest
        elif current:
            found[current] = _join_note(found[current], rest)
    return {m: _fold(t) for m, t in found.items()}


_MARKS = (_NOTE_MARK, _DEL_MARK, _INS_MARK, _INS_END)


def _join_note(text: str, more: str) -> str:
    return text[:-1] + more if re.search(r"[^\W\d_]-$", text) else f"{text} {more}"


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _resolve(text: str, refs: Sequence[tuple[str, str, str]]) -> tuple[str, tuple[NoteRef, ...]]:
    """Fold spaces, join hyphenated line ends, and turn note and deletion marks into
    offsets in the result."""
    text = re.sub(r"\ufdd3\s*", "", _fold(text).replace("\u00ad", ""))
    found: list[NoteRef] = []
    remaining = iter(refs)
    opened: list[int] = []
    while marks := [text.index(m) for m in _MARKS if m in text]:
        at = min(marks)
        marker, note, kind = next(remaining)
        if kind in ("ins", "ins end"):
            text = text[:at] + text[at + 1 :]
            if text[at - 1 : at] == " " and text[at : at + 1] == " ":
                text = text[:at] + text[at + 1 :]
            if kind == "ins":
                opened.append(at)
            elif opened:
                add_insertion(found, text, opened.pop(), at)
            continue
        if kind == "del":
            text, at = take_out(text, at)
        else:
            text = text[:at] + text[at + 1 :]
            if at and text[at - 1 : at] == " " and (at == len(text) or text[at : at + 1] == " "):
                text, at = text[: at - 1] + text[at:], at - 1
        found.append(NoteRef(at, marker, note, kind))
    stripped = text.strip()
    shift = len(text) - len(text.lstrip())
    return stripped, tuple(
        replace(n, offset=max(0, min(n.offset - shift, len(stripped)))) for n in found
    )
