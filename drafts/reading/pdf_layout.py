"""From a PDF's runs of text to its lines in reading order, page furniture taken off.

The page is read as a reader's eye reads it: runs on one baseline make a row; a small
run raised above a row (a footnote call) belongs to it. What is not the draft is
found and left out, each with its reason for the import report:

- numbers in the margin that count the lines (a column of bare numbers, at one
  distance from the text, growing down the page);
- running headers and footers: a row at the top or foot of the page whose words
  (digits aside) come back at the same height on many pages, and page numbers;
- text drawn at an angle (a "DRAFT" watermark).

Footnotes are the rows under the short rule at the foot of a page, or its last rows
in a smaller type: they come out apart, to be made notes of the paragraphs that call
them. A page whose rows leave a gutter down the middle is read column by column, rows
that cross the gutter (a title over both columns) in their place.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from drafts.reading.headings import is_symbol, parse_heading
from drafts.reading.pdf_runs import RawPage, Rule, Run, is_rtl

_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?$"
    r"|^(?:page|página|pág\.|p\.|seite|стр\.?|صفحة)\s*\d{1,4}(?:\s*(?:of|de|sur|von|/|из|من)\s*\d{1,4})?$"
    r"|^\d{1,4}\s*/\s*\d{1,4}$|^[ivxlc]{1,6}$",
    re.IGNORECASE,
)
_JOB_NUMBER = re.compile(r"^[A-Z]\.\d{2}-\d{4,6}(?:\s*\([A-Z]\))?$|^\*\d{6,}\*$")
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_NOTE_START = re.compile(r"^(\d{1,3}|[*†‡]{1,3})[.)]?\s")
_BAND = 2
"""Rows at the top and at the foot of a page where headers and footers live."""


@dataclass(frozen=True)
class Piece:
    """Part of a line: its text, struck through or raised (a footnote call)."""

    text: str
    struck: bool = False
    raised: bool = False
    bold: bool = False


@dataclass
class Line:
    """One printed line: where it is, its type, its pieces in reading order."""

    page: int
    number: int
    """Its place on the page, counted in reading order from 1 (for the report)."""
    x0: float
    x1: float
    baseline: float
    size: float
    pieces: list[Piece]
    left: float = 0.0
    right: float = 0.0
    """The edges of the column the line is in: how far a line reaches tells whether
    a paragraph ends there."""
    column: int = 0

    @functools.cached_property
    def text(self) -> str:
        return _SPACES.sub(" ", "".join(p.text for p in self.pieces)).strip()

    @property
    def bold(self) -> bool:
        letters = [p for p in self.pieces if p.text.strip() and not p.raised]
        return bool(letters) and all(p.bold for p in letters)


@dataclass
class Page:
    number: int
    lines: list[Line]
    notes: list[Line]
    """The rows of its footnotes, in order."""
    columns: int = 1


@dataclass
class Layout:
    """The document's pages, what was left out and why, and the type of its body."""

    pages: list[Page]
    dropped: list[tuple[str, str]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    body_size: float = 10.0


@dataclass
class _Row:
    runs: list[Run]
    raised: list[Run] = field(default_factory=list)

    @property
    def baseline(self) -> float:
        return self.runs[0].baseline

    @property
    def size(self) -> float:
        return max(r.size for r in self.runs)

    @property
    def x0(self) -> float:
        return min(r.x0 for r in self.runs)

    @property
    def x1(self) -> float:
        return max(r.x1 for r in self.runs)

    @property
    def text(self) -> str:
        return _SPACES.sub(" ", " ".join(r.text for r in self._sorted())).strip()

    def _sorted(self) -> list[Run]:
        """Its runs in reading order: left to right, or right to left in a row of Arabic
        or Hebrew."""
        runs = self.runs + self.raised
        rtl = is_rtl(" ".join(r.text for r in runs))
        return sorted(runs, key=lambda r: -r.x1 if rtl else r.x0)


def lay_out(pages: Sequence[RawPage]) -> Layout:
    """The lines of `pages` in reading order, with furniture and footnotes apart."""
    layout = Layout([])
    body = Counter[float]()
    rows_by_page = []
    all_rows = [_rows(page.runs) for page in pages]
    places = _line_number_places(all_rows)
    numbered: list[int] = []
    angled: list[int] = []
    for page, rows in zip(pages, all_rows, strict=True):
        rows, numbers = _without_line_numbers(rows, places)
        layout.dropped.extend(("line numbers", n) for n in numbers)
        numbered.extend(page.number for _ in numbers)
        layout.dropped.extend(("text at an angle (a watermark)", t) for t in page.rotated)
        angled.extend(page.number for _ in page.rotated)
        for row in rows:
            for run in row.runs:
                body[round(run.size, 1)] += len(run.text)
        rows_by_page.append(rows)
    layout.body_size = body.most_common(1)[0][0] if body else 10.0
    for found, what in ((numbered, "line numbers in the margin"), (angled, "text at an angle")):
        if found:
            layout.notices.append(
                f"{what} left out: {len(found)} on {len(set(found))} "
                f"{'page' if len(set(found)) == 1 else 'pages'}, first on page {found[0]}"
            )
    furniture = _furniture(rows_by_page)
    _report_furniture(layout, rows_by_page, furniture)
    for page, rows in zip(pages, rows_by_page, strict=True):
        kept = [row for k, row in enumerate(rows) if (page.number, k) not in furniture]
        lines, notes, columns = _read_order(kept, page, layout.body_size)
        for n, line in enumerate(lines, 1):
            line.number = n
        layout.pages.append(Page(page.number, lines, notes, columns))
    _report_pages(layout)
    return layout


# Rows


def _rows(runs: Iterable[Run]) -> list[_Row]:
    """Runs grouped by baseline, top of the page first; small raised runs join the row
    they are raised above."""
    ordered = sorted(runs, key=lambda r: (-r.baseline, r.x0))
    rows: list[_Row] = []
    for run in ordered:
        if not run.text.strip():
            continue
        row = rows[-1] if rows else None
        if row and abs(row.baseline - run.baseline) <= 0.2 * max(row.size, run.size):
            row.runs.append(run)
        else:
            rows.append(_Row([run]))
    merged: list[_Row] = []
    for k, row in enumerate(rows):
        below = rows[k + 1] if k + 1 < len(rows) else None
        if below and _raised_over(row, below):
            below.raised.extend(row.runs)
            continue
        merged.append(row)
    for row in merged:
        row.runs.sort(key=lambda r: r.x0)
    return merged


def _raised_over(row: _Row, below: _Row) -> bool:
    """A row of small runs a little above `below`, within its extent: footnote calls."""
    lift = row.baseline - below.baseline
    return (
        row.size < 0.85 * below.size
        and 0.15 * below.size <= lift <= 0.75 * below.size
        and all(len(r.text.strip()) <= 3 for r in row.runs)
        and below.x0 - 2 * below.size <= row.x0
        and row.x1 <= below.x1 + 3 * below.size
    )


# Margin line numbers


def _line_number_candidates(rows: list[_Row]) -> dict[tuple[str, int], list[tuple[_Row, Run]]]:
    """Bare numbers apart from any text, by where they are aligned (left or right edge)."""
    candidates: dict[tuple[str, int], list[tuple[_Row, Run]]] = defaultdict(list)
    for row in rows:
        for k, run in enumerate(row.runs):
            token = run.text.strip()
            if not (token.isascii() and token.isdigit() and len(token) <= 4):  # not "²"
                continue
            after = row.runs[k + 1].x0 - run.x1 if k + 1 < len(row.runs) else None
            before = run.x0 - row.runs[k - 1].x1 if k else None
            apart = all(gap is None or gap >= 0.9 * run.size for gap in (before, after))
            if apart and (after is not None or before is not None or len(row.runs) == 1):
                candidates[("left", round(run.x0 / 3))].append((row, run))
                candidates[("right", round(run.x1 / 3))].append((row, run))
    return candidates


def _line_number_places(rows_by_page: list[list[_Row]]) -> set[tuple[str, int]]:
    """Where the document numbers its lines: a column of at least three bare numbers on
    a page, aligned at one place, growing down the page."""
    places = set()
    for rows in rows_by_page:
        for place, found in _line_number_candidates(rows).items():
            values = [int(run.text) for _, run in found]
            if len(found) >= 3 and all(b > a for a, b in itertools.pairwise(values)):
                places.add(place)
    return places


def _without_line_numbers(
    rows: list[_Row], places: set[tuple[str, int]]
) -> tuple[list[_Row], list[str]]:
    """Rows without the bare numbers that stand where the document numbers its lines
    (a short last page with one or two numbers included)."""
    taken: set[int] = set()
    for place, found in _line_number_candidates(rows).items():
        if place in places:
            taken.update(id(run) for _, run in found)
    if not taken:
        return rows, []
    numbers: list[str] = []
    kept = []
    for row in rows:
        runs = [r for r in row.runs if id(r) not in taken]
        numbers.extend(r.text.strip() for r in row.runs if id(r) in taken)
        if runs:
            kept.append(_Row(runs, row.raised))
    return kept, numbers


# Running headers, footers and page numbers


def _key(text: str) -> str:
    """Lines that differ only by their numbers ("Page 3", "Page 4") are one kind of line;
    but not headings: "Article 1" and "Article 2" at the top of two pages are the draft."""
    folded = _SPACES.sub(" ", text).strip()
    return folded if parse_heading(folded) else _DIGITS.sub("#", folded)


def _furniture(rows_by_page: list[list[_Row]]) -> set[tuple[int, int]]:
    """(page, row) of every header, footer and page number."""
    seen: dict[tuple[str, int], set[int]] = defaultdict(set)
    bands: list[tuple[int, int, _Row]] = []
    for number, rows in enumerate(rows_by_page, 1):
        indexes = sorted(
            set(range(min(_BAND, len(rows)))) | set(range(max(0, len(rows) - _BAND), len(rows)))
        )
        for k in indexes:
            row = rows[k]
            bands.append((number, k, row))
            seen[(_key(row.text), round(row.baseline / 6))].add(number)
    pages = len(rows_by_page)
    enough = max(2, round(pages * 0.4))
    found = set()
    for number, k, row in bands:
        where = round(row.baseline / 6)
        repeated = max(
            len(seen.get((_key(row.text), w), ())) for w in (where - 1, where, where + 1)
        )
        edge = k in (0, len(rows_by_page[number - 1]) - 1)
        if (pages >= 2 and repeated >= enough) or (edge and _is_furniture_shape(row.text)):
            found.add((number, k))
    return found


def _is_furniture_shape(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text) or _JOB_NUMBER.match(text) or is_symbol(text))


