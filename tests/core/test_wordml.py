"""Word drafts: what is read out of a .docx, and every way a .docx is refused.

The documents are built by the tests themselves (tests/docx_builder.py) from the XML
Word writes, so each case shows exactly which WordprocessingML it is about.
"""

from __future__ import annotations

import io
import re
import struct
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from drafts.errors import DraftImportError
from drafts.importer import import_paths
from drafts.model import Draft
from drafts.reading import wordml
from drafts.reading.conversion import convert_file
from drafts.reading.wordml import read_docx
from drafts.store import Store
from tests.builders import article
from tests.docx_builder import (
    DOCM_TYPE,
    FOOTNOTES,
    W,
    br,
    build,
    dele,
    document_xml,
    p,
    sample_body,
)

WORD = re.compile(r"\w+")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "revised-draft.docx"
    path.write_bytes(build(sample_body(), FOOTNOTES))
    return path


def _draft(tmp_path: Path, body: list[str], notes: dict[int, str] | None = None) -> Draft:
    path = tmp_path / "draft.docx"
    path.write_bytes(build(body, notes))
    return convert_file(path).draft


def _articles(draft: Draft) -> dict[str, str]:
    return {p.num: p.text for p in draft.provisions if p.kind == "article"}


def test_the_sample_draft_has_its_chapters_articles_and_preamble(sample: Path) -> None:
    draft = convert_file(sample).draft
    assert draft.work_title == "Draft United Nations convention on countering cybercrime"
    assert (draft.symbol, draft.date, draft.label) == ("A/AC.291/22", "2023-11-06", "revised-draft")
    provisions = draft.provisions
    assert provisions[0].kind == "preamble"
    assert provisions[0].text.splitlines()[1:] == [
        "The States Parties to this Convention,",
        "Mindful of the speed of change in technology,",
        "Have agreed as follows:",
    ]
    assert [
        (p.eid, p.num, p.heading, p.chapter.label() if p.chapter else "") for p in provisions[1:]
    ] == [
        ("art_1", "Article 1", "Statement of purpose", "Chapter I General provisions"),
        ("art_2", "Article 2", "Use of terms", "Chapter I General provisions"),
        ("art_3", "Article 3", "Scope of application", "Chapter I General provisions"),
        ("art_4", "Article 4", "Illegal access", "Chapter II Criminalization"),
        ("art_5", "Article 5", "Illegal interception", "Chapter II Criminalization"),
    ]


def test_word_numbering_prints_paragraph_and_point_numbers(sample: Path) -> None:
    articles = _articles(convert_file(sample).draft)
    assert articles["Article 1"].splitlines() == [
        "The purposes of this Convention are:",
        "(a) To promote [and strengthen] measures to prevent cybercrime;",
        "(b) To promote international cooperation;",
    ]
    assert articles["Article 2"].splitlines() == [
        "1. For the purposes of this Convention:",
        "(a) “Electronic data” means any representation of facts;",
        "(b) “Service provider” means any entity that:",
        "(i) Provides users the ability to communicate; or",
        "(ii) Processes data on behalf of such users;",
        '2. The terms of paragraph 1 apply where a < b & "c" hold.',
    ]


def test_numbering_restarts_and_bullets_print_nothing(tmp_path: Path) -> None:
    draft = _draft(
        tmp_path,
        [
            p("Article 1. First", style="Heading2"),
            p("One.", num=(1, 0)),
            p("Two.", num=(1, 0)),
            p("Article 2. Second", style="Heading2"),
            p("Restarted.", num=(3, 0)),
            p("A bullet.", num=(4, 0)),
        ],
    )
    assert _articles(draft) == {
        "Article 1": "1. One.\n2. Two.",
        "Article 2": "1. Restarted.\nA bullet.",
    }


def test_footnotes_become_notes_of_their_provision(sample: Path) -> None:
    draft = convert_file(sample).draft
    by_eid = {p.eid: p for p in draft.provisions}
    assert [(n.marker, n.text) for n in by_eid["preamble"].notes] == [
        ("1", "Proposed by one delegation & supported by others.")
    ]
    assert [(n.marker, n.text) for n in by_eid["art_3"].notes] == [
        ("2", "The Chair notes the [divergent] views on scope.")
    ]
    assert "shall apply to the offences" in by_eid["art_3"].text


