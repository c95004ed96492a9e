"""The find bar under the diff: a search field, previous and next buttons, a status."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    """Find in the visible panes: Enter for the next match, Shift+Enter for the previous,
    Escape to close."""

    next_requested = Signal()
    previous_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName("findEdit")
        self.find_edit.setPlaceholderText("Find in this provision")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.installEventFilter(self)
        self.status = QLabel(self)
        self.status.setObjectName("findStatus")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.find_edit, 1)
        for arrow, tip, signal in (
            (Qt.ArrowType.UpArrow, "Previous match (Shift+Enter)", self.previous_requested),
            (Qt.ArrowType.DownArrow, "Next match (Enter)", self.next_requested),
        ):
            button = QToolButton(self)
            button.setArrowType(arrow)
            button.setToolTip(tip)
            button.setAutoRaise(True)
            button.clicked.connect(signal.emit)
            layout.addWidget(button)
        layout.addWidget(self.status)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Close (Escape)")
        close.setAutoRaise(True)
        close.clicked.connect(self.close_bar)
        layout.addWidget(close)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.find_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                (self.previous_requested if shift else self.next_requested).emit()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()
