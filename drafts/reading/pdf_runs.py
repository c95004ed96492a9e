"""Open a PDF and take from each page its runs of text and its thin horizontal rules.

A run is text drawn in one font on one baseline, with its box: what PDFium calls a text
object (a word, a line, or a single glyph, as the producing program wrote it), glyphs
next to each other merged. Rules are the thin horizontal paths: a line through the
middle of glyphs strikes them out (the draft's deletion), a short one at the foot of
a page separates the footnotes. Positions are PDF points, y upwards from the foot.

The library, pypdfium2 (PDFium), is imported here and only here, when a PDF is read.
A PDF that is encrypted, damaged, or larger than any draft (`MAX_PAGES`) is refused
with the reason; JavaScript and forms are never run, only text is read.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from drafts.errors import DraftImportError

MAX_PAGES = 2000
"""More pages than any draft has: a longer PDF is refused before a page is read."""
MAX_OBJECTS = 200_000
"""Objects read on one page at most: a page with more is a drawing, or an attack."""
MAX_TOTAL = 5_000_000
"""Objects read in the whole PDF at most (a 2,000-page draft written glyph by glyph has
about half as many): reading stops there, so a hostile file costs bounded time."""
_LIGATURES = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}
_SOFT_HYPHENS = {"\x02": "-"}
"""PDFium reports a hyphen at a line end as U+0002, whether the word is broken there
or has a hyphen of its own ("non-" / "governmental"): the reader decides which."""
_CLEAN = str.maketrans({**_LIGATURES, **_SOFT_HYPHENS, "\r": " ", "\n": " ", "\x00": None})
_BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demibold", "demi")


@dataclass(frozen=True)
class Run:
    """Text in one font on one baseline: its box, size, weight and whether struck."""

    text: str
    x0: float
    x1: float
    baseline: float
    top: float
    size: float
    bold: bool
    struck: bool = False
    spaced: bool = False
    """Its spaces are PDFium's: then a gap between runs is a space only when wide."""

    def space_before(self, gap: float) -> bool:
        """Whether a gap of `gap` points before this run is a space between words."""
        return gap > (1.0 if self.spaced else 0.25) * self.size


@dataclass(frozen=True)
class Rule:
    """A thin horizontal line or rectangle."""

    x0: float
    x1: float
    y: float


@dataclass(frozen=True)
class RawPage:
    number: int
    width: float
    height: float
    runs: tuple[Run, ...]
    rules: tuple[Rule, ...]
    images: int
    rotated: tuple[str, ...] = ()
    """Text drawn at an angle: a watermark ("DRAFT", "CONFIDENTIAL"), not the draft."""
    objects: int = 0


def read_pages(data: bytes, source: str) -> Iterator[RawPage]:
    """Every page of the PDF in `data`, or `DraftImportError` saying why it cannot be read."""
    import pypdfium2 as pdfium  # the PDF library loads only when a PDF is read
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise DraftImportError(source, _why(str(exc))) from exc
    try:
        pages = len(document)
        if pages > MAX_PAGES:
            raise DraftImportError(
                source, f"the PDF has {pages:,} pages, over the limit of {MAX_PAGES:,} for a draft"
            )
        if pages == 0:
            raise DraftImportError(source, "the PDF has no pages")
        calls = _Calls(raw)
        total = 0
        for index in range(pages):
            try:
                page = document[index]
            except pdfium.PdfiumError as exc:
                raise DraftImportError(source, f"page {index + 1} is damaged ({exc})") from exc
            try:
                read = _read_page(page, index + 1, calls, source)
            finally:
                page.close()
            total += read.objects
            if total > MAX_TOTAL:
                raise DraftImportError(
                    source,
                    f"the PDF holds more than {MAX_TOTAL:,} objects by page {index + 1}: "
                    "not a draft",
                )
            yield read
    finally:
        document.close()


def _why(message: str) -> str:
    lowered = message.casefold()
    if "password" in lowered or "security" in lowered:
        return "the PDF is encrypted (it needs a password): save an unprotected copy"
    if "format" in lowered or "file" in lowered:
        return f"not a readable PDF: it is damaged or not a PDF ({message})"
    return f"the PDF cannot be read ({message})"


class _Fonts:
    """Whether a font is bold, asked of PDFium once per font."""

    def __init__(self, calls: _Calls) -> None:
        self.calls = calls
        self.bold: dict[int, bool] = {}

    def is_bold(self, font: int) -> bool:
        if font not in self.bold:
            buffer = ctypes.create_string_buffer(256)
            self.calls.font_name(font, buffer, 256)
            name = buffer.value.decode("latin-1", "replace").casefold()
            weight = self.calls.font_weight(font)
            self.bold[font] = any(w in name for w in _BOLD_WORDS) or 600 <= weight <= 1000
        return self.bold[font]


