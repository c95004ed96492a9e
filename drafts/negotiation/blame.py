"""Where a provision's words came from: `git blame` for the text of one provision.

The provision is followed back through its history (`drafts.negotiation.history`) to the first
draft that has it, whose text is attributed wholly to that draft. Each later draft's
text is then the earlier one put through the comparison's word diff: kept text keeps
its draft, inserted text is the new draft's, deleted text becomes a `Deletion`.

Attribution is carried provision by provision, so merges and splits come out right.
A comparison row with several old provisions (a merge) diffs their texts joined by
line breaks, as `drafts.comparing.compare` does, so their attributions are joined the same way
on the way in; a row with several new provisions (a split) is cut at the line breaks
on the way out. Pieces that are not ancestors of the chosen provision (the other half
of a split) are dropped, and with them the deletions made inside them.

Granularity is the diff's: whole tokens (a word, one punctuation mark, a run of
whitespace). A word partly changed ("principles" -> "principle") is a new word,
attributed whole to the draft that changed it, so no span starts or ends inside a
word. Two rules fill the gaps the diff leaves:

- The line break that joins two merged pieces takes the draft of the text before it:
  it holds no words, and a one-character span of the merging draft would be noise.
- Under options that ignore case, whitespace or punctuation, what the options ignore
  is no change: the new text keeps the old text's drafts, token by token.

Offsets are code points into `Provision.text` (and `Provision.heading` for the
heading's spans), the core's unit everywhere.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from drafts.comparing.compare import ProvisionChange
from drafts.comparing.comparisons import draft_json
from drafts.comparing.diff import (
    DELETE,
    EQUAL,
    EXACT,
    INSERT,
    TOKEN,
    WORD,
    DiffOptions,
    Segment,
    diff_texts,
    new_text,
    old_text,
)
from drafts.model import Provision, StoredDraft
from drafts.negotiation.history import History, HistoryStep, history
from drafts.store import Store

CONTEXT_WORDS = 4
"""How many words before a deletion are quoted to say where it was."""


@dataclass(frozen=True)
class BlameSpan:
    """Characters start..end (code points, end excluded) were written in `draft`."""

    start: int
    end: int
    draft: StoredDraft


@dataclass(frozen=True)
class Deletion:
    """Text of the provision's ancestry that a draft deleted."""

    draft: StoredDraft
    """The draft that no longer has it."""
    since: StoredDraft
    """The last draft that had it (the one before `draft`)."""
    text: str
    context: str
    """A few words before it in the text it was deleted from, to say where it stood."""
    introduced: tuple[StoredDraft, ...]
    """The drafts that had written the deleted text, oldest first: a word inserted in
    one draft and deleted in the next is a change of mind, not an old word dropped."""


@dataclass(frozen=True)
class DraftShare:
    """How much of the provision's present text one draft wrote."""

    draft: StoredDraft
    chars: int
    words: int


@dataclass(frozen=True)
class Blame:
    """Every character of a provision's text (and heading) with the draft that wrote it."""

    draft: StoredDraft
    provision: Provision
    """The provision as stored: `spans` tile exactly its `text`, in order."""
    spans: tuple[BlameSpan, ...]
    heading_spans: tuple[BlameSpan, ...]
    deletions: tuple[Deletion, ...]
    """In negotiation order, then in text order."""
    drafts: tuple[StoredDraft, ...]
    """The drafts the provision's line is in, from the first to `draft`."""
    options: DiffOptions = EXACT

    @property
    def text(self) -> str:
        return self.provision.text

    def span_at(self, offset: int) -> BlameSpan:
        """The span holding the character at `offset` (a reader's cursor, say)."""
        if not 0 <= offset < len(self.text):
            raise IndexError(f"offset {offset} outside a text of {len(self.text)} characters")
        return self.spans[bisect_right(self._starts(), offset) - 1]

    def _starts(self) -> list[int]:
        return [s.start for s in self.spans]

    def by_draft(self) -> tuple[DraftShare, ...]:
        """Characters and words of the text each draft wrote, in negotiation order
        (drafts that wrote nothing that survives included, with zeros). A word counts
        for the draft of its first character."""
        chars = dict.fromkeys((d.id for d in self.drafts), 0)
        words = dict(chars)
        for span in self.spans:
            chars[span.draft.id] += span.end - span.start
        starts = self._starts()
        for match in WORD.finditer(self.text):
            words[self.spans[bisect_right(starts, match.start()) - 1].draft.id] += 1
        return tuple(DraftShare(d, chars[d.id], words[d.id]) for d in self.drafts)

    def phrases(self, heading: bool = False) -> list[tuple[str, StoredDraft]]:
        """The text (or heading) cut where the authoring draft changes, for display."""
        text, spans = (
            (self.provision.heading, self.heading_spans) if heading else (self.text, self.spans)
        )
        return [(text[s.start : s.end], s.draft) for s in spans]


