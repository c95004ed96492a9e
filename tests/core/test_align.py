"""Alignment: the demo's known history, generated dossiers with ground truth, and the
properties that make it trustworthy (global, deterministic, never forced)."""

from __future__ import annotations

import itertools
import json
import os
import random
import subprocess
import sys
from functools import cache

import pytest

from drafts.comparing import align as align_module
from drafts.comparing import assignment
from drafts.comparing.align import CONFIDENT_SIMILARITY, Link, align
from drafts.demo import DEMO_DIR
from drafts.model import Line, Provision
from drafts.reading.akoma import read_draft
from tests.builders import CORPUS, ROOT, article_provision
from tests.dossiers import derive, score

LINEAGE = json.loads((DEMO_DIR / "lineage.json").read_text(encoding="utf-8"))


@cache
def demo(name: str) -> tuple[Provision, ...]:
    return read_draft(DEMO_DIR / name).provisions


@cache
def corpus_draft(name: str) -> tuple[Provision, ...]:
    return read_draft(CORPUS / name).provisions


def groups(old, new, links) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    return {
        (tuple(old[i].eid for i in link.old), tuple(new[j].eid for j in link.new)) for link in links
    }


@pytest.mark.parametrize("step", LINEAGE["steps"], ids=lambda step: step["from"][:2])
def test_every_demo_revision_aligns_exactly_as_the_negotiation_went(step) -> None:
    old, new = demo(step["from"]), demo(step["to"])
    expected = {(tuple(item["from"]), tuple(item["to"])) for item in step["provisions"]}
    assert groups(old, new, align(old, new)) == expected


def test_zero_draft_to_final_text_follows_the_human_rights_story() -> None:
    """Not neighbours: four rounds of edits between them, every kind of move."""
    old, new = demo("01-zero-draft.xml"), demo("05-final-text.xml")
    found = groups(old, new, align(old, new))
    assert (("art_5",), ("art_6",)) in found  # Respect for human rights, renumbered
    assert (("art_26",), ("art_24", "art_25")) in found  # safeguards split in two
    assert (("art_37",), ("art_26",)) in found  # data protection moved to chapter IV
    assert (("art_12", "art_13"), ("art_13",)) in found  # theft merged into fraud
    every_old = sorted(e for olds, _ in found for e in olds)
    every_new = sorted(e for _, news in found for e in news)
    assert every_old == sorted(p.eid for p in old)
    assert every_new == sorted(p.eid for p in new)


SOURCES = {
    "demo": lambda: demo("05-final-text.xml"),
    "za": lambda: corpus_draft("za-constitution-akn3/constitution-slaw.xml"),
    "uk": lambda: corpus_draft("legaldocml-v3/uk_pga_1998_29.xml"),
}


@pytest.mark.parametrize("source", sorted(SOURCES))
@pytest.mark.parametrize("strength", [0.0, 0.1, 0.2])
def test_generated_dossiers_align_with_precision_and_recall_of_99_percent(
    source: str, strength: float
) -> None:
    provisions = SOURCES[source]()
    correct = predicted = true = 0
    for seed in range(3):
        dossier = derive(provisions, strength, seed, edited_share=1.0)
        links = align(dossier.old, dossier.new)
        result = score(
            dossier.truth,
            [g for g in groups(dossier.old, dossier.new, links) if g[0] and g[1]],
        )
        correct, predicted, true = (
            correct + result.correct,
            predicted + result.predicted,
            true + result.true,
        )
    assert correct / predicted >= 0.99
    assert correct / true >= 0.99


@pytest.mark.parametrize("strength", [0.5, 0.8])
def test_heavy_edits_never_give_a_confident_wrong_pairing(strength: float) -> None:
    """Beyond recognition, a provision becomes deleted + added; a doubtful pairing is
    flagged uncertain, never presented as sure."""
    for source in sorted(SOURCES):
        for seed in range(2):
            dossier = derive(SOURCES[source](), strength, seed, edited_share=1.0)
            truth = {(a, b) for t in dossier.truth for a in t.from_eids for b in t.to_eids}
            for link in align(dossier.old, dossier.new):
                for i, j in itertools.product(link.old, link.new):
                    if (dossier.old[i].eid, dossier.new[j].eid) not in truth:
                        assert link.uncertain, (source, seed, link)


