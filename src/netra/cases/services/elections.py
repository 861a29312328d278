"""Configuring elections (Pemilu, Pilkada): an operator's or the demo's write, audited."""

from django.db import transaction

from netra.audit.services import event_record
from netra.cases.models import Election


def election_ensure(*, name: str, actor: str = "system", **values) -> tuple[Election, bool]:
    """The election called ``name``, created with ``values`` if missing; ``(election, created)``.

    An existing election is left as it is: configuring dates again is an edit, not a re-run.
    """
    existing = Election.objects.filter(name=name).first()
    if existing is not None:
        return existing, False
    election = Election(name=name, **values)
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
