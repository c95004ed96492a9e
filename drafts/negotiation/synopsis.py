"""The synopsis: any number of drafts side by side, one row per provision, one column per draft.

Negotiators make this table by hand: the EU's "four-column document" (Commission,
Parliament, Council, compromise), the German "Synopse". Each row holds one provision as
it stood in every draft, and each column marks what changed against the column to its
left. Here it is made from the comparisons of neighbouring drafts (cached like any
other), so a provision is followed as `history` follows it:

- A row is everything the neighbouring comparisons link together: a provision and what
  it became in each later draft, renumbered, moved, split or merged. A split puts the
  pieces in one cell of the later draft ("Article 24 + Article 25"), so no text is
  lost or shown twice.
- Rows follow the first draft's order; a provision a later draft adds comes right after
  the provision it follows in that draft. A provision keeps its row when it moves.
- A cell's text is diffed against the cell to its left: the first column plain, a cell
  whose left neighbour is empty all inserted, an emptied cell says what was deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from drafts.comparing.compare import ProvisionChange, Status
from drafts.comparing.comparisons import Comparison, compare_drafts
from drafts.comparing.diff import DELETE, EQUAL, EXACT, INSERT, DiffOptions, Segment, diff_texts
from drafts.model import Provision, StoredDraft
from drafts.store import Store

_Node = tuple[int, str]
"""A provision as a row knows it: (column, eId)."""


@dataclass(frozen=True)
class Cell:
    """One draft's provisions in one row, and their text against the cell to the left.

    `provisions` is empty where the draft has none of the row. `status` says what
    happened since the column to the left ("" in the first column and where neither has
    the row); `heading` and `text` are word diffs whose new side is this cell's own."""

    provisions: tuple[Provision, ...]
    status: str
    heading: tuple[Segment, ...]
    text: tuple[Segment, ...]
    deleted: str = ""
    """Where this draft dropped the row: the text the column to the left had."""

    @property
    def paragraphs(self) -> list[list[Segment]]:
        """The cell's own paragraphs (the lines of its text), each with its changes
        against the column to its left; deleted words stay where they stood, a whole
        deleted paragraph in the paragraph that followed it."""
        if not self.provisions:
            return []
        out: list[list[Segment]] = [[]]
        for s in self.text:
            if s.op == DELETE:
                out[-1].append(s)
                continue
            for k, part in enumerate(s.new.split("\n")):
                if k:
                    out.append([])
                if part:
                    out[-1].append(Segment(s.op, part if s.op == EQUAL else "", part))
        return out

    @property
    def numbers(self) -> str:
        """Every piece's number ("Article 24 + Article 25"); "" when none has one."""
        return " + ".join(p.num for p in self.provisions if p.num)

    @property
    def title(self) -> str:
        """ "Article 24", or every piece's number for a split ("Article 24 + Article 25")."""
        return " + ".join(p.num or p.heading or p.kind.capitalize() for p in self.provisions)


@dataclass(frozen=True)
class SynopsisRow:
    cells: tuple[Cell, ...]
    levels: tuple[tuple[int | None, ...], ...] = ()
    """The paragraphs kept level across the columns: one tuple per line of the table,
    giving for each column which of its cell's `paragraphs` stands there (None: none)."""

    def last_title(self) -> str:
        """The row's name: its number in the latest draft that has it."""
        return next((c.title for c in reversed(self.cells) if c.provisions), "")


@dataclass(frozen=True)
class Synopsis:
    drafts: tuple[StoredDraft, ...]
    rows: tuple[SynopsisRow, ...]
    options: DiffOptions = EXACT


def synopsis(store: Store, drafts: Sequence[StoredDraft], options: DiffOptions = EXACT) -> Synopsis:
    """The synopsis of `drafts`, in the order given (usually negotiation order)."""
    if len(drafts) < 2:
        raise ValueError("a synopsis needs two drafts or more")
    comparisons = [compare_drafts(store, a, b, options) for a, b in pairwise(drafts)]
    return build_synopsis(tuple(drafts), comparisons, options)


