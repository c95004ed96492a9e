"""How long the window stops answering while a reader works (run on demand, not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_stall \
        [--drafts 20] [--articles 100] [--clicks 40] [--why] [--events]

Builds a long negotiation in a scratch database file (the demo's final text grown to
`--articles` provisions, then each next draft derived from the one before by
`tests.dossiers.derive`, as `bench_history` does), with annotations made on early drafts
so that showing the last drafts carries them through comparisons. Then opens the real
main window and does what a reader does, one action after another: clicks through
provisions, compares other drafts, opens histories and their blame, searches and
chooses results, opens the agreement chart, exports a PDF.

A 5 ms timer on the GUI thread is the probe: the longest gap between two of its ticks
during an action is how long the window was frozen then (5 ms is an idle window). On a
machine busy with other programs that gap also holds the time the system gave them, so
each gap is measured a second way: the processor time this process used during it
(its GUI thread and its pool; at most the gap). Both are printed; they agree on an idle
machine, and the second is the one to compare between runs on a busy one.
Each action runs until its result is on screen and no background work is left. Printed:
each kind of action with its count, median and longest stall, and the longest stall
of all against the target. With `--why`, where the GUI thread stood while it stalled
(`stall_sampler`): the functions of ours that took the time, per action. With
`--events`, the Qt events delivered in each action's longest gap (`event_timer`): a
first paint, a layout, a step of ours, and which came back to back.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from drafts.annotating.annotations import Content, create_annotation, text_target
from drafts.model import StoredDraft
from drafts.store import Store
from tests.benchmarks.event_timer import EventTimer
from tests.benchmarks.stall_sampler import StallSampler
from tests.dossiers import negotiation
from viewer import workers
from viewer.main_window import MainWindow

TARGET_MS = 50.0
TICK_MS = 5
TIMEOUT_S = 120.0
SETTLE_S = 0.05
"""The pool must stay idle this long before an action counts as done: a result applied
on the GUI thread may start the next piece of work (a comparison, then its notes)."""

sys.dont_write_bytecode = False
"""Modules first loaded during an action (the exporters, say) are compiled once and kept,
as an installed app keeps them: a shell that forbids writing them
(PYTHONDONTWRITEBYTECODE) would make every run compile them while the window waits."""


def annotate(store: Store, drafts: list[StoredDraft], per_draft: int = 5) -> int:
    """Notes on the first few drafts' longer provisions: carried into any later draft."""
    made = 0
    for draft in drafts[: min(4, len(drafts) - 2)]:
        long = [p for p in store.provisions(draft.id) if len(p.text) > 200]
        for p in long[:per_draft]:
            target = text_target(store, draft.id, p.eid, 40, 90)
            create_annotation(store, target, Content(note=f"on {draft.label}"))
            made += 1
    return made


class Probe:
    """Ticks every 5 ms on the GUI thread; a long gap between ticks is a stall."""

    def __init__(self) -> None:
        self.ticks: list[float] = []
        self.cpu: list[float] = []
        """The process's processor time at each tick."""
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())
        self.cpu.append(time.process_time())

    def longest_gap_span(self, start: float, end: float) -> tuple[float, float]:
        """The two ticks around the longest gap over [start, end]."""
        first = max(0, bisect_right(self.ticks, start) - 1)
        ticks = self.ticks[first : bisect_right(self.ticks, end) + 1]
        if len(ticks) < 2:
            return start, end
        return max(pairwise(ticks), key=lambda pair: pair[1] - pair[0])

    def longest_gap(self, start: float, end: float) -> tuple[float, float]:
        """The longest gap (ms) between ticks over [start, end], the gap that spans
        `start` included (the action's own time on the GUI thread): as the clock
        measures it, and the most processor time this process used in one gap."""
        first = max(0, bisect_right(self.ticks, start) - 1)
        last = bisect_right(self.ticks, end) + 1
        ticks, cpu = self.ticks[first:last], self.cpu[first:last]
        if len(ticks) < 2:
            return (end - start) * 1000, (end - start) * 1000
        wall = [b - a for a, b in pairwise(ticks)]
        used = [min(w, b - a) for w, (a, b) in zip(wall, pairwise(cpu), strict=True)]
        return max(wall) * 1000, max(used) * 1000


