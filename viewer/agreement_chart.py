"""How agreement progressed: the share of provisions still in brackets, draft by draft.

A bar a draft, in negotiation order, labelled with its share and count, drawn with
QPainter (a chart library for six bars would be a dependency for nothing). Under the
chart, every unbalanced bracket found in the drafts, each naming draft, provision,
line and column: reported as found, never guessed at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from drafts.model import StoredDraft
from drafts.negotiation.brackets import DraftAgreement
from viewer.diff_style import diff_colours
from viewer.draft_picker import draft_title


@dataclass(frozen=True)
class Bar:
    """One draft's bar: its name, the share it plots and the words under it."""

    label: str
    share: float
    caption: str
    date: str = ""


def bars(drafts: Sequence[StoredDraft], agreements: Sequence[DraftAgreement]) -> list[Bar]:
    """The chart's data: per draft, the share of provisions with brackets."""
    return [
        Bar(
            d.label or d.date or f"Draft {d.id}",
            a.provision_share,
            f"{len(a.bracketed)} of {len(a.provisions)}",
            d.date,
        )
        for d, a in zip(drafts, agreements, strict=True)
    ]


class AgreementChart(QWidget):
    """Vertical bars from 0 to 100 %, the percentage above each bar and the count and
    draft name below, so the chart reads without colour and without hovering."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementChart")
        self.bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = bars
        self.setToolTip(
            "\n".join(
                f"{b.label}: {b.share:.0%} of provisions bracketed ({b.caption})" for b in bars
            )
        )
        self.update()

    def sizeHint(self) -> QSize:
        em = round(QFontMetricsF(self.font()).height())
        return QSize(max(6, len(self.bars)) * em * 6, em * 16)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        area = QRectF(self.rect()).adjusted(line, line * 1.5, -line, -line * 4.5)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        fill = diff_colours(self.palette()).bracket
        painter.setPen(muted)
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        if not self.bars:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No drafts")
            return
        slot = area.width() / len(self.bars)
        width = min(slot * 0.6, line * 4)
        for k, bar in enumerate(self.bars):
            x = area.left() + slot * k + (slot - width) / 2
            height = area.height() * bar.share
            box = QRectF(x, area.bottom() - height, width, height)
            painter.fillRect(box, fill)
            painter.setPen(text)
            above = QRectF(x - slot / 4, box.top() - line * 1.2, width + slot / 2, line)
            painter.drawText(above, Qt.AlignmentFlag.AlignCenter, f"{bar.share:.0%}")
            # The draft's name on up to two lines (elided only past them), then its date
            # and count: "Final text agreed ad referendum" is read whole.
            below = QRectF(area.left() + slot * k + 2, area.bottom() + line * 0.3, slot - 4, line)
            painter.drawText(
                QRectF(below.left(), below.top(), below.width(), line * 2),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
                | int(Qt.TextFlag.TextWordWrap),
                _two_lines(bar.label, metrics, below.width()),
            )
            painter.setPen(muted)
            caption = " · ".join(part for part in (bar.date, bar.caption) if part)
            painter.drawText(below.translated(0, line * 2), Qt.AlignmentFlag.AlignCenter, caption)


def _two_lines(label: str, metrics: QFontMetricsF, width: float) -> str:
    """`label` as it fits on two lines of `width`: whole if it does, else its first
    line whole and the rest elided."""
    words = label.split()
    first = ""
    while words and metrics.horizontalAdvance(f"{first} {words[0]}".strip()) <= width:
        first = f"{first} {words.pop(0)}".strip()
    if not first:  # one long word: elide it on one line
        return metrics.elidedText(label, Qt.TextElideMode.ElideRight, width)
    rest = metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width)
    return f"{first}\n{rest}" if rest else first


class AgreementDialog(QDialog):
    """The chart for one negotiation, and the unbalanced brackets of its drafts: each
    draft's `draft_agreement`, counted beforehand (in the background, by the window)."""

    def __init__(
        self,
        drafts: Sequence[StoredDraft],
        agreements: Sequence[DraftAgreement],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("agreementDialog")
        negotiation = drafts[0].negotiation if drafts else ""
        self.setWindowTitle(f"Agreement across drafts — {negotiation}")
        self.agreements = list(agreements)
        self.chart = AgreementChart(self)
        self.chart.set_bars(bars(drafts, self.agreements))
        heading = QLabel("Share of provisions with text in [square brackets], draft by draft")
        heading.setWordWrap(True)
        self.problems = QListWidget(self)
        self.problems.setObjectName("bracketProblems")
        for draft, agreement in zip(drafts, self.agreements, strict=True):
            for message in agreement.problems:
                self.problems.addItem(f"{draft_title(draft)}: {message}")
        count = self.problems.count()
        problems_label = QLabel(
            f"Unbalanced brackets in the sources: {count}"
            if count
            else "Every bracket in these drafts is balanced."
        )
        problems_label.setObjectName("bracketProblemsLabel")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.chart, 3)
        layout.addWidget(problems_label)
        layout.addWidget(self.problems, 1)
        self.problems.setVisible(count > 0)
        layout.addWidget(buttons)
        self.resize(760, 560)
