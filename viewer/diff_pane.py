"""A diff pane: the text widget, and the renderer that writes one side of a change into it.

The core (`drafts.comparing.compare`) decides what changed; the renderer only draws its segments,
and records where each change block and each shared mark landed, for navigation and
for the synchronized scroll.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from drafts.comparing.compare import ProvisionChange
from drafts.comparing.diff import DELETE, EQUAL, INSERT, Segment, change_blocks
from drafts.model import NEW, OLD
from viewer.bracket_marks import mark_brackets
from viewer.diff_style import MOVED, NOTES_LABEL, ORANGE, DiffStyle
from viewer.move_marks import (
    MoveFacts,
    MoveMark,
    describe_moves,
    move_bar_width,
    moves_at,
    paint_move_bars,
)
from viewer.note_marks import NoteMark, marks_at, paint_bars, paint_washes
from viewer.text_map import ProvisionMap, TextMap, TextRun

INLINE = "inline"
"""A pane showing both sides in one column; the sides are the core's OLD and NEW."""
"""The sides a change is drawn on: the old text, the new text, or both in one column."""
SHOWN = {OLD: (EQUAL, DELETE), NEW: (EQUAL, INSERT), INLINE: (EQUAL, DELETE, INSERT)}
"""Which segments each pane shows."""


def sections(change: ProvisionChange) -> list[tuple[str, tuple[Segment, ...]]]:
    """Heading, text and notes, those with any text on either side, in reading order."""
    parts = (("heading", change.heading), ("text", change.text), ("notes", change.notes))
    return [(name, segments) for name, segments in parts if segments]


def _is_equal(segment: Segment) -> bool:
    return segment.op == EQUAL


