"""File > Export…: choose a format, a layout and which provisions, see what that comes
to, then pick a file and write it.

What is exported is always `scoped(...)` of the core, recomputed as the choices change,
so the count the dialog shows is the count the file gets, and an empty scope is seen
before a file is chosen. The writing itself is `write_export`, as on the command line:
HTML, Word and CSV in the background (`viewer.workers`), the dialog saying it is
writing and waiting for the file while the window stays responsive.

The PDF is written on the GUI thread, a provision laid out or a page painted at a time
between the window's events (`viewer.workers.run_in_steps`), so the window keeps
answering while it is written (half a second for a hundred provisions). Qt documents
QPdfWriter, QTextDocument and QPainter as usable from another thread, and the pages come
out the same; but PySide holds the interpreter lock through every Qt call, and a
QTextDocument made in the pool takes Qt's connection locks: with the GUI thread
destroying an object meanwhile (holding such a lock, waiting for the interpreter lock)
both threads stopped for good, once in some thirty runs of
tests/benchmarks/bench_stall.py. Nothing of Qt is made off the GUI thread.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from drafts.comparing.compare import ProvisionChange
from drafts.comparing.comparisons import Comparison
from drafts.errors import TravauxError
from drafts.export.model import (
    COLOUR,
    FORMATS,
    INLINE,
    LEGISLATIVE,
    SIDE_BY_SIDE,
    ExportNote,
    ExportRequest,
    Tag,
    scoped,
)
from viewer.annotation_editor import swatch
from viewer.errors import show_error
from viewer.export_pdf import write_export, write_pdf_in_steps
from viewer.workers import Background, run_in_steps

FORMAT_NAMES = {
    "html": ("HTML page", "HTML files (*.html)"),
    "pdf": ("PDF document", "PDF files (*.pdf)"),
    "docx": ("Word document (.docx)", "Word documents (*.docx)"),
    "csv": ("CSV of the annotations", "CSV files (*.csv)"),
}
LAYOUT_NAMES = {SIDE_BY_SIDE: "Side by side", INLINE: "Inline"}
STYLE_NAMES = {COLOUR: "Colour, as on screen", LEGISLATIVE: "Black and white (struck, underlined)"}
"""The looks of an HTML or PDF export (Word shows its tracked changes its own way)."""
ALL, CHANGED, PICKED, TAGGED = range(4)
"""The scope choices, as ids of the scope buttons."""
PAINTED_HERE = "pdf"
"""The format whose writer uses Qt, and so runs on the GUI thread."""
TAG_ROLE = Qt.ItemDataRole.UserRole
FOLDER_KEY, FORMAT_KEY, LAYOUT_KEY = "export/folder", "export/format", "export/layout"


def slug(text: str) -> str:
    """ "First revised draft (Rev. 1)" -> "first-revised-draft-rev-1": a file name part."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def suggested_name(comparison: Comparison, fmt: str) -> str:
    """ "zero-draft-to-final-text.html": the two drafts' labels and the format's suffix."""
    parts = [slug(comparison.old.label), slug(comparison.new.label)]
    stem = "-to-".join(p for p in parts if p) or "comparison"
    return f"{stem}.{fmt}"


def tag_counts(notes: Sequence[ExportNote]) -> list[tuple[Tag, int]]:
    """Each tag of `notes` with how many notes carry it, by name."""
    counts: dict[str, int] = {}
    colours: dict[str, str] = {}
    for note in notes:
        for tag in note.tags:
            counts[tag.name] = counts.get(tag.name, 0) + 1
            colours.setdefault(tag.name, tag.colour)
    return [(Tag(name, colours[name]), counts[name]) for name in sorted(counts, key=str.casefold)]


def _file_error(path: Path, exc: OSError) -> TravauxError:
    return TravauxError(f"{path}: {exc.strerror or exc}")


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


