"""Structure detection on plain blocks: which lines are headings and numbers, where text goes,
and which places are reported as unsure."""

from __future__ import annotations

import pytest

from drafts.errors import DraftImportError
from drafts.reading.document import Article, Block, Division, Document, Unit
from drafts.reading.headings import is_symbol, iso_date, parse_heading, parse_number
from drafts.reading.structure import detect

SAFEGUARDS = "Conditions and safeguards"


def _blocks(*lines: str) -> list[Block]:
    return [Block(line, f"line {n}") for n, line in enumerate(lines, start=1)]


def _detect(*lines: str) -> Document:
    return detect(_blocks(*lines), "test.txt")


def _articles(nodes: list[Division | Article]) -> list[Article]:
    found: list[Article] = []
    for node in nodes:
        found += [node] if isinstance(node, Article) else _articles(node.children)
    return found


def _unsure(document: Document) -> list[str]:
    return [str(u) for u in document.report.unsure]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Article 24. Conditions and safeguards", ("article", "Article 24", 24, SAFEGUARDS)),
        ("Article 24 — Conditions and safeguards", ("article", "Article 24", 24, SAFEGUARDS)),
        ("Article 24: Conditions", ("article", "Article 24", 24, "Conditions")),
        ("Article 24", ("article", "Article 24", 24, "")),
        ("ARTICLE 24.", ("article", "ARTICLE 24", 24, "")),
        ("Article 24 Conditions and safeguards", ("article", "Article 24", 24, SAFEGUARDS)),
        ("Article 12 bis. Extra", ("article", "Article 12 bis", 12, "Extra")),
        ("[Article 16. Incitement]", ("article", "[Article 16", 16, "Incitement]")),
        ("[Article 16]", ("article", "[Article 16]", 16, "")),
        ("Article 5 [Deleted]", ("article", "Article 5", 5, "[Deleted]")),
        ("Article premier", ("article", "Article premier", 1, "")),
        ("Artículo 3. Ámbito de aplicación", ("article", "Artículo 3", 3, "Ámbito de aplicación")),
        ("Статья 7. Незаконный доступ", ("article", "Статья 7", 7, "Незаконный доступ")),
        ("المادة 1: بيان الغرض", ("article", "المادة 1", 1, "بيان الغرض")),
        ("Chapter IV. Procedural measures", ("chapter", "Chapter IV", 4, "Procedural measures")),
        ("Chapter IV", ("chapter", "Chapter IV", 4, "")),
        ("CHAPTER 2 — Criminalization", ("chapter", "CHAPTER 2", 2, "Criminalization")),
        ("Chapter One: General", ("chapter", "Chapter One", 1, "General")),
        ("Part II. Cooperation", ("part", "Part II", 2, "Cooperation")),
        ("الفصل الثاني: التجريم", ("chapter", "الفصل الثاني", 2, "التجريم")),
        ("الفصل الحادي عشر: أحكام ختامية", ("chapter", "الفصل الحادي عشر", 11, "أحكام ختامية")),
        ("Article 5 shall apply mutatis mutandis.", None),
        ("Article 5, paragraph 2, applies.", None),
        ("Articles 5 and 6 apply.", None),
        ("Chapter IV of this Convention applies.", None),
        ("Part of the text is agreed.", None),
        ("المادة 5 من هذه الاتفاقية تنطبق", None),
        ("Participants agreed.", None),
        ("§ 1592 Nr. 1 gilt entsprechend, wenn die Ehe durch Tod aufgelöst wurde", None),
        ("§ 675s Abs. 1 als Zeitpunkt des Zugangs", None),
    ],
)  # fmt: skip
def test_heading_lines(text: str, expected: tuple[str, str, int, str] | None) -> None:
    found = parse_heading(text)
    got = (found.kind, found.num, found.ordinal, found.title) if found else None
    assert got == expected


