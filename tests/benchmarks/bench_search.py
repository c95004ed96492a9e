"""Speed of full-text search over a large negotiation (run on demand, not a test).

    .venv/bin/python -m tests.benchmarks.bench_search [--drafts 100] [--articles 100] [--runs 7]

Imports `--drafts` generated drafts of `--articles` articles each (the generator of
bench_import: about 540 words an article) into an in-memory store, then times searches
as a reader types them: a rare word, a common word (a hit in most provisions), a
phrase and a prefix. Medians, in this one process; the first's time is the
baseline the others are compared with.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from drafts.importer import import_paths
from drafts.negotiation.search import search
from drafts.store import Store
from tests.benchmarks.bench_import import generated_dossier, median_seconds

TARGET = 0.100  # seconds
QUERIES = ("Heading 42", '"human rights"', "intent*", "safeguards")
"""A provision by its heading, a phrase, a prefix, and a word in every provision."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=100)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Store() as store:
        files = generated_dossier(Path(tmp), args.drafts, args.articles)
        import_paths(store, files)
        print(
            f"Search over {args.drafts} drafts x {args.articles} provisions "
            f"(median of {args.runs} runs):"
        )
        baseline = None
        for query in QUERIES:
            result = search(store, query)
            t = median_seconds(lambda q=query: search(store, q), args.runs)
            baseline = baseline or t
            verdict = "met" if t < TARGET else "NOT met"
            print(
                f"  {query:<20} {result.hits:>6} hits in {len(result.groups):>4} provisions "
                f"{t * 1000:8.1f} ms  ({t / baseline:5.1f}x the first)  "
                f"target under {TARGET * 1000:.0f} ms: {verdict}"
            )


if __name__ == "__main__":
    main()
