"""The document model: a draft (one expression of a negotiated text) and its provisions.

Frozen dataclasses, so a draft read from XML or from the store can be shared between
threads and compared by value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Side(StrEnum):
    """The two sides of every comparison: the draft compared from, and the one compared to."""

    OLD = "old"
    NEW = "new"


OLD, NEW = Side.OLD, Side.NEW
"""The sides by their short names, as every module of the core and the viewer writes them."""


@dataclass(frozen=True)
class Line:
    """One numbered unit of a provision's text: a paragraph, point or unnumbered block."""

    num: str
    text: str
    depth: int = 0

    def render(self) -> str:
        return f"{self.num} {self.text}" if self.num and self.text else self.num or self.text


@dataclass(frozen=True)
class Note:
    """A footnote (`authorialNote`), kept apart from the text it annotates."""

    marker: str
    text: str


@dataclass(frozen=True)
class Container:
    """A structural unit above the provision: chapter, part, title, schedule."""

    kind: str
    num: str
    heading: str

    def label(self) -> str:
        return " ".join(part for part in (self.num, self.heading) if part)


@dataclass(frozen=True)
class Mark:
    """Words the draft itself marks as changed: its own redline ("what the chair proposed").

    Of kind "del", words it marks as deleted (struck through, or a tracked deletion): not
    part of its text, kept so the redline is not lost; `offset` is where they stood, in
    code points into the provision's `text`. Of kind "ins", words it marks as inserted
    (in bold or underlined in a compromise text, or a tracked insertion): part of its
    text, `text` being the words that start at `offset`. `by` says who marked them and
    when, where the document says."""

    offset: int
    text: str
    by: str = ""
    kind: str = "del"

    @property
    def inserted(self) -> bool:
        return self.kind == "ins"


@dataclass(frozen=True)
class Provision:
    """The unit of comparison: an article, a section, or the preamble.

    `text` is the lines joined by newlines, numbers included: it is what is diffed
    and indexed for search, so that a change to a paragraph number is a change too.
    """

    eid: str
    kind: str
    num: str
    heading: str
    position: int
    lines: tuple[Line, ...]
    notes: tuple[Note, ...] = ()
    containers: tuple[Container, ...] = ()
    marks: tuple[Mark, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(line.render() for line in self.lines)

    @property
    def chapter(self) -> Container | None:
        """The innermost container, the one a reader would call "its chapter"."""
        return self.containers[-1] if self.containers else None

    def title(self) -> str:
        return " ".join(part for part in (self.num, self.heading) if part) or self.eid


@dataclass(frozen=True)
class Draft:
    """One draft of a negotiation: an Akoma Ntoso expression of the negotiated work."""

    work_uri: str
    work_title: str
    expression_uri: str
    label: str
    date: str
    symbol: str
    language: str
    doc_type: str
    provisions: tuple[Provision, ...]
    source: str = ""
    content_hash: str = ""
    namespace: str = ""
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class StoredDraft:
    """A draft as listed from the store: its identity and summary, without the text."""

    id: int
    negotiation_id: int
    negotiation: str
    label: str
    date: str
    symbol: str
    expression_uri: str
    provision_count: int
    source: str
