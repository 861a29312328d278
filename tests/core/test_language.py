"""The interface is Indonesian by default and English only when the user switches."""

import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_english_browser_still_gets_indonesian(client):
    response = client.get("/kasus/lacak/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"


@pytest.mark.django_db
def test_the_language_switch_gives_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/kasus/lacak/", HTTP_ACCEPT_LANGUAGE="id")
    assert response["Content-Language"] == "en"


@pytest.mark.django_db
@override_settings(NETRA_LANGUAGE_FROM_BROWSER=True)
def test_following_the_browser_can_be_turned_on(client):
    response = client.get("/kasus/lacak/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "en"
