"""Registry services: the only writers of regions, aliases, boundaries, agencies and the roster."""

from netra.registry.services.agencies import (
    AgencyImportReport,
    AgencySeedResult,
    agencies_import,
    agencies_seed,
    agency_units_seed_standard,
)
from netra.registry.services.geo import GeoImportError, GeoImportResult, boundaries_import
from netra.registry.services.regions import RegionLoadResult, region_aliases_rebuild, regions_load
from netra.registry.services.roster import RosterImportReport, roster_import

__all__ = [
    "AgencyImportReport",
    "AgencySeedResult",
    "GeoImportError",
    "GeoImportResult",
    "RegionLoadResult",
    "RosterImportReport",
    "agencies_import",
    "agencies_seed",
    "agency_units_seed_standard",
    "boundaries_import",
    "region_aliases_rebuild",
    "regions_load",
    "roster_import",
]
