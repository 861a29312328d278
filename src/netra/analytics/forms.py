from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from netra.analytics.dimensions import DIMENSIONS
from netra.analytics.formula import SCALES
from netra.law import regioncode

FIGURE_CHOICES = [
    ("cases", _("Kasus")),
    ("proven", _("Terbukti")),
    ("recommended", _("Direkomendasikan")),
    ("sanctioned", _("Dijatuhi sanksi")),
    ("index", _("Indeks kerawanan")),
]
# The dashboard's figures, named for their lazy-loading placeholders (the figure's own title comes
# with it).
FIGURE_LABELS = {
    "region": _("Wilayah"),
    "month": _("Bulan diterima"),
    "type": _("Jenis pelanggaran"),
    "indicator": _("Indikator"),
    "subject": _("Status kepegawaian"),
    "agency": _("Instansi"),
    "stage": _("Tahap"),
    "source": _("Sumber"),
    "election": _("Pemilu/Pemilihan"),
    "sanction": _("Sanksi dijatuhkan menurut kelas katalog"),
    "deadlines": _("Kepatuhan tenggat menurut undang-undang, per kantor"),
    "compliance": _("Kepatuhan tindak lanjut PPK, per instansi"),
}
WEIGHT_LABELS = {
    "violations_per_1000": _("Pelanggaran per 1.000 ASN"),
    "share_proven": _("Porsi kasus terbukti"),
    "repeat_offenders": _("Pelanggar berulang"),
    "monitoring_signals": _("Sinyal pemantauan"),
    "prevention_coverage": _("Cakupan pencegahan"),
    "followup_compliance": _("Kepatuhan tindak lanjut PPK"),
    "previous_election": _("Pemilihan sebelumnya"),
}


def _region_code(value: str) -> str:
    code = value.strip()
    if code and not all(part.isdigit() for part in regioncode.parts(code)):
        raise ValidationError(_("Kode wilayah berupa angka bertitik, misalnya 32.04."))
    return code


class ScopeForm(forms.Form):
    """Where and which election the figures cover (every field optional)."""

    region = forms.CharField(
        label=_("Kode wilayah"),
        required=False,
        max_length=13,
        widget=forms.TextInput(attrs={"placeholder": "21"}),
    )
    election = forms.TypedChoiceField(
        label=_("Pemilu/Pemilihan"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, elections=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["election"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Semua")), *((e.pk, str(e)) for e in elections)]

    def clean_region(self) -> str:
        return _region_code(self.cleaned_data["region"])


class MapForm(ScopeForm):
    figure = forms.ChoiceField(label=_("Angka"), choices=FIGURE_CHOICES, required=False)

    def clean_region(self) -> str:
        code = super().clean_region()
        if regioncode.level(code) > regioncode.KABUPATEN_KOTA:
            raise ValidationError(
                _("Peta tersedia sampai tingkat kecamatan: pilih provinsi atau kabupaten/kota.")
            )
        return code


class StatExportForm(ScopeForm):
    by = forms.ChoiceField(choices=[(d, d) for d in DIMENSIONS])


class WeightsForm(forms.Form):
    """A new version of the index's weights (the national office only)."""

    note = forms.CharField(label=_("Catatan perubahan"), max_length=300)
    threshold_high = forms.FloatField(label=_("Batas rawan tinggi (skor)"), min_value=0, max_value=100)
    threshold_medium = forms.FloatField(label=_("Batas rawan sedang (skor)"), min_value=0, max_value=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SCALES:
            self.fields[name] = forms.FloatField(label=WEIGHT_LABELS[name], min_value=0, max_value=100)

    def clean(self):
        data = super().clean() or {}
        high, medium = data.get("threshold_high"), data.get("threshold_medium")
        if high is not None and medium is not None and medium >= high:
            raise ValidationError(_("Batas rawan sedang harus lebih rendah dari batas rawan tinggi."))
        return data


class ReportForm(forms.Form):
    """The period of a printable report."""

    start = forms.DateField(label=_("Dari tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Sampai tanggal"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise ValidationError(_("Tanggal awal harus sebelum tanggal akhir."))
        return data


SCALING = {
    "rate": _("per 1.000 ASN ÷ 2 × 100, paling tinggi 100"),
    "share": _("porsi × 100"),
    "gap": _("(1 − porsi) × 100"),
}


def weight_rows(weights) -> list[dict]:
    """Each indicator with its weight and how it is scaled, for the index pages."""
    return [
        {"name": name, "label": label, "weight": getattr(weights, name), "scaling": SCALING[SCALES[name]]}
        for name, label in WEIGHT_LABELS.items()
    ]
