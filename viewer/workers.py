"""Work off the GUI thread: read on the GUI thread, compute in the pool, apply on the GUI thread.

One helper for everything the window does that may take longer than a frame: a
comparison, a history, a blame, placing annotations, the agreement chart, an export,
reading the files of an import. Each widget that starts such work owns a `Background`:

    snapshot, reading = reader.history(draft, options)         # viewer.snapshots
    self.background.run(
        lambda: history(snapshot.as_store(), draft, provision),  # in the pool
        self._show_history,                                      # GUI thread, typed
        self._history_failed,                                    # GUI thread
        busy="Following Article 24 through the drafts…",
        reading=reading,                                         # GUI thread, in steps
    )

`run` returns at once. From the next turn of the event loop, the `reading` is stepped
through on the GUI thread, a few milliseconds at a time with the events in between
(the store's connection belongs to that thread). Steps taken here (`in_steps`,
`run_in_steps` and a run's reading) may yield an `Aside` (`drafts.aside`): work that
needs no particular thread, such as waiting for the disk to hold an exported file;
it runs in the pool meanwhile, and the steps go on on the GUI thread once it is done.
Then, once the GUI thread has had nothing left to do for a frame, `compute` starts in
Qt's thread pool. Its result comes back to the GUI thread, where `apply` is called, or
`failed` with whatever it raised, which shows it in the error dialog (`viewer.errors`).
A computation is plain Python: nothing of Qt is made or called in the pool (see
`_Mailbox`, and the PDF in `viewer.export_dialog`).

Every run is a generation: a newer run of the same `Background` supersedes an older
one, whose reading stops and whose result or error is dropped when it arrives, so a
slow answer to an old question never overwrites the answer to the new one. While the
latest run is out, the owner shows it: the `busy` text in its status bar, and a busy
cursor.

Why wait for an idle GUI thread to start: computing Python holds the interpreter lock
most of the time, and every call Qt makes into Python (a model's `data`, a paint
handler) must take it back, waiting up to the switch interval each time. A tree view
laying out a Python model makes thousands of such calls: run alongside a comparison,
drawing a new comparison took seconds instead of tens of milliseconds
(tests/benchmarks/bench_stall.py). Started once what was asked for is drawn, the
computation no longer slows the drawing; what the reader does meanwhile still shares
the interpreter with it.
"""

from __future__ import annotations

