"""The synopsis as a PDF (issue 19): every word of every draft in its column, in reading
order; each provision and each of its paragraphs level across the columns; the column
heads on every page; made without a window, from the command line too.

Words and their places are read back with pdfium (pypdfium2, which the PDF import
uses), so the test needs nothing outside the project's own dependencies.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from drafts.comparing.diff import WORD
from drafts.export.model import CHANGE_SEPARATOR, LEGISLATIVE, Piece, needs_separator
from drafts.export.synopsis import (
    SynopsisRequest,
    deleted_paragraphs,
    lines,
    pieces,
    synopsis_request,
)
from drafts.negotiation.synopsis import Cell
from drafts.store import Store
from main import main
from tests.builders import annotate
from viewer.synopsis_pdf import _writer, page_frame, write_synopsis_file

MARGIN_PT = 12 / 25.4 * 72
PX_PT = 72 / 96


@dataclass(frozen=True)
class Word:
    page: int
    x: float
    top: float
    bottom: float
    text: str


def _words_of(pdf: Path) -> list[Word]:
    """Every word with its page and box, y from the top of the page (as poppler's
    `pdftotext -bbox` gives them): a word ends at a space, a line end, or a gap."""
    import pypdfium2  # type: ignore[import-untyped]

    words: list[Word] = []
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for number in range(len(document)):
            page = document[number]
            height = page.get_height()
            text_page = page.get_textpage()
            chars: list[tuple[str, tuple[float, float, float, float]]] = []
            for i in range(text_page.count_chars()):
                chars.append((text_page.get_text_range(i, 1), text_page.get_charbox(i, loose=True)))
            words.extend(_words_on(number, height, chars))
            text_page.close()
            page.close()
    finally:
        document.close()
    return words


def _words_on(
    page: int, height: float, chars: list[tuple[str, tuple[float, float, float, float]]]
) -> list[Word]:
    """Characters into words: a word ends at a space, or where the next character is
    not on its line (their heights do not overlap) or stands apart from it."""
    words: list[Word] = []
    text, left, top, bottom, right = "", 0.0, 0.0, 0.0, 0.0
    for char, (x0, y0, x1, y1) in chars:
        char_top, char_bottom = height - y1, height - y0
        size = max(bottom - top, char_bottom - char_top, 1.0)
        off_line = char_top > bottom or char_bottom < top
        apart = bool(text) and (off_line or x0 - right > size / 3 or x0 < left)
        if char.isspace() or apart:
            if text:
                words.append(Word(page, left, top, bottom, text))
            text = ""
            if char.isspace():
                continue
        if not text:
            left, top, bottom = x0, char_top, char_bottom
        text += char
        right = x1
        top, bottom = min(top, char_top), max(bottom, char_bottom)
    if text:
        words.append(Word(page, left, top, bottom, text))
    return words


def _reading_order(words: list[Word]) -> list[list[Word]]:
    """One column's words as lines, page by page and top to bottom: a word whose middle
    lies within a line's height is on that line (a smaller status word beside a bold
    title is too)."""
    result: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.page, w.top, w.x)):
        middle = (word.top + word.bottom) / 2
        last = result[-1] if result else None
        if last and last[0].page == word.page and last[0].top <= middle <= last[0].bottom:
            last.append(word)
        else:
            result.append([word])
    return [sorted(line, key=lambda w: w.x) for line in result]


@dataclass(frozen=True)
class Table:
    columns: list[list[tuple[str, Word]]]
    """Each column's tokens (as `WORD` splits them) in reading order, with their word."""
    heads: list[list[Word]]
    """Each page's words above the table's body: the title, key and column heads."""
    feet: list[list[Word]]
    """Each page's words below it: the provisions on the page, the page number."""
    pages: int


