"""Deploy recipes (terang/recipes/, rendered by terang.cli.recipes): valid for their hosts, and their build command builds.

GitHub Pages, GitLab Pages and Netlify each run one install line and one public build,
`terang --proyek <project> --terbit --base-url <the address the host gives> --out <the folder it publishes>`.
The two YAML recipes are checked against the published JSON schemas that check-jsonschema ships
(SchemaStore's github-workflow schema and GitLab's CI schema), offline. The build commands are run
as the host would run them, and once more in a fresh venv with a non-editable install of Terang,
which is what every host does: the theme and the recipes must be in the wheel.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from helpers import ROOT
from terang.cli.recipes import recipe_files

if TYPE_CHECKING:
    from conftest import Project

REPO_INSTALL = "python -m pip install -c constraints.txt ."  # this repository: Terang itself, with its pinned versions
INIT_INSTALL = "python -m pip install -r requirements.txt"  # a project made by `init`: the requirements.txt it writes
GITHUB, GITLAB, NETLIFY = ".github/workflows/terbit.yml", ".gitlab-ci.yml", "netlify.toml"
SCHEMAS = {GITHUB: "vendor.github-workflows", GITLAB: "vendor.gitlab-ci"}
ADDRESS = {  # how each host hands the build its site's address (without a trailing slash), and one such address
    GITHUB: ("${{ steps.pages.outputs.base_url }}", "https://contoh.github.io/transparansi"),
    GITLAB: ("$CI_PAGES_URL", "https://contoh.gitlab.io/transparansi"),
    NETLIFY: ("$URL", "https://transparansi-contoh.netlify.app"),
}
NEEDS_ADDRESS = "situs.yml: build terbit (--terbit) butuh alamat situs"
SOURCES = ("pyproject.toml", "README.md", "terang")  # what building Terang's wheel reads (pyproject: readme = README.md)


def shell_lines(path: str, text: str) -> list[str]:
    """The shell lines a recipe runs, in order: the GitHub build job's `run` steps, the GitLab pages job's script,
    Netlify's build command split at its `&&`."""
    if path == NETLIFY:
        return tomllib.loads(text)["build"]["command"].split(" && ")
    recipe = yaml.safe_load(text)
    if path == GITLAB:
        return recipe["pages"]["script"]
    return [step["run"] for step in recipe["jobs"]["build"]["steps"] if "run" in step]


def build_args(path: str, text: str, address: str | None) -> list[str]:
    """The recipe's `terang ...` build command as arguments, the host's address expression replaced by `address`
    (None: the command without its --base-url)."""
    command = shell_lines(path, text)[-1]
    expression, _ = ADDRESS[path]
    args = shlex.split(command.replace(expression, address or ""))
    if address is None:
        at = args.index("--base-url")
        del args[at:at + 2]
    return args


def installed_terang() -> str:
    """The `terang` console script installed next to this Python (pip install -e . writes it there)."""
    found = shutil.which("terang", path=str(Path(sys.executable).parent))
    assert found, f"no terang command next to {sys.executable}: run pip install -c constraints.txt -e '.[test]'"
    return found


def validate(path: Path, schema: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True, timeout=60)


def sitemap_urls(site: Path) -> list[str]:
    locs = ET.parse(site / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    return [loc.text or "" for loc in locs]


# --- What the recipes say ----------------------------------------------------------------------------------

def test_the_repository_publishes_with_the_recipes_rendered_for_itself() -> None:
    rendered = recipe_files(".", REPO_INSTALL)
    assert sorted(rendered) == sorted([GITHUB, GITLAB, NETLIFY])
    for path, text in rendered.items():
        assert (ROOT / path).read_text(encoding="utf-8") == text, f"{path} differs from terang/recipes/: render it again"


@pytest.mark.parametrize(("project", "install"), [(".", REPO_INSTALL), ("situs-lebak", INIT_INSTALL)])
def test_every_recipe_installs_then_runs_the_same_public_build(project: str, install: str) -> None:
    rendered = recipe_files(project, install)
    assert {path: shell_lines(path, text) for path, text in rendered.items()} == {
        GITHUB: [install, f'terang --proyek {project} --terbit --base-url "${{{{ steps.pages.outputs.base_url }}}}/" --out _site'],
        GITLAB: [install, f'terang --proyek {project} --terbit --base-url "$CI_PAGES_URL/" --out public'],
        NETLIFY: [install, f'terang --proyek {project} --terbit --base-url "$URL/" --out site'],
    }
    assert not any("{proyek}" in text or "{pasang}" in text for text in rendered.values())


def test_the_github_workflow_builds_on_main_and_deploys_to_pages() -> None:
    workflow = yaml.safe_load(recipe_files(".", REPO_INSTALL)[GITHUB])
    assert workflow[True] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}  # PyYAML reads the key `on` as True (YAML 1.1)
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert [(step.get("id"), step.get("uses"), step.get("with")) for step in build["steps"]] == [
        (None, "actions/checkout@v4", None),
        (None, "actions/setup-python@v5", {"python-version": "3.11", "cache": "pip"}),
        (None, None, None),  # install
        ("pages", "actions/configure-pages@v5", None),  # its base_url output is the site's address
        (None, None, None),  # build
        (None, "actions/upload-pages-artifact@v3", {"path": "_site"}),
    ]
    assert deploy["needs"] == "build"
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    assert [(step["id"], step["uses"]) for step in deploy["steps"]] == [("deployment", "actions/deploy-pages@v4")]


