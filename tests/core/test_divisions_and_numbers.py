"""Real drafts' divisions, numbers and annexes (issue 15): every way a draft numbers an
article is read, with an eId made from the number; books, parts, titles, chapters,
sections and transitional blocks nest; annexes are provisions of their own."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from drafts.comparing.compare import Status, compare
from drafts.model import Provision
from drafts.reading.akoma import read_draft
from drafts.reading.conversion import convert_file
from drafts.reading.headings import iso_date, parse_heading, symbol_in
from tests.builders import CORPUS, akn_document, article
from tests.docx_builder import build, p

REPRO = CORPUS.parent / "repro"


@pytest.mark.parametrize(
    ("line", "kind", "num", "key"),
    [
        ("Article 6-1", "article", "Article 6-1", "6-1"),
        ("Article 413-1 Le mineur émancipé", "article", "Article 413-1", "413-1"),
        ("Article 52a", "article", "Article 52a", "52a"),
        ("Article 5A", "article", "Article 5A", "5a"),
        ("Article 6 bis", "article", "Article 6 bis", "6bis"),
        ("Article 1er", "article", "Article 1er", "1"),
        ("Article premier", "article", "Article premier", "1"),
        ("Artículo 1o", "article", "Artículo 1o", "1"),
        ("Artículo 1.º", "article", "Artículo 1.º", "1"),
        ("ARTICULO TERCERO", "article", "ARTICULO TERCERO", "3"),
        ("Artículo Primero.-", "article", "Artículo Primero", "1"),
        ("Artículo Único", "article", "Artículo Único", "unico"),
        ("Art 1", "article", "Art 1", "1"),
        ("Art. 12", "article", "Art. 12", "12"),
        ("§ 1", "article", "§ 1", "1"),
        ("§3a", "article", "§3a", "3a"),
        ("Artikel 7", "article", "Artikel 7", "7"),
        ("Articolo 2", "article", "Articolo 2", "2"),
        ("Artigo 4.º Objeto", "article", "Artigo 4.º", "4"),
        ("Livre Ier", "book", "Livre Ier", "1"),
        ("BOOK TWO", "book", "BOOK TWO", "2"),
        ("Part III", "part", "Part III", "3"),
        ("TITLE II", "title", "TITLE II", "2"),
        ("Titre premier", "title", "Titre premier", "1"),
        ("Título IV", "title", "Título IV", "4"),
        ("Capitolo 3", "chapter", "Capitolo 3", "3"),
        ("Abschnitt 2", "section", "Abschnitt 2", "2"),
        ("Sub-section 1", "subsection", "Sub-section 1", "1"),
        ("ANNEX IV", "annex", "ANNEX IV", "4"),
        ("Annex", "annex", "Annex", ""),
        ("Schedule B", "annex", "Schedule B", "2"),
        ("Anexo 2", "annex", "Anexo 2", "2"),
        ("Transitorios", "transitional", "Transitorios", ""),
    ],
)  # fmt: skip
def test_every_numbering_is_read_with_an_eid_key_from_its_number(
    line: str, kind: str, num: str, key: str
) -> None:
    heading = parse_heading(line)
    assert heading is not None, line
    assert (heading.kind, heading.num, heading.key) == (kind, num, key)


@pytest.mark.parametrize(
    "line",
    [
        "Article 5 shall apply to all States Parties.",
        "Artistic works are protected.",
        "Art1",
        "Article 123456789012",
        "Section 3 applies to every request.",
    ],
)
def test_sentences_and_impossible_numbers_are_not_headings(line: str) -> None:
    assert parse_heading(line) is None


def test_spanish_body_after_dot_dash_is_the_first_paragraph_not_a_title() -> None:
    heading = parse_heading("Artículo Segundo.- Se derogan las disposiciones.")
    assert heading is not None
    assert (heading.title, heading.long_text) == ("", "Se derogan las disposiciones.")


CODE = """Code de démonstration

TITRE Ier
DES PERSONNES

Article 1er

Les lois sont exécutoires dans tout le territoire.

Article 6

Texte de l'article six.

Article 6-1

Le mariage produit les mêmes effets, que les époux soient de sexe différent ou de même sexe.

TITRE II
DES BIENS

Chapitre premier
Des choses

Section 1
Des immeubles

Article 413-1

Le mineur émancipé est capable, comme un majeur, de tous les actes de la vie civile.

Article 414

La majorité est fixée à dix-huit ans accomplis.

ANNEXE I
Liste des juridictions

Tribunal judiciaire de Paris.

Tribunal judiciaire de Lyon.

ANNEXE II

