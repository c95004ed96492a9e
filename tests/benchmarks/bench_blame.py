"""Speed of a provision's blame over a long negotiation (run on demand, not a test).

    .venv/bin/python -m tests.benchmarks.bench_blame [--drafts 20] [--runs 7] [--provisions 5]

The negotiation is bench_history's: the demo's final text, then each next draft derived
from the one before by `tests.dossiers.derive` (5% of words edited, plus moves, splits,
merges, insertions and deletions), in an in-memory store. For a few provisions of the
last draft, times the blame when no comparison is cached yet (every neighbouring
comparison computed), then once the cache is warm, which is what a reader waits for
in the app. Blame starts with the provision's history, most of its cost; its own
walk (`blame_history` on a history at hand) is timed apart. Medians, in this one
process.
"""

from __future__ import annotations

import argparse
import statistics
import time

from drafts.negotiation.blame import blame, blame_history
from drafts.negotiation.history import history
from drafts.store import Store
from tests.dossiers import negotiation

TARGET = 0.100  # seconds, warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=20)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--provisions", type=int, default=5)
    args = parser.parse_args()
    drafts = negotiation(args.drafts)
    cold, warm, walk = [], [], []
    for _ in range(args.runs):
        with Store() as store:
            store.add_drafts(drafts)
            last = store.drafts()[-1]
            provisions = store.provisions(last.id)
            count = len(provisions)
            chosen = [provisions[k * count // args.provisions] for k in range(args.provisions)]
            start = time.perf_counter()
            first = blame(store, last, chosen[0])
            cold.append(time.perf_counter() - start)
            blames = []
            for provision in chosen:
                start = time.perf_counter()
                blames.append(blame(store, last, provision))
                warm.append(time.perf_counter() - start)
                h = history(store, last, provision)
                start = time.perf_counter()
                blame_history(h)
                walk.append(time.perf_counter() - start)
            assert first.spans == blames[0].spans
            assert all(b.spans[-1].end == len(b.text) for b in blames)
    biggest = max(blames, key=lambda b: len(b.spans))
    print(
        f"Blame of {len(chosen)} provisions of the last of {args.drafts} drafts "
        f"(the largest: {biggest.provision.title()!r}, {len(biggest.text)} characters, "
        f"{len(biggest.drafts)} drafts, {len(biggest.spans)} spans, "
        f"{len(biggest.deletions)} deletions), median of {args.runs} runs:"
    )
    cold_t, warm_t, walk_t = map(statistics.median, (cold, warm, walk))
    print(f"  first (computes and caches {args.drafts - 1} comparisons) {cold_t * 1000:8.1f} ms")
    print(f"  again (comparisons from the cache)              {warm_t * 1000:8.1f} ms")
    print(f"  of which blame's own walk (blame_history)       {walk_t * 1000:8.1f} ms")
    print(f"  slowest walk                                    {max(walk) * 1000:8.1f} ms")
    verdict = "met" if warm_t < TARGET else "NOT met"
    print(
        f"  Target: under {TARGET * 1000:.0f} ms: {verdict} (warm); slowest warm blame "
        f"{max(warm) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
