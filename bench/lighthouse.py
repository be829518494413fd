"""Print Lighthouse's four scores (performance too) for one page of every page type of the default site.

Usage: python3 bench/lighthouse.py   (needs `npm ci` and Debian's chromium)
The performance score moves with the load of a shared machine, so the test suite does not assert it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser import LIGHTHOUSE_CATEGORIES, NODE_BIN, lighthouse, one_per_type, serve  # noqa: E402
from terang.cli.main import main as build  # noqa: E402


def main() -> int:
    if not (NODE_BIN / "lighthouse").exists() or not shutil.which("chromium"):
        print("Perlu lighthouse (jalankan: npm ci) dan chromium (apt-get install -y chromium).", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        if build(["--proyek", str(ROOT), "--out", str(site), "-q"]) != 0:
            return 1
        pages = one_per_type(site)
        labels = {kind: f"{kind} ({path})" for kind, path in pages.items()}
        width = max(map(len, labels.values())) + 2
        print("halaman".ljust(width) + "".join(f"{c:>16}" for c in LIGHTHOUSE_CATEGORIES))
        with serve(site) as url:
            for kind, label in labels.items():
                scores = lighthouse(url + pages[kind], Path(tmp) / f"{kind}.json")
                print(label.ljust(width) + "".join(f"{scores[c]:>16}" for c in LIGHTHOUSE_CATEGORIES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
