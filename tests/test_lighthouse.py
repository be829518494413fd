"""Lighthouse on the home, a news item and a data page: accessibility, best practices and SEO at 100."""

from __future__ import annotations

from pathlib import Path

from browser import ARTIFACTS, failed_audits, lighthouse, one_per_type

AUDITED = ("beranda", "berita", "data")  # home, a news item, a data page
MUST_BE_FULL = ("accessibility", "best-practices", "seo")  # performance is noisy here: bench/lighthouse.py reports it


def test_lighthouse_gives_full_accessibility_best_practices_and_seo(default_site: Path, site_url: str) -> None:
    pages = one_per_type(default_site)
    short = {}
    for kind in AUDITED:
        report = ARTIFACTS / "lighthouse" / f"{kind}.json"
        scores = lighthouse(site_url + pages[kind], report)
        for category in MUST_BE_FULL:
            if scores[category] != 100:
                short[f"{kind} ({pages[kind]}) {category} {scores[category]}"] = failed_audits(report, category)
    assert short == {}
