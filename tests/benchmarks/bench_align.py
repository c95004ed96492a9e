"""Precision and recall of the alignment on dossiers with known truth (run on demand, not a test).

    .venv/bin/python -m tests.benchmarks.bench_align [--seeds 10] [--special-only]

For each edit strength (share of words edited in every surviving provision) and each
source draft (the demo's final text and three real drafts), derives a next draft over
several seeds with `tests.dossiers.derive` (every provision edited, plus the default
moves, splits, merges, insertions and deletions), aligns the two drafts with
`drafts.comparing.align.align`, and scores the links against the truth: precision, recall, wrong
links, how many wrong links were "silent" (their link's similarity at or above
`CONFIDENT_SIMILARITY`, so not flagged uncertain by similarity), and how many were not
flagged uncertain at all (`Link.uncertain`, which also weighs each piece of a split or
merge, where the aligner has it). Then checks the demo negotiation's own lineage
(`resources/demo/lineage.json`): groups and statuses.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from drafts.comparing.align import CONFIDENT_SIMILARITY, Link, align
from drafts.comparing.compare import compare
from drafts.demo import DEMO_DIR, demo_files
from drafts.model import Line, Provision
from drafts.reading.akoma import read_draft
from tests.dossiers import Chain, Dossier, Group, Truth, derive, links, score

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real"
SOURCES = {
    "demo": None,
    "ZA": "za-constitution-akn3/constitution-slaw.xml",
    "UK": "legaldocml-v3/uk_pga_1998_29.xml",
    "EU": "legaldocml-v3/eu_COM(2013)0619_EN-8.xml",
}
STRENGTHS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8)
TARGET = 0.99  # precision and recall, up to TARGET_STRENGTH
TARGET_STRENGTH = 0.2


@dataclass
class Tally:
    """Link counts summed over seeds (and sources): micro-averaged scores."""

    predicted: int = 0
    true: int = 0
    correct: int = 0
    wrong: int = 0
    silent: int = 0  # wrong links at or above CONFIDENT_SIMILARITY
    unflagged: int = 0  # wrong links the reader is not warned about
    worst: float = 0.0  # highest similarity of a wrong link
    dossiers: int = 0

    def add(self, other: Tally) -> None:
        self.predicted += other.predicted
        self.true += other.true
        self.correct += other.correct
        self.wrong += other.wrong
        self.silent += other.silent
        self.unflagged += other.unflagged
        self.worst = max(self.worst, other.worst)
        self.dossiers += other.dossiers

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.true if self.true else 1.0

    def row(self) -> str:
        worst = f"{self.worst:.2f}" if self.wrong else "-"
        return (
            f"{self.precision:9.4f} {self.recall:7.4f} {self.wrong:6d} {self.silent:7d} "
            f"{self.unflagged:9d} {worst:>6} {self.true:7d}"
        )


def source(name: str) -> tuple[Provision, ...]:
    path = SOURCES[name]
    return read_draft(demo_files()[-1] if path is None else CORPUS / path).provisions


def groups(old: Sequence[Provision], new: Sequence[Provision], found: list[Link]) -> list[Group]:
    """The aligner's groups by eid, for every link with both sides."""
    return [
        (tuple(old[i].eid for i in link.old), tuple(new[j].eid for j in link.new))
        for link in found
        if link.old and link.new
    ]


def flagged(link: Link) -> bool:
    """Whether the reader is told the pairing is uncertain: a similarity under
    `CONFIDENT_SIMILARITY`, or a piece of a split or merge on weak evidence."""
    return link.uncertain


Maker = Callable[[tuple[Provision, ...], float, int], Dossier]


def plain(provisions: tuple[Provision, ...], strength: float, seed: int) -> Dossier:
    return derive(provisions, strength, seed, edited_share=1.0)


def measure(
    provisions: tuple[Provision, ...], strength: float, seeds: int, make: Maker = plain
) -> Tally:
    tally = Tally()
    for seed in range(1, seeds + 1):
        dossier = make(provisions, strength, seed)
        found = align(dossier.old, dossier.new)
        predicted = groups(dossier.old, dossier.new, found)
        scores = score(dossier.truth, predicted)
        true = links((t.from_eids, t.to_eids) for t in dossier.truth)
        tally.predicted += scores.predicted
        tally.true += scores.true
        tally.correct += scores.correct
        tally.wrong += scores.wrong
        tally.dossiers += 1
        for group, link in zip(predicted, (k for k in found if k.old and k.new), strict=True):
            wrong = len(links([group]) - true)
            if wrong:
                tally.worst = max(tally.worst, link.similarity)
                if link.similarity >= CONFIDENT_SIMILARITY:
                    tally.silent += wrong
                if not flagged(link):
                    tally.unflagged += wrong
    return tally


