"""The synopsis PDF's pages: its provisions flowed onto them, every line of the table
level across the columns.

A provision is a list of bands (`viewer.export_pdf`'s: documents side by side), one per
line of the table, and perhaps a document beside them all (its notes). A line starts
on the next page when one of its cells could not start on this one, and goes on from
page to page, each cell cut between its own lines of text; a provision that fits a
page does not straddle two. What each page holds is said in `Page`, for painting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtGui import QTextDocument

from viewer.export_pdf import Slice, _Band, _flow, _step

ROW_PAD = 5.0
"""Above and below a provision, inside its rules."""
LINE_GAP = 3.0
"""Between the lines (titles, paragraphs) of one provision."""
MIN_ROOM = 90.0
"""A provision does not start in less room than this (its titles would be alone)."""


@dataclass
class Provision:
    """A row of the synopsis: its lines, each a band of cells side by side, and its
    notes, beside them all."""

    lines: list[_Band]
    notes: tuple[QTextDocument, float] | None
    title: str = ""
    """The row's name, for the foot of the pages it is on."""
    absent: tuple[int, ...] = ()
    """The columns of drafts that do not have the provision (shaded)."""

    def height(self) -> float:
        text = sum(b.height() for b in self.lines) + LINE_GAP * max(len(self.lines) - 1, 0)
        notes = self.notes[0].size().height() if self.notes else 0.0
        return max(text, notes) + 2 * ROW_PAD


@dataclass
class Page:
    slices: list[Slice]
    rules: list[float]
    """Where each provision starts on this page (a rule across the table)."""
    bottom: float = 0.0
    """Where the table ends on this page."""
    titles: list[str] = field(default_factory=list)
    """The provisions on this page, a continued one first."""
    shades: list[tuple[int, float, float]] = field(default_factory=list)
    """(column, top, bottom): a provision's cell in a draft that does not have it."""


def paginate(provisions: Sequence[Provision], height: float) -> list[Page]:
    """Provisions flowed onto pages of `height`: one that fits a page starts a new page
    rather than straddle two; a long one goes on, line by line, from page to page."""
    pages: list[list[Slice]] = [[]]
    rules: dict[int, list[float]] = {}
    bottoms: dict[int, float] = {}
    titles: dict[int, list[str]] = {}
    shades: dict[int, list[tuple[int, float, float]]] = {}
    y = 0.0
    for provision in provisions:
        total = provision.height()
        room = height - y
        if y > 0 and total > room and (total <= height or room < MIN_ROOM):
            pages.append([])
            y = 0.0
        first = len(pages) - 1
        rules.setdefault(first, []).append(y)
        top = y + ROW_PAD
        y = top
        for k, band in enumerate(provision.lines):
            y = _flow_level(band, pages, y + (LINE_GAP if k else 0.0), height)
        if provision.notes is not None:
            at_end = len(pages) - 1
            last, end = _flow_beside(provision.notes, pages, first, top, height)
            if last > at_end:  # the notes go on past the text
                y = end
            elif last == at_end:
                y = max(y, end)
        y += ROW_PAD
        for k in range(first, len(pages)):
            bottoms[k] = height if k < len(pages) - 1 else y
            titles.setdefault(k, []).append(provision.title)
            start = top - ROW_PAD if k == first else 0.0
            shades.setdefault(k, []).extend((c, start, bottoms[k]) for c in provision.absent)
    return [
        Page(s, rules.get(k, []), bottoms.get(k, 0.0), titles.get(k, []), shades.get(k, []))
        for k, s in enumerate(pages)
    ]


def _flow_level(band: _Band, pages: list[list[Slice]], y: float, height: float) -> float:
    """A line of the table, every cell starting at the same height: on the next page
    when one of its cells could not start on this one."""
    if y > 0 and any(_step(doc, 0.0, height - y, at_top=False)[0] <= 0 for doc, _ in band.docs):
        pages.append([])
        y = 0.0
    return _flow(band, pages, y, height)


def _flow_beside(
    cell: tuple[QTextDocument, float], pages: list[list[Slice]], page: int, y: float, height: float
) -> tuple[int, float]:
    """Place a document from page `page` at `y`, beside what is already there, onto
    later pages as needed (made if missing); (page, y) where it ends."""
    doc, x = cell
    start = 0.0
    end = doc.size().height()
    while True:
        while len(pages) <= page:
            pages.append([])
        cut, after = _step(doc, start, height - y, at_top=y == 0)
        if cut <= start and y > 0:
            page, y = page + 1, 0.0
            continue
        pages[page].append(Slice(doc, x, start, cut, y))
        if after >= end:
            return page, y + cut - start
        start, page, y = after, page + 1, 0.0
