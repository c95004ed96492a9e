"""Read one Akoma Ntoso 3.0 (or 2.0) document into a `Draft`: metadata and provisions.

The unit of comparison is the provision: the article where the document has
articles, else the section, else its top-level numbered units (a resolution's
operative paragraphs). Every region of text is read: the body, each component of a
document collection and each attachment (schedule, annex), so no word is lost;
a region without such units becomes one provision of its own. Quoted structures
inside amendments belong to the provision that quotes them, never to the draft.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from drafts.errors import DraftImportError
from drafts.model import Container, Draft, Provision
from drafts.reading import safe_xml
from drafts.reading.provision_text import (
    HIERARCHY,
    heading_of,
    inline_text,
    local_name,
    number_of,
    provision_lines,
)

AKN3 = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
AKN2 = "http://www.akomantoso.org/2.0"
NAMESPACES = {
    AKN3: "Akoma Ntoso 3.0",
    AKN2: "Akoma Ntoso 2.0",
    **{f"{AKN3}/CSD{n:02d}": f"Akoma Ntoso 3.0 (committee draft {n:02d})" for n in range(1, 14)},
}
"""The standard's namespaces, and those of the committee drafts before it (CSD01 to CSD13,
still used by tens of thousands of a national senate's bill files): the same elements."""

