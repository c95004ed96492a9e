"""Speed of a team's sync through a dossier (run on demand, not a test).

    .venv/bin/python -m tests.benchmarks.bench_dossier [--annotations 10000] [--drafts 20]
        [--articles 40] [--runs 3]

Alice has `--drafts` generated drafts (bench_import's generator) and `--annotations`
annotations spread over their provisions; Bruno has an empty database. Both are clones
of one bare repository in a temporary folder. Times, as medians of `--runs` fresh
setups, in this one process:
- Alice's first sync: every draft and annotation written as records, committed, pushed;
- Bruno's first sync: fetched, merged, and imported into his database;
- a sync with nothing new (what every later sync costs before its news);
- 100 annotations edited by Alice, then her sync and Bruno's.
Baselines in the same run: `git clone` of the same repository (git alone moving the
same records) and `annotations import` of the same annotations as one W3C file.
Target: each first sync under 5 s. Besides the time on the clock, each line gives
the processor time it took (this process and the git commands it ran): on a machine
shared with other work the clock counts the waits for a processor too, the processor
time does not.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from drafts.annotating import annotations as notes
from drafts.annotating.anchoring import select
from drafts.annotating.annotations import Annotation, Content, Target
from drafts.annotating.web_annotation import export_annotations, import_annotations
from drafts.dossier.sync import SyncReport, clone, sync
from drafts.importer import import_paths
from drafts.store import Store, now
from tests.benchmarks.bench_import import generated_dossier

TARGET = 5.0  # seconds


def annotate_many(store: Store, count: int, seed: int = 7) -> None:
    """`count` text annotations over every draft's provisions, in one transaction."""
    rng = random.Random(seed)
    texts = {d.id: [(p.eid, p.text) for p in store.provisions(d.id)] for d in store.drafts()}
    made = now()
    fresh = []
    for k in range(count):
        draft_id = rng.choice(list(texts))
        eid, text = rng.choice(texts[draft_id])
        start = rng.randrange(0, len(text) - 40)
        target = Target(draft_id, eid, select(text, start, start + rng.randrange(8, 40)))
        content = Content((1 + k % 7,), f"note {k}", ("open", "contested")[k % 2], "")
        fresh.append(Annotation(0, f"urn:uuid:{_uuid(rng)}", target, content, None, made, made))

    def write(conn: sqlite3.Connection) -> None:
        for a in fresh:
            notes.insert(conn, a)

    store.transaction("benchmark annotations not made", write)


def _uuid(rng: random.Random) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-8{h[17:20]}-{h[20:32]}"


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """(seconds on the clock, processor seconds of this process and its children)."""
    before, start = os.times(), time.perf_counter()
    action()
    after, end = os.times(), time.perf_counter()
    used = sum(a - b for a, b in zip(after[:4], before[:4], strict=True))
    return end - start, used


def git(*args: str) -> None:
    subprocess.run(["git", *args], check=True, capture_output=True)


def one_run(folder: Path, args: argparse.Namespace) -> dict[str, tuple[float, float]]:
    config = folder / "gitconfig"
    config.write_text("[init]\n\tdefaultBranch = main\n")
    os.environ.update(GIT_CONFIG_GLOBAL=str(config), GIT_CONFIG_NOSYSTEM="1")
    remote = folder / "team.git"
    git("init", "--quiet", "--bare", str(remote))
    people = {}
    for name in ("alice", "bruno"):
        where = clone(str(remote), folder / name)
        git("-C", str(where), "config", "user.name", name.capitalize())
        git("-C", str(where), "config", "user.email", f"{name}@example.org")
        people[name] = (Store(folder / f"{name}.sqlite3"), where)
    (alice, alice_dir), (bruno, bruno_dir) = people["alice"], people["bruno"]
    import_paths(alice, generated_dossier(folder, args.drafts, args.articles, words=200))
    annotate_many(alice, args.annotations)
    out = {
        "Alice's first sync (share)": timed(lambda: sync(alice, alice_dir)),
        "Bruno's first sync (take in)": timed(lambda: sync(bruno, bruno_dir)),
    }
    idle: list[SyncReport] = []
    out["a sync with nothing new"] = timed(lambda: idle.append(sync(alice, alice_dir)))
    assert idle[0].shared_annotations == 0 and not idle[0].arrived.added
    assert len(notes.find_annotations(bruno)) == args.annotations
    assert len(bruno.drafts()) == args.drafts
    for a in notes.find_annotations(alice)[:100]:
        notes.update_annotation(alice, a.id, a.content, replace(a.content, note="edited"))
    out["100 edits: Alice's sync"] = timed(lambda: sync(alice, alice_dir))
    out["100 edits: Bruno's sync"] = timed(lambda: sync(bruno, bruno_dir))
    out["baseline: git clone of the dossier"] = timed(
        lambda: git("clone", "--quiet", str(remote), str(folder / "plain"))
    )
    exported = folder / "all.jsonld"
    exported.write_text(json.dumps(export_annotations(alice)), encoding="utf-8")
    with Store(folder / "third.sqlite3") as third:
        import_paths(third, sorted(folder.glob("draft-*.xml")))
        out["baseline: annotations import of one file"] = timed(
            lambda: import_annotations(third, exported)
        )
    alice.close()
    bruno.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=int, default=10_000)
    parser.add_argument("--drafts", type=int, default=20)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {}
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            for name, seconds in one_run(Path(tmp), args).items():
                results.setdefault(name, []).append(seconds)
    print(
        f"Dossier sync, {args.annotations:,} annotations on {args.drafts} drafts of "
        f"{args.articles} articles (median of {args.runs} runs; target {TARGET:.0f} s):"
    )
    baseline = statistics.median(t for t, _ in results["baseline: git clone of the dossier"])
    print(f"  {'':<42} {'clock':>9} {'processor':>11}")
    for name, times in results.items():
        seconds = statistics.median(t for t, _ in times)
        used = statistics.median(u for _, u in times)
        print(
            f"  {name:<42} {seconds:7.2f} s {used:9.2f} s   {seconds / baseline:6.1f} x git clone"
        )


if __name__ == "__main__":
    main()