def wait(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


def background_idle() -> bool:
    """No computation in the pool, nor waiting to start or to land (when the window
    has a way to say so)."""
    waiting = getattr(workers, "in_flight", lambda: 0)()
    return QThreadPool.globalInstance().activeThreadCount() == 0 and waiting == 0


def wait_until(done: Callable[[], bool], what: str) -> None:
    """Run the event loop until `done()` holds and the background has been idle a while."""
    deadline = time.perf_counter() + TIMEOUT_S
    idle_since: float | None = None
    while True:
        now = time.perf_counter()
        if now > deadline:
            raise TimeoutError(f"{what}: not done after {TIMEOUT_S:.0f} s")
        if done() and background_idle():
            idle_since = idle_since or now
            if now - idle_since >= SETTLE_S:
                return
        else:
            idle_since = None
        wait(0.01)


@dataclass
class Measured:
    kind: str
    stall_ms: float
    took_ms: float
    cpu_stall_ms: float
    """The longest gap again, as processor time this process used in it."""
    gap: tuple[float, float] = (0.0, 0.0)
    """When the longest gap began and ended (perf_counter)."""


class Session:
    def __init__(self, probe: Probe, sampler: StallSampler | None = None) -> None:
        self.probe = probe
        self.sampler = sampler
        self.measured: list[Measured] = []

    def act(self, kind: str, action: Callable[[], object], done: Callable[[], bool]) -> None:
        wait(0.03)  # let the window settle from the previous action
        start = time.perf_counter()
        if self.sampler:
            self.sampler.action = kind
        action()
        wait_until(done, kind)
        end = time.perf_counter()
        if self.sampler:
            self.sampler.action = ""
        stall, cpu = self.probe.longest_gap(start, end)
        gap = self.probe.longest_gap_span(start, end)
        self.measured.append(Measured(kind, stall, (end - start) * 1000, cpu, gap))


def drive(session: Session, store: Store, settings: QSettings, out: Path, clicks: int) -> None:
    drafts = store.drafts()
    holder: dict[str, MainWindow] = {}

    def open_window() -> None:
        window = MainWindow(store, settings)
        window.show()
        holder["w"] = window

    def shown(pair: tuple[int, int]) -> Callable[[], bool]:
        def check() -> bool:
            c = holder["w"].comparison
            return c is not None and (c.old.id, c.new.id) == pair

        return check

    last_two = (drafts[-2].id, drafts[-1].id)
    session.act("open the window", open_window, shown(last_two))
    w = holder["w"]
    rows = [r for r in w.visible_rows() if w.change_at(r) is not None]
    step = max(1, len(rows) // clicks)
    for row in rows[::step][:clicks]:
        session.act(
            "click a provision",
            lambda r=row: w.tree.setCurrentIndex(r),
            lambda r=row: w.tree.currentIndex() == r,
        )

    def compare(old: StoredDraft, new: StoredDraft) -> Callable[[], None]:
        def run() -> None:
            w.picker.choose(old.negotiation_id, old.id, new.id)
            w.compare_chosen()

        return run

    session.act(
        "compare other drafts", compare(drafts[0], drafts[-1]), shown((drafts[0].id, drafts[-1].id))
    )
    session.act("compare other drafts", compare(drafts[-2], drafts[-1]), shown(last_two))

    rows = [r for r in w.visible_rows() if w.change_at(r) is not None]  # a new model
    for row in (rows[len(rows) // 3], rows[2 * len(rows) // 3]):
        w.tree.setCurrentIndex(row)
        opened = len(w.history_windows)
        session.act(
            "open a history",
            w.open_current_history,
            lambda n=opened: len(w.history_windows) > n and w.history_windows[-1].isVisible(),
        )
    history = w.history_windows[-1]
    show_blame = next(a for a in history.actions() if a.objectName() == "show_blame")

    def blamed(index: int) -> Callable[[], bool]:
        def check() -> bool:
            b = history.blame_view.blame
            step = history.history.steps[index]
            if not step.present:
                return history.blame_view.title.text().startswith("Not in")
            return b is not None and b.draft.id == step.draft.id

        return check

    here = history.timeline.currentRow()
    session.act("blame (Ctrl+2)", show_blame.trigger, blamed(here))
    middle = len(history.history.steps) // 2
    session.act("blame another draft", lambda: history.timeline.selectRow(middle), blamed(middle))

    panel = w.search_panel
    query = "human rights"

    def search() -> None:
        w.start_search()
        panel.edit.setText(query)
        panel.run()

    def lived(k: int) -> Callable[[], bool]:
        def check() -> bool:
            hit = panel.hit_at(panel.results.topLevelItem(k))
            life = panel.life
            return (
                life is not None
                and hit is not None
                and life.history.start.id == hit.draft.id
                and life.history.provision.eid == hit.eid
            )

        return check

    session.act(
        "search all drafts",
        search,
        lambda: panel.result is not None and panel.result.query == query and lived(0)(),
    )
    for k in (1, 2):
        if k < panel.results.topLevelItemCount():
            session.act(
                "choose a search result",
                lambda k=k: panel.results.setCurrentItem(panel.results.topLevelItem(k)),
                lived(k),
            )

    def agreement() -> None:
        w.agreement_dialog = None
        w.open_agreement()

    session.act(
        "agreement chart",
        agreement,
        lambda: w.agreement_dialog is not None and w.agreement_dialog.isVisible(),
    )
    w.agreement_dialog.close()

    def export_dialog() -> None:
        w.export_dialog = None
        w.export_comparison()

    session.act(
        "open the export dialog",
        export_dialog,
        lambda: w.export_dialog is not None and w.export_dialog.isVisible(),
    )
    dialog = w.export_dialog
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("pdf"))
    dialog.choose_path = lambda suggested: out  # type: ignore[method-assign]
    session.act("export a PDF", dialog.export, lambda: dialog.written is not None)

    def new_note() -> None:
        draft = drafts[1]
        p = next(p for p in store.provisions(draft.id) if len(p.text) > 300)
        target = text_target(store, draft.id, p.eid, 100, 160)
        create_annotation(store, target, Content(note="one more"))
        w.annotating.refresh()

    notes = len(w.annotating.items)
    session.act(
        "a new note placed",
        new_note,
        lambda: len(w.annotating.items) > notes and w.annotating.panel.count.text() != "",
    )
    for window in w.history_windows:
        window.close()
    w.close()


def report(measured: list[Measured]) -> None:
    kinds = list(dict.fromkeys(m.kind for m in measured))
    print(
        f"{'action':<26} {'n':>3} {'median stall':>13} {'longest':>9} "
        f"{'longest (CPU)':>14} {'took (median)':>14}"
    )
    for kind in kinds:
        of = [m for m in measured if m.kind == kind]
        stalls = [m.stall_ms for m in of]
        took = statistics.median(m.took_ms for m in of)
        cpu = max(m.cpu_stall_ms for m in of)
        print(
            f"{kind:<26} {len(of):>3} {statistics.median(stalls):>10.1f} ms "
            f"{max(stalls):>6.1f} ms {cpu:>11.1f} ms {took:>11.0f} ms"
        )
    worst = max(measured, key=lambda m: m.stall_ms)
    worst_cpu = max(measured, key=lambda m: m.cpu_stall_ms)
    median = statistics.median(m.stall_ms for m in measured)
    verdict = "met" if worst.stall_ms <= TARGET_MS else "NOT met"
    print(
        f"Longest stall {worst.stall_ms:.0f} ms ({worst.kind}); median stall per action "
        f"{median:.1f} ms; target no stall over {TARGET_MS:.0f} ms: {verdict}"
    )
    print(
        f"Longest stall as processor time of this process: {worst_cpu.cpu_stall_ms:.0f} ms "
        f"({worst_cpu.kind}); {os.getloadavg()[0]:.1f} processes were waiting to run "
        f"on {os.cpu_count()} processors (load average, last minute)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=20)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--clicks", type=int, default=40)
    parser.add_argument(
        "--why", action="store_true", help="sample where the GUI thread stands in each stall"
    )
    parser.add_argument(
        "--events", action="store_true", help="the Qt events in each action's longest gap"
    )
    args = parser.parse_args()
    app = QApplication.instance() or (
        EventTimer(sys.argv[:1]) if args.events else QApplication(sys.argv[:1])
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with Store(folder / "bench.sqlite3") as store:
            store.add_drafts(negotiation(args.drafts, args.articles))
            drafts = store.drafts()
            notes = annotate(store, drafts)
            sizes = [len(store.provisions(d.id)) for d in drafts]
            print(
                f"{len(drafts)} drafts of {min(sizes)}-{max(sizes)} provisions, {notes} notes "
                f"on the first drafts; nothing cached; probe every {TICK_MS} ms"
            )
            settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
            probe = Probe()
            sampler = StallSampler(lambda: probe.ticks[-1] if probe.ticks else 0.0)
            session = Session(probe, sampler if args.why else None)
            if args.why:
                sampler.start()
            drive(session, store, settings, folder / "export.pdf", args.clicks)
            if args.why:
                sampler.stop()
            QThreadPool.globalInstance().waitForDone()
            app.processEvents()
    report(session.measured)
    if args.why:
        sampler.report()
    if isinstance(app, EventTimer):
        worst = {}
        for m in session.measured:
            if m.kind not in worst or m.stall_ms > worst[m.kind].stall_ms:
                worst[m.kind] = m
        app.report([(m.kind, *m.gap) for m in worst.values()])


if __name__ == "__main__":
    main()
