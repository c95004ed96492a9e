"""Search every draft: the results grouped by provision, and the life of the phrase.

A dock beside the comparison. What a reader types is read as in `drafts.negotiation.search`
(words, "phrases", prefix*), results come a provision a row with the drafts it matches
in under it; the chosen result shows its snippet and, for that provision followed
through its renumberings, the first and last draft with the phrase and the draft it
left in ("when did 'proportionality' leave Article 24?"). Opening a hit shows it in
the comparison; History opens the provision's history window.

The search itself reads the full-text index on the GUI thread (milliseconds:
tests/benchmarks/bench_search.py); following the chosen provision through its history
compares drafts, so it is done in the background (`viewer.workers`).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafts.comparing.diff import EXACT
from drafts.errors import TravauxError
from drafts.model import StoredDraft
from drafts.negotiation.history import History, find_provision, history
from drafts.negotiation.search import (
    MARKS,
    Hit,
    PhraseHistory,
    SearchResult,
    phrase_history,
    search,
)
from viewer.draft_picker import draft_title
from viewer.errors import show_error
from viewer.snapshots import Reader, StoreSnapshot
from viewer.workers import Background, in_steps

HIT_ROLE = Qt.ItemDataRole.UserRole
TYPING_PAUSE_MS = 250
"""Search once the reader pauses typing: FTS5 answers in milliseconds, but a search per
keystroke would redraw the list under their eyes."""


def snippet_html(snippet: str) -> str:
    """A snippet's marked words in bold, everything else escaped."""
    escaped = html.escape(snippet)
    return escaped.replace(MARKS[0], "<b><u>").replace(MARKS[1], "</u></b>")


def life_text(life: PhraseHistory) -> str:
    """One sentence on the phrase in this provision's history."""
    name = life.history.provision.num or life.history.provision.eid
    if life.first is None or life.last is None:
        return f"“{life.query}” is not in {name} in any draft."
    first, last = draft_title(life.first), draft_title(life.last)
    text = f"In {name}'s history, “{life.query}” is first in {first}"
    text += f" and last in {last}" if life.last.id != life.first.id else " and only there"
    if life.gaps:
        text += "; it was out of the text in " + ", ".join(draft_title(d) for d in life.gaps)
    if life.left is not None:
        text += f"; it is gone in {draft_title(life.left)}."
    else:
        text += "; it is still there in the last draft."
    return text


