"""How `main.py` reads its arguments: where `--db` may go, what no command opens, and a
usage text (the module's docstring) that names every command and option there is."""

from __future__ import annotations

import argparse
import json
import re
import sys
import types
from pathlib import Path

import pytest

import main as entry
from main import main


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    """A one-article text draft (import and convert both take .txt)."""
    path = tmp_path / "draft.txt"
    path.write_text("Article 1. Scope\n\nThis Convention applies.\n", encoding="utf-8")
    return path


def test_db_goes_before_or_after_the_command_and_after_wins(
    tmp_path: Path, draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first.sqlite3", tmp_path / "second.sqlite3"
    path = str(draft)
    assert main(["--db", str(first), "import", path]) == 0
    assert main(["--db", str(first), "import", path, "--db", str(second)]) == 0
    capsys.readouterr()
    counts = []
    for db in (first, second):
        assert main(["drafts", "--json", "--db", str(db)]) == 0
        counts.append(len(json.loads(capsys.readouterr().out)))
    assert counts == [1, 1]  # each import went to one file only: the later --db won
    assert main(["--db", str(first), "drafts", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The database paths the app would have been opened with (the app is never started)."""
    calls: list[Path] = []
    fake = types.ModuleType("viewer.app")
    fake.run = lambda db_path: calls.append(db_path) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "viewer.app", fake)
    return calls


def test_no_command_opens_the_app_on_the_chosen_database(
    opened: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRAVAUX_DB", str(tmp_path / "env.sqlite3"))
    assert main([]) == 0
    assert main(["--db", str(tmp_path / "given.sqlite3")]) == 0
    assert opened == [tmp_path / "env.sqlite3", tmp_path / "given.sqlite3"]
    assert not (tmp_path / "env.sqlite3").exists()  # the CLI itself opened no store


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (True, None)),
        (["--db", "x.sqlite3"], (True, "x.sqlite3")),
        (["--db=x.sqlite3"], (True, "x.sqlite3")),
        (["--db", ""], (False, None)),  # the parser says the name is empty
        (["--db", "--help"], (False, None)),
        (["--help"], (False, None)),
        (["drafts"], (False, None)),
        (["--db", "x.sqlite3", "drafts"], (False, None)),
    ],
)
def test_only_a_plain_start_of_the_app_skips_the_parser(
    argv: list[str], expected: tuple[bool, str | None]
) -> None:
    assert entry.plain_start(argv) == expected


def test_a_plain_start_opens_the_app_as_the_parser_would(
    opened: list[Path], tmp_path: Path
) -> None:
    given = tmp_path / "given.sqlite3"
    assert main([f"--db={given}"]) == 0
    assert main(["--db", "", "--db", str(given)]) == 0  # through the parser: the last wins
    assert opened == [given, given]


def test_convert_needs_no_database(tmp_path: Path, draft: Path, capsys) -> None:
    assert main(["convert", str(draft), "-o", str(tmp_path / "d.xml")]) == 0
    assert (tmp_path / "d.xml").exists()
    with pytest.raises(SystemExit) as exc:
        main(["convert", str(draft), "-o", str(tmp_path / "e.xml"), "--db", "x.sqlite3"])
    assert exc.value.code == 2
    assert "unrecognized arguments: --db" in capsys.readouterr().err


def test_annotations_needs_an_action(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["annotations"])
    assert exc.value.code == 2
    assert "required" in capsys.readouterr().err


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Every command by its name as typed: "import", "annotations export", ..."""
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                inner = _commands(sub)
                found.update({f"{name} {k}": v for k, v in inner.items()} or {name: sub})
    return found


def _usage_lines() -> list[str]:
    """The usage lines of main.py's docstring, continuation lines joined to their command."""
    lines: list[str] = []
    for line in (entry.__doc__ or "").splitlines():
        if line.strip().startswith("python main.py"):
            lines.append(line.strip().removeprefix("python main.py").strip())
        elif lines and line.startswith(" " * 8) and line.strip().startswith("["):
            lines[-1] += " " + line.strip()
    return lines


def _options(text: str) -> set[str]:
    """The options a usage line shows: "--db", "-o", not the "-MM" of "YYYY-MM-DD"."""
    return set(re.findall(r"(?<![\w-])--?[a-z][\w-]*", text))


def test_usage_text_names_every_command_and_only_real_options() -> None:
    commands = _commands(entry.build_parser())
    documented: set[str] = set()
    for line in _usage_lines():
        name = next((c for c in sorted(commands, key=len, reverse=True) if line.startswith(c)), "")
        if not name:
            assert line.split() == ["[--db", "FILE]", "open", "the", "app"], line
            continue
        documented.add(name)
        for option in _options(line):
            assert option in commands[name]._option_string_actions, f"{name}: no {option}"
    assert documented == set(commands)


def test_usage_text_shows_every_option_of_each_command() -> None:
    commands = _commands(entry.build_parser())
    lines = _usage_lines()
    for name, sub in commands.items():
        shown = _options(" ".join(line for line in lines if line.startswith(name)))
        for action in sub._actions:
            if action.option_strings and "-h" not in action.option_strings:
                assert shown & set(action.option_strings), f"{name}: {action.dest} not shown"
