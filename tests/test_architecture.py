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


# Shared: parse a module, and the netra modules it imports (type-only imports excluded) -------------


def _parse(source: str) -> ast.Module:
    return ast.parse(source)


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """Ids of nodes under ``if TYPE_CHECKING:`` (annotations only: no import at run time)."""
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            inside |= {id(child) for child in ast.walk(node)}
    return inside


def _imports(tree: ast.AST) -> list[tuple[str, list[str], int]]:
    """``(module, imported names, line)`` for every absolute import that runs (top level or lazy)."""
    skip, found = _type_checking_nodes(tree), []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, [alias.name for alias in node.names], node.lineno))
    return found


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _rel(path: Path) -> str:
    return str(path.relative_to(SRC))


# Rule: selectors take ``user`` first and read through ``restrict`` ---------------------------------


def _public_readers(tree: ast.Module) -> set[str]:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "PUBLIC_READERS" for t in node.targets
        ):
            return set(ast.literal_eval(node.value))
    return set()


def _called_names(function: ast.FunctionDef) -> set[str]:
    names = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            func = node.func
            names.add(func.id if isinstance(func, ast.Name) else getattr(func, "attr", ""))
    return names


def _reaches(functions: dict[str, ast.FunctionDef], start: str, goal) -> bool:
    """Whether ``start`` satisfies ``goal`` itself or through functions of the same module."""
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        if name in seen or name not in functions:
            continue
        seen.add(name)
        if goal(functions[name]):
            return True
        todo += list(_called_names(functions[name]))
    return False


def _reads_models(function: ast.FunctionDef) -> bool:
    return any(isinstance(n, ast.Attribute) and n.attr == "objects" for n in ast.walk(function))


def selector_problems(source: str, where: str = "<fixture>") -> list[str]:
    """Public selectors: ``user`` is the first parameter; those taking it read through ``restrict``
    (predicates annotated ``-> bool`` excepted); those without it read no model unless the module
    names them in ``PUBLIC_READERS`` (reference data everyone may read)."""
    tree = _parse(source)
    public = _public_readers(tree)
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    problems = []
    for name, function in functions.items():
        if name.startswith("_"):
            continue
        params = [a.arg for a in function.args.posonlyargs + function.args.args + function.args.kwonlyargs]
        is_predicate = isinstance(function.returns, ast.Name) and function.returns.id == "bool"
        if "user" in params and params[0] != "user":
            problems.append(f"{where}:{function.lineno} {name}: user must be the first parameter")
        elif params[:1] == ["user"] and not is_predicate:
            if not _reaches(functions, name, lambda f: "restrict" in _called_names(f)):
                problems.append(f"{where}:{function.lineno} {name}: reads without restrict()")
        elif params[:1] != ["user"] and name not in public and _reaches(functions, name, _reads_models):
            problems.append(f"{where}:{function.lineno} {name}: reads models without a user")
    return problems


def test_selectors_take_user_first_and_call_restrict():
    problems = []
    for path in _modules("*/selectors.py", "*/selectors/*.py"):
        problems += selector_problems(path.read_text(encoding="utf-8"), _rel(path))
    assert problems == []


def test_selector_rule_fails_on_bad_fixtures():
    unscoped = "def case_list_for(user):\n    return Case.objects.all()\n"
    user_second = "def case_get_for(pk, user):\n    return restrict(Case.objects.filter(pk=pk), user)\n"
    anonymous = "def case_dump():\n    return Case.objects.all()\n"
    assert len(selector_problems(unscoped)) == 1
    assert len(selector_problems(user_second)) == 1
    assert len(selector_problems(anonymous)) == 1
    good = (
        "PUBLIC_READERS = ('region_list',)\n"
        "def region_list():\n    return Region.objects.all()\n"
        "def _base(user):\n    return restrict(Case.objects.all(), user)\n"
        "def case_list_for(user, *, q=''):\n    return _base(user).filter(title=q)\n"
        "def deadline_state(case) -> str:\n    return ''\n"
    )
    assert selector_problems(good) == []


# Rule: only services write ---------------------------------------------------------------------

WRITE_METHODS = {"create", "get_or_create", "update_or_create", "create_user", "create_superuser"}
# ``save()``/``delete()`` without positional arguments is a model or queryset write (a document or a
# storage ``save(name, content)`` is not); ``update(field=...)`` with keywords only is a queryset
# update (``dict.update(other)`` and ``hash.update(chunk)`` are not).
NO_ARG_WRITES = {"save", "delete"}
KEYWORD_WRITES = {"update"}
# Modules that still write outside services, each with its reason (empty: keep it so).
STILL_WRITING: dict[str, str] = {}


def _is_services_module(relative: str) -> bool:
    parts = relative.split("/")
    return "services" in parts[:-1] or parts[-1] == "services.py" or parts[-1].startswith("services_")


