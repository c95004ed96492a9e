"""The PDF export: every word of both texts is in it as text, pages are numbered under
a running header, tag colours are kept, and it is made without a window.

The text is read back by `pdf_text` below, a small reader of the PDFs Qt writes
(compressed content streams, Type 0 fonts with a ToUnicode map and glyph widths, one
glyph per `Tj`),
so the check needs no PDF library and no system package. It was checked against
poppler's `pdftotext` on the demo exports when it was written.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zlib
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from drafts.comparing.comparisons import Comparison
from drafts.comparing.diff import WORD
from drafts.errors import TravauxError
from drafts.export import formats
from drafts.export.model import LAYOUTS, NEW, OLD, ExportNote, ExportRequest, scoped, tint
from tests.builders import (
    NASTY,
    demo_notes,
    export_words,
    missing_words,
    provision,
    tiny_comparison,
)
from viewer.export_pdf import write_export, write_pdf

ROOT = Path(__file__).resolve().parents[2]

# A reader of Qt's PDFs ------------------------------------------------------------------

_OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_TOKEN = re.compile(rb"/[^\s/<>\[\]()]+|<[0-9A-Fa-f\s]*>|\[|\]|[-+]?\d*\.?\d+|[A-Za-z*']+")


def _objects(data: bytes) -> dict[int, bytes]:
    return {int(m[1]): m[2] for m in _OBJECT.finditer(data)}


def _stream(body: bytes, objects: dict[int, bytes]) -> bytes:
    """A stream's data, `/Length` bytes long (compressed data may end in a line break)."""
    head, _, rest = body.partition(b"stream")
    rest = rest[2:] if rest.startswith(b"\r\n") else rest[1:]
    length = re.search(rb"/Length (\d+)( 0 R)?", head)
    assert length is not None
    size = int(objects[int(length[1])].strip()) if length[2] else int(length[1])
    raw = rest[:size]
    return zlib.decompress(raw) if b"/FlateDecode" in head else raw


def _unicode_map(cmap: bytes) -> dict[int, str]:
    """A ToUnicode CMap's glyph -> text, from its bfchar and bfrange sections."""
    found: dict[int, str] = {}

    def text(hex_digits: bytes) -> str:
        return bytes.fromhex(hex_digits.decode()).decode("utf-16-be")

    for section in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, value in re.findall(rb"<(\w+)>\s*<(\w+)>", section):
            found[int(code, 16)] = text(value)
    for section in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for first, last, values in re.findall(rb"<(\w+)>\s*<(\w+)>\s*(\[.*?\]|<\w+>)", section):
            codes = range(int(first, 16), int(last, 16) + 1)
            if values.startswith(b"["):
                for code, value in zip(codes, re.findall(rb"<(\w+)>", values), strict=False):
                    found[code] = text(value)
            else:
                start = int(values.strip(b"<>"), 16)
                for k, code in enumerate(codes):
                    found[code] = chr(start + k)
    return found


class _Font:
    """What a Type 0 font tells about its glyphs: their text and their advance."""

    def __init__(self, to_unicode: dict[int, str], widths: dict[int, float]) -> None:
        self.to_unicode = to_unicode
        self.widths = widths
        """Glyph -> advance in thousandths of the font size."""


def _widths(array: bytes) -> dict[int, float]:
    """A CIDFont's /W array: `first [w w ...]` runs and `first last w` ranges."""
    widths: dict[int, float] = {}
    tokens = re.findall(rb"\[|\]|[-+]?\d*\.?\d+", array)
    k = 0
    while k < len(tokens):
        first = int(float(tokens[k]))
        if tokens[k + 1] == b"[":
            k += 2
            while tokens[k] != b"]":
                widths[first] = float(tokens[k])
                first, k = first + 1, k + 1
            k += 1
        else:
            for code in range(first, int(float(tokens[k + 1])) + 1):
                widths[code] = float(tokens[k + 2])
            k += 3
    return widths


