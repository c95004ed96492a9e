"""A comparison as a PDF, through Qt's own PDF writer; and `write_export` for every
format, the PDF included.

It lives in viewer/ because it needs Qt, and it needs no window: with no application
yet (the command line), it starts a QGuiApplication on the offscreen platform.

Each provision is laid out as its own QTextDocument, and pages are made here rather
than by Qt: a short provision that would straddle a page starts on the next one, a
long one is cut only between lines, and every page gets the running header (the two
drafts) and "Page n of N". Text stays text (selectable, searchable), ligatures are off
so that "office" is found and copied as "office", and annotations keep their tag
colours. The look follows the app and the HTML export: deletions struck through on a
vermillion tint, insertions underlined on a blue tint.
"""

from __future__ import annotations

import errno
import functools
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
    QTextOption,
)

from drafts.comparing.diff import DELETE, EQUAL, INSERT
from drafts.export import formats
from drafts.export.model import (
    CHANGE_SEPARATOR,
    DIFF_COLOURS,
    INLINE,
    LEGISLATIVE,
    OLD,
    ExportRequest,
    ExportRow,
    Paragraph,
    Piece,
    PlacedNote,
    layout_sections,
    markers_by_place,
    needs_separator,
    note_quote,
    note_where,
    row_label,
    safe_colour,
    summary_facts,
    tags_present,
    tint,
    words_changed,
    xml_text,
)
from drafts.files import write_atomically_in_steps
from drafts.wording import draft_name

DPI = 96
"""The writer's resolution: layout units are then CSS pixels, as Qt's HTML expects."""
MARGINS_MM = QMarginsF(16, 14, 16, 14)
HEADER_GAP = 26.0
"""Room above the body for the running header, and below it for the page number."""
ROW_GAP = 14.0
BAND_GAP = 4.0
COLUMN_GAP = 18.0
MIN_ROOM = 150.0
"""A provision does not start in less room than this: its bar and headings would be
alone at the foot of the page."""
SERIF = ("DejaVu Serif", "Noto Serif", "Liberation Serif", "Times New Roman", "serif")
SANS = ("DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial", "sans-serif")

_C = DIFF_COLOURS
_app: QGuiApplication | None = None


def write_export(request: ExportRequest, fmt: str, path: str | Path) -> None:
    """Write `request` in any format, the PDF included: what the export dialog calls
    (the core's `write_export` knows every format but the PDF, which needs Qt)."""
    formats.write_export(request, fmt, path, {**formats.CORE_WRITERS, "pdf": write_pdf})


def ensure_gui() -> None:
    """Qt fonts need a QGuiApplication; start one on the offscreen platform if there
    is none (the command line), and keep it for later exports."""
    global _app
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication(sys.argv[:1])


def write_pdf(request: ExportRequest, path: str | Path) -> None:
    """Lay out every provision, paginate, then paint each page."""
    for _ in pdf_steps(request, path):
        pass


def write_pdf_in_steps(request: ExportRequest, path: str | Path) -> Iterator[object]:
    """The PDF export in steps of a provision laid out or a page painted, whole or not
    at all: what a window runs between its events (`viewer.workers.run_in_steps`), so
    a long export never freezes it. Qt's painting stays on the GUI thread."""
    verify = formats.VERIFIERS["pdf"]
    return write_atomically_in_steps(path, lambda part: pdf_steps(request, part), verify)


def pdf_steps(request: ExportRequest, path: str | Path) -> Iterator[object]:
    """`write_pdf`, yielding after each provision laid out and each page painted."""
    ensure_gui()
    Path(path).open("wb").close()  # Qt would fail silently: let the OS say why first
    writer = _writer(request, path)
    page = QRectF(writer.pageLayout().paintRectPixels(DPI))
    body = QRectF(0, HEADER_GAP, page.width(), page.height() - 2 * HEADER_GAP)
    summary = _Band([(_document(writer, _summary_html(request), body.width()), 0.0)])
    units = [_Unit([summary], keep=True)]
    for row in request.rows:
        units.append(_Unit(_row_bands(writer, request, row, body.width()), row.short))
        yield
    pages = paginate(units, body.height())
    yield
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(errno.EIO, "Qt cannot write a PDF there")
    try:
        for n, slices in enumerate(pages, 1):
            if n > 1 and not writer.newPage():
                raise OSError(errno.EIO, f"Qt could not write page {n - 1} ({_FULL})")
            _paint_page(painter, request, slices, body, n, len(pages))
            yield
    finally:
        finished = painter.end()  # False when Qt could not write the file out
    if not finished:
        raise OSError(errno.EIO, f"Qt could not finish the PDF ({_FULL})")


