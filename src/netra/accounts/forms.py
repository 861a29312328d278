"""Forms for the account pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode"),
        max_length=20,
        help_text=_("6 angka dari aplikasi autentikator, atau salah satu kode cadangan."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class SetupCodeForm(CodeForm):
    """Confirming a new authenticator app: backup codes do not exist yet."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("6 angka yang sedang tampil di aplikasi autentikator.")


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Nama token"),
        max_length=100,
        help_text=_('Untuk apa token ini dipakai, misalnya "skrip rekap mingguan".'),
    )
