"""Ingest: rows from files and partners become pending items once, with row errors in Indonesian."""

import datetime as dt
import hashlib
import io
import json
import re
import unicodedata

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from typer.testing import CliRunner

from netra.audit.models import Event
from netra.cli import app
from netra.core.inputs import BIDI_CONTROLS
from netra.monitoring.models import Item
from netra.monitoring.services.ingest import (
    ElectionChooser,
    clean_row,
    clean_text,
    content_hash,
    ingest_file,
    items_add,
    read_rows,
)

POSTED = "2024-01-20T09:00:00+07:00"


def row(text="Ayo dukung paslon nomor 2, kita menangkan!", **extra):
    return {
        "platform": "X",
        "author_handle": "@Budi_S",
        "author_name": "Budi Santoso",
        "text": text,
        "posted_at": POSTED,
        **extra,
    }


@pytest.mark.django_db
def test_items_add_is_idempotent_by_content(sources, django_capture_on_commit_callbacks):
    source = sources["upload"]
    rows = [row(), row("Teks lain yang berbeda sama sekali untuk uji"), row()]  # the third repeats the first
    with django_capture_on_commit_callbacks() as callbacks:
        first = items_add(source=source, rows=rows, kind="post")
    assert (first.received, first.new, first.duplicates, first.errors) == (3, 2, 1, [])
    assert sorted(first.item_ids) == sorted(Item.objects.values_list("pk", flat=True))
    assert len(callbacks) == 1  # one pipeline task for the two new items (one batch)
    item = Item.objects.get(pk=first.item_ids[0])
    assert (item.state, item.platform, item.author_handle, item.kind) == ("pending", "x", "budi_s", "post")
    assert item.posted_at == dt.datetime(2024, 1, 20, 2, 0, tzinfo=dt.UTC)
    # The same rows again, with different layout of the same text: nothing new.
    again = items_add(
        source=source, rows=[row("  ayo DUKUNG paslon nomor 2,\n kita menangkan! ")], kind="post"
    )
    assert (again.received, again.new, again.duplicates, again.item_ids) == (1, 0, 1, [])
    assert Item.objects.count() == 2
    events = Event.objects.filter(action="monitoring.items_add")
    assert events.count() == 2 and events.first().data["new"] in (2, 0)


@pytest.mark.django_db
def test_row_errors_name_the_row_and_column_in_indonesian(sources):
    rows = [
        row(),
        {"author_name": "Tanpa Teks"},
        row("valid tapi url buruk", url="javascript:alert(1)"),
        row("waktu buruk", posted_at="kemarin sore"),
        row("angka buruk", reactions=-3, shares="banyak"),
        row("judul panjang", title="x" * 501),
        "bukan objek",
    ]
    result = items_add(source=sources["upload"], rows=rows, kind="post")
    assert result.new == 1 and result.received == 7
    found = {(e.row, e.column) for e in result.errors}
    assert found == {
        (2, "text"),
        (3, "url"),
        (4, "posted_at"),
        (5, "reactions"),
        (5, "shares"),
        (6, "title"),
        (7, ""),
    }
    reasons = {e.column: e.reason for e in result.errors}
    assert reasons["text"].startswith("Teks kosong")
    assert "http" in reasons["url"]


@pytest.mark.django_db
def test_control_and_bidi_characters_are_removed_and_long_bios_cut(sources):
    result = items_add(
        source=sources["upload"],
        rows=[
            row(
                "halo\x00 dunia \u202eterbalik\u202c\nbaris dua",
                author_name="Budi\tS\x07",
                author_bio="b" * 3000,
            )
        ],
        kind="post",
    )
    item = Item.objects.get(pk=result.item_ids[0])
    assert item.text == "halo dunia terbalik\nbaris dua"
    assert item.author_name == "Budi S"
    assert len(item.author_bio) == 2000


def test_content_hash_ignores_layout_but_not_author_or_url():
    base = content_hash(platform="x", url="https://X.com/a/1/", author="budi", text="Halo  Dunia")
    assert base == content_hash(platform="X ", url="https://x.com/a/1#top", author="Budi", text="halo dunia")
    assert base != content_hash(platform="x", url="https://x.com/a/2", author="budi", text="Halo Dunia")
    assert base != content_hash(platform="x", url="https://x.com/a/1", author="siti", text="Halo Dunia")


@given(
    st.dictionaries(
        st.sampled_from(["text", "url", "posted_at", "reactions", "title", "platform", "raw"]),
        st.one_of(st.text(), st.integers(), st.none(), st.floats(allow_nan=True), st.lists(st.text())),
    )
)
@settings(max_examples=200, deadline=None)
def test_clean_row_never_raises(record):
    values, errors = clean_row(record, 1)
    assert (values is None) == bool(errors)
    if values is not None:
        assert values["text"] and "\x00" not in values["text"]


def _reference_clean(value: str, multiline: bool) -> str:
    """The character-by-character cleaning ``clean_text`` shortcuts for clean text."""
    out = []
    for ch in unicodedata.normalize("NFC", value):
        if ch in BIDI_CONTROLS or unicodedata.category(ch) == "Cs":
            continue
        if unicodedata.category(ch) == "Cc":
            if ch in "\n\r\t":
                out.append(ch if multiline else " ")
            continue
        out.append(ch)
    cleaned = "".join(out)
    if multiline:
        cleaned = cleaned.replace("\r\n", "\n").replace("\r", "\n")
    else:
        cleaned = re.sub(r"[ \t\u00a0]+", " ", cleaned)
    return cleaned.strip()


# Letters, accents that compose (NFC/NFKC change them), ligatures, controls, bidi overrides, spaces.
TRICKY = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("aAéE\u0301\u0065\ufb01\u2126\u00a0 \t\n\r\x00\x1b\x85\x9f\u202e\u2066½")),
        st.characters(exclude_categories=("Cs",)),  # lone surrogates: not text to hash
    ),
    max_size=40,
)


