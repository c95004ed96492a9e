"""What keeping the two sides level costs when a provision is shown (run on demand).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_level \
        [--paragraphs 20 200 800] [--repeat 5]

For provisions of that many paragraphs (about forty words each, every third one
rewritten, every seventh one grown to three times its length on the new side), shows
each in a real `DiffView` of 1280x760 and times `show_change` with the padding that
keeps corresponding paragraphs level (`viewer.level`) and, alternately in the same
process, with the padding turned off, each until painted: the medians are printed,
and the median time spent padding itself.

Then, on every provision of the demo's first draft against its last shown at that
size, how many paragraphs that open with the same twenty characters on both sides
start at the same height (within a pixel), with the padding and without.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from PySide6.QtWidgets import QApplication

from drafts.comparing.compare import ProvisionChange, compare
from tests.builders import demo_changes, titled_provision
from viewer import level
from viewer.diff_pane import DiffPane
from viewer.diff_view import DiffView

WORDS = (
    "State Party shall adopt such legislative and other measures as may be necessary to "
    "establish criminal offences under its domestic law when committed intentionally"
).split()


def _change(paragraphs: int, seed: int = 1) -> ProvisionChange:
    rng = random.Random(seed)
    old = [
        f"{n}. " + " ".join(rng.choice(WORDS) for _ in range(40)) for n in range(1, paragraphs + 1)
    ]
    new = []
    for n, text in enumerate(old):
        if n % 3 == 0:
            words = text.split()
            words[rng.randrange(1, len(words))] = "rewritten"
            text = " ".join(words)
        if n % 7 == 0:
            text = f"{text} {text[3:]} {text[3:]}"
        new.append(text)
    return compare(
        [titled_provision("Article 1", "Long", "\n".join(old))],
        [titled_provision("Article 1", "Long", "\n".join(new))],
    )[0]


def _show_ms(view: DiffView, change: ProvisionChange) -> float:
    """Showing `change` until it is painted, in milliseconds."""
    app = QApplication.instance()
    assert app is not None
    view.show_change(None)
    app.processEvents()
    start = time.perf_counter()
    view.show_change(change)
    app.processEvents()
    return (time.perf_counter() - start) * 1000


def _timings(view: DiffView, change: ProvisionChange, repeat: int) -> tuple[float, float, float]:
    """Medians of showing with padding, without, and of the padding alone: the two
    kinds of showing alternate, so the machine's other work falls on both alike."""
    levelled = level.Leveller.level
    inside: list[float] = []

    def timed(self: level.Leveller, *args: object) -> None:
        start = time.perf_counter()
        levelled(self, *args)  # type: ignore[arg-type]
        inside.append((time.perf_counter() - start) * 1000)

    with_padding, without = [], []
    try:
        for _ in range(repeat):
            level.Leveller.level = timed  # type: ignore[method-assign]
            with_padding.append(_show_ms(view, change))
            level.Leveller.level = lambda self, old, new, pairs: None  # type: ignore[method-assign]
            without.append(_show_ms(view, change))
    finally:
        level.Leveller.level = levelled  # type: ignore[method-assign]
    return statistics.median(with_padding), statistics.median(without), statistics.median(inside)


def _opening_tops(pane: DiffPane) -> dict[str, float]:
    """The height of the first paragraph opening with each twenty characters."""
    document, tops = pane.document(), {}
    block = document.begin()
    while block.isValid():
        document.documentLayout().blockBoundingRect(block)
        if block.text().strip():
            tops.setdefault(block.text()[:20], block.layout().position().y())
        block = block.next()
    return tops


def _level_paragraphs(view: DiffView) -> tuple[int, int]:
    """(paragraphs level, paragraphs opening alike on both sides) over the demo."""
    app = QApplication.instance()
    assert app is not None
    level_count = total = 0
    for change in demo_changes():
        if not (change.old and change.new):
            continue
        view.show_change(change)
        app.processEvents()
        old, new = _opening_tops(view.old_pane), _opening_tops(view.new_pane)
        for opening in old.keys() & new.keys():
            total += 1
            level_count += abs(old[opening] - new[opening]) <= 1
    return level_count, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, nargs="+", default=[20, 200, 800])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    view = DiffView()
    view.resize(1280, 760)
    view.show()
    app.processEvents()
    levelled = level.Leveller.level
    header = ("paragraphs", "words", "levelled ms", "unlevelled ms", "padding ms")
    print("{:>10} {:>7} {:>12} {:>14} {:>11}".format(*header))
    for count in args.paragraphs:
        change = _change(count)
        words = sum(len(s.new.split()) for s in change.text)
        with_padding, without, inside = _timings(view, change, args.repeat)
        print(f"{count:>10} {words:>7} {with_padding:>12.1f} {without:>14.1f} {inside:>11.1f}")
    kept, total = _level_paragraphs(view)
    level.Leveller.level = lambda self, old, new, pairs: None  # type: ignore[method-assign]
    try:
        kept_without, _ = _level_paragraphs(view)
    finally:
        level.Leveller.level = levelled  # type: ignore[method-assign]
    print(
        f"demo, paragraphs opening alike on both sides: {total}; level with padding "
        f"{kept}, without {kept_without}"
    )


if __name__ == "__main__":
    main()
