"""A draft's own revision marks (issue 15): words a compromise text strikes through are
the chair's proposed deletions, not live text; tracked deletions likewise. The stored
text is the draft's clean text, and the deleted words are kept as its marks. Words it marks as
inserted (in bold or underline in a compromise text, or tracked) stay in its text and are
kept as marks too, so the draft's own redline can be shown."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from drafts.model import Provision
from drafts.reading.akoma import read_draft
from drafts.reading.conversion import convert_file
from drafts.store import Store
from tests.builders import CORPUS
from tests.docx_builder import bold, build, dele, ins, note, p, struck, underlined


def _draft(tmp_path: Path, body: list[str], notes: dict[int, str] | None = None) -> Path:
    path = tmp_path / "compromise.docx"
    path.write_bytes(build(body, notes))
    return path


COMPROMISE = [
    p("Draft convention", style="Title"),
    p("Article 24"),
    p("Conditions and safeguards"),
    p(
        "1. Each State Party shall ensure that the powers are subject to ",
        struck("appropriate "),
        bold("the "),
        "conditions and safeguards ",
        struck("provided for under its domestic law"),
        ", which shall provide for the protection of human rights.",
    ),
    p("2. Such conditions shall include ", struck("judicial or other "), "independent review."),
    p("Article 25"),
    p("Scope"),
    p("The words ", struck("first struck", double=True), " stay out.", note(1)),
]


def test_struck_words_leave_the_text_and_stay_as_the_drafts_marks(tmp_path: Path) -> None:
    converted = convert_file(_draft(tmp_path, COMPROMISE, {1: "A footnote."}))
    article_24, article_25 = converted.draft.provisions
    assert article_24.text == (
        "1. Each State Party shall ensure that the powers are subject to the conditions and "
        "safeguards, which shall provide for the protection of human rights.\n"
        "2. Such conditions shall include independent review."
    )
    assert article_25.text == "The words stay out."
    assert [n.text for n in article_25.notes] == ["A footnote."]
    dels = etree.fromstring(converted.xml).iter("{*}del")
    assert [d.text.strip() for d in dels] == [
        "appropriate",
        "provided for under its domestic law",
        "judicial or other",
        "first struck",
    ]


def test_the_report_says_the_document_marks_deletions_and_counts_their_words(
    tmp_path: Path,
) -> None:
    converted = convert_file(_draft(tmp_path, COMPROMISE, {1: "A footnote."}))
    notice = next(w for w in converted.draft.warnings if "striking words through" in w)
    assert "4 struck passages (12 words)" in notice


def test_a_tracked_deletion_is_kept_as_a_mark_with_its_author_and_date(tmp_path: Path) -> None:
    body = [p("Article 1. Notification"), p("States shall ", dele("promptly "), "notify them.")]
    converted = convert_file(_draft(tmp_path, body))
    (article,) = converted.draft.provisions
    assert article.text == "States shall notify them."
    (mark,) = etree.fromstring(converted.xml).iter("{*}del")
    assert (mark.text.strip(), mark.get("title")) == ("promptly", "deleted by Chair 2023-11-06")


def test_a_document_without_struck_words_reads_as_before(tmp_path: Path) -> None:
    body = [p("Article 1. Notification"), p("States shall ", bold("promptly"), " notify them.")]
    converted = convert_file(_draft(tmp_path, body))
    assert converted.draft.provisions[0].text == "States shall promptly notify them."
    assert not any("striking" in w for w in converted.draft.warnings)


def test_the_marked_draft_is_schema_valid_and_stores_its_clean_text(tmp_path: Path) -> None:
    converted = convert_file(_draft(tmp_path, COMPROMISE, {1: "A footnote."}))
    xsd = CORPUS / "akn30-schema" / "akomantoso30.xsd"
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    assert schema.validate(etree.fromstring(converted.xml)), schema.error_log.last_error
    with Store() as store:
        (stored,) = store.add_drafts([converted.draft]).added
        hits = store.search_provisions('"domestic law"')
        assert [h for h in hits if h[1] == stored.id] == []  # struck words are not found


def test_the_marks_are_stored_with_their_provision_where_the_words_stood(tmp_path: Path) -> None:
    converted = convert_file(_draft(tmp_path, COMPROMISE, {1: "A footnote."}))
    with Store() as store:
        (stored,) = store.add_drafts([converted.draft]).added
        article_24 = store.provisions(stored.id)[0]
    assert article_24 == converted.draft.provisions[0]
    text = article_24.text
    deleted = [m for m in article_24.marks if not m.inserted]
    placed = [(text[: m.offset].split()[-2:], m.text) for m in deleted]
    assert placed == [
        (["subject", "to"], "appropriate"),
        (["and", "safeguards"], "provided for under its domestic law"),  # before the comma
        (["shall", "include"], "judicial or other"),
    ]


def test_putting_the_marks_back_gives_the_text_the_chair_struck_through(tmp_path: Path) -> None:
    body = [p("Article 1. Notification"), p("States shall ", struck("promptly"), " notify them.")]
    (article,) = convert_file(_draft(tmp_path, body)).draft.provisions
    (mark,) = article.marks
    assert article.text[: mark.offset] + " " + mark.text + article.text[mark.offset :] == (
        "States shall promptly notify them."
    )


# Insertions -----------------------------------------------------------------------------


def _inserted(provision: Provision) -> list[str]:
    """Each insertion mark's words, read back from the text where the mark says they are."""
    marks = [m for m in provision.marks if m.inserted]
    return [provision.text[m.offset : m.offset + len(m.text)] for m in marks]


