"""Recording a socialisation event."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from netra.cases.evidence import evidence_check_all
from netra.cases.services.evidence import files_atomic
from netra.prevention.models import Document, Event, TargetGroup
from netra.prevention.services.common import audit, require_recorder
from netra.prevention.services.documents import document_store

FIELDS = (
    "kind",
    "title",
    "organiser_kind",
    "organiser_name",
    "organiser_agency",
    "participation",
    "held_on",
    "place",
    "election",
    "invited_count",
    "attending_count",
    "speakers",
    "description",
)


def _target_groups(values) -> list[str]:
    groups = [str(v) for v in values or []]
    unknown = sorted(set(groups) - set(TargetGroup.values))
    if unknown:
        raise ValidationError(
            {"target_groups": [_("Kelompok sasaran tidak dikenal: %s") % ", ".join(unknown)]}
        )
    return groups


def _check_counts(data: dict) -> None:
    invited, attending = data.get("invited_count"), data.get("attending_count")
    if invited is not None and attending is not None and attending > invited:
        raise ValidationError({"attending_count": [_("Jumlah hadir melebihi jumlah undangan.")]})


def event_create(*, user, data: dict, audience=(), files=(), is_demo: bool = False) -> Event:
    """Record an event held or attended by the user's office in its territory, with its materials."""
    region = data["region"]
    require_recorder(user, region)
    _check_counts(data)
    groups = _target_groups(data.get("target_groups"))
    checked = evidence_check_all(files)
    values = {name: data[name] for name in FIELDS if name in data}
    with files_atomic() as stored:
        event = Event(
            **values, region=region, region_code=region.code, target_groups=groups, office=user.office
        )
        event.is_demo, event.created_by = is_demo, user
        event.full_clean(exclude=["office", "created_by"])
        event.save()
        event.audience_agencies.set(audience)
        for item in checked:
            document_store(parent=event, checked=item, kind=Document.Kind.MATERIAL, user=user, stored=stored)
        audit(
            user=user,
            action="prevention.event_create",
            obj=event,
            data={"kind": event.kind, "held_on": event.held_on, "region": region.code, "files": len(checked)},
        )
    return event
