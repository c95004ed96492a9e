"""Where a provision's words came from: its text tinted by the draft that wrote each
phrase, and what was deleted along the way.

Each draft has its own tint, the first draft's a neutral grey and each later one a
hue of Paul Tol's "light" scheme (made for text on coloured backgrounds, told apart
with the common colour-vision deficiencies), ordered so that neighbouring drafts
differ most: blue, orange, green, pink... Colour is never the only cue: the legend
gives each tint the draft's number and name and the words it wrote, and hovering a
phrase names its draft. Deleted text is listed below, by the draft that
deleted it, with the words before it and who had written it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QHelpEvent,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTextEdit,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafts.model import StoredDraft
from drafts.negotiation.blame import Blame, BlameSpan
from viewer.bracket_marks import mark_brackets, qt_offsets
from viewer.diff_style import DiffStyle, diff_colours
from viewer.draft_picker import draft_title

FIRST_TINT = QColor("#dddddd")
"""The first draft's words: the text every later draft started from, in neutral grey."""
LATER_TINTS = tuple(
    QColor(c) for c in ("#77aadd", "#ee8866", "#bbcc33", "#ffaabb", "#99ddff", "#eedd88", "#44bb99")
)
"""Each later draft's, in turn (Paul Tol's "light" scheme, reordered so that each
neighbour differs in hue and lightness); after the seventh they come round again."""
LIGHT_SHARE, DARK_SHARE, DARK_FIRST_SHARE = 0.6, 0.45, 0.25
"""How much of the tint goes into the palette's base: enough to tell apart, light
enough for the text on it to read (dark text on light, light on dark); the first
draft's grey stays quiet on a dark base."""


def draft_tints(drafts: tuple[StoredDraft, ...], base: QColor) -> dict[int, QColor]:
    """A tint per draft (see the module's docstring), blended into the palette's base
    so it suits light and dark themes."""
    light = base.lightnessF() > 0.5
    tints = {}
    for k, draft in enumerate(drafts):
        tint = FIRST_TINT if k == 0 else LATER_TINTS[(k - 1) % len(LATER_TINTS)]
        share = LIGHT_SHARE if light else DARK_SHARE if k else DARK_FIRST_SHARE
        tints[draft.id] = QColor(
            round(base.red() + (tint.red() - base.red()) * share),
            round(base.green() + (tint.green() - base.green()) * share),
            round(base.blue() + (tint.blue() - base.blue()) * share),
        )
    return tints


