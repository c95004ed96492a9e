"""The Help menu: every keyboard shortcut, and what this Travaux is and where it keeps its data.

The shortcuts are read from the window's own menus when asked for, so the list can
never disagree with the keys that work.
"""

from __future__ import annotations

import html
from importlib import metadata

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu command that has a shortcut, menu by menu."""
    rows = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for action in menu.actions():
            keys = action.shortcut()
            if action.isSeparator() or keys.isEmpty():
                continue
            text = keys.toString(QKeySequence.SequenceFormat.NativeText)
            rows.append((_plain(menu_action.text()), _plain(action.text()), text))
    return rows


def _plain(text: str) -> str:
    """A menu text as read: "&Export comparison…" -> "Export comparison"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self.text = QTextBrowser(self)
        body = []
        menu = ""
        for where, command, keys in shortcut_rows(window):
            if where != menu:
                menu = where
                body.append(f"<tr><td colspan=2><h3>{html.escape(menu)}</h3></td></tr>")
            body.append(
                f"<tr><td style='padding-right:2em'><b>{html.escape(keys)}</b></td>"
                f"<td>{html.escape(command)}</td></tr>"
            )
        self.text.setHtml(f"<table>{''.join(body)}</table>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(460, 560)


def version() -> str:
    try:
        return metadata.version("travaux")
    except metadata.PackageNotFoundError:  # run from a folder, not installed
        return "(not installed)"


def about_text(database: str) -> str:
    return (
        f"<h3>Travaux {html.escape(version())}</h3>"
        "<p>Reads the negotiation history of a legal text: what changed between two drafts, "
        "article by article; when a safeguard appeared, weakened or vanished; and what "
        "your team noted on it.</p>"
        "<p>Travaux never uses the network: your drafts and notes stay on this computer.</p>"
        f"<p>Database: <code>{html.escape(database)}</code></p>"
    )


def show_about(parent: QWidget, database: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, "About Travaux", about_text(database))
    box.setParent(parent, box.windowFlags())
    box.setObjectName("aboutBox")
    box.show()
    return box
