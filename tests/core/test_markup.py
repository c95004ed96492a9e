"""Markdown and reStructuredText drafts: the markup comes off, every word stays, and
the articles are found as in any text draft."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafts.errors import DraftImportError
from drafts.importer import collect_files
from drafts.reading.conversion import convert_file
from drafts.reading.markup import markdown_to_text, rst_to_text

MARKDOWN = """---
title: Ley de prueba
date: 2024-05-01
---

# Ley de prueba sobre datos

<!-- a note for the editors, not the law -->

## TÍTULO PRIMERO

Disposiciones generales
=======================

### Art 1

Esta ley protege los **datos personales** de toda persona, según el
[Convenio 108](https://example.org/108).

**Artículo 2o.** Definiciones

1. *Dato personal*: toda información sobre una persona.
2. `Tratamiento`: cualquier operación ~~manual~~ sobre datos.

- (a) primer supuesto;
- (b) segundo supuesto.

*Article 3 — Derechos*

| Derecho | Plazo |
|---------|-------|
| Acceso  | 30 días |

> El titular podrá ejercer sus derechos ante la autoridad.
"""


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


@pytest.fixture
def markdown(tmp_path: Path) -> Path:
    path = tmp_path / "ley.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    return path


def test_markdown_articles_are_found_under_their_title(markdown: Path) -> None:
    converted = convert_file(markdown)
    found = [(p.eid, p.num, p.heading) for p in converted.draft.provisions if p.kind == "article"]
    assert found == [
        ("art_1", "Art 1", ""),
        ("art_2", "Artículo 2o", "Definiciones"),
        ("art_3", "Article 3", "Derechos"),
    ]
    first = (
        converted.draft.provisions[0] if converted.draft.provisions[0].kind == "article" else None
    )
    article_1 = first or converted.draft.provisions[1]
    assert article_1.text == (
        "Esta ley protege los datos personales de toda persona, según el Convenio 108."
    )
    assert [c.label() for c in article_1.containers] == ["TÍTULO PRIMERO Disposiciones generales"]


def test_markdown_keeps_every_word_but_struck_ones_and_says_what_it_left_out(
    markdown: Path,
) -> None:
    converted = convert_file(markdown)
    stored = " ".join(
        " ".join([p.num, p.heading, p.text, *(c.label() for c in p.containers)])
        for p in converted.draft.provisions
    )
    body = MARKDOWN.split("# Ley de prueba sobre datos", 1)[1]
    body = re.sub(r"<!--.*?-->", "", body).replace("~~manual~~", "")
    body = re.sub(r"\(https://[^)]*\)", "", body)  # a link's address is not the draft's text
    assert sorted(_words(body) - _words(stored)) == []
    assert "manual" not in stored
    warnings = converted.draft.warnings
    assert any("front matter left out" in w for w in warnings)
    assert any("1 struck passages (~~…~~, 1 words) left out as deletions" in w for w in warnings)


def test_markdown_inline_markup_comes_off_and_escapes_are_kept_as_text() -> None:
    plain = markdown_to_text(
        "### Article 5\n\n**Bold** and *italic* and __strong__ and _em_ and `code`, "
        "![a seal](seal.png), <b>tag</b>, a\\*star and snake_case_words.\n"
    ).text
    lines = [line for line in plain.split("\n") if line]
    assert lines[0] == "Article 5"
    assert lines[1] == (
        "Bold and italic and strong and em and code, a seal, tag, a*star and snake_case_words."
    )


RST = """==============
Test Ordinance
==============

.. contents:: Table of contents
   :depth: 2

Chapter I
---------

Article 1
~~~~~~~~~

The **Minister** may issue *rules* under `the Act <https://example.org/act>`_.

.. note::
   An editor's note that is not part of the ordinance.

Article 2
~~~~~~~~~

1. Every application shall be decided within ``30`` days.
2. A refusal shall give reasons, as :term:`reasons` are defined in the Act_.
"""


def test_restructured_text_titles_come_off_their_adornment(tmp_path: Path) -> None:
    path = tmp_path / "ordinance.rst"
    path.write_text(RST, encoding="utf-8")
    converted = convert_file(path)
    found = [
        (p.eid, p.num, p.text, [c.label() for c in p.containers])
        for p in converted.draft.provisions
    ]
    assert found == [
        (
            "art_1",
            "Article 1",
            "The Minister may issue rules under the Act.",
            ["Chapter I"],
        ),
        (
            "art_2",
            "Article 2",
            "1. Every application shall be decided within 30 days.\n"
            "2. A refusal shall give reasons, as reasons are defined in the Act.",
            ["Chapter I"],
        ),
    ]  # fmt: skip
    assert converted.draft.work_title == "Test Ordinance"
    assert any("4 lines of directives and comments left out" in w for w in converted.draft.warnings)


def test_rst_directive_bodies_are_left_out_and_counted() -> None:
    plain = rst_to_text(".. note::\n   Not law.\n   Still not.\n\nLaw.\n")
    assert "Not law" not in plain.text and "Law." in plain.text
    assert plain.notices == ("3 lines of directives and comments left out",)


def test_a_folder_takes_markdown_drafts_and_leaves_a_readme_alone(
    tmp_path: Path, markdown: Path
) -> None:
    (tmp_path / "README.md").write_text("# Notes\n\nNothing of law here.\n", encoding="utf-8")
    assert collect_files([tmp_path]) == [markdown]


def test_a_markdown_file_with_no_article_says_so(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Meeting notes\n\n*Nothing* to read as a draft.\n", encoding="utf-8")
    with pytest.raises(DraftImportError, match=r"notes\.md: no articles found"):
        convert_file(path)


def test_the_open_dialog_offers_every_kind_of_draft_the_importer_reads() -> None:
    from drafts.reading.suffixes import DRAFT_SUFFIXES, file_filter

    every = file_filter().split(";;")[0]
    assert every.startswith("Drafts (") and all(f"*{s}" in every for s in DRAFT_SUFFIXES)
    assert "*.md" in every and "*.rst" in every


@pytest.mark.parametrize(
    ("suffix", "heading"),
    [(".md", "### Article {n}"), (".rst", "Article {n}\n~~~~~~~~~~")],
)
def test_notices_name_the_line_of_the_users_file(tmp_path: Path, suffix: str, heading: str) -> None:
    """Markup taken off adds blank lines around each heading; a notice must still
    point at the line the user's editor shows, however many headings come before."""
    parts = [heading.format(n=n) + f"\n\nText of article {n}.\n" for n in range(1, 31)]
    parts.append(heading.format(n=30) + "\n\nThe same number again.\n")
    text = "\n".join(parts)
    path = tmp_path / f"numbers{suffix}"
    path.write_text(text, encoding="utf-8")
    twice = [w for w in convert_file(path).draft.warnings if "Article 30 appears twice" in w]
    repeated = text.split("\n").index("The same number again.") + 1
    heading_line = text.split("\n").index(heading.format(n=30).split("\n")[0], repeated - 5)
    assert len(twice) == 1
    assert f"line {heading_line + 1}" in twice[0], twice[0]


FOOTNOTED = """# Test code

## Titel 1 - Sale

[^official]

[^official]: **Official note:** This title implements a directive
    on the sale of goods.

### § 1 Duties of the seller

The seller shall deliver the thing[^2] free of defects.

[^2]: Including its accessories.

[^unused]: A note nothing refers to.

### § 2 Duties of the buyer

The buyer shall pay the price[^missing].
"""


def test_markdown_footnotes_are_notes_where_they_are_referenced(tmp_path: Path) -> None:
    """German laws in Markdown carry official notes as footnotes of their headings:
    they are notes, not text of the next section; every word is still stored."""
    path = tmp_path / "code.md"
    path.write_text(FOOTNOTED, encoding="utf-8")
    converted = convert_file(path)
    first, second = converted.draft.provisions
    assert first.text == "The seller shall deliver the thing free of defects."
    assert sorted((n.marker, n.text) for n in first.notes) == [
        ("1", "Official note: This title implements a directive on the sale of goods."),
        ("2", "Including its accessories."),
        ("3", "A note nothing refers to."),
    ]
    assert second.text == "The buyer shall pay the price[^missing]."
    assert not any("text between" in w for w in converted.draft.warnings)
    (words,) = [w for w in converted.draft.warnings if w.startswith("words:")]
    assert "in no provision" not in words


def test_markdown_footnote_bodies_end_at_the_first_line_not_indented() -> None:
    plain = markdown_to_text("Text[^a].\n\n[^a]: First\n    second line.\n\nBody again.\n")
    assert plain.notes == (("1", "First second line."),)
    assert "Body again." in plain.text and "First" not in plain.text
    assert len(plain.text.split("\n")) == len(plain.line_numbers())


def test_a_reference_wrapped_onto_a_line_of_its_own_is_not_a_heading(tmp_path: Path) -> None:
    """Where the file marks its sections with "#", a line of a paragraph that starts
    with "§ 439 Absatz 4 oder …" is the paragraph going on, not § 439."""
    path = tmp_path / "code.md"
    path.write_text(
        "### § 218 Ineffective withdrawal\n\n"
        "A withdrawal is ineffective where the debtor need not perform under § 275 Absatz 1,\n"
        "§ 439 Absatz 4 oder § 635 Absatz 3 and the claim\n"
        "is time-barred.\n\n"
        "### § 219 Next\n\nText.\n",
        encoding="utf-8",
    )
    converted = convert_file(path)
    assert [p.num for p in converted.draft.provisions] == ["§ 218", "§ 219"]
    assert converted.draft.provisions[0].text.endswith(
        "§ 439 Absatz 4 oder § 635 Absatz 3 and the claim is time-barred."
    )
    assert not any("appears twice" in w for w in converted.draft.warnings)
