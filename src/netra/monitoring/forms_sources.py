"""Forms of the sources pages: they parse input; ``services.sources`` decides and writes."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from netra.cases.selectors import election_list
from netra.monitoring.models import Item, Source
from netra.monitoring.services.ingest import FIELDS, FORMATS

MAPPING_HELP = _(
    "Satu baris per kolom: nama_kolom_netra = Nama Kolom di Berkas, mis. text = Isi Unggahan. "
    "Kosongkan untuk memakai nama kolom bawaan (lihat dokumentasi)."
)


def parse_mapping(text: str) -> dict[str, str]:
    """``field = Column`` lines into a mapping; ValidationError naming the bad line."""
    mapping: dict[str, str] = {}
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        field, sep, column = line.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or not column:
            raise forms.ValidationError(
                _("Baris %(n)s: tulis nama_kolom_netra = Nama Kolom.") % {"n": number}
            )
        if field not in FIELDS:
            raise forms.ValidationError(
                _("Baris %(n)s: kolom Netra %(field)s tidak dikenal (pilihan: %(known)s).")
                % {"n": number, "field": field, "known": ", ".join(FIELDS)}
            )
        mapping[field] = column
    return mapping


class SourceForm(forms.Form):
    name = forms.CharField(label=_("Nama sumber"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Jenis sumber"),
        choices=[(k, label) for k, label in Source.Kind.choices if k != Source.Kind.MANUAL],
    )
    url = forms.URLField(
        label=_("Alamat umpan (RSS/Atom)"), max_length=1000, required=False, assume_scheme="https"
    )
    fetch_interval = forms.IntegerField(
        label=_("Selang pengambilan (detik)"), min_value=300, max_value=7 * 24 * 3600, initial=900
    )
    host_delay = forms.IntegerField(
        label=_("Jeda antarpermintaan ke situs (detik)"),
        min_value=1,
        max_value=3600,
        required=False,
        help_text=_("Kosongkan: jeda bawaan (%(seconds)s detik).")
        % {"seconds": settings.NETRA_FEED_HOST_DELAY},
    )
    election = forms.ModelChoiceField(
        queryset=election_list(active_only=True),
        required=False,
        label=_("Pemilu/Pemilihan"),
        help_text=_("Kosongkan: dipilih otomatis menurut wilayah dan waktu unggahan."),
    )
    column_mapping = forms.CharField(
        label=_("Pemetaan kolom"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=MAPPING_HELP,
    )

    def clean_column_mapping(self):
        return parse_mapping(self.cleaned_data.get("column_mapping", ""))


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas ekspor"),
        help_text=_("JSON Lines (.jsonl), CSV (.csv) atau Excel (.xlsx); paling besar %(mb)s MB.")
        % {"mb": settings.NETRA_MAX_UPLOAD_MB},
    )
    fmt = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("Menurut nama berkas")), *[(f, f.upper()) for f in FORMATS]],
        required=False,
    )
    kind = forms.ChoiceField(label=_("Isi berkas"), choices=Item.Kind.choices, initial=Item.Kind.POST)
    dry_run = forms.BooleanField(
        label=_("Uji coba: periksa saja, jangan simpan"), required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.NETRA_MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("Berkas terlalu besar (paling besar %(mb)s MB).") % {"mb": settings.NETRA_MAX_UPLOAD_MB}
            )
        return upload
