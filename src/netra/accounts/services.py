"""Writers for accounts: API tokens, offices and users."""

from netra.accounts.services_offices import office_create, offices_ensure_tree
from netra.accounts.services_tokens import token_create, token_revoke
from netra.accounts.services_users import user_create

__all__ = ["office_create", "offices_ensure_tree", "token_create", "token_revoke", "user_create"]
