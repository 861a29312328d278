"""The case page and the letter data say whether the terlapor signed or attended, for the election."""

import pytest

from netra.cases import selectors as case_selectors
from netra.prevention import selectors, services
from tests.prevention.conftest import write_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_with_terlapor(world, roster):
    from netra.cases import services as case_services
    from tests.cases.helpers import photo, report_data

    data = report_data(world["elections"]["pilkada"], terlapor_name="Siti Rahmawati")
    case, _code = case_services.laporan_submit_public(data=data, files=[photo()])
    return case


def _link(case, pegawai):
    case.terlapor.update(pegawai=pegawai)


def test_case_detail_lists_the_terlapor_pledge_and_the_page_shows_it(
    client, tmp_path, case_with_terlapor, roster, make_pledge, recorder, world
):
    case = case_with_terlapor
    _link(case, roster[0])
    pledge = make_pledge()
    path = write_list(tmp_path / "a.csv", [("Siti Rahmawati", "198001012005012001", "", "")])
    services.signatories_import(user=recorder("bintan"), pledge=pledge, path=path)
    detail = case_selectors.case_detail_for(recorder("bintan"), case.pk)
    marks = detail.prevention[detail.terlapor[0].pk]
    assert [(m.kind, m.on, m.object_id) for m in marks] == [("pledge", pledge.made_on, pledge.pk)]
    client.force_login(recorder("bintan"))
    body = client.get(f"/kasus/{case.pk}/").content.decode()
    assert "Menandatangani" in body and pledge.title in body


def test_a_pledge_of_another_election_does_not_count(
    tmp_path, case_with_terlapor, roster, make_pledge, recorder, world
):
    case = case_with_terlapor
    _link(case, roster[0])
    pledge = make_pledge(election=world["elections"]["pemilu"])
    services.signatories_import(
        user=recorder("bintan"),
        pledge=pledge,
        path=write_list(tmp_path / "a.csv", [("Siti Rahmawati", "198001012005012001", "", "")]),
    )
    detail = case_selectors.case_detail_for(recorder("bintan"), case.pk)
    assert detail.prevention == {}


def test_nip_on_the_terlapor_is_enough(tmp_path, case_with_terlapor, make_event, recorder):
    case = case_with_terlapor
    case.terlapor.update(nip="198001012005012001", pegawai=None)
    event = make_event()
    services.attendance_import(
        user=recorder("bintan"),
        event=event,
        path=write_list(tmp_path / "a.csv", [("S. Rahmawati", "198001012005012001", "", "")]),
    )
    detail = case_selectors.case_detail_for(recorder("bintan"), case.pk)
    assert [m.kind for m in detail.prevention[detail.terlapor[0].pk]] == ["event"]


@pytest.fixture
def recommended(world, roster, tmp_path, make_pledge, recorder):
    """A proven, recommended case whose terlapor (Siti Rahmawati, on the roster) signed the pledge."""
    from tests.cases.helpers import case_in

    case = case_in(world, "rekomendasi_diteruskan", terlapor_name="Siti Rahmawati")
    case.terlapor.update(pegawai=roster[0])
    pledge = make_pledge()
    path = write_list(tmp_path / "a.csv", [("Siti Rahmawati", "198001012005012001", "", "")])
    services.signatories_import(user=recorder("bintan"), pledge=pledge, path=path)
    return case, pledge


def test_letter_data_carries_the_pledge_sentence(recommended, recorder):
    case, pledge = recommended
    rec = case.recommendations.get()
    _rec, letter = case_selectors.recommendation_letter_for(recorder("bintan"), case.pk, rec.pk)
    assert letter.terlapor.prevention == (f"Ikrar: {pledge.title} (30-09-2024)",)


def test_violation_rates_among_signers_and_non_signers(recommended, recorder, world):
    rates = selectors.violation_rates_for(recorder("bintan"), "21.01", world["elections"]["pilkada"].pk)
    bintan = next(r for r in rates if r.agency == "Pemerintah Kabupaten Bintan")
    assert (bintan.signers, bintan.signer_violations, bintan.non_signers, bintan.non_signer_violations) == (
        1,
        1,
        4,
        0,
    )
    assert bintan.signer_rate == 1000.0 and bintan.non_signer_rate == 0.0
    assert (
        selectors.violation_rates_for(recorder("lingga"), "21.01", world["elections"]["pilkada"].pk)[
            0
        ].signer_violations
        == 0
    )
