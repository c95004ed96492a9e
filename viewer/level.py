"""Keeping the two sides level: corresponding paragraphs start at the same height.

A paragraph rewritten longer on one side pushes everything after it down on that
side only, so without help the panes drift apart paragraph by paragraph. As Meld and
Beyond Compare do, the shorter side is padded: space is added above the next pair
of corresponding paragraphs on the side where it comes out higher, and below the last
paragraph of the shorter document, so both documents end level too. `paddings` is
the arithmetic; `Leveller` applies it to two documents and takes it off again before
the text is laid out anew (another width, another font).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument


def paddings(
    pairs: Sequence[tuple[float, float]], ends: tuple[float, float]
) -> tuple[list[tuple[float, float]], tuple[float, float]]:
    """For the tops of corresponding paragraphs (old y, new y), in order and unpadded,
    the space to add above each (old, new) so every pair is level; and the space to add
    at the end of each document (`ends`: their heights) so both end level."""
    shift_old = shift_new = 0.0
    added = []
    for y_old, y_new in pairs:
        gap = (y_new + shift_new) - (y_old + shift_old)
        pad = (max(gap, 0.0), max(-gap, 0.0))
        shift_old, shift_new = shift_old + pad[0], shift_new + pad[1]
        added.append(pad)
    gap = (ends[1] + shift_new) - (ends[0] + shift_old)
    return added, (max(gap, 0.0), max(-gap, 0.0))


class Leveller:
    """Pads two documents so given pairs of their paragraphs start level, and can take
    the padding off again (each padded block's own margins are remembered)."""

    def __init__(self) -> None:
        self._saved: dict[int, dict[int, tuple[float, float]]] = {}
        """Per document (by id): block number -> its own top and bottom margins."""
        self._frame_bottom: dict[int, float] = {}
        """Per document padded at its end: the root frame's own bottom margin."""

    def clear(self, *documents: QTextDocument) -> None:
        """Take the padding off."""
        self.unpad_ends(*documents)
        for document in documents:
            self._restore(document, list(self._saved.get(id(document), {})))
            self._saved.pop(id(document), None)

    def unpad_ends(self, *documents: QTextDocument) -> None:
        """Take off the padding below the documents' last blocks."""
        for document in documents:
            if id(document) in self._frame_bottom:
                _set_frame_bottom(document, self._frame_bottom.pop(id(document)))

    def _restore(self, document: QTextDocument, numbers: Sequence[int]) -> None:
        """Give these blocks (by number) back their own margins, if padded."""
        saved = self._saved.get(id(document), {})
        padded = [n for n in numbers if n in saved]
        if not padded:
            return
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        for number in padded:
            top, bottom = saved.pop(number)
            block = document.findBlockByNumber(number)
            if block.isValid():
                _set_margins(cursor, block, top, bottom)
        cursor.endEditBlock()

    def forget(self, *documents: QTextDocument) -> None:
        """The documents are being refilled: their blocks' padding goes with their text,
        and the frame's end padding, which may outlive it, is taken off."""
        for document in documents:
            self._saved.pop(id(document), None)
            if id(document) in self._frame_bottom:
                _set_frame_bottom(document, self._frame_bottom.pop(id(document)))

    def level(
        self, old: QTextDocument, new: QTextDocument, pairs: Sequence[tuple[QTextBlock, QTextBlock]]
    ) -> None:
        """Pad `old` and `new` so the first line of each pair of blocks is at the same
        height (pairs in order, each block in one pair at most)."""
        self.clear(old, new)
        tops = [(text_top(old, a), text_top(new, b)) for a, b in pairs]
        ends = (old.size().height(), new.size().height())
        added, (end_old, end_new) = paddings(tops, ends)
        self._pad(old, [a for a, _ in pairs], [p[0] for p in added], end_old)
        self._pad(new, [b for _, b in pairs], [p[1] for p in added], end_new)

    def extend(
        self, old: QTextDocument, new: QTextDocument, pairs: Sequence[tuple[QTextBlock, QTextBlock]]
    ) -> None:
        """Pad further pairs of blocks, all after those already levelled (text appended
        to both documents), keeping the padding made. The ends are not padded: a new
        frame margin lays a whole document out again, too dear for each slice of a
        long one (`viewer.whole_document`); an end padding made before is taken off."""
        self.unpad_ends(old, new)
        tops = [(text_top(old, a), text_top(new, b)) for a, b in pairs]
        added, _ = paddings(tops, (0.0, 0.0))
        self._pad(old, [a for a, _ in pairs], [p[0] for p in added], 0.0)
        self._pad(new, [b for _, b in pairs], [p[1] for p in added], 0.0)

    def relevel(
        self, old: QTextDocument, new: QTextDocument, pairs: Sequence[tuple[QTextBlock, QTextBlock]]
    ) -> None:
        """Level these pairs anew, all after those levelled anew before them (the text
        was laid out again, another width): their padding is taken off, then made again
        as by `extend`. A long document is so levelled a slice at a time; each slice
        costs the layout of its own text only."""
        self._restore(old, [a.blockNumber() for a, _ in pairs])
        self._restore(new, [b.blockNumber() for _, b in pairs])
        self.extend(old, new, pairs)

    def _pad(
        self, document: QTextDocument, blocks: list[QTextBlock], pads: list[float], end: float
    ) -> None:
        """Space `pads` above `blocks` and `end` below the last block. Qt collapses the
        margins between two blocks into the larger of them, so the space above a block
        is made the collapsed gap plus the padding; and it leaves out the last block's
        bottom margin, so the end is padded in the document's own (frame) margin."""
        numbers = [b.blockNumber() for b in blocks]
        wanted = {number: pad for number, pad in zip(numbers, pads, strict=True) if pad > 0}
        if end > 0:
            bottom = document.rootFrame().frameFormat().bottomMargin()
            self._frame_bottom[id(document)] = bottom
            _set_frame_bottom(document, bottom + end)
        saved = self._saved.setdefault(id(document), {})
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        for number, pad in wanted.items():
            block = document.findBlockByNumber(number)
            fmt = block.blockFormat()
            saved.setdefault(number, (fmt.topMargin(), fmt.bottomMargin()))
            gap = fmt.topMargin()
            if block.previous().isValid():
                gap = max(gap, block.previous().blockFormat().bottomMargin())
            _set_margins(cursor, block, gap + pad, fmt.bottomMargin())
        cursor.endEditBlock()


def add_block_pairs(
    pairs: list[tuple[QTextBlock, QTextBlock]],
    old: QTextDocument,
    new: QTextDocument,
    marks: Iterable[tuple[tuple[int, bool], tuple[int, bool]]],
) -> None:
    """Append to `pairs` the blocks that begin at each pair of corresponding marks
    (old, new: a position and whether its line's top is meant), keeping both sides'
    blocks in strictly rising order: what the panes keep level."""
    for (a, top), (b, _) in marks:
        block_a, block_b = old.findBlock(a), new.findBlock(b)
        if not top or block_a.position() != a or block_b.position() != b:
            continue
        if pairs and (
            block_a.blockNumber() <= pairs[-1][0].blockNumber()
            or block_b.blockNumber() <= pairs[-1][1].blockNumber()
        ):
            continue
        pairs.append((block_a, block_b))


def text_top(document: QTextDocument, block: QTextBlock) -> float:
    """Where a block's text begins, below its top margin (the layout is made if not)."""
    document.documentLayout().blockBoundingRect(block)
    return block.layout().position().y()


def _set_frame_bottom(document: QTextDocument, bottom: float) -> None:
    frame = document.rootFrame()
    fmt = frame.frameFormat()
    fmt.setBottomMargin(bottom)
    frame.setFrameFormat(fmt)


def _set_margins(cursor: QTextCursor, block: QTextBlock, top: float, bottom: float) -> None:
    cursor.setPosition(block.position())
    fmt = block.blockFormat()
    fmt.setTopMargin(top)
    fmt.setBottomMargin(bottom)
    cursor.setBlockFormat(fmt)
