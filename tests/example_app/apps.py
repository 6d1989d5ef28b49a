from django.apps import AppConfig


class ExampleConfig(AppConfig):
    """职工书屋: the example work line, installed only in tests/settings.py."""

    name = "tests.example_app"
    label = "example"
    verbose_name = "职工书屋"
    gonghui_discovered = True  # outside the gonghui package: opt in to core.discovery