def test_a_table_inside_an_article_keeps_every_cell(sample: Path) -> None:
    text = _articles(convert_file(sample).draft)["Article 3"]
    assert text.splitlines()[-2:] == ["Offence | Article", "Illegal access | 7"]


def test_tracked_changes_are_read_accepted_and_the_user_is_told(sample: Path) -> None:
    draft = convert_file(sample).draft
    text = _articles(draft)["Article 4"]
    assert "access done intentionally and without right." in text
    assert "knowingly" not in text
    assert "2. A State Party may require dishonest intent for the offence." in text
    assert "3. The offence requires a breach of security." in text
    (notice,) = [w for w in draft.warnings if "tracked changes" in w]
    assert "1 insertion, 1 deletion, 1 move" in notice and "accepted" in notice


def test_a_deleted_paragraph_mark_joins_two_paragraphs(tmp_path: Path) -> None:
    draft = _draft(
        tmp_path,
        [
            p("Article 1. Joined", style="Heading2"),
            p("1. The first half", mark_deleted=True),
            p("and the second half."),
        ],
    )
    assert _articles(draft)["Article 1"] == "1. The first half and the second half."


def test_square_brackets_arabic_and_a_heading_inside_an_article(sample: Path) -> None:
    draft = convert_file(sample).draft
    articles = _articles(draft)
    assert "[and strengthen]" in articles["Article 1"]
    assert (
        "2. [This Convention shall also apply to evidence in electronic form.]"
        in articles["Article 3"]
    )
    assert articles["Article 5"].splitlines() == [
        "تعتمد كل دولة طرف ما قد يلزم من تدابير [تشريعية] وتدابير أخرى",
        "Option 2",
        "Each State Party may adopt measures against interception.",
    ]
    assert any(
        "heading-like line inside Article 5" in w and "Option 2" in w for w in draft.warnings
    )


def test_a_line_break_splits_a_heading_into_number_and_title(tmp_path: Path) -> None:
    draft = _draft(
        tmp_path,
        [p("Article 1", br(), "Scope", style="Heading2"), p("Text of the article.")],
    )
    (provision,) = [p for p in draft.provisions if p.kind == "article"]
    assert (provision.num, provision.heading, provision.text) == (
        "Article 1",
        "Scope",
        "Text of the article.",
    )


def test_a_table_of_contents_is_left_out(tmp_path: Path) -> None:
    draft = _draft(
        tmp_path,
        [
            p("Article 1. Scope\t3", style="TOC1"),
            p("Article 1. Scope", style="Heading2"),
            p("Text."),
        ],
    )
    assert len([p for p in draft.provisions if p.kind == "article"]) == 1
    assert any("table of contents (1 line)" in w for w in draft.warnings)


def _words_of_docx(data: bytes) -> set[str]:
    """Every word Word would show with changes accepted: w:t outside deletions, and notes."""
    words: set[str] = set()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in ("word/document.xml", "word/footnotes.xml"):
            root = etree.fromstring(archive.read(name))
            for t in root.iter(f"{{{W}}}t"):
                if not any(
                    etree.QName(a).localname in ("del", "moveFrom") for a in t.iterancestors()
                ):
                    words.update(WORD.findall(t.text or ""))
    return words


def _words_of_draft(draft: Draft) -> set[str]:
    parts = [draft.work_title, draft.symbol]
    for provision in draft.provisions:
        parts += [provision.num, provision.heading, provision.text]
        parts += [n.text for n in provision.notes]
        parts += [c.label() for c in provision.containers]
    return set(WORD.findall(" ".join(parts)))


def test_no_word_of_the_document_is_lost(sample: Path) -> None:
    source = _words_of_docx(sample.read_bytes())
    assert len(source) > 120  # the sample is not a trivial document
    assert source - _words_of_draft(convert_file(sample).draft) == set()


