"""Work that waits for a window's first frame: after it is painted, once, and never lost."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMainWindow, QTextEdit
from pytestqt.qtbot import QtBot

from viewer import first_paint
from viewer.first_paint import after_first_paint


class Painted(QObject):
    """Counts the paint events a window receives."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.count = 0
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    made = QMainWindow()
    made.setCentralWidget(QTextEdit("text", made))
    qtbot.addWidget(made)
    return made


def test_the_work_waits_for_the_first_frame_and_runs_once(
    qtbot: QtBot, window: QMainWindow
) -> None:
    painted = Painted(window)
    seen: list[int] = []
    after_first_paint(window, lambda: seen.append(painted.count))
    qtbot.wait(50)
    assert seen == []  # not shown: nothing painted, nothing done
    window.show()
    qtbot.waitUntil(lambda: seen != [], timeout=5000)
    assert seen[0] >= 1  # the frame was painted before the work began
    window.update()
    qtbot.wait(50)
    assert len(seen) == 1


def test_a_window_never_drawn_does_not_lose_the_work(
    qtbot: QtBot, window: QMainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(first_paint, "LATEST_MS", 30)
    seen: list[bool] = []
    after_first_paint(window, lambda: seen.append(window.isVisible()))
    qtbot.waitUntil(lambda: seen != [], timeout=5000)
    assert seen == [False]


def test_a_window_deleted_first_takes_its_work_with_it(qtbot: QtBot) -> None:
    window = QMainWindow()
    seen: list[str] = []
    after_first_paint(window, lambda: seen.append("called"))
    window.deleteLater()
    qtbot.wait(first_paint.LATEST_MS + 200)
    assert seen == []