def _table(request: SynopsisRequest, pdf: Path, probe: Path) -> Table:
    frame = page_frame(_writer(request, probe), request)
    edges = [MARGIN_PT + x * PX_PT for x in [*frame.grid.lefts, frame.grid.right]]
    top = MARGIN_PT + frame.body.top() * PX_PT
    bottom = MARGIN_PT + frame.body.bottom() * PX_PT
    words = _words_of(pdf)
    pages = max(w.page for w in words) + 1
    heads: list[list[Word]] = [[] for _ in range(pages)]
    feet: list[list[Word]] = [[] for _ in range(pages)]
    by_column: list[list[Word]] = [[] for _ in edges[:-1]]
    for word in words:
        middle = (word.top + word.bottom) / 2
        if middle < top:
            heads[word.page].append(word)
        elif middle < bottom:
            column = next(k for k in range(len(edges) - 1) if word.x < edges[k + 1])
            by_column[column].append(word)
        else:
            feet[word.page].append(word)
    columns = [
        [(token, w) for line in _reading_order(ws) for w in line for token in WORD.findall(w.text)]
        for ws in by_column
    ]
    return Table(columns, heads, feet, pages)


def _text(line: list[tuple[str, str]]) -> list[str]:
    """A line's words as written: a deleted word and the inserted one touching it are
    two words (a thin space between them)."""
    out: list[str] = []
    before: Piece | None = None
    for op, text in line:
        piece = Piece(op, text)
        out.append((CHANGE_SEPARATOR if needs_separator(before, piece) else "") + text)
        before = piece
    return WORD.findall("".join(out))


def _expected(cell: Cell, text_below: bool) -> list[str]:
    """A cell's title line as the PDF writes it: number, heading (with its changes) and
    status; a deleted provision's "deleted" and the text it had, unless that stands
    paragraph by paragraph on the lines below (`text_below`)."""
    if not cell.provisions:
        if not cell.deleted:
            return []
        return ["deleted"] if text_below else ["deleted", *WORD.findall(cell.deleted)]
    heading = [w for line in lines(cell.heading) for w in _text(line)]
    label = cell.numbers or ("" if heading else cell.title)
    return [*WORD.findall(label), *heading, *WORD.findall(cell.status)]


def _lines_of(request: SynopsisRequest, column: int) -> list[tuple[tuple[int, int], list[str]]]:
    """Every line of the table in a column: ((row, line), its tokens), empty ones left out."""
    out = []
    for r, row in enumerate(request.synopsis.rows):
        cell = row.cells[column]
        gone = deleted_paragraphs(row, column)
        out.append(((r, 0), _expected(cell, gone is not None)))
        paragraphs = cell.paragraphs
        for n, level in enumerate(row.levels, 1):
            k = level[column]
            if k is not None:
                out.append(((r, n), _text(pieces(paragraphs[k]))))
            elif gone is not None and (left := level[column - 1]) is not None:
                out.append(((r, n), WORD.findall(gone[left])))
    return [(key, tokens) for key, tokens in out if tokens]


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[SynopsisRequest, Table]:
    """The demo's five drafts as a PDF synopsis, read back (made once: 4 s)."""
    from drafts.demo import import_demo

    folder = tmp_path_factory.mktemp("synopsis")
    with Store() as store:
        import_demo(store)
        request = synopsis_request(store, store.drafts(), with_notes=False)
    out = folder / "synopsis.pdf"
    write_synopsis_file(request, "pdf", out)
    return request, _table(request, out, folder / "probe.pdf")


def test_every_word_of_every_draft_is_in_its_column_in_reading_order(
    demo_pdf: tuple[SynopsisRequest, Table],
) -> None:
    request, table = demo_pdf
    assert len(table.columns) == 5
    for column, draft in enumerate(request.drafts):
        tokens = [t for t, _ in table.columns[column]]
        expected = [t for _, line in _lines_of(request, column) for t in line]
        assert tokens == expected, draft.label
        own = Counter(
            WORD.findall(
                " ".join(f"{p.num} {p.heading} {p.text}" for p in _provisions(request, column))
            )
        )
        assert not own - Counter(tokens), draft.label  # the draft's every word, at least


def _provisions(request: SynopsisRequest, column: int) -> list:  # type: ignore[type-arg]
    return [p for row in request.synopsis.rows for p in row.cells[column].provisions]


