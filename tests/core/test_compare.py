"""Comparing two drafts: statuses as README defines them, word counts, nothing lost."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache

import pytest

from drafts.comparing.compare import STATUSES, compare, totals
from drafts.comparing.diff import DiffOptions, new_text, old_text
from drafts.demo import DEMO_DIR
from drafts.importer import read_documents
from drafts.model import Line, Provision
from drafts.reading.akoma import read_draft
from tests.builders import ROOT, article_provision

LINEAGE = json.loads((DEMO_DIR / "lineage.json").read_text(encoding="utf-8"))

TEXTS = [
    "Jurisdiction over offences committed on board a vessel flying its flag.",
    "Extradition shall be subject to the conditions provided for by domestic law.",
    "Mutual legal assistance in investigations, prosecutions and judicial proceedings.",
    "Preservation of stored electronic data for up to ninety days on request.",
    "Confidentiality of requests received from another State Party.",
    "Each State Party shall designate a point of contact available at all hours.",
]


@cache
def demo(name: str) -> tuple[Provision, ...]:
    return read_draft(DEMO_DIR / name).provisions


def article(n: int, text: str) -> Provision:
    """An article headed by its first word, so renumbering leaves the heading alone."""
    return article_provision(n, text, heading=text.split()[0])


def statuses(changes) -> dict[tuple[str, str], str]:
    return {(c.from_num, c.to_num): c.status for c in changes}


def test_each_status_means_what_readme_says() -> None:
    old = [article(n, text) for n, text in enumerate(TEXTS, start=1)]
    new = [
        article(1, TEXTS[0]),  # unchanged
        article(2, TEXTS[1].replace("domestic law", "its domestic law")),  # modified
        # Article 3 deleted: the rest move up a number
        article(3, TEXTS[3]),  # renumbered: same text, number 4 -> 3
        article(4, "Each State Party shall protect witnesses who give testimony."),  # added
        article(5, TEXTS[5]),  # moved: article 6 now before article 5
        article(6, TEXTS[4]),
    ]
    found = statuses(compare(old, new))
    assert found == {
        ("Article 1", "Article 1"): "unchanged",
        ("Article 2", "Article 2"): "modified",
        ("Article 3", ""): "deleted",
        ("Article 4", "Article 3"): "renumbered",
        ("", "Article 4"): "added",
        ("Article 6", "Article 5"): "moved",
        ("Article 5", "Article 6"): "renumbered",
    }


def test_rows_follow_the_new_draft_with_deletions_where_they_stood() -> None:
    old = [article_provision(n, text) for n, text in enumerate(TEXTS[:3], start=1)]
    new = [article_provision(1, TEXTS[0]), article_provision(2, TEXTS[2], heading="Cooperation")]
    assert [(c.from_num, c.to_num) for c in compare(old, new)] == [
        ("Article 1", "Article 1"),
        ("Article 2", ""),
        ("Article 3", "Article 2"),
    ]


def test_word_counts_and_similarity_come_from_the_diff() -> None:
    old = [article_provision(1, "The requesting State Party shall bear the costs.")]
    new = [article_provision(1, "The requested State Party shall bear the ordinary costs.")]
    (change,) = compare(old, new)
    assert change.status == "modified"
    assert (change.words.deleted, change.words.added) == (1, 2)
    assert change.words.kept == 8 + 2  # text words, plus "Heading 1" kept
    assert change.similarity == pytest.approx(2 * 10 / (11 + 12))


def test_split_and_merge_show_every_piece_in_one_diff() -> None:
    first = "Orders to produce subscriber information held by service providers."
    second = "Orders to preserve traffic data for as long as the investigation requires."
    old = [
        article_provision(1, f"{first}\n{second}"),
        article_provision(2, TEXTS[4]),
        article_provision(3, TEXTS[5]),
    ]
    new = [
        article_provision(1, first),
        article_provision(2, second),
        article_provision(3, f"{TEXTS[4]}\n{TEXTS[5]}"),
    ]
    changes = compare(old, new)
    assert statuses(changes) == {
        ("Article 1", "Article 1 + Article 2"): "split",
        ("Article 2 + Article 3", "Article 3"): "merged",
    }
    split = changes[0]
    assert new_text(split.text) == "\n".join(p.text for p in new[:2])
    assert old_text(split.text) == old[0].text


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (DiffOptions(), "modified"),
        (DiffOptions(ignore_punctuation=True), "unchanged"),
    ],
)
def test_options_decide_what_counts_as_a_change(options: DiffOptions, expected: str) -> None:
    old = [article_provision(1, "Each State Party shall, as appropriate, adopt measures.")]
    new = [article_provision(1, "Each State Party shall as appropriate adopt measures;")]
    (change,) = compare(old, new, options)
    assert change.status == expected


def test_a_footnote_change_is_a_modification() -> None:
    from dataclasses import replace

    from drafts.model import Note

    before = article_provision(1, TEXTS[0])
    after = replace(before, notes=(Note("1", "Proposed by one delegation."),))
    (change,) = compare([before], [after])
    assert change.status == "modified"
    assert change.words.added == 5  # "1 Proposed by one delegation"


@pytest.mark.parametrize("step", LINEAGE["steps"], ids=lambda step: step["from"][:2])
def test_demo_statuses_are_the_negotiation_s_own(step) -> None:
    changes = compare(demo(step["from"]), demo(step["to"]))
    found = {(tuple(p.eid for p in c.old), tuple(p.eid for p in c.new)): c for c in changes}
    for item in step["provisions"]:
        change = found[(tuple(item["from"]), tuple(item["to"]))]
        assert change.status == item["kind"], item


def test_nothing_is_lost_in_any_demo_comparison_in_either_direction() -> None:
    names = [draft["file"] for draft in LINEAGE["drafts"]]
    for a in names:
        for b in names:
            old, new = demo(a), demo(b)
            changes = compare(old, new)
            assert sorted(p.eid for c in changes for p in c.old) == sorted(p.eid for p in old)
            assert sorted(p.eid for c in changes for p in c.new) == sorted(p.eid for p in new)
            for c in changes:
                assert old_text(c.text) == "\n".join(p.text for p in c.old)
                assert new_text(c.text) == "\n".join(p.text for p in c.new)
            counts = totals(changes)
            assert sum(counts[s] for s in STATUSES) == counts["provisions"] == len(changes)
            if a == b:
                assert counts["changed"] == 0


def test_comparing_backwards_mirrors_splits_and_merges() -> None:
    old, new = demo("02-first-revised-draft.xml"), demo("03-second-revised-draft.xml")
    forward = {c.status for c in compare(old, new)}
    backward = {c.status for c in compare(new, old)}
    assert "split" in forward and "merged" in backward
    assert "added" in forward and "deleted" in backward


# Lineage: grown, shrunk, placeholders, headings -------------------------------------------


def _statuses(old, new) -> dict[tuple[tuple[str, ...], tuple[str, ...]], str]:
    return {
        (tuple(p.num for p in c.old), tuple(p.num for p in c.new)): c.status
        for c in compare(old, new)
    }


def test_an_article_grown_from_one_sentence_keeps_its_lineage() -> None:
    """The reproduction in the shared corpus: Article 441 of a civil code grows from one
    sentence to a long article keeping its first sentence; it is the same article,
    modified, and confidently so."""
    repro = ROOT.parent / "shared" / "corpus" / "repro"
    old, new = (read_documents([repro / f"grown-v{k}.txt"])[0].draft.provisions for k in (1, 2))
    changes = compare(old, new)
    grown = next(c for c in changes if c.new and c.new[0].num == "Article 441")
    assert [p.num for p in grown.old] == ["Article 441"]
    assert grown.status == "modified" and not grown.uncertain
    assert totals(changes)["added"] == totals(changes)["deleted"] == 0


def test_an_article_cut_to_a_sixth_of_its_length_keeps_its_lineage() -> None:
    long = " ".join(TEXTS)
    old = [article_provision(1, TEXTS[0]), article_provision(2, long, heading="Cooperation")]
    new = [article_provision(1, TEXTS[0]), article_provision(2, TEXTS[2], heading="Cooperation")]
    assert _statuses(old, new)[(("Article 2",), ("Article 2",))] == "modified"


def test_a_placeholder_is_the_deletion_of_the_provision_it_stands_for() -> None:
    """ "Article 2 [deleted]" in the new draft is where Article 2 was deleted: one row,
    deleted, old text against the placeholder; not an article deleted and one added."""
    for placeholder in ("[deleted]", "(repealed)", "(weggefallen)", "(abrogé)", "–", "…"):
        old = [article_provision(n, text) for n, text in enumerate(TEXTS[:3], start=1)]
        gone = replace(old[1], heading="", lines=(Line("", placeholder),))
        changes = compare(old, [old[0], gone, old[2]])
        assert [(c.from_num, c.to_num, c.status) for c in changes] == [
            ("Article 1", "Article 1", "unchanged"),
            ("Article 2", "Article 2", "deleted"),
            ("Article 3", "Article 3", "unchanged"),
        ], placeholder
        assert new_text(changes[1].text) == placeholder and not changes[1].uncertain
    kept_heading = replace(
        old[1], lines=(Line("", "[deleted]"),)
    )  # "Article 2 Heading 2 [deleted]"
    assert compare(old, [old[0], kept_heading, old[2]])[1].status == "deleted"


def test_a_same_heading_outweighs_shared_boilerplate() -> None:
    """Two articles say "in accordance with Article 43" at length; the one called
    "Harmonised standards" in both drafts is paired with itself though rewritten."""
    boiler = (
        "The Commission shall adopt implementing acts in accordance with the examination "
        "procedure referred to in Article 43 and after consulting the Board"
    )
    old = [
        article_provision(
            1,
            f"{boiler} on harmonised standards published in the Official Journal.",
            heading="Harmonised standards",
        ),
        article_provision(
            2,
            f"{boiler} on common specifications for the requirements.",
            heading="Common specifications",
        ),
    ]
    new = [
        article_provision(
            1,
            f"{boiler} on common specifications where no standard exists.",
            heading="Common specifications",
        ),
        article_provision(
            2,
            "High-risk systems in conformity with standards whose references appear in "
            "the Official Journal are presumed to comply.",
            heading="Harmonised standards",
        ),
    ]
    changes = compare(old, new)
    pairs = {(c.old[0].heading, c.new[0].heading) for c in changes if c.old and c.new}
    assert ("Harmonised standards", "Harmonised standards") in pairs
    assert ("Common specifications", "Common specifications") in pairs
