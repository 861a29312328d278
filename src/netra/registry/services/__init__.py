"""Registry services: the only writers of regions, aliases, boundaries, agencies and the roster."""

from netra.registry.services.regions import RegionLoadResult, region_aliases_rebuild, regions_load
from netra.registry.services.resolve import AmbiguousRegion, region_candidates, region_resolve

__all__ = [
    "AmbiguousRegion",
    "RegionLoadResult",
    "region_aliases_rebuild",
    "region_candidates",
    "region_resolve",
    "regions_load",
]
