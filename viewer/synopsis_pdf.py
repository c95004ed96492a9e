"""The synopsis as a PDF: the four-column document on landscape A4, drawn by Qt.

A table, as in the HTML and Word synopses: each line of the table (a provision's
titles, then each of its paragraphs, kept level by `SynopsisRow.levels`) is a band of
cells, one QTextDocument per draft, all starting at the same height, so a provision and
each of its paragraphs stand level in every column. A line longer than what is left of
a page goes on at the top of the next, each cell cut between its own lines of text
(`viewer.synopsis_pages`, on the two-draft PDF's cutting). Every page repeats the
column heads (each draft's label, symbol and date) and the key; the notes column runs
beside the whole provision. Text stays text: selectable, searchable, ligatures off.
Each cell's HTML is `viewer.synopsis_cells`'; this module lays out and paints.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextOption,
)

from drafts.export.formats import VERIFIERS
from drafts.export.model import DIFF_COLOURS, LEGISLATIVE, ExportNote, xml_text
from drafts.export.synopsis import (
    SynopsisRequest,
    SynopsisWriter,
    deleted_paragraphs,
    write_synopsis,
)
from drafts.files import write_atomically_in_steps
from drafts.negotiation.synopsis import SynopsisRow
from viewer.export_pdf import (
    _FULL,
    DPI,
    SANS,
    SERIF,
    Slice,
    _Band,
    _font,
    _paint_page_number,
    ensure_gui,
    paint_slices,
)
from viewer.synopsis_cells import (
    head_html,
    notes_html,
    paragraph_html,
    strip_html,
    struck_html,
    title,
    title_html,
)
from viewer.synopsis_pages import ROW_PAD, Page, Provision, paginate

MARGINS_MM = QMarginsF(12, 12, 12, 12)
STRIP_GAP = 6.0
"""Between the title and key at the top of every page and the column heads."""
FOOTER = 22.0
"""Room at the foot of every page for its number."""
PAD = 5.0
"""Inside each cell, left and right."""
NOTES_SHARE = 0.8
"""The notes column's width against a draft's."""
ABSENT = "#f3f3f3"
"""The ground of a cell whose draft does not have the provision."""
CELL_POINTS = 8.0

_C = DIFF_COLOURS


def write_synopsis_file(request: SynopsisRequest, fmt: str, path: str | Path) -> None:
    """`drafts.export.synopsis.write_synopsis`, the PDF included."""
    write_synopsis(request, fmt, path, PDF_WRITER)


def write_synopsis_pdf(request: SynopsisRequest, path: str | Path) -> None:
    for _ in synopsis_pdf_steps(request, path):
        pass


PDF_WRITER: Mapping[str, SynopsisWriter] = {"pdf": write_synopsis_pdf}


def write_synopsis_pdf_in_steps(request: SynopsisRequest, path: str | Path) -> Iterator[object]:
    """The PDF in steps (a provision laid out, a page painted), whole or not at all:
    what the window runs between its events, Qt's painting staying on its thread."""
    verify = VERIFIERS["pdf"]
    return write_atomically_in_steps(path, lambda part: synopsis_pdf_steps(request, part), verify)


def synopsis_pdf_steps(request: SynopsisRequest, path: str | Path) -> Iterator[object]:
    ensure_gui()
    Path(path).open("wb").close()  # Qt would fail silently: let the OS say why first
    writer = _writer(request, path)
    frame = page_frame(writer, request)
    grid, body = frame.grid, frame.body
    provisions = []
    for k, row in enumerate(request.synopsis.rows):
        provisions.append(_provision(writer, request, grid, row, request.notes[k]))
        yield
    pages = paginate(provisions, body.height())
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(errno.EIO, "Qt cannot write a PDF there")
    try:
        for n, laid in enumerate(pages, 1):
            if n > 1 and not writer.newPage():
                raise OSError(errno.EIO, f"Qt could not write page {n - 1} ({_FULL})")
            strip = frame.strip
            paint_slices(painter, [Slice(strip, 0.0, 0.0, strip.size().height(), 0.0)], 0.0)
            _paint_heads(painter, frame)
            _paint_shades(painter, grid, laid, body.top())
            paint_slices(painter, laid.slices, body.top())
            _paint_rules(painter, grid, laid, frame.heads_top, body.top())
            _paint_footer(painter, body, laid)
            _paint_page_number(painter, body, n, len(pages))
            yield
    finally:
        finished = painter.end()
    if not finished:
        raise OSError(errno.EIO, f"Qt could not finish the PDF ({_FULL})")


@dataclass(frozen=True)
class Frame:
    """What every page repeats: the title and key (`strip`), the column heads, and
    where the table's body is."""

    grid: _Grid
    strip: QTextDocument
    heads: list[QTextDocument]
    heads_top: float
    body: QRectF


def page_frame(writer: QPdfWriter, request: SynopsisRequest) -> Frame:
    page = QRectF(writer.pageLayout().paintRectPixels(DPI))
    grid = _Grid.for_request(request, page.width())
    strip = _doc(writer, strip_html(request), page.width())
    heads = [_doc(writer, head_html(request, c), w) for c, w in enumerate(grid.inner)]
    top = strip.size().height() + STRIP_GAP
    below = top + max(d.size().height() for d in heads) + 2 * ROW_PAD
    body = QRectF(0, below, page.width(), page.height() - below - FOOTER)
    return Frame(grid, strip, heads, top, body)


