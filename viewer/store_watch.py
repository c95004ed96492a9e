"""Noticing what other programs write to the database: drafts imported from the
command line while the window is open appear in its pickers without a restart.

SQLite's `PRAGMA data_version` changes when another connection commits; reading it is
a look at the WAL index in shared memory, so polling it on a timer costs next to
nothing and needs no file watcher (which would also fire on our own writes).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from drafts.errors import TravauxError
from drafts.store import Store

POLL_MS = 1500
"""How often to look: soon enough to seem immediate after switching windows."""


class StoreWatch(QObject):
    """Polls one store; `changed` when another program has committed to it."""

    changed = Signal()

    def __init__(self, store: Store, parent: QObject, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.store = store
        self._version = self._read()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        version = self._read()
        if version is not None and version != self._version:
            self._version = version
            self.changed.emit()

    def _read(self) -> int | None:
        try:
            return self.store.data_version()
        except TravauxError:  # a file gone bad is said by the next real read, once
            return None
