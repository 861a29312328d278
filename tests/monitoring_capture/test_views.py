"""The capture button's view: the capture is queued (the view answers at once with its state, the
fragment polls), a worker's task does it; role and jurisdiction through the item, downloads."""

import hashlib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from netra.accounts.models import Role
from netra.audit.models import Event
from netra.monitoring.models import Capture, Item, Source
from netra.monitoring.tasks_capture import capture_run
from tests.monitoring_capture.conftest import Answer

PAGE = b"<html><body><h1>Unggahan uji</h1></body></html>"


@pytest.fixture
def no_chromium(settings, tmp_path):
    settings.NETRA_CHROMIUM = str(tmp_path / "no-chromium")  # these tests look at the WARC side


@pytest.fixture
def item(world, site):
    bintan = world["offices"]["bintan"]
    source = Source.objects.create(name="Ekspor uji", kind=Source.Kind.UPLOAD, office=bintan)
    site.route("/post/1", Answer(200, PAGE, {"Content-Type": "text/html"}))
    return Item.objects.create(
        source=source,
        kind=Item.Kind.POST,
        content_hash="a" * 64,
        text="Ayo dukung paslon nomor 1",
        url=site.url("/post/1"),
        received_at=timezone.now(),
        region_code="21.01",
        state=Item.State.DONE,
    )


HTMX = {"HTTP_HX_REQUEST": "true"}


def _login(client, user):
    client.force_login(user)
    return client


def _run_queued() -> int:
    """What a worker does: run every queued capture task (the database backend's rows)."""
    ran = 0
    for row in DBTaskResult.objects.filter(task_path="netra.monitoring.tasks_capture.capture_run"):
        capture_run.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
        ran += 1
    return ran


def _press(client, item, on_commit, **extra):
    """Press "Tangkap halaman"; the request's commit enqueues the task."""
    with on_commit(execute=True):
        return client.post(reverse("monitoring:item_capture", args=[item.pk]), **extra)


@pytest.mark.django_db
def test_officer_captures_an_item_and_sees_its_hashes(
    client, world, item, site, no_chromium, django_capture_on_commit_callbacks
):
    officer = world["staff"]["bintan"][Role.PENGAWAS]
    response = _press(_login(client, officer), item, django_capture_on_commit_callbacks, **HTMX)
    # The request only queues: nothing was fetched yet, the fragment says "menunggu" and polls.
    assert response.status_code == 200 and site.seen == []
    capture = Capture.objects.get(item=item)
    assert capture.state == Capture.State.PENDING and capture.warc_sha256 == ""
    html = response.content.decode()
    assert 'data-testid="capture-pending"' in html and "menunggu" in html
    polling = f'hx-get="{reverse("monitoring:item_captures", args=[item.pk])}" hx-trigger="every 2s"'
    assert polling in html and "<script" not in html
    assert Event.objects.filter(action="monitoring.capture_request", object_id=str(capture.pk)).exists()

    assert _run_queued() == 1  # the worker's turn
    capture.refresh_from_db()
    assert capture.state == Capture.State.DONE and capture.status_code == 200
    assert [seen.path for seen in site.seen] == ["/post/1"]  # no robots.txt: a capture is not a crawl
    assert site.seen[0].headers["user-agent"].startswith("Netra/")  # but it says who is asking
    audit = Event.objects.get(action="monitoring.capture", object_id=str(capture.pk))
    assert audit.data["warc_sha256"] == capture.warc_sha256 and audit.actor == officer.username
    listed = client.get(reverse("monitoring:item_captures", args=[item.pk]), **HTMX)
    html = listed.content.decode()
    assert capture.warc_sha256 in html and "<html" not in html and 'data-testid="captures"' in html
    assert "Chromium tidak ditemukan" in html  # the rendering's absence is said, not hidden
    assert "hx-trigger" not in html.split("<form")[0]  # done: the list stops polling
    assert capture_run.call(capture.pk)["state"] == "skipped"  # a task delivered twice does nothing

    download = client.get(reverse("monitoring:capture_download", args=[item.pk, capture.pk, "warc"]))
    body = b"".join(download.streaming_content)
    assert download.status_code == 200 and hashlib.sha256(body).hexdigest() == capture.warc_sha256
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    missing = client.get(reverse("monitoring:capture_download", args=[item.pk, capture.pk, "rendered"]))
    assert missing.status_code == 404


