"""The synopsis as a document: what its HTML and Word writers share.

`drafts.negotiation.synopsis` aligns the drafts; this adds what an export needs: the
annotations of each row (placed on the latest drafts, as a two-draft export places
them), the look (`STYLES`), and the one entry the command line and the window call,
`write_synopsis`, which writes whole or not at all like every export.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from drafts.comparing.comparisons import compare_drafts
from drafts.comparing.diff import DELETE, EQUAL, EXACT, INSERT, DiffOptions, Segment
from drafts.export.model import COLOUR, STYLES, ExportNote
from drafts.files import write_atomically
from drafts.model import StoredDraft
from drafts.negotiation.synopsis import Synopsis, SynopsisRow, synopsis
from drafts.store import Store

SYNOPSIS_FORMATS = ("html", "docx", "pdf")

SynopsisWriter = Callable[["SynopsisRequest", Path], None]


@dataclass(frozen=True)
class SynopsisRequest:
    synopsis: Synopsis
    notes: tuple[tuple[ExportNote, ...], ...]
    """Per row, the annotations placed in it; all empty without the notes column."""
    with_notes: bool
    style: str = COLOUR

    @property
    def drafts(self) -> tuple[StoredDraft, ...]:
        return self.synopsis.drafts

    def note_count(self) -> int:
        return sum(len(n) for n in self.notes)


def synopsis_request(
    store: Store,
    drafts: Sequence[StoredDraft],
    with_notes: bool = True,
    style: str = COLOUR,
    options: DiffOptions = EXACT,
) -> SynopsisRequest:
    """The synopsis of `drafts` and, with `with_notes`, the annotations placed in the
    last two drafts (the latest text first), each in the row of its provision."""
    if style not in STYLES:
        raise ValueError(f"style must be one of {', '.join(STYLES)}, not {style!r}")
    found = synopsis(store, drafts, options)
    per_row: list[list[ExportNote]] = [[] for _ in found.rows]
    if with_notes:
        from drafts.export.notes import export_notes

        row_of = {
            (found.drafts[k].id, p.eid): r
            for r, row in enumerate(found.rows)
            for k, cell in enumerate(row.cells)
            for p in cell.provisions
        }
        last = compare_drafts(store, drafts[-2], drafts[-1], options)
        for note in export_notes(store, last).notes:
            if (note.draft_id, note.eid) in row_of:
                per_row[row_of[(note.draft_id, note.eid)]].append(note)
    return SynopsisRequest(found, tuple(tuple(n) for n in per_row), with_notes, style)


def write_synopsis(
    request: SynopsisRequest,
    fmt: str,
    path: str | Path,
    more: Mapping[str, SynopsisWriter] | None = None,
) -> None:
    """`request` as `fmt` ("html", "docx", or "pdf" when `more` brings its writer:
    the PDF is drawn by Qt, `viewer.synopsis_pdf`) at `path`, whole or not at all."""
    from drafts.export.formats import VERIFIERS

    if fmt not in SYNOPSIS_FORMATS:
        raise ValueError(f"a synopsis is written as {', '.join(SYNOPSIS_FORMATS)}, not {fmt!r}")
    writers = {**_writers(), **(more or {})}
    if fmt not in writers:
        raise ValueError(f"the {fmt} writer is not loaded here (the PDF needs viewer.synopsis_pdf)")
    write_atomically(path, lambda part: writers[fmt](request, part), VERIFIERS[fmt])


def _writers() -> Mapping[str, SynopsisWriter]:
    from drafts.export.synopsis_docx import write_synopsis_docx
    from drafts.export.synopsis_html import write_synopsis_html

    return {"html": write_synopsis_html, "docx": write_synopsis_docx}


def pieces(segments: Sequence[Segment]) -> list[tuple[str, str]]:
    """(op, text) of a cell's diff, as its own column reads it: its words and what it
    deleted from the column to its left, in order."""
    out: list[tuple[str, str]] = []
    for s in segments:
        if s.op == EQUAL:
            out.append((EQUAL, s.new))
        elif s.op == DELETE:
            out.append((DELETE, s.old))
        elif s.op == INSERT:
            out.append((INSERT, s.new))
    return out


def lines(segments: Sequence[Segment]) -> list[list[tuple[str, str]]]:
    """The pieces cut into the cell's lines (paragraphs and points), a change that
    spans a line break falling on both lines."""
    result: list[list[tuple[str, str]]] = [[]]
    for op, text in pieces(segments):
        for k, part in enumerate(text.split("\n")):
            if k:
                result.append([])
            if part:
                result[-1].append((op, part))
    return [line for line in result if line]


def date_line(draft: StoredDraft) -> str:
    """What a column's head says under the draft's name: its symbol and date."""
    return " · ".join(part for part in (draft.symbol, draft.date) if part)


def deleted_paragraphs(row: SynopsisRow, column: int) -> list[str] | None:
    """Where `column`'s draft deleted the row: the text the column to its left had, cut
    into that column's paragraphs, so each can stand struck on the line of the
    paragraph it was; None when the column did not delete the row (or the cut does not
    come out one piece a paragraph)."""
    cell = row.cells[column]
    if cell.provisions or not cell.deleted or column == 0:
        return None
    parts = cell.deleted.split("\n")
    return parts if len(parts) == len(row.cells[column - 1].paragraphs) else None