import importlib
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import (
    QAbstractEventDispatcher,
    QCoreApplication,
    QEvent,
    QObject,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QStatusBar, QWidget

from drafts.aside import Aside

T = TypeVar("T")

FRAME_MS = 20
"""How long the GUI thread stays idle before a computation starts: a repaint asked for
is drawn within a frame."""
IDLE_WAIT_MS = 250
"""The longest a computation waits for the GUI thread to be idle."""
STEPS_SLICE = 0.008
"""Seconds of steps on the GUI thread (reading, say) before letting the events in (a
frame is 16 ms)."""


@dataclass(frozen=True)
class Done(Generic[T]):
    value: T


@dataclass(frozen=True)
class Failed:
    error: Exception


Outcome = Done[T] | Failed


_ARRIVED = QEvent.Type(QEvent.registerEventType())


class _Mailbox(QObject):
    """The GUI thread's end of the pool: a worker leaves a callable here, to be called
    on the GUI thread.

    A worker makes no Qt call but `postEvent`: PySide holds the interpreter lock through
    every Qt call, and some take Qt's connection locks (emitting a queued signal, making
    a QTextDocument), which the GUI thread may hold while it waits for the interpreter
    lock (destroying an object with connections): both threads then wait for ever
    (seen, with a PDF painted in the pool). Posting an event takes only the lock of the
    GUI thread's event queue, which is never held while calling into Python."""

    def __init__(self) -> None:
        super().__init__()
        self._letters: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()

    def send(self, letter: Callable[[], None]) -> None:
        """From any thread: call `letter` on the GUI thread, soon."""
        self._letters.put(letter)
        QCoreApplication.postEvent(self, QEvent(_ARRIVED))

    def event(self, event: QEvent) -> bool:
        if event.type() != _ARRIVED:
            return super().event(event)
        while True:
            try:
                letter = self._letters.get_nowait()
            except queue.Empty:
                return True
            letter()


_mailbox: _Mailbox | None = None


def _mail() -> _Mailbox:
    """The mailbox, made on first use (on the GUI thread: by `Background` or `Progress`)."""
    global _mailbox
    if _mailbox is None:
        _mailbox = _Mailbox()
    return _mailbox


class _Job(Generic[T]):
    """One computation for the pool, which runs `run` (and owns the runnable Qt wraps
    around it); its outcome is kept here, and it lands back on the GUI thread."""

    def __init__(self, compute: Callable[[], T], land: Callable[[_Job[T]], None]) -> None:
        self.compute = compute
        self.outcome: Outcome[T] = Failed(RuntimeError("the computation did not run"))
        self._land = land
        self._mailbox = _mail()

    def run(self) -> None:
        try:
            self.outcome = Done(self.compute())
        except Exception as exc:  # any failure must reach the user, as a dialog
            self.outcome = Failed(exc)
        self._mailbox.send(lambda: self._land(self))


_in_flight: set[_Job[Any]] = set()
"""Jobs started (waiting for an idle moment, or in the pool) and not yet landed back
on the GUI thread, kept alive until then."""


class Background(QObject):
    """The background work of one owner (a window, a dock, a dialog): one request at a
    time, the latest; see the module's docstring."""

    settled = Signal()
    """The latest run ended: applied, or its error handed to `failed`."""

    def __init__(self, owner: QWidget, status: QStatusBar | None = None) -> None:
        super().__init__(owner)
        self.owner = owner
        self.status = status
        self.generation = 0
        self._busy = ""
        self._running = False

    def run(
        self,
        compute: Callable[[], T],
        apply: Callable[[T], None],
        failed: Callable[[Exception], None],
        busy: str = "",
        reading: Iterable[object] = (),
        *,
        when_idle: bool = False,
    ) -> int:
        """Step through `reading` on the GUI thread, then run `compute` in the pool;
        return at once (the run's generation). When it ends, and no later run was
        started meanwhile, `apply(result)` or `failed(error)` is called on the GUI
        thread (an error while reading goes to `failed` too). With `when_idle`, the
        reading too waits for the GUI thread to be idle: for a result that comes
        second to what is being drawn (a search hit's life, under the results of a
        search dock that has just opened)."""
        self.generation += 1
        generation = self.generation
        self._show(busy)

        def current() -> bool:
            return shiboken6.isValid(self) and generation == self.generation

        def land(outcome: Outcome[T]) -> None:
            if not current():
                return  # superseded, or the owner is gone: the result is dropped
            self._stop_showing()
            try:
                if isinstance(outcome, Done):
                    apply(outcome.value)
                else:
                    failed(outcome.error)
            finally:
                if shiboken6.isValid(self):
                    self.settled.emit()

        def landed(job: _Job[T]) -> None:
            _in_flight.discard(job)
            land(job.outcome)

        def start() -> None:
            job = _Job(compute, landed)
            _in_flight.add(job)

            def when_idle() -> None:
                if current():
                    _start_in_pool(job)
                else:
                    _in_flight.discard(job)  # superseded before it started

            _when_idle(when_idle)

        def read() -> None:
            _later(self, iter(reading), current, start, lambda exc: land(Failed(exc)))

        if when_idle:
            _when_idle(_counted(self, read))
        else:
            # From the next turn of the event loop: what asked for it (a window being
            # made, say) is drawn first, with nothing read yet.
            read()
        return generation

    def cancel(self) -> None:
        """Drop whatever is out: its result will not be applied."""
        self.generation += 1
        self._stop_showing()

    def busy(self) -> bool:
        """Whether the latest run is still out."""
        return self._running

    def _show(self, busy: str) -> None:
        if not self._running:
            self.owner.setCursor(Qt.CursorShape.BusyCursor)
        self._running = True
        if self.status is not None and busy:
            self.status.showMessage(busy)
        self._busy = busy

    def _stop_showing(self) -> None:
        if self._running:
            self.owner.unsetCursor()
        self._running = False
        if self.status is not None and self._busy and self.status.currentMessage() == self._busy:
            self.status.clearMessage()
        self._busy = ""


class Progress(QObject):
    """How far a long computation has got, and the reader's wish to stop it: made on the
    GUI thread, handed to the computation as plain callables (`report`, `cancelled`)."""

    reported = Signal(int, int)
    """(done, total), emitted on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._mailbox = _mail()

    def report(self, done: int, total: int) -> None:
        """From the computation's thread: `reported` follows on the GUI thread."""
        self._mailbox.send(lambda: self._reported(done, total))

    def _reported(self, done: int, total: int) -> None:
        if shiboken6.isValid(self):
            self.reported.emit(done, total)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()


def in_steps(
    owner: QObject,
    steps: Iterable[object],
    done: Callable[[], None] | None = None,
    *,
    when_idle: bool = False,
) -> None:
    """Take `steps` on the GUI thread, a slice of time at a time with the waiting events
    in between (drawing a history's columns, say), then `done`. The first slice too
    waits for the next turn of the event loop: work started by an event (a result
    applied, a window opened) does not lengthen it. With `when_idle`, it waits longer,
    until the GUI thread has been idle a frame (as a computation does): for work
    nobody waits to see, such as writing the comparisons cache, which took 10-15 ms
    a step just when a new window was drawn. Stops if `owner` is deleted meanwhile; a
    step that raises raises, as any slot would."""
    if not when_idle:
        _later(owner, iter(steps), lambda: True, done or (lambda: None), _raise)
        return
    token = object()
    _idle_steps[token] = owner

    def finish() -> None:
        _idle_steps.pop(token, None)
        if done is not None:
            done()

    def fail(error: Exception) -> None:
        _idle_steps.pop(token, None)
        raise error

    _when_idle(lambda: _later(owner, iter(steps), lambda: True, finish, fail))


_idle_steps: dict[object, QObject] = {}
"""Steps for when the GUI thread is idle, waiting or under way, with their owners:
counted by `in_flight` until they end or their owner is gone."""


def _counted(owner: QObject, then: Callable[[], None]) -> Callable[[], None]:
    """`then`, counted by `in_flight` until it is called (or `owner` is gone)."""
    token = object()
    _idle_steps[token] = owner

    def call() -> None:
        _idle_steps.pop(token, None)
        then()

    return call


def run_in_steps(
    owner: QObject,
    steps: Iterable[object],
    done: Callable[[], None],
    failed: Callable[[Exception], None],
) -> None:
    """`in_steps` for work that may fail as the user's doing (a full disk): `failed`
    then gets the error, on the GUI thread, instead of it escaping a timer."""
    _later(owner, iter(steps), lambda: True, done, failed)


def _later(
    owner: QObject,
    steps: Iterator[object],
    current: Callable[[], bool],
    then: Callable[[], None],
    failed: Callable[[Exception], None],
) -> None:
    """`_step` from the next turn of the event loop (unless `owner` is gone: it was
    deleted while a step ran aside, say)."""
    if shiboken6.isValid(owner):
        QTimer.singleShot(0, owner, lambda: _step(owner, steps, current, then, failed))


def _step(
    owner: QObject,
    steps: Iterator[object],
    current: Callable[[], bool],
    then: Callable[[], None],
    failed: Callable[[Exception], None],
) -> None:
    """Take steps for a slice of time, then come back after the waiting events; `then`
    once the steps are done, unless `current()` says they are no longer wanted. A
    slice ends early rather than start a step that would likely overrun it (as long
    as the longest step of the slice so far): a PDF's pages take 10-20 ms each, and
    one begun near the end of a slice made it 30-40 ms."""
    if not shiboken6.isValid(owner) or not current():
        return
    end = time.perf_counter() + STEPS_SLICE
    longest = 0.0
    try:
        while True:
            began = time.perf_counter()
            step = next(steps)
            if isinstance(step, Aside):
                _aside(step, lambda: _later(owner, steps, current, then, failed))
                return
            now = time.perf_counter()
            longest = max(longest, now - began)
            if now + longest >= end:
                break
    except StopIteration:
        then()
        return
    except Exception as exc:  # a store error while reading: to the user, as a dialog
        failed(exc)
        return
    QTimer.singleShot(0, owner, lambda: _step(owner, steps, current, then, failed))


SWITCH_INTERVAL = 0.001
"""Seconds a thread running Python keeps the interpreter while another waits for it
(Python's default is 5 ms). Each call Qt makes into Python on the GUI thread (a
model's data, a paint handler, a timer) waits for it while a computation runs in the
pool: a repaint of the provision list beside a computation took 30-60 ms, and up to
290, with 5 ms; 20-30 ms with 1 ms."""


def _start_in_pool(job: _Job[Any]) -> None:
    """Start `job` in Qt's pool, the GUI thread getting the interpreter back quickly
    meanwhile (`SWITCH_INTERVAL`)."""
    if sys.getswitchinterval() > SWITCH_INTERVAL:
        sys.setswitchinterval(SWITCH_INTERVAL)
    QThreadPool.globalInstance().start(job.run)


def _aside(step: Aside[Any], resume: Callable[[], None]) -> None:
    """Run a step that needs no particular thread (`drafts.aside`) in the pool, at
    once, and `resume` the steps on the GUI thread when it is done: they take its
    result, or its error, where they yielded it."""

    def landed(job: _Job[None]) -> None:
        _in_flight.discard(job)
        resume()

    job: _Job[None] = _Job(step.run, landed)
    _in_flight.add(job)
    _start_in_pool(job)


def after_paint(owner: QObject, then: Callable[[], None]) -> None:
    """`then` once the repaint asked for so far is done (unless `owner` is gone): Qt
    posts a repaint at a low priority, after the events already waiting, so `then`
    hops over two turns of the event loop, not one (the first turn paints)."""

    def hop() -> None:
        QTimer.singleShot(0, owner, then)

    QTimer.singleShot(0, owner, hop)


def imports(*modules: str) -> Iterator[None]:
    """Load `modules` a step each, in this order (put a module's heavy imports before
    it): steps for `Background.run`'s reading, so the first use of a part of the app
    loaded on demand (the exporters, say) does not freeze the window for all its
    modules at once. A module already loaded costs nothing."""
    for name in modules:
        importlib.import_module(name)
        yield


def _raise(error: Exception) -> None:
    raise error


_idle: list[Callable[[], None]] = []
"""What waits for the GUI thread's event loop to have nothing left to do."""


def _when_idle(then: Callable[[], None]) -> None:
    """`then`, once the event loop is about to wait, and again so a frame later; or
    after `IDLE_WAIT_MS` at the latest (a loop that never waits, such as a caller's
    `processEvents()` in a loop, never says it is idle)."""
    once = _once(then)
    if not _idle:
        QAbstractEventDispatcher.instance().aboutToBlock.connect(_now_idle)
    _idle.append(once)
    QTimer.singleShot(IDLE_WAIT_MS, once)


def _once(then: Callable[[], None]) -> Callable[[], None]:
    called = False

    def call() -> None:
        nonlocal called
        if not called:
            called = True
            then()

    return call


def _now_idle() -> None:
    QAbstractEventDispatcher.instance().aboutToBlock.disconnect(_now_idle)
    waiting = list(_idle)
    _idle.clear()
    QTimer.singleShot(FRAME_MS, lambda: _after_a_frame(waiting))


def _after_a_frame(waiting: list[Callable[[], None]]) -> None:
    def start() -> None:
        QAbstractEventDispatcher.instance().aboutToBlock.disconnect(start)
        for then in waiting:
            then()

    QAbstractEventDispatcher.instance().aboutToBlock.connect(start)


def in_flight() -> int:
    """How many computations are out (started, and not yet back on the GUI thread),
    and steps for an idle moment not yet taken (`in_steps(..., when_idle=True)`)."""
    for token, owner in list(_idle_steps.items()):
        if not shiboken6.isValid(owner):
            del _idle_steps[token]  # its steps stopped with it
    return len(_in_flight) + len(_idle_steps)


def wait_for_all(msecs: int = 30000) -> bool:
    """Block until every computation in the pool ended (closing the window, and tests)."""
    return QThreadPool.globalInstance().waitForDone(msecs)