def test_a_german_section_letter_is_a_suffix_not_an_ordinal_mark() -> None:
    """ "Artículo 1o" is the first article; "§ 675o" comes after § 675n."""
    heading = parse_heading("§ 675o Ablehnung von Zahlungsaufträgen")
    assert heading is not None
    assert (heading.num, heading.suffix, heading.key) == ("§ 675o", "o", "675o")
    spanish = parse_heading("Artículo 1o.- El objeto")
    assert spanish is not None and spanish.key == "1"


def test_a_title_without_separator_needs_a_capital_or_a_heading_style() -> None:
    assert parse_heading("Article 5 scope of the text") is None
    heading = parse_heading("المادة 5 نطاق الانطباق", styled=True)
    assert heading is not None and heading.title == "نطاق الانطباق"


def test_a_sentence_after_the_number_is_read_as_text_not_title() -> None:
    heading = parse_heading(
        "Article 5. Each State Party shall adopt such measures as may be necessary to do so."
    )
    assert heading is not None and heading.title == ""
    assert heading.long_text.startswith("Each State Party")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. Each State Party", (1, "1.", 1, "Each State Party")),
        ("12. Each", (1, "12.", 12, "Each")),
        ("1 - تكفل الدول", (1, "1 -", 1, "تكفل الدول")),
        ("(3) Each", (1, "(3)", 3, "Each")),
        ("(a) data", (2, "(a)", 1, "data")),
        ("(aa) more", (2, "(aa)", 27, "more")),
        ("b) data", (2, "b)", 2, "data")),
        ("(ii) sub", (3, "(ii)", 2, "sub")),
        ("(iv) sub", (3, "(iv)", 4, "sub")),
        ("(ه) تعريف", (2, "(ه)", 5, "تعريف")),
        ("(هـ) تعريف", (2, "(هـ)", 5, "تعريف")),
        ("’2’ يعالج", (3, "’2’", 2, "يعالج")),
        ("1.1 Decimal numbering is not a paragraph number", None),
        ("2023. A year", None),
        ("Each State Party (a) shall", None),
    ],
)
def test_number_lines(text: str, expected: tuple[int, str, int, str] | None) -> None:
    found = parse_number(text)
    got = (found.level, found.num, found.ordinal, found.text) if found else None
    assert got == expected


def test_i_is_a_letter_after_h_and_a_numeral_under_an_open_point() -> None:
    h = Unit(2, "(h)", 8, "x", content=[Block("the last term;", "x")])
    assert parse_number("(i) next term", h).level == 2  # type: ignore[union-attr]
    a = Unit(2, "(a)", 1, "x", content=[Block("any entity that:", "x")])
    assert parse_number("(i) provides", a).level == 3  # type: ignore[union-attr]
    h_intro = Unit(2, "(h)", 8, "x", content=[Block("the following:", "x")])
    assert parse_number("(i) first", h_intro).level == 3  # type: ignore[union-attr]
    assert parse_number("(i) with nothing open").level == 2  # type: ignore[union-attr]


def test_symbols_and_dates() -> None:
    assert is_symbol("A/AC.291/22") and is_symbol("A/AC.291/22/Rev.1")
    assert is_symbol("CTOC/COP/WG.2/2019/1")
    assert not is_symbol("and/or") and not is_symbol("A/B testing")
    assert iso_date("6 November 2023") == "2023-11-06"
    assert iso_date("Date: 16 January 2023") == "2023-01-16"
    assert iso_date("6 Brumaire 2023") == "" and iso_date("In 6 November 2023 text") == ""


# The tree


