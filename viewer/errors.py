"""The one place where core errors become dialogs: the message names the file and the reason."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from drafts.errors import TravauxError


def show_error(parent: QWidget | None, title: str, error: TravauxError | Exception) -> QMessageBox:
    """Show `error` in a modal dialog (non-blocking for tests: returns the box, already open)."""
    box = QMessageBox(
        QMessageBox.Icon.Critical, title, str(error), QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("errorDialog")
    box.open()
    return box
