"""Importing files from the window: read them in a worker, with a progress dialog that
can cancel, then store them on the GUI thread in one transaction.

Nothing is stored until every file has been read and checked, so a bad file or a
cancel leaves the database as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from drafts.errors import DraftImportError, TravauxError
from drafts.importer import (
    ImportCancelled,
    ImportReport,
    ReadDocument,
    collect_files,
    read_documents,
    store_drafts,
)
from drafts.store import Store
from viewer.workers import Background, Progress


class ImportFlow(QObject):
    """One import at a time: `succeeded` with the report, `cancelled`, or `failed` with
    the error (whose message names the file and the reason)."""

    succeeded = Signal(ImportReport)
    cancelled = Signal()
    failed = Signal(Exception)

    def __init__(self, store: Store, parent: QWidget) -> None:
        super().__init__(parent)
        self.store = store
        self.window = parent
        self.dialog: QProgressDialog | None = None
        self.background = Background(parent)
        self.progress: Progress | None = None
        self.files: list[Path] = []

    def busy(self) -> bool:
        return self.progress is not None

    def start(self, paths: list[str]) -> None:
        if self.busy():
            return
        try:
            self.files = collect_files(paths)
        except Exception as exc:  # any failure: a dialog naming the file, never a stuck status
            self.failed.emit(naming_the_file(exc, ", ".join(paths)))
            return
        files = self.files
        progress = self.progress = Progress(self)
        self.dialog = self._progress_dialog(len(files))
        self.dialog.canceled.connect(progress.cancel)
        progress.reported.connect(self._progress)
        self.background.run(lambda: _read_all(files, progress), self._read, self._failed)

    def _progress_dialog(self, total: int) -> QProgressDialog:
        dialog = QProgressDialog("Reading drafts…", "Cancel", 0, total, self.window)
        dialog.setObjectName("importProgress")
        dialog.setWindowTitle("Importing drafts")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # a quick import never flashes a dialog
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        return dialog

    def _progress(self, done: int, total: int) -> None:
        if self.dialog is None:
            return
        self.dialog.setValue(done)
        if done < total:
            self.dialog.setLabelText(f"Reading {self.files[done].name} ({done + 1} of {total})…")

    def _read(self, read: list[ReadDocument]) -> None:
        self._finish()
        detections = [(d.draft.source, d.detection) for d in read if d.detection is not None]
        try:
            report: ImportReport = store_drafts(self.store, [d.draft for d in read], detections)
        except Exception as exc:  # as above: whatever failed reaches the user, named
            self.failed.emit(naming_the_file(exc, ", ".join(map(str, self.files))))
            return
        self.succeeded.emit(report)

    def _failed(self, error: Exception) -> None:
        self._finish()
        if isinstance(error, ImportCancelled):
            self.cancelled.emit()
        else:
            self.failed.emit(naming_the_file(error, ", ".join(map(str, self.files))))

    def _finish(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect()
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        if self.progress is not None:
            self.progress.deleteLater()
        self.progress = None


def _read_all(files: list[Path], progress: Progress) -> list[ReadDocument]:
    """Read every file (in the worker); an unexpected error names the file it came from."""
    reading: list[Path] = files[:1]

    def report(done: int, total: int) -> None:
        reading[:] = files[done : done + 1]
        progress.report(done, total)

    try:
        return read_documents(files, progress=report, should_cancel=progress.cancelled)
    except TravauxError:
        raise
    except Exception as exc:
        raise naming_the_file(exc, str(reading[0]) if reading else "the files") from exc


def naming_the_file(error: Exception, where: str) -> TravauxError:
    """`error` as the dialog shows it: a TravauxError names its file already; any other
    (a defect of ours, say "list index out of range") is named by where it happened."""
    if isinstance(error, TravauxError):
        return error
    return DraftImportError(
        where, f"could not be imported ({type(error).__name__}: {error}); nothing was stored"
    )


def report_box(parent: QWidget, report: ImportReport) -> QMessageBox | None:
    """After an import with something to check (what structure detection found and was
    unsure of in Word and text files, unbalanced brackets, tracked changes accepted), a
    dialog saying so, every note in its details; None when there is nothing to say."""
    if not report.warnings and not report.duplicates:
        return None
    box = QMessageBox(parent)
    box.setObjectName("importReport")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Import report")
    drafts = len(report.added)
    notes = len(report.warnings)
    text = f"Imported {drafts} draft{'s' if drafts != 1 else ''}" + (
        f", with {notes} note{'s' if notes != 1 else ''} to check against the original."
        if notes
        else "."
    )
    if report.duplicates:  # nothing added for these: say why here, not only in the status bar
        already = "; ".join(
            f"{Path(source).name} is already stored as {stored.label} (same content)"
            for source, stored in report.duplicates
        )
        text += f" Nothing was added for {len(report.duplicates)}: {already}."
    box.setText(text)
    found = [
        f"{Path(source).name}: {detection.summary()}" for source, detection in report.detections
    ]
    box.setInformativeText("\n".join(found))
    box.setDetailedText("\n".join(report.warnings))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.show()
    return box