def _report_furniture(
    layout: Layout, rows_by_page: list[list[_Row]], furniture: set[tuple[int, int]]
) -> None:
    groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for number, k in sorted(furniture):
        text = rows_by_page[number - 1][k].text
        layout.dropped.append(("page furniture", text))
        kind = "page numbers" if _PAGE_NUMBER.match(text) else f"page furniture {_key(text)!r}"
        groups[kind].append((number, text))
    for kind, found in groups.items():
        layout.notices.append(
            f"{kind} left out: {len(found)} {'line' if len(found) == 1 else 'lines'}, "
            f"first on page {found[0][0]}"
        )


# Footnotes


def _footnotes(
    rows: list[_Row], page: RawPage, body: float, left: float, right: float
) -> tuple[list[_Row], list[_Row]]:
    """The body rows and footnote rows of a page or column (between `left` and `right`):
    those under a short rule standing alone in the lower part of the page, when they
    are in a smaller type or begin with a note's marker; or else the last rows in a
    smaller type, the first beginning with a marker."""
    if len(rows) < 2:
        return rows, []
    separators = [
        rule.y
        for rule in page.rules
        if 15 <= rule.x1 - rule.x0 <= 0.5 * page.width
        and left - 5 <= rule.x0 <= right
        and rule.y < 0.45 * page.height
        and _alone(rule, rows)
    ]
    for line in sorted(separators, reverse=True):
        below = [r for r in rows if r.baseline < line]
        above = [r for r in rows if r.baseline >= line]
        smaller = all(r.size < 0.95 * body for r in below)
        if below and above and (smaller or _starts_note(below[0])):
            return above, below
    tail: list[_Row] = []
    for row in reversed(rows):
        if row.size < 0.9 * body:
            tail.insert(0, row)
        else:
            break
    if tail and _starts_note(tail[0]):
        return rows[: len(rows) - len(tail)], tail
    return rows, []


