"""Referral of a recommendation: recipients, copies and the reason for each (domain.md sections 3-4)."""

from datetime import date

import pytest

from netra.law import catalogue, referral
from netra.law.sources import LawError

D = date.fromisoformat


@pytest.mark.parametrize(
    ("subject", "regime", "forwarded", "violation", "recipients", "copies"),
    [
        # KASN handled neutrality until 23 Aug 2024; BKN from 24 Aug 2024 (Perpres 92/2024).
        ("PNS", "pemilu", "2024-08-23", None, ["KASN"], ["PPK"]),
        ("PNS", "pemilu", "2024-08-24", None, ["BKN"], ["PPK"]),
        ("PPPK", "pemilihan", "2024-10-01", "D-6", ["BKN"], ["PPK"]),
        # PPNPN are outside ASN law: the kepala daerah receives the finding.
        ("PPNPN", "pemilihan", "2024-10-01", None, ["kepala_daerah"], []),
        # Village heads: bupati/wali kota; perangkat desa: the kepala desa, copies to the camat and the
        # bupati/wali kota (UU 6/2014 Pasal 52-53).
        ("kepala_desa", "pemilu", "2024-01-29", None, ["bupati_walikota"], []),
        ("perangkat_desa", "pemilu", "2024-01-29", None, ["kepala_desa"], ["camat", "bupati_walikota"]),
        # UU 7/2017 Pasal 280(3) jo. 494: an ASN on the campaign team -> Gakkumdu as well.
        ("PNS", "pemilu", "2024-01-10", "D-10", ["KASN", "gakkumdu"], ["PPK"]),
        # UU 10/2016 Pasal 71 jo. 188 binds any pejabat ASN in Pilkada.
        ("PNS", "pemilihan", "2024-10-10", "D-12", ["BKN", "gakkumdu"], ["PPK"]),
        # UU 7/2017 Pasal 282: criminal (Pasal 490) only for kepala desa, not for ASN.
        ("PNS", "pemilu", "2024-01-10", "D-12", ["KASN"], ["PPK"]),
        ("kepala_desa", "pemilu", "2024-01-29", "D-12", ["bupati_walikota", "gakkumdu"], []),
        ("perangkat_desa", "pemilu", "2024-01-29", "D-12", ["kepala_desa"], ["camat", "bupati_walikota"]),
        # Pasal 280(2) jo. 493 threatens the campaign team, not the ASN: Gakkumdu gets a copy.
        ("PNS", "pemilu", "2024-01-10", "D-4", ["KASN"], ["PPK", "gakkumdu"]),
        ("PNS", "pemilihan", "2024-10-10", "D-4", ["BKN"], ["PPK", "gakkumdu"]),
    ],
)
def test_routing_table(subject, regime, forwarded, violation, recipients, copies):
    result = referral.refer(subject=subject, regime=regime, forwarded=D(forwarded), violation=violation)
    assert (result.recipients, result.copies) == (recipients, copies)
    for party in recipients + copies:
        assert any(reason.startswith(f"{party}: ") for reason in result.reasons), party


def test_every_reason_cites_its_source():
    result = referral.refer(subject="PNS", regime="pemilihan", forwarded=D("2024-10-10"), violation="D-12")
    assert result.reasons[0].startswith("BKN: Sejak 24 Agustus 2024")
    assert "Perpres 92/2024 Pasal 3-4 [S]" in result.reasons[0]
    assert any("UU 10/2016 Pasal 188 [S]" in reason for reason in result.reasons)


def test_kasn_reason_on_the_last_day_and_unverified_ppk_copy():
    result = referral.refer(subject="PNS", regime="pemilu", forwarded=D("2024-08-23"))
    assert result.reasons[0].startswith("KASN: ")
    assert result.unverified is True  # the copy to the PPK is Netra's default, marked [M]
    assert any("belum diperiksa" in reason for reason in result.reasons)


