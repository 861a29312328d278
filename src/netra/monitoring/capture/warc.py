"""Writing the wire bytes of a capture as a gzip-compressed WARC 1.1 file (warcio).

Record order: a ``warcinfo`` record (software, the operator's user name, the URL asked for), then for
every exchange a ``request`` and its ``response`` record holding the bytes exactly as sent and
received (status line, headers, body), each with ``WARC-Date`` (the exchange's time) and
``WARC-IP-Address`` (the address connected to). Any replay tool (pywb, ReplayWeb.page) reads it.
"""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO
from typing import BinaryIO

from warcio.warcwriter import WARCWriter

from netra.monitoring.capture.fetch import Exchange


def _iso(exchange: Exchange) -> str:
    return exchange.at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def write_warc(out: BinaryIO, exchanges: Iterable[Exchange], *, filename: str, info: dict[str, str]) -> None:
    writer = WARCWriter(out, gzip=True, warc_version="WARC/1.1")
    writer.write_record(writer.create_warcinfo_record(filename, info))
    for exchange in exchanges:
        headers = {"WARC-Date": _iso(exchange), "WARC-IP-Address": exchange.remote_ip}
        request = writer.create_warc_record(
            exchange.url,
            "request",
            payload=BytesIO(exchange.request),
            length=len(exchange.request),
            warc_headers_dict=dict(headers),
        )
        response = writer.create_warc_record(
            exchange.url,
            "response",
            payload=BytesIO(exchange.response),
            length=len(exchange.response),
            warc_headers_dict=dict(headers),
        )
        writer.write_request_response_pair(request, response)
