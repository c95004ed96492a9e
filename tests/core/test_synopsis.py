"""The synopsis, the four-column document (issue 19): every draft a column, every
provision a row, each column marked against the one to its left; as HTML and as a Word
table, every word of every draft in its place."""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree, html

from drafts.comparing.compare import Status
from drafts.comparing.diff import DELETE, INSERT, new_text
from drafts.export.model import LEGISLATIVE
from drafts.export.synopsis import synopsis_request, write_synopsis
from drafts.model import Provision, StoredDraft
from drafts.negotiation.synopsis import Synopsis, synopsis
from drafts.store import Store
from main import main
from tests.builders import annotate

WORD = re.compile(r"\w+")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def drafts(demo: Store) -> list[StoredDraft]:
    return demo.drafts()


@pytest.fixture
def found(demo: Store, drafts: list[StoredDraft]) -> Synopsis:
    return synopsis(demo, drafts)


def test_every_provision_of_every_draft_is_in_exactly_one_row(
    demo: Store, drafts: list[StoredDraft], found: Synopsis
) -> None:
    for k, d in enumerate(drafts):
        held = Counter(p.eid for row in found.rows for p in row.cells[k].provisions)
        assert held == Counter(p.eid for p in demo.provisions(d.id))


def test_each_cell_shows_its_own_text_exactly_and_the_first_column_plainly(
    found: Synopsis,
) -> None:
    for row in found.rows:
        first = row.cells[0]
        assert all(s.op not in (DELETE, INSERT) for s in first.text)
        for cell in row.cells:
            assert new_text(cell.text) == "\n".join(p.text for p in cell.provisions)


def test_a_split_is_one_row_with_both_pieces_in_the_later_draft(found: Synopsis) -> None:
    (row,) = [r for r in found.rows if r.cells[2].status == Status.SPLIT]
    assert len(row.cells[1].provisions) == 1
    assert row.cells[2].title == "Article 24 + Article 25"
    assert row.last_title() == "Article 24 + Article 25"  # both stay in one row after


def test_an_added_provision_comes_after_the_one_it_follows_and_is_all_inserted(
    found: Synopsis,
) -> None:
    titles = [row.last_title() for row in found.rows]
    k = next(k for k, r in enumerate(found.rows) if r.cells[2].status == Status.ADDED)
    row = found.rows[k]
    assert not row.cells[0].provisions and not row.cells[1].provisions
    assert all(s.op == INSERT for s in row.cells[2].text)
    before = found.rows[k - 1].cells[2].provisions[-1]
    assert before.position == row.cells[2].provisions[0].position - 1
    assert titles[:4] == ["Preamble", "Article 1", "Article 2", "Article 3"]


def test_a_deleted_provision_says_so_with_the_text_it_had(found: Synopsis) -> None:
    deleted = [
        (r, k) for r in found.rows for k, c in enumerate(r.cells) if c.status == Status.DELETED
    ]
    assert deleted
    for row, k in deleted:
        assert row.cells[k].deleted == "\n".join(p.text for p in row.cells[k - 1].provisions)
        assert all(not c.provisions for c in row.cells[k:])


def test_each_paragraph_stands_once_level_with_the_one_it_continues(found: Synopsis) -> None:
    for row in found.rows:
        for c, cell in enumerate(row.cells):
            placed = [level[c] for level in row.levels if level[c] is not None]
            assert placed == list(range(len(cell.paragraphs)))  # each once, in order
    (preamble,) = [r for r in found.rows if r.last_title() == "Preamble"]
    convinced = [
        level
        for level in preamble.levels
        if all(
            k is not None and "Convinced that such crime" in new_text(cell.paragraphs[k])
            for cell, k in zip(preamble.cells, level, strict=True)
        )
    ]
    assert len(convinced) == 1  # on one line of the table in all five drafts


def test_a_new_paragraph_sharing_only_its_first_word_does_not_take_the_line(
    found: Synopsis,
) -> None:
    """The first revised draft adds "Recognizing further the importance…" before
    "Recognizing also that…", which it keeps: the kept paragraph stays level with the
    zero draft's, the new one stands on a line of its own."""
    (preamble,) = [r for r in found.rows if r.last_title() == "Preamble"]

    def line_of(text: str) -> list[int]:
        return [
            n
            for n, level in enumerate(preamble.levels)
            for cell, k in zip(preamble.cells, level, strict=True)
            if k is not None and new_text(cell.paragraphs[k]).startswith(text)
        ]

    also = line_of("Recognizing also that")
    assert len(also) == 5 and len(set(also)) == 1  # every draft, one line
    further = line_of("Recognizing further")
    assert len(further) == 4 and set(further) == {also[0] - 1}
    assert preamble.levels[also[0] - 1][0] is None  # the zero draft has nothing there


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _expected(provisions: tuple[Provision, ...]) -> Counter[str]:
    """The words of a cell: number, heading and text of each of its provisions (a split's
    numbers come first, then its headings: compared as a multiset)."""
    return Counter(_words(" ".join(f"{p.num} {p.heading} {p.text}" for p in provisions)))


def test_the_html_has_every_word_of_every_draft_in_its_row_and_column(
    demo: Store, drafts: list[StoredDraft], tmp_path: Path
) -> None:
    request = synopsis_request(demo, drafts)
    out = tmp_path / "synopsis.html"
    write_synopsis(request, "html", out)
    page = html.fromstring(out.read_bytes())
    heads = [th.text_content() for th in page.xpath("//thead/tr/th")]
    assert len(heads) == len(drafts) + 1 and heads[-1] == "Notes and positions"
    groups = page.xpath("//tbody[@class='provision']")
    assert len(groups) == len(request.synopsis.rows)
    for group, row in zip(groups, request.synopsis.rows, strict=True):
        trs = group.xpath("./tr")
        assert len(trs) == 1 + len(row.levels)  # the titles, then a line per paragraph
        for c, cell in enumerate(row.cells):
            shown = []
            for tr in trs:
                td = tr.xpath("./td")[c]
                for gone in td.xpath(".//del | .//*[@class='status']"):
                    gone.drop_tree()
                shown.extend(td.itertext())
            assert Counter(_words(" ".join(shown))) == _expected(cell.provisions)


