"""The Word export: accepting every tracked change gives exactly the new text and
rejecting every one exactly the old; comments sit over exactly their text; the package
is complete, escaped, and LibreOffice opens it."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from itertools import pairwise
from pathlib import Path

import pytest
from lxml import etree

from drafts.comparing.comparisons import Comparison, compare_drafts
from drafts.comparing.diff import DiffOptions, change_blocks
from drafts.export.docx import STYLE_FOR, W_NS, render_docx, write_docx
from drafts.export.model import NEW, OLD, ExportRequest, scoped, side_text, title_text
from drafts.store import Store
from tests.builders import (
    ACCEPT,
    NASTY,
    REJECT,
    applied,
    body,
    demo_comparison,
    demo_notes,
    mark_removed,
    parts,
    provision,
    run_text,
    style,
    tiny_comparison,
    w,
)

CONTENT_STYLES = set(STYLE_FOR.values())


# Reading tracked changes back, as Word applies them ---------------------------------


def expected(request: ExportRequest, side: str) -> list[tuple[str, str]]:
    """(style, text) of every line of one side of every exported row."""
    out = []
    for row in request.rows:
        provisions = row.change.old if side == OLD else row.change.new
        notes = "\n".join(f"{n.marker} {n.text}".strip() for p in provisions for n in p.notes)
        for name, text in (
            ("title", title_text(provisions)),
            ("text", side_text(row.change, side)),
            ("notes", notes),
        ):
            if text:
                out += [(STYLE_FOR[name], line) for line in text.split("\n")]
    return out


def content(paragraphs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(s, t) for s, t in paragraphs if s in CONTENT_STYLES]


@pytest.mark.parametrize(
    "options",
    [DiffOptions(), DiffOptions(ignore_case=True, ignore_punctuation=True)],
    ids=["exact", "ignoring"],
)
def test_accepting_all_gives_the_new_text_and_rejecting_all_the_old(
    store: Store, options: DiffOptions
) -> None:
    demo_comparison(store)
    drafts = store.drafts()
    comparison = compare_drafts(store, drafts[0], drafts[-1], options)
    request = scoped(comparison, notes=demo_notes(comparison))
    data = render_docx(request)
    assert content(applied(data, ACCEPT)) == expected(request, NEW)
    assert content(applied(data, REJECT)) == expected(request, OLD)


def test_every_pair_of_demo_drafts_round_trips(store: Store) -> None:
    demo_comparison(store)
    drafts = store.drafts()
    for old, new in pairwise(drafts):
        request = scoped(compare_drafts(store, old, new))
        data = render_docx(request)
        assert content(applied(data, ACCEPT)) == expected(request, NEW)
        assert content(applied(data, REJECT)) == expected(request, OLD)


def test_added_and_deleted_provisions_leave_no_empty_paragraph(tiny: Comparison) -> None:
    data = render_docx(scoped(tiny, changed_only=True))
    accepted = applied(data, ACCEPT)
    assert ("Heading2", "Article 3 Gone") not in accepted
    assert ("Heading2", "Article 4 Brand new") in accepted
    assert ("TravauxNotesLabel", "Notes") not in accepted
    rejected = applied(data, REJECT)
    assert ("Heading2", "Article 4 Brand new") not in rejected
    assert ("ProvisionNote", "1 A footnote & more") in rejected
    assert not [t for s, t in accepted + rejected if s in CONTENT_STYLES and not t]


def test_revisions_carry_the_new_drafts_label_and_date(tiny: Comparison) -> None:
    tracked = body(render_docx(scoped(tiny))).xpath("//w:ins | //w:del", namespaces={"w": W_NS})
    assert tracked
    assert {(e.get(w("author")), e.get(w("date"))) for e in tracked} == {
        ("Rev. 1", "2023-06-05T00:00:00Z")
    }
    ids = [e.get(w("id")) for e in tracked]
    assert len(set(ids)) == len(ids)
    assert all(e.find(f"{w('r')}/{w('t')}") is None for e in tracked if e.tag == w("del"))


# Comments ----------------------------------------------------------------------------


def commented_text(data: bytes, mode: str) -> dict[str, str]:
    """Comment id -> the text between its range start and end, once changes are applied;
    paragraphs that stay apart are joined by line breaks, as a provision's lines are."""
    stream: list[str] = []
    starts: dict[str, int] = {}
    found: dict[str, str] = {}
    for paragraph in body(data).findall(w("p")):
        for node in paragraph.iter(w("r"), w("commentRangeStart"), w("commentRangeEnd")):
            if node.tag == w("r"):
                stream.append(run_text(node, mode))
            elif node.tag == w("commentRangeStart"):
                starts[node.get(w("id"))] = len("".join(stream))
            else:
                found[node.get(w("id"))] = "".join(stream)[starts[node.get(w("id"))] :]
        if not mark_removed(paragraph, mode):
            stream.append("\n")
    return found


