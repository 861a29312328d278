"""The demo's marks: the demo sources, watched accounts and items flagged ``is_demo`` (and the demo
feed kept inactive: its address is not a real feed), in one audited write."""

from django.db import transaction

from netra.audit.services import event_record
from netra.monitoring.models import Item, Source, WatchedAccount


def demo_mark(*, sources: list[Source], accounts: list[WatchedAccount], item_ids: list[int]) -> None:
    with transaction.atomic():
        Source.objects.filter(pk__in=[s.pk for s in sources]).update(is_demo=True)
        Source.objects.filter(pk__in=[s.pk for s in sources], kind=Source.Kind.FEED).update(is_active=False)
        WatchedAccount.objects.filter(pk__in=[a.pk for a in accounts]).update(is_demo=True)
        Item.objects.filter(pk__in=item_ids).update(is_demo=True)
        event_record(
            actor="demo",
            action="monitoring.demo_seed",
            obj_type="monitoring.source",
            obj_id=sources[0].pk if sources else 0,
            data={
                "sources": [s.pk for s in sources],
                "accounts": [a.pk for a in accounts],
                "items": len(item_ids),
            },
        )