class BlameText(QTextEdit):
    """The provision's heading and text, each phrase on its draft's tint; a tooltip
    names the draft under the mouse."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blameText")
        self.setReadOnly(True)
        self.spans: list[tuple[int, int, StoredDraft]] = []
        """(start, end, draft) in Qt positions: the heading's spans, then the text's."""
        self._block = QTextBlockFormat()
        self.viewport().installEventFilter(self)

    def show_blame(self, blame: Blame, tints: dict[int, QColor]) -> None:
        self.clear()
        self.spans = []
        style = DiffStyle(QFontInfo(self.font()).pointSizeF(), diff_colours(self.palette()))
        self.document().setDocumentMargin(self.fontMetrics().height() * 0.6)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()  # laid out once, at the end (see `viewer.diff_pane`)
        try:
            self._block = style.block("text")
            cursor.setBlockFormat(style.block("heading"))
            if blame.provision.heading:
                heading = style.section("heading")
                self._write(cursor, blame.provision.heading, blame.heading_spans, tints, heading)
                cursor.insertBlock(self._block)
            start = cursor.position()
            self._write(cursor, blame.text, blame.spans, tints, style.section("text"))
            colours = diff_colours(self.palette())
            mark_brackets(self.document(), colours, (start, cursor.position()))
        finally:
            cursor.endEditBlock()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _write(
        self,
        cursor: QTextCursor,
        text: str,
        spans: tuple[BlameSpan, ...],
        tints: dict[int, QColor],
        base: QTextCharFormat,
    ) -> None:
        at = qt_offsets(text)
        origin = cursor.position()
        for span in spans:
            fmt = QTextCharFormat(base)
            fmt.setBackground(tints[span.draft.id])
            for n, part in enumerate(text[span.start : span.end].split("\n")):
                if n:
                    cursor.insertBlock(self._block)
                if part:
                    cursor.insertText(part, fmt)
            self.spans.append((origin + at[span.start], origin + at[span.end], span.draft))

    def draft_at(self, position: int) -> StoredDraft | None:
        return next((d for s, e, d in self.spans if s <= position < e), None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            draft = self.draft_at(self.cursorForPosition(event.pos()).position())
            if draft is not None:
                QToolTip.showText(event.globalPos(), f"Written in {draft_title(draft)}", self)
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)


class BlameView(QWidget):
    """Legend, tinted text, deletions: the whole answer to "where did these words come
    from" for one provision in one draft."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blameView")
        self.blame: Blame | None = None
        self.title = QLabel(self)
        self.title.setObjectName("blameTitle")
        self.title.setWordWrap(True)
        self.legend = QLabel(self)
        self.legend.setObjectName("blameLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.text = BlameText(self)
        self.deletions = QTreeWidget(self)
        self.deletions.setObjectName("blameDeletions")
        self.deletions.setHeaderLabels(["Deleted in", "Text", "After", "Written in"])
        self.deletions.setRootIsDecorated(False)
        self.deletions.setAlternatingRowColors(True)
        self.deletions.setWordWrap(True)
        header = self.deletions.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.deletions_label = QLabel(self)
        self.deletions_label.setObjectName("blameDeletionsLabel")
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.text)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.deletions_label)
        lower_layout.addWidget(self.deletions)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.legend)
        layout.addWidget(splitter, 1)

    def show_blame(self, blame: Blame) -> None:
        self.blame = blame
        base = self.palette().color(QPalette.ColorRole.Base)
        tints = draft_tints(blame.drafts, base)
        p = blame.provision
        name = " — ".join(part for part in (p.num, p.heading) if part) or p.eid
        self.title.setText(
            f"{name} in {draft_title(blame.draft)}: each phrase on the tint of the draft "
            "that wrote it"
        )
        self.legend.setText(self._legend_html(blame, tints))
        self.text.show_blame(blame, tints)
        self._fill_deletions(blame)

    def show_absent(self, draft: StoredDraft) -> None:
        """A draft without the provision has no words to attribute."""
        self._clear(f"Not in {draft_title(draft)}: choose a draft that has it.")

    def show_waiting(self, draft: StoredDraft) -> None:
        """While the words of the provision in `draft` are followed back (in the
        background)."""
        self._clear(f"Finding where the words in {draft_title(draft)} came from…")

    def _clear(self, title: str) -> None:
        self.blame = None
        self.title.setText(title)
        self.legend.clear()
        self.text.clear()
        self.text.spans = []
        self.deletions.clear()
        self.deletions_label.clear()

    def _legend_html(self, blame: Blame, tints: dict[int, QColor]) -> str:
        """Each draft's tint with its number in the negotiation, its name and the words
        it wrote, so that no draft is told by its colour alone."""
        number = {d.id: k for k, d in enumerate(blame.drafts, 1)}
        chips = []
        for share in blame.by_draft():
            words = f"{share.words:,} word{'s' if share.words != 1 else ''}"
            tint = tints[share.draft.id].name()
            chip = f'<span style="background:{tint}">&nbsp;{number[share.draft.id]}&nbsp;</span>'
            label = html.escape(share.draft.label or draft_title(share.draft))
            chips.append(f"{chip}&nbsp;{label} ({words})")
        return " &nbsp; ".join(chips)

    def _fill_deletions(self, blame: Blame) -> None:
        self.deletions.clear()
        struck = QFont(self.deletions.font())
        struck.setStrikeOut(True)
        for d in blame.deletions:
            written = ", ".join(x.label or draft_title(x) for x in d.introduced)
            item = QTreeWidgetItem(
                [draft_title(d.draft), " ".join(d.text.split()), f"…{d.context}", written]
            )
            item.setFont(1, struck)
            item.setToolTip(1, d.text)
            self.deletions.addTopLevelItem(item)
        count = len(blame.deletions)
        self.deletions_label.setText(
            f"Deleted along the way: {count}" if count else "Nothing was deleted along the way."
        )

    def deletion_rows(self) -> list[list[str]]:
        return [
            [self.deletions.topLevelItem(k).text(c) for c in range(4)]
            for k in range(self.deletions.topLevelItemCount())
        ]