def _alone(rule: Rule, rows: list[_Row]) -> bool:
    """A rule with no text on it, through it or just over it: not a strike or an underline."""
    return not any(
        row.baseline - 0.4 * row.size < rule.y < row.baseline + row.size
        and any(r.x0 < rule.x1 and rule.x0 < r.x1 for r in row.runs)
        for row in rows
    )


def _starts_note(row: _Row) -> bool:
    """A row that begins with a note's marker: raised, or a number or sign then a space."""
    first = min(row.runs, key=lambda r: r.x0)
    if row.raised and min(r.x0 for r in row.raised) <= first.x0:
        return True
    return bool(_NOTE_START.match(row.text))


# Columns and reading order


def _read_order(rows: list[_Row], page: RawPage, body: float) -> tuple[list[Line], list[Line], int]:
    """Body lines top to bottom, and footnote lines; on a two-column page, each run of
    rows that leaves the gutter free is read left column first, each column's rows
    made again from its own runs (so a footnote call is raised over its own line)."""
    gutter = _gutter(rows, page.width)
    if gutter is None:
        left = min((r.x0 for r in rows), default=0.0)
        right = max((r.x1 for r in rows), default=page.width)
        body_rows, note_rows = _footnotes(rows, page, body, left, right)
        return (
            [_line(r, page.number, 0, left, right) for r in body_rows],
            [_line(r, page.number, 0, left, right) for r in note_rows],
            1,
        )
    lines: list[Line] = []
    notes: list[Line] = []
    block: list[_Row] = []
    edges = _column_edges(rows, gutter)

    def flush() -> None:
        for side in (0, 1):
            runs = [
                r
                for row in block
                for r in (*row.runs, *row.raised)
                if (r.x1 <= gutter) == (side == 0)
            ]
            body_rows, note_rows = _footnotes(_rows(runs), page, body, *edges[side])
            lines.extend(_line(r, page.number, side + 1, *edges[side]) for r in body_rows)
            notes.extend(_line(r, page.number, side + 1, *edges[side]) for r in note_rows)
        block.clear()

    for row in rows:
        if any(r.x0 < gutter < r.x1 for r in row.runs):
            flush()
            lines.append(_line(row, page.number, 0, edges[0][0], edges[1][1]))
        else:
            block.append(row)
    flush()
    return lines, notes, 2


