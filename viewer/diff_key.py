"""Help > Key to the marks: every mark the diff view draws, drawn by the diff view's
own code, each with what it means.

The samples are written with the same formats (`DiffStyle`) into the same kind of pane
(`DiffPane`), with the same painted bars and outline, so the key cannot drift from
what the panes show.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from drafts.comparing.diff import DELETE, EQUAL, INSERT
from viewer.bracket_marks import mark_brackets
from viewer.diff_pane import DiffPane
from viewer.diff_style import DiffStyle, diff_colours
from viewer.move_marks import MoveMark
from viewer.note_marks import NoteMark

SAMPLE_NOTE_COLOUR = "#cc79a7"

ROWS = (
    ("deleted words", DELETE, "in the older draft only: struck through"),
    ("inserted words", INSERT, "in the newer draft only: underlined"),
    (
        "a moved passage",
        "moved",
        "moved within the provision: dotted underline and a bar"
        " in the margin; hover it to see where it came from or went to",
    ),
    ("[text in brackets]", EQUAL, "square brackets, not yet agreed: bold brackets, italic text"),
    (
        "annotated words",
        "note",
        "annotated by your team: a bar in the tag's colour under the"
        " words; hover them to read the note",
    ),
    ("the current change", "current", "the change Alt+Down and Alt+Up go to: outlined"),
)
"""(sample, how it is marked, what it means)."""

MAP_TEXT = (
    "The strip at the right is the change map: one lane per pane, deleted words on the"
    " left half of a lane, inserted words on the right half, moved passages across it."
    " Click it to go to a change. A provision that changed place among the provisions"
    " says \u2195 moved in its header. Corresponding paragraphs are kept level: blank"
    " space on one side stands for text the other side has."
)


class DiffKeyDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diffKeyDialog")
        self.setWindowTitle("Key to the Marks")
        self.pane = DiffPane("keyPane", self)
        self.pane.setMinimumHeight(self.pane.fontMetrics().height() * 12)
        self._write()
        note = QLabel(MAP_TEXT, self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pane, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(560, 400)

    def _write(self) -> None:
        """One paragraph per row: the sample marked as in a pane, then its meaning."""
        font_size = self.pane.font().pointSizeF()
        style = DiffStyle(font_size if font_size > 0 else 10.0, diff_colours(self.palette()))
        document = self.pane.document()
        document.setDocumentMargin(self.pane.fontMetrics().height() * 0.6)
        cursor = QTextCursor(document)
        plain = style.segment("text", EQUAL)
        spans: dict[str, tuple[int, int]] = {}
        for n, (sample, kind, meaning) in enumerate(ROWS):
            if n:
                cursor.insertBlock(style.block("text"))
            else:
                cursor.setBlockFormat(style.block("text"))
            start = cursor.position()
            if kind in (DELETE, INSERT):
                fmt = style.segment("text", kind)
            elif kind == "moved":
                fmt = style.moved("text", INSERT, inline=False)
            else:
                fmt = plain
            cursor.insertText(sample, fmt)
            spans[kind] = (start, cursor.position())
            cursor.insertText(f"  \u2014 {meaning}", plain)
        mark_brackets(document, style.colours, spans[EQUAL])
        moved, noted = spans["moved"], spans["note"]
        self.pane.set_move_marks([MoveMark(*moved, 1, "Moved: a sample")], style.colours.moved_bar)
        self.pane.set_note_marks([NoteMark(*noted, QColor(SAMPLE_NOTE_COLOUR), 0, "A sample note")])
        self.pane.set_outline(spans["current"], style.colours.outline)
        self.pane.moveCursor(QTextCursor.MoveOperation.Start)
