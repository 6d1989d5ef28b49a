from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _seed_holiday_calendar(sender, using="default", **kwargs) -> None:
    """After every ``migrate`` (and a test database's flush): the years chinese-calendar
    ships that the database lacks, so an upgraded package brings a new year's notice in."""
    from gonghui.core.holiday_services import calendar_sync_package

    if using == "default":
        calendar_sync_package()


class CoreConfig(AppConfig):
    name = "gonghui.core"
    label = "core"
    verbose_name = "基础"
    # Mounted at the site root; not one of the discovered apps (core.discovery).
    gonghui_discovered = False

    def ready(self) -> None:
        from gonghui.core import audit_labels, holiday_home, menu_entries  # noqa: F401
        from gonghui.core.discovery import import_registrations

        # Each discovered app registers, in modules of these names: its audit action labels
        # (audit_labels), metrics (core.metrics), parameter keys (core.parameters), sidebar
        # entries (core.menu), home-page widgets (core.home), stored deadlines
        # (core.stored_deadlines, module ``recompute``) and the meetings it offers to other
        # work lines (core.meetings).
        import_registrations()
        post_migrate.connect(_seed_holiday_calendar, sender=self, dispatch_uid="gonghui_holidays")
