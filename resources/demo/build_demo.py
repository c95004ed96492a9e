"""Build the Travaux demo dossier: five drafts of a fictional UN treaty negotiation.

Run ``python3 resources/demo/build_demo.py``. It writes, next to this file, five
Akoma Ntoso 3.0 documents (zero draft to final text) and ``lineage.json``, the
ground truth of how every provision maps from one draft to the next.

The treaty text is data, kept in the ``demo_text_*.py`` modules beside this one.
Each article there has a stable key, a text per draft (later drafts override
earlier ones, or apply small ``(old, new)`` edits, or ``(old, new, "all")`` for a
wording harmonized throughout an article), and optional heading changes,
chapter moves, splits and merges. Article numbers, chapter numerals and eIds are
derived here from the order of articles in each draft, so renumbering follows
automatically. Output is deterministic: two runs give identical bytes.

Body mark-up used in the text modules, one block per line:
``1. text`` numbered paragraph; ``(a) text`` point; an indented ``(i) text``
sub-point; ``= text`` closing words after the points; ``+ text`` or
``Option 1: text`` a further ``<p>`` in the current block; any other line an
unnumbered paragraph. Inline: ``*italic*`` and ``{art:key}`` (the number of the
article with that key in the same draft). Footnotes are attached per draft
through the ``notes`` field and rendered as ``authorialNote``.
"""
from __future__ import annotations

import json
import re
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import demo_text_cooperation  # noqa: E402
import demo_text_final  # noqa: E402
import demo_text_general  # noqa: E402
import demo_text_procedure  # noqa: E402

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
TITLE = ("Draft United Nations Convention on Countering the Use of Information "
         "and Communications Technologies for Criminal Purposes")
WORK = "/akn/un/bill/2023/ict-crime-convention"
WORK_DATE = "2023-01-16"
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
CHAPTERS = [
    ("I", "General provisions"),
    ("II", "Criminalization"),
    ("III", "Jurisdiction"),
    ("IV", "Procedural measures and law enforcement"),
    ("V", "International cooperation"),
    ("VI", "Preventive measures"),
    ("VII", "Technical assistance and information exchange"),
    ("VIII", "Mechanism of implementation"),
    ("IX", "Final provisions"),
]
CHAPTER_RANK = {numeral: rank for rank, (numeral, _) in enumerate(CHAPTERS)}


@dataclass(frozen=True)
class Draft:
    """One stage of the negotiation and the file it is written to."""

    index: int
    file: str
    label: str
    date: str
    symbol: str

    @property
    def long_date(self) -> str:
        year, month, day = (int(part) for part in self.date.split("-"))
        return f"{day} {MONTHS[month - 1]} {year}"


DRAFTS = [
    Draft(1, "01-zero-draft.xml", "Zero draft", "2023-01-16", "A/AC.305/7"),
    Draft(2, "02-first-revised-draft.xml", "First revised draft",
          "2023-06-05", "A/AC.305/7/Rev.1"),
    Draft(3, "03-second-revised-draft.xml", "Second revised draft",
          "2023-11-06", "A/AC.305/7/Rev.2"),
    Draft(4, "04-further-revised-draft.xml", "Further revised draft",
          "2024-05-23", "A/AC.305/7/Rev.3"),
    Draft(5, "05-final-text.xml", "Final text agreed ad referendum",
          "2024-08-08", "A/AC.305/L.9"),
]
LAST = len(DRAFTS)


# --------------------------------------------------------------------------
# Article specifications and their text in a given draft
# --------------------------------------------------------------------------

@dataclass
class Spec:
    """An article (or the preamble) as written across the drafts."""

    key: str
    index: int
    chapter: str
    heading: str
    text: dict[int, str]
    edits: dict[int, list[tuple[str, ...]]] = field(default_factory=dict)
    headings: dict[int, str] = field(default_factory=dict)
    moves: dict[int, str] = field(default_factory=dict)
    anchor: dict[int, str] = field(default_factory=dict)
    notes: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    last: int = LAST
    origin: dict | None = None

    @property
    def first(self) -> int:
        return min(self.text)

    def present(self, draft: int) -> bool:
        return self.first <= draft <= self.last


def latest(overrides: dict[int, str], draft: int, default: str) -> str:
    """The value of the most recent override at or before ``draft``."""
    found = [step for step in overrides if step <= draft]
    return overrides[max(found)] if found else default


