"""Build PDF drafts in tests with Qt's own PDF writer: no external program needed.

A draft is given as HTML paragraphs (bold, struck `<s>`, underlined, superscript note
markers) and laid out by a QTextDocument cut into pages; each page is then drawn with
what real drafts carry around the text: a running header (a document symbol), a job
number and a page number at the foot, numbers in the left margin every five lines,
footnotes at the foot of the page that calls them, one or two columns. PDFs of the
demo drafts are made the same way (`draft_pdf`), so the reader is tested on the
whole of a real-sized negotiation text.
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from drafts.model import Draft, Provision

A4 = (595.0, 842.0)
MARGIN = 56.0
FOOT = 100.0
"""Room at the foot of the body for the footnotes of a page."""


@dataclass(frozen=True)
class Layout:
    """What goes around the text on each page."""

    header: str = ""
    job_number: str = ""
    page_numbers: bool = True
    line_numbers: bool = False
    columns: int = 1
    font_size: float = 11.0
    notes: Mapping[str, str] = field(default_factory=dict)
    """Footnote texts by marker; a `<sup>marker</sup>` in the text calls each."""


def _app() -> None:
    """A QApplication, not a mere QGuiApplication: the same test process later opens
    windows (tests/viewer), and Qt aborts on a widget made under a QGuiApplication."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        _app.keep = QApplication([])  # type: ignore[attr-defined]


