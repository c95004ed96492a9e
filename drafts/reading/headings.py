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

import datetime
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafts.reading.document import Block, Unit


@dataclass(frozen=True)
class Heading:
    """A division, article or annex heading read from text: "Article 24. Conditions…".

    `key` is what the number gives an eId ("24", "6-1", "52a", "6bis"): made from the
    number, never from the position, so that the same article keeps its eId in every
    draft however many articles are inserted before it."""

    kind: str
    num: str
    ordinal: int | None
    suffix: str
    title: str
    long_text: str
    language: str = ""
    key: str = ""


@dataclass(frozen=True)
class Number:
    """A paragraph or point number read from the start of a line, and the text after it."""

    level: int
    num: str
    ordinal: int | None
    text: str
    suffix: str = ""
    """The letter of an inserted number: "5a." and "(3a)" come between 5 and 6, 3 and 4."""


_ARTICLE_WORDS = {
    "article": "eng",
    "art.": "",
    "art": "",
    "artículo": "spa",
    "articulo": "spa",
    "artigo": "por",
    "articolo": "ita",
    "artikel": "deu",
    "§": "deu",
    "статья": "rus",
    "المادة": "ara",
}
_DIVISION_WORDS = {
    "book": ("book", "eng"),
    "livre": ("book", "fra"),
    "libro": ("book", "spa"),
    "buch": ("book", "deu"),
    "part": ("part", "eng"),
    "partie": ("part", "fra"),
    "parte": ("part", "spa"),
    "teil": ("part", "deu"),
    "deel": ("part", "nld"),
    "часть": ("part", "rus"),
    "الجزء": ("part", "ara"),
    "title": ("title", "eng"),
    "titre": ("title", "fra"),
    "título": ("title", "spa"),
    "titulo": ("title", "spa"),
    "titolo": ("title", "ita"),
    "titel": ("title", "deu"),
    "untertitel": ("subtitle", "deu"),
    "раздел": ("title", "rus"),
    "الباب": ("title", "ara"),
    "chapter": ("chapter", "eng"),
    "chapitre": ("chapter", "fra"),
    "capítulo": ("chapter", "spa"),
    "capitulo": ("chapter", "spa"),
    "capitolo": ("chapter", "ita"),
    "kapitel": ("chapter", "deu"),
    "unterkapitel": ("subchapter", "deu"),
    "hoofdstuk": ("chapter", "nld"),
    "глава": ("chapter", "rus"),
    "الفصل": ("chapter", "ara"),
    "section": ("section", "eng"),
    "sección": ("section", "spa"),
    "seccion": ("section", "spa"),
    "sezione": ("section", "ita"),
    "seção": ("section", "por"),
    "secção": ("section", "por"),
    "abschnitt": ("section", "deu"),
    "afdeling": ("section", "nld"),
    "sub-section": ("subsection", "eng"),
    "subsection": ("subsection", "eng"),
    "sous-section": ("subsection", "fra"),
    "subsección": ("subsection", "spa"),
    "unterabschnitt": ("subsection", "deu"),
    "annex": ("annex", "eng"),
    "annexe": ("annex", "fra"),
    "anexo": ("annex", "spa"),
    "allegato": ("annex", "ita"),
    "anhang": ("annex", "deu"),
    "anlage": ("annex", "deu"),
    "bijlage": ("annex", "nld"),
    "приложение": ("annex", "rus"),
    "المرفق": ("annex", "ara"),
    "appendix": ("annex", "eng"),
    "schedule": ("annex", "eng"),
}
UNNUMBERED_HEADINGS = {
    "annex": ("annex", "eng"),
    "annexe": ("annex", "fra"),
    "anexo": ("annex", "spa"),
    "anhang": ("annex", "deu"),
    "appendix": ("annex", "eng"),
    "schedule": ("annex", "eng"),
    "transitorios": ("transitional", "spa"),
    "transitorias": ("transitional", "spa"),
    "artículos transitorios": ("transitional", "spa"),
    "disposiciones transitorias": ("transitional", "spa"),
    "transitional provisions": ("transitional", "eng"),
    "dispositions transitoires": ("transitional", "fra"),
    "übergangsbestimmungen": ("transitional", "deu"),
}
"""Headings with no number: an annex standing alone, a block of transitional articles."""

