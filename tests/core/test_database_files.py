"""Which SQLite files Travaux opens, and what it does to those it does not: another
program's file (whatever its `user_version`) and one from a newer Travaux are refused
byte for byte untouched; a Travaux file from before the application id opens and is
upgraded; a damaged one is named as damaged by every command; four processes opening
one new file at once all succeed."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from drafts import migrations
from drafts.demo import import_demo
from drafts.errors import StoreError
from drafts.store import Store
from main import main
from tests.builders import annotate, damage_table, raw_database


def _other_program(path: Path, version: int, *tables: str, app: int = 0) -> bytes:
    conn = sqlite3.connect(path)
    for table in tables:
        conn.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute(f"INSERT INTO {table} (name) VALUES ('theirs')")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(f"PRAGMA application_id = {app}")
    conn.commit()
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize(
    ("version", "tables", "app"),
    [
        (1, ("recipes",), 0),
        (2, ("notes", "tags"), 0),
        (39, ("events",), 0),
        (1, ("negotiations", "drafts", "provisions"), 0),  # our names, but not our schema
        (4, ("recipes",), 0x4D504258),  # another program's application id
        (0, (), 0x4D504258),
        (7, (), 0),
    ],
)
def test_another_programs_file_is_refused_untouched(
    db_file: Path, version: int, tables: tuple[str, ...], app: int
) -> None:
    before = _other_program(db_file, version, *tables, app=app)
    with pytest.raises(StoreError) as caught:
        Store(db_file)
    message = str(caught.value)
    assert message.startswith(f"{db_file}: not a Travaux database: ")
    assert "another program" in message and "newer" not in message
    assert db_file.read_bytes() == before
    assert sorted(p.name for p in db_file.parent.iterdir()) == [db_file.name]


def test_the_command_line_says_so_with_exit_2(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _other_program(db_file, 2, "recipes")
    for command in (["drafts"], ["import", "--demo"], ["check"]):
        assert main([*command, "--db", str(db_file)]) == 2
        assert "not a Travaux database" in capsys.readouterr().err
    assert db_file.read_bytes() == before


def test_a_new_database_carries_our_application_id(db_file: Path) -> None:
    with Store(db_file):
        pass
    with sqlite3.connect(db_file) as conn:
        app = conn.execute("PRAGMA application_id").fetchone()[0]
    assert app == migrations.APPLICATION_ID == int.from_bytes(b"TRVX", "big")
    assert db_file.read_bytes()[68:72] == b"TRVX"


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_an_older_travaux_file_without_the_id_opens_and_is_upgraded(
    db_file: Path, version: int
) -> None:
    """Files written before the application id: recognised by their tables."""
    conn = sqlite3.connect(db_file)
    import sqlite_utils

    db = sqlite_utils.Database(conn, execute_plugins=False)
    for step in migrations.MIGRATIONS[:version]:
        step(db)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(
        "INSERT INTO negotiations (work_uri, title, created_at) VALUES ('/akn/x', 'Kept', '')"
    )
    conn.commit()
    conn.close()
    with Store(db_file) as store:
        assert store.negotiations() == [(1, "Kept", "/akn/x")]
        conn = raw_database(store).conn
        assert migrations.schema_version(conn) == migrations.LATEST
        assert conn.execute("PRAGMA application_id").fetchone()[0] == migrations.APPLICATION_ID


def test_a_newer_travaux_file_is_called_that_and_left_untouched(db_file: Path) -> None:
    with Store(db_file) as store:
        raw_database(store).execute("PRAGMA user_version = 39")
    before = db_file.read_bytes()
    with pytest.raises(StoreError, match=r"written by a newer Travaux \(schema 39"):
        Store(db_file)
    assert db_file.read_bytes() == before


def test_a_travaux_file_missing_a_table_is_damaged_and_left_untouched(db_file: Path) -> None:
    with Store(db_file) as store:
        raw_database(store).execute("DROP TABLE comparisons")
    before = db_file.read_bytes()
    with pytest.raises(StoreError, match=r"the database is damaged \(missing table comparisons\)"):
        Store(db_file)
    assert db_file.read_bytes() == before


@pytest.fixture
def damaged(db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The demo with a compared pair and an exported annotation file, then its
    provisions' first page scribbled over."""
    with Store(db_file) as store:
        import_demo(store)
        final = store.drafts()[-1]
        annotate(store, final, "art_24", "proportionality", note="kept")
    assert main(["compare", "1", "2", "--db", str(db_file)]) == 0
    assert (
        main(["annotations", "export", "-o", str(tmp_path / "a.json"), "--db", str(db_file)]) == 0
    )
    damage_table(db_file, "provisions")
    capsys.readouterr()
    return db_file


