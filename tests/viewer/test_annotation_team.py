"""The annotations dock for a team: who wrote each note, a filter by author, what
arrived with the last sync marked, and a conflict (one note edited by two people
before they synced) settled by keeping one version, recorded as a new version."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from pytestqt.qtbot import QtBot

from drafts.annotating.annotations import Content, annotation, find_annotations, update_annotation
from drafts.demo import import_demo
from drafts.dossier.notes import history_of
from drafts.dossier.sync import clone, conflicts, default_folder
from drafts.store import Store
from tests.builders import annotate
from tests.teams import Member, bare_remote, git, isolate_git, join
from tests.viewer.windows import open_window
from viewer.annotation_panel import AnnotationPanel
from viewer.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def bruno(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Member]:
    """Bruno, who shared the demo and one note with the team's bare repository."""
    isolate_git(tmp_path, monkeypatch)
    remote = bare_remote(tmp_path)
    bruno = join(tmp_path, remote, "Bruno")
    import_demo(bruno.store)
    annotate(bruno.store, bruno.store.find_draft("Zero draft"), "art_1", "purposes", note="B.")
    bruno.sync()
    yield bruno
    bruno.store.close()


@pytest.fixture
def alice(tmp_path: Path, bruno: Member) -> Iterator[Member]:
    """Alice, with her database and, beside it, her clone of the team's dossier."""
    (tmp_path / "alice").mkdir()
    store = Store(tmp_path / "alice" / "travaux.sqlite3")
    folder = default_folder(store.path)
    remote = git(bruno.folder, "config", "remote.origin.url").strip()
    clone(remote, folder)
    git(folder, "config", "user.name", "Alice")
    git(folder, "config", "user.email", "alice@example.org")
    yield Member("Alice", folder, store)
    store.close()


def placed(qtbot: QtBot, window: MainWindow) -> None:
    """Read the annotations again, and wait until they are placed and listed."""
    with qtbot.waitSignal(window.annotating.notes_placed, timeout=20000):
        window.annotating.refresh()


def synced(qtbot: QtBot, window: MainWindow) -> None:
    """File > Sync with the team, until the drafts and notes that came are on screen."""
    with qtbot.waitSignal(window.team.synced, timeout=60000):
        window.actions_by_name["sync"].trigger()
    qtbot.waitUntil(
        lambda: (
            window.comparison is not None
            and not window.comparing.busy()
            and not window.annotating.background.busy()
        ),
        timeout=20000,
    )


def row_text(panel: AnnotationPanel, annotation_id: int) -> str:
    return str(panel.model.index_of(annotation_id).data())


def test_the_dock_says_who_wrote_each_note_filters_by_author_and_marks_what_arrived(
    qtbot: QtBot, alice: Member, bruno: Member, settings: QSettings
) -> None:
    window = open_window(qtbot, alice.store, settings)
    synced(qtbot, window)  # Bruno's drafts and note arrive
    mine = annotate(alice.store, alice.store.find_draft("Zero draft"), "art_1", "prevention")
    placed(qtbot, window)
    panel = window.annotating.panel
    (his,) = [n for n in panel.notes.values() if n.annotation_id != mine]
    assert (his.author, his.arrived, his.conflict) == ("Bruno", True, False)
    assert panel.notes[mine].author == "Alice (not shared yet)"
    assert not panel.notes[mine].arrived
    assert row_text(panel, his.annotation_id).startswith("New · “purposes”")
    assert "by Bruno" in row_text(panel, his.annotation_id)
    assert panel.model.index_of(his.annotation_id).data(Qt.ItemDataRole.FontRole).bold()
    assert panel.count.text() == "2 annotations, 1 new from the last sync"

    authors = [panel.author_filter.itemText(k) for k in range(panel.author_filter.count())]
    assert authors == ["All authors", "Alice (not shared yet)", "Bruno"]
    assert panel.author_filter.isVisibleTo(panel)
    panel.author_filter.setCurrentText("Bruno")
    assert [n.annotation_id for n in panel.shown()] == [his.annotation_id]
    assert panel.count.text() == "1 annotation of 2, 1 new from the last sync"

    synced(qtbot, window)  # Alice's note goes out; nothing new comes in
    panel.author_filter.setCurrentText("Alice")
    assert [n.annotation_id for n in panel.shown()] == [mine]
    assert not any(n.arrived for n in panel.notes.values())
    assert "New · " not in row_text(panel, mine)


def test_a_database_not_shared_lists_no_authors(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    import_demo(store)
    annotate(store, store.find_draft("Zero draft"), "art_1", "purposes")
    window = open_window(qtbot, store, settings)
    placed(qtbot, window)
    panel = window.annotating.panel
    assert [n.author for n in panel.notes.values()] == [""]
    assert not panel.author_filter.isVisibleTo(panel)
    assert "by " not in row_text(panel, next(iter(panel.notes)))


def edit(store: Store, annotation_id: int, note: str) -> None:
    current = annotation(store, annotation_id).content
    update_annotation(store, annotation_id, current, Content(current.tag_ids, note))


def test_a_conflict_is_shown_and_settled_by_keeping_one_version_as_a_new_one(
    qtbot: QtBot, alice: Member, bruno: Member, settings: QSettings
) -> None:
    alice.sync()
    (uri,) = alice.notes()
    theirs = next(a.id for a in find_annotations(bruno.store) if a.uri == uri)
    edit(bruno.store, theirs, "Bruno's reading.")
    bruno.sync()
    mine = next(a.id for a in find_annotations(alice.store) if a.uri == uri)
    edit(alice.store, mine, "Alice's reading.")
    window = open_window(qtbot, alice.store, settings)
    synced(qtbot, window)  # her edit goes out, his comes in: two versions stand
    assert [c.annotation for c in conflicts(alice.folder)] == [uri]

    panel = window.annotating.panel
    (note,) = panel.notes.values()
    assert note.conflict and "⚠ In conflict · “purposes”" in row_text(panel, note.annotation_id)
    assert "1 conflict" in panel.count.text()
    assert panel.select(note.annotation_id)
    assert panel.resolve_button.isVisibleTo(panel)
    versions = len(history_of(alice.folder, uri).versions)

    def keep_brunos() -> None:
        dialog = window.annotating.conflict_dialog
        assert dialog is not None and dialog.isVisible()
        by = {b.parentWidget().title().split(",")[0]: b for b in dialog.keep_buttons}
        assert sorted(by) == ["Alice", "Bruno"]
        assert by["Bruno"].text() == "&Keep this version"
        by["Bruno"].click()

    QTimer.singleShot(0, keep_brunos)
    with qtbot.waitSignal(window.annotating.notes_placed, timeout=20000):
        panel.resolve_button.click()
    assert annotation(alice.store, mine).content.note == "Bruno's reading."
    history = history_of(alice.folder, uri)
    assert len(history.versions) == versions + 1  # nothing removed, one version added
    (head,) = history.heads()
    assert head.creator == "Alice" and conflicts(alice.folder) == []
    (note,) = panel.notes.values()
    assert not note.conflict and not panel.resolve_button.isVisibleTo(panel)
    assert "Sync to share" in window.statusBar().currentMessage()

    synced(qtbot, window)  # the choice goes to the team, and holds there
    bruno.sync()
    assert bruno.notes()[uri][0] == "Bruno's reading." and conflicts(bruno.folder) == []
    assert alice.notes()[uri][0] == "Bruno's reading."
