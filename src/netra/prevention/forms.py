"""Forms of the prevention pages: they parse and resolve input; the services decide and write."""

import re

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from netra.cases.forms import MultipleFileField
from netra.cases.selectors import election_list
from netra.prevention.models import Event, Pledge, TargetGroup
from netra.prevention.selectors import template_list
from netra.registry.resolve import AmbiguousRegion, region_resolve
from netra.registry.selectors import agency_get, agency_list

_AGENCY_ID = re.compile(r"\(#(\d+)\)\s*$")
AGENCY_HELP = _("Ketik lalu pilih dari saran, mis. Pemerintah Kabupaten Bandung.")


def agency_label(agency) -> str:
    """How an agency is written in a field: its name and id, so a pick is unambiguous."""
    return f"{agency.name} (#{agency.pk})"


def resolve_agency(text: str):
    """An agency from "Name (#id)" or an exact name; ValidationError when unknown or ambiguous."""
    text = text.strip()
    if found := _AGENCY_ID.search(text):
        agency = agency_get(int(found.group(1)))
        if agency is None:
            raise forms.ValidationError(_("Instansi tidak ditemukan."))
        return agency
    same = list(agency_list().filter(name__iexact=text)[:2])
    if not same:
        raise forms.ValidationError(_("Instansi tidak ditemukan: pilih dari saran."))
    if len(same) > 1:
        raise forms.ValidationError(_("Beberapa instansi bernama sama: pilih dari saran."))
    return same[0]


def resolve_region(text: str):
    try:
        region = region_resolve(text.strip())
    except AmbiguousRegion:
        raise forms.ValidationError(_("Beberapa wilayah cocok: tulis kodenya, mis. 32.04.")) from None
    if region is None:
        raise forms.ValidationError(_("Wilayah tidak dikenal."))
    return region


class _ElectionField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=election_list(active_only=False), label=_("Pemilu/Pemilihan"), **kwargs)


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis kegiatan"), choices=Event.Kind.choices)
    title = forms.CharField(label=_("Judul"), max_length=300)
    participation = forms.ChoiceField(label=_("Peran kantor Anda"), choices=Event.Participation.choices)
    organiser_kind = forms.ChoiceField(label=_("Jenis penyelenggara"), choices=Event.OrganiserKind.choices)
    organiser_name = forms.CharField(label=_("Nama penyelenggara"), max_length=200)
    held_on = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("Tempat"), max_length=300, required=False)
    region = forms.CharField(
        label=_("Wilayah"), help_text=_("Kode atau nama, mis. 13.75 atau Kota Bukittinggi.")
    )
    election = _ElectionField(required=False)
    audience = forms.CharField(
        label=_("Instansi peserta"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Satu instansi per baris."),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Kelompok sasaran"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    invited_count = forms.IntegerField(label=_("Jumlah undangan"), min_value=0, required=False)
    attending_count = forms.IntegerField(label=_("Jumlah hadir"), min_value=0, required=False)
    speakers = forms.CharField(
        label=_("Narasumber"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Satu per baris."),
    )
    description = forms.CharField(label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    documents = MultipleFileField(label=_("Materi (PDF, gambar, DOCX...)"))

    def clean_region(self):
        return resolve_region(self.cleaned_data["region"])

    def clean_audience(self):
        lines = [line for line in self.cleaned_data["audience"].splitlines() if line.strip()]
        return [resolve_agency(line) for line in lines]


class PledgeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=Pledge.Kind.choices)
    title = forms.CharField(label=_("Judul"), max_length=300)
    agency = forms.CharField(
        label=_("Instansi"),
        help_text=AGENCY_HELP,
        widget=forms.TextInput(
            attrs={
                "list": "agency-suggestions",
                "autocomplete": "off",
                "hx-get": reverse_lazy("prevention:agency_suggestions"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#agency-suggestions",
                "hx-swap": "innerHTML",
            }
        ),
    )
    election = _ElectionField()
    made_on = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("Tempat"), max_length=300, required=False)
    region = forms.CharField(
        label=_("Wilayah"), help_text=_("Kode atau nama, mis. 32.04 atau Kabupaten Bandung.")
    )
    method = forms.ChoiceField(label=_("Cara"), choices=Pledge.Method.choices)
    template = forms.ModelChoiceField(
        label=_("Templat teks"),
        queryset=template_list(),
        required=False,
        empty_label=_("— teks sendiri (tulis di bawah) —"),
    )
    text = forms.CharField(
        label=_("Teks sendiri"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Kosongkan bila memakai templat."),
    )
    declared_signatories = forms.IntegerField(
        label=_("Jumlah penanda tangan menurut berita acara"), min_value=0, required=False
    )
    documents = MultipleFileField(label=_("Pindaian dokumen (PDF, gambar)"))

    def clean_agency(self):
        return resolve_agency(self.cleaned_data["agency"])

    def clean_region(self):
        return resolve_region(self.cleaned_data["region"])


class ListImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas CSV atau XLSX"), help_text=_("Kolom: nama, nip, instansi, jabatan.")
    )
    dry_run = forms.BooleanField(label=_("Uji saja, jangan simpan"), required=False)


class EntryForm(forms.Form):
    """One person typed on the page; the column names are the import's, so the checks are the same."""

    nama = forms.CharField(label=_("Nama"), max_length=200)
    nip = forms.CharField(label=_("NIP"), max_length=30, required=False)
    instansi = forms.CharField(label=_("Instansi"), max_length=200, required=False)
    jabatan = forms.CharField(label=_("Jabatan"), max_length=200, required=False)


class DocumentForm(forms.Form):
    documents = MultipleFileField(label=_("Berkas"), required=True)


class CoverageForm(forms.Form):
    region = forms.CharField(
        label=_("Wilayah"), required=False, max_length=200, help_text=_("Kosong: seluruh Indonesia.")
    )
    election = _ElectionField(required=False)

    def clean_region(self):
        text = self.cleaned_data["region"].strip()
        return resolve_region(text) if text else None
