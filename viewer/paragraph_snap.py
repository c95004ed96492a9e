"""Whole paragraphs inserted or deleted are shown as whole paragraphs.

A word diff may place an inserted paragraph anywhere its text can slide: when the new
paragraph "Recognizing the distinct ways…" comes before an old one that also begins
"Recognizing", the diff can report the insertion as "the distinct ways…\\nRecognizing "
after the old word "Recognizing". Both texts are rebuilt exactly either way, but the
reader sees new words land on an old line and the new paragraph in two pieces. Here an
insertion or deletion between two equal runs is slid, as far as the text lets it, to
where it begins a line and ends with a line break: the same change, drawn where a
reader expects it (git's and Meld's diffs slide changes to line boundaries the same way).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from drafts.comparing.compare import ProvisionChange
from drafts.comparing.diff import DELETE, EQUAL, INSERT, Segment

MAX_SLIDE = 2000
"""The furthest a change is slid, in characters each way: past a paragraph's length
a slide finds nothing better, and costs."""


def snapped(change: ProvisionChange) -> ProvisionChange:
    """`change` with each section's whole-paragraph changes on paragraph boundaries."""
    return replace(
        change,
        heading=snap_to_paragraphs(change.heading),
        text=snap_to_paragraphs(change.text),
        notes=snap_to_paragraphs(change.notes),
    )


def snap_to_paragraphs(segments: Sequence[Segment]) -> tuple[Segment, ...]:
    """The same diff, each lone insertion or deletion slid to paragraph boundaries
    where it can be; the old and new texts it rebuilds are unchanged."""
    out = list(segments)
    for k in range(1, len(out) - 1):
        before, change, after = out[k - 1], out[k], out[k + 1]
        if not (_plain_equal(before) and _plain_equal(after)):
            continue
        if change.op not in (INSERT, DELETE) or change.move:
            continue
        slid = _best_slide(before.old, change.old or change.new, after.old)
        if slid is None:
            continue
        head, moved, tail = slid
        out[k - 1] = Segment(EQUAL, head, head)
        out[k] = replace(
            change,
            old=moved if change.op == DELETE else "",
            new=moved if change.op == INSERT else "",
        )
        out[k + 1] = Segment(EQUAL, tail, tail)
    return tuple(s for s in out if s.old or s.new)


def _plain_equal(segment: Segment) -> bool:
    """An equal run whose two sides are the same text (no ignored difference)."""
    return segment.op == EQUAL and segment.old == segment.new


def _best_slide(head: str, moved: str, tail: str) -> tuple[str, str, str] | None:
    """The placement of `moved` between `head` and `tail` that reads best, if better
    than the given one: (new head, new moved text, new tail)."""
    best, best_score = None, _score(head, moved, tail)
    for candidate in _slides(head, moved, tail):
        score = _score(*candidate)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _slides(head: str, moved: str, tail: str) -> list[tuple[str, str, str]]:
    """Every other placement of `moved` with the same texts on both sides."""
    found = []
    h, m, t = head, moved, tail
    for _ in range(MAX_SLIDE):  # left: the last character of head and of moved agree
        if not h or h[-1] != m[-1]:
            break
        h, m, t = h[:-1], h[-1] + m[:-1], m[-1] + t
        found.append((h, m, t))
    h, m, t = head, moved, tail
    for _ in range(MAX_SLIDE):  # right: the first character of tail and of moved agree
        if not t or t[0] != m[0]:
            break
        h, m, t = h + m[0], m[1:] + m[0], t[1:]
        found.append((h, m, t))
    return found


def _score(head: str, moved: str, tail: str) -> int:
    """2: whole paragraphs (begins a line, ends with its break); 1: a break and whole
    paragraphs after it, before a break or the end; 0: anything else."""
    if (not head or head.endswith("\n")) and moved.endswith("\n"):
        return 2
    if moved.startswith("\n") and (not tail or tail.startswith("\n")):
        return 1
    return 0