def test_unrelated_provisions_sharing_boilerplate_are_deleted_and_added_not_paired() -> None:
    """Every criminalization article opens with the same words; those words weigh
    little, so two different offences in the same place are not one article."""
    opening = "Each State Party shall adopt such legislative and other measures as may be"
    offences = ["illegal access", "illegal interception", "data interference", "misuse"]
    kept = [
        article_provision(n, f"{opening} necessary to criminalize {o}.", heading=o.capitalize())
        for n, o in enumerate(offences, start=2)
    ]
    grooming = f"{opening} necessary to criminalize the grooming of children."
    witnesses = f"{opening} necessary to protect witnesses and their relatives."
    old = [article_provision(1, grooming, heading="Grooming"), *kept]
    new = [article_provision(1, witnesses, heading="Protection of witnesses"), *kept]
    assert {g for g in groups(old, new, align(old, new)) if "art_1" in g[0] + g[1]} == {
        (("art_1",), ()),
        ((), ("art_1",)),
    }


def _section(n: int | str, heading: str, text: str) -> Provision:
    return Provision(f"sec_{n}", "article", f"§ {n}", heading, 0, (Line("", text),))


_CONTEXT = {
    1: ("Scope", "This code applies to acts committed within the territory of the republic."),
    2: ("Time", "The punishment is the one the law provided when the act was committed."),
    4: ("Incest", "Whoever has intercourse with a descendant by blood is liable to prison."),
    5: ("Neglect", "A parent who grossly neglects the duty of care for a child is liable."),
}
_BIGAMY = (
    "Bigamy",
    "Whoever marries while already married, or marries a married person, is liable to "
    "imprisonment up to three years or a fine.",
)
_REWRITTEN = (
    "Bigamy; double partnership",
    "A person who is married or lives in a registered partnership and enters a marriage or "
    "a partnership with someone else commits an offence punishable by a custodial sentence "
    "of up to three years or a fine. So does the spouse of such a person.",
)


@pytest.mark.parametrize("new_number", [3, "3a"])
def test_a_rewrite_under_its_number_between_the_same_neighbours_keeps_its_history(
    new_number: int | str,
) -> None:
    """Few words in common (too few to pair on words alone), but the same number
    between the same two surviving sections: nothing else can have become of it. Under
    another number it is a new section, and the old one was deleted."""
    old = [
        _section(n, *_CONTEXT[n]) if n in _CONTEXT else _section(3, *_BIGAMY) for n in range(1, 6)
    ]
    new = [
        _section(n, *_CONTEXT[n]) if n in _CONTEXT else _section(new_number, *_REWRITTEN)
        for n in range(1, 6)
    ]
    found = [link for link in align(old, new) if 2 in link.old + link.new]
    if new_number == 3:
        (link,) = found
        assert (link.old, link.new) == ((2,), (2,))
        assert link.uncertain and link.similarity < align_module.PAIR_THRESHOLD
    else:
        assert {(link.old, link.new) for link in found} == {((2,), ()), ((), (2,))}


def test_placeholders_pair_by_number_not_one_after_another() -> None:
    """Repealed sections all read "(repealed)"; the k-th old one is not the k-th new
    one when a new section took the first one's number."""
    repealed = ("(repealed)", "")
    old = [
        _section(1, *_CONTEXT[1]),
        _section(2, *repealed),
        _section(3, *_CONTEXT[2]),
        _section(4, *repealed),
    ]
    new = [
        _section(1, *_CONTEXT[1]),
        _section(2, *_BIGAMY),
        _section(3, *_CONTEXT[2]),
        _section(4, *repealed),
        _section(5, *repealed),
    ]
    found = groups(old, new, align(old, new))
    assert (("sec_4",), ("sec_4",)) in found
    assert (("sec_2",), ()) in found and ((), ("sec_5",)) in found


def test_a_weak_pairing_is_flagged_uncertain() -> None:
    assert Link((0,), (0,), CONFIDENT_SIMILARITY - 0.01).uncertain
    assert not Link((0,), (0,), CONFIDENT_SIMILARITY).uncertain
    assert Link((0,), (0, 1), 0.9, piece_evidence=0.6).uncertain
    assert not Link((0,), (), 0.0).uncertain


def test_pairs_survive_renumbering_retitling_and_reordering() -> None:
    texts = [
        "Jurisdiction over offences committed on board a vessel flying its flag.",
        "Extradition shall be subject to the conditions provided for by domestic law.",
        "Mutual legal assistance in investigations, prosecutions and judicial proceedings.",
        "Preservation of stored electronic data for up to ninety days on request.",
    ]
    old = [article_provision(n, text) for n, text in enumerate(texts, start=1)]
    new = [
        article_provision(1, texts[3], heading="Expedited preservation"),
        article_provision(2, texts[0].replace("vessel", "ship")),
        article_provision(3, texts[1]),
        article_provision(4, texts[2]),
    ]
    found = groups(old, new, align(old, new))
    assert found == {
        (("art_4",), ("art_1",)),
        (("art_1",), ("art_2",)),
        (("art_2",), ("art_3",)),
        (("art_3",), ("art_4",)),
    }


