from django import forms
from django.utils.translation import gettext_lazy as _


class PegawaiSearchForm(forms.Form):
    nama = forms.CharField(label=_("Nama"), required=False, max_length=200)
    nip = forms.CharField(label=_("NIP"), required=False, max_length=40)
    wilayah = forms.CharField(label=_("Kode wilayah"), required=False, max_length=13)
    instansi = forms.IntegerField(label=_("ID instansi"), required=False, min_value=1)
    jabatan = forms.CharField(label=_("Jabatan"), required=False, max_length=200)

    def clean(self):
        data = super().clean() or {}
        if not any(data.get(f) for f in ("nama", "nip", "wilayah", "instansi")):
            raise forms.ValidationError(_("Isi nama, NIP, wilayah atau instansi."))
        return data
