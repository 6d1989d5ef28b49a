from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gonghui.core"
    label = "core"
    verbose_name = "基础"
    # Mounted at the site root; not one of the discovered apps (core.discovery).
    gonghui_discovered = False

    def ready(self) -> None:
        from gonghui.core import audit_labels, menu_entries  # noqa: F401
        from gonghui.core.discovery import import_registrations

        # Each discovered app registers, in modules of these names: its audit action labels
        # (audit_labels), metrics (core.metrics), parameter keys (core.parameters), sidebar
        # entries (core.menu) and home-page widgets (core.home).
        import_registrations()