def test_a_split_and_a_merge_are_found_as_groups() -> None:
    first = "Orders to produce subscriber information held by service providers."
    second = "Orders to preserve traffic data for as long as the investigation requires."
    third = "Confidentiality of requests received from another State Party."
    fourth = "Costs of executing a request shall be borne by the requested State."
    old = [
        article_provision(1, f"{first}\n{second}"),
        article_provision(2, third),
        article_provision(3, fourth),
    ]
    new = [
        article_provision(1, first),
        article_provision(2, second),
        article_provision(3, f"{third}\n{fourth}"),
    ]
    assert groups(old, new, align(old, new)) == {
        (("art_1",), ("art_1", "art_2")),
        (("art_2", "art_3"), ("art_3",)),
    }


def test_the_assignment_is_global_not_greedy() -> None:
    """Best pair first would take (0, 1) at 0.9 and leave 1 with (1, 0) at 0.1; the
    global optimum pairs 0-0 and 1-1 for 1.65."""
    weights = {(0, 0): 0.8, (0, 1): 0.9, (1, 1): 0.85, (1, 0): 0.1}
    assert sorted(assignment.assign(weights)) == [(0, 0), (1, 1)]


def test_the_hungarian_method_finds_the_optimum_on_random_matrices() -> None:
    rng = random.Random(3)
    for _ in range(200):
        rows, cols = rng.randint(1, 5), rng.randint(1, 6)
        if rows > cols:
            rows, cols = cols, rows
        cost = [[rng.choice([0.0, -rng.random()]) for _ in range(cols)] for _ in range(rows)]
        chosen = assignment.hungarian(cost)
        assert len(set(chosen)) == rows
        best = min(
            sum(cost[r][c] for r, c in enumerate(perm))
            for perm in itertools.permutations(range(cols), rows)
        )
        assert sum(cost[r][c] for r, c in enumerate(chosen)) == pytest.approx(best)


