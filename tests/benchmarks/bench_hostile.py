"""Time and memory to refuse (or read) hostile input (run on demand, not a test).

    .venv/bin/python -m tests.benchmarks.bench_hostile [--megabytes 30] [--runs 3]

Each case of the hardening issue (18) that once hung, ran for seconds or filled memory:
a text file of one line of `--megabytes`, the same text wrapped into one paragraph, a
300 KB wrapped paragraph (read: joining it was quadratic), a zip declaring 1.4 million
parts, a Word list starting at 10^12 in Roman numerals, an annotation file one over the
count limit. Median seconds and the peak of memory allocated (tracemalloc) in this one
process, each against the baseline: reading a sound 300 KB text draft.
"""

from __future__ import annotations

import argparse
import json
import struct
import tempfile
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from drafts.annotating.web_annotation import ANNO_CONTEXT, MAX_ANNOTATIONS, import_annotations
from drafts.errors import TravauxError
from drafts.reading.conversion import convert_file
from drafts.reading.wordml import read_docx
from drafts.store import Store
from tests.benchmarks.bench_import import median_seconds
from tests.docx_builder import W, build, p

LINE = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\n"


def _outcome(action: Callable[[], object]) -> str:
    try:
        action()
    except TravauxError as exc:
        return "refused: " + exc.args[0].split(": ", 1)[-1][:60]
    return "read"


def _peak_mb(action: Callable[[], object]) -> float:
    tracemalloc.start()
    _outcome(action)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def _zip_declaring(parts: int) -> bytes:
    """A sound .docx whose zip64 end record declares `parts` parts."""
    data = build([p("Article 1. Scope"), p("Text.")])
    end = data.rfind(b"PK\x05\x06")
    directory_size, directory_at = struct.unpack_from("<II", data, end + 12)
    record = struct.pack(
        "<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, parts, parts, directory_size, directory_at
    )
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, end, 1)
    return data[:end] + record + locator + data[end:]


def _roman_list() -> bytes:
    numbering = (
        f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0">'
        f'<w:start w:val="{10**12}"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/>'
        '</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        "</w:numbering>"
    )
    body = [p("Article 1. Scope"), *(p("Point.", num=(1, 0)) for _ in range(200))]
    return build(body, numbering=numbering)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    size = args.megabytes * 1_000_000
    with tempfile.TemporaryDirectory() as tmp, Store() as store:
        folder = Path(tmp)
        files = {
            "sound.txt": "Article 1\n\n" + "".join(f"{LINE}\n" for _ in range(300_000 // 78)),
            "one-line.txt": "Article 1\n" + LINE.strip() * (size // 78),
            "wrapped.txt": "Article 1\n" + LINE * (size // 78),
            "wrapped-300k.txt": "Article 1\n" + LINE * (300_000 // 78),
        }
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        notes = [
            {"id": f"urn:x:{i}", "type": "Annotation", "target": "/akn/x#art_1"}
            for i in range(MAX_ANNOTATIONS + 1)
        ]
        collection = {"@context": ANNO_CONTEXT, "type": "AnnotationPage", "items": notes}
        (folder / "notes.json").write_text(json.dumps(collection), encoding="utf-8")
        many, roman = _zip_declaring(1_400_000), _roman_list()
        cases: dict[str, Callable[[], object]] = {
            "sound 300 KB text draft (baseline)": lambda: convert_file(folder / "sound.txt"),
            f"{args.megabytes} MB on one line": lambda: convert_file(folder / "one-line.txt"),
            f"{args.megabytes} MB wrapped, one paragraph": lambda: convert_file(
                folder / "wrapped.txt"
            ),
            "300 KB wrapped, one paragraph": lambda: convert_file(folder / "wrapped-300k.txt"),
            "zip declaring 1.4 M parts": lambda: read_docx(many, "many.docx"),
            "Word list from 10^12 in Roman": lambda: read_docx(roman, "roman.docx"),
            f"{MAX_ANNOTATIONS + 1:,} annotations": lambda: import_annotations(
                store, folder / "notes.json"
            ),
        }
        print(f"Hostile input (median of {args.runs} runs; peak memory allocated):")
        baseline = None
        for name, action in cases.items():
            seconds = median_seconds(lambda a=action: _outcome(a), args.runs)
            baseline = baseline or seconds
            print(
                f"  {name:<36} {seconds:8.3f} s ({seconds / baseline:6.1f}x) "
                f"{_peak_mb(action):8.1f} MB  {_outcome(action)}"
            )


if __name__ == "__main__":
    main()
