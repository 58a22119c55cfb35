"""The layout of ``analysis/checks``: one module per check (or a few tightly related) in its family
package, its tests in ``tests/checks/test_<family>_<module>.py``, no check module importing another,
and small functions."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from radon.complexity import cc_visit

import analysis.checks
from analysis.checks import iter_checks

CHECKS = Path(analysis.checks.__file__).parent
TESTS = Path(__file__).parent
# what a check module may import (besides the standard library)
ALLOWED = ("analysis.checklist", "analysis.figures", "analysis.structure", "analysis.checks.base", "analysis.checks.common", "analysis.model", "analysis.vocab",
           "analysis.reference", "analysis.numbers")
MAX_LINES = 80
MAX_COMPLEXITY = 25


def check_modules() -> list:
    """(family, module name, path) of every check module."""
    return [(p.parent.name, p.stem, p) for p in sorted(CHECKS.glob("*/*.py"))
            if p.parent.name != "common" and p.stem != "__init__"]


def imported(path: Path) -> list:
    """The absolute names of the modules a file imports."""
    package = ".".join(path.relative_to(CHECKS.parent.parent).with_suffix("").parts[:-1])
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            name = ".".join(base + ([node.module] if node.module else []))
            out += [name] if node.module else [f"{name}.{a.name}" for a in node.names]
    return out


def test_every_check_is_in_a_module_of_its_family_and_its_module_has_tests_naming_it():
    checks = list(iter_checks())
    assert len(checks) >= 36
    for c in checks:
        package, family, module = c.func.__module__.rsplit(".", 2)
        assert (package, family) == ("analysis.checks", c.family), c.id
        test = TESTS / f"test_{family}_{module}.py"
        assert test.exists(), f"{c.id}: its tests belong in {test.name}"
        assert f'"{c.id}"' in test.read_text(encoding="utf-8"), f"{c.id} is not named in {test.name}"


def test_every_check_module_registers_a_check():
    modules = {c.func.__module__ for c in iter_checks()}
    for family, name, _ in check_modules():
        assert f"analysis.checks.{family}.{name}" in modules


def test_check_modules_import_only_base_common_vocabulary_model_reference_numbers():
    for family, name, path in check_modules():
        for module in imported(path):
            if module.startswith("analysis"):
                assert module.startswith(ALLOWED) or module == "analysis", f"{family}/{name}.py imports {module}"


def test_the_common_helpers_import_no_check_module():
    families = {family for family, _, _ in check_modules()}
    for path in sorted((CHECKS / "common").glob("*.py")):
        for module in imported(path):
            parts = module.split(".")
            assert not (parts[:2] == ["analysis", "checks"] and len(parts) > 2 and parts[2] in families), \
                f"common/{path.name} imports {module}"


def test_imported_finds_relative_imports():
    """The import test reads relative imports as absolute names (else it could not fail)."""
    names = imported(CHECKS / "arithmetic" / "children_sum.py")
    assert "analysis.checks.base" in names and "analysis.vocab" in names
    assert "analysis.checks.common.rows" in names


def _functions(blocks):
    for b in blocks:
        if hasattr(b, "methods"):
            yield from _functions(b.methods)
        else:
            yield b
            yield from _functions(getattr(b, "closures", []))


@pytest.mark.parametrize("path", sorted(CHECKS.rglob("*.py")), ids=lambda p: str(p.relative_to(CHECKS)))
def test_no_function_is_long_or_complex(path):
    for f in _functions(cc_visit(path.read_text(encoding="utf-8"))):
        lines = f.endline - f.lineno + 1
        assert lines <= MAX_LINES, f"{f.fullname}: {lines} lines"
        assert f.complexity <= MAX_COMPLEXITY, f"{f.fullname}: cyclomatic complexity {f.complexity}"
