"""Digest mode: the day's emails wait and go out as one message a day, from NETRA_DIGEST_HOUR."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from netra.accounts.models import Role
from netra.cases import services as case_services
from netra.notifications.models import Notification
from netra.notifications.services import notifications_send, preferences_set, reminders_run
from tests.notifications.conftest import decoded

WIB = ZoneInfo("Asia/Jakarta")


def test_a_digest_user_gets_one_email_a_day_with_everything(world, submit, smtp, settings):
    settings.NETRA_DIGEST_HOUR = 7
    handler = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    handler.email = "penangan@bintan.example"
    handler.save()
    preferences_set(user=handler, choices={"new_report": (True, True)}, digest=True)
    pimpinan = world["staff"]["bintan"][Role.PIMPINAN]
    first, second = submit(title="Ajakan memilih di rapat dinas"), submit(title="Kampanye di media sosial")
    case_services.case_assign(user=pimpinan, case=first, assignee=handler)
    first.refresh_from_db()
    reminders_run(now=first.due_at - timedelta(hours=1), send=False)
    waiting = Notification.objects.filter(recipient=handler, channel="email", sent_at__isnull=True)
    assert waiting.filter(digest=True).count() == waiting.count() >= 4  # 2 new reports, assigned, reminder

    early = datetime.combine(first.due_at.astimezone(WIB).date(), datetime.min.time(), tzinfo=WIB)
    notifications_send(now=early.replace(hour=6))
    assert smtp.to(handler.email) == []

    notifications_send(now=early.replace(hour=8))
    notifications_send(now=early.replace(hour=9))

    mails = [decoded(text) for text in smtp.to(handler.email)]
    assert len(mails) == 1
    assert "Ringkasan harian" in mails[0]
    assert first.title in mails[0] and second.title in mails[0]
    assert not Notification.objects.filter(recipient=handler, channel="email", sent_at__isnull=True).exists()
