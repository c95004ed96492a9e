"""Convert a draft as it circulates (Word .docx, PDF, plain .txt) to Akoma Ntoso, and read it back.

One path serves `convert` and `import`: read the file into blocks, detect its
structure, write Akoma Ntoso bytes, and parse those bytes with `drafts.reading.akoma` like any
XML draft. So a draft from Word is stored exactly as one from XML would be, and the
file `convert` writes is the very document that `import` stores.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from drafts.errors import DraftImportError
from drafts.model import Draft
from drafts.reading import safe_xml
from drafts.reading.akn_writer import Identity, work_uri_for, write_akn
from drafts.reading.akoma import parse_draft
from drafts.reading.document import (
    Block,
    DetectionReport,
    Document,
    Hints,
    refuse_long_paragraphs,
)
from drafts.reading.headings import is_preamble_heading, iso_date
from drafts.reading.plain_text import read_text
from drafts.reading.structure import detect
from drafts.reading.suffixes import PDF_SUFFIXES, TEXT_SUFFIXES, WORD_SUFFIXES

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?!\d)")
"""A file named "2024-05-23 further revised draft.docx" is dated by its name, when the
document itself says nothing."""


@dataclass(frozen=True)
class Conversion:
    """A converted draft: the Akoma Ntoso bytes, the draft read from them, what was found."""

    xml: bytes
    draft: Draft
    report: DetectionReport


def convert(path: str | Path, label: str = "", date: str = "", negotiation: str = "") -> bytes:
    """The Akoma Ntoso 3.0 bytes for a .docx or .txt draft (what `import` would store)."""
    return convert_file(Path(path), label, date, negotiation).xml


def convert_file(
    path: Path, label: str = "", date: str = "", negotiation: str = "", work_uri: str = ""
) -> Conversion:
    """Read, detect, write and re-read one draft, or raise `DraftImportError` saying why not.

    `negotiation` names the work (the negotiation the draft belongs to) and, unless
    `work_uri` is given (an existing negotiation's), derives its URI; without it the
    document's title does. `label` defaults to the file's name, `date` to a date line
    on the cover page.
    """
    source = str(path)
    refuse_undecodable(source, label=label, date=date, negotiation=negotiation)
    if date and not _ISO_DATE.match(date):
        raise DraftImportError(source, f"the date {date!r} is not of the form YYYY-MM-DD")
    document, blocks = _detect(path, source)
    named = _FILE_DATE.match(path.stem)
    from_name = iso_date(named[1]) if named else ""
    draft_date = date or document.date or from_name
    title = negotiation or document.title or path.stem
    identity = Identity(work_uri or work_uri_for(title), title, label or path.stem, draft_date)
    xml = write_akn(document, identity)
    draft = parse_draft(xml, source, label=identity.label, date=draft_date)
    report = replace(document.report, words=words_line(blocks, document, draft))
    warnings = [*draft.warnings, *report.warnings()]
    if not draft_date:
        draft = replace(draft, date="")
        warnings.insert(0, "no expression date: the draft is ordered last")
    elif not date:
        where = "the cover page" if document.date else "the file name"
        warnings.insert(0, f"date {draft_date} taken from {where}; --date overrides it")
    if document.symbol:
        warnings.insert(1, f"document symbol {document.symbol} taken from the document")
    return Conversion(xml, replace(draft, warnings=tuple(dict.fromkeys(warnings))), report)


def refuse_undecodable(source: str, **given: str) -> None:
    """Refuse a --label, --date or --negotiation that is not text: Python hands over an
    argument's bytes that are not UTF-8 as lone surrogates ("\\udcff"), which no XML or
    database can hold."""
    for option, value in given.items():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise DraftImportError(
                source,
                f"--{option} {value!r} holds a byte that is not UTF-8 text (at {exc.start}): "
                "retype it, or set the terminal to UTF-8",
            ) from None


def _detect(path: Path, source: str) -> tuple[Document, tuple[Block, ...]]:
    data = safe_xml.read_bytes(path)
    suffix = path.suffix.lower()
    blocks: tuple[Block, ...]
    if suffix in WORD_SUFFIXES:
        from drafts.reading.wordml import read_docx  # Word's reader only when a .docx comes

        word = read_docx(data, source)
        blocks, hints = word.blocks, Hints(notices=word.notices, dropped=word.dropped)
    elif suffix in PDF_SUFFIXES:
        from drafts.reading.pdf import read_pdf  # PDF's reader and library only when one comes

        pdf = read_pdf(data, source)
        blocks = pdf.blocks
        hints = Hints(symbol=pdf.symbol, notices=pdf.notices, dropped=pdf.dropped)
    elif suffix in TEXT_SUFFIXES:
        text = read_text(data, source, suffix)
        blocks = text.blocks
        hints = Hints(symbol=text.symbol, notices=text.notices, dropped=text.dropped)
    else:
        raise DraftImportError(
            source,
            f"cannot convert a {suffix or 'suffix-less'} file: "
            "name a .docx, .pdf, .txt, .md or .rst draft",
        )
    refuse_long_paragraphs(blocks, source)
    return detect(blocks, source, hints), blocks


_WORD = re.compile(r"\w+")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _block_words(block: Block) -> int:
    """Every word a reader gave: text, footnotes, words marked as deleted, table cells
    (words marked as inserted are in the text: counted there once)."""
    own = _words(block.full_text) + sum(_words(n.text) for n in block.notes if n.kind != "ins")
    return own + sum(_block_words(cell) for row in block.rows for cell in row)


def words_line(blocks: Sequence[Block], document: Document, draft: Draft) -> str:
    """Words read against words stored, kept as marks, and left out with why: the
    import report's promise that no word disappears unsaid."""
    dropped = document.report.dropped
    given = [b for b in blocks if not is_preamble_heading(b.full_text)]  # named so anyway
    read = sum(_block_words(b) for b in given) + sum(_words(t) for _, t in dropped)
    containers = {  # each division once, however many provisions it holds
        p.containers[: i + 1]
        for p in draft.provisions
        for i, c in enumerate(p.containers)
        if c.kind != "attachment"  # an annex's number and heading are its own
    }
    from_furniture = any(document.symbol and document.symbol in t for _, t in dropped)
    stored = (
        _words(document.title)
        + (0 if from_furniture else _words(document.symbol))
        + sum(_words(f"{path[-1].num} {path[-1].heading}") for path in containers)
        + sum(
            _words(f"{p.num} {'' if p.kind == 'preamble' else p.heading} {p.text}")
            + sum(_words(n.text) for n in p.notes)
            for p in draft.provisions
        )
    )
    marked = sum(_words(m.text) for p in draft.provisions for m in p.marks if not m.inserted)
    inserted = sum(_words(m.text) for p in draft.provisions for m in p.marks if m.inserted)
    reasons: dict[str, int] = {}
    for reason, text in document.report.dropped:
        reasons[reason] = reasons.get(reason, 0) + _words(text)
    left = sum(reasons.values())
    why = ", ".join(f"{reason} {n:,}" for reason, n in reasons.items() if n)
    missing = read - stored - marked - left
    return (
        f"words: {read:,} read; {stored:,} stored, {marked:,} kept as the draft's deletion "
        f"marks, {left:,} left out"
        + (f" ({why})" if why else "")
        + (f"; {missing:,} read but in no provision: see the unsure places" if missing > 0 else "")
        + (f"; {inserted:,} of those stored marked as the draft's insertions" if inserted else "")
    )
