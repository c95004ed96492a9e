"""The diff view: one provision change, word by word, old and new side by side or inline.

The core (`drafts.compare`) decides what changed; this module only draws its segments:
deletions struck through on a vermillion tint, insertions underlined on a blue tint
(shape and colour, so no reader depends on telling colours apart), with the two panes
scrolled together so that the same sentence sits at the same height on both sides.
"""

from __future__ import annotations

import html
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QShowEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from drafts.compare import ProvisionChange
from drafts.diff import DELETE, EQUAL, INSERT, Segment
from drafts.model import Provision

OLD, NEW, INLINE = "old", "new", "inline"
SHOWN = {OLD: (EQUAL, DELETE), NEW: (EQUAL, INSERT), INLINE: (EQUAL, DELETE, INSERT)}
"""Which segments each pane shows."""

ZOOM_RANGE = (-5, 10)
SELECT_PROMPT = "Select a provision"
NO_PROVISION = "(no provision in this draft)"
NOTES_LABEL = "Notes"

# Okabe–Ito: vermillion for what went, blue for what came; safe for every common
# form of colour blindness, and told apart by strikethrough/underline anyway.
VERMILLION = QColor(213, 94, 0)
BLUE = QColor(0, 114, 178)
SKY_BLUE = QColor(86, 180, 233)
ORANGE = QColor(230, 159, 0)


# ---------------------------------------------------------------- colours and formats


@dataclass(frozen=True)
class DiffColours:
    """The colours of one palette: text and background of deletions and insertions,
    stronger backgrounds for the current change, and the outline around it."""

    deleted_text: QColor
    deleted_back: QColor
    deleted_current: QColor
    inserted_text: QColor
    inserted_back: QColor
    inserted_current: QColor
    outline: QColor
    muted: QColor
    warning: QColor


def diff_colours(palette: QPalette) -> DiffColours:
    """Tints blended into the palette's own background, so they suit any theme: light
    tints and dark text on a light base, deep tints and light text on a dark one."""
    base = palette.color(QPalette.ColorRole.Base)
    muted = palette.color(QPalette.ColorRole.PlaceholderText)
    if base.lightness() < 128:
        return DiffColours(
            deleted_text=_mix(VERMILLION, QColor("white"), 0.5),
            deleted_back=_mix(base, VERMILLION, 0.32),
            deleted_current=_mix(base, VERMILLION, 0.45),
            inserted_text=_mix(SKY_BLUE, QColor("white"), 0.4),
            inserted_back=_mix(base, BLUE, 0.4),
            inserted_current=_mix(base, BLUE, 0.62),
            outline=ORANGE,
            muted=muted,
            warning=ORANGE,
        )
    return DiffColours(
        deleted_text=_mix(VERMILLION, QColor("black"), 0.45),
        deleted_back=_mix(base, VERMILLION, 0.2),
        deleted_current=_mix(base, VERMILLION, 0.42),
        inserted_text=_mix(BLUE, QColor("black"), 0.4),
        inserted_back=_mix(base, BLUE, 0.18),
        inserted_current=_mix(base, BLUE, 0.38),
        outline=_mix(ORANGE, QColor("black"), 0.15),
        muted=muted,
        warning=_mix(VERMILLION, QColor("black"), 0.3),
    )


def _mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    def channel(x: int, y: int) -> int:
        return round(x + (y - x) * share_of_b)

    return QColor(
        channel(a.red(), b.red()), channel(a.green(), b.green()), channel(a.blue(), b.blue())
    )


