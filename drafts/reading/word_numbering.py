"""Word's automatic numbering: the "Article 5", "1." and "(a)" Word prints but does not store.

A numbered paragraph holds only a list instance and a level; the number itself is
computed as Word does, from the numbering part: abstract lists with a start, format
and text per level ("Article %1", "%1.", "(%2)"), instances that share their counters
and may restart them, and the number formats (decimal, letters, roman). It is apart
from `drafts.reading.wordml` because it is a small interpreter of its own, with state that
runs through the whole document; the reader only asks it for each paragraph's label.
"""

from __future__ import annotations

import re

from lxml import etree


class Numbering:
    """The numbers Word prints for numbered paragraphs ("Article %1", "%1.", "(%2)").

    Counters belong to the abstract list, so paragraphs of two list instances that share
    one continue each other's count, as in Word; a `startOverride` restarts the count
    the first time its instance is used. A level's counter restarts after any shallower
    level is used.
    """

    def __init__(self, root: etree._Element | None, w: str) -> None:
        self.w = w
        self.levels: dict[str, dict[int, tuple[int, str, str, bool]]] = {}
        self.instances: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        for abstract in root.iterfind(f"{w}abstractNum") if root is not None else ():
            levels = {}
            for lvl in abstract.iterfind(f"{w}lvl"):
                start = _val(lvl.find(f"{w}start"), w)
                levels[int(lvl.get(f"{w}ilvl") or 0)] = (
                    int(start) if start.lstrip("-").isdigit() else 1,
                    _val(lvl.find(f"{w}numFmt"), w) or "decimal",
                    _val(lvl.find(f"{w}lvlText"), w),
                    lvl.find(f"{w}isLgl") is not None,
                )
            self.levels[abstract.get(f"{w}abstractNumId") or ""] = levels
        for num in root.iterfind(f"{w}num") if root is not None else ():
            overrides = {}
            for override in num.iterfind(f"{w}lvlOverride"):
                start = _val(override.find(f"{w}startOverride"), w)
                if start.isdigit():
                    overrides[int(override.get(f"{w}ilvl") or 0)] = int(start)
            abstract_id = _val(num.find(f"{w}abstractNumId"), w)
            self.instances[num.get(f"{w}numId") or ""] = (abstract_id, overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the count for one paragraph and return what Word prints before it."""
        abstract_id, overrides = self.instances.get(num_id, ("", {}))
        levels = self.levels.get(abstract_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, [None] * 10)
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in overrides.items():
                counters[level] = start - 1
        current = counters[ilvl]
        counters[ilvl] = levels[ilvl][0] if current is None else current + 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = None
        return self._render(levels, counters, ilvl)

    def _render(
        self, levels: dict[int, tuple[int, str, str, bool]], counters: list[int | None], ilvl: int
    ) -> str:
        _, fmt, text, legal = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""

        def value(match: re.Match[str]) -> str:
            level = int(match[1]) - 1
            if level not in levels:
                return ""
            count = counters[level] if counters[level] is not None else levels[level][0]
            shown = "decimal" if legal and level < ilvl else levels[level][1]
            return format_number(count or 0, shown)

        return re.sub(r"%(\d)", value, text).strip()


def format_number(n: int, fmt: str) -> str:
    """`n` in one of Word's number formats (decimal for those Travaux does not know)."""
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = roman_numeral(n)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def roman_numeral(n: int) -> str:
    """`n` in lower-case Roman numerals: how Word numbers lowerRoman lists and how
    Akoma Ntoso eIds name roman-numbered points."""
    numerals = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _val(element: etree._Element | None, w: str) -> str:
    return (element.get(f"{w}val") or "") if element is not None else ""
