"""Parse untrusted XML without ever loading a DTD, expanding an entity or touching the network.

Drafts come from e-mail attachments and shared drives: treat every file as hostile.
lxml with these settings refuses entity bombs by itself but quietly leaves external
entity references in the tree (see shared/FACTS.md), so any document type declaration
is refused outright: Akoma Ntoso documents never need one.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from drafts.errors import DraftImportError

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
        raise DraftImportError(source, _syntax_reason(exc)) from exc
    except ValueError as exc:  # e.g. an encoding lxml cannot decode at all
        raise DraftImportError(source, f"cannot decode the file: {exc}") from exc
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise DraftImportError(source, "the document declares a DOCTYPE; refused for safety")
    return tree.getroot()


def _syntax_reason(exc: etree.XMLSyntaxError) -> str:
    message = re.sub(r",\s*line \d+,\s*column \d+\s*$", "", str(exc.msg or exc).strip())
    line, column = exc.position if exc.position else (0, 0)
    where = f" at line {line}, column {column}" if line else ""
    lowered = message.lower()
    if "encoding" in lowered or "utf-8" in lowered or ("char" in lowered and "range" in lowered):
        return f"wrong encoding or invalid character{where}: {message}"
    if "amplification" in lowered or "loop" in lowered:
        return f"entity expansion refused{where}: {message}"
    return f"malformed XML{where}: {message}"
