"""Comparing new drafts with their neighbours in the background after an import (issue
17): the first look at any neighbouring pair is then a cache hit."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from drafts.comparing.compare import ALGORITHM_VERSION
from drafts.comparing.diff import EXACT
from drafts.model import StoredDraft
from drafts.store import Store
from tests.builders import article, stored
from tests.viewer.windows import accept_imports, open_window
from viewer.precompute import neighbour_pairs


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_the_pairs_are_the_new_drafts_neighbours_negotiation_by_negotiation() -> None:
    a, b, c = (
        stored(1, "A", "2023-01-01"),
        stored(2, "B", "2023-02-01"),
        stored(3, "C", "2023-03-01"),
    )
    other = StoredDraft(4, 2, "Other", "X", "2023-01-05", "", "", 0, "")
    pairs = neighbour_pairs([a, b, c, other], {2})
    assert [(x.id, y.id) for x, y in pairs] == [(1, 2), (2, 3)]
    assert neighbour_pairs([a, b, c, other], {4}) == []  # alone in its negotiation


def test_after_an_import_every_new_neighbouring_pair_is_cached(
    qtbot: QtBot, store: Store, settings: QSettings, write_akn: Callable[..., Path]
) -> None:
    window = open_window(qtbot, store, settings)
    accept_imports(window)
    paths = [
        write_akn(f"{n}.xml", article(1, f"States shall act {word}.") + article(2, "B."), date=day)
        for n, (word, day) in enumerate(
            [("now", "2023-01-16"), ("soon", "2023-06-05"), ("later", "2023-11-06")]
        )
    ]
    with qtbot.waitSignal(window.import_finished, timeout=10000):
        window.import_files([str(p) for p in paths])
    qtbot.waitUntil(lambda: not window.precompute.busy(), timeout=20000)
    qtbot.waitUntil(lambda: _cached(store) == 2, timeout=10000)  # written back in steps


def _cached(store: Store) -> int:
    """How many neighbouring pairs of drafts have a cached comparison."""
    return sum(
        store.cached_comparison(a.id, b.id, EXACT.key(), ALGORITHM_VERSION) is not None
        for a, b in pairwise(store.drafts())
    )
