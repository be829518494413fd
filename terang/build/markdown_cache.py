"""Rendered Markdown of earlier builds, kept in the build state (terang.build.store).

A cached Markdown body is keyed by everything that can change its HTML: the code of Terang
and of the libraries that render it (the store's code key), the body text and where it sits,
the page's URL, the set of pages and files links may point to, and the figures its placeholders insert.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from terang.build.store import MARKDOWN, Store, loads
from terang.content.markdown import PLACEHOLDER, Rendered, Targets, render_markdown
from terang.content.parallel import render_all
from terang.digest import digest
from terang.errors import Problem
from terang.model import Body


@dataclass
class MarkdownCache:
    """Rendered bodies of earlier builds; keeps only the entries this build used."""

    entries: dict[str, Rendered]
    stale: set[str] = field(default_factory=set)  # shards whose file held something this build did not trust
    used: dict[str, Rendered] = field(default_factory=dict)
    rendered: int = 0
    reused: int = 0
    _links: tuple[int, str] = (0, "")
    fresh: set[str] = field(default_factory=set)  # source paths of the bodies converted in this build (new or changed)
    wholes: Any = None  # a terang.build.value_digests.Wholes told which key each body came from

    @classmethod
    def open(cls, store: Store) -> "MarkdownCache":
        """The bodies rendered by earlier builds of this project; none with --clean or after a code change.

        They are kept in SHARDS files by the first digit of each key: an edit rewrites one or two
        of them, not tens of MB. An entry that is not what save() writes is dropped and its body
        rendered again; a damaged shard is dropped whole.
        """
        entries: dict[str, Rendered] = {}
        stale: set[str] = set(SHARDS) if store.clean else set()  # a clean build rewrites or removes every shard
        for shard in ([] if store.clean else SHARDS):
            part = read_shard(store, shard)
            kept = {key: Rendered(html, headings) for key, (html, headings) in part.items() if key[:1] == shard and _stored(html, headings)}
            if len(kept) != len(part) or not part:
                stale.add(shard)  # missing, damaged, of other code or holding a body Terang did not render: written again
            entries.update(kept)
        return cls(entries, stale)

    def render(self, body: Body, page_url: str, targets: Targets) -> tuple[Rendered, list[Problem]]:
        """render_markdown(), or its earlier result when nothing it depends on changed."""
        return self._render(self.key(body, page_url, targets), body, page_url, targets)

    def _render(self, key: str, body: Body, page_url: str, targets: Targets) -> tuple[Rendered, list[Problem]]:
        rendered, problems = self._lookup(key, body, page_url, targets)
        if self.wholes is not None:
            self.wholes.seed(rendered, "markdown:" + key)  # the same key always renders the same HTML
        return rendered, problems

    def _lookup(self, key: str, body: Body, page_url: str, targets: Targets) -> tuple[Rendered, list[Problem]]:
        rendered = self.entries.get(key)
        if rendered is not None:
            self.reused += 1
            self.used[key] = rendered
            return rendered, []
        self.rendered += 1
        self.fresh.add(body.path)
        rendered, problems = render_markdown(body, page_url, targets)
        if not problems:  # a failing body is rendered again, so its errors are reported again
            self.used[key] = rendered
        return rendered, problems

    def render_many(self, jobs: list[tuple[Body, str]], targets: Targets) -> list[tuple[Rendered, list[Problem]]]:
        """render() for many bodies: cached ones are reused, the rest rendered on every core."""
        keys = [self.key(body, url, targets) for body, url in jobs]
        missing = [i for i, key in enumerate(keys) if key not in self.entries]
        fresh = dict(zip(missing, render_all([jobs[i] for i in missing], targets)))
        results = []
        for index, key in enumerate(keys):
            if index not in fresh:
                results.append(self._render(key, *jobs[index], targets))
                continue
            rendered, problems = fresh[index]
            self.fresh.add(jobs[index][0].path)
            if self.wholes is not None:
                self.wholes.seed(rendered, "markdown:" + key)
            self.rendered += 1
            if not problems:
                self.used[key] = rendered
            results.append((rendered, problems))
        return results

    def key(self, body: Body, page_url: str, targets: Targets) -> str:
        """Everything the HTML of this body depends on, as one digest."""
        snippets = sorted({f"{m.group(1)}:{m.group(2)}" for m in PLACEHOLDER.finditer(body.text)}) if "[[" in body.text else []
        # A JSON array ends where its brackets close, so header and text cannot run into each other;
        # much faster than digest(), and the long text is hashed as it is.
        header = [body.path, body.line, page_url, self.links(targets), [(s, targets.snippet(body.path, s)) for s in snippets]]
        hasher = hashlib.sha256(json.dumps(header).encode())
        hasher.update(body.text.encode("utf-8", "surrogatepass"))
        return hasher.hexdigest()

    def links(self, targets: Targets) -> str:
        """What internal links may point to; it changes only when pages or files come or go."""
        if self._links[0] != id(targets):
            self._links = (id(targets), digest(sorted(targets.pages), sorted(targets.files), sorted(targets.sources.items())))
        return self._links[1]

    def save(self, store: Store) -> None:
        """Keep the entries this build used; the others are stale. Only shards whose entries changed are written."""
        used: dict[str, dict[str, Rendered]] = {shard: {} for shard in SHARDS}
        kept: dict[str, set[str]] = {shard: set() for shard in SHARDS}
        for key, rendered in self.used.items():
            used[key[0]][key] = rendered
        for key in self.entries:
            kept.setdefault(key[0], set()).add(key)
        for shard in SHARDS:
            if used[shard].keys() == kept[shard] and shard not in self.stale:
                continue
            if used[shard]:
                write_shard(store, shard, used[shard])
            else:
                store.forget(f"{MARKDOWN}/{shard}.txt", shared=True)


SHARDS = "0123456789abcdef"  # the first hex digit of a Markdown cache key
KEY = re.compile(r"[0-9a-f]{64}")

# Elements the sanitiser never lets through (terang.content.markdown escapes '<' even inside attributes): a cached
# body holding one was not rendered by Terang. ASCII classes, not IGNORECASE: twice as fast, as strict.
NEVER_RENDERED = re.compile(r"<[sS](?:[cC][rR][iI][pP][tT]|[tT][yY][lL][eE])")


def read_shard(store: Store, shard: str) -> dict[str, tuple[str, str]]:
    """A Markdown cache shard: {key: (html, headings)}; {} when missing, damaged or of other code.

    The file's header holds `"isi": [[key, html length, headings length], ...]`; its body is the
    texts themselves, one after the other. The texts are not JSON strings: HTML is full of quotes,
    and unescaping them made loading the cache seven times slower than slicing.
    """
    header, data = store.read(f"{MARKDOWN}/{shard}.txt", shared=True)
    if type(header.get("isi")) is not list:
        return {}
    try:
        body = data.decode("utf-8")
    except UnicodeDecodeError:
        return {}
    part: dict[str, tuple[str, str]] = {}
    start = 0
    for entry in header["isi"]:
        if type(entry) is not list or len(entry) != 3 or type(entry[0]) is not str or not KEY.fullmatch(entry[0]):
            return {}
        html, headings = entry[1], entry[2]
        if type(html) is not int or type(headings) is not int or html < 0 or headings < 0:
            return {}
        middle, end = start + html, start + html + headings
        part[entry[0]] = (body[start:middle], body[middle:end])
        start = end
    return part if start == len(body) else {}  # every text accounted for, nothing cut short or added


def write_shard(store: Store, shard: str, entries: Mapping[str, Rendered]) -> None:
    """Write a Markdown cache shard atomically (see read_shard)."""
    index = [[key, len(r.html), len(r.headings)] for key, r in entries.items()]
    try:
        data = "".join([r.html + r.headings for r in entries.values()]).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: not kept
        return
    store.write(f"{MARKDOWN}/{shard}.txt", [data], shared=True, isi=index)


def _stored(html: str, headings: str) -> bool:
    """Whether a cached body is one Terang renders: sanitised HTML, headings as JSON [[level, id, title], ...]."""
    if NEVER_RENDERED.search(html):
        return False
    parsed = loads(headings)
    return type(parsed) is list and all(
        type(h) is list and len(h) == 3 and type(h[0]) is int and type(h[1]) is str and type(h[2]) is str for h in parsed)
