"""The domain is plain Python: no web framework, Socket.IO or database library, and no app layers."""

import ast
from pathlib import Path

import pytest

WORKSHOP = Path(__file__).resolve().parents[2] / "workshop"
DOMAIN = WORKSHOP / "domain"
FORBIDDEN = {"flask", "flask_socketio", "flask_babel", "socketio", "engineio", "sqlalchemy", "alembic", "werkzeug"}
MODULES = sorted(DOMAIN.rglob("*.py"))


def imports(source: str, location: Path):
    """(line, absolute module name) of every import in `source`, relative ones resolved from `location`."""
    package = list(location.relative_to(WORKSHOP.parent).with_suffix("").parts[:-1])
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - (node.level - 1)] if node.level else []
            yield node.lineno, ".".join(base + ([node.module] if node.module else []))


def violations(source: str, location: Path) -> list[str]:
    bad = []
    for line, module in imports(source, location):
        root = module.split(".")[0]
        if root in FORBIDDEN:
            bad.append(f"{location.name}:{line} imports {module}")
        elif root == "workshop" and not (module == "workshop.domain" or module.startswith("workshop.domain.")):
            bad.append(f"{location.name}:{line} reaches outside the domain: {module}")
    return bad


def test_the_domain_has_modules():
    assert len(MODULES) >= 5


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(DOMAIN)))
def test_domain_module_imports_only_the_standard_library_and_the_domain(path):
    bad = violations(path.read_text(encoding="utf-8"), path)
    assert not bad, "\n".join(bad)


def test_the_check_catches_forbidden_imports():
    """Guard against a checker that passes everything."""
    source = "import json\nimport sqlalchemy.orm\nfrom flask import request\nfrom ..storage import tables\nfrom . import fields\n"
    # From a subpackage, `..storage` is workshop.domain.storage: still inside.
    assert len(violations(source, DOMAIN / "kinds" / "probe.py")) == 2
    bad = violations(source, DOMAIN / "probe.py")
    assert [b.split(" ", 1)[1] for b in bad] == [
        "imports sqlalchemy.orm",
        "imports flask",
        "reaches outside the domain: workshop.storage",
    ]