def build_pdf(paragraphs: Sequence[str], layout: Layout = Layout()) -> bytes:
    """The PDF bytes of `paragraphs` (HTML block elements, or text made a `<p>`)."""
    _app()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QSizeF
    from PySide6.QtGui import (
        QFont,
        QPageLayout,
        QPageSize,
        QPainter,
        QPdfWriter,
        QTextDocument,
    )

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(72)
    writer.setPageSize(QPageSize(QSizeF(*A4), QPageSize.Unit.Point))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    gap = 40.0 if layout.line_numbers else 24.0
    width = (A4[0] - 2 * MARGIN - gap * (layout.columns - 1)) / layout.columns
    height = A4[1] - 2 * MARGIN - FOOT
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    font = QFont("DejaVu Serif")
    font.setPointSizeF(layout.font_size)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    body = "".join(p if p.lstrip().startswith("<") else f"<p>{p}</p>" for p in paragraphs)
    document.setHtml(f"<html><body>{body}</body></html>")
    document.setPageSize(QSizeF(width, height))
    columns = document.pageCount()
    pages = -(-columns // layout.columns)
    lines = _lines(document, height)
    placed = _placed(document, height)
    notes = _note_pages(document, height, layout.notes)
    painter = QPainter(writer)
    small = QFont(font)
    small.setPointSizeF(layout.font_size * 0.8)
    for page in range(pages):
        if page:
            writer.newPage()
        for column in range(layout.columns):
            index = page * layout.columns + column
            if index >= columns:
                break
            x = MARGIN + column * (width + gap)
            painter.save()
            painter.translate(x, MARGIN - index * height)
            for line, at in placed.get(index, []):
                line.draw(painter, at)
            painter.restore()
            painter.setFont(small)
            if layout.line_numbers:
                for n, baseline in enumerate(lines.get(index, []), 1):
                    if n % 5 == 0:
                        painter.drawText(QPointF(x - 20, MARGIN + baseline), str(n))
            _draw_notes(painter, notes.get(index, []), layout, x, width, height, small)
        painter.setFont(small)
        if layout.header:
            painter.drawText(QPointF(MARGIN, MARGIN - 24), layout.header)
        if layout.job_number:
            painter.drawText(QPointF(MARGIN, A4[1] - MARGIN + 30), layout.job_number)
        if layout.page_numbers:
            painter.drawText(QPointF(A4[0] / 2, A4[1] - MARGIN + 30), str(page + 1))
    painter.end()
    buffer.close()
    return bytes(data.data())


def _lines(document: object, height: float) -> dict[int, list[float]]:
    """Baselines of the laid-out lines, by column page, relative to the column's top."""
    found: dict[int, list[float]] = {}
    block = document.begin()  # type: ignore[attr-defined]
    layout = document.documentLayout()  # type: ignore[attr-defined]
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        text_layout = block.layout()
        for i in range(text_layout.lineCount()):
            line = text_layout.lineAt(i)
            y = top + line.y() + line.ascent()
            found.setdefault(int(y // height), []).append(y % height)
        block = block.next()
    return found


def _placed(document: object, height: float) -> dict[int, list[tuple[object, object]]]:
    """Every laid-out line with where to draw it, by column page: lines are drawn one
    by one, since a clipped drawing would still put the clipped text in the PDF."""
    from PySide6.QtCore import QPointF

    found: dict[int, list[tuple[object, object]]] = {}
    block = document.begin()  # type: ignore[attr-defined]
    layout = document.documentLayout()  # type: ignore[attr-defined]
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        text_layout = block.layout()
        for i in range(text_layout.lineCount()):
            line = text_layout.lineAt(i)
            page = int((rect.top() + line.y() + line.ascent()) // height)
            found.setdefault(page, []).append((line, QPointF(rect.left(), rect.top())))
        block = block.next()
    return found


def _note_pages(
    document: object, height: float, notes: Mapping[str, str]
) -> dict[int, list[tuple[str, str]]]:
    """Each footnote on the column page whose text calls it."""
    from PySide6.QtGui import QTextCharFormat

    found: dict[int, list[tuple[str, str]]] = {}
    block = document.begin()  # type: ignore[attr-defined]
    layout = document.documentLayout()  # type: ignore[attr-defined]
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            raised = QTextCharFormat.VerticalAlignment.AlignSuperScript
            if fragment.charFormat().verticalAlignment() == raised:
                marker = fragment.text().strip()
                if marker in notes:
                    line = block.layout().lineForTextPosition(
                        fragment.position() - block.position()
                    )
                    page = int((top + line.y()) // height)
                    found.setdefault(page, []).append((marker, notes[marker]))
            it += 1
        block = block.next()
    return found


def _draw_notes(painter, notes, layout, x, width, height, font) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QTextDocument

    if not notes:
        return
    top = MARGIN + height + 10
    painter.drawLine(QPointF(x, top), QPointF(x + 100, top))
    y = top + 4
    for marker, text in notes:
        note = QTextDocument()
        note.documentLayout().setPaintDevice(painter.device())
        note.setDefaultFont(font)
        note.setDocumentMargin(0)
        note.setTextWidth(width)
        note.setHtml(f"<p><sup>{html.escape(marker)}</sup> {html.escape(text)}</p>")
        painter.save()
        painter.translate(x, y)
        note.drawContents(painter, QRectF(0, 0, width, note.size().height()))
        painter.restore()
        y += note.size().height() + 2


# The demo drafts as PDF


def draft_paragraphs(draft: Draft) -> tuple[list[str], dict[str, str]]:
    """A draft as a secretariat prints it: title, symbol, chapters and articles centred
    in bold (number and title on lines of their own), numbered paragraphs, footnotes."""
    out = [f"<p align=center><b>{html.escape(draft.work_title)}</b></p>"]
    notes: dict[str, str] = {}
    chapter = None
    for provision in draft.provisions:
        if provision.chapter and provision.chapter != chapter:
            chapter = provision.chapter
            out.append(f"<p align=center><b>{html.escape(chapter.num)}</b></p>")
            if chapter.heading:
                out.append(f"<p align=center><b>{html.escape(chapter.heading)}</b></p>")
        out.extend(_provision(provision, notes))
    return out, notes


def _provision(provision: Provision, notes: dict[str, str]) -> list[str]:
    out = []
    if provision.kind != "preamble":
        out.append(f"<p align=center><b>{html.escape(provision.num)}</b></p>")
        if provision.heading:
            out.append(f"<p align=center><b>{html.escape(provision.heading)}</b></p>")
    calls = "".join(f"<sup>{html.escape(n.marker)}</sup>" for n in provision.notes)
    notes.update((n.marker, n.text) for n in provision.notes)
    for i, line in enumerate(provision.lines):
        indent = 24 * max(line.depth - 1, 0)
        text = html.escape(line.render()) + (calls if i == 0 else "")
        out.append(f"<p style='margin-left:{indent}px'>{text}</p>")
    return out


def draft_pdf(draft: Draft, layout: Layout = Layout()) -> bytes:
    paragraphs, notes = draft_paragraphs(draft)
    return build_pdf(paragraphs, Layout(**{**layout.__dict__, "notes": notes}))


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# PDFs written by hand: one text object a line, as many programs write them


def hand_pdf(pages: Sequence[str]) -> bytes:
    """A PDF whose pages have the given content streams (PDF operators), in Helvetica
    as `/F1`: for what Qt does not write, a whole line as one text object with a rule
    drawn through some of its words, a page with no text, text at an angle."""
    kids = " ".join(f"{3 + 2 * k} 0 R" for k in range(len(pages)))
    font = 3 + 2 * len(pages)
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>",
    ]
    for k, content in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * k} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>"
        )
        data = content.encode("latin-1")
        objects.append(f"<< /Length {len(data)} >>\nstream\n{content}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def text_line(x: float, y: float, text: str, size: float = 12) -> str:
    """One line as one text object."""
    return f"BT /F1 {size:g} Tf {x:g} {y:g} Td ({text}) Tj ET"
