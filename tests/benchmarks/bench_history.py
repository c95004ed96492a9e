"""Speed of a provision's history over a long negotiation (run on demand, not a test).

    .venv/bin/python -m tests.benchmarks.bench_history [--drafts 20] [--runs 7]

Builds a negotiation of `--drafts` drafts in an in-memory store: the demo's final text,
then each next draft derived from the one before by `tests.dossiers.derive` (5% of
words edited, plus moves, splits, merges, insertions and deletions). Times the history
of one provision from the last draft back to the first: the first time (every
neighbouring comparison computed and cached) and once the cache is warm, which is what
a reader opening histories in the app waits for. Medians, in this one process.
"""

from __future__ import annotations

import argparse
import statistics
import time

from drafts.negotiation.history import find_provision, history
from drafts.store import Store
from tests.dossiers import negotiation

TARGET = 0.100  # seconds, warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=20)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    drafts = negotiation(args.drafts)
    cold, warm = [], []
    for _ in range(args.runs):
        with Store() as store:
            store.add_drafts(drafts)
            last = store.drafts()[-1]
            provision = find_provision(store, last, store.provisions(last.id)[30].eid)
            start = time.perf_counter()
            first = history(store, last, provision)
            cold.append(time.perf_counter() - start)
            start = time.perf_counter()
            again = history(store, last, provision)
            warm.append(time.perf_counter() - start)
            assert [s.num for s in first.steps] == [s.num for s in again.steps]
    present = sum(s.present for s in first.steps)
    print(
        f"History of {provision.title()!r} over {args.drafts} drafts "
        f"({present} with it), median of {args.runs} runs:"
    )
    cold_t, warm_t = statistics.median(cold), statistics.median(warm)
    print(f"  first (computes and caches {args.drafts - 1} comparisons) {cold_t * 1000:8.1f} ms")
    print(f"  again (comparisons from the cache)              {warm_t * 1000:8.1f} ms")
    verdict = "met" if warm_t < TARGET else "NOT met"
    print(
        f"  Target: under {TARGET * 1000:.0f} ms: {verdict} (warm); "
        f"{cold_t / warm_t:.1f}x cold/warm"
    )


if __name__ == "__main__":
    main()
