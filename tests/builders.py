"""Helpers the tests share: builders of small inputs, and a way under the store's API.

Fixtures live in the `conftest.py` of each folder; plain functions that tests call live
here, so no test module imports another.
"""

from __future__ import annotations

import io
import random
import textwrap
import zipfile
from pathlib import Path

import sqlite_utils
from lxml import etree

from drafts.annotating.annotations import Content, create_annotation, text_target
from drafts.comparing.compare import ProvisionChange, compare
from drafts.comparing.comparisons import Comparison, compare_drafts
from drafts.comparing.diff import (
    EXACT,
    WORD,
)
from drafts.demo import demo_files, import_demo
from drafts.export.docx import W_NS
from drafts.export.model import (
    NEW,
    OLD,
    ExportNote,
    ExportRequest,
    side_text,
    title_text,
)
from drafts.model import Container, Line, Note, Provision, StoredDraft
from drafts.reading.akoma import read_draft
from drafts.store import Store


def raw_database(store: Store) -> sqlite_utils.Database:
    """The store's own connection, for tests that must reach under its API: to inspect
    pragmas and tables, or to damage the file on purpose. The app never does this."""
    return sqlite_utils.Database(store._conn, execute_plugins=False)


# Drafts as Akoma Ntoso -----------------------------------------------------------------


ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "real"


AKN3 = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def akn_document(
    body: str,
    *,
    work: str = "/akn/un/bill/2023/test",
    date: str = "2023-01-16",
    stage: str = "Zero draft",
    symbol: str = "A/AC.1/1",
    preamble: str = "",
    namespace: str = AKN3,
) -> str:
    """A small, valid-looking Akoma Ntoso bill around `body`."""
    preamble_xml = f"<preamble>{preamble}</preamble>" if preamble else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="{namespace}">
  <bill name="test">
    <meta><identification source="#x">
      <FRBRWork><FRBRthis value="{work}/!main"/><FRBRuri value="{work}"/>
        <FRBRdate date="2023-01-01" name="submission"/><FRBRauthor href="#x"/>
        <FRBRcountry value="un"/><FRBRname value="Test convention"/></FRBRWork>
      <FRBRExpression><FRBRthis value="{work}/eng@{date}/!main"/>
        <FRBRuri value="{work}/eng@{date}"/><FRBRdate date="{date}" name="draft"/>
        <FRBRauthor href="#x"/><FRBRlanguage language="eng"/></FRBRExpression>
    </identification></meta>
    <preface><p><docNumber>{symbol}</docNumber></p><p><docStage>{stage}</docStage></p></preface>
    {preamble_xml}
    <body>{body}</body>
  </bill>
</akomaNtoso>"""


def article(n: int, text: str, heading: str = "") -> str:
    return (
        f'<article eId="art_{n}"><num>Article {n}</num><heading>{heading or f"Heading {n}"}'
        f'</heading><paragraph eId="art_{n}__para_1"><content><p>{text}</p></content>'
        f"</paragraph></article>"
    )


# Hostile XML ---------------------------------------------------------------------------


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body>
<article eId="art_1"><num>1</num><content><p>&secret;</p></content></article></body></act>
</akomaNtoso>"""

# Provisions ----------------------------------------------------------------------------


def article_provision(n: int, text: str, heading: str = "", chapter: str = "I") -> Provision:
    return Provision(
        eid=f"art_{n}",
        kind="article",
        num=f"Article {n}",
        heading=heading or f"Heading {n}",
        position=n,
        lines=tuple(Line(f"{k}.", para) for k, para in enumerate(text.split("\n"), start=1)),
        containers=(Container("chapter", chapter, f"Chapter {chapter}"),),
    )


# Comparisons for the export tests ------------------------------------------------------


NASTY = 'Delegation <b>X</b> <script>alert("x")</script> & </w:t></w:r> ]]> “quoted”'
"""Note text that would become markup, script or broken XML if any writer forgot to
escape it."""


def provision(eid: str, num: str, heading: str, text: str, notes: tuple[Note, ...] = ()):
    lines = tuple(Line("", line) for line in text.split("\n"))
    return Provision(eid, "article", num, heading, 0, lines, notes)


def stored(draft_id: int, label: str, date: str) -> StoredDraft:
    return StoredDraft(draft_id, 1, "Test convention", label, date, f"A/{draft_id}", "", 0, "")


