"""The Word export read back: a draft exported to .docx, against itself or against the
draft before it, and converted like any Word draft gives the same provisions.

Exported against itself, all 332 provisions of the five demo drafts come back exactly:
kind, number, heading, text (compared as it is, no whitespace folded), chapter and
notes, in order. Exported against the draft before, read with every change accepted,
267 of 269 do: the two that do not are the second revised draft's Articles 24 and 25,
split from Article 26 of the first. A row of the comparison shows a split's titles
first ("Article 24 …", "Article 25 …") and then the text of both, so nothing in the
document says where Article 24's text ends: it all comes back in Article 25, every
word of it, and Article 24 comes back empty.

Word shows one text, so the export is inline whatever layout is asked for: side by
side gives the very same document, and the same round trip.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from drafts.comparing.comparisons import compare_drafts
from drafts.demo import demo_files, import_demo
from drafts.export.docx import CONTAINER_STYLE, STYLE_FOR, W_NS, render_docx, write_docx
from drafts.export.model import INLINE, LAYOUTS, SIDE_BY_SIDE, scoped
from drafts.model import Provision, StoredDraft
from drafts.reading.conversion import Conversion, convert_file
from drafts.reading.wordml import EXPORT_STYLES, read_docx
from drafts.store import Store
from tests.builders import ACCEPT, REJECT, applied, parts
from tests.docx_builder import STYLES, build, dele, p, table

DRAFTS = [path.name for path in demo_files()]
SPLIT = {"03-second-revised-draft.xml": ["Article 24", "Article 25"]}
"""Provisions that do not come back exactly when exported against the draft before."""


@pytest.fixture(scope="module")
def demo() -> Iterator[tuple[Store, list[StoredDraft]]]:
    with Store() as store:
        import_demo(store)
        yield store, store.drafts()


def _round_trip(
    store: Store, old: StoredDraft, new: StoredDraft, folder: Path, layout: str = INLINE
) -> Conversion:
    path = folder / f"{old.id}-{new.id}-{layout}.docx"
    write_docx(scoped(compare_drafts(store, old, new), layout=layout), path)
    return convert_file(path)


def _key(p: Provision) -> tuple[object, ...]:
    chapter = p.chapter.label() if p.chapter else ""
    return (p.kind, p.num, p.heading, p.text, chapter, [(n.marker, n.text) for n in p.notes])


def _chapters(provisions: list[Provision]) -> list[str]:
    labels = [p.chapter.label() for p in provisions if p.chapter]
    return [label for k, label in enumerate(labels) if k == 0 or labels[k - 1] != label]


def _chapter_num(p: Provision) -> str:
    return p.chapter.num if p.chapter else ""


# The round trip ----------------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("index", range(len(DRAFTS)), ids=DRAFTS)
def test_a_draft_exported_against_itself_comes_back_provision_for_provision(
    demo: tuple[Store, list[StoredDraft]], tmp_path: Path, index: int, layout: str
) -> None:
    store, drafts = demo
    draft = drafts[index]
    converted = _round_trip(store, draft, draft, tmp_path, layout)
    original = store.provisions(draft.id)
    assert [_key(p) for p in converted.draft.provisions] == [_key(p) for p in original]
    assert converted.report.unsure == ()
    assert converted.report.chapters == len(_chapters(original)) == 9
    assert any("summary or label paragraph" in n for n in converted.report.notices)


@pytest.mark.parametrize("index", range(1, len(DRAFTS)), ids=DRAFTS[1:])
def test_a_draft_exported_against_the_one_before_comes_back_with_changes_accepted(
    demo: tuple[Store, list[StoredDraft]], tmp_path: Path, index: int
) -> None:
    store, drafts = demo
    converted = _round_trip(store, drafts[index - 1], drafts[index], tmp_path)
    original = store.provisions(drafts[index].id)
    back = converted.draft.provisions
    assert [(p.kind, p.num, p.heading) for p in back] == [
        (p.kind, p.num, p.heading) for p in original
    ]
    assert [p.chapter for p in back] == [p.chapter for p in original]
    missed = [a.num for a, b in zip(original, back, strict=True) if _key(a) != _key(b)]
    assert missed == SPLIT.get(DRAFTS[index], [])
    if missed:  # a split: all its text in its last provision, the others empty
        split = [k for k, p in enumerate(original) if p.num in missed]
        joined = "\n".join(original[k].text for k in split)
        assert [back[k].text for k in split] == [""] * (len(split) - 1) + [joined]
    notes = [n.text for p in back for n in p.notes]
    assert notes == [n.text for p in original for n in p.notes]


def test_side_by_side_gives_the_same_word_document(
    demo: tuple[Store, list[StoredDraft]],
) -> None:
    store, drafts = demo
    comparison = compare_drafts(store, drafts[0], drafts[-1])
    created = datetime(2024, 1, 2, tzinfo=UTC)
    inline, side = (
        replace(scoped(comparison, layout=layout), created=created)
        for layout in (INLINE, SIDE_BY_SIDE)
    )
    assert render_docx(inline) == render_docx(side)


# What the export writes for the importer --------------------------------------------


def _style_names(data: bytes) -> dict[str, str]:
    styles = etree.fromstring(parts(data)["word/styles.xml"])
    w = f"{{{W_NS}}}"
    return {
        s.get(f"{w}styleId"): s.find(f"{w}name").get(f"{w}val") for s in styles.iter(f"{w}style")
    }


def test_everything_but_draft_text_is_in_a_style_the_importer_leaves_out(
    demo: tuple[Store, list[StoredDraft]],
) -> None:
    store, drafts = demo
    data = render_docx(scoped(compare_drafts(store, drafts[0], drafts[-1])))
    names = _style_names(data)
    body = etree.fromstring(parts(data)["word/document.xml"])
    w = f"{{{W_NS}}}"
    used = {e.get(f"{w}val") for e in body.iter(f"{w}pStyle", f"{w}tblStyle")}
    draft_text = {*STYLE_FOR.values(), CONTAINER_STYLE, "Title", "Normal"}
    assert used - draft_text == {"TravauxInfo", "TravauxRowInfo", "TravauxLabel",
                                 "TravauxNotesLabel", "TravauxSummary"}  # fmt: skip
    assert {names[s].casefold() for s in used - draft_text} <= EXPORT_STYLES
    assert names[STYLE_FOR["notes"]] == "footnote text"
    assert names[CONTAINER_STYLE] == "heading 1" and names[STYLE_FOR["title"]] == "heading 2"


@pytest.mark.parametrize("pair", range(len(DRAFTS) - 1), ids=DRAFTS[1:])
def test_chapter_headings_are_tracked_like_the_text(
    demo: tuple[Store, list[StoredDraft]], pair: int
) -> None:
    store, drafts = demo
    old, new = drafts[pair], drafts[pair + 1]
    comparison = compare_drafts(store, old, new)
    data = render_docx(scoped(comparison))
    headings = {mode: [t for s, t in applied(data, mode) if s == CONTAINER_STYLE]
                for mode in (ACCEPT, REJECT)}  # fmt: skip
    assert headings[ACCEPT] == _chapters(store.provisions(new.id))
    old_chapters = _chapters(store.provisions(old.id))
    moved_across = [
        c.from_num
        for c in comparison.changes
        if c.old and c.new and _chapter_num(c.old[0]) != _chapter_num(c.new[0])
    ]
    if moved_across:
        # The old side, in the new draft's order, names each provision's own chapter:
        # one moved from another chapter brings that heading, then the one it sits in
        assert list(dict.fromkeys(headings[REJECT])) == old_chapters
        assert len(headings[REJECT]) == len(old_chapters) + 2 * len(moved_across)
    else:
        assert headings[REJECT] == old_chapters


# The importer's side, on small documents ---------------------------------------------

EXTRA_STYLES = """
  <w:style w:type="paragraph" w:styleId="TravauxInfo"><w:name w:val="Travaux Info"/></w:style>
  <w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/></w:style>
  <w:style w:type="table" w:styleId="TravauxSummary"><w:name w:val="Travaux Summary"/></w:style>
  <w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/></w:style>
