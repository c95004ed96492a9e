"""`dossier` on the command line: the README's three commands set a team up, and the
command's errors exit with status 2."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest

from drafts.annotating.annotations import find_annotations
from drafts.store import Store
from main import main
from tests.builders import annotate
from tests.teams import isolate_git

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
SHARED = "/shared/drive/treaty.git"


def setup_commands() -> list[list[str]]:
    """The indented commands of the README's "Working as a team" section."""
    section = README.split("## Working as a team", 1)[1].split("\n## ", 1)[0]
    return [shlex.split(line) for line in re.findall(r"^    (\S.*)$", section, re.MULTILINE)]


def run_as(person: Path, command: list[str], remote: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """One README command, typed by `person` (whose git knows their name)."""
    config = person / "gitconfig"
    name = person.name.capitalize()
    config.write_text(f"[user]\n\tname = {name}\n\temail = {person.name}@example.org\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    command = [str(remote) if word == SHARED else word for word in command]
    if command[0] == "git":
        return subprocess.run(command, capture_output=True, check=False).returncode
    assert command[:2] == ["python3", "run.py"]
    return main([*command[2:], "--db", str(person / "travaux.sqlite3")])


def test_the_readme_sets_a_team_up_in_three_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    isolate_git(tmp_path, monkeypatch)
    make, clone, sync = setup_commands()
    assert (make[0], clone[2:4], sync[2:]) == ("git", ["dossier", "clone"], ["dossier", "sync"])
    remote = tmp_path / "treaty.git"
    alice, bruno = tmp_path / "alice", tmp_path / "bruno"
    for person in (alice, bruno):
        person.mkdir()
    assert run_as(alice, make, remote, monkeypatch) == 0
    for person in (alice, bruno):
        assert run_as(person, clone, remote, monkeypatch) == 0
    assert main(["import", "--demo", "--db", str(alice / "travaux.sqlite3")]) == 0
    with Store(alice / "travaux.sqlite3") as store:
        annotate(store, store.find_draft("Zero draft"), "art_1", "purposes", note="Alice's")
    capsys.readouterr()
    assert run_as(alice, sync, remote, monkeypatch) == 0
    said = capsys.readouterr().out
    assert "shared: 5 drafts, 1 annotation version" in said and "exchanged with origin" in said
    assert run_as(bruno, sync, remote, monkeypatch) == 0
    said = capsys.readouterr().out
    assert "arrived: 5 drafts, 1 new, 0 changed and 0 deleted annotations" in said
    with Store(bruno / "travaux.sqlite3") as store:
        assert [a.content.note for a in find_annotations(store)] == ["Alice's"]
    assert main(["dossier", "status", "--db", str(bruno / "travaux.sqlite3")]) == 0
    said = capsys.readouterr().out
    assert f"dossier {bruno / 'dossier'}" in said and "signed by Bruno" in said
    assert "to share: 0 drafts, 0 annotation versions, 0 tag versions" in said

    bruno_db = str(bruno / "travaux.sqlite3")
    assert main(["draft", "edit", "Zero draft", "--label", "Zero", "--db", bruno_db]) == 0
    assert main(["dossier", "status", "--db", bruno_db]) == 0
    assert "1 library change" in capsys.readouterr().out
    assert run_as(bruno, sync, remote, monkeypatch) == 0
    assert "shared: 1 library change" in capsys.readouterr().out
    assert run_as(alice, sync, remote, monkeypatch) == 0
    assert "draft changed: Zero draft -> Zero" in capsys.readouterr().out


def test_a_folder_that_is_no_dossier_is_an_error_with_status_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    isolate_git(tmp_path, monkeypatch)
    nowhere = tmp_path / "nowhere"
    db = str(tmp_path / "t.sqlite3")
    assert main(["dossier", "sync", "--dossier", str(nowhere), "--db", db]) == 2
    assert capsys.readouterr().err.startswith(f"{nowhere}: not a dossier")
    assert main(["dossier", "init", str(nowhere), "--db", db]) == 0
    assert main(["dossier", "sync", "--dossier", str(nowhere), "--db", db]) == 2
    assert "git does not know who you are" in capsys.readouterr().err
    assert (
        main(["dossier", "clone", str(tmp_path / "no.git"), str(tmp_path / "c"), "--db", db]) == 2
    )
    assert "git clone failed" in capsys.readouterr().err
