"""The multi-column view of a provision's history: one column per draft, side by side.

Like the "four-column documents" of EU trilogues, for any number of drafts: each column
is one draft's text of the provision, with what changed against the column to its left
marked as in the diff view (struck-through deletions, underlined insertions). Columns
keep a readable width and the whole strip scrolls, sideways through the drafts and down
through the text, so the columns' tops stay level.

Drawing a column's text takes a few milliseconds, so twenty drafts would freeze the
window for a tenth of a second: the columns are sized at once and their texts drawn
a few at a time between events (`viewer.workers.in_steps`), the chosen one first.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from drafts.comparing.compare import ProvisionChange, Status
from drafts.model import NEW
from drafts.negotiation.history import History, HistoryStep
from viewer.diff_pane import INLINE, DiffPane, Renderer
from viewer.diff_style import DiffColours, DiffStyle, diff_colours
from viewer.draft_picker import draft_title
from viewer.provision_model import STATUS_MARKS
from viewer.workers import in_steps

COLUMN_EMS = 30
"""A column's width in ems of the text font: about 60 characters a line, a comfortable
measure for prose, whatever the zoom."""
ABSENT_EMS = 12
"""A draft without the provision needs only room to say so."""
REVEAL_MARGIN = 24
"""Pixels left beside a column scrolled into view, so its outline shows whole."""
OUTLINE_WIDTH = 2


def column_title(step: HistoryStep) -> str:
    """What a column's header says the provision is there: "Article 24 — Conditions…"."""
    if not step.present:
        return "Deleted in this draft" if step.changes else "Not in this draft"
    return " — ".join(part for part in (step.num, step.heading) if part)


def column_status(step: HistoryStep) -> str:
    """The change since the previous draft, sign and word, with the words it took."""
    if not step.status:
        return ""
    mark = " ".join(STATUS_MARKS.get(s, "") for s in step.status.split(" + "))
    words = step.words
    counts = f" · +{words.added:,} / −{words.deleted:,}" if words.added or words.deleted else ""
    return f"{mark} {step.status}{_partners(step)}{counts}"


def _partners(step: HistoryStep) -> str:
    """The other pieces of a split or merge, which this line of history does not follow:
    " (with Article 25)", so a column's missing text is explained."""
    mine = {p.eid for p in step.provisions}
    others = {
        p.eid: p.num or p.eid
        for change in step.changes
        for p in (change.new if change.status == Status.SPLIT else ())
        if p.eid not in mine
    }
    return f" (with {', '.join(others.values())})" if others else ""


class DraftColumn(QFrame):
    """One draft's column: a header (draft, number and heading, change) over the text,
    which is as tall as it needs (the strip scrolls, not the column)."""

    clicked = Signal()

    def __init__(
        self, step: HistoryStep, change: ProvisionChange | None, index: int, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.step = step
        self.change = change
        self.outline: QColor | None = None
        """The chosen column's outline colour; None for the others."""
        self.setObjectName(f"historyColumn{index}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.header = QLabel(self)
        self.header.setObjectName("columnHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.pane = DiffPane(f"historyPane{index}", self)
        self.pane.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pane.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.pane.set_placeholder(column_title(step))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(self.pane)
        layout.addStretch(1)

    def set_chosen(self, chosen: bool, colours: DiffColours) -> None:
        """Outline the column chosen in the timeline. Painted, not a style sheet: twenty
        columns each with a style sheet took 60-100 ms to show and as much again on
        each resize of the window (tests/benchmarks/bench_stall.py)."""
        outline = QColor(colours.outline) if chosen else None
        if outline != self.outline:
            self.outline = outline
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.outline is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.outline, OUTLINE_WIDTH))
        half = OUTLINE_WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half), 4, 4)
        painter.end()

    def measure(self, style: DiffStyle, show_deletions: bool) -> None:
        """Take the text's size and the column's width (quick: no text is written)."""
        font = QFont(self.font())
        font.setPointSizeF(style.point_size)
        self.pane.setFont(font)
        self.pane.document().setDocumentMargin(self.pane.fontMetrics().height() * 0.4)
        ems = COLUMN_EMS if self.change is not None and self.step.present else ABSENT_EMS
        if self.change is not None and not self.step.present and show_deletions:
            ems = COLUMN_EMS  # the deleted text is shown
        self.setFixedWidth(round(self.pane.fontMetrics().averageCharWidth() * 2 * ems))

    def render(self, style: DiffStyle, show_deletions: bool, current: bool) -> None:
        """Write the column's text in this mode (at the size `measure` took), and fit
        its height."""
        if self.change is None:
            self.pane.clear()
        else:
            Renderer(self.pane.document(), INLINE if show_deletions else NEW, style).render(
                self.change
            )
        self.header.setText(self._header_html(style.colours, current))
        self.fit()

    def _header_html(self, colours: DiffColours, current: bool) -> str:
        step = self.step
        title = f"<b>{html.escape(draft_title(step.draft))}</b>"
        if current:
            title += (
                f' <span style="color:{colours.outline.name()}">◆ opened from this draft</span>'
            )
        what = html.escape(column_title(step))
        what = f"<i>{what}</i>" if not step.present else what
        status = html.escape(column_status(step))
        lines = [title, what]
        if status:
            lines.append(f'<span style="color:{colours.muted.name()}">{status}</span>')
        return "<br>".join(lines)

    def fit(self) -> None:
        """As tall as the text at the column's width, so it never scrolls inside."""
        document = self.pane.document()
        width = self.width() - self.layout().contentsMargins().left() * 2
        document.setTextWidth(max(50, width - 2 * self.pane.frameWidth()))
        height = document.size().height()
        if document.isEmpty():  # room for the placeholder
            height = 3 * self.pane.fontMetrics().height()
        self.pane.setFixedHeight(round(height) + 2 * self.pane.frameWidth() + 2)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        super().mousePressEvent(event)


