"""The dossier's records as git holds them: committed straight into git's objects and
read back from them, never written out as files of their own in the working copy.

A dossier of 10,000 annotations is 10,000 record files. Creating a file costs 0.1 ms
on a quiet disk and 2 ms on a busy one (measured here with strace: `openat` alone), so
writing them out, and having git write them out again in every clone after a merge,
was most of what a first sync cost. The records therefore stay inside git: each
clone's working copy is a sparse checkout (`git sparse-checkout`, cone mode) of the
top-level files and `drafts/`, which a person may want to open; `annotations/`,
`tags/` and `library/` are in every commit, pushed, fetched and merged as before; a plain
`git clone` of the team's repository shows them as files (a clone Travaux syncs is
made sparse again at each sync).

New records are committed by `git fast-import` from memory: one pack, no loose object
per record, no file written or read back. The index is then moved to the new commit
(`git reset`), and its sparse patterns keep the records out of the working copy.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping

from drafts.dossier.git import DossierError, Git

CHECKED_OUT = ("drafts",)
"""The folders a clone's working copy holds (besides the top-level files)."""


def ensure_sparse(git: Git) -> None:
    """Make the clone's working copy hold the top-level files and `drafts/` only. A
    clone made otherwise (by an earlier Travaux, or by `git clone`) is changed once:
    git removes the checked-out records it has committed, and leaves any other file."""
    if git.config("core.sparseCheckoutCone") == "true":
        listed = git.run("sparse-checkout", "list", check=False).split()
        if listed == list(CHECKED_OUT):
            return
    if git.call(["sparse-checkout", "set", "--cone", *CHECKED_OUT], check=False).returncode:
        git.run("sparse-checkout", "init", "--cone")  # git 2.25 to 2.34: no `set --cone`
        git.run("sparse-checkout", "set", *CHECKED_OUT)


def files(git: Git, folders: Iterable[str], commit: str = "HEAD") -> list[tuple[str, str]]:
    """(path, blob id) of every file under `folders` in `commit` (none before the first)."""
    if not git.ok("rev-parse", "--verify", "--quiet", commit):
        return []
    listed = git.run("ls-tree", "-r", "-z", "--full-tree", commit, "--", *folders)
    found = []
    for entry in listed.split("\0"):
        if not entry:
            continue
        info, path = entry.split("\t", 1)
        _, kind, blob = info.split(" ")
        if kind == "blob":
            found.append((path, blob))
    return found


def blobs(git: Git, names: list[str]) -> Iterator[bytes | None]:
    """The content of each object named (a blob id, or `HEAD:path`), in order, through
    one `git cat-file --batch`; None for a name git does not know."""
    if not names:
        return
    out = git.call(
        ["cat-file", "--batch", "--buffer"], input="\n".join(names).encode() + b"\n"
    ).stdout
    at = 0
    for _ in names:
        end = out.index(b"\n", at)
        header = out[at:end].split(b" ")
        at = end + 1
        if len(header) != 3:  # "<name> missing" (or ambiguous)
            yield None
            continue
        size = int(header[2])
        yield out[at : at + size]
        at += size + 1


def commit(git: Git, new: Mapping[str, bytes], message: str) -> None:
    """Commit `new` (path -> bytes) on top of the branch in one pack, and move the index
    to the new commit. Killed before fast-import ends, nothing is committed (its pack
    is a temporary file and the branch has not moved); after, the next sync's `reset`
    finishes the work."""
    branch = git.branch()
    name, email = git.config("user.name"), git.config("user.email")
    body = message.encode("utf-8")
    stream = bytearray()
    stream += f"commit refs/heads/{branch}\n".encode()
    stream += f"committer {name} <{email}> {int(time.time())} +0000\n".encode()
    stream += b"data %d\n%s\n" % (len(body), body)
    head = git.run("rev-parse", "--verify", "--quiet", "HEAD", check=False).strip()
    if head:
        stream += f"from {head}\n".encode()
    for path, data in sorted(new.items()):
        stream += b'M 100644 inline "%s"\n' % _quoted(path)
        stream += b"data %d\n%s\n" % (len(data), data)
    stream += b"done\n"
    git.run("fast-import", "--quiet", "--done", input=bytes(stream))
    settle(git)


def settle(git: Git) -> None:
    """Put the index where the branch is (after a commit by fast-import, or one a killed
    sync left half done), keeping the working copy as it is."""
    if not git.ok("rev-parse", "--verify", "--quiet", "HEAD"):
        return
    git.run("reset", "--quiet")
    git.run("update-index", "-q", "--refresh", check=False)


def untracked(git: Git) -> dict[str, bytes]:
    """Files in the working copy that git does not track (a draft an interrupted sync
    wrote, a record an earlier Travaux wrote out): path -> bytes."""
    listed = git.run("ls-files", "--others", "--exclude-standard", "-z").split("\0")
    found = {}
    for path in filter(None, listed):
        try:
            found[path] = (git.folder / path).read_bytes()
        except OSError as exc:
            raise DossierError(git.folder / path, f"cannot read ({exc.strerror or exc})") from exc
    return found


def _quoted(path: str) -> bytes:
    """A path as fast-import reads it between double quotes (C-style escapes)."""
    escaped = path.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return escaped.encode("utf-8")
