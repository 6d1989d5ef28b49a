"""One actor type (issue 7, kernel item 7), read from the code with ``ast``: every function
parameter named ``actor`` is annotated ``Access`` (keyword-only in public functions), and no
call passes ``actor=request.user`` — views pass ``request.access``, commands, demo loaders and
the job runner pass ``SYSTEM`` or the job owner's ``access_for(…)``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from gonghui.core.access import ANONYMOUS, SYSTEM, Access, require_access

TESTS = Path(__file__).resolve().parent
SRC = TESTS.parent / "src" / "gonghui"
ROOTS = ((SRC, SRC), (TESTS, TESTS / "example_app"))


def _sources():
    for root, top in ROOTS:
        for path in sorted(top.rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            if "/migrations/" in rel:
                continue
            yield rel, ast.parse(path.read_text(encoding="utf-8"))


def _annotation(node: ast.arg) -> str:
    return ast.unparse(node.annotation) if node.annotation is not None else ""


def _is_request_user(node: ast.AST) -> bool:
    """``request.user`` or ``self.request.user``."""
    if not (isinstance(node, ast.Attribute) and node.attr == "user"):
        return False
    owner = node.value
    return (isinstance(owner, ast.Name) and owner.id == "request") or (
        isinstance(owner, ast.Attribute) and owner.attr == "request"
    )


def _problems(sources) -> list[str]:
    problems = []
    for rel, tree in sources:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                args = node.args
                for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
                    if arg.arg != "actor":
                        continue
                    if _annotation(arg) != "Access":
                        problems.append(
                            f"{rel}:{node.lineno} {node.name}(actor: {_annotation(arg) or '?'})"
                            " — annotate actor: Access"
                        )
                    if arg not in args.kwonlyargs and not node.name.startswith("_"):
                        problems.append(f"{rel}:{node.lineno} {node.name}: actor is keyword-only")
            elif isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg == "actor" and _is_request_user(kw.value):
                        problems.append(
                            f"{rel}:{node.lineno} actor={ast.unparse(kw.value)}"
                            " — pass request.access"
                        )
    return problems


def test_every_actor_is_an_access_and_no_view_passes_the_bare_user():
    assert _problems(_sources()) == []


def test_the_check_sees_what_it_forbids():
    tree = ast.parse(
        "def do_it(*, actor): ...\n"
        "def do_that(actor: Access): ...\n"
        "def do_well(*, actor: Access): ...\n"
        "def view(request):\n    do_it(actor=request.user)\n    do_well(actor=request.access)\n"
    )
    assert [p.split(" ", 1)[1] for p in _problems([("x.py", tree)])] == [
        "do_it(actor: ?) — annotate actor: Access",
        "do_that: actor is keyword-only",
        "actor=request.user — pass request.access",
    ]


def test_system_is_an_access_distinct_from_anonymous():
    assert isinstance(SYSTEM, Access) and SYSTEM.system and not ANONYMOUS.system
    assert SYSTEM != ANONYMOUS
    assert SYSTEM.user is None and not SYSTEM.is_authenticated
    assert require_access(SYSTEM) is SYSTEM


@pytest.mark.parametrize("bad", [None, object(), "admin"])
def test_require_access_refuses_anything_but_an_access(bad):
    with pytest.raises(TypeError):
        require_access(bad)


@pytest.mark.django_db
def test_log_action_records_the_user_of_an_access_and_nobody_for_system(personas):
    from gonghui.core.audit import log_action

    owner = personas["owner"]
    entry = log_action(actor=owner.access, action="test.done")
    assert (entry.actor, entry.actor_name) == (owner.user, owner.user.get_username())
    entry = log_action(actor=SYSTEM, action="test.done")
    assert (entry.actor, entry.actor_name) == (None, "系统")


@pytest.mark.django_db
def test_the_request_access_is_an_access_resolved_on_first_use(rf, personas):
    from gonghui.accounts.middleware import AccessMiddleware

    owner = personas["owner"]
    request = rf.get("/")
    request.session = {}
    AccessMiddleware(lambda r: r)(request)
    request.user = owner.user  # set after the middleware, as API token auth does
    access = require_access(request.access)
    assert (access.user, access.assignment, access.unit) == (
        owner.user,
        owner.access.assignment,
        owner.access.unit,
    )
    assert not access.system and access.is_authenticated


@pytest.mark.django_db
def test_log_action_refuses_a_bare_user_or_none(personas):
    from gonghui.core.audit import log_action

    for bad in (personas["owner"].user, None):
        with pytest.raises(TypeError, match="actor must be an Access"):
            log_action(actor=bad, action="test.done")
