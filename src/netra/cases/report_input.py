"""Cleaning what a reporter or supervisor submitted into typed values, with per-field errors.

This is the ONE validation of a report's values: the public form, the API and the case importer all
go through ``report_input_parse``, so none of them accepts what another refuses (NIP and NI PPPK
layout, dates, control and bidi characters, lengths, region level, election). The form and the API
may ask for more (required fields), never for less.
"""

import dataclasses
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.accounts.scoping import region_within
from netra.cases.models import Election, SubjectType
from netra.core.inputs import DB_INT_MAX, text_problem
from netra.core.memo import RowMemo
from netra.law import regioncode
from netra.names.nip import NIP_LENGTH, InvalidNip, clean_nip, parse_nip
from netra.registry.models import Agency, Region

NIK_LENGTH = 16
_REGIONS = RowMemo(Region)  # reference data, looked up for every public report
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
    received_on: date | None = None  # the importer's historical receipt date; None = received today
    confirm_period: bool = False  # the reporter confirmed an incident date outside the election period


@dataclass(frozen=True)
class ParsedReport:
    """A public report parsed once (``services.intake_parse``): its check and its submission use it."""

    report: ReportInput
    errors: dict


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


def _past_bigint(value) -> bool:
    try:
        number = int(str(value).strip())
    except ValueError:
        return False
    return abs(number) > DB_INT_MAX


def _lookup(model, value, errors: dict, name: str, message: str):
    if value in (None, ""):
        return None
    if isinstance(value, model):
        return value
    if isinstance(value, str) and text_problem(value):  # PostgreSQL cannot even look up a NUL
        errors[name] = message
        return None
    if _past_bigint(value):  # nor compare a key past its bigint (a 500 on both engines)
        errors[name] = message
        return None
    try:
        if model is Region:
            key = str(value)
            found = _REGIONS.get(key, lambda: Region.objects.filter(pk=key).first())
        else:
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


# Longest accepted value per field (the model's column size, or a sane bound for text columns);
# longer input is an error, never cut. The form's max_length attributes come from these too.
DESCRIPTION_MAX = 10_000
ADDRESS_MAX = 500
EVENT_LIMITS = {"title": 200, "place": 300, "description": DESCRIPTION_MAX}
REPORTER_LIMITS = {
    "name": 200,
    "address": ADDRESS_MAX,
    "phone": 40,
    "email": 254,
    "nik": 16,
    "birth_place": 100,
    "occupation": 100,
}
TERLAPOR_LIMITS = {"name": 200, "nip": 30, "agency_name": 200, "position": 200}
WITNESS_LIMITS = {"name": 200, "address": 300, "phone": 40}
MULTILINE = frozenset({"description", "address"})


def _check_texts(item: dict, limits: dict, prefix: str, errors: dict) -> None:
    """Length, control and bidi characters of every limited text field of ``item``."""
    for key, limit in limits.items():
        value = item.get(key)
        if not isinstance(value, str):
            continue
        if len(value) > limit:
            errors[f"{prefix}{key}"] = _("Terlalu panjang (paling banyak %(n)s karakter).") % {"n": limit}
        elif problem := text_problem(value, multiline=key in MULTILINE):
            errors[f"{prefix}{key}"] = problem


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
    _check_texts(item, REPORTER_LIMITS, "reporter_", errors)
    _reporter_formats(item, errors)
    return item


# Staff outside the ASN (honorer, village officials) may carry a local staff number instead of a NIP.
NON_ASN = frozenset({SubjectType.PPNPN, SubjectType.KEPALA_DESA, SubjectType.PERANGKAT_DESA})


def _nip_any_layout(digits: str) -> str:
    """An unknown status: the number must still be a real NIP or NI PPPK (only ASN have one)."""
    try:
        return parse_nip(digits).nip
    except InvalidNip:
        return parse_nip(digits, pppk=True).nip


def nip_check(raw: str, subject_type: str) -> str:
    """The cleaned NIP for a terlapor of ``subject_type``, "" when none was given; InvalidNip if not.

    PNS and PPPK numbers must have their real layout (birth date, TMT or appointment year, gender,
    serial: ``netra.names.nip``); a terlapor of unknown status ("lainnya") must carry either layout;
    the local staff numbers of PPNPN and village officials must be digits, at most 18.
    """
    if not str(raw or "").strip():
        return ""
    digits = clean_nip(str(raw))
    if subject_type in (SubjectType.PNS, SubjectType.PPPK):
        return parse_nip(digits, pppk=subject_type == SubjectType.PPPK).nip
    if subject_type in NON_ASN:
        if len(digits) > NIP_LENGTH:
            raise InvalidNip(_("paling banyak %(n)s angka") % {"n": NIP_LENGTH})
        return digits
    return _nip_any_layout(digits)


