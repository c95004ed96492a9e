"""A comparison as a Word document whose changes are real tracked changes.

A lawyer opens it in Word or LibreOffice, sees each change as a revision and can
accept or reject it: accepting all gives exactly the new draft's text, rejecting all
exactly the old one's, number and heading lines included (tests check both). The
annotations are Word comments over exactly the text they refer to.

Decisions:
- The author of every revision is the new draft's label ("Final text agreed ad
  referendum"; "Travaux" if it has none), and its date the new draft's date: the
  revisions are what that draft did to the old one, and several exports merged in Word
  then still say which draft made which change. Comments are by "Travaux", since the
  reader who wrote an annotation is not known here; the position holder is in the text.
- Word shows one text, so the layout is always inline; line breaks that only one draft
  has are tracked paragraph marks, as Word records them.
- Footnotes of provisions are plain paragraphs under "Notes", tracked too, in Word's
  "footnote text" style.
- Chapters (and parts) are "heading 1" paragraphs before their first provision,
  tracked like the rest; provisions' titles are "heading 2". So Word's navigation pane
  shows the draft's outline, and the document read back by `drafts.reading.conversion` gives
  the new draft's provisions and chapters.
- What is not draft text (the summary table, the line above each provision, the
  "Notes" label) is in styles named "Travaux …", which `drafts.reading.wordml` leaves out
  (`wordml.EXPORT_STYLES`); notes in the footnote style are read as notes.

Written with lxml, a minimal package: content types, relationships, document, styles,
comments (when there are any) and core properties. Zip entries carry a fixed date, so
the same request (and `created`) gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from drafts.comparing.diff import DELETE, EQUAL, INSERT, Segment
from drafts.export.model import (
    INLINE,
    ExportRequest,
    ExportRow,
    Paragraph,
    Piece,
    PlacedNote,
    container_titles,
    inline_pieces,
    layout_sections,
    note_quote,
    note_where,
    paragraphs,
    row_label,
    section_mark,
    summary_facts,
    tags_present,
    words_changed,
    xml_text,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_NS = "http://www.w3.org/XML/1998/namespace"

STYLE_FOR = {"title": "Heading2", "text": "ProvisionText", "notes": "ProvisionNote"}
"""The paragraph style of each section; exported text is in these styles only, so a
reader (or a test) can tell it from the summary and the labels around it."""
CONTAINER_STYLE = "Heading1"
"""The style of chapter and part headings (kept apart from `STYLE_FOR`: they belong to
no provision)."""
COMMENT_AUTHOR = "Travaux"

_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def el(tag: str, *children: etree._Element, **attrs: str) -> etree._Element:
    """A WordprocessingML element: `el("pStyle", val="Title")` -> <w:pStyle w:val=.../>."""
    node = etree.Element(w(tag), {w(k): v for k, v in attrs.items()}, nsmap={"w": W_NS})
    node.extend(children)
    return node


def text_el(tag: str, text: str) -> etree._Element:
    node = el(tag)
    node.text = xml_text(text)
    node.set(f"{{{XML_NS}}}space", "preserve")
    return node


class _Revisions:
    """Ids and attributes of revisions and comments (one id space for both)."""

    def __init__(self, request: ExportRequest) -> None:
        self.author = request.new.label or "Travaux"
        date = request.new.date
        self.date = f"{date}T00:00:00Z" if _ISO_DATE.fullmatch(date or "") else ""
        self.count = 0
        self.comment_ids: dict[int, str] = {}
        self.rows = 0
        """Provisions written so far: names of moves are unique per provision."""

    def next_id(self) -> str:
        self.count += 1
        return str(self.count)

    def mark(self, op: str) -> etree._Element:
        """<w:ins>/<w:del> with id, author and (when known) date."""
        return el("ins" if op == INSERT else "del", **self._attrs())

    def _attrs(self) -> dict[str, str]:
        attrs = {"id": self.next_id(), "author": self.author}
        if self.date:
            attrs["date"] = self.date
        return attrs

    def moved(self, op: str, move: str, run: etree._Element) -> list[etree._Element]:
        """One end of a move: <w:moveFrom>/<w:moveTo> around the run, inside a range
        named for the move, the same name at both ends, so Word pairs them."""
        side = "moveTo" if op == INSERT else "moveFrom"
        start = el(f"{side}RangeStart", name=move, **self._attrs())
        wrapper = el(side, **self._attrs())
        wrapper.append(run)
        return [start, wrapper, el(f"{side}RangeEnd", id=start.get(f"{{{W_NS}}}id"))]

    def comment_id(self, number: int) -> str:
        if number not in self.comment_ids:
            self.comment_ids[number] = self.next_id()
        return self.comment_ids[number]


def render_docx(request: ExportRequest) -> bytes:
    """The .docx file's bytes."""
    revisions = _Revisions(request)
    document = _document(request, revisions)
    parts = {
        "[Content_Types].xml": content_types(bool(request.notes())),
        "_rels/.rels": package_rels(),
        "word/document.xml": document,
        "word/_rels/document.xml.rels": document_rels(bool(request.notes())),
        "word/styles.xml": STYLES_XML.encode("utf-8"),
        "docProps/core.xml": _core(request),
    }
    if request.notes():
        parts["word/comments.xml"] = _comments(request, revisions)
    return package(parts)


