"""Markdown on two cores gives exactly what one core gives, in the same order."""

from __future__ import annotations

import pytest

from terang.content import parallel
from terang.content.markdown import Targets, render_markdown
from terang.model import Body


def jobs() -> list[tuple[Body, str]]:
    return [(Body(f"content/berita/b{i}.md", 6, f"## Judul {i}\n\nIsi [tautan](/berita/b{(i + 1) % 40}/) dan [[angka:x]].\n\n| a | b |\n|--|--:|\n| {i} | 2 |\n"), f"berita/b{i}/")
            for i in range(40)] + [(Body("content/berita/rusak.md", 6, "[rusak](/tidak-ada/)\n"), "berita/rusak/")]


TARGETS = Targets(frozenset({f"berita/b{i}/" for i in range(40)} | {"", "berita/rusak/"}), frozenset(), {}, {"angka:x": "**7**"})


def test_the_pool_renders_every_body_exactly_as_one_core_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_JOBS", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    pooled = parallel.render_all(jobs(), TARGETS)
    serial = [render_markdown(body, url, TARGETS) for body, url in jobs()]
    assert pooled == serial
    assert pooled[3][0].html.startswith('<h2 id="judul-3">Judul 3</h2>\n<p>Isi <a href="../b4/index.html">tautan</a> dan <strong>7</strong>.</p>')
    [problem] = pooled[-1][1]
    assert str(problem).startswith("content/berita/rusak.md:6: tautan '/tidak-ada/' tidak menemukan halaman atau berkas di situs")


def test_small_builds_and_threaded_processes_stay_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    started = []
    monkeypatch.setattr(parallel.multiprocessing, "get_context", lambda *a: started.append(a))
    parallel.render_all(jobs()[:5], TARGETS)
    monkeypatch.setattr(parallel, "MIN_JOBS", 1)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 3)
    parallel.render_all(jobs(), TARGETS)
    assert started == []


def test_a_cold_build_of_many_news_converts_markdown_on_every_core(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The search indexer's thread must not start before the bodies are converted: a process with threads does not fork."""
    from conftest import Project, tiny_files

    from terang.cli.main import main

    news = {f"content/berita/simulasi-{i:03d}.md": f"---\njudul: SIMULASI {i}\ntanggal: 2024-01-02\nringkasan: Uji.\ntopik: [simulasi]\n---\nIsi **{i}**.\n"
            for i in range(parallel.MIN_JOBS + 6)}
    project = Project(tmp_path / "proyek").write(tiny_files()).write(news)
    forked = []
    real = parallel.multiprocessing.get_context
    earlier = set(parallel.threading.enumerate())  # other tests' servers: only the build's own threads count
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1 + sum(t not in earlier for t in parallel.threading.enumerate()))
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel.multiprocessing, "get_context", lambda method: forked.append(method) or real(method))
    assert main(["--proyek", str(project.path), "--out", str(tmp_path / "site"), "-q"]) == 0
    assert forked == ["fork"]
    assert "<strong>7</strong>" in (tmp_path / "site/berita/simulasi-007/index.html").read_text(encoding="utf-8")
