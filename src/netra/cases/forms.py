"""Web forms: parse and check what people type; the services decide what it means.

Every form keeps what the user typed when it is invalid (Django re-renders bound data); file inputs
cannot be refilled by a browser, and the templates say so.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netra.cases.models import (
    Attendance,
    Decision,
    Kajian,
    Kind,
    NonRegistrationReason,
    Party,
    Status,
    SubjectType,
)
from netra.cases.report_input import (
    EVENT_LIMITS,
    REPORTER_LIMITS,
    TERLAPOR_LIMITS,
    WITNESS_LIMITS,
    ParsedReport,
    elections_for_region,
    report_input_parse,
    with_witnesses,
)
from netra.catalogue.labels import INDICATORS
from netra.law import regioncode

MAX_LINKS = 20


def _choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """A choice field of ``form`` by name (``form.fields`` is typed as plain fields)."""
    return cast(forms.ChoiceField, form.fields[name])


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type=file multiple>; each is checked by the evidence service."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def _not_in_future(value: dt.date | None) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("Tanggal tidak boleh setelah hari ini."))


# The intake service's error keys that are named differently in the report and temuan forms.
SERVICE_FIELD_MAP = {
    "terlapor.0.nip": "terlapor_nip",
    "terlapor.0.subject_type": "terlapor_subject_type",
    "terlapor.0.name": "terlapor_name",
    "terlapor.0.agency_name": "terlapor_agency_name",
    "terlapor.0.agency": "terlapor_agency",
    "terlapor.0.position": "terlapor_position",
    "observed_at": "observed_at",
}


def shared_errors_onto(form, data: dict, field_map: dict, *, public: bool = False) -> tuple:
    """Run the intake's one validation (``report_input_parse``) over what the form cleaned and put its
    errors on the form's fields; a field that already failed keeps its own message. Returns the
    parse, ``(ReportInput, errors)``, so the submission need not parse again."""
    report, errors = report_input_parse(data, public=public)
    for key, message in errors.items():
        name = field_map.get(key, key)
        if name not in form.fields:
            form.add_error(None, message)
        elif name not in form.errors:
            form.add_error(name, message)
    return report, errors


def parse_links(text: str) -> list[str]:
    """One http(s) link per line; every bad line is named in the error so nothing is dropped silently."""
    links = [line.strip() for line in text.splitlines() if line.strip()]
    if len(links) > MAX_LINKS:
        raise ValidationError(_("Paling banyak %(max)s tautan."), params={"max": MAX_LINKS})
    validate = URLValidator(schemes=["http", "https"])
    bad = []
    for number, link in enumerate(links, start=1):
        try:
            validate(link)
        except ValidationError:
            bad.append(f"{number}: {link[:80]}")
    if bad:
        raise ValidationError(
            _("Tautan berikut bukan alamat http(s) yang benar (baris %(lines)s)."),
            params={"lines": "; ".join(bad)},
        )
    return links


def election_label(election) -> str:
    """The election with where it is held, so a reporter can tell the elections of a region apart."""
    scope = election.region.name if election.region_id else _("nasional")
    return f"{election.name} ({scope})"


class ReporterMixin(forms.Form):
    """The pelapor: name and address are the formal requirement for a laporan."""

    reporter_name = forms.CharField(
        label=_("Nama lengkap"), max_length=REPORTER_LIMITS["name"], required=False
    )
    reporter_address = forms.CharField(
        label=_("Alamat"),
        required=False,
        max_length=REPORTER_LIMITS["address"],
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reporter_phone = forms.CharField(
        label=_("Nomor telepon/HP"), max_length=REPORTER_LIMITS["phone"], required=False
    )
    reporter_email = forms.EmailField(label=_("Email"), required=False)
    reporter_nik = forms.RegexField(
        label=_("NIK"),
        regex=r"^\d{16}$",
        required=False,
        error_messages={"invalid": _("NIK terdiri atas 16 angka.")},
        help_text=_("Tidak wajib; membantu pengawas memastikan identitas pelapor."),
    )
    reporter_occupation = forms.CharField(
        label=_("Pekerjaan"), max_length=REPORTER_LIMITS["occupation"], required=False
    )


class TerlaporMixin(forms.Form):
    terlapor_name = forms.CharField(label=_("Nama terlapor"), max_length=TERLAPOR_LIMITS["name"])
    terlapor_nip = forms.CharField(
        label=_("NIP"),
        max_length=TERLAPOR_LIMITS["nip"],
        required=False,
        help_text=_("18 angka, jika Anda tahu."),
    )
    terlapor_agency_name = forms.CharField(
        label=_("Instansi"),
        max_length=TERLAPOR_LIMITS["agency_name"],
        required=False,
        help_text=_("Misalnya: Dinas Pendidikan Kabupaten Bandung."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "aria-controls": "agency-options"}),
    )
    # The registry id chosen in the agency picker (radio buttons under the name); optional, the typed
    # name is kept either way. Whether the id exists is checked by the intake service.
    terlapor_agency = forms.IntegerField(
        label=_("Instansi dalam daftar"),
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("Instansi tidak ditemukan."),
            "min_value": _("Instansi tidak ditemukan."),
        },
    )
    terlapor_position = forms.CharField(
        label=_("Jabatan"), max_length=TERLAPOR_LIMITS["position"], required=False
    )
    terlapor_subject_type = forms.ChoiceField(
        label=_("Status kepegawaian"), choices=SubjectType.choices, initial=SubjectType.PNS
    )


class EventMixin(forms.Form):
    """What happened, when and where, in which election."""

    election = forms.TypedChoiceField(
        label=_("Pemilu/Pemilihan"),
        coerce=int,
        empty_value=None,
        error_messages={
            "required": _("Pilih Pemilu atau Pemilihan tempat kejadian ini terjadi."),
            "invalid_choice": _("Pemilihan itu tidak tersedia. Pilih Pemilu atau Pemilihan dari daftar."),
        },
    )
    title = forms.CharField(
        label=_("Ringkasan singkat"),
        max_length=EVENT_LIMITS["title"],
        help_text=_("Satu kalimat, misalnya: Camat ikut kampanye pasangan calon."),
    )
    description = forms.CharField(
        label=_("Uraian kejadian"),
        max_length=EVENT_LIMITS["description"],
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ceritakan urutan kejadian: siapa berbuat apa, di mana, dan bagaimana Anda tahu."),
    )
    occurred_on = forms.DateField(label=_("Tanggal kejadian"), widget=DateInput())
    place = forms.CharField(
        label=_("Tempat kejadian"),
        max_length=EVENT_LIMITS["place"],
        help_text=_("Alamat, nama gedung atau akun media sosial."),
    )
    region = forms.CharField(label=_("Wilayah kejadian"), max_length=13)
    # Shown once the incident date lies outside the chosen election's supervision period.
    confirm_period = forms.BooleanField(
        label=_("Tanggal kejadian dan pemilihan yang dipilih sudah benar"),
        required=False,
    )
    service_field_map = SERVICE_FIELD_MAP  # intake error keys -> this form's fields
    public = False  # the citizen's form: open elections only, region down to kabupaten/kota

    def __init__(self, *args, elections=(), **kwargs):
        super().__init__(*args, **kwargs)
        region = (self.data.get("region") or "") if self.is_bound else ""
        offered = elections_for_region(elections, region)
        self.offered_elections = {e.pk: e for e in offered}  # the chosen one is not read again
        self.parsed = None  # (ReportInput, errors) of the intake validation, once the form is cleaned
        choices = [(e.pk, election_label(e)) for e in offered]
        _choice_field(self, "election").choices = [("", _("— pilih —")), *choices]
        self.fields["region"].error_messages["required"] = _("Pilih wilayah kejadian.")

    def service_data(self) -> dict:
        """What the intake service takes from this form (without reporter and witnesses)."""
        data = self.cleaned_data
        terlapor = {
            "name": data.get("terlapor_name", ""),
            "nip": data.get("terlapor_nip", ""),
            "agency": data.get("terlapor_agency"),
            "agency_name": data.get("terlapor_agency_name", ""),
            "position": data.get("terlapor_position", ""),
            "subject_type": data.get("terlapor_subject_type", ""),
        }
        return {
            "election": self.offered_elections.get(data.get("election") or 0, data.get("election")),
            "region": data.get("region"),
            "title": data.get("title", ""),
            "description": data.get("description", ""),
            "place": data.get("place", ""),
            "occurred_on": data.get("occurred_on"),
            "known_on": data.get("known_on"),
            "confirm_period": data.get("confirm_period", False),
            "terlapor": [terlapor],
        }

    @property
    def needs_period_confirmation(self) -> bool:
        return self.is_bound and "confirm_period" in self.errors

    def clean(self):
        data = super().clean() or {}
        self.parsed = shared_errors_onto(
            self, self.service_data(), self.service_field_map, public=self.public
        )
        return data


class ReportForm(ReporterMixin, TerlaporMixin, EventMixin):
    """The public report form (Formulir Model B.1 fields), with or without the reporter's identity."""

    public = True

    ANONYMOUS = "anonim"
    NAMED = "identitas"
    identity = forms.ChoiceField(
        label=_("Identitas pelapor"),
        widget=forms.RadioSelect,
        choices=[(NAMED, _("Saya mencantumkan identitas")), (ANONYMOUS, _("Saya melapor tanpa identitas"))],
        initial=NAMED,
    )
    known_on = forms.DateField(
        label=_("Tanggal Anda mengetahui kejadian"),
        widget=DateInput(),
        help_text=_("Batas waktu pelaporan dihitung sejak tanggal ini."),
    )
    evidence_files = MultipleFileField(
        label=_("Berkas bukti"),
        help_text=_("Foto, tangkapan layar, video, PDF atau dokumen. Boleh lebih dari satu berkas."),
    )
    evidence_links = forms.CharField(
        label=_("Tautan bukti"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "https://"}),
        help_text=_("Satu tautan per baris, misalnya alamat unggahan media sosial."),
    )
    field_order = ["identity"]

    def clean_evidence_links(self) -> list[str]:
        return parse_links(self.cleaned_data["evidence_links"])

    def service_data(self) -> dict:
        data = self.cleaned_data
        reporter = {
            key: data.get(f"reporter_{key}", "")
            for key in ("name", "address", "phone", "email", "nik", "occupation")
        }
        anonymous = data.get("identity") == self.ANONYMOUS
        return {**super().service_data(), "anonymous": anonymous, "reporter": {} if anonymous else reporter}

    def clean(self):
        data = super().clean() or {}
        if data.get("identity") == self.NAMED:
            for name in ("reporter_name", "reporter_address"):
                if not (data.get(name) or "").strip() and name not in self.errors:
                    self.add_error(
                        name,
                        _(
                            "Wajib diisi untuk laporan dengan identitas (syarat formil). "
                            "Pilih 'tanpa identitas' jika Anda tidak ingin mencantumkannya."
                        ),
                    )
        return data


