"""Turn the XML of one provision into numbered lines of plain text, with footnotes apart.

The text is what users diff, search and annotate, so it must hold every word of the
source and nothing else: numbers stay with their paragraph, footnotes (`authorialNote`)
leave the running text but are kept as notes, and line breaks inside a paragraph
become spaces. Whitespace is folded as XML rendering folds it; no-break spaces stay.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree

from drafts.model import Line, Mark, Note

HIERARCHY = frozenset(
    [
        "alinea",
        "article",
        "book",
        "chapter",
        "clause",
        "division",
        "hcontainer",
        "indent",
        "level",
        "list",
        "paragraph",
        "part",
        "point",
        "proviso",
        "rule",
        "section",
        "subchapter",
        "subclause",
        "subdivision",
        "sublist",
        "subparagraph",
        "subpart",
        "subrule",
        "subsection",
        "subtitle",
        "title",
        "tome",
        "transitional",
    ]
)
"""Akoma Ntoso's hierarchical elements: each may carry a `num` and holds numbered content."""

_NUMBERED_BLOCKS = frozenset(["item", "recital", "citation"])
_LINE_BLOCKS = frozenset(
    ["p", "block", "subheading", "crossHeading", "tocItem", "longTitle", "docTitle"]
)
_BLOCKISH = (
    HIERARCHY
    | _NUMBERED_BLOCKS
    | _LINE_BLOCKS
    | frozenset(
        [
            "num",
            "heading",
            "content",
            "intro",
            "wrapUp",
            "wrap",
            "listIntroduction",
            "listWrapUp",
            "blockList",
            "blockContainer",
            "container",
            "table",
            "tr",
            "th",
            "td",
            "caption",
            "recitals",
            "citations",
            "formula",
            "toc",
            "tblock",
            "foreign",
            "componentRef",
            "documentRef",
            "quotedStructure",
            "embeddedStructure",
        ]
    )
)
_BREAKS = frozenset(("eol", "eop", "br"))
_SPACES = re.compile(r"[ \t\r\n]+")


def local_name(element: etree._Element) -> str:
    """The tag without its namespace (`article`, not `{...akn/3.0}article`)."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def fold_space(text: str) -> str:
    """Fold XML whitespace runs to one space; leave no-break and other spaces alone."""
    if "\n" in text or "\t" in text or "\r" in text or "  " in text:
        return _SPACES.sub(" ", text).strip()
    return text.strip(" ")


_DELETED = "\ufdd2"  # a Unicode noncharacter: where words marked as deleted stood
_INSERTED = "\ufdd3"  # another: where words marked as inserted begin
_INSERTED_END = "\ufdd4"  # and where they end
_SENTINELS = re.compile(f"[{_DELETED}{_INSERTED}{_INSERTED_END}]")
_CLOSING = frozenset(" .,;:!?)]}”’»…")


def inline_text(
    element: etree._Element, notes: list[Note] | None = None, marks: list[Mark] | None = None
) -> str:
    """All the text of `element`, footnotes moved into `notes`, blocks kept apart by a
    space; words marked as deleted (`del`) left out, and they and the words marked as
    inserted (`ins`, kept in the text) put in `marks` (offsets into the text returned)."""
    if len(element) == 0:  # most paragraphs: plain text, no markup inside
        return fold_space(element.text or "")
    parts: list[str] = []
    marked: list[Mark] = []
    _gather(element, parts, notes, marked)
    text = fold_space("".join(parts))
    return _take_marks(text, marked, marks) if marked else text


def _take_marks(text: str, marked: list[Mark], marks: list[Mark] | None) -> str:
    """Remove the placeholders of marked words, left to right: where deleted words
    stood one space is left where two would meet; inserted words are measured."""
    found: list[Mark] = []
    waiting = iter(marked)
    opened: list[tuple[int, Mark]] = []
    while sentinel := _SENTINELS.search(text):
        at = sentinel.start()
        if sentinel[0] == _DELETED:
            text, at = take_out(text, at)
            found.append(replace(next(waiting), offset=at))
            continue
        text = text[:at] + text[at + 1 :]
        if text[at - 1 : at] == " " and text[at : at + 1] == " ":
            text = text[:at] + text[at + 1 :]  # the spaces either side were one in the source
        if sentinel[0] == _INSERTED:
            opened.append((at, next(waiting)))
        elif opened:
            start, mark = opened.pop()
            found.append(_inserted(text, start, at, mark))
    stripped = text.lstrip(" ")
    shift = len(text) - len(stripped)
    text = stripped.rstrip(" ")
    if marks is not None:
        kept = (replace(m, offset=max(0, m.offset - shift)) for m in found)
        marks.extend(m for m in kept if not m.inserted or m.text)
    return text


def _inserted(text: str, start: int, end: int, mark: Mark) -> Mark:
    """The inserted words between `start` and `end`, spaces at either end left out."""
    words = text[start:end]
    lead = len(words) - len(words.lstrip(" "))
    return replace(mark, offset=start + lead, text=words.strip(" "))


def take_out(text: str, at: int) -> tuple[str, int]:
    """`text` without the placeholder at `at`, where deleted words stood, and where they
    stand now: of the spaces on either side one is left, none before a closing mark
    ("safeguards [del] , which" reads "safeguards, which")."""
    text = text[:at] + text[at + 1 :]
    if text[at - 1 : at] == " " and (text[at : at + 1] in _CLOSING or at == len(text)):
        return text[: at - 1] + text[at:], at - 1
    return text, at


def _gather(
    element: etree._Element,
    parts: list[str],
    notes: list[Note] | None,
    marked: list[Mark] | None = None,
) -> None:
    if element.text:
        parts.append(_SENTINELS.sub("", element.text))  # a source's own would mislead us
    for child in element:
        name = local_name(child)
        if name == "authorialNote":
            if notes is not None:
                marker = child.get("marker") or str(len(notes) + 1)
                notes.append(Note(marker, inline_text(child, notes)))
        elif name == "del":  # words the draft marks as deleted (struck, tracked): not its text
            if marked is not None:
                parts.append(_DELETED)
                by = (child.get("title") or "").removeprefix("deleted by ")
                marked.append(Mark(0, inline_text(child), by))
        elif name == "ins" and marked is not None:  # words it marks as inserted: its text
            parts.append(_INSERTED)
            by = (child.get("title") or "").removeprefix("inserted by ")
            marked.append(Mark(0, "", by, "ins"))
            _gather(child, parts, notes, marked)
            parts.append(_INSERTED_END)
        elif name in _BREAKS:
            parts.append(" ")
        elif name in _BLOCKISH:
            parts.append(" ")
            _gather(child, parts, notes, marked)
            parts.append(" ")
        else:
            _gather(child, parts, notes, marked)
        if child.tail:
            parts.append(_SENTINELS.sub("", child.tail))


def number_of(element: etree._Element) -> str:
    """The text of the element's own `num` child, or an empty string."""
    for child in element:
        if local_name(child) == "num":
            return inline_text(child)
    return ""


