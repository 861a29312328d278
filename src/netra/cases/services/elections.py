"""Configuring elections (Pemilu, Pilkada): an operator's or the demo's write, audited."""

from typing import Any

from django.db import transaction

from netra.audit.services import event_record
from netra.cases.models import Election


def election_ensure(*, values: dict[str, Any], actor: str = "system") -> tuple[Election, bool]:
    """The election named ``values["name"]``, created from ``values`` if missing; ``(election, created)``.

    An existing election is left as it is: configuring dates again is an edit, not a re-run.
    """
    name = str(values["name"])
    existing = Election.objects.filter(name=name).first()
    if existing is not None:
        return existing, False
    election = Election(**values)
    election.full_clean()
    with transaction.atomic():
        election.save()
        event_record(
            actor=actor,
            action="election.create",
            obj_type=Election._meta.label_lower,
            obj_id=election.pk,
            data={"name": name, "regime": election.regime, "voting_day": str(election.voting_day)},
        )
    return election, True
