from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "gonghui.contracts"
    label = "contracts"
    verbose_name = "集体合同"
