"""The synopsis as a Word document: a real table, editable, one column per draft.

Negotiators keep working in the four-column document (the last column is where
positions are typed), so it is a plain Word table, the header row repeated on every
page, in a landscape section. Changes are formatting, not tracked changes: a cell's
struck and underlined words say what changed against the column to its left, and
accepting "changes" in Word would mean nothing here. The package parts other than the
document are the two-draft export's (`drafts.export.docx`).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from drafts.comparing.diff import DELETE, INSERT, Segment
from drafts.export.docx import (
    STYLES_XML,
    content_types,
    document_rels,
    el,
    package,
    package_rels,
    text_el,
    w,
    xml_bytes,
)
from drafts.export.model import DIFF_COLOURS, LEGISLATIVE, ExportNote
from drafts.export.synopsis import (
    SynopsisRequest,
    date_line,
    deleted_paragraphs,
    lines,
    pieces,
)
from drafts.negotiation.synopsis import Cell
from drafts.wording import draft_name

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 16838, 11906, 720
"""A4 landscape and 1.27 cm margins, in twentieths of a point."""


def render_synopsis_docx(request: SynopsisRequest) -> bytes:
    parts = {
        "[Content_Types].xml": content_types(False),
        "_rels/.rels": package_rels(),
        "word/document.xml": _document(request),
        "word/_rels/document.xml.rels": document_rels(False),
        "word/styles.xml": STYLES_XML.encode("utf-8"),
        "docProps/core.xml": _core(request),
    }
    return package(parts)


def write_synopsis_docx(request: SynopsisRequest, path: str | Path) -> None:
    Path(path).write_bytes(render_synopsis_docx(request))


def _document(request: SynopsisRequest) -> bytes:
    drafts = request.drafts
    title = f"Synopsis: {draft_name(drafts[0])} to {draft_name(drafts[-1])}"
    body = el("body", _para([_run(title, bold=True, size=28)]), _table(request), _section())
    root = el("document", body)
    return xml_bytes(root)


def _section() -> etree._Element:
    return el(
        "sectPr",
        el("pgSz", w=str(PAGE_WIDTH), h=str(PAGE_HEIGHT), orient="landscape"),
        el("pgMar", top=str(MARGIN), right=str(MARGIN), bottom=str(MARGIN), left=str(MARGIN)),
    )


def _table(request: SynopsisRequest) -> etree._Element:
    columns = len(request.drafts) + (1 if request.with_notes else 0)
    width = (PAGE_WIDTH - 2 * MARGIN) // columns
    table = el(
        "tbl",
        el(
            "tblPr",
            el("tblW", w=str(width * columns), type="dxa"),
            el("tblLayout", type="fixed"),
            el(
                "tblBorders",
                *(
                    el(side, val="single", sz="4", color="C8C8C8")
                    for side in ("top", "left", "bottom", "right", "insideV")
                ),
            ),
        ),
        el("tblGrid", *(el("gridCol", w=str(width)) for _ in range(columns))),
    )
    heads = [_head_cell(d.label or draft_name(d), date_line(d), width) for d in request.drafts]
    if request.with_notes:
        heads.append(_head_cell("Notes and positions", "", width))
    table.append(el("tr", el("trPr", el("tblHeader")), *heads))
    for k in range(len(request.synopsis.rows)):
        table.extend(_provision_rows(request, k, width))
    return table


def _provision_rows(request: SynopsisRequest, k: int, width: int) -> list[etree._Element]:
    """A provision: a row of titles, then a row per paragraph, each paragraph level with
    the one it continues in every other column; the notes cell spans them all."""
    row = request.synopsis.rows[k]
    gone = {c: parts for c in range(len(row.cells)) if (parts := deleted_paragraphs(row, c))}
    heads = [_head(cell, width, request.style, c in gone) for c, cell in enumerate(row.cells)]
    if request.with_notes:
        heads.append(_notes_cell(request.notes[k], width, merge="restart"))
    for head in heads:  # a rule above each provision, none between its paragraphs
        head.find(w("tcPr")).append(
            el("tcBorders", el("top", val="single", sz="4", color="C8C8C8"))
        )
    rows = [el("tr", el("trPr", el("cantSplit")), *heads)]
    paragraphs = [cell.paragraphs for cell in row.cells]
    for level in row.levels:
        cells = [
            _tc(width, [_text_para(paragraphs[c][n], request.style)] if n is not None else [])
            for c, n in enumerate(level)
        ]
        for c, parts in gone.items():  # struck, level with the paragraph it was
            if (left := level[c - 1]) is not None:
                cells[c] = _tc(width, [_para([_run(parts[left], op=DELETE, style=request.style)])])
        if request.with_notes:
            cells.append(_tc(width, [], merge="continue"))
        rows.append(el("tr", el("trPr", el("cantSplit")), *cells))
    return rows


def _tc(
    width: int, paragraphs: list[etree._Element], shade: str = "", merge: str = ""
) -> etree._Element:
    props = el("tcPr", el("tcW", w=str(width), type="dxa"))
    if merge:  # the notes cell, one for all the rows of a provision
        props.append(el("vMerge", val=merge))
    if shade:
        props.append(el("shd", val="clear", color="auto", fill=shade))
    return el("tc", props, *(paragraphs or [_para([])]))


def _head_cell(name: str, when: str, width: int) -> etree._Element:
    paragraphs = [_para([_run(name, bold=True)])]
    if when:
        paragraphs.append(_para([_run(when, size=18, colour="666666")]))
    return _tc(width, paragraphs, shade=DIFF_COLOURS["bar"].lstrip("#"))


def _head(cell: Cell, width: int, style: str, text_below: bool = False) -> etree._Element:
    """A cell's number, heading and status; a deleted one's text struck through (unless
    it stands struck paragraph by paragraph in the rows below, `text_below`)."""
    if not cell.provisions:
        if not cell.deleted:
            return _tc(width, [])
        said = _para([_run("deleted", size=16, colour="666666")])
        struck = [] if text_below else cell.deleted.split("\n")
        return _tc(width, [said, *(_para([_run(line, op=DELETE, style=style)]) for line in struck)])
    heading = [
        _run(text, op=op, style=style, bold=True)
        for line in lines(cell.heading)
        for op, text in line
    ]
    label = cell.numbers or ("" if heading else cell.title)  # "Preamble" only once
    status = [_run(f"  {cell.status}", size=16, colour="666666")] if cell.status else []
    return _tc(width, [_para([_run(label + " ", bold=True), *heading, *status])])


def _text_para(paragraph: list[Segment], style: str) -> etree._Element:
    return _para([_run(text, op=op, style=style) for op, text in pieces(paragraph)])


def _notes_cell(notes: tuple[ExportNote, ...], width: int, merge: str = "") -> etree._Element:
    paragraphs = []
    for note in notes:
        where = " · ".join(p for p in (", ".join(t.name for t in note.tags), note.status) if p)
        paragraphs.append(_para([_run(where, size=18, colour="666666")]))
        if note.quote:
            paragraphs.append(_para([_run(f"“{note.quote}”", italic=True, size=18)]))
        if note.note:
            paragraphs.append(_para([_run(note.note, size=18)]))
    return _tc(width, paragraphs, merge=merge)


def _para(runs: list[etree._Element]) -> etree._Element:
    return el("p", el("pPr", el("spacing", after="80")), *runs)


def _run(
    text: str,
    op: str = "",
    style: str = "",
    bold: bool = False,
    italic: bool = False,
    size: int = 0,
    colour: str = "",
) -> etree._Element:
    props = el("rPr")
    if bold:
        props.append(el("b"))
    if italic or (op == INSERT and style == LEGISLATIVE):
        props.append(el("i"))
    if op == DELETE:
        props.append(el("strike"))
    if op == INSERT:
        props.append(el("u", val="single"))
    colour = colour or _op_colour(op, style)
    if colour:
        props.append(el("color", val=colour))
    if size:
        props.append(el("sz", val=str(size)))
    shade = _op_shade(op, style)
    if shade:
        props.append(el("shd", val="clear", color="auto", fill=shade))
    return el("r", props, text_el("t", text))


def _op_colour(op: str, style: str) -> str:
    if style == LEGISLATIVE or op not in (DELETE, INSERT):
        return ""
    return DIFF_COLOURS["deleted_text" if op == DELETE else "inserted_text"].lstrip("#")


def _op_shade(op: str, style: str) -> str:
    if style == LEGISLATIVE or op not in (DELETE, INSERT):
        return ""
    return DIFF_COLOURS["deleted_back" if op == DELETE else "inserted_back"].lstrip("#")


def _core(request: SynopsisRequest) -> bytes:
    cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    dc = "http://purl.org/dc/elements/1.1/"
    root = etree.Element(f"{{{cp}}}coreProperties", nsmap={"cp": cp, "dc": dc})
    drafts = request.drafts
    title = f"Synopsis: {draft_name(drafts[0])} to {draft_name(drafts[-1])}"
    etree.SubElement(root, f"{{{dc}}}title").text = title
    etree.SubElement(root, f"{{{dc}}}creator").text = "Travaux"
    return xml_bytes(root)
