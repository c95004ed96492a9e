"""Where an annotated passage is in another draft: W3C text selectors and re-anchoring.

An annotation made on one draft's provision must follow its words into other drafts,
whose text has been edited around and inside them. A passage is kept as the two W3C Web
Annotation selectors (a `TextPositionSelector`, start and end, and a `TextQuoteSelector`,
the exact words with some context each side). To re-anchor it, the old and new texts
are first aligned (`Alignment`): a word diff without the clean-up of the diff Travaux
shows, so that every kept word counts as evidence, with paragraphs that moved followed
to where they went. Then, most certain first:

1. **Exact, vouched**: the diff says the annotated words are kept, all of them, side by
   side: the quote at the place the diff maps it to.
2. **Exact, by the quote**: the quote occurs where the diff cannot vouch for it (moved,
   or rewritten around). An occurrence holding words the diff keeps from elsewhere is
   another instance of the phrase; the rest must fit the annotation's context better
   than the context of any other occurrence of the quote in the old text, and clearly
   better than each other.
3. **Fuzzy, by the diff**: from the first to the last annotated word the diff kept, if
   that still reads like the quote (`SIMILARITY`).
4. **Fuzzy, by search**: diff-match-patch's `match_main` (Bitap) near the predicted
   place, for a passage the diff lost, checked like stage 3 and against its context.

Anything else is orphaned, never guessed: a highlight on the wrong words is worse than
an annotation listed as "no longer in this draft". So only stage 1 is trusted for a
paragraph the diff may have confused with a look-alike (`Alignment.lookalike`), nothing
for one it visibly sent to the wrong paragraph (`Alignment.misled`), and only the exact
stages for a provision the comparison paired on weak evidence. Offsets are code points,
as Python counts them; the viewer converts to UTF-16 where Qt needs it.

The thresholds were measured with tests/benchmarks/bench_anchoring.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

import fast_diff_match_patch
from diff_match_patch import diff_match_patch

from drafts.annotating.text_alignment import Alignment, alignment
from drafts.comparing.compare import ProvisionChange
from drafts.comparing.diff import WORD as _WORDS
from drafts.comparing.diff import code_map
from drafts.model import Provision

_WORD_CHAR = re.compile(r"\w")

CONTEXT = 32
"""Characters of context kept each side of a quote (the prefix and suffix)."""

SIMILARITY = 0.5
"""Least word similarity (Dice: 2 x kept words / (quote words + found words)) between a
quote and the text a fuzzy match found. Measured (bench_anchoring --sweep, 5,000
annotations at five strengths): with no floor at all, none of the 2,141 fuzzy matches
was misplaced, since the diff stage only ever spans annotated words, so the floor is not
what keeps anchors off wrong words. It says when an edited passage is still the passage:
at 0.5 a three-word quote survives one changed word, a ten-word quote five, and the 1%
of matches below it, remnants of fewer than half the words, are reported as gone."""

MATCH_THRESHOLD = 0.5
"""diff-match-patch's `Match_Threshold` for the `match_main` stage (its default): the
share of the quote's characters in error, plus distance, that Bitap accepts. Measured
with the search doing all the fuzzy work (bench_anchoring --sweep): 0 misplaced at 0.2,
0.3, 0.35, 0.4 and 0.5 alike (the similarity and context checks refuse bad finds), and
0.5 finds the most (1,055 matches against 715 at 0.2), for 14 ms at the 90th percentile
against 9 ms. A looser threshold would only find what the similarity floor refuses."""

CONTEXT_SUPPORT = 0.5
"""Least similarity of at least one side's context (prefix or suffix, 0..1) for a match
that the diff does not vouch for: an exact occurrence in rewritten text, or a `match_main`
find. A passage moved with its surroundings keeps at least one side."""

CONTEXT_MARGIN = 0.1
"""How much better (in prefix plus suffix similarity, 0..2) the best of several
occurrences of a quote must fit the annotation's context to be chosen over the others."""

ORPHANED = "this text is no longer in this draft"
"""What a reader is told about an annotation that could not be re-anchored."""

EXACT_METHOD, FUZZY_METHOD, PROVISION_METHOD = "exact", "fuzzy", "provision"

# --- selectors and results ----------------------------------------------------------