@dataclass(frozen=True)
class _Style:
    """Everything a render needs besides the change: font size and colours."""

    point_size: float
    colours: DiffColours

    def section(self, name: str) -> QTextCharFormat:
        """Headings bold and larger, notes smaller: sizes relative to the zoomed base."""
        fmt = QTextCharFormat()
        scale = {"heading": 1.2, "notes": 0.9}.get(name, 1.0)
        fmt.setFontPointSize(self.point_size * scale)
        if name == "heading":
            fmt.setFontWeight(QFont.Weight.Bold)
        return fmt

    def segment(self, name: str, op: str) -> QTextCharFormat:
        fmt = self.section(name)
        if op == DELETE:
            fmt.setFontStrikeOut(True)
            fmt.setForeground(self.colours.deleted_text)
            fmt.setBackground(self.colours.deleted_back)
        elif op == INSERT:
            fmt.setFontUnderline(True)
            fmt.setForeground(self.colours.inserted_text)
            fmt.setBackground(self.colours.inserted_back)
        return fmt

    def notes_label(self) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontPointSize(self.point_size * 0.85)
        fmt.setFontWeight(QFont.Weight.DemiBold)
        fmt.setFontCapitalization(QFont.Capitalization.AllUppercase)
        fmt.setFontLetterSpacing(108)
        fmt.setForeground(self.colours.muted)
        return fmt

    def block(self, name: str) -> QTextBlockFormat:
        """Paragraphs spaced by half a line and lines by a quarter: prose, not code."""
        fmt = QTextBlockFormat()
        fmt.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        fmt.setBottomMargin(self.point_size * (0.4 if name == "heading" else 0.6))
        if name == NOTES_LABEL:
            fmt.setTopMargin(self.point_size * 0.8)
            fmt.setBottomMargin(self.point_size * 0.2)
        return fmt


# ---------------------------------------------------------------- rendering


def change_blocks(segments: Sequence[Segment]) -> list[list[Segment]]:
    """The changes of one diff: each maximal run of deletions and insertions."""
    return [list(run) for is_equal, run in groupby(segments, _is_equal) if not is_equal]


def _is_equal(segment: Segment) -> bool:
    return segment.op == EQUAL


def _sections(change: ProvisionChange) -> list[tuple[str, tuple[Segment, ...]]]:
    """Heading, text and notes, those with any text on either side, in reading order."""
    parts = (("heading", change.heading), ("text", change.text), ("notes", change.notes))
    return [(name, segments) for name, segments in parts if segments]