def dossier_table(seeds: int) -> None:
    print(
        f"Alignment on derived dossiers: {seeds} seeds per cell, every provision edited at "
        f"the given strength, plus 2 each of moves, splits, merges, insertions, deletions.\n"
        f"Scores are over links (old eid, new eid), summed over seeds. 'silent' = wrong "
        f"links with similarity >= {CONFIDENT_SIMILARITY}; 'unflagged' = wrong links not "
        f"flagged uncertain to the reader;\n'worst' = highest similarity of a wrong link."
    )
    provisions = {}
    for name in SOURCES:
        provisions[name] = source(name)
        print(f"  source {name}: {len(provisions[name])} provisions")
    header = (
        f"{'strength':>8} {'source':6} {'precision':>9} {'recall':>7} {'wrong':>6} "
        f"{'silent':>7} {'unflagged':>9} {'worst':>6} {'links':>7}"
    )
    print(f"\n{header}")
    totals: dict[float, Tally] = {}
    skipped: dict[str, str] = {}
    for strength in STRENGTHS:
        total = totals[strength] = Tally()
        for name, draft in provisions.items():
            if name in skipped:
                continue
            try:
                tally = measure(draft, strength, seeds)
            except ValueError as exc:
                skipped[name] = str(exc)
                print(f"{strength:8.2f} {name:6} skipped: {exc}")
                continue
            total.add(tally)
            print(f"{strength:8.2f} {name:6} {tally.row()}")
    used = ", ".join(n for n in SOURCES if n not in skipped)
    print(f"\nTotals per strength, across sources ({used}):")
    print(header.replace("source", "      "))
    for strength, total in totals.items():
        print(f"{strength:8.2f} {'ALL':6} {total.row()}")
    for name, reason in skipped.items():
        print(f"Note: {name} skipped (too small for the default operations): {reason}")
    low = [t for s, t in totals.items() if s <= TARGET_STRENGTH]
    worst_p = min(t.precision for t in low)
    worst_r = min(t.recall for t in low)
    silent = sum(t.silent for t in totals.values())
    unflagged = sum(t.unflagged for t in totals.values())
    met = worst_p >= TARGET and worst_r >= TARGET
    print(
        f"\nTarget: precision and recall >= {TARGET} up to strength {TARGET_STRENGTH} "
        f"(lowest: precision {worst_p:.4f}, recall {worst_r:.4f}): {'met' if met else 'NOT met'}."
    )
    print(
        f"Target: no silent wrong pairing above it (wrong links the reader is not warned "
        f"about, at any strength): {silent} with similarity >= {CONFIDENT_SIMILARITY}, "
        f"{unflagged} not flagged uncertain: {'met' if unflagged == 0 else 'NOT met'}."
    )


# --- special cases: what real drafts do to a provision that keeps its lineage ----------

SPECIAL_COUNT = 5  # provisions given the special treatment in each dossier
SPECIAL_STRENGTHS = (0.0, 0.1, 0.2, 0.5)
PLACEHOLDER_TEXTS = ("[deleted]", "(repealed)", "(weggefallen)", "(abrogado)", "(abrogé)", "–", "…")
BOILERPLATE = (
    "Without prejudice to the obligations of the Member States under Union law and in "
    "accordance with the procedure referred to in Article 43 and the conditions laid down "
    "in the implementing acts adopted pursuant to this Regulation,"
)


def special(kind: str) -> Maker:
    """A dossier maker: `derive`'s, then `SPECIAL_COUNT` provisions that stayed one to one
    grown, shrunk, with their points reordered, or replaced by a placeholder; or every
    numbered provision opening with the same long boilerplate (before deriving)."""

    def make(provisions: tuple[Provision, ...], strength: float, seed: int) -> Dossier:
        rng = random.Random(seed * 7919 + len(kind))
        if kind == "boilerplate":
            provisions = tuple(_with_boilerplate(p) for p in provisions)
            return derive(provisions, strength, seed, edited_share=1.0)
        dossier = derive(provisions, strength, seed, edited_share=1.0)
        old_by_eid = {p.eid: p for p in dossier.old}
        kept = [
            t
            for t in dossier.truth
            if len(t.from_eids) == 1
            and len(t.to_eids) == 1
            and t.kind in ("unchanged", "modified", "renumbered")
        ]
        new_by_eid = {p.eid: p for p in dossier.new}
        if kind == "reordered points":
            kept = [t for t in kept if len(new_by_eid[t.to_eids[0]].lines) >= 3]
        chosen = {
            t.to_eids[0]: old_by_eid[t.from_eids[0]]
            for t in rng.sample(kept, min(SPECIAL_COUNT, len(kept)))
        }
        chain = Chain([line.text for p in dossier.old for line in p.lines if line.text])
        new = tuple(
            _treated(kind, p, chosen[p.eid], rng, chain) if p.eid in chosen else p
            for p in dossier.new
        )
        return replace(dossier, new=new)

    return make


def _with_boilerplate(p: Provision) -> Provision:
    if p.kind == "preamble" or not p.lines:
        return p
    first = p.lines[0]
    return replace(p, lines=(replace(first, text=f"{BOILERPLATE} {first.text}"), *p.lines[1:]))