def test_non_criminal_provision_is_explained_not_routed():
    result = referral.refer(subject="PNS", regime="pemilu", forwarded=D("2024-01-10"), violation="D-8")
    assert "gakkumdu" not in result.recipients + result.copies
    notes = [reason for reason in result.reasons if "Pasal 283" in reason]
    assert notes and "Tidak ditemukan pasal pidana" in notes[0]


def test_type_defined_for_asn_applied_to_another_subject_is_noted():
    result = referral.refer(subject="PPNPN", regime="pemilu", forwarded=D("2024-01-10"), violation="KE-4")
    assert any("dirumuskan untuk PNS, PPPK" in reason for reason in result.reasons)


def test_to_dict_has_the_cli_shape():
    result = referral.refer(subject="PNS", regime="pemilu", forwarded=D("2024-09-01"), violation="d-10")
    data = result.to_dict()
    assert data["recipients"] == ["BKN", "gakkumdu"] and data["copies"] == ["PPK"]
    assert data["violation"] == "D-10" and len(data["reasons"]) == len(data["routes"])


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"subject": "TNI"}, LawError, "subjek tidak dikenal: 'TNI'"),
        ({"regime": "pilpres"}, LawError, "rezim tidak dikenal"),
        ({"forwarded": "2024-09-01"}, LawError, "harus berupa tanggal"),
        ({"violation": "Z-9"}, catalogue.UnknownViolation, "Z-9"),
    ],
)
def test_bad_input_is_rejected(kwargs, error, message):
    args = {"subject": "PNS", "regime": "pemilu", "forwarded": D("2024-09-01"), **kwargs}
    with pytest.raises(error, match=message):
        referral.refer(**args)


# --- Gakkumdu routes: the stated reasons, word for word (a changed reason changes the letter) ---------


def _route(result, party, role):
    (found,) = [r for r in result.routes if r.party == party and r.role == role]
    return found


def test_gakkumdu_recipient_when_the_terlapor_is_liable():
    result = referral.refer(subject="PNS", regime="pemilu", forwarded=D("2024-09-01"), violation="D-10")
    route = _route(result, "gakkumdu", "recipient")
    assert route.reason == (
        "UU 7/2017 Pasal 280 ayat (3) jo. Pasal 494 dapat diterapkan kepada terlapor (PNS): "
        "Pidana kurungan paling lama 1 tahun dan denda paling banyak Rp12.000.000."
    )
    assert [c.label() for c in route.citations] == ["UU 7/2017 Pasal 494 [S]"]


def test_gakkumdu_copy_when_only_the_campaign_team_is_liable():
    result = referral.refer(subject="PNS", regime="pemilu", forwarded=D("2024-09-01"), violation="D-4")
    route = _route(result, "gakkumdu", "copy")
    assert route.reason == (
        "UU 7/2017 Pasal 280 ayat (2) huruf f-j jo. Pasal 493 mengancam pidana pelaksana atau tim kampanye "
        "yang melibatkan terlapor; pertimbangkan penanganan terpisah melalui Sentra Gakkumdu: Pidana "
        "kurungan paling lama 1 tahun dan denda paling banyak Rp12.000.000 (terhadap pelaksana/tim "
        "kampanye; ancaman Pasal 493 belum diverifikasi)."
    )
    assert result.copies == ["PPK", "gakkumdu"] and "gakkumdu" not in result.recipients


def test_a_provision_without_a_criminal_threat_is_a_note_not_a_route():
    result = referral.refer(subject="PNS", regime="pemilu", forwarded=D("2024-09-01"), violation="D-8")
    notes = [r for r in result.routes if r.role == "note"]
    assert notes and notes[0].party == "catatan"
    assert notes[0].reason.startswith("UU 7/2017 Pasal 283 ayat (1)-(2): Tidak ditemukan pasal pidana")
    assert "gakkumdu" not in result.recipients + result.copies


