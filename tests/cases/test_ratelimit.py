"""One limit on every public intake path: the report form, the report API and tracking (page + API).

Rates come from settings read per request (NETRA_PUBLIC_REPORT_RATE, NETRA_TRACK_RATE and their
_GLOBAL_ twins, from the environment); past them a client gets 429 with Retry-After and a hashcash
challenge whose solution lets one request through.
"""

import hashlib
import logging

import pytest
from django.core.cache import cache
from django.test import Client

from netra.cases.models import Case
from netra.core.ratelimit import leading_zero_bits, parse_rate
from tests.cases.test_api import report_form
from tests.cases.test_views_public import form_data

pytestmark = pytest.mark.django_db
API = "/api/v1/cases"


# Rates per day ("1/d"), not per minute: a fixed window that turned over between two requests of a
# slow run would reset the count and make the test flaky.
@pytest.fixture(autouse=True)
def _fresh_counts(settings):
    cache.clear()
    settings.NETRA_CHALLENGE_BITS = 8  # a few hundred hashes: the test solves it in Python
    yield
    cache.clear()


def solve(challenge: str, bits: int) -> str:
    nonce = 0
    while leading_zero_bits(hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()) < bits:
        nonce += 1
    return str(nonce)


def client(address="10.0.0.1") -> Client:
    return Client(REMOTE_ADDR=address)


def test_rates_parse_and_refuse_nonsense():
    assert parse_rate("30/m").count == 30 and parse_rate("30/m").seconds == 60
    assert parse_rate("5/h").seconds == 3600
    for bad in ("30", "x/m", "30/w", ""):
        with pytest.raises(ValueError):
            parse_rate(bad)


def test_leading_zero_bits_counts_across_bytes():
    assert leading_zero_bits(b"\x00\x00\x80") == 16
    assert leading_zero_bits(b"\x00\x0f") == 12
    assert leading_zero_bits(b"\xff") == 0


def test_the_api_answers_429_with_a_challenge_whose_solution_passes_once(world, settings):
    settings.NETRA_PUBLIC_REPORT_RATE = "1/d"
    form = report_form(world, anonymous="true")
    assert client().post(f"{API}/reports", form).status_code == 201
    refused = client().post(f"{API}/reports", form)
    assert refused.status_code == 429
    assert set(refused.json()) == {"detail", "errors"} and "Tunggu" in refused.json()["detail"]
    assert 1 <= int(refused["Retry-After"]) <= 86_400
    challenge, bits = refused["X-Netra-Challenge"], int(refused["X-Netra-Challenge-Bits"])
    proof = {"HTTP_X_NETRA_CHALLENGE": challenge, "HTTP_X_NETRA_PROOF": solve(challenge, bits)}
    assert client().post(f"{API}/reports", form, **proof).status_code == 201
    assert client().post(f"{API}/reports", form, **proof).status_code == 429  # a proof is spent once
    assert Case.objects.count() == 2


def test_a_wrong_or_foreign_proof_does_not_pass(world, settings):
    settings.NETRA_PUBLIC_REPORT_RATE = settings.NETRA_TRACK_RATE = "1/d"
    form = report_form(world, anonymous="true")
    client().post(f"{API}/reports", form)
    challenge = client().post(f"{API}/reports", form)["X-Netra-Challenge"]
    wrong = {"HTTP_X_NETRA_CHALLENGE": challenge, "HTTP_X_NETRA_PROOF": "not-a-solution"}
    assert client().post(f"{API}/reports", form, **wrong).status_code == 429
    # A report challenge does not open tracking.
    client().post(f"{API}/track", {"code": "x"}, content_type="application/json")
    solved = {"HTTP_X_NETRA_CHALLENGE": challenge, "HTTP_X_NETRA_PROOF": solve(challenge, 8)}
    answer = client().post(f"{API}/track", {"code": "x"}, content_type="application/json", **solved)
    assert answer.status_code == 429


def test_the_html_form_and_the_api_share_one_count(world, settings):
    settings.NETRA_PUBLIC_REPORT_RATE = "2/d"
    election = world["elections"]["pilkada"]
    assert client().post("/kasus/lapor/", form_data(election)).status_code == 302
    assert client().post(f"{API}/reports", report_form(world, anonymous="true")).status_code == 201
    page = client().post("/kasus/lapor/", form_data(election))
    assert page.status_code == 429 and page["Retry-After"]
    html = page.content.decode()
    assert 'data-testid="challenge"' in html and "Tanpa JavaScript: tunggu" in html
    assert 'name="pow_challenge"' in html and "netra/js/pow.js" in html
    assert "Siti Aminah" in html  # what the reporter typed is still in the form
    assert Case.objects.count() == 2


def test_the_html_form_passes_with_a_solved_challenge(world, settings):
    settings.NETRA_PUBLIC_REPORT_RATE = "1/d"
    election = world["elections"]["pilkada"]
    client().post("/kasus/lapor/", form_data(election))
    page = client().post("/kasus/lapor/", form_data(election))
    challenge = page.context["challenge"].challenge
    solved = {**form_data(election), "pow_challenge": challenge, "pow_nonce": solve(challenge, 8)}
    assert client().post("/kasus/lapor/", solved).status_code == 302
    assert Case.objects.count() == 2


def test_the_overall_limit_holds_across_addresses(world, settings):
    settings.NETRA_PUBLIC_REPORT_GLOBAL_RATE = "2/d"
    form = report_form(world, anonymous="true")
    codes = [client(f"10.0.1.{i}").post(f"{API}/reports", form).status_code for i in range(3)]
    assert codes == [201, 201, 429]


def test_tracking_page_and_api_share_one_count(world, settings):
    settings.NETRA_TRACK_RATE = "2/d"
    assert client().post("/kasus/lacak/", {"code": "K7QM-3XTP-9HRA"}).status_code == 404
    api = client().post(f"{API}/track", {"code": "K7QM-3XTP-9HRA"}, content_type="application/json")
    assert api.status_code == 404
    page = client().post("/kasus/lacak/", {"code": "K7QM-3XTP-9HRA"})
    assert page.status_code == 429 and 'data-testid="challenge"' in page.content.decode()
    assert client("10.0.0.2").post("/kasus/lacak/", {"code": "K7QM-3XTP-9HRA"}).status_code == 404


def test_a_proxy_address_is_read_only_when_configured(world, settings):
    settings.NETRA_PUBLIC_REPORT_RATE = "1/d"
    form = report_form(world, anonymous="true")
    behind = {"HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    assert client().post(f"{API}/reports", form, **behind).status_code == 201
    assert client().post(f"{API}/reports", form, HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 429
    settings.NETRA_PROXY_COUNT = 1
    assert client().post(f"{API}/reports", form, HTTP_X_FORWARDED_FOR="203.0.113.11").status_code == 201


def test_tracking_takes_the_code_in_a_header_too(world, submit):
    case = submit()
    answer = client().post(
        f"{API}/track", content_type="application/json", HTTP_X_RECEIPT_CODE=case.receipt_code
    )
    assert answer.status_code == 200 and answer.json()["status"] == case.status
    bare = client().generic("POST", f"{API}/track", b"", HTTP_X_RECEIPT_CODE=case.receipt_code)
    assert bare.status_code == 200, bare.content


def test_the_old_url_route_is_gone_and_does_not_log_the_code(world, submit, caplog):
    case = submit()
    with caplog.at_level(logging.DEBUG):
        answer = client().get(f"{API}/track/{case.receipt_code}")
    assert answer.status_code == 410 and "POST" in answer.json()["detail"]
    assert case.receipt_code not in caplog.text
