"""The synopsis of the demo's five drafts in each format: time and size (run on demand).

    QT_QPA_PLATFORM=offscreen python -m tests.benchmarks.bench_synopsis [--runs 3]

The synopsis itself (aligning the drafts, pairing paragraphs, placing annotations) is
made once and timed on its own; then each format is written from it, median of
`--runs`, with the file's size and, for the PDF, its pages. The PDF is what the window
paints on its own thread, a provision or a page at a time between its events.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from drafts.demo import import_demo
from drafts.export.synopsis import synopsis_request
from drafts.store import Store
from viewer.synopsis_pdf import write_synopsis_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with Store() as store, tempfile.TemporaryDirectory() as folder:
        import_demo(store)
        drafts = store.drafts()
        synopsis_request(store, drafts)  # the comparisons into the cache: not timed
        started = time.perf_counter()
        request = synopsis_request(store, drafts)
        made = time.perf_counter() - started
        rows = len(request.synopsis.rows)
        print(f"synopsis of {len(drafts)} drafts, {rows} provisions: {made:.2f} s")
        for fmt in ("html", "docx", "pdf"):
            out = Path(folder) / f"synopsis.{fmt}"
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                write_synopsis_file(request, fmt, out)
                times.append(time.perf_counter() - started)
            pages = ""
            if fmt == "pdf":
                pages = f", {out.read_bytes().count(b'/Type /Page') - 1} pages"
            size = out.stat().st_size / 1024
            median = statistics.median(times)
            print(f"  {fmt:5} {median:6.2f} s (median of {args.runs}), {size:,.0f} KiB{pages}")


if __name__ == "__main__":
    main()
