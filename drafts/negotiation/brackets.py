"""Square brackets in negotiating drafts: the text that is not yet agreed.

UN-style drafts put every unagreed passage in [square brackets], nested when a
delegation brackets part of a bracketed passage ("[shall [, in accordance with domestic
law,] ensure]") and side by side for alternatives ("[shall][may]", "[Option 1: ...]").
This module finds them, so the app can count them per provision and per draft and
show them distinctly.

It never guesses. The scan is a single pass with a stack: a "[" that is never closed
yields no `Bracket` (where it should end is exactly what we do not know) and a "]" with
nothing open is ignored; both are reported as a `BracketProblem` whose message names
the line and column, so the importer and the command line can show it as it is.

What is not a negotiation bracket (see `Reference`): a footnote reference ("crime.[12]")
and a law-report year ("[2019] UKSC 12"). Everything else in brackets counts, including
"[...]" (a placeholder still to be filled in), "[]" and "State[s]" (see
`Bracket.in_word`). Notes are not scanned: see `provision_brackets`.

Offsets are code points, as everywhere in the core.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from drafts.comparing.diff import WORD
from drafts.model import Provision

UNCLOSED, UNOPENED = "unclosed", "unopened"
FOOTNOTE, CITATION = "footnote", "citation"

_MARK = re.compile(r"[\[\]]")

_FOOTNOTE = re.compile(r"\[\d{1,3}\]")
"""One to three digits: "[1]", "[12]". Only when the "[" touches a word or punctuation
mark, as footnote references are printed ("crime.[12]", "crime[1][2]"): "within [30]
days" and "[90][180] days" are numbers still under negotiation and stay brackets."""

_CITATION = re.compile(r"\[(?:1[5-9]|20)\d\d\](?=[ \t\u00a0]+(?:\d+[ \t\u00a0]+)?[A-Z])")
"""A year followed by a law report: "[2019] UKSC 12", "[2019] 1 WLR 123"."""

_LABEL = (
    r"(?:Option|OPTION|Alternative|ALTERNATIVE|Variant|VARIANT|Alt|ALT)\.?[ \t\u00a0]?"
    r"(?:\d{1,3}|[IVX]{1,4}|[A-Z])(?!\w)"
)
_LABEL_INSIDE = re.compile(rf"\[\s*({_LABEL})")
_LABEL_LINE = re.compile(rf"[ \t]*(?:\d{{1,3}}\.|\(\w{{1,5}}\))?[ \t]*({_LABEL})[ \t]*[:.–—-]?\s*")
"""A line prefix that is only a label, maybe after a paragraph number: "Option 1:",
"2. Alt. B", so that "Option 1: Each State Party shall [may]" does not label "[may]"."""


@dataclass(frozen=True)
class Bracket:
    """One matched pair: `text[start]` is its "[" and `text[end - 1]` its "]"."""

    start: int
    end: int
    depth: int
    """1 for an outermost bracket, 2 for one inside it, and so on."""
    option: str | None = None
    """The alternative's label ("Option 1", "Alt. 2", "Alternative A") when it stands
    right after the "[", alone before it on its line, or alone on the line before."""
    alternative: bool = False
    """Labelled, or glued to a sibling with nothing between ("[shall][may]"): how UN
    drafts write alternatives. A glued addition ("[x][, as defined by law]") is counted
    too; telling them apart needs a reader."""
    in_word: bool = False
    """A bracket inside a word, with no space in it: "State[s]", "Part[y][ies]". Still
    unagreed text, since in a negotiating draft it follows a choice not yet made (one
    State or several), so it is counted; the flag lets a view show it more lightly."""


@dataclass(frozen=True)
class BracketProblem:
    """An unbalanced bracket: an "[" never closed or a "]" never opened."""

    position: int
    kind: str
    message: str
    """"line 3, column 14: '[' is never closed", 1-based, ready to show."""


