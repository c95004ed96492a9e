"""What one line of a draft is: a heading, a paragraph or point number, or cover-page text.

Structure detection rests on reading single lines: which words make a heading, in the
languages drafts arrive in ("Article 24. Conditions…", "Chapitre premier", "Capítulo IV",
"Статья 5", "المادة 1"), what number a heading carries (24, XII, Twelve, premier, an
Arabic ordinal), which marks number a paragraph or point ("1.", "(1)", "(a)", "(i)",
"(أ)"), and which lines are a cover page's symbol, date or furniture. These patterns
are apart from `drafts.reading.structure` because they look at one line at a time and know
nothing of the document around it (save, for "(i)", the lettered point that is open);
`structure` decides where each line goes, and `plain_text` uses the same patterns to
tell headings and numbers from wrapped text and page furniture.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafts.reading.structure import Block, Unit


@dataclass(frozen=True)
class Heading:
    """A chapter, part or article heading read from text: "Article 24. Conditions…"."""

    kind: str
    num: str
    ordinal: int | None
    suffix: str
    title: str
    long_text: str
    language: str = ""


@dataclass(frozen=True)
class Number:
    """A paragraph or point number read from the start of a line, and the text after it."""

    level: int
    num: str
    ordinal: int | None
    text: str


_ARTICLE_WORDS = {
    "article": "eng",
    "art.": "eng",
    "artículo": "spa",
    "articulo": "spa",
    "статья": "rus",
    "المادة": "ara",
}
_DIVISION_WORDS = {
    "chapter": ("chapter", "eng"),
    "chapitre": ("chapter", "fra"),
    "capítulo": ("chapter", "spa"),
    "capitulo": ("chapter", "spa"),
    "глава": ("chapter", "rus"),
    "الفصل": ("chapter", "ara"),
    "part": ("part", "eng"),
    "partie": ("part", "fra"),
    "parte": ("part", "spa"),
    "часть": ("part", "rus"),
    "الجزء": ("part", "ara"),
}
_WORDS = "|".join(
    re.escape(w) for w in sorted([*_ARTICLE_WORDS, *_DIVISION_WORDS], key=len, reverse=True)
)
_SUFFIXES = "bis|ter|quater|quinquies|sexies|septies|octies|novies|decies"
_HEADING = re.compile(
    rf"^(?P<open>\[\s*)?(?P<word>{_WORDS})\s*"
    r"(?P<num>\d+|[A-Za-z]+|ال[\u0621-\u064A]+(?:\s+عشر)?)"
    rf"(?P<suffix>\s?(?:{_SUFFIXES})\b|[A-Z](?![\w]))?"
    r"(?P<rest>(?=$|[\s.:–—\-\]]).*)$",
    re.IGNORECASE | re.DOTALL,
)
_SEPARATORS = ".:–—-"
_ENGLISH_NUMBERS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_ARABIC_ORDINALS = (
    "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر "
    "الحادي_عشر الثاني_عشر الثالث_عشر الرابع_عشر الخامس_عشر"
).split()
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$", re.IGNORECASE)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ABJAD = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"


def heading_of(block: Block) -> Heading | None:
    """The chapter or article heading this block is, if it is one (a table never is)."""
    if block.rows:
        return None
    if block.number:  # Word numbering that prints "Article %1": the text is the title
        numbered = parse_heading(block.number, styled=True)
        if numbered and not numbered.title:
            return Heading(
                numbered.kind,
                numbered.num,
                numbered.ordinal,
                numbered.suffix,
                block.text,
                "",
                numbered.language,
            )
    return parse_heading(block.full_text, styled=block.styled_heading)


def parse_heading(text: str, styled: bool = False) -> Heading | None:
    """Read "Article 24. Title", "Article 24 — Title", "Chapter IV" or "المادة 1: …".

    A number followed by a sentence ("Article 5 shall apply …") is not a heading; a
    title with no separator ("Article 5 Scope") is accepted when it looks like a title
    or Word styles the paragraph as a heading.
    """
    match = _HEADING.match(text.strip())
    if not match:
        return None
    word = match["word"].casefold()
    kind, language = _DIVISION_WORDS.get(word, ("article", _ARTICLE_WORDS.get(word, "")))
    ordinal = _ordinal(match["num"], kind)
    if ordinal is None:
        return None
    title = _title_after(match["rest"], styled)
    if title is None:
        return None
    num = text.strip()[: match.end("suffix") if match["suffix"] else match.end("num")]
    if title == "]":
        num, title = num + "]", ""
    if word in ("chapitre", "partie") or (word == "article" and match["num"].lower() == "premier"):
        language = "fra"
    suffix = (match["suffix"] or "").strip()
    if len(title) > 200 or (title.endswith((".", ";")) and len(title.split()) > 12):
        return Heading(kind, num, ordinal, suffix, "", title, language)
    return Heading(kind, num, ordinal, suffix, title, "", language)


def _title_after(rest: str, styled: bool) -> str | None:
    """The title in what follows a heading's number, "" for none, None if not a heading."""
    stripped = rest.strip()
    if not stripped or stripped in _SEPARATORS:
        return ""
    if rest.lstrip()[0] in _SEPARATORS:
        return rest.lstrip().lstrip(_SEPARATORS).strip()
    if rest.lstrip()[0] == "]":
        return stripped
    capital = stripped[0].isupper() or stripped[0] in "[("
    return stripped if styled or (capital and looks_like_title(stripped)) else None


