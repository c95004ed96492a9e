"""Test dossiers: a real draft, and a next draft derived from it by known operations.

Nobody records which article of a real negotiation became which, so the aligner's
precision and recall cannot be measured on real drafts alone. Here the next draft is made
from a real one by the operations negotiators perform (edit words, delete, insert, move,
split, merge, renumber), and what was done is kept as the truth to score the aligner by.

Everything is drawn from one `random.Random(seed)`, so a dossier is reproducible by its
seed, and nothing is chosen by iterating a set (string hashing varies between runs).
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from drafts.demo import demo_files
from drafts.model import Container, Draft, Line, Provision
from drafts.reading.akoma import read_draft

KINDS = ("unchanged", "modified", "renumbered", "moved", "split", "merged", "added", "deleted")

# A provision number with one integer in it: "Article 5", "5.", "Section 5", "(3)", "63A".
_NUM = re.compile(r"(?P<pre>\D*?)(?P<n>\d+)(?P<post>\D*)")
# The words of a text, for the draft's word distribution: no punctuation, no numbers.
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
# A token's leading and trailing punctuation, kept when its word is substituted.
_TOKEN = re.compile(r"(?P<lead>\W*)(?P<core>.*?)(?P<trail>\W*)", re.DOTALL)
_WRAPPERS = ("attachment", "component")
_EDITS = ("substitute", "insert", "delete")

Group = tuple[tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class Truth:
    """What became of some old provisions: the new provisions they became, and how."""

    from_eids: tuple[str, ...]  # () for added
    to_eids: tuple[str, ...]  # () for deleted
    kind: str  # one of KINDS


@dataclass(frozen=True)
class Dossier:
    """Two drafts and the truth between them: every old and new eid in exactly one Truth."""

    old: tuple[Provision, ...]
    new: tuple[Provision, ...]
    truth: tuple[Truth, ...]
    strength: float

    def of_kind(self, kind: str) -> tuple[Truth, ...]:
        return tuple(t for t in self.truth if t.kind == kind)


@dataclass(frozen=True)
class Scores:
    """Precision and recall over links, the (old eid, new eid) pairs the groups imply."""

    precision: float
    recall: float
    predicted: int
    true: int
    correct: int
    wrong: int


def derive(
    old: Sequence[Provision],
    strength: float,
    seed: int,
    *,
    moves: int = 2,
    splits: int = 2,
    merges: int = 2,
    insertions: int = 2,
    deletions: int = 2,
    edited_share: float = 0.5,
) -> Dossier:
    """The next draft of `old`: `edited_share` of its surviving provisions text-edited at
    `strength` (the share of their words edited), and the given numbers of structural
    operations, then every numbered provision renumbered consecutively.

    Structural operations touch numbered provisions only (not the preamble or an
    unnumbered annex), each provision at most one of them. Raises ValueError when the
    draft has too few provisions for what is asked.
    """
    if not 0.0 <= strength <= 1.0 or not 0.0 <= edited_share <= 1.0:
        raise ValueError("strength and edited_share are shares, between 0 and 1")
    old = tuple(old)
    rng = random.Random(seed)
    vocabulary = _Vocabulary(old)
    plan = _plan(old, rng, moves=moves, splits=splits, merges=merges, deletions=deletions)
    slots = _restructure(old, plan, rng, vocabulary)
    for _ in range(insertions):
        _insert(slots, rng, vocabulary, old)
    _edit_some(slots, strength, edited_share, rng, vocabulary)
    new = _renumber(slots, _series_of(old))
    return Dossier(old, new, _truth(old, slots, new, plan.deleted), strength)


def truth_pairs(dossier: Dossier) -> set[Group]:
    """The (from, to) groups of the truth that link old to new: all but added and deleted."""
    return {(t.from_eids, t.to_eids) for t in dossier.truth if t.from_eids and t.to_eids}


def links(groups: Iterable[Group]) -> set[tuple[str, str]]:
    """The (old eid, new eid) pairs a set of groups implies: a split 1→2 gives two."""
    return {(a, b) for from_eids, to_eids in groups for a in from_eids for b in to_eids}


def score(truth: Iterable[Truth], predicted: Iterable[Group]) -> Scores:
    """Score an aligner's groups against the truth, link by link.

    Links, not groups, so that an aligner that finds one half of a split gets half the
    credit, and one that calls a 1→2 split a 1→1 match loses recall but not precision.
    """
    true = links((t.from_eids, t.to_eids) for t in truth)
    claimed = links(predicted)
    correct = len(true & claimed)
    return Scores(
        precision=correct / len(claimed) if claimed else 1.0,
        recall=correct / len(true) if true else 1.0,
        predicted=len(claimed),
        true=len(true),
        correct=correct,
        wrong=len(claimed) - correct,
    )


# --- the draft's own language ------------------------------------------------------


class Chain:
    """A bigram chain over texts: recombines a draft's words into plausible new sentences."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.starts: list[str] = []
        self.follow: defaultdict[str, list[str]] = defaultdict(list)
        for text in texts:
            tokens = text.split()
            self.starts.extend(tokens[:1])
            for a, b in pairwise(tokens):
                self.follow[a].append(b)

    def sentence(self, rng: random.Random, length: int) -> str:
        if not self.starts or length <= 0:
            return ""
        words = [rng.choice(self.starts)]
        while len(words) < length:
            after = self.follow.get(words[-1])
            words.append(rng.choice(after) if after else rng.choice(self.starts))
        return " ".join(words)