@dataclass(frozen=True)
class Reference:
    """Brackets that are not negotiation: a footnote reference or a law-report year."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class BracketScan:
    """The brackets of one text, ordered by start (so a bracket precedes those inside
    it). Every "[" of the text is exactly one of: a bracket's, an unclosed problem's, a
    reference's; and every "]" a bracket's, an unopened problem's or a reference's."""

    brackets: tuple[Bracket, ...]
    problems: tuple[BracketProblem, ...] = ()
    references: tuple[Reference, ...] = ()
    length: int = 0
    """The length of the scanned text, so that `share` needs nothing else."""

    @property
    def outermost(self) -> tuple[Bracket, ...]:
        return tuple(b for b in self.brackets if b.depth == 1)

    @property
    def nested(self) -> tuple[Bracket, ...]:
        return tuple(b for b in self.brackets if b.depth > 1)

    @property
    def bracketed_chars(self) -> int:
        """Characters inside outermost brackets, the brackets included."""
        return sum(b.end - b.start for b in self.outermost)

    @property
    def share(self) -> float:
        """The share of the text's characters that are bracketed; 0.0 for no text."""
        return self.bracketed_chars / self.length if self.length else 0.0

    @property
    def is_balanced(self) -> bool:
        return not self.problems

    def spans(self, depth: int | None = None) -> tuple[tuple[int, int], ...]:
        """(start, end) of every bracket, or of those at `depth`: what a view highlights."""
        return tuple((b.start, b.end) for b in self.brackets if depth in (None, b.depth))


def scan(text: str) -> BracketScan:
    """The brackets of `text`, and its unbalanced ones as problems. Never raises."""
    opened: list[int] = []
    pairs: list[tuple[int, int]] = []
    references: list[Reference] = []
    unopened: list[int] = []
    skip_to = 0
    for mark in _MARK.finditer(text):
        position = mark.start()
        if position < skip_to:
            continue
        if text[position] == "]":
            if opened:
                pairs.append((opened.pop(), position + 1))
            else:
                unopened.append(position)
        elif reference := _reference(text, position, references):
            references.append(reference)
            skip_to = reference.end
        else:
            opened.append(position)
    problems = [_problem(text, p, UNCLOSED) for p in opened]
    problems += [_problem(text, p, UNOPENED) for p in unopened]
    problems.sort(key=lambda p: p.position)
    return BracketScan(_brackets(text, pairs), tuple(problems), tuple(references), len(text))


def _reference(text: str, position: int, before: Sequence[Reference]) -> Reference | None:
    """The reference opening at `position`, if it is one; `before` are those found so far."""
    if match := _CITATION.match(text, position):
        return Reference(position, match.end(), CITATION)
    previous = text[position - 1 : position]
    after_reference = bool(before) and before[-1].end == position
    touching = bool(previous) and previous not in "[]" and not previous.isspace()
    if (touching or after_reference) and (match := _FOOTNOTE.match(text, position)):
        return Reference(position, match.end(), FOOTNOTE)
    return None


def _problem(text: str, position: int, kind: str) -> BracketProblem:
    line = text.count("\n", 0, position) + 1
    column = position - text.rfind("\n", 0, position)
    what = "'[' is never closed" if kind == UNCLOSED else "']' has no matching '['"
    return BracketProblem(position, kind, f"line {line}, column {column}: {what}")


def _brackets(text: str, pairs: Iterable[tuple[int, int]]) -> tuple[Bracket, ...]:
    """Brackets from matched pairs, with depths counted from the pairs themselves, so
    that an unclosed "[" around a pair does not deepen it."""
    ordered = sorted(pairs, key=lambda p: (p[0], -p[1]))
    glued = {end for _, end in ordered} & {start for start, _ in ordered}
    brackets: list[Bracket] = []
    ends: list[int] = []
    in_word_ends: set[int] = set()
    for start, end in ordered:
        while ends and ends[-1] <= start:
            ends.pop()
        ends.append(end)
        option = _option(text, start)
        in_word = _in_word(text, start, end, glued_to_word=start in in_word_ends)
        if in_word:
            in_word_ends.add(end)
        alternative = option is not None or start in glued or end in glued
        brackets.append(Bracket(start, end, len(ends), option, alternative, in_word))
    return tuple(brackets)


def _in_word(text: str, start: int, end: int, glued_to_word: bool) -> bool:
    if any(c.isspace() for c in text[start + 1 : end - 1]):
        return False
    before = start > 0 and text[start - 1].isalpha()
    after = end < len(text) and text[end].isalpha()
    return before or after or glued_to_word


