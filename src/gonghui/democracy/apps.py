from django.apps import AppConfig


class DemocracyConfig(AppConfig):
    name = "gonghui.democracy"
    label = "democracy"
    verbose_name = "民主管理"

    def ready(self) -> None:
        from gonghui.democracy import menu  # noqa: F401
