"""The monitoring demo: fictional posts ingested and processed for Bintan, with flagged partisan
posts, a coordinated cluster and a watched account in the queue; idempotent."""

import pytest

from netra.accounts.models import User
from netra.cases.demo import demo_load
from netra.monitoring import selectors
from netra.monitoring.demo import monitoring_demo_load
from netra.monitoring.models import Item, Source, WatchedAccount

# Transactional: the demo runs outside any test transaction, as `netra demo` does.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def demo(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path
    demo_load(roster_size=200, log=lambda *_: None)
    return monitoring_demo_load(log=lambda *_: None)


def test_demo_shows_triaged_items_in_bintans_queue(demo):
    assert demo and "butir" in demo[0]
    officer = User.objects.get(username="bintan.pengawas")
    items = list(selectors.triage_queue(officer, limit=50).items)
    assert items and all(i.is_demo and i.state == Item.State.DONE for i in items)
    assert Item.objects.filter(is_demo=True).exclude(state=Item.State.DONE).count() == 0
    flagged = [i for i in items if i.violation_code]
    assert len(flagged) >= 3, [(i.text[:40], i.score) for i in items]
    assert any(i.cluster and i.cluster.coordinated for i in items)
    accounts = WatchedAccount.objects.filter(is_demo=True)
    assert accounts.count() == 3 and all(a.pegawai is not None for a in accounts)
    assert any(i.watched_account_id and not i.cluster.coordinated for i in items)  # the teacher's own post
    assert items[0].priority >= items[-1].priority
    assert Source.objects.filter(is_demo=True, kind="feed", is_active=False).count() == 1
    assert monitoring_demo_load(log=lambda *_: None) == []  # idempotent