def _terlapor_one(raw: dict, index: int, errors: dict) -> dict:
    item = {key: raw.get(key) for key in TERLAPOR_FIELDS if raw.get(key) not in (None, "")}
    for key in ("name", "nip", "agency_name", "position"):
        if key in item or key == "name":
            item[key] = _text(item.get(key))
    item["subject_type"] = _text(item.get("subject_type")) or SubjectType.LAINNYA
    if item["subject_type"] not in SubjectType.values:
        errors[f"terlapor.{index}.subject_type"] = _("Status kepegawaian tidak dikenal.")
    _check_texts(item, TERLAPOR_LIMITS, f"terlapor.{index}.", errors)
    if item.get("nip") and f"terlapor.{index}.nip" not in errors:
        try:
            item["nip"] = nip_check(str(item["nip"]), str(item["subject_type"]))
        except InvalidNip as exc:
            errors[f"terlapor.{index}.nip"] = _("NIP tidak valid: %(detail)s. Kosongkan jika tidak tahu.") % {
                "detail": exc
            }
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
    for index, raw in enumerate(raw_items):
        item = {key: _text(raw.get(key)) for key in ("name", "address", "phone")}
        _check_texts(item, WITNESS_LIMITS, f"witnesses.{index}.", errors)
        if item["name"]:
            found.append(item)
        elif item["address"] or item["phone"]:  # never drop what was typed without saying so
            errors[f"witnesses.{index}.name"] = _("Tuliskan nama saksi, atau kosongkan seluruh baris ini.")
    return found


def with_witnesses(parsed: tuple[ReportInput, dict], rows) -> ParsedReport:
    """A parse made without the witnesses (the web form's, whose witness rows are a formset) with the
    witness rows added, checked as ``report_input_parse`` checks them."""
    report, errors = parsed
    witness_errors: dict = {}
    found = _witnesses({"witnesses": list(rows)}, witness_errors)
    return ParsedReport(dataclasses.replace(report, witnesses=found), {**errors, **witness_errors})


def _check_dates(report: ReportInput, errors: dict) -> None:
    """occurred <= known <= received <= today, each where given."""
    today = timezone.localdate()
    received = report.received_on or today
    if report.received_on and report.received_on > today:
        errors["received_on"] = _("Tanggal diterima tidak boleh di masa depan.")
    if report.occurred_on and report.occurred_on > today:
        errors["occurred_on"] = _("Tanggal kejadian tidak boleh di masa depan.")
    elif report.occurred_on and report.occurred_on > received:
        errors["occurred_on"] = _("Tanggal kejadian tidak boleh setelah tanggal diterima.")
    if report.known_on and report.known_on > today:
        errors["known_on"] = _("Tanggal diketahui tidak boleh di masa depan.")
    elif report.known_on and report.known_on > received:
        errors["known_on"] = _("Tanggal diketahui tidak boleh setelah tanggal diterima.")
    elif report.occurred_on and report.known_on and report.known_on < report.occurred_on:
        errors["known_on"] = _("Tanggal diketahui tidak boleh sebelum tanggal kejadian.")


# The supervision period of an election, for the plausibility warning on the incident date (not a
# legal deadline: ASN neutrality binds at all times). It opens 12 months before voting day, or earlier
# when the election's penetapan calon minus 6 months (UU 10/2016 Pasal 71(3)) or its campaign start
# is earlier, and closes 60 days after voting day (covering recapitulation: to 20 Mar for Pemilu 2024,
# to 16 Dec for Pilkada 2024). docs/api.md and docs/workflow.md explain it.
PERIOD_MONTHS_BEFORE_VOTING = 12
PERIOD_MONTHS_BEFORE_PENETAPAN = 6
PERIOD_DAYS_AFTER_VOTING = 60


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    for last in (day.day, 30, 29, 28):  # 31 March minus one month is 28/29 February
        try:
            return date(year, month + 1, last)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def supervision_period(election: Election) -> tuple[date, date]:
    """(first, last) day of ``election``'s supervision period, from its own dates."""
    starts = [_months_before(election.voting_day, PERIOD_MONTHS_BEFORE_VOTING)]
    if election.penetapan_calon:
        starts.append(_months_before(election.penetapan_calon, PERIOD_MONTHS_BEFORE_PENETAPAN))
    if election.campaign_start:
        starts.append(election.campaign_start)
    return min(starts), election.voting_day + timedelta(days=PERIOD_DAYS_AFTER_VOTING)


