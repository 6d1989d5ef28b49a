from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gonghui.accounts"
    label = "accounts"
    verbose_name = "账号与权限"

    def ready(self) -> None:
        from gonghui.accounts import signals  # noqa: F401
