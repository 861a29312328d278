"""Email settings from the environment: NETRA_EMAIL_URL or NETRA_SMTP_*, console when unset."""

import pytest

from netra.core.env import email_config

SMTP = "django.core.mail.backends.smtp.EmailBackend"
NAMES = ["NETRA_EMAIL_URL", "NETRA_SMTP_HOST", "NETRA_SMTP_PORT", "NETRA_SMTP_USER", "NETRA_SMTP_PASSWORD"]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in [*NAMES, "NETRA_SMTP_TLS", "NETRA_SMTP_SSL", "NETRA_EMAIL_TIMEOUT"]:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_unset_prints_to_the_console(clean_env):
    assert email_config()["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_an_smtp_url_with_starttls_and_an_encoded_password(clean_env):
    clean_env.setenv("NETRA_EMAIL_URL", "smtp+tls://netra%40bawaslu.go.id:p%40ss@mail.bawaslu.go.id")
    config = email_config()
    assert config["EMAIL_BACKEND"] == SMTP
    assert (config["EMAIL_HOST"], config["EMAIL_PORT"]) == ("mail.bawaslu.go.id", 587)
    assert (config["EMAIL_HOST_USER"], config["EMAIL_HOST_PASSWORD"]) == ("netra@bawaslu.go.id", "p@ss")
    assert config["EMAIL_USE_TLS"] and not config["EMAIL_USE_SSL"]


def test_smtps_and_a_plain_port(clean_env):
    clean_env.setenv("NETRA_EMAIL_URL", "smtps://relay.example")
    assert (email_config()["EMAIL_PORT"], email_config()["EMAIL_USE_SSL"]) == (465, True)
    clean_env.setenv("NETRA_EMAIL_URL", "smtp://127.0.0.1:2525")
    assert (email_config()["EMAIL_PORT"], email_config()["EMAIL_USE_TLS"]) == (2525, False)


def test_separate_smtp_variables(clean_env):
    clean_env.setenv("NETRA_SMTP_HOST", "relay.example")
    clean_env.setenv("NETRA_SMTP_PORT", "587")
    clean_env.setenv("NETRA_SMTP_TLS", "true")
    clean_env.setenv("NETRA_SMTP_USER", "netra")
    config = email_config()
    assert (config["EMAIL_HOST"], config["EMAIL_PORT"], config["EMAIL_USE_TLS"]) == (
        "relay.example",
        587,
        True,
    )
    assert config["EMAIL_HOST_USER"] == "netra"


def test_bad_values_are_refused(clean_env):
    clean_env.setenv("NETRA_EMAIL_URL", "http://mail.example")
    with pytest.raises(ValueError, match="NETRA_EMAIL_URL"):
        email_config()
    clean_env.setenv("NETRA_EMAIL_URL", "")
    clean_env.setenv("NETRA_SMTP_HOST", "relay.example")
    clean_env.setenv("NETRA_SMTP_TLS", "true")
    clean_env.setenv("NETRA_SMTP_SSL", "true")
    with pytest.raises(ValueError, match="not both"):
        email_config()