# Refused files: each names the file and the reason, and stores nothing


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _bomb() -> bytes:
    """A small zip whose one part expands past the limit: 65 MiB of zeros."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as part,
    ):
        for _ in range(65):
            part.write(b"\0" * (1 << 20))
    return buffer.getvalue()


def _many_parts(n: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for i in range(n):
            archive.writestr(f"word/media/{i}.bin", b"")
    return buffer.getvalue()


def _two_documents() -> bytes:
    """A sound .docx with a second word/document.xml appended (zipfile warns, as it should)."""
    buffer = io.BytesIO(build([p("Article 1. Scope"), p("The first text.")]))
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "a") as archive:
        warnings.simplefilter("ignore", UserWarning)
        archive.writestr("word/document.xml", document_xml([p("Article 1. Other text.")]))
    return buffer.getvalue()


XXE_DOCUMENT = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Article 1. &x;</w:t></w:r></w:p>'
    "</w:body></w:document>"
)

BAD_FILES = {
    "not a zip": (b"Article 1. Scope\nThis is text saved as .docx.", "it is not a zip archive"),
    "a PDF": (b"%PDF-1.7\n...", "it is a PDF"),
    "encrypted or old .doc": (wordml.OLE_MAGIC + b"\0" * 600, "OLE compound file"),
    "a zip that is not a docx": (
        _zip({"xl/workbook.xml": b"<workbook/>"}),
        "no word/document.xml (it looks like an Excel workbook)",
    ),
    "macro-enabled content type": (
        build([p("Article 1. Scope", style="Heading2"), p("Text.")], content_type=DOCM_TYPE),
        "macro-enabled Word document",
    ),
    "macro project inside": (
        build([p("Article 1. Scope", style="Heading2")], extra={"word/vbaProject.bin": b"x"}),
        "macro-enabled Word document",
    ),
    "zip bomb": (_bomb(), "refused before decompressing"),
    "empty document": (build([]), "the document has no text"),
    "no articles": (build([p("Some notes on the negotiation.")]), "no articles found"),
    "entity in the document": (build([], document=XXE_DOCUMENT), "DOCTYPE"),
    "damaged zip": (b"PK\x03\x04" + b"\0" * 40, "damaged zip"),
    "too many parts": (_many_parts(10_001), "has 10,001 parts, over the limit of 10,000"),
    "two main documents": (_two_documents(), "two parts named word/document.xml"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=str)
def test_a_bad_docx_is_refused_with_its_name_and_reason_and_nothing_is_stored(
    db_file: Path, tmp_path: Path, write_akn: Callable[..., Path], case: str
) -> None:
    data, reason = BAD_FILES[case]
    folder = tmp_path / "drafts"
    folder.mkdir()
    good = folder / "01-good.docx"
    good.write_bytes(build(sample_body(), FOOTNOTES))
    bad = folder / "02-bad.docx"
    bad.write_bytes(data)
    with Store(db_file) as store:
        import_paths(store, [write_akn("other.xml", article(1, "Earlier."), work="/akn/x")])
        before = store.dump()
        with pytest.raises(DraftImportError) as caught:
            import_paths(store, [folder])
        assert str(caught.value).startswith(f"{bad}: ")
        assert reason in str(caught.value)
        assert store.dump() == before


def test_the_bomb_is_refused_before_any_part_is_decompressed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = _bomb()
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object) -> object:
        opened.append(str(name))
        return real_open(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    with pytest.raises(DraftImportError, match="over the limit"):
        read_docx(bomb, "bomb.docx")
    assert opened == []


def test_a_part_larger_than_it_declares_is_stopped_at_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(wordml, "MAX_EXPANDED", 2000)
    data = build([p("Article 1. Scope", style="Heading2"), p("word " * 1000)], numbering=None)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sum(i.file_size for i in archive.infolist()) > 2000
    with pytest.raises(DraftImportError, match="limit of 2,000 bytes"):
        read_docx(data, "big.docx")


def test_numbering_part_is_optional_and_styles_too(tmp_path: Path) -> None:
    path = tmp_path / "plain.docx"
    path.write_bytes(build([p("Article 1. Scope"), p("1. Text.")], styles=None, numbering=None))
    assert _articles(convert_file(path).draft) == {"Article 1": "1. Text."}


def test_text_boxes_deleted_text_and_field_codes_are_handled(tmp_path: Path) -> None:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>7</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    draft = _draft(
        tmp_path,
        [p("Article 1. Scope", style="Heading2"), p("See page ", field, dele(" gone"), ".")],
    )
    assert _articles(draft) == {"Article 1": "See page 7."}


def test_a_text_box_is_read_once_though_word_writes_it_twice(tmp_path: Path) -> None:
    box = (
        '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
        'markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        f"{p('Boxed text.')}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        f"<w:txbxContent>{p('Boxed text.')}</w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    draft = _draft(tmp_path, [p("Article 1. Scope", style="Heading2"), p("Before.", box)])
    assert _articles(draft) == {"Article 1": "Before.\nBoxed text."}


def test_comments_and_embedded_documents_are_reported_not_read(tmp_path: Path) -> None:
    comment = '<w:r><w:commentReference w:id="1"/></w:r>'
    draft = _draft(
        tmp_path,
        [
            p("Article 1. Scope", style="Heading2"),
            p("Text.", comment),
            '<w:altChunk r:id="rId9"/>',
        ],
    )
    assert _articles(draft) == {"Article 1": "Text."}
    assert "1 Word comment left out (not draft text)" in draft.warnings
    assert any(w.startswith("1 embedded document (altChunk) not read") for w in draft.warnings)


def test_strict_open_xml_is_read_like_transitional(tmp_path: Path) -> None:
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    document = (
        f'<w:document xmlns:w="{strict}"><w:body>'
        "<w:p><w:r><w:t>Article 1. Scope</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>1. Strict text.</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "strict.docx"
    path.write_bytes(build([], document=document, styles=None, numbering=None))
    assert _articles(convert_file(path).draft) == {"Article 1": "1. Strict text."}


# Numbering values and symbols Word never writes: read boundedly, and said


def _numbering(start: str = "1", fmt: str = "decimal", ilvl: str = "0", override: str = "") -> str:
    lvl_override = (
        f'<w:lvlOverride w:ilvl="{override}"><w:startOverride w:val="3"/></w:lvlOverride>'
        if override
        else ""
    )
    return (
        f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="10">'
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        '<w:lvlText w:val="Article %1"/></w:lvl></w:abstractNum>'
        f'<w:num w:numId="1"><w:abstractNumId w:val="10"/>{lvl_override}</w:num></w:numbering>'
    )


@pytest.mark.parametrize(
    ("numbering", "ignored"),
    [
        (_numbering(ilvl="x"), "w:ilvl 'x'"),
        (_numbering(ilvl="12"), "w:ilvl '12'"),
        (_numbering(start="²"), "w:start '²'"),
        (_numbering(start="9" * 5000), "w:start '999999999999'…"),
        (_numbering(start=str(10**12), fmt="upperRoman"), "w:start '100000000000'…"),
        (_numbering(start=str(2 * 10**9), fmt="lowerLetter"), "w:start '2000000000'"),
        (_numbering(override="12"), "w:ilvl '12'"),
    ],
)
def test_a_numbering_value_word_does_not_allow_is_ignored_and_said(
    tmp_path: Path, numbering: str, ignored: str
) -> None:
    path = tmp_path / "draft.docx"
    body = [p("Article 1"), p("Scope", num=(1, 0)), p("Some text.", num=(1, 12))]
    path.write_bytes(build(body, numbering=numbering))
    document = read_docx(path.read_bytes(), str(path))
    (notice,) = [n for n in document.notices if "numbering value" in n]
    assert ignored in notice and "check the numbers" in notice
    assert all(len(b.number) < 40 for b in document.blocks)


def test_a_paragraph_level_word_does_not_allow_is_ignored_and_said(tmp_path: Path) -> None:
    bad = p("Scope").replace(
        "<w:pPr>", '<w:pPr><w:numPr><w:ilvl w:val="²"/><w:numId w:val="1"/></w:numPr>'
    )
    path = tmp_path / "draft.docx"
    path.write_bytes(build([p("Article 1"), bad]))
    document = read_docx(path.read_bytes(), str(path))
    assert [b.number for b in document.blocks] == ["", "1."]
    assert any("w:ilvl '²'" in n for n in document.notices)


def test_numbers_past_what_roman_numerals_and_letters_show_are_decimal() -> None:
    assert wordml.format_number(3999, "upperRoman") == "MMMCMXCIX"
    assert wordml.format_number(10**12, "upperRoman") == str(10**12)
    assert wordml.format_number(780, "lowerLetter") == "z" * 30
    assert wordml.format_number(2 * 10**9, "lowerLetter") == str(2 * 10**9)


@pytest.mark.parametrize("code", ["FFFFFFFF", "-1", "D800", "FDD0", "0001", "FFFF", "zz"])
def test_a_symbol_that_is_no_character_is_read_as_a_replacement_and_said(
    tmp_path: Path, code: str
) -> None:
    sym = f'<w:r><w:sym w:font="Symbol" w:char="{code}"/></w:r>'
    path = tmp_path / "draft.docx"
    path.write_bytes(build([p("Article 1. Scope"), p("The text", sym, " here.")]))
    draft = convert_file(path).draft
    assert _articles(draft) == {"Article 1": "The text\ufffd here."}
    assert any(f"({code!r}) read as the replacement character" in w for w in draft.warnings)


def test_a_symbol_font_character_is_read_as_its_character(tmp_path: Path) -> None:
    sym = '<w:r><w:sym w:font="Symbol" w:char="F0A7"/></w:r>'
    path = tmp_path / "draft.docx"
    path.write_bytes(build([p("Article 1. Scope"), p("The text ", sym)]))
    assert _articles(convert_file(path).draft) == {"Article 1": "The text \u00a7"}


def test_a_word_paragraph_over_the_paragraph_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(build([p("Article 1. Scope"), p("word " * 250_000)]))
    with pytest.raises(DraftImportError, match=r": paragraph 2 holds 1,249,999 characters"):
        convert_file(path)


def _declaring(data: bytes, parts: int, directory: int) -> bytes:
    """`data` with its end record declaring `parts` parts in a directory of `directory` bytes."""
    end = data.rfind(b"PK\x05\x06")
    return data[: end + 8] + struct.pack("<HHI", parts, parts, directory) + data[end + 16 :]


def test_the_part_count_is_read_before_zipfile_parses_the_directory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def parse(*_: object) -> None:
        raise AssertionError("zipfile parsed the directory")

    data = build([p("Article 1. Scope")])
    monkeypatch.setattr(zipfile, "ZipFile", parse)
    with pytest.raises(DraftImportError, match=r"has 60,000 parts, over the limit of 10,000"):
        read_docx(_declaring(data, 60_000, 1_000), "many.docx")
    with pytest.raises(DraftImportError, match=r"directory is 99,000,000 bytes, more than"):
        read_docx(_declaring(data, 5, 99_000_000), "lying.docx")


def test_the_byte_limit_message_is_about_bytes_only() -> None:
    with pytest.raises(DraftImportError) as caught:
        read_docx(_bomb(), "bomb.docx")
    assert "would expand to 68,157,440 bytes, over the limit of" in str(caught.value)
    assert "parts" not in str(caught.value)


def test_a_zip_asking_for_a_later_zip_version_is_a_damaged_zip() -> None:
    """A byte flipped in the directory's "version needed" made zipfile raise
    NotImplementedError, a traceback (found by the fuzzing harness)."""
    data = build([p("Article 1. Scope")])
    at = data.rfind(b"PK\x01\x02") + 6  # the last directory entry's version needed
    damaged = data[:at] + struct.pack("<H", 84) + data[at + 2 :]
    with pytest.raises(DraftImportError, match=r"a damaged zip \(zip file version 8.4\)"):
        read_docx(damaged, "damaged.docx")


@pytest.mark.parametrize("compression", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_a_damaged_bzip2_or_lzma_part_is_refused_as_unreadable(compression: int) -> None:
    """Damaged bzip2 raises OSError and damaged LZMA its own error, not zipfile's: each
    byte of the part flipped in turn is read (a flip the compression shrugs off) or
    refused."""
    buffer, sound = io.BytesIO(), build([p("Article 1. Scope"), p("Text " * 200)])
    with (
        zipfile.ZipFile(io.BytesIO(sound)) as old,
        zipfile.ZipFile(buffer, "w", compression) as new,
    ):
        for info in old.infolist():
            new.writestr(info.filename, old.read(info))
    data = buffer.getvalue()
    start = data.index(b"word/document.xml") + len("word/document.xml") + 30
    reasons = set()
    for at in range(start, start + 60):
        damaged = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]
        try:
            read_docx(damaged, "damaged.docx")
        except DraftImportError as exc:  # anything else fails the test
            reasons.add(exc.reason.split(" (")[0])
    assert "the part word/document.xml cannot be read" in reasons
