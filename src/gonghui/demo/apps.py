from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data loader (``gonghui demo``); installed last, imported by no other app."""

    name = "gonghui.demo"
    label = "demo"
    verbose_name = "演示数据"
    # Loads every app (core.discovery.demo_loaders); not itself a discovered app.
    gonghui_discovered = False
