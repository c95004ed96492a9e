"""The drafts' own marks: the selected provision as each of the two drafts marked it.

A compromise text strikes through the words its chair proposes to delete and sets new
words in bold or underline; the comparison window shows clean texts, so this window
shows the marks themselves, for the From and the To draft, following the provision
selected in the main window. Struck words are struck, inserted words bold and
underlined, as the document printed them (in the diff's colours, so they read as
changes, and by shape, so no reader depends on the colours).
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QLabel, QTextBrowser, QVBoxLayout, QWidget

from drafts.comparing.compare import ProvisionChange
from drafts.comparing.diff import DELETE, INSERT
from drafts.model import Provision, StoredDraft
from drafts.negotiation.redline import redline
from viewer.diff_style import DiffColours, diff_colours

NOTHING = "Select a provision"


class OwnMarksWindow(QDialog):
    """The From and To drafts' own marks on the provision selected in the main window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ownMarks")
        self.setWindowTitle("The drafts' own marks")
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        self.text = QTextBrowser(self)
        self.text.setObjectName("ownMarksText")
        layout = QVBoxLayout(self)
        layout.addWidget(self.legend)
        layout.addWidget(self.text)
        self.resize(640, 560)
        self.show_change(None, None)

    def show_change(
        self, change: ProvisionChange | None, drafts: tuple[StoredDraft, StoredDraft] | None
    ) -> None:
        """Show `change`'s old side as the From draft marks it and its new side as the
        To draft does; a prompt when nothing is selected."""
        colours = diff_colours(self.palette())
        self.legend.setText(_legend(colours))
        if change is None or drafts is None:
            self.text.setHtml(f"<p><i>{NOTHING}</i></p>")
            return
        sides = ((drafts[0], change.old), (drafts[1], change.new))
        self.text.setHtml("".join(_side_html(d, ps, colours) for d, ps in sides))


def _legend(colours: DiffColours) -> str:
    return (
        "Each draft's text as the document itself marks it: "
        f"{_deleted('struck through', colours)} are the words it proposes to delete, "
        f"{_inserted('bold and underlined', colours)} those it proposes to add. "
        "Drafts that mark nothing show their plain text."
    )


def _side_html(draft: StoredDraft, provisions: tuple[Provision, ...], colours: DiffColours) -> str:
    title = f"<h3>{html.escape(draft.label)}</h3>"
    if not provisions:
        return f"{title}<p><i>Not in this draft</i></p>"
    return title + "".join(_provision_html(p, colours) for p in provisions)


def _provision_html(provision: Provision, colours: DiffColours) -> str:
    name = " — ".join(part for part in (provision.num, provision.heading) if part)
    marks = len(provision.marks)
    count = f"{marks} mark{'' if marks == 1 else 's'}" if marks else "no marks of its own"
    head = f"<p><b>{html.escape(name)}</b> <span style='color:{colours.muted.name()}'>· {count}"
    body = "".join(_piece(s.op, s.old or s.new, colours) for s in redline(provision))
    return f"{head}</span></p><p>{body}</p>"


def _piece(op: str, text: str, colours: DiffColours) -> str:
    if op == DELETE:
        return _deleted(text, colours)
    if op == INSERT:
        return _inserted(text, colours)
    return _escape(text)


def _escape(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _deleted(text: str, colours: DiffColours) -> str:
    return (
        f"<s style='color:{colours.deleted_text.name()};"
        f" background:{colours.deleted_back.name()}'>{_escape(text)}</s>"
    )


def _inserted(text: str, colours: DiffColours) -> str:
    return (
        f"<b><u style='color:{colours.inserted_text.name()};"
        f" background:{colours.inserted_back.name()}'>{_escape(text)}</u></b>"
    )
