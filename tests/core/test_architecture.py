"""Contracts of the code's shape: the core never imports Qt or the viewer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from drafts.paths import DB_ENV, DB_FILENAME, default_db_path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "viewer")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("module", sorted((ROOT / "drafts").rglob("*.py")), ids=lambda p: p.name)
def test_core_module_imports_no_qt(module: Path) -> None:
    assert not _imports(module) & set(FORBIDDEN)


def test_the_contract_would_catch_a_qt_import(tmp_path: Path) -> None:
    offender = tmp_path / "offender.py"
    offender.write_text("from PySide6.QtCore import QObject\n")
    assert _imports(offender) & set(FORBIDDEN) == {"PySide6"}


def test_database_location_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(DB_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "Travaux" / DB_FILENAME
    monkeypatch.setenv(DB_ENV, str(tmp_path / "env.sqlite3"))
    assert default_db_path() == tmp_path / "env.sqlite3"
    assert default_db_path(tmp_path / "flag.sqlite3") == tmp_path / "flag.sqlite3"
