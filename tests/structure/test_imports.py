"""Which process runs which package, checked on the source: the import rules of
docs/architecture.md. Every import counts, also one inside a function."""
import ast
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator, Set, Tuple

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = {"actions", "bench", "channels", "components", "core", "demos", "language", "store",
           "testkit", "tests"}
# package -> top-level names it must never import (project packages and the two frameworks).
FORBIDDEN: Dict[str, Set[str]] = {
    "core": PROJECT - {"core"} | {"rasa", "rasa_sdk", "sanic"},
    "store": PROJECT - {"core", "store"} | {"rasa", "rasa_sdk", "sanic"},
    "actions": PROJECT - {"actions", "core", "store"} | {"rasa"},
    "components": {"actions", "bench", "language", "testkit", "tests", "rasa_sdk"},
    "channels": {"actions", "bench", "language", "testkit", "tests", "rasa_sdk"},
    "demos": {"tests"},  # the facilitator CLI checks replies with the noticing analysis
    "bench": {"tests"},
    "language": PROJECT - {"language"},
    "testkit": {"tests"},
}


def imports(path: Path) -> Iterator[Tuple[int, str]]:
    """(line, imported module) for every import in the file, at any depth."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def modules(package: str) -> Iterator[Path]:
    yield from sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_what_its_process_has(package):
    wrong = [f"{path.relative_to(ROOT)}:{line} imports {name}"
             for path in modules(package) for line, name in imports(path)
             if name.split(".")[0] in FORBIDDEN[package]]
    assert not wrong, "\n".join(wrong)


def test_every_shipped_package_has_a_rule():
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")}
    assert packages - {"tests"} <= set(FORBIDDEN), packages - set(FORBIDDEN)


def test_a_violation_is_found(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from actions.privacy import ActionDeleteMyData\n")
    assert list(imports(bad)) == [(2, "actions.privacy")]


RASA_SIDE = """
import importlib, pkgutil, sys
for package in ("components", "channels"):
    importlib.import_module(package)
    for info in pkgutil.walk_packages(sys.modules[package].__path__, package + "."):
        importlib.import_module(info.name)
loaded = sorted(m for m in sys.modules if m == "actions" or m.startswith("actions."))
assert not loaded, loaded
print("rasa side loaded without actions")
"""

WITHOUT_RASA = """
import importlib, pkgutil, sys
sys.modules["rasa"] = None  # `import rasa` now fails, as in the action server image
for package in ("core", "store", "actions"):
    importlib.import_module(package)
    for info in pkgutil.walk_packages(sys.modules[package].__path__, package + "."):
        if ".migrations" not in info.name:  # run by Alembic, inside its own context
            importlib.import_module(info.name)
print("action side loaded without rasa")
"""


@pytest.mark.parametrize("code, expected", [(RASA_SIDE, "without actions"),
                                            (WITHOUT_RASA, "without rasa")],
                         ids=["rasa-side-without-actions", "action-side-without-rasa"])
def test_each_side_loads_without_the_other(code, expected, service_env):
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env={**service_env, "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
                               "TF_CPP_MIN_LOG_LEVEL": "2"}, timeout=300)
    assert done.returncode == 0 and expected in done.stdout, done.stderr[-3000:]