@dataclass
class _Placed:
    """Where one pane's text landed, in document positions (Qt's UTF-16 offsets).

    `marks` are positions that correspond one to one in the old and new panes (section
    starts, the ends of equal runs, paragraph starts inside them), each with whether its
    line's top or bottom is meant; `spans` is each change block's extent (empty where
    this side has none of its text) and `pieces` its deleted and inserted runs.
    """

    marks: list[tuple[int, bool]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    pieces: list[list[tuple[int, int, str]]] = field(default_factory=list)


class _Renderer:
    """Writes one side of a change into a document, recording where everything went."""

    def __init__(self, document: QTextDocument, side: str, style: _Style) -> None:
        self.document = document
        self.side = side
        self.style = style
        self.cursor = QTextCursor(document)
        self.placed = _Placed()
        self.first_block = True
        self.block_format = QTextBlockFormat()
        self._formats: dict[tuple[str, str], QTextCharFormat] = {}

    def render(self, change: ProvisionChange) -> _Placed:
        self.document.clear()
        has_side = self.side == INLINE or bool(change.old if self.side == OLD else change.new)
        for name, segments in _sections(change):
            if not has_side:
                self._skip(segments)
                continue
            if name == "notes":
                self._new_block(NOTES_LABEL)
                self.cursor.insertText(NOTES_LABEL, self.style.notes_label())
            self._new_block(name)
            self.placed.marks.append((self.cursor.position(), True))
            self._section(name, segments)
        return self.placed

    def _skip(self, segments: Sequence[Segment]) -> None:
        """A side without provision still has (empty) change spans, so that the change
        numbers of both panes agree."""
        for _ in change_blocks(segments):
            self.placed.spans.append((0, 0))
            self.placed.pieces.append([])

    def _new_block(self, name: str) -> None:
        if self.first_block:
            self.cursor.setBlockFormat(self.style.block(name))
            self.first_block = False
        else:
            self.cursor.insertBlock(self.style.block(name))
        self.block_format = self.style.block(name)

    def _section(self, name: str, segments: Sequence[Segment]) -> None:
        for is_equal, run in groupby(segments, _is_equal):
            if is_equal:
                for segment in run:
                    self._equal(name, segment)
            else:
                self._change(name, list(run))

    def _equal(self, name: str, segment: Segment) -> None:
        text = segment.old if self.side == OLD else segment.new
        same_breaks = segment.old.count("\n") == segment.new.count("\n")
        self.placed.marks.append((self.cursor.position(), True))
        self._insert(text, self._format(name, EQUAL), mark_breaks=same_breaks)
        self.placed.marks.append((max(self.cursor.position() - 1, 0), False))

    def _change(self, name: str, run: list[Segment]) -> None:
        start = self.cursor.position()
        pieces = []
        for segment in run:
            if segment.op not in SHOWN[self.side]:
                continue
            at = self.cursor.position()
            self._insert(segment.old or segment.new, self._format(name, segment.op))
            pieces.append((at, self.cursor.position(), segment.op))
        self.placed.spans.append((start, self.cursor.position()))
        self.placed.pieces.append(pieces)

    def _format(self, name: str, op: str) -> QTextCharFormat:
        """One format per section and kind of segment, built once per render."""
        key = (name, op)
        if key not in self._formats:
            self._formats[key] = self.style.segment(name, op)
        return self._formats[key]

    def _insert(self, text: str, fmt: QTextCharFormat, mark_breaks: bool = False) -> None:
        """Insert text; each line break starts a paragraph (block) of the same format."""
        for n, part in enumerate(text.split("\n")):
            if n:
                self.cursor.insertBlock(self.block_format, fmt)
                if mark_breaks:
                    self.placed.marks.append((self.cursor.position(), True))
            if part:
                self.cursor.insertText(part, fmt)


# ---------------------------------------------------------------- geometry


def line_span(document: QTextDocument, position: int) -> tuple[float, float, float]:
    """(top, bottom, x) in document coordinates of the line holding `position`."""
    block = document.findBlock(position)
    if not block.isValid():
        block = document.lastBlock()
    rect = document.documentLayout().blockBoundingRect(block)  # lays the block out
    layout = block.layout()
    line = layout.lineForTextPosition(min(position - block.position(), block.length() - 1))
    if not line.isValid():
        return rect.top(), rect.bottom(), rect.left()
    top = layout.position().y() + line.y()
    x = layout.position().x() + line.cursorToX(position - block.position())[0]
    return top, top + line.height(), x


def interpolate(anchors: Sequence[tuple[float, float]], x: float) -> float:
    """Piecewise-linear map through (x, y) anchors sorted by x; past either end, the
    offset of the nearest anchor is kept. Where several anchors share an x (text on one
    side only), the last one wins, so the mapping steps over the other side's text."""
    if not anchors:
        return x
    xs = [a[0] for a in anchors]
    k = bisect_right(xs, x)
    if k == 0:
        return anchors[0][1] + x - anchors[0][0]
    if k == len(anchors):
        return anchors[-1][1] + x - anchors[-1][0]
    (x0, y0), (x1, y1) = anchors[k - 1], anchors[k]
    return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)