WITH_SURROGATES = st.text(
    alphabet=st.one_of(st.sampled_from(["\ud800", "\udfff", "a", "\n", "\u202e"]), st.characters()),
    max_size=40,
)


@given(st.one_of(TRICKY, WITH_SURROGATES), st.booleans())
@settings(max_examples=400, deadline=None)
def test_clean_text_shortcut_gives_the_full_cleaning(value, multiline):
    assert clean_text(value, multiline=multiline) == _reference_clean(value, multiline)


@given(TRICKY)
@settings(max_examples=200, deadline=None)
def test_content_hash_shortcut_gives_the_full_normalisation(text):
    body = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    expected = hashlib.sha256("\x1f".join(["x", "", "budi", body]).encode()).hexdigest()
    assert content_hash(platform="x", url="", author="budi", text=text) == expected


@pytest.mark.django_db
def test_lone_surrogates_are_removed_from_text_and_refused_in_raw(sources):
    # JSON may escape half a surrogate pair ("\ud800"): no character, it cannot be hashed or stored.
    result = items_add(
        source=sources["upload"],
        rows=[row(text="halo \ud800dunia"), row(text="kedua", raw={"x": "\udfff"})],
        kind="post",
    )
    assert (result.new, [(e.row, e.column) for e in result.errors]) == (1, [(2, "raw")])
    assert Item.objects.get(pk=result.item_ids[0]).text == "halo dunia"


def test_readers_map_columns_and_report_bad_lines():
    jsonl = b'{"content": "satu", "user": {"screen_name": "A"}}\nnot json\n\n[1]\n{"content": "dua"}\n'
    rows = list(read_rows(jsonl, "jsonl", {"author_handle": "user.screen_name"}))
    assert [number for number, _ in rows] == [1, 2, 4, 5]
    assert rows[0][1]["text"] == "satu" and rows[0][1]["author_handle"] == "A"
    assert rows[1][1].reason == "Baris bukan JSON yang sah."
    csv_bytes = '\ufeffTeks;Akun;Likes\nhalo;@a;1.234\n;;\n"rusak;x;1\n'.encode()
    parsed = list(read_rows(csv_bytes, "csv"))
    assert parsed[0] == (2, {"text": "halo", "author_handle": "@a", "reactions": "1.234"})


@pytest.mark.django_db
def test_xlsx_and_csv_files_and_source_mapping(sources):
    source = sources["upload"]
    source.column_mapping = {"text": "Isi Unggahan", "author_name": "Pemilik"}
    source.save()
    book = Workbook()
    sheet = book.active
    sheet.append(["Isi Unggahan", "Pemilik", "created_at", "likes"])
    sheet.append(["Mari bersama dukung calon kita", "Siti", dt.datetime(2024, 1, 5, 8, 0), 12])
    sheet.append([None, None, None, None])
    sheet.append(["", "Tanpa isi", None, 1])
    data = io.BytesIO()
    book.save(data)
    result = ingest_file(source=source, data=data.getvalue(), filename="ekspor.xlsx")
    assert (result.received, result.new, [(e.row, e.column) for e in result.errors]) == (2, 1, [(4, "text")])
    item = Item.objects.get(pk=result.item_ids[0])
    assert item.author_name == "Siti" and item.reactions == 12
    assert item.posted_at == dt.datetime(2024, 1, 5, 1, 0, tzinfo=dt.UTC)  # naive = WIB
    dry = ingest_file(
        source=source, data=b"Isi Unggahan,Pemilik\nteks baru sekali,Rudi\n", filename="a.csv", dry_run=True
    )
    assert (dry.new, Item.objects.count()) == (1, 1)


@pytest.mark.django_db
def test_election_rule(sources, elections, regions):
    source = sources["upload"]
    today = timezone.localdate()
    now = timezone.now()
    pilkada = elections["pilkada"]
    pilkada.region = regions["21.01"]
    pilkada.save()
    # The Pilkada of Bintan (more specific than the national Pemilu) covers today.
    chooser = ElectionChooser("21.01")
    assert chooser.choose(now) == pilkada
    # Outside Bintan only the national election applies.
    assert ElectionChooser("32.04").choose(now) == elections["pemilu"]
    # Long after both voting days (and their 30 days after): none; between them only the later one.
    assert chooser.choose(now + dt.timedelta(days=200)) is None
    assert (
        ElectionChooser("21.01").choose(
            timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=75), dt.time(9)))
        )
        == elections["pemilu"]
    )
    result = items_add(source=source, rows=[row(posted_at=now.isoformat())], kind="post")
    assert Item.objects.get(pk=result.item_ids[0]).election == pilkada
    explicit = items_add(
        source=source,
        rows=[row("lain", posted_at=now.isoformat())],
        kind="post",
        election=elections["closed"],
    )
    assert Item.objects.get(pk=explicit.item_ids[0]).election == elections["closed"]


@pytest.mark.django_db
def test_cli_ingest_prints_the_summary(sources, tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text(json.dumps(row()) + "\n" + json.dumps({"text": ""}) + "\n" + json.dumps(row()) + "\n")
    result = CliRunner().invoke(
        app, ["monitor", "ingest", str(path), "--source", str(sources["upload"].pk), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "received": 3,
        "new": 1,
        "duplicates": 1,
        "errors": [{"row": 2, "column": "text", "reason": "Teks kosong: setiap baris wajib memiliki teks."}],
    }
    ambiguous = CliRunner().invoke(app, ["monitor", "ingest", str(path), "--source", "Ekspor X", "--json"])
    assert ambiguous.exit_code != 0
