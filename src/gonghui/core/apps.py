from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gonghui.core"
    label = "core"
    verbose_name = "基础"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from gonghui.core import menu_entries  # noqa: F401

        # Each app names its audit actions in Chinese in an ``audit_labels`` module.
        autodiscover_modules("audit_labels")
        # Each app registers its metrics (core.metrics) in a ``metrics`` module.
        autodiscover_modules("metrics")
        # Each app declares the parameter keys it reads (core.parameters) in ``parameters``.
        autodiscover_modules("parameters")
        # Each app adds its home-page widgets (core.home) in a ``home`` module.
        autodiscover_modules("home")
