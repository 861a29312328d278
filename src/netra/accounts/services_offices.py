"""Creating offices and the supervision tree that mirrors the region tree."""

from typing import TYPE_CHECKING

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction

from netra.accounts.models import Office
from netra.audit.services import event_record
from netra.law import regioncode

if TYPE_CHECKING:
    from netra.registry.models import Region

Kind = Office.Kind
NATIONAL_NAMES: dict[str, str] = {
    Kind.BAWASLU_RI: "Bawaslu Republik Indonesia",
    Kind.BKN: "Badan Kepegawaian Negara",
}
# Office kind -> level of its region (Region.Level: 1 provinsi, 2 kabupaten/kota, 3 kecamatan).
REGION_LEVEL: dict[str, int] = {Kind.BAWASLU_PROVINSI: 1, Kind.BAWASLU_KABKOTA: 2, Kind.PANWASLU_KECAMATAN: 3}
KIND_PREFIX = {"kabupaten": "Kabupaten", "kota": "Kota"}


def _kabkota_name(region: "Region") -> str:
    prefix = KIND_PREFIX.get(region.kind, "")
    if prefix and not region.name.startswith(prefix + " "):
        return f"{prefix} {region.name}"
    return region.name


def _kecamatan_name(region: "Region") -> str:
    word = "Distrik" if region.kind == "distrik" else "Kecamatan"
    bare = region.name.removeprefix(word + " ")
    return f"Panwaslu {word} {bare}"


def default_name(kind: str, region: "Region | None", agency) -> str:
    """The office's usual Indonesian name, e.g. "Bawaslu Kabupaten Bintan"."""
    if kind in NATIONAL_NAMES:
        return NATIONAL_NAMES[kind]
    if kind == Kind.BAWASLU_PROVINSI:
        return f"Bawaslu Provinsi {_region_of(kind, region).name.removeprefix('Provinsi ')}"
    if kind == Kind.BAWASLU_KABKOTA:
        return f"Bawaslu {_kabkota_name(_region_of(kind, region))}"
    if kind == Kind.PANWASLU_KECAMATAN:
        return _kecamatan_name(_region_of(kind, region))
    return f"PPK {agency.name}"


def _region_of(kind: str, region: "Region | None") -> "Region":
    """The region a regional office kind cannot be without."""
    if region is None:
        raise ValidationError({"region": f"{Kind(kind).label} needs a region."})
    return region


def _validate(kind: str, region: "Region | None", agency) -> None:
    if kind not in Kind.values:
        raise ValidationError({"kind": f"Unknown office kind {kind!r}."})
    if kind in NATIONAL_NAMES and (region or agency):
        raise ValidationError({"kind": "A national office has neither region nor agency."})
    if kind in REGION_LEVEL:
        if region is None or region.level != REGION_LEVEL[kind]:
            raise ValidationError({"region": f"{Kind(kind).label} needs a region of the matching level."})
        if agency is not None:
            raise ValidationError({"agency": "A Bawaslu office has no agency."})
    if kind == Kind.PPK and agency is None:
        raise ValidationError({"agency": "A PPK office needs its agency."})


def _region_code(kind: str, region: "Region | None", agency) -> str:
    if kind == Kind.PPK:
        return agency.region_id or ""
    return region.code if region else ""


def office_parent_for(kind: str, region: "Region | None") -> Office | None:
    """The existing office one level up the supervision tree, if it has been created."""
    if kind == Kind.BAWASLU_PROVINSI:
        return Office.objects.filter(kind=Kind.BAWASLU_RI).first()
    if kind == Kind.BAWASLU_KABKOTA:
        parent_code = _region_of(kind, region).parent_id
        return Office.objects.filter(kind=Kind.BAWASLU_PROVINSI, region_id=parent_code).first()
    if kind == Kind.PANWASLU_KECAMATAN:
        parent_code = _region_of(kind, region).parent_id
        return Office.objects.filter(kind=Kind.BAWASLU_KABKOTA, region_id=parent_code).first()
    return None


def office_create(
    *,
    kind: str,
    region: "Region | None" = None,
    agency=None,
    name: str | None = None,
    parent: Office | None = None,
    actor: str = "system",
) -> Office:
    """Create one office; name, region code and (when not given) parent are derived."""
    _validate(kind, region, agency)
    duplicate = Office.objects.filter(kind=kind, region=region, agency=agency)
    if duplicate.exists():
        raise ValidationError({"kind": f"{duplicate.first()} already exists."})
    office = Office(
        kind=kind,
        region=region,
        agency=agency,
        name=(name or "").strip() or default_name(kind, region, agency),
        region_code=_region_code(kind, region, agency),
        parent=parent or office_parent_for(kind, region),
    )
    office.full_clean(exclude=["parent", "region", "agency"])
    with transaction.atomic():
        office.save()
        event_record(
            actor=actor,
            action="office.create",
            obj_type="office",
            obj_id=office.pk,
            data={"name": office.name, "kind": kind, "parent": office.parent_id},
            office_code=office.region_code,
        )
    return office


def _ensure(
    kind: str, region: "Region | None", parent: Office | None, created: list[Office], actor: str
) -> Office:
    office = Office.objects.filter(kind=kind, region=region, agency__isnull=True).first()
    if office is None:
        office = office_create(kind=kind, region=region, parent=parent, actor=actor)
        created.append(office)
    elif parent is not None and office.parent_id != parent.pk:
        office.parent = parent
        office.save(update_fields=["parent"])
        event_record(
            actor=actor,
            action="office.reparent",
            obj_type="office",
            obj_id=office.pk,
            data={"parent": parent.pk},
            office_code=office.region_code,
        )
    return office


def _regions() -> "type[Region]":
    # registry imports accounts (for scoping), so accounts reaches registry's model through the app
    # registry instead of an import: no import cycle between the two apps.
    return apps.get_model("registry", "Region")


def _regions_for(region_codes) -> "list[Region]":
    """Provinces and kab/kota to cover: those given (with their provinces), or all loaded."""
    Region = _regions()
    if region_codes is None:
        return list(Region.objects.filter(level__lte=Region.Level.KABUPATEN_KOTA).order_by("code"))
    codes = {c.strip() for c in region_codes if c.strip()}
    found = {r.code: r for r in Region.objects.filter(code__in=codes)}
    missing = sorted(codes - found.keys())
    if missing:
        raise ValidationError(f"Unknown region codes: {', '.join(missing)}")
    wanted = {holder for code in codes for holder in regioncode.lineage(code)[: regioncode.KABUPATEN_KOTA]}
    return list(Region.objects.filter(code__in=wanted).order_by("code"))


@transaction.atomic
def offices_ensure_tree(region_codes=None, *, actor: str = "system") -> list[Office]:
    """Bawaslu RI, BKN, and province and kab/kota offices for the regions; returns those created."""
    created: list[Office] = []
    ri = _ensure(Kind.BAWASLU_RI, None, None, created, actor)
    _ensure(Kind.BKN, None, None, created, actor)
    provinces: dict[str, Office] = {}
    for region in _regions_for(region_codes):
        if region.level == _regions().Level.PROVINSI:
            provinces[region.code] = _ensure(Kind.BAWASLU_PROVINSI, region, ri, created, actor)
        else:
            province_code = region.parent_id or ""  # a kabupaten/kota always has its province
            parent = provinces.get(province_code) or _ensure(
                Kind.BAWASLU_PROVINSI, region.parent, ri, created, actor
            )
            provinces[province_code] = parent
            _ensure(Kind.BAWASLU_KABKOTA, region, parent, created, actor)
    return created
