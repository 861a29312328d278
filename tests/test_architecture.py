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
STILL_WRITING: dict[str, str] = {
    "accounts/models.py": "SealedTOTPDevice.verify_token follows django-otp's Device protocol, which stores "
    "the accepted time step inside verify_token (django_otp.verify_token calls it), as django-otp's own "
    "TOTPDevice does",
}


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


# Rule: every services module writes -----------------------------------------------------------

# Modules under services/ that write nothing themselves, each with its reason. Read-only code belongs
# in a selector or a plain module of the app (``cases/law.py``, ``cases/report_input.py``...).
SERVICE_HELPERS = {
    "netra.cases.services.guards": "what must be on file before a step: the planners in actions raise "
    "it inside the write, and the case page lists the same messages next to the button",
    "netra.cases.services.bulkwrite": "COPY/executemany rows for services.generate (raw SQL, which this "
    "reader does not see as a write); only that service calls it",
}


def _called(tree: ast.AST) -> set[str]:
    """Names called in a module: ``f(...)`` gives ``f``, ``mod.f(...)`` gives ``mod`` and ``f``."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            while isinstance(func, ast.Attribute):
                names.add(func.attr)
                func = func.value
            if isinstance(func, ast.Name):
                names.add(func.id)
    return names


def service_problems(sources: dict[str, str]) -> list[str]:
    """Services modules (``sources`` holds them and the modules they import) that neither write nor
    call something imported from a module that writes, directly or through other services."""
    trees = {name: _parse(source) for name, source in sources.items()}
    writers = {name for name, tree in trees.items() if write_problems(ast.unparse(tree))}
    grew = True
    while grew:
        grew = False
        for name, tree in trees.items():
            if name in writers:
                continue
            called = _called(tree)
            for module, imported, _line in _imports(tree):
                # (module, the name it is called by): ``from m import f`` -> (m, f) and (m.f, f) for a
                # submodule; ``import m`` -> (m, None), any use.
                pairs = [(t, i) for i in imported for t in (module, f"{module}.{i}")] or [(module, None)]
                if any(t in writers and (i is None or i in called) for t, i in pairs):
                    writers.add(name)
                    grew = True
                    break
    services = [n for n, tree in trees.items() if _is_services_module(_path_of(n)) and not _facade(tree)]
    return sorted(f"{n}: writes nothing" for n in services if n not in writers and n not in SERVICE_HELPERS)


def _path_of(module: str) -> str:
    return module.replace(".", "/") + ".py"


def _facade(tree: ast.Module) -> bool:
    """A package's front door (``services/__init__.py``, ``accounts/services.py``): imports and
    ``__all__`` only, so callers write ``services.case_assign``."""
    plain = (ast.Import, ast.ImportFrom, ast.Expr, ast.Assign)
    return all(isinstance(node, plain) for node in tree.body) and not any(
        isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) != "__all__" for node in tree.body
    )


def test_every_services_module_writes():
    sources = {_module_name(p): p.read_text(encoding="utf-8") for p in _modules("**/*.py")}
    assert service_problems(sources) == []


def test_services_rule_fails_on_bad_fixtures():
    sources = {
        "netra.cases.services.records": "def comment_add(*, case):\n    Comment.objects.create(case=case)\n",
        "netra.cases.services.intake": "from netra.cases.services.records import comment_add\n"
        "def intake(*, case):\n    comment_add(case=case)\n",
        "netra.cases.services.tracking": "def case_track(code):\n    return Case.objects.get(receipt=code)\n",
        "netra.cases.services.names": "from netra.cases.services.records import comment_add\n"
        "def label(case):\n    return str(case)\n",  # imports a writer but never calls it
        "netra.accounts.services_clock": "import time\ndef now():\n    return time.time()\n",
        "netra.cases.services": "from netra.cases.services.intake import intake\n__all__ = ['intake']\n",
    }
    assert service_problems(sources) == [
        "netra.accounts.services_clock: writes nothing",
        "netra.cases.services.names: writes nothing",
        "netra.cases.services.tracking: writes nothing",
    ]


# Rule: views and API modules import only selectors, services, forms and schemas -----------------

REQUEST_LAYER = {"selectors", "services", "forms", "schemas", "views", "api"}
ALSO_ALLOWED = {
    "netra.accounts.api_auth": "authentication of API requests",
    "netra.accounts.permissions": "role checks of a request",
    "netra.accounts.scoping": "the access module (can() decides which buttons a page shows)",
    "netra.cases.workflow": "the procedure table: labels and reasons of the action buttons",
    "netra.cases.letters": "renders a letter (built by a selector) to PDF/DOCX bytes",
    "netra.analytics.render": "renders figures a selector returned: SVG charts and maps, CSV/XLSX",
    "netra.catalogue.labels": "translated labels of the law's vocabulary",
    "netra.registry.matching": "roster match suggestions, scoped through pegawai_list_for",
    "netra.api": "the API root",
    "netra.core.ratelimit": "the shared limit of public intake (a request-layer concern, like api_auth)",
    "netra.core.inputs": "the one policy of characters and integer bounds every input path applies",
    "netra.core.crypto": "the failure handler (core.views) recognises a sealed value that does not open",
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
    # An app's request layer may be split into modules named by prefix (services_tokens, selectors_sources).
    if len(parts) >= 3 and (
        parts[2] in REQUEST_LAYER or parts[2].startswith(("services_", "selectors_", "forms_"))
    ):
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
    assert view_import_problems("from netra.x.selectors_sources import source_list_for\n") == []
    assert len(view_import_problems("from netra.x.sources_helpers import source_list_for\n")) == 1
    fine = (
        "from django.shortcuts import render\n"
        "from netra.cases import selectors, services\n"
        "from netra.cases.models import Status\n"
        "from netra.registry.schemas import AgencyOut\n"
        "from netra.law import catalogue\n"
    )
    assert view_import_problems(fine) == []


# Rule: API responses are built by ninja schemas from objects, never by hand ---------------------------


def _builds_by_hand(value: ast.AST | None) -> bool:
    """A dict literal, or a list/comprehension of them (``[{"id": c.pk} for c in cases]``)."""
    if isinstance(value, ast.Dict | ast.DictComp):
        return True
    if isinstance(value, ast.List | ast.Tuple):
        return any(_builds_by_hand(e) for e in value.elts)
    if isinstance(value, ast.ListComp):
        return _builds_by_hand(value.elt)
    if isinstance(value, ast.Call) and getattr(value.func, "id", "") in {"JsonResponse", "Status"}:
        return any(_builds_by_hand(a) for a in value.args)  # Status(201, {...}), JsonResponse({...})
    return False


def api_response_problems(source: str, where: str = "<fixture>") -> list[str]:
    return [
        f"{where}:{node.lineno} returns a hand-built dict"
        for node in ast.walk(_parse(source))
        if isinstance(node, ast.Return) and _builds_by_hand(node.value)
    ]


def test_api_responses_come_from_schemas():
    problems = []
    for path in _modules("*/api.py", "*/api/*.py", "api.py"):
        problems += api_response_problems(path.read_text(encoding="utf-8"), _rel(path))
    assert problems == []


def test_api_response_rule_fails_on_bad_fixtures():
    assert len(api_response_problems('def f(request):\n    return {"query": q}\n')) == 1
    assert len(api_response_problems('def f(request):\n    return [{"id": c.pk} for c in cases]\n')) == 1
    assert len(api_response_problems('def f(request):\n    return JsonResponse({"detail": d})\n')) == 1
    assert len(api_response_problems('def f(request):\n    return Status(201, {"id": 1})\n')) == 1
    fine = (
        "def f(request):\n    return selectors.region_resolution(q)\n"
        "def g(request):\n    return Status(201, case)\n"
    )
    assert api_response_problems(fine) == []


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


# Rule: the region-code tree is read in one pure module, and turned into SQL in the access module ----

# ``netra.law.regioncode`` is the one place that knows a Kemendagri code's shape (pure, so the name
# index and the news gazetteer use it too); ``accounts/scoping.py`` is the one place that turns a
# subtree into a ``__startswith`` lookup. Nothing is exempt: pure packages included.
CODE_TREE_MODULE = "law/regioncode.py"
ACCESS_MODULE = "accounts/scoping.py"
# Slicing a code to a fixed width is the tree rule in disguise: "32.04.01"[:2] is the province,
# [:5] the kabupaten/kota, [:8] the kecamatan.
_LEVEL_WIDTHS = {2, 5, 8}
_SPLITTERS = {"split", "rsplit", "partition", "rpartition", "count"}


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


def _starts_with_a_subtree(node: ast.AST) -> bool:
    """``x.startswith(code + ".")``: a hand-written region-subtree test."""
    if not (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "startswith"):
        return False
    return bool(node.args) and _ends_with_dot(node.args[0])


def _region_named(node: ast.AST) -> bool:
    """A value whose name says it is a region code (``code``, ``region``, ``kab_code``, ``r.code``)."""
    name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")
    return "code" in name.lower() or "region" in name.lower()


def _reads_code_shape(node: ast.AST) -> bool:
    """``code[:2]``/``code[:5]``/``code[:8]`` or ``code.split(".")``, ``.count(".")``, ``.rsplit(".", 1)``."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice) and _region_named(node.value):
        bounds = node.slice
        upper = bounds.upper
        return (
            bounds.lower is None
            and isinstance(upper, ast.Constant)
            and upper.value in _LEVEL_WIDTHS
            and bounds.step is None
        )
    if isinstance(node, ast.Compare) and isinstance(node.left, ast.Constant) and node.left.value == ".":
        return _region_named(node.comparators[0])  # '"." in code': is it below a province?
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _SPLITTERS:
        first = node.args[0] if node.args else None
        dotted = isinstance(first, ast.Constant) and first.value == "."
        return dotted and _region_named(node.func.value)
    return False


