"""The bundled demo negotiation: valid Akoma Ntoso, realistic shape, and ground truth that holds.

`resources/demo/lineage.json` says what became of every provision between neighbouring
drafts; later issues test alignment against it, so here it is checked against what
the importer actually reads.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from drafts.demo import DEMO_DIR, demo_files, import_demo
from drafts.model import Draft, Provision
from drafts.reading.akoma import read_draft
from drafts.store import Store

LINEAGE = json.loads((DEMO_DIR / "lineage.json").read_text(encoding="utf-8"))
KINDS = {"unchanged", "modified", "renumbered", "moved", "split", "merged", "added", "deleted"}


@cache
def _draft(name: str) -> Draft:
    return read_draft(DEMO_DIR / name)


def _by_eid(name: str) -> dict[str, Provision]:
    return {p.eid: p for p in _draft(name).provisions}


def test_five_drafts_import_in_negotiation_order() -> None:
    with Store() as store:
        report = import_demo(store)
        assert len(report.added) == 5
        drafts = store.drafts()
    assert [(d.label, d.date, d.symbol) for d in drafts] == [
        (d["label"], d["date"], d["symbol"]) for d in LINEAGE["drafts"]
    ]
    assert len({d.negotiation_id for d in drafts}) == 1


@pytest.mark.parametrize("path", demo_files(), ids=lambda p: p.name)
def test_each_draft_has_a_preamble_and_50_to_70_articles_in_nine_chapters(path: Path) -> None:
    provisions = _draft(path.name).provisions
    assert provisions[0].kind == "preamble" and provisions[0].text
    articles = [p for p in provisions if p.kind == "article"]
    assert 50 <= len(articles) <= 70
    assert [a.num for a in articles] == [f"Article {i}" for i in range(1, len(articles) + 1)]
    chapters = [a.chapter.num for a in articles if a.chapter]
    assert len(dict.fromkeys(chapters)) == 9
    assert all(a.heading and a.text for a in articles)


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    xsd = Path(__file__).resolve().parents[3] / "shared/corpus/real/akn30-schema/akomantoso30.xsd"
    assert xsd.exists(), f"the Akoma Ntoso schema is missing at {xsd}"
    return etree.XMLSchema(etree.parse(str(xsd)))


@pytest.mark.parametrize("path", demo_files(), ids=lambda p: p.name)
def test_each_draft_is_valid_akoma_ntoso_3(schema: etree.XMLSchema, path: Path) -> None:
    document = etree.parse(str(path))
    assert schema.validate(document), schema.error_log.last_error


def test_lineage_covers_every_provision_of_both_drafts_exactly_once() -> None:
    assert len(LINEAGE["steps"]) == 4
    for step in LINEAGE["steps"]:
        old, new = _by_eid(step["from"]), _by_eid(step["to"])
        froms = [e for item in step["provisions"] for e in item["from"]]
        tos = [e for item in step["provisions"] for e in item["to"]]
        assert sorted(froms) == sorted(old), step["from"]
        assert sorted(tos) == sorted(new), step["to"]
        assert {item["kind"] for item in step["provisions"]} <= KINDS


def _chapter(p: Provision) -> str:
    return p.chapter.heading if p.chapter else ""


def test_lineage_kinds_agree_with_the_imported_text() -> None:
    for step in LINEAGE["steps"]:
        old, new = _by_eid(step["from"]), _by_eid(step["to"])
        for item in step["provisions"]:
            kind, src, dst = item["kind"], item["from"], item["to"]
            where = f"{step['from']} -> {step['to']}: {item}"
            if kind in ("unchanged", "renumbered"):
                (a,), (b,) = [old[e] for e in src], [new[e] for e in dst]
                assert (a.text, a.heading) == (b.text, b.heading), where
                assert (a.num == b.num) == (kind == "unchanged"), where
            elif kind == "modified":
                (a,), (b,) = [old[e] for e in src], [new[e] for e in dst]
                assert (a.text, a.heading, a.notes) != (b.text, b.heading, b.notes), where
            elif kind == "moved":
                (a,), (b,) = [old[e] for e in src], [new[e] for e in dst]
                assert _chapter(a) != _chapter(b), where
            elif kind == "split":
                assert len(src) == 1 and len(dst) >= 2, where
            elif kind == "merged":
                assert len(src) >= 2 and len(dst) == 1, where
            elif kind == "added":
                assert src == [] and len(dst) == 1, where
            elif kind == "deleted":
                assert len(src) == 1 and dst == [], where


def test_the_negotiation_makes_every_kind_of_drafting_move() -> None:
    kinds = {item["kind"] for step in LINEAGE["steps"] for item in step["provisions"]}
    assert kinds == KINDS


def test_square_brackets_recede_as_agreement_grows() -> None:
    counts = [sum(p.text.count("[") for p in _draft(p.name).provisions) for p in demo_files()]
    assert counts[0] > 10
    assert counts == sorted(counts, reverse=True)
    assert counts[-1] <= 2


def test_the_demo_is_what_its_generator_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("build_demo", DEMO_DIR / "build_demo.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "build_demo", module)  # dataclasses look themselves up
    spec.loader.exec_module(module)
    written = module.build(tmp_path)
    assert {p.name for p in written} >= {p.name for p in demo_files()}
    for path in [*demo_files(), DEMO_DIR / "lineage.json"]:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
