"""Square-bracketed (unagreed) text, marked in any text document the viewer shows.

The core finds the brackets (`drafts.negotiation.brackets.scan`); this marks them on top of
whatever formats the text already has (a diff's strikethrough and underline stay): the
brackets themselves bold in their own colour, the text inside italic, a bracket never
matched with a wavy underline. Shape again, not colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextDocument

from viewer.diff_style import DiffColours

if TYPE_CHECKING:  # loaded with the first text marked, after the window's first paint
    from drafts.negotiation.brackets import BracketScan


@lru_cache(maxsize=4096)
def qt_offsets(text: str) -> Sequence[int]:
    """For each code-point index of `text` (and its end), Qt's position: UTF-16 units,
    so a character outside the Basic Multilingual Plane counts twice. Text without one
    (nearly all) maps to itself, found at C speed: a provision carrying hundreds of
    highlights asks this of its text for each one."""
    if not text or max(text) <= "\uffff":
        return range(len(text) + 1)
    offsets = [0]
    for ch in text:
        offsets.append(offsets[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return tuple(offsets)


def mark_brackets(
    document: QTextDocument, colours: DiffColours, span: tuple[int, int] | None = None
) -> BracketScan:
    """Mark every bracket of the document's text, or of `span` (Qt positions) alone, so
    a heading's and a text's brackets are each matched on their own; return the scan."""
    from drafts.negotiation.brackets import scan

    cursor = QTextCursor(document)
    start, end = span if span is not None else (0, document.characterCount() - 1)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    text = cursor.selectedText()
    found = scan(text.replace("\u2029", "\n"))
    if not found.brackets and not found.problems:
        return found
    at = [start + offset for offset in qt_offsets(text)]
    inside, glyph, lone = _formats(colours)
    for bracket in found.outermost:
        _merge(cursor, at[bracket.start + 1], at[bracket.end - 1], inside)
    for bracket in found.brackets:
        _merge(cursor, at[bracket.start], at[bracket.start + 1], glyph)
        _merge(cursor, at[bracket.end - 1], at[bracket.end], glyph)
    for problem in found.problems:
        _merge(cursor, at[problem.position], at[problem.position + 1], lone)
    return found


def _formats(colours: DiffColours) -> tuple[QTextCharFormat, QTextCharFormat, QTextCharFormat]:
    inside = QTextCharFormat()
    inside.setFontItalic(True)
    glyph = QTextCharFormat()
    glyph.setFontWeight(QFont.Weight.Bold)
    glyph.setForeground(colours.bracket)
    lone = QTextCharFormat(glyph)
    lone.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    lone.setUnderlineColor(colours.warning)
    lone.setToolTip("Unbalanced bracket: its pair is missing in the source")
    return inside, glyph, lone


def _merge(cursor: QTextCursor, start: int, end: int, fmt: QTextCharFormat) -> None:
    if end <= start:
        return
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(fmt)
