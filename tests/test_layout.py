"""Keeps the dependency floors of ARCHITECTURE.md true, by folder, with stdlib `ast` only.

- `knowledge/` imports nothing of ours; `tools/` may import `knowledge`, never `agent` or `evals`;
  neither imports LangChain or LangGraph.
- `agent.conversation` never imports the front-ends, the CLI, the composition root or the settings,
  and names no vendor SDK.
- `evals/` never imports `agent`; only `agent.cli` imports `evals`; nothing imports `agent.cli`.
- Settings become objects only in `agent.assemble` (and are read in `agent.cli.main`).

Each rule is a table row; `test_the_rules_catch_a_violation` shows every rule can fail.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("agent", "tools", "knowledge", "evals")
VENDORS = ("openai", "anthropic", "slack_sdk", "slack_bolt", "chromadb", "psycopg", "psycopg_pool")


@dataclass(frozen=True)
class Rule:
    """Modules under `where` may not import modules under any of `forbidden` (dotted prefixes),
    except those under `allowed` (modules under `exempt` are not checked)."""

    name: str
    where: str
    forbidden: tuple[str, ...]
    exempt: tuple[str, ...] = ()


RULES = (
    Rule("knowledge imports nothing of ours", "knowledge", ("agent", "tools", "evals", "langchain", "langgraph", "langchain_core")),
    Rule("tools import only knowledge of ours", "tools", ("agent", "evals", "langchain", "langgraph", "langchain_core")),
    Rule(
        "the conversation core imports no front-end, CLI, composition root, settings or vendor",
        "agent.conversation",
        ("agent.frontends", "agent.cli", "agent.assemble", "agent.infra.settings", *VENDORS),
    ),
    Rule("the understanders import no front-end, CLI, settings or vendor", "agent.understand",
         ("agent.frontends", "agent.cli", "agent.assemble", "agent.infra", "agent.conversation", *VENDORS)),
    Rule("evals never import the advisor", "evals", ("agent",)),
    Rule("only the CLI imports evals", "agent", ("evals",), exempt=("agent.cli",)),
    Rule("nothing imports the CLI", "", ("agent.cli",), exempt=("agent.cli",)),
    Rule("front-ends reach settings only through the composition root", "agent.frontends", ("agent.infra.settings",)),
)


def _modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            yield ".".join(rel.parts).removesuffix(".__init__"), path


def imports_of(source: str, module: str) -> set[str]:
    """Every module `source` imports (absolute, or relative resolved against `module`), wherever
    the import statement sits (inside functions and TYPE_CHECKING blocks too)."""
    names: set[str] = set()
    package = module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _under(module: str, prefix: str) -> bool:
    return not prefix or module == prefix or module.startswith(prefix + ".")


def violations(rule: Rule, modules: dict[str, str]) -> list[str]:
    found = []
    for module, source in modules.items():
        if not _under(module, rule.where) or any(_under(module, e) for e in rule.exempt):
            continue
        for name in sorted(imports_of(source, module)):
            if any(_under(name, f) for f in rule.forbidden):
                found.append(f"{module} imports {name}")
    return found


@pytest.fixture(scope="module")
def sources() -> dict[str, str]:
    return {module: path.read_text(encoding="utf-8") for module, path in _modules()}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_the_floors_hold(rule, sources):
    assert violations(rule, sources) == []


@pytest.mark.parametrize(
    ("rule", "module", "source"),
    [
        (RULES[0], "knowledge.store", "from tools import prices"),
        (RULES[1], "tools.cost_model", "def f():\n    from agent.wording import usd"),
        (RULES[2], "agent.conversation.graph", "from agent.infra.settings import Settings"),
        (RULES[2], "agent.conversation.graph", "import openai"),
        (RULES[3], "agent.understand.rules", "from agent.conversation import brief"),
        (RULES[4], "evals.run", "from agent.assemble import open_advisor"),
        (RULES[5], "agent.frontends.terminal", "from evals.run import run_suite"),
        (RULES[6], "agent.frontends.slack.bot", "from . import app\nfrom ...cli import main"),
        (RULES[7], "agent.frontends.memo", "if TYPE_CHECKING:\n    from agent.infra.settings import Settings"),
    ],
)
def test_the_rules_catch_a_violation(rule, module, source):
    assert violations(rule, {module: source}), f"{rule.name} let `{source}` in {module} pass"


def test_settings_become_objects_only_in_the_composition_root(sources):
    # Settings() is built in the CLI's main (read once) and nowhere else of ours.
    built = [
        m
        for m, s in sources.items()
        if "agent.infra.settings.Settings" in imports_of(s, m) and "Settings(" in s and m != "agent.cli.main"
    ]
    assert built == []


def test_packages_are_listed_explicitly_in_pyproject():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {m for m, path in _modules() if path.name == "__init__.py"}
    assert listed == on_disk


def test_no_module_is_too_long():
    long = {m: n for m, path in _modules() if (n := len(path.read_text(encoding="utf-8").splitlines())) > 500}
    assert long == {}
