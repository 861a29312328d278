"""The analytics app's answer to ``netra.cases.signals.cases_changed``: once the case service's
transaction commits, the ``tally_regions_refresh`` task recounts the tally rows of the regions and
offices concerned (``services.tally``), so the dashboard follows new and changed cases without
waiting for the next full rebuild. Connected in ``AnalyticsConfig.ready``."""

from typing import Any

from netra.core.taskqueue import enqueue_on_commit


def tally_follow_cases(
    sender: Any, *, region_codes: list[str], office_ids: list[int], **_kwargs: Any
) -> None:
    from netra.analytics.tasks import tally_regions_refresh

    enqueue_on_commit(tally_regions_refresh, list(region_codes), list(office_ids))
