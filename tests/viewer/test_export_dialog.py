"""File > Export…, driven as a reader drives it: the scope counts on the demo, the live
line, the Export button on an empty scope, a file written and read back, the choices
remembered, and a file that cannot be written named in an error box."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from drafts.comparing.comparisons import Comparison, compare_drafts
from drafts.demo import import_demo
from drafts.export.model import INLINE, SIDE_BY_SIDE, ExportNote, ExportRequest
from drafts.store import Store
from viewer import export_dialog
from viewer.export_dialog import ExportDialog, slug
from viewer.export_pdf import write_export, write_pdf_in_steps

SAFEGUARDS = ("human-rights safeguards", "#D55E00")
EU = ("EU", "#56B4E9")
PURPOSES = "The purposes of this Convention are"
"""Text of Article 1, unchanged between the demo's last two drafts."""


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def comparison(store: Store) -> Comparison:
    """The demo's last two drafts: 69 provisions, 46 of them changed."""
    import_demo(store)
    drafts = store.drafts()
    return compare_drafts(store, drafts[-2], drafts[-1])


@pytest.fixture
def notes(comparison: Comparison) -> list[ExportNote]:
    new = comparison.new.id
    return [
        ExportNote(new, "art_1", 4, 12, "purposes", (SAFEGUARDS,), "open", "Keep this purpose."),
        ExportNote(new, "art_3", None, None, "", (EU, SAFEGUARDS), "contested", "EU wants more."),
        ExportNote(new, "art_7", 0, 10, "", (EU,), "resolved", "Agreed in June.", "EU"),
    ]


def open_dialog(
    qtbot: QtBot,
    comparison: Comparison,
    settings: QSettings,
    notes: list[ExportNote] | None = None,
    picked: tuple = (),
) -> ExportDialog:
    dialog = ExportDialog(comparison, notes or [], picked, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose_format(dialog: ExportDialog, fmt: str) -> None:
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(fmt))


