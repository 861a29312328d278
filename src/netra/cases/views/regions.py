"""The region picker of the intake forms: province, kabupaten/kota, kecamatan as dependent selects.

Options come from the registry (public reference data loaded from Kemendagri's list); the chosen
code is checked again by the intake service.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from netra.law import regioncode
from netra.registry.selectors import region_list

LEVEL_FIELDS = ("region_province", "region_kabkota", "region_kecamatan")
LEVEL_LABELS = (_("Provinsi"), _("Kabupaten/Kota"), _("Kecamatan"))


@dataclass(frozen=True)
class Level:
    name: str
    label: str
    options: list[tuple[str, str]]
    selected: str
    required: bool


def _children(parent: str | None) -> list[tuple[str, str]]:
    return [(r.code, r.name) for r in region_list(parent=parent).order_by("code")]


def _chosen(data) -> list[str]:
    """The codes picked so far, each one nested in the one before (a stale child is dropped)."""
    picked: list[str] = []
    for name in LEVEL_FIELDS:
        code = (data.get(name) or "").strip()
        parent = picked[-1] if picked else None
        if not code or regioncode.parent(code) != parent:
            break
        picked.append(code)
    return picked


def region_code_from(data) -> str:
    """The most specific region picked: kecamatan, else kabupaten/kota, else province ("" if none)."""
    picked = _chosen(data)
    return picked[-1] if picked else ""


def picker_levels(data, *, required_depth: int = 2) -> list[Level]:
    """The selects to show: one per level down to the first level not chosen yet."""
    picked = _chosen(data)
    levels = []
    for depth, (name, label) in enumerate(zip(LEVEL_FIELDS, LEVEL_LABELS, strict=True)):
        if depth > len(picked):
            break
        parent = picked[depth - 1] if depth else None
        options = _children(parent)
        if not options:
            break
        selected = picked[depth] if depth < len(picked) else ""
        levels.append(Level(name, str(label), options, selected, depth < required_depth))
    return levels


@require_GET
def region_picker(request):
    """htmx fragment: the picker again after one select changed (children of the new choice)."""
    return render(request, "cases/_region_picker.html", {"picker": {"levels": picker_levels(request.GET)}})