def replace_once(text: str, old: str, new: str, where: str) -> str:
    """Replace ``old`` by ``new``; ``old`` must occur exactly once."""
    count = text.count(old)
    if count != 1:
        raise ValueError(f"{where}: {old!r} occurs {count} times")
    return text.replace(old, new)


def apply_edit(text: str, edit: tuple, where: str) -> str:
    """Apply ``(old, new)`` once, or ``(old, new, "all")`` everywhere (>= 1)."""
    old, new, *mode = edit
    if mode == ["all"]:
        if old not in text:
            raise ValueError(f"{where}: {old!r} not found")
        return text.replace(old, new)
    return replace_once(text, old, new, where)


def body_at(spec: Spec, draft: int) -> str:
    """The body mark-up of ``spec`` in ``draft``, without footnotes."""
    body = ""
    for step in range(spec.first, draft + 1):
        if step in spec.text:
            body = textwrap.dedent(spec.text[step]).strip("\n")
        for edit in spec.edits.get(step, []):
            body = apply_edit(body, edit, f"{spec.key}@{step}")
    return body


def annotated_body(spec: Spec, draft: int) -> str:
    """The body mark-up with this draft's footnotes inserted as ``{fn:...}``."""
    body = body_at(spec, draft)
    for anchor, note in spec.notes.get(draft, []):
        body = replace_once(body, anchor, anchor + "{fn:" + note + "}",
                            f"{spec.key}@{draft} note")
    return body


def load_specs() -> tuple[Spec, list[Spec]]:
    """The preamble and all articles, in their global (source) order."""
    modules = [demo_text_general, demo_text_procedure,
               demo_text_cooperation, demo_text_final]
    rows = [row for module in modules for row in module.ARTICLES]
    articles = [Spec(index=i, **row) for i, row in enumerate(rows)]
    keys = [spec.key for spec in articles]
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate article keys")
    preamble = Spec(index=-1, **demo_text_general.PREAMBLE)
    return preamble, articles


# --------------------------------------------------------------------------
# Layout of one draft: chapters, order and numbers
# --------------------------------------------------------------------------

@dataclass
class Layout:
    """Which articles a draft has, in which chapter and under which number."""

    draft: int
    chapters: list[tuple[str, list[Spec]]]
    numbers: dict[str, int]
    chapter_of: dict[str, str]

    def eid(self, key: str) -> str:
        return "preamble" if key == "preamble" else f"art_{self.numbers[key]}"


def position(spec: Spec, draft: int, by_key: dict[str, Spec]) -> float:
    """Sort position of an article; an anchor places it after another one."""
    anchor = latest(spec.anchor, draft, "")
    if not anchor:
        return float(spec.index)
    return by_key[anchor].index + 0.5 + spec.index / 100000


def make_layout(articles: list[Spec], draft: int) -> Layout:
    by_key = {spec.key: spec for spec in articles}
    present = [spec for spec in articles if spec.present(draft)]
    chapter_of = {s.key: latest(s.moves, draft, s.chapter) for s in present}
    ordered = sorted(present, key=lambda s: (CHAPTER_RANK[chapter_of[s.key]],
                                             position(s, draft, by_key)))
    numbers = {spec.key: n for n, spec in enumerate(ordered, start=1)}
    chapters = [(numeral, [s for s in ordered if chapter_of[s.key] == numeral])
                for numeral, _ in CHAPTERS]
    return Layout(draft, chapters, numbers, chapter_of)


# --------------------------------------------------------------------------
# Parsing the body mark-up into paragraphs and points
# --------------------------------------------------------------------------

PARA_RE = re.compile(r"(\d+)\.\s+(.*)")
POINT_RE = re.compile(r"\(([a-z]+)\)\s+(.*)")
OPTION_RE = re.compile(r"Option (\d+):\s*(.*)")
REF_RE = re.compile(r"\{art:([a-z0-9_]+)\}")
NOTE_RE = re.compile(r"\{fn:([^{}]*)\}")
ITALIC_RE = re.compile(r"\*([^*]+)\*")


@dataclass
class Block:
    """A paragraph, point or sub-point: label, own text, children, wrap-up."""

    label: str | None
    texts: list[str]
    children: list[Block] = field(default_factory=list)
    wrap: list[str] = field(default_factory=list)


def open_block(paras: list[Block]) -> Block:
    """The innermost block that a continuation line belongs to."""
    block = paras[-1]
    while block.children:
        block = block.children[-1]
    return block


def mark_option(text: str) -> str:
    """Italicize a leading "Option N:" label."""
    return OPTION_RE.sub(r"*Option \1:* \2", text, count=1)


