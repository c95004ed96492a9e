"""The versions of an annotation in conflict, side by side, each with "Keep this version".

Two people edited the same annotation before either synced: the dossier keeps both
versions, and the window shows the latest. This dialog shows each version that stands
(who wrote it, when, its tags, status, holder and note, or that it deletes the
annotation) and lets the reader keep one; the window records the choice as a new
version (`drafts.dossier.notes.keep_version`), so the others stay in the dossier.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from drafts.dossier.records import DELETED, Version


def described(item: dict[str, Any]) -> str:
    """What a version says, as lines a reader compares: tags, status, holder, note."""
    bodies = item.get("body") if isinstance(item.get("body"), list) else []
    tags = [
        str(b.get("value", ""))
        for b in bodies
        if isinstance(b, dict) and b.get("purpose") == "tagging"
    ]
    notes = [
        str(b.get("value", ""))
        for b in bodies
        if isinstance(b, dict) and b.get("purpose") == "commenting"
    ]
    if item.get(DELETED) is True:
        return "Deletes the annotation."
    lines = [
        f"Tags: {'; '.join(tags) or 'none'}",
        f"Status: {item.get('travaux:status', 'open')}",
    ]
    if item.get("travaux:holder"):
        lines.append(f"Position of: {item['travaux:holder']}")
    lines.append(f"Note: {' '.join(notes) or '(none)'}")
    return "\n".join(lines)


class ConflictDialog(QDialog):
    """Choose the version of an annotation to keep; `chosen` is its name."""

    def __init__(self, where: str, versions: Sequence[Version], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle("Resolve a conflict")
        self.chosen: str | None = None
        self.keep_buttons: list[QPushButton] = []
        intro = QLabel(
            f"{where}\n\nThis annotation was edited in two places before they synced. "
            "Keep one version: your choice is added to the team's dossier as a new "
            "version, and the others stay there.",
            self,
        )
        intro.setWordWrap(True)
        columns = QHBoxLayout()
        for version in versions:
            columns.addWidget(self._column(version), 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)

    def _column(self, version: Version) -> QGroupBox:
        who = version.creator or "someone"
        box = QGroupBox(f"{who}, {version.modified.replace('T', ' ')[:16]} UTC", self)
        text = QLabel(described(version.item), box)
        text.setWordWrap(True)
        keep = QPushButton("&Keep this version", box)
        keep.setObjectName(f"keep:{version.name}")
        keep.clicked.connect(lambda _=False, name=version.name: self._keep(name))
        self.keep_buttons.append(keep)
        layout = QVBoxLayout(box)
        layout.addWidget(text, 1)
        layout.addWidget(keep)
        return box

    def _keep(self, name: str) -> None:
        self.chosen = name
        self.accept()
