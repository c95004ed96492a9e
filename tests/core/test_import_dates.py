"""Dates that are no day of the calendar are refused, from `--date` and from the
document itself, on import and convert: drafts are ordered by their dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from main import main
from tests.builders import article

IMPOSSIBLE = [
    "2024-13-45",
    "2024-02-30",
    "2023-02-29",
    "0000-01-01",
    "2024-00-10",
]


def _refusal(path: Path, date: str) -> str:
    return (
        f"{path}: the date {date!r} is not a day of the calendar: write it as YYYY-MM-DD, "
        "with a month from 01 to 12 and a day that month has\n"
    )


@pytest.mark.parametrize("date", IMPOSSIBLE)
def test_an_impossible_date_option_is_refused(
    db_file: Path, write_akn, capsys: pytest.CaptureFixture[str], date: str
) -> None:
    path = write_akn("a.xml", article(1, "A."))
    assert main(["import", str(path), "--date", date, "--db", str(db_file)]) == 2
    assert capsys.readouterr().err == _refusal(path, date)
    assert main(["drafts", "--json", "--db", str(db_file)]) == 0
    assert capsys.readouterr().out.strip() == "[]"


@pytest.mark.parametrize("date", ["2024-13-45", "2024-02-30"])
def test_an_impossible_date_in_the_document_is_refused(
    db_file: Path, write_akn, capsys: pytest.CaptureFixture[str], date: str
) -> None:
    good = write_akn("a.xml", article(1, "A."))
    bad = write_akn("b.xml", article(1, "B."), date=date)
    assert main(["import", str(good), str(bad), "--db", str(db_file)]) == 2
    assert capsys.readouterr().err == _refusal(bad, date)
    assert main(["drafts", "--json", "--db", str(db_file)]) == 0
    assert capsys.readouterr().out.strip() == "[]"


@pytest.mark.parametrize("date", ["２０２４-01-01", "2024-1-1", "20240101", "2024-W01-1"])
def test_a_date_of_another_form_is_refused(
    db_file: Path, write_akn, capsys: pytest.CaptureFixture[str], date: str
) -> None:
    """Python reads some of these as dates; drafts are stored as YYYY-MM-DD only."""
    path = write_akn("a.xml", article(1, "A."))
    assert main(["import", str(path), "--date", date, "--db", str(db_file)]) == 2
    assert capsys.readouterr().err == f"{path}: the date {date!r} is not of the form YYYY-MM-DD\n"


def test_a_leap_day_is_a_day(db_file: Path, write_akn, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_akn("a.xml", article(1, "A."))
    assert main(["import", str(path), "--date", "2024-02-29", "--db", str(db_file)]) == 0
    assert "(2024-02-29)" in capsys.readouterr().out


def test_convert_refuses_an_impossible_date_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "draft.txt"
    text.write_text("Article 1\nWords.\n", encoding="utf-8")
    out = tmp_path / "draft.xml"
    assert main(["convert", str(text), "-o", str(out), "--date", "2024-02-30"]) == 2
    assert capsys.readouterr().err.endswith(_refusal(text, "2024-02-30"))
    assert not out.exists()
