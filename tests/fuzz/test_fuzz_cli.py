"""Odd command lines, run in-process: each ends with status 0, or 2 and a one-line
`reason` on stderr (argparse's usage errors included), never a traceback; a status 2
leaves the database's data exactly as it was. The comparison cache is left out of that
check: a command that fails after comparing (an export or synopsis to a place that
cannot be written) may keep the comparison it computed, a memo of the drafts, not data
of the user's. (An unknown tag is looked up before anything is compared.)"""

from __future__ import annotations

import contextlib
import io
import itertools
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from drafts.store import Store
from main import main
from tests.builders import akn_document, article
from tests.fuzz.strategies import FUZZ, command_lines


def _data(store: Store) -> list[str]:
    return [line for line in store.dump().splitlines() if not line.startswith(_CACHE)]


_CACHE = 'INSERT INTO "comparisons"'


def _write_fresh_drafts(folder: Path) -> None:
    """A draft in Akoma Ntoso and one in text, never imported before."""
    words = f"The States Parties shall cooperate, {next(_fresh)} times."
    (folder / "fresh.xml").write_text(akn_document(article(1, words)), encoding="utf-8")
    (folder / "fresh.txt").write_text(f"Article 1\n\n{words}\n", encoding="utf-8")


_fresh = itertools.count()


def _run(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exc:  # argparse refuses the command line itself
            status = exc.code if isinstance(exc.code, int) else 2
    return status, err.getvalue()


@FUZZ
@given(data=st.data())
def test_an_odd_command_line_ends_in_success_or_a_reason(
    fuzz_db: tuple[Store, Path], data: st.DataObject
) -> None:
    store, folder = fuzz_db
    argv = data.draw(command_lines(str(folder)))
    _write_fresh_drafts(folder)
    before = _data(store)
    status, err = _run(["--db", str(folder / "fuzz.sqlite3"), *argv])
    assert status in (0, 2), (status, err)
    if status == 2:
        assert err.strip() and "Traceback" not in err, err
        assert _data(store) == before
