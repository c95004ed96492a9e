"""The look of a diff: Okabe–Ito colours fitted to the palette, and the text formats.

Deletions are struck through on a vermillion tint, insertions underlined on a blue tint,
moved passages dotted-underlined on a bluish-green tint with a bar in the margin:
shape and colour, so no reader depends on telling colours apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette, QTextBlockFormat, QTextCharFormat

from drafts.comparing.diff import DELETE, INSERT

NOTES_LABEL = "Notes"
"""The small heading above a provision's notes, and the name of its block format."""

# Okabe–Ito: vermillion for what went, blue for what came; safe for every common
# form of colour blindness, and told apart by strikethrough/underline anyway.
VERMILLION = QColor(213, 94, 0)
BLUE = QColor(0, 114, 178)
SKY_BLUE = QColor(86, 180, 233)
ORANGE = QColor(230, 159, 0)
REDDISH_PURPLE = QColor(204, 121, 167)
BLUISH_GREEN = QColor(0, 158, 115)

MOVED = "moved"
"""The kind of a change piece that is one end of a move (besides DELETE and INSERT)."""


@dataclass(frozen=True)
class DiffColours:
    """The colours of one palette: text and background of deletions and insertions,
    stronger backgrounds for the current change, and the outline around it."""

    deleted_text: QColor
    deleted_back: QColor
    deleted_current: QColor
    inserted_text: QColor
    inserted_back: QColor
    inserted_current: QColor
    outline: QColor
    muted: QColor
    warning: QColor
    bracket: QColor
    """Square brackets (unagreed text): a hue of their own, neither diff colour."""
    moved_text: QColor
    moved_back: QColor
    moved_current: QColor
    moved_bar: QColor
    """Moved passages: a third hue, and the bar drawn beside their lines."""


def diff_colours(palette: QPalette) -> DiffColours:
    """Tints blended into the palette's own background, so they suit any theme: light
    tints and dark text on a light base, deep tints and light text on a dark one."""
    base = palette.color(QPalette.ColorRole.Base)
    muted = palette.color(QPalette.ColorRole.PlaceholderText)
    if base.lightness() < 128:
        return DiffColours(
            deleted_text=_mix(VERMILLION, QColor("white"), 0.5),
            deleted_back=_mix(base, VERMILLION, 0.32),
            deleted_current=_mix(base, VERMILLION, 0.45),
            inserted_text=_mix(SKY_BLUE, QColor("white"), 0.4),
            inserted_back=_mix(base, BLUE, 0.4),
            inserted_current=_mix(base, BLUE, 0.62),
            outline=ORANGE,
            muted=muted,
            warning=ORANGE,
            bracket=_mix(REDDISH_PURPLE, QColor("white"), 0.25),
            moved_text=_mix(BLUISH_GREEN, QColor("white"), 0.45),
            moved_back=_mix(base, BLUISH_GREEN, 0.3),
            moved_current=_mix(base, BLUISH_GREEN, 0.5),
            moved_bar=_mix(BLUISH_GREEN, QColor("white"), 0.2),
        )
    return DiffColours(
        deleted_text=_mix(VERMILLION, QColor("black"), 0.45),
        deleted_back=_mix(base, VERMILLION, 0.2),
        deleted_current=_mix(base, VERMILLION, 0.42),
        inserted_text=_mix(BLUE, QColor("black"), 0.4),
        inserted_back=_mix(base, BLUE, 0.18),
        inserted_current=_mix(base, BLUE, 0.38),
        outline=_mix(ORANGE, QColor("black"), 0.15),
        muted=muted,
        warning=_mix(VERMILLION, QColor("black"), 0.3),
        bracket=_mix(REDDISH_PURPLE, QColor("black"), 0.35),
        moved_text=_mix(BLUISH_GREEN, QColor("black"), 0.5),
        moved_back=_mix(base, BLUISH_GREEN, 0.18),
        moved_current=_mix(base, BLUISH_GREEN, 0.38),
        moved_bar=BLUISH_GREEN,
    )


def _mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    """`a` moved `share_of_b` of the way towards `b`, channel by channel."""

    def channel(x: int, y: int) -> int:
        return round(x + (y - x) * share_of_b)

    return QColor(
        channel(a.red(), b.red()), channel(a.green(), b.green()), channel(a.blue(), b.blue())
    )


@dataclass(frozen=True)
class DiffStyle:
    """Everything a render needs besides the change: font size and colours."""

    point_size: float
    colours: DiffColours

    def section(self, name: str) -> QTextCharFormat:
        """Headings bold and larger, notes smaller: sizes relative to the zoomed base."""
        fmt = QTextCharFormat()
        scale = {"heading": 1.2, "notes": 0.9}.get(name, 1.0)
        fmt.setFontPointSize(self.point_size * scale)
        if name == "heading":
            fmt.setFontWeight(QFont.Weight.Bold)
        return fmt

    def segment(self, name: str, op: str) -> QTextCharFormat:
        fmt = self.section(name)
        if op == DELETE:
            fmt.setFontStrikeOut(True)
            fmt.setForeground(self.colours.deleted_text)
            fmt.setBackground(self.colours.deleted_back)
        elif op == INSERT:
            fmt.setFontUnderline(True)
            fmt.setForeground(self.colours.inserted_text)
            fmt.setBackground(self.colours.inserted_back)
        return fmt

    def moved(self, name: str, op: str, inline: bool) -> QTextCharFormat:
        """One end of a move: a dotted underline on the moved tint; inline, where both
        ends show, the end it left is struck through as well, since it is not there."""
        fmt = self.section(name)
        fmt.setForeground(self.colours.moved_text)
        fmt.setBackground(self.colours.moved_back)
        fmt.setFontUnderline(True)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(self.colours.moved_text)
        fmt.setFontStrikeOut(inline and op == DELETE)
        return fmt

    def notes_label(self) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontPointSize(self.point_size * 0.85)
        fmt.setFontWeight(QFont.Weight.DemiBold)
        fmt.setFontCapitalization(QFont.Capitalization.AllUppercase)
        fmt.setFontLetterSpacing(108)
        fmt.setForeground(self.colours.muted)
        return fmt

    def block(self, name: str) -> QTextBlockFormat:
        """Paragraphs spaced by half a line and lines by a quarter: prose, not code."""
        fmt = QTextBlockFormat()
        fmt.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        fmt.setBottomMargin(self.point_size * (0.4 if name == "heading" else 0.6))
        if name == NOTES_LABEL:
            fmt.setTopMargin(self.point_size * 0.8)
            fmt.setBottomMargin(self.point_size * 0.2)
        return fmt
