"""Small-cell suppression for published counts, with secondary suppression.

A count table is published with its row and column totals. Every row and every column
(totals included) is one equation: its cells add up to its total. A hidden cell can be
worked out when it is the only hidden entry of an equation, so each equation that hides
anything must hide at least two entries, one of them a "large" count (above the threshold)
that can move up and down to absorb any value of the small one (when a row holds nothing
large, two hidden entries must do). Cells of 1 to threshold-1 people are primary ("<5");
the large ones hidden to protect them are secondary ("×"). Zeros are shown: they say that
nobody is in a group, which protects nobody's identity.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Suppressed

Cell = tuple[int, int]


def with_totals(table: Sequence[Sequence[int]]) -> list[list[int]]:
    """The table with a total column on the right and a total row at the bottom."""
    rows = [list(r) + [sum(r)] for r in table]
    width = len(rows[0]) if rows else 1
    rows.append([sum(r[j] for r in rows) for j in range(width)])
    return rows


def equations(height: int, width: int) -> list[list[Cell]]:
    """Every row and every column of a table with totals, as lists of cell positions."""
    return [[(i, j) for j in range(width)] for i in range(height)] + [[(i, j) for i in range(height)] for j in range(width)]


def suppress(table: Sequence[Sequence[int]], threshold: int) -> list[list[int | Suppressed]]:
    """Hide small counts, then enough other cells that no hidden count can be worked out."""
    full = with_totals(table)
    height, width = len(full), len(full[0])
    primary = {(i, j) for i in range(height) for j in range(width) if 0 < full[i][j] < threshold}
    hidden = set(primary)

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
            candidates = [c for c in eq if c not in hidden and large(c)]
            if not candidates:
                hidden |= {(i, j) for i in range(height) for j in range(width) if full[i][j]}  # nothing can protect it: hide all
                return _mark(full, hidden, primary, threshold)
            # inner cells before totals, then the smallest count: hide as little as possible
            hidden.add(min(candidates, key=lambda c: (c[0] == height - 1 or c[1] == width - 1, full[c[0]][c[1]])))
            changed = True
    return _mark(full, hidden, primary, threshold)


def _mark(full: list[list[int]], hidden: set[Cell], primary: set[Cell], threshold: int) -> list[list[int | Suppressed]]:
    return [
        [Suppressed((i, j) in primary, threshold) if (i, j) in hidden else value for j, value in enumerate(row)]
        for i, row in enumerate(full)
    ]


def disclosed(published: Sequence[Sequence[int | Suppressed]]) -> list[Cell]:
    """Hidden cells that are the only hidden entry of a row or column (for tests and checks)."""
    height, width = len(published), len(published[0])
    leaks = []
    for eq in equations(height, width):
        hidden = [c for c in eq if isinstance(published[c[0]][c[1]], Suppressed)]
        if len(hidden) == 1:
            leaks.append(hidden[0])
    return leaks
