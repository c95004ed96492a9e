"""Convert a draft as it circulates (Word .docx, plain .txt) to Akoma Ntoso, and read it back.

One path serves `convert` and `import`: read the file into blocks, detect its
structure, write Akoma Ntoso bytes, and parse those bytes with `drafts.reading.akoma` like any
XML draft. So a draft from Word is stored exactly as one from XML would be, and the
file `convert` writes is the very document that `import` stores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from drafts.errors import DraftImportError
from drafts.model import Draft
from drafts.reading import safe_xml
from drafts.reading.akn_writer import Identity, work_uri_for, write_akn
from drafts.reading.akoma import parse_draft
from drafts.reading.headings import iso_date
from drafts.reading.plain_text import read_text
from drafts.reading.structure import Block, DetectionReport, Document, Hints, detect
from drafts.reading.suffixes import CONVERTED_SUFFIXES, TEXT_SUFFIXES, WORD_SUFFIXES

SUFFIXES = CONVERTED_SUFFIXES
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
    if date and not _ISO_DATE.match(date):
        raise DraftImportError(source, f"the date {date!r} is not of the form YYYY-MM-DD")
    document = _detect(path, source)
    named = _FILE_DATE.match(path.stem)
    from_name = iso_date(named[1]) if named else ""
    draft_date = date or document.date or from_name
    title = negotiation or document.title or path.stem
    identity = Identity(work_uri or work_uri_for(title), title, label or path.stem, draft_date)
    xml = write_akn(document, identity)
    draft = parse_draft(xml, source, label=identity.label, date=draft_date)
    warnings = [*draft.warnings, *document.report.warnings()]
    if not draft_date:
        draft = replace(draft, date="")
        warnings.insert(0, "no expression date: the draft is ordered last")
    elif not date:
        where = "the cover page" if document.date else "the file name"
        warnings.insert(0, f"date {draft_date} taken from {where}; --date overrides it")
    if document.symbol:
        warnings.insert(1, f"document symbol {document.symbol} taken from the document")
    return Conversion(xml, replace(draft, warnings=tuple(dict.fromkeys(warnings))), document.report)


def _detect(path: Path, source: str) -> Document:
    data = safe_xml.read_bytes(path)
    suffix = path.suffix.lower()
    blocks: tuple[Block, ...]
    if suffix in WORD_SUFFIXES:
        from drafts.reading.wordml import read_docx  # Word's reader only when a .docx comes

        word = read_docx(data, source)
        blocks, hints = word.blocks, Hints(notices=word.notices)
    elif suffix in TEXT_SUFFIXES:
        text = read_text(data, source, suffix)
        blocks, hints = text.blocks, Hints(symbol=text.symbol, notices=text.notices)
    else:
        raise DraftImportError(
            source,
            f"cannot convert a {suffix or 'suffix-less'} file: "
            "name a .docx, .txt, .md or .rst draft",
        )
    return detect(blocks, source, hints)
