"""The CSV export: one row per annotation, readable by Excel, formulas kept as text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from drafts.comparing.comparisons import Comparison
from drafts.export.csv import COLUMNS, render_csv, write_csv
from drafts.export.model import ExportNote, scoped
from drafts.store import Store
from tests.builders import NASTY, demo_comparison, demo_notes


def rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_one_row_per_annotation_with_its_provision_and_quote(tiny: Comparison) -> None:
    notes = [
        ExportNote(1, "art_1", 3, 18, tags=(("EU", "#56B4E9"), ("contested", "#E69F00")),
                   status="contested", note="Keep “shall”,\nsays the EU.", holder="Union"),
        ExportNote(2, "art_4", None, None, quote="A new article", note="Welcome"),
    ]  # fmt: skip
    found = rows(render_csv(scoped(tiny, notes=notes)))
    assert [list(r) for r in found] == [list(COLUMNS)] * 2
    first, second = found
    assert first["number"] == "1"
    assert (first["old provision"], first["new provision"], first["change"]) == (
        "Article 1",
        "Article 1",
        "modified",
    )
    assert first["annotated draft"] == "Zero draft" and first["eid"] == "art_1"
    assert (first["start"], first["end"]) == ("3", "18")
    assert first["tags"] == "EU; contested"
    assert first["note"] == "Keep “shall”,\nsays the EU."
    assert first["position holder"] == "Union"
    assert first["quoted text"] == "This Convention"  # taken from the text when not given
    assert (second["start"], second["end"], second["quoted text"]) == ("", "", "A new article")
    assert second["old provision"] == "" and second["change"] == "added"


def test_every_demo_annotation_is_a_row(store: Store) -> None:
    comparison = demo_comparison(store)
    request = scoped(comparison, notes=demo_notes(comparison))
    found = rows(render_csv(request))
    assert [r["number"] for r in found] == [str(n.number) for n in request.notes()]
    assert NASTY in [r["note"] for r in found]


@pytest.mark.parametrize("risky", ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\tx"])
def test_a_formula_stays_text(tiny: Comparison, risky: str) -> None:
    note = ExportNote(2, "art_1", 0, 4, note=risky, holder=risky)
    found = rows(render_csv(scoped(tiny, notes=[note])))[0]
    assert found["note"] == found["position holder"] == "'" + risky


def test_written_as_utf8_with_bom(tiny: Comparison, tmp_path: Path) -> None:
    out = tmp_path / "notes.csv"
    write_csv(scoped(tiny, notes=[ExportNote(2, "art_1", 0, 4, note="Côte d’Ivoire")]), out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfnumber,")
    assert "Côte d’Ivoire".encode() in raw
    assert raw.count(b"\r\n") == 2


def test_no_annotations_gives_the_header_alone(tiny: Comparison) -> None:
    assert render_csv(scoped(tiny)) == "\ufeff" + ",".join(COLUMNS) + "\r\n"
