"""PDF drafts (issue 16): read through the same detector as Word and text, with the
page's furniture left out, footnotes made notes and struck words made marks.

Every PDF here is drawn at test time by Qt (`tests.pdf_builder`): the demo drafts with
running headers, job numbers, page numbers, line numbers and footnotes, in one and
two columns, and small drafts for strikes, hyphenation, scans and refusals.
Expected vs found, per draft, is the provisions of the Akoma Ntoso original.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafts.demo import demo_files
from drafts.errors import DraftImportError
from drafts.importer import import_paths
from drafts.model import Provision
from drafts.reading import pdf_runs
from drafts.reading.akoma import read_draft
from drafts.reading.conversion import convert_file
from drafts.reading.suffixes import file_filter
from drafts.store import Store
from main import main
from tests.pdf_builder import Layout, build_pdf, draft_pdf, hand_pdf, text_line

UN_PAGE = Layout(header="A/AC.305/7", job_number="V.23-00123", line_numbers=True)


def _key(p: Provision) -> tuple[object, ...]:
    chapter = p.chapter.label() if p.chapter else ""
    return (p.kind, p.num, p.heading, p.text, chapter, [(n.marker, n.text) for n in p.notes])


def _write(tmp_path: Path, data: bytes, name: str = "draft.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "layout"),
    [
        ("01-zero-draft.xml", UN_PAGE),
        ("05-final-text.xml", UN_PAGE),
        ("02-first-revised-draft.xml", Layout(header="A/AC.305/7", columns=2)),
    ],
    ids=["zero draft", "final text", "two columns"],
)
def test_a_demo_draft_printed_to_pdf_gives_back_every_provision(
    tmp_path: Path, name: str, layout: Layout
) -> None:
    original = read_draft(next(f for f in demo_files() if f.name == name))
    converted = convert_file(_write(tmp_path, draft_pdf(original, layout)))
    assert [_key(p) for p in converted.draft.provisions] == [_key(p) for p in original.provisions]
    assert converted.draft.symbol == "A/AC.305/7"  # from the running header
    warnings = "\n".join(converted.draft.warnings)
    assert "read but in no provision" not in warnings
    assert "page furniture 'A/AC.#/#' left out" in warnings


def test_the_import_report_counts_what_the_page_carried(tmp_path: Path) -> None:
    original = read_draft(demo_files()[0])
    converted = convert_file(_write(tmp_path, draft_pdf(original, UN_PAGE)))
    report = converted.report
    pages = int(re.search(r"(\d+) pages read", "\n".join(report.notices))[1])  # type: ignore[index]
    assert pages > 20
    reasons = {why for why, _ in report.dropped}
    assert reasons == {"page furniture", "line numbers"}
    assert sum(1 for why, text in report.dropped if text == "A/AC.305/7") == pages
    assert any("footnotes read at the foot" in n for n in report.notices)
    assert report.footnotes == sum(len(p.notes) for p in original.provisions)


STRUCK = [
    "<p align=center><b>Draft convention</b></p>",
    "<p align=center><b>Article 24</b></p>",
    "<p align=center><b>Conditions and safeguards</b></p>",
    "<p>1. Each State Party shall ensure that the powers are subject to <s>appropriate</s> "
    "conditions and safeguards <s>provided for under its domestic law</s>, which shall "
    "provide for the protection of human rights.</p>",
    "<p>2. Such conditions shall include <s>judicial or other</s> independent review.</p>",
]


def test_struck_words_become_the_drafts_deletion_marks_as_in_word(tmp_path: Path) -> None:
    converted = convert_file(_write(tmp_path, build_pdf(STRUCK)))
    (article,) = converted.draft.provisions
    assert article.num == "Article 24" and article.heading == "Conditions and safeguards"
    assert article.text == (
        "1. Each State Party shall ensure that the powers are subject to conditions and "
        "safeguards, which shall provide for the protection of human rights.\n"
        "2. Such conditions shall include independent review."
    )
    assert [m.text for m in article.marks] == [
        "appropriate",
        "provided for under its domestic law",
        "judicial or other",
    ]
    assert any("struck words read as the draft's deletions" in w for w in converted.draft.warnings)


def test_a_word_broken_at_a_line_end_is_joined_only_if_the_document_knows_it(
    tmp_path: Path,
) -> None:
    body = [
        "<p><b>Article 1</b></p>",
        "<p>1. This article concerns the principle of non-<br>intervention in matters that con-"
        "<br>cerns the Parties.</p>",
        "<p>2. It concerns nothing else.</p>",
    ]
    (article,) = convert_file(_write(tmp_path, build_pdf(body))).draft.provisions
    assert article.text == (
        "1. This article concerns the principle of non-intervention in matters that concerns "
        "the Parties.\n2. It concerns nothing else."
    )


def test_two_columns_are_read_column_by_column(tmp_path: Path) -> None:
    body = ["<p align=center><b>Short convention</b></p>"]
    for n in range(1, 13):
        body += [
            f"<p><b>Article {n}</b></p>",
            f"<p>The text of article {n} runs over a few lines of a narrow column so that "
            f"the order of its words shows whether the columns were read apart. End {n}.</p>",
        ]
    converted = convert_file(_write(tmp_path, build_pdf(body, Layout(columns=2))))
    provisions = converted.draft.provisions
    assert [p.num for p in provisions] == [f"Article {n}" for n in range(1, 13)]
    assert all(p.text.endswith(f"End {n}.") for n, p in enumerate(provisions, 1))
    assert any("two columns read column by column" in w for w in converted.draft.warnings)


# Refused: scans, damaged, encrypted, hostile


def _scan() -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter, QPdfWriter

    from tests.pdf_builder import _app

    _app()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    image = QImage(200, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(writer)
    painter.drawImage(0, 0, image)
    painter.end()
    buffer.close()
    return bytes(data.data())


def test_a_scan_with_no_text_is_refused_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(DraftImportError, match=r"page 1 has no text: this PDF is a scan; run OCR"):
        convert_file(_write(tmp_path, _scan(), "scan.pdf"))


def test_a_damaged_pdf_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n%%EOF")
    with pytest.raises(DraftImportError, match="not a readable PDF") as error:
        convert_file(path)
    assert str(path) in str(error.value)


def test_a_pdf_with_too_many_pages_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_runs, "MAX_PAGES", 2)
    body = [f"<p><b>Article {n}</b></p><p>{'Text of the article. ' * 200}</p>" for n in range(9)]
    with pytest.raises(DraftImportError, match="over the limit of 2 for a draft"):
        convert_file(_write(tmp_path, build_pdf(body)))


def test_an_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    data = build_pdf(STRUCK)
    trailer = data.rindex(b"trailer")
    close = data.index(b"<<", trailer) + 2
    encrypt = (
        b" /Encrypt << /Filter /Standard /V 1 /R 2 /O <"
        + b"11" * 32
        + b"> /U <"
        + b"22" * 32
        + b"> /P -4 >> /ID [<"
        + b"33" * 16
        + b"> <"
        + b"33" * 16
        + b">] "
    )
    path = _write(tmp_path, data[:close] + encrypt + data[close:])
    with pytest.raises(DraftImportError, match="encrypted"):
        convert_file(path)


def test_a_bad_pdf_in_a_folder_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    _write(tmp_path, build_pdf(STRUCK), "a-good.pdf")
    _write(tmp_path, _scan(), "b-scan.pdf")
    with Store() as store:
        with pytest.raises(DraftImportError, match=r"b-scan\.pdf"):
            import_paths(store, [tmp_path])
        assert store.is_empty()
        report = import_paths(store, [tmp_path / "a-good.pdf"])
        assert [d.provision_count for d in report.added] == [1]


# Where a PDF is taken


def test_convert_writes_a_pdf_as_akoma_ntoso(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    source = _write(tmp_path, build_pdf(STRUCK))
    out = tmp_path / "out.xml"
    assert main(["convert", str(source), "-o", str(out)]) == 0
    assert b"<del>" in out.read_bytes()
    assert "1 provisions" in capsys.readouterr().out


def test_the_import_dialog_offers_pdf() -> None:
    assert "PDF (*.pdf)" in file_filter()
    assert "*.pdf" in file_filter().split(";;")[0]


def test_a_rule_through_part_of_a_line_strikes_only_the_words_under_it(tmp_path: Path) -> None:
    """A line written as one text object (as most programs write them) with a rule
    drawn through two of its words, at mid-height: those two words, no more."""
    page = "\n".join(
        [
            text_line(72, 760, "Article 1"),
            text_line(72, 730, "The old words go and the new stay."),
            "0.8 w 96 734 m 152 734 l S",  # through "old words", 4 pt above the baseline
            "0.8 w 72 727 m 260 727 l S",  # under the whole line: an underline, no strike
        ]
    )
    converted = convert_file(_write(tmp_path, hand_pdf([page])))
    (article,) = converted.draft.provisions
    assert article.text == "The go and the new stay."
    assert [(m.offset, m.text) for m in article.marks] == [(4, "old words")]


def test_blank_pages_and_watermarks_are_named_and_left_out(tmp_path: Path) -> None:
    watermark = "BT /F1 60 Tf 0.7 0.7 -0.7 0.7 150 300 Tm (DRAFT) Tj ET"
    first = "\n".join([text_line(72, 760, "Article 1"), text_line(72, 730, "First."), watermark])
    last = "\n".join([text_line(72, 760, "Article 2"), text_line(72, 730, "Second."), watermark])
    converted = convert_file(_write(tmp_path, hand_pdf([first, "", last])))
    assert [p.text for p in converted.draft.provisions] == ["First.", "Second."]
    assert "pages with no text (scanned or blank), not read: 2" in converted.draft.warnings
    assert converted.report.dropped.count(("text at an angle (a watermark)", "DRAFT")) == 2


def test_a_footnote_whose_call_is_lost_stays_with_the_last_paragraph_of_its_page(
    tmp_path: Path,
) -> None:
    page = "\n".join(
        [
            text_line(72, 760, "Article 1"),
            text_line(72, 730, "The words of the article, in the type of the body,"),
            text_line(72, 715, "which is larger than the type of the notes."),
            "0.5 w 72 120 m 172 120 l S",  # the rule above the footnotes
            text_line(72, 105, "1 A note whose call was not raised.", size=9),
            text_line(290, 40, "1", size=9),  # the page number
        ]
    )
    converted = convert_file(_write(tmp_path, hand_pdf([page])))
    (article,) = converted.draft.provisions
    assert article.text == (
        "The words of the article, in the type of the body, which is larger than the type "
        "of the notes."
    )
    assert [(n.marker, n.text) for n in article.notes] == [
        ("1", "A note whose call was not raised.")
    ]
    assert any("matched no call in the text" in w for w in converted.draft.warnings)


def test_reading_stops_at_the_documents_object_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_runs, "MAX_TOTAL", 50)
    pages = [text_line(72, 760, "Article 1"), *(text_line(72, 700, "Words.") for _ in range(60))]
    with pytest.raises(DraftImportError, match="more than 50 objects by page 1: not a draft"):
        convert_file(_write(tmp_path, hand_pdf(["\n".join(pages)])))


def test_headings_are_found_by_weight_and_a_bold_paragraph_stays_text(tmp_path: Path) -> None:
    """ "Scope" in bold under "Article 1" is its title (a line of capitals or a short line
    would be too, but this one is neither: it is found by its weight); a long paragraph
    all in bold is a paragraph, not a heading."""
    bold_paragraph = "The Parties shall cooperate to the widest extent possible, " * 6
    body = [
        "<p><b>Article 1</b></p>",
        "<p><b>scope of the present instrument and its relation to others</b></p>",
        f"<p><b>{bold_paragraph.strip()}</b></p>",
        "<p>The rest of the article.</p>",
    ]
    converted = convert_file(_write(tmp_path, build_pdf(body)))
    (article,) = converted.draft.provisions
    assert article.heading == "scope of the present instrument and its relation to others"
    assert article.text == f"{bold_paragraph.strip()}\nThe rest of the article."
    assert not [w for w in converted.draft.warnings if "heading-like line" in w]


def test_paragraphs_with_no_space_between_them_and_notes_in_the_body_type(
    tmp_path: Path,
) -> None:
    """As Word prints a draft with no space after paragraphs: a line that ends where the
    next line's first word would have fitted ends its paragraph. Footnotes under the
    rule at the foot, in the body's own type, are still notes when they begin with the
    marker the text calls."""
    page = "\n".join(
        [
            text_line(72, 760, "Article 1"),
            text_line(
                72, 740, "1. The first paragraph of the article runs over two lines, so that"
            ),
            text_line(72, 726, "its second line is short."),
            text_line(72, 712, "2. The second paragraph follows with no space between the two and"),
            text_line(72, 698, "it has a call"),
            text_line(146, 702, "1", size=7),
            text_line(72, 684, "The third paragraph has no number."),
            text_line(72, 670, "Nor has the fourth."),
            "0.5 w 72 120 m 172 120 l S",
            text_line(72, 105, "1 A note in the type of the body."),
            text_line(290, 40, "1", size=9),
        ]
    )
    converted = convert_file(_write(tmp_path, hand_pdf([page])))
    (article,) = converted.draft.provisions
    assert article.text.split("\n") == [
        "1. The first paragraph of the article runs over two lines, so that its second line is "
        "short.",
        "2. The second paragraph follows with no space between the two and it has a call",
        "The third paragraph has no number.",
        "Nor has the fourth.",
    ]
    assert [(n.marker, n.text) for n in article.notes] == [("1", "A note in the type of the body.")]


def test_arabic_is_read_right_to_left(tmp_path: Path) -> None:
    arabic = "تعتمد كل دولة طرف ما قد يلزم من تدابير [تشريعية] وتدابير أخرى."
    body = ["<p><b>Article 1</b></p>", "<p><b>Scope</b></p>", f"<p dir=rtl>{arabic}</p>"]
    (article,) = convert_file(_write(tmp_path, build_pdf(body))).draft.provisions
    assert article.text == arabic


def test_bold_words_of_a_compromise_text_are_its_insertions_as_in_word(tmp_path: Path) -> None:
    body = [
        "<p align=center><b>Article 24</b></p>",
        "<p align=center><b>Conditions and safeguards</b></p>",
        "<p>1. Each State Party shall ensure that the powers are subject to <s>appropriate</s> "
        "<b>the</b> conditions and safeguards <b>required by international law</b>.</p>",
    ]
    converted = convert_file(_write(tmp_path, build_pdf(body)))
    (article,) = converted.draft.provisions
    assert article.heading == "Conditions and safeguards"  # a bold heading is no insertion
    inserted = [m for m in article.marks if m.inserted]
    assert [article.text[m.offset : m.offset + len(m.text)] for m in inserted] == [
        "the",
        "required by international law",
    ]
    assert any("marks insertions in bold" in w for w in converted.draft.warnings)


def test_bold_is_emphasis_in_a_pdf_that_strikes_nothing(tmp_path: Path) -> None:
    body = [
        "<p align=center><b>Article 1</b></p>",
        "<p>The Parties <b>shall</b> cooperate.</p>",
    ]
    (article,) = convert_file(_write(tmp_path, build_pdf(body))).draft.provisions
    assert article.text == "The Parties shall cooperate." and article.marks == ()


def test_a_line_of_a_superscript_digit_is_text_not_a_line_number(tmp_path: Path) -> None:
    """`"²".isdigit()` is true but `int("²")` fails: a lone "²" line crashed the search
    for line numbers (found by fuzzing damaged PDFs)."""
    body = ["Article 1. Scope", "²", "The States Parties shall cooperate."]
    (article,) = convert_file(_write(tmp_path, build_pdf(body))).draft.provisions
    assert "²" in article.text and "cooperate" in article.text
