"""In a real browser: the citation is readable without JavaScript, and the copy button copies it."""

from __future__ import annotations

from playwright import sync_api as playwright


def test_copy_button_copies_the_citation_and_the_page_works_without_javascript(project, capsys, chromium) -> None:
    assert project.build("--base-url", "https://contoh.go.id/t/", capsys=capsys)[0] == 0
    url = (project.path / "site/data/index.html").as_uri()
    expected = ('Pemerintah Kabupaten Contoh. "Nelayan yang dijamin: 30 orang." Transparansi Program Contoh, '
                "data per 1 Januari 2024. Sumber: Dinas Contoh. https://contoh.go.id/t/data/#peserta")

    plain = chromium.new_context(java_script_enabled=False)
    page = plain.new_page()
    page.goto(url)
    assert page.locator("#peserta-kutipan").inner_text() == expected
    assert page.locator(".tombol-salin").count() == 0
    plain.close()

    context = chromium.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    button = page.get_by_role("button", name="Salin kutipan").first
    button.click()
    # the clipboard answers asynchronously: wait for the status instead of reading it at once
    playwright.expect(page.locator(".status-salin").first).to_have_text("Kutipan disalin.", timeout=10_000)
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert errors == []
    context.close()