def package(parts: dict[str, bytes]) -> bytes:
    """The .docx zip of `parts` (name -> bytes), every entry dated alike so the same
    export gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


def write_docx(request: ExportRequest, path: str | Path) -> None:
    Path(path).write_bytes(render_docx(request))


def xml_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# The document ----------------------------------------------------------------------------


def _document(request: ExportRequest, revisions: _Revisions) -> bytes:
    body = el("body")
    body.extend(_summary(request))
    containers = container_titles(request.rows, request.comparison.options)
    for row, opening in zip(request.rows, containers, strict=True):
        body.extend(_containers(opening, revisions))
        body.extend(_provision(row, revisions))
    body.append(
        el(
            "sectPr",
            el("pgSz", w="11906", h="16838"),
            el(
                "pgMar",
                top="1134",
                right="1134",
                bottom="1134",
                left="1134",
                header="709",
                footer="709",
                gutter="0",
            ),
        )
    )
    return xml_bytes(_rooted("document", body))


def _rooted(tag: str, *children: etree._Element) -> etree._Element:
    """A part's root, with the namespaces declared once there rather than on every
    element built on its own (Word reads either; people reading the XML prefer this)."""
    namespaces = {"w": W_NS, "r": R_NS}
    root = etree.Element(w(tag), nsmap=namespaces)
    root.extend(children)
    etree.cleanup_namespaces(root, top_nsmap=namespaces)
    return root


def _para(style: str, *children: etree._Element) -> etree._Element:
    return el("p", el("pPr", el("pStyle", val=style)), *children)


def _run(text: str, deleted: bool = False, style: str = "") -> etree._Element:
    run = el("r")
    if style:
        run.append(el("rPr", el("rStyle", val=style)))
    run.append(text_el("delText" if deleted else "t", text))
    return run


def _summary(request: ExportRequest) -> Iterator[etree._Element]:
    yield _para("Title", _run(request.heading))
    yield _facts_table(request)
    tags = tags_present(request)
    if tags:
        names = ", ".join(f"{tag.name} ({count})" for tag, count in tags)
        yield _para("TravauxInfo", _run(f"Tags: {names}"))
    yield _para(
        "TravauxInfo",
        _run(
            f"Changes are tracked as revisions by “{request.new.label or 'Travaux'}”: "
            "accept them all for the new draft's text, reject them all for the old "
            "one's. Annotations are comments."
        ),
    )


def _facts_table(request: ExportRequest) -> etree._Element:
    table = el(
        "tbl",
        el("tblPr", el("tblStyle", val="TravauxSummary"), el("tblW", w="5000", type="pct")),
        el("tblGrid", el("gridCol", w="2200"), el("gridCol", w="7400")),
    )
    for label, value in summary_facts(request):
        cells = [
            el("tc", el("tcPr", el("tcW", w=width, type="dxa")), _para(style, _run(text)))
            for text, width, style in ((label, "2200", "TravauxLabel"), (value, "7400", "Normal"))
        ]
        table.append(el("tr", *cells))
    return table


def _containers(segments: tuple[Segment, ...], revisions: _Revisions) -> list[etree._Element]:
    """The chapter and part headings opening before a row, one tracked paragraph each."""
    if not segments:
        return []
    lines = paragraphs(inline_pieces(segments, (), ()), section_mark(segments))
    return [
        _tracked_para(
            CONTAINER_STYLE,
            line.mark,
            [run for p in line.pieces for run in _tracked(p, revisions)],
            revisions,
        )
        for line in lines
    ]


def _provision(row: ExportRow, revisions: _Revisions) -> Iterator[etree._Element]:
    """The provision's paragraphs: a line about the change, then its tracked title, text
    and notes; each comment opened before its first piece and closed after its last."""
    specs = _specs(row)
    whole = [n.number for n in row.whole_notes()]
    last_place = _last_places(specs)
    last_content = _last_content(specs)
    opened: set[int] = set()
    yield _info(row)
    revisions.rows += 1
    for k, (style, para) in enumerate(specs):
        children: list[etree._Element] = []
        if k == 0:
            children += _starts(whole, opened, revisions)
        moves = f"move{revisions.rows}-{style}"  # one diff per row and section style
        for i, piece in enumerate(para.pieces):
            children += _starts(piece.notes, opened, revisions)
            children += _tracked(piece, revisions, moves)
            children += _ends(last_place.get((k, i), []), revisions)
        if k == last_content:
            children += _ends(whole, revisions)
        yield _tracked_para(style, para.mark, children, revisions)


def _specs(row: ExportRow) -> list[tuple[str, Paragraph]]:
    """(style, paragraph) of the row's tracked paragraphs, in order. The "Notes" label
    is tracked like the notes under it, so it goes when they do."""
    specs: list[tuple[str, Paragraph]] = []
    for name, paras in layout_sections(row, INLINE):
        if name == "notes":
            mark = paras[-1].mark
            specs.append(("TravauxNotesLabel", Paragraph((Piece(mark, "Notes"),), mark)))
        specs.extend((STYLE_FOR[name], p) for p in paras)
    return specs or [(STYLE_FOR["text"], Paragraph(()))]  # somewhere for its comments


def _last_places(specs: list[tuple[str, Paragraph]]) -> dict[tuple[int, int], list[int]]:
    last: dict[int, tuple[int, int]] = {}
    for k, (_, para) in enumerate(specs):
        for i, piece in enumerate(para.pieces):
            for n in piece.notes:
                last[n] = (k, i)
    by_place: dict[tuple[int, int], list[int]] = {}
    for n, place in sorted(last.items()):
        by_place.setdefault(place, []).append(n)
    return by_place


def _last_content(specs: list[tuple[str, Paragraph]]) -> int:
    """The last paragraph of title or text: where a whole-provision comment ends."""
    content = (STYLE_FOR["title"], STYLE_FOR["text"])
    found = [k for k, (style, _) in enumerate(specs) if style in content]
    return found[-1] if found else len(specs) - 1


def _starts(numbers: tuple[int, ...] | list[int], opened: set[int], revisions: _Revisions):
    out = []
    for n in numbers:
        if n not in opened:
            opened.add(n)
            out.append(el("commentRangeStart", id=revisions.comment_id(n)))
    return out


def _ends(numbers: list[int], revisions: _Revisions) -> list[etree._Element]:
    out = []
    for n in numbers:
        cid = revisions.comment_id(n)
        out.append(el("commentRangeEnd", id=cid))
        out.append(
            el("r", el("rPr", el("rStyle", val="CommentReference")), el("commentReference", id=cid))
        )
    return out


def _tracked(piece: Piece, revisions: _Revisions, moves: str = "") -> list[etree._Element]:
    """The piece's run, in a revision mark when it is a change; `moves` names the
    diff it comes from, so that the ends of each of its moves share one name."""
    run = _run(piece.text, deleted=piece.op == DELETE)
    if piece.op == EQUAL:
        return [run]
    if piece.move and moves:
        return revisions.moved(piece.op, f"{moves}-{piece.move}", run)
    wrapper = revisions.mark(piece.op)
    wrapper.append(run)
    return [wrapper]


def _tracked_para(
    style: str, mark: str, children: list[etree._Element], revisions: _Revisions
) -> etree._Element:
    """A paragraph whose own end (its mark) is inserted or deleted when only one text
    has that line break: rejecting or accepting then joins it to the next, as Word does."""
    props = el("pPr", el("pStyle", val=style))
    if mark != EQUAL:
        props.append(el("rPr", revisions.mark(mark)))
    return el("p", props, *children)


def _info(row: ExportRow) -> etree._Element:
    change = row.change
    parts = [change.status + (" (uncertain pairing)" if change.uncertain else "")]
    parts.append(row_label(change))
    if words := words_changed(change):
        parts.append(words)
    return _para("TravauxRowInfo", _run(" · ".join(parts)))


# Comments ------------------------------------------------------------------------------


def _comments(request: ExportRequest, revisions: _Revisions) -> bytes:
    comments = [
        _comment(request, row, placed, revisions) for row in request.rows for placed in row.notes
    ]
    return xml_bytes(_rooted("comments", *comments))


def _comment(
    request: ExportRequest, row: ExportRow, placed: PlacedNote, revisions: _Revisions
) -> etree._Element:
    note = placed.note
    head = [f"[{placed.number}]", note.tag_names, note.status]
    if note.holder:
        head.append(f"position held by {note.holder}")
    head.append(note_where(request, placed))
    lines = [" · ".join(part for part in head if part), *note.note.split("\n")]
    if quote := note_quote(row, placed):
        lines.append(f"“{quote}”")
    comment = el(
        "comment", id=revisions.comment_id(placed.number), author=COMMENT_AUTHOR, initials="TX"
    )
    for n, line in enumerate(lines):
        runs = [_run(line)]
        if n == 0:
            runs.insert(
                0, el("r", el("rPr", el("rStyle", val="CommentReference")), el("annotationRef"))
            )
        comment.append(_para("CommentText", *runs))
    return comment


# Package parts ---------------------------------------------------------------------------


def content_types(with_comments: bool) -> bytes:
    root = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
    for ext, kind in (
        ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
        ("xml", "application/xml"),
    ):
        etree.SubElement(root, f"{{{CT_NS}}}Default", Extension=ext, ContentType=kind)
    overrides = {
        "/word/document.xml": _CT + "document.main+xml",
        "/word/styles.xml": _CT + "styles+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    }
    if with_comments:
        overrides["/word/comments.xml"] = _CT + "comments+xml"
    for part, kind in overrides.items():
        etree.SubElement(root, f"{{{CT_NS}}}Override", PartName=part, ContentType=kind)
    return xml_bytes(root)


def _relationships(targets: list[tuple[str, str]]) -> bytes:
    root = etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})
    for n, (kind, target) in enumerate(targets, 1):
        etree.SubElement(
            root, f"{{{PKG_REL_NS}}}Relationship", Id=f"rId{n}", Type=kind, Target=target
        )
    return xml_bytes(root)


def package_rels() -> bytes:
    return _relationships(
        [
            (_REL + "officeDocument", "word/document.xml"),
            (
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                "core-properties",
                "docProps/core.xml",
            ),
        ]
    )


def document_rels(with_comments: bool) -> bytes:
    targets = [(_REL + "styles", "styles.xml")]
    if with_comments:
        targets.append((_REL + "comments", "comments.xml"))
    return _relationships(targets)


def _core(request: ExportRequest) -> bytes:
    cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    dc = "http://purl.org/dc/elements/1.1/"
    dcterms = "http://purl.org/dc/terms/"
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    root = etree.Element(
        f"{{{cp}}}coreProperties", nsmap={"cp": cp, "dc": dc, "dcterms": dcterms, "xsi": xsi}
    )
    etree.SubElement(root, f"{{{dc}}}title").text = xml_text(request.heading)
    etree.SubElement(root, f"{{{dc}}}creator").text = "Travaux"
    created = etree.SubElement(root, f"{{{dcterms}}}created", {f"{{{xsi}}}type": "dcterms:W3CDTF"})
    created.text = request.created.strftime("%Y-%m-%dT%H:%M:%SZ")
    return xml_bytes(root)


STYLES_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}">
 <w:docDefaults>
  <w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"
   w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="22"/><w:szCs w:val="22"/>
   <w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>
  <w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr>
  </w:pPrDefault>
 </w:docDefaults>
 <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>
  <w:qFormat/></w:style>
 <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>
  <w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
  <w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style>
 <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>
  <w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
  <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="480" w:after="120"/>
   <w:outlineLvl w:val="0"/></w:pPr>
  <w:rPr><w:b/><w:sz w:val="30"/></w:rPr></w:style>
 <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>
  <w:basedOn w:val="Normal"/><w:next w:val="ProvisionText"/><w:qFormat/>
  <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="80"/>
   <w:outlineLvl w:val="1"/></w:pPr>
  <w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>
 <w:style w:type="paragraph" w:styleId="ProvisionText"><w:name w:val="Provision Text"/>
  <w:basedOn w:val="Normal"/><w:qFormat/></w:style>
 <w:style w:type="paragraph" w:styleId="ProvisionNote"><w:name w:val="footnote text"/>
  <w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="60"/></w:pPr>
  <w:rPr><w:sz w:val="18"/></w:rPr></w:style>
 <w:style w:type="paragraph" w:styleId="TravauxInfo"><w:name w:val="Travaux Info"/>
  <w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="120"/>
  </w:pPr>
  <w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:color w:val="595959"/>
  <w:sz w:val="18"/></w:rPr></w:style>
 <w:style w:type="paragraph" w:styleId="TravauxRowInfo"><w:name w:val="Travaux Row Info"/>
  <w:basedOn w:val="TravauxInfo"/><w:pPr><w:pBdr><w:top w:val="single" w:sz="4" w:space="6"
   w:color="C8C8C8"/></w:pBdr><w:spacing w:before="360" w:after="60"/></w:pPr></w:style>
 <w:style w:type="paragraph" w:styleId="TravauxLabel"><w:name w:val="Travaux Label"/>
  <w:basedOn w:val="Normal"/><w:rPr><w:b/><w:color w:val="595959"/></w:rPr></w:style>
 <w:style w:type="paragraph" w:styleId="TravauxNotesLabel"><w:name w:val="Travaux Notes Label"/>
  <w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="160" w:after="40"/></w:pPr>
  <w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:caps/><w:b/>
  <w:color w:val="595959"/><w:sz w:val="16"/></w:rPr></w:style>
 <w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/>
  <w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="20"/></w:rPr></w:style>
 <w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>
  <w:rPr><w:sz w:val="16"/></w:rPr></w:style>
 <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>
  <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>
  <w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>
  <w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
 <w:style w:type="table" w:styleId="TravauxSummary"><w:name w:val="Travaux Summary"/>
  <w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0"/></w:pPr>
  <w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:color="C8C8C8"/>
  <w:bottom w:val="single" w:sz="4" w:color="C8C8C8"/>
  <w:insideH w:val="single" w:sz="4" w:color="E0E0E0"/></w:tblBorders>
  <w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/></w:tblCellMar>
  </w:tblPr></w:style>
</w:styles>
"""
"""Styles: the headings a navigation pane lists, the provisions' text and notes, the
summary table's, and the small labels around them."""
