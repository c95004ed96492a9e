"""What the whole-document view costs on a long comparison (run on demand, not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_whole_document \
        [--articles 70 300 1000] [--repeat 3]

For each size, two drafts of the benchmarks' large dossier (`tests.dossiers.negotiation`:
the demo's final text grown to that many provisions, the second draft derived from the
first with 5% of words edited, moves, splits and merges) are compared, and the whole
comparison is shown in a real `DiffView` of 1280x760, side by side. Printed, medians
over the repeats: the first paint (`show_document` until painted), the time until every
provision is written (the event loop running between slices), the longest slice (how
long the window could not answer while writing), writing everything at once instead,
a search for a word that is not there (find writes whatever is left first), and
levelling again after a resize (the longest turn of the event loop after it). One
provision alone (`show_change` of the longest) is the baseline for the first paint.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from PySide6.QtWidgets import QApplication

from drafts.comparing.compare import ProvisionChange, compare
from tests.dossiers import negotiation
from viewer.diff_view import RESIZE_PAUSE_MS, DiffView

RESIZE_WAIT = RESIZE_PAUSE_MS / 1000 + 0.3


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


def _ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    _app().processEvents()
    return (time.perf_counter() - start) * 1000


def _slices(view: DiffView) -> tuple[float, float]:
    """(ms until every provision is written, longest slice in ms), with the event loop
    running between slices as in the window."""
    longest = 0.0
    start = time.perf_counter()
    while not view.is_written():
        before = time.perf_counter()
        _app().processEvents()
        longest = max(longest, (time.perf_counter() - before) * 1000)
    return (time.perf_counter() - start) * 1000, longest


def _measure(view: DiffView, changes: list[ProvisionChange]) -> dict[str, float]:
    view.show_change(None)
    _app().processEvents()
    found: dict[str, float] = {}
    start = time.perf_counter()
    view.show_document(changes)
    _app().processEvents()
    found["first paint"] = (time.perf_counter() - start) * 1000
    written, longest = _slices(view)
    found["all written"] = found["first paint"] + written
    found["longest slice"] = longest
    view.show_change(None)
    _app().processEvents()
    found["at once"] = _ms(lambda: (view.show_document(changes), view.finish_writing()))
    found["find absent"] = _ms(lambda: view.find("zzyzx"))
    width = view.width()
    view.resize(width - 200, view.height())
    found["resize relevel"] = _longest_turn(RESIZE_WAIT)
    view.resize(width, view.height())
    _longest_turn(RESIZE_WAIT)
    return found


def _longest_turn(seconds: float) -> float:
    """The longest turn of the event loop in the next `seconds`, in milliseconds: a
    resize is levelled once the width has stayed put a moment."""
    longest = 0.0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        before = time.perf_counter()
        _app().processEvents()
        longest = max(longest, (time.perf_counter() - before) * 1000)
        time.sleep(0.005)
    return longest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[70, 300, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    view = DiffView()
    view.resize(1280, 760)
    view.show()
    app.processEvents()
    names = ["first paint", "all written", "longest slice", "at once", "find absent"]
    names.append("resize relevel")
    print(f"{'provisions':>10} {'words':>7} {'one ms':>7} " + " ".join(f"{n:>14}" for n in names))
    for articles in args.articles:
        old, new = negotiation(2, articles)
        changes = compare(list(old.provisions), list(new.provisions))
        words = sum(len(p.text.split()) for p in new.provisions)
        longest = max(changes, key=lambda c: sum(len(p.text) for p in c.new + c.old))
        view.show_change(None)
        app.processEvents()
        one = statistics.median(
            _ms(lambda c=longest: view.show_change(c)) for _ in range(args.repeat)
        )
        runs = [_measure(view, changes) for _ in range(args.repeat)]
        medians = [statistics.median(r[n] for r in runs) for n in names]
        cells = " ".join(f"{m:>14.0f}" for m in medians)
        print(f"{len(changes):>10} {words:>7} {one:>7.0f} {cells}")
    print("(milliseconds, medians; 'one': the longest provision shown alone)")


if __name__ == "__main__":
    main()
