"""Full-text search over the demo negotiation, and a phrase's life in one provision."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from drafts.errors import NotFoundError
from drafts.negotiation.history import find_provision, history
from drafts.negotiation.search import MARKS, fts_query, phrase_history, search
from drafts.store import Store
from main import main


def test_queries_are_words_phrases_and_prefixes_never_syntax() -> None:
    assert fts_query("proportionality") == '"proportionality"'
    assert fts_query("judicial review") == '"judicial" "review"'
    assert fts_query('"judicial review" court') == '"judicial review" "court"'
    assert fts_query("proportional*") == '"proportional"*'
    assert fts_query("cross-border") == '"cross border"'
    assert fts_query("NOT OR AND") == '"NOT" "OR" "AND"'  # words, not operators
    assert fts_query('num:24 "unclosed') == '"num 24" "unclosed"'
    with pytest.raises(NotFoundError, match="nothing to search for"):
        fts_query(" -- ")


def test_search_groups_hits_by_provision_in_negotiation_order(demo: Store) -> None:
    result = search(demo, "proportionality")
    labels = [d.label for d in demo.drafts()]
    assert [(g.num, [h.draft.label for h in g.hits]) for g in result.groups] == [
        ("Article 24", labels[2:3] + labels[4:5]),
        ("Article 26", labels[1:2]),
    ]
    assert [d.label for d in result.drafts] == [labels[1], labels[2], labels[4]]
    for group in result.groups:
        for hit in group.hits:
            text = next(p for p in demo.provisions(hit.draft.id) if p.eid == hit.eid).text
            assert "proportionality" in text
        # the latest hit, the one shown, has its passage; the others need none
        assert f"{MARKS[0]}proportionality{MARKS[1]}" in group.hits[-1].snippet
        assert all(hit.snippet == "" for hit in group.hits[:-1])


def test_every_hit_really_contains_all_the_words_and_no_provision_is_missed(
    demo: Store,
) -> None:
    result = search(demo, "data protection")
    hits = {(h.draft.id, h.eid) for g in result.groups for h in g.hits}
    expected = {
        (d.id, p.eid)
        for d in demo.drafts()
        for p in demo.provisions(d.id)
        if {"data", "protection"}
        <= set(re.findall(r"\w+", f"{p.num} {p.heading} {p.text}".casefold()))
    }
    assert hits == expected and len(hits) > 5


def test_nothing_found_is_an_empty_result(demo: Store) -> None:
    result = search(demo, "zebra")
    assert result.groups == () and result.drafts == () and result.hits == 0


def test_when_a_phrase_left_a_provision(demo: Store) -> None:
    final = demo.drafts()[-1]
    article = find_provision(demo, final, "Article 24")
    life = phrase_history(demo, '"legality and necessity"', history(demo, final, article))
    assert life.found == (False, False, False, True, False)
    assert life.first.label == life.last.label == "Further revised draft"
    assert life.left.label == "Final text agreed ad referendum"
    never = phrase_history(demo, "zebra", history(demo, final, article))
    assert never.first is None and never.left is None and never.gaps == ()


def test_a_phrase_taken_out_and_put_back_shows_its_gap(demo: Store) -> None:
    """ "proportionality" entered Article 24's line in the first revision, was cut in the
    further revised draft, and came back in the final text."""
    final = demo.drafts()[-1]
    article = find_provision(demo, final, "Article 24")
    life = phrase_history(demo, "proportionality", history(demo, final, article))
    assert life.found == (False, True, True, False, True)
    assert [d.label for d in life.gaps] == ["Further revised draft"]
    assert life.left is None


def test_search_command(demo: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "t.sqlite3")
    assert main(["import", "--demo", "--db", db]) == 0
    capsys.readouterr()
    assert main(["search", "proportionality", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.startswith("'proportionality': 3 matches in 2 provisions of 3 drafts; first in")
    assert "  Article 26 Conditions and safeguards  (1 draft: First revised draft)" in out
    assert main(["search", "proportionality", "--json", "--db", db]) == 0
    shape = json.loads(capsys.readouterr().out)
    assert [p["num"] for p in shape["provisions"]] == ["Article 24", "Article 26"]
    assert set(shape["provisions"][0]["hits"][0]) == {"draft", "eid", "num", "snippet"}
    args = ["search", '"legality and necessity"', "--provision", "Article 24", "--db", db]
    assert main(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("gone from Final text agreed ad referendum")
    assert main([*args, "--json"]) == 0
    shape = json.loads(capsys.readouterr().out)
    assert [s["found"] for s in shape["steps"]] == [False, False, False, True, False]
    assert shape["left"]["label"] == "Final text agreed ad referendum"


def test_snippets_mark_prefixes_and_phrases_as_fts_matched_them(demo: Store) -> None:
    prefix = search(demo, "proportional*")
    assert [g.num for g in prefix.groups] == ["Article 24", "Article 26"]
    assert "⟪proportionality⟫" in prefix.groups[0].hits[-1].snippet
    phrase = search(demo, '"judicial or other independent"')
    assert phrase.groups
    for group in phrase.groups:
        assert "⟪judicial or other independent⟫" in group.hits[-1].snippet.casefold()