def build_synopsis(
    drafts: tuple[StoredDraft, ...], comparisons: Sequence[Comparison], options: DiffOptions
) -> Synopsis:
    """The synopsis from the comparisons of neighbouring drafts (no store needed)."""
    provisions = _provisions(comparisons)
    groups = _Groups()
    for column, comparison in enumerate(comparisons):
        for change in comparison.changes:
            nodes = [(column, p.eid) for p in change.old] + [
                (column + 1, p.eid) for p in change.new
            ]
            groups.join(nodes)
    changes = _changes_by_pair(comparisons)
    rows = [
        _row(members, provisions, changes, len(drafts), options)
        for members in _in_reading_order(groups, provisions)
    ]
    return Synopsis(drafts, tuple(rows), options)


def _provisions(comparisons: Sequence[Comparison]) -> list[dict[str, Provision]]:
    """Every column's provisions by eId, in document order (dicts keep it)."""
    columns: list[dict[str, Provision]] = [{} for _ in range(len(comparisons) + 1)]
    for column, comparison in enumerate(comparisons):
        for change in comparison.changes:
            for p in change.old:
                columns[column].setdefault(p.eid, p)
            for p in change.new:
                columns[column + 1].setdefault(p.eid, p)
    return [dict(sorted(c.items(), key=lambda item: item[1].position)) for c in columns]


class _Groups:
    """Union-find over provisions: what the comparisons link is one row."""

    def __init__(self) -> None:
        self.parent: dict[_Node, _Node] = {}

    def find(self, node: _Node) -> _Node:
        self.parent.setdefault(node, node)
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:  # path compression
            self.parent[node], node = root, self.parent[node]
        return root

    def join(self, nodes: Iterable[_Node]) -> None:
        nodes = list(nodes)
        if not nodes:
            return
        first = self.find(nodes[0])
        for node in nodes[1:]:
            self.parent[self.find(node)] = first


def _in_reading_order(groups: _Groups, provisions: list[dict[str, Provision]]) -> list[set[_Node]]:
    """The rows, each a set of nodes: the first draft's order, and each row a later
    draft brings in placed right after the row of the provision before it there."""
    members: dict[_Node, set[_Node]] = {}
    for column, eids in enumerate(provisions):
        for eid in eids:
            members.setdefault(groups.find((column, eid)), set()).add((column, eid))
    order: list[_Node] = []
    placed: set[_Node] = set()
    for column, eids in enumerate(provisions):
        at = -1
        for eid in eids:
            root = groups.find((column, eid))
            if root in placed:
                at = max(at, order.index(root))
                continue
            at += 1
            order.insert(at, root)
            placed.add(root)
    return [members[root] for root in order]


def _changes_by_pair(comparisons: Sequence[Comparison]) -> dict[tuple[int, str], ProvisionChange]:
    """For each column after the first, each of its provisions' change from the column
    before: (column, eId) -> the change that made it."""
    return {
        (column, p.eid): change
        for column, comparison in enumerate(comparisons, 1)
        for change in comparison.changes
        for p in change.new
    }


def _row(
    members: set[_Node],
    provisions: list[dict[str, Provision]],
    changes: dict[tuple[int, str], ProvisionChange],
    columns: int,
    options: DiffOptions,
) -> SynopsisRow:
    held = [
        tuple(p for eid, p in provisions[c].items() if (c, eid) in members) for c in range(columns)
    ]
    cells = [_first_cell(held[0])]
    for column in range(1, columns):
        cells.append(_cell(held[column - 1], held[column], column, changes, options))
    return SynopsisRow(tuple(cells), _levels(cells))


def _levels(cells: list[Cell]) -> tuple[tuple[int | None, ...], ...]:
    """Which paragraph of each column stands on each line of the table: a paragraph on
    the line of the paragraph it shares most words with in the column to its left (in
    order), one that shares none on a line of its own after the one before it."""
    lines: list[list[int | None]] = []
    place: dict[int, list[int | None]] = {}  # the previous column's paragraph -> its line
    for column, cell in enumerate(cells):
        count = len(cell.paragraphs)
        matched = _matches(cell.text) if column and place else {}
        here: dict[int, list[int | None]] = {}
        after = -1  # index in `lines` of this column's last placed paragraph
        for k in range(count):
            line = place.get(matched[k]) if k in matched else None
            if line is None or line[column] is not None:
                line = [None] * len(cells)
                lines.insert(after + 1, line)
            line[column] = k
            after = next(i for i, candidate in enumerate(lines) if candidate is line)
            here[k] = line
        place = here if count else place
    return tuple(tuple(line) for line in lines)


