"""The annotations dock: every annotation of the negotiation, grouped by the provision
it sits on in the draft being read, filtered by tag, status, the draft it was made in
and (for a dossier shared with a team) its author, with the orphans (annotations whose
words are gone) listed under the provision they were made on and the reason they could
not be placed. What arrived with the last sync is marked, and so are the annotations
in conflict (edited in two places).

The list is a model over the notes (`NoteTree`), so a hundred thousand of them cost
only the rows on screen; with that many the provisions start folded. A note made,
edited or undone is put in, changed or taken out where it stands (`update_notes`),
never the whole list again. The panel only lists; finding the words, editing, deleting
and settling a conflict are asked for by signals, which the window answers.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from drafts.annotating.annotations import STATUSES, Tag
from drafts.wording import plural
from viewer.annotation_editor import swatch

ID_ROLE = Qt.ItemDataRole.UserRole
ANY = -1
SNIPPET = 70
"""Characters of quote and note shown on a row; the tooltip has them whole."""
UNFOLDED = 1000
"""Up to this many annotations listed, every provision is unfolded; beyond, they start
folded (each says how many it holds) and one opens where a note is chosen."""
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


@dataclass(frozen=True)
class PanelNote:
    """One annotation as the panel lists it."""

    annotation_id: int
    provision: str
    """The provision it is listed under: where it is placed in the draft being read,
    or, for an orphan, the one it was made on (with that draft's name)."""
    order: tuple[int, int]
    """Sorts the provisions: (0 placed in the new draft, 1 in the old, 2 orphans;
    position in the draft)."""
    quote: str
    tags: tuple[Tag, ...]
    status: str
    holder: str
    note: str
    draft_id: int
    draft: str
    """The draft it was made in."""
    orphaned: str = ""
    """Why it has no place in the draft being read; empty if it has one."""
    carried: bool = False
    """Made in a draft other than the two compared, and carried into them."""
    author: str = ""
    """Who wrote the version shown, from the team's dossier ("" when not shared)."""
    arrived: bool = False
    """It arrived (new or changed) with the last sync with the team."""
    conflict: bool = False
    """Two versions of it stand in the team's dossier; the latest is shown."""
    uri: str = ""


def snippet(text: str, limit: int = SNIPPET) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def note_text(note: PanelNote) -> str:
    """A note's two lines: its words, then what stands of it and the start of the note."""
    words = f"“{snippet(note.quote)}”" if note.quote else "Whole provision"
    marks = ("New · " if note.arrived else "") + ("⚠ In conflict · " if note.conflict else "")
    if note.orphaned:
        words = f"Orphaned: {words}"
    came = f"from {note.draft}" if note.carried and not note.orphaned else ""
    by = f"by {note.author}" if note.author else ""
    facts = " · ".join(part for part in (note.status, note.holder, came, by) if part)
    about = f"{facts} — {snippet(note.note)}" if note.note else facts
    return f"{marks}{words}\n{about}"


def note_tip(note: PanelNote) -> str:
    tags = "; ".join(t.name for t in note.tags) or "no tag"
    tip = f"{tags} · {note.status} · made in {note.draft}"
    if note.holder:
        tip += f" · position of {note.holder}"
    if note.author:
        tip += f"\nWritten by {note.author}"
    if note.arrived:
        tip += "\nArrived with the last sync with the team"
    if note.conflict:
        tip += "\nIn conflict: edited in two places; Resolve conflict… chooses the version to keep"
    if note.orphaned:
        tip += f"\nNo place in the drafts compared: {note.orphaned}"
    return f"{tip}\n\n{note.quote}\n\n{note.note}".strip()


@dataclass(eq=False)
class _Group:
    """A provision of the list and its notes, by annotation id."""

    title: str
    order: tuple[int, int]
    serial: int
    """Its notes' indexes point to it by this number, which a group keeps for life
    (a row changes as groups come and go)."""
    notes: list[PanelNote] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)

    @property
    def key(self) -> tuple[tuple[int, int], str]:
        return self.order, self.title