class WitnessForm(forms.Form):
    name = forms.CharField(label=_("Nama saksi"), max_length=WITNESS_LIMITS["name"], required=False)
    address = forms.CharField(label=_("Alamat"), max_length=WITNESS_LIMITS["address"], required=False)
    phone = forms.CharField(label=_("Telepon"), max_length=WITNESS_LIMITS["phone"], required=False)

    def clean(self):
        data = super().clean() or {}
        if (data.get("address") or data.get("phone")) and not (data.get("name") or "").strip():
            self.add_error("name", _("Tuliskan nama saksi, atau kosongkan seluruh baris ini."))
        return data


WitnessFormSet = forms.formset_factory(WitnessForm, extra=3, max_num=10, validate_max=True)


class TemuanForm(TerlaporMixin, EventMixin):
    """A supervisor's finding with the observation record (hasil pengawasan)."""

    observed_at = forms.DateTimeField(
        label=_("Waktu pengawasan"),
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    observation_place = forms.CharField(label=_("Tempat pengawasan"), max_length=300)
    method = forms.CharField(
        label=_("Cara pengawasan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Misalnya: pengawasan langsung, penelusuran akun media sosial, informasi awal."),
    )
    what = forms.CharField(label=_("Hasil pengawasan"), widget=forms.Textarea(attrs={"rows": 5}))
    evidence_files = MultipleFileField(label=_("Berkas bukti"))

    evidence_links = forms.CharField(
        label=_("Tautan bukti"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu tautan per baris."),
    )

    def clean_observed_at(self):
        value = self.cleaned_data["observed_at"]
        if value > timezone.now():
            raise ValidationError(_("Waktu pengawasan tidak boleh di masa depan."))
        return value

    def clean_evidence_links(self) -> list[str]:
        return parse_links(self.cleaned_data["evidence_links"])


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Kode tanda terima"),
        max_length=40,
        help_text=_("Kode yang Anda terima saat mengirim laporan, dengan atau tanpa tanda hubung."),
    )

    def clean_code(self) -> str:
        code = "".join(ch for ch in self.cleaned_data["code"] if ch.isalnum()).upper()
        if not code:
            raise ValidationError(_("Tuliskan kode tanda terima."))
        return code


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Komentar"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class EvidenceForm(forms.Form):
    # The form metaclass moves declared fields into base_fields, so this never shadows Form.files.
    files = MultipleFileField(label=_("Berkas"))  # type: ignore[assignment]
    links = forms.CharField(label=_("Tautan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    description = forms.CharField(label=_("Keterangan"), max_length=300, required=False)

    def clean_links(self) -> list[str]:
        return parse_links(self.cleaned_data["links"])

    def clean(self):
        data = super().clean() or {}
        if not data.get("files") and not data.get("links") and not self.errors:
            raise ValidationError(_("Pilih berkas atau tuliskan tautan."))
        return data


class CaseFilterForm(forms.Form):
    """Filters of the case list; every field optional, unknown values are reported, not ignored."""

    q = forms.CharField(
        label=_("Cari"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("nama terlapor, nomor, kata kunci")}
        ),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    kind = forms.ChoiceField(label=_("Jenis"), required=False)
    election = forms.TypedChoiceField(
        label=_("Pemilu/Pemilihan"), required=False, coerce=int, empty_value=None
    )
    region = forms.CharField(
        label=_("Kode wilayah"),
        required=False,
        max_length=13,
        widget=forms.TextInput(attrs={"placeholder": "32.04"}),
    )
    subject_type = forms.ChoiceField(label=_("Status kepegawaian"), required=False)
    violation = forms.ChoiceField(label=_("Jenis pelanggaran"), required=False)
    overdue = forms.BooleanField(label=_("Hanya yang lewat tenggat"), required=False)
    assigned_to_me = forms.BooleanField(label=_("Hanya yang ditugaskan kepada saya"), required=False)
    sanction_lighter = forms.BooleanField(label=_("Hanya sanksi lebih ringan dari katalog"), required=False)
    # Drill-down from the statistics (netra.analytics): what a figure counted.
    indicator = forms.ChoiceField(label=_("Indikator"), required=False)
    outcome = forms.ChoiceField(label=_("Hasil"), required=False)
    month = forms.RegexField(
        label=_("Bulan diterima"),
        required=False,
        regex=r"^(19|20)\d\d-(0[1-9]|1[0-2])$",
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2024-02"}),
    )
    agency = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    # The PPK follow-up compliance figure: cases recommended about a terlapor of this instansi.
    instansi = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    region_only = forms.BooleanField(required=False, widget=forms.HiddenInput)
    sanction = forms.RegexField(required=False, regex=r"^[a-z]{0,12}\|[a-z]{0,12}$", widget=forms.HiddenInput)

    def __init__(self, *args, elections=(), violations=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Semua"))]
        _choice_field(self, "indicator").choices = everything + list(INDICATORS.items())
        _choice_field(self, "outcome").choices = [
            *everything,
            ("proven", _("Terbukti melanggar")),
            ("recommended", _("Direkomendasikan")),
            ("sanctioned", _("Dijatuhi sanksi")),
        ]
        _choice_field(self, "status").choices = everything + list(Status.choices)
        _choice_field(self, "kind").choices = everything + list(Kind.choices)
        _choice_field(self, "subject_type").choices = everything + list(SubjectType.choices)
        _choice_field(self, "election").choices = everything + [(e.pk, str(e)) for e in elections]
        _choice_field(self, "violation").choices = everything + list(violations)

    def clean_region(self) -> str:
        code = self.cleaned_data["region"].strip()
        if code and not all(part.isdigit() for part in regioncode.parts(code)):
            raise ValidationError(_("Kode wilayah berupa angka bertitik, misalnya 32.04."))
        return code


# ---------- workflow actions (one form per action of netra.cases.workflow.ACTIONS) ----------


class TransitionForm(forms.Form):
    """Base of every action form: the reason/note, required when the action needs one."""

    reason = forms.CharField(
        label=_("Catatan"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, action=None, violations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if action is not None and action.needs_reason:
            self.fields["reason"].required = True
            self.fields["reason"].label = _("Alasan")

    def service_params(self) -> dict:
        """Keyword arguments for ``case_transition`` besides user, case and action."""
        return dict(self.cleaned_data)


class RegisterForm(TransitionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = _("Wajib diisi bila laporan daluwarsa: alasan tetap diregistrasi.")


class RejectForm(TransitionForm):
    reason_code = forms.ChoiceField(
        label=_("Alasan tidak diregistrasi"), choices=NonRegistrationReason.choices
    )
    field_order = ["reason_code", "reason"]


class ForwardForm(TransitionForm):
    region = forms.CharField(
        label=_("Kode wilayah yang benar (jika salah)"),
        required=False,
        max_length=13,
        help_text=_("Kosongkan untuk meneruskan ke pengawas yang berwenang atas wilayah kasus."),
    )

    def service_params(self) -> dict:
        params = dict(self.cleaned_data)
        if not params.get("region"):
            params.pop("region", None)
        return params


class DecideForm(TransitionForm):
    outcome = forms.ChoiceField(
        label=_("Putusan"), choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    violation_code = forms.ChoiceField(label=_("Jenis pelanggaran"), required=False)
    field_order = ["outcome", "violation_code", "reason"]

    def __init__(self, *args, violations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("Pertimbangan")
        _choice_field(self, "violation_code").choices = [("", _("— pilih bila terbukti —")), *violations]

    def clean(self):
        data = super().clean() or {}
        if data.get("outcome") == Decision.Outcome.TERBUKTI and not data.get("violation_code"):
            self.add_error("violation_code", _("Pilih jenis pelanggaran yang terbukti."))
        return data


class ForwardRecommendationForm(TransitionForm):
    letter_number = forms.CharField(label=_("Nomor surat penerusan"), max_length=100)
    forwarded_on = forms.DateField(
        label=_("Tanggal surat"), required=False, widget=DateInput(), validators=[_not_in_future]
    )
    field_order = ["letter_number", "forwarded_on", "reason"]


SANCTION_CLASS_LABELS = {
    "ringan": _("Hukuman disiplin ringan"),
    "sedang": _("Hukuman disiplin sedang"),
    "berat": _("Hukuman disiplin berat"),
    "ptdh": _("Pemberhentian tidak dengan hormat / pemutusan perjanjian kerja"),
    "moral": _("Sanksi moral (kode etik)"),
    "kontrak": _("Sanksi menurut perjanjian kerja"),
    "desa": _("Sanksi administratif UU Desa"),
    "lainnya": _("Lainnya"),
}


def sanction_choices(menu) -> list:
    """The menu's options grouped by class, each labelled with its text and legal basis."""
    groups: dict[str, list] = {}
    for option in menu.options:
        label = f"{option.text} ({option.basis})" if option.basis else _("Lainnya: tulis sanksinya di bawah")
        groups.setdefault(option.sanction_class, []).append((option.code, label))
    return [("", _("— pilih sanksi —"))] + [
        (SANCTION_CLASS_LABELS.get(name, name), items) for name, items in groups.items()
    ]


class FollowUpForm(TransitionForm):
    sanction_code = forms.ChoiceField(label=_("Sanksi yang dijatuhkan"))
    sanction = forms.CharField(
        label=_("Sanksi lainnya (bila memilih lainnya)"), max_length=300, required=False
    )
    lighter_reason = forms.CharField(
        label=_("Alasan (wajib bila sanksi lebih ringan dari katalog atau lainnya)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    imposed_by = forms.CharField(label=_("Dijatuhkan oleh"), max_length=200)
    imposed_on = forms.DateField(
        label=_("Tanggal keputusan"), widget=DateInput(), validators=[_not_in_future]
    )
    letter_number = forms.CharField(label=_("Nomor keputusan (SK)"), max_length=100)
    decree_scan = forms.FileField(
        label=_("Pindaian SK (PDF, JPEG atau PNG)"),
        required=False,
        help_text=_("Isi berkas diperiksa; berkas disimpan sebagai bukti kasus."),
    )
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    field_order = [
        "sanction_code",
        "sanction",
        "lighter_reason",
        "imposed_by",
        "imposed_on",
        "letter_number",
        "decree_scan",
        "note",
    ]

    def __init__(self, *args, sanctions=None, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["reason"]
        if sanctions is None:
            _choice_field(self, "sanction_code").choices = [("lainnya", _("Lainnya"))]
            return
        _choice_field(self, "sanction_code").choices = sanction_choices(sanctions)
        if sanctions.expected_class:
            self.fields["sanction_code"].help_text = _(
                "Kelas sanksi menurut katalog untuk %(code)s: %(expected)s. Sanksi yang lebih ringan "
                "memerlukan alasan tertulis dan ditandai pada kasus."
            ) % {
                "code": sanctions.violation_code,
                "expected": SANCTION_CLASS_LABELS.get(sanctions.expected_class, sanctions.expected_class),
            }
        elif sanctions.note:
            self.fields["sanction_code"].help_text = sanctions.note


ACTION_FORMS: dict[str, type[TransitionForm]] = {
    "register": RegisterForm,
    "reject": RejectForm,
    "forward": ForwardForm,
    "decide": DecideForm,
    "forward_recommendation": ForwardRecommendationForm,
    "record_followup": FollowUpForm,
}


def action_form(action, data=None, *, violations=(), sanctions=None, files=None) -> TransitionForm:
    """The form for one workflow action, bound to ``data`` (and ``files``) when given; ``sanctions``
    is the netra.law.sanctions menu the follow-up form offers."""
    form_class = ACTION_FORMS.get(action.name, TransitionForm)
    extra = {"sanctions": sanctions} if form_class is FollowUpForm else {}
    return form_class(data, files, action=action, violations=violations, prefix=action.name, **extra)


# ---------- letters and follow-up compliance ----------


class FollowupStateForm(forms.Form):
    """BKN or the PPK addressed: the recommendation is being processed, or refused with a reason."""

    state = forms.ChoiceField(
        label=_("Status tindak lanjut"),
        choices=[("dalam_proses", _("Dalam proses")), ("ditolak", _("Ditolak (tidak dijatuhkan sanksi)"))],
    )
    reason = forms.CharField(
        label=_("Alasan (wajib bila ditolak)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LetterIssueForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[
            ("undangan_klarifikasi", _("Undangan klarifikasi")),
            ("pemberitahuan_status", _("Pemberitahuan status laporan")),
        ]
    )
    clarification = forms.IntegerField(required=False, min_value=1)


class ComplianceFilterForm(forms.Form):
    region = forms.CharField(label=_("Kode wilayah"), required=False, max_length=13)
    agency = forms.IntegerField(label=_("ID instansi"), required=False, min_value=1)


class LetterTemplateForm(forms.Form):
    """The wording an office may change; the service checks placeholders (``{kantor}``...)."""

    opening = forms.CharField(
        label=_("Paragraf pembuka"), required=False, max_length=1500, widget=forms.Textarea(attrs={"rows": 4})
    )
    closing = forms.CharField(
        label=_("Paragraf penutup"), required=False, max_length=600, widget=forms.Textarea(attrs={"rows": 2})
    )
    signatory_name = forms.CharField(label=_("Nama penanda tangan"), required=False, max_length=200)
    signatory_title = forms.CharField(label=_("Jabatan penanda tangan"), required=False, max_length=200)


class FollowupTargetForm(forms.Form):
    days = forms.IntegerField(label=_("Target layanan tindak lanjut PPK"), min_value=1, max_value=365)
    unit = forms.ChoiceField(
        label=_("Satuan"), choices=[("hari_kerja", _("hari kerja")), ("hari", _("hari kalender"))]
    )


# ---------- records inside a step ----------


class AssignForm(forms.Form):
    assignee = forms.TypedChoiceField(label=_("Penangan"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, handlers=(), **kwargs):
        super().__init__(*args, **kwargs)
        _choice_field(self, "assignee").choices = [("", _("— belum ditugaskan —"))] + [
            (u.pk, u.get_full_name() or u.username) for u in handlers
        ]


class ClarificationForm(forms.Form):
    party = forms.ChoiceField(label=_("Pihak"), choices=Party.choices)
    person_name = forms.CharField(label=_("Nama"), max_length=200)
    scheduled_at = forms.DateTimeField(
        label=_("Jadwal"), widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    place = forms.CharField(label=_("Tempat"), max_length=300)


class ClarificationRecordForm(forms.Form):
    clarification = forms.IntegerField(widget=forms.HiddenInput)
    held_at = forms.DateTimeField(
        label=_("Dilaksanakan pada"),
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    attendance = forms.ChoiceField(
        label=_("Kehadiran"),
        choices=[(Attendance.HADIR, _("Hadir")), (Attendance.TIDAK_HADIR, _("Tidak hadir"))],
        initial=Attendance.HADIR,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Bila pihak yang diundang tidak hadir, catat ketidakhadirannya dalam berita acara."),
    )
    record = forms.CharField(label=_("Berita acara"), widget=forms.Textarea(attrs={"rows": 4}))

    def clean_attendance(self) -> str:
        return self.cleaned_data["attendance"] or Attendance.HADIR


class KajianForm(forms.Form):
    stage = forms.ChoiceField(label=_("Tahap"), choices=Kajian.Stage.choices)
    facts = forms.CharField(
        label=_("Uraian singkat fakta"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Fakta yang ditemukan pengawas; wajib untuk kajian dugaan pelanggaran. "
            "Dicetak dalam surat rekomendasi."
        ),
    )
    analysis = forms.CharField(label=_("Analisis"), widget=forms.Textarea(attrs={"rows": 5}))
    conclusion = forms.CharField(label=_("Kesimpulan"), widget=forms.Textarea(attrs={"rows": 2}))
    # Syarat formil and materiel of the kajian awal (Perbawaslu 7/2022 Pasal 15(3)-(4)).
    formil_pelapor = forms.BooleanField(label=_("Formil: nama dan alamat pelapor lengkap"), required=False)
    formil_terlapor = forms.BooleanField(label=_("Formil: pihak terlapor jelas"), required=False)
    formil_waktu = forms.BooleanField(
        label=_("Formil: laporan disampaikan dalam batas waktu pelaporan"), required=False
    )
    materiel_waktu_tempat = forms.BooleanField(
        label=_("Materiel: waktu dan tempat kejadian jelas"), required=False
    )
    materiel_uraian = forms.BooleanField(label=_("Materiel: uraian kejadian ada"), required=False)
    materiel_bukti = forms.BooleanField(label=_("Materiel: bukti ada"), required=False)
    field_order = ["stage", "facts", *Kajian.FORMIL, *Kajian.MATERIEL, "analysis", "conclusion"]

    def __init__(self, *args, stage: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if stage == Kajian.Stage.DUGAAN:  # the requirement ticks belong to the kajian awal
            for name in (*Kajian.FORMIL, *Kajian.MATERIEL):
                del self.fields[name]
        elif stage == Kajian.Stage.AWAL:
            self.fields["facts"].help_text = _("Opsional pada kajian awal.")


class PegawaiConfirmForm(forms.Form):
    pegawai = forms.IntegerField(widget=forms.HiddenInput)


# Elections: phase dates and the post scorer's configuration ----------------------------------------


class LinesField(forms.CharField):
    """A textarea of one entry a line, cleaned to the list of non-empty lines."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 5000)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def clean(self, value):
        text = super().clean(value)
        return [line.strip() for line in (text or "").splitlines() if line.strip()]


_ONE_A_LINE = _("Satu entri per baris.")


class ElectionDatesForm(forms.Form):
    penetapan_calon = forms.DateField(
        label=_("Penetapan calon"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    campaign_start = forms.DateField(
        label=_("Awal kampanye"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    campaign_end = forms.DateField(
        label=_("Akhir kampanye"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    voting_day = forms.DateField(
        label=_("Hari pemungutan suara"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ElectionSettingForm(forms.Form):
    level = forms.CharField(
        label=_("Tingkat"),
        required=False,
        max_length=40,
        help_text=_("Misalnya presiden, gubernur, bupati, wali kota."),
    )
    slogans = LinesField(label=_("Slogan umum"), help_text=_ONE_A_LINE)
    hashtags = LinesField(label=_("Tagar umum"), help_text=_("Satu tagar per baris, misalnya #PilkadaDamai."))
    case_sensitive = LinesField(
        label=_("Frasa peka huruf besar"),
        help_text=_("Frasa yang hanya cocok bila huruf besarnya sama persis (misalnya AMIN, bukan amin)."),
    )
    note = forms.CharField(label=_("Sumber/catatan"), required=False, max_length=300)


class ElectionCandidateForm(forms.Form):
    number = forms.IntegerField(label=_("Nomor urut"), min_value=1, max_value=99)
    names = LinesField(
        label=_("Nama"), required=True, help_text=_("Nama lengkap calon dan pasangannya, satu per baris.")
    )
    nicknames = LinesField(label=_("Nama panggilan"), help_text=_ONE_A_LINE)
    parties = LinesField(
        label=_("Partai pengusung"),
        help_text=_("Nama atau singkatan partai yang sudah terdaftar, satu per baris."),
    )
    slogans = LinesField(label=_("Slogan"), help_text=_ONE_A_LINE)
    hashtags = LinesField(label=_("Tagar"), help_text=_ONE_A_LINE)
    gestures = LinesField(label=_("Gestur"), help_text=_("Misalnya salam dua jari, atau emoji ✌."))
    colour = forms.CharField(
        label=_("Warna"), required=False, max_length=7, help_text=_("Kode #RRGGBB, misalnya #1F77B4.")
    )


class ElectionPartyForm(forms.Form):
    name = forms.CharField(label=_("Nama partai"), max_length=200)
    abbreviations = LinesField(label=_("Singkatan"), help_text=_ONE_A_LINE)
    colour = forms.CharField(
        label=_("Warna"), required=False, max_length=7, help_text=_("Kode #RRGGBB, misalnya #1F77B4.")
    )


class ElectionImportForm(forms.Form):
    MAX_BYTES = 1_000_000

    file = forms.FileField(label=_("Berkas konfigurasi (TOML atau JSON)"))
    region = forms.CharField(
        label=_("Kode wilayah"),
        required=False,
        max_length=13,
        help_text=_("Kosongkan untuk memakai region_code dalam berkas (kosong: seluruh wilayah pemilihan)."),
    )
    dry_run = forms.BooleanField(label=_("Uji coba saja (tidak disimpan)"), required=False, initial=True)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".toml", ".json")):
            raise ValidationError(_("Berkas harus berakhiran .toml atau .json."))
        if upload.size > self.MAX_BYTES:
            raise ValidationError(_("Berkas terlalu besar (paling banyak 1 MB)."))
        try:
            text = upload.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValidationError(_("Berkas harus bertipe teks UTF-8.")) from exc
        return ("json" if name.endswith(".json") else "toml", text)

    def clean_region(self):
        code = self.cleaned_data["region"].strip()
        if code and not regioncode.parts(code)[0].isdigit():
            raise ValidationError(_("Kode wilayah berbentuk 21 atau 21.01."))
        return code


def report_parsed(form, witnesses) -> ParsedReport:
    """The report the form's validation already parsed (``form.parsed``), with the witness rows."""
    return with_witnesses(form.parsed, [w.cleaned_data for w in witnesses if w.cleaned_data.get("name")])
