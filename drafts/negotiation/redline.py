"""A draft's own redline: its text as the document itself marked it.

A compromise text strikes through the words the chair proposes to delete and sets new
words in bold or underline; a Word draft may carry tracked changes. The reader keeps
the clean text (struck words out) and the marks beside it (`drafts.model.Mark`). Put
back together, they say what that draft proposed against the text before it, as its
authors saw it: information no comparison of two clean texts gives, since the draft
before may not be the one the chair marked against.
"""

from __future__ import annotations

from collections.abc import Iterator

from drafts.comparing.diff import DELETE, EQUAL, INSERT, Segment
from drafts.model import Mark, Provision


def redline(provision: Provision) -> tuple[Segment, ...]:
    """The provision's text with its own marks: deleted words where they stood (as
    deletions, spaced as they read in the draft), inserted words as insertions, the
    rest as equal text. Its new side is the stored text, exactly."""
    return tuple(_segments(provision.text, _ordered(provision.marks)))


def _ordered(marks: tuple[Mark, ...]) -> list[Mark]:
    """By position; at one position the deletion first ("[old] new" as drafts write it).
    An insertion that overlaps one before it is left out: its words stay plain text."""
    ordered: list[Mark] = []
    end = 0
    for mark in sorted(marks, key=lambda m: (m.offset, m.inserted)):
        if mark.inserted and mark.offset < end:
            continue
        ordered.append(mark)
        if mark.inserted:
            end = mark.offset + len(mark.text)
    return ordered


def _segments(text: str, marks: list[Mark]) -> Iterator[Segment]:
    at = 0
    for mark in marks:
        start = min(max(mark.offset, at), len(text))
        if start > at:
            yield Segment(EQUAL, text[at:start], text[at:start])
        if mark.inserted:
            end = min(start + len(mark.text), len(text))
            yield Segment(INSERT, "", text[start:end])
            at = end
        else:
            yield Segment(DELETE, _spaced(mark.text, text, start), "")
            at = start
    if at < len(text):
        yield Segment(EQUAL, text[at:], text[at:])


def _spaced(words: str, text: str, at: int) -> str:
    """Deleted words with the space they need to read apart from the text beside them.
    Where they stood between two words, one space was left ("shall| notify" held
    "promptly"): they take a space before them; at the start of a text, or after a space,
    one after them; glued between two characters ("co[-]operate"), none."""
    before, after = text[at - 1 : at] if at else "", text[at : at + 1]
    open_before = not before or before.isspace()
    open_after = not after or after.isspace() or after in _CLOSING
    lead = " " if not open_before and open_after else ""
    trail = " " if open_before and not open_after else ""
    return f"{lead}{words}{trail}"


_CLOSING = frozenset(".,;:!?)]}”’»…")
