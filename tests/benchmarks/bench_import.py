"""Import throughput, against lxml's bare parse of the same bytes (run on demand, not a test).

    .venv/bin/python -m tests.benchmarks.bench_import [--drafts 100] [--articles 100] [--runs 3]

Prints MB/s and provisions/s for the demo dossier and for a generated dossier, and
the ratio of the whole import (parse, text extraction, hashing, SQLite with FTS5) to
the bare parse. Medians of several runs, all measured in this one process.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from drafts.demo import demo_files
from drafts.importer import import_paths
from drafts.reading import safe_xml
from drafts.reading.akoma import read_draft
from drafts.store import Store

WORDS = (
    "State Party shall adopt such legislative and other measures as may be necessary to "
    "establish criminal offences under its domestic law when committed intentionally the "
    "access to the whole or any part of an information and communications technology "
    "system without right including by infringing security measures with the intent of "
    "obtaining electronic data subject to conditions and safeguards provided for under its "
    "domestic law which shall provide for the protection of human rights in accordance "
    "with obligations"
).split()


def generated_dossier(folder: Path, drafts: int, articles: int, words: int = 540) -> list[Path]:
    """`drafts` Akoma Ntoso files of `articles` articles, about `words` words each."""
    rng = random.Random(20241224)
    paths = []
    for d in range(drafts):
        body = []
        for a in range(1, articles + 1):
            paras = []
            for p in range(1, 5):
                text = " ".join(rng.choice(WORDS) for _ in range(words // 4))
                paras.append(
                    f'<paragraph eId="art_{a}__para_{p}"><num>{p}.</num>'
                    f"<content><p>{text}.</p></content></paragraph>"
                )
            body.append(
                f'<article eId="art_{a}"><num>Article {a}</num>'
                f"<heading>Heading {a}</heading>{''.join(paras)}</article>"
            )
        date = f"{2000 + d // 12:04d}-{d % 12 + 1:02d}-01"
        path = folder / f"draft-{d:03d}.xml"
        path.write_text(_document(date, "".join(body)), encoding="utf-8")
        paths.append(path)
    return paths


def _document(date: str, body: str) -> str:
    work = "/akn/un/bill/2030/benchmark"
    return (
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><bill name="b">'
        f'<meta><identification source="#b"><FRBRWork><FRBRthis value="{work}/!main"/>'
        f'<FRBRuri value="{work}"/><FRBRdate date="2030-01-01" name="x"/><FRBRauthor href="#b"/>'
        f'<FRBRcountry value="un"/></FRBRWork><FRBRExpression>'
        f'<FRBRthis value="{work}/eng@{date}/!main"/><FRBRuri value="{work}/eng@{date}"/>'
        f'<FRBRdate date="{date}" name="x"/><FRBRauthor href="#b"/>'
        '<FRBRlanguage language="eng"/></FRBRExpression></identification></meta>'
        f"<body>{body}</body></bill></akomaNtoso>"
    )


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(name: str, files: list[Path], runs: int) -> None:
    blobs = [f.read_bytes() for f in files]
    megabytes = sum(map(len, blobs)) / 1e6
    provisions = sum(len(read_draft(f).provisions) for f in files)
    parser = safe_xml._parser()

    def bare_parse() -> None:
        for blob in blobs:
            etree.fromstring(blob, parser)

    def read_only() -> None:
        for f in files:
            read_draft(f)

    def full_import() -> None:
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.sqlite3") as store:
            import_paths(store, files)

    parse = median_seconds(bare_parse, runs)
    read = median_seconds(read_only, runs)
    whole = median_seconds(full_import, runs)
    print(
        f"\n{name}: {len(files)} files, {megabytes:.1f} MB, {provisions} provisions "
        f"(median of {runs} runs)"
    )
    print(f"  lxml bare parse        {parse * 1000:8.1f} ms   {megabytes / parse:7.1f} MB/s")
    print(
        f"  read drafts (no store) {read * 1000:8.1f} ms   {megabytes / read:7.1f} MB/s"
        f"   {read / parse:4.1f}x parse"
    )
    print(
        f"  whole import (SQLite)  {whole * 1000:8.1f} ms   {megabytes / whole:7.1f} MB/s"
        f"   {whole / parse:4.1f}x parse   {provisions / whole:9.0f} provisions/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=100)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    measure("Demo dossier", demo_files(), max(args.runs, 5))
    with tempfile.TemporaryDirectory() as tmp:
        files = generated_dossier(Path(tmp), args.drafts, args.articles)
        measure(f"Generated {args.drafts} x {args.articles}", files, args.runs)


if __name__ == "__main__":
    main()