Tableau des montants en euros.
"""


@pytest.fixture
def code(tmp_path: Path) -> tuple[Provision, ...]:
    path = tmp_path / "code.txt"
    path.write_text(CODE, encoding="utf-8")
    return convert_file(path).draft.provisions


def test_titles_chapters_sections_and_hyphenated_articles_nest(
    code: tuple[Provision, ...],
) -> None:
    found = [(p.eid, p.num, [c.label() for c in p.containers]) for p in code]
    assert found[:5] == [
        ("art_1", "Article 1er", ["TITRE Ier DES PERSONNES"]),
        ("art_6", "Article 6", ["TITRE Ier DES PERSONNES"]),
        ("art_6-1", "Article 6-1", ["TITRE Ier DES PERSONNES"]),
        (
            "art_413-1",
            "Article 413-1",
            ["TITRE II DES BIENS", "Chapitre premier Des choses", "Section 1 Des immeubles"],
        ),
        (
            "art_414",
            "Article 414",
            ["TITRE II DES BIENS", "Chapitre premier Des choses", "Section 1 Des immeubles"],
        ),
    ]


def test_annexes_are_provisions_of_their_own_and_no_article_swallows_them(
    code: tuple[Provision, ...],
) -> None:
    last_article, *annexes = code[4:]
    assert last_article.text == "La majorité est fixée à dix-huit ans accomplis."
    assert [(a.eid, a.kind, a.num, a.heading) for a in annexes] == [
        ("att_1", "annex", "ANNEXE I", "Liste des juridictions"),
        ("att_2", "annex", "ANNEXE II", ""),
    ]
    assert annexes[0].text == "Tribunal judiciaire de Paris.\nTribunal judiciaire de Lyon."
    assert annexes[1].text == "Tableau des montants en euros."


def test_no_word_of_the_code_is_lost(code: tuple[Provision, ...]) -> None:
    kept = " ".join(
        " ".join([p.num, p.heading, p.text, *(c.label() for c in p.containers)]) for p in code
    )
    source = CODE.split("\n", 1)[1]  # the first line is the title, kept as metadata
    assert sorted(set(re.findall(r"\w+", source)) - set(re.findall(r"\w+", kept))) == []


def test_the_spanish_repro_reads_all_five_articles_transitional_ones_apart() -> None:
    draft = convert_file(REPRO / "spanish-ordinals.txt").draft
    found = [(p.eid, p.num, [c.label() for c in p.containers]) for p in draft.provisions]
    assert found == [
        ("art_1", "Artículo 1o", []),
        ("art_2", "Artículo 2o", []),
        ("transitional_u__art_1", "Artículo Primero", ["Transitorios"]),
        ("transitional_u__art_2", "Artículo Segundo", ["Transitorios"]),
        ("transitional_u__art_unico", "Artículo Único", ["Transitorios"]),
    ]
    assert draft.provisions[4].text == "Se reforma el artículo 94."


ACT = """An Act to test sections

Section 1. Short title

This Act may be cited as the Test Act.

Section 2. Definitions

In this Act, a word means a word.

SCHEDULE 1
Forms