def blame(
    store: Store, draft: StoredDraft, provision: Provision, options: DiffOptions = EXACT
) -> Blame:
    """Attribute every character of `provision` (of `draft`) to the draft that wrote it.

    Comparisons come from the cache when it is current, as for `history`, so a blame
    computes no diff unless a row's cached diff does not fit its provisions."""
    return blame_history(history(store, draft, provision, options), options)


def blame_history(h: History, options: DiffOptions = EXACT) -> Blame:
    """The blame of the provision a history was started from, at its start draft.

    For a caller that already holds the history (a window showing both), which is
    most of the cost: the walk itself takes a millisecond or so. `options` must be the
    ones the history was made with."""
    walk = _walk(h.steps, h.start)
    attribution = _Attribution(walk[0], options)
    for now, step in enumerate(walk[1:], 1):
        attribution.advance(step, now)
    drafts = tuple(step.draft for step in walk)
    final = next(p for p in walk[-1].provisions if p.eid == h.provision.eid)
    return Blame(
        draft=h.start,
        provision=final,
        spans=_spans(attribution.text[final.eid], drafts),
        heading_spans=_spans(attribution.heading[final.eid], drafts),
        deletions=attribution.deletions(final.eid, drafts),
        drafts=drafts,
        options=options,
    )


def _walk(steps: Sequence[HistoryStep], draft: StoredDraft) -> Sequence[HistoryStep]:
    """The steps from the first draft with the provision's line up to `draft`.

    Followed backwards, a line that is absent stays absent, so these are contiguous."""
    end = next(i for i, step in enumerate(steps) if step.draft.id == draft.id)
    start = end
    while start > 0 and steps[start - 1].present:
        start -= 1
    return steps[start : end + 1]


# --- runs: attribution, compressed ---------------------------------------------------

_Run = tuple[int, int]
"""(length, index in the walk of the draft that wrote these characters)."""


def _push(runs: list[_Run], length: int, draft: int) -> None:
    """Append, merging with the last run when it is the same draft's."""
    if length <= 0:
        return
    if runs and runs[-1][1] == draft:
        runs[-1] = (runs[-1][0] + length, draft)
    else:
        runs.append((length, draft))


def _extend(runs: list[_Run], more: Sequence[_Run]) -> None:
    for length, draft in more:
        _push(runs, length, draft)


class _Cursor:
    """Reads runs from the start, a number of characters at a time: diff segments come
    in text order, so one pass serves a whole diff."""

    def __init__(self, runs: Sequence[_Run]) -> None:
        self._runs = runs
        self._k = 0
        self._used = 0

    def take(self, n: int) -> list[_Run]:
        out: list[_Run] = []
        while n > 0 and self._k < len(self._runs):
            length, draft = self._runs[self._k]
            got = min(n, length - self._used)
            _push(out, got, draft)
            n -= got
            self._used += got
            if self._used == length:
                self._k, self._used = self._k + 1, 0
        if n:
            raise RuntimeError("attribution shorter than its text: the walk lost characters")
        return out

    def finished(self) -> bool:
        return self._k == len(self._runs)


