"""A step of work in steps that needs no particular thread: a wait for the disk, say.

Work done in steps (a PDF painted a page at a time) runs where its caller takes the
steps, on a window's GUI thread. Some of it touches nothing but files: waiting for
the disk to hold a written file blocked the window for 20-40 ms. Such a step is
yielded as an `Aside`; whoever takes the steps may run it on another thread first
(`viewer.workers` runs it in its pool), and the steps then take its result with
`result()`, which runs it there and then if nobody did. So a plain loop over the
steps (`for _ in steps: pass`) still does all the work, in order, and an error
raised by the work is raised at the step that asked for it, inside the steps'
own error handling.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Aside(Generic[T]):
    """`work` (plain Python: no GUI, no database connection of another thread), to
    be run once, on whatever thread runs it first."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._ran = False
        self._value: T | None = None
        self._error: BaseException | None = None

    def run(self) -> None:
        """Do the work and keep its outcome (a value, or what it raised)."""
        if self._ran:
            return
        try:
            self._value = self._work()
        except BaseException as exc:  # handed back by `result`, on the steps' thread
            self._error = exc
        self._ran = True

    def result(self) -> T:
        """The work's value, running it now if it has not run; raises what it raised."""
        self.run()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]
