"""The toolbar's choice of what to compare: a negotiation, a From draft and a To draft."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from drafts.model import StoredDraft

MIN_CHOICE_CHARACTERS = 22
"""The narrowest a From or To box gets, in characters, before the window stops shrinking."""
MAX_CHOICE_WIDTH = 520
"""The widest, in pixels: room for "Final text agreed ad referendum · 2024-08-08 · A/…"."""


def draft_title(draft: StoredDraft) -> str:
    """How a draft is named in the app: its label and date."""
    return " · ".join(part for part in (draft.label, draft.date) if part) or f"Draft {draft.id}"


def choice_title(draft: StoredDraft) -> str:
    """How a draft is offered in the toolbar: label, date and document symbol, the
    name delegations cite it by ("Further revised draft · 2024-05-23 · A/AC.305/7/Rev.3")."""
    return " · ".join(part for part in (draft_title(draft), draft.symbol) if part)


class DraftPicker(QWidget):
    """Three combo boxes and a swap button. `changed` fires once per choice a user makes
    (not when the window sets a choice itself)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._drafts: list[StoredDraft] = []
        self.negotiation_box = QComboBox(self)
        self.negotiation_box.setObjectName("negotiationBox")
        self.negotiation_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.negotiation_box.setMaximumWidth(360)
        self.from_box = QComboBox(self)
        self.from_box.setObjectName("fromBox")
        self.to_box = QComboBox(self)
        self.to_box.setObjectName("toBox")
        for box in (self.from_box, self.to_box):
            # As wide as the longest name when there is room, narrower (elided) when the
            # window is: a long label and symbol must never make the window wider.
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(MIN_CHOICE_CHARACTERS)
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            box.setMaximumWidth(MAX_CHOICE_WIDTH)
        self.swap_button = QToolButton(self)
        self.swap_button.setObjectName("swapButton")
        self.swap_button.setText("⇄")
        self.swap_button.setToolTip("Swap From and To (Ctrl+Shift+X)")
        self.swap_button.setAccessibleName("Swap From and To")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        for label, widget in (
            ("&Negotiation:", self.negotiation_box),
            ("&From:", self.from_box),
            (None, self.swap_button),
            ("&To:", self.to_box),
        ):
            if label:
                caption = QLabel(label, self)
                caption.setBuddy(widget)
                layout.addWidget(caption)
            layout.addWidget(widget)

        self.negotiation_box.activated.connect(self._negotiation_chosen)
        self.from_box.activated.connect(lambda _: self.changed.emit())
        self.to_box.activated.connect(lambda _: self.changed.emit())
        self.swap_button.clicked.connect(self.swap)

    # Filling and choosing

    def set_drafts(self, drafts: list[StoredDraft]) -> None:
        """Offer these drafts (every negotiation's, in negotiation order)."""
        self._drafts = list(drafts)
        self.negotiation_box.blockSignals(True)
        self.negotiation_box.clear()
        seen = set()
        for draft in self._drafts:
            if draft.negotiation_id not in seen:
                seen.add(draft.negotiation_id)
                self.negotiation_box.addItem(draft.negotiation, draft.negotiation_id)
        self.negotiation_box.blockSignals(False)

    def choose(self, negotiation_id: int, from_id: int | None, to_id: int | None) -> bool:
        """Select a negotiation and two of its drafts (its last two when an id is not
        one of its drafts). False if there is no such negotiation."""
        k = self.negotiation_box.findData(negotiation_id)
        if k < 0:
            return False
        self.negotiation_box.setCurrentIndex(k)
        drafts = self.negotiation_drafts()
        self._fill(self.from_box, drafts)
        self._fill(self.to_box, drafts)
        ids = [d.id for d in drafts]
        if from_id not in ids or to_id not in ids:
            from_id, to_id = ids[max(0, len(ids) - 2)], ids[-1]
        self.from_box.setCurrentIndex(self.from_box.findData(from_id))
        self.to_box.setCurrentIndex(self.to_box.findData(to_id))
        return True

    def choose_default(self) -> bool:
        """The first negotiation's last two drafts."""
        if self.negotiation_box.count() == 0:
            return False
        return self.choose(self.negotiation_box.itemData(0), None, None)

    def negotiation_drafts(self) -> list[StoredDraft]:
        negotiation = self.negotiation_box.currentData()
        return [d for d in self._drafts if d.negotiation_id == negotiation]

    def chosen(self) -> tuple[StoredDraft, StoredDraft] | None:
        by_id = {d.id: d for d in self._drafts}
        old, new = by_id.get(self.from_box.currentData()), by_id.get(self.to_box.currentData())
        return (old, new) if old and new else None

    def swap(self) -> None:
        pair = self.chosen()
        if pair is None:
            return
        old, new = pair
        self.from_box.setCurrentIndex(self.from_box.findData(new.id))
        self.to_box.setCurrentIndex(self.to_box.findData(old.id))
        self.changed.emit()

    def _negotiation_chosen(self, _: int) -> None:
        self.choose(self.negotiation_box.currentData(), None, None)
        self.changed.emit()

    @staticmethod
    def _fill(box: QComboBox, drafts: list[StoredDraft]) -> None:
        box.blockSignals(True)
        box.clear()
        for draft in drafts:
            box.addItem(choice_title(draft), draft.id)
            box.setItemData(box.count() - 1, draft.source, Qt.ItemDataRole.ToolTipRole)
        box.blockSignals(False)
