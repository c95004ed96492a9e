"""Write a detected document structure as Akoma Ntoso 3.0 XML bytes.

These bytes are both what `drafts.reading.akoma.parse_draft` reads on import (so a draft from
Word or text is stored exactly like one from XML) and what `convert` writes for a
person to inspect or correct. The shape is that of resources/demo: a bill with FRBR
identification, a preface with the title, a preamble, a body of chapters and articles
with eIds such as `chp_4`, `art_24`, `art_24__para_1__point_a`, and footnotes as
`authorialNote`. Everything is built with lxml elements, so text is always escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from drafts.reading.document import Article, Block, Division, Document, NoteRef, Unit
from drafts.reading.word_numbering import roman_numeral

AKN3 = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
UNDATED = "9999-12-31"
"""Akoma Ntoso requires a date on every FRBR level. A draft whose date is unknown gets
this one, which sorts it last, as Travaux orders undated drafts; the importer stores
such a draft as undated, and a converted file says so in a comment."""
WORK_PREFIX = "/travaux/work/"
_A = f"{{{AKN3}}}"
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Identity:
    """Which negotiation (work) and which draft (expression) the written document is."""

    work_uri: str
    work_title: str
    label: str
    date: str


def work_uri_for(name: str) -> str:
    """A stable work URI for a negotiation name: the same name, the same negotiation."""
    slug = re.sub(r"[^\w]+", "-", name.casefold()).strip("-_")[:80] or "untitled"
    return f"{WORK_PREFIX}{slug}"


def write_akn(document: Document, identity: Identity) -> bytes:
    """The document as a complete, schema-valid Akoma Ntoso 3.0 file (UTF-8 bytes)."""
    root = etree.Element(f"{_A}akomaNtoso", nsmap={None: AKN3})
    bill = _sub(root, "bill", name="draft")
    _meta(bill, document, identity)
    _preface(bill, document, identity)
    ids = _Ids()
    if document.preamble or document.title_notes:
        _preamble(bill, document, ids)
    body = _sub(bill, "body")
    for node in document.body:
        _node(body, node, "", ids, [])
    if document.annexes:
        _annexes(bill, document, identity, ids)
    if not identity.date:
        root.insert(0, etree.Comment(f" no date was found: {UNDATED} stands for 'undated' "))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _sub(parent: etree._Element, tag: str, text: str = "", **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{_A}{tag}", {k: _clean(v) for k, v in attributes.items()})
    if text:
        element.text = _clean(text)
    return element


def _clean(text: str) -> str:
    """XML 1.0 cannot hold most control characters: Word and PDFs sometimes carry them."""
    return _XML_INVALID.sub(" ", text)


# Metadata


def _meta(
    bill: etree._Element, document: Document, identity: Identity, component: str = "main"
) -> None:
    """The FRBR identification of the draft, or (`component`) of one of its annexes."""
    language = document.language
    date = identity.date or UNDATED
    date_name = "draft" if identity.date else "undated"
    expression = f"{identity.work_uri}/{language}@{identity.date}"
    ident = _sub(_sub(bill, "meta"), "identification", source="#travaux")
    work = _sub(ident, "FRBRWork")
    _sub(work, "FRBRthis", value=f"{identity.work_uri}/!{component}")
    _sub(work, "FRBRuri", value=identity.work_uri)
    _sub(work, "FRBRalias", value=identity.work_title, name="title")
    _sub(work, "FRBRdate", date=date, name=date_name)
    _sub(work, "FRBRauthor", href="#travaux")
    _sub(work, "FRBRcountry", value="xx")  # ISO 3166 "unknown": a Word file does not say
    _sub(work, "FRBRname", value=document.title or identity.work_title)
    expr = _sub(ident, "FRBRExpression")
    _sub(expr, "FRBRthis", value=f"{expression}/!{component}")
    _sub(expr, "FRBRuri", value=expression)
    if identity.label:
        _sub(expr, "FRBRalias", value=identity.label, name="label")
    if document.symbol:
        _sub(expr, "FRBRalias", value=document.symbol, name="symbol")
    _sub(expr, "FRBRdate", date=date, name=date_name)
    _sub(expr, "FRBRauthor", href="#travaux")
    _sub(expr, "FRBRlanguage", language=language)
    manifestation = _sub(ident, "FRBRManifestation")
    _sub(manifestation, "FRBRthis", value=f"{expression}/!{component}.xml")
    _sub(manifestation, "FRBRuri", value=f"{expression}.xml")
    _sub(manifestation, "FRBRdate", date=date, name="conversion")
    _sub(manifestation, "FRBRauthor", href="#travaux")
    if component != "main":
        return  # the converter is named once, in the draft's own references
    references = _sub(ident.getparent(), "references", source="#travaux")
    _sub(
        references,
        "TLCOrganization",
        eId="travaux",
        href="/ontology/organization/travaux",
        showAs="Travaux converter",
    )


def _preface(bill: etree._Element, document: Document, identity: Identity) -> None:
    preface = _sub(bill, "preface")
    _sub(_sub(preface, "p"), "docTitle", document.title or identity.work_title)
    if document.symbol:
        _sub(_sub(preface, "p"), "docNumber", document.symbol)
    if identity.label or identity.date:
        p = _sub(preface, "p")
        if identity.label:
            _sub(p, "docStage", identity.label)
        if identity.date:
            date = _sub(p, "docDate", identity.date, date=identity.date)
            if identity.label:
                date.getprevious().tail = ", "


# Text


class _Ids:
    """eIds unique in the document: a duplicate number gets a suffix ("art_12-2")."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def unique(self, eid: str) -> str:
        candidate, n = eid, 1
        while candidate in self.used:
            n += 1
            candidate = f"{eid}-{n}"
        self.used.add(candidate)
        return candidate


