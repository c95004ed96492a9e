"""Read a Word document (.docx) into paragraphs for structure detection, refusing unsafe files.

A .docx is a zip of XML parts. Read are the document, its styles (which paragraphs are
headings), its numbering (the "1." and "(a)" Word prints but does not store in the
text) and its footnotes and endnotes; every part goes through `drafts.safe_xml`.
The zip itself is checked before anything is decompressed: legacy or encrypted Word
files (OLE compound files), other zips, macro-enabled documents and archives that
would expand beyond the size limit are refused with a reason.

Drafts circulate with tracked changes still in them. They are read as accepted
(insertions kept, deletions dropped, moved text at its new place) and the reader says
so, since the text stored is then not exactly what Word shows with markup on.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from lxml import etree

from drafts import safe_xml
from drafts.errors import DraftImportError
from drafts.structure import Block, NoteRef

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_EXPANDED = safe_xml.MAX_BYTES
"""Largest total the archive may expand to: the same cap as for an XML file, checked
against the sizes the zip declares before a byte is decompressed (and enforced while
reading, in case the declarations lie)."""
MAX_ENTRIES = 10_000

_MACRO_TYPES = ("macroEnabled", "vbaProject")
_DOCUMENT_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
)
_NOTE_MARK = "\ufdd0"  # a Unicode noncharacter: never in real text, marks a note reference
_SPACES = re.compile(r"[ \t\r\n]+")
_SKIPPED = frozenset(
    "pPr rPr del moveFrom delText instrText delInstrText footnoteRef endnoteRef separator "
    "continuationSeparator commentReference annotationRef fldChar lastRenderedPageBreak "
    "bookmarkStart bookmarkEnd proofErr commentRangeStart commentRangeEnd permStart permEnd "
    "sdtPr sdtEndPr tblPr tblGrid trPr tcPr object".split()
)


@dataclass(frozen=True)
class WordDocument:
    """The paragraphs of a .docx in reading order, and what the reader had to tell."""

    blocks: tuple[Block, ...]
    notices: tuple[str, ...]


def read_docx(data: bytes, source: str) -> WordDocument:
    """Read the bytes of a .docx file, or raise `DraftImportError` saying why not."""
    with _open_zip(data, source) as archive:
        parts = _Parts(archive, source)
        main = parts.main_document()
        reader = _Reader(parts, main)
        blocks = reader.read()
    return WordDocument(tuple(blocks), reader.notices())


# The package: a zip checked before it is trusted


def _open_zip(data: bytes, source: str) -> zipfile.ZipFile:
    if data.startswith(OLE_MAGIC):
        raise DraftImportError(
            source,
            "an encrypted (password-protected) or old-format (.doc) Word file: it is an OLE "
            "compound file, not a .docx; remove the password or save it as .docx in Word",
        )
    if not data.startswith(b"PK"):
        raise DraftImportError(source, f"not a Word .docx file: {_what_it_is(data)}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as exc:
        raise DraftImportError(source, f"not a Word .docx file: a damaged zip ({exc})") from exc
    entries = archive.infolist()
    expanded = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ENTRIES or expanded > MAX_EXPANDED:
        archive.close()
        raise DraftImportError(
            source,
            f"the archive would expand to {expanded:,} bytes in {len(entries):,} parts, over the "
            f"limit of {MAX_EXPANDED:,} bytes; refused before decompressing (a zip bomb?)",
        )
    if any(entry.flag_bits & 0x1 for entry in entries):
        archive.close()
        raise DraftImportError(source, "the zip archive is password-protected")
    return archive


def _what_it_is(data: bytes) -> str:
    """Name the usual wrong files, so the message says what to do."""
    if data.startswith(b"%PDF"):
        return "it is a PDF; convert it to text (e.g. pdftotext) and import the .txt"
    if data.startswith(b"{\\rtf"):
        return "it is an RTF file; save it as .docx in Word"
    if data.lstrip().startswith(b"<"):
        return "it is XML or HTML, not a zip archive; save it as .docx in Word"
    return "it is not a zip archive (a .docx file is one)"


class _Parts:
    """The package's parts, found through its relationships, each read under the cap."""

    def __init__(self, archive: zipfile.ZipFile, source: str) -> None:
        self.archive = archive
        self.source = source
        self.names = set(archive.namelist())
        self.read_so_far = 0

    def main_document(self) -> str:
        name = self._target("_rels/.rels", "/officeDocument", "") or "word/document.xml"
        if name not in self.names:
            raise DraftImportError(
                self.source, f"not a Word .docx file: the zip archive has no {name}{self._hint()}"
            )
        content_type = self._content_type(name)
        if any(m in content_type for m in _MACRO_TYPES) or any(
            PurePosixPath(n).name.lower() == "vbaproject.bin" for n in self.names
        ):
            raise DraftImportError(
                self.source,
                "a macro-enabled Word document (.docm): refused, since it can carry macros; "
                "save it as a plain .docx (Word document) and import that",
            )
        if content_type and content_type not in _DOCUMENT_TYPES:
            raise DraftImportError(
                self.source, f"not a Word document: its main part is of type {content_type}"
            )
        return name

    def _hint(self) -> str:
        for marker, kind in (("xl/workbook.xml", "an Excel workbook"), ("ppt/", "PowerPoint")):
            if any(n.startswith(marker) for n in self.names):
                return f" (it looks like {kind})"
        if "content.xml" in self.names:
            return " (it looks like an OpenDocument file; save it as .docx)"
        return ""

    def related(self, document: str, kind: str, default: str) -> str:
        """The part related to `document` by relationship type `kind` ("styles", …)."""
        folder = PurePosixPath(document).parent
        rels = str(folder / "_rels" / f"{PurePosixPath(document).name}.rels")
        return self._target(rels, f"/{kind}", str(folder)) or str(folder / default)

    def _target(self, rels: str, type_suffix: str, base: str) -> str:
        root = self.xml(rels)
        if root is None:
            return ""
        for rel in root:
            if (rel.get("Type") or "").endswith(type_suffix) and rel.get(
                "TargetMode"
            ) != "External":
                target = rel.get("Target") or ""
                path = target.lstrip("/") if target.startswith("/") else f"{base}/{target}"
                return str(PurePosixPath(_normalize(path.lstrip("/"))))
        return ""

    def _content_type(self, name: str) -> str:
        root = self.xml("[Content_Types].xml")
        for override in root if root is not None else ():
            if (override.get("PartName") or "").lstrip("/") == name:
                return override.get("ContentType") or ""
        return ""

    def xml(self, name: str) -> etree._Element | None:
        data = self.read(name)
        if data is None:
            return None
        try:
            return safe_xml.parse(data, self.source)
        except DraftImportError as exc:
            raise DraftImportError(self.source, f"in its part {name}: {exc.reason}") from exc

    def read(self, name: str) -> bytes | None:
        if name not in self.names:
            return None
        budget = MAX_EXPANDED - self.read_so_far
        try:
            with self.archive.open(name) as part:
                data = part.read(budget + 1)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError) as exc:
            raise DraftImportError(self.source, f"the part {name} cannot be read ({exc})") from exc
        self.read_so_far += len(data)
        if len(data) > budget:
            raise DraftImportError(
                self.source, f"the archive expands beyond {MAX_EXPANDED:,} bytes; refused"
            )
        return data


