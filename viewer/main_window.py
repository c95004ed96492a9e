"""The main window: two drafts of a negotiation compared provision by provision.

Toolbar: negotiation, From and To drafts, swap. Left: the provisions, grouped by
chapter, with a filter box and "changed only". Right: the selected provision side by
side (or inline), word by word.

Whatever may take more than a frame runs in the background (`viewer.workers`): the
comparison (or its reading from the database's cache), a history, the agreement
chart, the placing of the annotations for an export; so the window never freezes. The
store is only ever touched on the GUI thread: what a computation needs is read here
first, in steps (`viewer.snapshots`), and the comparisons it made are cached here after.
"""

from __future__ import annotations

from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from drafts.comparing.compare import ProvisionChange
from drafts.comparing.comparisons import Comparison, compare_drafts
from drafts.comparing.diff import DiffOptions
from drafts.errors import TravauxError
from drafts.model import Side, StoredDraft
from drafts.reading.suffixes import file_filter
from drafts.store import Store
from viewer.diff_view import DiffView
from viewer.draft_picker import DraftPicker, draft_title
from viewer.errors import show_error
from viewer.first_paint import after_first_paint
from viewer.precompute import Precompute
from viewer.provision_list import ProvisionList
from viewer.provision_model import (
    NEW,
    OLD,
    STATUS,
    WORDS,
    ProvisionFilter,
    ProvisionKey,
    ProvisionTreeModel,
    provision_key,
)
from viewer.snapshots import Reader, StoreSnapshot
from viewer.store_watch import StoreWatch
from viewer.workers import Background, after_paint, imports, in_steps

if TYPE_CHECKING:  # loaded when first used, not at start (tests/core/test_startup.py)
    from drafts.export.model import ExportNote
    from drafts.importer import ImportReport
    from drafts.negotiation.brackets import DraftAgreement
    from drafts.negotiation.history import History
    from viewer.agreement_chart import AgreementDialog
    from viewer.annotating import Annotating
    from viewer.drafts_dialog import DraftsDialog
    from viewer.export_dialog import ExportDialog
    from viewer.history_window import HistoryWindow
    from viewer.importing import ImportFlow
    from viewer.own_marks import OwnMarksWindow
    from viewer.search_panel import SearchPanel
    from viewer.synopsis_dialog import SynopsisDialog
    from viewer.team_sync import TeamSync

SHORTCUTS = {
    "import": QKeySequence.StandardKey.Open,
    "quit": QKeySequence.StandardKey.Quit,
    "find": QKeySequence.StandardKey.Find,
    "find_next": QKeySequence.StandardKey.FindNext,
    "find_previous": QKeySequence.StandardKey.FindPrevious,
    "filter": QKeySequence("Ctrl+L"),
    "inline": QKeySequence("Ctrl+I"),
    "whole_document": QKeySequence("Ctrl+Shift+W"),
    "changed_only": QKeySequence("Ctrl+H"),
    "zoom_in": QKeySequence.StandardKey.ZoomIn,
    "zoom_out": QKeySequence.StandardKey.ZoomOut,
    "zoom_reset": QKeySequence("Ctrl+0"),
    "next_change": QKeySequence("Alt+Down"),
    "previous_change": QKeySequence("Alt+Up"),
    "next_provision": QKeySequence("Alt+PgDown"),
    "previous_provision": QKeySequence("Alt+PgUp"),
    "swap": QKeySequence("Ctrl+Shift+X"),
    "history": QKeySequence("Ctrl+Shift+H"),
    "search_all": QKeySequence("Ctrl+Shift+F"),
    "agreement": QKeySequence("Ctrl+Shift+G"),
    "own_marks": QKeySequence("Ctrl+Shift+M"),
    "export": QKeySequence("Ctrl+E"),
    "synopsis": QKeySequence("Ctrl+Shift+E"),
    "drafts": QKeySequence("Ctrl+Shift+D"),
}
"""Every shortcut of the window, shown in its menus. Changes are walked as in Meld
(Alt+Down / Alt+Up), changed provisions with Alt+Page Down / Alt+Page Up."""

DRAFT_FILTER = file_filter()
SEARCH_DOCK_CHARACTERS = 40
"""The search dock's width when it first opens, in average characters."""
MIN_DIFF_CHARACTERS = 70
"""The narrowest the two panes of the diff get together, in average characters (about
32 a pane, words never broken), before the list or a dock gives way."""
MIN_LIST_CHARACTERS = 30
"""The narrowest the provision list gets to make room for the diff."""
LIST_SHARE = 0.38
"""The share of the window's width the provision list starts with."""
OLD_COLUMN_CHARACTERS = 18
"""The widest the Old column starts, in average characters (with the tree's indentation)."""
EXPORT_MODULES = (
    "drafts.export.model",
    "drafts.export.notes",
    "lxml.etree",
    "drafts.export.formats",
    "viewer.export_pdf",
    "viewer.export_dialog",
)
"""What File > Export loads when first used, a step each (all at once froze the window
for 50-90 ms: tests/benchmarks/bench_stall.py)."""
ANNOTATING_MODULES = (
    "drafts.annotating.anchoring",
    "drafts.annotating.annotations",
    "viewer.annotation_listing",
    "viewer.annotation_editor",
    "viewer.annotation_panel",
    "viewer.annotating",
    "viewer.team_sync",
)
"""What annotating in the window loads, a step each after the first paint."""

