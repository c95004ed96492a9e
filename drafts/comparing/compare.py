"""What became of every provision between two drafts: alignment plus word diff.

Statuses, for each link the alignment makes (the README defines them for users):

- `split`: one old provision became several new ones; `merged`: several became one.
- `added` / `deleted`: no counterpart in the other draft; or, for `deleted`, a
  placeholder ("[deleted]", "(repealed)") standing in its place under its number.
- `moved`: one to one, but out of order: it is not on the longest chain of paired
  provisions that keep their relative order, so it changed place (e.g. chapter).
  Its text may also have changed; the word counts say.
- `modified`: one to one, in order, heading, text or footnotes changed (its number
  may have changed too).
- `renumbered`: one to one, in order, same heading, text and footnotes, new number.
- `unchanged`: one to one, in order, same number, heading, text and footnotes.

"Same" is judged by the word diff under the chosen `DiffOptions`, so with
"ignore punctuation" a provision whose only change is a comma is unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from drafts.comparing.align import Link, align
from drafts.comparing.diff import (
    EXACT,
    DiffOptions,
    Segment,
    WordCounts,
    count_words,
    diff_texts,
    is_unchanged,
)
from drafts.comparing.order import longest_rising
from drafts.model import Provision

ALGORITHM_VERSION = 7
"""Bump whenever alignment or diffing changes what a comparison says: cached
comparisons made by another version are recomputed. (3: diffs by structure, with
moves inside a provision; 4: heavily changed chunks diffed by rapidfuzz; 7: a
provision's own place among unchanged neighbours weighs in the alignment.)"""


class Status(StrEnum):
    """What became of a provision between two drafts (README: "Comparing two drafts")."""

    UNCHANGED = "unchanged"
    RENUMBERED = "renumbered"
    MODIFIED = "modified"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"
    ADDED = "added"
    DELETED = "deleted"


STATUSES = tuple(Status)
"""Every status, in the order summaries list them."""


@dataclass(frozen=True)
class ProvisionChange:
    """One row of a comparison: old provisions, new provisions, and how they differ.

    For a split or merge, the pieces' headings, texts and notes are joined with line
    breaks, so one diff shows where each piece's text went.
    """

    status: str
    """A `Status`; in a history's columns, the step's (e.g. "split + modified")."""
    old: tuple[Provision, ...]
    new: tuple[Provision, ...]
    score: float
    """The alignment's weighted similarity, the evidence for the pairing (1.0 when
    identical, 0.0 for added and deleted)."""
    heading: tuple[Segment, ...]
    text: tuple[Segment, ...]
    notes: tuple[Segment, ...]
    words: WordCounts = field(default=WordCounts(0, 0, 0))
    uncertain: bool = False
    """Paired on weak evidence (see `Link.uncertain`): worth a reader's second look."""

    @property
    def from_num(self) -> str:
        return " + ".join(provision_name(p) for p in self.old)

    @property
    def to_num(self) -> str:
        return " + ".join(provision_name(p) for p in self.new)

    @property
    def similarity(self) -> float:
        """Share of words kept: 2 x kept / (old words + new words)."""
        return self.words.similarity if self.old and self.new else 0.0

    @property
    def changed(self) -> bool:
        return self.status != Status.UNCHANGED


def provision_name(p: Provision) -> str:
    """What a reader calls a provision: its number, else its heading, else its kind."""
    return p.num or p.heading or p.kind.capitalize()


def compare(
    old: Sequence[Provision], new: Sequence[Provision], options: DiffOptions = EXACT
) -> list[ProvisionChange]:
    """Every provision of both drafts in exactly one change, in the new draft's order
    (deleted provisions after the provision that preceded them)."""
    texts = [p.text for p in old], [p.text for p in new]
    links = align(old, new, texts)
    out_of_order = _out_of_order(links)
    changes = []
    for n, link in enumerate(links):
        before = tuple(old[i] for i in link.old)
        after = tuple(new[j] for j in link.new)
        joined = (_joined(texts[0][i] for i in link.old), _joined(texts[1][j] for j in link.new))
        changes.append(_change(before, after, link, n in out_of_order, options, joined))
    return changes


def _change(
    old: tuple[Provision, ...],
    new: tuple[Provision, ...],
    link: Link,
    out_of_order: bool,
    options: DiffOptions,
    texts: tuple[str, str],
) -> ProvisionChange:
    diffed = provision_diff(old, new, "", options, link.similarity, link.uncertain, texts)
    same = all(is_unchanged(s) for s in (diffed.heading, diffed.text, diffed.notes))
    if not new or link.placeholder:
        status = Status.DELETED
    elif not old:
        status = Status.ADDED
    elif len(new) > 1:
        status = Status.SPLIT
    elif len(old) > 1:
        status = Status.MERGED
    elif out_of_order:
        status = Status.MOVED
    elif not same:
        status = Status.MODIFIED
    else:
        status = Status.UNCHANGED if old[0].num == new[0].num else Status.RENUMBERED
    return ProvisionChange(
        status,
        old,
        new,
        diffed.score,
        diffed.heading,
        diffed.text,
        diffed.notes,
        diffed.words,
        diffed.uncertain,
    )


def provision_diff(
    old: tuple[Provision, ...],
    new: tuple[Provision, ...],
    status: str,
    options: DiffOptions = EXACT,
    score: float = 0.0,
    uncertain: bool = False,
    texts: tuple[str, str] | None = None,
) -> ProvisionChange:
    """The word diff of any provisions against any others, pieces joined by line
    breaks: a comparison's rows, and a history's columns (each against the previous).
    `texts` are the two sides' texts so joined, when the caller has them already."""
    heading = diff_texts(_joined(p.heading for p in old), _joined(p.heading for p in new), options)
    if texts is None:
        texts = (_joined(p.text for p in old), _joined(p.text for p in new))
    text = diff_texts(*texts, options)
    notes = diff_texts(_notes(old), _notes(new), options)
    words = count_words(heading) + count_words(text) + count_words(notes)
    return ProvisionChange(status, old, new, score, heading, text, notes, words, uncertain)


def _joined(parts: Iterable[str]) -> str:
    return "\n".join(parts)


def _notes(provisions: tuple[Provision, ...]) -> str:
    return "\n".join(f"{n.marker} {n.text}".strip() for p in provisions for n in p.notes)


def _out_of_order(links: Sequence[Link]) -> set[int]:
    """Indices of the one-to-one links that are not on a longest chain of links keeping
    their order in both drafts: the provisions that moved.

    Links are in the new draft's order; the chain is a longest strictly rising run of
    their old positions (`order.longest_rising`).
    """
    placed = [k for k, link in enumerate(links) if link.old and link.new]
    on_chain = {placed[n] for n in longest_rising([min(links[k].old) for k in placed])}
    return {
        k
        for k, link in enumerate(links)
        if link.old and link.new and len(link.old) == len(link.new) == 1 and k not in on_chain
    }


def totals(changes: Sequence[ProvisionChange]) -> dict[str, int]:
    """Counts by status, changed provisions, and words added and deleted."""
    counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for change in changes:
        counts[change.status] += 1
    return {
        "provisions": len(changes),
        "changed": sum(change.changed for change in changes),
        **counts,
        "words_added": sum(change.words.added for change in changes),
        "words_deleted": sum(change.words.deleted for change in changes),
    }