class _Calls:
    """The PDFium calls made once per object or character, bound again with plain
    addresses for handles: pypdfium2's own bindings wrap every handle in a pointer
    object, which costs more than the call itself on a page of a few thousand glyphs."""

    def __init__(self, raw: Any) -> None:
        def bind(name: str, result: Any, *args: Any) -> Any:
            address = ctypes.cast(getattr(raw, name), ctypes.c_void_p).value or 0
            return ctypes.CFUNCTYPE(result, *args)(address)

        p, i, f, d = ctypes.c_void_p, ctypes.c_int, ctypes.c_float, ctypes.c_double
        fp, dp = ctypes.POINTER(f), ctypes.POINTER(d)
        self.count_objects = bind("FPDFPage_CountObjects", i, p)
        self.get_object = bind("FPDFPage_GetObject", p, p, i)
        self.form_count = bind("FPDFFormObj_CountObjects", i, p)
        self.form_object = bind("FPDFFormObj_GetObject", p, p, ctypes.c_ulong)
        self.kind = bind("FPDFPageObj_GetType", i, p)
        self.bounds = bind("FPDFPageObj_GetBounds", i, p, fp, fp, fp, fp)
        self.matrix = bind("FPDFPageObj_GetMatrix", i, p, ctypes.POINTER(raw.FS_MATRIX))
        self.font_size = bind("FPDFTextObj_GetFontSize", i, p, fp)
        self.font = bind("FPDFTextObj_GetFont", p, p)
        self.font_name = bind(
            "FPDFFont_GetBaseFontName", ctypes.c_ulong, p, ctypes.c_char_p, ctypes.c_ulong
        )
        self.font_weight = bind("FPDFFont_GetWeight", i, p)
        self.object_text = bind(
            "FPDFTextObj_GetText",
            ctypes.c_ulong,
            p,
            p,
            ctypes.POINTER(ctypes.c_ushort),
            ctypes.c_ulong,
        )
        self.count_chars = bind("FPDFText_CountChars", i, p)
        self.char_object = bind("FPDFText_GetTextObject", p, p, i)
        self.unicode = bind("FPDFText_GetUnicode", ctypes.c_uint, p, i)
        self.char_box = bind("FPDFText_GetCharBox", i, p, i, dp, dp, dp, dp)
        self.index_at = bind("FPDFText_GetCharIndexAtPos", i, p, d, d, d, d)
        self.bounded_text = bind(
            "FPDFText_GetBoundedText", i, p, d, d, d, d, ctypes.POINTER(ctypes.c_ushort), i
        )
        self.IMAGE, self.FORM = raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM
        self.TEXT, self.PATH = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_PATH
        self.FS_MATRIX = raw.FS_MATRIX


def _address(handle: Any) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _read_page(page: Any, number: int, calls: _Calls, source: str) -> RawPage:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        tp = _address(textpage.raw)
        found: list[_Found] = []
        rules: list[Rule] = []
        counts = {"images": 0, "objects": 0}
        handle = _address(page.raw)
        objects = [calls.get_object(handle, i) for i in range(calls.count_objects(handle))]
        _walk(objects, _IDENTITY, 0, calls, _Fonts(calls), found, rules, counts, source)
        texts = _texts([f[0] for f in found], calls, tp)
        spaced = getattr(texts, "spaced", False)
        glyphs, rotated = [], []
        for obj, x0, x1, baseline, top, size, bold in found:
            text = texts(obj)
            if not text:
                continue
            if size < 0:  # drawn at an angle
                rotated.append(text)
                continue
            glyphs.append((Run(text, x0, x1, baseline, top, size, bold, False, spaced), obj))
        struck = _struck(glyphs, rules, calls, tp)
        runs = list(_merged([_in_reading_order(r, calls, tp) for r in struck]))
    finally:
        textpage.close()
    return RawPage(
        number,
        width,
        height,
        tuple(runs),
        tuple(rules),
        counts["images"],
        tuple(rotated),
        counts["objects"],
    )


def _texts(objects: list[int], calls: _Calls, textpage: int) -> Callable[[int], str]:
    """The text of each text object. PDFium finds an object's text by going through the
    page's characters, so for a page of many objects (a program that writes each glyph
    apart) the characters are read once instead, each with the object it belongs to."""
    if len(objects) <= 150:
        return lambda obj: _text(obj, calls, textpage)
    by_object: dict[int, list[str]] = {}
    owner_of, unicode = calls.char_object, calls.unicode
    last: list[str] | None = None
    for index in range(calls.count_chars(textpage)):
        owner = owner_of(textpage, index)
        char = chr(unicode(textpage, index))
        if owner:
            last = by_object.setdefault(owner, [])
            last.append(char)
        elif last is not None and char == " " and last[-1:] != [" "]:
            last.append(" ")  # a space PDFium found between words: no glyph of its own
    return _Texts({k: _clean("".join(v)) for k, v in by_object.items()})


