"""Recording a pledge, and keeping the template library in the database."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from netra.cases.evidence import evidence_check_all
from netra.cases.services.evidence import files_atomic
from netra.prevention.library import LIBRARY, fill
from netra.prevention.models import Document, Pledge, PledgeTemplate
from netra.prevention.services.common import audit, require_recorder
from netra.prevention.services.documents import document_store

FIELDS = (
    "kind",
    "title",
    "agency",
    "election",
    "made_on",
    "place",
    "method",
    "declared_signatories",
    "event",
)


def pledge_templates_ensure() -> int:
    """Add the library's template versions that are missing; the number added."""
    added = 0
    with transaction.atomic():
        for item in LIBRARY:
            _template, created = PledgeTemplate.objects.get_or_create(
                key=item.key,
                version=item.version,
                defaults={"kind": item.kind, "title": item.title, "text": item.text},
            )
            added += created
    return added


def _text(data: dict) -> str:
    """The words pledged: the chosen template filled in for the agency and election, or a custom text."""
    template, custom = data.get("template"), (data.get("text") or "").strip()
    if template is None and not custom:
        raise ValidationError({"text": [_("Pilih templat atau tuliskan teks ikrar.")]})
    if template is None:
        return custom
    return fill(template.text, agency=data["agency"].name, election=data["election"].name)


def pledge_create(*, user, data: dict, files=(), is_demo: bool = False) -> Pledge:
    """Record an agency's pledge for an election, with its scanned documents."""
    region = data["region"]
    require_recorder(user, region)
    checked = evidence_check_all(files)
    values = {name: data[name] for name in FIELDS if name in data}
    with files_atomic() as stored:
        pledge = Pledge(
            **values,
            region=region,
            region_code=region.code,
            template=data.get("template"),
            text=_text(data),
            office=user.office,
        )
        pledge.is_demo, pledge.created_by = is_demo, user
        pledge.full_clean(exclude=["office", "created_by", "public_token"])
        pledge.save()
        for item in checked:
            document_store(parent=pledge, checked=item, kind=Document.Kind.SCAN, user=user, stored=stored)
        audit(
            user=user,
            action="prevention.pledge_create",
            obj=pledge,
            data={
                "kind": pledge.kind,
                "agency_id": pledge.agency_id,
                "election_id": pledge.election_id,
                "made_on": pledge.made_on,
                "template": f"{pledge.template.key} v{pledge.template.version}"
                if pledge.template
                else "custom",
                "files": len(checked),
            },
        )
    return pledge
