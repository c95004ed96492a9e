"""The Qt binding itself: a defect found in PySide6 6.12.0 on Python 3.11 would abort
the app after a few minutes of use, so the installed version is checked for it."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_calls_returning_nothing_keep_none_alive(qtbot: QtBot) -> None:
    # PySide6 6.12.0 drops one reference to None per such call; on Python 3.11, where
    # None is reference-counted like any object, the process dies with none_dealloc.
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
    assert sys.getrefcount(None) - before > -100
