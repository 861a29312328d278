"""The notification settings form: in-app and email per kind, and the daily digest."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PreferencesForm(forms.Form):
    digest = forms.BooleanField(
        label=_("Kirim email sebagai ringkasan harian (satu email sehari, bukan satu per kejadian)"),
        required=False,
    )

    def __init__(self, *args, choices, digest: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = choices
        self.fields["digest"].initial = digest
        for choice in choices:
            self.fields[f"{choice.kind}__in_app"] = forms.BooleanField(
                label=_("Di aplikasi"), required=False, initial=choice.in_app
            )
            self.fields[f"{choice.kind}__email"] = forms.BooleanField(
                label=_("Email"), required=False, initial=choice.email
            )

    def rows(self):
        """(label, in-app field, email field) per kind, for the template's table."""
        return [(c.label, self[f"{c.kind}__in_app"], self[f"{c.kind}__email"]) for c in self.kinds]

    def choices(self) -> dict[str, tuple[bool, bool]]:
        data = self.cleaned_data
        return {c.kind: (data[f"{c.kind}__in_app"], data[f"{c.kind}__email"]) for c in self.kinds}