def test_the_word_table_has_every_word_of_every_draft_in_its_row_and_column(
    demo: Store, drafts: list[StoredDraft], tmp_path: Path
) -> None:
    request = synopsis_request(demo, drafts, style=LEGISLATIVE)
    out = tmp_path / "synopsis.docx"
    write_synopsis(request, "docx", out)
    with zipfile.ZipFile(out) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    (table,) = body.iter(f"{W}tbl")
    head, *trs = table.iterfind(f"{W}tr")
    assert head.find(f"{W}trPr/{W}tblHeader") is not None  # repeated on every page
    assert len(trs) == sum(1 + len(row.levels) for row in request.synopsis.rows)
    for row in request.synopsis.rows:
        group, trs = trs[: 1 + len(row.levels)], trs[1 + len(row.levels) :]
        for c, cell in enumerate(row.cells):
            kept = [
                r.findtext(f"{W}t") or ""
                for tr in group
                for p in tr.findall(f"{W}tc")[c].iterfind(f"{W}p")
                for r in p.iterfind(f"{W}r")
                if r.find(f"{W}rPr/{W}strike") is None and not _is_status(r, cell.status)
            ]
            assert Counter(_words(" ".join(kept))) == _expected(cell.provisions)


def _is_status(run: etree._Element, status: str) -> bool:
    """The grey run after a cell's title saying what happened since the column before."""
    colour = run.find(f"{W}rPr/{W}color")
    grey = colour is not None and colour.get(f"{W}val") == "666666"
    return grey and (run.findtext(f"{W}t") or "").strip() == status


def test_the_notes_column_holds_each_annotation_in_its_provisions_row(
    demo: Store, drafts: list[StoredDraft]
) -> None:
    annotate(demo, drafts[-1], "art_24", "human rights", note="Keep the safeguard.")
    request = synopsis_request(demo, drafts)
    (k,) = [k for k, notes in enumerate(request.notes) if notes]
    assert "Article 24" in request.synopsis.rows[k].last_title().split(" + ")
    assert request.notes[k][0].note == "Keep the safeguard."
    assert synopsis_request(demo, drafts, with_notes=False).note_count() == 0


def test_the_command_line_writes_every_draft_of_the_negotiation(
    demo: Store, db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "--demo", "--db", str(db_file)]) == 0
    out = tmp_path / "four-column.docx"
    assert main(["synopsis", "--format", "docx", "-o", str(out), "--db", str(db_file)]) == 0
    assert "wrote" in capsys.readouterr().out and zipfile.is_zipfile(out)
    first = Store(db_file).drafts()[0].label
    assert main(["synopsis", first, "--format", "html", "-o", str(out), "--db", str(db_file)]) == 2
    assert "two drafts or more" in capsys.readouterr().err


def test_a_deleted_provisions_text_is_cut_into_the_paragraphs_it_had(found: Synopsis) -> None:
    """What the export sets struck, paragraph by paragraph, level with where each was."""
    from drafts.export.synopsis import deleted_paragraphs

    cut = [
        (row, c, parts)
        for row in found.rows
        for c in range(len(row.cells))
        if (parts := deleted_paragraphs(row, c)) is not None
    ]
    assert cut  # the demo deletes provisions
    for row, c, parts in cut:
        left = [new_text(p) for p in row.cells[c - 1].paragraphs]
        assert parts == left and not row.cells[c].provisions
    assert all(deleted_paragraphs(row, 0) is None for row in found.rows)


def test_the_html_and_word_set_a_deleted_paragraph_on_the_line_it_was(
    demo: Store, drafts: list[StoredDraft], tmp_path: Path
) -> None:
    """A provision a draft deleted: its title cell says "deleted", and each paragraph
    the draft before had stands struck on that paragraph's line of the table."""
    from drafts.export.synopsis import deleted_paragraphs

    request = synopsis_request(demo, drafts)
    out = tmp_path / "synopsis.html"
    write_synopsis(request, "html", out)
    groups = html.fromstring(out.read_bytes()).xpath("//tbody[@class='provision']")
    docx = tmp_path / "synopsis.docx"
    write_synopsis(request, "docx", docx)
    with zipfile.ZipFile(docx) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    _, *word_rows = next(body.iter(f"{W}tbl")).iterfind(f"{W}tr")
    checked = 0
    for group, row in zip(groups, request.synopsis.rows, strict=True):
        html_lines = group.xpath("./tr")
        word_lines, word_rows = word_rows[: len(html_lines)], word_rows[len(html_lines) :]
        for c in range(len(row.cells)):
            parts = deleted_paragraphs(row, c)
            if parts is None:
                continue
            assert html_lines[0].xpath("./td")[c].text_content() == "deleted"
            for n, level in enumerate(row.levels, 1):
                if level[c - 1] is None:
                    continue
                struck = parts[level[c - 1]]
                assert html_lines[n].xpath("./td")[c].xpath(".//del")[0].text == struck
                cell = word_lines[n].findall(f"{W}tc")[c]
                assert "".join(t.text or "" for t in cell.iter(f"{W}t")) == struck
                assert cell.find(f".//{W}strike") is not None
                checked += 1
    assert checked >= 2
