"""Which writer makes which format, and the check that each file came out whole.

The PDF is drawn by Qt, which the core never imports: `viewer.export_pdf` adds its
writer to `CORE_WRITERS`, so the command line loads Qt only for a PDF.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

from drafts.export.csv import write_csv
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
    """A PDF opens with its version and ends with `%%EOF`; a cut one does not."""
    with path.open("rb") as f:
        head = f.read(5)
        f.seek(max(0, path.stat().st_size - 1024))
        tail = f.read()
    if head != b"%PDF-":
        return "no PDF header"
    return "" if b"%%EOF" in tail else "no end of PDF"


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
    return "" if path.stat().st_size > 0 else "empty"


VERIFIERS: Mapping[str, Callable[[Path], str]] = {
    "html": _html_problem,
    "pdf": _pdf_problem,
    "docx": _docx_problem,
    "csv": _csv_problem,
}