def _gutter(rows: list[_Row], width: float) -> float | None:
    """The x of an empty band down the middle of the page, if many rows lie on both
    sides of it and few cross it."""
    if len(rows) < 6:
        return None
    size = int(width) + 2
    crossing = [0] * (size + 1)  # runs covering each point, by a difference array
    for row in rows:
        for run in row.runs:
            start, end = max(0, int(run.x0) + 1), min(size, int(run.x1) + 1)
            if start < end:
                crossing[start] += 1
                crossing[end] -= 1
    covered, running = [], 0
    for change in crossing:
        running += change
        covered.append(running)
    middle = range(int(width * 0.35), int(width * 0.65) + 1)
    x = min(middle, key=lambda at: covered[at], default=None)
    if x is None or covered[x] > len(rows) * 0.1:
        return None
    left = sum(1 for row in rows if any(r.x1 <= x for r in row.runs))
    right = sum(1 for row in rows if any(r.x0 >= x for r in row.runs))
    least = max(3, len(rows) * 0.1)  # a last page's short second column counts too
    return float(x) if left >= least and right >= least else None


def _column_edges(rows: list[_Row], gutter: float) -> list[tuple[float, float]]:
    left = [r for row in rows for r in row.runs if r.x1 <= gutter]
    right = [r for row in rows for r in row.runs if r.x0 >= gutter]
    return [
        (min((r.x0 for r in left), default=0.0), max((r.x1 for r in left), default=gutter)),
        (min((r.x0 for r in right), default=gutter), max((r.x1 for r in right), default=gutter)),
    ]


def _line(row: _Row, page: int, column: int, left: float = 0.0, right: float = 0.0) -> Line:
    pieces: list[Piece] = []
    previous: Run | None = None
    for run in row._sorted():
        raised = run in row.raised
        gap = 0.0
        if previous is not None:
            gap = run.x0 - previous.x1 if run.x0 >= previous.x0 else previous.x0 - run.x1
        spaced = previous is not None and run.space_before(gap)
        if spaced and pieces and not pieces[-1].text.endswith(" ") and run.text[:1] != " ":
            pieces.append(Piece(" "))
        pieces.append(Piece(run.text, run.struck, raised, run.bold))
        previous = run
    return Line(page, 0, row.x0, row.x1, row.baseline, row.size, pieces, left, right, column)


def _report_pages(layout: Layout) -> None:
    two = [p.number for p in layout.pages if p.columns == 2]
    if two:
        layout.notices.append(
            f"{len(two)} {'page' if len(two) == 1 else 'pages'} in two columns read column by "
            f"column (first: page {two[0]})"
        )
    noted = sum(1 for p in layout.pages if p.notes)
    if noted:
        layout.notices.append(f"footnotes read at the foot of {noted} pages")
