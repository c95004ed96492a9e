"""The synopsis as a PDF: the four-column document on landscape A4, drawn by Qt.

A table, as in the HTML and Word synopses: each line of the table (a provision's
titles, then each of its paragraphs, kept level by `SynopsisRow.levels`) is a band of
cells, one QTextDocument per draft, all starting at the same height, so a provision and
each of its paragraphs stand level in every column. A line longer than what is left of
a page goes on at the top of the next, each cell cut between its own lines of text
(`viewer.export_pdf` paginates, as for the two-draft PDF). Every page repeats the
column heads (each draft's label, symbol and date) and the key; the notes column runs
beside the whole provision. Text stays text: selectable, searchable, ligatures off.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
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

from drafts.comparing.diff import DELETE, INSERT, Segment
from drafts.export.formats import VERIFIERS
from drafts.export.model import (
    CHANGE_SEPARATOR,
    DIFF_COLOURS,
    LEGISLATIVE,
    ExportNote,
    Piece,
    needs_separator,
    safe_colour,
    xml_text,
)
from drafts.export.synopsis import (
    SynopsisRequest,
    SynopsisWriter,
    date_line,
    deleted_paragraphs,
    lines,
    pieces,
    write_synopsis,
)
from drafts.files import write_atomically_in_steps
from drafts.negotiation.synopsis import Cell, SynopsisRow
from drafts.wording import draft_name, plural
from viewer.export_pdf import (
    _FULL,
    DPI,
    SANS,
    SERIF,
    Slice,
    _Band,
    _esc,
    _flow,
    _font,
    _paint_page_number,
    _step,
    _wrap,
    ensure_gui,
    paint_slices,
)

MARGINS_MM = QMarginsF(12, 12, 12, 12)
STRIP_GAP = 6.0
"""Between the title and key at the top of every page and the column heads."""
FOOTER = 22.0
"""Room at the foot of every page for its number."""
PAD = 5.0
"""Inside each cell, left and right."""
ROW_PAD = 5.0
"""Above and below a provision, inside its rules."""
LINE_GAP = 3.0
"""Between the lines (titles, paragraphs) of one provision."""
NOTES_SHARE = 0.8
"""The notes column's width against a draft's."""
MIN_ROOM = 90.0
"""A provision does not start in less room than this (its titles would be alone)."""
ABSENT = "#f3f3f3"
"""The ground of a cell whose draft does not have the provision."""
CELL_POINTS = 8.0
HEAD_POINTS = 7.5

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
    strip = _doc(writer, _strip_html(request), page.width())
    heads = [_doc(writer, _head_html(request, c), w) for c, w in enumerate(grid.inner)]
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
    writer.setTitle(xml_text(_title(request)))
    writer.setCreator("Travaux")
    return writer


def _title(request: SynopsisRequest) -> str:
    """As the HTML synopsis is titled: the first and last drafts, dates and symbols."""
    drafts = request.drafts
    return f"Synopsis: {draft_name(drafts[0])} to {draft_name(drafts[-1])}"


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


# Pagination ------------------------------------------------------------------------------


@dataclass
class _Provision:
    """A row of the synopsis: its lines, each a band of cells side by side, and its
    notes, beside them all."""

    lines: list[_Band]
    notes: tuple[QTextDocument, float] | None
    title: str = ""
    """The row's name, for the foot of the pages it is on."""
    absent: tuple[int, ...] = ()
    """The columns of drafts that do not have the provision (shaded)."""

    def height(self) -> float:
        text = sum(b.height() for b in self.lines) + LINE_GAP * max(len(self.lines) - 1, 0)
        notes = self.notes[0].size().height() if self.notes else 0.0
        return max(text, notes) + 2 * ROW_PAD


@dataclass
class Page:
    slices: list[Slice]
    rules: list[float]
    """Where each provision starts on this page (a rule across the table)."""
    bottom: float = 0.0
    """Where the table ends on this page."""
    titles: list[str] = field(default_factory=list)
    """The provisions on this page, a continued one first."""
    shades: list[tuple[int, float, float]] = field(default_factory=list)
    """(column, top, bottom): a provision's cell in a draft that does not have it."""