_FULL = "is the disk full, or the file over a size limit?"
"""Qt says only that a write failed, never why; these are the usual reasons."""


def _writer(request: ExportRequest, path: str | Path) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(xml_text(request.heading))
    writer.setCreator("Travaux")
    return writer


@functools.cache
def _font(families: tuple[str, ...], points: float) -> QFont:
    """Made once for all pages: Qt resolving the families took a tenth of each page."""
    font = QFont()
    font.setFamilies(list(families))
    font.setPointSizeF(points)
    # Ligatures would turn "fi" into one glyph that copies and searches as "ﬁ".
    for feature in ("liga", "clig"):
        font.setFeature(QFont.Tag(feature), 0)
    return font


def _document(writer: QPdfWriter, html: str, width: float) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(_font(SERIF, 9.5))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    doc.setDefaultTextOption(option)
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    doc.setTextWidth(width)
    return doc


# Pagination ------------------------------------------------------------------------------


@dataclass
class _Band:
    """Documents side by side at x offsets (a provision's two columns), or one alone.
    Each is cut between its own paragraphs, so columns may end a page at different
    heights and both go on at the top of the next."""

    docs: list[tuple[QTextDocument, float]]

    def height(self) -> float:
        return max(doc.size().height() for doc, _ in self.docs)


@dataclass
class _Unit:
    """A provision (bar, columns, notes) or the summary."""

    bands: list[_Band]
    keep: bool
    """Kept on one page when it fits one."""

    def height(self) -> float:
        return sum(b.height() for b in self.bands) + BAND_GAP * (len(self.bands) - 1)


@dataclass(frozen=True)
class Slice:
    """Rows y0..y1 of a document, drawn at x and `top` of a page's body."""

    doc: QTextDocument
    x: float
    y0: float
    y1: float
    top: float


def paginate(units: Sequence[_Unit], height: float) -> list[list[Slice]]:
    """Units flowed onto pages of `height`: one kept together starts a new page when it
    does not fit the rest of this one (and fits a page); any starts a new page when
    little is left."""
    pages: list[list[Slice]] = [[]]
    y = 0.0
    for unit in units:
        if y > 0:
            y += ROW_GAP
            total = unit.height()
            if y + total > height and ((unit.keep and total <= height) or height - y < MIN_ROOM):
                pages.append([])
                y = 0.0
        for k, band in enumerate(unit.bands):
            y = _flow(band, pages, y + (BAND_GAP if k else 0.0), height)
    return pages


def _flow(band: _Band, pages: list[list[Slice]], y: float, height: float) -> float:
    """Place a band from `y` on the last page, onto new pages as needed; return where
    it ends on the last."""
    starts = [0.0] * len(band.docs)
    while True:
        steps = [
            (doc, x, start, *_step(doc, start, height - y, at_top=y == 0))
            for (doc, x), start in zip(band.docs, starts, strict=True)
        ]
        if y > 0 and not any(cut > start for _, _, start, cut, _ in steps):
            pages.append([])  # not one paragraph fits what is left: next page
            y = 0.0
            continue
        pages[-1] += [
            Slice(doc, x, start, cut, y) for doc, x, start, cut, _ in steps if cut > start
        ]
        used = max(cut - start for _, _, start, cut, _ in steps)
        if all(after >= doc.size().height() for doc, _, _, _, after in steps):
            return y + used
        starts = [after for *_, after in steps]
        pages.append([])
        y = 0.0


