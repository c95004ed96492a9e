"""A database that may not be written (a read-only file, or a file in a read-only
folder): every reading command works, a comparison is computed without being cached,
and every writing command fails saying why, the file byte for byte as it was.

Two ways in. The read-only open itself (SQLite's `mode=ro`), forced: root may write
anywhere, so a chmod alone proves nothing when the tests run as root. And a real
read-only folder, with the commands run in a child process as an unprivileged user
when the tests run as root (as themselves otherwise)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafts import connection
from drafts.store import Store
from main import main
from tests.builders import annotate

ROOT = Path(__file__).resolve().parents[2]

READING = {
    "drafts": ["drafts"],
    "compare cached": ["compare", "1", "2"],
    "compare computed": ["compare", "1", "5", "--ignore-case"],
    "history": ["history", "Article 24", "--blame"],
    "search": ["search", "proportionality", "--provision", "Article 24"],
    "export": ["export", "1", "5", "--format", "html", "-o", "{out}/c.html"],
    "annotations export": ["annotations", "export", "-o", "{out}/a.json"],
    "check": ["check"],
}
WRITING = {
    "import": ["import", "{out}/new.xml"],
    "annotations import": ["annotations", "import", "{out}/theirs.json"],
}

_RUN = """
import json, sys
from main import main
codes = {}
for name, argv in json.loads(sys.argv[1]).items():
    codes[name] = main(argv)
print(json.dumps(codes))
"""


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder under the system's temporary folder that another user may enter
    (pytest's own is private to its user)."""
    folder = Path(tempfile.mkdtemp(prefix="travaux-ro-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        shutil.rmtree(folder)


def _fill(folder: Path) -> tuple[Path, Path]:
    """`folder/db/t.sqlite3` with the demo, one annotation and the pair 1-2 cached; and
    `folder/out`, writable by anyone, holding a new draft and an annotation file."""
    (folder / "db").mkdir()
    out = folder / "out"
    out.mkdir(mode=0o777)
    out.chmod(0o777)
    db = folder / "db" / "t.sqlite3"
    assert main(["import", "--demo", "--db", str(db)]) == 0
    with Store(db) as store:
        final = store.drafts()[-1]
        annotate(store, final, "art_24", "proportionality", note="kept")
    assert main(["compare", "1", "2", "--db", str(db)]) == 0
    assert main(["annotations", "export", "-o", str(out / "theirs.json"), "--db", str(db)]) == 0
    demo = (ROOT / "resources/demo/01-zero-draft.xml").read_text(encoding="utf-8")
    (out / "new.xml").write_text(demo.replace("shall", "must"), encoding="utf-8")
    (out / "theirs.json").write_text(
        (out / "theirs.json").read_text(encoding="utf-8").replace("urn:uuid:", "urn:uuid:f"),
        encoding="utf-8",
    )
    for path in out.iterdir():
        path.chmod(0o666)
    return db, out


def _commands(db: Path, out: Path) -> dict[str, list[str]]:
    return {
        name: [part.format(out=out) for part in argv] + ["--db", str(db)]
        for name, argv in (READING | WRITING).items()
    }


def _as_nobody() -> None:  # pragma: no cover - runs in the child, before exec
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)


def test_a_read_only_folder_reads_and_refuses_writes(
    shared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, out = _fill(shared)
    capsys.readouterr()
    db.chmod(0o444)
    db.parent.chmod(0o555)
    before = db.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(out), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", _RUN, json.dumps(_commands(db, out))],
        cwd=out, env=env, capture_output=True, text=True, timeout=300,
        preexec_fn=_as_nobody if os.geteuid() == 0 else None,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    codes = json.loads(result.stdout.splitlines()[-1])
    assert codes == dict.fromkeys(READING, 0) | dict.fromkeys(WRITING, 2), result.stderr
    refused = [line for line in result.stderr.splitlines() if line.startswith(str(db))]
    assert len(refused) == len(WRITING), result.stderr
    assert all(
        line.endswith(": the database is read-only here (the file or its folder cannot be "
                      "written); nothing was changed")
        for line in refused
    ), refused  # fmt: skip
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name]
    assert "Article 24" in (out / "c.html").read_text(encoding="utf-8")


def test_the_read_only_open_reads_everything_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite's own read-only mode, which holds for root too."""
    db, out = _fill(tmp_path)
    capsys.readouterr()
    before = db.read_bytes()
    monkeypatch.setattr(connection, "_writable", lambda path: False)
    with Store(db) as store:
        assert store.read_only
    for name, argv in _commands(db, out).items():
        assert main(argv) == (2 if name in WRITING else 0), name
    err = capsys.readouterr().err
    assert err.count("the database is read-only here") == len(WRITING)
    assert "was not cached" not in err
    assert db.read_bytes() == before


def test_an_old_schema_that_cannot_be_upgraded_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "t.sqlite3"
    with Store(db) as store:
        store.transaction("", lambda conn: conn.execute("PRAGMA user_version = 3"))
        store.transaction("", lambda conn: conn.execute("ALTER TABLE provisions DROP COLUMN marks"))
    before = db.read_bytes()
    monkeypatch.setattr(connection, "_writable", lambda path: False)
    with pytest.raises(Exception, match=r"needs upgrading \(schema 3 to 4\) but is read-only"):
        Store(db)
    assert db.read_bytes() == before