def paginate(provisions: Sequence[_Provision], height: float) -> list[Page]:
    """Provisions flowed onto pages of `height`: one that fits a page starts a new page
    rather than straddle two; a long one goes on, line by line, from page to page."""
    pages: list[list[Slice]] = [[]]
    rules: dict[int, list[float]] = {}
    bottoms: dict[int, float] = {}
    titles: dict[int, list[str]] = {}
    shades: dict[int, list[tuple[int, float, float]]] = {}
    y = 0.0
    for provision in provisions:
        total = provision.height()
        room = height - y
        if y > 0 and total > room and (total <= height or room < MIN_ROOM):
            pages.append([])
            y = 0.0
        first = len(pages) - 1
        rules.setdefault(first, []).append(y)
        top = y + ROW_PAD
        y = top
        for k, band in enumerate(provision.lines):
            y = _flow_level(band, pages, y + (LINE_GAP if k else 0.0), height)
        if provision.notes is not None:
            at_end = len(pages) - 1
            last, end = _flow_beside(provision.notes, pages, first, top, height)
            if last > at_end:  # the notes go on past the text
                y = end
            elif last == at_end:
                y = max(y, end)
        y += ROW_PAD
        for k in range(first, len(pages)):
            bottoms[k] = height if k < len(pages) - 1 else y
            titles.setdefault(k, []).append(provision.title)
            start = top - ROW_PAD if k == first else 0.0
            shades.setdefault(k, []).extend((c, start, bottoms[k]) for c in provision.absent)
    return [
        Page(s, rules.get(k, []), bottoms.get(k, 0.0), titles.get(k, []), shades.get(k, []))
        for k, s in enumerate(pages)
    ]


def _flow_level(band: _Band, pages: list[list[Slice]], y: float, height: float) -> float:
    """A line of the table, every cell starting at the same height: on the next page
    when one of its cells could not start on this one."""
    if y > 0 and any(_step(doc, 0.0, height - y, at_top=False)[0] <= 0 for doc, _ in band.docs):
        pages.append([])
        y = 0.0
    return _flow(band, pages, y, height)


def _flow_beside(
    cell: tuple[QTextDocument, float], pages: list[list[Slice]], page: int, y: float, height: float
) -> tuple[int, float]:
    """Place a document from page `page` at `y`, beside what is already there, onto
    later pages as needed (made if missing); (page, y) where it ends."""
    doc, x = cell
    start = 0.0
    end = doc.size().height()
    while True:
        while len(pages) <= page:
            pages.append([])
        cut, after = _step(doc, start, height - y, at_top=y == 0)
        if cut <= start and y > 0:
            page, y = page + 1, 0.0
            continue
        pages[page].append(Slice(doc, x, start, cut, y))
        if after >= end:
            return page, y + cut - start
        start, page, y = after, page + 1, 0.0


# The cells ------------------------------------------------------------------------------


def _provision(
    writer: QPdfWriter,
    request: SynopsisRequest,
    grid: _Grid,
    row: SynopsisRow,
    notes: tuple[ExportNote, ...],
) -> _Provision:
    plain = request.style == LEGISLATIVE
    inner = grid.inner
    gone = {c: parts for c in range(len(row.cells)) if (parts := deleted_paragraphs(row, c))}
    heads = [
        (_doc(writer, html, inner[c]), grid.x(c))
        for c, cell in enumerate(row.cells)
        if (html := _title_html(cell, plain, c in gone))
    ]
    bands = [_Band(heads)] if heads else []
    paragraphs = [cell.paragraphs for cell in row.cells]
    for level in row.levels:
        docs = [
            (_doc(writer, _paragraph_html(paragraphs[c][k], plain), inner[c]), grid.x(c))
            for c, k in enumerate(level)
            if k is not None
        ]
        docs += [  # a deleted paragraph, struck, level with what it was on the left
            (_doc(writer, _struck_html(parts[k], plain), inner[c]), grid.x(c))
            for c, parts in gone.items()
            if (k := level[c - 1]) is not None
        ]
        if docs:
            bands.append(_Band(docs))
    side = None
    if request.with_notes and notes:
        column = len(request.drafts)
        side = (_doc(writer, _notes_html(notes), inner[column], 7.0), grid.x(column))
    absent = tuple(
        c for c, cell in enumerate(row.cells) if not cell.provisions and not cell.deleted
    )
    return _Provision(bands, side, row.last_title(), absent)


