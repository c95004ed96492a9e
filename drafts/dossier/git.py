"""The system `git` command, run without a shell: the one door of a dossier to git.

The `git` command rather than a library (dulwich): it is installed wherever a team
already shares files with git, it knows the user's credentials, SSH keys and proxies,
and it adds no dependency. Every call names the repository (`git -C`), captures its
output, and turns a failure into a `DossierError` that says what git said.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from drafts.errors import TravauxError


class DossierError(TravauxError):
    """A dossier operation failed; the dossier and the database are as they were, or
    as the last step that finished left them (every step can be run again)."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class Git:
    """One working copy of a dossier, driven through the `git` command."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def run(self, *args: str, check: bool = True, input: bytes | None = None) -> str:
        """git's output (stdout) for `args`; a non-zero exit is a DossierError unless
        `check` is off."""
        return self.call(args, check=check, input=input).stdout.decode("utf-8", "replace")

    def call(
        self, args: Sequence[str], check: bool = True, input: bytes | None = None
    ) -> subprocess.CompletedProcess[bytes]:
        """Run `git -C folder args`; the finished process."""
        command = [_executable(), "-C", str(self.folder), *args]
        try:
            done = subprocess.run(
                command, capture_output=True, input=input, check=False, env=_environment()
            )
        except OSError as exc:
            raise DossierError(self.folder, f"cannot run git ({exc.strerror or exc})") from exc
        if check and done.returncode != 0:
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
            raise DossierError(self.folder, f"git {args[0]} failed: {said or 'no message'}")
        return done

    def ok(self, *args: str) -> bool:
        """Whether git succeeds with `args` (a question, such as whether a ref exists)."""
        return self.call(args, check=False).returncode == 0

    def config(self, key: str) -> str:
        """A configuration value as this repository sees it ("" when unset)."""
        return self.run("config", "--get", key, check=False).strip()

    def branch(self) -> str:
        """The branch checked out (also before its first commit)."""
        return self.run("symbolic-ref", "--short", "HEAD").strip()

    def has_commits(self) -> bool:
        return self.ok("rev-parse", "--verify", "--quiet", "HEAD")

    def remote(self) -> str:
        """The remote the dossier syncs with: "origin" if there is one, else ""."""
        remotes = self.run("remote").split()
        return "origin" if "origin" in remotes else (remotes[0] if remotes else "")

    def is_repository(self) -> bool:
        return self.folder.is_dir() and self.ok("rev-parse", "--git-dir")

    def git_dir(self) -> Path:
        """The repository's own folder (.git), where per-clone state is kept unshared."""
        found = Path(self.run("rev-parse", "--git-dir").strip())
        return found if found.is_absolute() else self.folder / found


MALLOC_TUNING = "glibc.malloc.trim_threshold=67108864:glibc.malloc.top_pad=16777216"
"""For git on glibc (Linux; other systems ignore it): keep freed memory instead of
giving it back to the system at once. git allocates and frees a compressor's state for
every object it writes; glibc gave the memory back and took it again each time (41,000
`brk` calls for 10,000 records), and `git fast-import` spent 0.6 s of system time on
it: 2.8 s on the clock, 0.8 s with this."""


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    theirs = env.get("GLIBC_TUNABLES")
    env["GLIBC_TUNABLES"] = f"{MALLOC_TUNING}:{theirs}" if theirs else MALLOC_TUNING
    return env


def _executable() -> str:
    found = shutil.which("git")
    if found is None:
        raise DossierError("git", "git is not installed: a dossier needs it (https://git-scm.com)")
    return found