def region_prefix_problems(
    source: str, where: str = "<fixture>", *, tree_module: bool = False, access_module: bool = False
) -> list[str]:
    """Code-tree logic outside ``law/regioncode.py``, and ``__startswith`` outside the access module."""
    problems = []
    for node in ast.walk(_parse(source)):
        line = getattr(node, "lineno", "?")
        if not tree_module and _starts_with_a_subtree(node):
            problems.append(f"{where}:{line} .startswith(... + '.')")
        if not tree_module and _reads_code_shape(node):
            problems.append(f"{where}:{line} reads a region code's shape: {ast.unparse(node)}")
        if not access_module and _names_startswith_lookup(node):
            problems.append(f"{where}:{line} __startswith")
    return sorted(set(problems))  # an f-string and its last part name the same lookup


def test_region_code_tree_lives_in_one_pure_module():
    problems = []
    for path in _modules("**/*.py"):
        relative = _rel(path)
        problems += region_prefix_problems(
            path.read_text(encoding="utf-8"),
            relative,
            tree_module=relative == CODE_TREE_MODULE,
            access_module=relative == ACCESS_MODULE,
        )
    assert problems == []


def test_region_prefix_rule_fails_on_bad_fixtures():
    assert len(region_prefix_problems('ok = code.startswith(office.region_code + ".")\n')) == 1
    assert len(region_prefix_problems('ok = code.startswith(f"{parent}.")\n')) == 1
    assert len(region_prefix_problems("rows = Case.objects.filter(region_code__startswith=code)\n")) == 1
    assert len(region_prefix_problems('Q(**{f"{field}__startswith": code})\n')) == 1
    assert len(region_prefix_problems("province = case.region_code[:2]\n")) == 1
    assert len(region_prefix_problems("kabupaten = region[:5]\n")) == 1
    assert len(region_prefix_problems('depth = code.count(".")\n')) == 1
    assert len(region_prefix_problems('up = code.rsplit(".", 1)[0]\n')) == 1
    assert len(region_prefix_problems('kabupaten = "." in report.region.code\n')) == 1
    # A pure package is no exception (names/records.py once had its own copy of the rule).
    pure = 'def region_in(code, block):\n    return code == block or code.startswith(block + ".")\n'
    assert len(region_prefix_problems(pure, "names/records.py")) == 1
    # The access module may build the lookup, but not re-derive the tree rule.
    assert region_prefix_problems('Q(**{f"{field}__startswith": prefix})\n', access_module=True) == []
    assert len(region_prefix_problems('code.startswith(a + ".")\n', access_module=True)) == 1
    assert (
        region_prefix_problems('code.startswith(a + ".")\nparts = code.split(".")\n', tree_module=True) == []
    )
    fine = (
        'english = language.startswith("en")\nok = region_within(code, parent)\n'
        'group = receipt_code[i : i + 4]\nbirth = nip[:8]\nwords = text.split(".")\n'
    )
    assert region_prefix_problems(fine) == []
