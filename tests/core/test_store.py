"""The store: ordering, duplicates, round trips, schema versions, failures that change nothing."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from drafts import migrations
from drafts.demo import import_demo
from drafts.errors import RefusedError, StoreError
from drafts.reading.akoma import read_draft
from drafts.store import Store
from tests.builders import article, raw_database


def _draft(write_akn: Callable[..., Path], name: str, text: str, **meta: str):
    return read_draft(write_akn(name, article(1, text) + article(2, "Fixed."), **meta))


def test_drafts_are_ordered_by_date_then_import_order_undated_last(
    store: Store, write_akn: Callable[..., Path]
) -> None:
    late = _draft(write_akn, "late.xml", "Late.", date="2024-05-01", stage="Revised")
    undated = _undated(write_akn)
    early = _draft(write_akn, "early.xml", "Early.", date="2023-01-16", stage="Zero")
    same_day = _draft(write_akn, "same.xml", "Same day.", date="2024-05-01", stage="Corrigendum")
    store.add_drafts([late, undated])
    store.add_drafts([early, same_day])
    assert [d.label for d in store.drafts()] == ["Zero", "Revised", "Corrigendum", "Zero draft"]


def _undated(write_akn: Callable[..., Path]):
    path = write_akn("undated.xml", article(1, "Undated."))
    path.write_text(path.read_text().replace('<FRBRdate date="2023-01-16" name="draft"/>', ""))
    return read_draft(path)


def test_undated_draft_carries_a_warning(write_akn: Callable[..., Path]) -> None:
    draft = _undated(write_akn)
    assert draft.date == ""
    assert draft.warnings == ("no expression date: the draft is ordered last",)


def test_drafts_of_one_work_form_one_negotiation(store: Store, write_akn) -> None:
    store.add_drafts(
        [
            _draft(write_akn, "a.xml", "A.", date="2023-01-01"),
            _draft(write_akn, "b.xml", "B.", date="2023-02-01"),
            _draft(write_akn, "c.xml", "C.", work="/akn/un/bill/2020/other"),
        ]
    )
    assert [n[2] for n in store.negotiations()] == [
        "/akn/un/bill/2023/test",
        "/akn/un/bill/2020/other",
    ]
    assert {d.negotiation_id for d in store.drafts(store.negotiations()[0][0])} == {1}
    assert len(store.drafts(store.negotiations()[0][0])) == 2


def test_reimporting_the_same_content_adds_nothing(store: Store, write_akn) -> None:
    draft = _draft(write_akn, "a.xml", "A.")
    first = store.add_drafts([draft])
    before = store.dump()
    again = store.add_drafts([draft])
    assert again.added == []
    assert again.duplicates == [(draft, first.added[0])]
    assert store.dump() == before


def test_provisions_round_trip_exactly(store: Store, corpus: Path) -> None:
    draft = read_draft(corpus / "legaldocml-v3/uk_pga_1998_29.xml")
    (stored,) = store.add_drafts([draft]).added
    assert stored.provision_count == len(draft.provisions)
    assert tuple(store.provisions(stored.id)) == draft.provisions


def test_full_text_search_finds_provisions(store: Store, write_akn) -> None:
    store.add_drafts([_draft(write_akn, "a.xml", "Respect for the principle of proportionality.")])
    hits = list(raw_database(store)["provisions"].search("proportionality", columns=["eid"]))
    assert hits == [{"eid": "art_1"}]
    accents = list(raw_database(store)["provisions"].search("Cote", columns=["eid"]))
    assert accents == []
    store.add_drafts([_draft(write_akn, "b.xml", "Proposed by Côte d’Ivoire.", date="2023-03-01")])
    assert [
        h["eid"] for h in raw_database(store)["provisions"].search("Cote", columns=["eid"])
    ] == ["art_1"]


def test_file_database_has_wal_foreign_keys_and_schema_version(db_file: Path) -> None:
    with Store(db_file) as store:
        assert raw_database(store).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw_database(store).execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert migrations.schema_version(raw_database(store).conn) == migrations.LATEST
        with pytest.raises(sqlite3.IntegrityError):
            raw_database(store).execute(
                "INSERT INTO drafts (negotiation_id, expression_uri, label, date, "
                "symbol, language, doc_type, namespace, source, content_hash, "
                "imported_at) VALUES (999, '', '', '', '', '', '', '', '', 'h', '')"
            )


def test_deleting_a_draft_deletes_its_provisions_and_their_index(store: Store, write_akn) -> None:
    (stored,) = store.add_drafts([_draft(write_akn, "a.xml", "Unique wording here.")]).added
    with raw_database(store).conn:
        raw_database(store).execute("DELETE FROM drafts WHERE id = ?", [stored.id])
    assert raw_database(store).execute("SELECT count(*) FROM provisions").fetchone()[0] == 0
    assert list(raw_database(store)["provisions"].search("wording")) == []


def test_reopening_keeps_data_and_does_not_migrate_again(db_file: Path, write_akn) -> None:
    with Store(db_file) as store:
        store.add_drafts([_draft(write_akn, "a.xml", "Kept.")])
    with Store(db_file) as store:
        assert [d.label for d in store.drafts()] == ["Zero draft"]
        assert migrations.migrate(raw_database(store).conn) == []


def test_a_later_migration_step_upgrades_in_place(
    db_file: Path, write_akn, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(db_file) as store:
        store.add_drafts([_draft(write_akn, "a.xml", "Kept.")])

    def add_column(db) -> None:
        db.execute("ALTER TABLE drafts ADD COLUMN remark TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, add_column])
    monkeypatch.setattr(migrations, "LATEST", len(migrations.MIGRATIONS))
    with Store(db_file) as store:
        assert migrations.schema_version(raw_database(store).conn) == migrations.LATEST
        assert raw_database(store).execute("SELECT label, remark FROM drafts").fetchall() == [
            ("Zero draft", "")
        ]


def test_a_failing_migration_step_leaves_the_database_as_it_was(
    db_file: Path, write_akn, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(db_file) as store:
        store.add_drafts([_draft(write_akn, "a.xml", "Kept.")])
        before = store.dump()

    def broken(db) -> None:
        db.execute("ALTER TABLE drafts ADD COLUMN remark TEXT")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    monkeypatch.setattr(migrations, "LATEST", len(migrations.MIGRATIONS))
    with pytest.raises(StoreError, match="disk I/O error"):
        Store(db_file)
    monkeypatch.undo()
    with Store(db_file) as store:
        assert store.dump() == before


def test_a_newer_schema_is_refused(db_file: Path) -> None:
    with Store(db_file) as store:
        raw_database(store).execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    with pytest.raises(StoreError, match="written by a newer Travaux"):
        Store(db_file)


@pytest.mark.parametrize(
    "content", [b"this is not sqlite at all" * 100, b"SQLite format 3\x00" + b"\xff" * 200]
)
def test_a_corrupt_file_is_refused_and_left_untouched(db_file: Path, content: bytes) -> None:
    db_file.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        Store(db_file)
    assert str(caught.value).startswith(f"{db_file}: ")
    assert "not a Travaux database" in str(caught.value) or "damaged" in str(caught.value)
    assert db_file.read_bytes() == content


def test_some_other_sqlite_database_is_refused(db_file: Path) -> None:
    sqlite3.connect(db_file).execute("CREATE TABLE recipes (name TEXT)").connection.commit()
    with pytest.raises(StoreError, match="not a Travaux database"):
        Store(db_file)


def test_a_full_disk_during_import_changes_nothing(db_file: Path, write_akn) -> None:
    with Store(db_file) as store:
        store.add_drafts([_draft(write_akn, "a.xml", "Kept.")])
        before = store.dump()
        pages = raw_database(store).execute("PRAGMA page_count").fetchone()[0]
        raw_database(store).execute(f"PRAGMA max_page_count = {pages + 1}")  # the disk fills up now
        big = _draft(write_akn, "big.xml", "word " * 200_000, date="2024-01-01")
        with pytest.raises(StoreError, match="the disk is full"):
            store.add_drafts([big])
        assert store.dump() == before


def test_a_read_from_a_damaged_database_names_the_file(db_file: Path) -> None:
    """A table dropped behind our back: every read is a StoreError naming the file,
    not an sqlite3 traceback."""
    with Store(db_file) as store:
        raw_database(store).execute("DROP TABLE provisions_fts")
        raw_database(store).execute("DROP TABLE provisions")
        with pytest.raises(StoreError, match=rf"^{re.escape(str(db_file))}: cannot read"):
            store.provisions(1)


def test_a_transaction_is_all_or_nothing_and_says_what_was_not_done(store: Store) -> None:
    def half_then_fail(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO tags (name, colour, position) VALUES ('kept?', '#000000', 99)")
        conn.execute("INSERT INTO tags (name, colour, position) VALUES ('kept?', '#000000', 99)")

    before = store.rows("SELECT count(*) FROM tags")
    with pytest.raises(RefusedError, match=r"^the tags were not saved: UNIQUE constraint"):
        store.transaction("the tags were not saved", half_then_fail)
    assert store.rows("SELECT count(*) FROM tags") == before


def _open_and_count(path: str) -> int:
    with Store(path) as store:
        return len(store.drafts())


def test_processes_opening_one_new_database_at_once_all_succeed(tmp_path: Path) -> None:
    """Each migration step re-reads the schema version under the write lock: a second
    process never tries to create the tables the first has just made."""
    import multiprocessing

    path = str(tmp_path / "shared.sqlite3")
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        counts = pool.map(_open_and_count, [path] * 8)
    assert counts == [0] * 8
    with Store(path) as store:
        assert migrations.schema_version(raw_database(store).conn) == migrations.LATEST


def test_a_version_3_database_keeps_its_drafts_and_gains_empty_marks(db_file: Path) -> None:
    """Drafts imported before marks were kept read back exactly, with no marks."""
    with Store(db_file) as store:
        import_demo(store)
        before = [store.provisions(d.id) for d in store.drafts()]
        db = raw_database(store)
        db.execute("ALTER TABLE provisions DROP COLUMN marks")
        db.execute("PRAGMA user_version = 3")
    with Store(db_file) as upgraded:
        assert migrations.schema_version(raw_database(upgraded).conn) == migrations.LATEST
        assert [upgraded.provisions(d.id) for d in upgraded.drafts()] == before


def test_a_cached_comparison_is_written_without_waiting_for_the_disk_and_only_it(
    tmp_path: Path,
) -> None:
    """The cache is committed with `synchronous = NORMAL`; every other write still waits
    for the disk (FULL), so an import or an annotation survives a power cut."""
    with Store(tmp_path / "travaux.sqlite3") as store:
        import_demo(store)
        a, b = store.drafts()[:2]
        conn = raw_database(store).conn
        levels: list[int] = []
        conn.set_trace_callback(
            lambda sql: (
                levels.append(conn.execute("PRAGMA synchronous").fetchone()[0])
                if sql.startswith("INSERT OR REPLACE INTO comparisons")
                else None
            )
        )
        store.save_comparison(a.id, b.id, "exact", 1, "{}")
        conn.set_trace_callback(None)
        assert levels == [1]  # NORMAL while the cache row is written
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL again after
        assert store.cached_comparison(a.id, b.id, "exact", 1) == "{}"