_WORDS = "|".join(
    re.escape(w) for w in sorted([*_ARTICLE_WORDS, *_DIVISION_WORDS], key=len, reverse=True)
)
_SUFFIXES = "bis|ter|quater|quinquies|sexies|septies|octies|novies|decies"
_HEADING = re.compile(
    rf"^(?P<open>\[\s*)?(?P<word>{_WORDS})(?<=§)?\s*"
    r"(?P<num>\d+(?:[-.]\d+)*(?![\d])|ال[\u0621-\u064A]+(?:\s+عشر)?|[^\W\d_]+)"
    r"(?P<mark>\.?º|°|ª|(?:er|re|o)(?![^\W\d_]))?"
    rf"(?P<suffix>\s?(?:{_SUFFIXES})\b|[A-Z](?![^\W_]))?"
    r"(?P<rest>(?=$|[\s.:–—\-\]]).*)$",
    re.IGNORECASE | re.DOTALL,
)
_SEPARATORS = ".:–—-"
_ENGLISH_NUMBERS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_SPANISH_ORDINALS = (
    "primero segundo tercero cuarto quinto sexto séptimo octavo noveno décimo "
    "undécimo duodécimo decimotercero decimocuarto decimoquinto"
).split()
_ORDINAL_WORDS = {
    **{w: n for n, w in enumerate(_SPANISH_ORDINALS, 1)},
    **{w[:-1] + "a": n for n, w in enumerate(_SPANISH_ORDINALS, 1) if w.endswith("o")},
    "septimo": 7,
    "decimo": 10,
    "único": 1,
    "única": 1,
    "unico": 1,
    "unica": 1,
    "premier": 1,
    "première": 1,
    "first": 1,
}
_ARABIC_ORDINALS = (
    "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر "
    "الحادي_عشر الثاني_عشر الثالث_عشر الرابع_عشر الخامس_عشر"
).split()
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$", re.IGNORECASE)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ABJAD = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"
_MAX_NUMBER = 100_000
"""A heading's number above this is not a number a draft uses: a line of digits."""


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
    """Read "Article 24. Title", "Article 24 — Title", "Chapter IV", "§ 3a", "Artículo
    Primero.-", "ANNEX II" or "المادة 1: …".

    A number followed by a sentence ("Article 5 shall apply …") is not a heading; a
    title with no separator ("Article 5 Scope") is accepted when it looks like a title
    or Word styles the paragraph as a heading.
    """
    stripped = text.strip()
    alone = UNNUMBERED_HEADINGS.get(stripped.rstrip(".:").strip().casefold())
    if alone:
        kind, language = alone
        return Heading(kind, stripped.rstrip(".:").strip(), None, "", "", "", language, "")
    match = _HEADING.match(stripped)
    if not match:
        return None
    word = match["word"].casefold()
    kind, language = _DIVISION_WORDS.get(word, ("article", _ARTICLE_WORDS.get(word, "")))
    if word == "art" and not stripped[3:4].isspace():
        return None  # "Art1" or "Artistic": not the abbreviation
    ordinal = _ordinal(match["num"], kind)
    if ordinal is None:
        return None
    title = _title_after(match["rest"], styled)
    if title is None:
        return None
    end = max(match.end(g) for g in ("num", "mark", "suffix") if match[g])
    num = stripped[:end]
    if title == "]":
        num, title = num + "]", ""
    mark, suffix = match["mark"] or "", (match["suffix"] or "").strip()
    if word == "§" and mark.casefold() in ("o", "er", "re"):
        mark, suffix = "", mark + suffix  # "§ 675o" comes after § 675n: a letter, not "1o"
    if (
        word in ("chapitre", "partie", "titre", "livre")
        or mark in ("er", "re")
        or match["num"].casefold() in ("premier", "première")
    ):
        language = "fra"
    key = _key(match["num"], ordinal, suffix)
    body_follows = match["rest"].lstrip().startswith((".-", ".–", ".—"))  # "Artículo 1o.- El…"
    if body_follows or len(title) > 200 or (title.endswith((".", ";")) and len(title.split()) > 6):
        return Heading(kind, num, ordinal, suffix, "", title, language, key)
    return Heading(kind, num, ordinal, suffix, title, "", language, key)


