"""What the importer reads out of an Akoma Ntoso document: metadata, provisions, text, notes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from drafts.errors import DraftImportError
from drafts.reading.akoma import AKN2, read_draft
from tests.builders import article

STRUCTURED = """
<chapter eId="chp_I"><num>Chapter I</num><heading>General provisions</heading>
  <article eId="art_1"><num>Article 1</num><heading>Use of terms</heading>
    <paragraph eId="art_1__para_1"><num>1.</num>
      <intro><p>For the purposes of this Convention:</p></intro>
      <point eId="art_1__para_1__point_a"><num>(a)</num><content><p>“Data” means any
        representation of facts;<authorialNote marker="1" eId="fn_1"><p>Proposed by
        Côte d’Ivoire.</p></authorialNote></p></content></point>
      <point eId="art_1__para_1__point_b"><num>(b)</num><content><p>“System” means a
        device<eol/>or a group of devices;</p></content></point>
    </paragraph>
    <paragraph eId="art_1__para_2"><num>2.</num><content><p>[States Parties [shall][may]
      adopt] measures within 30\u00a0days.</p></content></paragraph>
  </article>
</chapter>
<chapter eId="chp_II"><num>Chapter II</num><heading>Criminalization</heading>
  <article eId="art_2"><num>Article 2</num><heading>Amendments</heading>
    <paragraph eId="art_2__para_1"><content><p><mod eId="mod_1">Replace as follows:
      <quotedStructure eId="qs_1"><article eId="qs_1__art_9"><num>Article 9</num>
      <content><p>Quoted text.</p></content></article></quotedStructure></mod></p></content>
    </paragraph>
  </article>
</chapter>
"""


@pytest.fixture
def structured(write_akn: Callable[..., Path]) -> Path:
    return write_akn(
        "d.xml",
        STRUCTURED,
        preamble=(
            "<recitals><recital><p><i>Noting</i> the growth of crime,</p></recital></recitals>"
        ),
    )


def test_metadata_comes_from_frbr_and_preface(structured: Path) -> None:
    draft = read_draft(structured)
    assert draft.work_uri == "/akn/un/bill/2023/test"
    assert draft.work_title == "Test convention"
    assert draft.expression_uri == "/akn/un/bill/2023/test/eng@2023-01-16"
    assert (draft.label, draft.date, draft.symbol, draft.language) == (
        "Zero draft",
        "2023-01-16",
        "A/AC.1/1",
        "eng",
    )


def test_label_and_date_given_by_the_user_win(structured: Path) -> None:
    draft = read_draft(structured, label="Chair's text", date="2023-02-01")
    assert (draft.label, draft.date) == ("Chair's text", "2023-02-01")


def test_a_malformed_date_is_refused(structured: Path) -> None:
    with pytest.raises(DraftImportError, match="not of the form YYYY-MM-DD"):
        read_draft(structured, date="1 February 2023")


def test_provisions_are_the_preamble_then_the_articles(structured: Path) -> None:
    provisions = read_draft(structured).provisions
    assert [(p.eid, p.kind, p.num, p.heading) for p in provisions] == [
        ("preamble", "preamble", "", "Preamble"),
        ("art_1", "article", "Article 1", "Use of terms"),
        ("art_2", "article", "Article 2", "Amendments"),
    ]
    assert provisions[0].text == "Noting the growth of crime,"
    assert [p.position for p in provisions] == [0, 1, 2]


def test_chapter_is_kept_with_each_article(structured: Path) -> None:
    art1, art2 = read_draft(structured).provisions[1:]
    assert art1.chapter is not None and art1.chapter.label() == "Chapter I General provisions"
    assert art2.chapter is not None and art2.chapter.num == "Chapter II"


def test_text_keeps_numbered_lines_and_moves_footnotes_apart(structured: Path) -> None:
    art1 = read_draft(structured).provisions[1]
    assert art1.text == (
        "1. For the purposes of this Convention:\n"
        "(a) “Data” means any representation of facts;\n"
        "(b) “System” means a device or a group of devices;\n"
        "2. [States Parties [shall][may] adopt] measures within 30\u00a0days."
    )
    assert [(line.num, line.depth) for line in art1.lines] == [
        ("1.", 1),
        ("(a)", 2),
        ("(b)", 2),
        ("2.", 1),
    ]
    assert [(n.marker, n.text) for n in art1.notes] == [("1", "Proposed by Côte d’Ivoire.")]


def test_quoted_articles_belong_to_the_article_that_quotes_them(structured: Path) -> None:
    provisions = read_draft(structured).provisions
    assert "qs_1__art_9" not in [p.eid for p in provisions]
    assert "Article 9 Quoted text." in provisions[2].text


def test_sections_are_provisions_when_there_are_no_articles(
    write_akn: Callable[..., Path],
) -> None:
    body = (
        '<part eId="part_1"><num>Part 1</num><heading>Scope</heading>'
        '<section eId="sec_1"><num>1.</num><heading>Short title</heading>'
        "<content><p>This Act is the Test Act.</p></content></section></part>"
    )
    (section,) = read_draft(write_akn("s.xml", body)).provisions
    assert (section.kind, section.num, section.text) == (
        "section",
        "1.",
        "This Act is the Test Act.",
    )
    assert section.chapter is not None and section.chapter.label() == "Part 1 Scope"


def test_akoma_ntoso_2_is_accepted(write_akn: Callable[..., Path]) -> None:
    draft = read_draft(write_akn("v2.xml", article(1, "Text."), namespace=AKN2))
    assert draft.namespace == AKN2
    assert [p.eid for p in draft.provisions] == ["art_1"]


def test_content_hash_ignores_formatting_but_not_words(
    write_akn: Callable[..., Path], tmp_path: Path
) -> None:
    a = write_akn("a.xml", article(1, "Same words."))
    b = tmp_path / "b.xml"
    b.write_text(a.read_text().replace("><", ">\n   <"), encoding="utf-8")
    c = write_akn("c.xml", article(1, "Other words."))
    assert read_draft(a).content_hash == read_draft(b).content_hash
    assert read_draft(a).content_hash != read_draft(c).content_hash


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("<p>Only prose.</p>", "no provisions found"),
        (article(1, "One.") + article(1, "Again."), "duplicate eId 'art_1'"),
    ],
)
def test_documents_without_usable_provisions_are_refused(
    write_akn: Callable[..., Path], body: str, reason: str
) -> None:
    path = write_akn("bad.xml", body)
    with pytest.raises(DraftImportError, match=reason) as caught:
        read_draft(path)
    assert str(caught.value).startswith(str(path))


def test_wrong_namespace_is_not_akoma_ntoso(write_akn: Callable[..., Path]) -> None:
    path = write_akn("x.xml", article(1, "Text."), namespace="http://example.org/not-akn")
    with pytest.raises(DraftImportError, match=r"not Akoma Ntoso 3\.0 or 2\.0.*example\.org"):
        read_draft(path)


def test_akoma_ntoso_root_without_a_document_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_text(
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
        "<components/></akomaNtoso>"
    )
    with pytest.raises(DraftImportError, match="not a document such as"):
        read_draft(path)
