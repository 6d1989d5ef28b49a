from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gonghui.core"
    label = "core"
    verbose_name = "基础"
