"""The package's shape: one subpackage per stage, imports only downwards, the build state owned by the build stage.

The stages, from the bottom: the shared base (modules directly in terang/), then inputs, data,
privacy, content, site, publish, build, preview and cli. A module may import its own stage, the
base and the stages below it, never one above; only the build stage opens the build state.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "terang"
STAGES = ("", "inputs", "data", "privacy", "content", "site", "publish", "build", "preview", "cli")  # "": the shared base
STORE = ("terang.build.store", "terang.build.state")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage(module: str) -> str:
    """The stage a module of Terang belongs to: its subpackage, or '' for the shared base."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in STAGES) else ""


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import of Terang in a file: at the top, inside functions and under TYPE_CHECKING alike."""
    found = []
    package = module_name(path).rpartition(".")[0] if path.name != "__init__.py" else module_name(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "terang"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolved against the module's package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] != "terang":
                continue
            for alias in node.names:  # `from terang.site import plan` imports the module terang.site.plan
                candidate = f"{target}.{alias.name}"
                found.append((node.lineno, candidate if (PACKAGE.parent / (candidate.replace(".", "/") + ".py")).exists() else target))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("import_module", "__import__"):
            found.append((node.lineno, "importlib"))
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_stage_is_a_subpackage_and_the_base_stays_small() -> None:
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists())
    assert folders == sorted(STAGES[1:])
    base = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")
    assert base == ["digest", "errors", "fmt", "model", "readable", "reuse", "urls", "walk"]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_go_only_downwards(path: Path) -> None:
    mine = STAGES.index(stage(module_name(path)))
    upward = [f"{line}: {target}" for line, target in imports(path)
              if target == "importlib" or STAGES.index(stage(target)) > mine]
    assert upward == [], f"{path.relative_to(PACKAGE)} imports a stage above its own ({STAGES[mine] or 'base'})"


def test_only_the_build_stage_opens_the_build_state() -> None:
    outside = [f"{module_name(p)}:{line}" for p in MODULES for line, target in imports(p)
               if target in STORE and stage(module_name(p)) != "build"]
    assert outside == []


def test_there_are_no_import_cycles() -> None:
    graph = {module_name(p): {t for _, t in imports(p) if t != module_name(p) and t != "importlib"} for p in MODULES}
    done: set[str] = set()

    def visit(module: str, trail: tuple[str, ...]) -> None:
        if module in trail:
            raise AssertionError("import cycle: " + " -> ".join(trail[trail.index(module):] + (module,)))
        if module in done:
            return
        for target in sorted(graph.get(module, ())):
            if not target.endswith("__init__") and target in graph and (PACKAGE.parent / (target.replace(".", "/") + ".py")).exists():
                visit(target, trail + (module,))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())
