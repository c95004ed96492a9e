"""README.md's data model is the real schema: a user opens the file with it in hand."""

from __future__ import annotations

import re
from pathlib import Path

from drafts.store import Store
from tests.builders import raw_database

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _documented_tables() -> dict[str, set[str]]:
    section = README.split("## Data model", 1)[1].split("\n## ", 1)[0]
    tables = {}
    for row in re.findall(r"^\| `(\w+)` \|[^|]*\|(.*)\|$", section, flags=re.MULTILINE):
        name, columns = row
        without_notes = re.sub(r"\([^)]*\)", "", columns)  # "(JSON list of ...)" etc.
        tables[name] = set(re.findall(r"(?:^|, )`(\w+)`", without_notes.strip()))
    return tables


def test_every_documented_table_and_column_exists_and_none_is_missing(store: Store) -> None:
    documented = _documented_tables()
    real = {t for t in raw_database(store).table_names() if not re.fullmatch(r"\w+_fts_\w+", t)}
    assert set(documented) == real  # FTS5's own shadow tables aside
    for table in real - {"provisions_fts"}:
        assert documented[table] == set(raw_database(store)[table].columns_dict), table


def test_the_two_setup_commands_are_the_ones_ci_runs() -> None:
    commands = re.findall(r"^    (python3 run\.py[^#\n]*?)\s*#", README, flags=re.MULTILINE)
    assert commands == ["python3 run.py", "python3 run.py test"]
    ci = (Path(__file__).resolve().parents[2] / ".ci/run").read_text()
    assert "\npython3 run.py test\n" in ci


def test_every_promise_about_your_data_names_a_test_that_exists() -> None:
    """The promises section is only as true as its tests: each one it names must be
    there, so renaming or deleting one fails here until the README follows."""
    section = README.split("## What Travaux promises about your data", 1)[1].split("\n## ", 1)[0]
    promises = re.findall(r"^- \*\*(.+?)\*\*", section, flags=re.MULTILINE)
    named = re.findall(r"`((?:core|viewer)/test_\w+\.py)::(test_\w+)`", section)
    assert len(promises) >= 8 and len(named) >= len(promises)
    tests = Path(__file__).resolve().parents[1]
    for module, function in named:
        source = (tests / module).read_text(encoding="utf-8")
        assert re.search(rf"^def {function}\(", source, flags=re.MULTILINE), (module, function)
    for block in re.split(r"^- \*\*", section, flags=re.MULTILINE)[1:]:
        assert "::test_" in block, block.splitlines()[0]  # every promise names a test
