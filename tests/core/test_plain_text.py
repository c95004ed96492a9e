"""Text drafts: decoding, page furniture, wrapped lines, and the real UN text in the corpus."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from drafts.errors import DraftImportError
from drafts.importer import collect_files, import_paths
from drafts.model import Draft
from drafts.reading.conversion import convert_file
from drafts.reading.plain_text import decode, read_text
from drafts.store import Store
from tests.builders import COVER, PARAGRAPHS, UN_TEXT, article, paged_text, wrapped_paragraphs

WORD = re.compile(r"\w+")


def _convert(tmp_path: Path, text: str, name: str = "draft.txt") -> Draft:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return convert_file(path).draft


def _words(draft: Draft) -> set[str]:
    parts = [draft.work_title, draft.symbol]
    for p in draft.provisions:
        parts += [p.num, p.heading, p.text, *(c.label() for c in p.containers)]
    return set(WORD.findall(" ".join(parts)))


@pytest.mark.parametrize("form_feeds", [True, False], ids=["form feeds", "no form feeds"])
def test_a_wrapped_paged_draft_is_read_back_into_its_structure(
    tmp_path: Path, form_feeds: bool
) -> None:
    draft = _convert(tmp_path, paged_text(wrapped_paragraphs(), 9, form_feeds))
    assert draft.work_title == PARAGRAPHS[0]
    assert (draft.symbol, draft.date) == ("A/AC.291/22", "2023-11-06")
    preamble, *articles = draft.provisions
    assert preamble.text.splitlines() == [COVER[0], *COVER[2:], *PARAGRAPHS[1:4]]
    assert [(a.num, a.heading, a.chapter.label() if a.chapter else "") for a in articles] == [
        ("Article 1", "Statement of purpose", "Chapter I General provisions"),
        ("Article 2", "Use of terms", "Chapter I General provisions"),
        ("Article 3", "Scope of application", "Chapter I General provisions"),
    ]
    assert articles[0].text == PARAGRAPHS[8]  # one paragraph again, across a page break
    assert articles[1].text.splitlines() == PARAGRAPHS[11:14]
    assert articles[2].text.splitlines() == PARAGRAPHS[15:17]


@pytest.mark.parametrize("form_feeds", [True, False], ids=["form feeds", "no form feeds"])
def test_page_furniture_is_dropped_and_reported_with_line_and_count(
    tmp_path: Path, form_feeds: bool
) -> None:
    text = paged_text(wrapped_paragraphs(), 9, form_feeds)
    draft = _convert(tmp_path, text)
    pages = text.count("V.23-12345")
    assert pages >= 4
    all_text = " ".join(p.text for p in draft.provisions)
    assert "V.23-12345" not in all_text and "A/AC.291/22" not in all_text
    first_job = text.split("\n").index("V.23-12345") + 1
    assert f"page furniture 'V.23-12345' dropped: {pages} lines, first at line {first_job}" in (
        draft.warnings
    )
    assert f"page furniture 'A/AC.291/22' dropped: {pages} lines, first at line 2" in (
        draft.warnings
    )
    assert any(w.startswith(f"page numbers dropped: {pages} lines") for w in draft.warnings)


def test_no_word_of_the_paged_text_is_lost_but_furniture(tmp_path: Path) -> None:
    text = paged_text(wrapped_paragraphs(), 9, form_feeds=True)
    furniture = {"V", "23", "12345"} | {str(n) for n in range(1, 10)}
    source = set(WORD.findall(text)) - furniture
    assert source - _words(_convert(tmp_path, text)) == set()


def test_a_lone_number_inside_the_text_is_kept(tmp_path: Path) -> None:
    text = (
        "Article 1. Scope\n\n"
        "The measures in this article apply, with the changes the case requires, as in article\n"
        "12\n"
        "of the other Convention and as agreed between the States Parties concerned.\n"
    )
    assert _convert(tmp_path, text).provisions[-1].text == (
        "The measures in this article apply, with the changes the case requires, as in article "
        "12 of the other Convention and as agreed between the States Parties concerned."
    )


def test_a_hyphen_at_a_line_end_keeps_the_word_whole(tmp_path: Path) -> None:
    text = (
        "Article 1. Sovereignty\n\n"
        "States Parties shall carry out their obligations consistent with the princi-\n"
        "ples of sovereign equality and of non-\n"
        "intervention in the domestic affairs of other States.\n"
    )
    body = _convert(tmp_path, text).provisions[-1].text
    assert "princi-ples" in body and "non-intervention" in body


def test_one_paragraph_per_line_is_read_line_by_line(tmp_path: Path) -> None:
    long = "Each State Party shall adopt such measures as may be necessary " * 3
    text = f"Article 1: Measures\n{long}\nA second paragraph without a number.\n"
    assert _convert(tmp_path, text).provisions[-1].text.splitlines() == [
        long.strip(),
        "A second paragraph without a number.",
    ]


def test_table_of_contents_lines_are_left_out(tmp_path: Path) -> None:
    contents = "Contents\nArticle 1. Scope ........ 3\nArticle 2. Terms ........ 4\n"
    text = f"{contents}\nArticle 1. Scope\n\nText.\n"
    draft = _convert(tmp_path, text)
    assert [p.num for p in draft.provisions if p.kind == "article"] == ["Article 1"]
    assert "2 table-of-contents lines were left out (from line 2)" in draft.warnings


# Encodings


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),
        lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16 LE with BOM", "utf-16 BE with BOM"],
)
def test_accepted_encodings_decode_to_the_same_text(encode: Callable[[str], bytes]) -> None:
    text = "Article 1. Scope — “quoted” [bracketed] المادة 1\n"
    assert decode(encode(text), "x.txt") == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("Article 1. Café\n".encode("latin-1"), "not UTF-8 text: byte 0xe9 at line 1"),
        ("Article 1.\n".encode("utf-16-le"), "NUL bytes"),
        (codecs.BOM_UTF32_LE + "A".encode("utf-32-le"), "UTF-32"),
        (b"%PDF-1.4\n", "a PDF file"),
        (b"\n\n   \n", "the document has no text"),
        (b"Minutes of the meeting.\nNothing else.\n", "no articles found"),
    ],
    ids=["latin-1", "utf-16 without BOM", "utf-32", "pdf", "blank", "no articles"],
)
def test_bad_text_is_refused_naming_the_file_and_nothing_is_stored(
    db_file: Path,
    tmp_path: Path,
    write_akn: Callable[..., Path],
    data: bytes,
    reason: str,
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    with Store(db_file) as store:
        import_paths(store, [write_akn("other.xml", article(1, "Earlier."), work="/akn/x")])
        before = store.dump()
        with pytest.raises(DraftImportError) as caught:
            import_paths(store, [bad])
        assert str(caught.value).startswith(f"{bad}: ")
        assert reason in str(caught.value)
        assert store.dump() == before


def test_a_folder_collects_text_drafts_but_not_notes(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a draft")
    (tmp_path / "draft.txt").write_text("Article 1. Scope\nText.\n")
    (tmp_path / "~$draft.docx").write_bytes(b"Word lock file")
    (tmp_path / "draft.docx").write_bytes(b"PK")
    assert [p.name for p in collect_files([tmp_path])] == ["draft.docx", "draft.txt"]


# The real text in the corpus: the UN Convention against Cybercrime, Arabic, articles 1 to 15


def test_the_real_un_convention_text_is_read_article_by_article(corpus: Path) -> None:
    """The corpus file is the Arabic text of articles 1-15 (of the 71 adopted articles),
    one paragraph per line: every article is found, in order, under the right chapter."""
    path = corpus / UN_TEXT
    draft = convert_file(path).draft
    assert draft.work_title == "اتفاقية الأمم المتحدة لمكافحة الجريمة السيبرانية"
    assert draft.language == "ara"
    articles = [p for p in draft.provisions if p.kind == "article"]
    assert [a.num for a in articles] == [f"المادة {n}" for n in range(1, 16)]
    assert [a.eid for a in articles] == [f"art_{n}" for n in range(1, 16)]
    assert articles[0].heading == "بيان الغرض"
    assert [a.chapter.label() if a.chapter else "" for a in articles] == [""] * 6 + [
        "الفصل الثاني التجريم"
    ] * 9
    assert all(a.text for a in articles)


def test_the_real_un_text_keeps_its_paragraph_and_point_numbers(corpus: Path) -> None:
    draft = convert_file(corpus / UN_TEXT).draft
    by_num = {p.num: p for p in draft.provisions}
    article_2 = [line.num for line in by_num["المادة 2"].lines]
    assert article_2[:9] == ["", "(أ)", "(ب)", "(ج)", "(د)", "(ه)", "’1’", "’2’", "(و)"]
    assert [line.num for line in by_num["المادة 15"].lines] == ["1 -", "2 -", "3 -", "4 -"]
    article_11 = by_num["المادة 11"].text.splitlines()
    assert article_11[4].startswith("بقصد استخدام ذلك الجهاز")  # the wrap-up after ’2’
    assert article_11[5].startswith("(ب) حيازة")


def test_the_real_un_text_report_counts_and_flags_the_missing_chapter_one(corpus: Path) -> None:
    report = convert_file(corpus / UN_TEXT).report
    assert (report.chapters, report.articles, report.footnotes) == (1, 15, 0)
    assert (report.paragraphs, report.points) == (31, 44)
    assert [str(u) for u in report.unsure] == ["line 93: numbering starts at الفصل الثاني"]


def test_no_word_of_the_real_un_text_is_lost(corpus: Path) -> None:
    path = corpus / UN_TEXT
    source = set(WORD.findall(path.read_text(encoding="utf-8")))
    assert source - _words(convert_file(path).draft) == set()


def test_read_text_reports_the_symbol_seen_in_headers() -> None:
    text = paged_text(wrapped_paragraphs(), 9, form_feeds=True).encode()
    assert read_text(text, "x.txt").symbol == "A/AC.291/22"


# Hostile lines: digits that are not numbers, numbers too long for int, endless paragraphs


@pytest.mark.parametrize("line", ["²", "²³", "9" * 5000, f"Article {'9' * 5000}", "٣", "Article ²"])
@pytest.mark.parametrize("name", ["draft.txt", "draft.md"])
def test_a_line_of_odd_or_endless_digits_is_text(tmp_path: Path, line: str, name: str) -> None:
    draft = _convert(tmp_path, f"Article 1\n\nSome text.\n\n{line}\n\nMore text.\n", name)
    (article_1,) = [p for p in draft.provisions if p.kind == "article"]
    assert article_1.num == "Article 1" and line in article_1.text


def test_a_line_over_the_paragraph_limit_is_refused_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "one-line.txt"
    path.write_text("Article 1\n" + "lorem ipsum " * 100_000, encoding="utf-8")
    with pytest.raises(DraftImportError) as caught:
        convert_file(path)
    assert str(caught.value).startswith(
        f"{path}: line 2 holds 1,200,000 characters in one paragraph"
    )
    assert "a text file needs line breaks between its paragraphs" in str(caught.value)


def test_a_wrapped_paragraph_over_the_limit_is_refused_where_it_begins(tmp_path: Path) -> None:
    wrapped = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\n"
    path = tmp_path / "wrapped.txt"
    path.write_text("Article 1\n" + wrapped * 13_000, encoding="utf-8")
    with pytest.raises(DraftImportError, match=r": line 2 holds 1,0\d\d,\d\d\d characters"):
        convert_file(path)


def test_a_long_wrapped_paragraph_is_joined_in_linear_time(tmp_path: Path) -> None:
    """Joining checked the whole text so far for a hyphen at its end, line after line:
    300 KB of wrapped lines took a minute. Here 160 KB, a fraction of a second."""
    wrapped = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do non-\nintervention\n"
    draft = _convert(tmp_path, "Article 1\n" + wrapped * 2_000)
    (article_1,) = draft.provisions
    assert article_1.text.count("non-intervention lorem") == 1_999