class _Vocabulary:
    """The draft's words with their frequencies, so edits use its common legal words."""

    def __init__(self, provisions: Sequence[Provision]) -> None:
        texts = [line.text for p in provisions for line in p.lines]
        self.words = [w for text in texts for w in _WORD.findall(text)]
        self.text = Chain(texts)
        self.headings = Chain(p.heading for p in provisions if p.kind != "preamble")

    def word(self, rng: random.Random, other_than: str = "") -> str:
        """A word drawn by frequency; a substitution that changes nothing is no edit."""
        if not self.words:
            raise ValueError("the draft has no words to draw edits from")
        for _ in range(20):
            word = rng.choice(self.words)
            if word != other_than:
                return word
        return f"{other_than}s"


# --- structural operations ---------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    """Which old provisions each structural operation takes (disjoint)."""

    merged: tuple[tuple[str, str], ...]
    split: frozenset[str]
    moved: tuple[str, ...]
    deleted: frozenset[str]


@dataclass(eq=False)
class _Slot:
    """A provision of the next draft in the making, and the old eids it came from."""

    provision: Provision
    sources: tuple[str, ...]
    op: str  # "kept" (unchanged, modified or renumbered: decided at the end), or a KIND


def _numbered(p: Provision) -> bool:
    return p.kind != "preamble" and _NUM.fullmatch(p.num) is not None


def _series_key(p: Provision) -> tuple[str, Container | None]:
    """Numbering runs per kind of unit and restarts in each annex or component."""
    wrapper = p.containers[0] if p.containers and p.containers[0].kind in _WRAPPERS else None
    return p.kind, wrapper


def _plan(
    old: tuple[Provision, ...],
    rng: random.Random,
    *,
    moves: int,
    splits: int,
    merges: int,
    deletions: int,
) -> _Plan:
    units = [p for p in old if _numbered(p)]
    pairs = [
        (a.eid, b.eid)
        for a, b in pairwise(old)
        if _numbered(a)
        and _numbered(b)
        and _series_key(a) == _series_key(b)
        and a.containers == b.containers
    ]
    rng.shuffle(pairs)
    merged: list[tuple[str, str]] = []
    used: set[str] = set()
    for a, b in pairs:
        if len(merged) < merges and a not in used and b not in used:
            merged.append((a, b))
            used.update((a, b))
    _require(len(merged), merges, "merges (consecutive provisions in one chapter)")
    split = _pick(rng, [p for p in units if len(p.lines) >= 2 and p.eid not in used], splits)
    _require(len(split), splits, "splits (provisions of two lines or more)")
    used.update(split)
    sizes = Counter(_series_key(p) for p in units)
    movable = [p for p in units if p.eid not in used and sizes[_series_key(p)] >= 4]
    moved = _pick(rng, movable, moves)
    _require(len(moved), moves, "moves (provisions in a series of four or more)")
    used.update(moved)
    deleted = _pick(rng, [p for p in units if p.eid not in used], deletions)
    _require(len(deleted), deletions, "deletions")
    return _Plan(tuple(merged), frozenset(split), tuple(moved), frozenset(deleted))


