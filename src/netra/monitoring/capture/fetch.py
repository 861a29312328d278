"""A guarded HTTP client for pages and feeds that officers (or a schedule) ask Netra to fetch.

Server-side request forgery is the risk: an officer's URL, or a feed's redirect, must not make the
server reach its own network. So every hop (redirects included) is checked before connecting:
- only ``http`` and ``https``, a host name, no user name or password in the URL;
- the host is resolved once and EVERY address it resolves to must be public (``ipaddress.is_global``,
  not multicast): loopback, private, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT,
  reserved and unspecified addresses are refused, IPv4-mapped IPv6 included. The connection then goes
  to the address that was checked (no second lookup an attacker's DNS could answer differently);
- ``allow_private`` (``NETRA_CAPTURE_ALLOW_PRIVATE``, for tests and closed networks) lifts that rule.
Limits: a timeout per socket operation and a deadline for the whole fetch, a maximum body size
(``Content-Length`` checked first, then the bytes read), at most ``max_redirects`` redirects.

The bytes sent and received are recorded as they went over the wire (after TLS): the WARC writer
stores them unchanged. ``Accept-Encoding: identity`` keeps bodies uncompressed, so what is read is
what is stored.
"""

from __future__ import annotations

import functools
import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from importlib import metadata
from urllib.parse import SplitResult, urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


@functools.cache
def _version() -> str:
    try:
        return metadata.version("netra")
    except metadata.PackageNotFoundError:  # pragma: no cover - a source tree without installation
        return "0"


def user_agent() -> str:
    """How every request of Netra names itself: ``Netra/<version> (+<NETRA_CONTACT_URL>)``; the
    product token "Netra" is what robots.txt rules name."""
    contact = (getattr(settings, "NETRA_CONTACT_URL", "") or settings.SITE_URL).strip()
    return f"Netra/{_version()} (+{contact})"


REDIRECTS = {301, 302, 303, 307, 308}


class FetchError(Exception):
    """A URL refused or a fetch that failed; the message is Bahasa Indonesia (officers read it)."""

    def __init__(self, message: str, *, refused: bool = False) -> None:
        super().__init__(message)
        self.refused = refused


@dataclass(frozen=True)
class Limits:
    timeout: float = 20.0  # seconds per socket operation
    deadline: float = 60.0  # seconds for the whole fetch, redirects included
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False


@dataclass
class Exchange:
    """One request and its response as they crossed the wire."""

    url: str
    remote_ip: str
    at: datetime
    request: bytes
    response: bytes  # status line, headers and body exactly as received (chunked framing included)


@dataclass
class Fetched:
    url: str  # the final URL, after redirects
    status: int
    headers: Message  # case-insensitive; ``headers.get("content-type")``
    body: bytes  # the body (chunked framing removed)
    exchanges: list[Exchange] = field(default_factory=list)  # every hop, in order

    @property
    def content_type(self) -> str:
        return (self.headers.get("content-type") or "").split(";")[0].strip().lower()


def check_url(url: str) -> SplitResult:
    """The parsed URL if its form is acceptable (scheme, host, no credentials), else FetchError."""
    if not isinstance(url, str) or len(url) > 2000 or any(ord(ch) <= 32 or ord(ch) == 127 for ch in url):
        raise FetchError(_("Alamat tidak sah."), refused=True)
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # "http://[::1": a bracketed host that is no IPv6 address
        raise FetchError(_("Alamat tidak sah."), refused=True) from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(_("Hanya alamat http:// atau https:// yang dapat diambil."), refused=True)
    if not parts.hostname:
        raise FetchError(_("Alamat tanpa nama host."), refused=True)
    if parts.username is not None or parts.password is not None:
        raise FetchError(_("Alamat yang memuat nama pengguna atau kata sandi ditolak."), refused=True)
    try:
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError as exc:
        raise FetchError(_("Nomor port pada alamat tidak sah."), refused=True) from exc
    return parts


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int, *, allow_private: bool) -> str:
    """The address to connect to; FetchError when the host does not resolve or any address is private."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(_("Nama host %(host)s tidak ditemukan.") % {"host": host}) from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise FetchError(_("Nama host %(host)s tidak ditemukan.") % {"host": host})
    if not allow_private:
        private = [a for a in addresses if not is_public_address(a)]
        if private:
            raise FetchError(
                _("Alamat %(host)s menunjuk ke jaringan internal (%(address)s); pengambilan ditolak.")
                % {"host": host, "address": private[0]},
                refused=True,
            )
    return addresses[0]


def is_fetchable(url: str, *, allow_private: bool) -> bool:
    """Whether ``fetch`` would connect to ``url`` (form and addresses), without connecting."""
    try:
        parts = check_url(url)
        resolve(parts.hostname or "", _port(parts), allow_private=allow_private)
    except FetchError:
        return False
    return True


def _port(parts: SplitResult) -> int:
    return parts.port or (443 if parts.scheme.lower() == "https" else 80)


class _TeeFile:
    """A socket's read file that keeps a copy of every byte read."""

    def __init__(self, raw, sink: bytearray, limit: int) -> None:
        self._raw, self._sink, self._limit = raw, sink, limit

    def _keep(self, data) -> None:
        self._sink += data
        if len(self._sink) > self._limit:
            raise FetchError(_("Tanggapan melebihi batas ukuran."))

    def read(self, amt: int | None = None) -> bytes:
        data = self._raw.read() if amt is None else self._raw.read(amt)
        self._keep(data)
        return data

    def readinto(self, buffer) -> int:
        count = self._raw.readinto(buffer)
        self._keep(memoryview(buffer)[:count])
        return count

    def readline(self, limit: int = -1) -> bytes:
        line = self._raw.readline(limit)
        self._keep(line)
        return line

    def close(self) -> None:
        self._raw.close()

    def flush(self) -> None:
        pass


