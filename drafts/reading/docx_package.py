"""Open a .docx package without trusting it: the zip is checked before it is decompressed.

A .docx is a zip of parts tied together by relationship files. Before a byte is
decompressed, legacy or encrypted Word files (OLE compound files), files that are not
zips, password-protected archives and archives that declare more parts or bytes than
allowed are refused with a reason; the main document is found through the package
relationships, and macro-enabled documents and other Office files are refused too.
The number of parts is read from the zip's end record before `zipfile` parses its
directory (a directory of a million entries takes seconds and hundreds of megabytes
to parse), and two parts of one name are refused: which one Word would read is unknown.
Every part is then read under the size cap (in case the zip's declarations lie) and
parsed through `drafts.reading.safe_xml`. This is apart from `drafts.reading.wordml` because it is
about the container, not WordprocessingML: `wordml` reads the parts it is handed.
"""

from __future__ import annotations

import io
import lzma  # loaded by zipfile anyway: its error is one a damaged part raises
import struct
import zipfile
import zlib
from pathlib import PurePosixPath

from lxml import etree

from drafts.errors import DraftImportError
from drafts.reading import safe_xml

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_ENTRIES = 10_000
MAX_DIRECTORY = MAX_ENTRIES * 512
"""Largest zip directory read, in bytes: room for `MAX_ENTRIES` parts with long names."""
_END = b"PK\x05\x06"
_END64_LOCATOR = b"PK\x06\x07"
_END64 = b"PK\x06\x06"

_MACRO_TYPES = ("macroEnabled", "vbaProject")
_DOCUMENT_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
)


def open_zip(data: bytes, source: str, *, limit: int) -> zipfile.ZipFile:
    """The zip archive in `data`, or `DraftImportError` if it is not one or is unsafe:
    more than `MAX_ENTRIES` parts, or more than `limit` bytes declared once expanded."""
    if data.startswith(OLE_MAGIC):
        raise DraftImportError(
            source,
            "an encrypted (password-protected) or old-format (.doc) Word file: it is an OLE "
            "compound file, not a .docx; remove the password or save it as .docx in Word",
        )
    if not data.startswith(b"PK"):
        raise DraftImportError(source, f"not a Word .docx file: {_what_it_is(data)}")
    declared_parts, directory = _declared(data)
    _refuse_too_many(declared_parts, source)
    if directory > MAX_DIRECTORY:
        raise DraftImportError(
            source,
            f"the zip archive's directory is {directory:,} bytes, more than {MAX_ENTRIES:,} "
            "parts need; refused before reading it (a damaged or hostile file?)",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, NotImplementedError) as exc:
        raise DraftImportError(source, f"not a Word .docx file: a damaged zip ({exc})") from exc
    try:
        _check_entries(archive.infolist(), source, limit)
    except DraftImportError:
        archive.close()
        raise
    return archive


def _declared(data: bytes) -> tuple[int, int]:
    """(parts, directory bytes) as the zip's end record declares them, or (0, 0) if it
    has none (then `zipfile` says the zip is damaged)."""
    end = data.rfind(_END, max(0, len(data) - 22 - 0xFFFF))
    if end < 0 or end + 22 > len(data):
        return 0, 0
    parts, directory = struct.unpack_from("<HI", data, end + 10)
    locator = end - 20
    if locator >= 0 and data[locator : locator + 4] == _END64_LOCATOR:
        (at,) = struct.unpack_from("<Q", data, locator + 8)
        if data[at : at + 4] == _END64 and at + 56 <= len(data):
            parts, directory = struct.unpack_from("<QQ", data, at + 32)
    return parts, directory


def _refuse_too_many(parts: int, source: str) -> None:
    if parts > MAX_ENTRIES:
        raise DraftImportError(
            source,
            f"the zip archive has {parts:,} parts, over the limit of {MAX_ENTRIES:,} (a Word "
            "document has a few dozen); refused before reading them (a zip bomb?)",
        )


def _check_entries(entries: list[zipfile.ZipInfo], source: str, limit: int) -> None:
    """Refuse too many parts, too many bytes declared, a password, a name used twice."""
    _refuse_too_many(len(entries), source)
    expanded = sum(entry.file_size for entry in entries)
    if expanded > limit:
        raise DraftImportError(
            source,
            f"the archive would expand to {expanded:,} bytes, over the limit of {limit:,} "
            "bytes; refused before decompressing (a zip bomb?)",
        )
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise DraftImportError(source, "the zip archive is password-protected")
    seen: set[str] = set()
    for entry in entries:
        if entry.filename.casefold() in seen:  # part names ignore case in a package
            raise DraftImportError(
                source,
                f"the zip archive holds two parts named {entry.filename}: which one Word "
                "would read cannot be told (a damaged or altered file); save it again in Word",
            )
        seen.add(entry.filename.casefold())


