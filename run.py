#!/usr/bin/env python3
"""Set up Travaux on first use, then run it: the one entry a new machine needs.

Only the standard library is used here, because this file runs before anything is
installed. It keeps a virtual environment in `.venv/` beside this file and
re-installs the project into it whenever `pyproject.toml` changes.

    python3 run.py              open the app
    python3 run.py test         run the whole test suite (lint, then pytest)
    python3 run.py ARGS...      any other arguments go to `main.py` (import, drafts, ...)
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".travaux-installed"


def venv_python() -> Path:
    """The interpreter inside the project's virtual environment."""
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def wanted_stamp(extras: str) -> str:
    """What the environment must have been installed from: the pyproject and the extras."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return f"{digest} {extras}\n"


def ensure_environment(extras: str) -> Path:
    """Create `.venv` and install the project (with `extras`) unless it is already current."""
    if not venv_python().exists():
        print("Creating .venv (first run) ...", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    have = STAMP.read_text() if STAMP.exists() else ""
    # An environment installed with the test extras also serves the app.
    if have in (wanted_stamp(extras), wanted_stamp("test")):
        return venv_python()
    print(
        f"Installing Travaux and its dependencies into .venv ({extras or 'app'}) ...",
        file=sys.stderr,
    )
    target = f".[{extras}]" if extras else "."
    pip = [str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True, cwd=ROOT)
    subprocess.run([*pip, "-e", target], check=True, cwd=ROOT)
    STAMP.write_text(wanted_stamp(extras))
    return venv_python()


CHECKS = (
    ["-m", "ruff", "check", "."],
    ["-m", "ruff", "format", "--check", "."],
    ["-m", "mypy"],  # the core's types (pyproject.toml says what and how strictly)
    # The layers: the core never reaches Qt, reading never the store (import-linter has no -m).
    ["-c", "import sys, importlinter.cli as c; sys.exit(c.lint_imports_command())", "--no-cache"],
)


def run_tests(python: Path, args: list[str]) -> int:
    """Lint, format, types and layers, then the whole suite with Qt offscreen; exit 0 only
    if all pass."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for check in CHECKS:
        result = subprocess.run([str(python), *check], cwd=ROOT, env=env)
        if result.returncode != 0:
            return result.returncode
    return subprocess.run([str(python), "-m", "pytest", *args], cwd=ROOT, env=env).returncode


def main(argv: list[str]) -> int:
    if argv[:1] == ["test"]:
        return run_tests(ensure_environment("test"), argv[1:])
    python = ensure_environment("")
    return subprocess.run([str(python), str(ROOT / "main.py"), *argv], cwd=Path.cwd()).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