def test_bold_and_underlined_words_of_a_compromise_text_are_its_insertions(tmp_path: Path) -> None:
    body = [
        p("Article 1"),
        p("Notification"),
        p(
            "States shall ",
            struck("promptly "),
            bold("without delay"),
            " notify ",
            underlined("the depositary"),
            ".",
        ),
    ]
    (article,) = convert_file(_draft(tmp_path, body)).draft.provisions
    assert article.text == "States shall without delay notify the depositary."
    assert _inserted(article) == ["without delay", "the depositary"]
    assert [m.text for m in article.marks if m.inserted] == _inserted(article)


def test_bold_runs_side_by_side_are_one_insertion(tmp_path: Path) -> None:
    words = p("The ", struck("old"), bold("new"), " ", bold("words"), " stay.")
    body = [p("Article 1. Scope"), words]
    (article,) = convert_file(_draft(tmp_path, body)).draft.provisions
    assert _inserted(article) == ["new words"]


def test_a_paragraph_all_in_bold_is_a_heading_not_an_insertion(tmp_path: Path) -> None:
    body = [
        p("Article 1"),
        p(bold("Scope of application")),
        p("It applies ", struck("also "), "here."),
    ]
    converted = convert_file(_draft(tmp_path, body))
    (article,) = converted.draft.provisions
    assert article.heading == "Scope of application"
    assert [m for m in article.marks if m.inserted] == []
    assert not any("bold or underline" in w for w in converted.draft.warnings)


def test_bold_is_emphasis_in_a_document_that_strikes_nothing(tmp_path: Path) -> None:
    body = [p("Article 1. Notification"), p("States shall ", bold("promptly"), " notify them.")]
    (article,) = convert_file(_draft(tmp_path, body)).draft.provisions
    assert article.marks == ()


def test_a_tracked_insertion_is_marked_with_its_author_and_date(tmp_path: Path) -> None:
    body = [p("Article 1. Notification"), p("States shall ", ins("promptly "), "notify them.")]
    converted = convert_file(_draft(tmp_path, body))
    (article,) = converted.draft.provisions
    assert article.text == "States shall promptly notify them."
    (mark,) = article.marks
    assert (mark.kind, mark.text, mark.by) == ("ins", "promptly", "Chair 2023-11-06")
    (element,) = etree.fromstring(converted.xml).iter("{*}ins")
    assert (element.text, element.get("title")) == ("promptly", "inserted by Chair 2023-11-06")


def test_the_report_counts_the_inserted_words_once(tmp_path: Path) -> None:
    converted = convert_file(_draft(tmp_path, COMPROMISE, {1: "A footnote."}))
    notice = next(w for w in converted.draft.warnings if "bold or underline" in w)
    assert "1 passage (1 word)" in notice
    words = next(w for w in converted.draft.warnings if w.startswith("words:"))
    assert words.endswith("; 1 of those stored marked as the draft's insertions")
    assert "read but in no provision" not in words


def test_marks_in_a_paragraph_numbered_by_word_stand_after_its_number(tmp_path: Path) -> None:
    body = [
        p("Article 1"),
        p("Scope"),
        p("It covers ", bold("new"), " and ", struck("old"), " matters.", num=(1, 0)),
    ]
    (article,) = convert_file(_draft(tmp_path, body)).draft.provisions
    assert article.text == "1. It covers new and matters."
    assert _inserted(article) == ["new"]
    (deleted,) = (m for m in article.marks if not m.inserted)
    assert article.text[: deleted.offset] == "1. It covers new and"


def test_insertion_marks_survive_the_store_and_the_akoma_ntoso(tmp_path: Path) -> None:
    converted = convert_file(_draft(tmp_path, COMPROMISE, {1: "A footnote."}))
    xml = tmp_path / "compromise.xml"
    xml.write_bytes(converted.xml)
    assert [p.marks for p in read_draft(xml).provisions] == [
        p.marks for p in converted.draft.provisions
    ]
    with Store() as store:
        (stored,) = store.add_drafts([converted.draft]).added
        article_24 = store.provisions(stored.id)[0]
    assert article_24.marks == converted.draft.provisions[0].marks
    assert _inserted(article_24) == ["the"]