def tiny_comparison(old: list[Provision], new: list[Provision]) -> Comparison:
    changes = compare(old, new)
    return Comparison(
        stored(1, "Zero draft", "2023-01-16"), stored(2, "Rev. 1", "2023-06-05"), EXACT,
        tuple(changes),
    )  # fmt: skip


TINY_OLD = [
    provision("art_1", "Article 1", "Scope", "1. This Convention shall apply.\n2. It binds <b>"),
    provision("art_2", "Article 2", "Use of terms", "For the purposes of this Convention:"),
    provision(
        "art_3", "Article 3", "Gone", "This article goes.", (Note("1", "A footnote & more"),)
    ),
]


TINY_NEW = [
    provision("art_1", "Article 1", "Scope <script>", "1. This Convention may apply.\n2. It binds"),
    provision("art_2", "Article 2", "Use of terms", "For the purposes of this Convention:"),
    provision("art_4", "Article 4", "Brand new", "A new article\nin two lines."),
]


def demo_comparison(store: Store) -> Comparison:
    """The demo's first draft against its last: every kind of change."""
    import_demo(store)
    drafts = store.drafts()
    return compare_drafts(store, drafts[0], drafts[-1])


def demo_notes(comparison: Comparison) -> list[ExportNote]:
    """Notes of every kind on the demo comparison: ranged on either side (some crossing
    changes, some ending inside a word), on whole provisions, with awkward text."""
    rng = random.Random(7)
    notes = []
    tags = [("contested", "#E69F00"), ("EU", "#56B4E9"), ("follow-up", "#009E73")]
    for n, change in enumerate(comparison.changes):
        for side, draft, provisions in (
            (OLD, comparison.old, change.old),
            (NEW, comparison.new, change.new),
        ):
            for p in provisions:
                if (n + len(p.eid)) % 3:
                    continue
                start = rng.randrange(max(len(p.text) - 5, 1))
                end = min(len(p.text), start + rng.randrange(1, 120))
                whole = (n + len(side)) % 5 == 0
                notes.append(
                    ExportNote(
                        draft.id,
                        p.eid,
                        None if whole else start,
                        None if whole else end,
                        "",
                        tuple(tags[: 1 + n % 3]),
                        ("open", "contested", "resolved")[n % 3],
                        NASTY if n % 4 == 0 else f"Note {n} on the {side} text,\nsecond line.",
                        "European Union" if n % 2 else "",
                    )
                )
    return notes


def export_words(request: ExportRequest, side: str) -> list[str]:
    """Every word of one side of every exported row, in order: title, text, notes."""
    words = []
    for row in request.rows:
        provisions = row.change.old if side == OLD else row.change.new
        words += WORD.findall(title_text(provisions))
        words += WORD.findall(side_text(row.change, side))
        words += WORD.findall(
            "\n".join(f"{n.marker} {n.text}" for p in provisions for n in p.notes)
        )
    return words


def missing_words(expected: list[str], found: list[str]) -> list[str]:
    """The words of `expected` that are not found, in order, in `found` (empty when
    `expected` is a subsequence of `found`): what an export dropped or reordered."""
    position = 0
    for k, word in enumerate(expected):
        try:
            position = found.index(word, position) + 1
        except ValueError:
            return expected[k : k + 10]
    return []


# Word exports read back as Word applies tracked changes --------------------------------


ACCEPT, REJECT = "accept", "reject"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def body(data: bytes) -> etree._Element:
    return etree.fromstring(parts(data)["word/document.xml"]).find(w("body"))


def run_text(run: etree._Element, mode: str) -> str:
    """A run's text once every change is accepted or rejected."""
    parent = run.getparent().tag
    if (parent == w("ins") and mode == REJECT) or (parent == w("del") and mode == ACCEPT):
        return ""
    tag = "delText" if parent == w("del") else "t"
    return "".join(t.text or "" for t in run.iter(w(tag)))


def mark_removed(paragraph: etree._Element, mode: str) -> bool:
    """Whether the paragraph's own end goes: then it joins the next paragraph."""
    gone = "del" if mode == ACCEPT else "ins"
    return paragraph.find(f"{w('pPr')}/{w('rPr')}/{w(gone)}") is not None


def style(paragraph: etree._Element) -> str:
    found = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    return found.get(w("val")) if found is not None else "Normal"