def period_warning(election: Election | None, occurred_on: date | None) -> str:
    """A warning when the incident date lies outside the election's supervision period, else ""."""
    if election is None or occurred_on is None:
        return ""
    first, last = supervision_period(election)
    if first <= occurred_on <= last:
        return ""
    return _(
        "Tanggal kejadian %(day)s berada di luar masa pengawasan %(election)s (%(first)s s.d. %(last)s). "
        "Periksa tanggal kejadian dan pemilihan yang dipilih; jika keduanya benar, konfirmasikan."
    ) % {
        "day": occurred_on.isoformat(),
        "election": election.name,
        "first": first.isoformat(),
        "last": last.isoformat(),
    }


def _check_period(report: ReportInput, errors: dict) -> None:
    if report.confirm_period or "occurred_on" in errors:
        return
    if warning := period_warning(report.election, report.occurred_on):
        errors["confirm_period"] = warning


def _check_election(report: ReportInput, errors: dict) -> None:
    election, region = report.election, report.region
    if election is None:
        errors.setdefault("election", _("Pilih pemilihan (Pemilu atau Pilkada) yang bersangkutan."))
    elif region is not None and not election_covers(election, region.code):
        errors["region"] = _("Wilayah kejadian berada di luar wilayah pemilihan yang dipilih.")


def election_covers(election: Election, region_code: str) -> bool:
    """Whether the election is held in the region (national elections cover every region)."""
    return region_within(region_code, election.region_id or "")


def elections_for_region(elections, region_code: str) -> list[Election]:
    """The elections (e.g. the active ones) held in ``region_code``; all of them when it is empty."""
    return [e for e in elections if not region_code or election_covers(e, region_code)]


def _check_region(report: ReportInput, errors: dict, *, public: bool) -> None:
    if report.region is None:
        errors.setdefault("region", _("Wilayah kejadian wajib dipilih."))
    elif public and regioncode.level(report.region.code) < regioncode.KABUPATEN_KOTA:  # to a kab/kota office
        errors["region"] = _("Pilih wilayah sampai kabupaten/kota.")


def _flag(value) -> bool:
    """A checkbox or JSON boolean: "on", "true", "1", True."""
    return value is True or str(value or "").strip().lower() in ("on", "true", "1", "ya")


def report_input_parse(data, *, public: bool = False) -> tuple[ReportInput, dict]:
    """Typed report values and a dict of field errors (Indonesian messages), without raising.

    ``public``: a citizen's report (web form or API), which must name an election still taking reports
    and a region down to kabupaten/kota; supervisors' temuan and imported records may name a closed
    election or a whole province.
    """
    errors: dict = {}
    report = ReportInput(
        election=_lookup(Election, data.get("election"), errors, "election", _("Pemilihan tidak ditemukan.")),
        region=_lookup(Region, data.get("region"), errors, "region", _("Wilayah tidak ditemukan.")),
        description=_text(data.get("description")),
        place=_text(data.get("place")),
        title=_text(data.get("title")),
        occurred_on=_date(data.get("occurred_on"), "occurred_on", errors),
        known_on=_date(data.get("known_on"), "known_on", errors),
        anonymous=_flag(data.get("anonymous")),
        reporter=_reporter(data, errors),
        terlapor=_terlapor(data, errors),
        witnesses=_witnesses(data, errors),
        received_on=_date(data.get("received_on"), "received_on", errors),
        confirm_period=_flag(data.get("confirm_period")),
    )
    event = {"title": report.title, "place": report.place, "description": report.description}
    _check_texts(event, EVENT_LIMITS, "", errors)
    if not report.description:
        errors["description"] = _("Uraian kejadian wajib diisi.")
    _check_region(report, errors, public=public)
    _check_election(report, errors)
    if public and report.election is not None and not report.election.is_active:
        errors["election"] = _("Pemilihan ini tidak lagi menerima laporan.")
    _check_dates(report, errors)
    _check_period(report, errors)
    if report.anonymous:
        report.reporter = {}
    return report, errors


def report_input_clean(data, *, public: bool = False) -> ReportInput:
    """Typed report values; ValidationError maps field names to Indonesian messages."""
    report, errors = report_input_parse(data, public=public)
    if errors:
        raise ValidationError(errors)
    return report
