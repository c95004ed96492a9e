"""Synchronized scrolling: the same sentence at the same height in the old and new panes.

The mapping (`interpolate`, `monotonic`, `reference_share`) is plain functions of
numbers; `ScrollSync` applies it to two panes and keeps the panes from echoing.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject

from viewer.diff_pane import DiffPane


def interpolate(anchors: Sequence[tuple[float, float]], x: float) -> float:
    """Piecewise-linear map through (x, y) anchors sorted by x; past either end, the
    offset of the nearest anchor is kept. Where several anchors share an x (text on one
    side only), the last one wins, so the mapping steps over the other side's text."""
    if not anchors:
        return x
    xs = [a[0] for a in anchors]
    k = bisect_right(xs, x)
    if k == 0:
        return anchors[0][1] + x - anchors[0][0]
    if k == len(anchors):
        return anchors[-1][1] + x - anchors[-1][0]
    (x0, y0), (x1, y1) = anchors[k - 1], anchors[k]
    return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)


def monotonic(pairs: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The pairs that keep both coordinates non-decreasing, in order: a line holding the
    end of one equal run and the start of the next gives anchors that would fold back."""
    kept: list[tuple[float, float]] = []
    for x, y in pairs:
        if not kept or (x >= kept[-1][0] and y >= kept[-1][1]):
            kept.append((x, y))
    return kept


def reference_share(value: int, maximum: int, height: int) -> float:
    """Where in the viewport the line kept level sits, as a share of its height.

    The middle, except within half a viewport of either end, where it slides to the
    top or bottom edge: so both panes reach their first and last lines together.
    """
    if maximum <= 0 or height <= 0:
        return 0.0
    if maximum <= height:
        return value / maximum
    if value < height / 2:
        return value / height
    if maximum - value < height / 2:
        return 1 - (maximum - value) / height
    return 0.5


class ScrollSync(QObject):
    """Scrolls one pane when the other scrolls, keeping their corresponding text level.

    Anchors pair document heights in the two panes (the starts and ends of equal text);
    the reference line of the scrolled pane is mapped through them by piecewise-linear
    interpolation. A guard stops the follower's own scroll signal from echoing back.
    """

    def __init__(
        self, left: DiffPane, right: DiffPane, anchors: Callable[[], list[tuple[float, float]]]
    ) -> None:
        super().__init__(left)
        self.left, self.right = left, right
        self._compute = anchors
        self._anchors: list[tuple[float, float]] | None = None
        self._busy = False
        self.enabled = True
        left.verticalScrollBar().valueChanged.connect(lambda _: self.follow(left))
        right.verticalScrollBar().valueChanged.connect(lambda _: self.follow(right))

    def invalidate(self) -> None:
        """Layout changed (new text, width or font): anchors are recomputed when needed."""
        self._anchors = None

    def anchors(self) -> list[tuple[float, float]]:
        if self._anchors is None:
            self._anchors = self._compute()
        return self._anchors

    def follow(self, source: DiffPane) -> None:
        """Scroll the other pane to match `source`."""
        if self._busy or not self.enabled:
            return
        target = self.right if source is self.left else self.left
        if source.verticalScrollBar().value() == 0:
            # At the top the kept line is the first of both, whatever the anchors say:
            # so a provision just shown is levelled without laying out its documents
            # (on a long rewritten one that took 100-300 ms of the window's time).
            self._busy = True
            try:
                target.scroll_to_y(0)
            finally:
                self._busy = False
            return
        anchors = self.anchors()
        if source is self.right:
            anchors = [(y, x) for x, y in anchors]
        bar = source.verticalScrollBar()
        share = reference_share(bar.value(), bar.maximum(), source.viewport().height())
        y = interpolate(anchors, bar.value() + share * source.viewport().height())
        self._busy = True
        try:
            target.scroll_to_y(y - share * target.viewport().height())
        finally:
            self._busy = False
