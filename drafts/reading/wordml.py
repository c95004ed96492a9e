"""Read a Word document (.docx) into paragraphs for structure detection, refusing unsafe files.

A .docx is a zip of XML parts. Read are the document, its styles (which paragraphs are
headings), its numbering (the "1." and "(a)" Word prints but does not store in the
text, worked out by `drafts.reading.word_numbering`) and its footnotes and endnotes. The zip
is opened, checked and read by `drafts.reading.docx_package`, which refuses legacy or encrypted
Word files, other zips, macro-enabled documents and archives that would expand beyond
the size limit, with a reason; every part goes through `drafts.reading.safe_xml`.

Drafts circulate with tracked changes still in them. They are read as accepted
(insertions kept, deletions dropped, moved text at its new place) and the reader says
so, since the text stored is then not exactly what Word shows with markup on.

Two kinds of paragraph are not read as text. Those in the styles of Travaux's own Word
export that hold no draft text (`EXPORT_STYLES`: its summary table, the line above each
provision, the "Notes" label) are left out, so an exported comparison read back gives
the draft's provisions. Those in Word's note styles ("footnote text", "endnote text")
in the body, where notes typed in rather than inserted end up, are notes of the
paragraph before them, as an inserted footnote would have been.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from lxml import etree

from drafts.errors import DraftImportError
from drafts.reading import safe_xml
from drafts.reading.document import Block, NoteRef, add_insertion
from drafts.reading.docx_package import OLE_MAGIC as OLE_MAGIC  # named as wordml.OLE_MAGIC in tests
from drafts.reading.docx_package import Parts, open_zip
from drafts.reading.provision_text import take_out
from drafts.reading.word_numbering import Numbering, format_number, parse_level

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MAX_EXPANDED = safe_xml.MAX_BYTES
"""Largest total the archive may expand to: the same cap as for an XML file, checked
against the sizes the zip declares before a byte is decompressed (and enforced while
reading, in case the declarations lie). `read_docx` hands it to `drafts.reading.docx_package`."""

EXPORT_STYLES = frozenset(
    ("travaux info", "travaux row info", "travaux label", "travaux notes label", "travaux summary")
)
"""Style names (casefolded) in which `drafts.export.docx` writes what is not draft text."""
NOTE_STYLES = frozenset(("footnote text", "endnote text"))
"""Word's built-in note styles: a body paragraph in one is a note typed into the text."""
_TYPED_MARKER = re.compile(
    r"^(\d{1,3}|[*†‡§¶]{1,3}|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))[.)]?\s+(?=\S)"
)
"""The marker a typed note begins with: "1", "*", "†", or a roman numeral as endnotes have."""
_NOTE_MARK = "\ufdd0"  # a Unicode noncharacter: never in real text, marks a note reference
_SEAM = "\ufdd1"  # another noncharacter: where a deleted paragraph mark joined two
_DEL_MARK = "\ufdd2"  # a third: where words the draft marks as deleted stood
_INS_MARK = "\ufdd3"  # a fourth and a fifth: where words it marks as inserted begin
_INS_END = "\ufdd4"  # and end
_CLOSING_SEAM = re.compile(
    f"{_SEAM}(?=[{_NOTE_MARK}{_SEAM}{_DEL_MARK}{_INS_MARK}{_INS_END} \\t]*[.,;:!?)\\]}}”’»…])"
)
_MARKS = (_NOTE_MARK, _DEL_MARK, _INS_MARK, _INS_END)
_NONCHARACTERS = re.compile(f"[{_NOTE_MARK}{_SEAM}{_DEL_MARK}{_INS_MARK}{_INS_END}]")
_HEX4 = re.compile(r"[0-9A-Fa-f]{1,4}")
_OFF = frozenset(("0", "false", "off", "none"))
_SPACES = re.compile(r"[ \t\r\n]+")
_SKIPPED = frozenset(
    "pPr rPr delText instrText delInstrText footnoteRef endnoteRef separator "
    "continuationSeparator commentReference annotationRef fldChar lastRenderedPageBreak "
    "bookmarkStart bookmarkEnd proofErr commentRangeStart commentRangeEnd permStart permEnd "
    "sdtPr sdtEndPr tblPr tblGrid trPr tcPr object".split()
)


