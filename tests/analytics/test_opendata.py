"""Open data: only aggregates per region and type, no count a person could be singled out by."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netra.analytics.suppression import suppress_row, suppress_total

rows = st.dictionaries(st.sampled_from(["D-1", "D-6", "KE-1", "", "PP94"]), st.integers(0, 30), min_size=1)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows, st.integers(2, 10))
def test_no_published_cell_is_small_and_no_hidden_cell_can_be_subtracted_back(values, minimum):
    cells = suppress_row(values, minimum)
    for key, cell in cells.items():
        assert cell.value == values[key]
        if not cell.suppressed:
            assert cell.value == 0 or cell.value >= minimum
    hidden = [c for c in cells.values() if c.suppressed]
    positive = [v for v in values.values() if v > 0]
    # With the row total published, one hidden cell alone could be recovered: never exactly one,
    # unless it is the row's only non-zero cell (then the total is that cell and is itself small).
    if len(hidden) == 1:
        assert len(positive) == 1 and suppress_total(sum(values.values()), minimum).suppressed


def test_the_smallest_other_cell_is_hidden_too():
    cells = suppress_row({"D-1": 2, "D-6": 9, "KE-1": 7, "": 0}, 5)
    assert {k for k, c in cells.items() if c.suppressed} == {"D-1", "KE-1"}


@pytest.mark.django_db
def test_the_public_page_and_csv_suppress_small_cells(world, make_case, settings):
    settings.NETRA_OPEN_DATA_MIN_CELL = 3
    for _ in range(4):
        make_case("21.01.04", violation="D-6")
    make_case("21.04.01", violation="D-6")
    make_case("32.04.05", violation="D-1")
    client = Client()  # nobody logged in
    page = client.get("/statistik/terbuka/", {"region": "21"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Kabupaten Bintan" in text and "&lt;3" in text and "Terlapor" not in text
    csv_text = b"".join(client.get("/statistik/terbuka.csv", {"region": "21"}).streaming_content).decode(
        "utf-8-sig"
    )
    assert csv_text.splitlines() == [
        "kode_wilayah,wilayah,D-6,jumlah",
        "21.01,Kabupaten Bintan,4,4",
        "21.04,Kabupaten Lingga,<3,<3",
    ]
    national = b"".join(client.get("/statistik/terbuka.csv").streaming_content).decode("utf-8-sig")
    assert national.splitlines()[1:] == ["21,Kepulauan Riau,0,5,5", "32,Jawa Barat,<3,0,<3"]