@pytest.mark.django_db
def test_a_second_click_while_pending_joins_the_first(
    client, world, item, site, no_chromium, django_capture_on_commit_callbacks
):
    _login(client, world["staff"]["bintan"][Role.PENGAWAS])
    _press(client, item, django_capture_on_commit_callbacks, **HTMX)
    again = _press(client, item, django_capture_on_commit_callbacks, **HTMX)
    assert again.status_code == 200 and 'data-testid="capture-pending"' in again.content.decode()
    assert Capture.objects.filter(item=item).count() == 1
    assert _run_queued() == 1 and site.seen[0].path == "/post/1" and len(site.seen) == 1
    # Once done, a new click is a new capture.
    _press(client, item, django_capture_on_commit_callbacks, **HTMX)
    assert Capture.objects.filter(item=item).count() == 2


@pytest.mark.django_db
def test_a_failed_capture_shows_gagal_with_the_reason(
    client, world, item, site, no_chromium, django_capture_on_commit_callbacks
):
    item.url = site.url("/lambat")  # the server is gone by the time the worker runs
    item.save(update_fields=["url"])
    _login(client, world["staff"]["bintan"][Role.PENGAWAS])
    _press(client, item, django_capture_on_commit_callbacks, **HTMX)
    site.close()
    _run_queued()
    capture = Capture.objects.get(item=item)
    assert capture.state == Capture.State.FAILED and capture.error and not capture.warc_file
    assert Event.objects.filter(action="monitoring.capture_failed", object_id=str(capture.pk)).exists()
    html = client.get(reverse("monitoring:item_captures", args=[item.pk]), **HTMX).content.decode()
    assert 'data-testid="capture-failed"' in html and "gagal" in html and capture.error in html
    assert 'hx-trigger="every' not in html


@pytest.mark.django_db
def test_the_worker_checks_the_officer_again(
    client, world, item, site, no_chromium, django_capture_on_commit_callbacks
):
    """An officer who lost the capturing role between the click and the worker: nothing is fetched."""
    officer = world["staff"]["bintan"][Role.PENGAWAS]
    _press(_login(client, officer), item, django_capture_on_commit_callbacks, **HTMX)
    officer.role = Role.ADMIN
    officer.save(update_fields=["role"])
    _run_queued()
    assert Capture.objects.get(item=item).state == Capture.State.FAILED and site.seen == []


@pytest.mark.django_db
def test_a_refused_url_answers_the_fragment_with_the_reason(client, world, item, settings, site):
    settings.NETRA_CAPTURE_ALLOW_PRIVATE = False
    officer = world["staff"]["bintan"][Role.PENGAWAS]
    response = _login(client, officer).post(reverse("monitoring:item_capture", args=[item.pk]), **HTMX)
    assert response.status_code == 200
    assert "jaringan internal" in response.content.decode()
    assert not Capture.objects.exists() and site.seen == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("office", "role", "status"),
    [
        ("bintan", Role.STAF_PENANGANAN, 200),
        ("kepri", Role.PENGAWAS, 200),  # the province covers Bintan
        ("ri", Role.ANALIS, 200),
        ("bintan", Role.ADMIN, 403),  # in territory, but not a capturing role
        ("lingga", Role.PIMPINAN, 404),  # a sibling office: the item does not exist for it
        ("bandung", Role.PENGAWAS, 404),
        ("bkn", Role.PIMPINAN, 404),
        ("ppk_bintan", Role.PIMPINAN, 404),
    ],
)
def test_capture_access_matrix(
    client, world, item, no_chromium, office, role, status, django_capture_on_commit_callbacks
):
    user = world["staff"][office][role]
    response = _press(_login(client, user), item, django_capture_on_commit_callbacks, **HTMX)
    assert response.status_code == status
    assert Capture.objects.filter(item=item).exists() == (status == 200)
    assert DBTaskResult.objects.exists() == (status == 200)  # nothing queued for a refused user
    _run_queued()
    assert Capture.objects.filter(item=item, state=Capture.State.DONE).exists() == (status == 200)