class _Texts:
    spaced = True

    def __init__(self, texts: dict[int, str]) -> None:
        self.texts = texts

    def __call__(self, obj: int) -> str:
        return self.texts.get(obj, "")


_Found = tuple[int, float, float, float, float, float, bool]
"""A text object before its text is known: handle, x0, x1, baseline, top, size, bold."""
_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _times(m: _Matrix, n: _Matrix) -> _Matrix:
    """`m` then `n`, as PDF matrices compose."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _apply(m: _Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _walk(
    objects: list[int],
    outer: _Matrix,
    depth: int,
    calls: _Calls,
    fonts: _Fonts,
    found: list[_Found],
    rules: list[Rule],
    counts: dict[str, int],
    source: str,
) -> None:
    """Text objects, rules and images of `objects`, form objects opened (`outer` maps
    a form's space to the page's)."""
    left, bottom, right, top, size = (ctypes.c_float() for _ in range(5))
    matrix = calls.FS_MATRIX()
    plain = outer == _IDENTITY
    for obj in objects:
        counts["objects"] += 1
        if counts["objects"] > MAX_OBJECTS:
            raise DraftImportError(
                source, f"a page holds more than {MAX_OBJECTS:,} objects: not a draft's page"
            )
        kind = calls.kind(obj)
        if kind == calls.IMAGE:
            counts["images"] += 1
            continue
        if kind == calls.FORM and depth < 4:
            calls.matrix(obj, matrix)
            inner = _times((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
            children = [calls.form_object(obj, i) for i in range(calls.form_count(obj))]
            _walk(children, inner, depth + 1, calls, fonts, found, rules, counts, source)
            continue
        if kind != calls.TEXT and kind != calls.PATH:
            continue
        calls.bounds(obj, left, bottom, right, top)
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        if not plain:
            x0, y0 = _apply(outer, x0, y0)
            x1, y1 = _apply(outer, x1, y1)
            x0, x1, y0, y1 = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
        if kind == calls.PATH:
            if y1 - y0 <= 2.5 and x1 - x0 >= 1.5 and x1 - x0 > 2 * (y1 - y0):
                rules.append(Rule(x0, x1, (y0 + y1) / 2))
            continue
        calls.matrix(obj, matrix)
        m = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
        if not plain:
            m = _times(m, outer)
        calls.font_size(obj, size)
        scale = math.hypot(m[2], m[3])
        if abs(m[1]) > 0.01 * scale or abs(m[2]) > 0.01 * scale or m[3] <= 0:
            found.append((obj, x0, x1, m[5], y1, -1.0, False))  # at an angle
            continue
        em = size.value * scale
        bold = fonts.is_bold(calls.font(obj))
        found.append((obj, x0, x1, m[5], max(y1, m[5] + em * 0.5), em, bold))


def _in_reading_order(run: Run, calls: _Calls, textpage: int) -> Run:
    """A run of Arabic or Hebrew drawn as one object holds its characters in the order
    they were drawn; PDFium gives the text inside the run's box in the order it is read."""
    if len(run.text.strip()) <= 1 or not is_rtl(run.text):
        return run  # a glyph drawn apart is put in its place by position
    box = (run.x0, run.baseline + 0.5 * run.size, run.x1, run.baseline + 0.2 * run.size)
    size = len(run.text) * 2 + 8
    buffer = (ctypes.c_ushort * size)()
    count = calls.bounded_text(textpage, *box, buffer, size)
    text = _clean(bytes(buffer)[: max(count, 0) * 2].decode("utf-16-le", "replace")).strip()
    same = sorted(c for c in text if c.isalpha()) == sorted(c for c in run.text if c.isalpha())
    return replace(run, text=text) if text and same else run