def _matches(segments: Sequence[Segment]) -> dict[int, int]:
    """New paragraph -> old paragraph, keeping the paragraphs' order, so that the pairs
    share the most unchanged characters in all: a new paragraph that shares only its
    first word with an old one ("Recognizing further…" beside "Recognizing also…") leaves
    it to the paragraph that continues it."""
    shared: dict[tuple[int, int], int] = {}
    old_line = new_line = 0
    for s in segments:
        if s.op == EQUAL:
            for k, part in enumerate(s.new.split("\n")):
                if k:
                    old_line, new_line = old_line + 1, new_line + 1
                if part.strip():
                    key = (new_line, old_line)
                    shared[key] = shared.get(key, 0) + len(part)
        elif s.op == DELETE:
            old_line += s.old.count("\n")
        else:
            new_line += s.new.count("\n")
    return _heaviest_in_order(shared)


def _heaviest_in_order(weights: dict[tuple[int, int], int]) -> dict[int, int]:
    """The pairs (new, old), each paragraph in one pair at most and both sides in the
    same order, whose weights add up to the most (a weighted longest common
    subsequence; drafts have tens of paragraphs in a provision, not thousands)."""
    if not weights:
        return {}
    news = max(n for n, _ in weights) + 1
    olds = max(o for _, o in weights) + 1
    best = [[0] * (olds + 1) for _ in range(news + 1)]
    for n in range(1, news + 1):
        for o in range(1, olds + 1):
            paired = best[n - 1][o - 1] + weights.get((n - 1, o - 1), 0)
            best[n][o] = max(best[n - 1][o], best[n][o - 1], paired)
    found: dict[int, int] = {}
    n, o = news, olds
    while n and o:
        weight = weights.get((n - 1, o - 1), 0)
        if weight and best[n][o] == best[n - 1][o - 1] + weight:
            found[n - 1] = o - 1
            n, o = n - 1, o - 1
        elif best[n][o] == best[n - 1][o]:
            n -= 1
        else:
            o -= 1
    return found


def _first_cell(held: tuple[Provision, ...]) -> Cell:
    text = _joined(held, "text")
    heading = _joined(held, "heading")
    return Cell(held, "", _plain(heading), _plain(text))


def _cell(
    before: tuple[Provision, ...],
    held: tuple[Provision, ...],
    column: int,
    changes: dict[tuple[int, str], ProvisionChange],
    options: DiffOptions,
) -> Cell:
    if not held:
        if not before:
            return Cell((), "", (), ())
        return Cell((), Status.DELETED, (), (), deleted=_joined(before, "text"))
    if not before:
        inserted = (_inserted(_joined(held, "heading")), _inserted(_joined(held, "text")))
        return Cell(held, Status.ADDED, *inserted)
    change = changes.get((column, held[0].eid))
    if (
        change is not None
        and _eids(change.old) == _eids(before)
        and _eids(change.new) == _eids(held)
    ):
        return Cell(held, change.status, change.heading, change.text)
    # Linked through a split in one place and a merge in another: diffed as wholes.
    heading = diff_texts(_joined(before, "heading"), _joined(held, "heading"), options)
    text = diff_texts(_joined(before, "text"), _joined(held, "text"), options)
    return Cell(held, Status.MODIFIED, heading, text)


def _eids(provisions: tuple[Provision, ...]) -> tuple[str, ...]:
    return tuple(p.eid for p in provisions)


def _joined(provisions: tuple[Provision, ...], what: str) -> str:
    return "\n".join(getattr(p, what) for p in provisions)


def _plain(text: str) -> tuple[Segment, ...]:
    return (Segment(EQUAL, text, text),) if text else ()


def _inserted(text: str) -> tuple[Segment, ...]:
    return (Segment(INSERT, "", text),) if text else ()
