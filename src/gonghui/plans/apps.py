from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "gonghui.plans"
    label = "plans"
    verbose_name = "工作要点与目标考核"