def _join(parts: Sequence[list[_Run]], fallback: int) -> list[_Run]:
    """Pieces' runs joined as `compare._joined` joins their texts: one line break
    between pieces, taking the draft of the text before it."""
    out: list[_Run] = []
    for n, part in enumerate(parts):
        if n:
            before = out[-1][1] if out else _first_draft(parts[n:], fallback)
            _push(out, 1, before)
        _extend(out, part)
    return out


def _first_draft(parts: Sequence[list[_Run]], fallback: int) -> int:
    return next((part[0][1] for part in parts if part), fallback)


def _cut(runs: list[_Run], lengths: Sequence[int]) -> list[list[_Run]]:
    """Joined runs back into pieces of these lengths, dropping the line breaks between."""
    cursor = _Cursor(runs)
    pieces: list[list[_Run]] = []
    for n, length in enumerate(lengths):
        if n:
            cursor.take(1)
        pieces.append(cursor.take(length))
    if not cursor.finished():
        raise RuntimeError("attribution longer than its text: the walk made up characters")
    return pieces


def _spans(runs: Sequence[_Run], drafts: Sequence[StoredDraft]) -> tuple[BlameSpan, ...]:
    spans: list[BlameSpan] = []
    at = 0
    for length, draft in runs:
        spans.append(BlameSpan(at, at + length, drafts[draft]))
        at += length
    return tuple(spans)


# --- the walk ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Removed:
    """A deletion found by one row's diff: where it stood, what, and who had written it."""

    now: int
    new_at: int
    text: str
    context: str
    by: tuple[int, ...]

    def deletion(self, drafts: Sequence[StoredDraft]) -> Deletion:
        introduced = tuple(drafts[k] for k in sorted(set(self.by)))
        return Deletion(drafts[self.now], drafts[self.now - 1], self.text, self.context, introduced)


_TEXT: Callable[[Provision], str] = attrgetter("text")
_HEADING: Callable[[Provision], str] = attrgetter("heading")

_Anchor = tuple[int, int]
"""(point between two characters of a provision's text, index of a `_Removed`): where a
deletion happened, followed through later drafts to know which piece of a later split
it belongs to."""


class _Attribution:
    """The drafts of every character of the provisions carrying the line, per eid, as
    the walk moves forward one draft at a time; and the deletions made in them.

    A deletion is anchored where it happened and the anchor is carried along like the
    text, so one made in a part of an article that a later draft split off into another
    article is not listed for this one."""

    def __init__(self, first: HistoryStep, options: DiffOptions) -> None:
        self.options = options
        self.text = {p.eid: _whole(len(p.text)) for p in first.provisions}
        self.heading = {p.eid: _whole(len(p.heading)) for p in first.provisions}
        self.anchors: dict[str, list[_Anchor]] = {p.eid: [] for p in first.provisions}
        self.removed: list[_Removed] = []

    def advance(self, step: HistoryStep, now: int) -> None:
        """Move to the next draft: through every row that reaches the line there."""
        carried = {p.eid for p in step.provisions}
        text: dict[str, list[_Run]] = {}
        heading: dict[str, list[_Run]] = {}
        anchors: dict[str, list[_Anchor]] = {}
        for row in step.changes:
            text.update(self._row_text(row, now, anchors))
            heading.update(self._through(row, _HEADING, row.heading, self.heading, now)[0])
        self.text = {eid: runs for eid, runs in text.items() if eid in carried}
        self.heading = {eid: runs for eid, runs in heading.items() if eid in carried}
        self.anchors = {eid: found for eid, found in anchors.items() if eid in carried}

    def deletions(self, eid: str, drafts: Sequence[StoredDraft]) -> tuple[Deletion, ...]:
        """The deletions whose anchors reached provision `eid`, in the order found."""
        kept = sorted(k for _, k in self.anchors[eid])
        return tuple(self.removed[k].deletion(drafts) for k in kept)

    def _row_text(
        self, row: ProvisionChange, now: int, anchors: dict[str, list[_Anchor]]
    ) -> dict[str, list[_Run]]:
        """The row's text attribution; its new deletions and the old anchors are placed
        in the new pieces (into `anchors`)."""
        pieces, segments, removed = self._through(row, _TEXT, row.text, self.text, now)
        points: list[_Anchor] = []
        offset = 0
        for p in row.old:
            points += [(_moved(offset + at, segments), k) for at, k in self.anchors[p.eid]]
            offset += len(p.text) + 1
        points += [(r.new_at, len(self.removed) + n) for n, r in enumerate(removed)]
        self.removed += removed
        offset = 0
        for p in row.new:
            end = offset + len(p.text)
            anchors[p.eid] = sorted((at - offset, k) for at, k in points if offset <= at <= end)
            offset = end + 1
        return pieces

    def _through(
        self,
        row: ProvisionChange,
        part: Callable[[Provision], str],
        segments: tuple[Segment, ...],
        before: dict[str, list[_Run]],
        now: int,
    ) -> tuple[dict[str, list[_Run]], tuple[Segment, ...], list[_Removed]]:
        """One row's old pieces put through its diff, cut into its new pieces.

        The comparison's own diff is used when it is the diff of exactly these texts
        (it always is, unless a cache went stale in a way the hashes missed); otherwise
        it is made again, so a wrong cache can cost time but never a character."""
        old = "\n".join(part(p) for p in row.old)
        new = "\n".join(part(p) for p in row.new)
        if old_text(segments) != old or new_text(segments) != new:
            segments = diff_texts(old, new, self.options)
        joined = _join([before[p.eid] for p in row.old], now - 1)
        runs, removed = _carry(segments, joined, old, now, self.options)
        pieces = _cut(runs, [len(part(p)) for p in row.new])
        by_eid = {p.eid: piece for p, piece in zip(row.new, pieces, strict=True)}
        return by_eid, segments, removed