def write_problems(source: str, where: str = "<fixture>") -> list[str]:
    problems = []
    for node in ast.walk(_parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method, positional = node.func.attr, bool(node.args)
        writes = (
            method in WRITE_METHODS
            or method.startswith("bulk_")
            or (method in NO_ARG_WRITES and not positional)
            or (method in KEYWORD_WRITES and not positional and bool(node.keywords))
        )
        if writes:
            problems.append(f"{where}:{node.lineno} .{method}()")
    return problems


def test_only_services_write():
    problems = []
    for path in _modules("**/*.py"):
        relative = _rel(path)
        pure = relative.split("/")[0] in PURE_PACKAGES
        if pure or _is_services_module(relative) or relative in STILL_WRITING:
            continue
        problems += write_problems(path.read_text(encoding="utf-8"), relative)
    assert problems == []


def test_write_rule_fails_on_bad_fixtures():
    assert len(write_problems("case.save()\n")) == 1
    assert len(write_problems("Case.objects.filter(pk=1).update(status='x')\n")) == 1
    assert len(write_problems("Case.objects.create(title='x')\n")) == 1
    assert len(write_problems("Evidence.objects.bulk_create(rows)\n")) == 1
    assert len(write_problems("Case.objects.filter(pk=1).delete()\n")) == 1
    harmless = "digest.update(chunk)\nfound.update(pairs)\ndocument.save(out)\nstorage.delete(name)\n"
    assert write_problems(harmless) == []
    assert _is_services_module("cases/services/records.py")
    assert _is_services_module("accounts/services_tokens.py")
    assert not _is_services_module("cases/evidence.py")


# Rule: views and API modules import only selectors, services, forms and schemas -----------------

REQUEST_LAYER = {"selectors", "services", "forms", "schemas", "views", "api"}
ALSO_ALLOWED = {
    "netra.accounts.api_auth": "authentication of API requests",
    "netra.accounts.permissions": "role checks of a request",
    "netra.accounts.scoping": "the access module (can() decides which buttons a page shows)",
    "netra.cases.workflow": "the procedure table: labels and reasons of the action buttons",
    "netra.cases.letters": "renders a letter (built by a selector) to PDF/DOCX bytes",
    "netra.catalogue.labels": "translated labels of the law's vocabulary",
    "netra.registry.matching": "roster match suggestions, scoped through pegawai_list_for",
    "netra.api": "the API root",
    "netra.core.ratelimit": "the shared limit of public intake (a request-layer concern, like api_auth)",
    "netra.core.inputs": "the one policy of characters and integer bounds every input path applies",
}


def _is_choices(value) -> bool:
    from django.db.models import Choices

    return isinstance(value, type) and issubclass(value, Choices)


def _only_choices_used(tree: ast.AST, module: str, name: str) -> bool:
    """``from netra.x.models import Role`` (a choices enum), or a model used only for its choices
    (``Agency.Kind.choices``): constants, not a way to query."""
    import importlib

    value = getattr(importlib.import_module(module), name, None)
    if _is_choices(value):
        return True
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    uses = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == name]
    for use in uses:
        parent = parents.get(id(use))
        if not (isinstance(parent, ast.Attribute) and _is_choices(getattr(value, parent.attr, None))):
            return False
    return True


def _allowed_import(module: str, name: str | None, tree: ast.AST) -> bool:
    parts = module.split(".")
    if parts[0] != "netra" or len(parts) < 2 or parts[1] in PURE_PACKAGES:
        return True
    if module in ALSO_ALLOWED or any(module.startswith(m + ".") for m in ALSO_ALLOWED):
        return True
    if len(parts) >= 3 and (parts[2] in REQUEST_LAYER or parts[2].startswith("services_")):
        return True
    if len(parts) >= 3 and parts[2] == "models" and name is not None:
        return _only_choices_used(tree, module, name)
    return False


def view_import_problems(source: str, where: str = "<fixture>") -> list[str]:
    problems, tree = [], _parse(source)
    for module, names, line in _imports(tree):
        for name in names or [None]:
            target = module
            if name and len(module.split(".")) == 2 and module.startswith("netra."):
                target = f"{module}.{name}"  # from netra.cases import selectors
                name = None
            if not _allowed_import(target, name, tree):
                problems.append(f"{where}:{line} {target}{'.' + name if name else ''}")
    return problems


def test_views_and_api_import_only_selectors_services_forms_and_schemas():
    problems = []
    for path in _modules("*/views.py", "*/views/*.py", "*/api.py", "*/api/*.py"):
        problems += view_import_problems(path.read_text(encoding="utf-8"), _rel(path))
    assert problems == []


def test_view_import_rule_fails_on_bad_fixtures():
    assert len(view_import_problems("from netra.cases.models import Case\n")) == 0  # unused
    assert len(view_import_problems("from netra.cases.models import Case\nCase.objects.all()\n")) == 1
    assert len(view_import_problems("from netra.cases.models import Kajian\nKajian.Stage.AWAL\n")) == 0
    assert len(view_import_problems("from netra.cases.evidence import evidence_open\n")) == 1
    assert len(view_import_problems("from netra.cases import importers\n")) == 1
    fine = (
        "from django.shortcuts import render\n"
        "from netra.cases import selectors, services\n"
        "from netra.cases.models import Status\n"
        "from netra.registry.schemas import AgencyOut\n"
        "from netra.law import catalogue\n"
    )
    assert view_import_problems(fine) == []


