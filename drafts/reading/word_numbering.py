"""Word's automatic numbering: the "Article 5", "1." and "(a)" Word prints but does not store.

A numbered paragraph holds only a list instance and a level; the number itself is
computed as Word does, from the numbering part: abstract lists with a start, format
and text per level ("Article %1", "%1.", "(%2)"), instances that share their counters
and may restart them, and the number formats (decimal, letters, roman). It is apart
from `drafts.reading.wordml` because it is a small interpreter of its own, with state that
runs through the whole document; the reader only asks it for each paragraph's label.

A numbering part may hold values Word never writes (a level "x" or 12, a start of "²"
or of five thousand digits). Such a value is ignored, as if absent, and remembered in
`Numbering.ignored` for the reader to tell the user: one nonsense attribute should not
cost the whole draft, and a number that might differ from Word's must not pass unsaid.
Numbers are printed in bounded length: beyond what a format can show (Roman numerals
past 3,999, letters past "zz…" of 30), Word's decimal digits are printed instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

MAX_LEVEL = 8
"""Word's list levels run from 0 to 8 (nine levels)."""
MAX_START = 32_767
"""The largest start Word accepts for a list level."""
MAX_ROMAN = 3_999
MAX_LETTERS = 26 * 30
"""Past these, a list is printed in decimal: "MMMCMXCIX" and "zz…z" (30 letters) are the
longest labels either format gives, and a hostile start cannot make one of megabytes."""
_DECIMAL = re.compile(r"[0-9]{1,6}")
_SIGNED = re.compile(r"-?[0-9]{1,6}")


def parse_level(value: str) -> int | None:
    """A `w:ilvl` or `w:outlineLvl` value as a level 0–8, or None if it is not one."""
    return int(value) if _DECIMAL.fullmatch(value) and int(value) <= MAX_LEVEL else None


def parse_start(value: str) -> int | None:
    """A `w:start` or `w:startOverride` value, or None if it is not a start Word allows
    (ASCII digits only: `"²".isdigit()` is true, yet `int("²")` fails)."""
    return int(value) if _SIGNED.fullmatch(value) and abs(int(value)) <= MAX_START else None


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
        self.ignored: list[str] = []
        """Values Word does not allow, ignored: `w:ilvl "x"`, `w:start "²"`."""
        for abstract in root.iterfind(f"{w}abstractNum") if root is not None else ():
            levels = {}
            for lvl in abstract.iterfind(f"{w}lvl"):
                level = self._checked(lvl.get(f"{w}ilvl") or "0", "w:ilvl", parse_level)
                start = self._checked(_val(lvl.find(f"{w}start"), w), "w:start", parse_start)
                if level is not None:
                    levels[level] = (
                        1 if start is None else start,
                        _val(lvl.find(f"{w}numFmt"), w) or "decimal",
                        _val(lvl.find(f"{w}lvlText"), w),
                        lvl.find(f"{w}isLgl") is not None,
                    )
            self.levels[abstract.get(f"{w}abstractNumId") or ""] = levels
        for num in root.iterfind(f"{w}num") if root is not None else ():
            overrides = {}
            for override in num.iterfind(f"{w}lvlOverride"):
                element = override.find(f"{w}startOverride")
                level = self._checked(override.get(f"{w}ilvl") or "0", "w:ilvl", parse_level)
                start = self._checked(_val(element, w), "w:startOverride", parse_start)
                if element is not None and level is not None and start is not None:
                    overrides[level] = start
            abstract_id = _val(num.find(f"{w}abstractNumId"), w)
            self.instances[num.get(f"{w}numId") or ""] = (abstract_id, overrides)

    def _checked(self, value: str, name: str, parse: Callable[[str], int | None]) -> int | None:
        """`value` read by `parse`; if it is not a value Word allows, None, and noted."""
        found = parse(value)
        if found is None and value:
            self.ignored.append(f"{name} {value[:12]!r}" + ("…" if len(value) > 12 else ""))
        return found

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
    """`n` in one of Word's number formats (decimal for those Travaux does not know, and
    for numbers a format cannot print in bounded length)."""
    if fmt in ("lowerLetter", "upperLetter") and n <= MAX_LETTERS:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and n <= MAX_ROMAN:
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
