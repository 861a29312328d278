"""The only code that writes analytics rows; each write appends one audit event."""

from netra.analytics.services.exports import export_record
from netra.analytics.services.index import index_refresh, index_refresh_enqueue, weights_set
from netra.analytics.services.tally import tally_refresh, tally_regions_refresh

__all__ = [
    "export_record",
    "index_refresh",
    "index_refresh_enqueue",
    "tally_refresh",
    "tally_regions_refresh",
    "weights_set",
]
