"""Full-text search of cases, the same on SQLite (FTS5) and PostgreSQL (tsvector 'simple' + GIN): CI runs
this file on both engines and the expected answers are written once."""

import pytest
from django.db import connection

from netra.accounts.models import Role
from netra.cases import selectors, services
from netra.cases.fulltext import sqlite_fts_ensure
from netra.cases.models import Case
from netra.cases.services.search import search_text_of, search_words

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
