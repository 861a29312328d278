"""Demo prevention records: the events and pledges of the seed articles, marked as demo data.

* Bawaslu Provinsi Sumatera Barat's "Sosialisasi Produk Hukum terkait Pedoman Pembinaan dan
  Pengawasan Netralitas ASN" in Bukittinggi, 14 June 2024, attended by the Bawaslu kabupaten/kota
  of the province, BKD/BKPSDM and camat (Bawaslu Kota Pariaman's report).
* BKD Provinsi Kepulauan Riau's "Sosialisasi Netralitas ASN Bagi Seluruh Pegawai ASN" with
  Bawaslu Kepri as speaker, closed by the reading of an ikrar netralitas (Bawaslu Kepri's report,
  2024; the report gives no day, so the demo's date is an assumption, said so on the record).
* Pemkab Bandung's "Deklarasi dan Penandatanganan Netralitas ASN" for Pilkada 2024, Gedung Moch.
  Toha, Soreang, 30 September 2024 (Humas Pemkab Bandung).

The sources give no attendance or signatory lists, and the roster is synthetic: the lists here are
invented from the synthetic roster (about four in five of the agency's staff), so the coverage pages
have something plausible to show. The pledge texts are Netra's templates, not the texts read there.
Everything is written through the services, by the demo officers, with ``is_demo`` set.
"""

import csv
import tempfile
from datetime import date
from pathlib import Path

from django.db import transaction

from netra.accounts.models import Office, Role, User
from netra.cases.models import Election
from netra.prevention.models import Event, Pledge, PledgeTemplate
from netra.prevention.services import (
    attendance_import,
    event_create,
    pledge_create,
    pledge_templates_ensure,
    signatories_import,
)
from netra.registry.models import Agency, Pegawai, Region

ELECTION = "Pilkada Serentak 2024"
DEMO_NOTE = "Data demo berdasarkan pemberitaan; daftar hadir dan penanda tangan dibuat dari roster sintetis."


def _government(code: str) -> Agency | None:
    return Agency.objects.filter(
        region_id=code, parent__isnull=True, kind__in=["pemprov", "pemkab", "pemkot"]
    ).first()


def _officer(username: str, kind: str, code: str) -> User:
    """A demo officer of a supervisory office (made for Sumatera Barat: the case demo has none)."""
    found = User.objects.filter(username=username).first()
    if found is not None:
        return found
    from netra.accounts.services import user_create
    from netra.cases.demo import DEMO_PASSWORD

    office = Office.objects.get(kind=kind, region_id=code)
    return user_create(
        username=username,
        password=DEMO_PASSWORD,
        office=office,
        role=Role.PIMPINAN,
        full_name=f"Pimpinan {office.name} (demo)",
        actor="demo",
    )


def _list_file(folder: Path, people, keep) -> Path:
    """A signatory/attendance CSV of the roster people ``keep`` selects, as an office would type it."""
    path = folder / "daftar.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["nama", "nip", "instansi", "jabatan"])
        for number, person in enumerate(people):
            if keep(number):
                writer.writerow([person.full_name, person.nip or "", person.agency.name, person.position])
    return path


def _staff(agency: Agency | None) -> list[Pegawai]:
    if agency is None:
        return []
    return list(Pegawai.objects.filter(agency=agency).select_related("agency").order_by("pk"))


def _four_in_five(number: int) -> bool:
    return number % 5 != 4


def _template(kind: str) -> PledgeTemplate | None:
    return PledgeTemplate.objects.filter(kind=kind).order_by("-version").first()


def _bukittinggi(election: Election) -> None:
    user = _officer("sumbar.pimpinan", Office.Kind.BAWASLU_PROVINSI, "13")
    audience = [a for a in (_government(code) for code in ("13.75", "13.74", "13.06", "13.76", "13.07")) if a]
    event_create(
        user=user,
        data={
            "kind": Event.Kind.SOSIALISASI,
            "title": "Sosialisasi Produk Hukum terkait Pedoman Pembinaan dan Pengawasan Netralitas ASN "
            "dalam Penyelenggaraan Pemilu dan Pemilihan",
            "organiser_kind": Event.OrganiserKind.BAWASLU,
            "organiser_name": "Bawaslu Provinsi Sumatera Barat",
            "participation": Event.Participation.ORGANISED,
            "held_on": date(2024, 6, 14),
            "place": "Balcone Hotel & Resort Bukittinggi",
            "region": Region.objects.get(pk="13.75"),
            "election": election,
            "speakers": "Pimpinan Bawaslu Provinsi Sumatera Barat",
            "description": "Peserta: Bawaslu kabupaten/kota se-Sumatera Barat, BKD, BKPSDM, dan camat "
            "Bukittinggi, Padang Panjang, Agam, Payakumbuh, Lima Puluh Kota. " + DEMO_NOTE,
            "target_groups": ["ASN"],
        },
        audience=audience,
        is_demo=True,
    )