# Rule: no import cycles, between apps or between modules -------------------------------------------


def import_graph(sources: dict[str, str]) -> dict[str, set[str]]:
    """Module -> netra modules it imports; ``from pkg import sub`` counts as importing ``pkg.sub``."""
    graph: dict[str, set[str]] = {name: set() for name in sources}
    for name, source in sources.items():
        for module, names, _line in _imports(_parse(source)):
            for imported in names or [None]:
                sub = f"{module}.{imported}" if imported else module
                target = sub if sub in sources else module
                if target in sources and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


# Wiring that Django loads by name and no module imports (admin autodiscovery): like the CLI, it may
# use any app without making the apps depend on each other.
WIRING = ("admin",)


def app_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    def app(module: str) -> str:
        return module.split(".")[1] if "." in module else module

    apps: dict[str, set[str]] = {}
    for module, targets in graph.items():
        if module.rsplit(".", 1)[-1] in WIRING:
            continue
        apps.setdefault(app(module), set()).update(app(t) for t in targets if app(t) != app(module))
    return apps


def _source_graph() -> dict[str, set[str]]:
    sources = {_module_name(p): p.read_text(encoding="utf-8") for p in _modules("**/*.py")}
    return import_graph(sources)


def test_no_import_cycles_between_apps():
    assert cycles(app_graph(_source_graph())) == []


def test_no_import_cycles_between_modules():
    assert cycles(_source_graph()) == []


def test_cycle_rule_fails_on_bad_fixtures():
    sources = {
        "netra.accounts.scoping": "from netra.registry.models import Agency\n",
        "netra.registry.models": "",
        "netra.registry.selectors": "from netra.accounts.scoping import restrict\n",
        "netra.cases.selectors": "from netra.cases import workflow\n",
        "netra.cases.workflow": "def f():\n    from netra.cases.selectors import x\n",
        "netra.cases.models": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from netra.cases.selectors import x\n",
    }
    graph = import_graph(sources)
    assert cycles(graph) == [["netra.cases.selectors", "netra.cases.workflow"]]
    assert cycles(app_graph(graph)) == [["accounts", "registry"]]
    wiring = import_graph(
        {
            "netra.accounts.admin": "from netra.cases.services import letters\n",
            "netra.cases.services.letters": "from netra.accounts.models import Office\n",
            "netra.accounts.models": "",
        }
    )
    assert cycles(app_graph(wiring)) == []


# Rule: region-prefix logic lives in the access module only -----------------------------------------

ACCESS_MODULE = "accounts/scoping.py"


def _ends_with_dot(node: ast.AST) -> bool:
    """``code + "."`` or ``f"{code}."``: the tell-tale of a region-subtree test."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return isinstance(node.right, ast.Constant) and node.right.value == "."
    if isinstance(node, ast.JoinedStr) and node.values:
        last = node.values[-1]
        return isinstance(last, ast.Constant) and str(last.value).endswith(".")
    return False


def _names_startswith_lookup(node: ast.AST) -> bool:
    """A ``__startswith`` lookup as a keyword, a string, or an f-string (``Q(**{f"{f}__startswith": x})``)."""
    if isinstance(node, ast.keyword):
        return bool(node.arg and node.arg.endswith("__startswith"))
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value.endswith("__startswith")
    if isinstance(node, ast.JoinedStr) and node.values:
        return _names_startswith_lookup(node.values[-1])
    return False


def region_prefix_problems(source: str, where: str = "<fixture>") -> list[str]:
    problems = []
    for node in ast.walk(_parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "startswith":
            if node.args and _ends_with_dot(node.args[0]):
                problems.append(f"{where}:{node.lineno} .startswith(... + '.')")
        elif _names_startswith_lookup(node):
            problems.append(f"{where}:{getattr(node, 'lineno', '?')} __startswith")
    return sorted(set(problems))  # an f-string and its last part name the same lookup


def test_region_prefix_logic_lives_in_the_access_module_only():
    """Pure packages are outside the rule: they cannot import Django, so not the access module."""
    problems = []
    for path in _modules("**/*.py"):
        relative = _rel(path)
        if relative == ACCESS_MODULE or relative.split("/")[0] in PURE_PACKAGES:
            continue
        problems += region_prefix_problems(path.read_text(encoding="utf-8"), relative)
    assert problems == []


def test_region_prefix_rule_fails_on_bad_fixtures():
    assert len(region_prefix_problems('ok = code.startswith(office.region_code + ".")\n')) == 1
    assert len(region_prefix_problems('ok = code.startswith(f"{parent}.")\n')) == 1
    assert len(region_prefix_problems("rows = Case.objects.filter(region_code__startswith=code)\n")) == 1
    assert len(region_prefix_problems('Q(**{f"{field}__startswith": code})\n')) == 1
    fine = 'english = language.startswith("en")\nok = region_within(code, parent)\n'
    assert region_prefix_problems(fine) == []