class NoteTree(QAbstractItemModel):
    """The provisions, each with its notes (those the filters let through) under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.groups: list[_Group] = []
        self._rows: dict[int, int] = {}
        self._by_serial: dict[int, _Group] = {}
        self._by_title: dict[str, _Group] = {}
        self._group_of: dict[int, _Group] = {}
        self._serial = 0
        self._icons: dict[str, QIcon] = {}
        self.counted = False
        """Whether each provision's title says how many notes it holds (when folded)."""
        self.tally: Counter[str] = Counter()
        """How many of the listed notes are orphaned, arrived, in conflict."""
        self.bold = QFont()
        self.bold.setBold(True)
        self.italic = QFont()
        self.italic.setItalic(True)

    # what is listed

    def reset(self, notes: Iterable[PanelNote]) -> None:
        """List these notes (in id order) instead of those listed."""
        self.beginResetModel()
        by_title: dict[str, _Group] = {}
        for note in notes:
            group = by_title.get(note.provision)
            if group is None:
                group = by_title[note.provision] = self._group(note)
            group.notes.append(note)
            group.ids.append(note.annotation_id)
        self.groups = sorted(by_title.values(), key=lambda g: g.key)
        self._index_groups()
        self._group_of = {i: g for g in self.groups for i in g.ids}
        self.tally = Counter()
        for group in self.groups:
            for n in group.notes:
                self._count(n, 1)
        self.endResetModel()

    def _count(self, note: PanelNote, n: int) -> None:
        if note.orphaned:
            self.tally["orphaned"] += n
        if note.arrived:
            self.tally["arrived"] += n
        if note.conflict:
            self.tally["conflict"] += n

    def notes(self) -> list[PanelNote]:
        """The notes listed, in their order."""
        return [n for g in self.groups for n in g.notes]

    def count(self) -> int:
        return len(self._group_of)

    def put(self, note: PanelNote) -> None:
        """List `note`, in place of the one with its id if there is one."""
        held = self._group_of.get(note.annotation_id)
        if held is not None and held.title == note.provision:
            row = bisect.bisect_left(held.ids, note.annotation_id)
            self._count(held.notes[row], -1)
            self._count(note, 1)
            held.notes[row] = note
            changed = self.createIndex(row, 0, held.serial)
            self.dataChanged.emit(changed, changed)
            return
        self.remove(note.annotation_id)
        group = self._by_title.get(note.provision)
        if group is None:
            group = self._group(note)
            at = bisect.bisect_left([g.key for g in self.groups], group.key)
            self.beginInsertRows(QModelIndex(), at, at)
            self.groups.insert(at, group)
            self._index_groups()
            self.endInsertRows()
        row = bisect.bisect_left(group.ids, note.annotation_id)
        parent = self.group_index(group)
        self.beginInsertRows(parent, row, row)
        group.ids.insert(row, note.annotation_id)
        group.notes.insert(row, note)
        self._group_of[note.annotation_id] = group
        self._count(note, 1)
        self.endInsertRows()
        self.dataChanged.emit(parent, parent)  # its count

    def remove(self, annotation_id: int) -> None:
        """Stop listing an annotation (and its provision, if it was the last there)."""
        group = self._group_of.pop(annotation_id, None)
        if group is None:
            return
        parent = self.group_index(group)
        self._count(group.notes[bisect.bisect_left(group.ids, annotation_id)], -1)
        if len(group.ids) == 1:
            self.beginRemoveRows(QModelIndex(), parent.row(), parent.row())
            del self.groups[parent.row()]
            self._index_groups()
            self.endRemoveRows()
            return
        row = bisect.bisect_left(group.ids, annotation_id)
        self.beginRemoveRows(parent, row, row)
        del group.ids[row]
        del group.notes[row]
        self.endRemoveRows()
        self.dataChanged.emit(parent, parent)

    def _group(self, note: PanelNote) -> _Group:
        self._serial += 1
        return _Group(note.provision, note.order, self._serial)

    def _index_groups(self) -> None:
        self._rows = {g.serial: r for r, g in enumerate(self.groups)}
        self._by_serial = {g.serial: g for g in self.groups}
        self._by_title = {g.title: g for g in self.groups}

    # finding

    def group_index(self, group: _Group) -> QModelIndex:
        return self.createIndex(self._rows[group.serial], 0, 0)

    def index_of(self, annotation_id: int) -> QModelIndex:
        group = self._group_of.get(annotation_id)
        if group is None:
            return QModelIndex()
        return self.createIndex(bisect.bisect_left(group.ids, annotation_id), 0, group.serial)

    def note_at(self, index: Index) -> PanelNote | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._by_serial[index.internalId()].notes[index.row()]

    # the model

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self.groups) else QModelIndex()
        if parent.internalId() != 0 or parent.row() >= len(self.groups):
            return QModelIndex()
        group = self.groups[parent.row()]
        return self.createIndex(row, 0, group.serial) if row < len(group.ids) else QModelIndex()

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(self._rows[index.internalId()], 0, 0)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self.groups[parent.row()].ids)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(self.groups[index.row()], role)
        note = self._by_serial[index.internalId()].notes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return note_text(note)
        if role == ID_ROLE:
            return note.annotation_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return note_tip(note)
        if role == Qt.ItemDataRole.DecorationRole and note.tags:
            return self._icon(note.tags[0].colour)
        if role == Qt.ItemDataRole.FontRole and (note.orphaned or note.arrived):
            return self.italic if note.orphaned else self.bold
        return None

    def _group_data(self, group: _Group, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{group.title} · {len(group.ids):,}" if self.counted else group.title
        if role == Qt.ItemDataRole.FontRole:
            return self.bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{group.title}: {plural(len(group.ids), 'annotation')}"
        return None

    def _icon(self, colour: str) -> QIcon:
        if colour not in self._icons:
            self._icons[colour] = swatch(colour)
        return self._icons[colour]


class AnnotationPanel(QDockWidget):
    """The list of annotations, with filters; asks the window to act on them."""

    open_requested = Signal(int)
    edit_requested = Signal(int)
    delete_requested = Signal(int)
    resolve_requested = Signal(int)
    """Choose which version of an annotation in conflict to keep."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Annotations", parent)
        self.setObjectName("annotationPanel")
        self.notes: dict[int, PanelNote] = {}
        self.authors: set[str] = set()
        body = QWidget(self)
        self.tag_filter = self._combo("annotationTagFilter")
        self.status_filter = self._combo("annotationStatusFilter")
        self.draft_filter = self._combo("annotationDraftFilter")
        self.author_filter = self._combo("annotationAuthorFilter")
        self.tag_filter.setToolTip("Only annotations carrying this tag")
        self.status_filter.setToolTip("Only annotations where the discussion stands so")
        self.draft_filter.setToolTip("Only annotations made in this draft")
        self.author_filter.setToolTip("Only annotations written by this person (shared dossier)")
        self.model = NoteTree(self)
        self.tree = QTreeView(body)
        self.tree.setObjectName("annotationTree")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(False)  # two lines a note, one a provision
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setWordWrap(False)
        self.count = QLabel(body)
        self.count.setObjectName("annotationCount")
        self.count.setWordWrap(True)
        self.edit_button = QPushButton("&Edit…", body)
        self.delete_button = QPushButton("&Delete", body)
        self.resolve_button = QPushButton("&Resolve conflict…", body)
        self.resolve_button.setObjectName("resolveConflict")
        self.resolve_button.setToolTip("Choose which of its versions to keep")
        filters = QHBoxLayout()
        for combo in (self.tag_filter, self.status_filter):
            filters.addWidget(combo, 1)
        more = QHBoxLayout()
        for combo in (self.draft_filter, self.author_filter):
            more.addWidget(combo, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.resolve_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addLayout(more)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.setWidget(body)
        self._connect()
        self._fill_filters([], [])

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        return combo

    def _connect(self) -> None:
        for combo in self._filters():
            combo.currentIndexChanged.connect(self._refill)
        self.tree.activated.connect(self._activated)
        self.tree.selectionModel().currentChanged.connect(self._enable_buttons)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.edit_button.clicked.connect(lambda: self._ask(self.edit_requested))
        self.delete_button.clicked.connect(lambda: self._ask(self.delete_requested))
        self.resolve_button.clicked.connect(lambda: self._ask(self.resolve_requested))

    def _filters(self) -> tuple[QComboBox, ...]:
        return (self.tag_filter, self.status_filter, self.draft_filter, self.author_filter)

    # filling

    def set_notes(
        self, notes: Sequence[PanelNote], tags: Sequence[Tag], drafts: Sequence[tuple[int, str]]
    ) -> None:
        """Show these annotations (in id order); the filters keep their choice where it
        still exists."""
        self.notes = {n.annotation_id: n for n in notes}
        current = self.current_id()
        self._fill_filters(tags, drafts)
        self._refill()
        if current is not None:
            self.select(current)

    def update_notes(self, changed: Iterable[PanelNote], removed: Iterable[int]) -> None:
        """Annotations made or changed, and those gone: each put in or taken out where
        it stands in the list, the rest left as it is."""
        for annotation_id in removed:
            self.notes.pop(annotation_id, None)
            self.model.remove(annotation_id)
        news = False
        for note in changed:
            self.notes[note.annotation_id] = note
            news |= bool(note.author) and note.author not in self.authors
            if self._lets_through(note):
                self.model.put(note)
            else:
                self.model.remove(note.annotation_id)
        if news:
            self._fill_authors()
        self._count()

    def _fill_filters(self, tags: Sequence[Tag], drafts: Sequence[tuple[int, str]]) -> None:
        self._fill(
            self.tag_filter, [("All tags", ANY, None)] + [(t.name, t.id, t.colour) for t in tags]
        )
        self._fill(
            self.status_filter,
            [("Any status", ANY, None)]
            + [(s.capitalize(), n, None) for n, s in enumerate(STATUSES)],
        )
        self._fill(
            self.draft_filter,
            [("Any draft", ANY, None)] + [(label, i, None) for i, label in drafts],
        )
        self._fill_authors()

    def _authors(self) -> list[str]:
        return sorted({n.author for n in self.notes.values() if n.author})

    def _fill_authors(self) -> None:
        authors = self._authors()
        self._fill(
            self.author_filter, [("All authors", ANY, None)] + [(a, a, None) for a in authors]
        )
        self.author_filter.setVisible(bool(authors))

    def _fill(self, combo: QComboBox, items: list[tuple[str, object, str | None]]) -> None:
        kept = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, value, colour in items:
            if colour:
                combo.addItem(swatch(colour), text, value)
            else:
                combo.addItem(text, value)
        combo.setCurrentIndex(max(combo.findData(kept), 0))
        combo.blockSignals(False)

    def _lets_through(self, n: PanelNote) -> bool:
        tag, status, draft, author = (c.currentData() for c in self._filters())
        return (
            (tag in (ANY, None) or any(t.id == tag for t in n.tags))
            and (status in (ANY, None) or n.status == STATUSES[status])
            and (draft in (ANY, None) or n.draft_id == draft)
            and (author in (ANY, None) or n.author == author)
        )

    def shown(self) -> list[PanelNote]:
        """The annotations the filters let through, in the order listed."""
        return self.model.notes()

    def _refill(self) -> None:
        notes = self.notes.values()
        if any(c.currentData() not in (ANY, None) for c in self._filters()):
            notes = [n for n in notes if self._lets_through(n)]
        self.model.counted = len(notes) > UNFOLDED
        self.model.reset(notes)
        if not self.model.counted:
            self.tree.expandAll()
        self._count()
        self._enable_buttons()

    def _count(self) -> None:
        shown, tally = self.model.count(), self.model.tally
        text = plural(shown, "annotation")
        if shown != len(self.notes):
            text += f" of {len(self.notes):,}"
        if tally["orphaned"]:
            text += f", {tally['orphaned']:,} orphaned"
        if tally["arrived"]:
            text += f", {tally['arrived']:,} new from the last sync"
        if tally["conflict"]:
            text += f", {plural(tally['conflict'], 'conflict')}"
        self.count.setText(text)

    # choosing

    def current_id(self) -> int | None:
        note = self.model.note_at(self.tree.currentIndex())
        return note.annotation_id if note is not None else None

    def current(self) -> PanelNote | None:
        return self.model.note_at(self.tree.currentIndex())

    def select(self, annotation_id: int) -> bool:
        found = self.model.index_of(annotation_id)
        if not found.isValid():
            return False
        self.tree.expand(found.parent())
        self.tree.setCurrentIndex(found)
        self.tree.scrollTo(found)
        return True

    def _enable_buttons(self) -> None:
        chosen = self.current()
        self.edit_button.setEnabled(chosen is not None)
        self.delete_button.setEnabled(chosen is not None)
        self.resolve_button.setVisible(chosen is not None and chosen.conflict)

    def _activated(self, index: QModelIndex) -> None:
        note = self.model.note_at(index)
        if note is not None:
            self.open_requested.emit(note.annotation_id)

    def _ask(self, signal: Signal) -> None:  # type: ignore[type-arg]
        chosen = self.current_id()
        if chosen is not None:
            signal.emit(chosen)  # type: ignore[attr-defined]

    def _menu(self, at: object) -> None:
        chosen = self.current()
        if chosen is None:
            return
        i = chosen.annotation_id
        menu = QMenu(self)
        menu.addAction("&Go to the text", lambda: self.open_requested.emit(i))
        menu.addAction("&Edit…", lambda: self.edit_requested.emit(i))
        menu.addAction("&Delete", lambda: self.delete_requested.emit(i))
        if chosen.conflict:
            menu.addAction("&Resolve conflict…", lambda: self.resolve_requested.emit(i))
        menu.exec(self.tree.viewport().mapToGlobal(at))  # type: ignore[arg-type]
