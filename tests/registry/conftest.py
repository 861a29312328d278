"""Registry fixtures: a small slice of the region tree (loading all of it is one slow test)."""

import pytest

from netra.registry.services import regions_load

# Jawa Barat (Kota/Kabupaten Bandung), DIY (Jogja), Papua Barat and Papua Barat Daya (the remap).
TEST_PROVINCES = ("32", "34", "92", "96")


@pytest.fixture
def regions(db):
    return regions_load(max_level=3, provinces=TEST_PROVINCES)