def monotonic(pairs: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The pairs that keep both coordinates non-decreasing, in order: a line holding the
    end of one equal run and the start of the next gives anchors that would fold back."""
    kept: list[tuple[float, float]] = []
    for x, y in pairs:
        if not kept or (x >= kept[-1][0] and y >= kept[-1][1]):
            kept.append((x, y))
    return kept


def reference_share(value: int, maximum: int, height: int) -> float:
    """Where in the viewport the line kept level sits, as a share of its height.

    The middle, except within half a viewport of either end, where it slides to the
    top or bottom edge: so both panes reach their first and last lines together.
    """
    if maximum <= 0 or height <= 0:
        return 0.0
    if maximum <= height:
        return value / maximum
    if value < height / 2:
        return value / height
    if maximum - value < height / 2:
        return 1 - (maximum - value) / height
    return 0.5


# ---------------------------------------------------------------- panes


class DiffPane(QTextEdit):
    """A read-only, selectable, word-wrapped text pane that can outline the current
    change and show a placeholder that is clearly not provision text."""

    resized = Signal()
    zoom_requested = Signal(int)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.placeholder = ""
        self.outline: tuple[int, int] | None = None
        self.outline_colour = QColor(ORANGE)
        self.change_marks: list[QTextEdit.ExtraSelection] = []
        self.find_marks: list[QTextEdit.ExtraSelection] = []

    def set_placeholder(self, text: str) -> None:
        self.placeholder = text
        self.viewport().update()

    def set_outline(self, span: tuple[int, int] | None, colour: QColor) -> None:
        """Outline the lines of `span` (document positions); an empty span is drawn as
        a caret where the other side's text would be."""
        self.outline = span
        self.outline_colour = colour
        self.viewport().update()

    def span_rect(self, span: tuple[int, int]) -> QRectF:
        """The lines of `span` in document coordinates, full width."""
        start, end = span
        top, bottom, x = line_span(self.document(), start)
        if end > start:
            bottom = line_span(self.document(), end - 1)[1]
        width = self.document().size().width()
        return (
            QRectF(0, top, width, bottom - top) if end > start else QRectF(x, top, 0, bottom - top)
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.document().isEmpty() and self.placeholder:
            self._paint_placeholder()
        elif self.outline is not None:
            self._paint_outline()

    def _paint_placeholder(self) -> None:
        painter = QPainter(self.viewport())
        font = QFont(self.font())
        font.setItalic(True)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        margin = self.document().documentMargin()
        area = QRectF(self.viewport().rect()).adjusted(margin, margin, -margin, -margin)
        painter.drawText(
            area, Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, self.placeholder
        )

    def _paint_outline(self) -> None:
        assert self.outline is not None
        rect = self.span_rect(self.outline).translated(0, -self.verticalScrollBar().value())
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen_width = max(2.0, self.fontMetrics().height() / 9)
        painter.setPen(QPen(self.outline_colour, pen_width))
        inset = pen_width / 2 + 1
        box = QRectF(inset, rect.top() - 1, self.viewport().width() - 2 * inset, rect.height() + 2)
        if rect.width() == 0:  # nothing on this side: a caret where it would be, dashed line
            painter.drawLine(rect.topLeft(), rect.bottomLeft())
            painter.setPen(QPen(self.outline_colour, pen_width / 2, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(box, pen_width * 2, pen_width * 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl+wheel zooms the whole view, not this pane alone, so panes stay alike."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = 1 if event.angleDelta().y() > 0 else -1 if event.angleDelta().y() < 0 else 0
            if steps:
                self.zoom_requested.emit(steps)
            event.accept()
            return
        super().wheelEvent(event)

    def top_position(self) -> int:
        """The document position at the top left of the viewport."""
        return self.cursorForPosition(QPoint(0, 0)).position()

    def scroll_to_y(self, y: float) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(max(bar.minimum(), min(bar.maximum(), round(y))))

    def reveal(self, rect: QRectF) -> None:
        """Scroll so `rect` (document coordinates) is in view: a third of the way down
        if it was not, or at the top if it is taller than the viewport."""
        value, height = self.verticalScrollBar().value(), self.viewport().height()
        if rect.top() >= value and rect.bottom() <= value + height:
            return
        if rect.height() > height * 2 / 3:
            self.scroll_to_y(rect.top() - self.fontMetrics().height())
        else:
            self.scroll_to_y(rect.top() - height / 3)


class ScrollSync(QObject):
    """Scrolls one pane when the other scrolls, keeping their corresponding text level.

    Anchors pair document heights in the two panes (the starts and ends of equal text);
    the reference line of the scrolled pane is mapped through them by piecewise-linear
    interpolation. A guard stops the follower's own scroll signal from echoing back.
    """

    def __init__(self, left: DiffPane, right: DiffPane, anchors: Callable[[], list]) -> None:
        super().__init__(left)
        self.left, self.right = left, right
        self._compute = anchors
        self._anchors: list[tuple[float, float]] | None = None
        self._busy = False
        self.enabled = True
        left.verticalScrollBar().valueChanged.connect(lambda _: self.follow(left))
        right.verticalScrollBar().valueChanged.connect(lambda _: self.follow(right))

    def invalidate(self) -> None:
        """Layout changed (new text, width or font): anchors are recomputed when needed."""
        self._anchors = None

    def anchors(self) -> list[tuple[float, float]]:
        if self._anchors is None:
            self._anchors = self._compute()
        return self._anchors

    def follow(self, source: DiffPane) -> None:
        """Scroll the other pane to match `source`."""
        if self._busy or not self.enabled:
            return
        target = self.right if source is self.left else self.left
        anchors = self.anchors()
        if source is self.right:
            anchors = [(y, x) for x, y in anchors]
        bar = source.verticalScrollBar()
        share = reference_share(bar.value(), bar.maximum(), source.viewport().height())
        y = interpolate(anchors, bar.value() + share * source.viewport().height())
        self._busy = True
        try:
            target.scroll_to_y(y - share * target.viewport().height())
        finally:
            self._busy = False


# ---------------------------------------------------------------- headers


def side_title(provisions: tuple[Provision, ...]) -> str:
    """What one side holds: "Article 24 — Conditions and safeguards"; for a split or merge
    every piece's number ("Article 24 + Article 25"); a placeholder when it holds none."""
    if not provisions:
        return "Not in this draft"
    if len(provisions) > 1:
        return " + ".join(p.num or p.heading or p.kind.capitalize() for p in provisions)
    p = provisions[0]
    return " — ".join(part for part in (p.num, p.heading) if part) or p.kind.capitalize()


def _status_html(change: ProvisionChange, colours: DiffColours) -> str:
    status = f'<span style="color:{colours.muted.name()}">· {html.escape(change.status)}</span>'
    if change.uncertain:
        status += (
            f' <span style="color:{colours.warning.name()}; font-weight:600">'
            "· uncertain pairing</span>"
        )
    return status


def header_html(change: ProvisionChange, side: str, colours: DiffColours) -> str:
    """A pane's header: what it shows and, on the side that tells the outcome (the new
    one; the old one for a deletion), the status and any doubt about the pairing."""
    if side == INLINE:
        ends = [num for num in (change.from_num, change.to_num) if num]
        title = " → ".join(dict.fromkeys(ends)) if change.old and change.new else ends[0]
        return f"<b>{html.escape(title)}</b> {_status_html(change, colours)}"
    provisions = change.old if side == OLD else change.new
    title = html.escape(side_title(provisions))
    if not provisions:
        return f'<i style="color:{colours.muted.name()}">{title}</i>'
    outcome_side = OLD if change.status == "deleted" else NEW
    return (
        f"<b>{title}</b> {_status_html(change, colours)}"
        if side == outcome_side
        else f"<b>{title}</b>"
    )


def _tooltip(provisions: tuple[Provision, ...]) -> str:
    return "\n".join(p.title() for p in provisions)


# ---------------------------------------------------------------- find bar


class FindBar(QWidget):
    """Find in the visible panes: Enter for the next match, Shift+Enter for the previous,
    Escape to close."""

    next_requested = Signal()
    previous_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName("findEdit")
        self.find_edit.setPlaceholderText("Find in this provision")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.installEventFilter(self)
        self.status = QLabel(self)
        self.status.setObjectName("findStatus")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.find_edit, 1)
        for arrow, tip, signal in (
            (Qt.ArrowType.UpArrow, "Previous match (Shift+Enter)", self.previous_requested),
            (Qt.ArrowType.DownArrow, "Next match (Enter)", self.next_requested),
        ):
            button = QToolButton(self)
            button.setArrowType(arrow)
            button.setToolTip(tip)
            button.setAutoRaise(True)
            button.clicked.connect(signal.emit)
            layout.addWidget(button)
        layout.addWidget(self.status)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Close (Escape)")
        close.setAutoRaise(True)
        close.clicked.connect(self.close_bar)
        layout.addWidget(close)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.find_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                (self.previous_requested if shift else self.next_requested).emit()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()


# ---------------------------------------------------------------- the view


class DiffView(QWidget):
    """One provision change as a word diff, side by side or inline, with change
    navigation, find, zoom, and scrolling that keeps both sides level."""

    change_moved = Signal(int, int)
    """(index of the current change, number of changes) after each navigation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diffView")
        self._change: ProvisionChange | None = None
        self._placed: dict[str, _Placed] = {}
        self._current = -1
        self._inline = False
        self._zoom = 0
        self._found: tuple[DiffPane, QTextCursor] | None = None
        self._resync_pending = False
        self._build()
        self._apply_font()
        self._render()

    # -- construction

    def _build(self) -> None:
        self.old_pane, self.new_pane = DiffPane("oldPane", self), DiffPane("newPane", self)
        self.inline_pane = DiffPane("inlinePane", self)
        self.old_header, self.new_header = self._header("oldHeader"), self._header("newHeader")
        self.inline_header = self._header("inlineHeader")
        self.find_bar = FindBar(self)
        self.find_edit = self.find_bar.find_edit
        self._sides = QWidget(self)
        grid = QGridLayout(self._sides)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.old_header, 0, 0)
        grid.addWidget(self.new_header, 0, 1)
        grid.addWidget(self.old_pane, 1, 0)
        grid.addWidget(self.new_pane, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        self._inline_box = QWidget(self)
        column = QVBoxLayout(self._inline_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.inline_header)
        column.addWidget(self.inline_pane, 1)
        self._inline_box.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self._sides, 1)
        layout.addWidget(self._inline_box, 1)
        layout.addWidget(self.find_bar)
        self.sync = ScrollSync(self.old_pane, self.new_pane, self._anchors)
        for pane in self._panes():
            pane.resized.connect(self._on_resized)
            pane.zoom_requested.connect(self.zoom)
        self.find_bar.next_requested.connect(lambda: self.find(self.find_edit.text()))
        self.find_bar.previous_requested.connect(
            lambda: self.find(self.find_edit.text(), backward=True)
        )
        self.find_edit.textEdited.connect(self._find_as_typed)
        self.find_bar.closed.connect(self._find_closed)

    def _header(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        label.setContentsMargins(2, 0, 2, 0)
        return label

    def _panes(self) -> tuple[DiffPane, DiffPane, DiffPane]:
        return self.old_pane, self.new_pane, self.inline_pane

    def _pane(self, side: str) -> DiffPane:
        return {OLD: self.old_pane, NEW: self.new_pane, INLINE: self.inline_pane}[side]

    def _visible_panes(self) -> list[DiffPane]:
        """The panes find searches, in its order: the newer text first."""
        return [self.inline_pane] if self._inline else [self.new_pane, self.old_pane]

    # -- showing a change

    def show_change(self, change: ProvisionChange | None) -> None:
        """Show `change` from its top, no change selected; None shows empty panes."""
        self._change = change
        self._current = -1
        self._found = None
        self._render()
        for pane in self._panes():
            pane.scroll_to_y(0)

    def _render(self) -> None:
        style = _Style(self._point_size(), diff_colours(self.palette()))
        self._placed = {}
        for side in (OLD, NEW, INLINE):
            pane = self._pane(side)
            if self._change is None:
                pane.clear()
                pane.set_placeholder("" if side == NEW else SELECT_PROMPT)
            else:
                self._placed[side] = _Renderer(pane.document(), side, style).render(self._change)
                pane.set_placeholder(NO_PROVISION)
            pane.moveCursor(QTextCursor.MoveOperation.Start)
        self._set_headers(style.colours)
        self.sync.invalidate()
        self._highlight()

    def _set_headers(self, colours: DiffColours) -> None:
        change = self._change
        for side, label in ((OLD, self.old_header), (NEW, self.new_header)):
            label.setText(header_html(change, side, colours) if change else "")
            label.setToolTip(_tooltip(change.old if side == OLD else change.new) if change else "")
        self.inline_header.setText(header_html(change, INLINE, colours) if change else "")

    def _rerender(self) -> None:
        """Render again (new font or palette) keeping the place and the current change."""
        tops = {side: self._pane(side).top_position() for side in (NEW, INLINE)}
        self._render()
        for side, position in tops.items():
            pane = self._pane(side)
            pane.scroll_to_y(line_span(pane.document(), position)[0])
        self.sync.follow(self.new_pane)

    # -- inline or side by side

    def set_inline(self, inline: bool) -> None:
        """Show one column with deletions and insertions in reading order, or two."""
        if inline == self._inline:
            return
        self._inline = inline
        self._sides.setVisible(not inline)
        self._inline_box.setVisible(inline)
        self._clear_found()
        if self._current >= 0:
            self._reveal_current()

    def is_inline(self) -> bool:
        return self._inline

    # -- change navigation

    def change_count(self) -> int:
        """Change blocks in heading, text and notes: runs of deletions and insertions."""
        if self._change is None:
            return 0
        return sum(len(change_blocks(segments)) for _, segments in _sections(self._change))

    def current_change(self) -> int:
        return self._current

    def next_change(self) -> bool:
        """Go to the next change; False, staying put, after the last one."""
        if self._current + 1 >= self.change_count():
            return False
        self._move_to(self._current + 1)
        return True

    def previous_change(self) -> bool:
        """Go to the previous change; False, staying put, at the first one (or none)."""
        if self._current <= 0:
            return False
        self._move_to(self._current - 1)
        return True

    def go_to_change(self, index: int) -> None:
        """Go to change `index` (-1: the last); nothing happens when there are none."""
        count = self.change_count()
        if count:
            self._move_to(count - 1 if index < 0 else min(index, count - 1))

    def _move_to(self, index: int) -> None:
        self._current = index
        self._highlight()
        self._reveal_current()
        self.change_moved.emit(index, self.change_count())

    def _highlight(self) -> None:
        """Stronger tints on the current change's words and an outline around its lines."""
        colours = diff_colours(self.palette())
        for side in (OLD, NEW, INLINE):
            pane, placed = self._pane(side), self._placed.get(side)
            if placed is None or not 0 <= self._current < len(placed.spans):
                pane.set_outline(None, colours.outline)
                self._set_selections(pane, [])
                continue
            pane.set_outline(placed.spans[self._current], colours.outline)
            marks = [
                self._selection(pane, start, end, _current_back(op, colours))
                for start, end, op in placed.pieces[self._current]
            ]
            self._set_selections(pane, marks)

    def _reveal_current(self) -> None:
        """Bring the current change into view: the new (or inline) pane first, then the
        old one follows by the synchronised scroll unless that leaves its part hidden."""
        if self._inline:
            self.inline_pane.reveal(self.inline_pane.span_rect(self._span(INLINE)))
            return
        self.new_pane.reveal(self.new_pane.span_rect(self._span(NEW)))
        self.sync.follow(self.new_pane)
        self.sync.enabled = False
        try:
            self.old_pane.reveal(self.old_pane.span_rect(self._span(OLD)))
        finally:
            self.sync.enabled = True

    def _span(self, side: str) -> tuple[int, int]:
        return self._placed[side].spans[self._current]

    # -- extra selections: current change and find match

    def _selection(
        self, pane: DiffPane, start: int, end: int, back: QColor, fore: QColor | None = None
    ) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(pane.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(back)
        if fore is not None:
            fmt.setForeground(fore)
        selection.format = fmt
        return selection

    def _set_selections(self, pane: DiffPane, change_marks: list[QTextEdit.ExtraSelection]) -> None:
        """Replace the change marks of `pane`, keeping its find mark."""
        pane.change_marks = change_marks
        pane.setExtraSelections([*change_marks, *pane.find_marks])

    def _set_find_marks(self, pane: DiffPane, find_marks: list[QTextEdit.ExtraSelection]) -> None:
        """Replace the find mark of `pane`, keeping its change marks."""
        pane.find_marks = find_marks
        pane.setExtraSelections([*pane.change_marks, *find_marks])

    # -- find

    def start_find(self) -> None:
        """Show the find bar with its text selected, ready to type over."""
        self.find_bar.show()
        self.find_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_edit.selectAll()

    def find(self, text: str, backward: bool = False) -> bool:
        """Select the next (or previous) match of `text`, ignoring case, in the visible
        panes, newer text first, wrapping around; False and "not found" if none."""
        self._clear_found()
        found = self._search(text, backward) if text else None
        self.find_bar.status.setText("" if found or not text else "not found")
        if found is None:
            self._found = None
            return False
        pane, cursor = found
        self._found = found
        pane.setTextCursor(cursor)
        palette = pane.palette()
        self._set_find_marks(
            pane,
            [
                self._selection(
                    pane,
                    cursor.selectionStart(),
                    cursor.selectionEnd(),
                    palette.color(QPalette.ColorRole.Highlight),
                    palette.color(QPalette.ColorRole.HighlightedText),
                )
            ],
        )
        pane.ensureCursorVisible()
        return True

    def _search(self, text: str, backward: bool) -> tuple[DiffPane, QTextCursor] | None:
        for pane, position in self._search_plan(backward):
            flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
            cursor = pane.document().find(text, position, flags)
            if not cursor.isNull():
                return pane, cursor
        return None

    def _search_plan(self, backward: bool) -> Iterator[tuple[DiffPane, int]]:
        """(pane, position) to search from, in order: on from the last match, then the
        other panes whole, then the last match's pane again from its far end."""
        panes = self._visible_panes()
        if backward:
            panes = panes[::-1]
        here = self._found if self._found and self._found[0] in panes else None
        start = panes.index(here[0]) if here else 0
        order = panes[start:] + panes[:start]
        for n, pane in enumerate(order):
            if n == 0 and here:
                cursor = here[1]
                yield pane, cursor.selectionStart() if backward else cursor.selectionEnd()
            else:
                yield pane, _far_end(pane, backward)
        if here:
            yield order[0], _far_end(order[0], backward)

    def _find_as_typed(self, text: str) -> None:
        """Refine the search as the reader types: start again where the last match began."""
        if self._found is not None:
            pane, cursor = self._found
            start = QTextCursor(pane.document())
            start.setPosition(cursor.selectionStart())
            self._found = (pane, start)
        self.find(text)

    def _clear_found(self) -> None:
        for pane in self._panes():
            if pane.find_marks:
                self._set_find_marks(pane, [])

    def _find_closed(self) -> None:
        self._clear_found()
        pane = self._found[0] if self._found else self._visible_panes()[0]
        pane.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- zoom

    def zoom(self, steps: int) -> None:
        """Text one point larger (+1) or smaller (-1) per step; 0 back to normal."""
        low, high = ZOOM_RANGE
        zoom = 0 if steps == 0 else max(low, min(high, self._zoom + steps))
        if zoom == self._zoom:
            return
        self._zoom = zoom
        self._apply_font()
        self._rerender()

    def zoom_steps(self) -> int:
        return self._zoom

    def _point_size(self) -> float:
        """The application font's size plus the zoom, in points (never pixels)."""
        font = self.font()
        base = font.pointSizeF() if font.pointSizeF() > 0 else QFontInfo(font).pointSizeF()
        return max(4.0, base + self._zoom)

    def _apply_font(self) -> None:
        for pane in self._panes():
            font = QFont(self.font())
            font.setPointSizeF(self._point_size())
            pane.setFont(font)
            pane.document().setDocumentMargin(pane.fontMetrics().height() * 0.6)

    # -- anchors for the synchronised scroll

    def _anchors(self) -> list[tuple[float, float]]:
        """(y in the old pane, y in the new pane) for every mark both panes share, plus
        the documents' tops and ends."""
        old_doc, new_doc = self.old_pane.document(), self.new_pane.document()
        pairs = [(0.0, 0.0)]
        old_marks = self._placed.get(OLD, _Placed()).marks
        new_marks = self._placed.get(NEW, _Placed()).marks
        if len(old_marks) == len(new_marks):
            for (a, a_top), (b, _) in zip(old_marks, new_marks, strict=True):
                pairs.append((_mark_y(old_doc, a, a_top), _mark_y(new_doc, b, a_top)))
        pairs.append((old_doc.size().height(), new_doc.size().height()))
        return monotonic(pairs)

    def _on_resized(self) -> None:
        """Wrapping changed: recompute anchors and re-level, once both panes are resized."""
        self.sync.invalidate()
        if not self._resync_pending:
            self._resync_pending = True
            QTimer.singleShot(0, self._resync)

    def _resync(self) -> None:
        self._resync_pending = False
        self.sync.follow(self.new_pane)

    # -- Qt events

    def changeEvent(self, event: QEvent) -> None:
        """A new palette (e.g. the system's dark mode) needs colours drawn from it."""
        super().changeEvent(event)
        kinds = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in kinds and hasattr(self, "sync"):
            self._rerender()
        elif event.type() == QEvent.Type.FontChange and hasattr(self, "sync"):
            self._apply_font()
            self._rerender()

    def showEvent(self, event: QShowEvent) -> None:
        """A change chosen before the view was laid out is revealed once it is."""
        super().showEvent(event)
        if self._current >= 0:
            QTimer.singleShot(0, self._reveal_current)


def _mark_y(document: QTextDocument, position: int, top: bool) -> float:
    span = line_span(document, position)
    return span[0] if top else span[1]


def _far_end(pane: DiffPane, backward: bool) -> int:
    return pane.document().characterCount() - 1 if backward else 0


def _current_back(op: str, colours: DiffColours) -> QColor:
    return colours.deleted_current if op == DELETE else colours.inserted_current
