"""The history window: one provision through every draft of its negotiation.

Above, the timeline (a row a draft); below, the drafts' texts in columns side by side,
each marked against the one before, and where each phrase of the text came from.
Choosing a draft in the timeline brings its column into view. The main window follows
the provision through the drafts in the background and opens this window with the
result; where each phrase came from is worked out in the background too, from what
the history was read from (its `StoreSnapshot`), each time another draft is chosen.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QToolBar,
    QWidget,
)

from drafts.comparing.compare import ProvisionChange, Status
from drafts.comparing.diff import EXACT, DiffOptions
from drafts.negotiation.blame import Blame, blame, blame_history
from drafts.negotiation.history import History, HistoryStep, column_changes
from drafts.store import Store
from viewer.blame_view import BlameView
from viewer.draft_picker import draft_title
from viewer.errors import show_error
from viewer.history_columns import HistoryColumns
from viewer.history_timeline import HistoryTimeline
from viewer.snapshots import Reader, StoreSnapshot
from viewer.workers import Background, in_steps

ZOOM_RANGE = (-5, 10)


def window_title(history: History) -> str:
    p = history.provision
    return f"History of {p.num or p.heading or p.eid} — Travaux"


def summary_html(history: History) -> str:
    """ "Article 24 — Conditions and safeguards, from Revised draft · 2024-01-29: in 5 of
    5 drafts, 3 times changed"."""
    p = history.provision
    name = " — ".join(part for part in (p.num, p.heading) if part) or p.eid
    present = sum(s.present for s in history.steps)
    changed = sum(bool(s.status) and s.status != Status.UNCHANGED for s in history.steps)
    return (
        f"<b>{html.escape(name)}</b> in {html.escape(draft_title(history.start))}: "
        f"present in {present} of {len(history.steps)} drafts, "
        f"changed in {changed}"
    )


