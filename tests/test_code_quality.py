"""Lint, strict typing and the layer contracts are part of the suite, so CI enforces them like any other test."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing() -> None:
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict_on_every_package() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_layer_contracts_hold() -> None:
    """import-linter checks the contracts of pyproject.toml [tool.importlinter] on every import statement."""
    lint_imports = Path(sys.executable).with_name("lint-imports.exe" if sys.platform == "win32" else "lint-imports")
    done = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def imported_names(tree: ast.Module, package: str) -> Iterator[tuple[int, str]]:
    """Every module or name an import statement of a module in ``package`` names, in dotted form, with its line."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: the level counts packages up from the importing module's own
                parts = package.split(".")
                base = ".".join(filter(None, [*parts[: len(parts) - node.level + 1], node.module]))
            else:
                base = node.module or ""
            yield from ((node.lineno, f"{base}.{alias.name}") for alias in node.names)


def enclosing_test_module(name: str) -> Path | None:
    """The test module (``test_*.py``) that the dotted name is or lies in, if any."""
    path = ROOT
    for part in name.split("."):
        path = path / part
        if part.startswith("test_") and path.with_suffix(".py").is_file():
            return path.with_suffix(".py")
    return None


def test_no_module_of_the_suite_imports_a_test_module() -> None:
    """What several test modules share lives in a helper module or a conftest.py: a test module holds only its
    tests, so that it can change or go without breaking another."""
    found: dict[str, None] = {}  # one line per import statement, however many names it takes
    for module in sorted((ROOT / "tests").rglob("*.py")):
        package = ".".join(module.relative_to(ROOT).parent.parts)
        for line, name in imported_names(ast.parse(module.read_text("utf-8")), package):
            if name.startswith("tests.") and (imported := enclosing_test_module(name)) is not None:
                found[f"{module.relative_to(ROOT)}:{line} imports {imported.relative_to(ROOT)}"] = None
    assert not found, "\n".join(found)
