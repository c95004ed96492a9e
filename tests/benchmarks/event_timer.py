"""Which events filled a stall: an application that times every event it delivers on
the GUI thread, for `bench_stall --events`.

The sampler (`stall_sampler`) says where Python stood; a stall is often spent in Qt
itself (a window's first paint, a layout, a repaint after a dock opened), or in several
events that came back to back: Qt lets its timers in only every other turn of the
event loop, and posts a repaint after the events already waiting. This prints, for the
longest gaps of each action, the events delivered in them (what received them, their
type, their time on the clock and on the GUI thread's processor), so the work can be
split where it piles up. Timing every event costs a call into Python for each: the
stalls measured with it are longer than without.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

SHORTEST_MS = 2.0
"""Events shorter than this are not kept."""


@dataclass(frozen=True)
class Delivered:
    start: float
    end: float
    depth: int
    """1 for an event the event loop delivered, 2 for one sent while handling it."""
    cpu_ms: float
    receiver: str
    kind: str


class EventTimer(QApplication):
    """A QApplication that keeps every event over `SHORTEST_MS` delivered on its thread."""

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.delivered: list[Delivered] = []
        self._depth = 0
        self._gui = threading.get_ident()

    def notify(self, receiver: QObject, event: QEvent) -> bool:
        if threading.get_ident() != self._gui:
            return super().notify(receiver, event)
        self._depth += 1
        depth = self._depth
        start, cpu = time.perf_counter(), time.thread_time()
        try:
            return super().notify(receiver, event)
        finally:
            self._depth -= 1
            end = time.perf_counter()
            if depth <= 2 and (end - start) * 1000 >= SHORTEST_MS:
                used = (time.thread_time() - cpu) * 1000
                self.delivered.append(
                    Delivered(start, end, depth, used, _name(receiver), event.type().name)
                )

    def report(self, gaps: list[tuple[str, float, float]]) -> None:
        """For each (action, start, end) gap, the events delivered in it."""
        print("\nEvents in the longest gap of each action (ms from its start, clock, CPU):")
        for action, start, end in gaps:
            print(f"  {action}: {(end - start) * 1000:.0f} ms")
            inside = [d for d in self.delivered if d.start >= start - 0.001 and d.end <= end]
            inside.sort(key=lambda d: (d.start, d.depth))
            for d in inside:
                indent = "  " * d.depth
                print(
                    f"    {indent}+{(d.start - start) * 1000:5.1f} {(d.end - d.start) * 1000:6.1f}"
                    f" {d.cpu_ms:6.1f}  {d.kind:<16} {d.receiver}"
                )


def _name(receiver: QObject) -> str:
    """The receiver's class and name, with its nearest named ancestor's."""
    name = f"{receiver.metaObject().className()}:{receiver.objectName()}"
    parent = receiver.parent()
    while parent is not None and (not parent.objectName() or parent.objectName().startswith("qt_")):
        parent = parent.parent()
    if parent is not None:
        name += f" in {parent.metaObject().className()}:{parent.objectName()}"
    return name