def test_each_provision_and_paragraph_starts_level_in_every_column(
    demo_pdf: tuple[SynopsisRequest, Table],
) -> None:
    """Where each line of the table starts, per column: on the same page, at the same
    height, in every column that has it (a line that one column could not start on
    what is left of a page starts on the next one, in every column)."""
    request, table = demo_pdf
    starts: dict[tuple[int, int], list[tuple[int, float]]] = {}
    for column in range(len(request.drafts)):
        tokens = iter(table.columns[column])
        for key, line in _lines_of(request, column):
            first = next(tokens)[1]
            for _ in line[1:]:
                next(tokens)
            starts.setdefault(key, []).append((first.page, first.top))
    assert len(starts) > 400
    for key, places in starts.items():
        assert len({page for page, _ in places}) == 1, (key, places)
        tops = [top for _, top in places]
        assert max(tops) - min(tops) < 1.0, (key, places)


def test_the_column_heads_are_on_every_page_and_its_foot_names_its_provisions(
    demo_pdf: tuple[SynopsisRequest, Table],
) -> None:
    request, table = demo_pdf
    assert table.pages > 20
    for page, words in enumerate(table.heads):
        text = " ".join(w.text for w in sorted(words, key=lambda w: (w.top, w.x)))
        for draft in request.drafts:
            assert draft.symbol in text, (page, draft.label)
        assert text.startswith("Synopsis: Zero draft (2023-01-16, A/AC.305/7)")
    titles = [row.last_title() for row in request.synopsis.rows]
    for page, words in enumerate(table.feet):
        foot = " ".join(w.text for w in sorted(words, key=lambda w: w.x))
        assert foot.endswith(f"Page {page + 1} of {table.pages}")
        first, _, last = foot.removesuffix(f" Page {page + 1} of {table.pages}").partition(" – ")
        assert first in titles and (not last or last in titles), foot  # rows by name
    assert " ".join(w.text for w in table.feet[0]).startswith("Preamble")


def test_the_notes_column_holds_each_annotation_beside_its_provision(
    tmp_path: Path, demo: Store
) -> None:
    drafts = demo.drafts()
    annotate(demo, drafts[-1], "art_24", "human rights", note="Keep the safeguard in full.")
    request = synopsis_request(demo, drafts, style=LEGISLATIVE)
    out = tmp_path / "notes.pdf"
    write_synopsis_file(request, "pdf", out)
    table = _table(request, out, tmp_path / "probe.pdf")
    assert len(table.columns) == 6
    notes = [t for t, _ in table.columns[5]]
    assert notes == ["open", "human", "rights", "Keep", "the", "safeguard", "in", "full"]
    (k,) = [k for k, n in enumerate(request.notes) if n]
    number = WORD.findall(request.synopsis.rows[k].cells[-1].numbers)
    title = next(w for t, w in table.columns[4] if t == number[0] and _after(table, 4, w, number))
    note = table.columns[5][0][1]  # beside the provision's title, in the last draft's column
    assert note.page == title.page and abs(note.top - title.top) < 2, (note, title)


def _after(table: Table, column: int, word: Word, tokens: list[str]) -> bool:
    """Whether `word` starts `tokens` in the column."""
    found = [t for t, _ in table.columns[column]]
    at = next(k for k, (_, w) in enumerate(table.columns[column]) if w is word)
    return found[at : at + len(tokens)] == tokens


def test_the_command_line_writes_a_pdf_synopsis(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "--demo", "--db", str(db_file)]) == 0
    out = tmp_path / "four-column.pdf"
    assert main(["synopsis", "--format", "pdf", "-o", str(out), "--db", str(db_file)]) == 0
    assert capsys.readouterr().out.endswith(f"wrote {out}: 5 drafts, 72 provisions\n")
    assert out.read_bytes().startswith(b"%PDF-")
    words = {w.text for w in _words_of(out)}
    assert {"Article", "Final", "referendum"} <= words
