"""The default site in a real browser, the way a citizen on a cheap phone and a blind reader meet it."""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser import ARTIFACTS, DESKTOP, PHONE, SEARCH_PAGE, html_pages, one_per_type, page_type, pages_by_type
from siteparse import visible_text

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
VIEWPORTS = {"ponsel": PHONE, "desktop": DESKTOP}
MENU = "nav[aria-label='Menu utama']:visible"  # a phone shows the one in the Menu disclosure once it is opened
MENU_BUTTON = ".menu-ponsel > summary"


def open_menu(page: Any) -> None:
    """On a phone, open the Menu disclosure (a click on its summary; no JavaScript needed)."""
    if page.is_visible(MENU_BUTTON) and not page.evaluate("() => document.querySelector('.menu-ponsel').open"):
        page.click(MENU_BUTTON)
WORD = re.compile(r"\w[\w.,%-]*\w|\w")


@dataclass
class Visit:
    """What happened while a page was open: console errors and requests to other hosts."""

    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


@contextlib.contextmanager
def opened(chromium: Any, url: str, viewport: dict[str, int], javascript: bool = True) -> Iterator[tuple[Any, Visit]]:
    """A fresh browser context showing `url`; requests to any host but the local server are blocked and recorded."""
    visit = Visit()
    local = urlsplit(url).netloc
    context = chromium.new_context(viewport=viewport, java_script_enabled=javascript)

    def route(request_route: Any) -> None:
        if urlsplit(request_route.request.url).netloc == local or request_route.request.url.startswith("data:"):
            request_route.continue_()
        else:
            visit.foreign.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: visit.errors.append(str(e)))
    page.on("response", lambda r: visit.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    try:
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, url
        yield page, visit
    finally:
        context.close()


# Contrast of each placeholder against white, after its opacity (WCAG 1.4.3 asks 4.5:1 for text).
CONTRAST_OF_PLACEHOLDERS = r"""() => {
    const lum = ([r, g, b]) => [r, g, b].map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const result = {};
    for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
        const s = getComputedStyle(el, '::placeholder');
        const [r, g, b, a = 1] = s.color.match(/[\d.]+/g).map(Number);
        const alpha = a * parseFloat(s.opacity);
        const shown = [r, g, b].map(v => v * alpha + 255 * (1 - alpha));
        result[el.name || el.id || el.className || el.outerHTML.slice(0, 60)] = Math.round((1.05 / (lum(shown) + 0.05)) * 100) / 100;
    }
    return result;
}"""


def focus_is_visible(page: Any) -> bool:
    """The focused element shows an outline or a ring of at least 2 px, inside the viewport."""
    return page.evaluate("""() => {
        const el = document.activeElement, s = getComputedStyle(el), box = el.getBoundingClientRect();
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
        const ring = s.boxShadow !== 'none';
        const shown = box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
            && box.left < innerWidth && box.top < innerHeight;
        return (outline || ring) && shown;
    }""")


def on_a_phone(site: Path, site_url: str, chromium: Any, look: Callable[[Any, Visit], Any]) -> dict[str, Any]:
    """`look` at one page of each type open on a phone: what it found, by page ('kind (path)'), where it found anything."""
    found = {}
    for kind, page_path in one_per_type(site).items():
        with opened(chromium, site_url + page_path, PHONE) as (page, visit):
            seen = look(page, visit)
        if seen:
            found[f"{kind} ({page_path})"] = seen
    return found


def test_a_search_page_exists_or_is_skipped_for_the_search_issue(default_site: Path) -> None:
    if not (default_site / SEARCH_PAGE).is_file():
        pytest.skip(f"{SEARCH_PAGE} is not built yet: the search page belongs to the search issue (cari/)")
    kind = page_type((default_site / SEARCH_PAGE).read_text(encoding="utf-8"))
    assert pages_by_type(default_site).get(kind) == [SEARCH_PAGE], "the search page needs a template of its own, so every check runs on it"


def test_a_missing_address_shows_the_404_page_with_its_style_and_working_links(site_url: str, chromium: Any) -> None:
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    response = page.goto(site_url + "tidak/ada/di/sini/")
    styled = page.evaluate("() => getComputedStyle(document.querySelector('.kepala')).borderBottomStyle")
    heading = page.inner_text("h1")
    open_menu(page)
    with page.expect_navigation():
        page.click(f"{MENU} a >> nth=-1")
    opened_ok = page.evaluate("() => document.body.dataset.jenis") != "404"
    context.close()
    assert (response.status, heading, styled, opened_ok) == (404, "Halaman tidak ditemukan", "solid", True)


def test_axe_finds_no_wcag_a_or_aa_violation_on_any_page_type(default_site: Path, site_url: str, chromium: Any) -> None:
    axe = Axe()
    violations = {}
    for kind, page_path in one_per_type(default_site).items():
        for name, viewport in VIEWPORTS.items():
            with opened(chromium, site_url + page_path, viewport) as (page, _):
                result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
            found = [f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})" for v in result.response["violations"]]
            if found:
                violations[f"{kind} ({page_path}, {name})"] = found
    assert violations == {}


def test_no_page_type_scrolls_sideways_on_a_phone_or_a_desktop(default_site: Path, site_url: str, chromium: Any) -> None:
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    overflowing = {}
    for kind, page_path in one_per_type(default_site).items():
        for name, viewport in VIEWPORTS.items():
            with opened(chromium, site_url + page_path, viewport) as (page, _):
                width = page.evaluate("() => document.documentElement.scrollWidth")
                page.screenshot(path=str(shots / f"{kind}-{name}.png"), full_page=True)
            if width > viewport["width"]:
                overflowing[f"{kind} ({page_path}, {name})"] = width
    assert overflowing == {}


