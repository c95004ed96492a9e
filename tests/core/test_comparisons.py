"""Comparisons of stored drafts: the cache is used when current and never when stale,
and the JSON shape other tools read keeps its keys."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from drafts.comparing import comparisons
from drafts.comparing.comparisons import compare_drafts, to_json
from drafts.comparing.diff import DiffOptions
from drafts.demo import demo_files, import_demo
from drafts.model import Line
from drafts.reading.akoma import read_draft
from drafts.store import Store
from tests.builders import raw_database


@pytest.fixture
def demo_store(store: Store) -> Store:
    import_demo(store)
    return store


def first_and_last(store: Store):
    drafts = store.drafts()
    return drafts[0], drafts[-1]


def cache_rows(store: Store) -> list[tuple]:
    return store.rows(
        "SELECT from_draft_id, to_draft_id, options, algorithm FROM comparisons ORDER BY 1, 2, 3"
    )


def test_a_comparison_is_cached_and_read_back_the_same(demo_store: Store) -> None:
    a, b = first_and_last(demo_store)
    computed = compare_drafts(demo_store, a, b)
    assert not computed.from_cache
    assert cache_rows(demo_store) == [(a.id, b.id, "exact", comparisons.ALGORITHM_VERSION)]
    cached = compare_drafts(demo_store, a, b)
    assert cached.from_cache
    assert cached.changes == computed.changes
    assert to_json(cached) == to_json(computed)


def test_options_are_cached_apart(demo_store: Store) -> None:
    a, b = first_and_last(demo_store)
    compare_drafts(demo_store, a, b)
    loose = compare_drafts(demo_store, a, b, DiffOptions(ignore_punctuation=True))
    assert not loose.from_cache
    assert [row[2] for row in cache_rows(demo_store)] == ["exact", "ignore-punct"]


def test_a_new_algorithm_version_recomputes(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = first_and_last(demo_store)
    compare_drafts(demo_store, a, b)
    monkeypatch.setattr(comparisons, "ALGORITHM_VERSION", comparisons.ALGORITHM_VERSION + 1)
    again = compare_drafts(demo_store, a, b)
    assert not again.from_cache
    assert cache_rows(demo_store)[0][3] == comparisons.ALGORITHM_VERSION


def test_a_changed_draft_recomputes(demo_store: Store) -> None:
    a, b = first_and_last(demo_store)
    compare_drafts(demo_store, a, b)
    raw_database(demo_store).execute(
        "UPDATE drafts SET content_hash = 'edited' WHERE id = ?", [b.id]
    )
    assert not compare_drafts(demo_store, a, b).from_cache
    assert compare_drafts(demo_store, a, b).from_cache


def test_a_cache_that_no_longer_fits_the_provisions_is_recomputed(demo_store: Store) -> None:
    a, b = first_and_last(demo_store)
    compare_drafts(demo_store, a, b)
    raw_database(demo_store).execute('UPDATE comparisons SET result = \'[{"old": ["art_999"]}]\'')
    recomputed = compare_drafts(demo_store, a, b)
    assert not recomputed.from_cache and recomputed.changes


def test_a_cache_that_cannot_be_written_still_gives_the_comparison(demo_store: Store) -> None:
    a, b = first_and_last(demo_store)
    raw_database(demo_store).execute("PRAGMA query_only = ON")
    result = compare_drafts(demo_store, a, b)
    assert result.changes and "the comparison was not cached" in result.warning


def test_the_json_shape_keeps_its_documented_keys(demo_store: Store) -> None:
    a, b = first_and_last(demo_store)
    shape = to_json(compare_drafts(demo_store, a, b))
    assert set(shape) == {"from", "to", "options", "algorithm", "provisions", "totals"}
    assert shape["from"] == {
        "id": a.id,
        "label": "Zero draft",
        "date": "2023-01-16",
        "symbol": "A/AC.305/7",
        "negotiation": a.negotiation,
    }
    assert {tuple(sorted(p)) for p in shape["provisions"]} == {
        (
            "from",
            "from_heading",
            "from_num",
            "moves",
            "score",
            "similarity",
            "status",
            "to",
            "to_heading",
            "to_num",
            "uncertain",
            "words_added",
            "words_deleted",
        )
    }
    human_rights = next(p for p in shape["provisions"] if p["from"] == ["art_5"])
    assert (human_rights["to"], human_rights["from_num"], human_rights["to_num"]) == (
        ["art_6"],
        "Article 5",
        "Article 6",
    )
    assert set(shape["totals"]) == {
        "provisions",
        "changed",
        "unchanged",
        "renumbered",
        "modified",
        "moved",
        "split",
        "merged",
        "added",
        "deleted",
        "words_added",
        "words_deleted",
    }
    assert shape["totals"]["words_added"] == sum(p["words_added"] for p in shape["provisions"])


def test_a_point_moved_inside_an_article_is_in_the_json_and_survives_the_cache(
    store: Store,
) -> None:
    """Point (3) of a definitions article becomes point (6): `moves` in the JSON names
    both places, and a comparison read back from the cache still knows the move."""
    rng = random.Random(2)
    points = [" ".join(rng.sample([f"x{n}" for n in range(500)], 10)) for _ in range(8)]
    reordered = [*points[:2], *points[3:6], points[2], *points[6:]]
    base = read_draft(demo_files()[0])
    drafts = []
    for k, texts in enumerate((points, reordered)):
        lines = tuple(Line(f"({n})", t) for n, t in enumerate(texts, start=1))
        first = replace(base.provisions[1], lines=lines)
        drafts.append(
            replace(
                base,
                expression_uri=f"{base.expression_uri}-moves-{k}",
                label=f"Draft {k}",
                content_hash=f"moves-{k}",
                provisions=(base.provisions[0], first, *base.provisions[2:]),
            )
        )
    store.add_drafts(drafts)
    a, b = store.drafts()
    computed = compare_drafts(store, a, b)
    row = next(p for p in to_json(computed)["provisions"] if p["moves"])
    assert row["moves"] == [{"from_point": "(3)", "to_point": "(6)", "text": f"(6) {points[2]}"}]
    cached = compare_drafts(store, a, b)
    assert cached.from_cache and cached.changes == computed.changes
