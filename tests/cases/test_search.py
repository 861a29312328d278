"""Full-text search of cases, the same on SQLite (FTS5) and PostgreSQL (tsvector 'simple' + GIN): CI runs
this file on both engines and the expected answers are written once."""

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netra.accounts.models import Role
from netra.cases import selectors, services
from netra.cases.fulltext import region_lexeme, sqlite_fts_ensure
from netra.cases.models import Case
from netra.cases.services.search import search_text_of, search_words
from netra.law import regioncode

pytestmark = pytest.mark.django_db


def test_search_words_fold_accents_case_and_punctuation():
    words = ["kepala", "desa", "21", "01", "2024", "pns", "guru"]
    assert search_words("Kepala Désa, 21.01/2024 — PNS_guru") == words
    assert search_text_of("Dinas  Pendidikan", None, "", "Nip 1985-03") == "dinas pendidikan nip 1985 03"


@pytest.fixture
def cases(world, submit):
    rows = {
        "guru": "Terlapor mengajak guru SD memilih pasangan calon di rapat dinas.",
        "baliho": "Terlapor memasang baliho pasangan calon di pagar kantor kecamatan.",
        "desa": "Kepala désa membagikan bahan kampanye di balai desa.",
    }
    return {key: submit(description=text) for key, text in rows.items()}


def _found(world, q: str) -> set[int]:
    user = world["staff"]["bintan"][Role.PIMPINAN]
    return set(selectors.case_list_for(user, q=q).values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("guru", {"guru"}),
        ("GURU rapat", {"guru"}),  # every word, any case
        ("pasangan calon", {"guru", "baliho"}),
        ("desa", {"desa"}),  # "désa" was folded
        ("kepala desa kampanye", {"desa"}),
        ("guru baliho", set()),  # no case has both
        ("gur", set()),  # whole words, not parts of words
        ("balai, desa!", {"desa"}),  # punctuation is not a word
    ],
)
def test_the_same_cases_are_found_on_every_engine(world, cases, query, expected):
    assert _found(world, query) == {cases[key].pk for key in expected}


def test_receipt_code_and_register_number_still_match_exactly(world, cases):
    case = cases["baliho"]
    assert _found(world, case.receipt_display) == {case.pk}
    assert _found(world, "   ") == {c.pk for c in cases.values()}  # no words: no narrowing


def test_search_follows_changes_written_by_the_services(world, cases):
    staf = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    case = cases["guru"]
    services.terlapor_add(user=staf, case=case, data={"name": "Sutrisno Wibowo", "subject_type": "PNS"})
    assert _found(world, "sutrisno") == {case.pk}
    Case.objects.filter(pk=cases["baliho"].pk).delete()
    assert _found(world, "baliho") == set()


def test_search_stays_inside_the_jurisdiction(world, cases):
    lingga = world["staff"]["lingga"][Role.PIMPINAN]
    assert set(selectors.case_list_for(lingga, q="guru").values_list("pk", flat=True)) == set()


def test_sqlite_triggers_come_back_after_a_table_rebuild(world, cases):
    """SQLite drops triggers when a migration rebuilds a table; ``migrate`` re-creates them."""
    if connection.vendor != "sqlite":
        assert sqlite_fts_ensure() is False  # PostgreSQL's GIN index needs no triggers
        return
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER cases_case_fts_insert")
    assert sqlite_fts_ensure() is True and sqlite_fts_ensure() is False
    assert _found(world, "guru") == {cases["guru"].pk}


@pytest.mark.postgresql(reason="the stored tsvector is PostgreSQL's")
def test_postgresql_searches_the_stored_vector_the_database_keeps(world, cases):
    user = world["staff"]["bintan"][Role.PIMPINAN]
    sql = str(selectors.case_list_for(user, q="baliho").query)
    assert '"cases_case".search_vector @@' in sql and "to_tsvector" not in sql
    case = cases["baliho"]
    Case.objects.filter(pk=case.pk).update(search_text="spanduk di pasar")  # any writer of search_text
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM cases_case WHERE id = %s", [case.pk])
        region_terms = "'@21' '@21.01' '@21.01.04' "  # the case's regions (migration 0017), then its words
        assert cursor.fetchone()[0] == region_terms + "'di':2 'pasar':3 'spanduk':1"
    assert _found(world, "spanduk pasar") == {case.pk} and not _found(world, "baliho")


