"""Build small .docx files in tests: a zip of hand-written WordprocessingML parts.

Tests describe a document as paragraphs (`p`), runs (`r`, `ins`, `dele`, …) and
tables, and `build` wraps them in the parts Word writes: content types, package and
document relationships, styles, numbering and footnotes. No Word and no python-docx:
the reader under test must cope with what Word really writes, so the builder writes it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape, quoteattr

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>
    <w:basedOn w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>
    <w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>
    <w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="ArticleNumbered"><w:name w:val="Article numbered"/>
    <w:basedOn w:val="Heading2"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>
  <w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>
  </w:style>
</w:styles>"""

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
  <w:abstractNum w:abstractNumId="10">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
      <w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
      <w:lvlText w:val="(%2)"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/>
      <w:lvlText w:val="(%3)"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="20">
    <w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="decimal"/>
      <w:lvlText w:val="Article %1"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="30">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="10"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="30"/></w:num>
</w:numbering>"""


def r(text: str) -> str:
    """A plain run of text."""
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def struck(text: str, double: bool = False) -> str:
    """A run struck through, as compromise texts mark the words the chair proposes to delete."""
    mark = "dstrike" if double else "strike"
    return f'<w:r><w:rPr><w:{mark}/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def bold(text: str) -> str:
    """A bold run, as compromise texts mark new words."""
    return f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def underlined(text: str) -> str:
    """An underlined run, as some compromise texts mark new words."""
    text = escape(text)
    return f'<w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def ins(text: str) -> str:
    """Text inserted with changes tracked."""
    return f'<w:ins w:id="901" w:author="Chair" w:date="2023-11-06T10:00:00Z">{r(text)}</w:ins>'


def dele(text: str) -> str:
    """Text deleted with changes tracked (`w:delText`, not `w:t`)."""
    return (
        '<w:del w:id="902" w:author="Chair" w:date="2023-11-06T10:00:00Z"><w:r>'
        f'<w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>'
    )


def move_from(text: str) -> str:
    return (
        '<w:moveFromRangeStart w:id="903" w:name="move1"/>'
        f'<w:moveFrom w:id="904" w:author="Chair">{r(text)}</w:moveFrom>'
        '<w:moveFromRangeEnd w:id="903"/>'
    )


def move_to(text: str) -> str:
    return (
        '<w:moveToRangeStart w:id="905" w:name="move1"/>'
        f'<w:moveTo w:id="906" w:author="Chair">{r(text)}</w:moveTo>'
        '<w:moveToRangeEnd w:id="905"/>'
    )


def note(note_id: int) -> str:
    """A footnote reference, as Word writes it (a run styled as a footnote reference)."""
    return (
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
        f'<w:footnoteReference w:id="{note_id}"/></w:r>'
    )


def br() -> str:
    return "<w:r><w:br/></w:r>"


def p(*runs: str, style: str = "", num: tuple[int, int] | None = None, mark_deleted=False) -> str:
    """A paragraph of runs; plain strings become runs. `num` is (numId, ilvl)."""
    props = []
    if style:
        props.append(f'<w:pStyle w:val="{style}"/>')
    if num:
        props.append(f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>')
    if mark_deleted:
        props.append('<w:rPr><w:del w:id="907" w:author="Chair"/></w:rPr>')
    body = "".join(run if run.startswith("<") else r(run) for run in runs)
    return f"<w:p><w:pPr>{''.join(props)}</w:pPr>{body}</w:p>"


def table(rows: Iterable[Iterable[str]]) -> str:
    """A table whose cells each hold one paragraph of text (or given paragraph XML)."""
    cells = (
        "<w:tr>"
        + "".join(f"<w:tc>{c if c.startswith('<w:p') else p(c)}</w:tc>" for c in row)
        + "</w:tr>"
        for row in rows
    )
    return f"<w:tbl><w:tblPr/>{''.join(cells)}</w:tbl>"


def document_xml(body: Iterable[str]) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W}" xmlns:r="{REL}"><w:body>{"".join(body)}'
        "<w:sectPr/></w:body></w:document>"
    )


def footnotes_xml(notes: Mapping[int, str]) -> str:
    separators = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        "</w:r></w:p></w:footnote>"
    )
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r>{r(" " + text)}</w:p></w:footnote>'
        for i, text in notes.items()
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<w:footnotes xmlns:w="{W}">{separators}{body}</w:footnotes>'
    )


def build(
    body: Iterable[str],
    footnotes: Mapping[int, str] | None = None,
    *,
    content_type: str = DOCX_TYPE,
    styles: str | None = STYLES,
    numbering: str | None = NUMBERING,
    document: str | None = None,
    extra: Mapping[str, bytes] | None = None,
) -> bytes:
    """The bytes of a .docx holding `body` (paragraph and table XML)."""
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": _content_types(content_type),
        "_rels/.rels": _package_rels(),
        "word/_rels/document.xml.rels": _document_rels(),
        "word/document.xml": document if document is not None else document_xml(body),
    }
    if styles is not None:
        parts["word/styles.xml"] = styles
    if numbering is not None:
        parts["word/numbering.xml"] = numbering
    if footnotes:
        parts["word/footnotes.xml"] = footnotes_xml(footnotes)
    parts.update(extra or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data if isinstance(data, bytes) else data.encode("utf-8"))
    return buffer.getvalue()


def _content_types(main: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"<Override PartName={quoteattr('/word/document.xml')} ContentType={quoteattr(main)}/>"
        "</Types>"
    )


def _package_rels() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )


def _document_rels() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}/numbering" Target="numbering.xml"/>'
        f'<Relationship Id="rId3" Type="{REL}/footnotes" Target="footnotes.xml"/>'
        "</Relationships>"
    )


FOOTNOTES = {
    1: "Proposed by one delegation & supported by others.",
    2: "The Chair notes the [divergent] views on scope.",
}


def sample_body() -> list[str]:
    """A small but realistic draft: title, symbol, date, preamble, two chapters, articles
    headed in three ways (one line, number then title line, Word numbering), paragraphs
    and points numbered in text and by Word, footnotes, a table, tracked changes,
    square brackets, Arabic text and characters XML must escape."""
    return [
        p("Draft United Nations convention on countering cybercrime", style="Title"),
        p("A/AC.291/22"),
        p("6 November 2023"),
        p("The States Parties to this Convention,"),
        p("Mindful of the speed of change in technology,", note(1)),
        p("Have agreed as follows:"),
        p("Chapter I", style="Heading1"),
        p("General provisions", style="Heading1"),
        p("Article 1. Statement of purpose", style="Heading2"),
        p("The purposes of this Convention are:"),
        p("To promote [and strengthen] measures to prevent cybercrime;", num=(1, 1)),
        p("To promote international cooperation;", num=(1, 1)),
        p("Article 2 — Use of terms", style="Heading2"),
        p("For the purposes of this Convention:", num=(1, 0)),
        p("“Electronic data” means any representation of facts;", num=(1, 1)),
        p("“Service provider” means any entity that:", num=(1, 1)),
        p("Provides users the ability to communicate; or", num=(1, 2)),
        p("Processes data on behalf of such users;", num=(1, 2)),
        p('The terms of paragraph 1 apply where a < b & "c" hold.', num=(1, 0)),
        p("Article 3", style="Heading2"),
        p("Scope of application", style="Heading2"),
        p("1. This Convention shall apply", note(2), " to the offences it establishes."),
        p("2. [This Convention shall also apply to evidence in electronic form.]"),
        table([["Offence", "Article"], ["Illegal access", "7"]]),
        p("Chapter II. Criminalization", style="Heading1"),
        p("Illegal access", style="ArticleNumbered"),
        p(
            "1. Each State Party shall establish as an offence access done ",
            ins("intentionally "),
            dele("knowingly "),
            "and without right.",
        ),
        p("2. A State Party may require ", move_to("dishonest intent "), "for the offence."),
        p("3. The offence requires ", move_from("dishonest intent "), "a breach of security."),
        p("Illegal interception", style="ArticleNumbered"),
        p("تعتمد كل دولة طرف ما قد يلزم من تدابير [تشريعية] وتدابير أخرى"),
        p("Option 2", style="Heading2"),
        p("Each State Party may adopt measures against interception."),
    ]