"""


def _convert(tmp_path: Path, body: list[str]) -> Conversion:
    path = tmp_path / "draft.docx"
    path.write_bytes(
        build(body, styles=STYLES.replace("</w:styles>", EXTRA_STYLES + "</w:styles>"))
    )
    return convert_file(path)


def _styled_table(style: str, rows: list[list[str]]) -> str:
    return table(rows).replace("<w:tblPr/>", f'<w:tblPr><w:tblStyle w:val="{style}"/></w:tblPr>')


def test_paragraphs_and_tables_in_the_exports_styles_are_left_out(tmp_path: Path) -> None:
    converted = _convert(
        tmp_path,
        [
            p("Draft convention", style="Title"),
            _styled_table("TravauxSummary", [["From", "Zero draft"]]),
            p("Changes are tracked as revisions", style="TravauxInfo"),
            p("Article 1. Scope", style="Heading2"),
            p("modified · Article 2", style="TravauxInfo"),
            p("This Convention applies."),
            _styled_table("Grid", [["Kept", "as text"]]),
        ],
    )
    (article,) = converted.draft.provisions
    assert article.text == "This Convention applies.\nKept | as text"
    (notice,) = converted.report.notices
    assert notice.startswith("3 summary or label paragraphs of a Travaux comparison export")


def test_a_body_paragraph_in_a_footnote_style_is_a_note_of_the_one_before(
    tmp_path: Path,
) -> None:
    converted = _convert(
        tmp_path,
        [
            p("Article 1. Scope", style="Heading2"),
            p("1. This Convention applies."),
            p("1 The Chair notes a divergence.", style="FootnoteText"),
            p("* A second note.", style="FootnoteText"),
            p("2. It binds."),
            p("civil law governs it.", style="FootnoteText"),
        ],
    )
    (article,) = converted.draft.provisions
    assert article.text == "1. This Convention applies.\n2. It binds."
    assert [(n.marker, n.text) for n in article.notes] == [
        ("1", "The Chair notes a divergence."),
        ("*", "A second note."),
        ("3", "civil law governs it."),  # no marker: not "civil"
    ]
    assert any("3 paragraphs in a footnote style" in n for n in converted.report.notices)


def test_a_footnote_styled_paragraph_with_nothing_before_it_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    styles = STYLES.replace("</w:styles>", EXTRA_STYLES + "</w:styles>")
    path.write_bytes(build([p("1 Alone.", style="FootnoteText")], styles=styles))
    assert [b.text for b in read_docx(path.read_bytes(), str(path)).blocks] == ["1 Alone."]


def test_a_deleted_paragraph_mark_before_a_full_stop_joins_without_a_space(
    tmp_path: Path,
) -> None:
    converted = _convert(
        tmp_path,
        [
            p("Article 1. Scope", style="Heading2"),
            p("1. It applies to this Convention", mark_deleted=True),
            p(dele("(b) and its protocols"), mark_deleted=True),
            p(dele("and more"), "."),
            p("2. It binds the first half", mark_deleted=True),
            p("and the second half."),
        ],
    )
    (article,) = converted.draft.provisions
    assert article.text == (
        "1. It applies to this Convention.\n2. It binds the first half and the second half."
    )


@pytest.mark.parametrize("heading", ["Preamble", "PREAMBLE", "Préambule", "Preamble:"])
def test_a_preamble_heading_is_not_preamble_text(tmp_path: Path, heading: str) -> None:
    converted = _convert(
        tmp_path,
        [
            p("Draft convention", style="Title"),
            p(heading, style="Heading2"),
            p("The States Parties,"),
            p("Article 1. Scope", style="Heading2"),
            p("It applies."),
        ],
    )
    preamble, _ = converted.draft.provisions
    assert (preamble.heading, preamble.text) == ("Preamble", "The States Parties,")
    assert converted.draft.work_title == "Draft convention"
