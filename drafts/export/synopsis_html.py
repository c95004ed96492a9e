"""The synopsis as one self-contained HTML page: a table, one row per provision, one column
per draft, and a last column for the annotations.

A table, not columns that flow on their own, so a provision stands level in every
draft. Like the two-draft export, everything is in the file (no script, no font or
link to fetch) and every piece of text is escaped. Landscape when printed.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from drafts.comparing.diff import DELETE, INSERT, Segment
from drafts.export.model import DIFF_COLOURS, LEGISLATIVE, ExportNote, safe_colour, xml_text
from drafts.export.synopsis import (
    SynopsisRequest,
    date_line,
    deleted_paragraphs,
    lines,
    pieces,
)
from drafts.negotiation.synopsis import Cell
from drafts.wording import draft_name, plural

_C = DIFF_COLOURS
CSS = f"""
:root {{ color-scheme: light; }}
body {{ font: 14px/1.45 "Noto Serif", "DejaVu Serif", Georgia, serif; color: #1a1a1a;
  margin: 0; padding: 1.2em 1.5em 3em; background: #fff; }}
h1 {{ font-size: 1.5em; margin: 0 0 .3em; }}
p.about {{ color: {_C["muted"]}; margin: 0 0 1em; font-family: sans-serif; font-size: .9em; }}
table.synopsis {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
.synopsis th, .synopsis td {{ border: 0 solid {_C["rule"]}; border-width: 0 1px;
  padding: .1em .55em .35em; vertical-align: top; text-align: left;
  overflow-wrap: break-word; white-space: pre-wrap; }}
.synopsis thead th {{ border-width: 1px; }}
.synopsis tbody.provision {{ border-top: 1px solid {_C["rule"]}; }}
.synopsis tr.head td {{ padding-top: .5em; border-top: 1px solid {_C["rule"]}; }}
.synopsis td.notes {{ border-top: 1px solid {_C["rule"]}; }}
.synopsis thead th {{ background: {_C["bar"]}; font: 600 .9em/1.3 sans-serif;
  position: sticky; top: 0; }}
.synopsis thead .when {{ display: block; font-weight: normal; color: {_C["muted"]}; }}
.synopsis td p {{ margin: 0 0 .45em; white-space: pre-wrap; }}
.synopsis td p.title {{ font-weight: bold; }}
.synopsis .status {{ font: normal .75em/1.2 sans-serif; color: {_C["muted"]}; margin: 0 0 .3em;
  white-space: nowrap; }}
.synopsis td.absent {{ color: {_C["muted"]}; font-style: italic; background: #fafafa; }}
.synopsis td.notes {{ font: .85em/1.4 sans-serif; }}
.note {{ border-left: 4px solid; padding: .2em .5em; margin: 0 0 .5em; }}
.note .where {{ color: {_C["muted"]}; }}
del {{ text-decoration: line-through; color: {_C["deleted_text"]};
  background: {_C["deleted_back"]}; }}
ins {{ text-decoration: underline; color: {_C["inserted_text"]};
  background: {_C["inserted_back"]}; }}
body.legislative del, body.legislative ins {{ color: inherit; background: none; }}
body.legislative ins {{ text-decoration: underline; font-style: italic; }}
@media print {{
  @page {{ size: A4 landscape; margin: 12mm; }}
  body {{ font-size: 9pt; padding: 0; }}
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  .synopsis tr {{ break-inside: avoid; }}
  .synopsis tr.head {{ break-after: avoid; }}
}}
"""


def render_synopsis_html(request: SynopsisRequest) -> str:
    drafts = request.drafts
    style = ' class="legislative"' if request.style == LEGISLATIVE else ""
    heads = "".join(
        f"<th>{_esc(d.label or draft_name(d))}<span class=when>{_esc(date_line(d))}</span></th>"
        for d in drafts
    )
    if request.with_notes:
        heads += "<th>Notes and positions</th>"
    rows = "".join(_row(request, k) for k in range(len(request.synopsis.rows)))
    title = f"Synopsis: {draft_name(drafts[0])} to {draft_name(drafts[-1])}"
    about = (
        f"{plural(len(drafts), 'draft')}, {plural(len(request.synopsis.rows), 'provision')}"
        + (f", {plural(request.note_count(), 'annotation')}" if request.with_notes else "")
        + ". Each column is marked against the column to its left: "
        + "<del>deleted</del> and <ins>inserted</ins> words."
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_esc(title)}</title><style>{CSS}</style></head>"
        f"<body{style}><h1>{_esc(title)}</h1><p class=about>{about}</p>"
        f'<table class="synopsis"><thead><tr>{heads}</tr></thead>{rows}'
        "</table></body></html>\n"
    )


def write_synopsis_html(request: SynopsisRequest, path: str | Path) -> None:
    Path(path).write_text(render_synopsis_html(request), encoding="utf-8")


def _esc(text: str) -> str:
    return escape(xml_text(text))


def _row(request: SynopsisRequest, k: int) -> str:
    """A provision: a line of titles, then its paragraphs, each kept level with the
    paragraph it continues in every other column (`SynopsisRow.levels`)."""
    row = request.synopsis.rows[k]
    gone = {c: parts for c in range(len(row.cells)) if (parts := deleted_paragraphs(row, c))}
    heads = "".join(_head(cell, c in gone) for c, cell in enumerate(row.cells))
    if request.with_notes:
        span = len(row.levels) + 1
        notes = "".join(_note(n) for n in request.notes[k])
        heads += f"<td class=notes rowspan={span}>{notes}</td>"
    lines = [f"<tr class=head>{heads}</tr>"]
    paragraphs = [cell.paragraphs for cell in row.cells]
    for level in row.levels:
        tds = "".join(
            _line_cell(paragraphs[c], k, gone.get(c), level[c - 1] if c else None)
            for c, k in enumerate(level)
        )
        lines.append(f"<tr>{tds}</tr>")
    return f"<tbody class=provision>{''.join(lines)}</tbody>"


def _line_cell(
    paragraphs: list[list[Segment]], k: int | None, gone: list[str] | None, left: int | None
) -> str:
    """A cell of one line of the table: the column's paragraph there; or, where the
    column deleted the provision, the paragraph the column to its left has there, struck."""
    if k is not None:
        return f"<td>{_pieces(pieces(paragraphs[k]))}</td>"
    if gone is not None and left is not None:
        return f"<td class=absent><p><del>{_esc(gone[left])}</del></p></td>"
    return "<td></td>"


def _head(cell: Cell, text_below: bool = False) -> str:
    """A cell's number, heading and status; a deleted one's text struck through (unless
    it stands struck paragraph by paragraph on the lines below, `text_below`)."""
    if not cell.provisions:
        if cell.deleted:
            status = "<p class=title><span class=status>deleted</span></p>"
            struck = "" if text_below else f"<p><del>{_esc(cell.deleted)}</del></p>"
            return f"<td class=absent>{status}{struck}</td>"
        return "<td class=absent></td>"
    status = f" <span class=status>{_esc(cell.status)}</span>" if cell.status else ""
    heading = " ".join(_pieces(line) for line in lines(cell.heading))
    label = cell.numbers or ("" if heading else cell.title)  # "Preamble" only once
    title = " ".join(part for part in (_esc(label), heading) if part)
    return f"<td><p class=title>{title}{status}</p></td>"


def _pieces(line: list[tuple[str, str]]) -> str:
    out = []
    for op, text in line:
        if op == DELETE:
            out.append(f"<del>{_esc(text)}</del>")
        elif op == INSERT:
            out.append(f"<ins>{_esc(text)}</ins>")
        else:
            out.append(_esc(text))
    return "".join(out)


def _note(note: ExportNote) -> str:
    colour = safe_colour(note.tags[0].colour) if note.tags else "#bbbbbb"
    tags = ", ".join(t.name for t in note.tags)
    where = " · ".join(part for part in (tags, note.status) if part)
    quote = f"<p><i>“{_esc(note.quote)}”</i></p>" if note.quote else ""
    text = f"<p>{_esc(note.note)}</p>" if note.note else ""
    return (
        f'<div class=note style="border-color:{colour}">'
        f"<p class=where>{_esc(where)}</p>{quote}{text}</div>"
    )
