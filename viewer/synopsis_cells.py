"""The synopsis PDF's cells as Qt's HTML: titles, paragraphs with their changes marked,
struck text, notes, the column heads and the strip atop every page.

Qt reads a subset of HTML 4 and CSS; the marks are the two-draft PDF's
(`viewer.export_pdf`): deleted words struck on vermillion, inserted ones underlined on
blue, or the black-and-white legislative look.
"""

from __future__ import annotations

from collections.abc import Sequence

from drafts.comparing.diff import DELETE, INSERT, Segment
from drafts.export.model import (
    CHANGE_SEPARATOR,
    DIFF_COLOURS,
    LEGISLATIVE,
    ExportNote,
    Piece,
    needs_separator,
    safe_colour,
)
from drafts.export.synopsis import SynopsisRequest, date_line, lines, pieces
from drafts.negotiation.synopsis import Cell
from drafts.wording import draft_name, plural
from viewer.export_pdf import SANS, _esc, _wrap

HEAD_POINTS = 7.5
_C = DIFF_COLOURS


def title(request: SynopsisRequest) -> str:
    """As the HTML synopsis is titled: the first and last drafts, dates and symbols."""
    drafts = request.drafts
    return f"Synopsis: {draft_name(drafts[0])} to {draft_name(drafts[-1])}"


def title_html(cell: Cell, plain: bool, text_below: bool = False) -> str:
    """A cell's number, heading and status; a deleted one's text struck through (unless
    it stands struck paragraph by paragraph on the lines below, `text_below`)."""
    status_style = f"font-family:{SANS[0]};font-size:6.5pt;font-weight:normal;color:{_C['muted']}"
    if not cell.provisions:
        if not cell.deleted:
            return ""
        said = f'<p style="margin:0"><span style="{status_style}">deleted</span></p>'
        return said if text_below else said + struck_html(cell.deleted, plain)
    heading = " ".join(_pieces(line, plain) for line in lines(cell.heading))
    label = cell.numbers or ("" if heading else cell.title)
    title = " ".join(part for part in (_esc(label), heading) if part)
    status = f' <span style="{status_style}">{_esc(cell.status)}</span>' if cell.status else ""
    return f'<p style="font-weight:bold;margin:0">{title}{status}</p>'


def struck_html(text: str, plain: bool) -> str:
    return f'<p style="white-space:pre-wrap;margin:0">{_wrap(DELETE, _esc(text), plain=plain)}</p>'


def paragraph_html(segments: Sequence[Segment], plain: bool) -> str:
    text = _pieces(pieces(segments), plain)
    return f'<p style="white-space:pre-wrap;margin:0">{text}</p>'


def _pieces(line: list[tuple[str, str]], plain: bool) -> str:
    """A line's words, its changes marked; a thin space between a deleted word and
    the inserted one that touches it, so they copy and search as two words."""
    out = []
    before: Piece | None = None
    for op, text in line:
        piece = Piece(op, text)
        if needs_separator(before, piece):
            out.append(CHANGE_SEPARATOR)
        out.append(_wrap(op, _esc(text), plain=plain) if op in (DELETE, INSERT) else _esc(text))
        before = piece
    return "".join(out)


def notes_html(notes: tuple[ExportNote, ...]) -> str:
    out = []
    for note in notes:
        colour = safe_colour(note.tags[0].colour) if note.tags else "#bbbbbb"
        where = " · ".join(p for p in (", ".join(t.name for t in note.tags), note.status) if p)
        body = [f'<span style="color:{_C["muted"]}">{_esc(where)}</span>']
        if note.quote:
            body.append(f"<i>“{_esc(note.quote)}”</i>")
        if note.note:
            body.append(f'<span style="white-space:pre-wrap">{_esc(note.note)}</span>')
        out.append(f'<tr><td width="3" bgcolor="{colour}"></td><td>{"<br>".join(body)}</td></tr>')
    return (
        f'<table width="100%" cellspacing="0" cellpadding="2" '
        f'style="font-family:{SANS[0]};margin-bottom:4px">{"".join(out)}</table>'
    )


def head_html(request: SynopsisRequest, column: int) -> str:
    if column == len(request.drafts):
        name, when = "Notes and positions", ""
    else:
        draft = request.drafts[column]
        name, when = draft.label or draft_name(draft), date_line(draft)
    return (
        f'<p style="font-family:{SANS[0]};font-size:{HEAD_POINTS}pt;font-weight:600;margin:0">'
        f"{_esc(name)}</p>"
        f'<p style="font-family:{SANS[0]};font-size:{HEAD_POINTS - 0.5}pt;color:{_C["muted"]};'
        f'margin:0">{_esc(when)}</p>'
    )


def strip_html(request: SynopsisRequest) -> str:
    plain = request.style == LEGISLATIVE
    rows = request.synopsis.rows
    key = (
        f"{plural(len(request.drafts), 'draft')}, {plural(len(rows), 'provision')}. "
        "Each column is marked against the column to its left: "
        f"{_wrap(DELETE, 'deleted', plain=plain)} and {_wrap(INSERT, 'inserted', plain=plain)} "
        "words; a paragraph the column to the left did not have stands on a line of its own."
    )
    return (
        f'<table width="100%" cellspacing="0" cellpadding="0" '
        f'style="font-family:{SANS[0]};font-size:7pt"><tr>'
        f'<td width="45%"><b style="font-size:9pt">{_esc(title(request))}</b></td>'
        f'<td align="right" style="color:{_C["muted"]}">{key}</td></tr></table>'
    )