def test_points_intro_and_wrap_up_go_where_they_belong() -> None:
    document = _detect(
        "Title",
        "Article 1. Offences",
        "1. Each State Party shall criminalize:",
        "(a) obtaining:",
        "(i) a device; or",
        "(ii) a password;",
        "with intent to commit an offence;",
        "(b) possessing such an item,",
        "when committed intentionally.",
        "2. A State Party may reserve the right.",
        "Further text of paragraph 2.",
    )
    (article,) = _articles(document.body)
    para_1, para_2 = article.children
    assert isinstance(para_1, Unit) and isinstance(para_2, Unit)
    assert [b.text for b in para_1.content] == ["Each State Party shall criminalize:"]
    point_a, point_b = para_1.children
    assert [c.num for c in point_a.children] == ["(i)", "(ii)"]
    assert [b.text for b in point_a.wrap_up] == ["with intent to commit an offence;"]
    assert [b.text for b in point_b.content] == ["possessing such an item,"]
    assert [b.text for b in para_1.wrap_up] == ["when committed intentionally."]
    assert [b.text for b in para_2.content] == [
        "A State Party may reserve the right.",
        "Further text of paragraph 2.",
    ]


def test_numbers_under_a_bracketed_paragraph_are_its_points_as_in_german_laws() -> None:
    """German, Austrian and Swiss laws number paragraphs "(1)" and the points in them
    "1.", then "a)": the second "1." of an article is a point of "(2)", not a second
    paragraph 1 to warn about."""
    document = _detect(
        "§ 1 Disclosure",
        "(1) Whoever discloses a secret entrusted to them as",
        "1. an official,",
        "2. an expert witness,",
        "is liable to a fine.",
        "(2) Prosecution requires leave, given",
        "1. by the president",
        "a) where the secret came from the assembly,",
        "b) where it came from a committee;",
        "2. by the minister in all other cases.",
        "(3) Attempt is punishable.",
    )
    (article,) = _articles(document.body)
    paragraphs = [c for c in article.children if isinstance(c, Unit)]
    assert [(p.num, p.level) for p in paragraphs] == [("(1)", 1), ("(2)", 1), ("(3)", 1)]
    first, second, _ = paragraphs
    assert [(c.num, c.level) for c in first.children] == [("1.", 2), ("2.", 2)]
    assert [b.text for b in first.wrap_up] == ["is liable to a fine."]
    by_president, by_minister = second.children
    assert [(c.num, c.level) for c in by_president.children] == [("a)", 3), ("b)", 3)]
    assert [b.text for b in by_minister.content] == ["by the minister in all other cases."]
    assert _unsure(document) == []


def test_inserted_numbers_and_points_that_announce_more_text() -> None:
    """ "5a." and "(3a)" were inserted by an amendment between 5 and 6, 3 and 4: no gap,
    no duplicate. A point ending in a colon keeps the text after it as its own."""
    document = _detect(
        "§ 1 Definitions",
        "(1) In this Act",
        "1. relative:",
        "whoever is one of the following:",
        "a) a spouse,",
        "b) a sibling;",
        "2. official: a civil servant;",
        "2a. European official: a member of the Commission;",
        "3. judge: a professional judge.",
        "(1a) Further terms are defined in the annex.",
        "(2) A thing includes data.",
    )
    (article,) = _articles(document.body)
    first, inserted, second = [c for c in article.children if isinstance(c, Unit)]
    assert (first.num, inserted.num, second.num) == ("(1)", "(1a)", "(2)")
    relative, _, european, _ = first.children
    assert [b.text for b in relative.content] == ["relative:", "whoever is one of the following:"]
    assert [c.num for c in relative.children] == ["a)", "b)"]
    assert (european.num, european.ordinal, european.suffix) == ("2a.", 2, "a")
    assert first.wrap_up == []
    assert _unsure(document) == []


