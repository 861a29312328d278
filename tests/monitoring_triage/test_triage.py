"""The triage queue and its actions through the selectors, services and pages: order and paging,
filters, the item page's marked cues, assign/dismiss/watch, "Jadikan temuan" and cluster actions."""

import hashlib
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from netra.accounts.models import Role
from netra.audit.models import Event
from netra.cases.evidence import evidence_open
from netra.cases.models import Case, Kind
from netra.monitoring import selectors
from netra.monitoring.models import Item, WatchedAccount
from netra.monitoring.services import triage, watch
from netra.monitoring.services.capture_evidence import capture_evidence_attach
from tests.monitoring_triage.conftest import match

pytestmark = pytest.mark.django_db


def test_queue_is_ranked_by_priority_and_pages_by_keyset(make_item, officer):
    low, high, middle = make_item(priority=0.1), make_item(priority=0.9), make_item(priority=0.5)
    make_item(priority=0.99, state=Item.State.PENDING)  # not processed yet: not in the queue
    make_item(priority=0.95, source="lingga", region="21.04.01")  # another kabupaten
    user = officer("bintan")
    first = selectors.triage_queue(user, limit=2)
    assert [i.pk for i in first.items] == [high.pk, middle.pk] and first.has_next
    second = selectors.triage_queue(user, limit=2, cursor=first.next_cursor)
    assert [i.pk for i in second.items] == [low.pk] and not second.has_next


def test_queue_filters(make_item, make_cluster, officer, world):
    flagged = make_item(violation_code="KE-3")
    plain = make_item(violation_code="", indicator="")
    coordinated = make_item(violation_code="D-6")
    make_cluster([coordinated, make_item(violation_code="D-6")], coordinated=True)
    dismissed = make_item(triage=Item.Triage.DISMISSED, dismiss_reason="x")
    user = officer("bintan")

    def ids(**filters):
        return {i.pk for i in selectors.triage_queue(user, filters=selectors.QueueFilters(**filters)).items}

    assert flagged.pk in ids() and dismissed.pk not in ids()
    assert ids(code="ke-3") == {flagged.pk}
    assert coordinated.pk in ids(coordinated=True) and plain.pk not in ids(coordinated=True)
    assert coordinated.pk not in ids(coordinated=False)
    assert ids(status=Item.Triage.DISMISSED) == {dismissed.pk}
    assert dismissed.pk in ids(status=selectors.ALL)
    office = selectors.office_for_code("21.01")
    assert office == world["offices"]["bintan"]