def test_each_comment_covers_exactly_its_range(demo_pair: Comparison) -> None:
    request = scoped(demo_pair, notes=demo_notes(demo_pair))
    data = render_docx(request)
    ranged = [(row, n) for row in request.rows for n in row.notes if n.span]
    assert len(ranged) > 10
    texts = {ACCEPT: commented_text(data, ACCEPT), REJECT: commented_text(data, REJECT)}
    comments = etree.fromstring(parts(data)["word/comments.xml"])
    ids = [c.get(w("id")) for c in comments]
    numbers = [n.number for n in request.notes()]
    assert len(ids) == len(numbers) == len(set(ids))
    by_number = dict(zip(numbers, ids, strict=True))
    for row, placed in ranged:
        mode = ACCEPT if placed.side == NEW else REJECT
        start, end = placed.span
        assert (
            texts[mode][by_number[placed.number]] == side_text(row.change, placed.side)[start:end]
        )


def test_a_whole_provision_comment_starts_at_its_heading(tiny: Comparison) -> None:
    from drafts.export.model import ExportNote

    data = render_docx(scoped(tiny, notes=[ExportNote(2, "art_4", None, None, note="All")]))
    start = body(data).find(f".//{w('commentRangeStart')}")
    assert style(start.getparent()) == "Heading2"
    assert "All" in parts(data)["word/comments.xml"].decode()


def test_comments_on_an_empty_provision_are_opened_and_closed() -> None:
    from drafts.export.model import ExportNote

    empty = provision("art_9", "", "", "")
    comparison = tiny_comparison([empty], [empty])
    data = render_docx(scoped(comparison, notes=[ExportNote(2, "art_9", None, None, note="?")]))
    tree = body(data)
    starts = [e.get(w("id")) for e in tree.iter(w("commentRangeStart"))]
    ends = [e.get(w("id")) for e in tree.iter(w("commentRangeEnd"))]
    references = [e.get(w("id")) for e in tree.iter(w("commentReference"))]
    assert starts == ends == references and len(starts) == 1


def test_notes_and_draft_text_stay_text(tiny: Comparison) -> None:
    from drafts.export.model import ExportNote

    note = ExportNote(2, "art_1", 0, 4, tags=(("</w:t>", "#000"),), note=NASTY, holder="<w:p/>")
    data = render_docx(scoped(tiny, notes=[note]))
    comments = etree.fromstring(parts(data)["word/comments.xml"])
    text = "\n".join("".join(t.itertext()) for t in comments.iter(w("p")))
    assert NASTY in text and "</w:t>" in text and "<w:p/>" in text
    assert len(list(comments.iter(w("p")))) == 3  # head, note, quote: no injected paragraph
    accepted = [t for _, t in applied(data, ACCEPT)]
    assert "Article 1 Scope <script>" in accepted


# The package -------------------------------------------------------------------------


def test_the_package_is_complete(tiny: Comparison) -> None:
    from drafts.export.model import ExportNote

    request = scoped(tiny, notes=[ExportNote(2, "art_1", 0, 4)], title="Tiny <export>")
    files = parts(render_docx(request))
    assert set(files) == {
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/comments.xml",
        "docProps/core.xml",
    }
    for data in files.values():
        etree.fromstring(data)  # every part is well-formed XML
    types = etree.fromstring(files["[Content_Types].xml"])
    overridden = {o.get("PartName").lstrip("/") for o in types if o.get("PartName")}
    assert overridden == {n for n in files if n.endswith(".xml") and "[" not in n} - {
        "word/_rels/document.xml.rels"
    }
    targets = {r.get("Target") for r in etree.fromstring(files["word/_rels/document.xml.rels"])}
    assert targets == {"styles.xml", "comments.xml"}
    styles = files["word/styles.xml"].decode()
    for needed in ("Heading2", "TravauxSummary", "ProvisionText", "CommentReference"):
        assert f'w:styleId="{needed}"' in styles
    core = files["docProps/core.xml"].decode()
    assert "<dc:title>Tiny &lt;export&gt;</dc:title>" in core
    assert request.created.strftime("%Y-%m-%dT%H:%M:%SZ") in core


