"""House rules that hold for the whole codebase, checked by reading the source (Polar's lint style)."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "netra"
PURE_PACKAGES = ["law", "names", "text"]


def _modules(*patterns: str) -> list[Path]:
    return sorted(p for pattern in patterns for p in SRC.glob(pattern) if "migrations" not in p.parts)


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_pure_packages_never_import_django(package):
    offenders = []
    for path in _modules(f"{package}/**/*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "django"]
    assert offenders == []


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_pure_packages_load_without_django(package):
    code = (
        "import importlib, pkgutil, sys\n"
        f"import netra.{package} as p\n"
        "for m in pkgutil.walk_packages(p.__path__, p.__name__ + '.'):\n"
        "    importlib.import_module(m.name)\n"
        "print('django' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_views_and_api_read_through_selectors_only():
    """No view or API module touches ``Model.objects``: every read for a user goes through a selector."""
    offenders = []
    for path in _modules("*/views.py", "*/views/*.py", "*/api.py", "*/api/*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in {"objects", "_default_manager"}:
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offenders == []
