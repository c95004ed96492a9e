"""Annotating in the main window: the actions, the undo stack, the highlights in the
diff view and the annotations dock, kept in step with the comparison on screen.

Where each annotation goes is the core's answer (`drafts.annotating.annotations.placements`),
asked once per annotation and draft, for both drafts on screen: a note made on an
earlier draft shows on the words it followed into these ones, or in the dock as an
orphan with the reason. Placing a note in another draft than its own compares the two
drafts, so it is done in the background (`viewer.workers`), on what was read of the
store beforehand (`viewer.snapshots`); the notes placed before show at once. The store
is only read on the GUI thread, and changed through undoable steps.

It is given what it works with (the store's reader, the diff view, the window to
parent its dialogs and actions, and two ways to show a provision), not the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QMessageBox

from drafts.annotating.anchoring import FUZZY_METHOD, Anchored, Orphaned, Placement
from drafts.annotating.annotations import (
    Annotation,
    Content,
    Tag,
    Target,
    annotation,
    find_annotations,
    placements,
    provision_target,
    tags,
    text_target,
)
from drafts.comparing.compare import ProvisionChange
from drafts.comparing.comparisons import Comparison
from drafts.errors import TravauxError
from drafts.model import NEW, OLD, Provision, StoredDraft
from viewer.annotation_commands import Step, Steps, push
from viewer.annotation_editor import AnnotationEditor
from viewer.annotation_panel import AnnotationPanel, PanelNote
from viewer.diff_pane import DiffPane
from viewer.diff_view import DiffView, side_title
from viewer.errors import show_error
from viewer.note_marks import ShownNote, tooltip_html
from viewer.snapshots import Reader, StoreSnapshot
from viewer.tag_editor import TagEditor, ask_tag_name, next_colour
from viewer.workers import Background, in_steps

SHORTCUTS = {
    "annotate": QKeySequence("Ctrl+Alt+M"),
    "annotate_provision": QKeySequence("Ctrl+Alt+P"),
    "annotate_change": QKeySequence("Ctrl+Alt+C"),
    "annotations": QKeySequence("Ctrl+Shift+A"),
}
"""Ctrl+Alt+M is Word's and LibreOffice's "insert comment"."""
NOT_SELECTED = (
    "Select words of a provision's text to annotate them, or annotate the whole provision"
)
NO_CHANGE = "Go to a change in the text first (Alt+Down / Alt+Up), then annotate it"
NO_TAG_COLOUR = "#999999"


class Annotating(QObject):
    """Everything the main window does with annotations."""

    notes_placed = Signal()
    """Every annotation of the drafts on screen is placed, highlighted and listed."""

    def __init__(
        self,
        reader: Reader,
        view: DiffView,
        window: QMainWindow,
        select: Callable[[int, str], bool],
        open_provision: Callable[[int, str], None],
    ) -> None:
        """`select(draft id, eid)` selects a provision of the comparison on screen
        (False if it has none such); `open_provision(draft id, eid)` shows it in a
        comparison of its own draft."""
        super().__init__(window)
        self.window = window
        self.reader = reader
        self.store = reader.store
        self.view = view
        self._select = select
        self._open_provision = open_provision
        self.comparison: Comparison | None = None
        self.change: ProvisionChange | None = None
        self.background = Background(window, window.statusBar())
        self.stack = QUndoStack(self)
        self.steps = Steps(self.store, self.refresh, self._failed)
        self.panel = AnnotationPanel(window)
        self.items: dict[int, Annotation] = {}
        self.placed: dict[str, dict[int, Placement]] = {OLD: {}, NEW: {}}
        self.tags: dict[int, Tag] = {}
        self.error_box: QMessageBox | None = None
        self.editor: AnnotationEditor | None = None
        self.tag_editor: TagEditor | None = None
        self._pending_reveal: int | None = None
        self._placed_before: dict[tuple[int, str], Placement] = {}
        self.actions = self._build_actions()
        self.panel.open_requested.connect(self.go_to)
        self.panel.edit_requested.connect(self.edit)
        self.panel.delete_requested.connect(self.delete)
        for pane in view.panes():
            pane.context_hook = self._context_menu

    def _build_actions(self) -> dict[str, QAction]:
        undo = self.stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        made = {"undo": undo, "redo": redo}
        for name, text, slot in (
            ("annotate", "&Annotate selection…", self.annotate_selection),
            ("annotate_provision", "Annotate the whole &provision…", self.annotate_provision),
            ("annotate_change", "Annotate the current &change…", self.annotate_change),
            ("tags", "&Tags…", self.edit_tags),
        ):
            action = QAction(text, self)
            action.triggered.connect(lambda _=False, run=slot: run())  # not `checked` as pane
            made[name] = action
        toggle = self.panel.toggleViewAction()
        toggle.setText("Annotations &panel")
        made["annotations"] = toggle
        for name, action in made.items():
            action.setObjectName(name)
            if name in SHORTCUTS:
                action.setShortcut(SHORTCUTS[name])
            self.window.addAction(action)
        return made

    # keeping in step with the window

    @property
    def drafts(self) -> dict[str, StoredDraft] | None:
        comparison = self.comparison
        return {OLD: comparison.old, NEW: comparison.new} if comparison else None

    def show_comparison(self, comparison: Comparison | None) -> None:
        """The comparison on screen changed: place the annotations in its drafts."""
        self.comparison = comparison
        self.refresh()

    def refresh(self) -> None:
        """Read the annotations again and place them in both drafts on screen: at once
        if each was placed there before, else in the background (`notes_placed` says
        when they are all shown). A placement is kept by draft and URI: a target never
        changes (edits change the content), nor does a stored draft, so it stays true
        and an edit is shown at once."""
        self.tags = {t.id: t for t in tags(self.store)}
        drafts = self.drafts
        found = (
            find_annotations(self.store, negotiation_id=drafts[NEW].negotiation_id)
            if drafts
            else []
        )
        missing = {
            side: [a for a in found if (d.id, a.uri) not in self._placed_before]
            for side, d in (drafts or {}).items()
        }
        if drafts is None or not any(missing.values()):
            self.background.cancel()
            self._show_placed(found, complete=True)
            return
        self._show_placed(found, complete=False)  # those placed before, meanwhile
        unique = list({a.id: a for side in missing.values() for a in side}.values())
        snapshot, reading = self.reader.placements(list(drafts.values()), unique)
        self.background.run(
            lambda: {
                side: placements(snapshot.as_store(), drafts[side], items)
                for side, items in missing.items()
                if items
            },
            lambda fresh: self._placed_now(snapshot, drafts, missing, fresh, found),
            self._placing_failed,
            busy="Placing the annotations…",
            reading=reading,
        )

    def _placed_now(
        self,
        snapshot: StoreSnapshot,
        drafts: dict[str, StoredDraft],
        missing: dict[str, list[Annotation]],
        fresh: dict[str, dict[int, Placement]],
        found: list[Annotation],
    ) -> None:
        in_steps(self, snapshot.write_back(self.store, self._not_cached))
        for side, placed in fresh.items():
            draft_id = drafts[side].id
            self._placed_before.update({(draft_id, a.uri): placed[a.id] for a in missing[side]})
        self._show_placed(found, complete=True)
        self.reveal_pending()

    def _not_cached(self, reason: str) -> None:
        self.window.statusBar().showMessage(reason, 8000)

    def _placing_failed(self, error: Exception) -> None:
        self.error_box = show_error(self.window, "Cannot place the annotations", error)

    def _show_placed(self, found: list[Annotation], complete: bool) -> None:
        """Highlight what is placed; once every annotation is, list them too."""
        drafts = self.drafts or {}
        self.items = {a.id: a for a in found}
        self.placed = {OLD: {}, NEW: {}}
        for side, d in drafts.items():
            known = ((a.id, self._placed_before.get((d.id, a.uri))) for a in found)
            self.placed[side] = {i: place for i, place in known if place is not None}
        self.show_change(self.change)
        if complete:
            self._fill_panel()
            self.notes_placed.emit()

    def placed_on(self, side: str) -> dict[str, set[int]]:
        """eId -> the annotations placed on that provision of the draft on `side`."""
        found: dict[str, set[int]] = {}
        for annotation_id, place in self.placed[side].items():
            if isinstance(place, Anchored):
                found.setdefault(place.eid, set()).add(annotation_id)
        return found

    def reveal_pending(self) -> None:
        """Once the comparison asked for by `go_to` is on screen and its notes placed,
        select the words."""
        if self._pending_reveal is None or self.background.busy():
            return
        self.view.reveal_note(self._pending_reveal)
        self.panel.select(self._pending_reveal)
        self._pending_reveal = None

    def show_change(self, change: ProvisionChange | None) -> None:
        """Highlight the annotations on the provisions of `change`."""
        self.change = change
        if change is None:
            self.view.set_notes([])
            return
        shown = []
        for side, provisions in ((OLD, change.old), (NEW, change.new)):
            eids = {p.eid for p in provisions}
            for annotation_id, place in self.placed[side].items():
                if isinstance(place, Anchored) and place.eid in eids:
                    shown.append(self._shown(annotation_id, side, place))
        self.view.set_notes(shown)

    def _shown(self, annotation_id: int, side: str, place: Anchored) -> ShownNote:
        a = self.items[annotation_id]
        colour = self._tags_of(a)[0].colour if a.content.tag_ids else NO_TAG_COLOUR
        tip = self._tooltip(a, place)
        carried = place.carried_from is not None
        return ShownNote(
            annotation_id, side, place.eid, place.start, place.end, colour, tip, carried
        )

    def _tags_of(self, a: Annotation) -> list[Tag]:
        return [self.tags[i] for i in a.content.tag_ids if i in self.tags]

    def _tooltip(self, a: Annotation, place: Anchored) -> str:
        c = a.content
        facts = [c.status]
        if c.holder:
            facts.append(f"position of {c.holder}")
        if place.carried_from is not None:
            made = self._draft_label(place.carried_from)
            facts.append(
                f"made in {made}" + (", words edited since" * (place.method == FUZZY_METHOD))
            )
        head = "; ".join(t.name for t in self._tags_of(a)) or "Annotation"
        return tooltip_html([(head, " · ".join(facts), c.note)])

    def _draft_label(self, draft_id: int) -> str:
        drafts = self.drafts or {}
        known = {d.id: d.label for d in drafts.values()}
        if draft_id not in known:
            known[draft_id] = self.store.draft(draft_id).label
        return known[draft_id]

    # the panel

    def _fill_panel(self) -> None:
        drafts = self.drafts
        if drafts is None:
            self.panel.set_notes([], list(self.tags.values()), [])
            return
        positions = {
            side: {p.eid: p for p in self.reader.provisions(d.id)} for side, d in drafts.items()
        }
        notes = [self._panel_note(a, positions) for a in self.items.values()]
        negotiation = self.store.drafts(drafts[NEW].negotiation_id)
        self.panel.set_notes(
            notes, list(self.tags.values()), [(d.id, d.label) for d in negotiation]
        )

    def _panel_note(self, a: Annotation, provisions: dict[str, dict[str, Provision]]) -> PanelNote:
        where, order, quote, orphaned = self._listed(a, provisions)
        c = a.content
        return PanelNote(
            a.id,
            where,
            order,
            quote,
            tuple(self._tags_of(a)),
            c.status,
            c.holder,
            c.note,
            a.target.draft_id,
            self._draft_label(a.target.draft_id),
            orphaned,
            a.target.draft_id not in {d.id for d in (self.drafts or {}).values()},
        )

    def _listed(
        self, a: Annotation, provisions: dict[str, dict[str, Provision]]
    ) -> tuple[str, tuple[int, int], str, str]:
        """(provision, sort key, words covered, why orphaned) of an annotation: where
        it is placed, in the new draft first; an orphan under the provision it was
        made on, in its own draft."""
        drafts = self.drafts
        assert drafts is not None
        for rank, side in enumerate((NEW, OLD)):
            place = self.placed[side].get(a.id)
            if isinstance(place, Anchored) and place.eid in provisions[side]:
                p = provisions[side][place.eid]
                where = side_title((p,)) + ("" if side == NEW else f", in {drafts[OLD].label}")
                quote = p.text[place.start : place.end] if a.target.selector else ""
                return where, (rank, p.position), quote, ""
        place = self.placed[NEW].get(a.id)
        orphaned = place.reason if isinstance(place, Orphaned) else "not in these drafts"
        made_in = self.reader.provisions(a.target.draft_id)
        p = next((q for q in made_in if q.eid == a.target.eid), None)
        title = side_title((p,)) if p else a.target.eid
        where = f"{title}, in {self._draft_label(a.target.draft_id)}"
        quote = a.target.selector.exact if a.target.selector else ""
        return where, (2, p.position if p else 0), quote, orphaned

    # making and changing annotations

    def run(self, step: Step) -> bool:
        """Do `step` and put it on the undo stack; a refusal is shown, nothing changes."""
        try:
            push(self.stack, step)
        except TravauxError as exc:
            self._failed(f"{step.text()} failed", exc)
            return False
        return True

    def _failed(self, title: str, error: TravauxError) -> None:
        self.error_box = show_error(self.window, title, error)
        self.refresh()

    def annotate_selection(self, pane: DiffPane | None = None) -> int | None:
        """Annotate the selected words (of the focused pane, or the one with a selection)."""
        passage = self.view.selected_passage(pane)
        drafts = self.drafts
        if passage is None or drafts is None or passage.start == passage.end:
            self.window.statusBar().showMessage(NOT_SELECTED, 5000)
            return None
        try:
            target = text_target(
                self.store, drafts[passage.side].id, passage.eid, passage.start, passage.end
            )
        except TravauxError as exc:
            self._failed("Cannot annotate these words", exc)
            return None
        return self._create(target)

    def annotate_provision(self) -> int | None:
        """Annotate the whole provision shown (its new side; the old for a deletion)."""
        change, drafts = self.change, self.drafts
        if change is None or drafts is None:
            self.window.statusBar().showMessage("Select a provision to annotate", 5000)
            return None
        side, p = (NEW, change.new[0]) if change.new else (OLD, change.old[0])
        return self._create(provision_target(self.store, drafts[side].id, p.eid))

    def annotate_change(self) -> int | None:
        """Annotate the current change (Alt+Down/Up): the old words and the new ones, as
        one annotation with a side in each draft."""
        passages, drafts = self.view.change_passages(), self.drafts
        if passages is None or drafts is None:
            self.window.statusBar().showMessage(NO_CHANGE, 5000)
            return None
        old, new = passages
        try:
            target = text_target(self.store, drafts[OLD].id, old.eid, old.start, old.end)
            changed_to = text_target(self.store, drafts[NEW].id, new.eid, new.start, new.end)
        except TravauxError as exc:
            self._failed("Cannot annotate this change", exc)
            return None
        return self._create(target, changed_to)

    def _create(self, target: Target, changed_to: Target | None = None) -> int | None:
        where = self._where(changed_to or target)
        quote = _quote(target, changed_to)
        content = self.ask_content(where, quote, Content())
        if content is None:
            return None
        step = self.steps.create(target, content, changed_to)
        if not self.run(step):
            return None
        self.window.statusBar().showMessage("Annotation saved (Ctrl+Z to undo)", 4000)
        return step.made.id

    def _where(self, target: Target) -> str:
        found = next(
            (p for p in self.reader.provisions(target.draft_id) if p.eid == target.eid), None
        )
        title = side_title((found,)) if found else target.eid
        return f"{title}, {self._draft_label(target.draft_id)}"

    def ask_content(self, where: str, quote: str, content: Content) -> Content | None:
        """The reader's content for an annotation, from the editor; None if cancelled."""
        holders = sorted({a.content.holder for a in self.items.values() if a.content.holder})
        self.editor = AnnotationEditor(
            where, quote, list(self.tags.values()), content, holders, self._new_tag, self.window
        )
        try:
            accepted = self.editor.exec() == QDialog.DialogCode.Accepted
            return self.editor.content() if accepted else None
        finally:
            self.editor.deleteLater()
            self.editor = None

    def _new_tag(self) -> Tag | None:
        editor = self.editor
        name = ask_tag_name(editor, "New tag") if editor else None
        if not name:
            return None
        step = self.steps.create_tag(name, next_colour(list(self.tags.values())))
        if not self.run(step):
            return None
        return self.tags.get(step.made.id)

    def edit(self, annotation_id: int) -> bool:
        try:
            a = annotation(self.store, annotation_id)
        except TravauxError as exc:
            self._failed("Cannot edit this annotation", exc)
            return False
        where, quote = self._where(a.changed_to or a.target), _quote(a.target, a.changed_to)
        content = self.ask_content(where, quote, a.content)
        if content is None or content == a.content:
            return False
        return self.run(self.steps.edit(annotation_id, a.content, content))

    def delete(self, annotation_id: int) -> bool:
        if not self.run(self.steps.delete(annotation_id)):
            return False
        self.window.statusBar().showMessage("Annotation deleted (Ctrl+Z to undo)", 4000)
        return True

    def edit_tags(self) -> None:
        self.tag_editor = TagEditor(self.steps, self.run, self._tag_uses, self.window)
        self.tag_editor.open()

    def _tag_uses(self) -> list[tuple[Tag, int]]:
        counts: dict[int, int] = {}
        for a in find_annotations(self.store):
            for i in a.content.tag_ids:
                counts[i] = counts.get(i, 0) + 1
        return [(t, counts.get(t.id, 0)) for t in tags(self.store)]

    # finding an annotation's words

    def go_to(self, annotation_id: int) -> None:
        """Show the provision an annotation is on and select its words: in the drafts on
        screen if it has a place there, else in the draft it was made in."""
        drafts = self.drafts
        if drafts is None or annotation_id not in self.items:
            return
        for side in (NEW, OLD):
            place = self.placed[side].get(annotation_id)
            if isinstance(place, Anchored) and self._select(drafts[side].id, place.eid):
                self.view.reveal_note(annotation_id)
                return
        target = self.items[annotation_id].target
        self._pending_reveal = annotation_id
        self._open_provision(target.draft_id, target.eid)

    # the panes' context menu

    def _context_menu(self, pane: DiffPane, position: int, menu: QMenu) -> None:
        menu.addSeparator()
        selected = self.view.selected_passage(pane)
        annotate = menu.addAction("&Annotate selection…", lambda: self.annotate_selection(pane))
        annotate.setShortcut(SHORTCUTS["annotate"])
        annotate.setEnabled(selected is not None and selected.start < selected.end)
        menu.addAction("Annotate the whole &provision…", self.annotate_provision)
        change = menu.addAction("Annotate the current &change…", self.annotate_change)
        change.setShortcut(SHORTCUTS["annotate_change"])
        change.setEnabled(self.view.change_passages() is not None)
        for mark in pane.notes_at(position):
            a = self.items.get(mark.annotation_id)
            if a is None:
                continue
            name = "; ".join(t.name for t in self._tags_of(a)) or "annotation"
            menu.addSeparator()
            menu.addAction(f"&Edit note ({name})…", lambda i=a.id: self.edit(i))
            menu.addAction(f"&Delete note ({name})", lambda i=a.id: self.delete(i))


def _quote(target: Target, changed_to: Target | None) -> str:
    """What the editor shows: the words, or for a change "old words → new words"."""
    words = target.selector.exact if target.selector else ""
    if changed_to is None:
        return words
    new = changed_to.selector.exact if changed_to.selector else ""
    return f"{words or '(nothing)'} → {new or '(nothing)'}"
