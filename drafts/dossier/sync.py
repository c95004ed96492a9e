"""A dossier's life: start one, clone one, sync, and say where it stands.

A sync is five steps, each safe to interrupt and to run again:
1. make the records the database has and the dossier lacks (`sharing`): drafts are
   written into the working copy; annotation, tag and library versions are kept in
   memory;
2. commit them, with any file an interrupted sync left, through `git fast-import`
   (one pack; the versions never become files of their own: see `tree`);
3. `git fetch` and `git merge` what the others shared: the union of files, since no
   two people write the same file; if git reports a conflict anyway (a file edited
   by hand), the merge is aborted, the repository left as it was, and the sync stops;
4. `git push`, when the dossier has a remote (again after merging, if someone pushed
   meanwhile);
5. import into the database what arrived (`indexing`).
With no network the sync still commits locally and says it could not reach the
remote: the next sync shares what waited.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafts.dossier import indexing, sharing, tree
from drafts.dossier import state as states
from drafts.dossier.git import DossierError, Git
from drafts.dossier.indexing import Arrived
from drafts.dossier.records import (
    ANNOTATIONS,
    KINDS,
    LIBRARY,
    TAGS,
    History,
    Records,
    now,
    read_drafts,
    read_histories,
)
from drafts.store import Store
from drafts.wording import plural

PUSH_ATTEMPTS = 3
"""Fetch, merge and push again this often when someone pushed between our fetch and push."""

_LAYOUT = {
    ".gitattributes": "drafts/** -text -diff\n*.json text eol=lf diff\n*.jsonld text eol=lf diff\n",
    ".gitignore": "*.part\n",
    "README.md": (
        "# A Travaux dossier\n\n"
        "Drafts (drafts/, each file unchanged under its content hash, with its metadata) "
        "and annotations (annotations/, one W3C Web Annotation per version) shared by a "
        "team. Written by `travaux dossier sync`; nothing here is ever edited or removed, "
        "only added. Do not edit these files by hand.\n"
    ),
}
"""Files every dossier has: the same bytes in every clone, so two clones that both
wrote them merge without a conflict."""


@dataclass
class SyncReport:
    """What a sync did."""

    shared_drafts: int = 0
    shared_annotations: int = 0
    shared_tags: int = 0
    shared_library: int = 0
    """Library versions: drafts renamed, redated, moved or deleted here."""
    unshared: list[str] = field(default_factory=list)
    remote: str = ""
    pushed: bool = False
    offline: str = ""
    """Why the remote could not be reached ("" when it was, or there is none)."""
    arrived: Arrived = field(default_factory=Arrived)
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass(frozen=True)
class Conflict:
    """An annotation with versions that replace none of each other: (name, author,
    time, deleted) of each, oldest first. The database shows the last kept one."""

    annotation: str
    versions: tuple[tuple[str, str, str, bool], ...]


@dataclass(frozen=True)
class Status:
    """Where a dossier stands, read without touching the network."""

    folder: str
    author: str
    remote: str
    drafts: int
    annotations: int
    versions: int
    to_share: sharing.Pending
    unpushed: int
    conflicts: list[Conflict]
    last_sync: dict[str, Any]


FOLDER_ENV = "TRAVAUX_DOSSIER"


def default_folder(database: str | Path) -> Path:
    """Where a database's dossier is unless told: $TRAVAUX_DOSSIER, else the folder
    `dossier` beside the database (the command line and the window agree)."""
    return Path(os.environ.get(FOLDER_ENV) or Path(database).parent / "dossier")


def init(folder: str | Path) -> Path:
    """Make `folder` (created if needed) a new dossier; its path."""
    root = Path(folder).resolve()
    if Git(root).is_repository():
        raise DossierError(root, "already a git repository: sync it, or choose another folder")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DossierError(root, f"cannot make the folder ({exc.strerror or exc})") from exc
    git = Git(root)
    git.run("init", "--quiet")
    tree.ensure_sparse(git)
    _ensure_layout(root)
    return root


def clone(url: str, folder: str | Path) -> Path:
    """Clone the team's dossier at `url` (a path, an SSH or HTTPS address) into `folder`."""
    root = Path(folder).resolve()
    if root.exists() and any(root.iterdir()):
        raise DossierError(root, "the folder is not empty: clone into a new one")
    root.parent.mkdir(parents=True, exist_ok=True)
    Git(root.parent).run("clone", "--quiet", "--sparse", url, str(root))
    tree.ensure_sparse(Git(root))
    return root


