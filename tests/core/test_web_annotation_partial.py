"""Annotations as other tools write them: a target with only a TextQuoteSelector or only
a TextPositionSelector imports and is anchored, and an annotation without an id gets one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from drafts.annotating.annotations import find_annotations
from drafts.annotating.web_annotation import (
    ANNO_CONTEXT,
    AnnotationImportError,
    import_annotations,
)
from drafts.store import Store
from tests.builders import text_of

SOURCE_DRAFT = "First revised draft"
PHRASE = "legality, necessity and proportionality"


def _one(demo: Store, selector: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    d = demo.find_draft(SOURCE_DRAFT)
    return {
        "@context": ANNO_CONTEXT,
        "type": "Annotation",
        "bodyValue": "from another tool",
        "target": {"source": f"{d.expression_uri}#art_26", "selector": selector},
        **extra,
    }


def _write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "theirs.jsonld"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_quote_alone_is_found_in_the_text(demo: Store, tmp_path: Path) -> None:
    quote = [{"type": "TextQuoteSelector", "exact": PHRASE}]
    summary = import_annotations(demo, _write(tmp_path, _one(demo, quote, id="urn:x:1")))
    assert summary.added == 1
    (a,) = find_annotations(demo)
    text = text_of(demo, demo.find_draft(SOURCE_DRAFT), "art_26")
    s = a.target.selector
    assert s is not None and (s.start, s.end) == (
        text.index(PHRASE),
        text.index(PHRASE) + len(PHRASE),
    )
    assert s.exact == PHRASE and s.prefix == text[max(0, s.start - 32) : s.start]


def test_a_position_alone_reads_its_quote_from_the_text(demo: Store, tmp_path: Path) -> None:
    text = text_of(demo, demo.find_draft(SOURCE_DRAFT), "art_26")
    start = text.index(PHRASE)
    position = [{"type": "TextPositionSelector", "start": start, "end": start + len(PHRASE)}]
    import_annotations(demo, _write(tmp_path, _one(demo, position, id="urn:x:2")))
    (a,) = find_annotations(demo)
    assert a.target.selector is not None and a.target.selector.exact == PHRASE


def test_an_annotation_without_an_id_gets_one_and_a_second_import_finds_it(
    demo: Store, tmp_path: Path
) -> None:
    quote = [{"type": "TextQuoteSelector", "exact": PHRASE}]
    path = _write(tmp_path, _one(demo, quote))
    assert import_annotations(demo, path).added == 1
    (a,) = find_annotations(demo)
    assert a.uri.startswith("urn:uuid:")
    again = import_annotations(demo, path)
    assert (again.added, again.already_present) == (0, 1)


@pytest.mark.parametrize(
    ("selector", "reason"),
    [
        (
            [{"type": "TextQuoteSelector", "exact": "not in this article at all"}],
            "is not in art_26",
        ),
        ([{"type": "TextQuoteSelector", "exact": "the"}], "more than once"),
        ([{"type": "TextQuoteSelector", "exact": ""}], "the quote is empty"),
        ([{"type": "TextPositionSelector", "start": 5, "end": 5}], "marks no text"),
        ([{"type": "TextPositionSelector", "start": 0, "end": 100_000}], "out of range"),
        ([{"type": "TextPositionSelector", "start": "0", "end": 3}], "whole numbers"),
    ],
)
def test_a_lone_selector_that_places_nothing_is_refused_whole(
    demo: Store, tmp_path: Path, selector: list[dict[str, Any]], reason: str
) -> None:
    before = demo.dump()
    with pytest.raises(AnnotationImportError) as caught:
        import_annotations(demo, _write(tmp_path, _one(demo, selector, id="urn:x:3")))
    assert reason in str(caught.value)
    assert demo.dump() == before
