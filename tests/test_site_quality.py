"""The built default site without a browser: every page type exists, links resolve, pages are light."""

from __future__ import annotations

import re
from pathlib import Path


from browser import ARTIFACTS, REQUIRED_TYPES, SEARCH_PAGE, html_pages, one_per_type, pages_by_type, validate_html
from siteparse import Ref, css_refs, is_external, parse_page, resolve

BUDGET = 50 * 1024  # bytes, uncompressed: HTML + CSS + JS + images of one page
NOT_WEIGHED = (".pdf", ".json")  # the search index and regulation PDFs are fetched on demand, not with the page
SEARCH_BUNDLE = "pagefind/"  # Pagefind's index with its own UI script and styles, loaded by the search page only
FONT_FILES = {".woff", ".woff2", ".ttf", ".otf", ".eot"}


def all_refs(site: Path) -> tuple[list[Ref], dict[str, frozenset[str]]]:
    """Every URL in every page and stylesheet of the site, and the ids of every page."""
    refs: list[Ref] = []
    ids: dict[str, frozenset[str]] = {}
    for page in html_pages(site):
        parsed = parse_page(site, page)
        refs += parsed.refs
        ids[page] = parsed.ids
    for css in sorted(site.rglob("*.css")):
        name = css.relative_to(site).as_posix()
        refs += css_refs(name, css.read_text(encoding="utf-8"))
    return refs, ids


def broken_links(site: Path) -> list[str]:
    """Each internal href, src or #anchor that points at nothing, as `file:line: message`."""
    refs, ids = all_refs(site)
    broken = []
    for ref in refs:
        if is_external(ref.url):
            continue
        target, fragment = resolve(ref.source, ref.url)
        if not (site / target).is_file():
            broken.append(f"{ref.source}:{ref.line}: '{ref.url}' points to {target}, which is not in the site")
        elif fragment and target in ids and fragment not in ids[target]:
            broken.append(f"{ref.source}:{ref.line}: '{ref.url}' points to #{fragment}, which {target} does not have")
    return broken


def page_weight(site: Path, page: str) -> dict[str, int]:
    """Bytes of the page and of every local file the browser loads to show it (stylesheets' url()s too)."""
    sizes = {page: (site / page).stat().st_size}
    queue = [r for r in parse_page(site, page).refs if r.loaded]
    while queue:
        ref = queue.pop()
        target, _ = resolve(ref.source, ref.url)
        if is_external(ref.url) or target in sizes or target.endswith(NOT_WEIGHED) or target.startswith(SEARCH_BUNDLE) or not (site / target).is_file():
            continue
        sizes[target] = (site / target).stat().st_size
        if target.endswith(".css"):
            queue += css_refs(target, (site / target).read_text(encoding="utf-8"))
    return sizes


def test_the_site_has_every_page_type_the_issue_names(default_site: Path) -> None:
    types = pages_by_type(default_site)
    missing = [f"{name} (templates/{kind}.html)" for kind, name in REQUIRED_TYPES.items() if kind not in types]
    assert missing == []
    assert types.get("", []) == [], "these pages do not say their type in <body data-jenis>; render them through base.html"


def test_every_internal_link_anchor_and_asset_resolves(default_site: Path) -> None:
    assert broken_links(default_site) == []


def test_the_link_checker_finds_a_missing_page_a_missing_anchor_and_a_missing_image(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<p id="ada">x</p>\n<a href="a/index.html#ada">ok</a>\n<a href="#ada">ok</a>\n'
                                         '<a href="b/">no</a>\n<a href="#tidak">no</a>\n<a href="https://contoh.go.id/">ok</a>\n', encoding="utf-8")
    (tmp_path / "a/index.html").write_text('<h1 id="ada">A</h1><img src="../gambar.png" alt=""><a href="/index.html#ada">ok</a>', encoding="utf-8")
    assert broken_links(tmp_path) == [
        "a/index.html:1: '../gambar.png' points to gambar.png, which is not in the site",
        "index.html:4: 'b/' points to b/index.html, which is not in the site",
        "index.html:5: '#tidak' points to #tidak, which index.html does not have",
    ]


