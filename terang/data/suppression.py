"""Small-cell suppression for published counts: primary and secondary suppression, checked by an audit.

A count table is published with its row and column totals. Counts of 1 to threshold-1 people
inside the table are primary ('<5'); other cells hidden to protect them are secondary ('×'). A
small total is hidden as '×' too: a '<5' total over several small cells would bound each of them
by itself. Zeros are shown: they say that nobody is in a group, which protects nobody's identity.

Hiding two entries per row and column is not enough: with the totals and what the markers promise,
a reader can still narrow a hidden cell, sometimes to one value. So a quick first pattern (every
equation that hides anything hides a large entry beside it) is followed by the audit of
disclosure.py, and while it finds a cell narrowed below the protection interval, one more cell in
that cell's row or column is hidden. When nothing helps, every non-zero count is hidden.
"""

from __future__ import annotations

from collections.abc import Sequence

from terang.data.disclosure import Cell, equations, first_weak, is_total, witnesses
from terang.model import Suppressed

__all__ = ["Cell", "disclosed", "equations", "suppress", "with_totals"]


def with_totals(table: Sequence[Sequence[int]]) -> list[list[int]]:
    """The table with a total column on the right and a total row at the bottom."""
    rows = [list(r) + [sum(r)] for r in table]
    width = len(rows[0]) if rows else 1
    rows.append([sum(r[j] for r in rows) for j in range(width)])
    return rows


def suppress(table: Sequence[Sequence[int]], threshold: int) -> list[list[int | Suppressed]]:
    """Hide small counts, then enough other cells that no hidden count can be narrowed (see disclosure.py)."""
    full = with_totals(table)
    hidden = first_pattern(full, threshold)
    if hidden is None:
        return everything(full, threshold)
    checked: set[Cell] = set()  # hiding more only widens intervals, so a cell that passed stays safe
    while True:
        order = sorted(hidden - checked)
        found = first_weak(mark(full, hidden, threshold), full, order)
        if found is None:
            return mark(full, pruned(full, hidden, threshold), threshold)
        checked |= set(order[:order.index(found.cell)])
        extra = candidates(full, hidden, found.cell, threshold)
        if not extra:
            return everything(full, threshold)
        hidden.add(extra[0])


def pruned(full: list[list[int]], hidden: set[Cell], threshold: int) -> set[Cell]:
    """A safe pattern with every secondary cell shown again whose showing keeps the table safe.

    Inner cells first, the largest first. Each hidden cell keeps a witness: the other hidden cells
    that move to let it range over its protection interval. Showing a cell only endangers the cells
    whose witness moved it, so only those are audited again.
    """
    height, width = len(full), len(full[0])
    uses = witnesses(mark(full, hidden, threshold), full, sorted(hidden))
    assert uses is not None, "suppress() prunes only a pattern the audit passed"
    secondary = [c for c in hidden if full[c[0]][c[1]] >= threshold]
    for cell in sorted(secondary, key=lambda c: (is_total(c, height, width), -full[c[0]][c[1]], c)):
        trial = hidden - {cell}
        found = witnesses(mark(full, trial, threshold), full, sorted(c for c in trial if cell in uses[c]))
        if found is not None:
            hidden = trial
            uses.update(found)
    return hidden


def first_pattern(full: list[list[int]], threshold: int) -> set[Cell] | None:
    """Small counts, and in each row and column that hides one, a large count beside it (None: impossible)."""
    height, width = len(full), len(full[0])
    hidden = {(i, j) for i in range(height) for j in range(width) if 0 < full[i][j] < threshold}

    def large(cell: Cell) -> bool:
        return full[cell[0]][cell[1]] > threshold

    def safe(eq: list[Cell]) -> bool:
        # with nothing large left to hide (only zeros beside small counts), two hidden entries must do
        shown = [c for c in eq if c in hidden]
        return not shown or (len(shown) >= 2 and (any(large(c) for c in shown) or not any(large(c) for c in eq)))

    changed = True
    while changed:
        changed = False
        for eq in equations(height, width):
            if safe(eq):
                continue
            options = [c for c in eq if c not in hidden and large(c)]
            if not options:
                return None
            # inner cells before totals, then the smallest count: hide as little as possible
            hidden.add(min(options, key=lambda c: (is_total(c, height, width), full[c[0]][c[1]])))
            changed = True
    return hidden


def candidates(full: list[list[int]], hidden: set[Cell], weak_cell: Cell, threshold: int) -> list[Cell]:
    """Cells that could widen a weak cell's interval, best first.

    A row or column with a single hidden entry pins it, so cells in such lines come first, then the
    weak cell's own row and column, then any line with a hidden entry. Within a tier: cells that
    leave no new single-hidden line (they close a cycle of hidden cells), inner cells before totals,
    counts with room to absorb a whole label range (at least 2N-2) before thinner ones, then the
    smallest count.
    """
    height, width = len(full), len(full[0])
    lines = equations(height, width)
    count = {tuple(eq): len(hidden.intersection(eq)) for eq in lines}
    through: dict[Cell, list[tuple[Cell, ...]]] = {}
    for eq in lines:
        for c in eq:
            through.setdefault(c, []).append(tuple(eq))

    def usable(c: Cell) -> bool:
        value = full[c[0]][c[1]]
        return c not in hidden and value > 0 and (value >= threshold or is_total(c, height, width))

    def key(c: Cell) -> tuple:
        value = full[c[0]][c[1]]
        opens = any(count[eq] == 0 for eq in through[c])
        return (opens, is_total(c, height, width), value < 2 * threshold - 2, value, c)

    tiers = ([eq for eq in lines if count[tuple(eq)] == 1], [eq for eq in lines if weak_cell in eq],
             [eq for eq in lines if count[tuple(eq)]])
    for tier in tiers:
        found = {c for eq in tier for c in eq if usable(c)}
        if found:
            return sorted(found, key=key)
    return []


def everything(full: list[list[int]], threshold: int) -> list[list[int | Suppressed]]:
    """The fallback: every non-zero count hidden; with every total hidden, arithmetic gives nothing away."""
    return mark(full, {(i, j) for i, row in enumerate(full) for j, v in enumerate(row) if v}, threshold)


def mark(full: list[list[int]], hidden: set[Cell], threshold: int) -> list[list[int | Suppressed]]:
    """The table as published: '<N' for a small count inside the table, '×' for every other hidden cell."""
    height, width = len(full), len(full[0])

    def marker(cell: Cell, value: int) -> Suppressed:
        return Suppressed(value < threshold and not is_total(cell, height, width), threshold)

    return [[marker((i, j), v) if (i, j) in hidden else v for j, v in enumerate(row)] for i, row in enumerate(full)]


def disclosed(published: Sequence[Sequence[int | Suppressed]]) -> list[Cell]:
    """Hidden cells that are the only hidden entry of a row or column (for tests and checks)."""
    height, width = len(published), len(published[0])
    leaks = []
    for eq in equations(height, width):
        hidden = [c for c in eq if isinstance(published[c[0]][c[1]], Suppressed)]
        if len(hidden) == 1:
            leaks.append(hidden[0])
    return leaks