def _preamble(bill: etree._Element, document: Document, ids: _Ids) -> None:
    preamble = _sub(bill, "preamble", eId=ids.unique("preamble"))
    _blocks(preamble, document.preamble, "preamble", ids)
    _attach_notes(preamble, document.title_notes, "preamble", ids)


def _blocks(parent: etree._Element, blocks: Sequence[Block], owner: str, ids: _Ids) -> None:
    for block in blocks:
        if block.rows:
            _table(parent, block, owner, ids)
        else:
            _paragraph_text(parent, block, owner, ids)


def _paragraph_text(parent: etree._Element, block: Block, owner: str, ids: _Ids) -> None:
    p = _sub(parent, "p")
    _inline(p, block.full_text, block.notes, owner, ids)


def _inline(
    element: etree._Element, text: str, notes: Sequence[NoteRef], owner: str, ids: _Ids
) -> None:
    """`text` into `element`, each footnote as an authorialNote where it was referenced,
    words the draft marks as deleted as a `del` where they stood, and words it marks as
    inserted inside an `ins` (if they are still where the mark says; else left as text)."""
    at = 0
    last: etree._Element | None = None
    for note in sorted(notes, key=lambda n: n.offset):
        if note.kind == "ins" and (note.offset < at or not _inserted_at(text, note)):
            continue
        piece = _clean(text[at : note.offset])
        if last is None:
            element.text = (element.text or "") + piece
        else:
            last.tail = (last.tail or "") + piece
        if note.kind == "ins":
            last = _insertion(element, note)
            at = note.offset + len(note.text)
            continue
        last = _deletion(element, note) if note.kind == "del" else _note(element, note, owner, ids)
        at = max(at, note.offset)
    rest = _clean(text[at:])
    if last is None:
        element.text = (element.text or "") + rest
    else:
        last.tail = rest


def _deletion(parent: etree._Element, mark: NoteRef) -> etree._Element:
    """Deleted words, spaced as they read in the draft ("shall [del]promptly[/del] notify")."""
    element = _sub(parent, "del", f" {mark.text} " if mark.text else "")
    if mark.marker:
        element.set("title", _clean(f"deleted by {mark.marker}"))
    return element


def _inserted_at(text: str, mark: NoteRef) -> bool:
    return bool(mark.text) and text[mark.offset : mark.offset + len(mark.text)] == mark.text


def _insertion(parent: etree._Element, mark: NoteRef) -> etree._Element:
    """Words the draft marks as inserted: its text, inside an `ins` saying by whom."""
    element = _sub(parent, "ins", _clean(mark.text))
    if mark.marker:
        element.set("title", _clean(f"inserted by {mark.marker}"))
    return element


def _note(parent: etree._Element, note: NoteRef, owner: str, ids: _Ids) -> etree._Element:
    element = _sub(
        parent,
        "authorialNote",
        marker=note.marker,
        placement="bottom",
        eId=ids.unique(f"{owner}__authorialNote_{note.marker}"),
    )
    _sub(element, "p", note.text)
    return element


def _attach_notes(element: etree._Element, notes: Sequence[NoteRef], owner: str, ids: _Ids) -> None:
    """Notes on a heading or title go to the first paragraph of what it heads: the reader
    keeps notes only from running text, and none may be lost."""
    if not notes:
        return
    p = next(element.iter(f"{_A}p"), None)
    if p is None and etree.QName(element).localname == "preamble":
        p = _sub(element, "p")
    elif p is None:
        paragraph = _sub(element, "paragraph", eId=ids.unique(f"{owner}__para_notes"))
        p = _sub(_sub(paragraph, "content"), "p")
    for note in notes:
        if note.kind == "del":
            _deletion(p, note)
        elif note.kind != "ins":  # words inserted in a heading stay in it, unmarked
            _note(p, note, owner, ids)


def _table(parent: etree._Element, block: Block, owner: str, ids: _Ids) -> None:
    table = _sub(parent, "table", eId=ids.unique(f"{owner}__table_1"))
    for row in block.rows:
        if not row:
            continue
        tr = _sub(table, "tr")
        for cell in row:
            _paragraph_text(_sub(tr, "td"), cell, owner, ids)
    if not len(table):
        _paragraph_text(_sub(_sub(table, "tr"), "td"), Block("", block.where), owner, ids)