def parse_line(paras: list[Block], raw: str, where: str) -> None:
    line = raw.strip()
    if OPTION_RE.match(line):
        line = "+ " + mark_option(line)
    if raw[0].isspace():
        match = POINT_RE.match(line)
        if not match or not paras or not paras[-1].children:
            raise ValueError(f"{where}: bad sub-point {line!r}")
        sub = Block(f"({match.group(1)})", [match.group(2)])
        paras[-1].children[-1].children.append(sub)
    elif match := PARA_RE.match(line):
        paras.append(Block(f"{match.group(1)}.", [mark_option(match.group(2))]))
    elif match := POINT_RE.match(line):
        if not paras:
            raise ValueError(f"{where}: point before any paragraph")
        paras[-1].children.append(Block(f"({match.group(1)})", [match.group(2)]))
    elif line.startswith("= "):
        paras[-1].wrap.append(line[2:])
    elif line.startswith("+ "):
        if paras:
            open_block(paras).texts.append(line[2:])
        else:
            paras.append(Block(None, [line[2:]]))
    else:
        paras.append(Block(None, [line]))


def parse_body(body: str, where: str) -> list[Block]:
    paras: list[Block] = []
    for raw in body.splitlines():
        if raw.strip():
            parse_line(paras, raw, where)
    numbered = {para.label is not None for para in paras}
    if len(numbered) > 1:
        raise ValueError(f"{where}: mixes numbered and unnumbered paragraphs")
    return paras


# --------------------------------------------------------------------------
# Rendering XML
# --------------------------------------------------------------------------

def attr(value: str) -> str:
    return '"' + escape(value, {'"': "&quot;"}) + '"'


@dataclass
class Context:
    """Rendering state for one draft: article numbers and footnote counter."""

    layout: Layout
    notes: int = 0


def resolve_refs(text: str, layout: Layout, where: str) -> str:
    def number(match: re.Match) -> str:
        key = match.group(1)
        if key not in layout.numbers:
            raise ValueError(f"{where}: reference to absent article {key}")
        return str(layout.numbers[key])
    return REF_RE.sub(number, text)


def plain(text: str) -> str:
    return ITALIC_RE.sub(r"<i>\1</i>", escape(text))


def inline(text: str, ctx: Context, prefix: str) -> str:
    """Inline XML for one ``<p>``: italics and footnotes."""
    out, pos = [], 0
    for match in NOTE_RE.finditer(text):
        ctx.notes += 1
        note = (f'<authorialNote marker="{ctx.notes}" placement="bottom" '
                f'eId="{prefix}__authorialNote_{ctx.notes}">'
                f"<p>{plain(match.group(1))}</p></authorialNote>")
        out += [plain(text[pos:match.start()]), note]
        pos = match.end()
    out.append(plain(text[pos:]))
    return "".join(out)


def ps(texts: list[str], ctx: Context, prefix: str, pad: str) -> list[str]:
    return [f"{pad}<p>{inline(t, ctx, prefix)}</p>" for t in texts]


def render_block(block: Block, tag: str, eid: str, ctx: Context,
                 prefix: str, pad: str) -> list[str]:
    lines = [f"{pad}<{tag} eId={attr(eid)}>"]
    inner = pad + "  "
    if block.label:
        lines.append(f"{inner}<num>{escape(block.label)}</num>")
    if not block.children:
        lines.append(f"{inner}<content>")
        lines += ps(block.texts, ctx, prefix, inner + "  ")
        lines.append(f"{inner}</content>")
    else:
        lines.append(f"{inner}<intro>")
        lines += ps(block.texts, ctx, prefix, inner + "  ")
        lines.append(f"{inner}</intro>")
        for child in block.children:
            child_eid = f"{eid}__point_{child.label.strip('()')}"
            lines += render_block(child, "point", child_eid, ctx, prefix, inner)
        if block.wrap:
            lines.append(f"{inner}<wrapUp>")
            lines += ps(block.wrap, ctx, prefix, inner + "  ")
            lines.append(f"{inner}</wrapUp>")
    lines.append(f"{pad}</{tag}>")
    return lines


def render_article(spec: Spec, ctx: Context, pad: str) -> list[str]:
    draft = ctx.layout.draft
    eid = ctx.layout.eid(spec.key)
    where = f"{spec.key}@{draft}"
    body = resolve_refs(annotated_body(spec, draft), ctx.layout, where)
    heading = latest(spec.headings, draft, spec.heading)
    lines = [f"{pad}<article eId={attr(eid)}>",
             f"{pad}  <num>Article {ctx.layout.numbers[spec.key]}</num>",
             f"{pad}  <heading>{plain(heading)}</heading>"]
    for n, para in enumerate(parse_body(body, where), start=1):
        label = para.label.rstrip(".") if para.label else str(n)
        lines += render_block(para, "paragraph", f"{eid}__para_{label}",
                              ctx, eid, pad + "  ")
    lines.append(f"{pad}</article>")
    return lines