def click(button: QAbstractButton, qtbot: QtBot) -> None:
    """Click a radio button on its label (its middle may be past the end of the text)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def export_to(qtbot: QtBot, dialog: ExportDialog, path: Path) -> list[Path]:
    """Click Export with `path` as the reader's choice, and wait for the file (it is
    written in the background); the suggestions it was offered."""
    offered: list[Path] = []

    def choose(suggested: Path) -> Path:
        offered.append(suggested)
        return path

    dialog.choose_path = choose  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.writing.busy() and not dialog.painting, timeout=10000)
    return offered


def test_scope_counts_on_the_demo(
    qtbot: QtBot, comparison: Comparison, settings: QSettings, notes: list[ExportNote]
) -> None:
    dialog = open_dialog(qtbot, comparison, settings, notes)
    assert dialog.scope_all.text() == "&All provisions (69)"
    assert dialog.scope_changed.text() == "&Changed provisions only (46)"
    assert dialog.scope_picked.text() == "&Selected rows (0)"
    assert not dialog.scope_picked.isEnabled()
    assert dialog.summary.text() == "69 provisions, 3 annotations"
    assert dialog.export_button.isEnabled()
    tags = [dialog.tag_list.item(k).text() for k in range(dialog.tag_list.count())]
    assert tags == ["EU (2)", "human-rights safeguards (2)"]


def test_changed_only_leaves_out_unchanged_provisions_and_their_notes(
    qtbot: QtBot, comparison: Comparison, settings: QSettings, notes: list[ExportNote]
) -> None:
    dialog = open_dialog(qtbot, comparison, settings, notes)
    click(dialog.scope_changed, qtbot)
    assert dialog.request is not None
    assert len(dialog.request.rows) == 46
    assert all(row.change.changed for row in dialog.request.rows)
    assert dialog.summary.text() == "46 provisions, 2 annotations"  # art_1 is unchanged


def test_selected_rows(qtbot: QtBot, comparison: Comparison, settings: QSettings) -> None:
    picked = (comparison.changes[3], comparison.changes[10])
    dialog = open_dialog(qtbot, comparison, settings, picked=picked)
    assert dialog.scope_picked.isEnabled()
    assert dialog.scope_picked.text() == "&Selected rows (2)"
    click(dialog.scope_picked, qtbot)
    assert dialog.request is not None
    assert [r.change for r in dialog.request.rows] == list(picked)
    assert dialog.summary.text() == "2 provisions"


def test_a_tag_restricts_the_rows_to_those_it_annotates(
    qtbot: QtBot, comparison: Comparison, settings: QSettings, notes: list[ExportNote]
) -> None:
    dialog = open_dialog(qtbot, comparison, settings, notes)
    eu = dialog.tag_list.findItems("EU (2)", Qt.MatchFlag.MatchExactly)[0]
    eu.setCheckState(Qt.CheckState.Checked)
    assert dialog.scope_tagged.isChecked()  # checking a tag chose that scope
    assert dialog.request is not None
    assert [r.change.new[0].eid for r in dialog.request.rows] == ["art_3", "art_7"]
    assert dialog.summary.text() == "2 provisions, 2 annotations"
    eu.setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.export_button.isEnabled()
    assert "Check at least one tag" in dialog.summary.text()


def test_no_notes_disables_tags_and_annotations(
    qtbot: QtBot, comparison: Comparison, settings: QSettings
) -> None:
    dialog = open_dialog(qtbot, comparison, settings)
    assert not dialog.scope_tagged.isEnabled()
    assert not dialog.tag_list.isEnabled()
    assert not dialog.include_notes.isEnabled()
    assert dialog.summary.text() == "69 provisions"


def test_layout_means_nothing_for_csv(
    qtbot: QtBot, comparison: Comparison, settings: QSettings, notes: list[ExportNote]
) -> None:
    dialog = open_dialog(qtbot, comparison, settings, notes)
    assert dialog.layout_box.isEnabled()
    choose_format(dialog, "csv")
    assert not dialog.layout_box.isEnabled()
    assert not dialog.include_notes.isEnabled()  # the CSV is the annotations
    assert dialog.summary.text() == "3 annotations on 69 provisions"
    choose_format(dialog, "html")
    assert dialog.layout_box.isEnabled()


def test_an_empty_scope_cannot_be_exported(
    qtbot: QtBot, comparison: Comparison, settings: QSettings
) -> None:
    dialog = open_dialog(qtbot, comparison, settings)
    choose_format(dialog, "csv")  # no notes: a CSV would have no rows
    assert not dialog.export_button.isEnabled()
    assert "CSV would be empty" in dialog.summary.text()
    offered = export_to(qtbot, dialog, Path("never.csv"))
    assert offered == [] and dialog.written is None


def test_html_is_written_with_the_notes_when_included(
    qtbot: QtBot,
    comparison: Comparison,
    settings: QSettings,
    notes: list[ExportNote],
    tmp_path: Path,
) -> None:
    dialog = open_dialog(qtbot, comparison, settings, notes)
    out = tmp_path / "with.html"
    export_to(qtbot, dialog, out)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.written == out
    page = out.read_text(encoding="utf-8")
    assert PURPOSES in page and "Keep this purpose." in page


def test_html_is_written_without_the_notes_when_unchecked(
    qtbot: QtBot,
    comparison: Comparison,
    settings: QSettings,
    notes: list[ExportNote],
    tmp_path: Path,
) -> None:
    dialog = open_dialog(qtbot, comparison, settings, notes)
    dialog.include_notes.setChecked(False)
    assert dialog.summary.text() == "69 provisions"
    dialog.title_edit.setText("For the delegation")
    out = tmp_path / "without"
    export_to(qtbot, dialog, out)
    assert dialog.written == out.with_suffix(".html")  # the format's suffix added
    page = dialog.written.read_text(encoding="utf-8")
    assert PURPOSES in page and "For the delegation" in page
    assert "Keep this purpose." not in page


def test_folder_format_and_layout_are_remembered(
    qtbot: QtBot, comparison: Comparison, settings: QSettings, tmp_path: Path
) -> None:
    first = open_dialog(qtbot, comparison, settings)
    assert first.fmt == "html" and first.layout_choice == SIDE_BY_SIDE
    choose_format(first, "docx")
    first.layout_box.setCurrentIndex(first.layout_box.findData(INLINE))
    (tmp_path / "out").mkdir()
    offered = export_to(qtbot, first, tmp_path / "out" / "mine.docx")
    assert offered[0].name == "further-revised-draft-to-final-text-agreed-ad-referendum.docx"
    assert first.written is not None and first.written.stat().st_size > 0
    second = open_dialog(qtbot, comparison, settings)
    assert second.fmt == "docx" and second.layout_choice == INLINE
    assert second.suggested_path().parent == tmp_path / "out"


def test_an_unwritable_path_is_named_in_an_error_and_the_dialog_stays(
    qtbot: QtBot, comparison: Comparison, settings: QSettings, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, comparison, settings)
    out = tmp_path / "missing" / "c.html"
    export_to(qtbot, dialog, out)
    box = dialog.findChild(QMessageBox, "errorDialog")
    assert box is not None and box.isVisible()
    assert box.icon() == QMessageBox.Icon.Critical
    assert box.text().startswith(f"{out}: cannot write: No such file or directory")
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.written is None


def test_every_choice_has_its_own_mnemonic_and_tab_follows_the_form(
    qtbot: QtBot, comparison: Comparison, settings: QSettings, notes: list[ExportNote]
) -> None:
    dialog = open_dialog(qtbot, comparison, settings, notes)
    labels = [label for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    assert {label.buddy() for label in labels} == {
        dialog.format_box,
        dialog.layout_box,
        dialog.style_box,
        dialog.title_edit,
    }
    texts = [label.text() for label in labels]
    texts += [b.text() for b in dialog.findChildren(QAbstractButton) if b.text()]
    keys = [QKeySequence.mnemonic(text).toString() for text in texts if "&" in text]
    assert len(keys) == 10 and len(set(keys)) == len(keys), keys
    chain, widget = [], dialog.format_box
    while widget is not dialog.export_button:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    focusable = [w for w in chain if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert focusable[:5] == [
        dialog.format_box,
        dialog.layout_box,
        dialog.style_box,
        dialog.title_edit,
        dialog.scope_all,
    ]
    assert focusable[-2:] == [dialog.tag_list, dialog.include_notes]


def test_slug_keeps_letters_and_digits_only() -> None:
    assert slug("Révision n° 2 (A/AC.305/7)") == "revision-n-2-a-ac-305-7"
    assert slug("“—”") == ""


def test_file_export_from_the_window_with_picked_rows_and_stored_notes(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Ctrl+click two provisions, Ctrl+E, "Selected rows", Export: the file holds those
    two, with the annotation stored on one of them."""
    from drafts.annotating.annotations import Content, create_annotation, tag_named, text_target
    from tests.viewer.windows import choose as choose_drafts
    from tests.viewer.windows import open_window

    store = Store()
    import_demo(store)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = open_window(qtbot, store, settings)
    choose_drafts(qtbot, window, "Further revised draft", "Final text agreed ad referendum")
    new = window.comparison.new
    art = next(p for p in store.provisions(new.id) if p.num == "Article 24")
    at = art.text.index("human rights")
    target = text_target(store, new.id, art.eid, at, at + len("human rights"))
    hr = tag_named(store, "human-rights safeguards").id
    create_annotation(store, target, Content((hr,), "A note <kept> as text", "contested", "EU"))
    rows = {window.change_at(r).to_num: r for r in window.visible_rows() if window.change_at(r)}
    window.tree.selectionModel().clearSelection()
    for num in ("Article 24", "Article 3"):
        window.tree.scrollTo(rows[num])
        rect = window.tree.visualRect(rows[num])
        qtbot.mouseClick(
            window.tree.viewport(), Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ControlModifier, rect.center(),
        )  # fmt: skip
    assert [c.to_num for c in window.picked_changes()] == ["Article 3", "Article 24"]
    qtbot.keyClick(window.tree, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.export_dialog is not None, timeout=10000)
    dialog = window.export_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.scope_picked.text() == "&Selected rows (2)"
    click(dialog.scope_picked, qtbot)
    assert dialog.summary.text() == "2 provisions, 1 annotation"
    out = tmp_path / "brief.html"
    export_to(qtbot, dialog, out)
    page = out.read_text(encoding="utf-8")
    assert "Conditions and safeguards" in page and "A note &lt;kept&gt; as text" in page
    assert "Article 25" not in page and "Article 4" not in page
    assert window.statusBar().currentMessage() == f"Wrote {out}"