def _fonts(objects: dict[int, bytes]) -> dict[bytes, _Font]:
    """Font resource name -> its glyphs (Qt names each font once per document)."""
    fonts = {}
    for body in objects.values():
        for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", body):
            font = objects[int(ref)]
            to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", font)
            descendant = re.search(rb"/DescendantFonts \[(\d+) 0 R", font)
            if to_unicode and descendant:
                w_array = re.search(rb"/W \[(.*?\])\s*\]", objects[int(descendant[1])], re.S)
                fonts[name] = _Font(
                    _unicode_map(_stream(objects[int(to_unicode[1])], objects)),
                    _widths(w_array[1]) if w_array else {},
                )
    return fonts


def _pages(objects: dict[int, bytes]) -> list[bytes]:
    """Each page's content, in page order."""
    root = next(b for b in objects.values() if b"/Type /Pages" in b)
    kids = re.search(rb"/Kids\s*\[(.*?)\]", root, re.S)
    assert kids is not None
    pages = []
    for ref in re.findall(rb"(\d+) 0 R", kids[1]):
        contents = re.search(rb"/Contents (\d+) 0 R", objects[int(ref)])
        assert contents is not None
        pages.append(_stream(objects[int(contents[1])], objects))
    return pages


def _multiply(m: list[float], n: list[float]) -> list[float]:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return [
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    ]