def test_german_divisions_nest_in_the_order_the_law_uses() -> None:
    """The German civil code holds Buch > Abschnitt > Titel > Untertitel > Kapitel; the
    fixed order (title above section) closed each Abschnitt at its first Titel, and
    Titel 1 of the second Abschnitt was a duplicate of the first's."""
    document = _detect(
        "Buch 1 - General part",
        "Abschnitt 1 - Persons",
        "Titel 1 - Natural persons",
        "§ 1 Capacity",
        "Capacity begins at birth.",
        "Titel 2 - Legal persons",
        "Untertitel 1 - Associations",
        "Kapitel 1 - General rules",
        "§ 2 Seat",
        "An association has its seat where it is administered.",
        "Abschnitt 2 - Things",
        "Titel 1 - Definitions",
        "§ 3 Things",
        "Things are physical objects.",
    )
    (book,) = document.body
    assert isinstance(book, Division)
    first, second = book.children
    assert isinstance(first, Division) and isinstance(second, Division)
    assert [(d.kind, d.num) for d in (first, second)] == [
        ("section", "Abschnitt 1"),
        ("section", "Abschnitt 2"),
    ]
    assert [c.num for c in first.children] == ["Titel 1", "Titel 2"]
    legal_persons = first.children[1]
    assert isinstance(legal_persons, Division)
    (associations,) = legal_persons.children
    assert isinstance(associations, Division) and associations.kind == "subtitle"
    assert [a.num for a in _articles(document.body)] == ["§ 1", "§ 2", "§ 3"]
    assert _unsure(document) == []


def test_points_without_a_numbered_paragraph_hang_from_an_unnumbered_one() -> None:
    document = _detect("Article 1. Purposes", "The purposes are:", "(a) one;", "(b) two.")
    (article,) = _articles(document.body)
    (paragraph,) = article.children
    assert isinstance(paragraph, Unit)
    assert (paragraph.num, [b.text for b in paragraph.content]) == ("", ["The purposes are:"])
    assert [c.num for c in paragraph.children] == ["(a)", "(b)"]


def test_a_point_after_a_wrap_up_keeps_the_wrap_up_in_order() -> None:
    document = _detect("Article 1. T", "Intro:", "(a) one;", "Middle text.", "(b) two.")
    (article,) = _articles(document.body)
    (paragraph,) = article.children
    assert isinstance(paragraph, Unit)
    assert [(c.num, [b.text for b in c.content]) for c in paragraph.children] == [
        ("(a)", ["one;"]),
        ("", ["Middle text."]),
        ("(b)", ["two."]),
    ]
    assert paragraph.wrap_up == []


def test_headings_split_over_two_lines_and_number_lines_with_text_below() -> None:
    document = _detect(
        "Chapter IV",
        "Procedural measures",
        "Article 24",
        "Conditions and safeguards",
        "1.",
        "Each State Party shall ensure safeguards.",
        "Article 25",
        "Each State Party shall adopt measures.",
    )
    (chapter,) = document.body
    assert isinstance(chapter, Division)
    assert (chapter.num, chapter.heading) == ("Chapter IV", "Procedural measures")
    first, second = _articles(document.body)
    assert (first.num, first.heading) == ("Article 24", "Conditions and safeguards")
    (para,) = first.children
    assert isinstance(para, Unit)
    assert (para.num, [b.text for b in para.content]) == (
        "1.",
        ["Each State Party shall ensure safeguards."],
    )
    assert second.heading == ""  # a sentence is not a title
    assert [b.text for b in second.children[0].content] == [  # type: ignore[union-attr]
        "Each State Party shall adopt measures."
    ]


def test_parts_hold_chapters_and_chapters_hold_articles() -> None:
    document = _detect(
        "Part I. General", "Chapter 1. Scope", "Article 1. A", "Text.",
        "Chapter 2. Terms", "Article 2. B", "Text.", "Part II. Final", "Article 3. C", "Text.",
    )  # fmt: skip
    part_1, part_2 = document.body
    assert isinstance(part_1, Division) and isinstance(part_2, Division)
    assert [c.num for c in part_1.children] == ["Chapter 1", "Chapter 2"]
    assert [a.num for a in part_2.children] == ["Article 3"]
    assert document.report.chapters == 2


def test_title_symbol_date_and_preamble_come_from_before_the_body() -> None:
    document = _detect(
        "United Nations",
        "A/AC.291/22",
        "Distr.: General",
        "6 November 2023",
        "Draft convention",
        "The States Parties,",
        "Have agreed as follows:",
        "Article 1. Scope",
        "Text.",
    )
    assert (document.title, document.symbol, document.date) == (
        "Draft convention",
        "A/AC.291/22",
        "2023-11-06",
    )
    assert [b.text for b in document.preamble] == [
        "United Nations",
        "Distr.: General",
        "6 November 2023",
        "The States Parties,",
        "Have agreed as follows:",
    ]


