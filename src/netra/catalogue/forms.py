"""The public catalogue's search and filter form."""

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from netra.catalogue import labels
from netra.law import catalogue


def _choices(mapping: dict) -> list[tuple[str, str]]:
    return [("", _("Semua")), *mapping.items()]


def _instrument_choices() -> list[tuple[str, str | Promise]]:
    return [("", _("Semua")), *((i.id, i.short) for i in catalogue.catalogue_instruments())]


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False, max_length=200)
    indicator = forms.ChoiceField(label=_("Indikator"), required=False, choices=_choices(labels.INDICATORS))
    kind = forms.ChoiceField(label=_("Jenis sanksi"), required=False, choices=_choices(labels.SANCTION_KINDS))
    instrument = forms.ChoiceField(label=_("Instrumen"), required=False, choices=_instrument_choices)

    def filtered(self) -> list[catalogue.ViolationType]:
        """The types matching the cleaned filters; call only when the form is valid."""
        data = self.cleaned_data
        types = catalogue.search(data["q"]) if data["q"] else catalogue.all_types(include_unretrieved=True)
        return [
            vt
            for vt in types
            if (not data["indicator"] or vt.indicator == data["indicator"])
            and (not data["kind"] or vt.sanction.kind == data["kind"])
            and (not data["instrument"] or vt.instrument == data["instrument"])
        ]
