"""One rate limit for every public intake path, per client address and overall, with a way through.

The HTML report form, the API report endpoint and tracking (page and API) call ``rate_gate`` with
their scope; the counts live in Django's cache (Redis in production, so every worker process shares
them). Past the limit a client is not simply refused: it gets a hashcash challenge, signed by the
server, and a request that carries a solution (a nonce whose SHA-256 with the challenge starts with
``bits`` zero bits) passes once. A browser solves it with ``static/netra/js/pow.js`` in a second or
two; without JavaScript the page says how long to wait instead. No third-party service is involved.
"""

import hashlib
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache

# scope -> (per-address setting, overall setting); values like "30/m" (s, m, h or d).
SCOPES = {
    "report": ("NETRA_PUBLIC_REPORT_RATE", "NETRA_PUBLIC_REPORT_GLOBAL_RATE"),
    "track": ("NETRA_TRACK_RATE", "NETRA_TRACK_GLOBAL_RATE"),
    "monitor_push": ("NETRA_MONITOR_PUSH_RATE", "NETRA_MONITOR_PUSH_GLOBAL_RATE"),
}
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
CHALLENGE_SALT = "netra.ratelimit.challenge"
CHALLENGE_MAX_AGE = 600  # seconds a challenge may be solved in


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


def parse_rate(text: str) -> Rate:
    """ "30/m" -> Rate(30, 60); "0/m" switches the limit off. ValueError for anything else."""
    count, _, unit = text.strip().partition("/")
    if unit not in UNITS or not count.isdigit():
        raise ValueError(f"a rate looks like 30/m (per s, m, h or d), not {text!r}")
    return Rate(int(count), UNITS[unit])


@dataclass(frozen=True)
class Limited:
    """Over the limit: wait ``retry_after`` seconds, or solve ``challenge`` to ``bits`` zero bits."""

    scope: str
    retry_after: int
    challenge: str
    bits: int


def client_address(request) -> str:
    """The client's address; behind ``NETRA_PROXY_COUNT`` proxies, the one they saw."""
    proxies = int(getattr(settings, "NETRA_PROXY_COUNT", 0))
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _count(key: str, rate: Rate) -> tuple[int, int]:
    """Add one hit to a fixed window; (hits in the window, seconds until it ends)."""
    now = time.time()
    window = int(now // rate.seconds)
    full_key = f"ratelimit:{key}:{rate.seconds}:{window}"
    cache.add(full_key, 0, timeout=rate.seconds + 1)
    try:
        hits = cache.incr(full_key)
    except ValueError:  # expired between add and incr
        cache.set(full_key, 1, timeout=rate.seconds + 1)
        hits = 1
    return hits, max(1, int((window + 1) * rate.seconds - now))


def _over(scope: str, address: str) -> int | None:
    """Count this request; seconds to wait when the address or everyone is over the limit."""
    waits = []
    for setting, key in zip(SCOPES[scope], (f"{scope}:ip:{address}", f"{scope}:all"), strict=True):
        rate = parse_rate(getattr(settings, setting))
        if rate.count == 0:
            continue
        hits, wait = _count(key, rate)
        if hits > rate.count:
            waits.append(wait)
    return max(waits) if waits else None


def challenge_issue(scope: str) -> str:
    bits = int(settings.NETRA_CHALLENGE_BITS)
    return signing.dumps({"s": scope, "n": secrets.token_hex(8), "b": bits}, salt=CHALLENGE_SALT)


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte:
            return bits + 8 - byte.bit_length()
        bits += 8
    return bits


def proof_valid(scope: str, challenge: str, nonce: str) -> bool:
    """A solved, unexpired challenge of this scope, used for the first time."""
    if not challenge or not nonce or len(nonce) > 64:
        return False
    try:
        issued = signing.loads(challenge, salt=CHALLENGE_SALT, max_age=CHALLENGE_MAX_AGE)
    except signing.BadSignature:
        return False
    digest = hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()
    if issued.get("s") != scope or leading_zero_bits(digest) < int(issued.get("b", 256)):
        return False
    spent_key = "ratelimit:spent:" + hashlib.sha256(challenge.encode()).hexdigest()
    return bool(cache.add(spent_key, 1, timeout=CHALLENGE_MAX_AGE))


def rate_gate(request, scope: str, *, challenge: str = "", nonce: str = "") -> Limited | None:
    """None when the request may go on; otherwise what the client must do. Counts the request."""
    wait = _over(scope, client_address(request))
    if wait is None or proof_valid(scope, challenge, nonce):
        return None
    return Limited(
        scope=scope, retry_after=wait, challenge=challenge_issue(scope), bits=settings.NETRA_CHALLENGE_BITS
    )


class RateLimited(Exception):
    """Raised by API handlers; ``netra.api`` answers 429 with Retry-After and the challenge headers."""

    def __init__(self, limited: Limited):
        super().__init__(limited.scope)
        self.limited = limited


def limited_headers(limited: Limited) -> dict[str, str]:
    return {
        "Retry-After": str(limited.retry_after),
        "X-Netra-Challenge": limited.challenge,
        "X-Netra-Challenge-Bits": str(limited.bits),
    }
