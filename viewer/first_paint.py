"""After a window's first frame: what that frame does not show is made once it is drawn.

A window that opens with everything it could ever need made first appears late: the
annotations' dock, menus' dialogs and the like are dozens of modules no one sees in the
first frame (issue 20: tests/benchmarks/bench_startup.py, tests/core/test_startup.py).
`after_first_paint` calls back once the window has painted its first frame, from the
next turn of the event loop (so the frame is finished first), or after `LATEST_MS` if
it is never drawn (hidden, or on a screen that does not show it), so the work is
never lost.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

LATEST_MS = 1000
"""The longest the work waits for a window that is not drawn."""


def after_first_paint(window: QWidget, then: Callable[[], None]) -> None:
    """Call `then` once, on the GUI thread, after `window`'s first frame is painted (at
    the latest `LATEST_MS` from now); not at all if the window is deleted first."""
    _FirstPaint(window, then)


class _FirstPaint(QObject):
    """Watches one window's events until its first paint."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then: Callable[[], None] | None = then
        window.installEventFilter(self)
        QTimer.singleShot(LATEST_MS, self, self._call)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._call)  # once the whole frame is drawn
        return False

    def _call(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self.deleteLater()
            then()
