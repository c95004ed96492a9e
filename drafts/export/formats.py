"""Which writer makes which format, and the check that each file came out whole.

The PDF is drawn by Qt, which the core never imports: `viewer.export_pdf` adds its
writer to `CORE_WRITERS`, so the command line loads Qt only for a PDF.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

from drafts.export.csv import COLUMNS, write_csv
from drafts.export.docx import write_docx
from drafts.export.html import write_html
from drafts.export.model import ExportRequest
from drafts.files import write_atomically

FORMATS = ("html", "pdf", "docx", "csv")

Writer = Callable[[ExportRequest, Path], None]

CORE_WRITERS: Mapping[str, Writer] = {"html": write_html, "docx": write_docx, "csv": write_csv}


def write_export(
    request: ExportRequest, fmt: str, path: str | Path, writers: Mapping[str, Writer] = CORE_WRITERS
) -> None:
    """Write `request` as `fmt` to `path`, whole or not at all (see `drafts.files`)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt not in writers:
        raise ValueError(f"the {fmt} writer is not loaded here (the PDF needs viewer.export_pdf)")
    write_atomically(path, lambda part: writers[fmt](request, part), VERIFIERS[fmt])


def _pdf_problem(path: Path) -> str:
    """A PDF opens with its version, ends with `%%EOF`, and its cross-reference table
    points at every object it lists: a file cut short, or with a stretch that never
    reached the disk, fails one of these (Qt's writer does not always say so itself)."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        return "no PDF header"
    if b"%%EOF" not in data[-1024:]:
        return "no end of PDF"
    return _xref_problem(data)


def _xref_problem(data: bytes) -> str:
    """What is wrong with the classic cross-reference table `startxref` names, if
    anything: each object in use must start where the table says."""
    at = data.rfind(b"startxref")
    try:
        table = int(data[at + len(b"startxref") :].split()[0])
    except (IndexError, ValueError):
        return "no cross-reference offset"
    head = data[table : table + 64].split(b"\n", 2)
    if len(head) < 3 or head[0].strip() != b"xref":
        return "no cross-reference table where the file says"
    try:
        first, count = (int(n) for n in head[1].split())
    except ValueError:
        return "a damaged cross-reference table"
    entries = table + len(head[0]) + len(head[1]) + 2
    for k in range(count):
        entry = data[entries + 20 * k : entries + 20 * k + 20].split()
        if len(entry) != 3 or entry[2] not in (b"n", b"f"):
            return "a damaged cross-reference table"
        number = first + k
        if entry[2] == b"n" and not data.startswith(b"%d 0 obj" % number, int(entry[0])):
            return f"object {number} is not where the file says"
    return ""


def _docx_problem(path: Path) -> str:
    """A Word file is a zip whose every member reads back with its checksum."""
    try:
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
    except (zipfile.BadZipFile, OSError) as exc:
        return f"not a readable zip: {exc}"
    return f"the part {bad} is damaged" if bad else ""


def _html_problem(path: Path) -> str:
    with path.open("rb") as f:
        f.seek(max(0, path.stat().st_size - 64))
        tail = f.read()
    return "" if b"</html>" in tail else "no end of document"


def _csv_problem(path: Path) -> str:
    """Our CSV starts with a byte-order mark and the header, every record has every
    column, and the last ends with its line break: a cut file breaks one of these."""
    data = path.read_bytes()
    if not data.startswith(codecs.BOM_UTF8):
        return "no byte-order mark"
    if not data.endswith(b"\r\n"):
        return "the last row is cut"
    try:
        records = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    except (UnicodeDecodeError, csv.Error) as exc:
        return f"not readable as CSV: {exc}"
    if not records or tuple(records[0]) != COLUMNS:
        return "no header row"
    short = next((n for n, r in enumerate(records, 1) if len(r) != len(COLUMNS)), 0)
    return f"row {short} has {len(records[short - 1])} columns" if short else ""


VERIFIERS: Mapping[str, Callable[[Path], str]] = {
    "html": _html_problem,
    "pdf": _pdf_problem,
    "docx": _docx_problem,
    "csv": _csv_problem,
}
