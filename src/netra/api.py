"""The REST API root: each app contributes a ninja Router from its own ``api.py``."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Netra API",
    version="1.0.0",
    description="Netra: pengawasan netralitas ASN. Staff endpoints take a token (Authorization: Bearer ...).",
    urls_namespace="api",
)
api.add_router("/rules/", "netra.catalogue.api.router")
api.add_router("/registry/", "netra.registry.api.router")
api.add_router("/accounts/", "netra.accounts.api.router")
api.add_router("/cases/", "netra.cases.api.router")