def test_item_page_marks_cues_and_escapes_the_text(make_item, officer, client):
    text = "<script>alert(1)</script> ayo dukung paslon"
    item = make_item(text=text, cues=[{"start": 30, "end": 36, "field": "text", "kind": "support_verb"}])
    client.force_login(officer("bintan"))
    page = client.get(f"/pemantauan/butir/{item.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<mark class="cue cue-support_verb" title="support_verb">dukung</mark>' in page
    assert "KE-3" in page


def test_item_detail_shows_cluster_facts_and_candidates(make_item, make_cluster, roster, officer):
    siti, budi = roster[0], roster[1]
    item = make_item(author_matches=[match(siti, namesakes=3)])
    other = make_item(author_matches=[match(budi)])
    far = make_item(source="lingga", region="21.04.01")
    make_cluster([item, other, far], coordinated=True)
    detail = selectors.item_detail(officer("bintan"), item.pk)
    assert detail.cluster.size == 3 and detail.cluster.coordinated
    assert {m.pk for m in detail.cluster.members} == {item.pk, other.pk}
    assert detail.cluster.members_hidden == 1
    assert detail.cluster.agencies == ["Pemerintah Kabupaten Bintan"]
    assert detail.cluster.accounts == sorted([f"@{item.author_handle}", f"@{other.author_handle}"])
    assert detail.candidates[0].name == "Siti Rahmawati" and detail.candidates[0].namesakes == 3
    assert detail.candidates[0].visible
    assert [s.text for s in detail.text_segments if s.marked] == ["dukung", "paslon nomor 2"]


def test_dismiss_needs_a_reason_and_is_audited(make_item, officer):
    item = make_item()
    user = officer("bintan")
    with pytest.raises(ValidationError):
        triage.item_dismiss(user=user, item=item, reason="   ")
    triage.item_dismiss(user=user, item=item, reason="Akun parodi, bukan ASN.")
    item.refresh_from_db()
    assert item.triage == Item.Triage.DISMISSED and item.dismiss_reason == "Akun parodi, bukan ASN."
    assert item.triaged_by == user
    assert Event.objects.filter(action="monitoring.item.dismiss", object_id=str(item.pk)).exists()


def test_assign_only_to_an_officer_of_the_own_office(make_item, officer):
    item = make_item()
    user = officer("bintan")
    with pytest.raises(ValidationError):
        triage.item_assign(user=user, item=item, assignee=officer("lingga"))
    triage.item_assign(user=user, item=item, assignee=officer("bintan", Role.STAF_PENANGANAN))
    item.refresh_from_db()
    assert item.triage == Item.Triage.ASSIGNED and item.assigned_to == officer("bintan", Role.STAF_PENANGANAN)


def test_watch_links_the_author_to_the_roster_record(make_item, roster, officer):
    item = make_item(author_handle="budi.bintan", author_matches=[match(roster[1])])
    earlier = make_item(author_handle="budi.bintan")
    triage.item_watch(user=officer("bintan"), item=item, pegawai=roster[1].pk)
    account = WatchedAccount.objects.get()
    assert (account.platform, account.handle, account.pegawai) == ("x", "budi.bintan", roster[1])
    item.refresh_from_db()
    earlier.refresh_from_db()
    assert item.triage == Item.Triage.WATCHED and item.watched_account == account
    assert earlier.watched_account == account  # the account's earlier posts are tied too
    with pytest.raises(ValidationError):  # Lingga cannot take over Bintan's account
        watch.watched_add(user=officer("lingga"), platform="x", handle="@Budi.Bintan")


def test_roster_record_outside_the_territory_cannot_be_linked(make_item, roster, officer):
    item = make_item()
    with pytest.raises(ValidationError):
        triage.item_watch(user=officer("bintan"), item=item, pegawai=roster[6].pk)  # a Bandung civil servant
    assert not WatchedAccount.objects.exists()


def test_jadikan_temuan_prefills_and_links_both_ways(make_item, roster, officer, client):
    budi = roster[1]
    item = make_item(
        author_handle="budi.bintan",
        author_name="Budi S.",
        url="http://127.0.0.1:9/budi/status/1",  # a private address: the capture is refused
        author_matches=[match(budi, namesakes=1)],
    )
    user = officer("bintan")
    case = triage.item_to_temuan(item, user=user)
    assert case.kind == Kind.TEMUAN and case.source == "monitoring"
    assert case.region_code == "21.01.04" and case.office.region_code == "21.01"
    terlapor = case.terlapor.get()
    assert (terlapor.name, terlapor.nip, terlapor.pegawai) == (budi.full_name, budi.nip, budi)
    assert "KE-3" in case.title and "KE-3" in case.observation.what
    assert case.violation_code == ""  # the decided violation is set by the decision, not the suggestion
    files = list(case.evidence.exclude(file=""))
    assert len(files) == 1 and files[0].content_type == "application/json"
    with evidence_open(files[0]) as handle:
        data = handle.read()
    assert hashlib.sha256(data).hexdigest() == files[0].sha256
    record = json.loads(data)
    assert record["text"] == item.text and record["analysis"]["violation_code"] == "KE-3"
    assert list(case.evidence.exclude(link="").values_list("link", flat=True)) == [item.url]
    item.refresh_from_db()
    assert item.case == case and item.triage == Item.Triage.TEMUAN
    assert Event.objects.filter(action="monitoring.item.temuan", object_id=str(item.pk)).exists()
    with pytest.raises(ValidationError):
        triage.item_to_temuan(item, user=user)
    assert Case.objects.count() == 1
    client.force_login(user)
    page = client.get(f"/kasus/{case.pk}/").content.decode()
    assert "Berasal dari pemantauan" in page and f"/pemantauan/butir/{item.pk}/" in page


def test_jadikan_temuan_from_the_page_opens_the_case(make_item, roster, officer, client):
    item = make_item(author_matches=[match(roster[0])])
    client.force_login(officer("bintan"))
    response = client.post(f"/pemantauan/butir/{item.pk}/temuan/", {"pegawai": roster[0].pk})
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/kasus/{case.pk}/"
    assert case.terlapor.get().pegawai == roster[0]


def test_temuan_needs_pengawas_or_pimpinan(make_item, officer):
    item = make_item()
    with pytest.raises(PermissionDenied):
        triage.item_to_temuan(item, user=officer("bintan", Role.STAF_PENANGANAN))
    assert not Case.objects.exists()
    item.refresh_from_db()
    assert item.case is None and item.triage == Item.Triage.NEW


def test_cluster_actions_touch_only_open_items_in_the_territory(make_item, make_cluster, roster, officer):
    a = make_item(author_matches=[match(roster[0])])
    b = make_item(author_matches=[match(roster[1])])
    done = make_item(triage=Item.Triage.DISMISSED, dismiss_reason="lama")
    far = make_item(source="lingga", region="21.04.01")
    cluster = make_cluster([a, b, done, far], coordinated=True)
    user = officer("bintan")
    assert triage.cluster_watch(user=user, cluster=cluster) == 2
    assert WatchedAccount.objects.count() == 2
    assert triage.cluster_dismiss(user=user, cluster=cluster, reason="Pesan berantai yang sama.") == 0
    Item.objects.filter(pk__in=[a.pk, b.pk]).update(triage=Item.Triage.NEW)
    assert triage.cluster_dismiss(user=user, cluster=cluster, reason="Pesan berantai yang sama.") == 2
    far.refresh_from_db()
    done.refresh_from_db()
    assert far.triage == Item.Triage.NEW and done.dismiss_reason == "lama"
    with pytest.raises(ValidationError):
        triage.cluster_dismiss(user=user, cluster=cluster, reason="")


def test_watched_accounts_page_adds_and_removes(roster, officer, client):
    client.force_login(officer("bintan"))
    options = client.get("/pemantauan/akun/roster/", {"q": "Budi"}).content.decode()
    assert "Budi Santoso" in options and "Yusuf" not in options
    response = client.post(
        "/pemantauan/akun/", {"platform": "instagram", "handle": "@Budi.Santoso", "pegawai": roster[1].pk}
    )
    assert response.status_code == 302
    account = WatchedAccount.objects.get()
    assert (account.handle, account.pegawai, account.office.region_code) == (
        "budi.santoso",
        roster[1],
        "21.01",
    )
    assert "budi.santoso" in client.get("/pemantauan/akun/").content.decode()
    assert (
        client.post("/pemantauan/akun/", {"platform": "instagram", "handle": "budi.santoso"}).status_code
        == 400
    )
    assert client.post(f"/pemantauan/akun/{account.pk}/hapus/").status_code == 302
    assert not WatchedAccount.objects.exists()
    assert Event.objects.filter(action__startswith="monitoring.watched.").count() == 2


def test_jadikan_temuan_attaches_a_captured_snapshot(make_item, roster, officer, settings):
    from netra.monitoring.models import Capture
    from tests.monitoring_capture.conftest import Answer, LocalSite

    settings.NETRA_CAPTURE_ALLOW_PRIVATE = True  # the local server is on the loopback address
    settings.NETRA_CAPTURE_TIMEOUT = 10
    site = LocalSite()
    try:
        page = b"<html><body><p>Ayo dukung paslon nomor 2!</p></body></html>"
        site.route("/status/7", Answer(200, page, {"Content-Type": "text/html; charset=utf-8"}))
        item = make_item(url=site.url("/status/7"), author_matches=[match(roster[0])])
        case = triage.item_to_temuan(item, user=officer("bintan"))
    finally:
        site.close()
    capture = Capture.objects.get(item=item)
    stored = {e.original_name: e for e in case.evidence.exclude(file="")}
    warc = stored[f"tangkapan-{capture.pk}.warc.gz"]
    assert warc.sha256 == capture.warc_sha256
    if capture.rendered_file:  # Chromium present: the rendered page too, with the capture's hash
        rendered = stored[f"tangkapan-{capture.pk}.{capture.rendered_kind}"]
        assert rendered.sha256 == capture.rendered_sha256
    assert not case.evidence.exclude(link="").exists()  # the snapshot stands for the link
    assert f"butir-pemantauan-{item.pk}.json" in stored


def test_jadikan_temuan_uses_the_capture_already_made(make_item, roster, officer, settings):
    from netra.monitoring.models import Capture
    from netra.monitoring.services.capture import capture_url
    from tests.monitoring_capture.conftest import Answer, LocalSite

    settings.NETRA_CAPTURE_ALLOW_PRIVATE = True
    settings.NETRA_CHROMIUM = "/nonexistent/chromium"  # the WARC is enough here
    site = LocalSite()
    try:
        site.route("/status/8", Answer(200, b"<p>Coblos nomor 2</p>", {"Content-Type": "text/html"}))
        item = make_item(url=site.url("/status/8"), author_matches=[match(roster[0])])
        earlier = capture_url(item.url, user=officer("bintan"), item=item)
        case = triage.item_to_temuan(item, user=officer("bintan"))
        fetched = [seen.path for seen in site.seen]
    finally:
        site.close()
    assert fetched == ["/status/8"]  # once, by the officer's capture: the temuan fetched nothing more
    assert Capture.objects.filter(item=item).count() == 1
    stored = {e.original_name: e.sha256 for e in case.evidence.exclude(file="")}
    assert stored[f"tangkapan-{earlier.pk}.warc.gz"] == earlier.warc_sha256


def test_jadikan_temuan_on_the_page_queues_the_capture_and_the_worker_adds_it(
    make_item, roster, officer, client, settings, django_capture_on_commit_callbacks
):
    from netra.monitoring.models import Capture
    from tests.monitoring_capture.conftest import Answer, LocalSite
    from tests.monitoring_capture.test_views import _run_queued

    settings.NETRA_CAPTURE_ALLOW_PRIVATE = True
    settings.NETRA_CHROMIUM = "/nonexistent/chromium"  # the WARC is enough here
    user = officer("bintan")
    site = LocalSite()
    try:
        site.route("/status/9", Answer(200, b"<p>Pilih nomor 2</p>", {"Content-Type": "text/html"}))
        item = make_item(url=site.url("/status/9"), author_matches=[match(roster[0])])
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/pemantauan/butir/{item.pk}/temuan/", {"pegawai": roster[0].pk}, follow=True
            )
        fetched_in_request = list(site.seen)
        case = Case.objects.get()
        capture = Capture.objects.get(item=item)
        assert response.status_code == 200 and "sedang ditangkap" in response.content.decode()
        assert fetched_in_request == []  # the officer did not wait for the page
        assert (capture.state, capture.case_id, capture.captured_by) == ("pending", case.pk, user)
        assert list(case.evidence.exclude(link="").values_list("link", flat=True)) == [item.url]
        assert 'data-testid="capture-pending-for-case"' in client.get(f"/kasus/{case.pk}/").content.decode()
        assert _run_queued() == 1  # the worker's turn
    finally:
        site.close()
    capture.refresh_from_db()
    stored = {e.original_name: e.sha256 for e in case.evidence.exclude(file="")}
    assert capture.state == "done" and stored[f"tangkapan-{capture.pk}.warc.gz"] == capture.warc_sha256
    event = Event.objects.get(action="monitoring.capture_attach", object_id=str(capture.pk))
    assert event.data == {"case_id": case.pk, "item_id": item.pk, "evidence": [capture.warc_sha256]}
    assert capture_evidence_attach(capture) == 0  # delivered twice: nothing added twice
    assert case.evidence.exclude(file="").count() == 2  # the item's JSON and the WARC
    assert 'data-testid="capture-pending-for-case"' not in client.get(f"/kasus/{case.pk}/").content.decode()


