"""Hypothesis strategies for hostile input: Word packages, XML, text and annotation files.

Each strategy builds what an attacker or an unlucky user could hand Travaux: files
that are almost right (a numbering part with a level of "x", an XML declaration that
lies about its encoding, a JSON file nested a hundred thousand deep), in the shapes the
hardening issue (18) found, and around them. `FUZZ` is the settings every fuzz test
runs under: a bounded, reproducible run in CI, a long random one on demand with
`TRAVAUX_FUZZ_EXAMPLES=5000`.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import warnings
import zipfile
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.builders import AKN3, akn_document
from tests.docx_builder import STYLES, W, build, dele, ins, note, p, struck

EXAMPLES = int(os.environ.get("TRAVAUX_FUZZ_EXAMPLES") or 0)
settings.register_profile(
    "travaux-fuzz-ci",
    max_examples=40,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI never flickers
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "travaux-fuzz-long",
    parent=settings.get_profile("travaux-fuzz-ci"),
    max_examples=max(EXAMPLES, 1),
    derandomize=False,
    print_blob=True,  # a failure prints the line that reproduces it
)
FUZZ = settings.get_profile("travaux-fuzz-long" if EXAMPLES else "travaux-fuzz-ci")

# Strings -------------------------------------------------------------------------------

XML_TEXT = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"),
    max_size=30,
)
"""Any text XML 1.0 can hold."""
ODD_NUMBERS = st.sampled_from(
    ["", " 1", "9" * 5000, str(10**12), str(2 * 10**9), str(2**63), str(2**64)]
) | st.sampled_from("x -1 0 ² ²³ ٣ 12 10 9 8 1.5 0x10 +3 32767 32768 -32769".split())
"""Numbers as hostile files write them: superscripts, other scripts' digits, thousands
of digits, past Word's and SQLite's ranges."""
ODD_VALUES = st.one_of(ODD_NUMBERS, st.integers(-(10**13), 10**13).map(str), XML_TEXT)
SYMBOL_CODES = st.one_of(
    st.sampled_from(["FFFFFFFF", "-1", "D800", "DFFF", "FDD0", "FDEF", "FFFE", "F0A7", "0041"]),
    st.sampled_from(["0000", "0009", "000A", "001F", "20AC", "zz", "", "1F600"]),
    st.integers(0, 0xFFFF).map(lambda n: f"{n:04X}"),
)
LINES = st.one_of(
    st.sampled_from(["Article 1", "Article 1. Scope", "Article ²", "ARTICLE IV", "Annex"]),
    st.sampled_from(["Article " + "9" * 5000, "9" * 5000, "Part " + "9" * 30, "\f", "- 3 -"]),
    st.sampled_from(["Chapter I", "Chapter ²", "(a)", "(i)", "1.", "²", "Page 2 of 9", "§ 3a"]),
    st.sampled_from(["A/AC.291/22", "6 November 2023", "........ 12", "المادة ١", "Статья 5"]),
    XML_TEXT,
    ODD_NUMBERS.map(lambda n: f"Article {n}"),
    ODD_NUMBERS.map(lambda n: f"({n}) text"),
)
"""Lines of a draft: headings and numbers, sound and odd, page furniture, plain text."""

# Word packages -------------------------------------------------------------------------

_FORMATS = ["decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman", "bullet"]
_FORMATS += ["none", "decimalZero", "ordinal", "cardinalText", "bogus", ""]


@st.composite
def numbering_parts(draw: st.DrawFn) -> str:
    """A numbering part whose levels, starts, formats and overrides may be anything."""
    levels = draw(
        st.lists(
            st.tuples(
                ODD_VALUES | st.integers(0, 8).map(str),
                ODD_VALUES | st.integers(0, 40).map(str),
                st.sampled_from(_FORMATS),
                st.sampled_from(["%1.", "(%2)", "Article %1", "%9", "%0", "%1.%2.%3"]) | XML_TEXT,
            ),
            max_size=4,
        )
    )
    lvl = "".join(
        f"<w:lvl w:ilvl={quoteattr(i)}><w:start w:val={quoteattr(s)}/>"
        f"<w:numFmt w:val={quoteattr(f)}/><w:lvlText w:val={quoteattr(t)}/></w:lvl>"
        for i, s, f, t in levels
    )
    override = draw(st.none() | st.tuples(ODD_VALUES, ODD_VALUES))
    over = (
        f"<w:lvlOverride w:ilvl={quoteattr(override[0])}>"
        f"<w:startOverride w:val={quoteattr(override[1])}/></w:lvlOverride>"
        if override
        else ""
    )
    return (
        f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="10">{lvl}</w:abstractNum>'
        f'<w:num w:numId="1"><w:abstractNumId w:val="10"/>{over}</w:num></w:numbering>'
    )


def _run(draw: st.DrawFn) -> str:
    text = draw(LINES)
    kind = draw(st.sampled_from(["text", "sym", "ins", "del", "struck", "note", "br", "tab"]))
    if kind == "sym":
        return f'<w:r><w:sym w:font="Symbol" w:char={quoteattr(draw(SYMBOL_CODES))}/></w:r>'
    if kind == "note":
        return note(draw(st.integers(-2, 5)))
    if kind in ("br", "tab"):
        return f"<w:r><w:{kind}/></w:r>"
    return {"ins": ins, "del": dele, "struck": struck}.get(kind, lambda t: t)(text)


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    style = draw(st.sampled_from(["", "Heading1", "Heading2", "Title", "ArticleNumbered", "X"]))
    numbered = draw(st.none() | st.tuples(st.sampled_from(["1", "0", "7"]), ODD_VALUES))
    runs = [_run(draw) for _ in range(draw(st.integers(1, 4)))]
    paragraph = p(*runs, style=style)
    if numbered:
        num = f"<w:numPr><w:ilvl w:val={quoteattr(numbered[1])}/>"
        num += f"<w:numId w:val={quoteattr(numbered[0])}/></w:numPr>"
        paragraph = paragraph.replace("<w:pPr>", f"<w:pPr>{num}", 1)
    if draw(st.booleans()):
        outline = f"<w:outlineLvl w:val={quoteattr(draw(ODD_VALUES))}/>"
        paragraph = paragraph.replace("<w:pPr>", f"<w:pPr>{outline}", 1)
    return paragraph


@st.composite
def word_packages(draw: st.DrawFn) -> bytes:
    """A .docx of odd paragraphs and numbering, its package then perhaps damaged."""
    body = draw(st.lists(paragraphs(), min_size=1, max_size=6))
    notes = draw(st.dictionaries(st.integers(1, 3), XML_TEXT.map(escape), max_size=2))
    styles = STYLES.replace('w:val="0"', f"w:val={quoteattr(draw(ODD_VALUES))}", 1)
    data = build(body, notes, styles=styles, numbering=draw(numbering_parts()))
    return draw(_damaged_package(data))


def _rebuilt(data: bytes, compression: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(buffer, "w", compression) as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info))
    return buffer.getvalue()


@st.composite
def _damaged_package(draw: st.DrawFn, data: bytes) -> bytes:
    damage = draw(st.sampled_from("none none twice drop garble flip cut recompress".split()))
    if damage == "recompress":  # bzip2 and LZMA fail otherwise than deflate when damaged
        data = _rebuilt(data, draw(st.sampled_from([zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])))
        damage = "flip"
    if damage == "flip":
        at = draw(st.integers(0, len(data) - 1))
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    if damage == "cut":
        return data[: draw(st.integers(0, len(data) - 1))]
    if damage == "none":
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    name = draw(st.sampled_from(sorted(parts)))
    if damage == "drop":
        del parts[name]
    elif damage == "garble":
        parts[name] = draw(st.binary(max_size=64) | st.sampled_from([b"\0<a/>", b"<a>&x;</a>"]))
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore", UserWarning)  # the duplicate name is the point
        for part, content in parts.items():
            archive.writestr(part, content)
        if damage == "twice":
            archive.writestr(name, parts[name])
    return buffer.getvalue()


# Akoma Ntoso ---------------------------------------------------------------------------


@st.composite
def akoma_ntoso(draw: st.DrawFn) -> bytes:
    """Akoma Ntoso around odd articles, then perhaps re-encoded, cut or given a DOCTYPE."""
    articles = draw(
        st.lists(st.tuples(ODD_VALUES, LINES, XML_TEXT), min_size=1, max_size=4, unique_by=str)
    )
    body = "".join(
        f"<article eId={quoteattr('art_' + n)}><num>{escape('Article ' + n)}</num>"
        f"<heading>{escape(h)}</heading><content><p>{escape(t)}</p></content></article>"
        for n, h, t in articles
    )
    namespace = draw(st.sampled_from([AKN3, AKN3, "http://www.akomantoso.org/2.0", "urn:x", ""]))
    text = akn_document(body, namespace=namespace, date=draw(st.sampled_from(_DATES)))
    return draw(_damaged_xml(text))


_DATES = ["2023-01-16", "2024-02-30", "2024-13-45", "0000-00-00", "9999-12-31", "x"]


@st.composite
def _damaged_xml(draw: st.DrawFn, text: str) -> bytes:
    damage = draw(
        st.sampled_from(
            [
                "none",
                "nul",
                "bom",
                "utf16",
                "utf16-no-bom",
                "declares-utf16",
                "latin1",
                "doctype",
                "entity",
                "cut",
                "byte",
                "prefix",
            ]
        )
    )
    data = text.encode("utf-8")
    declaration = '<?xml version="1.0" encoding="UTF-8"?>'
    if damage == "nul":
        return b"\0" * draw(st.integers(1, 8)) + data
    if damage == "bom":
        return codecs.BOM_UTF8 + data
    if damage in ("utf16", "utf16-no-bom"):
        wide = text.replace(declaration, '<?xml version="1.0" encoding="UTF-16"?>')
        return wide.encode("utf-16" if damage == "utf16" else "utf-16-le")
    if damage == "declares-utf16":
        return data.replace(b'encoding="UTF-8"', b'encoding="UTF-16"')
    if damage == "latin1":
        return text.encode("latin-1", errors="replace")
    if damage == "doctype":
        entity = draw(st.sampled_from(['SYSTEM "file:///etc/passwd"', '"x"', 'SYSTEM "http://x"']))
        return data.replace(b"?>", f"?><!DOCTYPE a [<!ENTITY e {entity}>]>".encode(), 1)
    if damage == "entity":
        reference = draw(st.sampled_from(["&e;", "&#0;", "&#xD800;", "&#x110000;", "&amp;"]))
        return data.replace(b"<p>", f"<p>{reference}".encode(), 1)
    if damage == "cut":
        return data[: draw(st.integers(0, len(data) - 1))]
    if damage == "byte":
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.binary(min_size=1, max_size=3)) + data[at:]
    if damage == "prefix":
        return data.replace(b"<akomaNtoso xmlns=", b"<a:akomaNtoso xmlns:a=", 1)
    return data


# Text and Markdown ---------------------------------------------------------------------

_MARKUP = st.sampled_from(
    ["# ", "## ", "* ", "> ", "1. ", "| ", "```\n", "---\n", "=====\n", ".. note:: ", "**"]
)


@st.composite
def text_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """(suffix, bytes) of a text, Markdown or reStructuredText draft, sound or odd."""
    suffix = draw(st.sampled_from([".txt", ".md", ".rst"]))
    lines = draw(st.lists(st.tuples(st.just("") | st.just("") | _MARKUP, LINES), max_size=12))
    if draw(st.booleans()):
        lines.insert(0, ("", "Article 1"))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r", "\n\n"]))
    text = newline.join(mark + line for mark, line in lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-32"]))
    data = text.encode(encoding)
    damage = draw(st.sampled_from(["none", "none", "nul", "latin1", "bytes"]))
    if damage == "nul":
        data = b"\0" + data
    elif damage == "latin1":
        data = text.encode("latin-1", errors="replace")
    elif damage == "bytes":
        data = draw(st.binary(min_size=1, max_size=64))
    return suffix, data


# Annotation files ----------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(
        ["\ud800", "x\udfff", "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-14:00"]
    )
    | st.sampled_from(["Annotation", "TextualBody", "tagging", "commenting", "#12345G", "#FFFFFF"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _places(node: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a JSON document, so one can be replaced."""
    found: list[tuple[Any, Any]] = []
    keys = (
        node.keys()
        if isinstance(node, dict)
        else range(len(node))
        if isinstance(node, list)
        else ()
    )
    for key in keys:
        found.append((node, key))
        found.extend(_places(node[key]))
    return found