def _writer(request: SynopsisRequest, path: str | Path) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(xml_text(title(request)))
    writer.setCreator("Travaux")
    return writer


def _doc(writer: QPdfWriter, html: str, width: float, points: float = CELL_POINTS) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(_font(SERIF, points))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    doc.setTextWidth(width)
    return doc


@dataclass(frozen=True)
class _Grid:
    """The table's columns: where each starts and how wide it is, and the width of
    its text (inside the padding)."""

    lefts: list[float]
    widths: list[float]

    @classmethod
    def for_request(cls, request: SynopsisRequest, width: float) -> _Grid:
        shares = [1.0] * len(request.drafts) + ([NOTES_SHARE] if request.with_notes else [])
        unit = width / sum(shares)
        widths = [unit * s for s in shares]
        lefts = [sum(widths[:k]) for k in range(len(widths))]
        return cls(lefts, widths)

    @property
    def inner(self) -> list[float]:
        return [w - 2 * PAD for w in self.widths]

    def x(self, column: int) -> float:
        return self.lefts[column] + PAD

    @property
    def right(self) -> float:
        return self.lefts[-1] + self.widths[-1]


# The cells ------------------------------------------------------------------------------


def _provision(
    writer: QPdfWriter,
    request: SynopsisRequest,
    grid: _Grid,
    row: SynopsisRow,
    notes: tuple[ExportNote, ...],
) -> Provision:
    plain = request.style == LEGISLATIVE
    inner = grid.inner
    gone = {c: parts for c in range(len(row.cells)) if (parts := deleted_paragraphs(row, c))}
    heads = [
        (_doc(writer, html, inner[c]), grid.x(c))
        for c, cell in enumerate(row.cells)
        if (html := title_html(cell, plain, c in gone))
    ]
    bands = [_Band(heads)] if heads else []
    paragraphs = [cell.paragraphs for cell in row.cells]
    for level in row.levels:
        docs = [
            (_doc(writer, paragraph_html(paragraphs[c][k], plain), inner[c]), grid.x(c))
            for c, k in enumerate(level)
            if k is not None
        ]
        docs += [  # a deleted paragraph, struck, level with what it was on the left
            (_doc(writer, struck_html(parts[k], plain), inner[c]), grid.x(c))
            for c, parts in gone.items()
            if (k := level[c - 1]) is not None
        ]
        if docs:
            bands.append(_Band(docs))
    side = None
    if request.with_notes and notes:
        column = len(request.drafts)
        side = (_doc(writer, notes_html(notes), inner[column], 7.0), grid.x(column))
    absent = tuple(
        c for c, cell in enumerate(row.cells) if not cell.provisions and not cell.deleted
    )
    return Provision(bands, side, row.last_title(), absent)


# Painting -------------------------------------------------------------------------------


def _paint_heads(painter: QPainter, frame: Frame) -> None:
    """The header row, repeated on every page: each column's draft on the bar's tint."""
    grid, top = frame.grid, frame.heads_top
    painter.fillRect(QRectF(0, top, grid.right, frame.body.top() - top), QColor(_C["bar"]))
    slices = [
        Slice(doc, grid.x(c), 0.0, doc.size().height(), ROW_PAD)
        for c, doc in enumerate(frame.heads)
    ]
    paint_slices(painter, slices, top)


def _paint_shades(painter: QPainter, grid: _Grid, page: Page, body: float) -> None:
    """A provision's cells in the drafts without it, on a grey as in the HTML synopsis."""
    for column, top, bottom in page.shades:
        area = QRectF(grid.lefts[column], body + top, grid.widths[column], bottom - top)
        painter.fillRect(area, QColor(ABSENT))


def _paint_rules(painter: QPainter, grid: _Grid, page: Page, top: float, body: float) -> None:
    """The table's lines: a rule over the header, one above each provision, the column
    lines down to where the table ends on this page, and one under it."""
    painter.save()
    painter.setPen(QPen(QColor(_C["rule"]), 0.8))
    bottom = body + page.bottom
    painter.drawLine(QPointF(0, top), QPointF(grid.right, top))
    for y in [0.0, *page.rules]:
        painter.drawLine(QPointF(0, body + y), QPointF(grid.right, body + y))
    painter.drawLine(QPointF(0, bottom), QPointF(grid.right, bottom))
    for x in [*grid.lefts, grid.right]:
        painter.drawLine(QPointF(x, top), QPointF(x, bottom))
    painter.restore()


def _paint_footer(painter: QPainter, body: QRectF, page: Page) -> None:
    """Which provisions the page holds, at its foot on the left, as a running head of
    a printed synopsis does: "Article 4 – Article 6"."""
    if not page.titles:
        return
    first, last = page.titles[0], page.titles[-1]
    text = first if first == last else f"{first} – {last}"
    painter.save()
    painter.setFont(_font(SANS, 7.0))
    painter.setPen(QColor(_C["muted"]))
    footer = QRectF(0, body.bottom() + 8, body.width() / 3, FOOTER - 8)
    elided = painter.fontMetrics().elidedText(
        text, Qt.TextElideMode.ElideMiddle, int(footer.width())
    )
    painter.drawText(footer, Qt.AlignmentFlag.AlignLeft, elided)
    painter.restore()
