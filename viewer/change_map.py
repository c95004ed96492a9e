"""The change map: a thin strip beside the panes showing where a provision's changes
are, as Meld's overview does; a click goes to the change nearest the place clicked.

One lane per pane shown (old and new side by side, or the inline pane). Each change
is drawn at its height in its document, scaled to the strip: deletions in the left
half of a lane and insertions in the right half, so their place tells them apart as
well as their colour; the ends of a move fill the lane, edged in a darker line. The
current change is boxed, and the part of the text in view is shaded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from drafts.comparing.diff import DELETE
from viewer.diff_pane import DiffPane, line_span
from viewer.diff_style import MOVED, DiffColours

LANE = 9
"""The width of one lane, in pixels: a deletion's half, an insertion's half, a gap."""

MIN_MARK = 3.0
"""The least height of a mark, in pixels: a one-word change stays visible."""


MAP_KEY = (
    "Where the changes of this provision are: deleted words on the left of a lane,"
    " inserted words on the right, moved passages across it with a dark edge."
    " The shaded part is in view. Click to go to the nearest change."
)


@dataclass(frozen=True)
class MapMark:
    """One piece of one change on one lane: top and bottom as shares of its document's
    height (0 at the top, 1 at the end), and its kind (DELETE, INSERT or MOVED)."""

    lane: int
    change: int
    top: float
    bottom: float
    kind: str


def nearest_change(marks: Sequence[MapMark], share: float) -> int:
    """The change whose mark is nearest to `share` of the height; -1 if none."""
    best, distance = -1, float("inf")
    for mark in marks:
        gap = (
            0.0
            if mark.top <= share <= mark.bottom
            else min(abs(mark.top - share), abs(mark.bottom - share))
        )
        if gap < distance:
            best, distance = mark.change, gap
    return best


def map_marks(
    lanes: Sequence[tuple[DiffPane, Sequence[Sequence[tuple[int, int, str]]]]],
) -> list[MapMark]:
    """The marks of every change piece of every lane: (pane, pieces of each change)."""
    marks = []
    for lane, (pane, pieces) in enumerate(lanes):
        document = pane.document()
        height = mapped_height(pane)
        for change, found in enumerate(pieces):
            for start, end, kind in found:
                if end <= start:
                    continue
                top = line_span(document, start)[0]
                bottom = line_span(document, end - 1)[1]
                marks.append(MapMark(lane, change, top / height, bottom / height, kind))
    return marks


def mapped_height(pane: DiffPane, laid_out: bool = False) -> float:
    """The height the strip stands for: the document's, or the pane's if that is more,
    so that the marks of a short text are level with its lines. `laid_out`: as far as
    the pane has laid the document out (its scroll range), without laying out the rest,
    which on a long document just rewrapped takes a tenth of a second and more."""
    if laid_out:
        return max(pane.verticalScrollBar().maximum() + pane.viewport().height(), 1.0)
    return max(pane.document().size().height(), pane.viewport().height(), 1.0)


class ChangeMap(QWidget):
    """The strip: lanes of change marks, the current change boxed, the view shaded."""

    change_clicked = Signal(int)

    def __init__(self, name: str, lanes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.lanes = lanes
        self.setFixedWidth(LANE * lanes + 4)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(MAP_KEY)
        self._source: Callable[[], list[MapMark]] = list
        self._marks: list[MapMark] | None = None
        self._view: Callable[[], tuple[float, float]] = lambda: (0.0, 1.0)
        self.current = -1
        self.colours: DiffColours | None = None

    def sizeHint(self) -> QSize:
        return QSize(self.width(), 100)

    def set_source(
        self,
        marks: Callable[[], list[MapMark]],
        view: Callable[[], tuple[float, float]],
    ) -> None:
        """Where the marks come from (computed when first painted after a change of
        text or layout) and which shares of the height are in view."""
        self._source = marks
        self._view = view
        self.invalidate()

    def invalidate(self) -> None:
        self._marks = None
        self.update()

    def marks(self) -> list[MapMark]:
        if self._marks is None:
            self._marks = self._source()
        return self._marks

    def set_current(self, index: int, colours: DiffColours) -> None:
        self.current = index
        self.colours = colours
        self.update()

    def mark_rect(self, mark: MapMark) -> QRectF:
        """Where `mark` is drawn, in this widget's coordinates."""
        usable = self.height() - 2.0
        top = 1.0 + mark.top * usable
        height = max(MIN_MARK, (mark.bottom - mark.top) * usable)
        lane = 2.0 + LANE * mark.lane
        half = (LANE - 1) / 2
        if mark.kind == MOVED:
            return QRectF(lane, top, 2 * half, height)
        return QRectF(lane if mark.kind == DELETE else lane + half, top, half, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        top, bottom = self._view()
        shade = QColor(palette.color(QPalette.ColorRole.Text))
        shade.setAlpha(24)
        usable = self.height() - 2.0
        painter.fillRect(QRectF(0, 1 + top * usable, self.width(), (bottom - top) * usable), shade)
        colours = self.colours
        if colours is None:
            return
        fills = {
            DELETE: colours.deleted_text,
            MOVED: colours.moved_bar,
        }
        for mark in self.marks():
            rect = self.mark_rect(mark)
            painter.fillRect(rect, fills.get(mark.kind, colours.inserted_text))
            if mark.kind == MOVED:
                painter.setPen(QPen(colours.moved_text, 1))
                painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        current = [self.mark_rect(m) for m in self.marks() if m.change == self.current]
        if current:
            box = QRectF(0.5, current[0].top() - 1.5, self.width() - 1.0, 0)
            box.setBottom(max(r.bottom() for r in current) + 1.5)
            painter.setPen(QPen(colours.outline, 1.5))
            painter.drawRect(box)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        share = (event.position().y() - 1.0) / max(1.0, self.height() - 2.0)
        index = nearest_change(self.marks(), share)
        if index >= 0:
            self.change_clicked.emit(index)
        else:
            QToolTip.showText(event.globalPosition().toPoint(), "No change here", self)