def _key(token: str, ordinal: int, suffix: str) -> str:
    """The eId part of a heading's number: "6-1" as it is, words and numerals as their
    value, a suffix appended ("6bis", "52a")."""
    if token.casefold() in ("único", "única", "unico", "unica"):
        return "unico"  # the sole article of a decree or of its transitional block
    base = token if token[:1].isdigit() else str(ordinal)
    return base + re.sub(r"\W", "", suffix).lower()


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
    if not styled and stripped.split(maxsplit=1)[0].casefold() in _REFERENCE_WORDS:
        return None  # "§ 1592 Nr. 1 gilt entsprechend": a reference opening a sentence
    return stripped if styled or (capital and looks_like_title(stripped)) else None


_REFERENCE_WORDS = frozenset(
    "abs. abs absatz unterabsatz nr. nr nummer satz halbsatz buchstabe buchst. lit. "
    "ziffer ziff. s.".split()
)
"""The capitalised words after a German section number that make it a reference
("§ 1592 Nr. 1", "§ 675s Abs. 1"), never a heading's title."""


def _ordinal(token: str, kind: str) -> int | None:
    """The value of a heading's number: 12, 6-1 (6), XII, Twelve, premier, Primero, an
    Arabic ordinal; None if the token is not a number."""
    token = token.replace("\u0640", "")
    if token[:1].isdigit():
        first = re.match(r"\d+", token)
        value = int(first[0]) if first and len(first[0]) <= 6 else _MAX_NUMBER + 1
        return value if value <= _MAX_NUMBER else None
    lowered = token.casefold()
    if lowered in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[lowered]
    if lowered.endswith(("er", "re")) and token[:-2].isupper() and _ROMAN.match(token[:-2]):
        return roman_value(token[:-2])  # "Livre Ier", "Titre Ier"
    if lowered in _ENGLISH_NUMBERS:
        return _ENGLISH_NUMBERS.index(lowered) + 1
    arabic = re.sub(r"\s+", "_", token)
    if arabic in _ARABIC_ORDINALS:
        return _ARABIC_ORDINALS.index(arabic) + 1
    if _ROMAN.match(token) and (token.isupper() or kind != "article"):
        return roman_value(token)
    if kind == "annex" and len(token) == 1 and token.isupper():
        return ord(token) - ord("A") + 1  # "Annex A", "Schedule B"
    return None


