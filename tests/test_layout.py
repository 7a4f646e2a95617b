"""Keeps the dependency direction of DESIGN.md section 2 true, with stdlib `ast` only.

- `knowledge/` imports nothing of ours, `tools/` only `knowledge`, and neither imports LangChain.
- `agent/` may import `tools` and `knowledge`; only its command-line modules import `evals`;
  `evals/` may import everything.
- Nothing imports the front-ends (`agent.cli`, `agent.terminal`, `agent.slack_bot`) but the front-ends.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = {"agent", "tools", "knowledge", "evals"}
FRONT_ENDS = {"agent.cli", "agent.terminal", "agent.slack_bot"}


def _modules(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        yield ".".join(rel.parts).removesuffix(".__init__"), path


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


# What each pure package may import of ours besides itself: knowledge nothing, tools only knowledge.
PURE = {"knowledge": set(), "tools": {"knowledge"}}


@pytest.mark.parametrize("package", sorted(PURE))
def test_pure_packages_import_nothing_of_ours_nor_langchain(package):
    offenders = []
    for module, path in _modules(package):
        for name in _imports(path):
            top = name.split(".")[0]
            if (top in OURS - {package} - PURE[package]) or top.startswith(("langchain", "langgraph")):
                offenders.append(f"{module} imports {name}")
    assert not offenders, offenders


def test_only_the_command_line_imports_evals():
    # The CLI runs evals (`crossroads eval`, `crossroads search-eval`); the advisor itself never does.
    offenders = [
        f"{module} imports {name}"
        for module, path in _modules("agent")
        if module not in FRONT_ENDS and not module.endswith("_commands")
        for name in _imports(path)
        if name.split(".")[0] == "evals"
    ]
    assert not offenders, offenders


def test_nothing_imports_the_front_ends():
    offenders = []
    for package in sorted(OURS):
        for module, path in _modules(package):
            if module in FRONT_ENDS:
                continue
            for name in _imports(path):
                if name in FRONT_ENDS:
                    offenders.append(f"{module} imports {name}")
    assert not offenders, offenders


def test_packages_are_listed_explicitly_in_pyproject():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert set(config["tool"]["setuptools"]["packages"]) >= OURS