@st.composite
def annotation_files(draw: st.DrawFn, base: dict[str, Any]) -> bytes:
    """An exported annotation file (`base`) with one value replaced by anything, or
    written as a hostile file: deep, of huge numbers, with a BOM, cut short."""
    doc = json.loads(json.dumps(base))
    for _ in range(draw(st.integers(0, 3))):
        container, key = draw(st.sampled_from(_places(doc)))
        container[key] = draw(JSON_VALUES)
    text = json.dumps(doc, ensure_ascii=draw(st.booleans()) or _has_surrogate(doc))
    form = draw(st.sampled_from(["json", "json", "bom", "utf16", "deep", "digits", "cut"]))
    if form == "deep":
        depth = draw(st.integers(500, 200_000))
        text = "[" * depth + text + "]" * depth
    elif form == "digits":
        text = text.replace("0", "9" * draw(st.integers(18, 6000)), 1)
    elif form == "cut":
        text = text[: draw(st.integers(0, len(text)))]
    if form == "utf16":
        return text.encode("utf-16")
    return (codecs.BOM_UTF8 if form == "bom" else b"") + text.encode("utf-8")


def _has_surrogate(doc: Any) -> bool:
    try:
        json.dumps(doc, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# Command lines -------------------------------------------------------------------------

NAMES = st.one_of(
    st.sampled_from(["1", "2", "0", "-1", ""]),
    st.sampled_from(["²", "٣", str(2**63), str(2**64), "9" * 5000]),  # not ints to int()
    st.sampled_from(["Zero draft", "zero DRAFT", "Revised", " ", "%", "_", "'", '"', "art_1"]),
    st.sampled_from(["Article 1", "A/AC.1/1", "\udcff", "x\ud800", "-", "--json"]),
    st.text(max_size=10),
)
"""Draft, provision and tag names as a user (or a script gone wrong) may type them;
"\\udcff" is how Python hands over a byte of an argument that is not UTF-8."""
QUERIES = NAMES | st.sampled_from(['"', "NEAR(a b, 5)", "*", "a OR", "^x", "a AND NOT", "(("])
DATES = st.sampled_from(["2024-13-45", "2024-02-30", "0000-00-00", "9999-12-31", "2024-1-1"])


@st.composite
def command_lines(draw: st.DrawFn, folder: str) -> list[str]:
    """An argument list for `main.main` (never none: that opens the window; never a PDF:
    that needs Qt), every file it names inside `folder`; "fresh.xml" and "fresh.txt" are
    drafts not yet imported, which the test writes anew for each command line."""
    out = draw(
        st.sampled_from(["out.html", "out.csv", "out.docx", "out.json", "out.xml", "a.xml"])
        | st.sampled_from(["missing/out.html", "new\nline.html", ".", "/", "x" * 300 + ".html"])
    )
    output = ["-o", f"{folder}/{out}"]
    source = draw(
        st.sampled_from(["fresh.xml", "fresh.txt", "a.xml", "missing.xml", "", ".", "fuzz.sqlite3"])
    )
    path = f"{folder}/{source}"
    name, other = draw(NAMES), draw(NAMES)
    flags = draw(st.lists(st.sampled_from(["--json", "--changed-only", "--blame"]), max_size=2))
    command = draw(
        st.sampled_from(
            "drafts compare history search export import convert annotations-export "
            "annotations-import draft-edit draft-move draft-delete synopsis check".split()
        )
    )
    if command == "compare":
        return ["compare", name, other, *flags]
    if command == "history":
        return ["history", name, "--from-draft", other, *flags]
    if command == "search":
        return ["search", draw(QUERIES), "--provision", name, *flags]
    if command == "export":
        form = draw(st.sampled_from(["html", "csv", "docx"]))
        return ["export", name, other, "--format", form, *output, "--tag", draw(NAMES)]
    if command == "import":
        return ["import", path, "--label", name, "--date", draw(DATES), "--negotiation", other]
    if command == "convert":
        return ["convert", path, *output, "--date", draw(DATES)]
    if command == "annotations-export":
        return ["annotations", "export", "--draft", name, "--tag", other, *output]
    if command == "annotations-import":
        return ["annotations", "import", path]
    if command == "draft-edit":
        return ["draft", "edit", name, "--label", other, "--date", draw(DATES)]
    if command == "draft-move":
        return ["draft", "move", name, "--negotiation", other]
    if command == "draft-delete":
        return ["draft", "delete", name, *draw(st.sampled_from([[], ["--with-annotations"]]))]
    if command == "synopsis":
        form = draw(st.sampled_from(["html", "docx"]))
        return ["synopsis", name, other, "--format", form, *output]
    if command == "check":
        return ["check"]
    return ["drafts", *flags[:1]]


# PDF -----------------------------------------------------------------------------------


@st.composite
def pdf_files(draw: st.DrawFn) -> bytes:
    """A PDF of odd lines (printed by Qt, as tests/pdf_builder does), perhaps damaged:
    a byte flipped, bytes inserted, or cut short."""
    from tests.pdf_builder import build_pdf  # Qt only for the PDF strategy

    lines = draw(st.lists(LINES.map(escape), min_size=1, max_size=6))
    data = build_pdf(["Article 1. Scope", *lines])
    damage = draw(st.sampled_from(["none", "flip", "insert", "cut"]))
    at = draw(st.integers(0, len(data) - 1))
    if damage == "flip":
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    if damage == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    return data[:at] if damage == "cut" else data