def _moved(point: int, segments: Sequence[Segment]) -> int:
    """Where a point between two characters of a diff's old text is in its new text; a
    point where text was inserted stays before the insertion."""
    old_at = new_at = 0
    for s in segments:
        if s.op == INSERT:
            if point == old_at:
                return new_at
            new_at += len(s.new)
            continue
        end = old_at + len(s.old)
        if point <= end:
            return new_at + (min(point - old_at, len(s.new)) if s.op == EQUAL else 0)
        old_at = end
        new_at += len(s.new)
    return new_at


def _whole(length: int) -> list[_Run]:
    return [(length, 0)] if length else []


def _carry(
    segments: Sequence[Segment], runs: list[_Run], old: str, now: int, options: DiffOptions
) -> tuple[list[_Run], list[_Removed]]:
    """The new text's runs from the old text's, through one diff: equal text keeps its
    drafts, inserted text is draft `now`'s; deletions are returned, whitespace aside
    (a deleted space or line break changes no words, and would read as nothing)."""
    cursor = _Cursor(runs)
    out: list[_Run] = []
    removed: list[_Removed] = []
    old_at = new_at = 0
    for s in segments:
        if s.op == EQUAL:
            _extend(out, _kept(cursor.take(len(s.old)), s, now, options))
        elif s.op == DELETE:
            taken = cursor.take(len(s.old))
            if not s.old.isspace():
                by = tuple(draft for _, draft in taken)
                removed.append(_Removed(now, new_at, s.old, _context(old, old_at), by))
        else:
            _push(out, len(s.new), now)
        old_at += len(s.old) if s.op != INSERT else 0
        new_at += len(s.new) if s.op != DELETE else 0
    return out, removed


def _context(text: str, at: int, words: int = CONTEXT_WORDS) -> str:
    """The last `words` words before `at`, with the punctuation stuck to the first."""
    before = text[max(0, at - 40 * words) : at]
    starts = [m.start() for m in WORD.finditer(before)]
    cut = starts[-words] if len(starts) >= words else (starts[0] if starts else len(before))
    while cut > 0 and not before[cut - 1].isspace():
        cut -= 1
    return before[cut:]


# --- equal text under options that ignore something ----------------------------------


