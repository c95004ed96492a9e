"""The import report's promise: every word read is stored, kept as one of the draft's
deletion marks, or listed as left out with why. Nothing disappears unsaid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafts.reading.conversion import Conversion, convert_file
from tests.builders import paged_text, wrapped_paragraphs
from tests.docx_builder import build, dele, note, p, struck

WORD = re.compile(r"\w+")


def _accounted(converted: Conversion) -> set[str]:
    draft = converted.draft
    stored = " ".join(
        " ".join(
            [
                p.num,
                p.heading,
                p.text,
                *(n.text for n in p.notes),
                *(m.text for m in p.marks),
                *(c.label() for c in p.containers),
            ]
        )
        for p in draft.provisions
    )
    left_out = " ".join(text for _, text in converted.report.dropped)
    return set(WORD.findall(f"{draft.work_title} {draft.symbol} {stored} {left_out}"))


def _figures(converted: Conversion) -> tuple[int, int, int, int]:
    line = converted.report.words
    found = re.match(
        r"words: ([\d,]+) read; ([\d,]+) stored, ([\d,]+) kept .*, ([\d,]+) left", line
    )
    assert found, line
    read, stored, marked, left = (int(g.replace(",", "")) for g in found.groups())
    return read, stored, marked, left


def test_text_with_page_furniture_accounts_for_every_word(tmp_path: Path) -> None:
    path = tmp_path / "paged.txt"
    source = paged_text(wrapped_paragraphs(), 9, form_feeds=True)
    path.write_text(source, encoding="utf-8")
    converted = convert_file(path)
    assert set(WORD.findall(source)) <= _accounted(converted)
    read, stored, marked, left = _figures(converted)
    assert read == stored + marked + left and left > 0
    assert {why for why, _ in converted.report.dropped} == {"page furniture"}
    assert converted.report.words in converted.draft.warnings


def test_a_compromise_text_in_word_accounts_for_struck_and_tracked_words(tmp_path: Path) -> None:
    path = tmp_path / "compromise.docx"
    path.write_bytes(
        build(
            [
                p("Article 1. Notification"),
                p(
                    "States shall ",
                    struck("promptly "),
                    "notify the ",
                    dele("chair "),
                    "depositary.",
                ),
                p("Any State may object.", note(1)),
            ],
            {1: "Two delegations reserved their position."},
        )
    )
    converted = convert_file(path)
    source = "Article 1 Notification States shall promptly notify the chair depositary Any State "
    source += "may object Two delegations reserved their position"
    assert set(WORD.findall(source)) <= _accounted(converted)
    assert _figures(converted) == (19, 17, 2, 0)


@pytest.mark.parametrize("suffix", [".md", ".rst"])
def test_markup_left_out_is_listed_with_why(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"draft{suffix}"
    if suffix == ".md":
        path.write_text(
            "---\nauthor: Secretariat\n---\n\nArticle 1\n\nThe ~~old~~ rule.\n", encoding="utf-8"
        )
        expected = {"front matter", "struck (a deletion)"}
    else:
        path.write_text(".. note:: Editors only.\n\nArticle 1\n\nThe rule.\n", encoding="utf-8")
        expected = {"directive or comment"}
    converted = convert_file(path)
    assert {why for why, _ in converted.report.dropped} == expected
    read, stored, marked, left = _figures(converted)
    assert read == stored + marked + left and left > 0


def test_a_division_with_no_article_is_reported_and_its_words_counted_as_unplaced(
    tmp_path: Path,
) -> None:
    path = tmp_path / "empty-title.txt"
    path.write_text(
        "TITLE I\nGENERAL PROVISIONS\n\nArticle 1\n\nThe rule.\n\nTITLE II\nFINAL PROVISIONS\n",
        encoding="utf-8",
    )
    converted = convert_file(path)
    assert any("TITLE II holds no article" in u.message for u in converted.report.unsure), (
        converted.report.unsure
    )
    read, stored, marked, left = _figures(converted)
    assert read - stored - marked - left == 4  # "TITLE II FINAL PROVISIONS"
    assert converted.report.words.endswith("4 read but in no provision: see the unsure places")