def _normalize(path: str) -> str:
    parts: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


# The document: paragraphs, tables and notes in reading order


@dataclass(frozen=True)
class _Style:
    name: str
    outline: int | None
    num_id: str
    ilvl: int | None


class _Reader:
    """Walks the body once; counts what it accepted or left out, to tell the user."""

    def __init__(self, parts: _Parts, main: str) -> None:
        self.root = parts.xml(main)
        assert self.root is not None
        self.w = f"{{{etree.QName(self.root).namespace or W_TRANSITIONAL}}}"
        self.counted: Counter[str] = Counter()
        self.markers: Counter[str] = Counter()
        self.paragraphs = 0
        self.carried: tuple[list[str], list[tuple[str, str]]] = ([], [])
        self.styles, self.default_style = self._styles(
            parts.xml(parts.related(main, "styles", "styles.xml"))
        )
        self.numbering = Numbering(
            parts.xml(parts.related(main, "numbering", "numbering.xml")), self.w
        )
        self.footnotes = self._notes(
            parts.xml(parts.related(main, "footnotes", "footnotes.xml")), "footnote"
        )
        self.endnotes = self._notes(
            parts.xml(parts.related(main, "endnotes", "endnotes.xml")), "endnote"
        )

    def read(self) -> list[Block]:
        body = self.root.find(f"{self.w}body")
        if body is None:
            return []
        self._count_changes(self.root)
        return list(self._blocks(body))

    def _blocks(self, container: etree._Element) -> Iterator[Block]:
        for child in container:
            name = etree.QName(child).localname
            if name == "p":
                self.paragraphs += 1
                if self._is_toc(child):
                    self.counted["toc"] += 1
                    continue
                yield from self._paragraph(child)
            elif name == "tbl":
                self.paragraphs += 1
                yield self._table(child)
            elif name in ("sdt", "customXml", "ins", "moveTo"):
                if name == "sdt" and self._is_toc_control(child):
                    self.counted["toc"] += 1
                    continue
                inner = child.find(f"{self.w}sdtContent") if name == "sdt" else child
                if inner is not None:
                    yield from self._blocks(inner)

    def _paragraph(self, p: etree._Element) -> Iterator[Block]:
        """The paragraph's lines (a manual line break starts a new one), then its text boxes.

        A paragraph whose mark was deleted with changes tracked is, once accepted, one
        paragraph with the next: its text is carried over.
        """
        style = self._style_of(p)
        pieces, notes = self.carried
        self.carried = ([], [])
        boxes: list[etree._Element] = []
        self._inline(p, pieces, notes, boxes)
        if p.find(f"{self.w}pPr/{self.w}rPr/{self.w}del") is not None:
            self.carried = ([*pieces, " "], notes)
            return
        number = self._number_of(p, style)
        outline = self._outline_of(p, style)
        for text, refs in _split_lines("".join(pieces), notes):
            yield Block(text, f"paragraph {self.paragraphs}", style.name, outline, number, refs)
            number = ""
        for box in boxes:
            yield from self._blocks(box)

    def _table(self, table: etree._Element) -> Block:
        """A table as rows of cells; each cell's paragraphs (and nested tables) merged."""
        where = f"table at paragraph {self.paragraphs}"
        rows = tuple(
            tuple(_merge(list(self._blocks(tc)), where) for tc in tr.iterfind(f"{self.w}tc"))
            for tr in table.iterfind(f"{self.w}tr")
        )
        return Block("", where, rows=rows)

    def _inline(
        self,
        element: etree._Element,
        pieces: list[str],
        notes: list[tuple[str, str]],
        boxes: list[etree._Element],
    ) -> None:
        """Gather the text of runs in order, as Word would show it with changes accepted."""
        for child in element:
            qname = etree.QName(child)
            name = qname.localname
            if qname.namespace == MATH and name == "t":
                pieces.append(child.text or "")
            elif name in _SKIPPED:
                continue
            elif name == "t":
                pieces.append((child.text or "").replace(_NOTE_MARK, ""))
            elif name in ("tab", "ptab"):
                pieces.append("\t")
            elif name in ("br", "cr"):
                pieces.append("\n")
            elif name == "noBreakHyphen":
                pieces.append("\u2011")
            elif name == "sym":
                pieces.append(_symbol(child.get(f"{self.w}char") or ""))
            elif name in ("footnoteReference", "endnoteReference"):
                self._reference(child, name, pieces, notes)
            elif name == "txbxContent":
                boxes.append(child)
            elif name == "AlternateContent" and qname.namespace == MC:
                chosen = next(iter(child), None)
                if chosen is not None:
                    self._inline(chosen, pieces, notes, boxes)
            else:
                self._inline(child, pieces, notes, boxes)

    def _reference(
        self, ref: etree._Element, name: str, pieces: list[str], notes: list[tuple[str, str]]
    ) -> None:
        kind = "footnote" if name == "footnoteReference" else "endnote"
        texts = self.footnotes if kind == "footnote" else self.endnotes
        text = texts.get(ref.get(f"{self.w}id") or "", "")
        self.markers[kind] += 1
        marker = str(self.markers[kind]) if kind == "footnote" else _roman_any(self.markers[kind])
        pieces.append(_NOTE_MARK)
        notes.append((marker, text))

    def _notes(self, root: etree._Element | None, kind: str) -> dict[str, str]:
        found: dict[str, str] = {}
        for note in root.iter(f"{self.w}{kind}") if root is not None else ():
            if note.get(f"{self.w}type") in ("separator", "continuationSeparator"):
                continue
            pieces: list[str] = []
            for p in note.iter(f"{self.w}p"):
                self._inline(p, pieces, [], [])
                pieces.append(" ")
            found[note.get(f"{self.w}id") or ""] = _fold("".join(pieces))
        return found

    # Styles, outline levels and numbering

    def _styles(self, root: etree._Element | None) -> tuple[dict[str, _Style], str]:
        raw: dict[str, etree._Element] = {}
        default = ""
        for style in root.iter(f"{self.w}style") if root is not None else ():
            if style.get(f"{self.w}type") == "paragraph":
                style_id = style.get(f"{self.w}styleId") or ""
                raw[style_id] = style
                if style.get(f"{self.w}default") in ("1", "true", "on"):
                    default = style_id
        return {sid: self._resolve(sid, raw) for sid in raw}, default

    def _resolve(self, style_id: str, raw: dict[str, etree._Element]) -> _Style:
        """A style's name, and the outline level and numbering it has or inherits."""
        chain, seen = [], set()
        while style_id in raw and style_id not in seen:
            seen.add(style_id)
            chain.append(raw[style_id])
            based = raw[style_id].find(f"{self.w}basedOn")
            style_id = based.get(f"{self.w}val") or "" if based is not None else ""
        name = _val(chain[0].find(f"{self.w}name"), self.w) or chain[0].get(f"{self.w}styleId")
        outline = next(
            (v for s in chain if (v := self._outline(s.find(f"{self.w}pPr"))) is not None), None
        )
        heading = re.fullmatch(r"heading (\d)", (name or "").casefold())
        if outline is None and heading:
            outline = int(heading[1]) - 1
        num_id, ilvl = "", None
        for s in chain:
            numbering = s.find(f"{self.w}pPr/{self.w}numPr")
            if numbering is not None:
                num_id = num_id or _val(numbering.find(f"{self.w}numId"), self.w)
                level = _val(numbering.find(f"{self.w}ilvl"), self.w)
                ilvl = ilvl if ilvl is not None else (int(level) if level.isdigit() else None)
        return _Style(name or "", outline, num_id, ilvl)

    def _outline(self, ppr: etree._Element | None) -> int | None:
        value = _val(ppr.find(f"{self.w}outlineLvl") if ppr is not None else None, self.w)
        return int(value) if value.isdigit() and int(value) < 9 else None

    def _style_of(self, p: etree._Element) -> _Style:
        style_id = _val(p.find(f"{self.w}pPr/{self.w}pStyle"), self.w) or self.default_style
        return self.styles.get(style_id, _Style("", None, "", None))

    def _outline_of(self, p: etree._Element, style: _Style) -> int | None:
        own = self._outline(p.find(f"{self.w}pPr"))
        return own if own is not None else style.outline

    def _number_of(self, p: etree._Element, style: _Style) -> str:
        numbering = p.find(f"{self.w}pPr/{self.w}numPr")
        num_id, ilvl = style.num_id, style.ilvl or 0
        if numbering is not None:
            num_id = _val(numbering.find(f"{self.w}numId"), self.w) or num_id
            level = _val(numbering.find(f"{self.w}ilvl"), self.w)
            ilvl = int(level) if level.isdigit() else ilvl
        return self.numbering.label(num_id, ilvl) if num_id and num_id != "0" else ""

    def _is_toc(self, p: etree._Element) -> bool:
        return self._style_of(p).name.casefold().startswith("toc ")

    def _is_toc_control(self, sdt: etree._Element) -> bool:
        gallery = sdt.find(f"{self.w}sdtPr/{self.w}docPartObj/{self.w}docPartGallery")
        return "contents" in _val(gallery, self.w).casefold()

    # What to tell the user

    def _count_changes(self, root: etree._Element) -> None:
        for name in ("ins", "del", "moveFrom", "moveTo", "commentReference", "altChunk"):
            self.counted[name] = sum(1 for _ in root.iter(f"{self.w}{name}"))
        self.counted["moved"] = sum(1 for _ in root.iter(f"{self.w}moveFromRangeStart"))

    def notices(self) -> tuple[str, ...]:
        found = []
        c = self.counted
        if c["ins"] or c["del"] or c["moveFrom"] or c["moveTo"]:
            moves = max(c["moved"], 1) if c["moveFrom"] or c["moveTo"] else 0
            counts = ", ".join(
                _count(n, word)
                for n, word in ((c["ins"], "insertion"), (c["del"], "deletion"), (moves, "move"))
            )
            found.append(
                f"the document has tracked changes ({counts}): read with every change accepted "
                "(insertions kept, deletions dropped, moved text at its new place); check "
                "against Word if that is not the text you meant to import"
            )
        if c["commentReference"]:
            found.append(
                f"{_count(c['commentReference'], 'Word comment')} left out (not draft text)"
            )
        if c["altChunk"]:
            found.append(
                f"{_count(c['altChunk'], 'embedded document')} (altChunk) not read: open the file "
                "in Word and save it again to merge them into the text"
            )
        if c["toc"]:
            found.append(f"a table of contents ({_count(c['toc'], 'line')}) was left out")
        return tuple(found)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _val(element: etree._Element | None, w: str) -> str:
    return (element.get(f"{w}val") or "") if element is not None else ""


