import csv
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lokal import wilayah

from netra.names import NameIndex, canonical_name, parse_nip
from netra.names.perturb import KINDS
from netra.names.synthetic import CSV_COLUMNS, agency_names, generate_roster, perturb, write_csv


@pytest.fixture(scope="module")
def roster():
    return list(generate_roster(20_000, seed=3))


def test_same_seed_same_roster_other_seed_other_roster():
    first = list(generate_roster(300, seed=11))
    assert first == list(generate_roster(300, seed=11))
    assert first != list(generate_roster(300, seed=12))


def test_nips_are_valid_unique_and_agree_with_the_record(roster):
    assert len({p.nip for p in roster}) == len(roster)
    for person in roster[:3000]:
        info = parse_nip(person.nip, pppk=person.status == "PPPK")
        appointed = info.pppk_year if person.status == "PPPK" else info.tmt_cpns.year
        assert appointed - info.birth_date.year >= 18
        if person.nama.startswith(("Hj.", "Dra.")):
            assert info.gender == "P"


def test_proportions_and_real_region_codes(roster):
    status = Counter(p.status for p in roster)
    assert 0.87 < status["PNS"] / len(roster) < 0.91
    assert set(status) == {"PNS", "PPPK"}
    for code in {p.kode_wilayah for p in roster[:2000]}:
        assert wilayah.get_wilayah(code) is not None, code
    jabatan = Counter(p.jabatan for p in roster)
    assert jabatan.most_common(1)[0][0] == "Guru"
    assert {"Camat", "Lurah", "Kepala Dinas", "Analis Kebijakan", "Pelaksana"} <= set(jabatan)
    assert set(agency_names()) >= {p.agency_id for p in roster}


def test_titles_at_realistic_rates(roster):
    with_suffix = sum("," in p.nama for p in roster) / len(roster)
    haji = sum(p.nama.startswith(("H. ", "Hj. ")) or " H. " in p.nama for p in roster) / len(roster)
    assert 0.5 < with_suffix < 0.95
    assert 0.005 < haji < 0.08


def test_write_csv_has_the_importer_columns(tmp_path):
    path = tmp_path / "roster.csv"
    assert write_csv(path, 50, seed=1) == 50
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["nip"] for r in rows] == [p.nip for p in generate_roster(50, seed=1)]


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.sampled_from(KINDS))
def test_each_perturbation_changes_the_written_name_as_described(seed, kind):
    person = next(generate_roster(1, seed=seed))
    query = perturb(person.nama, random.Random(seed), kinds=(kind,))
    assert query.kinds in ((), (kind,))
    if query.kinds:
        assert query.text != person.nama


def test_recall_on_a_synthetic_roster(roster):
    """Perturbed queries (titles, old spellings, typos, dropped middle names, initials, reordering)."""
    index = NameIndex.build(p.record() for p in roster)
    rng = random.Random(5)
    strict = same_name = blocked = 0
    sample = rng.sample(roster, 300)
    for person in sample:
        query = perturb(person.nama, rng)
        found = index.search(query.text, limit=5)
        strict += person.id in [m.id for m in found]
        truth = canonical_name(person.nama)
        same_name += any(m.id == person.id or index.get(m.id).name == truth for m in found)
        regional = index.search(query.text, region_code=person.kode_wilayah[:5], limit=5)
        blocked += person.id in [m.id for m in regional]
    # Names alone cannot separate namesakes; blocking by kab/kota (as officers do) nearly always can.
    assert same_name / len(sample) >= 0.93
    assert strict / len(sample) >= 0.85
    assert blocked / len(sample) >= 0.95


def test_name_frequencies_follow_the_published_counts(roster):
    """Calibrated on Dukcapil's most frequent names: Nurhayati about 0.13% of e-KTP holders, the tenth
    male name about 0.04%; a name opener such as "Siti" or "Dwi" is never a whole name."""
    from netra.names import synthetic_data as data

    counts = Counter(canonical_name(p.nama) for p in roster)
    openers = {canonical_name(word) for word in data.NEVER_ALONE}
    assert not openers & set(counts)
    top = [name for name, _ in counts.most_common(25)]
    assert {"nurhayati", "sutrisno", "sri wahyuni", "slamet"} <= set(top)
    assert 0.0008 < counts["nurhayati"] / len(roster) < 0.003
    assert counts.most_common(1)[0][1] / len(roster) < 0.003