def _treated(
    kind: str, p: Provision, before: Provision, rng: random.Random, chain: Chain
) -> Provision:
    words = sum(len(line.text.split()) for line in p.lines)
    if kind == "growth":  # doubled in length, its own text kept first
        extra = [
            Line(f"{len(p.lines) + k + 1}.", chain.sentence(rng, max(4, words // 2)))
            for k in range(2)
        ]
        return replace(p, lines=(*p.lines, *extra))
    if kind == "shrinkage":  # cut to its first 40% of words
        keep = max(3, round(0.4 * words))
        lines, total = [], 0
        for line in p.lines:
            tokens = line.text.split()[: keep - total]
            if not tokens:
                break
            lines.append(replace(line, text=" ".join(tokens)))
            total += len(tokens)
        return replace(p, lines=tuple(lines))
    if kind == "reordered points":
        lines = list(p.lines)
        while lines == list(p.lines):
            rng.shuffle(lines)
        return replace(p, lines=tuple(lines))
    # a placeholder, under the number of the provision it replaces
    text = rng.choice(PLACEHOLDER_TEXTS)
    return replace(p, num=before.num, heading="", lines=(Line("", text),), notes=())


def special_table(seeds: int) -> None:
    print(
        f"\nSpecial cases ({seeds} seeds x sources per cell; {SPECIAL_COUNT} provisions per "
        f"dossier grown to twice their length keeping their text, shrunk to 40%, with their "
        f"points reordered, or replaced by a placeholder; or every provision opening with "
        f"the same {len(BOILERPLATE.split())}-word boilerplate):"
    )
    provisions = {}
    for name in SOURCES:
        provisions[name] = source(name)
    header = f"{'case':18} {'strength':>8} {'precision':>9} {'recall':>7} {'wrong':>6} {'links':>7}"
    print(header)
    low: list[Tally] = []
    for kind in ("growth", "shrinkage", "reordered points", "placeholders", "boilerplate"):
        for strength in SPECIAL_STRENGTHS:
            total = Tally()
            for draft in provisions.values():
                try:
                    total.add(measure(draft, strength, seeds, special(kind)))
                except ValueError:
                    continue
            if strength <= TARGET_STRENGTH:
                low.append(total)
            print(
                f"{kind:18} {strength:8.2f} {total.precision:9.4f} {total.recall:7.4f} "
                f"{total.wrong:6d} {total.true:7d}"
            )
    worst_p = min(t.precision for t in low)
    worst_r = min(t.recall for t in low)
    met = worst_p >= TARGET and worst_r >= TARGET
    print(
        f"Target: precision and recall >= {TARGET} on each case up to strength "
        f"{TARGET_STRENGTH} (lowest: precision {worst_p:.4f}, recall {worst_r:.4f}): "
        f"{'met' if met else 'NOT met'}."
    )


def _key(from_eids: Sequence[str], to_eids: Sequence[str]) -> Group:
    return tuple(sorted(from_eids)), tuple(sorted(to_eids))


def lineage_check() -> None:
    lineage = json.loads((DEMO_DIR / "lineage.json").read_text(encoding="utf-8"))
    print("\nDemo negotiation against its lineage (resources/demo/lineage.json):")
    print(f"  {'step':60} {'groups':^9} {'statuses':^9} {'precision':>9} {'recall':>7}")
    all_groups = all_status = total = 0
    for step in lineage["steps"]:
        old = read_draft(DEMO_DIR / step["from"]).provisions
        new = read_draft(DEMO_DIR / step["to"]).provisions
        found = align(old, new)
        predicted = {
            _key([old[i].eid for i in link.old], [new[j].eid for j in link.new]) for link in found
        }
        status = {
            _key([p.eid for p in c.old], [p.eid for p in c.new]): c.status
            for c in compare(old, new)
        }
        items = step["provisions"]
        truth = [Truth(tuple(i["from"]), tuple(i["to"]), i["kind"]) for i in items]
        scores = score(truth, groups(old, new, found))
        group_hits = status_hits = 0
        misses = []
        for item in items:
            key = _key(item["from"], item["to"])
            if key in predicted:
                group_hits += 1
            if status.get(key) == item["kind"]:
                status_hits += 1
            else:
                misses.append(f"{item['from']} -> {item['to']} {item['kind']}: {status.get(key)}")
        name = f"{step['from']} -> {step['to']}"
        print(
            f"  {name:60} {group_hits:4d}/{len(items):<4d} {status_hits:4d}/{len(items):<4d} "
            f"{scores.precision:9.4f} {scores.recall:7.4f}"
        )
        for miss in misses:
            print(f"      status differs: {miss}")
        all_groups += group_hits
        all_status += status_hits
        total += len(items)
    print(f"  {'all steps':60} {all_groups:4d}/{total:<4d} {all_status:4d}/{total:<4d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--special-only", action="store_true", help="only the special cases")
    args = parser.parse_args()
    start = time.perf_counter()
    if not args.special_only:
        dossier_table(args.seeds)
    special_table(max(1, args.seeds // 2))
    if not args.special_only:
        lineage_check()
    print(f"\n({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