# Structure


_ELEMENT_PREFIX = {
    "book": "book",
    "part": "part",
    "title": "title",
    "subtitle": "subtitle",
    "chapter": "chp",
    "subchapter": "subchp",
    "section": "sec",
    "subsection": "subsec",
    "transitional": "transitional",
}
"""The eId prefix of each division and provision element, as the AKN naming convention
abbreviates them."""


def _node(
    parent: etree._Element,
    node: Division | Article,
    prefix: str,
    ids: _Ids,
    inherited: list[NoteRef],
) -> None:
    """Write a division or article; notes on division headings pass down to the first
    article under them (`inherited` is emptied once they are written). A division's
    eId carries those of the divisions above it, but for a chapter's ("chp_4", as
    drafts cite them); an article's is its number alone ("art_24"), but inside a block
    of transitional articles, which number afresh."""
    if isinstance(node, Article):
        _article(parent, node, prefix if "transitional" in prefix else "", ids, inherited)
        return
    key = node.key or (str(node.ordinal) if node.ordinal is not None else "u")
    eid = ids.unique(f"{prefix}{_ELEMENT_PREFIX[node.kind]}_{key}")
    element = _sub(parent, node.kind, eId=eid)
    _sub(element, "num", node.num)
    if node.heading:
        _sub(element, "heading", node.heading)
    inherited.extend(node.heading_notes)
    inner = prefix if node.kind == "chapter" else f"{eid}__"
    for child in node.children:
        _node(element, child, inner, ids, inherited)
    if inherited:  # a division with no article: its own paragraph keeps the notes
        _attach_notes(element, inherited, eid, ids)
        inherited.clear()


def _article(
    parent: etree._Element, article: Article, prefix: str, ids: _Ids, inherited: list[NoteRef]
) -> None:
    if article.key:
        key = article.key
    else:
        suffix = re.sub(r"\W", "", article.suffix).lower()
        key = f"{article.ordinal}{suffix}" if article.ordinal is not None else "u"
    short = "sec" if article.kind == "section" else "art"
    eid = ids.unique(f"{prefix}{short}_{key}")
    element = _sub(parent, article.kind, eId=eid)
    if article.num:
        _sub(element, "num", article.num)
    if article.heading:
        _sub(element, "heading", article.heading)
    for position, child in enumerate(article.children, 1):
        if isinstance(child, Unit):
            _unit(element, child, eid, position, ids)
        else:
            cross = _sub(element, "crossHeading", eId=ids.unique(f"{eid}__crossHeading_{position}"))
            _inline(cross, child.full_text, child.notes, eid, ids)
    _attach_notes(element, [*inherited, *article.heading_notes], eid, ids)
    inherited.clear()


def _annexes(bill: etree._Element, document: Document, identity: Identity, ids: _Ids) -> None:
    """Each annex as an attachment: its own document, whose paragraphs are kept as they
    came (an annex has no articles to find), named by its number ("att_2" for Annex II)."""
    attachments = _sub(bill, "attachments")
    for position, annex in enumerate(document.annexes, 1):
        eid = ids.unique(f"att_{annex.key or position}")
        attachment = _sub(attachments, "attachment", eId=eid)
        _sub(attachment, "num", annex.num)
        if annex.heading:
            _sub(attachment, "heading", annex.heading)
        doc = _sub(attachment, "doc", name="annex")
        _meta(doc, document, identity, component=eid)
        main = _sub(doc, "mainBody")
        _blocks(main, annex.blocks or [Block("", annex.where)], eid, ids)


def _unit(parent: etree._Element, unit: Unit, owner: str, position: int, ids: _Ids) -> None:
    eid = ids.unique(f"{owner}__{'para' if unit.level == 1 else 'point'}_{_key(unit, position)}")
    element = _sub(parent, unit.kind, eId=eid)
    if unit.num:
        _sub(element, "num", unit.num)
    note_owner = eid.split("__", 1)[0]
    if unit.children:
        if unit.content:
            _blocks(_sub(element, "intro"), unit.content, note_owner, ids)
        for child_position, child in enumerate(unit.children, 1):
            _unit(element, child, eid, child_position, ids)
        if unit.wrap_up:
            _blocks(_sub(element, "wrapUp"), unit.wrap_up, note_owner, ids)
        return
    content = _sub(element, "content")
    _blocks(content, [*unit.content, *unit.wrap_up] or [Block("", unit.where)], note_owner, ids)


def _key(unit: Unit, position: int) -> str:
    """The eId part of a unit: its number ("1", "a", "ii"), or its position if it has none."""
    if unit.ordinal is None:
        return str(position)
    numeral = unit.numeral or unit.level
    if numeral == 2:
        n = unit.ordinal
        return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    if numeral == 3:
        return roman_numeral(unit.ordinal)
    return f"{unit.ordinal}{unit.suffix}"
