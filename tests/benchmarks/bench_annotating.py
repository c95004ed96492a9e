"""What a reader waits for when annotating in the window (run on demand, not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_annotating \
        [--notes 210] [--runs 7]

The demo negotiation with `--notes` annotations spread over its first three drafts, in
the real main window, comparing the last two drafts (so nearly every note is carried
through a comparison and re-anchored). Times, as medians in this one process:
- the first placing of every note in both drafts on screen (a comparison just shown),
- an edit of one note's content (what follows every Save, undo and redo),
- a new note (one more to place),
- showing a provision with its highlights (moving in the list).
Baseline in the same run: the core's `placements` of the same notes in both drafts.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from drafts.annotating.annotations import (
    Content,
    create_annotation,
    find_annotations,
    placements,
    text_target,
    update_annotation,
)
from drafts.demo import import_demo
from drafts.store import Store
from viewer.main_window import MainWindow


def spread(store: Store, count: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    drafts = store.drafts()[:3]
    for k in range(count):
        draft = drafts[k % len(drafts)]
        provisions = [p for p in store.provisions(draft.id) if len(p.text) > 80]
        p = rng.choice(provisions)
        start = rng.randrange(0, len(p.text) - 40)
        target = text_target(store, draft.id, p.eid, start, start + rng.randrange(10, 40))
        create_annotation(store, target, Content(note=f"note {k}"))


def median_ms(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        work()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=210)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    store = Store()
    import_demo(store)
    spread(store, args.notes)
    # Not "/dev/null": QSettings saves by writing a new file and moving it over the old
    # one, which turns the device into a regular file (it did, on the build machine).
    folder = tempfile.TemporaryDirectory()
    settings = QSettings(str(Path(folder.name) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings)
    while window.comparison is None:
        app.processEvents()
    old, new = window.comparison.old, window.comparison.new
    items = find_annotations(store)
    core = median_ms(lambda: [placements(store, d, items) for d in (old, new)], args.runs)

    def first() -> None:
        window.annotating._placed_before.clear()
        window.annotating.refresh()

    cold = median_ms(first, args.runs)
    a = items[0]
    contents = [a.content, Content(note="edited")]

    def edit() -> None:
        update_annotation(store, a.id, contents[0], contents[1])
        contents.reverse()
        window.annotating.refresh()

    edited = median_ms(edit, args.runs)
    added = median_ms(lambda: spread(store, 1, seed=len(find_annotations(store))), 1)
    adding = median_ms(window.annotating.refresh, 1) + added
    rows = window.visible_rows()
    turns = [rows[len(rows) // 2], rows[len(rows) // 3]]  # two provisions, in turn

    def show() -> None:
        window.tree.setCurrentIndex(turns[0])
        turns.reverse()

    shown = median_ms(show, args.runs)
    placed = sum(1 for p in window.annotating.placed["new"].values() if hasattr(p, "eid"))
    print(f"{len(items)} annotations, {placed} placed in {new.label}")
    print(f"core placements, both drafts:   {core:7.1f} ms (baseline)")
    print(f"window, first placing:          {cold:7.1f} ms ({cold / core:.2f}x)")
    print(f"window, after an edit:          {edited:7.1f} ms ({edited / core:.2f}x)")
    print(f"window, after a new note:       {adding:7.1f} ms ({adding / core:.2f}x)")
    print(f"showing a provision:            {shown:7.1f} ms")
    window.close()
    folder.cleanup()


if __name__ == "__main__":
    main()
