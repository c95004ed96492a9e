"""`annotations export` and `annotations import` on the command line: a round trip into
another database, and a bad file named with exit 2 and nothing stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafts.annotating.annotations import Content, create_annotation, tags, text_target
from drafts.negotiation.history import find_provision
from drafts.store import Store
from main import main


def test_export_then_import_into_another_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    for db in (first, second):
        assert main(["import", "--demo", "--db", str(db)]) == 0
    with Store(first) as store:
        final = store.drafts()[-1]
        article = find_provision(store, final, "Article 24")
        start = article.text.index("principle of proportionality")
        target = text_target(store, final.id, article.eid, start, start + 28)
        tag = next(t for t in tags(store) if t.name == "human-rights safeguards")
        create_annotation(store, target, Content((tag.id,), "Restored late", "contested"))
    capsys.readouterr()
    out = tmp_path / "notes.jsonld"
    assert main(["annotations", "export", "-o", str(out), "--db", str(first)]) == 0
    assert capsys.readouterr().out == f"wrote {out}: 1 annotation\n"
    shape = json.loads(out.read_text(encoding="utf-8"))
    (item,) = shape["first"]["items"]
    assert item["target"]["source"].endswith("#art_24")
    assert main(["annotations", "import", str(out), "--db", str(second)]) == 0
    assert capsys.readouterr().out == f"imported {out}: 1 annotation added, 0 already there\n"
    again = tmp_path / "again.jsonld"
    assert main(["annotations", "export", "-o", str(again), "--db", str(second)]) == 0
    assert json.loads(again.read_text(encoding="utf-8")) == shape


def test_a_bad_annotation_file_is_named_and_nothing_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "a.sqlite3"
    assert main(["import", "--demo", "--db", str(db)]) == 0
    with Store(db) as store:
        before = store.dump()
    bad = tmp_path / "bad.jsonld"
    bad.write_text('{"@context": "http://example.org/other"}', encoding="utf-8")
    capsys.readouterr()
    assert main(["annotations", "import", str(bad), "--db", str(db)]) == 2
    assert capsys.readouterr().err.startswith(f"{bad}: ")
    with Store(db) as store:
        assert store.dump() == before