@pytest.mark.parametrize(("fmt", "painted_here"), [("html", False), ("docx", False), ("pdf", True)])
def test_a_pdf_is_painted_on_the_gui_thread_the_others_written_in_the_pool(
    qtbot: QtBot,
    comparison: Comparison,
    settings: QSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    painted_here: bool,
) -> None:
    """Nothing of Qt is made off the GUI thread (see viewer/export_dialog.py): the PDF,
    which Qt paints, is written there, in steps between the window's events; the other
    formats are plain Python, in the pool."""
    threads: list[threading.Thread] = []

    def recording(request: ExportRequest, fmt: str, path: Path) -> None:
        threads.append(threading.current_thread())
        write_export(request, fmt, path)

    def recording_steps(request: ExportRequest, path: Path) -> Iterator[object]:
        for step in write_pdf_in_steps(request, path):
            threads.append(threading.current_thread())
            yield step

    monkeypatch.setattr(export_dialog, "write_export", recording)
    monkeypatch.setattr(export_dialog, "write_pdf_in_steps", recording_steps)
    dialog = open_dialog(qtbot, comparison, settings)
    choose_format(dialog, fmt)
    out = tmp_path / f"brief.{fmt}"
    export_to(qtbot, dialog, out)
    assert dialog.written == out and out.stat().st_size > 0
    assert len(threads) >= 1 and {t is threading.main_thread() for t in threads} == {painted_here}
    if painted_here:  # a step per provision and per page, not one long one
        assert len(threads) > len(comparison.changes)


def test_the_dialog_waits_for_the_file_without_blocking_the_window(
    qtbot: QtBot,
    comparison: Comparison,
    settings: QSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = threading.Event()

    def slow(request: ExportRequest, fmt: str, path: Path) -> None:
        assert gate.wait(10), "the test never let it finish"
        write_export(request, fmt, path)

    monkeypatch.setattr(export_dialog, "write_export", slow)
    dialog = open_dialog(qtbot, comparison, settings)
    out = tmp_path / "slow.html"
    dialog.choose_path = lambda suggested: out  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.writing.busy() and not dialog.isEnabled()  # the click came back at once
    assert dialog.summary.text() == "Writing slow.html…"
    dialog.reject()  # Escape waits for the file too
    assert dialog.isVisible() and dialog.written is None
    gate.set()
    qtbot.waitUntil(lambda: dialog.written == out, timeout=10000)
    assert dialog.result() == QDialog.DialogCode.Accepted and out.exists()
