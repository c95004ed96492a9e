"""File > Share with a team… and File > Sync with the team, driven as a user drives
them: the team's address typed in, the name asked for, what arrived shown and on screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from drafts.annotating.annotations import find_annotations
from drafts.demo import import_demo
from drafts.dossier.sync import clone
from drafts.library import DraftFacts, delete_draft, edit_draft
from drafts.store import Store
from tests.builders import annotate
from tests.teams import Member, bare_remote, git, isolate_git, join
from tests.viewer.windows import open_window
from viewer.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def remote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The team's bare repository, where Bruno already shared the demo and a note."""
    isolate_git(tmp_path, monkeypatch)
    remote = bare_remote(tmp_path)
    bruno: Member = join(tmp_path, remote, "Bruno")
    import_demo(bruno.store)
    annotate(bruno.store, bruno.store.find_draft("Zero draft"), "art_1", "purposes", note="B.")
    bruno.sync()
    yield remote
    bruno.store.close()


@pytest.fixture
def alice_store(tmp_path: Path) -> Iterator[Store]:
    (tmp_path / "alice").mkdir()
    with Store(tmp_path / "alice" / "travaux.sqlite3") as store:
        yield store


def join_folder(remote: Path, folder: Path) -> None:
    clone(str(remote), folder)
    git(folder, "config", "user.name", "Alice")
    git(folder, "config", "user.email", "alice@example.org")


def answers(monkeypatch: pytest.MonkeyPatch, replies: list[str]) -> list[str]:
    """QInputDialog.getText answers `replies` in turn; the questions asked are kept."""
    asked: list[str] = []

    def get_text(_parent: object, _title: str, label: str, *_: object) -> tuple[str, bool]:
        asked.append(label)
        return replies.pop(0), True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return asked


def trigger(qtbot: QtBot, window: MainWindow, name: str) -> Any:
    with qtbot.waitSignal(window.team.synced, timeout=60000) as blocker:
        window.actions_by_name[name].trigger()
    return blocker.args[0]


def test_share_clones_the_team_asks_the_name_and_shows_what_arrived(
    qtbot: QtBot,
    alice_store: Store,
    settings: QSettings,
    remote: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, alice_store, settings)
    file_menu = window.menuBar().actions()[0].menu()
    named = [a.objectName() for a in file_menu.actions() if a.objectName()]
    assert named[named.index("share") : named.index("share") + 2] == ["share", "sync"]
    asked = answers(monkeypatch, [str(remote), "Alice", "alice@example.org"])
    trigger(qtbot, window, "share")
    assert len(asked) == 3 and "repository" in asked[0] and "name" in asked[1]
    assert window.picker.from_box.count() == 5  # the drafts arrived, and are on screen
    qtbot.waitUntil(lambda: window.comparison is not None, timeout=10000)
    box = window.team.box
    assert isinstance(box, QMessageBox) and box.objectName() == "syncReport"
    assert "arrived: 5 drafts, 1 new, 0 changed and 0 deleted annotations" in box.text()
    assert [a.content.note for a in find_annotations(alice_store)] == ["B."]
    panel = window.team.panel
    window.actions_by_name["team"].trigger()
    assert panel.isVisible()
    (bruno_note,) = panel.notes
    assert (bruno_note.author, bruno_note.arrived) == ("Bruno", True)
    panel.arrived_only.setChecked(True)
    assert "new · " in panel.tree.topLevelItem(0).text(1)

    annotate(alice_store, alice_store.find_draft("Zero draft"), "art_1", "prevention", note="A.")
    report = trigger(qtbot, window, "sync")
    assert report.shared_annotations == 1 and report.pushed

    assert panel.shown() == []  # nothing arrived with this sync
    panel.arrived_only.setChecked(False)
    assert sorted(n.author for n in panel.notes) == ["Alice", "Bruno"]
    panel.author_filter.setCurrentText("Alice")
    assert [n.author for n in panel.shown()] == ["Alice"] and panel.tree.topLevelItemCount() == 1

    window.actions_by_name["share"].trigger()  # shared already: where the dossier stands
    status = window.team.box
    assert status is not None and status.objectName() == "dossierStatus"
    assert "signed by Alice" in status.text() and str(remote) in status.text()


def test_sync_before_sharing_says_there_is_no_dossier(
    qtbot: QtBot,
    alice_store: Store,
    settings: QSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    isolate_git(tmp_path, monkeypatch)
    window = open_window(qtbot, alice_store, settings)
    window.actions_by_name["sync"].trigger()
    qtbot.waitUntil(lambda: window.team.box is not None, timeout=20000)
    assert window.team.box.objectName() == "errorDialog"
    assert "not a dossier" in window.team.box.text()


def test_the_team_panel_shown_before_any_sync_fills_itself_from_the_dossier(
    qtbot: QtBot,
    alice_store: Store,
    settings: QSettings,
    remote: Path,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "alice" / "dossier"
    alice = Member("Alice", folder, alice_store)
    join_folder(remote, folder)
    alice.sync()  # shared from the command line, before the window opens
    window = open_window(qtbot, alice_store, settings)
    window.actions_by_name["team"].trigger()
    panel = window.team.panel
    qtbot.waitUntil(lambda: len(panel.notes) == 1, timeout=20000)
    (note,) = panel.notes
    assert note.author == "Bruno" and note.arrived and not note.conflict
    assert "1 arrived with the last sync" in panel.count.text()


def test_a_draft_deleted_and_one_renamed_by_another_change_on_screen_with_the_sync(
    qtbot: QtBot,
    alice_store: Store,
    settings: QSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    isolate_git(tmp_path, monkeypatch)
    remote = bare_remote(tmp_path)
    bruno = join(tmp_path, remote, "Bruno")
    import_demo(bruno.store)
    bruno.sync()
    folder = tmp_path / "alice" / "dossier"
    join_folder(remote, folder)
    Member("Alice", folder, alice_store).sync()
    delete_draft(bruno.store, bruno.store.find_draft("Zero draft").id)
    first = bruno.store.find_draft("First revised draft")
    edit_draft(bruno.store, first.id, DraftFacts(label="First revision"))
    bruno.sync()
    window = open_window(qtbot, alice_store, settings)
    assert window.picker.from_box.count() == 5
    trigger(qtbot, window, "sync")
    assert window.picker.from_box.count() == 4
    box = window.team.box
    assert box is not None and box.objectName() == "syncReport"
    assert "draft deleted: Zero draft" in box.text()
    assert "draft changed: First revised draft -> First revision" in box.text()
    bruno.store.close()