def test_a_capture_task_delivered_again_adds_what_the_first_run_did_not(
    make_item, roster, officer, settings, monkeypatch
):
    from netra.monitoring.models import Capture
    from netra.monitoring.services import capture as capture_service
    from netra.monitoring.tasks_capture import capture_run
    from tests.monitoring_capture.conftest import Answer, LocalSite

    settings.NETRA_CAPTURE_ALLOW_PRIVATE = True
    settings.NETRA_CHROMIUM = "/nonexistent/chromium"
    user = officer("bintan")
    site = LocalSite()
    try:
        site.route("/status/10", Answer(200, b"<p>Nomor 2</p>", {"Content-Type": "text/html"}))
        item = make_item(url=site.url("/status/10"), author_matches=[match(roster[0])])
        case = triage.item_to_temuan(item, user=user, queue_capture=True)
        capture = Capture.objects.get(item=item, case=case)

        def worker_dies(_capture):
            raise RuntimeError("the worker stopped between the capture and the evidence")

        monkeypatch.setattr(capture_service, "capture_evidence_attach", worker_dies)
        with pytest.raises(RuntimeError):
            capture_run.call(capture.pk)
    finally:
        site.close()
    monkeypatch.undo()
    capture.refresh_from_db()
    assert capture.state == "done" and capture.warc_sha256
    assert not case.evidence.filter(sha256=capture.warc_sha256).exists()
    again = capture_run.call(capture.pk)
    assert (again["state"], again["evidence_added"]) == ("skipped", 1)
    assert case.evidence.filter(sha256=capture.warc_sha256).count() == 1


