"""Importing files from the window: read them in a worker, with a progress dialog that
can cancel; ask what each draft is filed under (`viewer.import_dialog`); then store them
on the GUI thread in one transaction.

Nothing is stored until every file has been read and checked and the reader has said
Import, so a bad file named on its own, a cancel at either step, leaves the database as
it was. A folder's files that are not drafts, or cannot be read, are left out and the
dialog says which and why (`drafts.import_plan`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from drafts.errors import DraftImportError, TravauxError
from drafts.import_plan import Found, Skipped, find_drafts, read_found
from drafts.importer import (
    ImportCancelled,
    ImportReport,
    ReadDocument,
    read_documents,
    store_drafts,
)
from drafts.store import Store
from viewer.import_dialog import ImportDialog
from viewer.workers import Background, Progress


class ImportFlow(QObject):
    """One import at a time: `succeeded` with the report, `cancelled` (while reading,
    or in the import dialog), or `failed` with the error (whose message names the file
    and the reason). `reviewing` fires when the import dialog opens."""

    succeeded = Signal(ImportReport)
    cancelled = Signal()
    failed = Signal(Exception)
    reviewing = Signal(ImportDialog)

    def __init__(self, store: Store, parent: QWidget) -> None:
        super().__init__(parent)
        self.store = store
        self.window = parent
        self.dialog: QProgressDialog | None = None
        self.background = Background(parent)
        self.progress: Progress | None = None
        self.files: list[Path] = []
        self.review: ImportDialog | None = None

    def busy(self) -> bool:
        return self.progress is not None or self.review is not None

    def start(self, paths: list[str]) -> None:
        if self.busy():
            return
        try:
            found = find_drafts(paths)
        except Exception as exc:  # any failure: a dialog naming the file, never a stuck status
            self.failed.emit(naming_the_file(exc, ", ".join(paths)))
            return
        self.files = found.files
        progress = self.progress = Progress(self)
        self.dialog = self._progress_dialog(len(found.files))
        self.dialog.canceled.connect(progress.cancel)
        progress.reported.connect(self._progress)
        self.background.run(lambda: _read_all(found, progress), self._read, self._failed)

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
        dialog = self.dialog
        if dialog is None:
            return
        dialog.setValue(done)  # a modal dialog lets events in here: the reading may land
        if done < total and self.dialog is dialog:
            dialog.setLabelText(f"Reading {self.files[done].name} ({done + 1} of {total})…")

    def _read(self, read: tuple[list[ReadDocument], list[Skipped]]) -> None:
        """Every file read: ask what each draft is filed under before storing any."""
        self._finish()
        documents, skipped = read
        stored = {
            d.draft.source: twin for d in documents if (twin := self.store.find_duplicate(d.draft))
        }
        review = self.review = ImportDialog(
            documents, skipped, self.store.negotiations(), self.window, stored
        )
        review.setWindowModality(Qt.WindowModality.WindowModal)
        review.accepted.connect(lambda: self._store(review, documents))
        review.rejected.connect(lambda: self._dismissed(review))
        review.open()
        self.reviewing.emit(review)

    def _store(self, review: ImportDialog, documents: list[ReadDocument]) -> None:
        self._close_review(review)
        detections = [(d.draft.source, d.detection) for d in documents if d.detection is not None]
        try:
            report: ImportReport = store_drafts(self.store, review.drafts, detections)
        except Exception as exc:  # as above: whatever failed reaches the user, named
            self.failed.emit(naming_the_file(exc, ", ".join(map(str, self.files))))
            return
        self.succeeded.emit(report)

    def _dismissed(self, review: ImportDialog) -> None:
        self._close_review(review)
        self.cancelled.emit()

    def _close_review(self, review: ImportDialog) -> None:
        review.deleteLater()
        self.review = None

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


FOLDER_KEY = "import/folder"
"""Where the last import came from: the file and folder dialogs open there."""


class _Importer(Protocol):
    settings: QSettings

    def import_files(self, paths: list[str]) -> None: ...


def import_folder(window: _Importer, parent: QWidget) -> None:
    """File > Import a folder…: choose a folder, starting where the last import came
    from, and import the drafts in it (the import dialog says what it leaves out)."""
    last = str(window.settings.value(FOLDER_KEY) or "")
    start = last if last and Path(last).is_dir() else str(Path.home())
    folder = QFileDialog.getExistingDirectory(parent, "Import a folder of drafts", start)
    if folder:
        window.settings.setValue(FOLDER_KEY, folder)
        window.import_files([folder])


def _read_all(found: Found, progress: Progress) -> tuple[list[ReadDocument], list[Skipped]]:
    """Read every file (in the worker); an unexpected error names the file it came from."""
    files = found.files
    reading: list[Path] = files[:1]

    def report(done: int, total: int) -> None:
        reading[:] = files[done : done + 1]
        progress.report(done, total)

    try:
        return read_found(found, report, progress.cancelled, read=read_documents)
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
