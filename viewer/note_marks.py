"""Annotation highlights in a text pane: a tint of the tag's colour over the annotated
words and a bar of the full colour under them, with the note as the tooltip.

They are painted rather than set as character formats, because the words already
carry the diff's own tint (deleted, inserted), and a format's background would hide
it. The wash goes under the text, where a changed word's tint covers it, so the diff's
colours never mix into new ones; the bar under the words, in the tag's full colour,
marks plain and changed words alike.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QTextDocument

WASH_ALPHA = 64
"""Out of 255: light enough to read black text through, strong enough to see."""


@dataclass(frozen=True)
class NoteMark:
    """One highlighted range of a pane: document positions, colour and what it says."""

    start: int
    end: int
    colour: QColor
    annotation_id: int
    tooltip: str = ""
    carried: bool = False


@dataclass(frozen=True)
class ShownNote:
    """An annotation as a diff view shows it: on which side, in which provision, on
    which characters of its text (code points), in what colour, saying what."""

    annotation_id: int
    side: str
    eid: str
    start: int
    end: int
    colour: str
    tooltip: str = ""
    carried: bool = False
    """Made in another draft and carried here: its bar is dashed."""


def line_rects(document: QTextDocument, start: int, end: int) -> list[QRectF]:
    """The rectangles, line by line in document coordinates, that positions start..end
    cover (the layout is made if it was not)."""
    rects: list[QRectF] = []
    block = document.findBlock(start)
    layout_of = document.documentLayout()
    while block.isValid() and block.position() < end:
        origin = layout_of.blockBoundingRect(block).topLeft()
        layout = block.layout()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            lo = max(start, block.position() + line.textStart())
            hi = min(end, block.position() + line.textStart() + line.textLength())
            if hi <= lo:
                continue
            x1 = line.cursorToX(lo - block.position())[0]
            x2 = line.cursorToX(hi - block.position())[0]
            rects.append(QRectF(origin.x() + x1, origin.y() + line.y(), x2 - x1, line.height()))
        block = block.next()
    return rects


def paint_washes(
    painter: QPainter, document: QTextDocument, marks: list[NoteMark], dy: float
) -> None:
    """A light tint of each mark's colour behind its words (`dy`: the scroll offset).
    Painted before the text, so a diff tint on a changed word covers it."""
    for mark in marks:
        wash = QColor(mark.colour)
        wash.setAlpha(WASH_ALPHA)
        for rect in line_rects(document, mark.start, mark.end):
            painter.fillRect(rect.translated(0, -dy), wash)


def paint_bars(
    painter: QPainter, document: QTextDocument, marks: list[NoteMark], dy: float, bar: float
) -> None:
    """A bar of `bar` pixels in each mark's full colour under its words, on top of
    everything: the one cue that is the same on plain and changed words. A note carried
    from another draft has a dashed bar: it was made on words that read differently.
    The bar lies just below the line's descent, in the spacing between lines (their
    height is 125% of the font's), so it never covers the tails of "g", "p" or "y"."""
    for mark in marks:
        for rect in line_rects(document, mark.start, mark.end):
            shown = rect.translated(0, -dy)
            y, left, right = shown.bottom() + 0.5, shown.left(), shown.right()
            dash = 2 * bar if mark.carried else right - left
            gap = bar if mark.carried else 0.0
            x = left
            while x < right:
                painter.fillRect(QRectF(x, y, min(dash, right - x), bar), mark.colour)
                x += dash + gap


def marks_at(marks: list[NoteMark], position: int) -> list[NoteMark]:
    return [m for m in marks if m.start <= position < m.end]


def tooltip_html(lines: list[tuple[str, str, str]]) -> str:
    """A tooltip of several notes, each (tags, status and holder line, note)."""
    parts = []
    for head, facts, note in lines:
        body = html.escape(note).replace("\n", "<br>") if note else "<i>no note</i>"
        parts.append(f"<b>{html.escape(head)}</b> · {html.escape(facts)}<br>{body}")
    return "<hr>".join(parts)
