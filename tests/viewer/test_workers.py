"""The one background helper: compute in the pool, apply on the GUI thread, the latest
request only, errors to the caller, and the owner showing that it works."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from drafts.aside import Aside
from viewer.workers import Background, after_paint, imports, in_flight, in_steps, run_in_steps

GUI = threading.main_thread()


@pytest.fixture
def owner(qtbot: QtBot) -> QMainWindow:
    window = QMainWindow()
    qtbot.addWidget(window)
    return window


def gated(value: str, gate: threading.Event, threads: list[threading.Thread]) -> str:
    """A computation that waits for `gate` (a slow one, for as long as a test wants)."""
    threads.append(threading.current_thread())
    assert gate.wait(10), "the test never opened the gate"
    return value


def test_run_returns_before_the_computation_which_is_applied_on_the_gui_thread(
    qtbot: QtBot, owner: QMainWindow
) -> None:
    background = Background(owner, owner.statusBar())
    gate, threads, applied = threading.Event(), [], []
    background.run(
        lambda: gated("done", gate, threads),
        lambda value: applied.append((value, threading.current_thread())),
        pytest.fail,
        busy="Working…",
    )
    assert applied == []  # run() came back while the computation waits
    assert background.busy() and owner.statusBar().currentMessage() == "Working…"
    assert owner.cursor().shape() == Qt.CursorShape.BusyCursor
    qtbot.waitUntil(lambda: threads != [])
    assert threads[0] is not GUI
    with qtbot.waitSignal(background.settled, timeout=10000):
        gate.set()
    assert applied == [("done", GUI)]
    assert not background.busy() and owner.statusBar().currentMessage() == ""
    assert owner.cursor().shape() == Qt.CursorShape.ArrowCursor


def test_a_newer_request_supersedes_an_older_one_whose_result_is_dropped(
    qtbot: QtBot, owner: QMainWindow
) -> None:
    background = Background(owner)
    slow_gate, threads, applied, failed = threading.Event(), [], [], []
    background.run(lambda: gated("old", slow_gate, threads), applied.append, failed.append)
    qtbot.waitUntil(lambda: threads != [])  # the old one is computing
    with qtbot.waitSignal(background.settled, timeout=10000):
        background.run(lambda: "new", applied.append, failed.append)
    assert applied == ["new"]
    slow_gate.set()  # the old answer arrives last
    qtbot.waitUntil(lambda: in_flight() == 0, timeout=10000)
    assert applied == ["new"] and failed == []


def test_an_old_error_is_dropped_too(qtbot: QtBot, owner: QMainWindow) -> None:
    background = Background(owner)
    gate, threads, failed = threading.Event(), [], []

    def broken() -> str:
        gated("", gate, threads)
        raise RuntimeError("too late to matter")

    background.run(broken, pytest.fail, failed.append)
    qtbot.waitUntil(lambda: threads != [])
    background.cancel()
    gate.set()
    qtbot.waitUntil(lambda: in_flight() == 0, timeout=10000)
    assert failed == [] and not background.busy()


def test_an_error_in_the_worker_goes_to_failed_on_the_gui_thread(
    qtbot: QtBot, owner: QMainWindow
) -> None:
    background = Background(owner)
    failed: list[tuple[Exception, threading.Thread]] = []

    def broken() -> int:
        raise ValueError("no such provision")

    with qtbot.waitSignal(background.settled, timeout=10000):
        background.run(
            broken, pytest.fail, lambda exc: failed.append((exc, threading.current_thread()))
        )
    ((error, thread),) = failed
    assert isinstance(error, ValueError) and str(error) == "no such provision"
    assert thread is GUI


def test_reading_is_stepped_on_the_gui_thread_before_the_computation(
    qtbot: QtBot, owner: QMainWindow
) -> None:
    background = Background(owner)
    seen: list[tuple[str, threading.Thread]] = []

    def reading() -> Iterator[None]:
        for k in range(3):
            seen.append((f"read {k}", threading.current_thread()))
            yield

    def compute() -> int:
        seen.append(("compute", threading.current_thread()))
        return len(seen)

    applied: list[int] = []
    with qtbot.waitSignal(background.settled, timeout=10000):
        background.run(compute, applied.append, pytest.fail, reading=reading())
    assert [what for what, _ in seen] == ["read 0", "read 1", "read 2", "compute"]
    assert all(thread is GUI for what, thread in seen if what != "compute")
    assert seen[-1][1] is not GUI and applied == [4]


def test_an_error_while_reading_goes_to_failed_and_nothing_is_computed(
    qtbot: QtBot, owner: QMainWindow
) -> None:
    background = Background(owner)
    failed: list[Exception] = []

    def reading() -> Iterator[None]:
        yield
        raise LookupError("the database is locked")

    with qtbot.waitSignal(background.settled, timeout=10000):
        background.run(pytest.fail, pytest.fail, failed.append, reading=reading())
    assert [str(e) for e in failed] == ["the database is locked"]


def test_steps_run_between_events_and_stop_with_their_owner(qtbot: QtBot) -> None:
    taken: list[int] = []
    done: list[bool] = []

    def steps(count: int) -> Iterator[None]:
        for k in range(count):
            taken.append(k)
            time.sleep(0.004)  # two steps fill a slice: the rest wait for the events
            yield

    kept = QObject()
    in_steps(kept, steps(5), lambda: done.append(True))
    assert taken == []  # from the next turn of the event loop, not inside this one
    qtbot.waitUntil(lambda: done == [True])
    assert taken == [0, 1, 2, 3, 4]

    taken.clear()
    gone = QObject()
    in_steps(gone, steps(50), lambda: done.append(False))
    qtbot.waitUntil(lambda: taken != [])
    shiboken6.delete(gone)
    qtbot.wait(100)
    assert 0 < len(taken) < 50 and done == [True]

    taken.clear()
    never = QObject()
    in_steps(never, steps(5), lambda: done.append(False))
    shiboken6.delete(never)  # before its first turn: nothing is taken
    qtbot.wait(50)
    assert taken == [] and done == [True]


def test_a_caller_pumping_events_without_waiting_still_gets_its_result(owner: QMainWindow) -> None:
    """A computation starts when the GUI thread is idle; a loop of processEvents() never
    says it is, and the computation starts all the same, a moment later."""
    background = Background(owner)
    applied: list[int] = []
    background.run(lambda: 42, applied.append, pytest.fail)
    deadline = time.monotonic() + 5
    while not applied and time.monotonic() < deadline:
        QApplication.processEvents()
    assert applied == [42]


def test_modules_load_a_step_each_in_the_order_given(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("colorsys", "tabnanny"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    steps = imports("colorsys", "tabnanny")
    assert "colorsys" not in sys.modules  # nothing loads before the first step
    next(steps)
    assert "colorsys" in sys.modules and "tabnanny" not in sys.modules
    next(steps)
    assert "tabnanny" in sys.modules
    assert list(steps) == []


def test_an_aside_step_runs_in_the_pool_and_the_steps_go_on_on_the_gui_thread(
    qtbot: QtBot,
) -> None:
    """A step yielded as an `Aside` (a wait for the disk) leaves the GUI thread free:
    the events run while it works, and the steps after it see its result."""
    where: dict[str, threading.Thread] = {}
    gate = threading.Event()
    seen: list[object] = []
    done: list[bool] = []

    def slow() -> str:
        where["aside"] = threading.current_thread()
        assert gate.wait(10), "the test never opened the gate"
        return "synced"

    def steps() -> Iterator[object]:
        aside = Aside(slow)
        yield aside
        seen.append(aside.result())
        where["after"] = threading.current_thread()

    owner = QObject()
    in_steps(owner, steps(), lambda: done.append(True))
    qtbot.waitUntil(lambda: "aside" in where)
    assert in_flight() == 1 and done == []
    qtbot.wait(30)  # the GUI thread turns its event loop meanwhile
    assert done == []
    gate.set()
    qtbot.waitUntil(lambda: done == [True])
    assert seen == ["synced"]
    assert where["aside"] is not GUI and where["after"] is GUI
    assert in_flight() == 0


def test_an_error_raised_aside_reaches_failed_through_the_steps(qtbot: QtBot) -> None:
    failed: list[Exception] = []

    def full() -> None:
        raise OSError(28, "No space left on device")

    def steps() -> Iterator[object]:
        aside = Aside(full)
        yield aside
        try:
            aside.result()
        except OSError as exc:
            raise RuntimeError(f"cannot write: {exc.strerror}") from exc

    owner = QObject()
    run_in_steps(owner, steps(), lambda: pytest.fail("the steps went on"), failed.append)
    qtbot.waitUntil(lambda: failed != [])
    assert [str(e) for e in failed] == ["cannot write: No space left on device"]


def test_steps_for_when_idle_wait_for_the_gui_thread_to_be_idle(qtbot: QtBot) -> None:
    """Work nobody waits to see (writing a cache) starts once the events are done,
    not in the turn after the one that asked for it."""
    taken: list[str] = []

    def busy_turns(count: int) -> None:
        """Keep the event loop busy for `count` turns, one event each."""
        taken.append("busy")
        if count > 1:
            QTimer.singleShot(0, lambda: busy_turns(count - 1))

    def steps() -> Iterator[None]:
        taken.append("step")
        yield

    owner = QObject()
    QTimer.singleShot(0, lambda: busy_turns(5))
    in_steps(owner, steps(), when_idle=True)
    qtbot.waitUntil(lambda: "step" in taken)
    assert taken == ["busy"] * 5 + ["step"]

    taken.clear()
    QTimer.singleShot(0, lambda: busy_turns(5))
    in_steps(owner, steps())
    qtbot.waitUntil(lambda: taken.count("busy") == 5 and "step" in taken)
    assert taken.index("step") < 5  # without it, at the next turn


def test_steps_for_when_idle_count_as_in_flight_until_taken_or_their_owner_is_gone(
    qtbot: QtBot,
) -> None:
    def steps() -> Iterator[None]:
        yield

    owner = QObject()
    in_steps(owner, steps(), when_idle=True)
    assert in_flight() == 1
    qtbot.waitUntil(lambda: in_flight() == 0)

    gone = QObject()
    in_steps(gone, steps(), when_idle=True)
    assert in_flight() == 1
    shiboken6.delete(gone)
    assert in_flight() == 0


def test_a_slice_ends_before_a_step_that_would_overrun_it(qtbot: QtBot) -> None:
    """Steps of 6 ms in slices of 8: each slice takes one, and the events posted
    meanwhile run before the next (two a slice made it 12 ms and more)."""
    log: list[str] = []

    def steps() -> Iterator[None]:
        for _ in range(4):
            log.append("step")
            QTimer.singleShot(0, lambda: log.append("event"))
            time.sleep(0.006)
            yield

    done: list[bool] = []
    owner = QObject()
    in_steps(owner, steps(), lambda: done.append(True))
    qtbot.waitUntil(lambda: done == [True] and log.count("event") == 4)
    assert log == ["step", "event"] * 4


def test_the_gui_thread_gets_the_interpreter_back_quickly_while_the_pool_computes(
    qtbot: QtBot, owner: QMainWindow
) -> None:
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)  # Python's default
    try:
        background = Background(owner)
        with qtbot.waitSignal(background.settled, timeout=10000):
            background.run(lambda: 42, lambda _: None, pytest.fail)
        assert sys.getswitchinterval() <= 0.001
    finally:
        sys.setswitchinterval(before)


def test_a_run_for_when_idle_reads_once_the_gui_thread_is_idle(
    qtbot: QtBot, owner: QMainWindow
) -> None:
    """A result that comes second (a search hit's life) waits to read until what is
    being drawn is drawn; counted by in_flight meanwhile."""
    taken: list[str] = []

    def busy_turns(count: int) -> None:
        taken.append("busy")
        if count > 1:
            QTimer.singleShot(0, lambda: busy_turns(count - 1))

    def reading() -> Iterator[None]:
        taken.append("read")
        yield

    background = Background(owner)
    QTimer.singleShot(0, lambda: busy_turns(5))
    with qtbot.waitSignal(background.settled, timeout=10000):
        background.run(lambda: 42, lambda _: None, pytest.fail, reading=reading(), when_idle=True)
        assert in_flight() == 1
    assert taken == ["busy"] * 5 + ["read"]


def test_after_paint_waits_for_the_repaint_asked_for(qtbot: QtBot, owner: QMainWindow) -> None:
    """Qt posts a repaint after the events already waiting: a call on the next turn
    would come before it."""
    order: list[str] = []

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                order.append("painted")
            return False

    owner.show()
    qtbot.waitExposed(owner)
    qtbot.wait(20)
    painted = Painted()
    owner.installEventFilter(painted)
    owner.update()
    QTimer.singleShot(0, lambda: order.append("next turn"))
    after_paint(owner, lambda: order.append("after paint"))
    qtbot.waitUntil(lambda: "after paint" in order)
    assert order.index("next turn") < order.index("painted") < order.index("after paint")
