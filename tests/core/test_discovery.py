"""Discovery (core.discovery): apps plug in by being installed, not by edits to root files."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from django.apps import AppConfig, apps
from django.urls import URLResolver, get_resolver, reverse
from drf_spectacular.generators import SchemaGenerator

from gonghui.api_urls import routers
from gonghui.core.discovery import app_module, app_modules, demo_loaders, gonghui_apps, url_prefix

SRC = Path(__file__).resolve().parents[2] / "src" / "gonghui"
# The platform apps and work lines of today; a new one is discovered without being added here.
EXPECTED = {"accounts", "orgs", "members", "plans", "democracy", "contracts", "rights"}


def test_it_discovers_the_gonghui_apps_but_not_core_or_demo():
    labels = {app.label for app in gonghui_apps()}
    assert labels >= EXPECTED
    assert not labels & {"core", "demo"}
    outside = [app.label for app in gonghui_apps() if not app.name.startswith("gonghui.")]
    # Only an app that opts in is discovered outside the package: the test-only example line.
    assert outside == ["example"]
    assert apps.get_app_config("example").gonghui_discovered is True


def test_it_mounts_every_apps_pages_under_its_prefix():
    mounted = {
        pattern.urlconf_module: str(pattern.pattern)
        for pattern in get_resolver().url_patterns
        if isinstance(pattern, URLResolver)
    }
    for app, module in app_modules("urls"):
        assert mounted.get(module) == f"{url_prefix(app)}/", app.label


def test_it_mounts_every_api_route_under_its_apps_prefix():
    apis = {app.label: (app, api) for app, api in app_modules("api") if getattr(api, "ROUTES", [])}
    assert {"orgs", "members", "plans", "democracy", "contracts", "rights"} <= set(apis)
    assert set(routers) == set(apis)
    for label, (app, api) in apis.items():
        for prefix, viewset, basename in api.ROUTES:
            expected = f"/api/v1/{url_prefix(app)}/{prefix}/"
            assert reverse(f"api:{label}:{basename}-list") == expected, viewset
    assert reverse("api:plans:target-progress", args=[7]) == "/api/v1/plans/targets/7/progress/"
    assert reverse("api:token") == "/api/v1/auth/token/"


def test_it_tags_every_operation_with_exactly_its_apps_name():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    by_tag: dict[str, set[str]] = {}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert len(operation["tags"]) == 1, f"{method} {path}: {operation['tags']}"
            by_tag.setdefault(operation["tags"][0], set()).add(path)
    names = {str(app.verbose_name): app for app in gonghui_apps()}
    assert set(by_tag) <= set(names), set(by_tag) - set(names)
    for name, paths in by_tag.items():
        prefix = url_prefix(names[name])
        expected = "/api/v1/auth/" if prefix == "accounts" else f"/api/v1/{prefix}/"
        assert all(path.startswith(expected) for path in paths), (name, paths)
    assert [tag["name"] for tag in schema["tags"]] == [
        str(app.verbose_name) for app in apps.get_app_configs() if str(app.verbose_name) in by_tag
    ]


def test_it_finds_each_apps_demo_loader_in_installed_order():
    labels = [app.label for app, _load in demo_loaders()]
    assert labels == ["democracy", "contracts", "rights", "assistance", "example"]
    assert all(callable(load) for _app, load in demo_loaders())


@pytest.fixture
def fake_app(tmp_path, monkeypatch):
    """An app package with a ``urls`` that raises ImportError inside, and no ``api``."""
    package = tmp_path / "fake_work_line"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "urls.py").write_text("import gonghui_no_such_dependency  # noqa\n")
    (package / "menu.py").write_text("ENTRIES = []\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import fake_work_line

    yield AppConfig("fake_work_line", fake_work_line)
    for name in [m for m in sys.modules if m.startswith("fake_work_line")]:
        del sys.modules[name]


def test_it_skips_a_missing_module_but_not_an_import_error_inside_one(fake_app):
    assert app_module(fake_app, "api") is None
    assert app_module(fake_app, "menu").ENTRIES == []
    with pytest.raises(ModuleNotFoundError, match="gonghui_no_such_dependency"):
        app_module(fake_app, "urls")


def test_it_uses_the_app_label_as_prefix_unless_the_app_overrides_it(fake_app):
    assert url_prefix(fake_app) == "fake_work_line"
    fake_app.url_prefix = "fake"
    assert url_prefix(fake_app) == "fake"


@pytest.mark.parametrize("root", ["urls.py", "api_urls.py", "demo/build.py", "core/apps.py"])
def test_it_names_no_work_line_in_the_root_wiring(root):
    tree = ast.parse((SRC / root).read_text())
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    # demo/build also writes the org tree and members itself; no root file names a work line.
    for line in ("democracy", "contracts", "rights"):
        assert not any(name.startswith(f"gonghui.{line}") for name in imported), (root, line)
