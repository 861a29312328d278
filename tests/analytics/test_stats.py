"""Statistics: scoped like the case list, the same from the tally as live, and every figure's link
lands on a case list of exactly that many cases."""

import pytest

from netra.accounts.models import Role
from netra.analytics import selectors, services
from netra.analytics.views.exports import _case_filters
from netra.cases.forms import CaseFilterForm
from netra.cases.selectors import case_list_for, election_list
from netra.cases.views.staff import violation_choices

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(world, make_case, agencies):
    """Cases over Kepri (province level, Bintan, Lingga) and Jawa Barat with every outcome."""
    make_case("21", kind="temuan", status="rekomendasi_diteruskan", violation="D-6", proven=True, to_bkn=True)
    make_case(
        "21.01.04",
        violation="D-1",
        proven=True,
        to_ppk=True,
        agency=agencies["dinas_bintan"],
        sanction=("berat", "sedang"),
        status="tindak_lanjut",
    )
    make_case("21.01.06", subject="PPPK", agency=agencies["bintan"])
    make_case("21.01", status="kajian_awal", election="pemilu", subject="kepala_desa")
    make_case(
        "21.04.01",
        subject="PPNPN",
        violation="D-6",
        proven=True,
        to_bkn=True,
        sanction=("sedang", "sedang"),
        status="tindak_lanjut",
        agency=agencies["lingga"],
    )
    make_case("32.04.05", violation="D-1", proven=True, kind="informasi_awal")
    make_case("32.04", election=None)


def _rows(stats):
    return {r.key: (r.cases, r.proven, r.recommended, r.sanctioned) for r in stats.rows}


def test_national_by_region_counts_each_province(world, spread):
    ri = world["staff"]["ri"][Role.PIMPINAN]
    found = selectors.case_stats_for(ri, by="region")
    assert _rows(found) == {"21": (5, 3, 3, 2), "32": (2, 1, 0, 0)}
    assert [r.label for r in found.rows] == ["Kepulauan Riau", "Jawa Barat"]
    assert found.total.cases == 7


def test_by_region_inside_a_province_lists_its_kabupaten_and_its_own_level(world, spread):
    kepri = world["staff"]["kepri"][Role.ANALIS]
    found = selectors.case_stats_for(kepri, by="region", region="21")
    assert _rows(found) == {"21": (1, 1, 1, 0), "21.01": (3, 1, 1, 1), "21.04": (1, 1, 1, 1)}
    assert [r.label for r in found.rows] == [
        "Kepulauan Riau (tingkat ini)",
        "Kabupaten Bintan",
        "Kabupaten Lingga",
    ]


def test_a_kabupaten_office_counts_its_own_subtree_only(world, spread):
    bintan = world["staff"]["bintan"][Role.PENGAWAS]
    assert _rows(selectors.case_stats_for(bintan, by="region")) == {
        "21.01": (1, 0, 0, 0),
        "21.01.04": (1, 1, 1, 1),
        "21.01.06": (1, 0, 0, 0),
    }
    # Asking for a sibling's region gives nothing: the jurisdiction still applies.
    assert selectors.case_stats_for(bintan, by="region", region="21.04").rows == []


def test_bkn_and_ppk_count_only_the_cases_addressed_to_them(world, spread):
    bkn = world["staff"]["bkn"][Role.STAF_PENANGANAN]
    assert _rows(selectors.case_stats_for(bkn, by="source")) == {
        "temuan": (1, 1, 1, 0),
        "laporan": (1, 1, 1, 1),
    }
    ppk = world["staff"]["ppk_bintan"][Role.PIMPINAN]
    assert _rows(selectors.case_stats_for(ppk, by="subject")) == {"PNS": (1, 1, 1, 1)}
    assert _rows(selectors.case_stats_for(world["staff"]["ppk_lingga"][Role.PIMPINAN], by="subject")) == {}


def test_the_public_counts_nothing(spread):
    from django.contrib.auth.models import AnonymousUser

    assert selectors.case_stats_for(AnonymousUser(), by="region").rows == []


