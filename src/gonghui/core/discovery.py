"""Discovery of the Gonghui apps: a work line is added by listing it in ``INSTALLED_APPS``.

Which apps: every installed app whose module is under ``gonghui.``, except the infrastructure
apps whose AppConfig sets ``gonghui_discovered = False`` (``core`` itself, mounted at the root,
and ``demo``, which loads everything and is imported by nothing). The marker is an opt-out on
purpose: a new app is discovered without remembering to set anything. An app outside the
``gonghui`` package (the test-only example work line, ``tests/example_app``) opts in with
``gonghui_discovered = True``.

What is discovered, by module name (a module that does not exist is skipped; an ImportError
raised inside an existing module propagates, never hidden):

- ``urls``: included by the root URLconf at ``<url_prefix>/``;
- ``api``: ``ROUTES`` (prefix, viewset, basename) on the app's router and ``URLS`` (extra
  paths), mounted at ``/api/v1/<url_prefix>/`` under the namespace ``api:<label>``;
- ``menu`` and ``home``: imported once at start-up (core.menu / core.home registries);
- ``recompute``: imported once at start-up; declares the app's stored deadlines that depend on
  the holiday calendar (core.stored_deadlines);
- ``meetings``: imported once at start-up; offers the app's meetings to other work lines
  (core.meetings: a 职代会 session adopts a collective contract without contracts importing
  democracy);
- ``attachments``: imported once at start-up; declares the record kinds that take files
  (core.attachments.register_attachments: 证明材料 of a hardship file …);
- ``importer``: imported on demand by core.imports when a job names an importer not yet
  registered (a worker process need not have loaded the URLconf; importing every importer at
  start-up would load the pages' modules into every management command);
- ``demo``: its ``load(*, district, today, rng, actor)`` is called by the demo loader.

``url_prefix`` is the app label unless the AppConfig sets ``url_prefix``. core imports no app
by name; it reads the app registry only.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType

from django.apps import AppConfig, apps
from django.utils.module_loading import module_has_submodule

PACKAGE = "gonghui."
# Modules imported at start-up for their registrations (CoreConfig.ready).
REGISTRATION_MODULES = (
    "audit_labels",
    "metrics",
    "parameters",
    "menu",
    "home",
    "recompute",
    "meetings",
    "attachments",
)

DemoLoader = Callable[..., None]


def gonghui_apps() -> list[AppConfig]:
    """The discovered apps, in INSTALLED_APPS order."""
    return [
        app
        for app in apps.get_app_configs()
        if getattr(app, "gonghui_discovered", app.name.startswith(PACKAGE))
    ]


def app_module(app: AppConfig, name: str) -> ModuleType | None:
    """``<app>.<name>`` imported, or None when the app has no such module.

    Only a missing module yields None: an ImportError raised while executing an existing
    module (a typo, a missing dependency) propagates.
    """
    if not module_has_submodule(app.module, name):
        return None
    return importlib.import_module(f"{app.name}.{name}")


def app_modules(name: str) -> list[tuple[AppConfig, ModuleType]]:
    """(app, module) for each discovered app that has a module called ``name``."""
    found = ((app, app_module(app, name)) for app in gonghui_apps())
    return [(app, module) for app, module in found if module is not None]


def url_prefix(app: AppConfig) -> str:
    """Where the app's pages (``/<prefix>/``) and API (``/api/v1/<prefix>/``) are mounted."""
    return getattr(app, "url_prefix", app.label)


def import_registrations() -> None:
    """Import each discovered app's registration modules (menus, home widgets, metrics …)."""
    for name in REGISTRATION_MODULES:
        app_modules(name)


def demo_loaders() -> list[tuple[AppConfig, DemoLoader]]:
    """(app, ``demo.load``) of every discovered app with a demo module, in INSTALLED_APPS order."""
    return [(app, module.load) for app, module in app_modules("demo")]
