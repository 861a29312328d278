"""Evidence capture of a web page: WARC + rendered PDF/PNG with SHA-256, audited, verifiable."""

import gzip
import hashlib
import os
import stat
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from warcio.archiveiterator import ArchiveIterator

from netra.accounts.models import Role
from netra.audit.models import Event
from netra.audit.services import chain_verify
from netra.monitoring.capture.fetch import Limits, fetch
from netra.monitoring.capture.render import RenderOptions, render_page
from netra.monitoring.models import Capture
from netra.monitoring.services.capture import CaptureError, capture_url, capture_verify_all
from tests.monitoring_capture.conftest import Answer

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="rendering needs Debian's chromium")

PAGE = (
    b"<!doctype html><html><head><meta charset='utf-8'><title>Berita uji</title>"
    b"<link rel='stylesheet' href='/gaya.css'></head><body><h1>Camat hadir di kampanye</h1>"
    b"<p>Isi berita untuk uji tangkapan.</p></body></html>"
)


def _records(data: bytes) -> list:
    found = []
    for record in ArchiveIterator(BytesIO(data)):
        uri = record.rec_headers.get_header("WARC-Target-URI")
        found.append((record.rec_type, uri, record.content_stream().read()))
    return found


def _stored(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


@needs_chromium
@pytest.mark.django_db
def test_capture_stores_warc_and_pdf_with_hashes_and_audit(world, site):
    site.route("/berita", Answer(200, PAGE, {"Content-Type": "text/html; charset=utf-8"}))
    site.route("/gaya.css", Answer(200, b"h1 { color: #800; }", {"Content-Type": "text/css"}))
    user = world["staff"]["bintan"][Role.PENGAWAS]

    capture = capture_url(site.url("/berita"), user=user)

    assert capture.status_code == 200 and capture.error == ""
    warc = _stored(capture.warc_file.name)
    assert hashlib.sha256(warc).hexdigest() == capture.warc_sha256
    assert warc[:2] == b"\x1f\x8b"  # gzip members, as WARC readers expect
    records = _records(warc)
    kinds = [(kind, uri) for kind, uri, _ in records]
    assert kinds[0][0] == "warcinfo"
    assert ("response", site.url("/berita")) in kinds and ("request", site.url("/berita")) in kinds
    # The style sheet the renderer needed was fetched by the guarded client and archived too.
    assert ("response", site.url("/gaya.css")) in kinds
    responses = {uri: body for kind, uri, body in records if kind == "response"}
    assert responses[site.url("/berita")] == PAGE
    # The page itself was fetched once: the renderer used the bytes already fetched.
    assert [seen.path for seen in site.seen].count("/berita") == 1

    rendered = _stored(capture.rendered_file.name)
    assert capture.rendered_kind == "pdf" and rendered.startswith(b"%PDF")
    assert hashlib.sha256(rendered).hexdigest() == capture.rendered_sha256
    for name in (capture.warc_file.name, capture.rendered_file.name):
        path = Path(default_storage.path(name))
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700

    event = Event.objects.get(action="monitoring.capture", object_id=str(capture.pk))
    assert event.actor == user.username
    assert event.data["warc_sha256"] == capture.warc_sha256
    assert event.data["rendered_sha256"] == capture.rendered_sha256
    assert event.data["url"] == site.url("/berita")
    assert chain_verify().ok


@needs_chromium
@pytest.mark.django_db
def test_capture_as_png_when_configured(world, site, settings):
    settings.NETRA_CAPTURE_RENDER = "png"
    site.route("/", Answer(200, PAGE, {"Content-Type": "text/html"}))
    capture = capture_url(site.url("/"), user=world["staff"]["bintan"][Role.ANALIS])
    assert capture.rendered_kind == "png"
    assert _stored(capture.rendered_file.name).startswith(b"\x89PNG")


@pytest.mark.django_db
def test_missing_chromium_keeps_the_warc_and_says_why(world, site, settings, tmp_path):
    settings.NETRA_CHROMIUM = str(tmp_path / "no-chromium")
    site.route("/", Answer(200, PAGE, {"Content-Type": "text/html"}))

    capture = capture_url(site.url("/"), user=world["staff"]["bintan"][Role.PENGAWAS])

    assert capture.warc_sha256 and capture.rendered_kind == "" and not capture.rendered_file
    assert "Chromium tidak ditemukan" in capture.error
    assert hashlib.sha256(_stored(capture.warc_file.name)).hexdigest() == capture.warc_sha256
    event = Event.objects.get(action="monitoring.capture", object_id=str(capture.pk))
    assert "Chromium tidak ditemukan" in event.data["error"]


@pytest.mark.django_db
def test_error_status_is_captured_as_what_the_server_answered(world, site, settings, tmp_path):
    settings.NETRA_CHROMIUM = str(tmp_path / "none")
    site.route("/hilang", Answer(410, b"sudah dihapus", {"Content-Type": "text/plain"}))
    capture = capture_url(site.url("/hilang"), user=world["staff"]["bintan"][Role.PENGAWAS])
    assert capture.status_code == 410
    responses = [body for kind, _, body in _records(_stored(capture.warc_file.name)) if kind == "response"]
    assert responses == [b"sudah dihapus"]


@pytest.mark.django_db
def test_private_addresses_are_refused_unless_allowed(world, site, settings):
    settings.NETRA_CAPTURE_ALLOW_PRIVATE = False
    site.route("/", Answer(200, PAGE))
    user = world["staff"]["bintan"][Role.PENGAWAS]
    for url in (
        site.url("/"),
        "http://localhost/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/",
    ):
        with pytest.raises(CaptureError, match="jaringan internal"):
            capture_url(url, user=user)
    with pytest.raises(CaptureError, match="http:// atau https://"):
        capture_url("file:///etc/passwd", user=user)
    assert site.seen == [] and not Capture.objects.exists()


@pytest.mark.django_db
def test_a_redirect_to_a_private_address_is_refused(world, site, settings):
    # The first hop is allowed (a public site in real life); its redirect into the network is not.
    settings.NETRA_CAPTURE_ALLOW_PRIVATE = False
    limits = Limits(allow_private=False)
    with pytest.raises(Exception, match="jaringan internal"):
        fetch("http://127.0.0.1/", limits=limits)
    site.route("/pindah", Answer(302, b"", {"Location": "http://169.254.169.254/"}))
    from netra.monitoring.capture import fetch as fetch_module

    public_first = {"done": False}
    original = fetch_module.resolve

    def resolve(host, port, *, allow_private):
        if not public_first["done"]:  # pretend the first host is public
            public_first["done"] = True
            return original(host, port, allow_private=True)
        return original(host, port, allow_private=allow_private)

    fetch_module.resolve = resolve
    try:
        with pytest.raises(CaptureError, match=r"169\.254\.169\.254"):
            capture_url(site.url("/pindah"), user=world["staff"]["bintan"][Role.PENGAWAS])
    finally:
        fetch_module.resolve = original
    assert [seen.path for seen in site.seen] == ["/pindah"]


@pytest.mark.django_db
def test_limits_size_redirects_and_chunked(world, site, settings, tmp_path):
    settings.NETRA_CHROMIUM = str(tmp_path / "none")
    settings.NETRA_CAPTURE_MAX_MB = 1
    user = world["staff"]["bintan"][Role.PENGAWAS]
    site.route("/besar", Answer(200, b"x" * (1024 * 1024 + 1)))
    with pytest.raises(CaptureError, match=r"terlalu besar|melebihi"):
        capture_url(site.url("/besar"), user=user)
    site.route("/besar-chunked", Answer(200, b"y" * (1024 * 1024 + 10), chunked=True))
    with pytest.raises(CaptureError, match="melebihi"):
        capture_url(site.url("/besar-chunked"), user=user)
    for n in range(7):
        site.route(f"/r{n}", Answer(302, b"", {"Location": f"/r{n + 1}"}))
    with pytest.raises(CaptureError, match="pengalihan"):
        capture_url(site.url("/r0"), user=user)
    # A chunked page: the WARC keeps the framing as received, the capture reads the body.
    site.route("/potong", Answer(200, PAGE, {"Content-Type": "text/html"}, chunked=True))
    site.route("/awal", Answer(301, b"", {"Location": "/potong"}))
    capture = capture_url(site.url("/awal"), user=user)
    records = _records(_stored(capture.warc_file.name))
    responses = [(uri, body) for kind, uri, body in records if kind == "response"]
    assert [uri for uri, _ in responses] == [site.url("/awal"), site.url("/potong")]
    assert responses[1][1] == PAGE  # warcio de-chunks on reading; the stored record holds the framing
    raw = gzip.decompress(_stored(capture.warc_file.name))
    assert b"Transfer-Encoding: chunked" in raw


@pytest.mark.django_db
def test_only_supervisory_capturing_staff_may_capture(world, site):
    site.route("/", Answer(200, PAGE))
    with pytest.raises(PermissionDenied):
        capture_url(site.url("/"), user=world["staff"]["ppk_bintan"][Role.PIMPINAN])
    with pytest.raises(PermissionDenied):
        capture_url(site.url("/"), user=world["staff"]["bintan"][Role.ADMIN])
    assert site.seen == []


@pytest.mark.django_db
def test_verify_finds_a_changed_or_missing_file(world, site, settings, tmp_path):
    settings.NETRA_CHROMIUM = str(tmp_path / "none")
    site.route("/a", Answer(200, b"satu"))
    site.route("/b", Answer(200, b"dua"))
    user = world["staff"]["bintan"][Role.PENGAWAS]
    first, second = capture_url(site.url("/a"), user=user), capture_url(site.url("/b"), user=user)
    assert capture_verify_all().failed == {}

    Path(default_storage.path(first.warc_file.name)).write_bytes(b"diubah")
    default_storage.delete(second.warc_file.name)
    report = capture_verify_all()
    assert report.checked == 2 and report.failed == {first.pk: ["warc"], second.pk: ["warc"]}
    assert Event.objects.filter(action="monitoring.capture_verify_failed").count() == 2


@needs_chromium
def test_the_renderer_never_reaches_the_network_itself(site):
    """Sub-resources go through the guarded client or nowhere: with a client that refuses every
    private address, neither the client nor Chromium on its own reaches the local server."""
    page = (
        b"<html><head><link rel='stylesheet' href='/gaya.css'></head><body><h1>Uji</h1>"
        b"<img src='" + site.url("/langsung.png").encode() + b"'>"
        b"<img src='http://169.254.169.254/meta.png'><script src='/skrip.js'></script>"
        b"<iframe src='http://tidak-ada.invalid/'></iframe></body></html>"
    )
    site.route("/", Answer(200, page, {"Content-Type": "text/html"}))
    fetched = fetch(site.url("/"), limits=Limits(allow_private=True))
    site.seen.clear()
    strict = Limits(allow_private=False, timeout=3)
    rendered = render_page(
        fetched, RenderOptions(chromium=CHROMIUM, timeout=10), lambda url: fetch(url, limits=strict)
    )
    assert rendered.data.startswith(b"%PDF")
    assert site.seen == []  # nothing reached the server: not the style sheet, not the direct image
    assert {site.url("/gaya.css"), site.url("/langsung.png"), "http://169.254.169.254/meta.png"} <= set(
        rendered.refused
    )


@pytest.mark.django_db
def test_cli_capture_json(world, site, settings, tmp_path):
    import json

    from typer.testing import CliRunner

    from netra.cli import app

    settings.NETRA_CHROMIUM = str(tmp_path / "none")
    site.route("/", Answer(200, PAGE, {"Content-Type": "text/html"}))
    user = world["staff"]["bintan"][Role.PENGAWAS]
    result = CliRunner().invoke(app, ["capture", site.url("/"), "--user", user.username, "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    capture = Capture.objects.get(pk=answer["capture_id"])
    assert answer["warc_sha256"] == capture.warc_sha256 and answer["status_code"] == 200
    assert answer["rendered_kind"] is None and "Chromium" in answer["error"]
    assert {"capture_id", "warc_sha256", "rendered_kind", "rendered_sha256", "captured_at"} <= set(answer)

    settings.NETRA_CAPTURE_ALLOW_PRIVATE = False
    refused = CliRunner().invoke(app, ["capture", site.url("/"), "--user", user.username, "--json"])
    assert refused.exit_code == 1 and "jaringan internal" in refused.output
    unknown = CliRunner().invoke(app, ["capture", site.url("/"), "--user", "siapa"])
    assert unknown.exit_code == 2

    capture_ok = CliRunner().invoke(app, ["monitor", "verify-captures", "--json"])
    assert capture_ok.exit_code == 0 and json.loads(capture_ok.output) == {"checked": 1, "failed": []}
