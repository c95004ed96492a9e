"""Start-up: from process start to the first painted window (run on demand, not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_startup [--runs 7]
        [--imports 25]

Alternates, each in a fresh process, (a) a bare PySide6 QMainWindow with a QTextEdit and
(b) Travaux's real start (`main.main([])`, i.e. `python main.py` with no command) over a
temporary database with the demo imported beforehand (and its first comparison cached by
one start before the measured ones). Both children run the same harness:
create the QApplication, watch for the first paint of a top-level window, and print a line
once that frame is done. The time is measured here, in the parent, from just before the
process is spawned to that line, so interpreter start-up counts for both alike. Prints
the medians, their ratio (target: Travaux within 1.5x of the bare window), and with
`--imports N` the N slowest imports of the Travaux start by `python -X importtime`
(cumulative, as the top-level import that pulled them in).

Each child also says how much processor time it had used by then. On a machine busy
with other programs the clock counts their time too; the processor times, and their
ratio, are the figures to compare between runs there.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET_RATIO = 1.5
PAINTED = "painted"

HARNESS = f"""
import sys
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    # Prints once the first frame of a top-level window is done, then quits.
    done = False

    def eventFilter(self, obj, event):
        if (
            not self.done
            and event.type() == QEvent.Type.Paint
            and obj.isWidgetType()
            and obj.isWindow()
        ):
            self.done = True
            QTimer.singleShot(0, self.finish)  # after the whole frame is painted
        return False

    def finish(self):
        print({PAINTED!r}, time.process_time(), flush=True)
        self.settle()

    def settle(self):
        # With --settle, wait until a window has its comparison (so it is in the cache).
        shown = any(
            getattr(w, "comparison", None) is not None for w in QApplication.topLevelWidgets()
        )
        if "--settle" in sys.argv and not shown:
            QTimer.singleShot(20, self.settle)
        else:
            QApplication.instance().quit()

app = QApplication(sys.argv[:1])
watcher = FirstPaint()
app.installEventFilter(watcher)
"""

BARE = (
    HARNESS
    + """
from PySide6.QtWidgets import QMainWindow, QTextEdit
window = QMainWindow()
window.setCentralWidget(QTextEdit("A bare window with a text view."))
window.resize(1000, 700)
window.show()
app.exec()
"""
)

TRAVAUX = (
    HARNESS
    + """
import main  # what `python main.py` runs; it finds the QApplication made above
sys.exit(main.main(["--db", sys.argv[1]]))
"""
)


def child_env(config: Path) -> dict[str, str]:
    """Offscreen, a scratch settings folder so no saved window state is read, and
    compiled modules cached as on a user's machine."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(config))
    # An installed app keeps its compiled modules (`__pycache__`) from its first run on;
    # a shell that forbids writing them would make every start compile every module.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def time_to_paint(script: str, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawning a Python that runs `script` to its first painted window,
    and the processor seconds the child had used by then."""
    with tempfile.TemporaryFile("w+") as errors:
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", script, *args],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            cwd=ROOT,
            env=env,
        )
        assert child.stdout is not None
        said, _, cpu = child.stdout.readline().strip().partition(" ")
        elapsed = time.perf_counter() - start
        child.wait(timeout=60)
        if said != PAINTED:
            errors.seek(0)
            raise SystemExit(f"the child never painted (exit {child.returncode}):\n{errors.read()}")
    return elapsed, float(cpu)


def prepare_database(db: Path, env: dict[str, str]) -> None:
    """The demo imported beforehand, by the CLI, and one start of the app that waits for
    its comparison: every measured start then reads it from the cache, as every start
    after the first does (and none of them races a comparison in a worker)."""
    subprocess.run(
        [sys.executable, "main.py", "import", "--demo", "--db", str(db)],
        check=True,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    time_to_paint(TRAVAUX, [str(db), "--settle"], env)


def slowest_imports(db: Path, env: dict[str, str], count: int) -> list[tuple[int, str]]:
    """The `count` largest cumulative import times (µs) of the Travaux start."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", TRAVAUX, str(db)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(cumulative), name.rstrip()))
    return sorted(rows, reverse=True)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--imports", type=int, default=0, metavar="N")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(Path(tmp) / "config")
        db = Path(tmp) / "travaux.sqlite3"
        prepare_database(db, env)
        bare, travaux = [], []
        for _ in range(args.runs):
            bare.append(time_to_paint(BARE, [], env))
            travaux.append(time_to_paint(TRAVAUX, [str(db)], env))
        a, b = (statistics.median(t for t, _ in runs) for runs in (bare, travaux))
        ca, cb = (statistics.median(c for _, c in runs) for runs in (bare, travaux))
        verdict = "met" if b / a <= TARGET_RATIO else "NOT met"
        print(f"Start to first painted window (median of {args.runs} alternating runs):")
        print(f"{'':34} {'clock':>8} {'processor':>10}")
        print(f"  bare PySide6 window + text view  {a * 1000:5.0f} ms {ca * 1000:7.0f} ms")
        print(f"  Travaux (main.py, demo database) {b * 1000:5.0f} ms {cb * 1000:7.0f} ms")
        ratios = f"ratio {b / a:.2f}x (processor {cb / ca:.2f}x)"
        print(f"  {ratios}  target within {TARGET_RATIO}x: {verdict}")
        print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} processors")
        if args.imports:
            print("\nSlowest imports of the Travaux start (cumulative, -X importtime):")
            for micros, name in slowest_imports(db, env, args.imports):
                print(f"  {micros / 1000:7.1f} ms  {name}")


if __name__ == "__main__":
    main()
