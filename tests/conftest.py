"""Fixtures for every test: scratch databases (empty or with the demo), the real-world
corpus, small comparisons, and a writer of small Akoma Ntoso files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from drafts.comparing.comparisons import Comparison
from drafts.demo import import_demo
from drafts.store import Store
from tests.builders import (
    CORPUS,
    TINY_NEW,
    TINY_OLD,
    akn_document,
    demo_comparison,
    tiny_comparison,
)


@pytest.fixture
def store() -> Iterator[Store]:
    with Store() as s:
        yield s


@pytest.fixture
def demo(store: Store) -> Store:
    """A scratch database holding the demo negotiation's five drafts."""
    import_demo(store)
    return store


@pytest.fixture
def demo_pair(store: Store) -> Comparison:
    """The demo's first draft against its last: every kind of change."""
    return demo_comparison(store)


@pytest.fixture
def tiny() -> Comparison:
    """Three small provisions against three: modified, unchanged, deleted, added."""
    return tiny_comparison(TINY_OLD, TINY_NEW)


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "travaux.sqlite3"


@pytest.fixture
def corpus() -> Path:
    assert CORPUS.is_dir(), f"the shared corpus is missing at {CORPUS}"
    return CORPUS


@pytest.fixture
def write_akn(tmp_path: Path) -> Callable[..., Path]:
    """Write an Akoma Ntoso file built by `akn_document` and return its path."""

    def write(name: str, body: str, **meta: str) -> Path:
        path = tmp_path / name
        path.write_text(akn_document(body, **meta), encoding="utf-8")
        return path

    return write