class SearchPanel(QDockWidget):
    """The search dock; see the module's docstring."""

    open_requested = Signal(int, str)
    """(draft id, eId): show this provision in the comparison."""
    history_requested = Signal(int, str)
    """(draft id, eId): open this provision's history."""

    def __init__(self, reader: Reader, parent: QWidget | None = None) -> None:
        super().__init__("Search all drafts", parent)
        self.setObjectName("searchPanel")
        self.reader = reader
        self.store = reader.store
        self.result: SearchResult | None = None
        self.life: PhraseHistory | None = None
        self.living = Background(self)
        self.error_box: QMessageBox | None = None
        self.edit = QLineEdit(self)
        self.edit.setObjectName("searchAllEdit")
        self.edit.setPlaceholderText('Words, "a phrase", or a prefix*')
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setObjectName("searchCount")
        self.results = QTreeWidget(self)
        self.results.setObjectName("searchResults")
        self.results.setHeaderLabels(["Provision", "Drafts"])
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setUniformRowHeights(True)
        self.results.setAlternatingRowColors(True)
        header = self.results.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.detail = QLabel(self)
        self.detail.setObjectName("searchDetail")
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton("Show", self)
        self.open_button.setObjectName("searchOpen")
        self.open_button.setToolTip("Show this provision in the comparison (Enter)")
        self.history_button = QPushButton("History…", self)
        self.history_button.setObjectName("searchHistory")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._build()

    def _build(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.edit)
        layout.addWidget(self.count)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.detail)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.history_button)
        layout.addLayout(buttons)
        self.setWidget(body)
        self.edit.textEdited.connect(lambda _: self._timer.start())
        self.edit.returnPressed.connect(self.run)
        self._timer.timeout.connect(self.run)
        self.results.currentItemChanged.connect(lambda item, _: self._chosen(item))
        self.results.itemActivated.connect(lambda item, _: self._open(item))
        self.open_button.clicked.connect(lambda: self._open(self.results.currentItem()))
        self.history_button.clicked.connect(self._history)
        self._chosen(None)

    def start(self) -> None:
        """Show the dock with the query selected, ready to type over."""
        self.show()
        self.raise_()
        self.edit.setFocus()
        self.edit.selectAll()

    def run(self) -> None:
        """Search for what is typed; an empty or wordless query clears the results."""
        self._timer.stop()
        text = self.edit.text().strip()
        self.results.clear()
        self.result = None
        if not text:
            self.count.clear()
            self._chosen(None)
            return
        try:
            self.result = search(self.store, text)
        except TravauxError as exc:
            self.count.setText(str(exc))
            self._chosen(None)
            return
        for group in self.result.groups:
            self.results.addTopLevelItem(self._group_item(group.num, group.heading, group.hits))
        self.count.setText(_found_text(self.result))
        if self.results.topLevelItemCount():
            self.results.setCurrentItem(self.results.topLevelItem(0))

    def _group_item(self, num: str, heading: str, hits: tuple[Hit, ...]) -> QTreeWidgetItem:
        title = " — ".join(part for part in (num, heading) if part)
        item = QTreeWidgetItem([title, f"{len(hits)}"])
        item.setData(0, HIT_ROLE, hits[-1])
        item.setToolTip(0, title)
        first, last = _short(hits[0].draft), _short(hits[-1].draft)
        span = first if len(hits) == 1 else f"from {first} to {last}"
        item.setToolTip(1, f"Found in {len(hits)} drafts, {span}")
        for hit in hits:
            name = hit.num if hit.num != num else ""
            child = QTreeWidgetItem([f"{draft_title(hit.draft)}  {name}".rstrip()])
            child.setData(0, HIT_ROLE, hit)
            item.addChild(child)
        return item

    def hit_at(self, item: QTreeWidgetItem | None) -> Hit | None:
        return item.data(0, HIT_ROLE) if item is not None else None

    def _chosen(self, item: QTreeWidgetItem | None) -> None:
        """Show the chosen hit's passage at once, and the phrase's life in its
        provision once the history is followed (in the background)."""
        hit = self.hit_at(item)
        self.open_button.setEnabled(hit is not None)
        self.history_button.setEnabled(hit is not None)
        self.life = None
        if hit is None:
            self.living.cancel()
            self.detail.setText("")
            return
        latest = self.hit_at(item.parent() or item) if item else None
        passage = snippet_html(latest.snippet) if latest is not None and latest.snippet else ""
        self._detail(passage, "Following the provision through the drafts…")
        draft, query = hit.draft, self.edit.text()
        snapshot, reading = self.reader.history(draft, EXACT)

        def compute() -> History:
            store = snapshot.as_store()
            return history(store, draft, find_provision(store, draft, hit.eid))

        self.living.run(
            compute,
            lambda found: self._lived(snapshot, query, found, passage),
            lambda exc: self._no_life(exc, passage),
            reading=reading,
            when_idle=True,  # the results and the dock are drawn first
        )

    def _lived(self, snapshot: StoreSnapshot, query: str, found: History, passage: str) -> None:
        cache = snapshot.write_back(self.store, lambda _: None)  # a cache: best effort
        in_steps(self, cache, when_idle=True)
        try:
            self.life = phrase_history(self.store, query, found)
        except TravauxError as exc:
            self._no_life(exc, passage)
            return
        self._detail(passage, life_text(self.life))

    def _no_life(self, error: Exception, passage: str) -> None:
        """A provision whose history cannot be followed shows its passage alone; a
        failure that is not the data's is a bug, and said so."""
        self._detail(passage, "")
        if not isinstance(error, TravauxError):
            self.error_box = show_error(self, "Cannot follow this provision", error)

    def _detail(self, passage: str, life: str) -> None:
        parts = [passage] if passage else []
        if life:
            parts.append(f"<i>{html.escape(life)}</i>")
        self.detail.setText("<br><br>".join(parts))

    def _open(self, item: QTreeWidgetItem | None) -> None:
        hit = self.hit_at(item)
        if hit is not None:
            self.open_requested.emit(hit.draft.id, hit.eid)

    def _history(self) -> None:
        hit = self.hit_at(self.results.currentItem())
        if hit is not None:
            self.history_requested.emit(hit.draft.id, hit.eid)


def _short(draft: StoredDraft) -> str:
    return draft.label or draft.date or f"Draft {draft.id}"


def _found_text(result: SearchResult) -> str:
    groups, drafts = len(result.groups), len(result.drafts)
    if not groups:
        return "Nothing found"
    provisions = "1 provision" if groups == 1 else f"{groups:,} provisions"
    where = "1 draft" if drafts == 1 else f"{drafts:,} drafts"
    return f"{provisions} in {where}"
