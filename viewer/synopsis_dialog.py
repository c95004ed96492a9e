"""File > Export synopsis…: the four-column document for the drafts the reader ticks.

The drafts of the negotiation on screen are listed in negotiation order, all ticked;
the reader keeps the ones the table should have (two or more), picks HTML, Word or PDF,
the colour or the black-and-white legislative look, and whether the last column holds
the annotations. The work is `drafts.export.synopsis`, as on the command line: what it
reads of the store is read here first (`viewer.snapshots`), then the synopsis is made
and written in the background (`viewer.workers`), the dialog waiting for the file. A
PDF is painted by Qt on the window's thread (`viewer.synopsis_pdf`), a page at a time
between the window's events, as the comparison's PDF is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from drafts.export.model import COLOUR, LEGISLATIVE
from drafts.export.synopsis import SynopsisRequest, synopsis_request, write_synopsis
from drafts.model import StoredDraft
from drafts.wording import draft_name, plural
from viewer.errors import show_error
from viewer.export_dialog import FOLDER_KEY, slug
from viewer.snapshots import Reader, StoreSnapshot
from viewer.synopsis_pdf import write_synopsis_pdf_in_steps
from viewer.workers import Background, run_in_steps

FORMATS = {
    "html": ("HTML page", "HTML files (*.html)"),
    "docx": ("Word table", "Word (*.docx)"),
    "pdf": ("PDF document", "PDF files (*.pdf)"),
}
PAINTED_HERE = "pdf"
"""Qt paints a PDF on the GUI thread; the other formats are written in the pool."""
STYLE_NAMES = {COLOUR: "Colour, as on screen", LEGISLATIVE: "Black and white (struck, underlined)"}
DRAFT_ROLE = Qt.ItemDataRole.UserRole


class SynopsisDialog(QDialog):
    """The synopsis' choices; `written` is the file once accepted. `choose_path` asks
    for the file and may be overridden (tests)."""

    def __init__(
        self,
        reader: Reader,
        drafts: list[StoredDraft],
        settings: QSettings,
        cache: Callable[[StoreSnapshot], None],
        parent: QWidget | None = None,
    ) -> None:
        """`cache(snapshot)` keeps the comparisons made for the synopsis in the store."""
        super().__init__(parent)
        self.cache = cache
        self.setObjectName("synopsisDialog")
        self.setWindowTitle("Export Synopsis")
        self.reader, self.all_drafts, self.settings = reader, drafts, settings
        self.written: Path | None = None
        self.error_box: QMessageBox | None = None
        self.writing = Background(self)
        self.painting = False
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.draft_list = QListWidget(self)
        self.draft_list.setObjectName("synopsisDrafts")
        for d in self.all_drafts:
            item = QListWidgetItem(draft_name(d), self.draft_list)
            item.setData(DRAFT_ROLE, d.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.format_box = QComboBox(self)
        self.format_box.setObjectName("synopsisFormat")
        for fmt, (name, _) in FORMATS.items():
            self.format_box.addItem(name, fmt)
        self.style_box = QComboBox(self)
        self.style_box.setObjectName("synopsisStyle")
        for style, name in STYLE_NAMES.items():
            self.style_box.addItem(name, style)
        self.with_notes = QCheckBox("A last column with the &annotations", self)
        self.with_notes.setChecked(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("synopsisSummary")
        self.export_button = QPushButton("&Export…", self)
        self.export_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.export)
        self.draft_list.itemChanged.connect(lambda _: self.refresh())
        form = QFormLayout()
        form.addRow("&Format:", self.format_box)
        form.addRow("&Look:", self.style_box)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Drafts, one column each, in this order:", self))
        layout.addWidget(self.draft_list)
        layout.addLayout(form)
        layout.addWidget(self.with_notes)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self._fit_list()

    def _fit_list(self) -> None:
        """Every draft's full name in view, up to ten rows before it scrolls."""
        frame = 2 * self.draft_list.frameWidth()
        wide = self.draft_list.sizeHintForColumn(0) + frame + self.fontMetrics().height()
        self.draft_list.setMinimumWidth(min(wide, 900))
        rows = min(max(self.draft_list.count(), 2), 10)
        self.draft_list.setMinimumHeight(self.draft_list.sizeHintForRow(0) * rows + frame)

    def chosen(self) -> list[StoredDraft]:
        """The ticked drafts, in the list's (negotiation) order."""
        ticked = {
            self.draft_list.item(k).data(DRAFT_ROLE)
            for k in range(self.draft_list.count())
            if self.draft_list.item(k).checkState() == Qt.CheckState.Checked
        }
        return [d for d in self.all_drafts if d.id in ticked]

    def refresh(self) -> None:
        drafts = self.chosen()
        enough = len(drafts) >= 2
        self.export_button.setEnabled(enough and not self._busy())
        if enough:
            self.summary.setText(
                f"{plural(len(drafts), 'column')}: {drafts[0].label} → {drafts[-1].label}"
            )
        else:
            self.summary.setText("Tick two drafts or more")

    @property
    def fmt(self) -> str:
        return str(self.format_box.currentData())

    def suggested_path(self) -> Path:
        folder = str(self.settings.value(FOLDER_KEY, "") or "")
        if not folder or not Path(folder).is_dir():
            places = QStandardPaths.StandardLocation.DocumentsLocation
            folder = QStandardPaths.writableLocation(places) or str(Path.home())
        drafts = self.chosen()
        name = f"synopsis-{slug(drafts[0].label)}-to-{slug(drafts[-1].label)}.{self.fmt}"
        return Path(folder) / name

    def choose_path(self, suggested: Path) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export Synopsis", str(suggested), FORMATS[self.fmt][1]
        )
        return Path(chosen) if chosen else None

    def export(self) -> None:
        """Ask for a file, read what the synopsis needs, make and write it in the
        background; the dialog closes once the file is written."""
        drafts = self.chosen()
        if len(drafts) < 2 or self._busy():
            return
        chosen = self.choose_path(self.suggested_path())
        if not chosen:
            return
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(f".{self.fmt}")
        self.settings.setValue(FOLDER_KEY, str(path.parent))
        fmt, style, notes = self.fmt, str(self.style_box.currentData()), self.with_notes.isChecked()
        snapshot, reading = self.reader.synopsis(drafts)
        self.setEnabled(False)
        self.summary.setText(f"Writing {path.name}…")

        def compute() -> SynopsisRequest | None:
            request = synopsis_request(snapshot.as_store(), drafts, notes, style)
            if fmt == PAINTED_HERE:
                return request  # painted on the GUI thread, by `_paint`
            write_synopsis(request, fmt, path)
            return None

        def made(request: SynopsisRequest | None) -> None:
            if request is None:
                self._written(path, snapshot)
            else:
                self._paint(request, path, snapshot)

        self.writing.run(
            compute,
            made,
            lambda exc: self._failed(path, exc),
            busy=f"Writing {path.name}…",
            reading=reading,
        )

    def _paint(self, request: SynopsisRequest, path: Path, snapshot: StoreSnapshot) -> None:
        """Paint the PDF a provision or a page at a time between the window's events."""
        self.painting = True
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

        def done() -> None:
            self._painted()
            self._written(path, snapshot)

        def failed(exc: Exception) -> None:
            self._painted()
            self._failed(path, exc)

        run_in_steps(self, write_synopsis_pdf_in_steps(request, path), done, failed)

    def _painted(self) -> None:
        self.painting = False
        QApplication.restoreOverrideCursor()

    def _busy(self) -> bool:
        return self.writing.busy() or self.painting

    def _written(self, path: Path, snapshot: StoreSnapshot) -> None:
        self.cache(snapshot)
        self.setEnabled(True)
        self.written = path
        self.accept()

    def _failed(self, path: Path, exc: Exception) -> None:
        self.setEnabled(True)
        self.refresh()
        self.error_box = show_error(self, "Export failed", exc)

    def reject(self) -> None:
        if not self._busy():
            super().reject()
