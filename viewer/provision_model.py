"""Qt models over a comparison: its provisions as a tree grouped by chapter, and a filter.

The tree's top level holds chapters (in the order the new draft first reaches them)
and the provisions that belong to no chapter, such as a preamble; under each chapter,
its provisions in the comparison's order. Chapters are those of the new draft, or of
the old one for a deleted provision.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QPainter, QPixmap

from drafts.comparing.compare import ProvisionChange, Status
from drafts.comparing.comparisons import Comparison

COLUMNS = ("Old", "New", "Change", "Words")
OLD, NEW, STATUS, WORDS = range(len(COLUMNS))

CHANGE_ROLE = Qt.ItemDataRole.UserRole + 1
"""The `ProvisionChange` behind a row (None for a chapter)."""

STATUS_MARKS = {
    Status.UNCHANGED: "=",
    Status.MODIFIED: "≠",
    Status.RENUMBERED: "#",
    Status.MOVED: "↕",
    Status.SPLIT: "⋔",
    Status.MERGED: "⋈",
    Status.ADDED: "+",
    Status.DELETED: "−",
}
"""A sign for each status, written before its name: the list never relies on colour."""

STATUS_COLOURS = {
    Status.UNCHANGED: "#999999",
    Status.MODIFIED: "#E69F00",
    Status.RENUMBERED: "#56B4E9",
    Status.MOVED: "#0072B2",
    Status.SPLIT: "#CC79A7",
    Status.MERGED: "#CC79A7",
    Status.ADDED: "#009E73",
    Status.DELETED: "#D55E00",
}
"""Okabe–Ito colours, told apart by readers with the common colour-vision deficiencies;
an extra cue beside the sign and the word, never the only one."""

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
# The roles as plain values, looked up once: the view asks for data a thousand times a
# repaint, and each `Qt.ItemDataRole.X` is a lookup through an enum class (a repaint
# of the list took 22 ms: tests/benchmarks/bench_stall.py). Its flags are Qt's own
# (enabled and selectable), with no call into Python.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ROLES = frozenset((_DISPLAY, _TOOLTIP, _DECORATION, _ALIGNMENT, int(CHANGE_ROLE)))
_PAINTED = frozenset((_DISPLAY, _DECORATION, _ALIGNMENT))
"""The roles a painted cell shows, kept per cell (`ProvisionTreeModel._painted`)."""
"""The roles `data` answers; for the others (font, colours, size...) it says None."""


def status_text(change: ProvisionChange) -> str:
    """What the list says of a change: sign and status, and a question mark when the
    pairing is uncertain."""
    mark = f"{STATUS_MARKS[change.status]} {change.status}"
    return f"{mark} ?" if change.uncertain else mark


def words_text(change: ProvisionChange) -> str:
    if not change.changed and not (change.words.added or change.words.deleted):
        return ""
    return f"+{change.words.added:,} / −{change.words.deleted:,}"


def status_icon(status: str) -> QIcon:
    scale = 3  # drawn at three times its size, so it stays sharp on high-DPI screens
    pixmap = QPixmap(12 * scale, 12 * scale)
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(STATUS_COLOURS[status]))
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


@dataclass
class _Row:
    """A top-level row: a chapter with its changes, or one change outside any chapter."""

    chapter: str | None
    changes: list[int] = field(default_factory=list)


def chapter_of(change: ProvisionChange) -> str | None:
    side = change.new or change.old
    chapter = side[0].chapter
    return chapter.label() if chapter else None


class ProvisionTreeModel(QAbstractItemModel):
    """The provisions of one comparison, grouped by chapter. Read-only.

    Index internal ids: 0 for a top-level row, k + 1 for a row under top-level row k.
    """

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self._changes: tuple[ProvisionChange, ...] = ()
        self._rows: list[_Row] = []
        self._haystacks: dict[int, str] = {}
        self._icons: dict[str, QIcon] = {}
        self._notes: dict[int, int] = {}
        self._cells: dict[tuple[int, int, int], dict[int, object]] = {}

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.beginResetModel()
        self.comparison = comparison
        self._changes = comparison.changes if comparison else ()
        self._rows = _group(self._changes)
        self._haystacks = {}
        self._notes = {}
        self._cells = {}
        self.endResetModel()

    def set_notes(self, old: Mapping[str, set[int]], new: Mapping[str, set[int]]) -> None:
        """Mark the rows that carry annotations: `old` and `new` give, per eId of each
        draft, the annotations placed on it; a row counts each annotation once. Only
        the rows whose count changed are redrawn (one, after a note is made)."""
        counts = {}
        for position, change in enumerate(self._changes):
            ids = set().union(
                *(old.get(p.eid, set()) for p in change.old),
                *(new.get(p.eid, set()) for p in change.new),
            )
            if ids:
                counts[position] = len(ids)
        changed = {
            k for k in counts.keys() | self._notes.keys() if counts.get(k) != self._notes.get(k)
        }
        self._notes = counts
        self._cells = {}
        for index in self._indexes_of(changed):
            self.dataChanged.emit(index, index)

    def _indexes_of(self, positions: set[int]) -> list[QModelIndex]:
        """The Words cells of the rows showing these changes."""
        found = []
        for r, row in enumerate(self._rows):
            if row.chapter is None:
                if row.changes[0] in positions:
                    found.append(self.createIndex(r, WORDS, 0))
                continue
            found += [
                self.createIndex(k, WORDS, r + 1)
                for k, position in enumerate(row.changes)
                if position in positions
            ]
        return found

    # Navigation helpers for the window and the filter

    def change_at(self, index: Index) -> ProvisionChange | None:
        position = self._position(index)
        return None if position is None else self._changes[position]

    def haystack(self, index: Index) -> str:
        """Everything the filter box searches, case-folded: numbers, headings, texts."""
        position = self._position(index)
        if position is None:
            return ""
        if position not in self._haystacks:
            change = self._changes[position]
            parts = [change.from_num, change.to_num]
            for p in (*change.old, *change.new):
                parts += [p.heading, p.text]
            self._haystacks[position] = "\n".join(parts).casefold()
        return self._haystacks[position]

    def text_width(self, column: int, metrics: QFontMetrics) -> int:
        """The width of the widest text of `column` over every provision, in pixels:
        measured here, once, rather than by the view asking for every row's size on
        every layout (slow through a Python model)."""
        texts = {self._cell(k, change, column) for k, change in enumerate(self._changes)}
        return max((metrics.horizontalAdvance(t) for t in texts), default=0)

    def _position(self, index: Index) -> int | None:
        if not index.isValid():
            return None
        top = index.internalId()
        if top == 0:
            row = self._rows[index.row()]
            return row.changes[0] if row.chapter is None else None
        return self._rows[top - 1].changes[index.row()]

    # QAbstractItemModel

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        # Bounds checked here, without `rowCount`: the filter asks for an index for
        # every cell the view paints (and `hasIndex` would call back into Python twice).
        if 0 <= column < len(COLUMNS) and row >= 0:
            if not parent.isValid():
                if row < len(self._rows):
                    return self.createIndex(row, column, 0)
            elif parent.internalId() == 0 and parent.column() == 0:
                top = parent.row()
                if self._rows[top].chapter is not None and row < len(self._rows[top].changes):
                    return self.createIndex(row, column, top + 1)
        return QModelIndex()

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self._rows)
        if parent.column() != 0 or parent.internalId() != 0:
            return 0
        row = self._rows[parent.row()]
        return 0 if row.chapter is None else len(row.changes)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in _ROLES or not index.isValid():  # most roles the view asks for
            return None
        change = self.change_at(index)
        if change is None:
            return self._chapter_data(index, role)
        column = index.column()
        if role == _DISPLAY:
            return self._cell(self._position(index) or 0, change, column)
        if role == CHANGE_ROLE:
            return change
        if role == _TOOLTIP:
            return _tooltip(change)
        if role == _DECORATION and column == STATUS:
            if change.status not in self._icons:
                self._icons[change.status] = status_icon(change.status)
            return self._icons[change.status]
        if role == _ALIGNMENT and column == WORDS:
            return _RIGHT
        return None

    def multiData(self, index: Index, roles: QModelRoleDataSpan) -> None:
        """`data` for each of `roles`: the view asks seven roles of every cell it paints
        in this one call (and `ProvisionFilter` hands it on), where asking through
        `data` cost the proxy a call into Python for the index and one for the data,
        role after role (a repaint of the list took 10-20 ms)."""
        painted = self._painted(index)
        for k in range(roles.size()):
            slot = roles[k]
            role = slot.role()
            slot.setData(painted.get(role) if role in _PAINTED else self.data(index, role))

    def _painted(self, index: Index) -> dict[int, object]:
        """What a cell shows (text, icon, alignment), worked out the first time it is
        painted and kept until the comparison or the notes change."""
        key = (index.internalId(), index.row(), index.column())
        found = self._cells.get(key)
        if found is None:
            found = {role: self.data(index, role) for role in _PAINTED}
            self._cells[key] = found
        return found

    def _chapter_data(self, index: Index, role: int) -> object:
        if index.column() != 0:
            return None
        label = self._rows[index.row()].chapter
        if role in (_DISPLAY, _TOOLTIP):
            return label
        return None

    @staticmethod
    def _text(change: ProvisionChange, column: int) -> str:
        if column == OLD:
            return change.from_num or "—"
        if column == NEW:  # with its heading: a constitution is not "35.", "36.", "37."
            heading = " + ".join(p.heading for p in change.new if p.heading)
            if heading == change.to_num:  # a preamble named by its heading
                heading = ""
            return " · ".join(part for part in (change.to_num, heading) if part) or "—"
        if column == STATUS:
            return status_text(change)
        return words_text(change)

    def _cell(self, position: int, change: ProvisionChange, column: int) -> str:
        """A row's text in `column`: the words changed after "✎n" when n annotations
        are on the provision (so the list shows where the notes are)."""
        text = self._text(change, column)
        notes = self._notes.get(position) if column == WORDS else None
        return f"✎{notes}  {text}".rstrip() if notes else text


def _tooltip(change: ProvisionChange) -> str:
    titles = " + ".join(p.title() for p in change.old) or "(none)"
    new_titles = " + ".join(p.title() for p in change.new) or "(none)"
    lines = [f"{titles}  →  {new_titles}", f"Status: {change.status}"]
    if change.old and change.new:
        lines.append(f"Words kept: {change.similarity:.0%} · pairing evidence {change.score:.2f}")
    if change.uncertain:
        lines.append("Uncertain pairing: the evidence is weak, check it by reading.")
    return "\n".join(lines)


def _group(changes: tuple[ProvisionChange, ...]) -> list[_Row]:
    rows: list[_Row] = []
    chapters: dict[str, _Row] = {}
    for position, change in enumerate(changes):
        chapter = chapter_of(change)
        if chapter is None:
            rows.append(_Row(None, [position]))
        elif chapter in chapters:
            chapters[chapter].changes.append(position)
        else:
            chapters[chapter] = _Row(chapter, [position])
            rows.append(chapters[chapter])
    return rows


class ProvisionFilter(QSortFilterProxyModel):
    """Shows only changed provisions, or only those matching a search, or both; a
    chapter is shown while any of its provisions is."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self._changed_only = False
        self._needle = ""

    def set_changed_only(self, on: bool) -> None:
        self._refilter(lambda: setattr(self, "_changed_only", on))

    def set_text(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_needle", text.strip().casefold()))

    def _refilter(self, change: Callable[[], None]) -> None:
        """Apply `change` to the filter's settings and filter again: Qt 6.10 wants the
        change bracketed (beginFilterChange), older versions an invalidation after."""
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def changed_only(self) -> bool:
        return self._changed_only

    def multiData(self, index: Index, roles: QModelRoleDataSpan) -> None:
        """Every role the view asks of a cell, mapped to the source once (see
        `ProvisionTreeModel.multiData`)."""
        model = self.sourceModel()
        assert isinstance(model, ProvisionTreeModel)
        model.multiData(self.mapToSource(index), roles)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, ProvisionTreeModel)
        index = model.index(source_row, 0, source_parent)
        change = model.change_at(index)
        if change is None:
            return False  # a chapter: shown through its provisions
        if self._changed_only and not change.changed:
            return False
        return not self._needle or self._needle in model.haystack(index)

    # finding rows (in this model's indexes: what the list view shows)

    def change_at(self, index: QModelIndex) -> ProvisionChange | None:
        model = self.sourceModel()
        assert isinstance(model, ProvisionTreeModel)
        return model.change_at(self.mapToSource(index))

    def rows(self) -> list[QModelIndex]:
        """The provision rows shown (column 0), top to bottom; chapters left out."""
        rows = []
        for r in range(self.rowCount()):
            top = self.index(r, 0)
            children = self.rowCount(top)
            if children:
                rows += [self.index(k, 0, top) for k in range(children)]
            elif self.change_at(top) is not None:
                rows.append(top)
        return rows

    def first_changed(self) -> QModelIndex | None:
        """The first changed provision shown, else the first provision, else None."""
        rows = self.rows()
        changed = [r for r in rows if (c := self.change_at(r)) is not None and c.changed]
        return (changed or rows or [None])[0]

    def row_showing(self, key: ProvisionKey | None) -> QModelIndex | None:
        """The row showing the same provisions as `key` (`provision_key`), either way
        round: the row to keep after a swap of the drafts or new options."""
        if key is None:
            return None
        for row in self.rows():
            change = self.change_at(row)
            if change is not None and provision_key(change) in (key, key[::-1]):
                return row
        return None

    def row_holding(self, eid: str, old_side: bool) -> QModelIndex | None:
        """The row with provision `eid` on its old (or new) side."""
        for row in self.rows():
            change = self.change_at(row)
            if change is not None and any(
                p.eid == eid for p in (change.old if old_side else change.new)
            ):
                return row
        return None

    def in_order(self, indexes: list[QModelIndex]) -> list[ProvisionChange]:
        """The provisions of `indexes` (a selection, in any order) top to bottom."""

        def place(index: QModelIndex) -> tuple[int, int]:
            parent = index.parent()
            return (parent.row(), index.row()) if parent.isValid() else (index.row(), -1)

        changes = [self.change_at(i) for i in sorted(indexes, key=place)]
        return [c for c in changes if c is not None]


ProvisionKey = tuple[tuple[str, ...], tuple[str, ...]]


def provision_key(change: ProvisionChange) -> ProvisionKey:
    """The eIds on each side of a row: what identifies it across comparisons."""
    return tuple(p.eid for p in change.old), tuple(p.eid for p in change.new)