# A search inside a region: the same cases on both engines, whoever searches and however narrowed ------

PLACES = {"kijang": "21.01.04", "bintan": "21.01", "lingga": "21.04.01", "bandung": "32.04.05"}


@pytest.fixture
def spread(world, submit):
    """The same pair of words in a case of each place, and a case of Bintan without them."""
    text = "Camat membagikan pesan whatsapp tim pemenangan pasangan calon."
    found = {key: submit(region=code, description=text) for key, code in PLACES.items()}
    found["other"] = submit(region="21.01", description="Lurah memasang baliho di kantor kelurahan.")
    return found


@pytest.mark.parametrize(
    ("office", "filters", "expected"),
    [
        ("ri", {}, {"kijang", "bintan", "lingga", "bandung"}),
        ("ri", {"region": "21"}, {"kijang", "bintan", "lingga"}),
        ("ri", {"region": "21.01", "region_only": True}, {"bintan"}),
        ("kepri", {}, {"kijang", "bintan", "lingga"}),
        ("kepri", {"region": "21.04"}, {"lingga"}),
        ("kepri", {"region": "32.04"}, set()),  # a filter outside the scope finds nothing
        ("bintan", {}, {"kijang", "bintan"}),
        ("gunung_kijang", {}, {"kijang"}),
        ("jabar", {}, {"bandung"}),
        ("bkn", {}, set()),  # no recommendation addressed to BKN yet
    ],
)
def test_a_search_inside_a_scope_or_region_finds_the_same_cases_on_every_engine(
    world, spread, office, filters, expected
):
    user = world["staff"][office][Role.PIMPINAN]
    listed = selectors.case_list_for(user, q="WhatsApp pemenangan", **filters)
    found = set(listed.values_list("pk", flat=True))
    assert found == {spread[key].pk for key in expected}


def test_no_query_text_reaches_a_region_lexeme(world, spread):
    """Region lexemes are "@" and a code; search words are letters and digits, so "@21" is "21"."""
    ri = world["staff"]["ri"][Role.PIMPINAN]
    assert search_words("@21.01 @21") == ["21", "01", "21"]
    assert set(selectors.case_list_for(ri, q="@21.01").values_list("pk", flat=True)) == set()
    assert region_lexeme("21.01") == "@21.01" and region_lexeme("") is None
    assert region_lexeme("21.01.04.2001.9") is None  # deeper than a desa: the vector holds none


@pytest.mark.postgresql(reason="the region lexemes are in PostgreSQL's stored vector")
def test_postgresql_search_of_a_region_names_its_lexeme(world, spread):
    def terms(user, q, **filters):
        _sql, params = selectors.case_list_for(user, q=q, **filters).query.sql_with_params()
        return [p for p in params if str(p).startswith("'@")]

    kepri, ri = (world["staff"][key][Role.PIMPINAN] for key in ("kepri", "ri"))
    assert terms(kepri, "whatsapp pemenangan") == ["'@21'"]
    assert terms(kepri, "whatsapp pemenangan", region="21.01") == ["'@21.01'"]  # the narrower region
    assert terms(kepri, "whatsapp") == []  # one word: the planner's own statistics choose the plan
    assert terms(ri, "whatsapp pemenangan") == []  # the whole country: no region term


_PART = st.text("0123456789", min_size=1, max_size=4)
_CODES = st.lists(_PART, min_size=0, max_size=5).map(regioncode.SEPARATOR.join).filter(lambda c: len(c) <= 13)


@pytest.mark.postgresql(reason="the region lexemes are in PostgreSQL's stored vector")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=_CODES, scope=_CODES)
def test_postgresql_region_lexemes_are_the_cases_lineage(world, spread, code, scope):
    """A scope's lexeme is in a case's vector exactly when the case lies in the scope's subtree."""
    case = spread["other"]
    Case.objects.filter(pk=case.pk).update(region_code=code)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_agg(lexeme) FROM unnest((SELECT search_vector FROM cases_case WHERE id = %s)) "
            "WHERE lexeme LIKE '@%%'",
            [case.pk],
        )
        lexemes = set(cursor.fetchone()[0] or [])
    assert lexemes == {f"@{c}" for c in regioncode.lineage(code)[: regioncode.DESA]}
    term = region_lexeme(scope)
    if term is not None:
        assert (term in lexemes) == regioncode.within(code, scope)
