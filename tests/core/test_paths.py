"""Where the database lives: `--db`, then `TRAVAUX_DB`, then the user's data folder.

(The code's layers, such as "the core never imports Qt", are import-linter contracts in
pyproject.toml, checked by `python3 run.py test` before pytest runs.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafts.paths import DB_ENV, DB_FILENAME, default_db_path


def test_database_location_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(DB_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "Travaux" / DB_FILENAME
    monkeypatch.setenv(DB_ENV, str(tmp_path / "env.sqlite3"))
    assert default_db_path() == tmp_path / "env.sqlite3"
    assert default_db_path(tmp_path / "flag.sqlite3") == tmp_path / "flag.sqlite3"
