"""What a diff pane's header and the status bar call a provision: its number and
heading, its status, where it moved from, and any doubt about its pairing."""

from __future__ import annotations

import html

from drafts.comparing.compare import ProvisionChange, Status
from drafts.model import NEW, OLD, Provision
from viewer.diff_pane import INLINE
from viewer.diff_style import DiffColours


def side_title(provisions: tuple[Provision, ...]) -> str:
    """What one side holds: "Article 24 — Conditions and safeguards"; for a split or merge
    every piece's number ("Article 24 + Article 25"); a placeholder when it holds none."""
    if not provisions:
        return "Not in this draft"
    if len(provisions) > 1:
        return " + ".join(p.num or p.heading or p.kind.capitalize() for p in provisions)
    p = provisions[0]
    return " — ".join(part for part in (p.num, p.heading) if part) or p.kind.capitalize()


MOVED_GLYPH = "↕"
"""Beside the status of a provision that changed place: the provision list's sign for it."""


def status_html(change: ProvisionChange, colours: DiffColours) -> str:
    if change.status == Status.MOVED:  # between provisions: the third cue, as in the text
        status = (
            f'<span style="color:{colours.moved_text.name()}">· {MOVED_GLYPH} '
            f"{html.escape(change.status)} (was {html.escape(change.from_num)})</span>"
        )
    else:
        status = f'<span style="color:{colours.muted.name()}">· {html.escape(change.status)}</span>'
    if change.uncertain:
        status += (
            f' <span style="color:{colours.warning.name()}; font-weight:600">'
            "· uncertain pairing</span>"
        )
    return status


def header_html(change: ProvisionChange, side: str, colours: DiffColours) -> str:
    """A pane's header: what it shows and, on the side that tells the outcome (the new
    one; the old one for a deletion), the status and any doubt about the pairing."""
    if side == INLINE:
        ends = [num for num in (change.from_num, change.to_num) if num]
        title = " → ".join(dict.fromkeys(ends)) if change.old and change.new else ends[0]
        return f"<b>{html.escape(title)}</b> {status_html(change, colours)}"
    provisions = change.old if side == OLD else change.new
    title = html.escape(side_title(provisions))
    if not provisions:
        return f'<i style="color:{colours.muted.name()}">{title}</i>'
    outcome_side = OLD if change.status == Status.DELETED else NEW
    return (
        f"<b>{title}</b> {status_html(change, colours)}"
        if side == outcome_side
        else f"<b>{title}</b>"
    )


def provisions_tooltip(provisions: tuple[Provision, ...]) -> str:
    return "\n".join(p.title() for p in provisions)


def provision_title(change: ProvisionChange) -> str:
    """A provision as the status bar names it: its new number, else its old one."""
    return change.to_num or change.from_num or side_title(change.new or change.old)
