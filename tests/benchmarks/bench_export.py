"""Speed of the exports (run on demand, not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_export [--runs 7]

Exports the demo's first draft against its last (all 72 provisions, with annotations
of every kind from the export tests) to each format and layout, and prints the median
of several runs, the file size and the target: under 2 s for the PDF, under 1 s for the
others. The comparison itself is made once beforehand: this times the writers only.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from drafts.export.model import LAYOUTS, ExportRequest, scoped
from drafts.store import Store
from tests.builders import demo_comparison, demo_notes
from viewer.export_pdf import ensure_gui, write_export

TARGETS = {"html": 1.0, "pdf": 2.0, "docx": 1.0, "csv": 1.0}


def median_time(work: Callable[[], None], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench(request: ExportRequest, fmt: str, folder: Path, runs: int) -> tuple[float, int]:
    out = folder / f"export-{request.layout}.{fmt}"
    seconds = median_time(lambda: write_export(request, fmt, out), runs)
    return seconds, out.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    ensure_gui()
    with Store() as store, tempfile.TemporaryDirectory() as tmp:
        comparison = demo_comparison(store)
        notes = demo_notes(comparison)
        print(
            f"{comparison.old.label} -> {comparison.new.label}: {len(comparison.changes)} "
            f"provisions, {len(notes)} annotations; median of {args.runs} runs"
        )
        for layout in LAYOUTS:
            request = scoped(comparison, notes=notes, layout=layout)
            for fmt, target in TARGETS.items():
                if fmt in ("docx", "csv") and layout != LAYOUTS[0]:
                    continue  # these two have one layout only
                seconds, size = bench(request, fmt, Path(tmp), args.runs)
                verdict = "ok" if seconds < target else "SLOW"
                shown = layout if fmt in ("html", "pdf") else "-"
                print(
                    f"  {fmt:<5} {shown:<13} {seconds * 1000:7.0f} ms  {size / 1024:7.0f} KiB"
                    f"  (target < {target:.0f} s: {verdict})"
                )


if __name__ == "__main__":
    main()
