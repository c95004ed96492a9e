"""How Travaux words things for people, the same in the window, the command line and
the exports: counts with their nouns, and drafts by name."""

from __future__ import annotations

from drafts.model import StoredDraft


def plural(n: int, one: str, many: str = "") -> str:
    """`n` with its noun: "1 provision", "1,204 provisions", "2 annexes" (`many` for
    nouns that do not just take an s)."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def draft_name(draft: StoredDraft) -> str:
    """A draft as a reader cites it: "Zero draft (2023-01-16, A/AC.291/CRP.1)"."""
    details = ", ".join(part for part in (draft.date, draft.symbol) if part)
    return f"{draft.label} ({details})" if details else draft.label