def render_preamble(preamble: Spec, ctx: Context) -> list[str]:
    body = annotated_body(preamble, ctx.layout.draft)
    lines = ['    <preamble eId="preamble">',
             "      <p>The States Parties to this Convention,</p>",
             '      <recitals eId="preamble__recitals">']
    for n, text in enumerate(body.splitlines(), start=1):
        lines.append(f'        <recital eId="preamble__recital_{n}">'
                     f"<p>{inline(text.strip(), ctx, 'preamble')}</p></recital>")
    lines += ["      </recitals>",
              '      <formula name="enactingFormula"><p>Have agreed as follows:'
              "</p></formula>",
              "    </preamble>"]
    return lines


def render_body(ctx: Context) -> list[str]:
    lines = ["    <body>"]
    titles = dict(CHAPTERS)
    for numeral, specs in ctx.layout.chapters:
        lines += [f'      <chapter eId="chp_{numeral}">',
                  f"        <num>Chapter {numeral}</num>",
                  f"        <heading>{escape(titles[numeral])}</heading>"]
        for spec in specs:
            lines += render_article(spec, ctx, "        ")
        lines.append("      </chapter>")
    lines.append("    </body>")
    return lines


def render_meta(draft: Draft) -> list[str]:
    expr = f"{WORK}/eng@{draft.date}"
    return [
        "    <meta>",
        '      <identification source="#adhoc">',
        "        <FRBRWork>",
        f'          <FRBRthis value="{WORK}/!main"/>',
        f'          <FRBRuri value="{WORK}"/>',
        f'          <FRBRdate date="{WORK_DATE}" name="submission"/>',
        '          <FRBRauthor href="#adhoc"/>',
        '          <FRBRcountry value="un"/>',
        f"          <FRBRname value={attr(TITLE)}/>",
        "        </FRBRWork>",
        "        <FRBRExpression>",
        f'          <FRBRthis value="{expr}/!main"/>',
        f'          <FRBRuri value="{expr}"/>',
        f"          <FRBRalias value={attr(draft.symbol)} name=\"symbol\"/>",
        f"          <FRBRdate date=\"{draft.date}\" name={attr(draft.label)}/>",
        '          <FRBRauthor href="#adhoc"/>',
        '          <FRBRlanguage language="eng"/>',
        "        </FRBRExpression>",
        "        <FRBRManifestation>",
        f'          <FRBRthis value="{expr}/!main.xml"/>',
        f'          <FRBRuri value="{expr}.xml"/>',
        f'          <FRBRdate date="{draft.date}" name="generation"/>',
        '          <FRBRauthor href="#adhoc"/>',
        "        </FRBRManifestation>",
        "      </identification>",
        '      <references source="#adhoc">',
        '        <TLCOrganization eId="adhoc" href="/ontology/organization/un/'
        'adHocCommittee" showAs="Ad Hoc Committee"/>',
        "      </references>",
        "    </meta>",
    ]


def render_preface(draft: Draft) -> list[str]:
    return [
        "    <preface>",
        f"      <longTitle><p>{escape(TITLE)}</p></longTitle>",
        f"      <p><docNumber>{escape(draft.symbol)}</docNumber></p>",
        f"      <p><docStage>{escape(draft.label)}</docStage>, "
        f'<docDate date="{draft.date}">{draft.long_date}</docDate></p>',
        "    </preface>",
    ]


def render_draft(draft: Draft, preamble: Spec, layout: Layout) -> str:
    ctx = Context(layout)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<akomaNtoso xmlns="{AKN_NS}">',
             '  <bill name="draftConvention">']
    lines += render_meta(draft) + render_preface(draft)
    lines += render_preamble(preamble, ctx) + render_body(ctx)
    lines += ["  </bill>", "</akomaNtoso>"]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Lineage: how each provision maps from one draft to the next
# --------------------------------------------------------------------------

def signature(spec: Spec, layout: Layout) -> str:
    """What 'same text' compares: heading, body, footnotes, resolved refs."""
    draft = layout.draft
    body = resolve_refs(annotated_body(spec, draft), layout, spec.key)
    return latest(spec.headings, draft, spec.heading) + "\n" + body


