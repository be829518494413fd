"""What a reader can work out about each hidden cell of a published table: the audit behind suppression.

A count table is published with its row and column totals, so every row and every column is an
equation. A reader who also knows what the markers promise can bound every hidden cell by linear
programming: the smallest and the largest value the cell can take while every equation holds,
every shown number keeps its value, and every hidden cell stays within what its marker says.

What a reader knows (the strongest honest knowledge, from the markers and from `sensor.suppress`):
- a shown number is exact; zeros are always shown, so a hidden cell is at least 1;
- '<N' is 1 to N-1;
- '×' inside the table is at least N (only counts of N or more are hidden to protect others);
- '×' in a total row or column is at least 1 (a small total is shown as '×' too, see sensor.py).

The protection rule is interval protection with upper and lower protection levels, as in τ-ARGUS
and the R package sdcTable: a hidden cell is safe when the interval a reader can derive is wide
enough. Here every hidden cell must keep at least N-1 possible values (max - min >= N - 2), which
for a '<N' cell means its whole label range 1..N-1: arithmetic tells a reader nothing about a small
count beyond its marker (lower protection level v - 1, upper protection level N - 1 - v). N-1
rather than N, because the marker '<N' itself names only N-1 values, and a '×' cell tied one to one
to a small cell moves with it through exactly those N-1 values.

Counts are integers; the LP relaxation gives outer bounds, and these are the exact integer bounds
here: each cell lies in exactly one row and one column equation (totals with the opposite sign),
so the constraint matrix is totally unimodular and every vertex of the LP is integral. The same
matrix makes the table a network (class Circulation), so the publisher, who knows the true table,
gets the same bounds from max-flows, about a hundred times faster than scipy's linprog (HiGHS);
the LP stays for auditing a published table alone, and the tests check that both agree.

Months are separate tables: see peserta.aggregate_rows for why no equation links them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from terang.model import Suppressed

Cell = tuple[int, int]
Published = Sequence[Sequence["int | Suppressed"]]
TOLERANCE = 1e-6


@dataclass(frozen=True)
class Finding:
    """The interval a reader can derive for one hidden cell; `high` is math.inf when unbounded."""

    cell: Cell
    low: float
    high: float
    marker: str

    @property
    def exact(self) -> bool:
        return self.low == self.high

    @property
    def values(self) -> float:
        """How many counts the cell can still be (math.inf when unbounded)."""
        return self.high - self.low + 1


def equations(height: int, width: int) -> list[list[Cell]]:
    """Every row and every column of a table with totals; the last cell of each is its total."""
    return [[(i, j) for j in range(width)] for i in range(height)] + [[(i, j) for i in range(height)] for j in range(width)]


def threshold_of(published: Published) -> int:
    """The threshold the markers of a table were made with (0 when nothing is hidden)."""
    return next((v.threshold for row in published for v in row if isinstance(v, Suppressed)), 0)


def is_total(cell: Cell, height: int, width: int) -> bool:
    return cell[0] == height - 1 or cell[1] == width - 1


def known_bounds(published: Published, cell: Cell) -> tuple[float, float]:
    """What the marker of a hidden cell promises a reader."""
    marker = published[cell[0]][cell[1]]
    assert isinstance(marker, Suppressed)
    if marker.primary:
        return 1, marker.threshold - 1
    return (1 if is_total(cell, len(published), len(published[0])) else marker.threshold), math.inf


def required_values(threshold: int) -> int:
    """The protection interval: possible values every hidden cell must keep (the whole '<N' range)."""
    return threshold - 1


def protected(finding: Finding, threshold: int) -> bool:
    """Whether a derived interval meets the protection rule (never exact, at least N-1 values)."""
    return finding.values >= required_values(threshold) and not finding.exact


def hidden_cells(published: Published) -> list[Cell]:
    return [(i, j) for i, row in enumerate(published) for j, v in enumerate(row) if isinstance(v, Suppressed)]


def components(published: Published) -> list[tuple[list[Cell], list[list[Cell]]]]:
    """Hidden cells grouped by the equations that tie them together, each with those equations.

    A cell's interval depends only on the equations of its own group, so each group is a small LP.
    """
    height, width = len(published), len(published[0])
    parent: dict[Cell, Cell] = {c: c for c in hidden_cells(published)}

    def root(c: Cell) -> Cell:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    tied = [eq for eq in equations(height, width) if any(c in parent for c in eq)]
    for eq in tied:
        inside = [c for c in eq if c in parent]
        for c in inside[1:]:
            parent[root(c)] = root(inside[0])
    groups: dict[Cell, tuple[list[Cell], list[list[Cell]]]] = {}
    for c in sorted(parent):
        groups.setdefault(root(c), ([], []))[0].append(c)
    for eq in tied:
        groups[root(next(c for c in eq if c in parent))][1].append(eq)
    return list(groups.values())


def intervals(published: Published, truth: Sequence[Sequence[int]] | None = None, only: Iterable[Cell] | None = None) -> list[Finding]:
    """The derivable [min, max] of every hidden cell (or of the hidden cells in `only`), in cell order.

    With the true table (the publisher has it) the intervals come from max-flow; without it, from
    one LP per bound. Both give the same, exact intervals (see the module docstring).
    """
    return sorted(findings(published, truth, only), key=lambda f: f.cell)


def weak(published: Published, truth: Sequence[Sequence[int]] | None = None, only: Iterable[Cell] | None = None) -> list[Finding]:
    """Hidden cells a reader can narrow below the protection interval (none means the table is safe)."""
    threshold = threshold_of(published)
    return [f for f in intervals(published, truth, only) if not protected(f, threshold)]


def first_weak(published: Published, truth: Sequence[Sequence[int]], order: Iterable[Cell]) -> Finding | None:
    """The first cell of `order` that is under-protected, checking no further than needed.

    Each check pushes only as much flow as the protection interval asks for, so a safe cell
    costs a path or two; the weak cell found is then measured exactly.
    """
    threshold = threshold_of(published)
    network = Circulation(published, truth)
    for cell in order:
        if network.witness(cell, threshold) is None:
            return network.finding(cell)
    return None


def witnesses(published: Published, truth: Sequence[Sequence[int]], order: Iterable[Cell]) -> dict[Cell, frozenset[Cell]] | None:
    """For each cell of `order`, the hidden cells that let it keep its protection interval; None when one is weak."""
    threshold = threshold_of(published)
    network = Circulation(published, truth)
    found = {}
    for cell in order:
        witness = network.witness(cell, threshold)
        if witness is None:
            return None
        found[cell] = witness
    return found


def findings(published: Published, truth: Sequence[Sequence[int]] | None, only: Iterable[Cell] | None) -> Iterator[Finding]:
    """Findings for the hidden cells asked for: by max-flow when `truth` is known, else by LP."""
    asked = hidden_cells(published) if only is None else list(only)
    if truth is None:
        return iter(_lp_intervals(published, set(asked)))
    network = Circulation(published, truth)
    return (network.finding(c) for c in asked)


def _lp_intervals(published: Published, wanted: set[Cell]) -> list[Finding]:
    """Two LPs per cell (HiGHS through scipy's linprog), one per connected group of hidden cells."""
    import numpy as np
    from scipy.optimize import linprog

    found: list[Finding] = []
    for cells, eqs in components(published):
        asked = [c for c in cells if c in wanted]
        if not asked:
            continue
        index = {c: k for k, c in enumerate(cells)}
        matrix = np.zeros((len(eqs), len(cells)))
        rhs = np.zeros(len(eqs))
        for row, eq in enumerate(eqs):
            for position, c in enumerate(eq):
                sign = -1.0 if position == len(eq) - 1 else 1.0  # the inner cells add up to the total
                value = published[c[0]][c[1]]
                if c in index:
                    matrix[row, index[c]] += sign
                else:
                    rhs[row] -= sign * value
        bounds = [(low, None if high == math.inf else high) for low, high in (known_bounds(published, c) for c in cells)]
        for c in asked:
            objective = np.zeros(len(cells))
            objective[index[c]] = 1.0
            low = _optimum(linprog(objective, A_eq=matrix, b_eq=rhs, bounds=bounds, method="highs"), 1)
            high = _optimum(linprog(-objective, A_eq=matrix, b_eq=rhs, bounds=bounds, method="highs"), -1)
            found.append(Finding(c, low, high, str(published[c[0]][c[1]])))
    return found


def _optimum(result, sign: int) -> float:
    """An LP optimum as an integer bound (the matrix is totally unimodular); inf when unbounded."""
    if result.status == 3:
        return math.inf
    if result.status != 0:
        raise ValueError(f"disclosure audit: the published table is inconsistent (LP status {result.status})")
    value = sign * result.fun
    return float(math.floor(value + TOLERANCE) if sign < 0 else math.ceil(value - TOLERANCE))


class Circulation:
    """The table as a circulation around its true values, for max-flow bounds (the same as the LP's).

    A node per row and per column, and a node for the totals split in two; an inner cell is an edge
    row -> column, a row total totals -> row, a column total column -> totals, and the grand total
    joins the two totals nodes, so every equation is flow conservation at a node. Each hidden cell
    can grow up to its known maximum and shrink down to its known minimum: a residual edge each way.
    A cell can grow by as much flow as goes from its head back to its tail through the other hidden
    cells, and shrink by the flow the other way (Edmonds-Karp, stopped once it has pushed enough).
    """

    def __init__(self, published: Published, truth: Sequence[Sequence[int]]) -> None:
        self.published = published
        self.truth = truth
        self.rows, self.columns = len(truth) - 1, len(truth[0]) - 1
        self.room: dict[Cell, tuple[float, float]] = {}
        for c in hidden_cells(published):
            low, high = known_bounds(published, c)
            value = truth[c[0]][c[1]]
            if not low <= value <= high:
                raise ValueError(f"disclosure audit: cell {c} = {value} is outside what its marker says")
            self.room[c] = (high - value, value - low)
        # a sum larger than every finite room stands for "unbounded"
        self.unbounded = int(sum(r for pair in self.room.values() for r in pair if r != math.inf)) + 1
        self.capacity: dict[tuple[int, int], int] = {}
        self.owner: dict[tuple[int, int], Cell] = {}
        self.next: dict[int, list[int]] = {}
        for c, (up, down) in self.room.items():
            tail, head = self.ends(c)
            self.owner[(tail, head)] = self.owner[(head, tail)] = c
            self.capacity[(tail, head)] = self.unbounded if up == math.inf else int(up)
            self.capacity[(head, tail)] = int(down)
            self.next.setdefault(tail, []).append(head)
            self.next.setdefault(head, []).append(tail)

    def ends(self, c: Cell) -> tuple[int, int]:
        i, j = c
        if i < self.rows and j < self.columns:
            return 2 + i, 2 + self.rows + j
        if i < self.rows:
            return 0, 2 + i
        if j < self.columns:
            return 2 + self.rows + j, 1
        return 1, 0

    def push(self, source: int, sink: int, skip: Cell, limit: float) -> tuple[int, set[Cell]]:
        """Flow from source to sink through the hidden cells other than `skip`, up to `limit`; and the cells it moved."""
        capacity = dict(self.capacity)
        capacity[self.ends(skip)] = capacity[self.ends(skip)[::-1]] = 0
        total, moved = 0, set()
        while total < limit:
            back = {source: source}
            queue = [source]
            for node in queue:  # breadth first: shortest augmenting path
                for other in self.next.get(node, ()):
                    if other not in back and capacity[(node, other)] > 0:
                        back[other] = node
                        queue.append(other)
                if sink in back:
                    break
            if sink not in back:
                break
            path, node = [], sink
            while node != source:
                path.append((back[node], node))
                node = back[node]
            amount = min(min(capacity[e] for e in path), limit - total)
            for u, w in path:
                capacity[(u, w)] -= amount
                capacity[(w, u)] += amount
                moved.add(self.owner[(u, w)])
            total += amount
        return total, moved

    def bounds(self, c: Cell, grow_at_most: float, shrink_at_most: float) -> tuple[float, float, set[Cell]]:
        """How far the cell can grow and shrink, each counted no further than asked; and the cells that moved."""
        tail, head = self.ends(c)
        up, down = self.room[c]
        grow, moved = self.push(head, tail, c, min(up, grow_at_most, self.unbounded))
        shrink, moved_too = self.push(tail, head, c, min(down, shrink_at_most))
        return (math.inf if grow >= self.unbounded else grow), shrink, moved | moved_too

    def finding(self, c: Cell) -> Finding:
        """The exact derivable interval of a hidden cell."""
        grow, shrink, _ = self.bounds(c, math.inf, math.inf)
        value = self.truth[c[0]][c[1]]
        return Finding(c, float(value - shrink), float(value + grow), str(self.published[c[0]][c[1]]))

    def witness(self, c: Cell, threshold: int) -> frozenset[Cell] | None:
        """None when the cell is narrowed below its protection interval; else the other cells that
        move to let it range that far. A witness stays valid while those cells stay hidden."""
        value = self.truth[c[0]][c[1]]
        marker = self.published[c[0]][c[1]]
        if isinstance(marker, Suppressed) and marker.primary:  # the whole range 1..threshold-1
            grow, shrink, moved = self.bounds(c, threshold - 1 - value, value - 1)
            return frozenset(moved) if grow >= threshold - 1 - value and shrink >= value - 1 else None
        need = required_values(threshold) - 1
        grow, shrink, moved = self.bounds(c, need, need)
        return frozenset(moved) if grow + shrink >= need else None
