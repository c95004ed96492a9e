"""Where the GUI thread is while it stalls: a sampling watcher for `bench_stall --why`.

A Python thread wakes every few milliseconds; when the GUI thread's probe has not
ticked for longer than `threshold_ms`, it records the GUI thread's stack (as
`faulthandler` prints it). Samples are counted per action and per function of ours (the
innermost frames under `drafts/`, `viewer/` and, as the last resort, anything), so the
report says which of our functions the stalls were spent in, without a profiler's
overhead on every call.
"""

from __future__ import annotations

import faulthandler
import re
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]
OURS = (str(ROOT / "drafts"), str(ROOT / "viewer"))


class StallSampler:
    def __init__(self, last_tick: Callable[[], float], threshold_ms: float = 20.0) -> None:
        self.last_tick = last_tick
        self.threshold = threshold_ms / 1000
        self.gui = threading.main_thread().ident
        self.action = ""
        self.samples: dict[str, Counter[str]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        with tempfile.TemporaryFile("w+") as dump:
            while not self._stop.wait(0.003):
                if not self.action or time.perf_counter() - self.last_tick() < self.threshold:
                    continue
                where = _gui_stack(dump, self.gui)
                if where:
                    self.samples.setdefault(self.action, Counter())[_where(where)] += 1

    def report(self, top: int = 6) -> None:
        print("\nWhere the GUI thread stood during stalls (samples every 3 ms):")
        for action, counts in self.samples.items():
            total = sum(counts.values())
            print(f"  {action} ({total} samples)")
            for where, n in counts.most_common(top):
                print(f"    {n:5d}  {where}")


def _gui_stack(dump: IO[str], gui: int | None) -> list[tuple[str, str]]:
    """The GUI thread's stack as (file, function), innermost first. Read through
    `faulthandler`, which copies every thread's stack in C at once: walking another
    running thread's frames from Python (`sys._current_frames`) crashed CPython 3.11."""
    dump.seek(0)
    dump.truncate()
    faulthandler.dump_traceback(dump, all_threads=True)
    dump.seek(0)
    stack: list[tuple[str, str]] = []
    mine = False
    for line in dump:
        if line.startswith(("Thread 0x", "Current thread 0x")):
            ident = next(word for word in line.split() if word.startswith("0x"))
            mine = int(ident, 16) == gui
            continue
        found = _FRAME.match(line)
        if mine and found:
            stack.append((found[1], found[2]))
    return stack


_FRAME = re.compile(r'\s+File "(.*)", line \d+ in (.*)')


def _where(stack: list[tuple[str, str]]) -> str:
    """The innermost two frames of ours on the stack, outermost first; or the innermost
    frame at all when none is ours (Qt's own event handling)."""
    ours = [f"{Path(path).name}:{name}" for path, name in stack if path.startswith(OURS)]
    if ours:
        return " < ".join(ours[:2])
    path, name = stack[0]
    return f"(not ours) {Path(path).name}:{name}"