def _option(text: str, start: int) -> str | None:
    """The label of the alternative opening at `start`: right after its "[", alone
    before it on its line, or alone on the line before (then the "[" opens its line)."""
    if inside := _LABEL_INSIDE.match(text, start):
        return _tidy(inside.group(1))
    line_start = text.rfind("\n", 0, start) + 1
    if same_line := _LABEL_LINE.fullmatch(text, line_start, start):
        return _tidy(same_line.group(1))
    if line_start == 0 or text[line_start:start].strip():
        return None
    previous_start = text.rfind("\n", 0, line_start - 1) + 1
    if previous := _LABEL_LINE.fullmatch(text, previous_start, line_start - 1):
        return _tidy(previous.group(1))
    return None


def _tidy(label: str) -> str:
    return " ".join(label.split())


@dataclass(frozen=True)
class ProvisionBrackets:
    """The brackets of one provision's heading and text.

    Word counts use `drafts.comparing.diff.WORD`, as the diff's do; a word is bracketed when it
    lies inside an outermost bracket (no word can straddle one: "[" is not a letter).
    """

    eid: str
    name: str
    """What a reader calls the provision ("Article 24"), to name it in problems."""
    heading: BracketScan
    text: BracketScan
    words: int
    bracketed_words: int

    @property
    def scans(self) -> tuple[tuple[str, BracketScan], ...]:
        return (("heading", self.heading), ("text", self.text))

    @property
    def brackets(self) -> int:
        """Outermost brackets: the passages a reader would count."""
        return sum(len(s.outermost) for _, s in self.scans)

    @property
    def nested(self) -> int:
        return sum(len(s.nested) for _, s in self.scans)

    @property
    def alternatives(self) -> int:
        return sum(b.alternative for _, s in self.scans for b in s.brackets)

    @property
    def has_brackets(self) -> bool:
        return self.brackets > 0

    @property
    def word_share(self) -> float:
        return self.bracketed_words / self.words if self.words else 0.0

    @property
    def problems(self) -> tuple[str, ...]:
        """Each problem, naming the provision: "Article 24, text: line 2, column 5: ...\""""
        return tuple(
            f"{self.name}, {where}: {p.message}" for where, s in self.scans for p in s.problems
        )


def provision_brackets(provision: Provision) -> ProvisionBrackets:
    """The brackets of a provision's heading and text.

    Notes are left out: a footnote is the secretariat's or the chair's commentary on the
    text ("Option 2 reflects a proposal by..."), not text under negotiation, and the
    brackets in it ("OJ C[...]") would inflate what is left to agree.
    """
    heading, text = scan(provision.heading), scan(provision.text)
    words, bracketed = _word_counts(provision.heading, heading)
    text_words, text_bracketed = _word_counts(provision.text, text)
    return ProvisionBrackets(
        provision.eid,
        provision.num or provision.eid,
        heading,
        text,
        words + text_words,
        bracketed + text_bracketed,
    )


def _word_counts(text: str, found: BracketScan) -> tuple[int, int]:
    """(words, bracketed words) of `text`, walking words and outermost spans together."""
    spans = found.spans(depth=1)
    words = bracketed = index = 0
    for word in WORD.finditer(text):
        words += 1
        while index < len(spans) and spans[index][1] <= word.start():
            index += 1
        if index < len(spans) and spans[index][0] < word.start():
            bracketed += 1
    return words, bracketed


@dataclass(frozen=True)
class DraftAgreement:
    """How much of a draft is still in brackets: what the per-draft chart plots."""

    provisions: tuple[ProvisionBrackets, ...]

    @property
    def bracketed(self) -> tuple[ProvisionBrackets, ...]:
        """The provisions with at least one bracket."""
        return tuple(p for p in self.provisions if p.has_brackets)

    @property
    def provision_share(self) -> float:
        """The share of provisions with brackets; 0.0 for a draft without provisions."""
        return len(self.bracketed) / len(self.provisions) if self.provisions else 0.0

    @property
    def brackets(self) -> int:
        return sum(p.brackets for p in self.provisions)

    @property
    def words(self) -> int:
        return sum(p.words for p in self.provisions)

    @property
    def bracketed_words(self) -> int:
        return sum(p.bracketed_words for p in self.provisions)

    @property
    def word_share(self) -> float:
        return self.bracketed_words / self.words if self.words else 0.0

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(message for p in self.provisions for message in p.problems)


def draft_agreement(provisions: Sequence[Provision]) -> DraftAgreement:
    return DraftAgreement(tuple(provision_brackets(p) for p in provisions))