def test_a_refused_url_leaves_the_page_temuan_with_its_link(make_item, roster, officer, client):
    from netra.monitoring.models import Capture

    item = make_item(url="http://127.0.0.1:9/status/1", author_matches=[match(roster[0])])  # private
    client.force_login(officer("bintan"))
    response = client.post(f"/pemantauan/butir/{item.pk}/temuan/", {"pegawai": roster[0].pk}, follow=True)
    case = Case.objects.get()
    assert response.status_code == 200 and "sedang ditangkap" not in response.content.decode()
    assert not Capture.objects.exists()
    assert list(case.evidence.exclude(link="").values_list("link", flat=True)) == [item.url]


def test_queue_api_pages_with_the_next_cursor_header(make_item, officer, client):
    high, low = make_item(priority=0.9), make_item(priority=0.1)
    make_item(priority=0.99, state=Item.State.PENDING)
    client.force_login(officer("bintan"))
    first = client.get("/api/v1/monitoring/queue", {"limit": 1})
    assert [row["id"] for row in first.json()] == [high.pk]
    second = client.get("/api/v1/monitoring/queue", {"limit": 1, "cursor": first["X-Next-Cursor"]})
    assert [row["id"] for row in second.json()] == [low.pk] and "X-Next-Cursor" not in second
    assert client.get("/api/v1/monitoring/queue", {"cursor": "nonsense"}).status_code in (400, 422)
    assert client.get("/api/v1/monitoring/queue", {"office": "99.99"}).status_code in (400, 422)


def test_a_pending_item_offers_no_action(make_item, officer, client):
    item = make_item(state=Item.State.PENDING)
    client.force_login(officer("bintan"))
    page = client.get(f"/pemantauan/butir/{item.pk}/").content.decode()
    assert 'data-testid="make-temuan"' not in page
    with pytest.raises(ValidationError):
        triage.item_dismiss(user=officer("bintan"), item=item, reason="x")