@dataclass(frozen=True)
class TextSelector:
    """A passage of a provision's text, as both W3C selectors describe it.

    `start` and `end` are the TextPositionSelector (code points, end exclusive);
    `exact`, `prefix` and `suffix` the TextQuoteSelector. Both are kept because each
    covers the other's weakness: a position survives a repeated phrase, a quote survives
    an edit before the passage.
    """

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def select(text: str, start: int, end: int) -> TextSelector:
    """The selectors of `text[start:end]`, with `CONTEXT` characters each side."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"range {start}..{end} is outside a text of {len(text)} characters")
    return TextSelector(
        start,
        end,
        text[start:end],
        text[max(0, start - CONTEXT) : start],
        text[end : end + CONTEXT],
    )


@dataclass(frozen=True)
class Span:
    """Where a passage was found in a text: `method` is "exact" or "fuzzy"."""

    start: int
    end: int
    method: str


@dataclass(frozen=True)
class Lost:
    """A passage that could not be found, and why (a sentence for the reader)."""

    reason: str


@dataclass(frozen=True)
class Anchored:
    """An annotation placed in a shown draft: provision `eid`, characters start..end.

    `method` says how sure: "exact" (the very words), "fuzzy" (the words, edited), or
    "provision" (a whole-provision annotation, on the provision it became).
    `carried_from` is the id of the draft the annotation was made in, when that is not
    the shown draft.
    """

    eid: str
    start: int
    end: int
    method: str
    carried_from: int | None = None


@dataclass(frozen=True)
class Orphaned:
    """An annotation that has no place in the shown draft: `reason` says why."""

    reason: str
    carried_from: int | None = None


Placement = Anchored | Orphaned

# --- re-anchoring a passage in a new text -------------------------------------------


def reanchor(selector: TextSelector, old: str, new: str, exact_only: bool = False) -> Span | Lost:
    """Find the passage `selector` marks in `old` again in `new`, or say it is gone.

    `exact_only` leaves out the fuzzy stages: for a provision paired on weak evidence,
    only the annotated words themselves are trusted."""
    if old[selector.start : selector.end] != selector.exact:
        return Lost("the annotation does not match its own draft's text")
    if old == new:
        return Span(selector.start, selector.end, EXACT_METHOD)
    if not selector.exact:
        return _empty_passage(selector, alignment(old, new))
    align = alignment(old, new)
    if align.misled(selector.start, selector.end):
        return Lost(ORPHANED)
    vouched = _vouched(selector, align)
    if vouched:
        return vouched
    if align.lookalike(selector.start, selector.end):
        return Lost(ORPHANED)
    found = _exact(selector, align)
    if found is None and not exact_only:
        found = _by_diff(selector, align) or _by_search(selector, align)
    return found or Lost(ORPHANED)


def _empty_passage(selector: TextSelector, align: Alignment) -> Span | Lost:
    """An empty passage (the point where a change inserted text) survives only where
    the diff keeps its context on both sides, so that the point is the same."""
    before = list(align.kept(selector.start - 1, selector.start)) if selector.start else [None]
    after = (
        list(align.kept(selector.end, selector.end + 1))
        if selector.end < len(align.old)
        else [None]
    )
    if before and after:
        at = align.to_new(selector.start)
        return Span(at, at, EXACT_METHOD)
    return Lost(ORPHANED)


def _vouched(selector: TextSelector, align: Alignment) -> Span | None:
    """Stage 1: the quote where the diff says its very words are."""
    size = len(selector.exact)
    for at in _occurrences(selector, align.new):
        if align.maps_whole(selector.start, selector.end, at):
            return Span(at, at + size, EXACT_METHOD)
    return None


def _exact(selector: TextSelector, align: Alignment) -> Span | None:
    """Stage 2: an occurrence of the quote the diff does not vouch for (moved, or
    rewritten around). It must hold no word kept from elsewhere, have one side of its
    context like the annotation's (`CONTEXT_SUPPORT`), fit the annotation's context
    better than that of any other occurrence of the quote in the old text (else it may
    be that one), and fit clearly better (`CONTEXT_MARGIN`) than any other candidate."""
    size = len(selector.exact)
    twins = [
        select(align.old, at, at + size)
        for at in _occurrences(selector, align.old)
        if at != selector.start
    ]
    predicted = align.to_new(selector.start)
    ranked = []
    for at in _occurrences(selector, align.new):
        if align.foreign(at, at + size, selector.start, selector.end):
            continue
        context = _context(selector, align.new, at, at + size)
        if max(context) < CONTEXT_SUPPORT:
            continue
        if any(sum(_context(t, align.new, at, at + size)) >= sum(context) for t in twins):
            continue
        ranked.append((sum(context), -abs(at - predicted), at))
    ranked.sort(reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[1][0] > ranked[0][0] - CONTEXT_MARGIN):
        return None
    return Span(ranked[0][2], ranked[0][2] + size, EXACT_METHOD)


def _occurrences(selector: TextSelector, text: str) -> Iterator[int]:
    """Where the quote occurs in `text` on the same word boundaries as in its own text:
    "on an equitable basis" is not in "Constitution an equitable basis"."""
    quote = selector.exact
    at = text.find(quote)
    while at >= 0:
        if _edges(text[at - 1 : at] if at else "", quote, text[at + len(quote) :][:1]) == _edges(
            selector.prefix[-1:], quote, selector.suffix[:1]
        ):
            yield at
        at = text.find(quote, at + 1)


def _edges(before: str, quote: str, after: str) -> tuple[bool, bool]:
    """Whether a quote is glued to a word character before it and after it."""
    glued_before = bool(before) and _joins(before, quote[:1])
    glued_after = bool(after) and _joins(quote[-1:], after)
    return glued_before, glued_after


def _joins(left: str, right: str) -> bool:
    return bool(_WORD_CHAR.match(left) and _WORD_CHAR.match(right))


def _by_diff(selector: TextSelector, align: Alignment) -> Span | None:
    """Stage 3: from the first to the last annotated word the diff says was kept."""
    hull = align.kept_hull(selector.start, selector.end, CONTEXT)
    if hull is None:
        return None
    start, end = _snap(align.new, *hull, selector)
    if start >= end or align.foreign(start, end, selector.start, selector.end):
        return None  # a passage whose paragraphs went different ways
    if similarity(selector.exact, align.new[start:end]) < SIMILARITY:
        return None
    return Span(start, end, FUZZY_METHOD)


def _by_search(selector: TextSelector, align: Alignment) -> Span | None:
    """Stage 4: diff-match-patch's fuzzy search near the predicted place, checked."""
    predicted = align.to_new(selector.start)
    at = _matcher(len(align.new)).match_main(align.new, selector.exact, predicted)
    if at < 0:
        return None
    start, end = _extent(selector, align.new, at)
    if start >= end or align.foreign(start, end, selector.start, selector.end):
        return None
    if similarity(selector.exact, align.new[start:end]) < SIMILARITY:
        return None
    if max(_context(selector, align.new, start, end)) < CONTEXT_SUPPORT:
        return None
    return Span(start, end, FUZZY_METHOD)