def test_no_comments_part_without_notes(tiny: Comparison) -> None:
    files = parts(render_docx(scoped(tiny)))
    assert "word/comments.xml" not in files
    assert b"comments" not in files["[Content_Types].xml"]


def test_same_request_same_bytes(tiny: Comparison) -> None:
    request = scoped(tiny)
    assert render_docx(request) == render_docx(request)


def test_the_summary_comes_first(tiny: Comparison) -> None:
    paragraphs = applied(render_docx(scoped(tiny)), ACCEPT)
    assert paragraphs[0] == ("Title", "Zero draft → Rev. 1")
    cells = body(render_docx(scoped(tiny))).find(w("tbl")).iter(w("t"))
    assert "Zero draft, 2023-01-16, A/1" in [t.text for t in cells]


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(source: Path, fmt: str, folder: Path) -> Path:
    """LibreOffice's headless conversion, in a profile of its own (runs may overlap)."""
    profile = (folder / "profile").as_uri()
    result = subprocess.run(
        [soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt,
         "--outdir", str(folder), str(source)],
        capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": str(folder)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stdout + result.stderr
    return folder / f"{source.stem}.{fmt}"


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed (soffice)")
def test_libreoffice_opens_it_with_its_revisions_and_comments(
    demo_pair: Comparison, tmp_path: Path
) -> None:
    source = tmp_path / "comparison.docx"
    request = scoped(demo_pair, notes=demo_notes(demo_pair))
    write_docx(request, source)
    pdf = convert(source, "pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000
    with zipfile.ZipFile(convert(source, "odt", tmp_path)) as odt:
        content = odt.read("content.xml").decode()
    assert content.count("<office:annotation ") == len(request.notes())
    assert content.count("<office:annotation-end ") == len(request.notes())
    blocks = sum(len(change_blocks(s)) for row in request.rows for _, s in row.sections())
    assert content.count("<text:changed-region ") >= blocks > 300  # at least one per change


def moved_point() -> Comparison:
    """Point (2) of an article becomes point (4), the rest kept."""
    points = [
        "Each State Party shall designate an authority for requests.",
        "Requests may be sent through the International Criminal Police Organization.",
        "Urgent requests may be made by any means capable of producing a written record.",
        "The requested State shall inform the requesting State of the outcome promptly.",
    ]
    order = [points[0], points[2], points[3], points[1]]
    old = "\n".join(f"({n}) {t}" for n, t in enumerate(points, start=1))
    new = "\n".join(f"({n}) {t}" for n, t in enumerate(order, start=1))
    return tiny_comparison(
        [provision("art_1", "Article 1", "Requests", old)],
        [provision("art_1", "Article 1", "Requests", new)],
    )


def test_a_moved_point_is_a_word_move_that_accepts_and_rejects_to_each_text() -> None:
    """The two ends of a move are w:moveFrom and w:moveTo, each in a range named for
    the move (the same name at both ends); accepting gives the new text, rejecting the
    old, as with insertions and deletions."""
    comparison = moved_point()
    request = scoped(comparison)
    data = render_docx(request)
    document = body(data)
    (gone,) = document.iter(w("moveFrom"))
    (came,) = document.iter(w("moveTo"))
    assert "".join(t.text for t in gone.iter(w("delText"))).startswith("(2) Requests may")
    assert "".join(t.text for t in came.iter(w("t"))).startswith("(4) Requests may")
    (start_from,) = document.iter(w("moveFromRangeStart"))
    (start_to,) = document.iter(w("moveToRangeStart"))
    assert start_from.get(w("name")) == start_to.get(w("name"))
    (end_from,) = document.iter(w("moveFromRangeEnd"))
    assert end_from.get(w("id")) == start_from.get(w("id"))
    assert content(applied(data, ACCEPT)) == expected(request, NEW)
    assert content(applied(data, REJECT)) == expected(request, OLD)


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed (soffice)")
def test_libreoffice_opens_a_move(tmp_path: Path) -> None:
    source = tmp_path / "moved.docx"
    write_docx(scoped(moved_point()), source)
    with zipfile.ZipFile(convert(source, "odt", tmp_path)) as odt:
        content_xml = odt.read("content.xml").decode()
    assert "Requests may be sent through" in content_xml
    assert content_xml.count("<text:changed-region ") >= 2
