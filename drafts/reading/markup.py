"""Markdown and reStructuredText drafts as the plain text the text reader takes.

Many public law collections are kept as Markdown in git, and some as reStructuredText.
Their markup says little a legal reader needs: a `### Art 1` is a heading because of
its words, not its hashes, and `**Artículo 1o**` is bold for the eye. So the markup is
taken off line by line, keeping every word and the blank lines that part paragraphs,
and `plain_text` reads the rest as it reads any text draft. Struck text (`~~…~~`) is a
deletion, as in a compromise text: it is left out of the draft's text and counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafts.reading.headings import parse_heading
from drafts.reading.suffixes import MARKDOWN_SUFFIXES, RST_SUFFIXES


@dataclass(frozen=True)
class Plain:
    """The text with its markup taken off, and what was left out on purpose: notices
    for the user, and the words themselves with why (`dropped`), so none goes unsaid."""

    text: str
    notices: tuple[str, ...]
    dropped: tuple[tuple[str, str], ...] = ()
    numbers: tuple[int, ...] = ()
    """The source line of each line of `text` (empty: the same lines), so that a notice
    about a heading of a Markdown file points at the line the user's editor shows, not
    at the blank lines taken off markup adds around it."""
    notes: tuple[tuple[str, str], ...] = ()
    """Footnotes as (marker, text): the k-th is referenced in `text` by `note_mark(k)`."""

    def line_numbers(self) -> tuple[int, ...]:
        """The source line number of each line of `text`, counted from 1."""
        return self.numbers or tuple(range(1, self.text.count("\n") + 2))


# Markdown ---------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]+\S+.*$")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
_STRUCK = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_CODE = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~>])")
_FOOTNOTE = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_INDENTED = re.compile(r"^(?: {4}|\t)")
NOTE_OPEN, NOTE_CLOSE = "\ufdd0", "\ufdd1"  # noncharacters: never in real text
NOTE_MARK = re.compile(f"{NOTE_OPEN}(\\d+){NOTE_CLOSE}")
"""Where the k-th footnote is referenced in a `Plain` text (see `Plain.notes`)."""


def note_mark(k: int) -> str:
    return f"{NOTE_OPEN}{k}{NOTE_CLOSE}"


def markdown_to_text(text: str) -> Plain:
    """Markdown (CommonMark and GitHub's tables and strikethrough) as plain text."""
    notices: list[str] = []
    dropped: list[tuple[str, str]] = []
    if front := _FRONT_MATTER.match(text):
        notices.append(f"front matter left out ({front.group().count(chr(10))} lines)")
        dropped.append(("front matter", front.group()))
        text = "\n" * front.group().count("\n") + text[front.end() :]  # line numbers kept
    dropped.extend(("comment", m.group()) for m in _HTML_COMMENT.finditer(text))
    text = _HTML_COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)
    struck = [m.group(1) for m in _STRUCK.finditer(text)]
    dropped.extend(("struck (a deletion)", s) for s in struck)
    if struck:
        words = sum(len(s.split()) for s in struck)
        notices.append(
            f"{len(struck)} struck passages (~~…~~, {words} words) left out as deletions"
        )
        text = _STRUCK.sub("", text)
    text, notes = _take_footnotes(text)
    out: list[str] = []
    numbers: list[int] = []
    fenced = False
    lines = text.split("\n")
    marked = _headings_are_marked(lines)
    for number, line in enumerate(lines, 1):
        if _FENCE.match(line):
            fenced = not fenced
            shown = [""]
        elif fenced:
            shown = [line]
        elif marked and _wrapped_reference(line, out):
            out[-1] = f"{out[-1]} {_inline(line.strip())}"
            shown = [""]
        else:
            shown = _markdown_line(line, out)
        out.extend(shown)
        numbers.extend([number] * len(shown))
    return Plain("\n".join(out), tuple(notices), tuple(dropped), tuple(numbers), notes)


def _headings_are_marked(lines: list[str]) -> bool:
    """Whether the file marks its articles as headings ("### § 1 …"): then a line of a
    paragraph is never one, whatever its words."""
    for line in lines:
        atx = _ATX.match(line)
        heading = parse_heading(_inline(atx.group(1))) if atx else None
        if heading is not None and heading.kind == "article":
            return True
    return False


def _wrapped_reference(line: str, before: list[str]) -> bool:
    """A line inside a paragraph that reads like a heading only because a reference was
    wrapped onto it ("… nach § 275 Absatz 1 bis 3," / "§ 439 Absatz 4 oder …")."""
    if not before or not before[-1].strip() or not line.strip() or _ATX.match(line):
        return False
    if _BULLET.match(line) or line.lstrip().startswith(("|", ">")):
        return False
    return parse_heading(_inline(line.strip())) is not None