def _what_it_is(data: bytes) -> str:
    """Name the usual wrong files, so the message says what to do."""
    if data.startswith(b"%PDF"):
        return "it is a PDF; name it .pdf to import it"
    if data.startswith(b"{\\rtf"):
        return "it is an RTF file; save it as .docx in Word"
    if data.lstrip().startswith(b"<"):
        return "it is XML or HTML, not a zip archive; save it as .docx in Word"
    return "it is not a zip archive (a .docx file is one)"


class Parts:
    """The package's parts, found through its relationships, each read under the cap:
    all parts read together may expand to `limit` bytes at most."""

    def __init__(self, archive: zipfile.ZipFile, source: str, *, limit: int) -> None:
        self.archive = archive
        self.source = source
        self.limit = limit
        self.names = set(archive.namelist())
        self.read_so_far = 0

    def main_document(self) -> str:
        name = self._target("_rels/.rels", "/officeDocument", "") or "word/document.xml"
        if name not in self.names:
            raise DraftImportError(
                self.source, f"not a Word .docx file: the zip archive has no {name}{self._hint()}"
            )
        content_type = self._content_type(name)
        if any(m in content_type for m in _MACRO_TYPES) or any(
            PurePosixPath(n).name.lower() == "vbaproject.bin" for n in self.names
        ):
            raise DraftImportError(
                self.source,
                "a macro-enabled Word document (.docm): refused, since it can carry macros; "
                "save it as a plain .docx (Word document) and import that",
            )
        if content_type and content_type not in _DOCUMENT_TYPES:
            raise DraftImportError(
                self.source, f"not a Word document: its main part is of type {content_type}"
            )
        return name

    def _hint(self) -> str:
        for marker, kind in (("xl/workbook.xml", "an Excel workbook"), ("ppt/", "PowerPoint")):
            if any(n.startswith(marker) for n in self.names):
                return f" (it looks like {kind})"
        if "content.xml" in self.names:
            return " (it looks like an OpenDocument file; save it as .docx)"
        return ""

    def related(self, document: str, kind: str, default: str) -> str:
        """The part related to `document` by relationship type `kind` ("styles", …)."""
        folder = PurePosixPath(document).parent
        rels = str(folder / "_rels" / f"{PurePosixPath(document).name}.rels")
        return self._target(rels, f"/{kind}", str(folder)) or str(folder / default)

    def _target(self, rels: str, type_suffix: str, base: str) -> str:
        root = self.xml(rels)
        if root is None:
            return ""
        for rel in root:
            if (rel.get("Type") or "").endswith(type_suffix) and rel.get(
                "TargetMode"
            ) != "External":
                target = rel.get("Target") or ""
                path = target.lstrip("/") if target.startswith("/") else f"{base}/{target}"
                return str(PurePosixPath(_normalize(path.lstrip("/"))))
        return ""

    def _content_type(self, name: str) -> str:
        root = self.xml("[Content_Types].xml")
        for override in root if root is not None else ():
            if (override.get("PartName") or "").lstrip("/") == name:
                return override.get("ContentType") or ""
        return ""

    def xml(self, name: str) -> etree._Element | None:
        data = self.read(name)
        if data is None:
            return None
        try:
            return safe_xml.parse(data, self.source)
        except DraftImportError as exc:
            raise DraftImportError(self.source, f"in its part {name}: {exc.reason}") from exc

    def read(self, name: str) -> bytes | None:
        if name not in self.names:
            return None
        budget = self.limit - self.read_so_far
        try:
            with self.archive.open(name) as part:
                data = part.read(budget + 1)
        except (
            zipfile.BadZipFile,
            zlib.error,
            lzma.LZMAError,
            OSError,
            NotImplementedError,
            EOFError,
        ) as exc:
            raise DraftImportError(self.source, f"the part {name} cannot be read ({exc})") from exc
        self.read_so_far += len(data)
        if len(data) > budget:
            raise DraftImportError(
                self.source, f"the archive expands beyond {self.limit:,} bytes; refused"
            )
        return data


def _normalize(path: str) -> str:
    parts: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)
