"""Ranking among namesakes and near-ties, and counting namesakes in a scope."""

from netra.names import NameIndex, RosterRecord


def _roster(names_by_region):
    records, next_id = [], 1
    for region, names in names_by_region.items():
        for name in names:
            records.append(
                RosterRecord(next_id, name, None, 7 if region.startswith("33") else 8, region, None)
            )
            next_id += 1
    return records


def _names(index, matches):
    return [index.get(m.id).name for m in matches]


def test_an_ambiguous_initial_lists_each_name_it_may_stand_for_before_repeating_one():
    # Hundreds of namesakes must not crowd the other expansions of "S." out of the candidate set.
    written = ["Sri Wahyuni"] * 300 + ["Siti Wahyuni"] * 150 + ["Suci Wahyuni"] * 100
    index = NameIndex.build(_roster({"33.01": written}))
    top = _names(index, index.search("S. Wahyuni", limit=5))
    assert {"sri wahyuni", "siti wahyuni", "suci wahyuni"} <= set(top)


def test_a_clearly_better_match_is_never_passed_over_for_variety():
    index = NameIndex.build(_roster({"33.01": ["Sri Wahyuni"] * 3 + ["Sri Wahyuningsih", "Sri Rahayu"]}))
    top = _names(index, index.search("Sri Wahyuni", limit=4))
    assert top[:3] == ["sri wahyuni"] * 3


def test_a_reordered_query_also_shows_the_name_in_written_order():
    index = NameIndex.build(_roster({"33.01": ["Azizah Aminah"] * 6 + ["Aminah Azizah"]}))
    assert "aminah azizah" in _names(index, index.search("Azizah Aminah", limit=3))


def test_a_typo_counts_once_even_when_a_record_has_two_similar_names():
    # Each "Suryani Suryanti" resembles "Surxani" twice; the lone Suryani is still the best match.
    index = NameIndex.build(_roster({"33.01": ["Suryani Suryanti"] * 300 + ["Suryani"]}))
    assert _names(index, index.search("Surxani", limit=1)) == ["suryani"]


def test_namesakes_are_counted_within_the_scope():
    index = NameIndex.build(
        _roster({"33.01": ["Sri Wahyuni"] * 3 + ["Sri Wahyuningsih"], "35.02": ["Sri Wahyuni"] * 2})
    )
    assert index.namesakes(1) == 5
    assert index.namesakes(1, region_code="33.01") == 3
    assert index.namesakes(1, agency_id=8) == 2
    assert index.namesakes(4) == 1
    assert index.namesakes(999) == 0
    index.add([RosterRecord(50, "Hj. SRI WAHYUNI, S.Pd.", None, 7, "33.01.02", None)])
    assert index.namesakes(1, region_code="33.01") == 4
    assert index.namesakes(50) == 6
    index.remove([2])
    assert index.namesakes(1) == 5


def test_a_removed_haji_title_may_still_be_an_initial():
    index = NameIndex.build(_roster({"12.01": ["Ronald Rangkuti", "Sondang Rangkuti", "Hotmaida Rangkuti"]}))
    found = index.search("H. Rangkuti", limit=3)
    assert _names(index, found)[0] == "hotmaida rangkuti"
    assert "normalisasi: gelar keagamaan dihapus: H." in found[0].reasons
