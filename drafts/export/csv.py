"""The annotations of an export as CSV, for a spreadsheet.

One row per annotation (not per tag: a note with two tags is one position, and
counting it twice would skew every total); its tags are joined by "; ". Written in
UTF-8 with a byte-order mark, which is how Excel knows to read accented names right,
by the `csv` module, which quotes commas, quotes and line breaks in notes.

A cell that starts with "=", "+", "-", "@" or a tab would be run as a formula by a
spreadsheet: such cells get a leading apostrophe, the spreadsheets' own sign for
"this is text", so a note stays a note.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from drafts.export.model import ExportRequest, ExportRow, PlacedNote, note_quote

COLUMNS = (
    "number",
    "old provision",
    "new provision",
    "change",
    "annotated draft",
    "eid",
    "start",
    "end",
    "tags",
    "status",
    "note",
    "position holder",
    "quoted text",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render_csv(request: ExportRequest) -> str:
    """The CSV text, byte-order mark first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in request.rows:
        for placed in row.notes:
            writer.writerow([_cell(value) for value in _values(request, row, placed)])
    return "\ufeff" + out.getvalue()


def write_csv(request: ExportRequest, path: str | Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(render_csv(request))


def _values(request: ExportRequest, row: ExportRow, placed: PlacedNote) -> list[str]:
    note = placed.note
    start, end = placed.note.start, placed.note.end
    whole = placed.span is None
    return [
        str(placed.number),
        row.change.from_num,
        row.change.to_num,
        row.change.status,
        request.label(placed.side),
        note.eid,
        "" if whole or start is None else str(start),
        "" if whole or end is None else str(end),
        note.tag_names,
        note.status,
        note.note,
        note.holder,
        note_quote(row, placed),
    ]


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value
