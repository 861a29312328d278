from django.apps import AppConfig
from django.core import checks


class AccountsConfig(AppConfig):
    name = "netra.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from netra.accounts.checks import check_required_2fa_roles
        from netra.accounts.services_signin import on_user_logged_in, on_user_login_failed

        checks.register(check_required_2fa_roles)
        # Sign-ins are audited (docs/security.md, "What is audited").
        user_logged_in.connect(on_user_logged_in, dispatch_uid="netra.audit.login")
        user_login_failed.connect(on_user_login_failed, dispatch_uid="netra.audit.login_failed")