def test_the_gitlab_job_runs_on_the_default_branch_and_publishes_public() -> None:
    ci = yaml.safe_load(recipe_files(".", REPO_INSTALL)[GITLAB])
    assert ci["image"] == "python:3.11-slim"
    assert sorted(ci) == ["image", "pages"]
    assert ci["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert ci["pages"]["artifacts"] == {"paths": ["public"]}


def test_netlify_installs_python_builds_and_publishes_site() -> None:
    text = recipe_files(".", REPO_INSTALL)[NETLIFY]
    settings = tomllib.loads(text)
    assert settings == {"build": {
        "command": f'{REPO_INSTALL} && terang --proyek . --terbit --base-url "$URL/" --out site',
        "publish": "site",
        "environment": {"PYTHON_VERSION": "3.11"},
    }}
    assert "_headers" in text  # the comment: Netlify reads the security headers Terang writes into site/


@pytest.mark.parametrize(("project", "install"), [("situs lebak", INIT_INSTALL), ("-x", INIT_INSTALL), ("/srv/situs", INIT_INSTALL),
                                                  (".", 'pip install "terang"'), (".", "pip install . # komentar"), (".", "")])
def test_values_that_would_break_a_recipe_are_refused(project: str, install: str) -> None:
    with pytest.raises(ValueError):
        recipe_files(project, install)


def test_the_publishing_guide_names_every_recipe_and_the_commands_after_it() -> None:
    guide = (ROOT / "docs" / "terbit.md").read_text(encoding="utf-8")
    for path, folder in ((GITHUB, "_site"), (GITLAB, "public"), (NETLIFY, "site")):
        assert f"| `{path}` |" in guide and f"| `{folder}` |" in guide, path
    assert "**GitHub Actions**" in guide  # Settings > Pages > Source, the one step a recipe cannot do
    for line in ("    rsync -av --delete site/ pengguna@server:/var/www/transparansi/\n",
                 '    lftp -u pengguna sftp://server -e "mirror -R --delete --verbose site/ /var/www/transparansi/; quit"\n',
                 "    sftp -b unggah.txt pengguna@server\n",
                 "    python build.py verify https://transparansi.contoh.go.id/\n"):
        assert line in guide, line
    assert "(keamanan.md#nginx)" in guide and "(keamanan.md#apache)" in guide


# --- The published schemas ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("project", "install"), [(".", REPO_INSTALL), ("situs-lebak", INIT_INSTALL)])
@pytest.mark.parametrize("path", [GITHUB, GITLAB])
def test_the_yaml_recipes_are_valid_for_their_host(path: str, project: str, install: str, tmp_path: Path) -> None:
    recipe = tmp_path / Path(path).name
    recipe.write_text(recipe_files(project, install)[path], encoding="utf-8")
    assert isinstance(yaml.safe_load(recipe.read_text(encoding="utf-8")), dict)
    result = validate(recipe, SCHEMAS[path])
    assert (result.returncode, result.stdout) == (0, "ok -- validation done\n"), result.stdout + result.stderr


BROKEN = {  # one mistake each, and what the schema says about it
    "runs-on missing": (GITHUB, ("    runs-on: ubuntu-latest\n", ""), "$.jobs.build: 'runs-on' is a required property"),
    "unknown step key": (GITHUB, ("        with:\n          python-version", "        width:\n          python-version"),
                         "Additional properties are not allowed ('width' was unexpected)"),
    "misspelt script": (GITLAB, ("  script:\n", "  scripts:\n"), "$.pages: Additional properties are not allowed ('scripts' was unexpected)"),
    "misspelt artifact paths": (GITLAB, ("    paths:\n", "    path:\n"), "$.pages.artifacts: Additional properties are not allowed ('path' was unexpected)"),
}


@pytest.mark.parametrize("mistake", list(BROKEN))
def test_the_schema_check_rejects_a_broken_recipe(mistake: str, tmp_path: Path) -> None:
    path, (old, new), message = BROKEN[mistake]
    text = recipe_files(".", REPO_INSTALL)[path]
    assert old in text
    recipe = tmp_path / Path(path).name
    recipe.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = validate(recipe, SCHEMAS[path])
    assert result.returncode == 1
    assert result.stdout.startswith("Schema validation errors were encountered.\n")
    assert message in result.stdout


# --- The build commands build ------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [GITHUB, GITLAB, NETLIFY])
def test_the_recipe_build_command_builds_a_public_site(path: str, project: Project) -> None:
    """The repository's own recipe, run in a project as the host runs it (the repository is the project)."""
    _, address = ADDRESS[path]
    args = build_args(path, (ROOT / path).read_text(encoding="utf-8"), address)
    assert args[:2] == ["terang", "--proyek"]
    result = subprocess.run([installed_terang(), *args[1:]], cwd=project.path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    out = project.path / args[args.index("--out") + 1]
    assert (out / ".nojekyll").is_file()
    urls = sitemap_urls(out)
    assert urls[0] == f"{address}/"
    assert len(urls) > 1 and all(url.startswith(f"{address}/") for url in urls)


def test_the_recipe_build_command_without_the_address_fails(project: Project) -> None:
    args = build_args(GITHUB, (ROOT / GITHUB).read_text(encoding="utf-8"), None)
    assert args == ["terang", "--proyek", ".", "--terbit", "--out", "_site"]
    result = subprocess.run([installed_terang(), *args[1:]], cwd=project.path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith(NEEDS_ADDRESS)
    assert not (project.path / "_site").exists()


def test_slow_a_fresh_venv_with_terang_installed_from_its_wheel_builds(project: Project, tmp_path: Path) -> None:
    """SLOW (a few seconds; up to ~40 s on a slow disk): what every recipe does on its host, offline.

    A venv sees this Python's packages (--system-site-packages, so nothing is downloaded) and gets Terang by a
    NON-editable install of a copy of the repository: the wheel must carry the theme and the recipes. Its own
    `terang` then builds a project; the stylesheet comes from the installed package, and init's recipes render.
    """
    source = tmp_path / "terang-src"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-build-isolation", str(source)],
                             cwd=tmp_path, capture_output=True, text=True, timeout=300)
    # "invalid command 'bdist_wheel'": this Python's setuptools is older than 70.1 (the test extra pins a newer one)
    assert install.returncode == 0, install.stdout[-2000:] + install.stderr[-2000:]
    installed = venv / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages" / "terang"
    where = subprocess.run([str(python), "-c", "import terang; print(terang.__file__)"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert where.stdout.strip() == str(installed / "__init__.py")  # the venv's copy, not this repository's

    site = tmp_path / "X"
    build = subprocess.run([str(venv / "bin" / "terang"), "--proyek", str(project.path), "--terbit", "--base-url", "https://contoh.go.id/",
                            "--out", str(site)], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    assert (site / "aset" / "gaya.css").read_bytes() == (installed / "theme" / "aset" / "gaya.css").read_bytes()
    assert (installed / "recipes").is_dir(), "the wheel lacks terang/recipes/: [tool.setuptools.package-data] needs 'recipes/*'"
    assert sorted(p.name for p in (installed / "recipes").iterdir()) == ["github-pages.yml", "gitlab-ci.yml", "netlify.toml"]
    render = subprocess.run([str(python), "-c", "from terang.cli.recipes import recipe_files; "
                             f"print(recipe_files('situs-lebak', {INIT_INSTALL!r})[{NETLIFY!r}])"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert render.returncode == 0, render.stderr
    assert render.stdout == recipe_files("situs-lebak", INIT_INSTALL)[NETLIFY] + "\n"