def sync(store: Store, folder: str | Path, *, network: bool = True) -> SyncReport:
    """Share the database's new records and take in everyone else's (see the module);
    with `network` off, only commit here and import what the dossier holds."""
    git, root = _open(folder)
    author = _author(git)
    state = states.load(git.git_dir(), _database(store))
    report = SyncReport(remote=git.remote())
    tree.ensure_sparse(git)
    _ensure_layout(root)
    records = Records.read(root)
    index = sharing.indexed_annotations(store)
    work = sharing.pending(store, records, state, author, index)
    new = sharing.write(records, work, author)
    report.shared_drafts = len(work.drafts)
    report.shared_annotations = work.count(ANNOTATIONS)
    report.shared_tags = work.count(TAGS)
    report.shared_library = work.count(LIBRARY)
    report.unshared = work.unshared
    _commit(git, author, work, new)
    if report.remote and network:
        before = _head(git)
        _exchange(git, report)
        records.take(_added_since(git, before))
    report.arrived = indexing.import_records(store, records, state, index)
    state.arrived = report.arrived.as_state(now())
    states.save(git.git_dir(), state)
    report.conflicts = _conflicts(records.of(ANNOTATIONS))
    return report


def rebuild(store: Store, folder: str | Path) -> Arrived:
    """Import everything the dossier holds into `store` (a new or an older index)."""
    git, root = _open(folder)
    state = states.load(git.git_dir(), _database(store))
    arrived = indexing.import_records(store, Records.read(root), state)
    state.arrived = arrived.as_state(now())
    states.save(git.git_dir(), state)
    return arrived


def status(store: Store, folder: str | Path) -> Status:
    git, root = _open(folder)
    author = git.config("user.name")
    state = states.load(git.git_dir(), _database(store))
    records = Records.read(root)
    histories = records.of(ANNOTATIONS)
    remote = git.remote()
    return Status(
        folder=str(root),
        author=author,
        remote=git.config(f"remote.{remote}.url") if remote else "",
        drafts=len(read_drafts(root)),
        annotations=sum(1 for h in histories.values() if h.current() is not None),
        versions=sum(len(h.versions) for h in histories.values()),
        to_share=sharing.pending(store, records, state, author or "you"),
        unpushed=_unpushed(git, remote),
        conflicts=_conflicts(histories),
        last_sync=state.arrived,
    )


def authors(folder: str | Path) -> dict[str, str]:
    """Annotation id -> who wrote the version the database shows (for the window's
    author column and filter): the database itself keeps no authors."""
    found = {}
    for history in read_histories(Path(folder), ANNOTATIONS).values():
        current = history.current()
        if current is not None:
            found[str(current.item.get("id", ""))] = current.creator
    return found


def last_sync(store: Store, folder: str | Path) -> dict[str, Any]:
    """What the last sync of this database with this dossier brought in (its time,
    drafts' labels, and the ids of the annotations added, changed and removed)."""
    git, _ = _open(folder)
    return states.load(git.git_dir(), _database(store)).arrived


def conflicts(folder: str | Path) -> list[Conflict]:
    """Every annotation whose heads say different things."""
    return _conflicts(read_histories(Path(folder), ANNOTATIONS))


def _conflicts(histories: dict[str, History]) -> list[Conflict]:
    found = []
    for history in histories.values():
        if history.in_conflict():
            heads = history.heads()
            uri = str(heads[-1].item.get("id", history.folder))
            versions = tuple((v.name, v.creator, v.modified, v.deleted) for v in heads)
            found.append(Conflict(uri, versions))
    return sorted(found, key=lambda c: c.annotation)


def _database(store: Store) -> str:
    """The database as the clone's state names it: one file, however it was reached."""
    return str(store.path.resolve()) if store.path is not None else store.name


# --- the git steps ------------------------------------------------------------------------


def _open(folder: str | Path) -> tuple[Git, Path]:
    root = Path(folder).resolve()
    git = Git(root)
    if not git.is_repository():
        raise DossierError(
            root, "not a dossier: make one with `dossier init`, or `dossier clone URL`"
        )
    return git, root


