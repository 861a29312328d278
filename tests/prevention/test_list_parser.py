"""The list reader on arbitrary cells: every row becomes a person or errors naming its row."""

import csv
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from netra.prevention.services.lists import read_people

cells = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
)
nips = st.one_of(
    st.just(""), st.from_regex(r"\A(19[6-9]\d)(0[1-9]|1[0-2])(0[1-9]|1\d|2[0-8])20\d\d0[1-9][12]\d{3}\Z")
)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(cells, nips, cells), min_size=1, max_size=8))
def test_every_row_is_a_person_or_an_error_on_its_own_row(rows):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "daftar.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["nama", "nip", "jabatan"])
            writer.writerows(rows)
        people, errors = read_people(path)
    rows_with_errors = {e.row for e in errors}
    assert {p.row for p in people}.isdisjoint(rows_with_errors)
    assert all(p.name.strip() and p.name == p.name.strip() for p in people)
    assert all(p.nip == "" or (len(p.nip) == 18 and p.nip.isdigit()) for p in people)
    seen = [p.nip for p in people if p.nip]
    assert len(seen) == len(set(seen))  # a repeated NIP is an error, never two people
    assert all(e.column in {"", "nama", "nip", "instansi", "jabatan"} for e in errors)
