"""What numbers, placeholders and places say about which provision became which.

Words decide most pairings (`align`); these decide the rest. A placeholder ("[deleted]",
"(weggefallen)") says nothing of what it was but its number; a deleted and an added
provision of one number between the same surviving neighbours are one provision
rewritten; and the identical provisions that keep their order are landmarks, between
which a left-over provision is expected to stay.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Protocol

from drafts.comparing.order import longest_rising
from drafts.model import Provision

SLOT_EVIDENCE = 0.25
"""Least weighted similarity for a deleted and an added provision of one number in one
slot to be paired as rewritten: the rewrites of the German criminal code's §§ 76a,
108e, 172, 233a and 261 between 2012 and 2018 score 0.26 to 0.35; two different offences
that share only the boilerplate of their opening words, 0.21."""

PLACEHOLDERS = frozenset(
    {
        "deleted",
        "repealed",
        "omitted",
        "void",
        "weggefallen",
        "aufgehoben",
        "abrogado",
        "derogado",
        "suprimido",
        "abrogé",
        "abrogée",
        "supprimé",
        "abrogato",
        "soppresso",
        "vervallen",
    }
)
"""What a provision that only marks where one was says (casefolded, brackets aside)."""

PLACEHOLDER_CHARS = 40
"""A text longer than this is never a placeholder (and is not looked at further)."""

_WORD = re.compile(r"\w+")


class Linked(Protocol):
    """A link as far as places are concerned: its old and new provisions' indices."""

    @property
    def old(self) -> tuple[int, ...]: ...

    @property
    def new(self) -> tuple[int, ...]: ...


def is_placeholder(provision: Provision, text: str | None = None) -> bool:
    """Whether the provision only marks where one was: its text one of `PLACEHOLDERS`
    (in brackets or not) or only dashes or dots, whatever its heading; or, with no
    text, its heading such a placeholder. `text` is its text, if already joined."""
    text = provision.text if text is None else text
    if text.strip():
        return _says_placeholder(text)
    return _says_placeholder(provision.heading)


def _says_placeholder(text: str) -> bool:
    raw = text.strip()
    if not raw or len(raw) > PLACEHOLDER_CHARS:
        return False
    if not raw.strip("-–—….[]() "):
        return True
    return re.sub(r"[\s\[\]()*_,;:.]+", " ", raw).strip().casefold() in PLACEHOLDERS


def label(text: str) -> str:
    """A number or heading as compared between drafts: case, spaces and punctuation
    aside ("Article 7." and "article 7" agree)."""
    return " ".join(_WORD.findall(text.casefold()))


def placeholder_pairs(
    old: Sequence[Provision],
    new: Sequence[Provision],
    texts: tuple[Sequence[str], Sequence[str]],
    rest_old: list[int],
    rest_new: list[int],
) -> list[tuple[int, int]]:
    """Each new placeholder with the left-over old provision (not a placeholder itself)
    it stands for: the one of its number, in the same containers if the number recurs
    (sections of each schedule), with the same eId if that still leaves several; an
    unnumbered placeholder (a preamble, an annex) with the one of its eId."""
    old_texts, new_texts = texts
    placeholders = [j for j in rest_new if is_placeholder(new[j], new_texts[j])]
    if not placeholders:
        return []
    by_num: dict[str, list[int]] = defaultdict(list)
    for i in rest_old:
        if not is_placeholder(old[i], old_texts[i]):
            by_num[label(old[i].num) if old[i].num else f"#{old[i].eid}"].append(i)
    pairs = []
    taken: set[int] = set()
    for j in placeholders:
        p = new[j]
        found = [
            i for i in by_num.get(label(p.num) if p.num else f"#{p.eid}", []) if i not in taken
        ]
        if len(found) > 1:
            found = [i for i in found if old[i].containers == p.containers]
        if len(found) > 1:
            found = [i for i in found if old[i].eid == p.eid]
        if len(found) == 1:
            pairs.append((found[0], j))
            taken.add(found[0])
    return pairs


def same_slot_pairs(
    old: Sequence[Provision],
    new: Sequence[Provision],
    links: Sequence[Linked],
    similarity: Callable[[int, int], float],
) -> list[tuple[int, int]]:
    """A deleted and an added provision of the same number between the same two
    surviving neighbours are one provision, rewritten: "§ 172 Doppelehe" became
    "§ 172 Doppelehe; doppelte Lebenspartnerschaft" with three times the words, too
    few of them shared to pair on, but nothing else can have become of it. Only a
    number unique in its slot on both sides counts, with a `similarity` of at least
    `SLOT_EVIDENCE`; placeholders keep their own rule. Such a link is always under
    `CONFIDENT_SIMILARITY` (else it would have paired already): the reader is told
    to look twice. Returns the (old, new) pairs so made, from `links` so far.
    """
    partner = {link.old[0]: link.new[0] for link in links if len(link.old) == len(link.new) == 1}
    kept_new = sorted(partner.values())
    deleted = [link.old[0] for link in links if not link.new and len(link.old) == 1]
    added = [link.new[0] for link in links if not link.old and len(link.new) == 1]
    if not deleted or not added:
        return []

    def slot_of_old(i: int) -> tuple[int, int]:
        before = max((partner[k] for k in partner if k < i), default=-1)
        after = min((partner[k] for k in partner if k > i), default=len(new))
        return before, after

    def slot_of_new(j: int) -> tuple[int, int]:
        before = max((k for k in kept_new if k < j), default=-1)
        after = min((k for k in kept_new if k > j), default=len(new))
        return before, after

    def key(p: Provision) -> str:
        return label(p.num) if p.num and not is_placeholder(p) else ""

    olds: dict[tuple[tuple[int, int], str], list[int]] = defaultdict(list)
    for i in deleted:
        if key(old[i]):
            olds[(slot_of_old(i), key(old[i]))].append(i)
    news: dict[tuple[tuple[int, int], str], list[int]] = defaultdict(list)
    for j in added:
        if key(new[j]):
            news[(slot_of_new(j), key(new[j]))].append(j)
    return [
        (found[0], news[slot][0])
        for slot, found in olds.items()
        if len(found) == 1
        and len(news.get(slot, ())) == 1
        and similarity(found[0], news[slot][0]) >= SLOT_EVIDENCE
    ]


def landmarks(identical: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The identical pairs that keep their order (a longest such chain), as their old
    and their new positions, both rising: where a left-over provision is expected."""
    ordered = sorted(identical)
    chain = sorted(longest_rising([j for _, j in ordered]))
    return [ordered[k][0] for k in chain], [ordered[k][1] for k in chain]


def in_slot(marks: tuple[list[int], list[int]], i: int, j: int, new_count: int) -> bool:
    """Whether new provision j lies between the new places of the landmarks (`marks`,
    from `landmarks`) around old provision i, in a new draft of `new_count`."""
    olds, news = marks
    k = bisect_left(olds, i)
    before = news[k - 1] if k else -1
    after = news[k] if k < len(news) else new_count
    return before < j < after