def test_indicator_folds_violation_types_and_sanctions_compare_classes(world, spread):
    ri = world["staff"]["ri"][Role.PIMPINAN]
    indicators = _rows(selectors.case_stats_for(ri, by="indicator"))
    assert indicators[""][0] == 3  # not yet decided
    assert sum(v[0] for v in indicators.values()) == 7
    sanctions = selectors.case_stats_for(ri, by="sanction")
    assert _rows(sanctions) == {"berat|sedang": (1, 1, 1, 1), "sedang|sedang": (1, 1, 1, 1)}
    lighter = next(r for r in sanctions.rows if r.key == "berat|sedang")
    assert lighter.filters == {"sanction": "berat|sedang"}


USERS = [
    ("ri", Role.PIMPINAN),
    ("kepri", Role.ANALIS),
    ("jabar", Role.PENGAWAS),
    ("bkn", Role.STAF_PENANGANAN),
]


@pytest.mark.parametrize("by", selectors.DIMENSIONS)
def test_the_tally_answers_exactly_what_the_live_count_answers(world, spread, by):
    live = {key: _rows(selectors.case_stats_for(world["staff"][key][role], by=by)) for key, role in USERS}
    run = services.tally_refresh()
    assert run.cases == 7
    for key, role in USERS:
        found = selectors.case_stats_for(world["staff"][key][role], by=by)
        assert found.from_tally is (key != "bkn" or True)
        assert _rows(found) == live[key], (key, by)


def test_narrow_scopes_count_live_even_with_a_tally(world, spread, make_case):
    services.tally_refresh()
    make_case("21.01.04")  # after the tally: a kabupaten sees it at once
    bintan = world["staff"]["bintan"][Role.PIMPINAN]
    found = selectors.case_stats_for(bintan, by="region")
    assert not found.from_tally
    assert found.total.cases == 4


def _listed(user, filters: dict) -> int:
    form = CaseFilterForm(filters, elections=election_list(active_only=False), violations=violation_choices())
    assert form.is_valid(), form.errors
    return case_list_for(user, **_case_filters(form)).count()


@pytest.mark.parametrize("by", selectors.DIMENSIONS)
def test_every_figure_links_to_a_list_of_exactly_its_cases(world, spread, by):
    for key, role in USERS:
        user = world["staff"][key][role]
        for row in selectors.case_stats_for(user, by=by).rows:
            if not row.filters:
                continue  # "not yet decided": no filter lands on it
            assert _listed(user, row.filters) == row.cases, (key, by, row.key)
            if "outcome" not in row.filters:
                for measure in ("proven", "recommended", "sanctioned"):
                    assert _listed(user, {**row.filters, "outcome": measure}) == getattr(row, measure)


def test_election_narrows_every_figure(world, spread):
    ri = world["staff"]["ri"][Role.PIMPINAN]
    pemilu = world["elections"]["pemilu"].pk
    found = selectors.case_stats_for(ri, by="region", election=pemilu)
    assert _rows(found) == {"21": (1, 0, 0, 0)}
    assert found.rows[0].filters == {"election": str(pemilu), "region": "21"}


def test_unknown_dimension_is_refused(world):
    with pytest.raises(ValueError):
        selectors.case_stats_for(world["staff"]["ri"][Role.PIMPINAN], by="colour")


@pytest.mark.parametrize("by", selectors.DIMENSIONS)
@pytest.mark.parametrize("top", [1, 2, 3])
def test_top_keeps_the_largest_rows_in_order_and_the_rest_in_the_total(world, spread, make_case, by, top):
    make_case("21.01.04", violation="D-1")  # a tie broken by label, a group larger than the others
    ri = world["staff"]["ri"][Role.PIMPINAN]
    whole = selectors.case_stats_for(ri, by=by)
    cut = selectors.case_stats_for(ri, by=by, top=top)
    if by in selectors.stats.ORDERED_BY_KEY:
        assert cut.rows == whole.rows and cut.omitted == 0
    else:
        assert cut.rows == whole.rows[:top]
        assert cut.omitted == max(0, len(whole.rows) - top)
    assert cut.total == whole.total
