from django.apps import AppConfig


class DemocracyConfig(AppConfig):
    name = "gonghui.democracy"
    label = "democracy"
    verbose_name = "民主管理"
