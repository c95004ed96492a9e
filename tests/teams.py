"""Teams for the dossier tests: people with their own database and their own clone of
one bare repository in a temporary folder, with git configured per clone so that
nothing depends on the machine's git configuration, and nothing touches the network."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from drafts.annotating.annotations import find_annotations
from drafts.dossier.sync import SyncReport, clone, sync
from drafts.store import Store


@dataclass
class Member:
    """One person of the team: a name, a clone of the dossier and a database."""

    name: str
    folder: Path
    store: Store

    def sync(self) -> SyncReport:
        return sync(self.store, self.folder)

    def notes(self) -> dict[str, tuple[str, str]]:
        """Annotation id -> (note, status) as this person's database holds them."""
        return {a.uri: (a.content.note, a.content.status) for a in find_annotations(self.store)}


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=True)
    return done.stdout.decode()


def isolate_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No global or system git configuration: every clone says who it is itself."""
    empty = tmp_path / "gitconfig"
    empty.write_text("[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for variable in ("GIT_DIR", "GIT_WORK_TREE", "GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.delenv(variable, raising=False)


def bare_remote(tmp_path: Path) -> Path:
    remote = tmp_path / "team.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    return remote


def join(tmp_path: Path, remote: Path, name: str) -> Member:
    """A person clones the team's dossier and says who they are."""
    folder = clone(str(remote), tmp_path / name.lower())
    git(folder, "config", "user.name", name)
    git(folder, "config", "user.email", f"{name.lower()}@example.org")
    return Member(name, folder, Store(tmp_path / f"{name.lower()}.sqlite3"))


def make_team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Member]]:
    """Alice, Bruno and Chiara, each with a clone of one bare repository (the body of
    each test module's `team` fixture)."""
    isolate_git(tmp_path, monkeypatch)
    remote = bare_remote(tmp_path)
    members = [join(tmp_path, remote, name) for name in ("Alice", "Bruno", "Chiara")]
    yield members
    for m in members:
        m.store.close()
