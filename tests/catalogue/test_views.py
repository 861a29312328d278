"""The public catalogue pages: list, search and filters, detail with citations, 404 for unknown codes."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _codes(response) -> list[str]:
    return [row["type"].code for row in response.context["rows"]]


def test_index_lists_every_type_without_login(client):
    response = client.get(reverse("catalogue:index"))
    assert response.status_code == 200
    assert len(_codes(response)) == 43
    assert b"KE-1" in response.content and b"SKB2020-16" in response.content
    assert "teks tidak diperoleh" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "ptdh"}, ["D-5", "SKB2020-16"]),
        ({"kind": "satgas"}, ["D-13"]),
        ({"indicator": "karier", "instrument": "skb-2022"}, ["D-3"]),
        ({"q": "fasilitas negara", "instrument": "pp-94-2021"}, ["PP94-5n-4"]),
        ({"instrument": "pp-94-2021", "kind": "disiplin"}, [f"PP94-5n-{n}" for n in range(1, 8)]),
    ],
)
def test_index_filters(client, params, expected):
    assert _codes(client.get(reverse("catalogue:index"), params)) == expected


def test_invalid_filter_shows_an_error_and_no_rows(client):
    response = client.get(reverse("catalogue:index"), {"kind": "denda"})
    assert response.status_code == 200
    assert _codes(response) == []
    assert response.context["form"].errors["kind"]


def test_detail_explains_the_type_with_sanction_options_and_citations(client):
    response = client.get(reverse("catalogue:detail", args=["D-3"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Melakukan pendekatan ke partai politik" in html
    assert "pemotongan tunjangan kinerja sebesar 25% selama 12 bulan" in html
    assert "PP 94/2021 Pasal 12 [M]" in html and "belum diverifikasi" in html
    assert 'href="https://www.kompas.com/tren/read/2023/11/06/' in html


def test_detail_lists_related_criminal_provisions(client):
    html = client.get(reverse("catalogue:detail", args=["D-12"])).content.decode()
    assert "Pasal 71 ayat (1) jo. Pasal 188" in html and "Pasal 282 jo. Pasal 490" in html


def test_detail_accepts_lowercase_codes_and_warns_on_unretrieved_items(client):
    assert client.get(reverse("catalogue:detail", args=["d-5"])).status_code == 200
    html = client.get(reverse("catalogue:detail", args=["SKB2020-2"])).content.decode()
    assert "Jangan gunakan jenis ini" in html


def test_unknown_code_is_404(client):
    assert client.get(reverse("catalogue:detail", args=["X-99"])).status_code == 404


def test_pages_show_english_names_in_english(client):
    client.cookies["django_language"] = "en"
    detail = client.get(reverse("catalogue:detail", args=["D-5"])).content.decode()
    assert "<h1>D-5: Being a member or official of a political party</h1>" in detail
    assert (
        "Being a member or official of a political party"
        in client.get(reverse("catalogue:index")).content.decode()
    )