def entry(old: Layout, new: Layout, src: list[str], dst: list[str],
          kind: str, key: str) -> dict:
    return {"from": [old.eid(k) for k in src], "to": [new.eid(k) for k in dst],
            "kind": kind, "key": key}


def pair_kind(spec: Spec, old: Layout, new: Layout) -> str:
    if old.chapter_of[spec.key] != new.chapter_of[spec.key]:
        return "moved"
    if signature(spec, old) != signature(spec, new):
        return "modified"
    if old.numbers[spec.key] != new.numbers[spec.key]:
        return "renumbered"
    return "unchanged"


def group_entries(articles: list[Spec], old: Layout, new: Layout
                  ) -> tuple[list[dict], set[str], set[str]]:
    """Split and merge entries created in ``new``, and the keys they use."""
    entries, used_old, used_new = [], set(), set()
    splits: dict[str, list[str]] = {}
    for spec in articles:
        origin = spec.origin or {}
        if origin.get("draft") != new.draft:
            continue
        if "split" in origin:
            splits.setdefault(origin["split"], []).append(spec.key)
        else:
            entries.append(entry(old, new, origin["merge"], [spec.key],
                                 "merged", spec.key))
            used_old.update(origin["merge"])
            used_new.add(spec.key)
    for source, parts in splits.items():
        targets = ([source] if source in new.numbers else []) + parts
        targets.sort(key=lambda k: new.numbers[k])
        entries.append(entry(old, new, [source], targets, "split", source))
        used_old.add(source)
        used_new.update(targets)
    return entries, used_old, used_new


def step_entries(preamble: Spec, articles: list[Spec], old: Layout,
                 new: Layout) -> list[dict]:
    same = signature(preamble, old) == signature(preamble, new)
    head = [{"from": ["preamble"], "to": ["preamble"],
             "kind": "unchanged" if same else "modified", "key": "preamble"}]
    entries, used_old, used_new = group_entries(articles, old, new)
    for spec in articles:
        in_old = spec.key in old.numbers and spec.key not in used_old
        in_new = spec.key in new.numbers and spec.key not in used_new
        if in_old and in_new:
            entries.append(entry(old, new, [spec.key], [spec.key],
                                 pair_kind(spec, old, new), spec.key))
        elif in_old:
            entries.append(entry(old, new, [spec.key], [], "deleted", spec.key))
        elif in_new:
            entries.append(entry(old, new, [], [spec.key], "added", spec.key))
    entries.sort(key=sort_key)
    check_coverage(entries, old, new)
    return head + entries


def sort_key(item: dict) -> tuple[int, int]:
    def num(eids: list[str]) -> int:
        return min(int(e.split("_")[1]) for e in eids) if eids else 10**6
    return (num(item["from"]), num(item["to"]))


def check_coverage(entries: list[dict], old: Layout, new: Layout) -> None:
    """Every article of both drafts must appear exactly once."""
    for side, layout in (("from", old), ("to", new)):
        seen = sorted(e for item in entries for e in item[side])
        wanted = sorted(layout.eid(k) for k in layout.numbers)
        if seen != wanted:
            raise ValueError(f"lineage {side} side incomplete at {layout.draft}")


def build_lineage(preamble: Spec, articles: list[Spec],
                  layouts: list[Layout]) -> dict:
    drafts = [{"file": d.file, "label": d.label, "date": d.date,
               "symbol": d.symbol} for d in DRAFTS]
    steps = []
    for old, new in zip(layouts, layouts[1:]):
        steps.append({"from": DRAFTS[old.draft - 1].file,
                      "to": DRAFTS[new.draft - 1].file,
                      "provisions": step_entries(preamble, articles, old, new)})
    return {"drafts": drafts, "steps": steps}


# --------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------

def build(out_dir: Path = HERE) -> list[Path]:
    """Write the five drafts and lineage.json into ``out_dir``."""
    preamble, articles = load_specs()
    layouts = [make_layout(articles, d.index) for d in DRAFTS]
    written = []
    for draft, layout in zip(DRAFTS, layouts):
        path = out_dir / draft.file
        path.write_text(render_draft(draft, preamble, layout), encoding="utf-8")
        written.append(path)
    lineage = build_lineage(preamble, articles, layouts)
    path = out_dir / "lineage.json"
    path.write_text(json.dumps(lineage, ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8")
    return written + [path]


def main() -> None:
    for path in build():
        print(path.name)


if __name__ == "__main__":
    main()
