"""Incremental builds: each page records the inputs it read, and is reused while they stay the same.

Dependencies are recorded as they are read, not declared by hand (the idea of Lektor's builder):
the templates Jinja loads for a page, and every value its templates read from the site, the
config and the page's own context (its item, rendered body, the items of a list). The next build recomputes those
digests; a page whose digests all match, and whose file in the current site still has the bytes
recorded, is linked into the new site instead of rendered again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import jinja2

from terang.build.markdown_cache import MarkdownCache
from terang.build.page_records import Record, Stored, page_template, parse_identity, parse_values
from terang.build.recorder import Recorder, read_value, record
from terang.build.store import PAGES, Store, dumps
from terang.build.value_digests import MISSING, Wholes, anchor
from terang.digest import digest, file_digest
from terang.model import OutputFile
from terang.site import theme
from terang.site.plan import PageSpec
from terang.urls import output_path
from terang.walk import identity


@dataclass(frozen=True)
class Stats:
    """What a build had to do again and what it could reuse."""

    markdown_rendered: int = 0
    markdown_reused: int = 0
    pages_rendered: int = 0
    pages_reused: int = 0
    files_scanned: int = 0  # output files the privacy and CSP scans read (once per scan)
    scans_reused: int = 0  # output files whose clean result an earlier build kept (the very same file)


@dataclass
class PageTracker:
    """Decides per page whether the current site's file can be reused, and records new pages."""

    templates: Path
    out: Path
    site: Any
    previous: dict[str, Stored]  # site path -> the last build's record, as stored (see Record)
    pages: dict[str, Stored] = field(default_factory=dict)
    rendered: int = 0
    reused: int = 0
    on_page: Callable[[], None] = lambda: None
    _loaded: set[str] = field(default_factory=set)
    _reads: set[str] = field(default_factory=set)
    _values: dict[str, str] = field(default_factory=dict)
    _sources: dict[str, str] = field(default_factory=dict)
    _context: tuple[PageSpec, types.SimpleNamespace] | None = None
    _wholes: Wholes = field(default_factory=Wholes)
    _site_wholes: dict[str, str] = field(default_factory=dict)

    def watch(self, env: jinja2.Environment) -> None:
        """Record every template a render loads: extends, imports and includes go through these."""
        get_template, select_template = env.get_template, env.select_template

        # Names are recorded before loading: a template missing now ('ignore missing', the later
        # names of a list) is an input too, and creating it later must render the page again.
        def get(name: Any, parent: str | None = None, globals: Any = None) -> jinja2.Template:
            self._loaded.add(name if isinstance(name, str) else str(name.name))
            return get_template(name, parent, globals)

        def select(names: Any, parent: str | None = None, globals: Any = None) -> jinja2.Template:
            self._loaded.update(n if isinstance(n, str) else str(n.name) for n in names)
            return select_template(names, parent, globals)

        env.get_template, env.select_template = get, select  # type: ignore[method-assign]

    def view(self, site: Any, spec: PageSpec) -> tuple[Recorder, dict[str, Any]]:
        """The site and the page's context as the next page's templates see them; starts a recording."""
        self._loaded, self._reads = set(), set()
        context = {name: record(value, self._reads, f"@{name}") for name, value in spec.context.items()}
        return Recorder(site, self._reads, ""), context

    def reuse(self, spec: PageSpec) -> OutputFile | None:
        """The current site's file for this page, when every input it recorded is unchanged."""
        path = output_path(spec.url)
        stored = self.previous.get(path)
        record = Record.parse(stored.line[stored.record:stored.values - 1]) if stored is not None else None
        if record is None or record.context != self.context_digest(spec):
            return None
        for pair in record.templates:  # read back from disk: a name that is not a template's is never opened
            if type(pair) is not list or len(pair) != 2 or not page_template(pair[0]) or self.template_digest(pair[0]) != pair[1]:
                return None
        # Paths are read one by one only under whole values that changed (see terang.build.value_digests).
        now = [self.whole_digest(name, spec) for name in record.anchors]
        if now != record.wholes:
            changed = {name for name, old, new in zip(record.anchors, record.wholes, now) if old != new}
            values = parse_values(stored.line[stored.values:])  # cut and parsed only here: most pages never need them
            if values is None or any(self.value_digest(name, spec) != value for name, value in values.items() if anchor(name) in changed):
                return None
        current = f"{self.out}/{path}"  # a string: thousands of pages, a Path each would cost more than the stat
        if not self.unchanged_file(current, record.sha256, parse_identity(stored.line[stored.identity:stored.record - 1])):
            return None
        self.pages[path] = stored
        self.reused += 1
        self.on_page()
        return OutputFile(path, spec.origin, source=current)

    @staticmethod
    def unchanged_file(current: Path | str, sha256: str, recorded: tuple[int, ...] | None) -> bool:
        """Whether the current site's file still has the bytes recorded; its identity and times spare reading it."""
        try:
            info = os.stat(current)
        except OSError:
            return False
        if not stat.S_ISREG(info.st_mode):
            return False
        # A file changed by hand has a new ctime, which nothing can set back; else its bytes are compared.
        return file_identity(info) == recorded or file_digest(current) == sha256

    def made(self, spec: PageSpec, output: OutputFile) -> OutputFile:
        """Remember what a freshly rendered page read."""
        # Kept as JSON text: thousands of pages with dozens of reads each are far smaller as text than as lists.
        anchors = sorted({anchor(r) for r in self._reads})
        record = [self.context_digest(spec), [[name, self.template_digest(name)] for name in sorted(self._loaded)],
                  anchors, [self.whole_digest(name, spec) for name in anchors], hashlib.sha256(output.data).hexdigest()]
        values = {name: self.value_digest(name, spec) for name in sorted(self._reads)}
        self.pages[output.path] = Stored.made(output.path, dumps(record).encode(), dumps(values).encode())  # ASCII: dumps() escapes the rest
        self.rendered += 1
        self.on_page()
        return output

    def context_digest(self, spec: PageSpec) -> str:
        """The page's own inputs besides the values read: URL, template, title and context names."""
        own = [spec.url, spec.template, spec.title, spec.origin, sorted(spec.context)]
        if not all(isinstance(value, str) for value in own[:4]):
            return digest(*own)
        # Plain strings: JSON's C encoder is far quicker than the general digest, thousands of times a build.
        return hashlib.sha256(json.dumps(own, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()

    def template_digest(self, name: str) -> str:
        """A template file's bytes ('' when it does not exist), read once per build."""
        if name not in self._sources:
            found = theme.resolve(self.templates, name)  # the project's file, else the theme's
            self._sources[name] = file_digest(found) if found is not None else ""
        return self._sources[name]

    def value_digest(self, path: str, spec: PageSpec) -> str:
        """A recorded value of this build ('' when it is gone); site values are computed once."""
        if path.startswith("@"):
            return self._digest(self._scope(spec), path[1:])
        if path not in self._values:
            self._values[path] = self._digest(self.site, path)
        return self._values[path]

    def whole_digest(self, name: str, spec: PageSpec) -> str:
        """The digest of a whole value that recorded paths start from ('' when it is gone)."""
        if name.startswith("@"):  # a context value, or one member of it: '@item', '@related[0]'
            key, index = context_anchor(name)
            value = spec.context.get(key, MISSING)
            if index is not None:
                try:
                    value = value[index]
                except (IndexError, KeyError, TypeError):
                    value = MISSING
            return self._wholes.digest(value)
        if name not in self._site_wholes:
            self._site_wholes[name] = self._wholes.digest(self._read(self.site, name))
        return self._site_wholes[name]

    def _scope(self, spec: PageSpec) -> types.SimpleNamespace:
        """The page's context as an object that '@' paths are read from, made once per page."""
        if self._context is None or self._context[0] is not spec:
            self._context = (spec, types.SimpleNamespace(**spec.context))
        return self._context[1]

    @staticmethod
    def _digest(root: Any, path: str) -> str:
        try:
            return digest(read_value(root, path))
        except (AttributeError, IndexError, KeyError, TypeError):
            return ""

    @staticmethod
    def _read(root: Any, path: str) -> Any:
        """read_value(), or MISSING when the value is gone."""
        try:
            return read_value(root, path)
        except (AttributeError, IndexError, KeyError, TypeError):
            return MISSING


@dataclass
class Incremental:
    """The page records of one output folder, and the rendered Markdown they were made from."""

    markdown: MarkdownCache
    out: Path
    previous: dict[str, Stored]
    tracker: PageTracker | None = None
    on_page: Callable[[], None] = lambda: None

    @classmethod
    def open(cls, store: Store, markdown: MarkdownCache) -> "Incremental":
        """The records of the last build into the store's output folder (none with --clean).

        The page records are JSON lines, `path TAB identity TAB record TAB values` per page;
        each record is parsed and checked only when its page is planned (PageTracker.reuse).
        """
        _, lines = store.lines(PAGES)
        previous: dict[str, Stored] = {}
        for line in lines:
            read = Stored.read(line)
            if read is not None:
                previous[read[0]] = read[1]
        markdown.wholes = Wholes()
        return cls(markdown, store.out, previous)

    def pages(self, templates: Path, site: Any) -> PageTracker:
        """The tracker for this build's pages."""
        self.tracker = PageTracker(templates, self.out, site, self.previous, on_page=self.on_page,
                                   _wholes=self.markdown.wholes or Wholes())
        return self.tracker

    @property
    def stats(self) -> Stats:
        """How much this build rendered and reused."""
        tracker = self.tracker
        return Stats(self.markdown.rendered, self.markdown.reused,
                     tracker.rendered if tracker else 0, tracker.reused if tracker else 0)

    def save(self, store: Store) -> None:
        """Keep the records of the site just written (call it once the previous site is gone).

        Removing the previous site unlinks the other names of reused pages, which changes their
        ctime, part of their identity: it is taken once nothing else changes the site's files.
        """
        pages = self.tracker.pages if self.tracker else {}
        lines: list[bytes | memoryview] = []
        for path, stored in pages.items():
            if not path.isascii() or "\t" in path or "\n" in path:  # never so in a site path made from slugs; not kept if it were
                continue
            try:  # the files as they are now in place, so the next build need not read them
                now = b"%d,%d,%d,%d" % file_identity(os.stat(f"{self.out}/{path}"))
            except OSError:
                now = b""
            lines += stored.parts(now)
        store.write(PAGES, lines)


@functools.lru_cache(maxsize=4096)  # a few dozen distinct anchors, asked about on every page
def context_anchor(name: str) -> tuple[str, int | None]:
    """'@related[2]' -> ('related', 2); '@item' -> ('item', None)."""
    key, _, index = name[1:].partition("[")
    return key, int(index[:-1]) if index else None


def file_identity(info: os.stat_result) -> tuple[int, ...]:
    """A published page's identity, change time included: it is compared where it stands, never through a new link."""
    return identity(info, changed=True)