class HistoryColumns(QScrollArea):
    """Every draft's column in negotiation order, scrolling both ways."""

    column_chosen = Signal(int)
    """A column was clicked: its step's index."""
    rendered = Signal()
    """Every column's text is drawn at the current size and mode."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyColumns")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.strip = QWidget(self)
        self.strip.setObjectName("columnStrip")
        self.row = QHBoxLayout(self.strip)
        self.row.setContentsMargins(4, 4, 4, 4)
        self.row.setSpacing(6)
        self.row.addStretch(1)
        self.setWidget(self.strip)
        self.columns: list[DraftColumn] = []
        """The columns made so far, in the order of the history's steps."""
        self._steps: list[tuple[HistoryStep, ProvisionChange | None]] = []
        self._current = -1
        self._chosen = -1
        self._show_deletions = True
        self._zoom = 0.0
        self._pass = 0
        self._drawing = False

    def set_history(self, history: History, changes: Sequence[ProvisionChange | None]) -> None:
        """One column per step of `history`, showing `changes` (see `column_changes`);
        the columns are made in steps too, with their texts (`render`)."""
        for column in self.columns:
            self.row.removeWidget(column)
            column.deleteLater()
        self.columns = []
        self._steps = list(zip(history.steps, changes, strict=True))
        self._current = next(
            (k for k, s in enumerate(history.steps) if s.draft.id == history.start.id), -1
        )
        self.render()

    def _add_column(self, style: DiffStyle) -> None:
        """Make the next column, sized but with no text yet."""
        k = len(self.columns)
        step, change = self._steps[k]
        column = DraftColumn(step, change, k, self.strip)
        column.clicked.connect(lambda k=k: self.column_chosen.emit(k))
        column.measure(style, self._show_deletions)
        column.set_chosen(k == self._chosen, style.colours)
        self.row.insertWidget(k, column, 0, Qt.AlignmentFlag.AlignTop)
        self.columns.append(column)

    def set_show_deletions(self, on: bool) -> None:
        self._show_deletions = on
        self.render()

    def zoom(self, points: float) -> None:
        self._zoom = points
        self.render()

    def render(self) -> None:
        """Size every column made now; make the others and draw every text in steps,
        the chosen column (or the one the history was opened from) and its neighbours
        first; a newer render takes over from one still drawing. Making twenty columns
        at once froze the window for 100 ms (tests/benchmarks/bench_stall.py). The
        steps start once the window is idle: a new window's first paint comes first,
        rather than with a step in the same turn."""
        style = DiffStyle(self._point_size(), diff_colours(self.palette()))
        for k, column in enumerate(self.columns):
            column.measure(style, self._show_deletions)
            column.set_chosen(k == self._chosen, style.colours)
        self._pass += 1
        self._drawing = True
        in_steps(self, self._draw(style, self._pass), self._drawn, when_idle=True)

    def _draw(self, style: DiffStyle, this_pass: int) -> Iterator[None]:
        while len(self.columns) < len(self._steps):
            if this_pass != self._pass:
                return  # a newer render makes them
            self._add_column(style)
            yield
        focus = self._chosen if self._chosen >= 0 else max(0, self._current)
        for k in sorted(range(len(self.columns)), key=lambda k: abs(k - focus)):
            if this_pass != self._pass:
                return  # a newer render draws them
            self.columns[k].render(style, self._show_deletions, k == self._current)
            yield
        if this_pass == self._pass:
            self._drawing = False

    def _drawn(self) -> None:
        if not self._drawing:
            self._keep_chosen_in_view()  # the texts' heights moved the strip
            self.rendered.emit()

    def _keep_chosen_in_view(self) -> None:
        if 0 <= self._chosen < len(self.columns) and self.isVisible():
            self.strip.adjustSize()
            self._reveal(self.columns[self._chosen])

    def _reveal(self, column: QWidget) -> None:
        """Scroll sideways just enough to bring `column` into view, never up or down:
        `ensureWidgetVisible` also scrolled a tall column's header out of sight."""
        bar = self.horizontalScrollBar()
        left, right = column.x() - REVEAL_MARGIN, column.x() + column.width() + REVEAL_MARGIN
        view = self.viewport().width()
        if left < bar.value():
            bar.setValue(left)
        elif right > bar.value() + view:
            bar.setValue(min(left, right - view))

    def drawing(self) -> bool:
        """Whether some column's text is still to be drawn."""
        return self._drawing

    def _point_size(self) -> float:
        font = self.font()
        base = font.pointSizeF() if font.pointSizeF() > 0 else QFontInfo(font).pointSizeF()
        return max(4.0, base + self._zoom)

    def show_column(self, index: int) -> None:
        """Outline the column of step `index` and scroll it into view (once made)."""
        if not 0 <= index < len(self._steps):
            return
        colours = diff_colours(self.palette())
        for k, column in enumerate(self.columns):
            column.set_chosen(k == index, colours)
        self._chosen = index
        self._keep_chosen_in_view()  # hidden, the window's showEvent does (laid out once)

    def chosen(self) -> int:
        return self._chosen

    def column_text(self, index: int) -> str:
        return self.columns[index].pane.toPlainText()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The chosen draft's column stays in view as the window is resized."""
        super().resizeEvent(event)
        if 0 <= self._chosen < len(self.columns):
            self._reveal(self.columns[self._chosen])

    def changeEvent(self, event: QEvent) -> None:
        """Follow a switch to the dark palette (or back), as the diff view does."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.render()
