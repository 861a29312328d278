"""Cleaning what a reporter or supervisor submitted into typed values, with per-field errors."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.accounts.scoping import region_within
from netra.cases.models import Election, SubjectType
from netra.names.nip import NIP_LENGTH, InvalidNip, clean_nip, parse_nip
from netra.registry.models import Agency, Region

NIK_LENGTH = 16
REPORTER_FIELDS = (
    "name",
    "address",
    "phone",
    "email",
    "nik",
    "birth_place",
    "birth_date",
    "gender",
    "occupation",
)
TERLAPOR_FIELDS = ("name", "nip", "agency", "agency_name", "position", "subject_type")


@dataclass
class ReportInput:
    election: Election | None
    region: Region | None
    description: str
    place: str = ""
    title: str = ""
    occurred_on: date | None = None
    known_on: date | None = None
    anonymous: bool = False
    reporter: dict = field(default_factory=dict)
    terlapor: list[dict] = field(default_factory=list)
    witnesses: list[dict] = field(default_factory=list)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _date(value, name: str, errors: dict) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        errors[name] = _("Tanggal tidak valid (format TTTT-BB-HH).")
        return None


def _lookup(model, value, errors: dict, name: str, message: str):
    if value in (None, ""):
        return None
    if isinstance(value, model):
        return value
    try:
        found = model.objects.filter(pk=value).first()
    except (TypeError, ValueError):  # e.g. "abc" for an integer key
        found = None
    if found is None:
        errors[name] = message
    return found


def _list_of_dicts(value) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(item, dict) for item in value)


def _prefixed(data, prefix: str, names) -> dict:
    values = {name: data.get(f"{prefix}_{name}") for name in names}
    return {name: value for name, value in values.items() if value not in (None, "")}


# Longest accepted value per field (the model's column size); longer input is an error, never cut.
REPORTER_LIMITS = {"name": 200, "phone": 40, "email": 254, "nik": 16, "birth_place": 100, "occupation": 100}
TERLAPOR_LIMITS = {"name": 200, "agency_name": 200, "position": 200}
WITNESS_LIMITS = {"name": 200, "phone": 40}


def _check_lengths(item: dict, limits: dict, prefix: str, errors: dict) -> None:
    for key, limit in limits.items():
        if len(str(item.get(key) or "")) > limit:
            errors[f"{prefix}{key}"] = _("Terlalu panjang (paling banyak %(n)s karakter).") % {"n": limit}


def _reporter_formats(item: dict, errors: dict) -> None:
    if item.get("email"):
        try:
            validate_email(item["email"])
        except ValidationError:
            errors["reporter_email"] = _("Alamat email tidak valid.")
    if item.get("nik") and not (item["nik"].isdigit() and len(item["nik"]) == NIK_LENGTH):
        errors["reporter_nik"] = _("NIK harus 16 angka.")
    if item.get("gender") and item["gender"] not in ("L", "P"):
        errors["reporter_gender"] = _("Jenis kelamin: L atau P.")
    if "birth_date" in item:
        item["birth_date"] = _date(item["birth_date"], "reporter_birth_date", errors)


def _reporter(data, errors: dict) -> dict:
    raw = data.get("reporter") or _prefixed(data, "reporter", REPORTER_FIELDS)
    if not isinstance(raw, dict):
        errors["reporter"] = _("Data pelapor tidak valid.")
        return {}
    item = {key: raw[key] for key in REPORTER_FIELDS if raw.get(key) not in (None, "")}
    item = {key: value if key == "birth_date" else _text(value) for key, value in item.items()}
    _check_lengths(item, REPORTER_LIMITS, "reporter_", errors)
    _reporter_formats(item, errors)
    return item


def _checked_nip(digits: str, subject_type: str) -> str:
    if subject_type in (SubjectType.PNS, SubjectType.PPPK):
        return parse_nip(digits, pppk=subject_type == SubjectType.PPPK).nip
    return digits


def _terlapor_one(raw: dict, index: int, errors: dict) -> dict:
    item = {key: raw.get(key) for key in TERLAPOR_FIELDS if raw.get(key) not in (None, "")}
    item["name"] = _text(item.get("name"))
    item["subject_type"] = _text(item.get("subject_type")) or SubjectType.LAINNYA
    if item["subject_type"] not in SubjectType.values:
        errors[f"terlapor.{index}.subject_type"] = _("Status kepegawaian tidak dikenal.")
    if item.get("nip"):
        try:  # the layout is checked for PNS and PPPK; other staff numbers must at least be digits
            nip = clean_nip(str(item["nip"]))
            item["nip"] = _checked_nip(nip, item["subject_type"])
            if len(item["nip"]) > NIP_LENGTH:
                raise InvalidNip(_("paling banyak 18 angka"))
        except InvalidNip as exc:
            errors[f"terlapor.{index}.nip"] = _("NIP tidak valid: %(why)s") % {"why": exc}
    _check_lengths(item, TERLAPOR_LIMITS, f"terlapor.{index}.", errors)
    item["agency"] = _lookup(
        Agency, item.get("agency"), errors, f"terlapor.{index}.agency", _("Instansi tidak ditemukan.")
    )
    return item


def _terlapor(data, errors: dict) -> list[dict]:
    raw = data.get("terlapor")
    if raw is None:
        flat = _prefixed(data, "terlapor", TERLAPOR_FIELDS)
        raw = [flat] if flat else []
    if not _list_of_dicts(raw):
        errors["terlapor"] = _("Data terlapor harus berupa daftar.")
        return []
    items = [_terlapor_one(dict(item), i, errors) for i, item in enumerate(raw)]
    return [item for item in items if item["name"] or item.get("nip") or item.get("position")]


def _witnesses(data, errors: dict) -> list[dict]:
    found, raw_items = [], data.get("witnesses") or []
    if not _list_of_dicts(raw_items):
        errors["witnesses"] = _("Data saksi harus berupa daftar.")
        return []
    for raw in raw_items:
        item = {key: _text(raw.get(key)) for key in ("name", "address", "phone")}
        _check_lengths(item, WITNESS_LIMITS, f"witnesses.{len(found)}.", errors)
        if item["name"]:
            found.append(item)
    return found


def _check_dates(report: ReportInput, errors: dict) -> None:
    today = timezone.localdate()
    if report.occurred_on and report.occurred_on > today:
        errors["occurred_on"] = _("Tanggal kejadian tidak boleh di masa depan.")
    if report.known_on and report.known_on > today:
        errors["known_on"] = _("Tanggal diketahui tidak boleh di masa depan.")
    if report.occurred_on and report.known_on and report.known_on < report.occurred_on:
        errors["known_on"] = _("Tanggal diketahui tidak boleh sebelum tanggal kejadian.")


def _check_election(report: ReportInput, errors: dict) -> None:
    election, region = report.election, report.region
    if election is None:
        errors.setdefault("election", _("Pilih pemilihan (Pemilu atau Pilkada) yang bersangkutan."))
    elif (
        region is not None
        and election.region_id
        and not region_within(region.code, election.region_id)
    ):
        errors["region"] = _("Wilayah kejadian berada di luar wilayah pemilihan yang dipilih.")


def report_input_parse(data) -> tuple[ReportInput, dict]:
    """Typed report values and a dict of field errors (Indonesian messages), without raising."""
    errors: dict = {}
    report = ReportInput(
        election=_lookup(Election, data.get("election"), errors, "election", _("Pemilihan tidak ditemukan.")),
        region=_lookup(Region, data.get("region"), errors, "region", _("Wilayah tidak ditemukan.")),
        description=_text(data.get("description")),
        place=_text(data.get("place")),
        title=_text(data.get("title")),
        occurred_on=_date(data.get("occurred_on"), "occurred_on", errors),
        known_on=_date(data.get("known_on"), "known_on", errors),
        anonymous=bool(data.get("anonymous")),
        reporter=_reporter(data, errors),
        terlapor=_terlapor(data, errors),
        witnesses=_witnesses(data, errors),
    )
    _check_lengths({"place": report.place, "title": report.title}, {"place": 300, "title": 200}, "", errors)
    if not report.description:
        errors["description"] = _("Uraian kejadian wajib diisi.")
    if report.region is None:
        errors.setdefault("region", _("Wilayah kejadian wajib dipilih."))
    _check_election(report, errors)
    _check_dates(report, errors)
    if report.anonymous:
        report.reporter = {}
    return report, errors


def report_input_clean(data) -> ReportInput:
    """Typed report values; ValidationError maps field names to Indonesian messages."""
    report, errors = report_input_parse(data)
    if errors:
        raise ValidationError(errors)
    return report