class ExportDialog(QDialog):
    """The export's choices; `request` is what they come to, `written` the file once
    accepted. `choose_path` asks for the file and may be overridden (tests)."""

    def __init__(
        self,
        comparison: Comparison,
        notes: Sequence[ExportNote],
        picked: Sequence[ProvisionChange],
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export Comparison")
        self.comparison, self.notes, self.picked = comparison, tuple(notes), tuple(picked)
        self.settings = settings
        self.request: ExportRequest | None = None
        self.written: Path | None = None
        self.error_box: QMessageBox | None = None
        self.writing = Background(self)
        self.painting = False
        """A PDF is being painted here, in steps."""
        self._make_widgets()
        self._layout()
        self._restore()
        self._connect()
        self.refresh()

    # Building ------------------------------------------------------------------------

    def _make_widgets(self) -> None:
        self.format_box = QComboBox(self)
        self.format_box.setObjectName("exportFormat")
        for fmt in FORMATS:
            self.format_box.addItem(FORMAT_NAMES[fmt][0], fmt)
        self.layout_box = QComboBox(self)
        self.layout_box.setObjectName("exportLayout")
        for layout, name in LAYOUT_NAMES.items():
            self.layout_box.addItem(name, layout)
        self.style_box = QComboBox(self)
        self.style_box.setObjectName("exportStyle")
        for style, name in STYLE_NAMES.items():
            self.style_box.addItem(name, style)
        self._make_scope()
        self.include_notes = QCheckBox("Include a&nnotations", self)
        self.include_notes.setObjectName("exportIncludeNotes")
        self.include_notes.setChecked(bool(self.notes))
        self.include_notes.setEnabled(bool(self.notes))
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("exportTitle")
        self.title_edit.setPlaceholderText(
            f"{self.comparison.old.label} → {self.comparison.new.label}"
        )
        self.summary = QLabel(self)
        self.summary.setObjectName("exportSummary")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = QPushButton("&Export…", self)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)

    def _make_scope(self) -> None:
        changes = self.comparison.changes
        changed = sum(1 for c in changes if c.changed)
        picked = sum(1 for c in changes if any(c is p or c == p for p in self.picked))
        self.scope_all = QRadioButton(f"&All provisions ({len(changes):,})", self)
        self.scope_changed = QRadioButton(f"&Changed provisions only ({changed:,})", self)
        self.scope_picked = QRadioButton(f"&Selected rows ({picked:,})", self)
        self.scope_tagged = QRadioButton("Provisions with annotations &tagged:", self)
        self.scope = QButtonGroup(self)
        buttons = (self.scope_all, self.scope_changed, self.scope_picked, self.scope_tagged)
        names = ("All", "Changed", "Picked", "Tagged")
        for n, (button, name) in enumerate(zip(buttons, names, strict=True)):
            button.setObjectName(f"exportScope{name}")
            self.scope.addButton(button, n)
        self.scope_all.setChecked(True)
        self.scope_picked.setEnabled(picked > 0)
        self.scope_tagged.setEnabled(bool(self.notes))
        self.tag_list = QListWidget(self)
        self.tag_list.setObjectName("exportTags")
        for tag, count in tag_counts(self.notes):
            item = QListWidgetItem(swatch(tag.colour), f"{tag.name} ({count:,})", self.tag_list)
            item.setData(TAG_ROLE, tag.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.tag_list.setEnabled(bool(self.notes))
        self.tag_list.setAccessibleName("Tags")

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("&Format:", self.format_box)
        form.addRow("&Layout:", self.layout_box)
        form.addRow("Loo&k:", self.style_box)
        form.addRow("T&itle:", self.title_edit)
        scope = QGroupBox("Scope", self)
        inner = QVBoxLayout(scope)
        for button in self.scope.buttons():
            inner.addWidget(button)
        tags = QHBoxLayout()
        metric = QStyle.PixelMetric
        indent = self.style().pixelMetric(metric.PM_ExclusiveIndicatorWidth)
        tags.addSpacing(indent + self.style().pixelMetric(metric.PM_RadioButtonLabelSpacing))
        tags.addWidget(self.tag_list)
        inner.addLayout(tags)
        rows = max(2, min(self.tag_list.count(), 5))
        row_height = max(self.tag_list.sizeHintForRow(0), self.fontMetrics().height() + 4)
        self.tag_list.setMaximumHeight(row_height * rows + 2 * self.tag_list.frameWidth())
        self.tag_list.setMinimumHeight(self.tag_list.maximumHeight())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(scope)
        layout.addWidget(self.include_notes)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        order = [self.format_box, self.layout_box, self.style_box, self.title_edit]
        order += self.scope.buttons()
        order += [self.tag_list, self.include_notes, self.export_button]
        order += self.buttons.buttons()
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 75)

    def _restore(self) -> None:
        fmt = str(self.settings.value(FORMAT_KEY, "html"))
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(fmt)))
        layout = str(self.settings.value(LAYOUT_KEY, SIDE_BY_SIDE))
        self.layout_box.setCurrentIndex(max(0, self.layout_box.findData(layout)))

    def _connect(self) -> None:
        self.format_box.currentIndexChanged.connect(self.refresh)
        self.layout_box.currentIndexChanged.connect(self.refresh)
        self.style_box.currentIndexChanged.connect(self.refresh)
        self.scope.idToggled.connect(self._scope_toggled)
        self.tag_list.itemChanged.connect(self._tag_checked)
        self.include_notes.toggled.connect(self.refresh)
        self.title_edit.textChanged.connect(self.refresh)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)

    # The choices ---------------------------------------------------------------------

    @property
    def fmt(self) -> str:
        return str(self.format_box.currentData())

    @property
    def layout_choice(self) -> str:
        return str(self.layout_box.currentData())

    def checked_tags(self) -> set[str]:
        items = (self.tag_list.item(k) for k in range(self.tag_list.count()))
        return {i.data(TAG_ROLE) for i in items if i.checkState() == Qt.CheckState.Checked}

    def _scope_toggled(self, _id: int, on: bool) -> None:
        if on:
            self.refresh()

    def _tag_checked(self, item: QListWidgetItem) -> None:
        """Checking a tag chooses that scope; the list is the scope's own detail."""
        if item.checkState() == Qt.CheckState.Checked:
            self.scope_tagged.setChecked(True)
        self.refresh()

    def _with_notes(self) -> bool:
        """A CSV is the annotations: there, they are always included."""
        return self.fmt == "csv" or self.include_notes.isChecked()

    def build_request(self) -> ExportRequest | None:
        """What the choices come to; None when the scope is tags and none is checked."""
        choice = self.scope.checkedId()
        tags = self.checked_tags() if choice == TAGGED else None
        if choice == TAGGED and not tags:
            return None
        request = scoped(
            self.comparison,
            changed_only=choice == CHANGED,
            picked=self.picked if choice == PICKED else None,
            tags=tags,
            notes=self.notes,
            layout=self.layout_choice,
            title=self.title_edit.text().strip(),
            style=str(self.style_box.currentData()),
        )
        if self._with_notes():
            return request
        return replace(request, rows=tuple(replace(r, notes=()) for r in request.rows))

    def refresh(self) -> None:
        csv = self.fmt == "csv"
        self.layout_box.setEnabled(not csv)
        self.style_box.setEnabled(self.fmt in ("html", "pdf"))
        self.include_notes.setEnabled(bool(self.notes) and not csv)
        self.request = self.build_request()
        text, ready = self._summary_text(self.request, csv)
        self.summary.setText(text)
        self.export_button.setEnabled(ready)

    def _summary_text(self, request: ExportRequest | None, csv: bool) -> tuple[str, bool]:
        """The live line, and whether there is anything to write."""
        if request is None:
            return "Check at least one tag to choose provisions.", False
        rows, notes = len(request.rows), len(request.notes())
        if not rows:
            return "No provisions in this scope: nothing to export.", False
        if csv:
            if not notes:
                return (
                    f"No annotations on these {_count(rows, 'provision')}: the CSV would be empty.",
                    False,
                )
            return f"{_count(notes, 'annotation')} on {_count(rows, 'provision')}", True
        if not self._with_notes() or not self.notes:
            return _count(rows, "provision"), True
        return f"{_count(rows, 'provision')}, {_count(notes, 'annotation')}", True

    # Writing -------------------------------------------------------------------------

    def suggested_path(self) -> Path:
        folder = str(self.settings.value(FOLDER_KEY, "") or "")
        if not folder or not Path(folder).is_dir():
            places = QStandardPaths.StandardLocation.DocumentsLocation
            folder = QStandardPaths.writableLocation(places) or str(Path.home())
        return Path(folder) / suggested_name(self.comparison, self.fmt)

    def choose_path(self, suggested: Path) -> Path | None:
        """Ask for the file to write; None when the reader cancels."""
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export Comparison", str(suggested), FORMAT_NAMES[self.fmt][1]
        )
        return Path(chosen) if chosen else None

    def export(self) -> None:
        """Ask for a file and write it in the background; the dialog closes once it is
        written, and an error leaves it open to try again."""
        request = self.build_request()
        busy = self.writing.busy() or self.painting
        if request is None or not self.export_button.isEnabled() or busy:
            return
        chosen = self.choose_path(self.suggested_path())
        if not chosen:
            return
        path = Path(chosen)  # an override may hand back a str
        if not path.suffix:
            path = path.with_suffix(f".{self.fmt}")
        self._remember(path)
        fmt = self.fmt
        if fmt == PAINTED_HERE:
            self._write_here(request, path)
            return
        self._set_writing(True)
        self.summary.setText(f"Writing {path.name}…")
        self.writing.run(
            lambda: write_export(request, fmt, path),
            lambda _: self._written(path),
            lambda exc: self._write_failed(path, exc),
            busy=f"Writing {path.name}…",
        )

    def _write_here(self, request: ExportRequest, path: Path) -> None:
        """Paint the PDF on the GUI thread (see the module's docstring), a provision or
        a page at a time between the window's events, so it never freezes."""
        self._set_writing(True)
        self.painting = True
        self.summary.setText(f"Writing {path.name}…")
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

        def done() -> None:
            self._painted()
            self._written(path)

        def failed(exc: Exception) -> None:
            self._painted()
            self._write_failed(path, exc)

        run_in_steps(self, write_pdf_in_steps(request, path), done, failed)

    def _painted(self) -> None:
        self.painting = False
        QApplication.restoreOverrideCursor()

    def _written(self, path: Path) -> None:
        self._set_writing(False)
        self.written = path
        self.accept()

    def _write_failed(self, path: Path, exc: Exception) -> None:
        self._set_writing(False)
        self.refresh()  # the summary again, instead of "Writing…"
        error = _file_error(path, exc) if isinstance(exc, OSError) else exc
        self.error_box = show_error(self, "Export failed", error)

    def _set_writing(self, on: bool) -> None:
        """While the file is written, nothing can be chosen, exported again or
        cancelled (the file would be written all the same). Enabled again, each
        control is as it was (Qt keeps the ones disabled on their own account)."""
        self.setEnabled(not on)

    def reject(self) -> None:
        if not self.writing.busy() and not self.painting:  # Escape waits for the file too
            super().reject()

    def _remember(self, path: Path) -> None:
        self.settings.setValue(FOLDER_KEY, str(path.parent))
        self.settings.setValue(FORMAT_KEY, self.fmt)
        self.settings.setValue(LAYOUT_KEY, self.layout_choice)
