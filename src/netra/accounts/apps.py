from django.apps import AppConfig
from django.core import checks


class AccountsConfig(AppConfig):
    name = "netra.accounts"
    label = "accounts"

    def ready(self) -> None:
        from netra.accounts.checks import check_required_2fa_roles

        checks.register(check_required_2fa_roles)
