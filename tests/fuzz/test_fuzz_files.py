"""Hostile files, generated: each is imported, or refused with a `TravauxError` that
names it, and a refusal leaves the database exactly as it was."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from drafts.annotating.web_annotation import import_annotations
from drafts.errors import TravauxError
from drafts.importer import import_paths
from drafts.store import Store
from tests.fuzz.strategies import (
    FUZZ,
    akoma_ntoso,
    annotation_files,
    pdf_files,
    text_files,
    word_packages,
)

_names = itertools.count()


def _imported_or_refused(store: Store, path: Path, load: Callable[[Store, Path], Any]) -> None:
    before = store.dump()
    try:
        load(store, path)
    except TravauxError as exc:
        assert str(exc).startswith(f"{path}: "), str(exc)
        assert str(exc).encode("utf-8")  # printable: no lone surrogate in it
        assert store.dump() == before


def _write(folder: Path, suffix: str, data: bytes) -> Path:
    path = folder / f"fuzz-{next(_names)}{suffix}"
    path.write_bytes(data)
    return path


def _import(store: Store, path: Path) -> None:
    import_paths(store, [path])


@FUZZ
@given(data=word_packages())
def test_a_hostile_word_package_is_imported_or_refused_by_name(
    fuzz_db: tuple[Store, Path], data: bytes
) -> None:
    store, folder = fuzz_db
    _imported_or_refused(store, _write(folder, ".docx", data), _import)


@FUZZ
@given(data=akoma_ntoso())
def test_hostile_xml_is_imported_or_refused_by_name(
    fuzz_db: tuple[Store, Path], data: bytes
) -> None:
    store, folder = fuzz_db
    _imported_or_refused(store, _write(folder, ".xml", data), _import)


@FUZZ
@given(file=text_files())
def test_a_hostile_text_or_markdown_file_is_imported_or_refused_by_name(
    fuzz_db: tuple[Store, Path], file: tuple[str, bytes]
) -> None:
    store, folder = fuzz_db
    _imported_or_refused(store, _write(folder, *file), _import)


@FUZZ
@given(data=st.data())
def test_a_hostile_annotation_file_is_imported_or_refused_by_name(
    fuzz_db: tuple[Store, Path], exported: dict[str, Any], data: st.DataObject
) -> None:
    store, folder = fuzz_db
    hostile = data.draw(annotation_files(exported))
    _imported_or_refused(store, _write(folder, ".json", hostile), import_annotations)


@FUZZ
@given(data=pdf_files())
def test_a_damaged_pdf_is_imported_or_refused_by_name(
    fuzz_db: tuple[Store, Path], data: bytes
) -> None:
    store, folder = fuzz_db
    _imported_or_refused(store, _write(folder, ".pdf", data), _import)
