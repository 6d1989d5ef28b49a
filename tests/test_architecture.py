"""Architecture test: reads src/gonghui (and the test-only example work line,
tests/example_app) with ``ast`` and fails on forbidden dependencies.

Layers (who may import whom), decided from what the code needs:

- ``core`` is the kernel: roles, access, scoping, audit, tables, forms, metrics, parameters, jobs.
  It imports no app; apps plug into it through registries (menus, metrics, audit labels,
  parameters) filled in their own modules.
- Platform apps: ``orgs`` (the org tree and enterprises) sits directly on core; ``members`` builds
  on orgs (a membership belongs to a union); ``accounts`` (users and role assignments) builds on
  orgs and members (an assignment points at a unit, the 我的 page shows the user's own member
  record). The direction is one way: orgs never imports members or accounts, members never
  imports accounts. ``plans`` (the plan spine) needs the org tree and the core metric registry.
- Work lines (``democracy``, ``contracts``, ``rights``, and ``example_app``, the 职工书屋
  example installed only in tests/settings.py) may use core and the platform apps (orgs,
  members, plans) but never another work line: each can be added or removed alone. A line
  that needs another's records reaches them through a core registry (a 职代会 session adopts a
  collective contract through ``core.meetings``), never by an import.
- ``demo`` loads everything and may import everything; nothing imports demo (an app's demo
  loader lives in the app and is called by demo, never the other way round).
- Root modules (settings, urls, api_urls, cli, env) wire the apps together.

Imports inside ``if TYPE_CHECKING:`` are annotations only (no runtime coupling, no cycle) and are
not counted.

Besides the graph: a name starting with ``_`` is private to its app and never imported from
another app; model writes (``.save(``, ``.delete(``, ``.objects.create(``, ``.update(``,
``bulk_create``) and ``log_action(`` belong in services (services*.py, importer, tasks, demo),
never in views*.py, api*.py, tables*.py or forms*.py.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
SRC = TESTS.parent / "src" / "gonghui"
# Apps read outside src/gonghui, as (root, app directory): the file names are relative to root.
EXTRA_APPS = ((TESTS, "example_app"),)

WORK_LINES = frozenset({"democracy", "contracts", "rights", "assistance", "example_app"})
PLATFORM = frozenset({"accounts", "orgs", "members", "plans"})

# app -> apps it may import (besides itself).
ALLOWED: dict[str, frozenset[str]] = {
    "core": frozenset(),
    "orgs": frozenset({"core"}),
    "members": frozenset({"core", "orgs"}),
    "accounts": frozenset({"core", "orgs", "members"}),
    "plans": frozenset({"core", "orgs"}),
    **{line: frozenset({"core", "orgs", "members", "plans"}) for line in WORK_LINES},
    "demo": frozenset({"core", *PLATFORM, *WORK_LINES}),
}
ROOT_MODULES = frozenset({"settings", "urls", "api_urls", "cli", "env", "wsgi", "__init__"})
WRITE_FILE_PREFIXES = ("views", "api", "tables", "forms")
WRITE_ATTRS = frozenset({"save", "delete", "bulk_create", "bulk_update"})
# ``.update(`` is a write on a queryset (``X.objects….update(``, ``….filter(…).update(``), not on a
# dict or a widget's attrs.
QUERYSET_ATTRS = frozenset({"objects", "filter", "exclude", "all", "select_for_update"})

# (file relative to src/gonghui, rule, reason) — violations not fixed yet. Each entry must still
# be needed: the test fails when one no longer matches a violation.
KNOWN_VIOLATIONS: list[tuple[str, str, str]] = []


def _app_of(rel: Path) -> str:
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _sources() -> list[tuple[Path, Path]]:
    """(root, file) of every module checked; migrations are generated, not written."""
    found = [(SRC, p) for p in SRC.rglob("*.py")]
    found += [(root, p) for root, app in EXTRA_APPS for p in (root / app).rglob("*.py")]
    return sorted((root, p) for root, p in found if "migrations" not in p.relative_to(root).parts)


def _shown(rel: str) -> str:
    """Where a checked file is, from the repository root."""
    for root, app in EXTRA_APPS:
        if Path(rel).parts[0] == app:
            return f"{root.name}/{rel}"
    return f"src/gonghui/{rel}"


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
            if name == "TYPE_CHECKING":
                for child in node.body:
                    skip.update(id(n) for n in ast.walk(child))
    return skip


def _imports(rel: Path, tree: ast.AST):
    """(lineno, imported module, imported names) for every runtime import of a gonghui module."""
    package = ["gonghui", *rel.parts[:-1]]
    skip = _type_checking_nodes(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            yield node.lineno, module, [a.name for a in node.names]


def _import_problems(rel: Path, tree: ast.AST) -> list[tuple[str, int, str, str]]:
    app = _app_of(rel)
    found = []
    for lineno, module, names in _imports(rel, tree):
        parts = module.split(".")
        if parts[0] != "gonghui" or len(parts) < 2:
            continue
        target = parts[1]
        if target == app or app in ROOT_MODULES:
            continue
        if app not in ALLOWED:
            found.append((str(rel), lineno, "unknown-app", f"{app} is not in ALLOWED"))
            continue
        if target not in ALLOWED and target not in ROOT_MODULES:
            continue
        if target not in ALLOWED[app]:
            if app == "core":
                rule = "core-imports-app"
            elif app in WORK_LINES and target in WORK_LINES:
                rule = "work-line-imports-work-line"
            else:
                rule = "forbidden-dependency"
            found.append((str(rel), lineno, rule, f"{app} -> {module}"))
        private = [n for n in names if n.startswith("_")]
        private += [p for p in parts[2:] if p.startswith("_") and p != "__init__"]
        if private:
            found.append((str(rel), lineno, "private-name", f"{module}: {', '.join(private)}"))
    return found


def _on_queryset(node: ast.AST) -> bool:
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        if isinstance(node, ast.Attribute):
            if node.attr in QUERYSET_ATTRS:
                return True
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        else:
            node = node.value
    return False


def _write_problems(rel: Path, tree: ast.AST) -> list[tuple[str, int, str, str]]:
    if not rel.stem.startswith(WRITE_FILE_PREFIXES):
        return []
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "log_action":
            found.append((str(rel), node.lineno, "audit-outside-service", "log_action("))
        elif isinstance(func, ast.Attribute):
            if func.attr == "log_action":
                found.append((str(rel), node.lineno, "audit-outside-service", "log_action("))
            elif func.attr in WRITE_ATTRS:
                found.append((str(rel), node.lineno, "write-outside-service", f".{func.attr}("))
            elif func.attr == "update" and _on_queryset(func.value):
                found.append((str(rel), node.lineno, "write-outside-service", ".update("))
            elif (
                func.attr == "create"
                and isinstance(func.value, ast.Attribute)
                and func.value.attr == "objects"
            ):
                found.append((str(rel), node.lineno, "write-outside-service", ".objects.create("))
    return found


def _problems() -> list[tuple[str, int, str, str]]:
    found = []
    for root, path in _sources():
        rel = path.relative_to(root)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found += _import_problems(rel, tree)
        found += _write_problems(rel, tree)
    return found


def _is_known(problem: tuple[str, int, str, str]) -> bool:
    return any(problem[0] == f and problem[2] == r for f, r, _ in KNOWN_VIOLATIONS)


def test_it_keeps_every_app_inside_its_allowed_dependencies_and_writes_in_services():
    problems = [p for p in _problems() if not _is_known(p)]
    assert not problems, "architecture rules broken:\n" + "\n".join(
        f"{_shown(f)}:{line}: [{rule}] {detail}" for f, line, rule, detail in problems
    )


def test_it_lists_only_known_violations_that_still_exist():
    current = {(f, rule) for f, _, rule, _ in _problems()}
    stale = [(f, r) for f, r, _ in KNOWN_VIOLATIONS if (f, r) not in current]
    assert not stale, "KNOWN_VIOLATIONS entries no longer needed (remove them): " + repr(stale)


def test_it_knows_every_gonghui_app():
    apps = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert apps <= set(ALLOWED), f"add these apps to ALLOWED with a reason: {apps - set(ALLOWED)}"


def test_it_holds_the_example_work_line_to_the_same_rules():
    checked = {str(path.relative_to(root)) for root, path in _sources() if root != SRC}
    assert {"example_app/models.py", "example_app/views.py", "example_app/api.py"} <= checked
    tree = ast.parse("from gonghui.rights.models import WorkOrder\nWorkOrder.objects.create()\n")
    rel = Path("example_app/views.py")
    rules = {rule for _f, _line, rule, _detail in _import_problems(rel, tree)}
    rules |= {rule for _f, _line, rule, _detail in _write_problems(rel, tree)}
    assert rules == {"work-line-imports-work-line", "write-outside-service"}


def _migration_dependencies() -> list[tuple[str, str, str]]:
    """(app, migration file, app it depends on) of every migration of every Gonghui app, read
    with ``ast`` like the modules: a migration that depends on another work line would keep
    the app from being installed alone just as an import would."""
    found = []
    for path in sorted(SRC.glob("*/migrations/0*.py")):
        app = path.parts[-3]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple) and len(node.elts) == 2:
                first = node.elts[0]
                named = isinstance(first, ast.Constant) and isinstance(first.value, str)
                if named and first.value in ALLOWED and first.value != app:
                    found.append((app, path.name, first.value))
    return found


def test_it_keeps_work_line_migrations_off_other_work_lines():
    # Work lines only: core's tables point at the org tree (unit of an audit entry, of a
    # parameter) by model name, which is the platform's shape, not a work line's coupling.
    problems = [
        f"{app}/migrations/{name} depends on {other}"
        for app, name, other in _migration_dependencies()
        if app in WORK_LINES and other not in ALLOWED[app]
    ]
    assert not problems, "migration dependencies break the app graph:\n" + "\n".join(problems)
