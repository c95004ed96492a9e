"""Shared fixtures: a scratch database, the real-world corpus, and a builder of small AKN files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from drafts.store import Store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "real"
AKN3 = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


@pytest.fixture
def store() -> Iterator[Store]:
    with Store() as s:
        yield s


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "travaux.sqlite3"


@pytest.fixture
def corpus() -> Path:
    assert CORPUS.is_dir(), f"the shared corpus is missing at {CORPUS}"
    return CORPUS


def akn_document(
    body: str,
    *,
    work: str = "/akn/un/bill/2023/test",
    date: str = "2023-01-16",
    stage: str = "Zero draft",
    symbol: str = "A/AC.1/1",
    preamble: str = "",
    namespace: str = AKN3,
) -> str:
    """A small, valid-looking Akoma Ntoso bill around `body`."""
    preamble_xml = f"<preamble>{preamble}</preamble>" if preamble else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="{namespace}">
  <bill name="test">
    <meta><identification source="#x">
      <FRBRWork><FRBRthis value="{work}/!main"/><FRBRuri value="{work}"/>
        <FRBRdate date="2023-01-01" name="submission"/><FRBRauthor href="#x"/>
        <FRBRcountry value="un"/><FRBRname value="Test convention"/></FRBRWork>
      <FRBRExpression><FRBRthis value="{work}/eng@{date}/!main"/>
        <FRBRuri value="{work}/eng@{date}"/><FRBRdate date="{date}" name="draft"/>
        <FRBRauthor href="#x"/><FRBRlanguage language="eng"/></FRBRExpression>
    </identification></meta>
    <preface><p><docNumber>{symbol}</docNumber></p><p><docStage>{stage}</docStage></p></preface>
    {preamble_xml}
    <body>{body}</body>
  </bill>
</akomaNtoso>"""


def article(n: int, text: str, heading: str = "") -> str:
    return (
        f'<article eId="art_{n}"><num>Article {n}</num><heading>{heading or f"Heading {n}"}'
        f'</heading><paragraph eId="art_{n}__para_1"><content><p>{text}</p></content>'
        f"</paragraph></article>"
    )


@pytest.fixture
def write_akn(tmp_path: Path) -> Callable[..., Path]:
    """Write an Akoma Ntoso file built by `akn_document` and return its path."""

    def write(name: str, body: str, **meta: str) -> Path:
        path = tmp_path / name
        path.write_text(akn_document(body, **meta), encoding="utf-8")
        return path

    return write