@pytest.mark.django_db
def test_other_offices_cannot_list_or_download(
    client, world, item, no_chromium, django_capture_on_commit_callbacks
):
    officer = world["staff"]["bintan"][Role.PENGAWAS]
    _press(_login(client, officer), item, django_capture_on_commit_callbacks, **HTMX)
    _run_queued()
    capture = Capture.objects.get(item=item)
    client.logout()
    _login(client, world["staff"]["lingga"][Role.PENGAWAS])
    assert client.get(reverse("monitoring:item_captures", args=[item.pk])).status_code == 404
    url = reverse("monitoring:capture_download", args=[item.pk, capture.pk, "warc"])
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # anonymous: to the login page


@pytest.mark.django_db
def test_capture_needs_post(client, world, item):
    _login(client, world["staff"]["bintan"][Role.PENGAWAS])
    assert client.get(reverse("monitoring:item_capture", args=[item.pk])).status_code == 405


@pytest.mark.django_db
def test_without_javascript_the_captures_page_and_a_plain_post_work(
    client, world, item, no_chromium, django_capture_on_commit_callbacks
):
    _login(client, world["staff"]["bintan"][Role.PENGAWAS])
    page = client.get(reverse("monitoring:item_captures", args=[item.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "<html" in html and 'data-testid="capture-button"' in html
    posted = _press(client, item, django_capture_on_commit_callbacks)
    assert posted.status_code == 302 and posted["Location"] == reverse(
        "monitoring:item_captures", args=[item.pk]
    )
    assert "menunggu" in client.get(posted["Location"]).content.decode()
    _run_queued()
    capture = Capture.objects.get(item=item)
    assert capture.warc_sha256 in client.get(posted["Location"]).content.decode()


@pytest.mark.django_db(transaction=True)
def test_netra_worker_runs_the_queued_capture(client, world, item, no_chromium):
    """The whole path without a test transaction: the request commits, the task is queued in the
    database backend, ``netra worker --burst`` runs it."""
    from typer.testing import CliRunner

    from netra.cli import app

    _login(client, world["staff"]["bintan"][Role.PENGAWAS])
    client.post(reverse("monitoring:item_capture", args=[item.pk]), **HTMX)
    assert Capture.objects.get(item=item).state == Capture.State.PENDING
    worker = CliRunner().invoke(app, ["worker", "--burst"])
    assert worker.exit_code == 0, worker.output
    capture = Capture.objects.get(item=item)
    assert capture.state == Capture.State.DONE and capture.warc_sha256


@pytest.mark.django_db
def test_a_capture_left_running_by_a_dead_worker_does_not_block_a_new_one(
    client, world, item, no_chromium, settings, django_capture_on_commit_callbacks
):
    _login(client, world["staff"]["bintan"][Role.PENGAWAS])
    _press(client, item, django_capture_on_commit_callbacks, **HTMX)
    lost = Capture.objects.get(item=item)
    long_ago = timezone.now() - timedelta(seconds=settings.NETRA_CAPTURE_STALE + 60)
    Capture.objects.filter(pk=lost.pk).update(state=Capture.State.RUNNING, started_at=long_ago)
    _press(client, item, django_capture_on_commit_callbacks, **HTMX)
    lost.refresh_from_db()
    assert lost.state == Capture.State.FAILED and "Pekerja berhenti" in lost.error
    assert Capture.objects.filter(item=item, state=Capture.State.PENDING).count() == 1
