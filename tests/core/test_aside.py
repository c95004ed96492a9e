"""A step that may run on another thread: its outcome comes back where it was yielded,
and a caller that never runs it elsewhere still gets all the work done, in order."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from drafts.aside import Aside
from drafts.files import WriteError, write_atomically_in_steps


def test_the_work_runs_once_wherever_it_runs_first() -> None:
    calls: list[str] = []
    aside = Aside(lambda: calls.append(threading.current_thread().name) or 42)
    worker = threading.Thread(target=aside.run, name="worker")
    worker.start()
    worker.join()
    assert aside.result() == 42
    assert calls == ["worker"]  # not again on this thread


def test_unrun_work_runs_when_its_result_is_asked_for() -> None:
    calls: list[int] = []
    aside = Aside(lambda: calls.append(1) or "done")
    assert calls == []
    assert aside.result() == "done" and calls == [1]


def test_an_error_raised_aside_is_raised_again_by_result() -> None:
    def fail() -> None:
        raise OSError(28, "No space left on device")

    aside = Aside(fail)
    worker = threading.Thread(target=aside.run)
    worker.start()
    worker.join()  # the worker itself raised nothing
    with pytest.raises(OSError, match="No space left"):
        aside.result()


def written(text: str) -> Callable[[Path], Iterator[None]]:
    def write(part: Path) -> Iterator[None]:
        part.write_text(text)
        yield

    return write


def test_writing_in_steps_yields_its_check_as_an_aside(tmp_path: Path) -> None:
    """The check and the wait for the disk are the one step a window may take on
    another thread; the file is moved into place by the step after it."""
    out = tmp_path / "a.txt"
    steps = write_atomically_in_steps(out, written("whole"), lambda part: "")
    taken = list(steps)
    asides = [s for s in taken if isinstance(s, Aside)]
    assert len(asides) == 1
    assert out.read_text() == "whole"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_check_failed_aside_fails_the_write_at_its_step(tmp_path: Path) -> None:
    out = tmp_path / "a.txt"
    out.write_text("earlier")
    steps = write_atomically_in_steps(out, written("ha"), lambda part: "too short")
    step = next(steps)
    while not isinstance(step, Aside):
        step = next(steps)
    worker = threading.Thread(target=step.run)
    worker.start()
    worker.join()
    with pytest.raises(WriteError, match="not whole \\(too short\\); nothing replaced"):
        next(steps)
    assert out.read_text() == "earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
