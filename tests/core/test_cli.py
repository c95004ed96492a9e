"""The command line: `import` and `drafts`, their output, and exit status 2 on any error."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from main import main
from tests.builders import article


def test_import_then_list_as_json(
    db_file: Path, write_akn: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    later = write_akn(
        "b.xml", article(1, "B."), date="2023-06-05", stage="Revised draft", symbol="A/AC.1/1/Rev.1"
    )
    earlier = write_akn("a.xml", article(1, "A.") + article(2, "A2."), date="2023-01-16")
    assert main(["import", str(later), str(earlier), "--db", str(db_file)]) == 0
    out = capsys.readouterr().out
    assert f"imported {later}: Revised draft (2023-06-05), 1 provisions, as draft 1" in out
    assert main(["drafts", "--json", "--db", str(db_file)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [
        (d["id"], d["label"], d["date"], d["symbol"], d["provision_count"]) for d in listed
    ] == [
        (2, "Zero draft", "2023-01-16", "A/AC.1/1", 2),
        (1, "Revised draft", "2023-06-05", "A/AC.1/1/Rev.1", 1),
    ]


def test_table_listing_groups_by_negotiation(db_file: Path, write_akn, capsys) -> None:
    main(["import", str(write_akn("a.xml", article(1, "A."))), "--db", str(db_file)])
    capsys.readouterr()
    assert main(["drafts", "--db", str(db_file)]) == 0
    out = capsys.readouterr().out
    assert "Test convention" in out
    assert "Zero draft" in out and "A/AC.1/1" in out and "1 provisions" in out


def test_bad_file_exits_2_with_path_and_reason_and_changes_nothing(
    db_file: Path, write_akn, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_akn("good.xml", article(1, "Good."))
    bad = tmp_path / "bad.xml"
    bad.write_text("<akomaNtoso>\n<bill>")
    assert main(["import", str(good), str(bad), "--db", str(db_file)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}: malformed XML at line 2")
    main(["drafts", "--json", "--db", str(db_file)])
    assert json.loads(capsys.readouterr().out) == []


def test_duplicate_import_says_so(db_file: Path, write_akn, capsys) -> None:
    path = write_akn("a.xml", article(1, "A."))
    main(["import", str(path), "--db", str(db_file)])
    assert main(["import", str(path), "--db", str(db_file)]) == 0
    assert f"already imported {path}: same content as draft 1 (Zero draft); nothing added" in (
        capsys.readouterr().out
    )


def test_unbalanced_brackets_are_reported_at_import_and_kept_as_they_are(
    db_file: Path, write_akn, capsys
) -> None:
    body = article(1, "Each State Party [shall] adopt.") + article(2, "It shall] apply [now.")
    path = write_akn("a.xml", body)
    assert main(["import", str(path), "--db", str(db_file)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"warning: {path}: unbalanced bracket in Article 2, text: line 1, column 9: "
        "']' has no matching '['",
        f"warning: {path}: unbalanced bracket in Article 2, text: line 1, column 17: "
        "'[' is never closed",
    ]
    assert main(["search", "apply", "--db", str(db_file)]) == 0
    assert "It shall] ⟪apply⟫ [now." in capsys.readouterr().out  # as it is, not repaired


def test_label_and_date_options(db_file: Path, write_akn, capsys) -> None:
    path = write_akn("a.xml", article(1, "A."))
    assert (
        main(
            [
                "import",
                str(path),
                "--label",
                "Chair's text",
                "--date",
                "2022-12-01",
                "--db",
                str(db_file),
            ]
        )
        == 0
    )
    assert "Chair's text (2022-12-01)" in capsys.readouterr().out
    assert main(["import", str(path), "--date", "yesterday", "--db", str(db_file)]) == 2
    assert "not of the form YYYY-MM-DD" in capsys.readouterr().err


def test_import_with_nothing_to_import_is_an_error(db_file: Path, capsys) -> None:
    assert main(["import", "--db", str(db_file)]) == 2
    assert "name files or folders" in capsys.readouterr().err


def test_database_from_environment(
    tmp_path: Path, write_akn, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("TRAVAUX_DB", str(db))
    assert main(["import", str(write_akn("a.xml", article(1, "A.")))]) == 0
    assert db.exists()


def test_corrupt_database_exits_2_and_is_left_alone(db_file: Path, write_akn, capsys) -> None:
    db_file.write_bytes(b"garbage" * 500)
    assert main(["import", str(write_akn("a.xml", article(1, "A."))), "--db", str(db_file)]) == 2
    assert capsys.readouterr().err.startswith(f"{db_file}: not a Travaux database")
    assert db_file.read_bytes() == b"garbage" * 500


@pytest.fixture
def demo_db(db_file: Path) -> Path:
    assert main(["import", "--demo", "--db", str(db_file)]) == 0
    return db_file


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("1", "5"),
        ("Zero draft", "final text agreed ad referendum"),
        ("A/AC.305/7", "A/AC.305/L.9"),
        ("2023-01-16", "2024-08-08"),
    ],
)
def test_compare_names_drafts_by_id_label_symbol_or_date(
    demo_db: Path, capsys, old: str, new: str
) -> None:
    capsys.readouterr()
    assert main(["compare", old, new, "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "Zero draft (2023-01-16, A/AC.305/7)  ->  "
        "Final text agreed ad referendum (2024-08-08, A/AC.305/L.9)"
    )
    rows = [line.split() for line in out[1:-2]]
    assert rows[6][:6] == ["Article", "5", "->", "Article", "6", "modified"]
    assert any(
        row[:9] == ["Article", "26", "->", "Article", "24", "+", "Article", "25", "split"]
        for row in rows
    )
    assert out[-2].startswith("72 of 72 provisions changed (4 renumbered, 50 modified, 2 moved,")


def test_compare_json_is_the_documented_shape_and_changed_only_filters(
    demo_db: Path, capsys
) -> None:
    capsys.readouterr()
    assert main(["compare", "4", "5", "--json", "--changed-only", "--db", str(demo_db)]) == 0
    shape = json.loads(capsys.readouterr().out)
    assert shape["from"]["label"] == "Further revised draft"
    assert shape["to"]["symbol"] == "A/AC.305/L.9"
    assert shape["totals"]["unchanged"] == 23
    assert all(p["status"] != "unchanged" for p in shape["provisions"])
    assert len(shape["provisions"]) == shape["totals"]["changed"]


def test_compare_with_an_unknown_or_ambiguous_draft_exits_2(
    demo_db: Path, write_akn, capsys
) -> None:
    capsys.readouterr()
    assert main(["compare", "Zero draft", "Eleventh draft", "--db", str(demo_db)]) == 2
    err = capsys.readouterr().err
    assert "no draft called 'Eleventh draft'" in err and "1 'Zero draft'" in err
    other = write_akn("other.xml", article(1, "A."), work="/akn/un/bill/2030/other")
    main(["import", str(other), "--db", str(demo_db)])
    capsys.readouterr()
    assert main(["compare", "Zero draft", "5", "--db", str(demo_db)]) == 2
    assert "2 drafts have the label 'Zero draft'" in capsys.readouterr().err


def test_compare_ignoring_punctuation_counts_fewer_changes(demo_db: Path, capsys) -> None:
    counts = []
    for flags in ([], ["--ignore-punctuation", "--ignore-case", "--ignore-whitespace"]):
        capsys.readouterr()
        main(["compare", "1", "2", "--json", "--db", str(demo_db), *flags])
        counts.append(json.loads(capsys.readouterr().out)["totals"])
    exact, loose = counts
    assert loose["words_added"] <= exact["words_added"]
    assert loose["unchanged"] >= exact["unchanged"]
