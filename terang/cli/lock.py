"""The lock a project made by `init` installs with: where Terang comes from, and every dependency pinned.

requirements.txt starts with Terang itself (from git, pinned at its commit, when the installed Terang
came from git) and then pins every dependency at the version installed now: a lock of an environment
that works, which CI installs with INSTALL.
"""

from __future__ import annotations

import json
from importlib import metadata

INSTALL = "python -m pip install -r requirements.txt"


def installed_source(direct_url: str | None) -> str | None:
    """Where the installed Terang came from, as a pip URL pinned at its commit, when it came from a VCS (PEP 610)."""
    try:
        info = json.loads(direct_url or "")
    except ValueError:
        return None
    vcs = info.get("vcs_info") if isinstance(info, dict) else None
    if not isinstance(vcs, dict) or not isinstance(info.get("url"), str):
        return None
    revision = vcs.get("commit_id") or vcs.get("requested_revision")
    sub = info.get("subdirectory")
    return f"{vcs.get('vcs', 'git')}+{info['url']}" + (f"@{revision}" if revision else "") + (f"#subdirectory={sub}" if sub else "")


def direct_url() -> str | None:
    try:
        return metadata.distribution("terang").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None


def pins() -> list[str]:
    """Every dependency of the installed Terang, recursively (extras it asks for included), pinned at the installed version."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    found: dict[str, str] = {}
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [("terang", frozenset[str]())]
    while todo:
        name, extras = todo.pop()
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        for line in metadata.requires(name) or ():
            req = Requirement(line)
            if req.marker is not None and not any(req.marker.evaluate({"extra": e}) for e in extras or {""}):
                continue  # an extra nobody asked for ([test]), or another platform or Python
            key = canonicalize_name(req.name)
            found[key] = metadata.version(key)
            todo.append((key, frozenset(req.extras)))
    return [f"{name}=={version}" for name, version in sorted(found.items())]


def requirements(terang: str, pinned: list[str]) -> str:
    """requirements.txt: Terang first, then the lock of the environment it works in."""
    return "\n".join([terang, "# Dependensi Terang, dikunci pada versi yang terpasang saat proyek ini dibuat (terang init):",
                      f"# CI memasang persis versi ini dengan: {INSTALL}", *pinned]) + "\n"