DOCUMENT_TYPES = frozenset(
    [
        "act",
        "bill",
        "doc",
        "statement",
        "documentCollection",
        "amendment",
        "amendmentList",
        "officialGazette",
        "portion",
        "judgment",
        "debate",
        "debateReport",
    ]
)
_REGIONS = frozenset(
    ("preamble", "body", "mainBody", "judgmentBody", "debateBody", "amendmentBody", "portionBody")
)
_NOT_PROVISIONS = frozenset(
    (
        "quotedStructure",
        "embeddedStructure",
        "mod",
        "meta",
        "attachments",
        "components",
        "collectionBody",
    )
)
_CONTAINERS = HIERARCHY - frozenset(
    (
        "article",
        "section",
        "paragraph",
        "point",
        "list",
        "indent",
        "alinea",
        "clause",
        "subclause",
        "sublist",
        "subparagraph",
        "subsection",
        "proviso",
        "rule",
        "subrule",
    )
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_draft(path: Path, label: str = "", date: str = "") -> Draft:
    """Read the file at `path`; `label` and `date` override what its metadata says."""
    data = safe_xml.read_bytes(path)
    return parse_draft(data, str(path), label=label, date=date)


def parse_draft(data: bytes, source: str, label: str = "", date: str = "") -> Draft:
    """Parse Akoma Ntoso bytes into a `Draft`, or raise `DraftImportError` saying why not."""
    root = safe_xml.parse(data, source)
    namespace = _namespace_of(root, source)
    document = _main_document(root, source)
    provisions = _provisions(root, document, source)
    meta = _metadata(document, namespace)
    draft_date = date or meta["date"]
    if draft_date and not _ISO_DATE.match(draft_date):
        raise DraftImportError(source, f"the date {draft_date!r} is not of the form YYYY-MM-DD")
    warnings = [] if draft_date else ["no expression date: the draft is ordered last"]
    return Draft(
        work_uri=meta["work_uri"] or f"/travaux/file/{Path(source).stem}",
        work_title=meta["work_title"] or Path(source).stem,
        expression_uri=meta["expression_uri"],
        label=label or meta["label"] or Path(source).stem,
        date=draft_date,
        symbol=meta["symbol"],
        language=meta["language"],
        doc_type=local_name(document),
        provisions=provisions,
        source=source,
        content_hash=_content_hash(meta, provisions),
        namespace=namespace,
        warnings=tuple(warnings),
    )


def _namespace_of(root: etree._Element, source: str) -> str:
    qname = etree.QName(root)
    if qname.namespace in NAMESPACES and qname.localname == "akomaNtoso":
        return qname.namespace
    found = (
        f"<{qname.localname}> in namespace {qname.namespace}"
        if qname.namespace
        else (f"<{qname.localname}> in no namespace")
    )
    raise DraftImportError(
        source,
        f"not Akoma Ntoso 3.0 or 2.0: the root element is {found} "
        f"(expected <akomaNtoso> in {AKN3} or {AKN2})",
    )


def _main_document(root: etree._Element, source: str) -> etree._Element:
    for child in root:
        if local_name(child) in DOCUMENT_TYPES:
            return child
    names = ", ".join(f"<{local_name(child)}>" for child in root) or "nothing"
    raise DraftImportError(
        source,
        f"<akomaNtoso> holds {names}, not a document such as "
        "<act>, <bill>, <doc> or <documentCollection>",
    )


def _provisions(
    root: etree._Element, document: etree._Element, source: str
) -> tuple[Provision, ...]:
    regions = list(_regions(root, document))
    kind = next(
        (
            k
            for k in ("article", "section")
            if any(True for r in regions for _ in _units(r.element, k, ()))
        ),
        "",
    )
    found: list[Provision] = []
    for region in regions:
        if local_name(region.element) == "preamble":
            found.append(_preamble(region, len(found)))
            continue
        units = (
            list(_units(region.element, kind, region.containers))
            or list(_top_units(region.element, region.containers))
            or _whole_region(region)
        )
        base = len(found)
        found.extend(
            [
                _provision(element, base + i, within, region.scope)
                for i, (element, within) in enumerate(units)
            ]
        )
    if not any(p.kind != "preamble" for p in found):
        raise DraftImportError(
            source,
            "no provisions found: the document has no articles, "
            "sections or numbered paragraphs in its body",
        )
    _check_unique_eids(found, source)
    return tuple(found)


def _whole_region(region: _Region) -> list[tuple[etree._Element, tuple[Container, ...]]]:
    """An annex or schedule with no numbered units is one provision, so no word is lost.

    The main body never is: a draft with no articles, sections or numbered
    paragraphs is not something Travaux can compare, and the user is told so.
    """
    return [(region.element, region.containers)] if region.scope else []


@dataclass(frozen=True)
class _Region:
    """A body of text: the document's own, or an embedded one's (annex, schedule, component).

    `scope` prefixes the eIds of an embedded document, whose eIds are its own: two
    schedules may each have a `sec_1`.
    """

    element: etree._Element
    containers: tuple[Container, ...]
    scope: str


def _regions(root: etree._Element, document: etree._Element) -> Iterator[_Region]:
    """Every body of text in reading order: the document's own, components', attachments'."""
    yield from _own_regions(document, (), "")
    for position, wrapper in enumerate(root.iter("{*}attachment", "{*}component"), 1):
        inner = next((c for c in wrapper if local_name(c) in DOCUMENT_TYPES), None)
        if inner is None or _inside_quote(wrapper):
            continue
        # One with no eId is named by its place, never dropped: every word is kept.
        short = "att" if local_name(wrapper) == "attachment" else "cmp"
        scope = wrapper.get("eId") or wrapper.get("id") or f"{short}_pos{position}"
        yield from _own_regions(inner, (_wrapper_container(wrapper, inner),), scope)


def _own_regions(
    document: etree._Element, containers: tuple[Container, ...], scope: str
) -> Iterator[_Region]:
    for child in document:
        if local_name(child) in _REGIONS:
            yield _Region(child, containers, scope)


def _inside_quote(element: etree._Element) -> bool:
    return any(
        local_name(a) in ("quotedStructure", "embeddedStructure") for a in element.iterancestors()
    )


def _wrapper_container(wrapper: etree._Element, document: etree._Element) -> Container:
    """Name an embedded document (an annex, a schedule) after its heading or title."""
    heading, subheading = heading_of(wrapper), ""
    for child in wrapper:
        if local_name(child) == "subheading":
            subheading = inline_text(child)
    if not heading:
        for name in ("docTitle", "shortTitle", "docNumber", "longTitle"):
            found = next(document.iter(f"{{*}}{name}"), None)
            if found is not None and inline_text(found):
                heading = inline_text(found)[:200]
                break
    if number_of(wrapper):  # "ANNEX II" / "List of offences": number and heading apart
        return Container(local_name(wrapper), number_of(wrapper), heading)
    return Container(local_name(wrapper), heading or document.get("name", ""), subheading)


def _units(
    region: etree._Element, kind: str, containers: tuple[Container, ...]
) -> Iterator[tuple[etree._Element, tuple[Container, ...]]]:
    """The elements named `kind` under `region`, outside quoted text, with their containers."""
    if not kind:
        return
    for child in region:
        name = local_name(child)
        if name == kind:
            yield child, containers
        elif name in _NOT_PROVISIONS or name in DOCUMENT_TYPES:
            continue
        elif name in _CONTAINERS or (name in ("section", "subsection") and kind == "article"):
            container = Container(name, number_of(child), heading_of(child))
            yield from _units(child, kind, (*containers, container))
        else:
            yield from _units(child, kind, containers)


def _top_units(
    region: etree._Element, containers: tuple[Container, ...]
) -> Iterator[tuple[etree._Element, tuple[Container, ...]]]:
    """A body with no articles or sections: its shallowest numbered hierarchical units."""
    level = [region]
    while level:
        numbered = [
            el for el in level if el is not region and local_name(el) in HIERARCHY and number_of(el)
        ]
        if numbered:
            yield from ((el, containers) for el in numbered)
            return
        level = [child for el in level for child in el if local_name(child) not in _NOT_PROVISIONS]


def _provision(
    element: etree._Element, position: int, containers: tuple[Container, ...], scope: str
) -> Provision:
    lines, notes, marks = provision_lines(element)
    kind = local_name(element)
    if kind in _REGIONS:
        kind = "annex"
    eid = (
        element.get("eId")
        or element.get("id")
        or (scope if kind == "annex" and scope else f"{kind}_pos{position}")
    )
    return Provision(
        eid=_scoped(eid, scope),
        kind=kind,
        num=number_of(element) if kind != "annex" else _wrapper_number(element),
        heading=heading_of(element) if kind != "annex" else _annex_heading(element, containers),
        position=position,
        lines=lines,
        notes=notes,
        marks=marks,
        containers=containers,
    )


def _wrapper_number(region: etree._Element) -> str:
    """The number of the attachment holding this annex's body ("ANNEX II"), if it has one."""
    wrapper = region.getparent().getparent() if region.getparent() is not None else None
    return number_of(wrapper) if wrapper is not None else ""


def _annex_heading(region: etree._Element, containers: tuple[Container, ...]) -> str:
    """An annex's heading: its wrapper's heading when the wrapper is numbered apart, else
    all the wrapper says of it ("Schedule 1 National Flag")."""
    if not containers:
        return ""
    return containers[-1].heading if _wrapper_number(region) else containers[-1].label()


def _preamble(region: _Region, position: int) -> Provision:
    lines, notes, marks = provision_lines(region.element)
    eid = region.element.get("eId") or region.element.get("id") or "preamble"
    return Provision(
        eid=_scoped(eid, region.scope),
        kind="preamble",
        num="",
        heading="Preamble",
        position=position,
        lines=lines,
        notes=notes,
        marks=marks,
        containers=region.containers,
    )


def _scoped(eid: str, scope: str) -> str:
    """An embedded document's eId, made unique in the draft by its wrapper's eId."""
    if not scope or eid.startswith(f"{scope}__") or eid == scope:
        return eid
    return f"{scope}__{eid}"


def _check_unique_eids(provisions: list[Provision], source: str) -> None:
    seen: dict[str, Provision] = {}
    for provision in provisions:
        if provision.eid in seen:
            first = seen[provision.eid]
            raise DraftImportError(
                source,
                f"duplicate eId {provision.eid!r}: used by {first.title()!r} "
                f"and {provision.title()!r}; each provision needs its own",
            )
        seen[provision.eid] = provision


def _metadata(document: etree._Element, namespace: str) -> dict[str, str]:
    ns = f"{{{namespace}}}"
    ident = document.find(f"{ns}meta/{ns}identification")
    work = ident.find(f"{ns}FRBRWork") if ident is not None else None
    expression = ident.find(f"{ns}FRBRExpression") if ident is not None else None

    def value(parent: etree._Element | None, tag: str, attribute: str = "value") -> str:
        found = parent.find(f"{ns}{tag}") if parent is not None else None
        return (found.get(attribute) or "").strip() if found is not None else ""

    def alias(parent: etree._Element | None, *names: str) -> str:
        for found in parent.iterfind(f"{ns}FRBRalias") if parent is not None else ():
            text = (found.get("value") or "").strip()
            if (found.get("name") or "").lower() in names and text.lower() != "untitled":
                return text
        return ""

    return {
        "work_uri": value(work, "FRBRuri") or value(work, "FRBRthis"),
        "work_title": alias(work, "title", "name")
        or _preface_text(document, ns, "docTitle", "shortTitle")
        or value(work, "FRBRname")
        or _preface_text(document, ns, "longTitle"),
        "expression_uri": value(expression, "FRBRuri") or value(expression, "FRBRthis"),
        "date": value(expression, "FRBRdate", "date")[:10],
        "language": value(expression, "FRBRlanguage", "language"),
        "label": _preface_text(document, ns, "docStage")
        or alias(expression, "label", "stage")
        or value(expression, "FRBRversionNumber")
        or _preface_text(document, ns, "docTitle", "shortTitle"),
        "symbol": _preface_text(document, ns, "docNumber") or alias(expression, "symbol"),
    }


def _preface_text(document: etree._Element, ns: str, *tags: str) -> str:
    """The first of `tags` found in the document's preface (or cover page), as text."""
    for part in ("preface", "coverPage"):
        preface = document.find(f"{ns}{part}")
        for tag in tags if preface is not None else ():
            found = preface.find(f".//{ns}{tag}")
            if found is not None and inline_text(found):
                return inline_text(found)[:300]
    return ""


def _content_hash(meta: dict[str, str], provisions: tuple[Provision, ...]) -> str:
    """Identity of a document's content: same work, expression and provisions, same hash.

    Hashing what was read rather than the bytes means re-saving a file with other
    indentation or attribute order is still recognised as the same draft.
    """
    digest = hashlib.sha256()
    for field in (meta["work_uri"], meta["expression_uri"]):
        digest.update(field.encode("utf-8") + b"\x1e")
    for p in provisions:
        parts = [
            p.eid,
            p.kind,
            p.num,
            p.heading,
            p.text,
            *(f"{n.marker}\x1f{n.text}" for n in p.notes),
            *(f"{c.kind}\x1f{c.num}\x1f{c.heading}" for c in p.containers),
            *(f"{line.depth}" for line in p.lines),
            *(f"{m.kind}\x1f{m.offset}\x1f{m.text}\x1f{m.by}" for m in p.marks),
        ]
        digest.update("\x1f".join(parts).encode("utf-8") + b"\x1e")
    return digest.hexdigest()