class HistoryWindow(QMainWindow):
    """The history of one provision. Independent of the main window once open, so a
    reader can keep several histories side by side.

    `columns` are `column_changes(history, options)` when the caller computed them
    already (off the GUI thread); `snapshot` is what the history was computed from,
    which blaming the provision in another draft reads again (without it, the store
    is read for it, once)."""

    def __init__(
        self,
        store: Store,
        history: History,
        options: DiffOptions = EXACT,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        *,
        columns: tuple[ProvisionChange | None, ...] | None = None,
        snapshot: StoreSnapshot | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.store = store
        self.history = history
        self.options = options
        self.column_changes = columns
        self.snapshot = snapshot
        self._reading: Iterator[None] = iter(())
        self.blaming = Background(self, self.statusBar())
        self.error_box: QMessageBox | None = None
        self.settings = settings if settings is not None else QSettings()
        self._zoom = 0
        self.summary = QLabel(self)
        self.summary.setObjectName("historySummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.timeline = HistoryTimeline(self)
        self.columns = HistoryColumns(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("historyTabs")
        self.blame_view = BlameView(self)
        self._blamed: int | None = None
        self.show_deletions = QCheckBox("Show deletions", self)
        self.show_deletions.setObjectName("showDeletions")
        self.show_deletions.setToolTip(
            "Show, in each column, the words the previous draft had and this one dropped"
        )
        self._build()
        self._show()

    def _build(self) -> None:
        toolbar = QToolBar("History", self)
        toolbar.setObjectName("historyToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.summary)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.show_deletions)
        self.addToolBar(toolbar)
        self.tabs.addTab(self.columns, "Drafts side by side")
        self.tabs.addTab(self.blame_view, "Where the words came from")
        self.tabs.currentChanged.connect(lambda _: self._refresh_blame())
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("historySplitter")
        splitter.addWidget(self.timeline)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        saved = self.settings.value("history/show_deletions", True)
        self.show_deletions.setChecked(saved is True or str(saved).lower() == "true")
        self.show_deletions.toggled.connect(self._set_show_deletions)
        self.timeline.step_chosen.connect(self.choose_step)
        self.columns.column_chosen.connect(self.timeline.selectRow)
        for name, keys, steps in (
            ("zoom_in", QKeySequence.StandardKey.ZoomIn, 1),
            ("zoom_out", QKeySequence.StandardKey.ZoomOut, -1),
            ("zoom_reset", QKeySequence("Ctrl+0"), 0),
        ):
            action = QAction(self)
            action.setObjectName(name)
            action.setShortcut(keys)
            action.triggered.connect(lambda _=False, s=steps: self.zoom(s))
            self.addAction(action)
        for name, keys, index in (
            ("show_columns", QKeySequence("Ctrl+1"), 0),
            ("show_blame", QKeySequence("Ctrl+2"), 1),
        ):
            action = QAction(self)
            action.setObjectName(name)
            action.setShortcut(keys)
            action.triggered.connect(lambda _=False, k=index: self.tabs.setCurrentIndex(k))
            self.addAction(action)
        self.tabs.setTabToolTip(0, "Each draft's text against the previous one (Ctrl+1)")
        self.tabs.setTabToolTip(1, "Which draft wrote each phrase, and what was deleted (Ctrl+2)")
        close = QAction("Close", self)
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        self.addAction(close)
        self.resize(1280, 780)

    def _show(self) -> None:
        self.setWindowTitle(window_title(self.history))
        self.summary.setText(summary_html(self.history))
        self.timeline.set_history(self.history)
        self.columns.set_show_deletions(self.show_deletions.isChecked())
        if self.column_changes is None:
            self.column_changes = column_changes(self.history, self.options)
        self.columns.set_history(self.history, self.column_changes)
        self.timeline.selectRow(self.start_index())
        self._fit_timeline()

    def _fit_timeline(self) -> None:
        """The timeline as tall as its rows (up to half the window), the rest for text."""
        rows = self.timeline.rowCount()
        height = self.timeline.horizontalHeader().height() + 2 * self.timeline.frameWidth()
        height += sum(self.timeline.rowHeight(r) for r in range(rows)) + 2
        splitter = self.centralWidget()
        assert isinstance(splitter, QSplitter)
        total = max(splitter.height(), 600)
        top = min(height, total // 2)
        splitter.setSizes([top, total - top])

    def showEvent(self, event: QShowEvent) -> None:
        """Once laid out, bring the chosen draft's column in view. (The timeline was
        fitted before: fitted again here, the splitter laid the new window out, and
        painted it, a second time in its first turn.)"""
        super().showEvent(event)
        QTimer.singleShot(0, lambda: self.columns.show_column(self.timeline.currentRow()))

    def start_index(self) -> int:
        """The step of the draft the history was opened from."""
        return next(
            k for k, s in enumerate(self.history.steps) if s.draft.id == self.history.start.id
        )

    def choose_step(self, index: int) -> None:
        self.columns.show_column(index)
        self._refresh_blame()

    def _refresh_blame(self) -> None:
        """Blame the provision in the draft chosen in the timeline, once it is looked at
        (the first draft's blame is its whole text; a draft holding several pieces
        blames the first), in the background; a draft chosen meanwhile supersedes it."""
        if self.tabs.currentWidget() is not self.blame_view:
            return
        index = max(0, self.timeline.currentRow())
        if index == self._blamed:
            return
        self._blamed = index
        step = self.history.steps[index]
        if not step.present:
            self.blaming.cancel()
            self.blame_view.show_absent(step.draft)
            return
        snapshot, reading = self._snapshot(step)
        self.blame_view.show_waiting(step.draft)
        self.blaming.run(
            lambda: self._blame(snapshot, step),
            lambda found: self._blamed_now(snapshot, found),
            self._blame_failed,
            busy=f"Finding where the words of {step.num} in {draft_title(step.draft)} came from…",
            reading=reading,
        )

    def _snapshot(self, step: HistoryStep) -> tuple[StoreSnapshot | None, Iterator[None]]:
        """What blaming in `step`'s draft reads: nothing for the start draft; else the
        history's own snapshot, or one read from the store now (once: a run superseded
        while reading it leaves the rest of its reading to the next)."""
        if step.draft.id == self.history.start.id:
            return None, iter(())
        if self.snapshot is None:
            self.snapshot, self._reading = Reader(self.store).history(
                self.history.start, self.options
            )
        return self.snapshot, self._reading

    def _blame(self, snapshot: StoreSnapshot | None, step: HistoryStep) -> Blame:
        """In the pool: the start draft's blame is the history's own; another draft's
        follows the provision from there."""
        if snapshot is None:
            return blame_history(self.history, self.options)
        return blame(snapshot.as_store(), step.draft, step.provisions[0], self.options)

    def _blamed_now(self, snapshot: StoreSnapshot | None, found: Blame) -> None:
        self.blame_view.show_blame(found)
        if snapshot is not None:
            in_steps(self, snapshot.write_back(self.store, self._not_cached), when_idle=True)

    def _not_cached(self, reason: str) -> None:
        self.statusBar().showMessage(reason, 8000)

    def _blame_failed(self, error: Exception) -> None:
        self._blamed = None  # choosing the draft again tries again
        self.blame_view.show_absent(self.history.steps[max(0, self.timeline.currentRow())].draft)
        self.error_box = show_error(self, "Cannot show where the words came from", error)

    def _set_show_deletions(self, on: bool) -> None:
        self.columns.set_show_deletions(on)
        self.settings.setValue("history/show_deletions", on)

    def zoom(self, steps: int) -> None:
        low, high = ZOOM_RANGE
        self._zoom = 0 if steps == 0 else max(low, min(high, self._zoom + steps))
        self.columns.zoom(self._zoom)
