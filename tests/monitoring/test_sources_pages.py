"""The sources pages: scoped lists with pipeline counts, creating sources, uploads with a dry run."""

import pytest
from django.urls import reverse

from netra.accounts.models import Role
from netra.monitoring.models import Item, Source
from netra.monitoring.services.ingest import items_add

CSV = "Isi,Akun,Waktu\nAyo semua hadir di acara kampung minggu ini,@warga1,2024-01-05 08:00\n,@kosong,\n"


@pytest.fixture
def officer(world, make_user, client):
    user = make_user(world["offices"]["bintan"], Role.ANALIS)
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_the_list_shows_the_territorys_sources_with_pipeline_state(client, officer, sources):
    items_add(
        source=sources["upload"], rows=[{"text": "satu dua tiga"}, {"text": "empat lima enam"}], kind="post"
    )
    Item.objects.filter(text="satu dua tiga").update(state="parked")
    page = client.get(reverse("monitoring:source_list"))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('data-testid="source-row"') == 2  # Bintan's two sources, not Lingga's
    assert "Mitra" in html
    # Lingga's source is outside Bintan's territory: 404, never a 403 that confirms it exists.
    assert client.get(reverse("monitoring:source_detail", args=[sources["lingga"].pk])).status_code == 404
    detail = client.get(reverse("monitoring:source_detail", args=[sources["upload"].pk])).content.decode()
    assert "upload-form" in detail and "<dd>1</dd>" in detail  # one pending, one parked


@pytest.mark.django_db
def test_creating_sources_of_each_kind(client, officer, world):
    url = reverse("monitoring:source_list")
    answer = client.post(
        url,
        {
            "name": "Berita Kepri",
            "kind": "feed",
            "url": "https://berita.example/rss",
            "fetch_interval": 900,
            "column_mapping": "",
        },
    )
    assert answer.status_code == 302
    feed_page = client.get(answer["Location"]).content.decode()
    assert 'data-testid="feed-fetch-button"' in feed_page  # "Ambil sekarang" on a feed source
    client.post(
        url,
        {
            "name": "Ekspor FB",
            "kind": "upload",
            "fetch_interval": 900,
            "column_mapping": "text = Isi\nauthor_handle = Akun\nposted_at = Waktu",
        },
    )
    client.post(url, {"name": "Mitra A", "kind": "push", "fetch_interval": 900, "column_mapping": ""})
    kinds = dict(Source.objects.values_list("name", "kind"))
    assert kinds == {"Berita Kepri": "feed", "Ekspor FB": "upload", "Mitra A": "push"}
    assert Source.objects.get(name="Ekspor FB").column_mapping == {
        "text": "Isi",
        "author_handle": "Akun",
        "posted_at": "Waktu",
    }
    assert {s.office for s in Source.objects.all()} == {world["offices"]["bintan"]}
    refused = client.post(url, {"name": "Umpan", "kind": "feed", "url": "", "fetch_interval": 900})
    assert refused.status_code == 400 and "alamat http(s)" in refused.content.decode()
    duplicate = client.post(url, {"name": "Mitra A", "kind": "push", "fetch_interval": 900})
    assert duplicate.status_code == 400 and "sudah memiliki sumber" in duplicate.content.decode()
    bad_mapping = client.post(
        url, {"name": "X", "kind": "upload", "fetch_interval": 900, "column_mapping": "isi = Teks"}
    )
    assert bad_mapping.status_code == 400 and "tidak dikenal" in bad_mapping.content.decode()


@pytest.mark.django_db
def test_upload_dry_run_then_for_real_with_htmx(client, officer, sources):
    source = sources["upload"]
    source.column_mapping = {"text": "Isi", "author_handle": "Akun", "posted_at": "Waktu"}
    source.save()
    url = reverse("monitoring:source_upload", args=[source.pk])

    def upload(dry_run):
        from django.core.files.uploadedfile import SimpleUploadedFile

        data = {"file": SimpleUploadedFile("ekspor.csv", CSV.encode()), "kind": "post", "fmt": ""}
        if dry_run:
            data["dry_run"] = "on"
        return client.post(url, data, HTTP_HX_REQUEST="true")

    preview = upload(True)
    html = preview.content.decode()
    assert preview.status_code == 200 and 'id="upload-result"' in html and "<html" not in html
    assert "Uji coba" in html and "1 akan ditambahkan" in html and "Teks kosong" in html
    assert not Item.objects.exists()
    done = upload(False).content.decode()
    assert "1 butir baru" in done and Item.objects.get().author_handle == "warga1"
    assert "1 duplikat" in upload(False).content.decode()


@pytest.mark.django_db
def test_uploads_only_into_upload_sources_and_not_by_others(client, officer, sources, world, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    push_url = reverse("monitoring:source_upload", args=[sources["push"].pk])
    answer = client.post(push_url, {"file": SimpleUploadedFile("a.csv", CSV.encode()), "kind": "post"})
    assert answer.status_code == 403
    bad = client.post(
        reverse("monitoring:source_upload", args=[sources["upload"].pk]),
        {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4"), "kind": "post"},
    )
    assert bad.status_code == 400 and "jsonl, csv atau xlsx" in bad.content.decode()
    client.force_login(make_user(world["offices"]["bkn"], Role.ADMIN))
    assert client.get(reverse("monitoring:source_list")).status_code == 403