def _step(doc: QTextDocument, start: float, room: float, at_top: bool) -> tuple[float, float]:
    """(cut, next start): how far the document goes from `start` in `room`, ending
    between paragraphs; then where its next paragraph begins. The paragraph that
    crosses the page's end is first broken in two if at least two of its lines fit
    and two are left (one and one, at the top of a page)."""
    end = doc.size().height()
    if start >= end:
        return start, end
    if end - start <= room:
        return end, end
    _split_block(doc, start, start + room, 1 if at_top else 2)
    cut, after = _cut(_text_blocks(doc), start, start + room)
    if cut <= start and at_top:  # one line taller than a page: cut it anyway
        cut = after = start + room
    return cut, after


def _text_blocks(doc: QTextDocument) -> list[tuple[float, float]]:
    """(top, bottom) of every paragraph with text, table cells included."""
    layout = doc.documentLayout()
    boxes = []
    block = doc.begin()
    while block.isValid():
        if block.text().strip():
            rect = layout.blockBoundingRect(block)
            boxes.append((rect.top(), rect.bottom()))
        block = block.next()
    return boxes


def _cut(boxes: list[tuple[float, float]], start: float, limit: float) -> tuple[float, float]:
    """The lowest paragraph end in (start, limit] that no paragraph crosses, and the
    top of the paragraph after it; (start, start) if there is none.

    Only between paragraphs: Qt draws a paragraph that a clip cuts across whole (into
    the PDF, if not onto the page), so a line cut there would be in the text twice."""
    cut = start
    for _, bottom in boxes:
        if cut < bottom <= limit and not any(t < bottom < b for t, b in boxes):
            cut = bottom
    if cut == start:
        return start, start
    return cut, min((top for top, _ in boxes if top >= cut), default=cut)


def _split_block(doc: QTextDocument, start: float, y: float, keep: int) -> bool:
    """Break the paragraph that crosses `y` (below `start`) in two at its last line
    above `y`, if that leaves `keep` lines or more on each side; say if it did."""
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        if start <= rect.top() < y < rect.bottom() and block.text().strip():
            lines = block.layout()
            fit = sum(
                rect.top() + lines.lineAt(k).y() + lines.lineAt(k).height() <= y
                for k in range(lines.lineCount())
            )
            if fit < keep or lines.lineCount() - fit < keep:
                return False
            cursor = QTextCursor(doc)
            cursor.setPosition(block.position() + lines.lineAt(fit).textStart())
            cursor.insertBlock()
            return True
        block = block.next()
    return False


def _paint_page(
    painter: QPainter,
    request: ExportRequest,
    slices: list[Slice],
    body: QRectF,
    number: int,
    count: int,
) -> None:
    _paint_header(painter, request, body)
    paint_slices(painter, slices, body.top())
    _paint_page_number(painter, body, number, count)


def paint_slices(painter: QPainter, slices: list[Slice], top: float) -> None:
    """Each slice of a document where pagination put it, below `top`."""
    for piece in slices:
        painter.save()
        painter.translate(piece.x, top + piece.top - piece.y0)
        width = piece.doc.textWidth()
        height = piece.y1 - piece.y0
        painter.setClipRect(QRectF(-2, piece.y0, width + 4, height))
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = QRectF(-2, piece.y0 + 0.5, width + 4, max(height - 1, 0))
        piece.doc.documentLayout().draw(painter, context)
        painter.restore()


def _paint_header(painter: QPainter, request: ExportRequest, body: QRectF) -> None:
    """The running header: the two drafts, with a rule under them."""
    painter.save()
    painter.setFont(_font(SANS, 7.5))
    painter.setPen(QColor(_C["muted"]))
    header = QRectF(0, 0, body.width(), HEADER_GAP - 8)
    names = f"{xml_text(draft_name(request.old))} → {xml_text(draft_name(request.new))}"
    elided = painter.fontMetrics().elidedText(
        names, Qt.TextElideMode.ElideMiddle, int(body.width())
    )
    painter.drawText(header, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, elided)
    painter.setPen(QColor(_C["rule"]))
    painter.drawLine(0, HEADER_GAP - 4, body.width(), HEADER_GAP - 4)
    painter.restore()


def _paint_page_number(painter: QPainter, body: QRectF, number: int, count: int) -> None:
    """Painted after the page's text, so that it also comes last when text is copied."""
    painter.save()
    painter.setFont(_font(SANS, 7.5))
    painter.setPen(QColor(_C["muted"]))
    footer = QRectF(0, body.bottom() + 8, body.width(), HEADER_GAP - 8)
    painter.drawText(footer, Qt.AlignmentFlag.AlignHCenter, f"Page {number} of {count}")
    painter.restore()


