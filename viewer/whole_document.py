"""The whole comparison as one continuous document: every provision shown, in reading
order, each under its header, written into the old, new and inline panes.

As Draftable and Word Compare do, the reader can scroll through the whole text instead
of opening provision after provision. The panes are written by the one-provision view's
`Renderer`, provision after provision (`Renderer.append`), so colours and marks are the
same; the places it records (`Placed`) run on across provisions, so change `k` of the
document is change `k` of every pane. Qt documents are built on the GUI thread only: a
long comparison is written in slices (`DocumentWriter.write`), a few milliseconds each,
the view painting the first slice at once and the rest as the event loop lets it.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtGui import QTextBlock, QTextBlockFormat, QTextDocument

from drafts.comparing.compare import ProvisionChange
from drafts.comparing.diff import change_blocks
from drafts.model import NEW, OLD
from viewer.change_map import MapMark
from viewer.diff_pane import INLINE, Placed, Renderer, line_span, sections
from viewer.diff_style import DiffStyle
from viewer.level import add_block_pairs
from viewer.paragraph_snap import snapped
from viewer.text_map import TextRun

SIDES = (OLD, NEW, INLINE)
SLICE_SECONDS = 0.012
"""How long one slice of writing may take before the event loop gets the thread back."""

HeaderText = Callable[[ProvisionChange, str], str]
"""A provision's header for one side, as rich text (`diff_headers.header_html`)."""


def change_count(change: ProvisionChange) -> int:
    """The change blocks of one provision: heading, text and notes."""
    return sum(len(change_blocks(segments)) for _, segments in sections(change))


@dataclass
class Part:
    """One provision in the document: where its header begins in each pane, its first
    change's number in the document and how many it has, and the range of its marks
    in each pane's `Placed.marks` (the header's mark first)."""

    change: ProvisionChange
    first_change: int
    count: int
    starts: dict[str, int] = field(default_factory=dict)
    marks: dict[str, tuple[int, int]] = field(default_factory=dict)
    runs: dict[str, tuple[int, int]] = field(default_factory=dict)
    """The range of its runs of provision text in each pane's `Placed.runs`."""