def roman_value(token: str) -> int:
    values = [_ROMAN_VALUES[c] for c in token.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


_NUMBERS = [
    (1, re.compile(r"^(?P<num>(?P<n>\d{1,3})(?P<s>[a-z]?)\.)(?:\s+|$)(?P<text>.*)$", re.S)),
    (1, re.compile(r"^(?P<num>(?P<n>\d{1,3})\s*[-–—])(?:\s+|$)(?P<text>.*)$", re.DOTALL)),
    (1, re.compile(r"^(?P<num>\((?P<n>\d{1,3})(?P<s>[a-z]?)\))(?:\s+|$)(?P<text>.*)$", re.S)),
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
            text = match["text"].strip()
            return Number(level, match["num"], int(match["n"]), text, groups.get("s") or "")
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
    numerals = [c.ordinal for c in open_letter.children if c.numeral == 3]
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


_SYMBOL = re.compile(
    r"^(?:(?:Interinstitutional File|Document|Symbol|Ref\.?):?\s+)?(?P<symbol>"
    r"[A-Z]{1,8}(?:\.\d+)?(?:/[A-Z0-9][A-Za-z0-9.\-]*){1,6}"  # A/AC.291/22/Rev.1, CTOC/COP/…
    r"|ST \d{3,5}/\d{2}(?: (?:REV|COR|ADD|AMD) ?\d+)*(?: [A-Z]{2,3})?"  # ST 14336/22 REV 1
    r"|(?:COM|SEC|SWD|JOIN)\(\d{4}\) ?\d+(?: final)?"  # COM(2021) 206 final
    r"|\d{4}/\d{4} ?\((?:COD|CNS|NLE|APP)\)"  # 2021/0106(COD)
    r")$"
)
_MONTH_NAMES = (
    "january february march april may june july august september october november december",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
)
_MONTHS = {name: n for names in _MONTH_NAMES for n, name in enumerate(names.split(), 1)}
_MONTHS["setiembre"] = 9
"""Month names in the languages drafts come in: English, French, Spanish, German,
Italian, Portuguese (the same name has the same number in each)."""
_PLACE = r"(?:(?:Date|Fecha|Datum|Data)\s*:\s*|[A-ZÀ-Ý][\w .'’-]{1,40},\s*)?"
_DATES = (
    re.compile(
        rf"^{_PLACE}(\d{{1,2}})(?:st|nd|rd|th|er|º|o)?\.?\s+(?:de\s+)?([^\W\d_]+)\s+(?:de\s+)?(\d{{4}})$"
    ),
    re.compile(rf"^{_PLACE}(?P<m>[^\W\d_]+)\s+(?P<d>\d{{1,2}}),\s+(?P<y>\d{{4}})$"),
    re.compile(rf"^{_PLACE}(?P<y>\d{{4}})-(?P<mm>\d{{2}})-(?P<d>\d{{2}})$"),
)

_COVER = re.compile(
    r"^(United Nations|General Assembly|Security Council|Economic and Social Council|"
    r"Council of the European Union|European Commission|"
    r"Distr\.?:?.*|Original:.*|Limited|General|Restricted|English|French|Spanish|Arabic|"
    r"Russian|Chinese|\d{1,2} [A-Za-z]+ \d{4}|[A-Z]\.\d{2}-\d{4,6}.*)$"
)


def is_symbol(text: str) -> bool:
    """A document symbol on a line of its own: a United Nations symbol
    ("A/AC.291/22/Rev.1"), a Council document ("ST 14336/22"), a Commission proposal
    ("COM(2021) 206 final") or an interinstitutional file ("2021/0106(COD)")."""
    return bool(_SYMBOL.match(text.strip()))


def symbol_in(text: str) -> str:
    """The symbol a symbol line holds, without its label ("Interinstitutional File:")."""
    match = _SYMBOL.match(text.strip())
    return match["symbol"] if match else ""


def iso_date(text: str) -> str:
    """A date on a line of its own, as YYYY-MM-DD, else "": "6 November 2023",
    "Brussels, 11 November 2022", "1er juin 2023", "5 de mayo de 2024", "3. März 2022",
    "May 5, 2024", "2024-05-23". A date that does not exist (30 February) is no date."""
    line = text.strip()
    if len(line) > 60:
        return ""
    for pattern in _DATES:
        match = pattern.match(line)
        if not match:
            continue
        groups = match.groupdict()
        if "mm" in groups:
            year, month, day = int(groups["y"]), int(groups["mm"]), int(groups["d"])
        elif "m" in groups:
            year, month, day = (
                int(groups["y"]),
                _MONTHS.get(groups["m"].casefold(), 0),
                int(groups["d"]),
            )
        else:
            year, month, day = int(match[3]), _MONTHS.get(match[2].casefold(), 0), int(match[1])
        try:
            return datetime.date(year, month, day).isoformat()
        except ValueError:
            return ""
    return ""


_PREAMBLE_WORDS = frozenset(("preamble", "préambule", "preámbulo", "преамбула", "الديباجة"))


def is_preamble_heading(text: str) -> bool:
    """ "Preamble" on a line of its own: the preamble's heading, not its text."""
    return text.strip().rstrip(".:").strip().casefold() in _PREAMBLE_WORDS


def is_cover_line(text: str) -> bool:
    """A line of a cover page that is not the title: organ, distribution, date, symbol."""
    return bool(_COVER.match(text.strip())) or is_symbol(text) or bool(iso_date(text))


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