def _text(obj: int, calls: _Calls, textpage: int) -> str:
    buffer = (ctypes.c_ushort * 256)()
    needed = calls.object_text(obj, textpage, buffer, 512)
    if needed <= 2:
        return ""
    if needed > 512:
        buffer = (ctypes.c_ushort * (needed // 2))()
        calls.object_text(obj, textpage, buffer, needed)
    text = bytes(buffer)[: needed - 2].decode("utf-16-le", "replace")
    return _clean(text)


def _clean(text: str) -> str:
    return text.translate(_CLEAN)


# Strikes


def _strikes(run: Run, rules: list[Rule]) -> list[Rule]:
    """The rules that cross `run` through the middle of its glyphs (not an underline
    below the baseline, not a rule above the line)."""
    low, high = run.baseline + 0.12 * run.size, run.baseline + 0.55 * run.size
    return [r for r in rules if low <= r.y <= high and r.x0 < run.x1 and r.x1 > run.x0]


def _struck(
    glyphs: list[tuple[Run, int]], rules: list[Rule], calls: _Calls, textpage: int
) -> list[Run]:
    """Runs with `struck` set where a rule crosses them; a run struck in part is cut
    into its characters (asked of PDFium for that run only) to say which are."""
    if not rules:
        return [run for run, _ in glyphs]
    out: list[Run] = []
    for run, obj in glyphs:
        crossing = _strikes(run, rules)
        if not crossing:
            out.append(run)
            continue
        covered = sum(min(r.x1, run.x1) - max(r.x0, run.x0) for r in crossing)
        if covered >= 0.85 * (run.x1 - run.x0) or len(run.text.strip()) <= 1:
            out.append(replace(run, struck=True))
            continue
        out.extend(_split(run, obj, crossing, calls, textpage))
    return out


def _split(run: Run, obj: int, crossing: list[Rule], calls: _Calls, textpage: int) -> list[Run]:
    """A run in characters, each struck or not; the run whole if PDFium cannot say."""
    chars = _characters(obj, run, calls, textpage)
    if not chars:
        return [replace(run, struck=True)]
    pieces: list[Run] = []
    for text, x0, x1 in chars:
        middle = (x0 + x1) / 2
        struck = any(r.x0 <= middle <= r.x1 for r in crossing)
        if pieces and pieces[-1].struck == struck:
            last = pieces[-1]
            pieces[-1] = replace(last, text=last.text + text, x1=max(last.x1, x1))
        else:
            pieces.append(replace(run, text=text, x0=x0, x1=x1, struck=struck))
    return pieces


def _characters(obj: int, run: Run, calls: _Calls, textpage: int) -> list[tuple[str, float, float]]:
    """The characters of one text object with their left and right edges."""
    y = run.baseline + 0.3 * run.size
    start = calls.index_at(textpage, run.x0 + 0.5, y, 2.0, 2.0)
    if start < 0:
        return []
    while start > 0 and calls.char_object(textpage, start - 1) == obj:
        start -= 1
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    chars = []
    index, total = start, calls.count_chars(textpage)
    while index < total and calls.char_object(textpage, index) == obj:
        code = calls.unicode(textpage, index)
        calls.char_box(textpage, index, left, right, bottom, top)
        chars.append((_clean(chr(code)), left.value, right.value))
        index += 1
    return chars


# Runs


def _merged(runs: list[Run]) -> Iterator[Run]:
    """Neighbouring runs in one font on one baseline as one: a program that writes each
    glyph apart (Qt does) gives words again. A space goes where the gap is a space's."""
    group: list[Run] = []
    for run in runs:
        if group and not _continues(group[-1], run):
            yield _joined(group)
            group = []
        group.append(run)
    if group:
        yield _joined(group)


def _joined(group: list[Run]) -> Run:
    if len(group) == 1:
        return group[0]
    parts = [group[0].text]
    for before, run in itertools.pairwise(group):
        gap = run.x0 - before.x1 if run.x0 >= before.x0 else before.x0 - run.x1
        if run.space_before(gap) and not parts[-1].endswith(" ") and not run.text.startswith(" "):
            parts.append(" ")
        parts.append(run.text)
    first = group[0]
    return Run(
        "".join(parts),
        min(r.x0 for r in group),
        max(r.x1 for r in group),
        first.baseline,
        max(r.top for r in group),
        first.size,
        first.bold,
        first.struck,
        first.spaced,
    )


def _continues(current: Run, run: Run) -> bool:
    return (
        abs(current.baseline - run.baseline) < 0.05 * run.size
        and abs(current.size - run.size) < 0.05 * run.size
        and current.bold == run.bold
        and current.struck == run.struck
        and (
            -0.3 * run.size <= current.x0 - run.x1 <= 0.6 * run.size  # the next to the left
            if is_rtl(run.text) or is_rtl(current.text)
            else -0.3 * run.size <= run.x0 - current.x1 <= 0.6 * run.size
        )
    )


def is_rtl(text: str) -> bool:
    """Whether `text` is written right to left (Arabic, Hebrew): most of its letters are."""
    letters = [c for c in text if c.isalpha()]
    strong = sum(1 for c in letters if unicodedata.bidirectional(c) in ("R", "AL"))
    return bool(letters) and strong * 2 > len(letters)