Form A, to be signed by the applicant.
"""


def test_a_document_of_sections_has_sections_as_its_provisions(tmp_path: Path) -> None:
    path = tmp_path / "act.txt"
    path.write_text(ACT, encoding="utf-8")
    provisions = convert_file(path).draft.provisions
    assert [(p.eid, p.kind, p.num, p.heading) for p in provisions] == [
        ("sec_1", "section", "Section 1", "Short title"),
        ("sec_2", "section", "Section 2", "Definitions"),
        ("att_1", "annex", "SCHEDULE 1", "Forms"),
    ]


def test_a_word_draft_keeps_its_annex_apart(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    body = [
        p("Draft regulation", style="Title"),
        p("Article 1"),
        p("Subject matter"),
        p("This Regulation lays down rules."),
        p("ANNEX I"),
        p("List of high-risk uses"),
        p("1. Biometric identification."),
        p("2. Critical infrastructure."),
    ]
    path.write_bytes(build(body))
    converted = convert_file(path)
    assert [(p.eid, p.num, p.heading) for p in converted.draft.provisions] == [
        ("art_1", "Article 1", "Subject matter"),
        ("att_1", "ANNEX I", "List of high-risk uses"),
    ]
    assert converted.draft.provisions[1].text == (
        "1. Biometric identification.\n2. Critical infrastructure."
    )
    assert "1 annex" in converted.report.summary()


def test_an_article_inserted_before_others_leaves_their_eids_and_history_alone(
    tmp_path: Path,
) -> None:
    """Article 6-1 inserted: Article 7 keeps art_7, so it is unchanged, not modified."""
    before = "Article 6\n\nThe first rule.\n\nArticle 7\n\nThe second rule.\n"
    after = (
        "Article 6\n\nThe first rule.\n\nArticle 6-1\n\nAn inserted rule.\n\n"
        "Article 7\n\nThe second rule.\n"
    )
    (tmp_path / "a.txt").write_text(before, encoding="utf-8")
    (tmp_path / "b.txt").write_text(after, encoding="utf-8")
    old = convert_file(tmp_path / "a.txt").draft.provisions
    new = convert_file(tmp_path / "b.txt").draft.provisions
    assert [p.eid for p in new] == ["art_6", "art_6-1", "art_7"]
    statuses = {(c.old[0].eid if c.old else "", c.new[0].eid): c.status for c in compare(old, new)}
    assert statuses == {
        ("art_6", "art_6"): Status.UNCHANGED,
        ("", "art_6-1"): Status.ADDED,
        ("art_7", "art_7"): Status.UNCHANGED,
    }


def test_the_written_akoma_ntoso_is_schema_valid(tmp_path: Path) -> None:
    xsd = CORPUS / "akn30-schema" / "akomantoso30.xsd"
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    for name, text in (("code.txt", CODE), ("act.txt", ACT)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        document = etree.fromstring(convert_file(path).xml)
        assert schema.validate(document), (name, schema.error_log.last_error)


def test_text_from_a_pdf_keeps_chapter_titles_headings_and_bodies_apart() -> None:
    """No blank line between a chapter's title, an article's number, its heading and
    its body, as pdftotext prints a Commission proposal: every article is found."""
    draft = convert_file(REPRO / "chapter-then-article.txt").draft
    standards = "STANDARDS, CONFORMITY ASSESSMENT, CERTIFICATES, REGISTRATION"
    assert [(p.num, p.heading, p.containers[0].heading) for p in draft.provisions] == [
        ("Article 1", "Subject matter", "GENERAL PROVISIONS"),
        ("Article 2", "Scope", "GENERAL PROVISIONS"),
        ("Article 3", "Harmonised standards", standards),
        ("Article 4", "Common specifications", standards),
    ]
    assert draft.provisions[0].text == "This Regulation lays down rules on widgets."


@pytest.mark.parametrize("draft", ["CSD02", "CSD07", "CSD13"])
def test_committee_draft_namespaces_of_akoma_ntoso_are_read(
    write_akn: Callable[..., Path], draft: str
) -> None:
    path = write_akn(
        f"{draft}.xml",
        article(1, "Each State Party shall act."),
        namespace=f"http://docs.oasis-open.org/legaldocml/ns/akn/3.0/{draft}",
    )
    found = read_draft(path)
    assert [(p.eid, p.text) for p in found.provisions] == [("art_1", "Each State Party shall act.")]
    assert found.namespace.endswith(draft)


def test_an_attachment_without_an_eid_is_kept_by_its_place(tmp_path: Path) -> None:
    bill = akn_document(article(1, "The body."))
    annex = (
        "<attachments><attachment><heading>Annex</heading><doc name='annex'><mainBody>"
        "<p>Words only the annex holds.</p></mainBody></doc></attachment></attachments>"
    )
    path = tmp_path / "with-annex.xml"
    path.write_text(bill.replace("</body>", "</body>" + annex), encoding="utf-8")
    provisions = read_draft(path).provisions
    assert [(p.eid, p.kind, p.text) for p in provisions] == [
        ("art_1", "article", "The body."),
        ("att_pos1", "annex", "Words only the annex holds."),
    ]


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Brussels, 11 November 2022", "2022-11-11"),
        ("Geneva, 1 March 2023", "2023-03-01"),
        ("1er juin 2023", "2023-06-01"),
        ("Nueva York, 12 de agosto de 2024", "2024-08-12"),
        ("3. März 2022", "2022-03-03"),
        ("May 5, 2024", "2024-05-05"),
        ("2024-05-23", "2024-05-23"),
        ("30 February 2024", ""),
        ("2024-13-45", ""),
        ("The meeting of 6 November 2023 agreed on the text.", ""),
    ],
)
def test_cover_dates_in_several_languages_and_only_real_ones(line: str, date: str) -> None:
    assert iso_date(line) == date


@pytest.mark.parametrize(
    ("line", "symbol"),
    [
        ("ST 14336/22", "ST 14336/22"),
        ("ST 14336/22 REV 1", "ST 14336/22 REV 1"),
        ("COM(2021) 206 final", "COM(2021) 206 final"),
        ("A/AC.291/22/Rev.1", "A/AC.291/22/Rev.1"),
        ("CTOC/COP/WG.3/2023/2", "CTOC/COP/WG.3/2023/2"),
        ("Interinstitutional File: 2021/0106(COD)", "2021/0106(COD)"),
        ("and/or", ""),
    ],
)
def test_document_symbols_of_the_un_the_council_and_the_commission(line: str, symbol: str) -> None:
    assert symbol_in(line) == symbol


COVER = """Council of the European Union
Brussels, 11 November 2022
ST 14336/22

Proposal for a Regulation on widgets

Article 1
Subject matter

This Regulation lays down rules on widgets.
"""


def test_a_council_cover_gives_the_date_symbol_and_title_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "council.txt"
    path.write_text(COVER, encoding="utf-8")
    draft = convert_file(path).draft
    assert (draft.date, draft.symbol, draft.work_title) == (
        "2022-11-11",
        "ST 14336/22",
        "Proposal for a Regulation on widgets",
    )
    assert "date 2022-11-11 taken from the cover page; --date overrides it" in draft.warnings
    assert "document symbol ST 14336/22 taken from the document" in draft.warnings


def test_a_draft_with_no_date_inside_is_dated_by_its_file_name(tmp_path: Path) -> None:
    path = tmp_path / "2024-05-23 further revised draft.txt"
    path.write_text("Article 1\n\nThe text.\n", encoding="utf-8")
    draft = convert_file(path).draft
    assert draft.date == "2024-05-23"
    assert "date 2024-05-23 taken from the file name; --date overrides it" in draft.warnings
