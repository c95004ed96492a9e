"""A sync killed (SIGKILL, as `kill -9`) at any step and then run again loses nothing:
every annotation written by anyone ends up in every database, once, without conflict."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafts.demo import demo_files
from drafts.dossier.records import ANNOTATIONS, read_histories
from drafts.dossier.sync import conflicts
from drafts.importer import import_paths
from drafts.library import DraftFacts, edit_draft
from drafts.store import Store
from tests.builders import annotate
from tests.teams import Member, git, make_team

ROOT = Path(__file__).resolve().parents[2]

# The child process syncs Alice's database, and kills itself with SIGKILL at one step.
CHILD = textwrap.dedent("""
    import os, signal, sys
    from drafts.annotating import annotations
    from drafts.dossier import git, state, sync
    from drafts.store import Store

    point, database, folder = sys.argv[1:4]

    def die(*_, **__):
        os.kill(os.getpid(), signal.SIGKILL)

    if point.startswith("git "):  # "git reset #2": at the second `git reset`
        command, _, nth = point[4:].partition(" #")
        real, seen = git.Git.call, []
        def call(self, args, check=True, input=None):
            if args[0] == command:
                seen.append(args)
                if len(seen) == int(nth or 1):
                    die()
            return real(self, args, check, input)
        git.Git.call = call
    elif point == "import":  # half-way through the import transaction
        real_insert, done = annotations.insert, []
        def insert(conn, a):
            done.append(a)
            if len(done) == 3:
                die()
            return real_insert(conn, a)
        annotations.insert = insert
    elif point in ("writing", "versions"):  # after some files are made, before the others
        from drafts.dossier import records, sharing
        name = "write_draft" if point == "writing" else "version_file"
        real_make, done = getattr(records, name), []
        def make(*args):
            done.append(args)
            if len(done) == 2:
                die()
            return real_make(*args)
        setattr(sharing, name, make)
    elif point == "state":
        state.save = die
    with Store(database) as store:
        sync.sync(store, folder)
    sys.exit(3)  # not killed: the test is wrong
""")

POINTS = [
    "writing",
    "versions",
    "git fast-import",
    "git reset #2",  # after fast-import moved the branch, before the index followed
    "git update-index #2",
    "git fetch",
    "git merge",
    "git push",
    "import",
    "state",
]


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Member]]:
    yield from make_team(tmp_path, monkeypatch)


def killed_sync(member: Member, point: str) -> None:
    """Alice's sync in another process, killed at `point`; her database is closed meanwhile."""
    path = member.store.path
    assert path is not None
    member.store.close()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, point, str(path), str(member.folder)],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    member.store = Store(path)


@pytest.mark.parametrize("point", POINTS)
def test_a_sync_killed_at_any_step_and_run_again_loses_nothing(
    team: list[Member], point: str
) -> None:
    alice, bruno, _ = team
    import_paths(alice.store, demo_files()[:-2])
    alice.sync()
    bruno.sync()
    zero = bruno.store.find_draft("Zero draft")
    for k, phrase in enumerate(("purposes", "prevention", "technical assistance")):
        annotate(bruno.store, zero, "art_1", phrase, note=f"Bruno {k}")
    edit_draft(bruno.store, zero.id, DraftFacts(label="Zero draft (Bruno)", symbol="Z/1"))
    bruno.sync()  # Bruno's notes and his rename wait in the remote for Alice's sync
    first = alice.store.find_draft("First revised draft")
    for k, phrase in enumerate(("legality", "necessity", "proportionality", "domestic law")):
        annotate(alice.store, first, "art_26", phrase, note=f"Alice {k}")
    import_paths(alice.store, demo_files()[-2:])  # two drafts to share in the killed sync

    killed_sync(alice, point)
    alice.sync()
    bruno.sync()
    alice.sync()

    expected = {f"Alice {k}" for k in range(4)} | {f"Bruno {k}" for k in range(3)}
    for m in (alice, bruno):
        assert sorted(text for text, _ in m.notes().values()) == sorted(expected)
        assert len(m.store.drafts()) == len(demo_files())
        assert m.store.find_draft("Z/1").label == "Zero draft (Bruno)"
        assert git(m.folder, "status", "--porcelain") == ""
    assert conflicts(alice.folder) == []
    histories = read_histories(alice.folder, ANNOTATIONS)
    assert len(histories) == 7
    assert all(len(h.versions) == 1 for h in histories.values())  # none written twice