def _matcher(text_length: int) -> diff_match_patch:
    """A Bitap matcher for quotes of any length (`Match_MaxBits = 0`: Python integers
    have no 32-bit limit) that weighs distance against the length of the text: a
    passage moved from one end of the provision to the other costs a quarter of the
    threshold's budget, so it can still be found if little else changed."""
    matcher = diff_match_patch()
    matcher.Match_MaxBits = 0
    matcher.Match_Threshold = MATCH_THRESHOLD
    matcher.Match_Distance = 4 * max(250, text_length)
    matcher.Diff_Timeout = 0
    return matcher


def _extent(selector: TextSelector, new: str, at: int) -> tuple[int, int]:
    """The end of a match that starts at `at`: the quote's last character carried
    through a character diff of the quote and the text from `at`, then both ends moved
    out to whole words when the quote was made of whole words."""
    quote = selector.exact
    window = new[at : at + 2 * len(quote) + CONTEXT]
    diffs = _matcher(len(window)).diff_main(quote, window, False)
    end = at + _matcher(0).diff_xIndex(diffs, len(quote) - 1) + 1
    return _snap(new, at, end, selector)


def _snap(text: str, start: int, end: int, selector: TextSelector) -> tuple[int, int]:
    """Move the ends of a found span out to whole space-separated words ("rights," with
    its comma), where the quote itself began and ended between such words: a passage a
    reader selected word by word is found word by word, never cut inside a word."""
    if not selector.prefix[-1:].strip():
        while start > 0 and not text[start - 1].isspace():
            start -= 1
    if not selector.suffix[:1].strip():
        while end < len(text) and not text[end].isspace():
            end += 1
    return start, end


