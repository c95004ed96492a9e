"""The provision list's Qt models: grouping by chapter, the filter, and what each cell says."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QModelRoleData, QModelRoleDataSpan, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QTreeView
from pytestqt.qtbot import QtBot

from drafts.comparing.compare import compare
from drafts.comparing.comparisons import Comparison
from drafts.comparing.diff import EXACT
from drafts.model import Container, Line, Provision, StoredDraft
from viewer.provision_model import (
    CHANGE_ROLE,
    ProvisionFilter,
    ProvisionTreeModel,
    status_text,
)

pytestmark = pytest.mark.usefixtures("qapp")  # icons need a QApplication

CHAPTER_1 = Container("chapter", "Chapter I", "General provisions")
CHAPTER_2 = Container("chapter", "Chapter II", "Criminalization")
DRAFT = StoredDraft(1, 1, "Test", "Zero draft", "2023-01-16", "", "", 0, "")


def provision(n: int, text: str, chapter: Container | None, heading: str) -> Provision:
    return Provision(
        eid=f"art_{n}",
        kind="article",
        num=f"Article {n}",
        heading=heading,
        position=n,
        lines=(Line("1.", text),),
        containers=(chapter,) if chapter else (),
    )


PREAMBLE = Provision("preamble", "preamble", "", "", 0, (Line("", "The States Parties agree."),))


@pytest.fixture
def model() -> ProvisionTreeModel:
    old = [
        PREAMBLE,
        provision(1, "Purpose of the convention.", CHAPTER_1, "Purpose"),
        provision(2, "Use of terms for this convention.", CHAPTER_1, "Use of terms"),
        provision(3, "Illegal access to any computer system.", CHAPTER_2, "Illegal access"),
        provision(4, "Safeguards: a clause dropped entirely later on.", CHAPTER_2, "Dropped"),
    ]
    new = [
        PREAMBLE,
        provision(1, "Purpose of the convention.", CHAPTER_1, "Purpose"),
        provision(
            2, "Use of terms for the purposes of this convention.", CHAPTER_1, "Use of terms"
        ),
        provision(3, "Illegal access to any computer system.", CHAPTER_2, "Illegal access"),
    ]
    m = ProvisionTreeModel()
    m.set_comparison(Comparison(DRAFT, DRAFT, EXACT, tuple(compare(old, new))))
    return m


def cells(model: ProvisionTreeModel | ProvisionFilter, parent: QModelIndex) -> list[list[str]]:
    return [
        [model.index(r, c, parent).data() or "" for c in range(model.columnCount())]
        for r in range(model.rowCount(parent))
    ]


def test_the_model_is_a_well_formed_tree(model: ProvisionTreeModel) -> None:
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount(model.index(0, 0)) == 0  # the preamble has no children
    assert model.rowCount(model.index(1, 1)) == 0  # only column 0 has children
    assert not model.index(99, 0).isValid() and not model.index(0, 4).isValid()
    assert not model.index(-1, 0).isValid() and not model.index(0, 0, model.index(0, 0)).isValid()
    row = model.index(1, 0, model.index(1, 0))  # Article 2, in Chapter I
    assert model.data(row, Qt.ItemDataRole.FontRole) is None  # roles it has nothing for
    assert model.data(row, Qt.ItemDataRole.DisplayRole) == "Article 2"


def test_rows_are_grouped_by_chapter_with_loose_provisions_at_the_top(
    model: ProvisionTreeModel,
) -> None:
    assert cells(model, QModelIndex()) == [
        ["Preamble", "Preamble", "= unchanged", ""],
        ["Chapter I General provisions", "", "", ""],
        ["Chapter II Criminalization", "", "", ""],
    ]
    assert cells(model, model.index(1, 0)) == [
        ["Article 1", "Article 1 · Purpose", "= unchanged", ""],  # the number and heading
        ["Article 2", "Article 2 · Use of terms", "≠ modified", "+3 / −0"],
    ]
    assert cells(model, model.index(2, 0)) == [
        ["Article 3", "Article 3 · Illegal access", "= unchanged", ""],
        ["Article 4", "—", "− deleted", "+0 / −9"],
    ]


def test_each_row_carries_its_change_and_explains_it(model: ProvisionTreeModel) -> None:
    row = model.index(1, 0, model.index(1, 0))
    change = row.data(CHANGE_ROLE)
    assert change.status == "modified" and change.new[0].eid == "art_2"
    tooltip = row.data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("Article 2 Use of terms  →  Article 2 Use of terms")
    assert "Words kept: " in tooltip
    status = model.index(1, 2, model.index(1, 0))
    assert not status.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert model.index(1, 0).data(CHANGE_ROLE) is None  # a chapter


def test_an_uncertain_pairing_is_marked_in_words() -> None:
    old = [provision(1, "alpha beta gamma delta epsilon zeta eta theta", None, "H")]
    new = [provision(1, "alpha beta gamma delta iota kappa lambda mu", None, "H")]
    change = compare(old, new)[0]
    assert change.uncertain
    assert status_text(change) == "≠ modified ?"


def test_changed_only_keeps_chapters_that_still_hold_something(model: ProvisionTreeModel) -> None:
    view = ProvisionFilter()
    view.setSourceModel(model)
    view.set_changed_only(True)
    assert cells(view, QModelIndex()) == [
        ["Chapter I General provisions", "", "", ""],
        ["Chapter II Criminalization", "", "", ""],
    ]
    assert [r[0] for r in cells(view, view.index(0, 0))] == ["Article 2"]
    assert [r[0] for r in cells(view, view.index(1, 0))] == ["Article 4"]
    view.set_changed_only(False)
    assert view.rowCount() == 3


def test_search_matches_numbers_headings_and_text_in_any_case(model: ProvisionTreeModel) -> None:
    view = ProvisionFilter()
    view.setSourceModel(model)
    view.set_text("SAFEGUARDS")  # text of the deleted article only
    assert [r[0] for r in cells(view, QModelIndex())] == ["Chapter II Criminalization"]
    assert [r[0] for r in cells(view, view.index(0, 0))] == ["Article 4"]
    view.set_text("use of terms")  # a heading
    assert [r[0] for r in cells(view, view.index(0, 0))] == ["Article 2"]
    view.set_text("preamble")  # a name
    assert [r[0] for r in cells(view, QModelIndex())] == ["Preamble"]
    view.set_text("nowhere to be found")
    assert view.rowCount() == 0


def test_rows_with_annotations_say_how_many_in_the_words_column(
    model: ProvisionTreeModel,
) -> None:
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_notes(old={"art_4": {7}}, new={"art_2": {1, 2}, "preamble": {3}})
    assert cells(model, model.index(1, 0))[1] == [
        "Article 2",
        "Article 2 · Use of terms",
        "≠ modified",
        "✎2  +3 / −0",
    ]
    assert cells(model, model.index(2, 0))[1][3] == "✎1  +0 / −9"  # on the deleted one
    assert cells(model, QModelIndex())[0][3] == "✎1"  # unchanged: only the notes
    model.set_notes(old={}, new={})
    assert cells(model, model.index(1, 0))[1][3] == "+3 / −0"


def answers(model: ProvisionTreeModel | ProvisionFilter, index: QModelIndex) -> list[object]:
    """What `multiData` says of `index` for each of `ROLES`."""
    found = []
    for role in ROLES:
        slot = QModelRoleData(role)
        model.multiData(index, QModelRoleDataSpan(slot))
        found.append(slot.data())
    return found


ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ToolTipRole,
)


def test_a_cell_answers_roles_at_once_as_it_does_one_by_one(model: ProvisionTreeModel) -> None:
    """What the view asks of each cell it paints, in one call (through the filter too)."""
    proxy = ProvisionFilter()
    proxy.setSourceModel(model)
    chapter = model.index(1, 0)
    for index in (model.index(1, 2, chapter), model.index(1, 3, chapter), chapter):
        one_by_one = [index.data(role) for role in ROLES]
        at_once = answers(model, index)
        assert at_once[:1] + at_once[2:] == one_by_one[:1] + one_by_one[2:]
        assert (at_once[1] is None) == (one_by_one[1] is None)  # an icon, or none
        through = answers(proxy, proxy.mapFromSource(index))
        assert through[:1] + through[2:] == one_by_one[:1] + one_by_one[2:]
    words = answers(model, model.index(1, 3, chapter))
    assert words[0] == "+3 / −0" and words[3] is None
    assert words[2] == int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def test_the_list_paints_its_cells_from_one_call_each(
    model: ProvisionTreeModel, qtbot: QtBot
) -> None:
    asked: list[int] = []

    class Counting(ProvisionFilter):
        def multiData(self, index: QModelIndex, roles: QModelRoleDataSpan) -> None:
            asked.append(roles.size())
            super().multiData(index, roles)

    proxy = Counting()
    proxy.setSourceModel(model)
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.expandAll()
    view.show()
    view.viewport().repaint()
    assert asked and min(asked) > 1  # several roles a call, not a call a role


def test_what_a_cell_shows_is_kept_until_the_notes_or_the_comparison_change(
    model: ProvisionTreeModel,
) -> None:
    words = model.index(1, 3, model.index(1, 0))  # Article 2's words
    assert answers(model, words)[0] == "+3 / −0"
    model.set_notes(old={}, new={"art_2": {1, 2}})
    assert answers(model, words)[0] == "✎2  +3 / −0"
    model.set_notes(old={}, new={})
    assert answers(model, words)[0] == "+3 / −0"
    comparison = model.comparison
    assert comparison is not None
    model.set_comparison(Comparison(DRAFT, DRAFT, EXACT, comparison.changes[:1]))
    assert answers(model, model.index(0, 1))[0] == "Preamble"
    assert answers(model, model.index(0, 3))[0] == ""