def _symbol(code: str) -> str:
    """A w:sym character; symbol fonts put theirs at U+F0xx, which maps back to xx."""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    return chr(value - 0xF000 if 0xF020 <= value <= 0xF0FF else value)


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _split_lines(text: str, notes: list[tuple[str, str]]) -> list[tuple[str, tuple[NoteRef, ...]]]:
    """Split at line breaks, fold spaces, and turn note marks into offsets in the result."""
    result = []
    remaining = iter(notes)
    for line in text.split("\n"):
        folded = _fold(line)
        refs = []
        while _NOTE_MARK in folded:
            at = folded.index(_NOTE_MARK)
            marker, note = next(remaining)
            refs.append(NoteRef(at, marker, note))
            folded = folded[:at] + folded[at + 1 :]
        result.append((folded.strip(), tuple(refs)))
    return result


def _merge(blocks: list[Block], where: str) -> Block:
    """One table cell from its paragraphs: texts joined by spaces, note offsets kept."""
    text, notes = "", []
    for block in blocks:
        if block.rows:
            block = Block(" | ".join(c.text for row in block.rows for c in row), block.where)
        start = len(text) + (1 if text else 0)
        notes.extend(NoteRef(start + n.offset, n.marker, n.text) for n in block.notes)
        text = f"{text} {block.full_text}" if text else block.full_text
    return Block(text, where, notes=tuple(notes))


