"""The preview in a real browser: saving a file reloads the open page, errors show, fixes clear them."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

import pytest

from browser import CHROMIUM_ARGS
from conftest import Project
from helpers import WAIT, Server


@pytest.fixture
def browser_page() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=list(CHROMIUM_ARGS))
        try:
            yield browser.new_page()
        finally:
            browser.close()


def test_the_open_page_follows_saves_without_a_manual_reload(browser_page: object, project: Project, tmp_path: Path) -> None:
    from playwright.sync_api import Page, expect

    page: Page = browser_page  # type: ignore[assignment]
    server = Server(project, tmp_path)
    try:
        server.wait_for("", lambda body: "Transparansi Program Contoh" in body)
        page.goto(server.url + "tentang/")
        expect(page.locator("h1")).to_have_text("Tentang")
        page.wait_for_function("() => window.LiveReload !== undefined", timeout=WAIT * 1000)  # livereload.js connected

        project.write({"content/halaman/tentang.md": "---\njudul: Tentang program\n---\nHalaman tentang.\n"})
        expect(page.locator("h1")).to_have_text("Tentang program", timeout=WAIT * 1000)

        project.write({"content/halaman/tentang.md": "---\njudul: Tentang program\nurutan: satu\n---\nHalaman tentang.\n"})
        expect(page.locator("h1")).to_have_text("Build gagal: 1 kesalahan", timeout=WAIT * 1000)
        expect(page.locator("li").first).to_contain_text("content/halaman/tentang.md, baris 3")

        project.write({"content/halaman/tentang.md": "---\njudul: Tentang kami\nurutan: 1\n---\nHalaman tentang.\n"})
        expect(page.locator("h1")).to_have_text("Tentang kami", timeout=WAIT * 1000)
    finally:
        server.stop()
