from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "gonghui.rights"
    label = "rights"
    verbose_name = "维权服务"
