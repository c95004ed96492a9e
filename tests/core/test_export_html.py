"""The HTML export: complete, escaped, self-contained, in both layouts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from drafts.comparing.comparisons import Comparison, compare_drafts
from drafts.comparing.diff import WORD
from drafts.export.html import render_html, write_html
from drafts.export.model import (
    INLINE,
    LAYOUTS,
    NEW,
    OLD,
    SIDE_BY_SIDE,
    ExportNote,
    scoped,
    tags_present,
)
from drafts.store import Store
from tests.builders import (
    NASTY,
    demo_notes,
    export_words,
    missing_words,
)

BLOCKS = ("p", "div", "section", "header", "aside", "h1", "h2", "tr", "td", "th")


def page_text(page: str) -> str:
    """The page's text as a browser would give it: a line break after each block."""
    tree = lxml_html.fromstring(page)
    for element in tree.iter(*BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return tree.text_content()


@pytest.mark.parametrize("layout", LAYOUTS)
def test_nothing_is_dropped(demo_pair: Comparison, layout: str) -> None:
    request = scoped(demo_pair, notes=demo_notes(demo_pair), layout=layout)
    found = WORD.findall(page_text(render_html(request)))
    for side in (OLD, NEW):
        assert missing_words(export_words(request, side), found) == []


def test_the_summary_names_both_drafts_counts_and_tags(demo_pair: Comparison) -> None:
    request = scoped(demo_pair, changed_only=True, notes=demo_notes(demo_pair))
    summary = lxml_html.fromstring(render_html(request)).find(".//header")
    text = " ".join(summary.text_content().split())
    assert "Zero draft, 2023-01-16, A/AC.305/7" in text
    assert "Final text agreed ad referendum, 2024-08-08, A/AC.305/L.9" in text
    assert "50 modified" in text and "10 added" in text and "4 deleted" in text
    tags = tags_present(request)
    assert len(tags) >= 2
    assert all(f"{tag.name} {count}" in text for tag, count in tags)


def test_every_annotation_has_its_box_and_marker(demo_pair: Comparison) -> None:
    request = scoped(demo_pair, notes=demo_notes(demo_pair))
    tree = lxml_html.fromstring(render_html(request))
    numbers = [n.number for n in request.notes()]
    assert [box.get("id") for box in tree.xpath("//aside//div[@class='note']")] == [
        f"note-{n}" for n in numbers
    ]
    links = {a.get("href") for a in tree.xpath("//main//div[contains(@class,'side')]//a")}
    assert links == {f"#note-{n}" for n in numbers}


def test_annotated_text_is_highlighted_exactly(tiny: Comparison) -> None:
    note = ExportNote(2, "art_1", 3, 26, tags=(("EU", "#56B4E9"),))  # "This Convention may app"
    tree = lxml_html.fromstring(render_html(scoped(tiny, notes=[note])))
    marked = "".join(m.text_content() for m in tree.xpath("//div[contains(@class,'new')]//mark"))
    assert marked == "This Convention may app"
    assert tree.xpath("//mark/@style") == ["background:#c4e5f7"] * 3


@pytest.mark.parametrize("layout", LAYOUTS)
def test_text_from_drafts_and_notes_stays_text(tiny: Comparison, layout: str) -> None:
    note = ExportNote(2, "art_1", 0, 4, tags=(("<i>tag</i>", '#fff" onload="x'),), note=NASTY,
                      holder="<b>EU</b>")  # fmt: skip
    page = render_html(scoped(tiny, notes=[note], layout=layout))
    tree = lxml_html.fromstring(page)
    assert not tree.xpath("//script | //b | //i | //*[@onload]")
    text = page_text(page)
    for raw in (NASTY, "<i>tag</i>", "<b>EU</b>", "Scope <script>", "It binds <b>"):
        assert raw in text


def test_the_page_fetches_nothing(demo_pair: Comparison) -> None:
    page = render_html(scoped(demo_pair, notes=demo_notes(demo_pair)))
    assert "http" not in page
    assert not re.search(r"\b(src|srcset)\s*=|@import|url\(|<script|<link", page, re.I)
    hrefs = lxml_html.fromstring(page).xpath("//@href")
    assert hrefs and all(h.startswith("#note-") for h in hrefs)


def test_print_keeps_short_provisions_whole(demo_pair: Comparison) -> None:
    request = scoped(demo_pair)
    tree = lxml_html.fromstring(render_html(request))
    sections = tree.xpath("//section")
    assert len(sections) == len(request.rows)
    short = [s for s in sections if "short" in s.get("class").split()]
    assert 0 < len(short) < len(sections)
    assert "section.provision.short { break-inside: avoid; }" in render_html(request)


def test_layouts_differ_in_columns(tiny: Comparison) -> None:
    side = lxml_html.fromstring(render_html(scoped(tiny, layout=SIDE_BY_SIDE)))
    inline = lxml_html.fromstring(render_html(scoped(tiny, layout=INLINE)))
    assert len(side.xpath("//section[1]//div[contains(@class,'side ')]")) == 2
    assert len(inline.xpath("//section[1]//div[contains(@class,'side ')]")) == 1
    absent = side.xpath("//section[contains(@class,'status-added')]//p[@class='absent']")
    assert [p.text for p in absent] == ["Not in this draft."]


def test_write_html_writes_utf8(tiny: Comparison, tmp_path: Path) -> None:
    out = tmp_path / "export.html"
    write_html(scoped(tiny), out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_the_legislative_look_strikes_and_underlines_in_black(demo: Store) -> None:
    """--style legislative: no tint, new words underlined and in italics, for print."""
    drafts = demo.drafts()
    comparison = compare_drafts(demo, drafts[0], drafts[-1])
    colour = render_html(scoped(comparison))
    plain = render_html(scoped(comparison, style="legislative"))
    assert '<body class="side-by-side legislative">' in plain
    assert '<body class="side-by-side">' in colour
    assert "body.legislative ins" in plain and "font-style: italic" in plain
    with pytest.raises(ValueError, match="style must be one of colour, legislative"):
        scoped(comparison, style="sepia")
