"""The case tests' small world (Kepulauan Riau and Jawa Barat offices, users, elections), reused, plus a
local SMTP server (aiosmtpd) so email goes through a real SMTP conversation, never to a real server."""

import socket

import pytest

from tests.cases.conftest import (  # noqa: F401  (fixtures, found by name)
    agencies,
    elections,
    fast_passwords,
    make_user,
    media,
    offices,
    regions,
    staff,
    submit,
    world,
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """What the local SMTP server received: (envelope recipients, message text)."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        text = envelope.content.decode("utf-8", errors="replace")
        self.messages.append((list(envelope.rcpt_tos), text))
        return "250 OK"

    def to(self, address: str) -> list[str]:
        return [text for rcpt, text in self.messages if address in rcpt]


@pytest.fixture
def smtp_server():
    """A local SMTP server on a free port: (host, port, inbox)."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield "127.0.0.1", port, inbox
    finally:
        controller.stop()


@pytest.fixture
def smtp(settings, smtp_server):
    """Django's SMTP backend pointed at the local server; returns its inbox."""
    host, port, inbox = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = host, port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    return inbox


def decoded(text: str) -> str:
    """The body of a message as a person reads it (quoted-printable / base64 undone)."""
    from email import message_from_string

    message = message_from_string(text)
    parts = message.walk() if message.is_multipart() else [message]
    return "\n".join(
        str(part.get("Subject", "")) + "\n" + part.get_payload(decode=True).decode("utf-8")
        for part in parts
        if part.get_content_maintype() == "text"
    )