HISTORY_MODULES = (
    "drafts.negotiation.blame",
    "viewer.history_timeline",
    "viewer.blame_view",
    "viewer.history_window",
)
"""What the first history window loads, a step each while its history is read."""
GUI_WAIT = 0.3
"""Seconds a write from the window waits for another program's write: longer, and the
window would freeze; after it, the write fails saying the database is busy."""


class MainWindow(QMainWindow):
    """The comparison window over one store."""

    comparison_shown = Signal()
    """A comparison is on screen (computed, or read from the cache)."""
    import_finished = Signal(bool)
    """An import ended: True if drafts were stored (or were all there already)."""

    def __init__(
        self, store: Store, settings: QSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        store.wait_for_writers(GUI_WAIT)  # another program's import must not freeze us
        self.watch = StoreWatch(store, self)
        self.reader = Reader(store)
        self.settings = settings if settings is not None else QSettings()
        self.comparison: Comparison | None = None
        self.error_box: QMessageBox | None = None
        self.report_box: QMessageBox | None = None
        self.setWindowTitle("Travaux")
        self.setAcceptDrops(True)

        self.picker = DraftPicker(self)
        self.model = ProvisionTreeModel(self)
        self.filter = ProvisionFilter(self)
        self.filter.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.tree = ProvisionList(self)
        self.changed_only_box = QCheckBox("Changed only", self)
        self.diff_view = DiffView(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.summary = QLabel(self)
        self._importer: ImportFlow | None = None
        self._search_panel: SearchPanel | None = None
        self.history_windows: list[HistoryWindow] = []
        self.agreement_dialog: AgreementDialog | None = None
        self.own_marks: OwnMarksWindow | None = None
        self.synopsis_dialog: SynopsisDialog | None = None
        self.drafts_dialog: DraftsDialog | None = None
        self.shortcuts_dialog: QDialog | None = None
        self.about_box: QMessageBox | None = None
        self.export_dialog: ExportDialog | None = None
        self.actions_by_name: dict[str, QAction] = {}
        self._pending: tuple[int, str] | None = None
        self._following = False
        """The list follows the whole document's position: the document stays put."""
        status = self.statusBar()
        self.comparing = Background(self, status)
        self.histories = Background(self, status)
        self.agreeing = Background(self, status)
        self.exporting = Background(self, status)
        self.precompute = Precompute(self, self.reader, status, self._cache)
        self._annotating: Annotating | None = None
        self._team: TeamSync | None = None
        self.menus: dict[str, QMenu] = {}

        self._build_list()
        self._build_layout()
        self._build_actions()
        self._build_menus()
        self._connect()
        self._restore_view_settings()
        self._pending = self._saved_provision()  # shown again where the reader left it
        self.reload_drafts(select=self._saved_choice(), compare=False)
        after_first_paint(self, self._first_painted)

    # Building

    def _build_list(self) -> None:
        self.search.setObjectName("provisionSearch")
        self.search.setPlaceholderText("Filter by number, heading or text")
        self.search.setClearButtonEnabled(True)
        self.changed_only_box.setObjectName("changedOnly")
        self.tree.setObjectName("provisionList")
        self.tree.setModel(self.filter)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setExpandsOnDoubleClick(False)
        # Ctrl+click and Shift+click pick rows for File > Export; the current row is shown.
        self.tree.setSelectionMode(QTreeView.SelectionMode.ExtendedSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        # Sized to their contents once per comparison (`_fit_columns`): a header that
        # measures every row on every layout froze the window for 100-200 ms per
        # comparison of 100 provisions (tests/benchmarks/bench_stall.py).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NEW, QHeaderView.ResizeMode.Stretch)

    def _build_layout(self) -> None:
        toolbar = QToolBar("Drafts", self)
        toolbar.setObjectName("draftsToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.picker)
        self.addToolBar(toolbar)

        side = QWidget(self)
        layout = QVBoxLayout(side)
        layout.setContentsMargins(4, 4, 0, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.changed_only_box)
        layout.addWidget(self.tree)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(side)
        self.splitter.addWidget(self.diff_view)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([500, 780])
        self.setCentralWidget(self.splitter)
        self.splitter.installEventFilter(self)  # room for the diff when a dock opens
        self.summary.setObjectName("summary")
        self.statusBar().addPermanentWidget(self.summary)
        self.resize(1200, 760)

    def _action(self, name: str, text: str, slot: object, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if name in SHORTCUTS:
            action.setShortcut(SHORTCUTS[name])
        action.setCheckable(checkable)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(slot)
        self.actions_by_name[name] = action
        self.addAction(action)  # shortcuts work wherever the focus is
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.import_action = a("import", "&Import drafts…", self.choose_and_import)
        a("import_folder", "Import a f&older of drafts…", self._import_folder)
        a("export", "&Export comparison…", self.export_comparison)
        a("synopsis", "Export s&ynopsis of drafts…", self.export_synopsis)
        a("drafts", "&Drafts…", self.open_drafts)
        a("quit", "&Quit", self.close)
        a("find", "&Find in text…", self.diff_view.start_find)
        a("find_next", "Find &next", lambda: self._find(backward=False))
        a("find_previous", "Find &previous", lambda: self._find(backward=True))
        a("filter", "Filter &provisions…", self._focus_search)
        a("inline", "&Inline view", self._set_inline, checkable=True)
        a("whole_document", "&Whole document", self._set_whole_document, checkable=True)
        a("changed_only", "Only &changed provisions", self.changed_only_box.setChecked, True)
        a("ignore_case", "Ignore &case", self._options_changed, checkable=True)
        a("ignore_whitespace", "Ignore &whitespace", self._options_changed, checkable=True)
        a("ignore_punctuation", "Ignore &punctuation", self._options_changed, checkable=True)
        a("zoom_in", "Zoom &in", lambda: self._zoom(1))
        a("zoom_out", "Zoom &out", lambda: self._zoom(-1))
        a("zoom_reset", "&Reset zoom", lambda: self._zoom(0))
        a("next_change", "&Next change", self.next_change)
        a("previous_change", "&Previous change", self.previous_change)
        a("next_provision", "Next changed pro&vision", lambda: self.step_changed_provision(1))
        a(
            "previous_provision",
            "Previous changed provi&sion",
            lambda: self.step_changed_provision(-1),
        )
        a("swap", "&Swap From and To", self.picker.swap)
        a("history", "&History of this provision…", self.open_current_history)
        a("search_all", "&Search all drafts…", self.start_search)
        a("agreement", "&Agreement across drafts…", self.open_agreement)
        a("own_marks", "The drafts' own &marks…", self.open_own_marks)
        a("shortcuts", "&Keyboard shortcuts", self.show_shortcuts)
        a("diff_key", "Key to the &marks", self.diff_view.show_key)
        a("about", "&About Travaux", self.show_about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self._menu_names = {
            "&File": [
                "import",
                "import_folder",
                "drafts",
                None,
                "export",
                "synopsis",
                None,
                "share",
                "sync",
                None,
                "quit",
            ],
            "&Edit": ["undo", "redo", None, "find", "find_next", "find_previous", None, "filter"],
            "&View": [
                "inline",
                "whole_document",
                "changed_only",
                None,
                "ignore_case",
                "ignore_whitespace",
                "ignore_punctuation",
                None,
                "zoom_in",
                "zoom_out",
                "zoom_reset",
            ],
            "&Go": ["next_change", "previous_change", None, "next_provision", "previous_provision"],
            "&Compare": ["swap"],
            "&Negotiation": ["history", "search_all", None, "agreement", "own_marks"],
            "&Annotate": [
                "annotate",
                "annotate_provision",
                "annotate_change",
                None,
                "annotations",
                "team",
                "tags",
            ],
            "&Help": ["shortcuts", "diff_key", "about"],
        }
        self.menus = {title: bar.addMenu(title) for title in self._menu_names}
        self._fill_menus()

    def _fill_menus(self) -> None:
        """Put in each menu its actions made so far, in order: the annotations' and the
        team's join theirs when those are made (`annotating`)."""
        for title, names in self._menu_names.items():
            menu = self.menus[title]
            menu.clear()
            for name in names:
                if name is None:
                    menu.addSeparator()
                elif name in self.actions_by_name:
                    menu.addAction(self.actions_by_name[name])

    @property
    def annotating(self) -> Annotating:
        """Annotating in the window, with the team's dock and actions: made after the
        window's first paint, which shows none of it (thirty modules: issue 20), or
        when first wanted, whichever comes first."""
        if self._annotating is None:
            self._build_annotating()
        assert self._annotating is not None
        return self._annotating

    @property
    def team(self) -> TeamSync:
        """File > Share and Sync, and the team panel: made with `annotating`."""
        if self._team is None:
            self._build_annotating()
        assert self._team is not None
        return self._team

    def _build_annotating(self) -> None:
        """Make `annotating` and `team`, their docks, and their actions in the menus."""
        if self._annotating is not None:
            return
        from viewer.annotating import Annotating
        from viewer.team_sync import TeamSync

        annotating = self._annotating = Annotating(
            self.reader, self.diff_view, self, self.select_provision, self.open_provision
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, annotating.panel)
        annotating.panel.hide()
        self._team = TeamSync(self)
        self.actions_by_name.update(annotating.actions)
        self.actions_by_name.update(self._team.actions)
        self._fill_menus()
        self.comparison_shown.connect(annotating.reveal_pending)
        annotating.notes_placed.connect(self._mark_noted_rows)

    def _connect(self) -> None:
        self.picker.changed.connect(self.compare_chosen)
        self.search.textChanged.connect(self._filter_text_changed)
        self.changed_only_box.toggled.connect(self._set_changed_only)
        self.tree.selectionModel().currentRowChanged.connect(self._row_changed)
        self.diff_view.change_moved.connect(self._change_moved)
        self.diff_view.provision_shown.connect(self._provision_in_view)
        self.tree.doubleClicked.connect(lambda _: self.open_current_history())
        self.watch.changed.connect(self.drafts_changed_elsewhere)

    @property
    def search_panel(self) -> SearchPanel:
        """The dock that searches all drafts, made when first wanted: a window that is
        never searched does not pay for it at start-up."""
        if self._search_panel is None:
            from viewer.search_panel import SearchPanel

            panel = SearchPanel(self.reader, self)
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, panel)
            panel.hide()
            panel.open_requested.connect(self.open_provision)
            panel.history_requested.connect(self.open_history)
            self._search_panel = panel
        return self._search_panel

    # Drafts and comparisons

    def reload_drafts(
        self, select: tuple[int, int | None, int | None] | None = None, compare: bool = True
    ) -> None:
        """Refill the toolbar from the store, choose drafts, and compare them (or, as the
        window is made, only say so: it compares once it has painted itself)."""
        self.picker.set_drafts(self.store.drafts())
        chosen = self.picker.choose(*select) if select else False
        if not chosen and not self.picker.choose_default():
            self.comparing.cancel()
            self._show(None)
            self.statusBar().showMessage("No drafts yet: File > Import, or drop drafts here")
            return
        if compare:
            self.compare_chosen()
        else:
            self.statusBar().showMessage(comparing_text(*self.picker.chosen()))

    def _first_painted(self) -> None:
        """The window is on screen: read (or compute) its comparison, and make what its
        first frame did not need, a module a step (made at once in one turn, the
        annotations held the window 40 ms right after its first frame)."""
        self.compare_chosen()
        in_steps(self, chain(imports(*ANNOTATING_MODULES), [None]), self._build_annotating)

    def drafts_changed_elsewhere(self) -> None:
        """Another program wrote to the database: offer its drafts, keeping the pair on
        screen as it is when both drafts are still there (nothing is compared again)."""
        drafts = self.store.drafts()
        pair = self.picker.chosen()
        ids = {d.id for d in drafts}
        if pair is None or not {pair[0].id, pair[1].id} <= ids:
            self.reload_drafts(select=self._saved_choice())
            return
        self.picker.set_drafts(drafts)
        self.picker.choose(pair[0].negotiation_id, pair[0].id, pair[1].id)

    def options(self) -> DiffOptions:
        checked = {name: self.actions_by_name[name].isChecked() for name in self.actions_by_name}
        return DiffOptions(
            ignore_case=checked["ignore_case"],
            ignore_whitespace=checked["ignore_whitespace"],
            ignore_punctuation=checked["ignore_punctuation"],
        )

    def compare_chosen(self) -> None:
        """Compare the drafts in the toolbar, in the background: from the cache when it
        has them, else computed (and then cached). A newer choice supersedes it."""
        pair = self.picker.chosen()
        if pair is None:
            return
        old, new = pair
        self._save_choice()
        options = self.options()
        snapshot, reading = self.reader.comparison(old, new, options)
        self.comparing.run(
            lambda: compare_drafts(snapshot.as_store(), old, new, options),
            lambda comparison: self._compared(snapshot, comparison),
            self._compare_failed,
            busy=comparing_text(old, new),
            reading=reading,
        )

    def _compared(self, snapshot: StoreSnapshot, comparison: Comparison) -> None:
        self._show(comparison)
        self._cache(snapshot)

    def _cache(self, snapshot: StoreSnapshot) -> None:
        """Write the comparisons a computation made to the cache, in steps, once the
        window is idle (nobody waits for them)."""
        in_steps(self, snapshot.write_back(self.store, self._not_cached), when_idle=True)

    def _not_cached(self, reason: str) -> None:
        self.statusBar().showMessage(reason, 8000)

    def _compare_failed(self, error: Exception) -> None:
        self.error_box = show_error(self, "The comparison failed", error)

    def _show(self, comparison: Comparison | None) -> None:
        """The list at once; the chosen provision's text once the list is painted
        (`_shown`): the list's first paint and the text's writing together froze the
        window for 50-70 ms."""
        current = self.current_change()
        keep = provision_key(current) if current else None
        self.model.set_comparison(comparison)
        self._expand()
        self._fit_columns()
        if comparison is None:
            self.comparison = None
            self.annotating.show_comparison(None)
            self.setWindowTitle("Travaux")
            self.summary.clear()
            self.diff_view.show_change(None)
            return
        self.setWindowTitle(
            f"{draft_title(comparison.old)} → {draft_title(comparison.new)} — Travaux"
        )
        self.summary.setText(summary_text(comparison))
        self.statusBar().showMessage(comparison.warning)
        after_paint(self, lambda: self._shown(comparison, keep))

    def _shown(self, comparison: Comparison, keep: ProvisionKey | None) -> None:
        """Select the provision to show (the one asked for, or the one shown before,
        or the first changed), unless another comparison came meanwhile."""
        if self.model.comparison is not comparison:
            return
        self.comparison = comparison
        self.annotating.show_comparison(comparison)
        pending, self._pending = self._pending, None
        found = self._find_eid(*pending) if pending else None
        self._select(found or self.filter.row_showing(keep) or self.filter.first_changed())
        self.comparison_shown.emit()

    def _mark_noted_rows(self) -> None:
        """Every annotation is placed: the list shows how many each provision carries."""
        self.model.set_notes(
            self.annotating.placed_on(Side.OLD), self.annotating.placed_on(Side.NEW)
        )
        self._fit_columns()

    # The provision list

    def visible_rows(self) -> list[QModelIndex]:
        """The provision rows on screen (column 0 of the filter model), top to bottom."""
        return self.filter.rows()

    def change_at(self, index: QModelIndex) -> ProvisionChange | None:
        return self.filter.change_at(index)

    def current_change(self) -> ProvisionChange | None:
        return self.change_at(self.tree.currentIndex())

    def _expand(self) -> None:
        """Open every chapter, its title across the whole row (the columns are the
        provisions')."""
        for r in range(self.filter.rowCount()):
            top = self.filter.index(r, 0)
            self.tree.setFirstColumnSpanned(r, QModelIndex(), self.change_at(top) is None)
        self.tree.expandAll()

    def _fit_columns(self) -> None:
        """Each column but New (number and heading, which stretches) as wide as its
        widest text over every provision of the comparison, so filtering never makes
        them jump; Old at most `OLD_COLUMN_CHARACTERS` wide (the reader can widen it),
        so a long number never pushes Change and Words away."""
        from PySide6.QtWidgets import QStyle  # its enums take ms to make: after the first paint

        header = self.tree.header()
        style = self.tree.style()
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 6
        icon = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 4
        metrics = self.tree.fontMetrics()
        widest = metrics.averageCharWidth() * OLD_COLUMN_CHARACTERS
        for column in (OLD, STATUS, WORDS):
            width = self.model.text_width(column, metrics) + margin + icon * (column == STATUS)
            if column == OLD:  # the tree's column: its indentation and branch marks too
                width = min(width + 2 * self.tree.indentation(), widest)
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))

    def _select(self, index: QModelIndex | None) -> None:
        if index is None or not index.isValid():
            self.diff_view.show_change(None)
            return
        if self.tree.currentIndex() == index:
            self._row_changed(index, QModelIndex())  # shown again: nothing else will
        else:
            self.tree.setCurrentIndex(index)  # shown by `_row_changed`, once
        self.tree.scrollTo(index)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        change = self.change_at(current)
        if not self._following:
            self._show_in_view(change)
        self.annotating.show_change(change)
        if self.own_marks is not None and self.own_marks.isVisible():
            self.own_marks.show_change(change, self.picker.chosen())

    def select_provision(self, draft_id: int, eid: str) -> bool:
        """Select the row holding provision `eid` of draft `draft_id` (a draft on screen);
        False if neither side of the comparison has it."""
        found = self._find_eid(draft_id, eid)
        if found is None:
            return False
        self._select(found)
        return True

    def _find_eid(self, draft_id: int, eid: str) -> QModelIndex | None:
        """The row holding provision `eid` of draft `draft_id`, on whichever side; the
        filter and "changed only" are cleared if they hid it."""
        found = self._row_with(draft_id, eid)
        if found is None and (self.search.text() or self.changed_only_box.isChecked()):
            self.search.clear()
            self.changed_only_box.setChecked(False)
            found = self._row_with(draft_id, eid)
        return found

    def _row_with(self, draft_id: int, eid: str) -> QModelIndex | None:
        if self.comparison is None:
            return None
        return self.filter.row_holding(eid, old_side=self.comparison.old.id == draft_id)

    def _filter_text_changed(self, text: str) -> None:
        self.filter.set_text(text)
        self._expand()
        self._keep_a_selection()
        self._refresh_document()

    def _set_changed_only(self, on: bool) -> None:
        self.actions_by_name["changed_only"].setChecked(on)
        self.filter.set_changed_only(on)
        self._expand()
        self.settings.setValue("view/changed_only", on)
        self._keep_a_selection()
        self._refresh_document()

    # The whole document

    def _show_in_view(self, change: ProvisionChange | None) -> None:
        """Show the provision chosen in the list: alone, or in the whole document, the
        provisions the list shows, scrolled to it."""
        if self.actions_by_name["whole_document"].isChecked():
            self.diff_view.show_document(
                [c for c in map(self.change_at, self.visible_rows()) if c is not None], change
            )
        else:
            self.diff_view.show_change(change)

    def _refresh_document(self) -> None:
        """The list shows other provisions: so does the whole document."""
        if self.actions_by_name["whole_document"].isChecked():
            self._show_in_view(self.current_change())

    def _set_whole_document(self, on: bool) -> None:
        """View > Whole document: every provision listed, one after another, or the
        selected one alone."""
        self.settings.setValue("view/whole_document", on)
        if on:
            self._show_in_view(self.current_change())
        else:
            self.diff_view.show_change(self.current_change())
            self.annotating.show_change(self.current_change())  # its notes alone again

    def _provision_in_view(self, change: ProvisionChange) -> None:
        """Whole document: the list selects the provision scrolled or navigated to,
        without scrolling the document back to its top."""
        row = self.filter.row_showing(provision_key(change))
        if row is None or row == self.tree.currentIndex():
            return
        self._following = True
        try:
            self.tree.setCurrentIndex(row)
            self.tree.scrollTo(row)
        finally:
            self._following = False

    def _keep_a_selection(self) -> None:
        if not self.tree.currentIndex().isValid():
            self._select(self.filter.first_changed())

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # The negotiation: history, search, agreement

    def open_current_history(self) -> None:
        """The history of the selected provision, from the To draft (the From draft for
        a deleted one)."""
        change = self.current_change()
        if change is None or self.comparison is None:
            self.statusBar().showMessage("Select a provision to see its history", 3000)
            return
        if change.new:
            draft, provision = self.comparison.new, change.new[0]
        else:
            draft, provision = self.comparison.old, change.old[0]
        self.open_history(draft.id, provision.eid, provision.num)

    def open_history(self, draft_id: int, eid: str, name: str = "") -> None:
        """Open the history of provision `eid` of draft `draft_id` in a window of its
        own, once followed through the drafts in the background; a newer request
        supersedes one still being followed."""
        from drafts.negotiation.history import column_changes, find_provision, history

        try:
            draft = self.store.draft(draft_id)
        except TravauxError as exc:
            self._history_failed(exc)
            return
        options = self.options()
        snapshot, reading = self.reader.history(draft, options)

        def compute() -> tuple[History, tuple[ProvisionChange | None, ...]]:
            store = snapshot.as_store()
            found = history(store, draft, find_provision(store, draft, eid), options)
            return found, column_changes(found, options)

        self.histories.run(
            compute,
            lambda result: self._history_ready(snapshot, options, *result),
            self._history_failed,
            busy=f"Following {name or 'the provision'} through the drafts…",
            reading=chain(imports(*HISTORY_MODULES), reading),
        )

    def _history_ready(
        self,
        snapshot: StoreSnapshot,
        options: DiffOptions,
        found: History,
        columns: tuple[ProvisionChange | None, ...],
    ) -> None:
        from viewer.history_window import HistoryWindow  # loaded when first opened

        window = HistoryWindow(
            self.store, found, options, self.settings, self, columns=columns, snapshot=snapshot
        )
        window.destroyed.connect(lambda _=None, w=window: self._forget(w))
        self.history_windows.append(window)
        QTimer.singleShot(0, window, window.show)  # its first paint in a turn of its own
        self._cache(snapshot)

    def _history_failed(self, error: Exception) -> None:
        self.error_box = show_error(self, "Cannot show this history", error)

    def _forget(self, window: HistoryWindow) -> None:
        if window in self.history_windows:
            self.history_windows.remove(window)

    def open_provision(self, draft_id: int, eid: str) -> None:
        """Compare draft `draft_id` with the draft before it (after it, for the first)
        and select provision `eid`: where a search hit is read in context."""
        try:
            draft = self.store.draft(draft_id)
        except TravauxError as exc:
            self.error_box = show_error(self, "Cannot show this provision", exc)
            return
        ids = [d.id for d in self.store.drafts(draft.negotiation_id)]
        k = ids.index(draft_id)
        pair = (ids[k - 1], draft_id) if k > 0 else (draft_id, ids[min(1, len(ids) - 1)])
        self._pending = (draft_id, eid)
        current = self.picker.chosen()
        if current and (current[0].id, current[1].id) == pair:
            self._pending = None
            self._select(self._find_eid(draft_id, eid))
            return
        self.picker.choose(draft.negotiation_id, *pair)
        self.compare_chosen()

    def start_search(self) -> None:
        """Open the search dock (wide enough for its columns the first time) and focus it."""
        if self.search_panel.isHidden():
            self.search_panel.start()
            width = self.search_panel.fontMetrics().averageCharWidth() * SEARCH_DOCK_CHARACTERS
            self.resizeDocks([self.search_panel], [width], Qt.Orientation.Horizontal)
        else:
            self.search_panel.start()

    def show_shortcuts(self) -> None:
        """Help > Keyboard shortcuts: read from the menus, so never out of date."""
        from viewer.help import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog(self)
        self.shortcuts_dialog.show()

    def show_about(self) -> None:
        from viewer.help import show_about

        self.about_box = show_about(self, self.store.name)

    def open_own_marks(self) -> None:
        """The selected provision as the From and To drafts themselves mark it (struck
        and bold words of a compromise text), following the selection."""
        from viewer.own_marks import OwnMarksWindow  # loaded when first opened

        if self.own_marks is None:
            self.own_marks = OwnMarksWindow(self)
        self.own_marks.show_change(self.current_change(), self.picker.chosen())
        self.own_marks.show()
        self.own_marks.raise_()

    def open_agreement(self) -> None:
        """The agreement chart of the negotiation on screen, once every draft's
        brackets are counted in the background."""
        pair = self.picker.chosen()
        if pair is None:
            self.statusBar().showMessage("No drafts yet", 3000)
            return
        drafts = self.store.drafts(pair[1].negotiation_id)
        snapshot, reading = self.reader.drafts(drafts)
        from drafts.negotiation.brackets import draft_agreement  # loaded when first used

        self.agreeing.run(
            lambda: [draft_agreement(snapshot.provisions(d.id)) for d in drafts],
            lambda agreements: self._agreement_ready(drafts, agreements),
            lambda exc: self._failed("Cannot chart the agreement", exc),
            busy="Counting the brackets in every draft…",
            reading=reading,
        )

    def _agreement_ready(self, drafts: list[StoredDraft], agreements: list[DraftAgreement]) -> None:
        from viewer.agreement_chart import AgreementDialog  # loaded when first opened

        self.agreement_dialog = AgreementDialog(drafts, agreements, self)
        self.agreement_dialog.show()

    def _failed(self, title: str, error: Exception) -> None:
        self.error_box = show_error(self, title, error)

    # Export

    def picked_changes(self) -> list[ProvisionChange]:
        """The provisions selected in the list (chapters stand for nothing), top to bottom."""
        return self.filter.in_order(self.tree.selectionModel().selectedRows())

    def export_comparison(self) -> None:
        """File > Export: the comparison on screen, with its annotations, as HTML, PDF,
        Word or CSV; the rows selected in the list can be the scope. The dialog opens
        once the annotations are placed, in the background."""
        comparison = self.comparison
        if comparison is None:
            self.statusBar().showMessage("Nothing to export yet: choose two drafts", 4000)
            return
        picked = self.picked_changes()
        snapshot, reading = self.reader.export_notes(comparison)

        def compute() -> tuple[ExportNote, ...]:
            from drafts.export.notes import export_notes  # loaded by the reading

            return export_notes(snapshot.as_store(), comparison).notes

        self.exporting.run(
            compute,
            lambda notes: self._export_ready(snapshot, comparison, picked, notes),
            lambda exc: self._failed("Cannot read the annotations", exc),
            busy="Placing the annotations for the export…",
            reading=chain(imports(*EXPORT_MODULES), reading),
        )

    def open_drafts(self) -> None:
        """File > Drafts: rename, redate, move or delete drafts; the pickers follow."""
        from viewer.drafts_dialog import DraftsDialog  # loaded when first used

        if self.drafts_dialog is None:
            self.drafts_dialog = DraftsDialog(self.store, self)
            self.drafts_dialog.changed.connect(self._drafts_edited)
        self.drafts_dialog.fill()
        self.drafts_dialog.show()
        self.drafts_dialog.raise_()

    def _drafts_edited(self) -> None:
        """Read the drafts again, keeping the pair on screen if both are still there."""
        pair = self.picker.chosen()
        ids = {d.id: d for d in self.store.drafts()}
        if pair and pair[0].id in ids and pair[1].id in ids:
            new = ids[pair[1].id]
            self.reload_drafts(select=(new.negotiation_id, pair[0].id, new.id))
        else:
            self.reload_drafts()

    def export_synopsis(self) -> None:
        """File > Export synopsis: the drafts of the negotiation on screen side by side,
        one column each (the four-column document), as HTML or a Word table."""
        drafts = self.picker.negotiation_drafts()
        if len(drafts) < 2:
            self.statusBar().showMessage("A synopsis needs two drafts or more", 4000)
            return
        from viewer.synopsis_dialog import SynopsisDialog  # loaded when first used

        dialog = SynopsisDialog(self.reader, drafts, self.settings, self._cache, self)
        dialog.accepted.connect(
            lambda: self.statusBar().showMessage(f"Wrote {dialog.written}", 8000)
        )
        self.synopsis_dialog = dialog
        dialog.show()

    def _export_ready(
        self,
        snapshot: StoreSnapshot,
        comparison: Comparison,
        picked: list[ProvisionChange],
        notes: tuple[ExportNote, ...],
    ) -> None:
        self._cache(snapshot)
        from viewer.export_dialog import ExportDialog

        dialog = ExportDialog(comparison, notes, picked, self.settings, self)
        dialog.accepted.connect(lambda: self._exported(dialog))
        self.export_dialog = dialog
        dialog.open()

    def _exported(self, dialog: ExportDialog) -> None:
        self.statusBar().showMessage(f"Wrote {dialog.written}", 8000)

    # Walking the changes

    def next_change(self) -> None:
        if self.diff_view.next_change():
            return
        if self.diff_view.is_whole():
            self.statusBar().showMessage("No more changes", 3000)
        else:
            self.step_changed_provision(1, at_change=0)

    def previous_change(self) -> None:
        if self.diff_view.previous_change():
            return
        if self.diff_view.is_whole():
            self.statusBar().showMessage("No earlier changes", 3000)
        else:
            self.step_changed_provision(-1, at_change=-1)

    def step_changed_provision(self, step: int, at_change: int | None = None) -> bool:
        """Select the next (step 1) or previous (-1) changed provision in the list;
        False, with a word in the status bar, when there is none."""
        rows = self.visible_rows()
        current = self.tree.currentIndex()
        here = next((k for k, r in enumerate(rows) if r == current), -1 if step > 0 else len(rows))
        k = here + step
        while 0 <= k < len(rows):
            change = self.change_at(rows[k])
            if change is not None and change.changed:
                self._select(rows[k])
                if at_change is not None and self.diff_view.change_count():
                    self.diff_view.go_to_change(at_change)
                return True
            k += step
        self.statusBar().showMessage("No more changes" if step > 0 else "No earlier changes", 3000)
        return False

    def _change_moved(self, index: int, count: int) -> None:
        if index >= 0:
            self.statusBar().showMessage(self.diff_view.change_status(index), 3000)

    # View options

    def _set_inline(self, on: bool) -> None:
        self.diff_view.set_inline(on)
        self.settings.setValue("view/inline", on)

    def _options_changed(self, _: bool) -> None:
        options = self.options()
        for name in ("ignore_case", "ignore_whitespace", "ignore_punctuation"):
            self.settings.setValue(f"diff/{name}", getattr(options, name))
        self.compare_chosen()

    def _zoom(self, steps: int) -> None:
        self.diff_view.zoom(steps)
        self.settings.setValue("view/zoom", self.diff_view.zoom_steps())

    def _find(self, backward: bool) -> None:
        text = self.diff_view.find_edit.text()
        if not text:
            self.diff_view.start_find()
            return
        self.diff_view.find(text, backward=backward)

    # Import

    def choose_and_import(self) -> None:
        """The file dialog opens in the folder the last import came from."""
        from PySide6.QtWidgets import QFileDialog

        folder = str(self.settings.value("import/folder") or "")
        start = folder if folder and Path(folder).is_dir() else str(Path.home())
        files, _ = QFileDialog.getOpenFileNames(self, "Import drafts", start, DRAFT_FILTER)
        if files:
            self.settings.setValue("import/folder", str(Path(files[0]).parent))
            self.import_files(files)

    @property
    def importer(self) -> ImportFlow:
        """Imports from the window, made with the first (the readers' modules are not
        needed to open the window)."""
        if self._importer is None:
            from viewer.importing import ImportFlow

            self._importer = ImportFlow(self.store, self)
            self._importer.succeeded.connect(self._imported)
            self._importer.failed.connect(self._import_failed)
            self._importer.cancelled.connect(self._import_cancelled)
        return self._importer

    def _import_folder(self) -> None:
        from viewer.importing import import_folder

        import_folder(self, self)

    def import_files(self, paths: list[str]) -> None:
        """Import in the background; `import_finished` tells how it ended."""
        self.statusBar().showMessage("Importing…")
        self.importer.start(paths)

    def _imported(self, report: ImportReport) -> None:
        skipped = len(report.duplicates)
        note = f"; {skipped} already imported" if skipped else ""
        if report.added:
            newest = report.added[-1]
            drafts = self.store.drafts(newest.negotiation_id)
            ids = [d.id for d in drafts]
            previous = ids[max(0, ids.index(newest.id) - 1)]
            self.reload_drafts(select=(newest.negotiation_id, previous, newest.id))
            on_screen = self.picker.chosen()
            shown = (on_screen[0].id, on_screen[1].id) if on_screen else None
            self.precompute.start({d.id for d in report.added}, shown)
        self.statusBar().showMessage(f"Imported {_count(len(report.added), 'draft')}{note}", 8000)
        from viewer.importing import report_box  # loaded by the import

        self.report_box = report_box(self, report)
        self.import_finished.emit(True)

    def _import_failed(self, error: Exception) -> None:
        self.statusBar().clearMessage()
        self.error_box = show_error(self, "Import failed", error)
        self.import_finished.emit(False)

    def _import_cancelled(self) -> None:
        self.statusBar().showMessage("Import cancelled: nothing was imported", 8000)
        self.import_finished.emit(False)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_files(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _local_files(event.mimeData().urls())
        if files:
            event.acceptProposedAction()
            self.import_files(files)

    # Settings

    def _saved_choice(self) -> tuple[int, int | None, int | None] | None:
        negotiation = _int(self.settings.value("comparison/negotiation"))
        if negotiation is None:
            return None
        return (
            negotiation,
            _int(self.settings.value("comparison/from")),
            _int(self.settings.value("comparison/to")),
        )

    def _saved_provision(self) -> tuple[int, str] | None:
        """The provision selected when the window last closed: (draft id, eId)."""
        draft, _, eid = str(self.settings.value("comparison/provision") or "").partition(":")
        found = _int(draft)
        return (found, eid) if found is not None and eid else None

    def _save_provision(self) -> None:
        change, comparison = self.current_change(), self.comparison
        if change is None or comparison is None:
            self.settings.remove("comparison/provision")
            return
        draft, provisions = (
            (comparison.new, change.new)
            if change.new
            else (
                comparison.old,
                change.old,
            )
        )
        self.settings.setValue("comparison/provision", f"{draft.id}:{provisions[0].eid}")

    def _save_choice(self) -> None:
        pair = self.picker.chosen()
        if pair is None:
            return
        self.settings.setValue("comparison/negotiation", pair[0].negotiation_id)
        self.settings.setValue("comparison/from", pair[0].id)
        self.settings.setValue("comparison/to", pair[1].id)

    def _restore_view_settings(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = s.value("window/splitter")
        self._split_by_width = not isinstance(splitter, QByteArray)
        if not self._split_by_width:
            self.splitter.restoreState(splitter)
        for name in ("ignore_case", "ignore_whitespace", "ignore_punctuation"):
            action = self.actions_by_name[name]
            action.blockSignals(True)
            action.setChecked(_bool(s.value(f"diff/{name}")))
            action.blockSignals(False)
        self.actions_by_name["inline"].setChecked(_bool(s.value("view/inline")))
        self.actions_by_name["whole_document"].setChecked(_bool(s.value("view/whole_document")))
        self.changed_only_box.setChecked(_bool(s.value("view/changed_only")))
        zoom = _int(s.value("view/zoom")) or 0
        if zoom:
            self.diff_view.zoom(zoom)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._keep_diff_readable)
        return super().eventFilter(watched, event)

    def _keep_diff_readable(self) -> None:
        """A dock opened (search, annotations, team) or the window narrowed: the room
        comes from the provision list first, then from the docks, never from the diff
        below `MIN_DIFF_CHARACTERS` (at 170 px a pane, words broke mid-word)."""
        char = self.fontMetrics().averageCharWidth()
        least_diff, least_list = MIN_DIFF_CHARACTERS * char, MIN_LIST_CHARACTERS * char
        side, diff = self.splitter.sizes()
        if diff >= least_diff:
            return
        total = side + diff
        if total >= least_diff + least_list or side > least_list:
            side = max(least_list, total - least_diff)
            self.splitter.setSizes([side, total - side])
            if total - side >= least_diff:
                return
        from PySide6.QtWidgets import QDockWidget

        docks = [d for d in self.findChildren(QDockWidget) if d.isVisible() and not d.isFloating()]
        short = least_diff + least_list - total
        if docks and short > 0:
            widths = [max(char * 24, d.width() - short // len(docks)) for d in docks]
            self.resizeDocks(docks, widths, Qt.Orientation.Horizontal)

    def showEvent(self, event: QShowEvent) -> None:
        """The first time, with no splitter saved: the list takes `LIST_SHARE` of the
        window (at least 500 px), so at full HD headings are in view whole and lines of
        text do not run to 130 characters; the reader's own split is kept after."""
        super().showEvent(event)
        if self._split_by_width:
            self._split_by_width = False
            width = self.splitter.width()
            side = max(500, round(width * LIST_SHARE))
            self.splitter.setSizes([side, max(width - side, 1)])

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_provision()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)


def comparing_text(old: StoredDraft, new: StoredDraft) -> str:
    """The status bar's message while two drafts are compared."""
    return f"Comparing {draft_title(old)} with {draft_title(new)}…"


def summary_text(comparison: Comparison) -> str:
    """The status bar's summary, e.g. "37 of 68 provisions changed · +1,204 / −980 words"."""
    totals = comparison.totals()
    text = (
        f"{totals['changed']} of {_count(totals['provisions'], 'provision')} changed · "
        f"+{totals['words_added']:,} / −{totals['words_deleted']:,} words"
    )
    uncertain = sum(change.uncertain for change in comparison.changes)
    if uncertain:
        text += f" · {_count(uncertain, 'uncertain pairing')}"
    return text


def _local_files(urls: list) -> list[str]:  # type: ignore[type-arg]
    return [url.toLocalFile() for url in urls if url.isLocalFile()]


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _bool(value: object) -> bool:
    """QSettings gives back "true"/"false" strings from INI files, bools elsewhere."""
    return value is True or str(value).lower() == "true"
