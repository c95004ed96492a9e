"""The provision list's view: a tree view that is not repainted for nothing.

Qt's item views repaint their whole viewport each time their window is activated or
deactivated, for the selection's inactive colour. When the palette's active and
inactive colours are the same (as in the Fusion style Travaux uses on Linux), that
repaint draws the same pixels again: every provision row's cells asked of the Python
model, 10-20 ms on the GUI thread each time a history, a dialog or the search opens
or closes (tests/benchmarks/bench_stall.py). This view skips it then.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QTreeView

_ACTIVATION = (QEvent.Type.WindowActivate, QEvent.Type.WindowDeactivate)


class ProvisionList(QTreeView):
    """A `QTreeView` that repaints on activation only when that changes its colours."""

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() in _ACTIVATION and self._same_when_inactive():
            return QAbstractScrollArea.viewportEvent(self, event)  # past the view's repaint
        return super().viewportEvent(event)

    def _same_when_inactive(self) -> bool:
        palette = self.palette()
        return palette.isEqual(QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
