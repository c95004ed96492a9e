"""What keeping the two sides level costs when a provision is shown (run on demand).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_level \
        [--paragraphs 20 200 800] [--repeat 5]

For provisions of that many paragraphs (about forty words each, every third one
rewritten, every seventh one grown to three times its length on the new side), shows
each in a real `DiffView` of 1280x760 and times `show_change` with the padding that
keeps corresponding paragraphs level (`viewer.level`) and, in the same process, with
the padding turned off: the medians and their difference are printed. The padding
lays out both documents whole, which showing a provision otherwise does not.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from PySide6.QtWidgets import QApplication

from drafts.comparing.compare import ProvisionChange, compare
from tests.builders import titled_provision
from viewer import level
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


def _median_show(view: DiffView, change: ProvisionChange, repeat: int) -> float:
    app = QApplication.instance()
    assert app is not None
    times = []
    for _ in range(repeat):
        view.show_change(None)
        app.processEvents()
        start = time.perf_counter()
        view.show_change(change)
        times.append(time.perf_counter() - start)
        app.processEvents()
    return statistics.median(times) * 1000


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
    header = ("paragraphs", "words", "levelled ms", "unlevelled ms", "cost ms")
    print("{:>10} {:>7} {:>12} {:>14} {:>8}".format(*header))
    for count in args.paragraphs:
        change = _change(count)
        words = sum(len(s.new.split()) for s in change.text)
        with_padding = _median_show(view, change, args.repeat)
        level.Leveller.level = lambda self, old, new, pairs: None  # type: ignore[method-assign]
        try:
            without = _median_show(view, change, args.repeat)
        finally:
            level.Leveller.level = levelled  # type: ignore[method-assign]
        print(
            f"{count:>10} {words:>7} {with_padding:>12.1f} {without:>14.1f} "
            f"{with_padding - without:>8.1f}"
        )


if __name__ == "__main__":
    main()
