"""Dependencies point down: the foundation (consortium) knows no app, registrations knows no app above it, and
only the privacy app, above them all, may know the others."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Each package and the packages it must never import.
BELOW = {
    "consortium": {"registrations", "events", "privacy"},
    "registrations": {"events", "privacy"},
    "events": {"privacy"},
}


def imported_packages(path: Path) -> set[tuple[str, int]]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {(alias.name.split(".")[0], node.lineno) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add((node.module.split(".")[0], node.lineno))
    return found


@pytest.mark.parametrize("package", sorted(BELOW))
def test_no_module_imports_a_package_above_it(package):
    offending = [
        f"{path.relative_to(ROOT)}:{line} imports {imported}"
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
        for imported, line in imported_packages(path)
        if imported in BELOW[package]
    ]

    assert offending == []
