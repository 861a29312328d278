"""Query-count pinning shared by the per-app query-count tests (NetBox-style baselines).

Each page or endpoint is read once with one row and once with many; the count must stay under
its pinned ceiling and must not grow with the rows, so an N+1 fails whichever way it creeps in.
"""


def queries(client, url, ceiling: int, assert_max, params=None, status: int = 200) -> int:
    """The number of queries one GET of ``url`` takes, asserted to be at most ``ceiling``."""
    with assert_max(ceiling) as captured:
        response = client.get(url, params or {})
    assert response.status_code == status, (url, response.content[:300])
    return len(captured.captured_queries)


def warm(client, url, params=None) -> None:
    """One request first: login and token bookkeeping (last_used_at) are not what is measured."""
    client.get(url, params or {})


def assert_flat(client, url, ceiling: int, assert_max, add_rows, params=None) -> int:
    """Queries of one GET with the rows there are, then after ``add_rows()``: equal, and pinned."""
    warm(client, url, params)
    one = queries(client, url, ceiling, assert_max, params)
    add_rows()
    warm(client, url, params)  # caches keyed on the data version (the name index) rebuild here
    many = queries(client, url, ceiling, assert_max, params)
    assert many == one, (url, one, many)
    return one
