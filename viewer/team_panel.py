"""The team dock: who wrote each annotation, filtered by author, with what arrived
with the last sync marked, and the annotations in conflict.

Authors live in the dossier, not the database (`drafts.dossier.sync.authors`): the
panel is filled by `TeamSync` after each sync, and when it is first shown. It only
lists; going to an annotation's words is asked for by a signal the window answers.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafts.annotating.annotations import find_annotations
from drafts.store import Store
from drafts.wording import plural
from viewer.annotation_panel import snippet

ID_ROLE = Qt.ItemDataRole.UserRole
EVERYONE = "Everyone"
UNKNOWN = "(not shared yet)"


@dataclass(frozen=True)
class TeamNote:
    """One annotation as the team panel lists it."""

    annotation_id: int
    author: str
    where: str
    text: str
    arrived: bool
    """It arrived (new or changed) with the last sync."""
    conflict: bool
    """Two versions of it stand in the dossier; the one shown is the latest."""


def team_notes(
    store: Store,
    authors: Mapping[str, str],
    arrived: Collection[str],
    conflicts: Collection[str],
) -> list[TeamNote]:
    """Every annotation of the database, with its author by annotation id (those not
    in the dossier yet have none), whether it arrived with the last sync, and whether
    it is in conflict."""
    labels = {d.id: d.label for d in store.drafts()}
    notes = []
    for a in find_annotations(store):
        quote = a.target.selector.exact if a.target.selector else "whole provision"
        text = f"“{snippet(quote, 40)}” {snippet(a.content.note, 60)}".strip()
        notes.append(
            TeamNote(
                a.id,
                authors.get(a.uri) or UNKNOWN,
                f"{labels.get(a.target.draft_id, '?')}, {a.target.eid}",
                text,
                a.uri in arrived,
                a.uri in conflicts,
            )
        )
    return notes


class TeamPanel(QDockWidget):
    """Annotations by author; asks the window to show one."""

    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Team", parent)
        self.setObjectName("teamPanel")
        self.notes: list[TeamNote] = []
        self.author_filter = QComboBox(self)
        self.author_filter.setObjectName("teamAuthorFilter")
        self.author_filter.setToolTip("Only annotations written by this person")
        self.arrived_only = QCheckBox("Only what arrived with the last sync", self)
        self.arrived_only.setObjectName("teamArrivedOnly")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("teamNotes")
        self.tree.setHeaderLabels(["Author", "Annotation", "Where"])
        self.tree.setRootIsDecorated(False)
        self.count = QLabel(self)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        for widget in (self.author_filter, self.arrived_only, self.tree, self.count):
            layout.addWidget(widget)
        self.setWidget(body)
        self.author_filter.currentIndexChanged.connect(lambda _: self._refill())
        self.arrived_only.toggled.connect(lambda _: self._refill())
        self.tree.itemActivated.connect(self._activated)

    def set_notes(self, notes: Sequence[TeamNote]) -> None:
        """Show these annotations; the author chosen stays chosen while there is one."""
        self.notes = list(notes)
        chosen = self.author_filter.currentText()
        self.author_filter.blockSignals(True)
        self.author_filter.clear()
        self.author_filter.addItems([EVERYONE, *sorted({n.author for n in notes})])
        self.author_filter.setCurrentIndex(max(0, self.author_filter.findText(chosen)))
        self.author_filter.blockSignals(False)
        self._refill()

    def shown(self) -> list[TeamNote]:
        author = self.author_filter.currentText()
        return [
            n
            for n in self.notes
            if author in ("", EVERYONE, n.author)
            and (n.arrived or not self.arrived_only.isChecked())
        ]

    def _refill(self) -> None:
        self.tree.clear()
        shown = self.shown()
        for note in shown:
            marks = ("new · " if note.arrived else "") + ("in conflict · " if note.conflict else "")
            item = QTreeWidgetItem(self.tree, [note.author, marks + note.text, note.where])
            item.setData(0, ID_ROLE, note.annotation_id)
            if note.arrived:
                font = QFont(item.font(1))
                font.setBold(True)
                item.setFont(1, font)
            if note.conflict:
                item.setToolTip(
                    1,
                    "Edited in two places: the latest is shown; Resolve conflict… in the "
                    "Annotations panel keeps the version you choose",
                )
        arrived = sum(1 for n in self.notes if n.arrived)
        text = plural(len(shown), "annotation")
        if len(shown) != len(self.notes):
            text += f" of {len(self.notes)}"
        self.count.setText(text + (f"; {arrived} arrived with the last sync" if arrived else ""))

    def _activated(self, item: QTreeWidgetItem) -> None:
        value = item.data(0, ID_ROLE)
        if value is not None:
            self.open_requested.emit(int(value))
