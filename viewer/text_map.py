"""Where a provision's text lies in a diff pane, and what provision text a pane's
selection is.

Annotations are stored in the core's terms: a provision of a draft and code points of
its `text`. A pane shows something else: a heading, the word diff of one side (or both,
inline), footnotes, in Qt's UTF-16 positions. The renderer records each run of
provision text it writes (`TextRun`), and `TextMap` converts both ways, so a highlight
lands on the very characters annotated and a selection becomes exactly the characters
the reader selected.

A split or merge shows several provisions on one side, joined by line breaks as the
comparison diffs them; the map names the provision each character belongs to.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from drafts.model import NEW, OLD, Provision
from viewer.bracket_marks import qt_offsets


@dataclass(frozen=True)
class TextRun:
    """Document positions from `start` show `text`, which stands at code point `old` of
    the old side's joined text and `new` of the new side's (None: not from that side)."""

    start: int
    text: str
    old: int | None
    new: int | None

    @property
    def end(self) -> int:
        return self.start + qt_offsets(self.text)[-1]

    def offset(self, side: str) -> int | None:
        return self.old if side == OLD else self.new


@dataclass(frozen=True)
class Passage:
    """Characters start..end (code points) of the text of provision `eid` on `side`."""

    side: str
    eid: str
    start: int
    end: int


class TextMap:
    """Converts between a pane's document positions and provision text offsets."""

    def __init__(
        self, runs: Sequence[TextRun], old: Sequence[Provision], new: Sequence[Provision]
    ) -> None:
        self.runs = list(runs)
        self.provisions = {OLD: list(old), NEW: list(new)}

    def sides(self) -> list[str]:
        """The sides whose text this pane shows any of."""
        return [s for s in (OLD, NEW) if any(r.offset(s) is not None for r in self.runs)]

    # provision text -> document

    def to_document(self, side: str, eid: str, start: int, end: int) -> list[tuple[int, int]]:
        """The document ranges that show characters start..end of provision `eid` on
        `side`: several where deleted or inserted words of the other side sit between."""
        base = self._base(side, eid)
        if base is None:
            return []
        lo, hi = base + start, base + end
        ranges = []
        for run in self.runs:
            at = run.offset(side)
            if at is None or at + len(run.text) <= lo or at >= hi:
                continue
            if lo == hi:  # an empty passage: a caret, drawn as nothing
                continue
            units = qt_offsets(run.text)
            first, last = max(lo, at) - at, min(hi, at + len(run.text)) - at
            ranges.append((run.start + units[first], run.start + units[last]))
        return _merged(ranges)

    def _base(self, side: str, eid: str) -> int | None:
        offset = 0
        for p in self.provisions[side]:
            if p.eid == eid:
                return offset
            offset += len(p.text) + 1
        return None

    # document -> provision text

    def to_text(self, start: int, end: int) -> Passage | None:
        """The provision text a selection of document positions start..end covers: on
        the new side where it covers any new text (inline, where both show), else the
        old; None if it covers no provision text, or runs over two provisions."""
        for side in (NEW, OLD):
            covered = self._covered(side, start, end)
            if covered is not None:
                return self._in_provision(side, *covered)
        return None

    def caret(self, side: str, position: int) -> Passage | None:
        """The empty passage of `side` at document position `position`: where the words
        of a change that has none on that side would be (an insertion's old side)."""
        for run in self.runs:
            at = run.offset(side)
            if at is None or not run.start <= position <= run.end:
                continue
            index = bisect_right(qt_offsets(run.text), position - run.start) - 1
            return self._in_provision(side, at + index, at + index)
        return None

    def _covered(self, side: str, start: int, end: int) -> tuple[int, int] | None:
        """(first, last) joined-text offsets of `side` within start..end, or None."""
        found: list[int] = []
        for run in self.runs:
            at = run.offset(side)
            if at is None or run.end <= start or run.start >= end:
                continue
            units = qt_offsets(run.text)
            first = bisect_right(units, max(start - run.start, 0)) - 1
            last = _ceil_index(units, min(end - run.start, units[-1]))
            if last > first:
                found += [at + first, at + last]
        return (min(found), max(found)) if found else None

    def _in_provision(self, side: str, lo: int, hi: int) -> Passage | None:
        offset = 0
        for p in self.provisions[side]:
            if offset <= lo and hi <= offset + len(p.text):
                return Passage(side, p.eid, lo - offset, hi - offset)
            offset += len(p.text) + 1
        return None


class ProvisionMap(Protocol):
    """What a pane's map answers: a `TextMap` of one provision's change, or a
    `DocumentMap` of the whole document."""

    def to_document(self, side: str, eid: str, start: int, end: int) -> list[tuple[int, int]]: ...

    def to_text(self, start: int, end: int) -> Passage | None: ...

    def caret(self, side: str, position: int) -> Passage | None: ...


class DocumentMap:
    """The map of a whole-document pane: one `TextMap` per provision shown (each run's
    offsets are into its own provision's texts), added as the provisions are written,
    and found by document position or by provision."""

    def __init__(self) -> None:
        self._maps: list[TextMap] = []
        self._starts: list[int] = []
        self._of_eid: dict[str, dict[str, int]] = {OLD: {}, NEW: {}}

    def add(
        self,
        start: int,
        runs: Sequence[TextRun],
        old: Sequence[Provision],
        new: Sequence[Provision],
    ) -> None:
        """The next provision's map; `start`: where its part of the document begins."""
        k = len(self._maps)
        self._maps.append(TextMap(runs, old, new))
        self._starts.append(start)
        for side, provisions in ((OLD, old), (NEW, new)):
            for p in provisions:
                self._of_eid[side].setdefault(p.eid, k)

    def to_document(self, side: str, eid: str, start: int, end: int) -> list[tuple[int, int]]:
        k = self._of_eid[side].get(eid)
        return [] if k is None else self._maps[k].to_document(side, eid, start, end)

    def to_text(self, start: int, end: int) -> Passage | None:
        """As `TextMap.to_text`; None for a selection running over two provisions."""
        k = self._part_at(start)
        if k is None or self._part_at(max(start, end - 1)) != k:
            return None
        return self._maps[k].to_text(start, end)

    def caret(self, side: str, position: int) -> Passage | None:
        k = self._part_at(position)
        return None if k is None else self._maps[k].caret(side, position)

    def _part_at(self, position: int) -> int | None:
        k = bisect_right(self._starts, position) - 1
        return k if k >= 0 else None


def _ceil_index(units: list[int], position: int) -> int:
    """The first code point whose Qt position is at or after `position`."""
    k = bisect_right(units, position) - 1
    return k if units[k] == position else k + 1


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjacent ranges joined: one highlight over equal text running into a change."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
