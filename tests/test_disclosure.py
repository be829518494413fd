"""The suppression audit: no hidden cell of a published table can be narrowed below its protection interval.

The attacker of the property test is written here, on its own (every cell a variable, bounds from
what the markers promise, one LP per bound), so a mistake in terang/data/disclosure.py cannot hide itself.
"""

from __future__ import annotations

import math
import random

from hypothesis import given, settings, strategies as st
from scipy.optimize import linprog

from helpers import shown

from terang.data.disclosure import Finding, intervals, protected, weak
from terang.model import Suppressed
from terang.data.suppression import mark, suppress, with_totals

ISSUE_TABLE = [[7, 5, 1, 6], [30, 3, 8, 4]]
SMALL, HIDDEN = Suppressed(True, 5), Suppressed(False, 5)
# What the old suppression published for ISSUE_TABLE (issue 13).
OLD_PUBLISHED = [[7, 5, SMALL, HIDDEN, 19], [30, SMALL, HIDDEN, SMALL, 45], [37, HIDDEN, HIDDEN, 10, 64]]


def attack(published) -> dict[tuple[int, int], tuple[float, float]]:
    """An independent reader: the [min, max] of every hidden cell from the shown numbers, the totals and the markers."""
    height, width = len(published), len(published[0])
    cells = [(i, j) for i in range(height) for j in range(width)]
    at = {c: k for k, c in enumerate(cells)}
    rows = []
    for i in range(height):  # each row: its inner cells minus its total is zero
        rows.append([1.0 if c[0] == i and c[1] < width - 1 else -1.0 if c == (i, width - 1) else 0.0 for c in cells])
    for j in range(width):
        rows.append([1.0 if c[1] == j and c[0] < height - 1 else -1.0 if c == (height - 1, j) else 0.0 for c in cells])
    bounds = []
    for i, j in cells:
        value = published[i][j]
        if not isinstance(value, Suppressed):
            bounds.append((value, value))
        elif value.primary:
            bounds.append((1, value.threshold - 1))
        elif i == height - 1 or j == width - 1:
            bounds.append((1, None))  # a hidden total may be small
        else:
            bounds.append((value.threshold, None))  # only counts of at least the threshold are hidden as '×' inside
    found = {}
    for c in cells:
        if not isinstance(published[c[0]][c[1]], Suppressed):
            continue
        ends = []
        for sign in (1, -1):
            objective = [0.0] * len(cells)
            objective[at[c]] = sign
            result = linprog(objective, A_eq=rows, b_eq=[0.0] * len(rows), bounds=bounds, method="highs-ds")
            assert result.status in (0, 3), result.message
            ends.append(math.inf if result.status == 3 else round(sign * result.fun, 6))
        found[c] = (ends[0], ends[1])
    return found


def test_the_issue_example_is_published_so_that_no_hidden_cell_can_be_narrowed() -> None:
    published = suppress(ISSUE_TABLE, 5)
    assert shown(published) == [
        ["×", "5", "<5", "×", "×"],
        ["30", "<5", "8", "<5", "×"],
        ["×", "×", "×", "10", "64"],
    ]
    assert weak(published) == [] and weak(published, with_totals(ISSUE_TABLE)) == []
    assert attack(published) == {
        (0, 0): (5, 9), (0, 2): (1, 4), (0, 3): (6, 9), (0, 4): (18, 24),
        (1, 1): (1, 4), (1, 3): (1, 4), (1, 4): (40, 46),
        (2, 0): (35, 39), (2, 1): (6, 9), (2, 2): (9, 12),
    }


def test_the_old_publication_of_the_issue_example_fails_the_audit() -> None:
    found = weak(OLD_PUBLISHED)
    assert found == [
        Finding((0, 2), 1, 1, "<5"),
        Finding((0, 3), 6, 6, "×"),
        Finding((1, 3), 4, 4, "<5"),
    ]
    assert found == weak(OLD_PUBLISHED, with_totals(ISSUE_TABLE))
    assert attack(OLD_PUBLISHED)[(0, 2)] == (1, 1)


