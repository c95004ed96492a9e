"""A full disk or a file-size limit during an export: every format, the PDF drawn by Qt
included, fails with the file named and exit 2, and the export written before is left
byte for byte as it was, with no scrap beside it.

The limit is real (RLIMIT_FSIZE in a child process, SIGXFSZ ignored so that writes fail
with EFBIG as they would with ENOSPC on a full disk), not a patched writer: Qt's PDF
writer once reported success on a cut file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from main import main

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ("pdf", "html", "docx", "csv")

_UNDER_A_LIMIT = """
import json, resource, signal, sqlite3, sys
from main import main
held = sqlite3.connect(sys.argv[1])  # keeps the WAL index made: the limit is for exports
held.execute("SELECT count(*) FROM drafts").fetchall()
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
_, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
codes = {}
for fmt, out, limit in json.loads(sys.argv[2]):
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    codes[fmt] = main(["export", "1", "5", "--format", fmt, "-o", out, "--db", sys.argv[1]])
    resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
print(json.dumps(codes))
"""


@pytest.fixture
def earlier(tmp_path: Path, qapp: QApplication, capsys: pytest.CaptureFixture[str]) -> Path:
    """A demo database and an export of each format written from it, as a user would
    have from a day before (this also caches the comparison, so the child writes
    nothing to the database)."""
    db = str(tmp_path / "t.sqlite3")
    assert main(["import", "--demo", "--db", db]) == 0
    from tests.viewer.test_cli_export import annotate

    annotate(db, "Zero draft", "art_1", "purpose", "definitions")
    for fmt in FORMATS:
        out = str(tmp_path / f"brief.{fmt}")
        assert main(["export", "1", "5", "--format", fmt, "-o", out, "--db", db]) == 0
    capsys.readouterr()
    return tmp_path


def test_an_export_over_the_size_limit_replaces_nothing(earlier: Path) -> None:
    before = {fmt: (earlier / f"brief.{fmt}").read_bytes() for fmt in FORMATS}
    # Half of each file, and for the PDF also just short of whole: Qt then ends
    # "successfully" with only the file's last bytes missing.
    plan = [(fmt, str(earlier / f"brief.{fmt}"), len(before[fmt]) // 2) for fmt in FORMATS]
    plan.append(("pdf", str(earlier / "brief.pdf"), len(before["pdf"]) - 40))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", _UNDER_A_LIMIT, str(earlier / "t.sqlite3"), json.dumps(plan)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == dict.fromkeys(FORMATS, 2)
    errors = result.stderr.splitlines()
    assert len(errors) == len(plan), result.stderr
    for (_, out, _), error in zip(plan, errors, strict=True):
        assert error.startswith(f"{out}: "), error
        assert "File too large" in error or "size limit" in error, error
    for fmt in FORMATS:
        assert (earlier / f"brief.{fmt}").read_bytes() == before[fmt], fmt
    assert not list(earlier.glob("*.part"))
