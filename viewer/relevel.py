"""Levelling a whole document again after its text was laid out anew, a slice at a time.

A new width wraps every paragraph anew, so every padding that kept the two sides level
is wrong. Levelling a 300-provision document in one go held the window for a quarter
of a second and more (the padding taken off everywhere, then made again everywhere,
each a layout of the whole text); a thousand provisions, about a second. Here the
parts are levelled anew from the top in slices of `SLICE_SECONDS`, the event loop
running between them, each slice taking off and making again only its own padding.
The text a reader is looking at stays where it is on the screen while the padding
above it changes.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QTextBlock

from viewer.diff_pane import DiffPane
from viewer.level import Leveller
from viewer.scroll_sync import ScrollSync
from viewer.whole_document import SLICE_SECONDS, DocumentWriter

BATCH = 8
"""Provisions levelled between two looks at the clock."""


class Relevelling(QObject):
    """Levels the written parts of a `DocumentWriter` anew, slice by slice."""

    sliced = Signal(bool)
    """A slice is levelled; True when it was the last."""

    def __init__(self, leveller: Leveller, sync: ScrollSync) -> None:
        super().__init__(sync)
        self._leveller = leveller
        self._sync = sync
        self._panes = (sync.left, sync.right)
        self._writer: DocumentWriter | None = None
        self._at = 0
        self._pending = False

    def start(self, writer: DocumentWriter) -> None:
        """Level every part written so far, and those written meanwhile, anew."""
        self._writer, self._at = writer, 0
        self._leveller.unpad_ends(*(pane.document() for pane in self._panes))
        self._slice()

    def cancel(self) -> None:
        """The documents are being refilled: nothing more to level."""
        self._writer = None

    def active(self) -> bool:
        return self._writer is not None

    def levelled(self, written: int) -> int:
        """How many of the `written` parts are levelled for the present layout."""
        return min(self._at, written) if self._writer is not None else written

    def _slice(self) -> None:
        self._pending = False
        writer = self._writer
        if writer is None:
            return
        kept = [_view_top(pane) for pane in self._panes]
        old, new = (pane.document() for pane in self._panes)
        deadline = time.perf_counter() + SLICE_SECONDS
        while self._at < len(writer.parts):  # one batch at least
            batch = writer.parts[self._at : self._at + BATCH]
            self._leveller.relevel(old, new, writer.level_pairs(batch))
            self._at += len(batch)
            if time.perf_counter() >= deadline:
                break
        enabled, self._sync.enabled = self._sync.enabled, False  # each pane on its own
        try:
            for pane, (block, offset) in zip(self._panes, kept, strict=True):
                _keep_view(pane, block, offset)
        finally:
            self._sync.enabled = enabled
        self._sync.invalidate()
        finished = self._at >= len(writer.parts)
        if finished:
            self._writer = None
        elif not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self._slice)  # dropped if the panes are gone
        self.sliced.emit(finished)


def _view_top(pane: DiffPane) -> tuple[QTextBlock, float]:
    """The block at the top of the pane's view, and how far above the view it starts."""
    block = pane.cursorForPosition(QPoint(0, 0)).block()
    top = pane.document().documentLayout().blockBoundingRect(block).top()
    return block, pane.verticalScrollBar().value() - top


def _keep_view(pane: DiffPane, block: QTextBlock, offset: float) -> None:
    """Scroll so `block` is where it was in the view, whatever padding changed above."""
    if not block.isValid() or pane.verticalScrollBar().value() == 0:
        return
    top = pane.document().documentLayout().blockBoundingRect(block).top()
    pane.verticalScrollBar().setValue(round(top + offset))
