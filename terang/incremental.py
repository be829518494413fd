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
import pickle
import stat
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import jinja2

from .cache import CACHE_DIR, MarkdownCache, code_key, digest, file_digest, read_pickle, write_pickle
from .model import OutputFile
from .pages import PageSpec
from .urls import output_path
from .recorder import Recorder, read_value, record
from .wholes import MISSING, Wholes, anchor


@dataclass(frozen=True)
class Stats:
    """What a build had to do again and what it could reuse."""

    markdown_rendered: int = 0
    markdown_reused: int = 0
    pages_rendered: int = 0
    pages_reused: int = 0


@dataclass
class PageTracker:
    """Decides per page whether the current site's file can be reused, and records new pages."""

    templates: Path
    out: Path
    site: Any
    previous: dict[str, bytes]  # site path -> pickled record of the last build
    identities: dict[str, Any] = field(default_factory=dict)  # site path -> file_identity() after the last build
    pages: dict[str, bytes] = field(default_factory=dict)
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
        packed = self.previous.get(path)
        entry = pickle.loads(packed) if isinstance(packed, bytes) else None
        if not isinstance(entry, dict) or entry.get("konteks") != self.context_digest(spec):
            return None
        if any(self.template_digest(name) != value for name, value in entry["templat"].items()):
            return None
        # Paths are read one by one only under whole values that changed (see terang.wholes).
        names, digests = entry["utuh"]
        now = tuple([self.whole_digest(name, spec) for name in names])
        if now != digests:
            changed = {name for name, old, new in zip(names, digests, now) if old != new}
            # kept pickled on their own: most pages never need them
            if any(self.value_digest(name, spec) != value for name, value in pickle.loads(entry["situs"]).items() if anchor(name) in changed):
                return None
        current = f"{self.out}/{path}"  # a string: thousands of pages, a Path each would cost more than the stat
        if not self.unchanged_file(current, entry, self.identities.get(path)):
            return None
        self.pages[path] = packed
        self.reused += 1
        self.on_page()
        return OutputFile(path, spec.origin, source=current)

    @staticmethod
    def unchanged_file(current: Path | str, entry: dict[str, Any], identity: Any) -> bool:
        """Whether the current site's file still has the bytes recorded; its identity and times spare reading it."""
        try:
            info = os.stat(current)
        except OSError:
            return False
        if not stat.S_ISREG(info.st_mode):
            return False
        # A file changed by hand has a new ctime, which nothing can set back; else its bytes are compared.
        return file_identity(info) == identity or file_digest(current) == entry["sha256"]

    def made(self, spec: PageSpec, output: OutputFile) -> OutputFile:
        """Remember what a freshly rendered page read."""
        # Kept pickled: thousands of pages with dozens of reads each are far smaller as bytes than as dicts.
        anchors = tuple(sorted({anchor(r) for r in self._reads}))
        self.pages[output.path] = pickle.dumps({
            "konteks": self.context_digest(spec),
            "templat": {name: self.template_digest(name) for name in sorted(self._loaded)},
            "situs": pickle.dumps({name: self.value_digest(name, spec) for name in sorted(self._reads)}, protocol=5),
            "utuh": (anchors, tuple([self.whole_digest(name, spec) for name in anchors])),
            "sha256": hashlib.sha256(output.data).hexdigest(),
        }, protocol=5)
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
            self._sources[name] = file_digest(self.templates / name)
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
    """The caches of one build: rendered Markdown and the page records of one output folder."""

    markdown: MarkdownCache
    manifest: Path
    out: Path
    previous: dict[str, bytes]
    identities: dict[str, Any]
    tracker: PageTracker | None = None
    on_page: Callable[[], None] = lambda: None

    @classmethod
    def open(cls, root: Path, out: Path, clean: bool) -> "Incremental":
        """Load the caches; `clean` ignores them (the build still refreshes them)."""
        out = out.resolve()
        manifest = root / CACHE_DIR / "keluaran" / (hashlib.sha256(str(out).encode()).hexdigest()[:16] + ".pickle")
        header, body = ({}, None) if clean else read_pickle(manifest)
        if header.get("kode") != code_key() or header.get("keluaran") != str(out) or not isinstance(body, dict):
            body = {}
        markdown = MarkdownCache.open(root, clean)
        markdown.wholes = Wholes()
        return cls(markdown, manifest, out, body.get("halaman", {}), body.get("berkas", {}))

    def pages(self, templates: Path, site: Any) -> PageTracker:
        """The tracker for this build's pages."""
        self.tracker = PageTracker(templates, self.out, site, self.previous, self.identities, on_page=self.on_page,
                                   _wholes=self.markdown.wholes or Wholes())
        return self.tracker

    @property
    def stats(self) -> Stats:
        """How much this build rendered and reused."""
        tracker = self.tracker
        return Stats(self.markdown.rendered, self.markdown.reused,
                     tracker.rendered if tracker else 0, tracker.reused if tracker else 0)

    def save(self, settled: Callable[[], None] = lambda: None) -> None:
        """Keep the records of the site just written; forget those of output folders now gone.

        `settled` waits until nothing else changes the site's files: removing the previous site
        unlinks the other names of reused pages, which changes their ctime, part of their identity.
        """
        self.markdown.save()
        settled()
        pages = self.tracker.pages if self.tracker else {}
        identities = {}
        for path in pages:  # the files as they are now in place, so the next build need not read them
            try:
                identities[path] = file_identity(os.stat(self.out / path))
            except OSError:
                pass
        write_pickle(self.manifest, {"kode": code_key(), "keluaran": str(self.out)}, {"halaman": pages, "berkas": identities})
        for other in self.manifest.parent.glob("*.json"):  # records of older versions of Terang
            other.unlink(missing_ok=True)
        for other in self.manifest.parent.glob("*.pickle"):
            if other != self.manifest and not Path(read_pickle(other, header_only=True)[0].get("keluaran") or "/tidak-ada").is_dir():
                other.unlink(missing_ok=True)


@functools.lru_cache(maxsize=4096)  # a few dozen distinct anchors, asked about on every page
def context_anchor(name: str) -> tuple[str, int | None]:
    """'@related[2]' -> ('related', 2); '@item' -> ('item', None)."""
    key, _, index = name[1:].partition("[")
    return key, int(index[:-1]) if index else None


def file_identity(info: os.stat_result) -> tuple[int, int, int, int]:
    """What tells a file apart from one rewritten since: inode, size, modification and change times."""
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
