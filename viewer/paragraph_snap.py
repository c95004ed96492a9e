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
        out[k] = change._replace(
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
    than the given one: (new head, new moved text, new tail).

    In the text head + moved + tail, the change may start at any position from which
    the same characters would be reported changed: one further left while the
    character before it equals its own last one, one further right while its first
    equals the character after it. Positions are weighed by index, nothing copied."""
    text, size, given = head + moved + tail, len(moved), len(head)
    best, best_score = given, _score(text, given, size)
    for at in _placements(text, given, size):
        score = _score(text, at, size)
        if score > best_score:
            best, best_score = at, score
    if best == given:
        return None
    return text[:best], text[best : best + size], text[best + size :]


def _placements(text: str, at: int, size: int) -> list[int]:
    """The other starts a change of `size` characters at `at` of `text` can slide to."""
    found = []
    left = at
    while left > 0 and at - left < MAX_SLIDE and text[left - 1] == text[left - 1 + size]:
        left -= 1
        found.append(left)
    right = at
    while right + size < len(text) and right - at < MAX_SLIDE and text[right] == text[right + size]:
        right += 1
        found.append(right)
    return found


def _score(text: str, at: int, size: int) -> int:
    """For a change of `size` characters at `at`: 2, whole paragraphs (it begins a line
    and ends with its break); 1, a break then whole paragraphs, before a break or the
    end; 0, anything else."""
    end = at + size
    if (at == 0 or text[at - 1] == "\n") and text[end - 1] == "\n":
        return 2
    if text[at] == "\n" and (end == len(text) or text[end] == "\n"):
        return 1
    return 0
