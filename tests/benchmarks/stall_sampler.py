"""Where the GUI thread is while it stalls: a sampling watcher for `bench_stall --why`.

A Python thread wakes every few milliseconds; when the GUI thread's probe has not
ticked for longer than `threshold_ms`, it records the GUI thread's stack
(`sys._current_frames`). Samples are counted per action and per function of ours (the
innermost frames under `drafts/`, `viewer/` and, as the last resort, anything), so the
report says which of our functions the stalls were spent in, without a profiler's
overhead on every call.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

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
        while not self._stop.wait(0.003):
            if not self.action or time.perf_counter() - self.last_tick() < self.threshold:
                continue
            frame = sys._current_frames().get(self.gui)
            if frame is not None:
                self.samples.setdefault(self.action, Counter())[_where(frame)] += 1

    def report(self, top: int = 6) -> None:
        print("\nWhere the GUI thread stood during stalls (samples every 3 ms):")
        for action, counts in self.samples.items():
            total = sum(counts.values())
            print(f"  {action} ({total} samples)")
            for where, n in counts.most_common(top):
                print(f"    {n:5d}  {where}")


def _where(frame: object) -> str:
    """The innermost two frames of ours on the stack, outermost first; or the innermost
    frame at all when none is ours (Qt's own event handling)."""
    ours = []
    innermost = ""
    f = frame
    while f is not None:
        code = f.f_code  # type: ignore[attr-defined]
        name = f"{Path(code.co_filename).name}:{code.co_name}"
        innermost = innermost or name
        if code.co_filename.startswith(OURS):
            ours.append(name)
            if len(ours) == 2:
                break
        f = f.f_back  # type: ignore[attr-defined]
    return " < ".join(ours) if ours else f"(not ours) {innermost}"