def _kepri(election: Election, folder: Path) -> None:
    user = User.objects.get(username="kepri.pimpinan")
    pemprov = _government("21")
    event = event_create(
        user=user,
        data={
            "kind": Event.Kind.SOSIALISASI,
            "title": "Sosialisasi Netralitas ASN Bagi Seluruh Pegawai ASN di Lingkungan "
            "Provinsi Kepulauan Riau",
            "organiser_kind": Event.OrganiserKind.BKD,
            "organiser_name": "Badan Kepegawaian Daerah Provinsi Kepulauan Riau",
            "organiser_agency": pemprov,
            "participation": Event.Participation.ATTENDED,
            "held_on": date(2024, 10, 1),
            "place": "Tanjungpinang",
            "region": Region.objects.get(pk="21"),
            "election": election,
            "speakers": "Koordinator Divisi Hukum dan Penyelesaian Sengketa Bawaslu Provinsi Kepulauan Riau",
            "description": 'Tema "ASN Kepri Netral, Birokrasi Andal", ditutup pembacaan ikrar netralitas. '
            "Sumber tidak menyebut tanggal: tanggal di sini perkiraan demo. " + DEMO_NOTE,
            "target_groups": ["ASN", "PPPK", "PPNPN"],
        },
        audience=[pemprov] if pemprov else [],
        is_demo=True,
    )
    staff = _staff(pemprov)
    if staff:
        attendance_import(user=user, event=event, path=_list_file(folder, staff, _four_in_five))
    if pemprov is None:
        return
    template = _template(Pledge.Kind.IKRAR)
    pledge_create(
        user=user,
        data={
            "kind": Pledge.Kind.IKRAR,
            "title": "Ikrar Netralitas ASN Pemerintah Provinsi Kepulauan Riau pada Pilkada 2024",
            "agency": pemprov,
            "election": election,
            "made_on": event.held_on,
            "place": "Tanjungpinang",
            "region": event.region,
            "method": Pledge.Method.READ_ALOUD,
            "template": template,
            "event": event,
        },
        is_demo=True,
    )


def _bandung(election: Election, folder: Path) -> None:
    user = User.objects.get(username="bandung.pimpinan")
    pemkab = _government("32.04")
    if pemkab is None:
        return
    pledge = pledge_create(
        user=user,
        data={
            "kind": Pledge.Kind.DEKLARASI,
            "title": "Deklarasi dan Penandatanganan Netralitas ASN pada Pilkada Serentak 2024",
            "agency": pemkab,
            "election": election,
            "made_on": date(2024, 9, 30),
            "place": "Gedung Moch. Toha, Komplek Pemkab Bandung, Soreang",
            "region": Region.objects.get(pk="32.04"),
            "method": Pledge.Method.SIGNED_ALL,
            "template": _template(Pledge.Kind.DEKLARASI),
        },
        is_demo=True,
    )
    staff = _staff(pemkab)
    if staff:
        signatories_import(user=user, pledge=pledge, path=_list_file(folder, staff, _four_in_five))


def prevention_demo_load(*, log=print) -> list[str]:
    """The seed events and pledges, once; notes for the demo's summary."""
    pledge_templates_ensure()
    if Event.objects.filter(is_demo=True).exists():
        return []
    election = Election.objects.filter(name=ELECTION).first()
    if election is None:
        return ["Data pencegahan demo tidak dimuat: pemilihan demo belum ada."]
    log("Membuat kegiatan dan ikrar demo (pencegahan)…")
    with tempfile.TemporaryDirectory() as folder, transaction.atomic():
        _bukittinggi(election)
        _kepri(election, Path(folder))
        _bandung(election, Path(folder))
    return [
        "Pencegahan: 2 sosialisasi dan 2 ikrar demo (Bukittinggi, Kepulauan Riau, Kabupaten Bandung); "
        "daftar peserta dan penanda tangan dibuat dari roster sintetis. Lihat /pencegahan/ dan "
        "`netra coverage --region 32.04 --json`."
    ]