def _ordinal(token: str, kind: str) -> int | None:
    """The value of a heading's number: 12, XII, Twelve, premier or an Arabic ordinal."""
    token = token.replace("\u0640", "")
    if token.isdigit():
        return int(token)
    lowered = token.casefold()
    if lowered in ("premier", "première", "first"):
        return 1
    if lowered in _ENGLISH_NUMBERS:
        return _ENGLISH_NUMBERS.index(lowered) + 1
    arabic = re.sub(r"\s+", "_", token)
    if arabic in _ARABIC_ORDINALS:
        return _ARABIC_ORDINALS.index(arabic) + 1
    if _ROMAN.match(token) and (token.isupper() or kind != "article"):
        return roman_value(token)
    return None


def roman_value(token: str) -> int:
    values = [_ROMAN_VALUES[c] for c in token.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


_NUMBERS = [
    (1, re.compile(r"^(?P<num>(?P<n>\d{1,3})\.)(?:\s+|$)(?P<text>.*)$", re.DOTALL)),
    (1, re.compile(r"^(?P<num>(?P<n>\d{1,3})\s*[-–—])(?:\s+|$)(?P<text>.*)$", re.DOTALL)),
    (1, re.compile(r"^(?P<num>\((?P<n>\d{1,3})\))(?:\s+|$)(?P<text>.*)$", re.DOTALL)),
    (3, re.compile(r"^(?P<num>[’‘'](?P<n>\d{1,2})[’‘'])(?:\s+|$)(?P<text>.*)$", re.DOTALL)),
    (2, re.compile(r"^(?P<num>\((?P<l>[a-z]{1,2}|[A-Z])\))(?:\s+|$)(?P<text>.*)$", re.DOTALL)),
    (2, re.compile(r"^(?P<num>(?P<l>[a-z])\))\s+(?P<text>.*)$", re.DOTALL)),
    (2, re.compile(r"^(?P<num>\((?P<a>[\u0621-\u064A])\u0640?\))(?:\s+|$)(?P<text>.*)$", re.S)),
]


def parse_number(text: str, open_letter: Unit | None = None) -> Number | None:
    """Read "1.", "1 -", "(1)", "(a)", "a)", "(i)", "(أ)" or "’1’" at the start of a line.

    "(i)", "(v)" and "(x)" are letters or roman numerals depending on what is open:
    after "(h)" comes the letter "(i)"; under an open "(a)" comes the numeral.
    """
    for level, pattern in _NUMBERS:
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("n"):
            return Number(level, match["num"], int(match["n"]), match["text"].strip())
        if groups.get("a"):
            letter = match["a"]
            ordinal = _ABJAD.index(letter) + 1 if letter in _ABJAD else None
            return Number(2, match["num"], ordinal, match["text"].strip())
        letter = match["l"]
        if _is_numeral_here(letter, open_letter):
            return Number(3, match["num"], roman_value(letter), match["text"].strip())
        return Number(2, match["num"], _letter_ordinal(letter), match["text"].strip())
    return None


def _is_numeral_here(token: str, open_letter: Unit | None) -> bool:
    """Under an open lettered point, "(i)" starts its numerals and "(v)" continues "(iv)";
    "(i)" right after "(h)" is the next letter unless "(h)" ends with a colon."""
    if not token.islower() or not _ROMAN.match(token):
        return False
    if len(token) > 1:
        return len(set(token)) > 1 or token in ("ii", "iii", "xx", "xxx")
    if open_letter is None:
        return False
    numerals = [c.ordinal for c in open_letter.children if c.level == 3]
    if numerals:
        return numerals[-1] is not None and numerals[-1] + 1 == roman_value(token)
    if token != "i":
        return False
    if open_letter.ordinal is not None and open_letter.ordinal + 1 == _letter_ordinal(token):
        own = open_letter.content[-1].full_text if open_letter.content else ""
        return own.rstrip().endswith(":")
    return True


def _letter_ordinal(token: str) -> int:
    first = ord(token[0].lower()) - ord("a") + 1
    return first + 26 * (len(token) - 1)


_SYMBOL = re.compile(r"^[A-Z]{1,8}(?:\.\d+)?(?:/[A-Z0-9][A-Za-z0-9.\-]*){1,6}$")
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_DATE = re.compile(r"^(?:Date:\s*)?(\d{1,2}) ([A-Za-z]+) (\d{4})$")
_COVER = re.compile(
    r"^(United Nations|General Assembly|Security Council|Economic and Social Council|"
    r"Distr\.?:?.*|Original:.*|Limited|General|Restricted|English|French|Spanish|Arabic|"
    r"Russian|Chinese|\d{1,2} [A-Za-z]+ \d{4}|[A-Z]\.\d{2}-\d{4,6}.*)$"
)


def is_symbol(text: str) -> bool:
    """A United Nations style document symbol on a line of its own: "A/AC.291/22/Rev.1"."""
    return bool(_SYMBOL.match(text.strip()))


def iso_date(text: str) -> str:
    """ "6 November 2023" on a line of its own as "2023-11-06", else ""."""
    match = _DATE.match(text.strip())
    if not match or match[2].casefold() not in _MONTHS:
        return ""
    day, month = int(match[1]), _MONTHS.index(match[2].casefold()) + 1
    return f"{match[3]}-{month:02d}-{day:02d}" if 1 <= day <= 31 else ""


_PREAMBLE_WORDS = frozenset(("preamble", "préambule", "preámbulo", "преамбула", "الديباجة"))


def is_preamble_heading(text: str) -> bool:
    """ "Preamble" on a line of its own: the preamble's heading, not its text."""
    return text.strip().rstrip(".:").strip().casefold() in _PREAMBLE_WORDS


def is_cover_line(text: str) -> bool:
    """A line of a cover page that is not the title: organ, distribution, date, symbol."""
    return bool(_COVER.match(text.strip())) or is_symbol(text)


def looks_like_title(text: str) -> bool:
    """Short, starting with a capital or a bracket, with no sentence-ending punctuation."""
    text = text.strip()
    if not text or len(text) > 150 or text.endswith((".", ";", ":", ",")):
        return False
    first = text[0]
    return first.isupper() or first in "[(" or not _is_cased_script(first)


def _is_cased_script(char: str) -> bool:
    """Latin, Greek and Cyrillic have capitals; Arabic, Hebrew and CJK do not."""
    return char.lower() != char.upper()


def looks_like_heading(text: str) -> bool:
    """A line of capitals ("GENERAL PROVISIONS"): a heading that was not understood."""
    letters = [c for c in text if c.isalpha()]
    return (
        len(letters) >= 6
        and len(text) <= 100
        and all(c.isupper() for c in letters if _is_cased_script(c))
        and all(_is_cased_script(c) for c in letters)
        and unicodedata.category(text.strip()[0]).startswith("L")
    )