def test_pages_load_nothing_from_another_host(default_site: Path) -> None:
    refs, _ = all_refs(default_site)
    assert [f"{r.source}:{r.line}: {r.url}" for r in refs if r.loaded and is_external(r.url)] == []


def test_every_page_weighs_at_most_50_kb_with_its_css_js_and_images(default_site: Path) -> None:
    weights = {page: page_weight(default_site, page) for page in html_pages(default_site)}
    report = [f"{kind}: {page} {sum(weights[page].values())} B ({', '.join(f'{n} {s} B' for n, s in sorted(weights[page].items()))})"
              for kind, page in one_per_type(default_site).items()]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "weight.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    over = {page: sum(sizes.values()) for page, sizes in weights.items() if sum(sizes.values()) > BUDGET}
    assert over == {}


def test_only_the_search_page_loads_the_search_bundle_left_out_of_the_budget(default_site: Path) -> None:
    loading = [page for page in html_pages(default_site)
               if any(r.loaded and resolve(r.source, r.url)[0].startswith(SEARCH_BUNDLE) for r in parse_page(default_site, page).refs)]
    assert loading in ([], [SEARCH_PAGE])


def test_the_weight_counts_the_stylesheet_its_images_and_the_page_images(tmp_path: Path) -> None:
    (tmp_path / "aset").mkdir()
    (tmp_path / "aset/gaya.css").write_text("body { background: url(latar.png); }", encoding="utf-8")
    (tmp_path / "aset/latar.png").write_bytes(b"x" * 300)
    (tmp_path / "foto.jpg").write_bytes(b"x" * 4000)
    (tmp_path / "naskah.pdf").write_bytes(b"x" * 90000)
    (tmp_path / "index.html").write_text('<link rel="stylesheet" href="aset/gaya.css"><img src="foto.jpg" alt="">'
                                         '<a href="naskah.pdf">PDF</a>', encoding="utf-8")
    assert page_weight(tmp_path, "index.html") == {"index.html": 99, "aset/gaya.css": 36, "aset/latar.png": 300, "foto.jpg": 4000}


def test_the_site_uses_no_web_fonts(default_site: Path) -> None:
    fonts = [p.relative_to(default_site).as_posix() for p in default_site.rglob("*") if p.suffix.lower() in FONT_FILES]
    font_faces = [p.relative_to(default_site).as_posix() for p in default_site.rglob("*.css") if "@font-face" in p.read_text(encoding="utf-8")]
    assert fonts == [] and font_faces == []


def test_every_page_names_its_icon_so_browsers_do_not_ask_for_a_missing_favicon(default_site: Path) -> None:
    icon = re.compile(r'<link rel="icon" href="[^"]+"')  # the link checker makes sure the file is there
    without = [page for page in html_pages(default_site) if not icon.search((default_site / page).read_text(encoding="utf-8"))]
    assert without == []


def test_the_nu_html_checker_finds_no_error_in_any_page_stylesheet_or_svg(default_site: Path) -> None:
    files = html_pages(default_site) + sorted(p.relative_to(default_site).as_posix() for p in [*default_site.rglob("*.css"), *default_site.rglob("*.svg")])
    errors = validate_html(default_site, files)
    assert [str(e) for e in errors] == []


def test_the_nu_html_checker_reports_file_line_and_message(tmp_path: Path) -> None:
    (tmp_path / "salah.html").write_text('<!doctype html>\n<html lang="id">\n<title>x</title>\n<p><div>y</div></p>\n', encoding="utf-8")
    errors = [str(e) for e in validate_html(tmp_path, ["salah.html"])]
    assert errors == ["salah.html:4: No “p” element in scope but a “p” end tag seen."]


def test_the_nu_html_checker_also_reads_stylesheets(tmp_path: Path) -> None:
    (tmp_path / "gaya.css").write_text("a {\n  colr: red;\n}\n", encoding="utf-8")
    assert [str(e) for e in validate_html(tmp_path, ["gaya.css"])] == ["gaya.css:2: CSS: “colr”: Property “colr” doesn't exist."]
