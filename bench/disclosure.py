"""The cost of the suppression audit: 29 kecamatan × 8 segments × 24 months of synthetic counts.

    python3 bench/disclosure.py [--months 24] [--threshold 5] [--seed 13]

Counts are Poisson draws around a mean per kecamatan (some big, some small), per segment (two
rare ones) and per month (a slow start, then a plateau), so every month has zeros, small counts
and large ones. Prints the time of the whole publication (terang.data.participants.aggregate_rows: first
pattern, audit, extra cells, pruning), the time of one audit of the result by max-flow and by LP,
and the hidden cells before (the old rule: two hidden entries per row and column) and after.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from corpus import KECAMATAN, SEGMENTS  # noqa: E402

from terang.data.disclosure import intervals, weak  # noqa: E402
from terang.model import Suppressed  # noqa: E402
from terang.data.participants import aggregate_rows  # noqa: E402
from terang.data.suppression import first_pattern, suppress, with_totals  # noqa: E402

SEGMENTS8 = [*SEGMENTS, "Pedagang kecil", "Marbot"]


def counts(months: int, seed: int) -> Counter:
    """(segmen, kecamatan code, month) -> participants registered, as count_files returns them."""
    rng = np.random.default_rng(seed)
    place = rng.lognormal(0.0, 0.8, len(KECAMATAN))
    segment = np.array([3.0, 2.0, 0.4, 1.5, 1.0, 2.5, 0.6, 0.15])
    result: Counter = Counter()
    for m in range(months):
        ramp = min(1.0, 0.3 + m / 6)
        month = f"{2025 + m // 12}-{m % 12 + 1:02d}"
        means = 4.0 * ramp * np.outer(place, segment)
        for k, code in enumerate(KECAMATAN):
            for s, name in enumerate(SEGMENTS8):
                n = int(rng.poisson(means[k, s]))
                if n:
                    result[(name, f"36.04.{code}", month)] = n
    return result


def tables(data: Counter) -> dict[str, list[list[int]]]:
    """The per-month kecamatan × segmen tables that aggregate_rows builds."""
    segments = sorted({s for s, _, _ in data})
    found = {}
    for month in sorted({m for _, _, m in data}):
        codes = sorted({c for _, c, m in data if m == month})
        found[month] = [[data.get((s, c, month), 0) for s in segments] for c in codes]
    return found


def old_rule(full: list[list[int]], hidden: set, threshold: int) -> list[list]:
    """A month as the old rule published it: every small hidden cell '<N', totals included."""
    return [[Suppressed(v < threshold, threshold) if (i, j) in hidden else v for j, v in enumerate(row)] for i, row in enumerate(full)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--threshold", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    data = counts(args.months, args.seed)
    by_month = tables(data)
    intervals(suppress([[1, 9], [9, 9]], 5))  # load scipy before timing

    start = time.perf_counter()
    _, rows = aggregate_rows(data, args.threshold)
    publish = time.perf_counter() - start

    published: dict[str, list[list]] = {}
    for row in rows:
        published.setdefault(row[0], []).append(list(row[3:]))
    cells = sum(len(t) * len(t[0]) for t in published.values())
    small = sum(1 for t in by_month.values() for v in (x for r in with_totals(t) for x in r) if 0 < v < args.threshold)
    old_hidden = {m: first_pattern(with_totals(t), args.threshold) or set() for m, t in by_month.items()}
    old = sum(len(h) for h in old_hidden.values())
    old_leaks = [weak(old_rule(with_totals(by_month[m]), old_hidden[m], args.threshold), with_totals(by_month[m])) for m in by_month]
    new = sum(1 for t in published.values() for r in t for v in r if isinstance(v, Suppressed))

    start = time.perf_counter()
    leaks = sum(len(weak(published[m], with_totals(by_month[m]))) for m in by_month)
    flow = time.perf_counter() - start
    start = time.perf_counter()
    leaks += sum(len(weak(published[m])) for m in by_month)
    lp = time.perf_counter() - start

    print(f"{len(KECAMATAN)} kecamatan × {len(SEGMENTS8)} segmen × {len(by_month)} bulan, ambang {args.threshold}: "
          f"{sum(data.values())} peserta, {cells} sel dengan jumlah, {small} sel kecil")
    print(f"publish (aggregate_rows, suppression + audit): {publish:.2f} s")
    print(f"audit of the result alone: max-flow {flow:.2f} s, LP {lp:.2f} s; under-protected cells found: {leaks}")
    print(f"hidden cells: old rule {old}, audited {new} ({new - old:+d})")
    print(f"old rule: {sum(map(len, old_leaks))} hidden cells under-protected in {sum(map(bool, old_leaks))} of {len(old_leaks)} months, "
          f"{sum(f.exact for found in old_leaks for f in found)} of them exact")


if __name__ == "__main__":
    main()
