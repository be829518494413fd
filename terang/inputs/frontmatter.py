"""Terang's own layout of a Markdown file's front matter: every declared key in order, with its hint.

`python build.py new` writes a new file in this layout, and the preview's editor writes every
saved entry in it, so a file looks the same whoever made it: filled keys as values, the other
declared keys as comments to uncomment, then an HTML comment that says where the text goes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from terang.inputs.fields import FRONT_MATTER
from terang.inputs.hints import HINTS
from terang.inputs.schema import SOURCE_FIELDS, Field
from terang.inputs.yamlsafe import YamlProblem, load

BODY_HINT = "<!-- Tulis isinya di bawah baris ini dengan Markdown. Petunjuk: docs/panduan.md. Komentar ini tidak ikut terbit. -->\n"
SAMPLES = {"tanggal": "2025-12-09", "bilangan": "10", "ya/tidak": "false", "daftar-slug": "[]", "sumber": "[]", "daftar": "[]"}


def quoted(text: str) -> str:
    """A YAML double-quoted string (JSON's escaping is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def front_matter(kind: str, values: Mapping[str, str]) -> str:
    """Every declared key in schema order: filled ones as values, the others as comments; then the body hint.

    `values` holds each filled key's YAML text (see `written`); keys that are not declared
    follow the declared ones, without a hint, so that the build can name them.
    """
    lines = ["---", f"# {kind.capitalize()} baru. Baris yang diawali # hanya petunjuk; hapus # di depan kunci untuk memakainya."]
    declared = FRONT_MATTER[kind]
    for spec in declared:
        hint = HINTS[kind][spec.name]
        if spec.name in values:
            lines.append(f"{spec.name}: {values[spec.name]}  # {hint}")
        else:
            lines.append(f"# {spec.name}: {example(spec)}  # {hint}")
    known = {spec.name for spec in declared}
    lines += [f"{key}: {text}" for key, text in values.items() if key not in known]
    lines.append("---")
    return "\n".join(lines) + "\n" + BODY_HINT


def example(spec: Field) -> str:
    """A sample value for a commented-out key."""
    return SAMPLES.get(spec.kind, '""')


def written(kind: str, meta: Mapping[str, Any]) -> dict[str, str]:
    """The YAML text of each filled key of loaded front matter, as `front_matter` writes it.

    Text keys are double-quoted as `new` writes them; other values are written plainly where the
    build reads them back as the same value, else quoted. Empty values (nothing, '', []) are left
    out: their keys stay commented. A value of the wrong type is written as it came, so the build's
    check names it.
    """
    kinds = {spec.name: spec.kind for spec in FRONT_MATTER[kind]}
    texts: dict[str, str] = {}
    for key, value in meta.items():
        if empty(value):
            continue
        name = str(key)
        if kinds.get(name) == "teks" and isinstance(value, (str, int)) and not isinstance(value, bool):
            texts[name] = quoted(str(value).strip())
        else:
            texts[name] = yaml_text(value, source=kinds.get(name) == "sumber")
    return texts


def empty(value: Any) -> bool:
    """Nothing to write: None, blank text, an empty list or mapping."""
    return value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, (list, dict)) and not value)


def yaml_text(value: Any, source: bool = False, place: str = "value") -> str:
    """A value on one line of YAML (lists and mappings in flow style, as `new` writes `topik: [jaminan sosial]`).

    A text is written plainly only when it reads back as the same text where it stands (`place`:
    PLACES); else it is double-quoted. `source`: the mappings of a 'sumber' list keep the order of
    its declared keys.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(yaml_text(item, source, "item") for item in value) + "]"
    if isinstance(value, dict):
        order = [f.name for f in SOURCE_FIELDS] if source else []
        keys = sorted(value, key=lambda k: order.index(k) if k in order else len(order))
        return "{" + ", ".join(f"{yaml_text(str(k), place='key')}: {yaml_text(value[k], source, 'inner')}" for k in keys) + "}"
    text = str(value)
    return text if plain(text, place) else quoted(text)


# Where a text stands: a document that holds it there, and the value that document must load as.
PLACES = {
    "value": ("k: {}", lambda t: {"k": t}),
    "item": ("k: [{}]", lambda t: {"k": [t]}),
    "key": ("k: {{{}: x}}", lambda t: {"k": {t: "x"}}),
    "inner": ("k: {{k: {}}}", lambda t: {"k": {"k": t}}),
}


def plain(text: str, place: str) -> bool:
    """Whether `text`, written without quotes at `place`, reads back (with the build's YAML reader) as the same text."""
    if not text or "\n" in text:
        return False
    document, expected = PLACES[place]
    try:
        return load(document.format(text)).value == expected(text)
    except YamlProblem:
        return False