def test_the_menu_works_by_keyboard_alone_with_a_visible_focus(default_site: Path, site_url: str, chromium: Any) -> None:
    problems = []
    for kind, page_path in one_per_type(default_site).items():
        for name, viewport in VIEWPORTS.items():
            where = f"{kind} ({page_path}, {name})"
            with opened(chromium, site_url + page_path, viewport) as (page, _):
                page.keyboard.press("Tab")
                if page.evaluate("() => document.activeElement.getAttribute('href')") != "#isi" or not focus_is_visible(page):
                    problems.append(f"{where}: the first Tab does not show the link 'Langsung ke isi'")
                menu = page.eval_on_selector_all(".menu-lebar a", "links => links.map(a => a.href)")  # the same links in both menus
                reached = []
                for _ in range(len(menu) + 10):
                    page.keyboard.press("Tab")
                    if page.evaluate("() => document.activeElement.matches('.menu-ponsel:not([open]) > summary')"):
                        page.keyboard.press("Enter")  # a phone: the Menu disclosure opens by keyboard
                        continue
                    href = page.evaluate("() => document.activeElement.closest(\"nav[aria-label='Menu utama']\") ? document.activeElement.href : ''")
                    if href in menu:
                        reached.append(href)
                        if not focus_is_visible(page):
                            problems.append(f"{where}: no visible focus on the menu link {href}")
                    if len(reached) == len(menu):
                        break
                if reached != menu:
                    problems.append(f"{where}: Tab reaches {len(reached)} of {len(menu)} menu links")
                    continue
                with page.expect_navigation():
                    page.keyboard.press("Enter")  # the focus is on the last menu link
                if page.url != menu[-1]:
                    problems.append(f"{where}: Enter on {menu[-1]} opened {page.url}")
    assert problems == []


def test_the_skip_link_takes_the_keyboard_past_the_menu(default_site: Path, site_url: str, chromium: Any) -> None:
    problems = []
    for kind, page_path in one_per_type(default_site).items():
        with opened(chromium, site_url + page_path, PHONE) as (page, _):
            page.keyboard.press("Tab")
            page.keyboard.press("Enter")
            page.keyboard.press("Tab")
            inside = page.evaluate("() => !!document.activeElement.closest('main') || !document.querySelector('main a, main button, main input')")
            if not page.url.endswith("#isi") or not inside:
                problems.append(f"{kind} ({page_path}): after 'Langsung ke isi' the next Tab is on {page.evaluate('() => document.activeElement.outerHTML.slice(0, 80)')}")
    assert problems == []


def unfocused(page: Any, _visit: Visit) -> list[str]:
    """The links and controls that Tab reaches without a visible focus."""
    count = page.evaluate("() => document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]').length")
    found = []
    for _ in range(count):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            break
        if not focus_is_visible(page):
            found.append(page.evaluate("() => document.activeElement.outerHTML.slice(0, 80)"))
    return found


def test_every_link_and_control_shows_a_visible_focus(default_site: Path, site_url: str, chromium: Any) -> None:
    assert on_a_phone(default_site, site_url, chromium, unfocused) == {}


def faint_placeholders(page: Any, _visit: Visit) -> dict[str, float]:
    """The placeholders whose contrast is below 4.5:1, with their contrast."""
    page.wait_for_load_state("networkidle")  # inputs that scripts add (the search box) are there too
    return {name: ratio for name, ratio in page.evaluate(CONTRAST_OF_PLACEHOLDERS).items() if ratio < 4.5}


def test_every_placeholder_is_readable(default_site: Path, site_url: str, chromium: Any) -> None:
    assert on_a_phone(default_site, site_url, chromium, faint_placeholders) == {}


def console_and_requests(page: Any, visit: Visit) -> list[str]:
    """Console errors, requests to other hosts and failed requests, once the page is quiet."""
    page.wait_for_load_state("networkidle")
    return visit.errors + [f"request to another host: {u}" for u in visit.foreign] + [f"failed: {f}" for f in visit.failed]


def test_no_console_error_and_no_request_to_another_host(default_site: Path, site_url: str, chromium: Any) -> None:
    assert on_a_phone(default_site, site_url, chromium, console_and_requests) == {}


def test_without_javascript_every_page_shows_all_its_text_and_figures(default_site: Path, site_url: str, chromium: Any) -> None:
    missing = {}
    for page_path in html_pages(default_site):  # every page, not one per type: each has its own figures
        expected = Counter(WORD.findall(visible_text((default_site / page_path).read_text(encoding="utf-8"))))
        with opened(chromium, site_url + page_path, PHONE, javascript=False) as (page, _):
            shown = Counter(WORD.findall(page.inner_text("body")))
        if expected - shown:  # each word as often as in the HTML, so a hidden figure shown elsewhere still counts
            missing[page_path] = sorted(expected - shown)[:20]
    assert missing == {}


def test_without_javascript_every_menu_link_opens_its_page(site_url: str, chromium: Any) -> None:
    broken = []
    with opened(chromium, site_url, PHONE, javascript=False) as (page, _):
        open_menu(page)
        hrefs = page.eval_on_selector_all(f"{MENU} a", "links => links.map(a => a.getAttribute('href'))")
        for href in hrefs:
            page.goto(site_url)
            open_menu(page)
            with page.expect_navigation():
                page.click(f"{MENU} a[href='{href}']")
            if page.url != urljoin(site_url, href) or not page.inner_text("h1").strip():
                broken.append(f"{href} opened {page.url}")
    assert len(hrefs) >= 3 and broken == []