def test_the_protection_interval_is_the_whole_small_range_and_never_an_exact_value() -> None:
    assert protected(Finding((0, 0), 1, 4, "<5"), 5)
    assert not protected(Finding((0, 0), 1, 3, "<5"), 5)  # a reader would know it is not 4
    assert not protected(Finding((0, 0), 2, 4, "<5"), 5)
    assert protected(Finding((0, 0), 9, 12, "×"), 5)  # four values, as many as '<5' itself names
    assert not protected(Finding((0, 0), 9, 11, "×"), 5)
    assert protected(Finding((0, 0), 5, math.inf, "×"), 5)
    assert not protected(Finding((0, 0), 6, 6, "×"), 3)
    assert protected(Finding((0, 0), 1, 2, "<3"), 3)  # threshold 3: two values, never one


def test_a_small_total_is_hidden_as_a_cross_so_it_does_not_bound_the_small_cells_in_it() -> None:
    published = suppress([[2, 2, 0], [1, 1, 1]], 5)
    assert [str(v) for row in published for v in row if isinstance(v, Suppressed) and v.primary] == ["<5"] * 5
    assert all(not isinstance(v, Suppressed) or not v.primary for v in [row[-1] for row in published] + published[-1])
    assert weak(published) == []


def test_when_nothing_else_protects_the_small_cells_every_non_zero_count_is_hidden() -> None:
    published = suppress([[1, 1, 1, 1]], 5)
    assert shown(published) == [["<5", "<5", "<5", "<5", "×"], ["×", "×", "×", "×", "×"]]
    assert weak(published) == []
    assert attack(published)[(0, 0)] == (1, 4)


def test_the_lp_and_the_max_flow_audits_agree() -> None:
    rng = random.Random(13)
    checked = 0
    for _ in range(100):
        height, width, threshold = rng.randint(1, 4), rng.randint(1, 4), rng.randint(3, 10)
        full = with_totals([[rng.choice([0, 1, 2, 3, 5, 8, 12, 20, 40]) for _ in range(width)] for _ in range(height)])
        hidden = {(i, j) for i, row in enumerate(full) for j, v in enumerate(row) if v and rng.random() < 0.5}
        published = mark(full, hidden, threshold)
        assert intervals(published) == intervals(published, full), (full, threshold, hidden)
        checked += len(hidden)
    assert checked > 300


def test_suppression_is_deterministic() -> None:
    rng = random.Random(7)
    table = [[rng.choice([0, 1, 2, 3, 4, 6, 9, 15, 40]) for _ in range(6)] for _ in range(8)]
    assert suppress(table, 5) == suppress([list(r) for r in table], 5)


counts = st.one_of(st.integers(0, 9), st.integers(0, 60))
tables = st.integers(1, 5).flatmap(lambda width: st.lists(st.lists(counts, min_size=width, max_size=width), min_size=1, max_size=5))


@settings(max_examples=150, deadline=None)
@given(table=tables, threshold=st.integers(3, 10))
def test_no_reader_can_narrow_a_hidden_cell_of_a_random_table(table: list[list[int]], threshold: int) -> None:
    published = suppress(table, threshold)
    full = with_totals(table)
    for i, row in enumerate(published):
        for j, value in enumerate(row):
            inner = i < len(full) - 1 and j < len(row) - 1
            if not isinstance(value, Suppressed):
                assert value == full[i][j] and not 0 < value < threshold
            elif value.primary:
                assert inner and 0 < full[i][j] < threshold
            else:
                assert full[i][j] >= (threshold if inner else 1)
    for cell, (low, high) in attack(published).items():
        value = published[cell[0]][cell[1]]
        if value.primary:
            assert (low, high) == (1, threshold - 1), (table, threshold, cell)
        else:
            assert high - low >= threshold - 2, (table, threshold, cell, low, high)