def _take_footnotes(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Footnotes ("[^1]" in the text, "[^1]: note" with its indented lines anywhere)
    out of the text and into notes, numbered in the order they are first referenced:
    the official notes of German laws in Markdown are footnotes of their headings, not
    text of the next section. A definition nothing refers to is a note where it stands;
    a reference to a note never defined stays text."""
    lines = text.split("\n")
    bodies: dict[str, list[int]] = {}
    i = 0
    while i < len(lines):
        found = _FOOTNOTE.match(lines[i])
        if not found:
            i += 1
            continue
        span = [i]
        i += 1
        while i < len(lines) and (_INDENTED.match(lines[i]) or not lines[i].strip()):
            ahead = next((t for t in lines[i:] if t.strip()), "")
            if not lines[i].strip() and not _INDENTED.match(ahead):
                break
            span.append(i)
            i += 1
        bodies.setdefault(found.group(1), span)
    in_bodies = {k for span in bodies.values() for k in span}
    order: dict[str, int] = {}
    for k, line in enumerate(lines):
        if k not in in_bodies:
            for ref in _FOOTNOTE_REF.finditer(line):
                if ref.group(1) in bodies:
                    order.setdefault(ref.group(1), len(order))
    if not bodies:
        return text, ()
    unreferenced = [label for label in bodies if label not in order]
    for label in unreferenced:
        order[label] = len(order)
    notes: list[tuple[str, str]] = []
    for label in order:
        span = bodies[label]
        first = _FOOTNOTE.match(lines[span[0]])
        assert first is not None
        words = [first.group(2), *(lines[k] for k in span[1:])]
        notes.append((str(len(notes) + 1), " ".join(" ".join(_inline(w) for w in words).split())))
        for k in span:
            lines[k] = ""
    for label in unreferenced:
        lines[bodies[label][0]] = note_mark(order[label])

    def mark(ref: re.Match[str]) -> str:
        return note_mark(order[ref.group(1)]) if ref.group(1) in order else ref.group()

    return "\n".join(_FOOTNOTE_REF.sub(mark, line) for line in lines), tuple(notes)


def _markdown_line(line: str, before: list[str]) -> list[str]:
    """One line of Markdown as the lines of text it stands for (a heading stands alone)."""
    if _LINK_DEFINITION.match(line) or _RULE.match(line) or _TABLE_RULE.match(line):
        return [""]
    if _SETEXT.match(line) and before and before[-1].strip():
        return [""]  # the underline of the heading above: that line stands alone
    line = _QUOTE.sub("", line)
    if heading := _ATX.match(line):
        return ["", _inline(heading.group(1)), ""]
    line = _BULLET.sub("", line)
    if line.strip().startswith("|") and line.strip().endswith("|"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        return [" | ".join(_inline(c) for c in cells)]
    return [_inline(line.rstrip())]


def _inline(text: str) -> str:
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\2", text)
    text = _TAG.sub("", text)
    for _ in range(2):  # "***bold italic***" is strong around emphasis
        text = _STRONG.sub(r"\2", text)
        text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    return _ESCAPE.sub(r"\1", text)


# reStructuredText -------------------------------------------------------------------------

_ADORNMENT = re.compile(r"^([=\-`:'\"~^_*+#<>.])\1{2,}[ \t]*$")
_DIRECTIVE = re.compile(r"^\.\.(?:[ \t]|$)")
_RST_LINK = re.compile(r"`([^`<]+?)\s*<[^>]+>`_{1,2}")
_RST_REFERENCE = re.compile(r"`([^`]+)`_{1,2}|(?<![\w`])(\w+)_(?!\w)")
_RST_LITERAL = re.compile(r"``(.+?)``")
_RST_ROLE = re.compile(r":[\w-]+:`([^`]+)`")
_RST_INTERPRETED = re.compile(r"`([^`]+)`")
_RST_SUBSTITUTION = re.compile(r"\|([^|\s][^|]*)\|")
_LINE_BLOCK = re.compile(r"^\|[ \t]")
_GRID_RULE = re.compile(r"^[ \t]*\+[-=+]+\+[ \t]*$")


def rst_to_text(text: str) -> Plain:
    """reStructuredText as plain text: titles without their adornment, directives and
    comments left out (and counted), inline markup taken off."""
    out: list[str] = []
    numbers: list[int] = []
    dropped: list[tuple[str, str]] = []
    skipped = 0
    in_directive = False
    for number, line in enumerate(text.split("\n"), 1):
        if in_directive and (not line.strip() or line[:1].isspace()):
            skipped += bool(line.strip())
            dropped.append(("directive or comment", line))
            shown = [""]
        elif _DIRECTIVE.match(line):
            in_directive, skipped = True, skipped + 1
            dropped.append(("directive or comment", line))
            shown = [""]
        else:
            in_directive = False
            shown = _rst_line(line, out)
        out.extend(shown)
        numbers.extend([number] * len(shown))
    notices = (f"{skipped} lines of directives and comments left out",) if skipped else ()
    return Plain("\n".join(out), notices, tuple(dropped), tuple(numbers))


def _rst_line(line: str, before: list[str]) -> list[str]:
    """One line of reStructuredText as the lines of text it stands for."""
    if _ADORNMENT.match(line) or _GRID_RULE.match(line):
        return ["", ""] if before and before[-1].strip() else [""]  # the title stands alone
    if _LINE_BLOCK.match(line):
        line = line[2:]
    line = _BULLET.sub("", line)
    if line.strip().startswith("|") and line.strip().endswith("|"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        return [" | ".join(_rst_inline(c) for c in cells)]
    return [_rst_inline(line.rstrip())]


def _rst_inline(text: str) -> str:
    text = _RST_LINK.sub(r"\1", text)
    text = _RST_LITERAL.sub(r"\1", text)
    text = _RST_ROLE.sub(r"\1", text)
    text = _RST_REFERENCE.sub(lambda m: m.group(1) or m.group(2), text)
    text = _RST_INTERPRETED.sub(r"\1", text)
    text = _RST_SUBSTITUTION.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    return text.replace("\\", "")


def to_text(text: str, suffix: str) -> Plain:
    """The plain text of a .md or .rst draft; other text as it is. Line ends are made
    "\\n" first, as an editor counts lines, so that line numbers agree with it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if suffix in MARKDOWN_SUFFIXES:
        return markdown_to_text(text)
    if suffix in RST_SUFFIXES:
        return rst_to_text(text)
    return Plain(text, ())