@pytest.mark.parametrize(
    "command",
    [
        ["compare", "1", "5"],
        ["compare", "1", "2"],
        ["history", "Article 24"],
        ["search", "proportionality"],
        ["export", "1", "5", "--format", "html", "-o", "{tmp}/out.html"],
        ["annotations", "import", "{tmp}/a.json"],
        ["check"],
    ],
)
def test_every_command_calls_a_damaged_file_damaged(
    damaged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    before = damaged.read_bytes()
    argv = [part.format(tmp=tmp_path) for part in command]
    assert main([*argv, "--db", str(damaged)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{damaged}: "), err
    assert "damaged" in err or "problem" in err
    assert "Traceback" not in err
    assert damaged.read_bytes() == before
    assert not (tmp_path / "out.html").exists()


def test_a_damaged_list_of_drafts_is_named_too(
    damaged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage_table(damaged, "drafts")
    before = damaged.read_bytes()
    assert main(["drafts", "--db", str(damaged)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{damaged}: cannot read the database: the database is damaged (")
    assert err.endswith("; restore a backup, or run `travaux check` to see what is wrong\n")
    assert damaged.read_bytes() == before


def test_check_says_a_sound_file_is_sound(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(db_file) as store:
        import_demo(store)
    before = db_file.read_bytes()
    assert main(["check", "--db", str(db_file)]) == 0
    out = capsys.readouterr().out
    assert (
        out
        == f"{db_file}: sound (schema {migrations.LATEST}): pages, full-text index, references\n"
    )
    assert db_file.read_bytes() == before


def test_check_finds_a_full_text_index_out_of_step(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(db_file) as store:
        import_demo(store)
        conn = raw_database(store).conn
        conn.execute("PRAGMA recursive_triggers = OFF")
        conn.execute("DROP TRIGGER provisions_au")
        conn.execute("UPDATE provisions SET text = 'words the index never saw' WHERE id = 3")
        conn.commit()
    before = db_file.read_bytes()
    assert main(["check", "--db", str(db_file)]) == 2
    captured = capsys.readouterr()
    assert "full-text index: " in captured.out
    assert captured.err == f"{db_file}: 1 problem; restore a backup\n"
    assert db_file.read_bytes() == before


def test_check_finds_a_broken_reference(db_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store(db_file) as store:
        import_demo(store)
        conn = raw_database(store).conn
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM negotiations")
        conn.commit()
    assert main(["check", "--db", str(db_file)]) == 2
    assert "references: row 1 of drafts points to a missing row of negotiations" in (
        capsys.readouterr().out
    )


def _open_at_once(path: str, barrier: object, results: object) -> None:
    barrier.wait()  # type: ignore[attr-defined]
    try:
        with Store(path) as store:
            results.put(len(store.drafts()))  # type: ignore[attr-defined]
    except Exception as exc:  # the test reports whatever went wrong
        results.put(f"{type(exc).__name__}: {exc}")  # type: ignore[attr-defined]


def test_four_processes_opening_one_new_file_at_once_all_succeed(tmp_path: Path) -> None:
    """Released together by a barrier, 10 times over: each recognises the file again
    under the write lock, and waits its turn for the switch to WAL."""
    context = multiprocessing.get_context("fork")
    outcomes = []
    for round_ in range(10):
        path = str(tmp_path / f"shared{round_}.sqlite3")
        barrier, results = context.Barrier(4), context.Queue()
        workers = [
            context.Process(target=_open_at_once, args=(path, barrier, results)) for _ in range(4)
        ]
        for w in workers:
            w.start()
        outcomes += [results.get(timeout=60) for _ in workers]
        for w in workers:
            w.join(timeout=60)
    assert outcomes == [0] * 40


_UNDER_A_LIMIT = """
import resource, signal, sys
from main import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("limit", [0, 20_000, 300_000])
def test_a_full_disk_while_creating_the_database_is_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], limit: int
) -> None:
    """SQLite says only "disk I/O error": the message says what that means and what to
    do, and the file left behind opens afterwards (each step is whole or absent)."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    db = tmp_path / "new.sqlite3"
    result = subprocess.run(
        [sys.executable, "-c", _UNDER_A_LIMIT, str(limit), "import", "--demo", "--db", str(db)],
        cwd=root, env={**os.environ, "PYTHONPATH": str(root)}, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"{db}: "), result.stderr
    assert "the disk could not be read or written (disk I/O error)" in result.stderr
    assert "Free some space or name another file with --db" in result.stderr
    assert main(["import", "--demo", "--db", str(db)]) == 0
    assert main(["check", "--db", str(db)]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("path", ["/dev/null", "/proc/self/status", "{tmp}"])
def test_a_device_a_system_file_or_a_folder_is_no_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], path: str
) -> None:
    path = path.format(tmp=tmp_path)
    assert main(["drafts", "--db", path]) == 2
    assert capsys.readouterr().err == (
        f"{path}: not a database file: a folder, a device or a system file\n"
    )
    assert Path("/dev/null").is_char_device()


@pytest.mark.parametrize("junk", ["{not json", "42", '[{"status": "modified"}]'])
def test_a_damaged_cached_comparison_is_computed_again(db_file: Path, junk: str) -> None:
    from drafts.comparing.comparisons import compare_drafts

    with Store(db_file) as store:
        import_demo(store)
        old, new = store.drafts()[:2]
        fresh = compare_drafts(store, old, new)
        store.transaction(
            "", lambda conn: conn.execute("UPDATE comparisons SET result = ?", [junk])
        )
        again = compare_drafts(store, old, new)
        assert not again.from_cache and again.changes == fresh.changes
        assert compare_drafts(store, old, new).from_cache  # and cached whole again