def _pick(rng: random.Random, candidates: list[Provision], count: int) -> list[str]:
    return [p.eid for p in rng.sample(candidates, min(count, len(candidates)))]


def _require(found: int, asked: int, what: str) -> None:
    if found < asked:
        raise ValueError(f"asked for {asked} {what}, the draft allows {found}")


def _restructure(
    old: tuple[Provision, ...], plan: _Plan, rng: random.Random, vocabulary: _Vocabulary
) -> list[_Slot]:
    """Apply deletions, merges and splits in place, then move the movers far away."""
    by_eid = {p.eid: p for p in old}
    firsts = {a: b for a, b in plan.merged}
    seconds = set(firsts.values())
    slots: list[_Slot] = []
    for p in old:
        if p.eid in plan.deleted or p.eid in seconds:
            continue
        if p.eid in firsts:
            slots.append(_merge(p, by_eid[firsts[p.eid]]))
        elif p.eid in plan.split:
            slots.extend(_split(p, rng, vocabulary))
        else:
            slots.append(_Slot(p, (p.eid,), "kept"))
    for eid in plan.moved:
        _move(slots, next(s for s in slots if s.sources == (eid,)), rng)
    return slots


def _merge(a: Provision, b: Provision) -> _Slot:
    joined = replace(
        a, heading=a.heading or b.heading, lines=a.lines + b.lines, notes=a.notes + b.notes
    )
    return _Slot(joined, (a.eid, b.eid), "merged")


def _split(p: Provision, rng: random.Random, vocabulary: _Vocabulary) -> list[_Slot]:
    """Two consecutive provisions; the second gets a new heading, as a new article would."""
    cut = rng.randint(1, len(p.lines) - 1)
    heading = vocabulary.headings.sentence(rng, len(p.heading.split())) if p.heading else ""
    first = replace(p, lines=p.lines[:cut])
    second = replace(p, eid=f"{p.eid}~split", heading=heading, lines=p.lines[cut:], notes=())
    return [_Slot(first, (p.eid,), "split"), _Slot(second, (p.eid,), "split")]


