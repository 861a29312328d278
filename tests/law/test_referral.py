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
