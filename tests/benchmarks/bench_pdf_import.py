"""PDF import: exactness on the demo drafts, and speed against pdftotext (run on demand).

    QT_QPA_PLATFORM=offscreen python -m tests.benchmarks.bench_pdf_import [--runs 3] [PDF ...]

1. Every demo draft is printed to PDF by Qt (`tests.pdf_builder`: running header, job
   number, page numbers, line numbers, footnotes), in one column and then in two, and
   imported: provisions expected vs found (kind, number, heading, text, chapter, notes
   all equal) and words of the original missing from what was stored.
2. A PDF of about 200 pages (the five demo drafts twice, as text, printed by LibreOffice
   when `soffice` is installed, else by Qt) is converted, median of `--runs`, next to
   `pdftotext` on the same file (poppler-utils) when installed.
3. Any PDF named on the command line (a real public draft, say) is timed the same way.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from drafts.demo import demo_files
from drafts.model import Provision
from drafts.reading.akoma import read_draft
from drafts.reading.conversion import convert_file
from tests.pdf_builder import Layout, build_pdf, draft_paragraphs, draft_pdf

PAGE = Layout(header="A/AC.305/7", job_number="V.23-00123", line_numbers=True)
TWO_COLUMNS = Layout(header="A/AC.305/7", job_number="V.23-00123", line_numbers=True, columns=2)
_WORD = re.compile(r"\w+")


def _key(p: Provision) -> tuple[object, ...]:
    chapter = p.chapter.label() if p.chapter else ""
    return (p.kind, p.num, p.heading, p.text, chapter, [(n.marker, n.text) for n in p.notes])


def _words(provisions: tuple[Provision, ...]) -> Counter[str]:
    found: Counter[str] = Counter()
    for p in provisions:
        text = " ".join([p.num, p.heading, p.text, *(n.text for n in p.notes)])
        found.update(_WORD.findall(text))
    return found


def demo_exactness(folder: Path, page: Layout, what: str) -> None:
    print(f"demo drafts printed to PDF by Qt ({what})")
    expected = found = exact = 0
    for source in demo_files():
        original = read_draft(source)
        path = folder / f"{source.stem}.pdf"
        path.write_bytes(draft_pdf(original, page))
        start = time.perf_counter()
        converted = convert_file(path)
        took = time.perf_counter() - start
        want = [_key(p) for p in original.provisions]
        got = [_key(p) for p in converted.draft.provisions]
        same = sum(1 for a, b in zip(want, got, strict=False) if a == b)
        missing = _words(original.provisions) - _words(converted.draft.provisions)
        expected, found, exact = expected + len(want), found + len(got), exact + same
        print(
            f"  {source.name:<30} provisions expected {len(want):>3}, found {len(got):>3}, "
            f"exact {same:>3}; words missing {sum(missing.values())}; {took:.2f} s"
        )
    print(f"  all: {exact} of {expected} provisions exact ({found} found)")


def _big_text(folder: Path) -> Path:
    lines = []
    for _ in range(2):
        for source in demo_files():
            for p in read_draft(source).provisions:
                lines += [f"{p.num} {p.heading}".strip(), ""]
                for line in p.lines:
                    lines += [line.render(), ""]
    path = folder / "two-hundred-pages.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def big_pdf(folder: Path) -> tuple[Path, str]:
    """About 200 pages: by LibreOffice if installed (as a secretariat's PDF would be
    made), else by Qt."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office:
        text = _big_text(folder)
        profile = (folder / "profile").as_uri()
        subprocess.run(
            [office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(folder), str(text)],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
        return text.with_suffix(".pdf"), "LibreOffice"
    paragraphs: list[str] = []
    for _ in range(2):
        for source in demo_files():
            paragraphs += draft_paragraphs(read_draft(source))[0]
    path = folder / "two-hundred-pages.pdf"
    path.write_bytes(build_pdf(paragraphs, Layout(font_size=9)))
    return path, "Qt"


def _median(runs: int, work: Callable[[], object]) -> tuple[float, float]:
    """Median wall time and median processor time (this process and its children): on
    a shared machine the wall time says how busy it is, the processor time what the
    work costs."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _cpu()
        work()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(path: Path, runs: int, made_by: str = "") -> None:
    converted = convert_file(path)
    pages = next((n for n in converted.report.notices if "read from the PDF" in n), "")
    wall, cpu = _median(runs, lambda: convert_file(path))
    line = f"  {path.name}{f' (made by {made_by})' if made_by else ''}: {pages}, "
    line += f"{len(converted.draft.provisions)} provisions; import {wall:.2f} s ({cpu:.2f} s CPU)"
    tool = shutil.which("pdftotext")
    if tool:
        command = [tool, str(path), "-"]
        their_wall, their_cpu = _median(
            runs, lambda: subprocess.run(command, check=True, capture_output=True)
        )
        line += f"; pdftotext {their_wall:.2f} s ({their_cpu:.2f} s CPU)"
        line += f"; CPU ratio {cpu / their_cpu:.1f}"
    else:
        line += "; pdftotext not installed (apt-get install poppler-utils)"
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path, help="more PDFs to time")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        demo_exactness(folder, PAGE, "header, job number, page and line numbers, notes")
        demo_exactness(folder, TWO_COLUMNS, "the same in two columns")
        print(f"speed, median of {args.runs} runs")
        path, made_by = big_pdf(folder)
        timed(path, args.runs, made_by)
        for pdf in args.pdfs:
            timed(pdf, args.runs)


if __name__ == "__main__":
    main()
