"""The importer against real-world documents that nobody on this team wrote (shared/corpus)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from drafts.errors import DraftImportError
from drafts.reading.akoma import read_draft
from drafts.reading.conversion import convert_file


def _count_outside_quotes(path: Path, tag: str, under: str = "body") -> int:
    """Count `tag` elements the way a reader of the XML would: in bodies, not in quotations."""
    root = etree.parse(str(path)).getroot()
    xpath = (
        f"//*[local-name()='{under}']//*[local-name()='{tag}']"
        "[not(ancestor::*[local-name()='quotedStructure'])]"
    )
    return len(root.xpath(xpath))


@pytest.mark.parametrize(
    ("name", "kind", "count", "sample_eid", "sample_text"),
    [
        (
            "za-constitution-akn3/constitution-slaw.xml",
            "section",
            287,
            "sec_2",
            "This Constitution is the supreme law of the Republic; law or conduct inconsistent",
        ),
        (
            "za-constitution-akn3/constitution-bluebell.xml",
            "section",
            287,
            "chp_1__sec_2",
            "This Constitution is the supreme law of the Republic; law or conduct inconsistent",
        ),
        (
            "legaldocml-v3/uk_pga_1998_29.xml",
            "section",
            95,
            "section-2",
            "In this Act “sensitive personal data” means personal data consisting of",
        ),
        (
            "legaldocml-v3/eu_COM(2013)0619_EN-8.xml",
            "article",
            24,
            "cmp_2__art_24",
            "This Regulation shall enter into force on the [twentieth] day",
        ),
        (
            "legaldocml-v3/it_senato_ddl_2013.xml",
            "article",
            6,
            "art_6",
            "1. La presente legge entra in vigore il giorno successivo",
        ),
        (
            "legaldocml-v3/uy_bill_2010-09-27.xml",
            "article",
            3,
            "cmpnts__cmp_1__art_1",
            "- Declárese como interpretación auténtica de la Constitución",
        ),
    ],
)
def test_every_akoma_ntoso_3_document_imports_with_the_expected_provisions(
    corpus: Path, name: str, kind: str, count: int, sample_eid: str, sample_text: str
) -> None:
    path = corpus / name
    draft = read_draft(path)
    units = [p for p in draft.provisions if p.kind == kind]
    assert len(units) == count
    # all of them, the way an XPath reader counts them (schedules' sections included)
    assert len(units) == _count_outside_quotes(path, kind) + _count_outside_quotes(
        path, kind, "mainBody"
    )
    by_eid = {p.eid: p for p in draft.provisions}
    assert by_eid[sample_eid].text.startswith(sample_text)
    assert len(by_eid) == len(draft.provisions)


def test_the_two_south_african_markups_hold_the_same_section_texts(corpus: Path) -> None:
    slaw = read_draft(corpus / "za-constitution-akn3/constitution-slaw.xml")
    bluebell = read_draft(corpus / "za-constitution-akn3/constitution-bluebell.xml")
    slaw_sections = [p for p in slaw.provisions if p.kind == "section"]
    blue_sections = [p for p in bluebell.provisions if p.kind == "section"]
    same = sum(a.text == b.text for a, b in zip(slaw_sections, blue_sections, strict=True))
    assert same / len(slaw_sections) > 0.9  # a control pair: markup differs, text barely


def test_uk_act_keeps_parts_headings_and_the_preamble(corpus: Path) -> None:
    draft = read_draft(corpus / "legaldocml-v3/uk_pga_1998_29.xml")
    assert draft.work_title == "Data Protection Act 1998"
    first = draft.provisions[1]
    assert (first.num, first.heading) == ("1", "Basic interpretative provisions.")
    assert first.chapter is not None and first.chapter.label() == "Part I Preliminary"
    assert draft.provisions[0].text.startswith("Be it enacted by the Queen’s most Excellent")


def test_prefixed_namespace_bill_imports(corpus: Path) -> None:
    source = (corpus / "legaldocml-v3/it_senato_ddl_2013.xml").read_text(encoding="utf-8")
    assert "<akomaNtoso xmlns=" not in source  # the corpus file really uses a prefix
    draft = read_draft(corpus / "legaldocml-v3/it_senato_ddl_2013.xml")
    assert [p.num for p in draft.provisions if p.kind == "article"][:2] == ["Art. 1.", "Art. 2."]


@pytest.mark.parametrize("name", ["Bill_UN_2012.xml", "Bill_UN_2012_ES.xml"])
def test_akoma_ntoso_2_resolution_gives_its_operative_paragraphs(corpus: Path, name: str) -> None:
    draft = read_draft(corpus / "legaldocml-v3" / name)
    assert draft.symbol == "E/CN.7/2012/L.2"
    assert [p.num for p in draft.provisions] == ["", "1.", "2.", "3.", "8."]
    assert draft.provisions[0].kind == "preamble"


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("us-uslm-bills/H2157_IH.XML", "<bill> in namespace http://schemas.gpo.gov/xml/uslm"),
        ("us-uslm-bills/SC13_ES.XML", "<resolution> in namespace http://schemas.gpo.gov/xml/uslm"),
        (
            "de-ldml-vereinsgesetz/07_01_zuaenderndesgesetz.xml",
            "<akomaNtoso> in namespace http://Inhaltsdaten.LegalDocML.de/1.7.1/",
        ),
    ],
)
def test_other_legal_xml_formats_get_a_clear_error(corpus: Path, name: str, found: str) -> None:
    with pytest.raises(DraftImportError) as caught:
        read_draft(corpus / name)
    assert str(caught.value) == (
        f"{corpus / name}: not Akoma Ntoso 3.0 or 2.0: the root element is {found} (expected "
        "<akomaNtoso> in http://docs.oasis-open.org/legaldocml/ns/akn/3.0 or "
        "http://www.akomantoso.org/2.0)"
    )


def test_the_arabic_text_of_the_un_convention_gives_its_fifteen_articles(corpus: Path) -> None:
    """Plain text in Arabic (Articles 1-15 of the UN Convention against Cybercrime, its
    Chapter II heading but not its Chapter I one): every article, under its chapter, with
    its heading, and every word stored."""
    path = corpus / "un-cybercrime-convention" / "United Nations Convention against Cybercrime.txt"
    converted = convert_file(path)
    articles = [p for p in converted.draft.provisions if p.kind == "article"]
    assert [p.num for p in articles] == [f"المادة {n}" for n in range(1, 16)]
    assert [p.eid for p in articles] == [f"art_{n}" for n in range(1, 16)]
    assert articles[5].heading == "احترام حقوق الإنسان"  # Article 6, respect for human rights
    chapters = [p.chapter.label() if p.chapter else "" for p in articles]
    assert chapters == [""] * 6 + ["الفصل الثاني التجريم"] * 9
    assert converted.report.chapters == 1 and converted.report.footnotes == 0
    read, stored = re.match(
        r"words: ([\d,]+) read; ([\d,]+) stored", converted.report.words
    ).groups()
    assert read == stored == "2,174"
