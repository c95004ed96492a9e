"""The blame's tints (issue 19): neighbouring drafts are told apart at a glance, with
normal colour vision and with the two common red-green deficiencies, on light and dark
palettes; and no draft is told by its colour alone.

Distances are CIE76 ΔE in CIELAB (about 2.3 is just noticeable); deficiencies are
simulated with Machado, Oliveira and Fernandes' 2009 matrices at full severity.
"""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from drafts.negotiation.blame import blame
from drafts.store import Store
from tests.builders import stored
from viewer.blame_view import BlameView, draft_tints

Matrix = tuple[tuple[float, float, float], ...]
VISIONS: dict[str, Matrix | None] = {
    "normal": None,
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
}
BASES = {"light": QColor("#ffffff"), "dark": QColor("#1e1e1e")}


def _linear(channel: float) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _seen(colour: QColor, vision: Matrix | None) -> tuple[float, float, float]:
    """Linear RGB as someone with `vision` sees `colour`."""
    rgb = [_linear(c) for c in (colour.red(), colour.green(), colour.blue())]
    if vision is None:
        return rgb[0], rgb[1], rgb[2]
    r, g, b = (
        min(1.0, max(0.0, sum(m * v for m, v in zip(row, rgb, strict=True)))) for row in vision
    )
    return r, g, b


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _delta(a: QColor, b: QColor, vision: Matrix | None) -> float:
    la, lb = _lab(_seen(a, vision)), _lab(_seen(b, vision))
    return sum((p - q) ** 2 for p, q in zip(la, lb, strict=True)) ** 0.5


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("base", BASES)
def test_neighbouring_drafts_are_clearly_apart(vision: str, base: str) -> None:
    """Ten drafts (past the palette's length, so it comes round again): each next to
    the one before differs by 10 ΔE or more; the old blue ramp gave about 3."""
    drafts = tuple(stored(k, f"D{k}", f"2023-01-{k:02d}") for k in range(1, 11))
    tints = draft_tints(drafts, BASES[base])
    gaps = [
        _delta(tints[a.id], tints[b.id], VISIONS[vision]) for a, b in itertools.pairwise(drafts)
    ]
    assert min(gaps) >= 10, [round(g, 1) for g in gaps]


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("base", BASES)
def test_any_two_of_five_drafts_can_be_told_apart(vision: str, base: str) -> None:
    drafts = tuple(stored(k, f"D{k}", f"2023-01-{k:02d}") for k in range(1, 6))
    tints = draft_tints(drafts, BASES[base])
    gaps = [
        _delta(tints[a.id], tints[b.id], VISIONS[vision])
        for a, b in itertools.combinations(drafts, 2)
    ]
    assert min(gaps) >= 5, [round(g, 1) for g in gaps]


def test_the_legend_numbers_and_names_each_tint(qtbot: QtBot, demo: Store) -> None:
    final = demo.drafts()[-1]
    article = next(p for p in demo.provisions(final.id) if p.num == "Article 24")
    view = BlameView()
    qtbot.addWidget(view)
    found = blame(demo, final, article)
    view.show_blame(found)
    legend = view.legend.text()
    tints = draft_tints(found.drafts, view.palette().color(view.palette().ColorRole.Base))
    for number, share in enumerate(found.by_draft(), 1):
        chip = f'background:{tints[share.draft.id].name()}">&nbsp;{number}&nbsp;</span>'
        assert f"{chip}&nbsp;{share.draft.label} ({share.words:,} word" in legend
    assert len({t.name() for t in tints.values()}) == len(found.drafts)