@dataclass
class Placed:
    """Where one pane's text landed, in document positions (Qt's UTF-16 offsets).

    `marks` are positions that correspond one to one in the old and new panes (section
    starts, the ends of equal runs, paragraph starts inside them), each with whether its
    line's top or bottom is meant; `spans` is each change block's extent (empty where
    this side has none of its text) and `pieces` its deleted and inserted runs.
    """

    marks: list[tuple[int, bool]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    pieces: list[list[tuple[int, int, str]]] = field(default_factory=list)
    runs: list[TextRun] = field(default_factory=list)
    """The runs of provision text (the text section, not heading or notes), for
    placing annotations and reading selections (`viewer.text_map`)."""
    moves: list[MoveMark] = field(default_factory=list)
    """The ends of moved passages this pane shows."""


class Renderer:
    """Writes one side of a change into a document, recording where everything went."""

    def __init__(self, document: QTextDocument, side: str, style: DiffStyle) -> None:
        self.document = document
        self.side = side
        self.style = style
        self.cursor = QTextCursor(document)
        self.placed = Placed()
        self.offsets = {OLD: 0, NEW: 0}
        self.section_name = ""
        self.first_block = True
        self.block_format = QTextBlockFormat()
        self._formats: dict[tuple[str, str], QTextCharFormat] = {}
        self._moves: dict[int, MoveFacts] = {}

    def render(self, change: ProvisionChange) -> Placed:
        """Replace the document with this side of `change`, and say where it went."""
        self.document.clear()
        return self.append(change)

    def append(self, change: ProvisionChange) -> Placed:
        """Write this side of `change` after what the document holds (the whole-document
        view writes provision after provision); `placed` gathers every one's places.
        Written as one edit, laid out once at its end: laid out insert by insert, a much
        changed provision took 20-30 ms to show, 7-9 ms so."""
        self.cursor.beginEditBlock()
        try:
            self._append(change)
        finally:
            self.cursor.endEditBlock()
        return self.placed

    def _append(self, change: ProvisionChange) -> None:
        has_side = self.side == INLINE or bool(change.old if self.side == OLD else change.new)
        for name, segments in sections(change):
            if not has_side:
                self._skip(segments)
                continue
            if name == "notes":  # the label is kept level with the other side's label
                self._new_block(NOTES_LABEL)
                self.placed.marks.append((self.cursor.position(), True))
                self.cursor.insertText(NOTES_LABEL, self.style.notes_label())
            self._new_block(name)
            self.placed.marks.append((self.cursor.position(), True))
            start = self.cursor.position()
            self._section(name, segments)
            if name != "notes":  # commentary, not negotiated text: see drafts.negotiation.brackets
                mark_brackets(self.document, self.style.colours, (start, self.cursor.position()))

    def header(self, rich_text: str, fmt: QTextBlockFormat) -> int:
        """A provision's header (rich text, one paragraph) in a block of its own, a mark
        level with the other side's header; returns where it begins."""
        self._new_block("heading")
        self.cursor.setBlockFormat(fmt)
        at = self.cursor.position()
        self.placed.marks.append((at, True))
        self.cursor.insertHtml(rich_text)
        return at

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
        self.section_name = name
        self.offsets = {OLD: 0, NEW: 0}
        self._moves = describe_moves(segments)
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
        self._record(segment, text)
        self._insert(text, self._format(name, EQUAL), mark_breaks=same_breaks)
        self.placed.marks.append((max(self.cursor.position() - 1, 0), False))

    def _change(self, name: str, run: list[Segment]) -> None:
        start = self.cursor.position()
        pieces = []
        # Paragraphs begun inside a change correspond in order when both sides begin
        # as many: each is a mark (on the side panes, which keep them level).
        breaks = [sum(s.old.count("\n") for s in run), sum(s.new.count("\n") for s in run)]
        mark = self.side != INLINE and breaks[0] == breaks[1] > 0
        if self.side == INLINE and _rewritten_across_breaks(run):
            pieces = self._interleave(name, run[0], run[1])
            run = []
        for segment in run:
            if segment.op not in SHOWN[self.side]:
                self._record(segment, "")
                continue
            at = self.cursor.position()
            facts = self._moves.get(segment.move)
            self._record(segment, segment.old or segment.new)
            text, fmt = segment.old or segment.new, self._format(name, segment.op, facts)
            self._insert(text, fmt, mark_breaks=mark, mark_last=mark)
            pieces.append((at, self.cursor.position(), MOVED if facts else segment.op))
            if facts:
                tip = facts.tooltip(segment.op)
                self.placed.moves.append(MoveMark(at, self.cursor.position(), segment.move, tip))
        self.placed.spans.append((start, self.cursor.position()))
        self.placed.pieces.append(pieces)

    def _interleave(self, name: str, gone: Segment, came: Segment) -> list[tuple[int, int, str]]:
        """Inline, a passage rewritten across paragraph breaks, line by line: each old
        line's deleted words, then the new line's inserted words, then the break (the
        new text's while it has one, else the old's). So new words never land on an old
        line, and the pieces of a paragraph stay together. Returns the pieces drawn."""
        parts = {OLD: gone.old.split("\n"), NEW: came.new.split("\n")}
        formats = {OLD: self._format(name, DELETE), NEW: self._format(name, INSERT)}
        ops = {OLD: DELETE, NEW: INSERT}
        offset = dict(self.offsets)
        pieces = []
        lines = max(len(parts[OLD]), len(parts[NEW]))
        for k in range(lines):
            for side in (OLD, NEW):
                if k < len(parts[side]) and parts[side][k]:
                    at = self.cursor.position()
                    self._run(side, parts[side][k], offset[side])
                    self.cursor.insertText(parts[side][k], formats[side])
                    pieces.append((at, self.cursor.position(), ops[side]))
                offset[side] += len(parts[side][k]) if k < len(parts[side]) else 0
            if k == lines - 1:
                break
            has_break = {side: k < len(parts[side]) - 1 for side in (OLD, NEW)}
            owner = NEW if has_break[NEW] else OLD
            at = self.cursor.position()
            if self.section_name == "text":  # the break of each side that has one here
                old_at, new_at = (offset[side] if has_break[side] else None for side in (OLD, NEW))
                self.placed.runs.append(TextRun(at, "\n", old_at, new_at))
            self.cursor.insertBlock(self.block_format, formats[owner])
            pieces.append((at, self.cursor.position(), ops[owner]))
            for side in (OLD, NEW):
                offset[side] += has_break[side]
        self.offsets = {
            OLD: self.offsets[OLD] + len(gone.old),
            NEW: self.offsets[NEW] + len(came.new),
        }
        return pieces

    def _run(self, side: str, text: str, offset: int) -> None:
        """Note that `text`, at `offset` of `side`'s text, is shown from the cursor on."""
        if self.section_name == "text":
            at = self.cursor.position()
            self.placed.runs.append(
                TextRun(at, text, offset if side == OLD else None, offset if side == NEW else None)
            )

    def _record(self, segment: Segment, shown: str) -> None:
        """Note where the provision text `shown` (of `segment`) goes and which offsets of
        each side it stands at; advance the offsets past the segment either way."""
        at = self.offsets
        if self.section_name == "text" and shown:
            # A side pane maps to its own side only; inline, equal text shows the new
            # words, which are also the old ones unless an option ignored a difference.
            equal_old = segment.op == EQUAL and (self.side == OLD or segment.old == segment.new)
            on_old = self.side != NEW and (segment.op == DELETE or equal_old)
            on_new = self.side != OLD and segment.op in (EQUAL, INSERT)
            run = TextRun(
                self.cursor.position(),
                shown,
                at[OLD] if on_old else None,
                at[NEW] if on_new else None,
            )
            self.placed.runs.append(run)
        self.offsets = {OLD: at[OLD] + len(segment.old), NEW: at[NEW] + len(segment.new)}

    def _format(self, name: str, op: str, move: MoveFacts | None = None) -> QTextCharFormat:
        """One format per section and kind of segment, built once per render."""
        key = (name, op + (MOVED if move else ""))
        if key not in self._formats:
            self._formats[key] = (
                self.style.moved(name, op, self.side == INLINE)
                if move
                else self.style.segment(name, op)
            )
        return self._formats[key]

    def _insert(
        self, text: str, fmt: QTextCharFormat, mark_breaks: bool = False, mark_last: bool = False
    ) -> None:
        """Insert text; each line break starts a paragraph (block) of the same format.
        With `mark_breaks`, each paragraph begun is a mark, but for one begun by the
        last character (unless `mark_last`): in equal text, what follows it there
        differs between the sides."""
        parts = text.split("\n")
        for n, part in enumerate(parts):
            if n:
                self.cursor.insertBlock(self.block_format, fmt)
                if mark_breaks and (part or mark_last or n < len(parts) - 1):
                    self.placed.marks.append((self.cursor.position(), True))
            if part:
                self.cursor.insertText(part, fmt)


def _rewritten_across_breaks(run: list[Segment]) -> bool:
    """Whether a change is one deletion and one insertion, not a move, both across
    paragraph breaks: the case the inline view shows line by line."""
    if [s.op for s in run] != [DELETE, INSERT] or any(s.move for s in run):
        return False
    return "\n" in run[0].old and "\n" in run[1].new


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
        self.note_marks: list[NoteMark] = []
        self.move_marks: list[MoveMark] = []
        self.move_colour = QColor(ORANGE)
        self.context_hook: Callable[[DiffPane, int, QMenu], None] | None = None
        self.text_map: ProvisionMap = TextMap([], [], [])

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """The standard menu (Copy, Select All) and whatever `context_hook` adds for the
        document position clicked: annotating, editing a note there."""
        menu = self.createStandardContextMenu()
        if self.context_hook is not None:
            at = self.cursorForPosition(event.pos()).position()  # viewport coordinates
            self.context_hook(self, at, menu)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def set_note_marks(self, marks: list[NoteMark]) -> None:
        self.note_marks = marks
        self.viewport().update()

    def add_note_marks(self, marks: list[NoteMark]) -> None:
        """More highlights (the whole document: those of the provisions just written)."""
        if marks:
            self.note_marks = self.note_marks + marks
            self.viewport().update()

    def _marks_in_view(self) -> list[NoteMark]:
        """The highlights the viewport shows some of: on a whole document, only these
        are laid out and painted, however many the document holds."""
        if len(self.note_marks) < 100:
            return self.note_marks
        viewport = self.viewport()
        top = self.top_position()
        bottom = self.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
        return [m for m in self.note_marks if m.start <= bottom and m.end >= top]

    def set_move_marks(self, marks: list[MoveMark], colour: QColor) -> None:
        self.move_marks = marks
        self.move_colour = colour
        self.viewport().update()

    def notes_at(self, position: int) -> list[NoteMark]:
        """The highlights over document position `position`."""
        return marks_at(self.note_marks, position)

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
        # Annotation washes go under the text, so the diff's own tints, painted with
        # the text, stay pure on changed words; the bars go on top, under every word.
        dy = self.verticalScrollBar().value()
        notes = self._marks_in_view()
        if notes:
            painter = QPainter(self.viewport())
            paint_washes(painter, self.document(), notes, dy)
            painter.end()
        super().paintEvent(event)
        if notes:
            painter = QPainter(self.viewport())
            bar = max(3.0, self.fontMetrics().height() / 7)
            paint_bars(painter, self.document(), notes, dy, bar)
            painter.end()
        if self.move_marks:
            painter = QPainter(self.viewport())
            width = move_bar_width(self.fontMetrics().height())
            paint_move_bars(painter, self.document(), self.move_marks, dy, width, self.move_colour)
            painter.end()
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

    def viewportEvent(self, event: QEvent) -> bool:
        """Hovering a highlight shows its notes; hovering a moved passage, where it
        came from or went to."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            at = self.cursorForPosition(event.pos()).position()
            tips = [m.tooltip for m in self.notes_at(at) if m.tooltip]
            tips += [m.tooltip for m in moves_at(self.move_marks, at)]
            if tips:
                QToolTip.showText(event.globalPos(), "<hr>".join(tips), self)
                return True
        return super().viewportEvent(event)

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
