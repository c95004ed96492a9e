"""Undoable annotation and tag edits: each is a QUndoCommand over a pair of core
operations that call each other back (`drafts.annotating.annotations`).

The core saves every operation at once, so there is nothing to save and an undo is
itself saved. The first run happens before the command is pushed (`push`): if the core
refuses, the reader sees why and the stack keeps no step that never happened. A later
undo or redo the core refuses (the annotation was changed meanwhile, elsewhere) is
reported and the step made obsolete, so the stack never claims a state the database is
not in.

After each run the window is told which annotations the step touched, so that it reads,
places and lists those alone (none named, for a tag: everything is read again).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand, QUndoStack

from drafts.annotating.annotations import (
    Annotation,
    Content,
    Tag,
    Target,
    create_annotation,
    create_tag,
    delete_annotation,
    delete_tag,
    recolour_tag,
    rename_tag,
    restore_annotation,
    restore_tag,
    update_annotation,
)
from drafts.errors import TravauxError
from drafts.store import Store

Changed = Callable[[Sequence[int]], None]
"""Told the annotations a step touched (none: read everything again)."""
Failed = Callable[[str, TravauxError], None]


@dataclass
class Made:
    """What a creating step made (its id, for undo) and what its undo removed (for
    redo, which restores it with the same id rather than making another)."""

    id: int = 0
    gone: Annotation | Tag | None = None


class Step(QUndoCommand):
    """One undoable step: `do` and `undo` are the core calls; after each, `changed`
    tells the window to show the new state; `failed` reports a refusal."""

    def __init__(
        self,
        text: str,
        do: Callable[[], None],
        undo: Callable[[], None],
        changed: Callable[[], None],
        failed: Failed,
    ) -> None:
        super().__init__(text)
        self._do, self._undo = do, undo
        self._changed, self._failed = changed, failed
        self._first = True
        self.made = Made()

    def redo(self) -> None:
        if self._first:  # done by `push` already
            self._first = False
        else:
            self._run(self._do, "Redo")
        self._changed()

    def undo(self) -> None:
        self._run(self._undo, "Undo")
        self._changed()

    def _run(self, work: Callable[[], None], what: str) -> None:
        try:
            work()
        except TravauxError as exc:
            self.setObsolete(True)
            self._failed(f"{what} {self.text().lower()} failed", exc)


def push(stack: QUndoStack, step: Step) -> None:
    """Do `step` now and put it on the stack; a refusal (TravauxError) propagates and
    nothing is pushed."""
    step._do()
    stack.push(step)


class Steps:
    """Makes the steps of one store, all reporting to the same window."""

    def __init__(self, store: Store, changed: Changed, failed: Failed) -> None:
        self.store = store
        self.changed = changed
        self.failed = failed

    def _step(
        self,
        text: str,
        do: Callable[[], None],
        undo: Callable[[], None],
        touched: Callable[[], Sequence[int]] = tuple,
    ) -> Step:
        return Step(text, do, undo, lambda: self.changed(touched()), self.failed)

    # annotations

    def create(self, target: Target, content: Content, changed_to: Target | None = None) -> Step:
        made = Made()

        def do() -> None:
            if isinstance(made.gone, Annotation):
                restore_annotation(self.store, made.gone)
            else:
                made.id = create_annotation(self.store, target, content, changed_to=changed_to)

        def undo() -> None:
            made.gone = delete_annotation(self.store, made.id)

        return self._made(self._step("Add annotation", do, undo, lambda: (made.id,)), made)

    def _made(self, step: Step, made: Made) -> Step:
        step.made = made
        return step

    def edit(self, annotation_id: int, old: Content, new: Content) -> Step:
        return self._step(
            "Edit annotation",
            lambda: update_annotation(self.store, annotation_id, old, new),
            lambda: update_annotation(self.store, annotation_id, new, old),
            lambda: (annotation_id,),
        )

    def delete(self, annotation_id: int) -> Step:
        state: dict[str, Annotation] = {}

        def do() -> None:
            state["gone"] = delete_annotation(self.store, annotation_id)

        return self._step(
            "Delete annotation",
            do,
            lambda: restore_annotation(self.store, state["gone"]),
            lambda: (annotation_id,),
        )

    # tags

    def create_tag(self, name: str, colour: str) -> Step:
        made = Made()

        def do() -> None:
            if isinstance(made.gone, Tag):
                restore_tag(self.store, made.gone)
            else:
                made.id = create_tag(self.store, name, colour)

        def undo() -> None:
            made.gone = delete_tag(self.store, made.id)

        return self._made(self._step(f"Add tag {name!r}", do, undo), made)

    def rename_tag(self, tag: Tag, name: str) -> Step:
        return self._step(
            f"Rename tag {tag.name!r}",
            lambda: rename_tag(self.store, tag.id, tag.name, name),
            lambda: rename_tag(self.store, tag.id, " ".join(name.split()), tag.name),
        )

    def recolour_tag(self, tag: Tag, colour: str) -> Step:
        return self._step(
            f"Recolour tag {tag.name!r}",
            lambda: recolour_tag(self.store, tag.id, tag.colour, colour),
            lambda: recolour_tag(self.store, tag.id, colour, tag.colour),
        )

    def delete_tag(self, tag: Tag) -> Step:
        return self._step(
            f"Delete tag {tag.name!r}",
            lambda: _discard(delete_tag(self.store, tag.id)),
            lambda: restore_tag(self.store, tag),
        )


def _discard(_: object) -> None:
    """The core returns what it deleted; a tag step already holds it."""
