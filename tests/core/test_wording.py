"""Counts and draft names read the same wherever Travaux shows them."""

from __future__ import annotations

from drafts.model import StoredDraft
from drafts.wording import draft_name, plural


def test_plural_takes_thousands_separators_and_irregular_nouns() -> None:
    assert plural(1, "provision") == "1 provision"
    assert plural(0, "provision") == "0 provisions"
    assert plural(1204, "provision") == "1,204 provisions"
    assert plural(2, "annex", "annexes") == "2 annexes"


def test_a_draft_is_named_by_label_then_date_and_symbol_where_known() -> None:
    def draft(date: str, symbol: str) -> StoredDraft:
        return StoredDraft(1, 1, "Convention", "Zero draft", date, symbol, "", 0, "")

    assert draft_name(draft("2023-01-16", "A/AC.291/22")) == "Zero draft (2023-01-16, A/AC.291/22)"
    assert draft_name(draft("", "A/AC.291/22")) == "Zero draft (A/AC.291/22)"
    assert draft_name(draft("", "")) == "Zero draft"
