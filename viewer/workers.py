"""Work off the GUI thread: a comparison or the reading of files, reported by signals.

A task runs a plain function in Qt's global thread pool. Its signals object is
created on the GUI thread, so `finished` and `failed` are delivered there (queued),
where the window may touch the store: the store's connection never leaves that thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class TaskSignals(QObject):
    progress = Signal(int, int)
    """(done, total) as the work goes."""
    finished = Signal(object)
    """The work's result."""
    failed = Signal(object)
    """The exception that stopped the work."""


class Task(QRunnable):
    """One piece of work for the thread pool. The function receives the task, to report
    progress (`report`) and to look at `cancelled`."""

    def __init__(self, work: Callable[[Task], object]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it: see `_running`
        self.work = work
        self.signals = TaskSignals()
        self.cancelled = threading.Event()

    def report(self, done: int, total: int) -> None:
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self.work(self)
        except Exception as exc:  # any failure must reach the user, as a dialog
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)
        finally:
            _running.discard(self)


_running: set[Task] = set()
"""Tasks in flight, kept alive until they end (the pool does not own them)."""


def start(task: Task) -> Task:
    _running.add(task)
    QThreadPool.globalInstance().start(task)
    return task


def wait_for_all(msecs: int = 30000) -> bool:
    """Block until every task ended (closing the window, and tests)."""
    return QThreadPool.globalInstance().waitForDone(msecs)
