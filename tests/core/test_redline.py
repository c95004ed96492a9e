"""A draft's own redline (issue 15): its clean text and its marks put back together,
as the document showed them: struck words where they stood, marked insertions as such."""

from __future__ import annotations

from pathlib import Path

from drafts.comparing.diff import DELETE, EQUAL, INSERT, new_text, old_text
from drafts.model import Line, Mark, Provision
from drafts.negotiation.redline import redline
from drafts.reading.conversion import convert_file
from tests.docx_builder import bold, build, ins, p, struck


def _provision(text: str, *marks: Mark) -> Provision:
    return Provision("art_1", "article", "Article 1", "", 0, (Line("", text, 0),), marks=marks)


def _shown(provision: Provision) -> list[tuple[str, str]]:
    return [(s.op, s.old or s.new) for s in redline(provision)]


def test_struck_words_go_back_where_they_stood_spaced_as_the_draft_read() -> None:
    text = "States shall notify the safeguards, which apply."
    shown = _provision(
        text,
        Mark(12, "promptly"),  # "shall| notify"
        Mark(34, "provided for"),  # "safeguards|, which"
        Mark(0, "All"),  # at the start
        Mark(len(text), "in time"),  # at the end
    )
    assert old_text(redline(shown)) == (
        "All States shall promptly notify the safeguards provided for, which apply. in time"
    )
    assert new_text(redline(shown)) == text


def test_insertions_are_shown_as_inserted_and_the_rest_as_it_reads() -> None:
    text = "States shall without delay notify the depositary."
    shown = _provision(text, Mark(13, "without delay", kind="ins"), Mark(12, "promptly"))
    assert _shown(shown) == [
        (EQUAL, "States shall"),
        (DELETE, " promptly"),
        (EQUAL, " "),
        (INSERT, "without delay"),
        (EQUAL, " notify the depositary."),
    ]


def test_a_provision_without_marks_is_its_text() -> None:
    assert _shown(_provision("Plain words.")) == [(EQUAL, "Plain words.")]


def test_a_compromise_text_read_from_word_shows_the_chairs_redline(tmp_path: Path) -> None:
    path = tmp_path / "compromise.docx"
    body = [
        p("Article 1. Notification"),
        p("States shall ", struck("promptly "), bold("without delay"), " notify ", ins("all"), "."),
    ]
    path.write_bytes(build(body))
    (article,) = convert_file(path).draft.provisions
    assert _shown(article) == [
        (EQUAL, "States shall "),
        (DELETE, "promptly "),  # struck with its space, glued to the bold words after it
        (INSERT, "without delay"),
        (EQUAL, " notify "),
        (INSERT, "all"),
        (EQUAL, "."),
    ]
    assert new_text(redline(article)) == article.text