def heading_of(element: etree._Element) -> str:
    """The text of the element's own `heading` child, or an empty string."""
    for child in element:
        if local_name(child) == "heading":
            return inline_text(child)
    return ""


class _LineWriter:
    """Collects lines, giving a unit's number to the first line its content produces."""

    def __init__(self, notes: list[Note]) -> None:
        self.lines: list[Line] = []
        self.notes = notes
        self.marks: list[Mark] = []
        self._length = 0  # of the provision's text so far, lines joined by newlines
        self._pending: tuple[str, int] | None = None

    def open_unit(self, num: str, depth: int) -> None:
        self.close_unit()
        if num:
            self._pending = (num, depth)

    def close_unit(self) -> None:
        """A number that never got text of its own still belongs in the text."""
        if self._pending:
            num, depth = self._pending
            self._pending = None
            self._append(Line(num, "", depth), ())

    def emit(self, text: str, depth: int, marks: tuple[Mark, ...] | list[Mark] = ()) -> None:
        num = ""
        if self._pending:
            num, depth = self._pending
            self._pending = None
        if text or num:
            self._append(Line(num, text, depth), marks)

    def emit_element(self, element: etree._Element, depth: int) -> None:
        marks: list[Mark] = []
        self.emit(inline_text(element, self.notes, marks), depth, marks)

    def _append(self, line: Line, marks: tuple[Mark, ...] | list[Mark]) -> None:
        start = self._length + (1 if self.lines else 0)
        into = start + (len(line.num) + 1 if line.num and line.text else 0)
        self.marks.extend(replace(m, offset=into + m.offset) for m in marks)
        self.lines.append(line)
        self._length = start + len(line.render())


def provision_lines(
    element: etree._Element,
) -> tuple[tuple[Line, ...], tuple[Note, ...], tuple[Mark, ...]]:
    """The numbered lines, footnotes and deletion marks of a provision, its own number and
    heading excluded."""
    notes: list[Note] = []
    writer = _LineWriter(notes)
    _walk(element, 0, writer, top=True)
    writer.close_unit()
    return tuple(writer.lines), tuple(notes), tuple(writer.marks)


def _walk(element: etree._Element, depth: int, writer: _LineWriter, top: bool = False) -> None:
    if not any(local_name(child) in _BLOCKISH for child in element):
        writer.emit_element(element, depth)
        return
    _emit_loose(element.text, depth, writer)
    for child in element:
        name = local_name(child)
        if name == "num" or (name == "heading" and top):
            pass
        elif name in HIERARCHY or name in _NUMBERED_BLOCKS:
            writer.open_unit(number_of(child), depth + 1)
            _walk(child, depth + 1, writer)
            writer.close_unit()
        elif name in _LINE_BLOCKS or name == "heading":
            writer.emit_element(child, depth)
        elif name == "table":
            _walk_table(child, depth, writer)
        else:
            _walk(child, depth, writer)
        _emit_loose(child.tail, depth, writer)


def _walk_table(table: etree._Element, depth: int, writer: _LineWriter) -> None:
    """One line per table row, cells separated by ' | ', so no cell text is lost."""
    for row in table.iter("{*}tr", "{*}caption"):
        if local_name(row) == "caption":
            writer.emit_element(row, depth)
            continue
        cells: list[str] = []
        marks: list[Mark] = []
        for cell in row:
            if local_name(cell) in ("th", "td"):
                found: list[Mark] = []
                text = inline_text(cell, writer.notes, found)
                at = sum(len(c) + 3 for c in cells)
                marks.extend(replace(m, offset=at + m.offset) for m in found)
                cells.append(text)
        writer.emit(" | ".join(cells), depth, marks)


def _emit_loose(text: str | None, depth: int, writer: _LineWriter) -> None:
    """Stray text between blocks (not valid Akoma Ntoso, but seen): keep it as a line."""
    if text and text.strip():
        writer.emit(fold_space(text), depth)
