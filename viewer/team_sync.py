"""File > Share with a team…, File > Sync with the team, and the team panel: the
dossier from the window.

Share… clones the team's repository (or starts a dossier of one's own) into the
database's dossier folder, asks for the name to sign with if git does not know it, and
syncs; once shared, it shows where the dossier stands. Sync runs `drafts.dossier.sync`
in the background on a connection of its own (the window's belongs to the GUI thread),
then reloads the drafts and annotations on screen and says what arrived, what could not
be shared and which annotations are in conflict. The team panel (Annotate > Team panel)
lists who wrote each annotation, marks what arrived with the last sync, and is filled
after each sync, or in the background when first shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from drafts.store import Store
from viewer.errors import show_error
from viewer.team_panel import TeamPanel, team_notes
from viewer.workers import Background

if TYPE_CHECKING:  # the dossier's modules load when first used, not when the window opens
    from drafts.dossier.git import Git
    from drafts.dossier.sync import SyncReport
    from viewer.main_window import MainWindow


class TeamSync(QObject):
    """The window's two dossier actions, and the sync they run."""

    synced = Signal(object)
    """A sync ended and its news is on screen (the `SyncReport`)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.background = Background(window, window.statusBar())
        self.loading = Background(window)
        self.box: QMessageBox | None = None
        self.panel = TeamPanel(window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        self.panel.hide()
        self.panel.open_requested.connect(window.annotating.go_to)
        self.panel.visibilityChanged.connect(self._panel_shown)
        self._panel_filled = False
        self.actions: dict[str, QAction] = {}
        for name, text, slot in (
            ("share", "S&hare with a team…", self.share),
            ("sync", "S&ync with the team", self.sync),
        ):
            action = QAction(text, window)
            action.setObjectName(name)
            action.triggered.connect(lambda _=False, run=slot: run())
            self.actions[name] = action
        toggle = self.panel.toggleViewAction()
        toggle.setText("&Team panel")
        toggle.setObjectName("team")
        self.actions["team"] = toggle

    @property
    def database(self) -> Path | None:
        return self.window.store.path

    def folder(self) -> Path:
        from drafts.dossier.sync import default_folder

        assert self.database is not None
        return default_folder(self.database)

    def share(self) -> None:
        """Clone the team's dossier (or start one) if there is none yet; then sync.
        With a dossier already, show where it stands."""
        from drafts.dossier import sync as dossier
        from drafts.dossier.git import DossierError, Git

        if not self._has_file():
            return
        folder = self.folder()
        git = Git(folder)
        try:
            if git.is_repository():
                self._show_status(folder)
                return
            address, ok = QInputDialog.getText(
                self.window,
                "Share with a team",
                "The team's git repository (a shared folder, or an SSH or HTTPS address).\n"
                "Leave it empty to start a dossier of your own.",
                QLineEdit.EchoMode.Normal,
            )
            if not ok:
                return
            if address.strip():
                dossier.clone(address.strip(), folder)
            else:
                dossier.init(folder)
            if not self._ask_name(git):
                return
        except DossierError as error:
            self.box = show_error(self.window, "Share with a team", error)
            return
        self.sync()

    def sync(self) -> None:
        """Sync in the background; `synced` says when its news is shown."""
        if not self._has_file():
            return
        database, folder = self.database, self.folder()
        assert database is not None

        def compute() -> tuple[SyncReport, dict[str, str], set[str]]:
            from drafts.dossier.sync import authors, conflicts, sync

            with Store(database) as own:
                report = sync(own, folder)
            return report, authors(folder), {c.annotation for c in conflicts(folder)}

        self.background.run(compute, self._synced, self._failed, busy="Syncing with the team…")

    def _synced(self, result: tuple[SyncReport, dict[str, str], set[str]]) -> None:
        from drafts.dossier.reports import sync_lines

        report, authors, in_conflict = result
        comparison = self.window.annotating.comparison
        keep = (
            (comparison.new.negotiation_id, comparison.old.id, comparison.new.id)
            if comparison
            else None
        )
        self.window.reload_drafts(select=keep)
        self.window.annotating.refresh()
        arrived = report.arrived
        self._fill_panel(authors, {*arrived.added, *arrived.changed}, in_conflict)
        news = len(arrived.drafts) + len(arrived.renamed) + len(arrived.hidden)
        news += len(arrived.added) + len(arrived.changed)
        self.window.statusBar().showMessage(
            f"Synced with the team: {news + len(arrived.removed)} changes arrived", 8000
        )
        if news or arrived.removed or report.unshared or report.conflicts or arrived.refused:
            self.box = QMessageBox(
                QMessageBox.Icon.Information,
                "Synced with the team",
                "\n".join(sync_lines(report)),
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            self.box.setObjectName("syncReport")
            self.box.open()
        self.synced.emit(report)

    def _fill_panel(
        self, authors: dict[str, str], arrived: set[str], in_conflict: set[str]
    ) -> None:
        self.panel.set_notes(team_notes(self.window.store, authors, arrived, in_conflict))
        self._panel_filled = True

    def _panel_shown(self, visible: bool) -> None:
        """Fill the panel in the background the first time it is shown."""
        if not visible or self._panel_filled or self.database is None:
            return
        database, folder = self.database, self.folder()

        def compute() -> tuple[dict[str, str], set[str], set[str]]:
            from drafts.dossier.sync import authors, conflicts, last_sync

            with Store(database) as own:
                last = last_sync(own, folder)
            arrived = {*last.get("added", []), *last.get("changed", [])}
            return authors(folder), arrived, {c.annotation for c in conflicts(folder)}

        def not_shared(_: Exception) -> None:
            self.panel.set_notes([])
            self.panel.count.setText("Not shared with a team yet: File > Share with a team…")

        self.loading.run(compute, lambda found: self._fill_panel(*found), not_shared)

    def _failed(self, error: Exception) -> None:
        self.window.statusBar().clearMessage()
        self.box = show_error(self.window, "Sync with the team failed", error)

    def _show_status(self, folder: Path) -> None:
        from drafts.dossier.reports import status_lines
        from drafts.dossier.sync import status

        found = status(self.window.store, folder)
        self.box = QMessageBox(
            QMessageBox.Icon.Information,
            "Shared with a team",
            "\n".join(status_lines(found)),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        self.box.setObjectName("dossierStatus")
        self.box.open()

    def _ask_name(self, git: Git) -> bool:
        """The name and e-mail the records are signed with, if git does not know them."""
        for key, question in (
            ("user.name", "Your name, as your team will see it"),
            ("user.email", "Your e-mail address (git asks for one)"),
        ):
            if git.config(key):
                continue
            answer, ok = QInputDialog.getText(self.window, "Share with a team", question)
            if not ok or not answer.strip():
                return False
            git.run("config", key, answer.strip())
        return True

    def _has_file(self) -> bool:
        from drafts.dossier.git import DossierError

        if self.database is not None:
            return True
        self.box = show_error(
            self.window,
            "Share with a team",
            DossierError("(memory)", "this database is not a file: open one to share it"),
        )
        return False
