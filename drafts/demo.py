"""The bundled demo negotiation: five drafts of a fictional convention, in resources/demo/."""

from __future__ import annotations

from pathlib import Path

from drafts.importer import ImportReport, import_paths
from drafts.store import Store

DEMO_DIR = Path(__file__).resolve().parent.parent / "resources" / "demo"


def demo_files() -> list[Path]:
    """The demo drafts, in negotiation order (their names start with the draft's rank)."""
    return sorted(DEMO_DIR.glob("[0-9][0-9]-*.xml"))


def import_demo(store: Store) -> ImportReport:
    return import_paths(store, demo_files())