class Numbering:
    """The numbers Word prints for numbered paragraphs ("Article %1", "%1.", "(%2)").

    Counters belong to the abstract list, so paragraphs of two list instances that share
    one continue each other's count, as in Word; a `startOverride` restarts the count
    the first time its instance is used. A level's counter restarts after any shallower
    level is used.
    """

    def __init__(self, root: etree._Element | None, w: str) -> None:
        self.w = w
        self.levels: dict[str, dict[int, tuple[int, str, str, bool]]] = {}
        self.instances: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        for abstract in root.iterfind(f"{w}abstractNum") if root is not None else ():
            levels = {}
            for lvl in abstract.iterfind(f"{w}lvl"):
                start = _val(lvl.find(f"{w}start"), w)
                levels[int(lvl.get(f"{w}ilvl") or 0)] = (
                    int(start) if start.lstrip("-").isdigit() else 1,
                    _val(lvl.find(f"{w}numFmt"), w) or "decimal",
                    _val(lvl.find(f"{w}lvlText"), w),
                    lvl.find(f"{w}isLgl") is not None,
                )
            self.levels[abstract.get(f"{w}abstractNumId") or ""] = levels
        for num in root.iterfind(f"{w}num") if root is not None else ():
            overrides = {}
            for override in num.iterfind(f"{w}lvlOverride"):
                start = _val(override.find(f"{w}startOverride"), w)
                if start.isdigit():
                    overrides[int(override.get(f"{w}ilvl") or 0)] = int(start)
            abstract_id = _val(num.find(f"{w}abstractNumId"), w)
            self.instances[num.get(f"{w}numId") or ""] = (abstract_id, overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the count for one paragraph and return what Word prints before it."""
        abstract_id, overrides = self.instances.get(num_id, ("", {}))
        levels = self.levels.get(abstract_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, [None] * 10)
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in overrides.items():
                counters[level] = start - 1
        current = counters[ilvl]
        counters[ilvl] = levels[ilvl][0] if current is None else current + 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = None
        return self._render(levels, counters, ilvl)

    def _render(
        self, levels: dict[int, tuple[int, str, str, bool]], counters: list[int | None], ilvl: int
    ) -> str:
        _, fmt, text, legal = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""

        def value(match: re.Match[str]) -> str:
            level = int(match[1]) - 1
            if level not in levels:
                return ""
            count = counters[level] if counters[level] is not None else levels[level][0]
            shown = "decimal" if legal and level < ilvl else levels[level][1]
            return format_number(count or 0, shown)

        return re.sub(r"%(\d)", value, text).strip()


def format_number(n: int, fmt: str) -> str:
    """`n` in one of Word's number formats (decimal for those Travaux does not know)."""
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman_any(n)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman_any(n: int) -> str:
    numerals = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out, n = out + letters, n - value
    return out
