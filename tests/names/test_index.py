import pytest

from netra.names import InvalidNip, NameIndex, RosterRecord

ROSTER = [
    RosterRecord(1, "Djoko Santoso", "198001012005011001", 10, "33.72", "Camat"),
    RosterRecord(2, "JOKO SANTOSO, S.Pd.", "198203152008011002", 11, "35.01.02", "Guru"),
    RosterRecord(3, "Muhammad Rizky Akbar, S.Kom.", "199001012015031001", 10, "32.04", "Pranata Komputer"),
    RosterRecord(4, "Joko Widodo", "197806102003121001", 12, "35.01", "Camat"),
    RosterRecord(5, "Joko", "196905051990031003", 12, "11.01", "Lurah"),
    RosterRecord(6, "Siti Aminah", "198505052010012001", 12, "35.01", "Guru"),
    RosterRecord(7, "Rizky Amalia", "199202022019022001", 13, "32.04.01", "Bidan"),
    RosterRecord(8, "Mohamad Rizki", "198807072012121001", 13, "32.04", "Staf"),
    RosterRecord(9, "Agus Salim", None, None, None, None),
]


@pytest.fixture
def index():
    return NameIndex.build(ROSTER)


def ids(matches):
    return [m.id for m in matches]


def test_titles_old_spelling_and_variant_find_both_spellings(index):
    found = index.search("Drs. H. Moch. Djoko Santoso, M.Si.")
    assert set(ids(found)[:2]) == {1, 2}
    assert "joko = joko" in found[0].reasons
    assert "normalisasi: ejaan lama: Djoko → joko" in found[0].reasons


def test_informal_mention_prefers_the_named_position(index):
    found = index.search("pak camat Joko")
    assert set(ids(found)[:2]) == {1, 4}
    assert "jabatan cocok: camat" in found[0].reasons


def test_initials_expand_to_the_full_name(index):
    found = index.search("M. Rizky A.")
    assert ids(found)[0] == 3
    assert {"inisial m. = muhamad", "inisial a. = akbar"} <= set(found[0].reasons)


def test_typos_and_sound_alike_spellings(index):
    assert ids(index.search("Muhamad Riski Akbar"))[0] == 3
    assert ids(index.search("Sitti Aminnah"))[0] == 6


def test_reordered_name(index):
    assert ids(index.search("Santoso, Joko"))[:2] in ([1, 2], [2, 1])


def test_province_blocks_to_its_regencies_and_districts(index):
    found = index.search("Rizky", region_code="32")
    assert set(ids(found)) == {3, 7, 8}
    assert all(any(r.startswith("wilayah 32.04") for r in m.reasons) for m in found)


def test_agency_filter(index):
    assert ids(index.search("Joko", agency_id=12))[:2] == [5, 4]
    assert set(ids(index.search("Joko", agency_id=11))) == {2}


def test_full_nip_is_nearly_decisive(index):
    found = index.search("Joko Santosa", nip="19820315 200801 1 002")
    assert ids(found)[0] == 2
    assert "NIP cocok" in found[0].reasons
    assert found[0].score > 0.9


def test_nip_prefix_brings_in_its_records_and_demotes_others(index):
    found = index.search("Jokko", nip="19800101")
    assert ids(found)[0] == 1
    assert "awalan NIP cocok (8 digit)" in found[0].reasons
    assert "NIP tidak cocok" in found[1].reasons


def test_bad_input_is_refused_clearly(index):
    with pytest.raises(ValueError, match="tidak ada nama"):
        index.search("  ,, ")
    with pytest.raises(InvalidNip):
        index.search("Joko", nip="1980010A")
    with pytest.raises(InvalidNip, match="paling banyak 18"):
        index.search("Joko", nip="1" * 19)


def test_records_without_a_name_are_reported_not_dropped_silently():
    built = NameIndex.build([*ROSTER, RosterRecord(99, " - , . ", None)])
    assert built.skipped == [99]
    assert len(built) == len(ROSTER)


def test_scores_are_between_zero_and_one_and_sorted(index):
    found = index.search("Joko", limit=10)
    scores = [m.score for m in found]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)


def test_add_replace_and_remove_without_rebuild(index):
    index.add([RosterRecord(20, "Bambang Pamungkas", None, 14, "31.71", "Staf")])
    assert ids(index.search("Bambang Pamungkas"))[0] == 20
    index.add([RosterRecord(1, "Djoko Susilo", "198001012005011001", 10, "33.72", "Camat")])
    assert ids(index.search("Djoko Susilo"))[0] == 1
    assert 1 not in ids(index.search("Djoko Santoso", limit=3))[:1]
    index.remove([20, 6])
    assert 20 not in ids(index.search("Bambang Pamungkas"))
    assert 6 not in ids(index.search("Siti Aminah"))
    assert index.get(6) is None
    assert len(index) == len(ROSTER) - 1 + 0  # 9 built, +20 -20, -6, 1 replaced in place


def test_rebuild_folds_changes_in_and_keeps_results(index):
    index.add([RosterRecord(20, "Bambang Pamungkas", None, 14, "31.71", "Staf")])
    index.remove([6])
    rebuilt = index.rebuild()
    assert len(rebuilt.overlay) == 0
    for query in ("Bambang Pamungkas", "pak camat Joko", "M. Rizky A.", "Siti Aminah"):
        assert ids(rebuilt.search(query)) == ids(index.search(query))


def test_save_and_load_round_trip(index, tmp_path):
    index.add([RosterRecord(20, "Bambang Pamungkas", None, 14, "31.71", "Staf")])
    index.save(tmp_path / "idx")
    loaded = NameIndex.load(tmp_path / "idx")
    for query in ("Bambang Pamungkas", "Drs. H. Moch. Djoko Santoso, M.Si.", "M. Rizky A."):
        assert loaded.search(query) == index.search(query)
    loaded.remove([3])  # memory-mapped arrays stay usable for removal
    assert 3 not in ids(loaded.search("M. Rizky A."))


def test_load_refuses_a_missing_index(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"index\.json"):
        NameIndex.load(tmp_path)


def test_a_region_block_is_one_row_range_whatever_the_input_order():
    codes = ["35.01", "11.01", "32.04.01", "32.04", "33.72", "32.01", None, "32", "32.04.01.2001", "33"]
    records = [RosterRecord(i, f"Nama Orang{i}", None, None, code, None) for i, code in enumerate(codes)]
    built = NameIndex.build(reversed(records))
    for block, expected in (("32", {2, 3, 5, 7, 8}), ("32.04", {2, 3, 8}), ("33", {4, 9}), ("51", set())):
        lo, hi = built.region_rows(block)
        assert {int(i) for i in built.a["ids"][lo:hi]} == expected
        assert {m.id for m in built.search("Nama", region_code=block, limit=20)} == expected
