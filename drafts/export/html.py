"""A comparison as one self-contained HTML page, for the screen and for print.

Everything is in the file: the stylesheet inline, no script, no font or image to fetch,
no link off the page (only `#note-N` anchors), so it opens the same offline, in a mail
attachment or years later. Every piece of draft or annotation text goes through
`html.escape`, and tag colours through `safe_colour`, so nothing a reader typed can
become markup. Deletions are struck through on a vermillion tint and insertions
underlined on a blue tint, as in the app; annotated text takes its tag's colour.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from drafts.comparing.diff import DELETE, EQUAL, INSERT
from drafts.export.model import (
    CHANGE_SEPARATOR,
    DIFF_COLOURS,
    INLINE,
    LEGISLATIVE,
    NEW,
    OLD,
    ExportRequest,
    ExportRow,
    Paragraph,
    Piece,
    PlacedNote,
    Tag,
    layout_sections,
    markers_by_place,
    needs_separator,
    note_quote,
    note_where,
    row_label,
    safe_colour,
    summary_facts,
    tags_present,
    tint,
    words_changed,
    xml_text,
)

_C = DIFF_COLOURS
CSS = f"""
:root {{ color-scheme: light; }}
body {{ font: 15px/1.5 "Noto Serif", "DejaVu Serif", Georgia, serif; color: #1a1a1a;
  margin: 0 auto; padding: 1.5em 2em 4em; max-width: 90em; background: #fff; }}
h1 {{ font-size: 1.6em; margin: 0 0 .6em; }}
table.facts {{ border-collapse: collapse; margin: 0 0 1em; }}
table.facts th {{ text-align: left; font-weight: 600; padding: .15em 1.2em .15em 0;
  color: {_C["muted"]}; vertical-align: top; }}
table.facts td {{ padding: .15em 0; }}
.key, .tags {{ margin: .3em 0; }}
.tag {{ display: inline-block; border: 1px solid; border-radius: .7em; padding: 0 .5em;
  font-size: .85em; line-height: 1.5; white-space: nowrap; }}
del, .del {{ text-decoration: line-through; color: {_C["deleted_text"]};
  background: {_C["deleted_back"]}; }}
ins, .ins {{ text-decoration: underline; color: {_C["inserted_text"]};
  background: {_C["inserted_back"]}; }}
mark {{ color: inherit; }}
body.legislative del, body.legislative .del, body.legislative ins, body.legislative .ins {{
  color: inherit; background: none; }}
body.legislative ins, body.legislative .ins {{ font-style: italic; }}
sup.marker {{ font: bold .72em/1 sans-serif; padding: 0 .25em; border-radius: .3em;
  margin-left: .1em; }}
sup.marker a {{ color: #1a1a1a; text-decoration: none; }}
section.provision {{ border-top: 1px solid {_C["rule"]}; margin: 1.6em 0 0; }}
h2.bar {{ font: 600 1em/1.4 sans-serif; background: {_C["bar"]}; margin: 0;
  padding: .35em .6em; display: flex; gap: 1em; flex-wrap: wrap; }}
h2.bar .status {{ font-weight: normal; }}
h2.bar .words {{ font-weight: normal; color: {_C["muted"]}; margin-left: auto; }}
.body {{ display: grid; gap: 0 1.6em; grid-template-columns: 1fr 1fr; }}
.body.has-notes {{ grid-template-columns: 1fr 1fr minmax(12em, 18em); }}
.inline .body {{ grid-template-columns: 1fr; }}
.inline .body.has-notes {{ grid-template-columns: 1fr minmax(12em, 20em); }}
.side-label {{ font: .8em/1.2 sans-serif; text-transform: uppercase; letter-spacing: .06em;
  color: {_C["muted"]}; margin: .8em 0 .3em; }}
.title p {{ font-weight: bold; margin: 0 0 .4em; }}
.text p, .fn p, .note-text {{ white-space: pre-wrap; overflow-wrap: break-word; }}
.text p {{ margin: 0 0 .55em; }}
.fn {{ font-size: .9em; }}
.fn p {{ margin: 0 0 .3em; }}
.fn-label {{ font: 600 .75em/1.2 sans-serif; text-transform: uppercase;
  letter-spacing: .08em; color: {_C["muted"]}; margin: .9em 0 .3em !important; }}
.absent {{ font-style: italic; color: {_C["muted"]}; }}
aside.notes {{ font: .85em/1.4 sans-serif; padding-top: .8em; }}
.note {{ border-left: 4px solid; padding: .3em .6em; margin: 0 0 .7em; background: #fafafa; }}
.note p {{ margin: .2em 0; }}
.note-head {{ color: {_C["muted"]}; }}
.quote {{ font-style: italic; }}
@media screen and (max-width: 60em) {{
  .body, .body.has-notes {{ grid-template-columns: 1fr; }}
}}
@media print {{
  @page {{ size: A4; margin: 15mm 14mm; }}
  body {{ font-size: 10pt; padding: 0; max-width: none; }}
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  .body.has-notes {{ grid-template-columns: 1fr 1fr; }}
  .inline .body.has-notes {{ grid-template-columns: 1fr; }}
  aside.notes {{ grid-column: 1 / -1; }}
  section.provision.short {{ break-inside: avoid; }}
  h2.bar {{ break-after: avoid; }}
}}
"""


def render_html(request: ExportRequest) -> str:
    """The whole page."""
    layout_class = "inline" if request.layout == INLINE else "side-by-side"
    if request.style == LEGISLATIVE:
        layout_class += " legislative"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="Travaux">',
        f"<title>{_esc(request.heading)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        f'<body class="{layout_class}">',
        _summary(request),
        "<main>",
        *(_provision(request, n, row) for n, row in enumerate(request.rows, 1)),
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def write_html(request: ExportRequest, path: str | Path) -> None:
    Path(path).write_text(render_html(request), encoding="utf-8")


def _esc(text: str) -> str:
    return escape(xml_text(text), quote=True)


def _summary(request: ExportRequest) -> str:
    rows = "".join(
        f"<tr><th>{_esc(label)}</th><td>{_esc(value)}</td></tr>"
        for label, value in summary_facts(request)
    )
    tags = tags_present(request)
    tag_line = (
        '<p class="tags">Tags: '
        + " ".join(f"{_tag(tag)}&nbsp;{count}" for tag, count in tags)
        + "</p>"
        if tags
        else ""
    )
    key = (
        '<p class="key">Key: <del>deleted</del> <ins>inserted</ins> '
        '· a number such as <sup class="marker" style="background:#ddd">1</sup> '
        "marks an annotation, listed beside its provision</p>"
    )
    return (
        f'<header class="summary"><h1>{_esc(request.heading)}</h1>'
        f'<table class="facts">{rows}</table>{tag_line}{key}</header>'
    )


def _tag(tag: Tag) -> str:
    colour = safe_colour(tag.colour)
    return (
        f'<span class="tag" style="background:{tint(colour)};border-color:{colour}">'
        f"{_esc(tag.name)}</span>"
    )


def _provision(request: ExportRequest, number: int, row: ExportRow) -> str:
    change = row.change
    classes = f"provision status-{change.status}" + (" short" if row.short else "")
    words = words_changed(change)
    bar = (
        f'<h2 class="bar"><span class="name">{_esc(row_label(change))}</span> '
        f'<span class="status">{_esc(change.status)}'
        f"{' (uncertain pairing)' if change.uncertain else ''}</span>"
        + (f' <span class="words">{_esc(words)}</span>' if words else "")
        + "</h2>"
    )
    colours = _note_colours(row)
    if request.layout == INLINE:
        columns = [_column(request, row, INLINE, colours)]
    else:
        columns = [_column(request, row, side, colours) for side in (OLD, NEW)]
    notes = _notes_box(request, row)
    body_class = "body has-notes" if notes else "body"
    return (
        f'<section class="{classes}" id="row-{number}">{bar}'
        f'<div class="{body_class}">{"".join(columns)}{notes}</div></section>'
    )


def _note_colours(row: ExportRow) -> dict[int, str]:
    """Note number -> the colour its text and marker are tinted with: its first tag's."""
    return {
        n.number: safe_colour(n.note.tags[0].colour) if n.note.tags else "#bbbbbb"
        for n in row.notes
    }


def _column(request: ExportRequest, row: ExportRow, side: str, colours: dict[int, str]) -> str:
    label = f"{request.old.label} → {request.new.label}" if side == INLINE else request.label(side)
    head = f'<p class="side-label">{_esc(label)}</p>'
    present = side == INLINE or bool(row.change.old if side == OLD else row.change.new)
    if not present:
        return f'<div class="side {side}">{head}<p class="absent">Not in this draft.</p></div>'
    whole = [n.number for n in row.whole_notes(None if side == INLINE else side)]
    blocks = []
    for name, paras in layout_sections(row, side):
        markers = markers_by_place(paras)
        last = len(paras) - 1
        html = "".join(_paragraph(p, k, last, markers, colours) for k, p in enumerate(paras))
        if name == "title":
            html = html[: -len("</p>")] + _markers(whole, colours) + "</p>" if whole else html
            blocks.append(f'<div class="title">{html}</div>')
        elif name == "text":
            blocks.append(f'<div class="text">{html}</div>')
        else:
            blocks.append(f'<div class="fn"><p class="fn-label">Notes</p>{html}</div>')
    return f'<div class="side {side}">{head}{"".join(blocks)}</div>'


def _paragraph(
    para: Paragraph,
    k: int,
    last: int,
    markers: dict[tuple[int, int], list[int]],
    colours: dict[int, str],
) -> str:
    out = []
    for i, piece in enumerate(para.pieces):
        if i and needs_separator(para.pieces[i - 1], piece):
            out.append(CHANGE_SEPARATOR)
        out.append(_piece(piece, colours))
        out.append(_markers(markers.get((k, i), []), colours))
    if para.mark != EQUAL and k < last:  # a line break only one text has, as Word shows it
        out.append(_wrap(para.mark, "¶"))
    return f"<p>{''.join(out) or '<br>'}</p>"


def _piece(piece: Piece, colours: dict[int, str]) -> str:
    text = _esc(piece.text)
    if piece.notes:
        text = f'<mark style="background:{tint(colours[piece.notes[0]])}">{text}</mark>'
    return _wrap(piece.op, text)


def _wrap(op: str, html: str) -> str:
    if op == DELETE:
        return f"<del>{html}</del>"
    if op == INSERT:
        return f"<ins>{html}</ins>"
    return html


def _markers(numbers: list[int], colours: dict[int, str]) -> str:
    """Numbered markers, each number between hair spaces so that it never runs into
    the word before it when the text is copied or searched."""
    return "".join(
        f'<sup class="marker" style="background:{tint(colours[n], 0.55)}">'
        f'<a href="#note-{n}">&#8202;{n}&#8202;</a></sup>'
        for n in numbers
    )


def _notes_box(request: ExportRequest, row: ExportRow) -> str:
    if not row.notes:
        return ""
    return '<aside class="notes">' + "".join(_note(request, row, n) for n in row.notes) + "</aside>"


def _note(request: ExportRequest, row: ExportRow, placed: PlacedNote) -> str:
    note = placed.note
    colour = safe_colour(note.tags[0].colour) if note.tags else "#bbbbbb"
    head = [
        _markers([placed.number], {placed.number: colour}),
        *(_tag(t) for t in note.tags),
        f'<span class="status">{_esc(note.status)}</span>',
    ]
    if note.holder:
        head.append(f'<span class="holder">position held by {_esc(note.holder)}</span>')
    head.append(f'<span class="where">· {_esc(note_where(request, placed))}</span>')
    quote = note_quote(row, placed)
    return (
        f'<div class="note" id="note-{placed.number}" style="border-color:{colour}">'
        f'<p class="note-head">{" ".join(head)}</p>'
        + (f'<p class="note-text">{_esc(note.note)}</p>' if note.note else "")
        + (f'<p class="quote">“{_esc(quote)}”</p>' if quote else "")
        + "</div>"
    )