def _move(slots: list[_Slot], mover: _Slot, rng: random.Random) -> None:
    """Put `mover` far away in its series, in another chapter where there is one."""
    key = _series_key(mover.provision)
    series = [s for s in slots if _numbered(s.provision) and _series_key(s.provision) == key]
    here = series.index(mover)
    gap = max(2, len(series) // 3)
    far = [s for k, s in enumerate(series) if abs(k - here) >= gap]
    elsewhere = [s for s in far if s.provision.chapter != mover.provision.chapter]
    target = rng.choice(elsewhere or far)
    slots.remove(mover)
    mover.provision = replace(mover.provision, containers=target.provision.containers)
    mover.op = "moved"
    _place(slots, slots.index(target) + rng.randint(0, 1), mover)


def _insert(
    slots: list[_Slot], rng: random.Random, vocabulary: _Vocabulary, old: tuple[Provision, ...]
) -> None:
    """A new provision next to a numbered one, shaped like a random old one, in new words."""
    anchor = rng.choice([s for s in slots if _numbered(s.provision)])
    template = rng.choice([p for p in old if _numbered(p) and p.lines])
    existing = {line.text for p in old for line in p.lines}
    lines = tuple(
        Line(line.num, _fresh(vocabulary, rng, len(line.text.split()), existing), line.depth)
        for line in template.lines
    )
    heading = vocabulary.headings.sentence(rng, len(template.heading.split()))
    added = replace(
        anchor.provision,
        eid=f"added~{len(slots)}",
        heading=heading,
        lines=lines,
        notes=(),
    )
    _place(slots, slots.index(anchor) + rng.randint(0, 1), _Slot(added, (), "added"))


def _place(slots: list[_Slot], index: int, slot: _Slot) -> None:
    """Insert `slot` at `index`, but never between the two halves of a split."""
    while 0 < index < len(slots) and _halves(slots[index - 1], slots[index]):
        index += 1
    slots.insert(index, slot)


def _halves(a: _Slot, b: _Slot) -> bool:
    return a.op == b.op == "split" and a.sources == b.sources


def _fresh(vocabulary: _Vocabulary, rng: random.Random, length: int, existing: set[str]) -> str:
    """A recombined sentence that is not a line of the draft (short lines can recur)."""
    length = max(length, 4)
    for attempt in range(50):
        text = vocabulary.text.sentence(rng, length + attempt // 10)
        if text not in existing:
            return text
    raise ValueError("could not invent a line that the draft does not already hold")


# --- text edits --------------------------------------------------------------------


def _edit_some(
    slots: list[_Slot],
    strength: float,
    share: float,
    rng: random.Random,
    vocabulary: _Vocabulary,
) -> None:
    survivors = [s for s in slots if s.op != "added"]
    for slot in rng.sample(survivors, round(share * len(survivors))):
        slot.provision = _edit(slot.provision, strength, rng, vocabulary)


def _edit(p: Provision, strength: float, rng: random.Random, vocabulary: _Vocabulary) -> Provision:
    """Edit round(strength × words) of the provision's words; lines keep their numbers.

    Each chosen word is edited once (substituted, deleted, or given a new neighbour), so
    the word-level edit distance stays close to the strength: repeated edits of one
    place would cancel or merge and make the strength mean less than it says.
    """
    words = [line.text.split() for line in p.lines]
    places = [(row, at) for row, line in enumerate(words) for at in range(len(line))]
    edits: defaultdict[int, dict[int, str]] = defaultdict(dict)
    for row, at in sorted(rng.sample(places, round(strength * len(places)))):
        edits[row][at] = rng.choice(_EDITS)
    lines = tuple(
        replace(line, text=" ".join(_edit_line(words[row], edits[row], rng, vocabulary)))
        if row in edits
        else line
        for row, line in enumerate(p.lines)
    )
    heading = p.heading
    if heading and rng.random() < strength**2:  # now and then, when redrafting is heavy
        tokens = heading.split()
        at = rng.randrange(len(tokens))
        tokens[at] = _substitute(tokens[at], vocabulary, rng)
        heading = " ".join(tokens)
    return replace(p, lines=lines, heading=heading)


def _edit_line(
    tokens: list[str], edits: dict[int, str], rng: random.Random, vocabulary: _Vocabulary
) -> list[str]:
    """The line's tokens with `edits` (by token index) applied; never an empty line."""
    out: list[str] = []
    for at, token in enumerate(tokens):
        edit = edits.get(at)
        if edit == "substitute":
            out.append(_substitute(token, vocabulary, rng))
        elif edit == "insert":
            word = vocabulary.word(rng)
            out.extend((word, token) if rng.random() < 0.5 else (token, word))
        elif edit != "delete":
            out.append(token)
    return out or [vocabulary.word(rng)]


def _substitute(token: str, vocabulary: _Vocabulary, rng: random.Random) -> str:
    """Another word in the token's place, keeping its punctuation ("(a)", “term”, end;)."""
    match = _TOKEN.fullmatch(token)
    assert match is not None  # the pattern matches any string
    core = match["core"]
    word = vocabulary.word(rng, other_than=core)
    return f"{match['lead']}{word}{match['trail']}" if core else word


# --- renumbering and truth ---------------------------------------------------------


@dataclass(frozen=True)
class _Series:
    """How one series of numbered units is numbered and named: "att_7__" + "sec_" + N."""

    start: int
    prefix: str
    stem: str
    pre: str
    post: str


def _series_of(old: tuple[Provision, ...]) -> dict[tuple[str, Container | None], _Series]:
    members: defaultdict[tuple[str, Container | None], list[Provision]] = defaultdict(list)
    for p in old:
        if _numbered(p):
            members[_series_key(p)].append(p)
    return {key: _describe(units) for key, units in members.items()}


def _describe(units: list[Provision]) -> _Series:
    numbers = [_number_parts(p.num) for p in units]
    paths = [p.eid.split("__") for p in units]
    common: list[str] = []
    for level in zip(*(path[:-1] for path in paths), strict=False):
        if len(set(level)) > 1:
            break
        common.append(level[0])
    stem = re.match(r"[^\W\d_]+[_-]?", paths[0][-1])
    pre, post = Counter((pre, post) for pre, _, post in numbers).most_common(1)[0][0]
    return _Series(
        start=min(n for _, n, _ in numbers),
        prefix="".join(f"{part}__" for part in common),
        stem=stem.group() if stem else f"{units[0].kind}_",
        pre=pre,
        post=post,
    )


def _number_parts(num: str) -> tuple[str, int, str]:
    """("Article ", 5, "") for "Article 5"; a letter suffix goes: "63A." renumbers as "64."."""
    match = _NUM.fullmatch(num)
    if match is None:
        raise ValueError(f"not a provision number: {num!r}")
    return match["pre"], int(match["n"]), re.sub(r"^[A-Z]+", "", match["post"])


def _renumber(
    slots: list[_Slot], series: dict[tuple[str, Container | None], _Series]
) -> tuple[Provision, ...]:
    """Number every series consecutively, keeping each provision's own number format."""
    counters: Counter[tuple[str, Container | None]] = Counter()
    new: list[Provision] = []
    for position, slot in enumerate(slots):
        p = slot.provision
        if _numbered(p):
            key = _series_key(p)
            style, n = series[key], series[key].start + counters[key]
            counters[key] += 1
            pre, _, post = _number_parts(p.num)
            if slot.op == "added":  # the series' usual format, not its neighbour's quirk
                pre, post = style.pre, style.post
            p = replace(p, num=f"{pre}{n}{post}", eid=f"{style.prefix}{style.stem}{n}")
        new.append(replace(p, position=position))
    eids = Counter(p.eid for p in new)
    if doubled := sorted(e for e, k in eids.items() if k > 1):
        raise ValueError(f"renumbering gave the eids {doubled} twice")
    return tuple(new)


def _truth(
    old: tuple[Provision, ...],
    slots: list[_Slot],
    new: tuple[Provision, ...],
    deleted: frozenset[str],
) -> tuple[Truth, ...]:
    """One Truth per group, in the new draft's order, then the deletions in the old's."""
    by_eid = {p.eid: p for p in old}
    found: list[Truth] = []
    halves: dict[tuple[str, ...], str] = {}
    for slot, p in zip(slots, new, strict=True):
        if slot.op == "split" and slot.sources not in halves:
            halves[slot.sources] = p.eid  # the second half, next, completes the Truth
        elif slot.op == "split":
            found.append(Truth(slot.sources, (halves[slot.sources], p.eid), "split"))
        else:
            kind = slot.op if slot.op != "kept" else _outcome(by_eid[slot.sources[0]], p)
            found.append(Truth(slot.sources, (p.eid,), kind))
    found.extend(Truth((p.eid,), (), "deleted") for p in old if p.eid in deleted)
    return tuple(found)


def _outcome(before: Provision, after: Provision) -> str:
    """What a reader would say happened to a provision that stayed in its place."""
    if (before.lines, before.heading) != (after.lines, after.heading):
        return "modified"
    return "renumbered" if before.num != after.num else "unchanged"


def negotiation(count: int, articles: int = 0) -> list[Draft]:
    """`count` drafts of a negotiation, each derived from the one before by `derive` (5%
    of words edited, plus moves, splits and merges), starting from the demo's last draft
    grown to about `articles` provisions: the benchmarks' large dossier."""
    base = read_draft(demo_files()[-1])
    extra = max(0, articles - len(base.provisions))
    provisions = base.provisions
    if extra:
        grown = derive(
            provisions, 0.0, 0, moves=0, splits=0, merges=0, deletions=0, insertions=extra
        )
        provisions = grown.new
    drafts = []
    for k in range(count):
        if k:
            provisions = derive(provisions, strength=0.05, seed=k).new
        digest = hashlib.sha256(repr(provisions).encode()).hexdigest()
        drafts.append(
            replace(
                base,
                expression_uri=f"{base.work_uri}/eng@bench-{k + 1:02d}",
                label=f"Draft {k + 1}",
                date=f"2024-{1 + k // 28:02d}-{1 + k % 28:02d}",
                provisions=provisions,
                content_hash=digest,
            )
        )
    return drafts