# Qt's HTML ------------------------------------------------------------------------------
# Qt reads a subset of HTML 4 and CSS: tables for columns, inline styles, bgcolor.


def _esc(text: str) -> str:
    return escape(xml_text(text), quote=True)


def _summary_html(request: ExportRequest) -> str:
    facts = "".join(
        f'<tr><td style="color:{_C["muted"]};font-weight:600;padding-right:14px">{_esc(k)}</td>'
        f"<td>{_esc(v)}</td></tr>"
        for k, v in summary_facts(request)
    )
    tags = tags_present(request)
    tag_line = (
        "<p>Tags: " + " ".join(f"{_chip(t.name, t.colour)}&nbsp;{n}" for t, n in tags) + "</p>"
        if tags
        else ""
    )
    plain = request.style == LEGISLATIVE
    key = (
        f"<p>Key: {_wrap(DELETE, 'deleted', plain=plain)} "
        f"{_wrap(INSERT, 'inserted', plain=plain)} · "
        f"{_marker(1, '#dddddd')} marks an annotation, listed after its provision.</p>"
    )
    return (
        f'<p style="font-size:17pt;font-weight:bold;margin-bottom:8px">{_esc(request.heading)}</p>'
        f'<table cellspacing="0" cellpadding="2">{facts}</table>{tag_line}{key}'
    )


def _chip(name: str, colour: str) -> str:
    return (
        f'<span style="background-color:{tint(colour)};font-family:{SANS[0]};font-size:7.5pt">'
        f"&nbsp;{_esc(name)}&nbsp;</span>"
    )


def _row_bands(
    writer: QPdfWriter, request: ExportRequest, row: ExportRow, width: float
) -> list[_Band]:
    """A provision's bands: the bar naming it, its text in one or two columns, and its
    annotations."""
    change = row.change
    status = change.status + (" (uncertain pairing)" if change.uncertain else "")
    bar = (
        f'<table width="100%" cellspacing="0" cellpadding="3" bgcolor="{_C["bar"]}" '
        f'style="font-family:{SANS[0]};font-size:8.5pt"><tr>'
        f"<td><b>{_esc(row_label(change))}</b>&nbsp;&nbsp;&nbsp;{_esc(status)}</td>"
        f'<td align="right" style="color:{_C["muted"]}">{_esc(words_changed(change))}</td>'
        "</tr></table>"
    )
    colours = {n.number: _note_colour(n) for n in row.notes}
    sides = [INLINE] if request.layout == INLINE else [OLD, "new"]
    column = (width - COLUMN_GAP * (len(sides) - 1)) / len(sides)
    columns = [
        (_document(writer, _column(request, row, side, colours), column), k * (column + COLUMN_GAP))
        for k, side in enumerate(sides)
    ]
    bands = [_Band([(_document(writer, bar, width), 0.0)]), _Band(columns)]
    if row.notes:
        bands.append(_Band([(_document(writer, _notes_html(request, row, colours), width), 0.0)]))
    return bands


def _note_colour(placed: PlacedNote) -> str:
    return safe_colour(placed.note.tags[0].colour) if placed.note.tags else "#bbbbbb"


def _column(request: ExportRequest, row: ExportRow, side: str, colours: dict[int, str]) -> str:
    label = f"{request.old.label} → {request.new.label}" if side == INLINE else request.label(side)
    out = [
        f'<p style="font-family:{SANS[0]};font-size:6.5pt;color:{_C["muted"]};'
        f'margin-top:0;margin-bottom:4px">{_esc(label.upper())}</p>'
    ]
    if side != INLINE and not (row.change.old if side == OLD else row.change.new):
        out.append(f'<p style="color:{_C["muted"]}"><i>Not in this draft.</i></p>')
        return "".join(out)
    whole = [n.number for n in row.whole_notes(None if side == INLINE else side)]
    for name, paras in layout_sections(row, side):
        if name == "notes":
            out.append(
                f'<p style="font-family:{SANS[0]};font-size:6.5pt;font-weight:600;'
                f'color:{_C["muted"]};margin-top:6px;margin-bottom:2px">NOTES</p>'
            )
        markers = markers_by_place(paras)
        for k, para in enumerate(paras):
            tail = "".join(_marker(n, colours[n]) for n in whole) if name == "title" else ""
            if name == "title" and k < len(paras) - 1:
                tail = ""
            plain = request.style == LEGISLATIVE
            out.append(_paragraph(name, para, k, len(paras) - 1, markers, colours, tail, plain))
    return "".join(out)