def test_the_same_drafts_give_the_same_alignment_whatever_the_hash_seed() -> None:
    """Python randomizes string hashing per process; nothing may depend on set order."""
    script = (
        "from drafts.reading.akoma import read_draft; from drafts.demo import demo_files;"
        "from drafts.comparing.align import align;"
        "files = demo_files(); a = read_draft(files[0]).provisions;"
        "b = read_draft(files[-1]).provisions;"
        "print([(l.old, l.new, round(l.similarity, 9)) for l in align(a, b)])"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
    assert outputs.pop().startswith("[((0,), (0,), ")  # the preambles, paired first


def test_every_provision_is_in_exactly_one_link_on_generated_dossiers() -> None:
    for seed in range(5):
        dossier = derive(SOURCES["demo"](), 0.3, seed)
        links = align(dossier.old, dossier.new)
        assert sorted(i for link in links for i in link.old) == list(range(len(dossier.old)))
        assert sorted(j for link in links for j in link.new) == list(range(len(dossier.new)))


def test_overlaps_by_matrix_products_equal_the_pair_by_pair_sums(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Many candidate pairs are weighed with numpy; the result must be the same to the
    last unit as weighing them one by one, or results would depend on draft size."""
    rng = random.Random(3)
    lexicon = [f"w{k}" for k in range(400)]

    def draft() -> list[Provision]:
        texts = [" ".join(rng.choices(lexicon, k=rng.randint(5, 150))) for _ in range(40)]
        return [article_provision(n, t) for n, t in enumerate(texts, start=1)]

    old, new = draft(), draft()
    old += [article_provision(50 + k, f"{p.text} w7 w8") for k, p in enumerate(new[:5])]
    monkeypatch.setattr(align_module, "MATRIX_PAIRS", 10**9)
    one_by_one = align(old, new)
    monkeypatch.setattr(align_module, "MATRIX_PAIRS", 1)
    monkeypatch.setattr(align_module, "MATRIX_DENSITY", 0.0)
    assert align(old, new) == one_by_one
    assert sum(1 for link in one_by_one if link.old and link.new) >= 5


def test_overlaps_by_arrays_equal_the_pair_by_pair_sums(monkeypatch: pytest.MonkeyPatch) -> None:
    """Candidate pairs too sparse for matrix products are weighed with numpy old
    provision by old provision: the same sums to the last unit as one by one."""
    rng = random.Random(5)
    lexicon = [f"w{k}" for k in range(3000)]
    texts = [" ".join(rng.choices(lexicon, k=rng.randint(5, 200))) for _ in range(60)]
    old = [article_provision(n, t) for n, t in enumerate(texts, start=1)]
    new = [
        article_provision(n, " ".join(w for w in t.split() if rng.random() > 0.3))
        for n, t in enumerate(reversed(texts), start=1)
    ]
    monkeypatch.setattr(align_module, "MATRIX_PAIRS", 10**9)
    monkeypatch.setattr(align_module, "ARRAY_PAIRS", 10**9)
    one_by_one = align(old, new)
    monkeypatch.setattr(align_module, "ARRAY_PAIRS", 1)
    used = []
    array_overlaps = align_module.array_overlaps

    def spy(*args: object) -> dict[tuple[int, int], int]:
        used.append(True)
        return array_overlaps(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(align_module, "array_overlaps", spy)
    assert align(old, new) == one_by_one
    assert used
    assert sum(1 for link in one_by_one if link.old and link.new) >= 50


_CODE = {
    1: ("Scope", "This code applies to contracts concluded within the territory of the republic."),
    2: ("Consumer", "A consumer is any natural person acting outside a trade or profession."),
    5: ("Package", "A package is a combination of at least two types of travel services."),
    6: ("Organiser", "The organiser is responsible for every service in the package."),
    7: (
        "Reduction",
        "The traveller may claim a reduction of the price for any lack of conformity.",
    ),
}
_NO_DEROGATION = (
    "No derogation from the provisions of this subtitle to the detriment of the {} is "
    "permitted. These provisions apply even where they are circumvented by other arrangements."
)


def _code(middle: list[Provision], end: list[Provision]) -> list[Provision]:
    """Sections 1 and 2, `middle`, sections 5 to 7, `end`: a code of two titles whose
    unchanged sections are the landmarks."""
    return [
        *(_section(n, *_CODE[n]) for n in (1, 2)),
        *middle,
        *(_section(n, *_CODE[n]) for n in (5, 6, 7)),
        *end,
    ]


def test_boilerplate_pairs_with_the_section_in_its_own_place(monkeypatch) -> None:
    """Each title of a code closes with "Deviating agreements" in nearly the same words
    (the German civil code, 2013 -> 2022: § 312i became § 312k, with a burden of proof
    added, and the travel contracts' section was rewritten into the same formula). The
    consumer title's section is more like the new travel one than like its own
    successor, yet it is its successor: the one standing where it stood."""
    consumer = _NO_DEROGATION.format("consumer or customer")
    old = _code(
        [_section(4, "Deviating agreements", consumer)],
        [_section(8, "Deviating agreements", "The traveller may not waive these rights.")],
    )
    new = _code(
        [
            _section(
                "4a",
                "Deviating agreements and burden of proof",
                f"{consumer}\n(2) The trader bears the burden of proof.",
            )
        ],
        [_section("8a", "Deviating agreements", _NO_DEROGATION.format("traveller"))],
    )
    found = groups(old, new, align(old, new))
    assert (("sec_4",), ("sec_4a",)) in found
    assert ((), ("sec_8a",)) in found
    monkeypatch.setattr(align_module, "SLOT_BONUS", 0.0)  # the case is real: on words alone…
    assert (("sec_4",), ("sec_8a",)) in groups(old, new, align(old, new))


_TRADER = "A trader is any person who acts for purposes relating to a trade or business."
_INTERMEDIARY = (
    "Where the trader uses an intermediary, the intermediary is liable jointly for every "
    "duty of the trader towards the consumer."
)


@pytest.mark.parametrize(
    ("piece", "far", "split"),
    [
        (_INTERMEDIARY, True, True),  # all of it came from § 3: moved far, still a piece
        (f"{_INTERMEDIARY} The chamber of commerce keeps their register.", True, False),
        (f"{_INTERMEDIARY} The chamber of commerce keeps their register.", False, True),
    ],
    ids=["whole-far", "partly-far", "partly-near"],
)
def test_a_piece_far_from_its_group_needs_more_of_its_words_from_it(
    piece: str, far: bool, split: bool
) -> None:
    """§ 3 keeps its first sentence in place and its second goes to a new section. Next
    to § 3 that new section is a piece of a split with 60% of its words from § 3; past
    three unchanged sections it must bring nearly all of them (`FAR_PIECE_CONTAINMENT`),
    or every code's boilerplate would "split off" sections in other titles."""
    old = _code([_section(3, "Trader", f"{_TRADER} {_INTERMEDIARY}")], [])
    moved = _section("8" if far else "3a", "Intermediaries", piece)
    new = (
        _code([_section(3, "Trader", _TRADER)], [moved])
        if far
        else _code([_section(3, "Trader", _TRADER), moved], [])
    )
    found = groups(old, new, align(old, new))
    if split:
        assert (("sec_3",), ("sec_3", moved.eid)) in found
    else:
        assert {(("sec_3",), ("sec_3",)), ((), (moved.eid,))} <= found
