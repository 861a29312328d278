"""The capture and feed tests' world: the case tests' offices and staff, and a local HTTP server
(never the internet) whose answers each test sets."""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.cases.conftest import (  # noqa: F401 - fixtures reused by name
    PASSWORD,
    agencies,
    elections,
    fast_passwords,
    make_user,
    media,
    offices,
    regions,
    staff,
    world,
)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic()


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    chunked: bool = False


class LocalSite:
    """``site.route(path, answer or callable(request_headers) -> answer)``; ``site.url(path)``."""

    def __init__(self) -> None:
        self.routes: dict[str, object] = {}
        self.seen: list[Seen] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                headers = {k.lower(): v for k, v in self.headers.items()}
                site.seen.append(Seen(self.path, headers, time.monotonic()))
                route = site.routes.get(self.path)
                answer = route(headers) if callable(route) else route
                if answer is None:
                    answer = Answer(404, b"tidak ada")
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                if answer.chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    for start in range(0, len(answer.body), 7):
                        piece = answer.body[start : start + 7]
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                    self.wfile.write(b"0\r\n\r\n")
                    return
                self.send_header("Content-Length", str(len(answer.body)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(answer.body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def route(self, path: str, answer) -> None:
        self.routes[path] = answer

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site(settings):
    settings.NETRA_CAPTURE_ALLOW_PRIVATE = True  # the local server is on the loopback address
    settings.NETRA_CAPTURE_TIMEOUT = 10
    local = LocalSite()
    yield local
    local.close()
