"""The app's start loads only what its first painted window needs (issue 20).

The real start (`main.main` with no command, over a database with the demo and its
comparison cached) runs in a fresh process until the first frame of its window is
painted; that process then reports which modules it had loaded. Readers of Word files,
the demo importer, exporters and the like must load when first used, not at start.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

START = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    done = False

    def eventFilter(self, obj, event):
        painted = event.type() == QEvent.Type.Paint and obj.isWidgetType() and obj.isWindow()
        if painted and not self.done:
            self.done = True
            QTimer.singleShot(0, self.report)  # once the whole first frame is painted
        return False

    def report(self):
        shown = any(getattr(w, "comparison", None) for w in QApplication.topLevelWidgets())
        if "--settle" in sys.argv and not shown:  # wait until the comparison is cached
            QTimer.singleShot(20, self.report)
            return
        print(json.dumps({"modules": sorted(sys.modules)}), flush=True)
        QApplication.instance().quit()

app = QApplication(sys.argv[:1])
watcher = FirstPaint()
app.installEventFilter(watcher)
import main
sys.exit(main.main(["--db", sys.argv[1]]))
"""


def _start(db: Path, config: Path, *extra: str) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(config))
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", START, str(db), *extra],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )  # fmt: skip
    if done.returncode != 0:  # not an AssertionError: the xfails below must not swallow it
        pytest.fail(f"the app did not start:\n{done.stderr}", pytrace=False)
    report: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return report


@pytest.fixture(scope="module")
def at_first_paint(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """What the start had loaded when its window was first painted."""
    from drafts.demo import import_demo
    from drafts.store import Store

    folder = tmp_path_factory.mktemp("startup")
    db, config = folder / "travaux.sqlite3", folder / "config"
    with Store(db) as store:
        import_demo(store)
    _start(db, config, "--settle")  # the first start computes the comparison and caches it
    return _start(db, config)


LAZY = [
    "drafts.demo",  # only an empty database needs the demo imported
    "sqlite_utils",  # only when the schema is written (a new or older database)
    "drafts.reading.wordml",  # Word's reader: only an import of a .docx
    "drafts.reading.docx_package",
    "drafts.reading.conversion",  # Word, text and Markdown: only when one is imported
    "drafts.reading.plain_text",
    "drafts.reading.akn_writer",
    "drafts.reading.akoma",  # Akoma Ntoso: only when one is imported
    "lxml",
    "drafts.reading.pdf",  # PDF's reader and its library: only an import of a .pdf
    "drafts.reading.pdf_layout",
    "drafts.reading.pdf_runs",
    "pypdfium2",
    "drafts.export.notes",  # the exporters: only File > Export
    "drafts.export.model",
    "drafts.export.formats",
    "drafts.export.docx",
    "viewer.export_dialog",
    "viewer.export_pdf",
    "viewer.history_window",  # a window of its own: only when opened
    "drafts.negotiation.blame",
    "viewer.agreement_chart",
    "viewer.search_panel",  # the dock that searches all drafts: only when first shown
    "drafts.negotiation.search",
    "viewer.own_marks",  # the drafts' own marks: only when opened
    "drafts.negotiation.redline",
    "viewer.drafts_dialog",  # File > Drafts: only when opened
    "drafts.library",
    "viewer.help",  # Help > Keyboard shortcuts, About: only when asked
    "viewer.synopsis_dialog",  # File > Export synopsis: only when chosen
    "drafts.negotiation.synopsis",
    "drafts.export.synopsis",
    "drafts.negotiation.brackets",  # brackets: marked with the first text shown, after
    "drafts.negotiation.blame",  # the history window's, loaded as it opens
    "viewer.history_timeline",
    "viewer.blame_view",
    "viewer.annotating",  # annotations: made after the first paint, which shows none
    "viewer.annotation_panel",
    "viewer.annotation_editor",
    "viewer.annotation_listing",
    "viewer.annotation_loading",
    "viewer.tag_editor",
    "drafts.annotating.annotations",
    "drafts.annotating.anchoring",
    "viewer.team_sync",  # the team's dock and File > Share, Sync: with the annotations
    "viewer.team_panel",
    "viewer.importing",  # File > Import: made with the first import
    "viewer.import_dialog",
    "drafts.importer",
    "drafts.import_plan",
    "drafts.negotiation.history",  # a provision's history: only when followed
]


@pytest.mark.parametrize("module", LAZY)
def test_the_start_does_not_load(module: str, at_first_paint: dict[str, object]) -> None:
    assert "viewer.main_window" in at_first_paint["modules"]  # type: ignore[operator]
    assert module not in at_first_paint["modules"]  # type: ignore[operator]
