"""Parse untrusted XML without ever loading a DTD, expanding an entity or touching the network.

Drafts come from e-mail attachments and shared drives: treat every file as hostile.
lxml with these settings refuses entity bombs by itself but quietly leaves external
entity references in the tree (see shared/FACTS.md), so any document type declaration
is refused outright: Akoma Ntoso documents never need one.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lxml import etree

from drafts.errors import DraftImportError
from drafts.wording import plural

MAX_BYTES = 64 * 1024 * 1024
"""Largest file accepted. The UK Data Protection Act 1998 in Akoma Ntoso is 1 MB; a whole
convention draft is under 2 MB. 64 MiB leaves room for any real document and stops a
runaway file before it fills memory."""

_DOCTYPE_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing what cannot be a document before reading all of it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DraftImportError(path, f"cannot read the file ({exc.strerror})") from exc
    if size == 0:
        raise DraftImportError(path, "the file is empty")
    if size > MAX_BYTES:
        raise DraftImportError(
            path,
            f"the file is {size:,} bytes, over the limit of {MAX_BYTES:,} bytes "
            f"({MAX_BYTES / 2**20:g} MiB) for one document",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DraftImportError(path, f"cannot read the file ({exc.strerror})") from exc


def parse(data: bytes, source: str | Path) -> etree._Element:
    """The root element of `data`, or a `DraftImportError` naming line, column and reason."""
    if not data.strip():
        raise DraftImportError(source, "the file is empty")
    head = data[: 1 << 16]
    if any(marker in head for marker in _DOCTYPE_MARKERS):
        raise DraftImportError(
            source,
            "the document declares a DOCTYPE or entities; these are refused because they can "
            "read local files or expand without limit (Akoma Ntoso needs neither)",
        )
    try:
        tree = etree.fromstring(data, _parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        raise DraftImportError(source, _bytes_reason(data) or _syntax_reason(exc)) from exc
    except ValueError as exc:  # e.g. an encoding lxml cannot decode at all
        raise DraftImportError(source, f"cannot decode the file: {exc}") from exc
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise DraftImportError(source, "the document declares a DOCTYPE; refused for safety")
    return tree.getroot()


_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_WIDE = re.compile(r"(?:utf|ucs)-?(?:16|32|2|4)", re.IGNORECASE)
_NEXT = "save the file as UTF-8 from the program that made it"


def _bytes_reason(data: bytes) -> str | None:
    """What is wrong with bytes that libxml2 words obscurely ("Document is empty",
    "Blank needed here"): NUL bytes, UTF-16 without its byte order mark, a declaration
    naming a two- or four-byte encoding on one-byte text. None if none of these."""
    if data.startswith(_BOMS) or data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return None
    if not data.strip(b"\x00 \t\r\n"):
        return "the file holds only NUL bytes: it was damaged, or never written; take a sound copy"
    head = data[:64]
    if len(head) >= 4 and (not any(head[0::2]) or not any(head[1::2])):
        return f"UTF-16 text without the byte order mark that says so; {_NEXT}"
    nul = data.find(b"\x00")
    if nul == 0:
        count = len(data) - len(data.lstrip(b"\x00"))
        return (
            f"the file begins with {plural(count, 'NUL byte')} before its XML: it was "
            "damaged (a copy or save cut short?); take a sound copy, or delete what comes "
            "before the first '<' in a text editor"
        )
    if nul > 0:
        line = data[:nul].count(b"\n") + 1
        return (
            f"the file holds a NUL byte at line {line} (byte {nul:,}), which XML never does: "
            "it was damaged, or is not XML; take a sound copy"
        )
    declared = _DECLARED.match(data)
    if declared and _WIDE.fullmatch(declared[1].decode("ascii")):
        name = declared[1].decode("ascii")
        return (
            f'its first line declares encoding="{name}", but the file is written one byte per '
            f'character (UTF-8?): change the declaration to encoding="UTF-8", or {_NEXT}'
        )
    return None


def _syntax_reason(exc: etree.XMLSyntaxError) -> str:
    message = re.sub(r",\s*line \d+,\s*column \d+\s*$", "", str(exc.msg or exc).strip())
    line, column = exc.position if exc.position else (0, 0)
    where = f" at line {line}, column {column}" if line else ""
    lowered = message.lower()
    if "unsupported encoding" in lowered:
        return f"its first line declares an encoding Travaux cannot read{where}: {message}; {_NEXT}"
    if "encoding" in lowered or "utf-8" in lowered or ("char" in lowered and "range" in lowered):
        return (
            f"wrong encoding or invalid character{where}: {message}; the file is not in the "
            f"encoding its first line declares (UTF-8 if none): {_NEXT}"
        )
    if "text node too long" in lowered or "huge" in lowered:
        return (
            f"one element holds more than 10,000,000 bytes of text{where}, more than any "
            "draft's paragraph: is it a draft?"
        )
    if "amplification" in lowered or "loop" in lowered:
        return f"entity expansion refused{where}: {message}"
    return f"malformed XML{where}: {message}"