class _Page:
    """Plays one page's content stream, writing each glyph where it lands: a new line
    when the baseline moves or the pen goes back, a space when it skips ahead."""

    def __init__(self, fonts: dict[bytes, _Font]) -> None:
        self.fonts = fonts
        self.ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        self.stack: list[list[float]] = []
        self.out: list[str] = []
        self.pen: tuple[float, float, float] | None = None
        """Where the last glyph ended: x, baseline, and the font size there."""

    def play(self, content: bytes) -> str:
        operands: list[bytes] = []
        font = _Font({}, {})
        size = 0.0
        tm = line = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        for token in _TOKEN.findall(content):
            if not token[:1].isalpha() and token[:1] != b"'":
                operands.append(token)
                continue
            op, args = token, operands
            operands = []
            if op == b"q":
                self.stack.append(self.ctm)
            elif op == b"Q":
                self.ctm = self.stack.pop()
            elif op == b"cm":
                self.ctm = _multiply([float(x) for x in args], self.ctm)
            elif op == b"Tf":
                font, size = self.fonts.get(args[0][1:], _Font({}, {})), float(args[1])
            elif op == b"Tm":
                tm = line = [float(x) for x in args]
            elif op == b"Td":
                line = _multiply([1, 0, 0, 1, float(args[0]), float(args[1])], line)
                tm = line
            elif op in (b"Tj", b"TJ"):
                for arg in args:
                    if arg.startswith(b"<"):
                        self._show(arg, font, _multiply(tm, self.ctm), size)
        return "".join(self.out)

    def _show(self, hex_string: bytes, font: _Font, at: list[float], size: float) -> None:
        digits = re.sub(rb"\s", b"", hex_string[1:-1]).decode()
        glyphs = [int(digits[k : k + 4], 16) for k in range(0, len(digits), 4)]
        x, y = at[4], at[5]
        em = size * abs(at[3]) or 1.0
        if self.pen is not None:
            end_x, baseline, last_em = self.pen
            if abs(y - baseline) > 0.3 * last_em or x < end_x - 0.5 * last_em:
                self.out.append("\n")
            elif x - end_x > 0.25 * last_em:
                self.out.append(" ")
        self.out.append("".join(font.to_unicode.get(g, "") for g in glyphs).replace("\t", " "))
        advance = sum(font.widths.get(g, 1000.0) for g in glyphs) / 1000 * em
        self.pen = (x + advance, y, em)


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF written by Qt."""
    objects = _objects(data)
    fonts = _fonts(objects)
    return [_Page(fonts).play(content) for content in _pages(objects)]


# Tests ----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def application(qapp: QApplication) -> QApplication:
    """A QApplication first, as in the app: were the writer to start its own
    QGuiApplication here, the widget tests after these could not make widgets."""
    return qapp


@pytest.mark.parametrize("layout", LAYOUTS)
def test_nothing_is_dropped(demo_pair: Comparison, layout: str, tmp_path: Path) -> None:
    request = scoped(demo_pair, notes=demo_notes(demo_pair), layout=layout)
    out = tmp_path / "export.pdf"
    write_pdf(request, out)
    found = WORD.findall("\n".join(pdf_pages(out.read_bytes())))
    for side in (OLD, NEW):
        assert missing_words(export_words(request, side), found) == []


def test_pages_have_the_running_header_and_their_number(
    demo_pair: Comparison, tmp_path: Path
) -> None:
    out = tmp_path / "export.pdf"
    write_pdf(scoped(demo_pair), out)
    pages = pdf_pages(out.read_bytes())
    assert len(pages) > 10
    for n, page in enumerate(pages, 1):
        assert page.startswith("Zero draft (2023-01-16, A/AC.305/7) → Final text agreed")
        assert page.rstrip().endswith(f"Page {n} of {len(pages)}")


@pytest.mark.parametrize(("layout", "copies"), [("side-by-side", 2), ("inline", 1)])
def test_a_long_provision_runs_over_pages_without_a_line_twice(
    tmp_path: Path, layout: str, copies: int
) -> None:
    words = [f"w{n}" for n in range(3000)]
    lines = "\n".join(" ".join(words[k : k + 60]) for k in range(0, len(words), 60))
    lines += "\n" + " ".join(f"x{n}" for n in range(700))  # one paragraph over a page
    comparison = tiny_comparison(
        [provision("art_1", "Article 1", "Long", lines)],
        [provision("art_1", "Article 1", "Long", lines + " end")],
    )
    out = tmp_path / "export.pdf"
    write_pdf(scoped(comparison, layout=layout), out)
    pages = pdf_pages(out.read_bytes())
    assert len(pages) > 3
    found = Counter(re.findall(r"\b[wx]\d+\b", "\n".join(pages)))
    expected = [*words, *(f"x{n}" for n in range(700))]
    assert found == Counter({word: copies for word in expected})


def test_the_summary_opens_the_document(demo_pair: Comparison, tmp_path: Path) -> None:
    out = tmp_path / "export.pdf"
    write_pdf(scoped(demo_pair, changed_only=True, notes=demo_notes(demo_pair)), out)
    first = " ".join(pdf_pages(out.read_bytes())[0].split())
    assert "Final text agreed ad referendum, 2024-08-08, A/AC.305/L.9" in first
    assert "50 modified" in first and "Tags: contested" in first


def test_text_from_notes_and_drafts_stays_text(tiny: Comparison, tmp_path: Path) -> None:
    note = ExportNote(2, "art_1", 0, 4, tags=(("<b>tag</b>", "#E69F00"),), note=NASTY)
    out = tmp_path / "export.pdf"
    write_pdf(scoped(tiny, notes=[note]), out)
    text = " ".join("\n".join(pdf_pages(out.read_bytes())).split())
    for raw in (NASTY, "<b>tag</b>", "Scope <script>", "It binds <b>"):
        assert raw in text


def _fill_colours(data: bytes) -> set[str]:
    """Every RGB fill colour the pages use, as "#rrggbb"."""
    colours = set()
    for content in _pages(_objects(data)):
        for r, g, b in re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) scn", content):
            colours.add("#" + "".join(f"{round(float(c) * 255):02x}" for c in (r, g, b)))
    return colours


def test_tag_colours_are_kept(tiny: Comparison, tmp_path: Path) -> None:
    note = ExportNote(2, "art_1", 0, 4, tags=(("EU", "#56B4E9"),), note="x")
    out = tmp_path / "export.pdf"
    write_pdf(scoped(tiny, notes=[note]), out)
    colours = _fill_colours(out.read_bytes())
    assert {tint("#56b4e9"), "#56b4e9"} <= colours
    assert {"#f7dfcc", "#d1e6f1"} <= colours  # the diff's own tints


def test_made_without_an_application(tmp_path: Path) -> None:
    """The command line has no QApplication: the writer starts one offscreen."""
    out = tmp_path / "export.pdf"
    script = (
        "import sys\n"
        "from drafts.store import Store\n"
        "from drafts.export.model import scoped\n"
        "from tests.builders import demo_comparison\n"
        "from viewer.export_pdf import write_pdf\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "assert QGuiApplication.instance() is None\n"
        f"write_pdf(scoped(demo_comparison(Store()), changed_only=True), {str(out)!r})\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Page 1 of" in pdf_pages(out.read_bytes())[0]


@pytest.mark.parametrize(("fmt", "start"), [
    ("html", b"<!DOCTYPE html>"), ("pdf", b"%PDF"), ("docx", b"PK"), ("csv", b"\xef\xbb\xbf"),
])  # fmt: skip
def test_write_export_writes_each_format(
    tiny: Comparison, tmp_path: Path, fmt: str, start: bytes
) -> None:
    out = tmp_path / f"export.{fmt}"
    write_export(scoped(tiny), fmt, out)
    assert out.read_bytes().startswith(start)


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "csv"])
def test_an_empty_scope_still_gives_the_summary(tiny: Comparison, tmp_path: Path, fmt: str) -> None:
    request = scoped(tiny, tags={"nothing has this tag"})
    assert request.rows == ()
    out = tmp_path / f"export.{fmt}"
    write_export(request, fmt, out)
    assert out.stat().st_size > 0
    if fmt == "pdf":
        assert "0 of 4" in pdf_pages(out.read_bytes())[0]


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "csv"])
def test_a_file_that_cannot_be_written_is_a_travaux_error(
    tiny: Comparison, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / "no such folder" / f"export.{fmt}"
    with pytest.raises(TravauxError, match="no such folder"):
        write_export(scoped(tiny), fmt, out)


def test_write_export_refuses_an_unknown_format(tiny: Comparison, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="html, pdf, docx, csv"):
        write_export(scoped(tiny), "rtf", tmp_path / "x.rtf")


def test_a_failed_export_leaves_the_earlier_file_whole(tiny: Comparison, tmp_path: Path) -> None:
    """A full disk half-way through: the error names the file and the reason, and the
    file written before is still there, untouched, with no scrap beside it."""
    out = tmp_path / "brief.html"
    write_export(scoped(tiny), "html", out)
    before = out.read_bytes()

    def full_disk(request: object, path: Path) -> None:
        Path(path).write_text("<html><body>half a", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(
        TravauxError, match=rf"^{re.escape(str(out))}: cannot write: No space left on device$"
    ):
        formats.write_export(scoped(tiny), "html", out, {"html": full_disk})
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.html"]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "csv"])
def test_a_writer_that_says_nothing_but_leaves_half_a_file_is_caught(
    tiny: Comparison, tmp_path: Path, fmt: str
) -> None:
    """Qt's PDF writer can end "successfully" on a full disk with a cut file: each
    format's file is checked before it replaces the earlier one."""
    out = tmp_path / f"brief.{fmt}"
    write_export(scoped(tiny), fmt, out)
    before = out.read_bytes()

    def silently_cut(request: ExportRequest, path: Path) -> None:
        path.write_bytes(before[: len(before) // 2])

    with pytest.raises(TravauxError, match="the file written is not whole"):
        formats.write_export(scoped(tiny), fmt, out, {fmt: silently_cut})
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_a_pdf_missing_a_stretch_inside_is_caught(demo_pair: Comparison, tmp_path: Path) -> None:
    """Its head and its end are there, but bytes in the middle never reached the disk:
    the cross-reference table no longer points at the objects."""
    out = tmp_path / "brief.pdf"
    write_export(scoped(demo_pair), "pdf", out)
    whole = out.read_bytes()
    assert formats.VERIFIERS["pdf"](out) == ""
    holed = tmp_path / "holed.pdf"
    holed.write_bytes(whole[:40_000] + whole[44_096:])
    assert "where the file says" in formats.VERIFIERS["pdf"](holed)
