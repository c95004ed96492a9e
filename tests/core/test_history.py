"""The history of a provision, checked against the demo negotiation's known lineage
(`resources/demo/lineage.json`: what became of every provision between neighbouring
drafts, renumberings, moves, the split and the merge included)."""

from __future__ import annotations

import json

import pytest

from drafts.demo import DEMO_DIR
from drafts.errors import NotFoundError
from drafts.negotiation.history import find_provision, history, history_json
from drafts.store import Store
from main import main

LINEAGE = json.loads((DEMO_DIR / "lineage.json").read_text(encoding="utf-8"))


def expected_forward(start: int, eid: str) -> list[list[str]]:
    """Eids per draft from draft `start` on, following the lineage's links forward."""
    chain = [[] for _ in LINEAGE["drafts"]]
    chain[start] = [eid]
    for i in range(start, len(LINEAGE["steps"])):
        rows = LINEAGE["steps"][i]["provisions"]
        chain[i + 1] = [e for r in rows if set(r["from"]) & set(chain[i]) for e in r["to"]]
    return chain


def expected_backward(end: int, eid: str) -> list[list[str]]:
    chain = [[] for _ in LINEAGE["drafts"]]
    chain[end] = [eid]
    for i in range(end, 0, -1):
        rows = LINEAGE["steps"][i - 1]["provisions"]
        chain[i - 1] = [e for r in rows if set(r["to"]) & set(chain[i]) for e in r["from"]]
    return chain


def test_every_zero_draft_provision_is_followed_as_the_lineage_says(demo: Store) -> None:
    first = demo.drafts()[0]
    for provision in demo.provisions(first.id):
        h = history(demo, first, provision)
        got = [sorted(p.eid for p in step.provisions) for step in h.steps]
        assert got == [sorted(e) for e in expected_forward(0, provision.eid)], provision.eid


def test_every_final_provision_is_traced_back_as_the_lineage_says(demo: Store) -> None:
    last = demo.drafts()[-1]
    for provision in demo.provisions(last.id):
        h = history(demo, last, provision)
        got = [sorted(p.eid for p in step.provisions) for step in h.steps]
        assert got == [sorted(e) for e in expected_backward(4, provision.eid)], provision.eid


def test_the_split_safeguards_article_branches_and_says_so(demo: Store) -> None:
    first = demo.drafts()[0]
    h = history(demo, first, find_provision(demo, first, "Article 26"))
    assert [s.num for s in h.steps] == [
        "Article 26",
        "Article 26",
        "Article 24 + Article 25",
        "Article 24 + Article 25",
        "Article 24 + Article 25",
    ]
    assert [s.status for s in h.steps] == ["", "modified", "split", "modified", "modified"]
    assert h.steps[2].words.added > 0 and h.steps[2].words.deleted > 0


def test_a_deleted_provision_shows_where_it_left(demo: Store) -> None:
    first = demo.drafts()[0]
    h = history(demo, first, find_provision(demo, first, "art_18"))  # copyright, dropped
    assert [s.present for s in h.steps] == [True, False, False, False, False]
    assert [s.status for s in h.steps] == ["", "deleted", "", "", ""]


def test_an_added_provision_has_no_past(demo: Store) -> None:
    second = demo.drafts()[1]
    h = history(demo, second, find_provision(demo, second, "art_15"))  # intimate images
    assert [s.present for s in h.steps][:2] == [False, True]
    assert h.steps[1].status == "added"


def test_provisions_are_found_by_eid_or_number(demo: Store) -> None:
    last = demo.drafts()[-1]
    by_eid = find_provision(demo, last, "art_24")
    assert find_provision(demo, last, "Article 24") == by_eid
    assert find_provision(demo, last, "article 24") == by_eid
    assert find_provision(demo, last, "art 24") == by_eid
    assert find_provision(demo, last, "24") == by_eid
    with pytest.raises(NotFoundError, match="no provision 'Article 999' in Final text"):
        find_provision(demo, last, "Article 999")


def test_history_json_has_the_documented_shape(demo: Store) -> None:
    last = demo.drafts()[-1]
    shape = history_json(history(demo, last, find_provision(demo, last, "Article 24")))
    assert shape["provision"] == {"draft": last.id, "eid": "art_24", "num": "Article 24"}
    assert [s["eids"] for s in shape["steps"]] == [
        ["art_26"],
        ["art_26"],
        ["art_24"],
        ["art_24"],
        ["art_24"],
    ]
    assert set(shape["steps"][0]) == {
        "draft",
        "present",
        "eids",
        "num",
        "heading",
        "status",
        "words_added",
        "words_deleted",
    }


def test_history_command(demo: Store, tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "t.sqlite3")
    assert main(["import", "--demo", "--db", db]) == 0
    capsys.readouterr()
    assert main(["history", "art 12", "--from-draft", "Zero draft", "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Article 12 Information and communications technology-related theft")
    assert out[1].split() == ["2023-01-16", "Zero", "draft", "Article", "12", "first", "draft"]
    assert out[2].split()[-4:] == ["merged", "+30", "/", "-78"]
    assert main(["history", "Article 999", "--db", db]) == 2
    assert "no provision 'Article 999'" in capsys.readouterr().err
    assert main(["history", "Article 24", "--json", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out)["provision"]["eid"] == "art_24"


def test_history_blame_command(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "t.sqlite3")
    assert main(["import", "--demo", "--db", db]) == 0
    capsys.readouterr()
    assert main(["history", "Article 24", "--blame", "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Where the words of Article 24 Conditions and safeguards in Final")
    assert out[1].split() == ["Zero", "draft", "85", "words"]
    assert out[3].split() == ["Second", "revised", "draft", "1", "word"]
    phrases = [line.split(" │ ") for line in out if " │ " in line]
    assert ["  Final text agreed ad referendum", "principle of proportionality"] in phrases
    assert "Deleted along the way:" in out
    deleted = out[out.index("Deleted along the way:") + 1 :]
    assert any(
        line.startswith("  Further revised draft")
        and "“, necessity [and proportionality]” after …the principles of legality" in line
        for line in deleted
    )
    assert main(["history", "Article 24", "--blame", "--json", "--db", db]) == 0
    shape = json.loads(capsys.readouterr().out)
    assert shape["text"][shape["spans"][0]["start"] : shape["spans"][-1]["end"]] == shape["text"]