def _kept(taken: list[_Run], s: Segment, now: int, options: DiffOptions) -> list[_Run]:
    """The drafts of an equal segment's new side.

    The sides are the same text, except under options that ignore case, whitespace or
    punctuation. Then both sides are cut into the same number of groups (a compared
    token and the ignored tokens after it, as `drafts.comparing.diff` lets them ride along) and
    each new group takes its old group's drafts: all of them when the group's text is
    the same, else the draft of its compared token."""
    if s.old == s.new:
        return taken
    if not s.old:
        return [(len(s.new), now)]
    old_groups, new_groups = _groups(s.old, options), _groups(s.new, options)
    drafts = [draft for length, draft in taken for _ in range(length)]
    if len(old_groups) != len(new_groups) or not old_groups:
        return [(len(s.new), drafts[0])]
    out: list[_Run] = []
    for (o_start, o_key, o_end), (n_start, _, n_end) in zip(old_groups, new_groups, strict=True):
        if s.old[o_start:o_end] == s.new[n_start:n_end]:
            for draft in drafts[o_start:o_end]:
                _push(out, 1, draft)
        else:
            _push(out, n_end - n_start, drafts[o_key])
    return out


def _groups(text: str, options: DiffOptions) -> list[tuple[int, int, int]]:
    """(start, start of the compared token, end) of each group of `text`; the first
    group also holds any ignored tokens before the first compared one."""
    keys = [m.start() for m in TOKEN.finditer(text) if not _ignored(m.group(), options)]
    starts = [0, *keys[1:]]
    ends = [*keys[1:], len(text)]
    return list(zip(starts, keys, ends, strict=False))


def _ignored(token: str, options: DiffOptions) -> bool:
    """Whether the diff leaves `token` out of the comparison (the rule of `comparing.diff`)."""
    if token.isspace():
        return options.ignore_whitespace
    return options.ignore_punctuation and WORD.fullmatch(token) is None


# --- JSON ------------------------------------------------------------------------------


def blame_json(b: Blame) -> dict[str, Any]:
    """The JSON shape of a blame (for `blame --json`). Offsets are code points: "spans"
    into "text", "heading_spans" into the provision's "heading". Drafts are named by
    id and described once, in "drafts":

        {
          "provision": {"draft": 5, "eid": "art_24", "num": "Article 24",
                        "heading": "Conditions and safeguards"},
          "negotiation": "...",
          "options": "exact",
          "drafts": [{"id", "label", "date", "symbol", "negotiation"}, ...],
          "text": "1. Each State Party ...",
          "spans": [{"start": 0, "end": 312, "draft": 1}, ...],
          "heading_spans": [{"start": 0, "end": 25, "draft": 1}],
          "by_draft": [{"draft": 1, "chars": 812, "words": 130}, ...],
          "deletions": [{"draft": 4, "since": 3, "introduced": [2, 3],
                         "text": ", necessity [and proportionality]",
                         "context": "the principles of legality"}, ...]
        }

    "drafts" lists the drafts the provision's line is in, oldest first, and "by_draft"
    follows it; "spans" tile "text" in order, neighbours always of different drafts;
    "deletions" are in negotiation order, then text order.
    """
    return {
        "provision": {
            "draft": b.draft.id,
            "eid": b.provision.eid,
            "num": b.provision.num,
            "heading": b.provision.heading,
        },
        "negotiation": b.draft.negotiation,
        "options": b.options.key(),
        "drafts": [draft_json(d) for d in b.drafts],
        "text": b.text,
        "spans": [_span_json(s) for s in b.spans],
        "heading_spans": [_span_json(s) for s in b.heading_spans],
        "by_draft": [
            {"draft": share.draft.id, "chars": share.chars, "words": share.words}
            for share in b.by_draft()
        ],
        "deletions": [
            {
                "draft": d.draft.id,
                "since": d.since.id,
                "introduced": [i.id for i in d.introduced],
                "text": d.text,
                "context": d.context,
            }
            for d in b.deletions
        ],
    }


def _span_json(s: BlameSpan) -> dict[str, int]:
    return {"start": s.start, "end": s.end, "draft": s.draft.id}