class _TeeSocket:
    """The connected socket, recording what is sent and received."""

    def __init__(self, sock: socket.socket, limit: int) -> None:
        self._sock = sock
        self.sent = bytearray()
        self.received = bytearray()
        self._limit = limit

    def sendall(self, data) -> None:
        self._sock.sendall(data)
        self.sent += data

    def makefile(self, mode: str = "rb", *args, **kwargs):
        return _TeeFile(self._sock.makefile("rb"), self.received, self._limit)

    def close(self) -> None:
        self._sock.close()

    def __getattr__(self, name: str):
        return getattr(self._sock, name)


def _connect(parts: SplitResult, address: str, timeout: float) -> socket.socket:
    port = _port(parts)
    try:
        sock = socket.create_connection((address, port), timeout=timeout)
    except OSError as exc:
        message = _("Tidak dapat terhubung ke %(host)s: %(reason)s.")
        raise FetchError(message % {"host": parts.hostname, "reason": exc.strerror or exc}) from exc
    if parts.scheme.lower() != "https":
        return sock
    try:
        return ssl.create_default_context().wrap_socket(sock, server_hostname=parts.hostname)
    except (ssl.SSLError, OSError) as exc:
        sock.close()
        message = _("Sambungan aman (TLS) ke %(host)s gagal: %(reason)s.")
        raise FetchError(message % {"host": parts.hostname, "reason": exc}) from exc


def _one_hop(
    url: str, parts: SplitResult, limits: Limits, headers: dict[str, str], deadline: float
) -> tuple[int, Message, bytes, Exchange]:
    address = resolve(parts.hostname or "", _port(parts), allow_private=limits.allow_private)
    raw_sock = _connect(parts, address, limits.timeout)
    # Headers and framing can add a little to the body; the body itself is checked against max_bytes.
    tee = _TeeSocket(raw_sock, limits.max_bytes + 1024 * 1024)
    at = datetime.now(UTC)
    connection = http.client.HTTPConnection(parts.hostname or "", _port(parts), timeout=limits.timeout)
    connection.sock = tee
    try:
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        connection.putrequest("GET", path, skip_accept_encoding=True)
        sent = {
            "User-Agent": user_agent(),
            "Accept": "*/*",
            "Accept-Encoding": "identity",
            "Connection": "close",
        }
        sent.update(headers)
        for name, value in sent.items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        declared = response.getheader("content-length")
        if declared and declared.isdigit() and int(declared) > limits.max_bytes:
            raise FetchError(
                _("Halaman terlalu besar (%(size)s MB; batas %(limit)s MB).")
                % {"size": int(declared) // (1024 * 1024), "limit": limits.max_bytes // (1024 * 1024)}
            )
        body = bytearray()
        while True:
            if time.monotonic() > deadline:
                raise FetchError(_("Waktu pengambilan habis."))
            piece = response.read(64 * 1024)
            if not piece:
                break
            body += piece
            if len(body) > limits.max_bytes:
                limit = limits.max_bytes // (1024 * 1024)
                raise FetchError(_("Halaman melebihi batas %(limit)s MB.") % {"limit": limit})
        status, message = response.status, response.msg
    except FetchError:
        raise
    except (OSError, http.client.HTTPException) as exc:
        if isinstance(exc, TimeoutError | socket.timeout):
            silent = _("%(host)s tidak menjawab dalam %(seconds)s detik.")
            raise FetchError(silent % {"host": parts.hostname, "seconds": f"{limits.timeout:g}"}) from exc
        failed = _("Pengambilan dari %(host)s gagal: %(reason)s.")
        raise FetchError(failed % {"host": parts.hostname, "reason": exc}) from exc
    finally:
        connection.close()
    exchange = Exchange(url, address, at, bytes(tee.sent), bytes(tee.received))
    return status, message, bytes(body), exchange


def fetch(url: str, *, limits: Limits | None = None, headers: dict[str, str] | None = None) -> Fetched:
    """GET ``url`` following at most ``limits.max_redirects`` redirects, each hop checked as above.

    ``headers`` are sent on the first hop only (conditional-GET headers belong to the URL asked for).
    Raises FetchError with a message in Bahasa Indonesia.
    """
    limits = limits or Limits()
    deadline = time.monotonic() + limits.deadline
    exchanges: list[Exchange] = []
    current, extra = url.strip(), dict(headers or {})
    for _hop in range(limits.max_redirects + 1):
        parts = check_url(current)
        status, message, body, exchange = _one_hop(current, parts, limits, extra, deadline)
        exchanges.append(exchange)
        location = message.get("location")
        if status in REDIRECTS and location:
            current, extra = urljoin(current, location.strip()), {}
            continue
        return Fetched(current, status, message, body, exchanges)
    too_many = _("Terlalu banyak pengalihan (lebih dari %(limit)s).")
    raise FetchError(too_many % {"limit": limits.max_redirects})
