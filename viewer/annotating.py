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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QMessageBox

from drafts.annotating.anchoring import FUZZY_METHOD, Anchored, Placement
from drafts.annotating.annotations import (
    Annotation,
    Content,
    Tag,
    Target,
    annotation,
    annotation_rows,
    provision_target,
    tag_uses,
    tags,
    text_target,
)
from drafts.annotating.annotations import (
    place as place_now,
)
from drafts.comparing.compare import ProvisionChange
from drafts.comparing.comparisons import Comparison
from drafts.errors import NotFoundError, TravauxError
from drafts.model import NEW, OLD, StoredDraft
from viewer.annotation_commands import Step, Steps, push
from viewer.annotation_editor import AnnotationEditor
from viewer.annotation_listing import Listing
from viewer.annotation_loading import READ_PART, ByEid, Load, Loaded, TeamWatch
from viewer.annotation_panel import AnnotationPanel
from viewer.diff_headers import side_title
from viewer.diff_pane import DiffPane
from viewer.diff_view import DiffView
from viewer.errors import show_error
from viewer.note_marks import ShownNote, tooltip_html
from viewer.snapshots import Reader, Reading
from viewer.tag_editor import TagEditor, ask_tag_name, next_colour
from viewer.workers import Background, in_steps

if TYPE_CHECKING:  # the dossier's modules load when a conflict is settled
    from viewer.conflict_dialog import ConflictDialog

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
MOST_HIGHLIGHTED = 50
"""Highlights drawn on one side of a provision: more are unreadable on top of each
other, and each costs the panes time on every paint."""


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
        self.steps = Steps(self.store, self.changed, self._failed)
        self.panel = AnnotationPanel(window)
        self.team = TeamWatch(self.store.path)
        self.items: dict[int, Annotation] = {}
        self.placed: dict[str, dict[int, Placement]] = {OLD: {}, NEW: {}}
        self.listing: Listing | None = None
        self._on_eid: dict[str, ByEid] = {OLD: {}, NEW: {}}
        self._shown_drafts: tuple[int, ...] = ()
        self._texts: dict[int, dict[str, str]] = {}
        self._shown_notes: dict[tuple[str, int], ShownNote] = {}
        """(side, id) -> the highlight of an annotation, made once (its tooltip costs)."""
        self._comparisons: dict[str, dict[int, Comparison]] = {OLD: {}, NEW: {}}
        """Side -> comparisons with the draft there, by the other draft's id, that
        notes were carried through (for the next note made in that other draft)."""
        self.tags: dict[int, Tag] = {}
        self.error_box: QMessageBox | None = None
        self.editor: AnnotationEditor | None = None
        self.tag_editor: TagEditor | None = None
        self.conflict_dialog: ConflictDialog | None = None
        self._pending_reveal: int | None = None
        self._placed_before: dict[tuple[int, str], Placement] = {}
        self.actions = self._build_actions()
        self.panel.open_requested.connect(self.go_to)
        self.panel.edit_requested.connect(self.edit)
        self.panel.delete_requested.connect(self.delete)
        self.panel.resolve_requested.connect(self.resolve)
        for pane in view.panes():
            pane.context_hook = self._context_menu
        view.notes_for = self.notes_for

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
        """Read every annotation of the negotiation again and place it in both drafts on
        screen (`notes_placed` says when they are all shown and listed). They are read a
        part at a time between events; placing those not placed before (a placement is
        kept by draft and URI: a target never changes, edits change the content, nor
        does a stored draft) and listing them run in the background."""
        self.tags = {t.id: t for t in tags(self.store)}
        self._shown_notes = {}
        drafts = self.drafts
        shown = tuple(d.id for d in (drafts or {}).values())
        if shown != self._shown_drafts:  # what was placed was placed in other drafts
            self._shown_drafts = shown
            self.placed, self._on_eid = {OLD: {}, NEW: {}}, {OLD: {}, NEW: {}}
            self._comparisons = {OLD: {}, NEW: {}}
            self._redraw()
        if drafts is None:
            self.background.cancel()
            self.items, self.listing = {}, None
            self.panel.set_notes([], list(self.tags.values()), [])
            self.notes_placed.emit()
            return
        load = Load(drafts, self.team.facts)
        self.background.run(
            load.compute,
            lambda loaded: self._loaded(load, loaded),
            self._placing_failed,
            busy="Placing the annotations…",
            reading=self._read(load),
        )

    def _read(self, load: Load) -> Reading:
        """Every annotation of the negotiation, a part a step, with what placing and
        listing them reads (GUI thread)."""
        drafts = load.drafts
        negotiation_id, after = drafts[NEW].negotiation_id, 0
        while True:
            part = annotation_rows(
                self.store, negotiation_id=negotiation_id, after=after, limit=READ_PART
            )
            load.take(part, self._placed_before)
            if len(part) < READ_PART:
                break
            after = part[-1][0]
            yield
        made_in = load.made_in | {d.id for d in drafts.values()}
        if any(load.missing.values()):
            load.snapshot, reading = self.reader.placements(list(drafts.values()), made_in=made_in)
            yield from reading
        provisions = {}
        for draft_id in made_in:
            provisions[draft_id] = {p.eid: p for p in self.reader.provisions(draft_id)}
            yield
        negotiation = self.store.drafts(negotiation_id)
        load.listing = Listing(
            drafts, provisions, {d.id: d.label for d in negotiation}, dict(self.tags)
        )
        load.negotiation = [(d.id, d.label) for d in negotiation]

    def _loaded(self, load: Load, loaded: Loaded) -> None:
        if load.snapshot is not None:
            in_steps(self, load.snapshot.write_back(self.store, self._not_cached), when_idle=True)
        self._placed_before.update(loaded.fresh)
        self.items, self.placed, self._on_eid = loaded.items, loaded.placed, loaded.on_eid
        self._shown_notes = {}
        for side, found in loaded.comparisons.items():
            self._comparisons[side].update(found)
        assert load.listing is not None
        self.listing = replace(load.listing, team=loaded.team)
        self._redraw()
        self.panel.set_notes(loaded.notes, list(self.tags.values()), load.negotiation)
        self.notes_placed.emit()
        self.reveal_pending()

    def changed(self, annotation_ids: Sequence[int]) -> None:
        """These annotations were made, edited, deleted or put back here: read, place
        and list them alone, where they stand, if nothing else is under way and each
        side shown was made in a draft on screen or placed before; else read all again."""
        drafts, listing = self.drafts, self.listing
        if not annotation_ids or drafts is None or listing is None or self.background.busy():
            self.refresh()
            return
        removed, listed = [], []
        touched = self._eids_of(annotation_ids)  # where they were highlighted
        for annotation_id in annotation_ids:
            found = self._read_one(annotation_id)
            if found is None or found.target.draft_id not in listing.labels:
                self._forget(annotation_id)
                removed.append(annotation_id)
                continue
            places = {side: self._place_at_once(found, side, d) for side, d in drafts.items()}
            if None in places.values() or found.target.draft_id not in listing.provisions:
                self.refresh()  # it must be carried through a comparison: in the background
                return
            self._forget(annotation_id)
            self._remember(found, places)  # type: ignore[arg-type]
            listed.append(listing.note(found, places[NEW], places[OLD]))
        for annotation_id in annotation_ids:
            self._shown_notes.pop((OLD, annotation_id), None)
            self._shown_notes.pop((NEW, annotation_id), None)
        self.panel.update_notes(listed, removed)
        self._redraw(touched | self._eids_of(annotation_ids))
        # The provision list recounts its notes once the highlights are drawn: two short
        # waits for the reader rather than one long one.
        QTimer.singleShot(0, self, self.notes_placed.emit)

    def _read_one(self, annotation_id: int) -> Annotation | None:
        try:
            return annotation(self.store, annotation_id)
        except NotFoundError:
            return None

    def _place_at_once(self, a: Annotation, side: str, draft: StoredDraft) -> Placement | None:
        """Where `a` goes in `draft`: placed before, made there, or carried through a
        comparison at hand; None if that needs a comparison computed or read."""
        known = self._placed_before.get((draft.id, a.uri))
        if known is not None:
            return known
        if draft.id not in self._texts:
            self._texts[draft.id] = {p.eid: p.text for p in self.reader.provisions(draft.id)}
        place = place_now(a, draft.id, self._texts[draft.id], self._comparisons[side])
        if place is not None:
            self._placed_before[(draft.id, a.uri)] = place
        return place

    def _forget(self, annotation_id: int) -> None:
        self.items.pop(annotation_id, None)
        for side in (OLD, NEW):
            place = self.placed[side].pop(annotation_id, None)
            if isinstance(place, Anchored):
                self._on_eid[side].get(place.eid, set()).discard(annotation_id)

    def _remember(self, a: Annotation, places: dict[str, Placement]) -> None:
        self.items[a.id] = a
        for side, place in places.items():
            self.placed[side][a.id] = place
            if isinstance(place, Anchored):
                self._on_eid[side].setdefault(place.eid, set()).add(a.id)

    def _not_cached(self, reason: str) -> None:
        self.window.statusBar().showMessage(reason, 8000)

    def _placing_failed(self, error: Exception) -> None:
        self.error_box = show_error(self.window, "Cannot place the annotations", error)

    def placed_on(self, side: str) -> Mapping[str, set[int]]:
        """eId -> the annotations placed on that provision of the draft on `side` (to
        read, not to change)."""
        return self._on_eid[side]

    def reveal_pending(self) -> None:
        """Once the comparison asked for by `go_to` is on screen and its notes placed,
        select the words."""
        if self._pending_reveal is None or self.background.busy():
            return
        self.view.reveal_note(self._pending_reveal)
        self.panel.select(self._pending_reveal)
        self._pending_reveal = None

    def _redraw(self, eids: set[str] | None = None) -> None:
        """Annotations were read, made or changed: highlight them anew (in the whole
        document, on the provisions `eids` only, if given)."""
        if self.view.is_whole():
            self.view.refresh_notes(eids)
        else:
            self.show_change(self.change)

    def _eids_of(self, annotation_ids: Sequence[int]) -> set[str]:
        """The provisions these annotations are placed on, on either side."""
        places = (self.placed[side].get(i) for side in (OLD, NEW) for i in annotation_ids)
        return {place.eid for place in places if isinstance(place, Anchored)}

    def show_change(self, change: ProvisionChange | None) -> None:
        """Highlight the annotations on the provisions of `change`: on each side the
        latest `MOST_HIGHLIGHTED`, when it carries more (the status bar says so; the
        dock lists them all). The whole document asks for its own (`notes_for`)."""
        self.change = change
        if self.view.is_whole():
            return
        if change is None:
            self.view.set_notes([])
            return
        shown, hidden = self._notes_of(change)
        self.view.set_notes(shown)
        if hidden > 0:
            self.window.statusBar().showMessage(
                f"This provision carries {hidden + MOST_HIGHLIGHTED:,} annotations: the latest "
                f"{MOST_HIGHLIGHTED} are highlighted, the Annotations panel lists them all",
                8000,
            )

    def notes_for(self, changes: Sequence[ProvisionChange]) -> list[ShownNote]:
        """The highlights of the annotations on these provisions (the whole document)."""
        return [note for change in changes for note in self._notes_of(change)[0]]

    def _notes_of(self, change: ProvisionChange) -> tuple[list[ShownNote], int]:
        """The highlights on the provisions of `change`, and how many more than
        `MOST_HIGHLIGHTED` on one side it carries (0 if none)."""
        shown: list[ShownNote] = []
        hidden = 0
        for side, provisions in ((OLD, change.old), (NEW, change.new)):
            placed, on_eid = self.placed[side], self._on_eid[side]
            ids = sorted(
                (i for p in provisions for i in on_eid.get(p.eid, ()) if i in self.items),
                reverse=True,
            )
            hidden = max(hidden, len(ids) - MOST_HIGHLIGHTED)
            for annotation_id in sorted(ids[:MOST_HIGHLIGHTED]):
                place = placed[annotation_id]
                if isinstance(place, Anchored):
                    note = self._shown_notes.get((side, annotation_id))
                    if note is None or note.eid != place.eid:
                        note = self._shown(annotation_id, side, place)
                        self._shown_notes[(side, annotation_id)] = note
                    shown.append(note)
        return shown, hidden

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
        author = self.listing.team.author(a.uri) if self.listing else ""
        if author:
            facts.append(f"by {author}")
        head = "; ".join(t.name for t in self._tags_of(a)) or "Annotation"
        return tooltip_html([(head, " · ".join(facts), c.note)])

    def _draft_label(self, draft_id: int) -> str:
        if self.listing is not None and draft_id in self.listing.labels:
            return self.listing.labels[draft_id]
        return self.store.draft(draft_id).label

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
        counts = tag_uses(self.store)
        return [(t, counts.get(t.id, 0)) for t in tags(self.store)]

    # a conflict in the team's dossier

    def resolve(self, annotation_id: int) -> bool:
        """Show the versions of an annotation in conflict and keep the one chosen, as a
        new version in the dossier (the others stay there); True if one was kept."""
        from drafts.dossier.notes import history_of, keep_version
        from viewer.conflict_dialog import ConflictDialog

        a, folder = self.items.get(annotation_id), self.team.folder()
        if a is None or folder is None:
            return False
        heads = history_of(folder, a.uri).heads()
        if len(heads) < 2:
            self.window.statusBar().showMessage("This annotation is no longer in conflict", 5000)
            return False
        self.conflict_dialog = ConflictDialog(self._where(a.target), heads, self.window)
        try:
            if self.conflict_dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            chosen = self.conflict_dialog.chosen
        finally:
            self.conflict_dialog.deleteLater()
            self.conflict_dialog = None
        try:
            assert chosen is not None
            keep_version(self.store, folder, a.uri, chosen)
        except TravauxError as exc:
            self._failed("Cannot keep this version", exc)
            return False
        self.team.forget()
        self.refresh()
        self.window.statusBar().showMessage(
            "Version kept; the others stay in the dossier. Sync to share your choice.", 8000
        )
        return True

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