def _author(git: Git) -> str:
    """Who signs the records: the dossier's `git config user.name`."""
    name = git.config("user.name")
    if not name or not git.config("user.email"):
        raise DossierError(
            git.folder,
            "git does not know who you are: run  git -C "
            f'"{git.folder}" config user.name "Your Name"  and  config user.email you@example.org',
        )
    return name


def _ensure_layout(root: Path) -> None:
    for name, text in _LAYOUT.items():
        path = root / name
        if not path.exists():
            path.write_text(text, encoding="utf-8", newline="\n")


def _commit(git: Git, author: str, work: sharing.Pending, new: dict[str, bytes]) -> bool:
    """Commit the new records, and every file an interrupted sync left in the working
    copy (a draft written and not committed); whether there was anything to commit."""
    tree.settle(git)  # an index a killed sync left behind the branch
    files = {**tree.untracked(git), **new}
    if not files:
        return False
    parts = [
        plural(len(work.drafts), "draft"),
        plural(work.count(ANNOTATIONS), "annotation version"),
        plural(work.count(TAGS), "tag version"),
        plural(work.count(LIBRARY), "library version"),
    ]
    tree.commit(git, files, f"{author}: {', '.join(parts)}")
    return True


def _exchange(git: Git, report: SyncReport) -> None:
    """Fetch and merge, then push; again if the push was refused because someone
    pushed meanwhile. An unreachable remote is reported, not raised: offline first."""
    branch = git.branch()
    for _ in range(PUSH_ATTEMPTS):
        fetched = git.call(["fetch", "--quiet", report.remote], check=False)
        if fetched.returncode != 0:
            report.offline = fetched.stderr.decode("utf-8", "replace").strip()
            return
        tracking = f"refs/remotes/{report.remote}/{branch}"
        if git.ok("rev-parse", "--verify", "--quiet", tracking):
            _merge(git, tracking)
        if not git.has_commits():
            return
        pushed = git.call(
            ["push", "--quiet", report.remote, f"HEAD:refs/heads/{branch}"], check=False
        )
        if pushed.returncode == 0:
            report.pushed = True
            return
    raise DossierError(
        git.folder,
        f"the push was refused {PUSH_ATTEMPTS} times (others are pushing, or you may not "
        f"push): {pushed.stderr.decode('utf-8', 'replace').strip()}; your records are "
        "committed here, sync again later",
    )


def _merge(git: Git, tracking: str) -> None:
    merged = git.call(
        ["merge", "--quiet", "--no-edit", "--allow-unrelated-histories", tracking], check=False
    )
    if merged.returncode == 0:
        return
    said = (merged.stdout + merged.stderr).decode("utf-8", "replace").strip()
    git.call(["merge", "--abort"], check=False)
    raise DossierError(
        git.folder,
        "git could not merge the others' records, which should never happen (a file was "
        f"edited by hand?); the dossier was left as it was before the merge: {said}",
    )


def _head(git: Git) -> str:
    """The commit checked out ("" before the first)."""
    return git.run("rev-parse", "--verify", "--quiet", "HEAD", check=False).strip()


def _added_since(git: Git, before: str) -> list[tuple[str, str]]:
    """(path, blob id) of the record files a merge brought (all of them into a clone
    that had none)."""
    after = _head(git)
    if after == before:
        return []
    if not before:
        return tree.files(git, list(KINDS))
    listed = git.run(
        "diff",
        "--raw",
        "-z",
        "--no-abbrev",
        "--no-renames",
        "--diff-filter=A",
        before,
        after,
        "--",
        *KINDS,
    ).split("\0")
    # --raw -z: ":000000 100644 <old id> <new id> A" then the path, as two fields
    return [
        (path, info.split(" ")[3])
        for info, path in zip(listed[::2], listed[1::2], strict=False)
        if path
    ]


def _unpushed(git: Git, remote: str) -> int:
    """Commits here that the remote had not got at the last fetch (-1: unknown)."""
    if not remote or not git.has_commits():
        return 0
    tracking = f"refs/remotes/{remote}/{git.branch()}"
    if not git.ok("rev-parse", "--verify", "--quiet", tracking):
        return -1
    return int(git.run("rev-list", "--count", f"{tracking}..HEAD").strip() or 0)
