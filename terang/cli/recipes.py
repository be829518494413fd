"""Deploy recipes: the GitHub Pages workflow, GitLab Pages job and Netlify settings, rendered for one project.

The templates live in terang/recipes/ (package data). Each builds with the same public build,
`terang --proyek <project> --terbit --base-url <address>`, where the address is the one the host
gives at deploy time (GitHub's configure-pages output, GitLab's $CI_PAGES_URL, Netlify's $URL), so
no recipe needs base_url in situs.yml. `init` writes them into a new project; this repository keeps
its own copies at its root (tests/test_recipes.py checks they are the rendered ones).
"""

from __future__ import annotations

import re
from pathlib import Path

RECIPES = Path(__file__).resolve().parents[1] / "recipes"  # terang/recipes/: the templates
TARGETS = {  # where each rendered recipe goes, relative to the repository root -> its template
    ".github/workflows/terbit.yml": "github-pages.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
    "netlify.toml": "netlify.toml",
}
PLAIN_PATH = re.compile(r"[A-Za-z0-9._][A-Za-z0-9._/-]*")  # needs no quoting in a shell, YAML or TOML
UNSAFE = ('"', "\\", "#", "\n", "\r", ": ")  # would end a TOML string or a YAML plain scalar, or start a comment


def recipe_files(project: str, install: str) -> dict[str, str]:
    """{path relative to the repository root: text} of every recipe for `project` (its folder, relative to the
    repository root; "." when the repository is the project), installing Terang with the shell line `install`."""
    if not PLAIN_PATH.fullmatch(project):
        raise ValueError(f"project must be a plain relative path (letters, digits, . _ / -): {project!r}")
    if not install.strip() or any(bad in install for bad in UNSAFE):
        raise ValueError(f"install must be one shell line without {', '.join(map(repr, UNSAFE))}: {install!r}")
    # str.replace, not str.format: the YAML and TOML texts are full of braces (`${{ ... }}`).
    return {target: (RECIPES / template).read_text(encoding="utf-8").replace("{proyek}", project).replace("{pasang}", install)
            for target, template in TARGETS.items()}