def test_a_subject_outside_the_violation_gets_a_note_with_the_first_citation():
    result = referral.refer(subject="PPNPN", regime="pemilu", forwarded=D("2024-09-01"), violation="D-10")
    note = _route(result, "catatan", "note")
    assert note.reason == (
        "jenis D-10 dirumuskan untuk PNS, PPPK; bagi PPNPN sanksinya mengikuti dasar hukum subjek tersebut "
        "(perjanjian kerja atau UU Desa)"
    )
    assert len(note.citations) == 1
    assert [r.role for r in result.routes] == ["recipient", "note"]
    several = referral.refer(subject="PPNPN", regime="pemilu", forwarded=D("2024-09-01"), violation="D-1")
    assert len(catalogue.get("D-1").citations) > 1
    assert _route(several, "catatan", "note").citations == catalogue.get("D-1").citations[:1]


def test_no_violation_says_the_criminal_path_is_unchecked():
    result = referral.refer(subject="PPNPN", regime="pemilu", forwarded=D("2024-09-01"))
    assert result.routes[-1].to_dict() == {
        "party": "catatan",
        "role": "note",
        "reason": (
            "jenis pelanggaran tidak diberikan; kemungkinan jalur pidana (Sentra Gakkumdu) belum diperiksa"
        ),
        "citations": [],
    }
    assert result.violation is None


def test_perangkat_desa_goes_to_the_kepala_desa_citing_uu_desa():
    result = referral.refer(subject="perangkat_desa", regime="pemilihan", forwarded=D("2024-10-10"))
    assert (result.recipients, result.copies) == (["kepala_desa"], ["camat", "bupati_walikota"])
    route = _route(result, "kepala_desa", "recipient")
    assert [c.label() for c in route.citations] == ["UU 6/2014 Pasal 52 [1]", "UU 6/2014 Pasal 53 [1]"]
    assert result.reasons[0] == (
        "kepala_desa: Perangkat desa bukan ASN; sanksi administratif (teguran lisan/tertulis, pemberhentian "
        "sementara sampai pemberhentian) dijatuhkan oleh kepala desa setelah berkonsultasi dengan camat. "
        "(UU 6/2014 Pasal 52 [1]; UU 6/2014 Pasal 53 [1])"
    )
    assert result.reasons[-1] == (
        "catatan: jenis pelanggaran tidak diberikan; kemungkinan jalur pidana (Sentra Gakkumdu) "
        "belum diperiksa"
    )


def test_referral_dict_has_exactly_these_keys():
    result = referral.refer(subject="PNS", regime="pemilu", forwarded=D("2024-09-01"), violation="d-10")
    data = result.to_dict()
    assert set(data) == {
        "recipients",
        "copies",
        "reasons",
        "subject",
        "regime",
        "forwarded",
        "violation",
        "routes",
        "unverified",
    }
    assert (data["subject"], data["regime"], data["forwarded"], data["violation"]) == (
        "PNS",
        "pemilu",
        "2024-09-01",
        "D-10",
    )
    assert data["unverified"] is True  # the PPK copy rests on an [M] source
    assert set(data["routes"][0]) == {"party", "role", "reason", "citations"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"subject": "TNI"}, r"subjek tidak dikenal: 'TNI' \(pilih: PNS, PPPK, PPNPN, kepala_desa"),
        ({"regime": "pilkades"}, r"rezim tidak dikenal: 'pilkades' \(pilih: pemilu, pemilihan\)"),
        ({"forwarded": "2024-09-01"}, "tanggal penerusan harus berupa tanggal"),
    ],
)
def test_bad_referral_input_is_refused(kwargs, message):
    args = {"subject": "PNS", "regime": "pemilu", "forwarded": D("2024-09-01"), **kwargs}
    with pytest.raises(LawError, match=message):
        referral.refer(**args)


def test_a_referral_rule_applies_on_its_first_and_last_valid_day():
    assert referral.refer(subject="PNS", regime="pemilu", forwarded=D("2024-08-23")).recipients == ["KASN"]
    assert referral.refer(subject="PNS", regime="pemilu", forwarded=D("2024-08-24")).recipients == ["BKN"]
