"""What every window test shares: background work ends before the store closes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from drafts.store import Store
from viewer.workers import in_flight, wait_for_all


@pytest.fixture(autouse=True)
def background_lands(qtbot: QtBot, store: Store) -> Iterator[None]:
    """After each test, let the computations still in the pool end and land (applied,
    or dropped by their owners) while the windows and the store are still open: a
    result landing in the next test, on a closed store, would fail that one."""
    yield
    wait_for_all()
    qtbot.waitUntil(lambda: in_flight() == 0, timeout=10000)