class DocumentWriter:
    """Writes the provisions of a comparison into the three panes' documents, a slice
    at a time; `parts` are those written so far."""

    def __init__(
        self,
        documents: dict[str, QTextDocument],
        changes: Sequence[ProvisionChange],
        style: DiffStyle,
        header: HeaderText,
        header_format: QTextBlockFormat,
    ) -> None:
        self.changes = [snapped(change) for change in changes]
        self.counts = [change_count(change) for change in self.changes]
        self.firsts = [sum(self.counts[:k]) for k in range(len(self.counts))]
        self.total = sum(self.counts)
        self._header, self._header_format = header, header_format
        self.documents = documents
        self.renderers = {side: Renderer(documents[side], side, style) for side in SIDES}
        for document in documents.values():
            document.clear()
        self.parts: list[Part] = []

    def done(self) -> bool:
        return len(self.parts) == len(self.changes)

    def placed(self, side: str) -> Placed:
        return self.renderers[side].placed

    def write(self, seconds: float = SLICE_SECONDS, until: int = -1) -> list[Part]:
        """Write provisions until `seconds` have passed (one at least), or, with
        `until`, at least up to provision `until`; returns the parts written."""
        started = time.perf_counter()
        written: list[Part] = []
        for renderer in self.renderers.values():  # laid out once, at the end
            renderer.cursor.beginEditBlock()
        try:
            while not self.done():
                written.append(self._write_one())
                if len(self.parts) > until and time.perf_counter() - started >= seconds:
                    break
            if self.done() and written:
                self._write_end()
        finally:
            for renderer in self.renderers.values():
                renderer.cursor.endEditBlock()
        return written

    def _write_one(self) -> Part:
        k = len(self.parts)
        change = self.changes[k]
        part = Part(change, self.firsts[k], self.counts[k])
        for side, renderer in self.renderers.items():
            placed = renderer.placed
            begin, runs = len(placed.marks), len(placed.runs)
            part.starts[side] = renderer.header(self._header(change, side), self._header_format)
            renderer.append(change)
            part.marks[side] = (begin, len(placed.marks))
            part.runs[side] = (runs, len(placed.runs))
        self.parts.append(part)
        return part

    def _write_end(self) -> None:
        """An empty paragraph closing each side: kept level like a header, it pads the
        shorter document's end, so both sides end together (padding the document's
        own margin instead would lay the whole of it out again)."""
        for renderer in self.renderers.values():
            renderer.cursor.insertBlock(QTextBlockFormat())

    def runs(self, part: Part, side: str) -> list[TextRun]:
        """The runs of provision text `part` shows in `side`'s pane."""
        begin, end = part.runs[side]
        return self.placed(side).runs[begin:end]

    def part_of_change(self, index: int) -> int:
        """The provision (its place in `changes`) holding change `index` of the document."""
        return max(0, bisect_right(self.firsts, index) - 1)

    def part_at(self, side: str, position: int) -> int:
        """The provision written at document `position` of `side`'s pane; -1 if none."""
        starts = [part.starts[side] for part in self.parts]
        return bisect_right(starts, position) - 1

    def level_pairs(self, parts: Sequence[Part]) -> list[tuple[QTextBlock, QTextBlock]]:
        """The paragraphs of the old and new panes to keep level, for these parts: each
        header, and, where both sides have the provision, the paragraphs the one-
        provision view keeps level."""
        old_doc, new_doc = self.documents[OLD], self.documents[NEW]
        old_marks, new_marks = self.placed(OLD).marks, self.placed(NEW).marks
        pairs: list[tuple[QTextBlock, QTextBlock]] = []
        for part in parts:
            (a0, a1), (b0, b1) = part.marks[OLD], part.marks[NEW]
            inner = a1 - a0 == b1 - b0
            marks = zip(
                old_marks[a0 : a1 if inner else a0 + 1],
                new_marks[b0 : b1 if inner else b0 + 1],
                strict=True,
            )
            add_block_pairs(pairs, old_doc, new_doc, marks)
        if self.done() and parts and parts[-1] is self.parts[-1]:
            pairs.append((old_doc.lastBlock(), new_doc.lastBlock()))
        return pairs


Extent = tuple[int, float, float, str]
"""One piece of a change in a pane: (change number, top, bottom in pixels, kind)."""


def piece_extents(
    document: QTextDocument, pieces: Sequence[Sequence[tuple[int, int, str]]], parts: Sequence[Part]
) -> list[Extent]:
    """Where the change pieces of `parts` lie in `document`, laid out: measured once per
    slice for the change map, which on a long document could not measure them all
    whenever it is painted."""
    found = []
    for part in parts:
        for change in range(part.first_change, part.first_change + part.count):
            for start, end, kind in pieces[change]:
                if end > start:
                    top, bottom = line_span(document, start)[0], line_span(document, end - 1)[1]
                    found.append((change, top, bottom, kind))
    return found


class ChangeHeights:
    """The change maps' marks for the whole document: the heights of the change pieces
    in each pane, measured as provisions are written and kept until the layout changes
    (`forget`), so that drawing a map costs no layout."""

    def __init__(self) -> None:
        self.extents: dict[str, list[Extent]] = {side: [] for side in SIDES}
        self.measured = 0
        """How many provisions' pieces are measured."""

    def forget(self) -> None:
        self.extents = {side: [] for side in SIDES}
        self.measured = 0

    def measure(self, writer: DocumentWriter, until: int) -> None:
        """Measure the pieces of the provisions written since last measured, up to
        part `until` (those after it are not levelled yet: their heights would change)."""
        parts = writer.parts[self.measured : until]
        for side in SIDES:
            document, pieces = writer.documents[side], writer.placed(side).pieces
            self.extents[side] += piece_extents(document, pieces, parts)
        self.measured += len(parts)

    def marks(self, sides: Sequence[str], heights: Sequence[float]) -> list[MapMark]:
        """The marks of these lanes, each pane's height (`mapped_height`) given."""
        return [
            MapMark(lane, change, top / height, bottom / height, kind)
            for lane, (side, height) in enumerate(zip(sides, heights, strict=True))
            for change, top, bottom, kind in self.extents[side]
        ]
