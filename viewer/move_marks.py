"""Moved passages in a diff pane: what a reader is told about each end of a move, and
the bar drawn beside its lines.

The core reports a moved paragraph (or sentence) as a deletion where it was and an
insertion where it went, carrying the same move number (`Segment.move`). Painted
like any deletion and insertion, a reordered definition would read as one definition
dropped and another written; so both ends get a third look (`DiffStyle.moved`), a bar
in the left margin, which does not depend on colour, and a tooltip saying where the
passage came from or went to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QTextDocument

from drafts.comparing.diff import DELETE, INSERT, Segment
from drafts.comparing.units import leading_number
from viewer.note_marks import line_rects


@dataclass(frozen=True)
class MoveFacts:
    """Where one moved passage stood in the old text and stands in the new: its point
    number ("(b)"), else its paragraph ("paragraph 3"); and whether it went down."""

    was: str
    now: str
    down: bool

    def summary(self) -> str:
        """For the status bar: "moved from (b) to (e), further down"."""
        return f"moved from {self.was} to {self.now}, further {'down' if self.down else 'up'}"

    def tooltip(self, op: str) -> str:
        """What hovering one end says: the end left behind, or the end arrived."""
        if op == DELETE:
            where = "further down" if self.down else "further up"
            return f"Moved: this passage ({self.was} here) is now {self.now}, {where}."
        where = "further up" if self.down else "further down"
        return f"Moved here: this passage ({self.now}) was {self.was}, {where}."


def describe_moves(segments: Sequence[Segment]) -> dict[int, MoveFacts]:
    """The facts of every move of one diff whose two ends are both in it, by number."""
    found: dict[int, dict[str, tuple[int, str]]] = {}
    old_text, new_text = "", ""
    for index, segment in enumerate(segments):
        if segment.move and segment.op == DELETE:
            place = _place(segment.old, old_text)
            found.setdefault(segment.move, {})[DELETE] = (index, place)
        elif segment.move and segment.op == INSERT:
            place = _place(segment.new, new_text)
            found.setdefault(segment.move, {})[INSERT] = (index, place)
        old_text += segment.old if segment.op != INSERT else ""
        new_text += segment.new if segment.op != DELETE else ""
    return {
        move: MoveFacts(ends[DELETE][1], ends[INSERT][1], ends[DELETE][0] < ends[INSERT][0])
        for move, ends in found.items()
        if DELETE in ends and INSERT in ends
    }


def _place(passage: str, before: str) -> str:
    """A passage's number if it opens with one, else the paragraph it begins."""
    number = leading_number(passage.lstrip("\n"))
    if number:
        return number
    paragraph = before.count("\n") + 1 + (len(passage) - len(passage.lstrip("\n")))
    return f"paragraph {paragraph}"


@dataclass(frozen=True)
class MoveMark:
    """One end of a move in a pane: document positions, its move number, its tooltip."""

    start: int
    end: int
    move: int
    tooltip: str


def move_bar_width(line_height: float) -> float:
    """The bar's width: visible at any zoom, narrower than the document margin."""
    return max(3.0, line_height / 6)


def paint_move_bars(
    painter: QPainter,
    document: QTextDocument,
    marks: Sequence[MoveMark],
    dy: float,
    width: float,
    colour: QColor,
) -> None:
    """A bar in the left margin beside the lines of each mark (`dy`: the scroll offset),
    with a notch at the end of the passage, so two moves one after the other show apart."""
    for mark in marks:
        rects = line_rects(document, mark.start, mark.end)
        if not rects:
            continue
        top, bottom = rects[0].top() - dy, rects[-1].bottom() - dy
        painter.fillRect(QRectF(1.0, top, width, bottom - top), colour)
        painter.fillRect(QRectF(1.0, bottom - width / 2, width * 2, width / 2), colour)


def moves_at(marks: Sequence[MoveMark], position: int) -> list[MoveMark]:
    return [m for m in marks if m.start <= position < m.end]