@dataclass(frozen=True)
class WordDocument:
    """The paragraphs of a .docx in reading order, and what the reader had to tell."""

    blocks: tuple[Block, ...]
    notices: tuple[str, ...]
    dropped: tuple[tuple[str, str], ...] = ()
    """Text left out, with why: a table of contents, a Travaux export's own lines."""


def read_docx(data: bytes, source: str) -> WordDocument:
    """Read the bytes of a .docx file, or raise `DraftImportError` saying why not."""
    with open_zip(data, source, limit=MAX_EXPANDED) as archive:
        parts = Parts(archive, source, limit=MAX_EXPANDED)
        main = parts.main_document()
        reader = _Reader(parts, main)
        blocks = reader.read()
    return WordDocument(tuple(blocks), reader.notices(), tuple(reader.dropped))


# The document: paragraphs, tables and notes in reading order


@dataclass(frozen=True)
class _Style:
    name: str
    outline: int | None
    num_id: str
    ilvl: int | None


class _Reader:
    """Walks the body once; counts what it accepted or left out, to tell the user."""

    def __init__(self, parts: Parts, main: str) -> None:
        root = parts.xml(main)
        if root is None:
            raise DraftImportError(parts.source, f"its main part {main} is missing")
        self.root: etree._Element = root
        self.w = f"{{{etree.QName(self.root).namespace or W_TRANSITIONAL}}}"
        self.strike_marks = any(self._strikes(r) for r in self.root.iter(f"{self.w}rPr"))
        """Struck words mark the draft's deletions (a compromise text): kept out of the
        text, as marks. A document that strikes nothing through is an ordinary one, and
        its bold and underlined words are emphasis, not insertions."""
        self.emphasis_marks = False
        """In a compromise text, bold or underlined words in running text are the draft's
        insertions; not in a paragraph that is all bold or underlined (a heading)."""
        self.counted: Counter[str] = Counter()
        self.dropped: list[tuple[str, str]] = []
        self.markers: Counter[str] = Counter()
        self.paragraphs = 0
        self.carried: tuple[list[str], list[_Ref]] = ([], [])
        self.table_styles: dict[str, str] = {}
        self.ignored: list[str] = []
        """Level values Word does not allow in styles and paragraphs: ignored, and said."""
        self.symbols: list[str] = []
        """`w:sym` codes that are no character: read as U+FFFD, and said."""
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
        return self._typed_notes(self._blocks(body))

    def _blocks(self, container: etree._Element) -> Iterator[Block]:
        for child in container:
            name = etree.QName(child).localname
            if name == "p":
                self.paragraphs += 1
                if self._is_toc(child):
                    self.counted["toc"] += 1
                    self._drop("table of contents", child)
                elif self._style_of(child).name.casefold() in EXPORT_STYLES:
                    self.counted["export"] += 1
                    self._drop("a Travaux export's own lines", child)
                else:
                    yield from self._paragraph(child)
            elif name == "tbl":
                self.paragraphs += 1
                if self._table_style(child).casefold() in EXPORT_STYLES:
                    self.counted["export"] += 1
                    self._drop("a Travaux export's own lines", child)
                else:
                    yield self._table(child)
            elif name in ("sdt", "customXml", "ins", "moveTo"):
                if name == "sdt" and self._is_toc_control(child):
                    self.counted["toc"] += 1
                    self._drop("table of contents", child)
                    continue
                inner = child.find(f"{self.w}sdtContent") if name == "sdt" else child
                if inner is not None:
                    yield from self._blocks(inner)

    def _drop(self, why: str, element: etree._Element) -> None:
        words = " ".join(t.text or "" for t in element.iter(f"{self.w}t"))
        self.dropped.append((why, words))

    def _paragraph(self, p: etree._Element) -> Iterator[Block]:
        """The paragraph's lines (a manual line break starts a new one), then its text boxes.

        A paragraph whose mark was deleted with changes tracked is, once accepted, one
        paragraph with the next: its text is carried over, and a space put between the
        two unless the next begins with a closing mark ("…Convention" + "." as Word
        joins them; "the first half" + "and the second" with a space, for the reader).
        """
        style = self._style_of(p)
        pieces, notes = self.carried
        self.carried = ([], [])
        boxes: list[etree._Element] = []
        self.emphasis_marks = (
            self.strike_marks and not _is_heading(style) and not self._all_emphasised(p)
        )
        self._inline(p, pieces, notes, boxes)
        if p.find(f"{self.w}pPr/{self.w}rPr/{self.w}del") is not None:
            self.carried = ([*pieces, _SEAM], notes)
            return
        number = self._number_of(p, style)
        outline = self._outline_of(p, style)
        for text, refs in _split_lines(_seamed("".join(pieces)), notes):
            block = Block(text, f"paragraph {self.paragraphs}", style.name, outline, number)
            # Offsets count in the text as printed, after Word's number ("1. The …").
            shift = len(block.full_text) - len(text)
            yield replace(block, notes=tuple(replace(r, offset=r.offset + shift) for r in refs))
            number = ""
        for box in boxes:
            yield from self._blocks(box)

    def _typed_notes(self, blocks: Iterator[Block]) -> list[Block]:
        """The blocks, each paragraph in a note style made a note at the end of the
        paragraph before it ("1 The Chair notes …": marker "1"); text if there is none."""
        out: list[Block] = []
        for block in blocks:
            before = out[-1] if out else None
            if not before or before.rows or not _is_typed_note(block):
                out.append(block)
                continue
            self.counted["typed notes"] += 1
            end = len(before.full_text)
            found = _TYPED_MARKER.match(block.full_text)
            marker = found[1] if found else str(self.counted["typed notes"])
            text = block.full_text[found.end() :] if found else block.full_text
            own = (replace(n, offset=end) for n in block.notes)
            out[-1] = replace(before, notes=(*before.notes, NoteRef(end, marker, text), *own))
        return out

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
        notes: list[_Ref],
        boxes: list[etree._Element],
    ) -> None:
        """Gather the text of runs in order, as Word would show it with changes accepted;
        struck runs and tracked deletions become deletion marks where they stood."""
        for child in element:
            qname = etree.QName(child)
            name = qname.localname
            if name in ("del", "moveFrom") and qname.namespace != MATH:
                self._tracked_deletion(child, pieces, notes)
            elif name in ("ins", "moveTo") and qname.namespace != MATH:
                self._insertion(child, self._who(child), pieces, notes, boxes)
            elif name == "r" and self.strike_marks and self._struck(child):
                self._struck_run(child, pieces, notes, boxes)
            elif name == "r" and self.emphasis_marks and self._emphasised(child):
                self._insertion(child, "", pieces, notes, boxes)
            elif qname.namespace == MATH and name == "t":
                pieces.append(child.text or "")
            elif name in _SKIPPED:
                continue
            elif name == "t":
                pieces.append(_NONCHARACTERS.sub("", child.text or ""))
            elif name in ("tab", "ptab"):
                pieces.append("\t")
            elif name in ("br", "cr"):
                pieces.append("\n")
            elif name == "noBreakHyphen":
                pieces.append("\u2011")
            elif name == "sym":
                pieces.append(self._symbol(child.get(f"{self.w}char") or ""))
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

    def _symbol(self, code: str) -> str:
        """A `w:sym` character; a code that is no character is read as U+FFFD, and noted."""
        found = _symbol(code)
        if not found:
            self.symbols.append(code[:12] + ("…" if len(code) > 12 else ""))
            return "\ufffd"
        return found

    def _strikes(self, rpr: etree._Element) -> bool:
        found = rpr.find(f"{self.w}strike")
        if found is None:
            found = rpr.find(f"{self.w}dstrike")
        return found is not None and _val(found, self.w).casefold() not in _OFF

    def _struck(self, run: etree._Element) -> bool:
        rpr = run.find(f"{self.w}rPr")
        return rpr is not None and self._strikes(rpr)

    def _emphasised(self, run: etree._Element) -> bool:
        """Bold or underlined by the run's own formatting (not by its style)."""
        rpr = run.find(f"{self.w}rPr")
        if rpr is None:
            return False
        bold, underline = rpr.find(f"{self.w}b"), rpr.find(f"{self.w}u")
        return (bold is not None and _val(bold, self.w).casefold() not in _OFF) or (
            underline is not None and _val(underline, self.w).casefold() not in _OFF
        )

    def _all_emphasised(self, p: etree._Element) -> bool:
        """Every run with text is bold or underlined: a heading typed as such."""
        runs = [r for r in p.iter(f"{self.w}r") if any((t.text or "").strip() for t in r)]
        return bool(runs) and all(self._emphasised(r) for r in runs)

    def _insertion(
        self,
        element: etree._Element,
        who: str,
        pieces: list[str],
        notes: list[_Ref],
        boxes: list[etree._Element],
    ) -> None:
        """Words the draft marks as inserted (bold or underlined in a compromise text, or
        a tracked insertion): its text, between two marks that become an insertion mark."""
        inner: list[str] = []
        inner_notes: list[_Ref] = []
        marking, self.emphasis_marks = self.emphasis_marks, False  # one mark, not nested
        self._inline(element, inner, inner_notes, boxes)
        self.emphasis_marks = marking
        words = "".join(inner)
        if not _NONCHARACTERS.sub("", words).strip():
            pieces.extend(inner)
            notes.extend(inner_notes)
            return
        if etree.QName(element).localname == "r":
            self.counted["emphasised passages"] += 1
            self.counted["emphasised words"] += len(_NONCHARACTERS.sub(" ", words).split())
        pieces.extend((_INS_MARK, *inner, _INS_END))
        notes.extend(((who, "", "ins"), *inner_notes, (who, "", "ins end")))

    def _struck_run(
        self,
        run: etree._Element,
        pieces: list[str],
        notes: list[_Ref],
        boxes: list[etree._Element],
    ) -> None:
        """A struck run: the draft's deletion. Its words leave the text and stay as a
        mark; a footnote reference in it keeps the run as text, so no note is lost."""
        inner: list[str] = []
        inner_notes: list[_Ref] = []
        self._inline(run, inner, inner_notes, boxes)
        words = "".join(inner)
        if _NOTE_MARK in words or _DEL_MARK in words:
            pieces.append(words)
            notes.extend(inner_notes)
            return
        if words.strip():
            self.counted["struck runs"] += 1
            self.counted["struck words"] += len(words.split())
            _add_deletion(pieces, notes, words, "")
        else:
            pieces.append(words)

    def _tracked_deletion(
        self, element: etree._Element, pieces: list[str], notes: list[_Ref]
    ) -> None:
        """A tracked deletion (or text moved away): accepted, so out of the text, and
        kept as a mark saying who deleted it and when."""
        words = "".join(t.text or "" for t in element.iter(f"{self.w}delText", f"{self.w}t"))
        if not words.strip():
            return
        self.counted["tracked words"] += len(words.split())
        _add_deletion(pieces, notes, words, self._who(element))

    def _who(self, change: etree._Element) -> str:
        """Who made a tracked change and on which day, as far as Word recorded it."""
        author = change.get(f"{self.w}author") or ""
        day = (change.get(f"{self.w}date") or "")[:10]
        return " ".join(v for v in (author, day) if v)

    def _reference(
        self, ref: etree._Element, name: str, pieces: list[str], notes: list[_Ref]
    ) -> None:
        kind = "footnote" if name == "footnoteReference" else "endnote"
        texts = self.footnotes if kind == "footnote" else self.endnotes
        text = texts.get(ref.get(f"{self.w}id") or "", "")
        self.markers[kind] += 1
        count = self.markers[kind]
        marker = str(count) if kind == "footnote" else format_number(count, "lowerRoman")
        pieces.append(_NOTE_MARK)
        notes.append((marker, text, "note"))

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
            if style.get(f"{self.w}type") == "table":
                name = _val(style.find(f"{self.w}name"), self.w)
                self.table_styles[style.get(f"{self.w}styleId") or ""] = name
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
                ilvl = ilvl if ilvl is not None else self._level(level, "w:ilvl")
        return _Style(name or "", outline, num_id, ilvl)

    def _outline(self, ppr: etree._Element | None) -> int | None:
        value = _val(ppr.find(f"{self.w}outlineLvl") if ppr is not None else None, self.w)
        return self._level(value, "w:outlineLvl")

    def _level(self, value: str, name: str) -> int | None:
        """A level 0–8, or None for none; a value Word does not allow is noted."""
        level = parse_level(value)
        if level is None and value and value != "9":  # outline level 9 is Word's "body text"
            self.ignored.append(f"{name} {value[:12]!r}" + ("…" if len(value) > 12 else ""))
        return level

    def _style_of(self, p: etree._Element) -> _Style:
        style_id = _val(p.find(f"{self.w}pPr/{self.w}pStyle"), self.w) or self.default_style
        return self.styles.get(style_id, _Style("", None, "", None))

    def _table_style(self, table: etree._Element) -> str:
        style_id = _val(table.find(f"{self.w}tblPr/{self.w}tblStyle"), self.w)
        return self.table_styles.get(style_id, "")

    def _outline_of(self, p: etree._Element, style: _Style) -> int | None:
        own = self._outline(p.find(f"{self.w}pPr"))
        return own if own is not None else style.outline

    def _number_of(self, p: etree._Element, style: _Style) -> str:
        numbering = p.find(f"{self.w}pPr/{self.w}numPr")
        num_id, ilvl = style.num_id, style.ilvl or 0
        if numbering is not None:
            num_id = _val(numbering.find(f"{self.w}numId"), self.w) or num_id
            level = self._level(_val(numbering.find(f"{self.w}ilvl"), self.w), "w:ilvl")
            ilvl = ilvl if level is None else level
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
        if c["struck runs"]:
            found.append(
                "the document marks deletions by striking words through: "
                f"{_count(c['struck runs'], 'struck passage')} "
                f"({_count(c['struck words'], 'word')}) read as the draft's deletions, left "
                "out of its text and kept as its marks"
            )
        if c["emphasised passages"]:
            found.append(
                "the document marks insertions in bold or underline: "
                f"{_count(c['emphasised passages'], 'passage')} "
                f"({_count(c['emphasised words'], 'word')}) kept in its text and marked as the "
                "draft's insertions"
            )
        if c["ins"] or c["del"] or c["moveFrom"] or c["moveTo"]:
            moves = max(c["moved"], 1) if c["moveFrom"] or c["moveTo"] else 0
            counts = ", ".join(
                _count(n, word)
                for n, word in ((c["ins"], "insertion"), (c["del"], "deletion"), (moves, "move"))
            )
            found.append(
                f"the document has tracked changes ({counts}): read with every change accepted "
                "(insertions kept and marked, deletions left out of the text and kept as the "
                f"draft's marks, {_count(c['tracked words'], 'word')}, moved text at its new "
                "place); "
                "check against Word if that is not the text you meant to import"
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
        ignored = [*self.numbering.ignored, *self.ignored]
        if ignored:
            found.append(
                f"{_count(len(ignored), 'numbering value')} Word does not allow were ignored "
                f"({', '.join(dict.fromkeys(ignored[:3]))}{', …' if len(ignored) > 3 else ''}): "
                "check the numbers of lists and headings against Word"
            )
        if self.symbols:
            found.append(
                f"{_count(len(self.symbols), 'symbol')} (w:sym) with a code that is no "
                f"character ({', '.join(repr(s) for s in dict.fromkeys(self.symbols[:3]))}) "
                "read as the replacement character �"
            )
        if c["toc"]:
            found.append(f"a table of contents ({_count(c['toc'], 'line')}) was left out")
        if c["export"]:
            found.append(
                f"{_count(c['export'], 'summary or label paragraph')} of a Travaux comparison "
                "export left out (not draft text)"
            )
        if c["typed notes"]:
            found.append(
                f"{_count(c['typed notes'], 'paragraph')} in a footnote style read as notes "
                "of the paragraph before them"
            )
        return tuple(found)


def _is_heading(style: _Style) -> bool:
    name = style.name.casefold()
    return style.outline is not None or name.startswith("heading") or name == "title"


def _is_typed_note(block: Block) -> bool:
    return block.style.casefold() in NOTE_STYLES and bool(block.full_text) and not block.rows


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _val(element: etree._Element | None, w: str) -> str:
    return (element.get(f"{w}val") or "") if element is not None else ""


def _symbol(code: str) -> str:
    """A w:sym character; symbol fonts put theirs at U+F0xx, which maps back to xx.
    "" if the code (four hex digits in Word) is no character XML may hold: a control
    character, a surrogate, a noncharacter (which Travaux uses as marks)."""
    if not _HEX4.fullmatch(code):
        return ""
    value = int(code, 16)
    value = value - 0xF000 if 0xF020 <= value <= 0xF0FF else value
    if value < 0x20 or 0xD800 <= value <= 0xDFFF or 0xFDD0 <= value <= 0xFDEF or value >= 0xFFFE:
        return ""
    return chr(value)


def _seamed(text: str) -> str:
    """Paragraphs joined by deleted marks: a space at each seam, but before a closing mark."""
    return _CLOSING_SEAM.sub("", text).replace(_SEAM, " ")


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


_Ref = tuple[str, str, str]
"""A note or deletion met in a paragraph, in order: (marker, text, kind)."""


def _add_deletion(pieces: list[str], notes: list[_Ref], words: str, who: str) -> None:
    pieces.append(_DEL_MARK)
    notes.append((who, _fold(words), "del"))


def _split_lines(text: str, notes: list[_Ref]) -> list[tuple[str, tuple[NoteRef, ...]]]:
    """Split at line breaks, fold spaces, and turn note and deletion marks into offsets
    in the result. Where deleted words stood between two spaces, one space is left;
    deletions side by side become one."""
    result = []
    remaining = iter(notes)
    opened: list[tuple[int, str]] = []  # insertions begun and not yet ended: (offset, who)
    for line in text.split("\n"):
        folded = _fold(line)
        refs: list[NoteRef] = []
        opened = [(0, who) for _, who in opened]  # an insertion across a line break
        while found := [folded.index(m) for m in _MARKS if m in folded]:
            at = min(found)
            marker, note, kind = next(remaining)
            if kind in ("ins", "ins end"):
                folded, at = _take_insertion_mark(folded, at)
                if kind == "ins":
                    opened.append((at, marker))
                elif opened:
                    start, who = opened.pop()
                    add_insertion(refs, folded, start, at, who)
                continue
            if kind != "del":
                folded = folded[:at] + folded[at + 1 :]
            else:
                folded, at = take_out(folded, at)
                before = refs[-1] if refs else None
                if (
                    before
                    and before.kind == "del"
                    and before.offset == at
                    and before.marker == marker
                ):
                    refs[-1] = replace(before, text=f"{before.text} {note}")
                    continue
            refs.append(NoteRef(at, marker, note, kind))
        for start, who in opened:  # to the end of the line; the rest on the next
            add_insertion(refs, folded, start, len(folded), who)
        stripped = folded.lstrip()
        shift = len(folded) - len(stripped)
        refs = [replace(r, offset=max(0, r.offset - shift)) for r in refs]
        result.append((stripped.rstrip(), tuple(refs)))
    return result


def _take_insertion_mark(text: str, at: int) -> tuple[str, int]:
    """`text` without the insertion mark at `at`; spaces that met there made one."""
    text = text[:at] + text[at + 1 :]
    if text[at - 1 : at] == " " and text[at : at + 1] == " ":
        text = text[:at] + text[at + 1 :]
    return text, at


def _merge(blocks: list[Block], where: str) -> Block:
    """One table cell from its paragraphs: texts joined by spaces, note offsets kept."""
    text, notes = "", list[NoteRef]()
    for block in blocks:
        if block.rows:
            block = Block(" | ".join(c.text for row in block.rows for c in row), block.where)
        start = len(text) + (1 if text else 0)
        notes.extend(replace(n, offset=start + n.offset) for n in block.notes)
        text = f"{text} {block.full_text}" if text else block.full_text
    return Block(text, where, notes=tuple(notes))