def _title_html(cell: Cell, plain: bool, text_below: bool = False) -> str:
    """A cell's number, heading and status; a deleted one's text struck through (unless
    it stands struck paragraph by paragraph on the lines below, `text_below`)."""
    status_style = f"font-family:{SANS[0]};font-size:6.5pt;font-weight:normal;color:{_C['muted']}"
    if not cell.provisions:
        if not cell.deleted:
            return ""
        said = f'<p style="margin:0"><span style="{status_style}">deleted</span></p>'
        return said if text_below else said + _struck_html(cell.deleted, plain)
    heading = " ".join(_pieces(line, plain) for line in lines(cell.heading))
    label = cell.numbers or ("" if heading else cell.title)
    title = " ".join(part for part in (_esc(label), heading) if part)
    status = f' <span style="{status_style}">{_esc(cell.status)}</span>' if cell.status else ""
    return f'<p style="font-weight:bold;margin:0">{title}{status}</p>'


def _struck_html(text: str, plain: bool) -> str:
    return f'<p style="white-space:pre-wrap;margin:0">{_wrap(DELETE, _esc(text), plain=plain)}</p>'


def _paragraph_html(segments: Sequence[Segment], plain: bool) -> str:
    text = _pieces(pieces(segments), plain)
    return f'<p style="white-space:pre-wrap;margin:0">{text}</p>'


def _pieces(line: list[tuple[str, str]], plain: bool) -> str:
    """A line's words, its changes marked; a thin space between a deleted word and
    the inserted one that touches it, so they copy and search as two words."""
    out = []
    before: Piece | None = None
    for op, text in line:
        piece = Piece(op, text)
        if needs_separator(before, piece):
            out.append(CHANGE_SEPARATOR)
        out.append(_wrap(op, _esc(text), plain=plain) if op in (DELETE, INSERT) else _esc(text))
        before = piece
    return "".join(out)


def _notes_html(notes: tuple[ExportNote, ...]) -> str:
    out = []
    for note in notes:
        colour = safe_colour(note.tags[0].colour) if note.tags else "#bbbbbb"
        where = " · ".join(p for p in (", ".join(t.name for t in note.tags), note.status) if p)
        body = [f'<span style="color:{_C["muted"]}">{_esc(where)}</span>']
        if note.quote:
            body.append(f"<i>“{_esc(note.quote)}”</i>")
        if note.note:
            body.append(f'<span style="white-space:pre-wrap">{_esc(note.note)}</span>')
        out.append(f'<tr><td width="3" bgcolor="{colour}"></td><td>{"<br>".join(body)}</td></tr>')
    return (
        f'<table width="100%" cellspacing="0" cellpadding="2" '
        f'style="font-family:{SANS[0]};margin-bottom:4px">{"".join(out)}</table>'
    )


def _head_html(request: SynopsisRequest, column: int) -> str:
    if column == len(request.drafts):
        name, when = "Notes and positions", ""
    else:
        draft = request.drafts[column]
        name, when = draft.label or draft_name(draft), date_line(draft)
    return (
        f'<p style="font-family:{SANS[0]};font-size:{HEAD_POINTS}pt;font-weight:600;margin:0">'
        f"{_esc(name)}</p>"
        f'<p style="font-family:{SANS[0]};font-size:{HEAD_POINTS - 0.5}pt;color:{_C["muted"]};'
        f'margin:0">{_esc(when)}</p>'
    )


def _strip_html(request: SynopsisRequest) -> str:
    plain = request.style == LEGISLATIVE
    rows = request.synopsis.rows
    key = (
        f"{plural(len(request.drafts), 'draft')}, {plural(len(rows), 'provision')}. "
        "Each column is marked against the column to its left: "
        f"{_wrap(DELETE, 'deleted', plain=plain)} and {_wrap(INSERT, 'inserted', plain=plain)} "
        "words; a paragraph the column to the left did not have stands on a line of its own."
    )
    return (
        f'<table width="100%" cellspacing="0" cellpadding="0" '
        f'style="font-family:{SANS[0]};font-size:7pt"><tr>'
        f'<td width="45%"><b style="font-size:9pt">{_esc(_title(request))}</b></td>'
        f'<td align="right" style="color:{_C["muted"]}">{key}</td></tr></table>'
    )


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
