"""Every read of analytics that reaches a user, scoped by ``netra.accounts.scoping``."""

from netra.analytics.selectors.compliance import InstansiCompliance, ppk_compliance_for
from netra.analytics.selectors.index import (
    deadline_compliance_for,
    formula_version,
    index_weights,
    may_set_weights,
    region_index_all,
    region_index_for,
    region_index_list_for,
    region_named,
)
from netra.analytics.selectors.maps import (
    has_map_below,
    map_boundaries,
    map_parent,
    map_regions,
    map_url,
    province_of,
    region_above,
)
from netra.analytics.selectors.opendata import open_statistics
from netra.analytics.selectors.report import periodic_report_for
from netra.analytics.selectors.stats import (
    DIMENSIONS,
    MEASURES,
    StatRow,
    Stats,
    case_export_all,
    case_stats_all,
    case_stats_checked_for,
    case_stats_for,
    latest_tally_run,
)

__all__ = [
    "DIMENSIONS",
    "MEASURES",
    "InstansiCompliance",
    "StatRow",
    "Stats",
    "case_export_all",
    "case_stats_all",
    "case_stats_checked_for",
    "case_stats_for",
    "deadline_compliance_for",
    "formula_version",
    "has_map_below",
    "index_weights",
    "latest_tally_run",
    "map_boundaries",
    "map_parent",
    "map_regions",
    "map_url",
    "may_set_weights",
    "open_statistics",
    "periodic_report_for",
    "ppk_compliance_for",
    "province_of",
    "region_above",
    "region_index_all",
    "region_index_for",
    "region_index_list_for",
    "region_named",
]
