"""Full-text search over every draft, and the life of a phrase in one provision.

The index is SQLite's FTS5 (table `provisions_fts`, kept current by triggers). What a
reader types is taken as words, all of which must occur, each as a whole word
(`proportionality`), with `*` after a word for its prefix (`proportional*`); text in
double quotes is a phrase (`"judicial review"`). Hyphens and other punctuation are
never read as query syntax, so `cross-border` finds the words "cross border".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from drafts.comparing.comparisons import draft_json
from drafts.errors import NotFoundError
from drafts.model import StoredDraft
from drafts.negotiation.history import History
from drafts.store import Store

MARKS = ("⟪", "⟫")
"""Around matched words in snippets: signs that legal text does not use (square
brackets mean unagreed text in negotiating drafts)."""

_TERM = re.compile(r'"([^"]*)"(\*?)|(\S+)')


def fts_query(text: str) -> str:
    """The FTS5 query for what a reader typed: quoted phrases stay phrases, other words
    are quoted one by one (so no word is read as an operator or a column name)."""
    parts = []
    for phrase, phrase_star, word in _TERM.findall(text):
        raw, star = (
            (phrase, phrase_star) if not word else (word.rstrip("*"), "*" * word.endswith("*"))
        )
        words = re.findall(r"\w+", raw)
        if words:
            parts.append('"' + " ".join(words) + '"' + star)
    if not parts:
        raise NotFoundError(f"nothing to search for in {text!r}: give a word")
    return " ".join(parts)


def match_pattern(query: str) -> re.Pattern[str]:
    """A regular expression finding, in a provision's text, what an FTS5 query made by
    `fts_query` matches: its phrases as whole words, prefixes open at the end."""
    alternatives = []
    for phrase, star in re.findall(r'"([^"]*)"(\*?)', query):
        words = r"\W+".join(re.escape(w) for w in phrase.split())
        alternatives.append(rf"\b{words}" + (r"\w*" if star else r"\b"))
    return re.compile("|".join(alternatives), re.IGNORECASE)


def snippet(text: str, pattern: re.Pattern[str], words: int = 16) -> str:
    """About `words` words around the first match, every match within between `MARKS`.

    Made here rather than by FTS5's snippet(), which takes milliseconds a row on prefix
    queries (tests/benchmarks/bench_search.py): 100 shown hits took 200 ms."""
    flat = " ".join(text.split())
    first = pattern.search(flat)
    if first is None:
        return " ".join(flat.split()[:words]) + ("…" if len(flat.split()) > words else "")
    before = flat[: first.start()].split(" ")
    start = len(" ".join(before[: max(0, len(before) - words // 3)]))
    end_words = flat[first.end() :].split(" ")
    end = first.end() + len(" ".join(end_words[: words - words // 3]))
    window = flat[start:end].strip()
    marked = pattern.sub(lambda m: f"{MARKS[0]}{m.group(0)}{MARKS[1]}", window)
    return ("…" if start > 0 else "") + marked + ("…" if end < len(flat) else "")


@dataclass(frozen=True)
class Hit:
    """A provision of one draft that matches; the snippet is filled for the latest hit
    of each provision only (the one shown)."""

    draft: StoredDraft
    eid: str
    num: str
    heading: str
    snippet: str


@dataclass(frozen=True)
class ProvisionHits:
    """One provision, by its number, and every draft in which it matches, in order."""

    num: str
    heading: str
    hits: tuple[Hit, ...]

    @property
    def first(self) -> StoredDraft:
        return self.hits[0].draft

    @property
    def last(self) -> StoredDraft:
        return self.hits[-1].draft


@dataclass(frozen=True)
class SearchResult:
    query: str
    groups: tuple[ProvisionHits, ...]
    """Best match first (by FTS5 rank of each provision's best hit)."""
    drafts: tuple[StoredDraft, ...]
    """The drafts with a match, in negotiation order."""

    @property
    def hits(self) -> int:
        return sum(len(g.hits) for g in self.groups)


def search(store: Store, text: str) -> SearchResult:
    """Every provision of every draft matching `text`, grouped by provision number.

    Grouping is by number and heading as printed, not by lineage: it costs nothing at
    query time (lineage would mean comparing every pair of drafts); a renumbered
    article shows as two groups, each with its drafts. `phrase_history` follows one
    provision through its renumberings."""
    drafts = store.drafts()
    order = {d.id: k for k, d in enumerate(drafts)}
    by_id = {d.id: d for d in drafts}
    query = fts_query(text)
    groups: dict[tuple[int, str], list[tuple[int, Hit]]] = {}
    for row_id, draft_id, eid, num, heading in store.search_provisions(query):
        draft = by_id[draft_id]
        key = (draft.negotiation_id, num or eid)
        groups.setdefault(key, []).append((row_id, Hit(draft, eid, num, heading, "")))
    for hits in groups.values():
        hits.sort(key=lambda pair: order[pair[1].draft.id])
    texts = store.provision_texts([hits[-1][0] for hits in groups.values()])
    pattern = match_pattern(query)
    result = []
    for hits in groups.values():
        row_id, latest = hits[-1]
        latest = replace(latest, snippet=snippet(texts.get(row_id, ""), pattern))
        found = (*(hit for _, hit in hits[:-1]), latest)
        result.append(ProvisionHits(latest.num or latest.eid, latest.heading, found))
    seen = sorted({h.draft.id for g in result for h in g.hits}, key=order.__getitem__)
    return SearchResult(text, tuple(result), tuple(by_id[i] for i in seen))


@dataclass(frozen=True)
class PhraseHistory:
    """Whether a phrase is in one provision, draft by draft along its history."""

    query: str
    history: History
    found: tuple[bool, ...]
    """One per step of the history: the phrase is in the provision in that draft."""

    @property
    def first(self) -> StoredDraft | None:
        return next(
            (s.draft for s, f in zip(self.history.steps, self.found, strict=True) if f), None
        )

    @property
    def last(self) -> StoredDraft | None:
        hits = [s.draft for s, f in zip(self.history.steps, self.found, strict=True) if f]
        return hits[-1] if hits else None

    @property
    def gaps(self) -> tuple[StoredDraft, ...]:
        """Drafts between its first and last appearance without the phrase: taken out,
        then put back, which is how a contested safeguard often moves."""
        found = [k for k, f in enumerate(self.found) if f]
        if not found:
            return ()
        steps = self.history.steps
        return tuple(steps[k].draft for k in range(found[0], found[-1]) if not self.found[k])

    @property
    def left(self) -> StoredDraft | None:
        """The draft where the phrase was gone after its last appearance, with the
        provision still there or deleted in that draft; None if it never left."""
        steps = self.history.steps
        last = max((k for k, f in enumerate(self.found) if f), default=None)
        if last is None or last + 1 >= len(steps):
            return None
        return steps[last + 1].draft


def phrase_history(store: Store, text: str, history: History) -> PhraseHistory:
    """In which drafts the provision followed by `history` contains `text`."""
    matching = {(d, e) for _, d, e, *_ in store.search_provisions(fts_query(text))}
    found = tuple(
        any((step.draft.id, p.eid) in matching for p in step.provisions) for step in history.steps
    )
    return PhraseHistory(text, history, found)


def search_json(result: SearchResult) -> dict[str, object]:
    """The documented JSON shape of `search --json` (README)."""
    return {
        "query": result.query,
        "drafts": [draft_json(d) for d in result.drafts],
        "provisions": [
            {
                "num": g.num,
                "heading": g.heading,
                "first": draft_json(g.first),
                "last": draft_json(g.last),
                "hits": [
                    {"draft": h.draft.id, "eid": h.eid, "num": h.num, "snippet": h.snippet}
                    for h in g.hits
                ],
            }
            for g in result.groups
        ],
    }


def phrase_history_json(life: PhraseHistory) -> dict[str, object]:
    """The documented JSON shape of `search --provision --json` (README)."""
    ends = {"first": life.first, "last": life.last, "left": life.left}
    return {
        "query": life.query,
        "provision": life.history.provision.eid,
        **{key: draft_json(d) if d else None for key, d in ends.items()},
        "steps": [
            {
                "draft": draft_json(step.draft),
                "num": step.num,
                "present": step.present,
                "found": found,
            }
            for step, found in zip(life.history.steps, life.found, strict=True)
        ],
    }