def applied(data: bytes, mode: str) -> list[tuple[str, str]]:
    """(style, text) of the body's paragraphs with all changes accepted or rejected."""
    out = []
    pending = ""
    for paragraph in body(data).findall(w("p")):
        text = pending + "".join(run_text(r, mode) for r in paragraph.iter(w("r")))
        if mark_removed(paragraph, mode):
            pending = text
            continue
        pending = ""
        out.append((style(paragraph), text))
    return out


# Text as pdftotext prints a draft ------------------------------------------------------


UN_TEXT = "un-cybercrime-convention/United Nations Convention against Cybercrime.txt"


COVER = ["United Nations", "A/AC.291/22", "General Assembly", "Distr.: General", "6 November 2023"]


PARAGRAPHS = [
    "Draft convention on countering the use of information and communications technologies",
    "The States Parties to this Convention,",
    "Concerned that the use of information and communications technologies for criminal "
    "purposes has grown in scale, speed and scope, with serious effects on States and people,",
    "Have agreed as follows:",
    "Chapter I",
    "General provisions",
    "Article 1",
    "Statement of purpose",
    "The purposes of this Convention are to promote and strengthen measures to prevent and "
    "combat cybercrime more efficiently and effectively, and to promote, facilitate and "
    "strengthen international cooperation in preventing and combating cybercrime, and to "
    "support technical assistance and capacity-building for developing countries in particular.",
    "Article 2",
    "Use of terms",
    "For the purposes of this Convention:",
    "(a) “Electronic data” shall mean any representation of facts, information or concepts in "
    "a form suitable for processing in a system, including a program suitable to cause a system "
    "to perform a function;",
    "(b) “Service provider” shall mean any public or private entity that provides to users of "
    "its service the ability to communicate by means of an information and communications "
    "technology system [, or processes data on behalf of such users];",
    "Article 3. Scope of application",
    "1. This Convention shall apply, except as otherwise stated herein, to the prevention, "
    "investigation and prosecution of the offences established in accordance with it.",
    "2. It shall also apply to the collection of evidence in electronic form.",
]


def wrapped_paragraphs() -> list[str]:
    """The paragraphs as pdftotext prints them: wrapped at 78 columns, blank lines between."""
    lines: list[str] = []
    for paragraph in PARAGRAPHS:
        lines += [*textwrap.wrap(paragraph, 78), ""]
    return lines


def paged_text(lines: list[str], per_page: int, form_feeds: bool) -> str:
    """Cut `lines` into pages with a running header, a page number and a job number."""
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    out = []
    for n, page in enumerate(pages, start=1):
        header = COVER if n == 1 else ["A/AC.291/22", ""]
        out.append("\n".join([*header, *page, "", str(n), "V.23-12345"]))
    return ("\n\f" if form_feeds else "\n").join(out) + "\n"


# Annotations on a stored draft ----------------------------------------------------------


def draft(store: Store, label: str) -> StoredDraft:
    return store.find_draft(label)


def text_of(store: Store, d: StoredDraft, eid: str) -> str:
    return next(p.text for p in store.provisions(d.id) if p.eid == eid)


def annotate(store: Store, d: StoredDraft, eid: str, phrase: str, **content: object) -> int:
    start = text_of(store, d, eid).index(phrase)
    target = text_target(store, d.id, eid, start, start + len(phrase))
    return create_annotation(store, target, Content(**content))  # type: ignore[arg-type]


# Changes for the window tests ------------------------------------------------------------


def titled_provision(num: str, heading: str, text: str, notes: tuple[Note, ...] = ()) -> Provision:
    lines = tuple(Line("", paragraph) for paragraph in text.split("\n"))
    eid = num.lower().replace(" ", "_")
    return Provision(eid, "article", num, heading, 0, lines, notes)


def demo_changes() -> list[ProvisionChange]:
    files = demo_files()
    return compare(read_draft(files[0]).provisions, read_draft(files[-1]).provisions)


# Database files as the world leaves them ----------------------------------------------


def damage_table(path: Path, table: str) -> None:
    """Scribble over the root page of `table`, behind an intact header and schema: what
    a bad sector or a half-copied file does to one table. The file must be closed."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        size, root = conn.execute(
            "SELECT (SELECT page_size FROM pragma_page_size), rootpage FROM sqlite_master "
            "WHERE name = ?",
            [table],
        ).fetchone()
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * size
    data[start + 8 : start + size - 8] = b"\x5a" * (size - 16)
    path.write_bytes(bytes(data))
