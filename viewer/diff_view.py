"""The diff view: one provision change, word by word, old and new side by side or inline;
or the whole comparison, provision after provision (`viewer.whole_document`).

It composes the panes (`diff_pane`), their look (`diff_style`), the synchronized scroll
(`scroll_sync`) and the find bar (`find_bar`), and owns what the reader does with them:
the headers, moving from change to change, find, and zoom.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterator, Sequence

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QPalette,
    QShowEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from drafts.comparing.compare import ProvisionChange
from drafts.comparing.diff import DELETE, change_blocks
from drafts.model import NEW, OLD
from viewer.change_map import ChangeMap, MapMark, map_marks, mapped_height
from viewer.diff_headers import header_html, provision_title, provisions_tooltip
from viewer.diff_pane import INLINE, DiffPane, Placed, Renderer, line_span, sections
from viewer.diff_style import MOVED, DiffColours, DiffStyle, diff_colours
from viewer.find_bar import FindBar
from viewer.level import Leveller, add_block_pairs, text_top
from viewer.move_marks import describe_moves
from viewer.note_marks import NoteMark, ShownNote
from viewer.paragraph_snap import snapped
from viewer.relevel import Relevelling
from viewer.scroll_sync import ScrollSync, monotonic
from viewer.text_map import DocumentMap, Passage, TextMap
from viewer.whole_document import SLICE_SECONDS, ChangeHeights, DocumentWriter, Part

ZOOM_RANGE = (-5, 10)
SELECT_PROMPT = "Select a provision"
MATCH_ALPHA = 70
"""Out of 255: the tint of the matches of a search other than the current one."""
NO_PROVISION = "(no provision in this draft)"
MAP_PAUSE = 0.5
"""Whole document, while writing: seconds between two drawings of the change maps."""
RESIZE_PAUSE_MS = 200
"""Whole document: how long the panes must keep their width before they are levelled."""
NOTHING_LISTED = "No provision is listed: clear the filter to see the whole document"


class DiffView(QWidget):
    """One provision change as a word diff, side by side or inline, with change
    navigation, find, zoom, and scrolling that keeps both sides level."""

    change_moved = Signal(int, int)
    """(index of the current change, number of changes) after each navigation."""
    provision_shown = Signal(object)
    """Whole document: the provision (`ProvisionChange`) now in view or navigated to."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diffView")
        self._change: ProvisionChange | None = None
        self._placed: dict[str, Placed] = {}
        self._current = -1
        self._inline = False
        self._zoom = 0
        self._found: tuple[DiffPane, QTextCursor] | None = None
        self._resync_pending = False
        self._level_pending = False
        self._notes: list[ShownNote] = []
        self._marks_of: dict[tuple[str, ShownNote], list[NoteMark]] = {}
        """Each note's highlights in each pane, for the text now written."""
        self.notes_for: Callable[[Sequence[ProvisionChange]], list[ShownNote]] | None = None
        """Whole document: the highlights of these provisions' annotations, asked for as
        they are written (`viewer.annotating` answers)."""
        self._document: tuple[ProvisionChange, ...] | None = None
        """Whole document (`show_document`): the provisions shown; None: one provision."""
        self._whole: DocumentWriter | None = None
        """Whole document: what writes them into the panes, and where they went."""
        self._slice_pending = False
        self._heights = ChangeHeights()
        self._levelled_widths: tuple[int, ...] = ()
        self._maps_drawn = 0.0
        self._resync_timer = QTimer(self)
        self._resync_timer.setSingleShot(True)
        self._resync_timer.timeout.connect(self._resync)
        self._quiet = False
        """Scrolling on purpose (to a provision, to a change): the position is not
        reported as the reader's."""
        self._whole_from = -1
        """Whole document, no change current: the change before the place the reader
        went to, where the next change is looked for."""
        self._in_view = -1
        self.key_dialog: QDialog | None = None
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
        self.side_map = ChangeMap("sideMap", 2, self)
        grid.addWidget(self.side_map, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        self._inline_box = QWidget(self)
        column = QVBoxLayout(self._inline_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.inline_header)
        row = QHBoxLayout()
        self.inline_map = ChangeMap("inlineMap", 1, self)
        row.addWidget(self.inline_pane, 1)
        row.addWidget(self.inline_map)
        column.addLayout(row, 1)
        self._inline_box.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self._sides, 1)
        layout.addWidget(self._inline_box, 1)
        layout.addWidget(self.find_bar)
        self.sync = ScrollSync(self.old_pane, self.new_pane, self._anchors)
        self._build_maps()
        self._leveller = Leveller()
        self.relevelling = Relevelling(self._leveller, self.sync)
        self.relevelling.sliced.connect(self._relevelled)
        for pane in self._panes():  # a bar coming and going would rewrap, and level anew
            pane.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        for pane in self._panes():
            pane.resized.connect(self._on_resized)
            pane.zoom_requested.connect(self.zoom)
        self.find_bar.next_requested.connect(lambda: self.find(self.find_edit.text()))
        self.find_bar.previous_requested.connect(
            lambda: self.find(self.find_edit.text(), backward=True)
        )
        self.find_edit.textEdited.connect(self._find_as_typed)
        self.find_bar.closed.connect(self._find_closed)
        for pane in self._panes():  # the reader's scrolling, not the panes' own
            pane.verticalScrollBar().actionTriggered.connect(self._reader_scrolled)

    def _build_maps(self) -> None:
        """The change maps read the panes' change pieces, laid out, when painted."""

        def lanes(*sides: str) -> list[MapMark]:
            if not all(side in self._placed for side in sides):
                return []
            if self._whole is not None:
                return self._document_marks(sides)
            return map_marks([(self._pane(side), self._placed[side].pieces) for side in sides])

        def in_view(pane: DiffPane) -> tuple[float, float]:
            return _in_view(pane, self._laying_out())

        self.side_map.set_source(lambda: lanes(OLD, NEW), lambda: in_view(self.new_pane))
        self.inline_map.set_source(lambda: lanes(INLINE), lambda: in_view(self.inline_pane))
        for change_map, pane in (
            (self.side_map, self.new_pane),
            (self.inline_map, self.inline_pane),
        ):
            change_map.change_clicked.connect(self._move_to)
            pane.verticalScrollBar().valueChanged.connect(change_map.update)

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
        """Show `change` from its top, no change selected; None shows empty panes.
        Whole paragraphs inserted or deleted are shown as such (`paragraph_snap`).
        A long provision is scrolled to its first change, if it is not in view."""
        self._document, self._whole = None, None
        self._change = snapped(change) if change is not None else None
        self._current = -1
        self._found = None
        self._render()
        for pane in self._panes():
            pane.scroll_to_y(0)
        if self.change_count():
            self._reveal(0)

    def show_document(
        self, changes: Sequence[ProvisionChange], at: ProvisionChange | None = None
    ) -> None:
        """Show every provision of `changes`, in order, one after another, each under
        its header (the whole comparison), and go to provision `at`. The same
        provisions already shown are only scrolled to (`whole_document`)."""
        changes = tuple(changes)
        same = self._document is not None and list(map(id, self._document)) == list(
            map(id, changes)
        )
        if not same:
            self._document, self._change = changes, None
            self._current, self._whole_from, self._in_view = -1, -1, -1
            self._clear_found()
            self._found = None
            self._quiet = True  # emptied and written again: not the reader's scrolling
            try:
                self._render()
                for pane in self._panes():
                    pane.scroll_to_y(0)
            finally:
                self._quiet = False
        if at is not None and any(c is at for c in changes):
            self.show_provision(at)

    def is_whole(self) -> bool:
        """Whether the whole comparison is shown, not one provision."""
        return self._document is not None

    def show_provision(self, change: ProvisionChange) -> None:
        """Whole document: scroll to provision `change` (its header at the top); the
        next change looked for is its first."""
        if self._document is None or self._whole is None:
            return
        k = next((n for n, c in enumerate(self._document) if c is change), -1)
        if k < 0:
            return
        self._write(until=k)
        part = self._whole.parts[k]
        self._whole_from = part.first_change - 1
        if self._current >= 0 and self._whole.part_of_change(self._current) != k:
            self._current = -1
            self._highlight()
        self._scroll_to_part(k)

    def _scroll_to_part(self, k: int) -> None:
        assert self._whole is not None
        part = self._whole.parts[k]
        self._quiet = True
        try:
            for side in (NEW, INLINE):
                pane = self._pane(side)
                document = pane.document()
                top = text_top(document, document.findBlock(part.starts[side]))
                pane.scroll_to_y(top - pane.fontMetrics().height() / 2)
            self.sync.follow(self.new_pane)
        finally:
            self._quiet = False
        self._in_view = k

    def provision_in_view(self) -> ProvisionChange | None:
        """Whole document: the provision at the top of the visible text."""
        if self._document is None or self._whole is None or not self._whole.parts:
            return None
        pane = self._visible_panes()[0]
        at = pane.cursorForPosition(QPoint(0, pane.fontMetrics().height())).position()
        k = self._whole.part_at(INLINE if self._inline else NEW, at)
        return self._document[max(k, 0)]

    def _reader_scrolled(self, _action: int) -> None:
        """A scroll bar, the wheel or a page key moved: the place is read once moved."""
        if self._document is not None:
            QTimer.singleShot(0, self, self._track_view)

    def _track_view(self) -> None:
        """Whole document: the reader scrolled; say which provision is now in view."""
        if self._quiet or self._document is None or self._whole is None:
            return
        change = self.provision_in_view()
        k = next((n for n, c in enumerate(self._document) if c is change), -1)
        if change is not None and k != self._in_view:
            self._in_view = k
            self.provision_shown.emit(change)

    def _write(self, until: int = -1, seconds: float = SLICE_SECONDS) -> None:
        """Whole document: write the next slice of provisions (at least up to `until`;
        everything with `seconds` infinite), level them, and plan the next slice."""
        writer = self._whole
        if writer is None or writer.done():
            return
        parts = writer.write(seconds, until)
        self._map_parts(parts)
        self._level_parts(parts)
        if not writer.done() and not self._slice_pending:
            self._slice_pending = True
            QTimer.singleShot(0, self, self._next_slice)  # dropped if the view is gone

    def _next_slice(self) -> None:
        self._slice_pending = False
        self._write()
        self._highlight_if_written()

    def finish_writing(self) -> None:
        """Whole document: write whatever is left now (find looks at every provision)."""
        self._write(until=len(self._document or ()), seconds=float("inf"))

    def is_written(self) -> bool:
        """Whether every provision shown is in the panes (always, for one provision)."""
        return self._whole is None or self._whole.done()

    def _highlight_if_written(self) -> None:
        """The current change, written in a later slice, is outlined once it is."""
        if self._current >= 0 and self._current < len(self._placed[NEW].spans):
            self._highlight()

    def _document_marks(self, sides: Sequence[str]) -> list[MapMark]:
        """Whole document: the change maps' marks, from the pieces' measured heights."""
        self._measure_written()
        heights = [mapped_height(self._pane(side), self._laying_out()) for side in sides]
        return self._heights.marks(sides, heights)

    def _measure_written(self) -> None:
        if self._whole is not None:
            self._heights.measure(self._whole, self.relevelling.levelled(len(self._whole.parts)))

    def _forget_extents(self) -> None:
        """The layout changed: the pieces are measured again when next needed."""
        self._heights.forget()

    def _level_parts(self, parts: list[Part]) -> None:
        """Level the provisions just written, and measure their changes for the maps,
        which are drawn again at the end and now and then while writing (drawing every
        mark of a long document after each slice took a third of the writing time)."""
        now = time.monotonic()
        if self._whole is None or self._whole.done() or now - self._maps_drawn > MAP_PAUSE:
            self._maps_drawn = now
            for change_map in (self.side_map, self.inline_map):
                change_map.invalidate()
        self.sync.invalidate()
        if self._inline or self._level_pending:
            self._level_pending = True
            self._measure_written()  # the inline pane's; the others' once levelled
            return
        if self.relevelling.active():
            return  # levelled, and measured, when the relevelling reaches them
        assert self._whole is not None
        old_doc, new_doc = self.old_pane.document(), self.new_pane.document()
        self._leveller.extend(old_doc, new_doc, self._whole.level_pairs(parts))
        self._measure_written()

    def _render(self) -> None:
        style = DiffStyle(self._point_size(), diff_colours(self.palette()))
        if self._document is not None:
            self._render_document(style)
            return
        self._placed = {}
        self._marks_of = {}
        self.relevelling.cancel()
        self._leveller.forget(self.old_pane.document(), self.new_pane.document())
        for side in (OLD, NEW, INLINE):
            pane = self._pane(side)
            if self._change is None:
                pane.clear()
                pane.set_placeholder("" if side == NEW else SELECT_PROMPT)
            else:
                self._placed[side] = Renderer(pane.document(), side, style).render(self._change)
                pane.set_placeholder(NO_PROVISION)
            runs = self._placed[side].runs if side in self._placed else []
            moves = self._placed[side].moves if side in self._placed else []
            pane.set_move_marks(moves, style.colours.moved_bar)
            change = self._change
            pane.text_map = TextMap(
                runs, change.old if change else (), change.new if change else ()
            )
            pane.moveCursor(QTextCursor.MoveOperation.Start)
        self._mark_notes()
        self._set_headers(style.colours)
        self._level()
        self._highlight()

    def _laying_out(self) -> bool:
        """Whole document: whether it is being laid out anew (resized, not yet levelled
        again), so that the maps do not lay the rest of it out to learn its height."""
        return self.relevelling.active() or self._resync_timer.isActive()

    def _relevelled(self, finished: bool) -> None:
        """A slice of the whole document is levelled anew for its present layout."""
        for change_map in (self.side_map, self.inline_map):
            change_map.invalidate()
        if finished:
            self.sync.follow(self.new_pane)

    def _render_document(self, style: DiffStyle) -> None:
        """Whole document: start writing every provision, the first slice at once."""
        assert self._document is not None
        self.relevelling.cancel()
        self._leveller.forget(self.old_pane.document(), self.new_pane.document())
        self._level_pending = False
        self._forget_extents()
        self._levelled_widths = tuple(pane.viewport().width() for pane in self._panes())
        documents = {side: self._pane(side).document() for side in (OLD, NEW, INLINE)}
        self._whole = DocumentWriter(
            documents,
            self._document,
            style,
            lambda change, side: header_html(change, side, style.colours),
            self._header_format(style),
        )
        self._placed = {side: self._whole.placed(side) for side in (OLD, NEW, INLINE)}
        for side in (OLD, NEW, INLINE):
            pane = self._pane(side)
            pane.set_placeholder(NOTHING_LISTED)
            pane.set_move_marks(self._placed[side].moves, style.colours.moved_bar)
            pane.text_map = DocumentMap()  # filled as the provisions are written
        self._notes = []
        self._marks_of = {}
        self._mark_notes()
        self._set_headers(style.colours)
        self._write()
        self._highlight()

    def _header_format(self, style: DiffStyle) -> QTextBlockFormat:
        """A provision's header in the whole document: a band across the pane, with
        room above it, so each provision plainly begins."""
        fmt = QTextBlockFormat()
        fmt.setTopMargin(style.point_size * 1.6)
        fmt.setBottomMargin(style.point_size * 0.6)
        fmt.setBackground(self.palette().color(QPalette.ColorRole.AlternateBase))
        return fmt

    def _set_headers(self, colours: DiffColours) -> None:
        for label in (self.old_header, self.new_header, self.inline_header):
            label.setVisible(self._document is None)  # whole document: in the text
        change = self._change
        for side, label in ((OLD, self.old_header), (NEW, self.new_header)):
            label.setText(header_html(change, side, colours) if change else "")
            label.setToolTip(
                provisions_tooltip(change.old if side == OLD else change.new) if change else ""
            )
        self.inline_header.setText(header_html(change, INLINE, colours) if change else "")

    def _rerender(self) -> None:
        """Render again (new font or palette) keeping the place and the current change."""
        if self._document is not None:
            in_view, keep = self.provision_in_view(), self._in_view
            self._quiet = True  # emptied and written again: not the reader's scrolling
            try:
                self._render()
            finally:
                self._quiet = False
            if self._current >= 0 and self._whole is not None:
                self._write(until=self._whole.part_of_change(self._current))
                self._highlight()
                self._quiet = True
                try:
                    self._reveal_current()
                finally:
                    self._quiet = False
                self._in_view = keep
            elif in_view is not None:
                self.show_provision(in_view)
            return
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
        if not inline and self._level_pending:
            self._level()
        self._clear_found()
        in_view = self._in_view
        self._quiet = self._document is not None  # the same place, in the other panes
        try:
            if self._current >= 0:
                self._reveal_current()
        finally:
            self._quiet = False
        if self._current < 0 and self._whole is not None and 0 <= in_view < len(self._whole.parts):
            self._scroll_to_part(in_view)

    def is_inline(self) -> bool:
        return self._inline

    # -- change navigation

    def change_count(self) -> int:
        """Change blocks in heading, text and notes: runs of deletions and insertions."""
        if self._whole is not None:
            return self._whole.total
        if self._change is None:
            return 0
        return sum(len(change_blocks(segments)) for _, segments in sections(self._change))

    def current_change(self) -> int:
        return self._current

    def next_change(self) -> bool:
        """Go to the next change; False, staying put, after the last one. In the whole
        document with no change current, the first of the provision last gone to."""
        here = self._current if self._current >= 0 or not self._whole else self._whole_from
        if here + 1 >= self.change_count():
            return False
        self._move_to(here + 1)
        return True

    def previous_change(self) -> bool:
        """Go to the previous change; False, staying put, at the first one (or none)."""
        here = self._current if self._current >= 0 or not self._whole else self._whole_from + 1
        if here <= 0:
            return False
        self._move_to(here - 1)
        return True

    def go_to_change(self, index: int) -> None:
        """Go to change `index` (-1: the last); nothing happens when there are none."""
        count = self.change_count()
        if count:
            self._move_to(count - 1 if index < 0 else min(index, count - 1))

    def change_status(self, index: int) -> str:
        """The status bar's line for change `index`: "Change 2 of 6 in this provision",
        and where a moved passage went."""
        note = self.change_note(index)
        line = f"Change {index + 1} of {self.change_count()} in this provision"
        if self._whole is not None and self._document is not None:
            k = self._whole.part_of_change(index)
            title = provision_title(self._document[k])
            within = index - self._whole.firsts[k] + 1
            line = (
                f"Change {index + 1} of {self.change_count()} in the document: "
                f"{title}, {within} of {self._whole.counts[k]}"
            )
        return f"{line}: {note}" if note else line

    def change_note(self, index: int) -> str:
        """What a reader is told of change `index` besides its number: where a moved
        passage came from and went to ("moved from (b) to (e), further down"), or ""."""
        if self._whole is not None:
            if not 0 <= index < self._whole.total:
                return ""
            k = self._whole.part_of_change(index)
            return _change_note(self._whole.changes[k], index - self._whole.firsts[k])
        if self._change is None or index < 0:
            return ""
        return _change_note(self._change, index)

    def _move_to(self, index: int) -> None:
        in_document = self._whole is not None and self._document is not None
        if self._whole is not None:
            self._write(until=self._whole.part_of_change(index))
        self._current = index
        self._highlight()
        self._quiet = in_document
        try:
            self._reveal_current()
        finally:
            self._quiet = False
        if self._whole is not None and self._document is not None:
            k = self._whole.part_of_change(index)
            self._in_view = k
            self.provision_shown.emit(self._document[k])
        self.change_moved.emit(index, self.change_count())

    def _highlight(self) -> None:
        """Stronger tints on the current change's words and an outline around its lines."""
        colours = diff_colours(self.palette())
        for change_map in (self.side_map, self.inline_map):
            change_map.set_current(self._current, colours)
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
        self._reveal(self._current)

    def _reveal(self, index: int) -> None:
        """Bring change `index` into view: the new (or inline) pane first, then the old
        one follows by the synchronised scroll unless that leaves its part hidden."""
        if self._inline:
            self.inline_pane.reveal(self.inline_pane.span_rect(self._span(INLINE, index)))
            return
        self.new_pane.reveal(self.new_pane.span_rect(self._span(NEW, index)))
        self.sync.follow(self.new_pane)
        self.sync.enabled = False
        try:
            self.old_pane.reveal(self.old_pane.span_rect(self._span(OLD, index)))
        finally:
            self.sync.enabled = True

    def _span(self, side: str, index: int) -> tuple[int, int]:
        return self._placed[side].spans[index]

    # -- annotations

    def set_notes(self, notes: list[ShownNote]) -> None:
        """Highlight these annotations (of the provisions shown) in every pane."""
        self._notes = notes
        self._mark_notes()

    def refresh_notes(self, eids: Collection[str] | None = None) -> None:
        """Whole document: annotations changed; ask again for the highlights of every
        provision written (`notes_for`), or of those holding a provision of `eids`."""
        if self._whole is None:
            return
        changes = [part.change for part in self._whole.parts]
        if eids is not None:
            wanted = set(eids)
            changes = [c for c in changes if any(p.eid in wanted for p in (*c.old, *c.new))]
            gone = {(OLD, p.eid) for c in changes for p in c.old}
            gone |= {(NEW, p.eid) for c in changes for p in c.new}
            kept = [n for n in self._notes if (n.side, n.eid) not in gone]
        else:
            kept = []
        fresh = self.notes_for(changes) if self.notes_for and changes else []
        self._notes = kept + fresh
        self._mark_notes()

    def _map_parts(self, parts: list[Part]) -> None:
        """Whole document: the provisions just written can be annotated, and show their
        annotations."""
        writer = self._whole
        if writer is None or not parts:
            return
        for side in (OLD, NEW, INLINE):
            text_map = self._pane(side).text_map
            assert isinstance(text_map, DocumentMap)
            for part in parts:
                old, new = part.change.old, part.change.new
                text_map.add(part.starts[side], writer.runs(part, side), old, new)
        if self.notes_for is not None:
            notes = self.notes_for([part.change for part in parts])
            self._notes = self._notes + notes
            for side in (OLD, NEW, INLINE):
                self._pane(side).add_note_marks(self._note_marks(side, notes))

    def _mark_notes(self) -> None:
        for side in (OLD, NEW, INLINE):
            self._pane(side).set_note_marks(self._note_marks(side, self._notes))

    def _note_marks(self, side: str, notes: list[ShownNote]) -> list[NoteMark]:
        """The highlights of `notes` in `side`'s pane, each note's found once per text
        written (a whole document's many notes are not mapped again at every change)."""
        pane = self._pane(side)
        shown = [n for n in notes if side in (n.side, INLINE)]
        if side == INLINE:  # one highlight per note: the new side's, if it has one
            on_new = {n.annotation_id for n in shown if n.side == NEW}
            shown = [n for n in shown if n.side == NEW or n.annotation_id not in on_new]
        marks = []
        for n in shown:
            found = self._marks_of.get((side, n))
            if found is None:
                found = self._marks_of[(side, n)] = [
                    NoteMark(start, end, QColor(n.colour), n.annotation_id, n.tooltip, n.carried)
                    for start, end in pane.text_map.to_document(n.side, n.eid, n.start, n.end)
                ]
            marks += found
        return marks

    def selected_passage(self, pane: DiffPane | None = None) -> Passage | None:
        """The provision text selected in `pane`, or in the visible pane with a
        selection (the focused one first); None if no provision text is selected."""
        panes = [pane] if pane is not None else self._visible_panes()
        panes.sort(key=lambda p: not p.hasFocus())
        for candidate in panes:
            cursor = candidate.textCursor()
            if cursor.hasSelection():
                return candidate.text_map.to_text(cursor.selectionStart(), cursor.selectionEnd())
        return None

    def change_passages(self) -> tuple[Passage, Passage] | None:
        """The old and new provision text of the current change (one of them empty for
        a pure insertion or deletion); None if no change is current, or it is in a
        heading or notes rather than the text."""
        if self._current < 0 or OLD not in self._placed:
            return None
        found = []
        for side in (OLD, NEW):
            pane, (start, end) = self._pane(side), self._placed[side].spans[self._current]
            mapped = pane.text_map
            passage = mapped.to_text(start, end) if end > start else mapped.caret(side, start)
            if passage is None or passage.side != side:
                return None
            found.append(passage)
        return found[0], found[1]

    def reveal_note(self, annotation_id: int) -> bool:
        """Scroll the visible panes to an annotation's highlight and select its words;
        False if it is not highlighted here."""
        found = False
        for pane in self._visible_panes():
            marks = [m for m in pane.note_marks if m.annotation_id == annotation_id]
            if not marks:
                continue
            found = True
            cursor = QTextCursor(pane.document())
            cursor.setPosition(marks[0].start)
            cursor.setPosition(marks[-1].end, QTextCursor.MoveMode.KeepAnchor)
            pane.setTextCursor(cursor)
            pane.reveal(pane.span_rect((marks[0].start, marks[-1].end)))
        return found

    def show_key(self) -> QDialog:
        """Help > Key to the marks: every mark these panes draw, and what it means."""
        from viewer.diff_key import DiffKeyDialog

        self.key_dialog = DiffKeyDialog(self.window())
        self.key_dialog.show()
        return self.key_dialog

    def panes(self) -> tuple[DiffPane, DiffPane, DiffPane]:
        """The old, new and inline panes."""
        return self._panes()

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
        panes, newer text first, wrapping around; every other match is tinted and the
        bar says which of how many this is ("3 of 7"); False and "not found" if none."""
        self._clear_found()
        if text:
            self.finish_writing()
        found = self._search(text, backward) if text else None
        if found is None:
            self._found = None
            self.find_bar.status.setText("not found" if text else "")
            return False
        pane, cursor = found
        self._found = found
        pane.setTextCursor(cursor)
        matches = self._all_matches(text)
        current = (pane, cursor.selectionStart())
        place = next((k for k, (p, start, _) in enumerate(matches) if (p, start) == current), 0)
        self.find_bar.status.setText(f"{place + 1} of {len(matches)}")
        for shown in self._visible_panes():
            palette = shown.palette()
            strong = palette.color(QPalette.ColorRole.Highlight)
            light = QColor(strong)
            light.setAlpha(MATCH_ALPHA)
            marks = [
                self._selection(shown, start, end, light)
                for p, start, end in matches
                if p is shown and (p, start) != current
            ]
            if shown is pane:
                text_colour = palette.color(QPalette.ColorRole.HighlightedText)
                marks.append(
                    self._selection(
                        shown, cursor.selectionStart(), cursor.selectionEnd(), strong, text_colour
                    )
                )
            self._set_find_marks(shown, marks)
        pane.ensureCursorVisible()
        return True

    def _all_matches(self, text: str) -> list[tuple[DiffPane, int, int]]:
        """Every match of `text` in the visible panes, in the order `find` visits them."""
        found = []
        for pane in self._visible_panes():
            document = pane.document()
            cursor = document.find(text, 0)
            while not cursor.isNull() and cursor.hasSelection():
                found.append((pane, cursor.selectionStart(), cursor.selectionEnd()))
                cursor = document.find(text, cursor.selectionEnd())
        return found

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
        if self._whole is not None:  # levelled at every header and shared paragraph
            for a, b in self._whole.level_pairs(self._whole.parts):
                pairs.append((text_top(old_doc, a), text_top(new_doc, b)))
            pairs.append((old_doc.size().height(), new_doc.size().height()))
            return monotonic(pairs)
        old_marks = self._placed.get(OLD, Placed()).marks
        new_marks = self._placed.get(NEW, Placed()).marks
        if len(old_marks) == len(new_marks):
            for (a, a_top), (b, _) in zip(old_marks, new_marks, strict=True):
                pairs.append((_mark_y(old_doc, a, a_top), _mark_y(new_doc, b, a_top)))
        pairs.append((old_doc.size().height(), new_doc.size().height()))
        return monotonic(pairs)

    def _on_resized(self) -> None:
        """Wrapping changed: pad anew, recompute anchors and re-level the scroll, once
        both panes are resized."""
        self.sync.invalidate()
        self.inline_map.invalidate()
        if self._whole is not None:  # levelling it all takes a while: once resizing stops
            widths = tuple(pane.viewport().width() for pane in self._panes())
            if widths != self._levelled_widths:  # a height alone wraps nothing anew
                self._levelled_widths = widths
                self._forget_extents()
                self._resync_timer.start(RESIZE_PAUSE_MS)
        elif not self._resync_pending:
            self._resync_pending = True
            QTimer.singleShot(0, self._resync)

    def _resync(self) -> None:
        self._resync_pending = False
        self._level()
        if not self.relevelling.active():  # else once it is done
            self.sync.follow(self.new_pane)

    def _level(self) -> None:
        """Pad the panes so corresponding paragraphs start level (`viewer.level`);
        while they are hidden (inline), once they are shown, since it lays them out."""
        self.inline_map.invalidate()
        self._level_pending = self._inline
        if self._inline:
            return
        old_doc, new_doc = self.old_pane.document(), self.new_pane.document()
        change = self._change
        if self._whole is not None:
            self._forget_extents()
            self.relevelling.start(self._whole)  # in slices: see `viewer.relevel`
            return
        elif change is None or not (change.old and change.new) or OLD not in self._placed:
            self._leveller.clear(old_doc, new_doc)
        else:
            pairs = _block_pairs(old_doc, new_doc, self._placed[OLD], self._placed[NEW])
            self._leveller.level(old_doc, new_doc, pairs)
        self.sync.invalidate()
        self.side_map.invalidate()

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


def _change_note(change: ProvisionChange, index: int) -> str:
    """Where a moved passage of change `index` of `change` came from and went to, or ""."""
    blocks = [
        (block, segments) for _, segments in sections(change) for block in change_blocks(segments)
    ]
    if not 0 <= index < len(blocks):
        return ""
    block, segments = blocks[index]
    facts = describe_moves(segments)
    notes = dict.fromkeys(facts[s.move].summary() for s in block if s.move in facts)
    return "; ".join(notes)


def _in_view(pane: DiffPane, laid_out: bool = False) -> tuple[float, float]:
    """Which shares of the document's height (top, bottom) the pane shows."""
    height = mapped_height(pane, laid_out)
    top = pane.verticalScrollBar().value()
    return top / height, min(1.0, (top + pane.viewport().height()) / height)


def _block_pairs(
    old: QTextDocument, new: QTextDocument, old_placed: Placed, new_placed: Placed
) -> list[tuple[QTextBlock, QTextBlock]]:
    """The corresponding paragraphs of both panes: the blocks that begin at a shared
    mark on both sides, in order."""
    if len(old_placed.marks) != len(new_placed.marks):
        return []
    pairs: list[tuple[QTextBlock, QTextBlock]] = []
    add_block_pairs(pairs, old, new, zip(old_placed.marks, new_placed.marks, strict=True))
    return pairs


def _mark_y(document: QTextDocument, position: int, top: bool) -> float:
    span = line_span(document, position)
    return span[0] if top else span[1]


def _far_end(pane: DiffPane, backward: bool) -> int:
    return pane.document().characterCount() - 1 if backward else 0


def _current_back(op: str, colours: DiffColours) -> QColor:
    if op == MOVED:
        return colours.moved_current
    return colours.deleted_current if op == DELETE else colours.inserted_current