def find_quote(selector: TextSelector, text: str) -> int | None:
    """Where the quote is in `text`, a text it was made on, whatever its position says:
    the occurrence (on the same word boundaries) whose context fits best, the nearest to
    the stated position among equals; None if the quote is not there, or if two
    occurrences fit equally well (that would be a guess). For selectors written by other
    tools, which may count positions differently."""
    ranked = sorted(
        (-sum(_context(selector, text, at, at + len(selector.exact))), abs(at - selector.start), at)
        for at in _occurrences(selector, text)
    )
    if not ranked or (len(ranked) > 1 and ranked[1][:2] == ranked[0][:2]):
        return None
    return ranked[0][2]


def similarity(quote: str, found: str) -> float:
    """Word similarity of two passages: 2 x kept words / (words of both), the kept words
    being the longest common sequence of words (no clean-up folds any away; 1.0 for
    two passages without words)."""
    a, b = _WORDS.findall(quote), _WORDS.findall(found)
    if not a and not b:
        return 1.0
    codes = code_map(a, b)
    ops = fast_diff_match_patch.diff(
        "".join(codes[w] for w in a),
        "".join(codes[w] for w in b),
        timelimit=0,
        checklines=False,
        cleanup="No",
        counts_only=True,
    )
    kept = sum(length for op, length in ops if op == "=")
    return 2 * kept / (len(a) + len(b))


def _context(selector: TextSelector, text: str, start: int, end: int) -> tuple[float, float]:
    """How alike the text around new[start:end] is to the quote's prefix and suffix."""
    prefix = text[max(0, start - len(selector.prefix)) : start]
    suffix = text[end : end + len(selector.suffix)]
    return _alike(selector.prefix, prefix), _alike(selector.suffix, suffix)


def _alike(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


# --- carrying an annotation through a comparison ------------------------------------


def find_change(changes: Sequence[ProvisionChange], eid: str) -> ProvisionChange | None:
    """The comparison row whose old side holds the provision `eid`."""
    return next((c for c in changes if any(p.eid == eid for p in c.old)), None)


def carry(
    change: ProvisionChange, eid: str, selector: TextSelector | None, carried_from: int
) -> Placement:
    """Place a passage of old provision `eid` (or, with no selector, the whole
    provision) in what the comparison row `change` says it became.

    For a split or merge the row's provisions are joined with line breaks, as the
    comparison diffs them, so words that moved to the other piece are followed too. A
    row paired on weak evidence (`uncertain`) carries only exact quotes.
    """
    if not change.new:
        return Orphaned(f"{ORPHANED}: {_names(change.old)} was deleted", carried_from)
    if selector is None:
        return Anchored(
            change.new[0].eid, 0, len(change.new[0].text), PROVISION_METHOD, carried_from
        )
    offset = _offset(change.old, eid)
    old, new = _joined(change.old), _joined(change.new)
    shifted = TextSelector(
        selector.start + offset,
        selector.end + offset,
        selector.exact,
        selector.prefix,
        selector.suffix,
    )
    found = reanchor(shifted, old, new, exact_only=change.uncertain)
    if isinstance(found, Lost):
        return Orphaned(found.reason, carried_from)
    return _in_piece(change, found, carried_from)


@lru_cache(maxsize=1024)
def _joined(provisions: tuple[Provision, ...]) -> str:
    """A side of a comparison row as the comparison diffs it: its provisions' texts
    joined by line breaks. Made once per row, as every annotation on it asks."""
    return "\n".join(p.text for p in provisions)


def _in_piece(change: ProvisionChange, found: Span, carried_from: int) -> Placement:
    """The piece of a split that holds the found span, in that piece's own offsets."""
    offset = 0
    for p in change.new:
        if found.start >= offset and found.end <= offset + len(p.text):
            return Anchored(
                p.eid, found.start - offset, found.end - offset, found.method, carried_from
            )
        offset += len(p.text) + 1
    return Orphaned(
        f"{ORPHANED}: its words are now divided between {_names(change.new)}", carried_from
    )


def _offset(provisions: Sequence[Provision], eid: str) -> int:
    """Where provision `eid` starts in the row's texts joined by line breaks."""
    offset = 0
    for p in provisions:
        if p.eid == eid:
            return offset
        offset += len(p.text) + 1
    raise ValueError(f"{eid} is not on the old side of this comparison row")


def _names(provisions: Sequence[Provision]) -> str:
    return " + ".join(p.num or p.eid for p in provisions)
