"""System checks for account settings, so a typo fails loudly instead of silently doing nothing."""

from django.conf import settings
from django.core.checks import Error


def check_required_2fa_roles(app_configs=None, **kwargs) -> list[Error]:
    from netra.accounts.models import Role

    unknown = [r for r in getattr(settings, "NETRA_REQUIRE_2FA_ROLES", []) if r not in Role.values]
    if not unknown:
        return []
    return [
        Error(
            f"NETRA_REQUIRE_2FA_ROLES names unknown roles: {', '.join(unknown)}",
            hint=f"Use any of: {', '.join(Role.values)}",
            id="netra.accounts.E001",
        )
    ]