# Unsure places


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ("Article 1. A", "x", "Article 2. B", "x", "Article 4. D", "x"),
            ["line 5: numbering gap: Article 2 is followed by Article 4"],
        ),
        (
            ("Article 1. A", "x", "Article 2. B", "x", "Article 2. C", "x"),
            ["line 5: Article 2 appears twice (first at line 3)"],
        ),
        (
            ("Article 1. A", "x", "Article 3. B", "x", "Article 2. C", "x"),
            [
                "line 3: numbering gap: Article 1 is followed by Article 3",
                "line 5: out of sequence: Article 2 comes after Article 3",
            ],
        ),
        (("Article 3. A", "x"), ["line 1: numbering starts at Article 3"]),
        (
            ("Article 1. A", "1. x", "3. y"),
            ["line 3: numbering gap: 1. is followed by 3. in Article 1"],
        ),
        (
            ("Article 1. A", "1. x", "(a) p", "(c) q"),
            ["line 4: numbering gap: (a) is followed by (c) in 1."],
        ),
        (
            ("Article 1. A", "1. x", "2. y", "2. z"),
            ["line 4: 2. appears twice in Article 1"],
        ),
        (
            ("Article 1. A", "Text.", "GENERAL PROVISIONS", "More."),
            [
                "line 3: heading-like line inside Article 1, kept there as a heading: "
                "'GENERAL PROVISIONS'"
            ],
        ),
        (
            ("Chapter I. A", "A note under the chapter.", "Article 1. B", "Text."),
            ["line 2: text between a chapter heading and the next article, kept in Article 1"],
        ),
        (
            ("Article 1. A", "1. x", "Article 1 bis. B", "y", "Article 2. C", "z"),
            [],
        ),
    ],
    ids=[
        "article gap",
        "duplicate article",
        "out of sequence",
        "first article not 1",
        "paragraph gap",
        "point gap",
        "duplicate paragraph",
        "heading inside article",
        "text under a chapter heading",
        "bis is no gap",
    ],
)
def test_unsure_places_are_reported_with_their_location(
    lines: tuple[str, ...], expected: list[str]
) -> None:
    assert _unsure(_detect(*lines)) == expected


def test_unsure_places_become_warnings_after_the_counts() -> None:
    report = _detect("Article 1. A", "1. x", "3. y").report
    assert report.warnings() == (
        "structure detected: 0 chapters, 1 article, 2 paragraphs, 0 points, 0 footnotes",
        "unsure at line 3: numbering gap: 1. is followed by 3. in Article 1",
    )


def test_text_under_a_chapter_heading_opens_the_next_article() -> None:
    document = _detect("Chapter I. A", "A note under the chapter.", "Article 1. B", "1. Text.")
    (article,) = _articles(document.body)
    assert [b.text for c in article.children if isinstance(c, Unit) for b in c.content] == [
        "A note under the chapter.",
        "Text.",
    ]


def test_a_duplicate_article_keeps_both_texts() -> None:
    document = _detect("Article 1. A", "first", "Article 1. A", "second")
    assert [a.num for a in _articles(document.body)] == ["Article 1", "Article 1"]


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        ((), "the document has no text"),
        (("   ", ""), "the document has no text"),
        (("Notes of the meeting", "1. Item one."), "no articles found"),
        (("Chapter I. General", "Text only."), "no articles found"),
    ],
)
def test_no_text_or_no_article_is_an_error_naming_the_file(
    lines: tuple[str, ...], reason: str
) -> None:
    with pytest.raises(DraftImportError) as caught:
        _detect(*lines)
    assert str(caught.value).startswith("test.txt: ")
    assert reason in str(caught.value)