_PARA_STYLE = {
    "title": "font-weight:bold;margin-top:0;margin-bottom:4px",
    "text": "white-space:pre-wrap;margin-top:0;margin-bottom:5px",
    "notes": "white-space:pre-wrap;font-size:8pt;margin-top:0;margin-bottom:2px",
}


def _paragraph(
    name: str,
    para: Paragraph,
    k: int,
    last: int,
    markers: dict[tuple[int, int], list[int]],
    colours: dict[int, str],
    tail: str = "",
    plain: bool = False,
) -> str:
    out = []
    for i, piece in enumerate(para.pieces):
        if i and needs_separator(para.pieces[i - 1], piece):
            out.append(CHANGE_SEPARATOR)
        out.append(_piece(piece, colours, plain))
        out.extend(_marker(n, colours[n]) for n in markers.get((k, i), []))
    if para.mark != EQUAL and k < last:
        out.append(_wrap(para.mark, "¶", plain=plain))
    return f'<p style="{_PARA_STYLE[name]}">{"".join(out)}{tail}</p>'


def _piece(piece: Piece, colours: dict[int, str], plain: bool = False) -> str:
    text = _esc(piece.text)
    background = tint(colours[piece.notes[0]]) if piece.notes else ""
    return _wrap(piece.op, text, background, plain)


def _wrap(op: str, html: str, background: str = "", plain: bool = False) -> str:
    """A change's words: struck on vermillion, underlined on blue; or, `plain` (the
    legislative look), struck, or underlined and in italics, in black."""
    if op == DELETE:
        style = "text-decoration:line-through;"
        if not plain:
            style += f"color:{_C['deleted_text']};"
            background = background or _C["deleted_back"]
    elif op == INSERT:
        style = "text-decoration:underline;" + ("font-style:italic;" if plain else "")
        if not plain:
            style += f"color:{_C['inserted_text']};"
            background = background or _C["inserted_back"]
    else:
        style = ""
    if background:
        style += f"background-color:{background}"
    return f'<span style="{style}">{html}</span>' if style else html


def _marker(number: int, colour: str) -> str:
    return (
        f'<span style="vertical-align:super;font-family:{SANS[0]};font-size:8.5pt;'
        f'font-weight:bold;color:#1a1a1a;background-color:{tint(colour, 0.55)}">'
        f"&nbsp;{number}&nbsp;</span>"
    )


def _notes_html(request: ExportRequest, row: ExportRow, colours: dict[int, str]) -> str:
    if not row.notes:
        return ""
    rows = "".join(_note_html(request, row, n, colours[n.number]) for n in row.notes)
    return (
        f'<table width="100%" cellspacing="0" cellpadding="3" style="margin-top:4px;'
        f'font-family:{SANS[0]};font-size:7.5pt">{rows}</table>'
    )


def _note_html(request: ExportRequest, row: ExportRow, placed: PlacedNote, colour: str) -> str:
    note = placed.note
    head = [_marker(placed.number, colour), *(_chip(t.name, t.colour) for t in note.tags)]
    head.append(_esc(note.status))
    if note.holder:
        head.append(f"position held by {_esc(note.holder)}")
    head.append(f'<span style="color:{_C["muted"]}">· {_esc(note_where(request, placed))}</span>')
    lines = [" ".join(head)]
    if note.note:
        lines.append(f'<span style="white-space:pre-wrap">{_esc(note.note)}</span>')
    if quote := note_quote(row, placed):
        lines.append(f"<i>“{_esc(quote)}”</i>")
    return (
        f'<tr><td width="3" bgcolor="{colour}"></td>'
        f'<td bgcolor="#f7f7f7">{"<br>".join(lines)}</td></tr>'
    )
