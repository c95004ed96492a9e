"""A database the fuzz tests share: two small drafts and an annotation, on disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from drafts.annotating.annotations import Content, create_annotation, text_target
from drafts.annotating.web_annotation import export_annotations
from drafts.importer import import_paths
from drafts.store import Store
from tests.builders import akn_document, article


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Path]]:
    """(the store, a scratch folder): drafts "Zero draft" and "Revised draft" of one
    negotiation, and one annotation on the first, for annotation files to refer to."""
    folder = tmp_path_factory.mktemp("fuzz")
    drafts = []
    for name, stage, date in (
        ("a.xml", "Zero draft", "2023-01-16"),
        ("b.xml", "Revised", "2023-06-01"),
    ):
        path = folder / name
        path.write_text(
            akn_document(
                article(1, "The States Parties shall cooperate.") + article(2, "Each State."),
                stage=stage,
                date=date,
            ),
            encoding="utf-8",
        )
        drafts.append(path)
    with Store(folder / "fuzz.sqlite3") as store:
        import_paths(store, drafts)
        first = store.drafts()[0]
        create_annotation(store, text_target(store, first.id, "art_1", 4, 10), Content(note="n"))
        yield store, folder


@pytest.fixture(scope="module")
def exported(fuzz_db: tuple[Store, Path]) -> dict[str, Any]:
    """The annotations as first exported: the fixed template hostile files are made from
    (the database gains annotations as the fuzzing imports some, and a strategy must
    not depend on what earlier examples did)."""
    return export_annotations(fuzz_db[0])
