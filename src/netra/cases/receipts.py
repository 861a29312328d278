"""Receipt codes: the reporter's only handle on a case, so random and unguessable.

12 symbols from a 31-letter alphabet without look-alikes (0/O, 1/I/L) give about 59 bits; a code is
shown in groups of four (``K7QM-3XTP-9HRA``) and accepted back with or without dashes or spaces.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 12
_NOISE = re.compile(r"[\s\-_.]+")


def receipt_code_new() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def receipt_code_normalise(raw: str) -> str | None:
    """The stored form of a code a person typed, or None when it cannot be a receipt code."""
    code = _NOISE.sub("", (raw or "").upper())
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def receipt_code_display(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


MASK = "*"
SHOWN = 4


def receipt_code_masked(code: str) -> str:
    """The public reference of an unregistered report: only the last four symbols (``****-****-9HRA``).

    The whole code is the reporter's key to tracking, so the public notice board must not show it; the
    reporter recognises their report by these four symbols and the date. The eight hidden symbols
    still leave 31^8 (about 2^39.6) codes to guess, behind the tracking rate limit."""
    if not code:
        return ""
    return receipt_code_display(MASK * (len(code) - SHOWN) + code[-SHOWN:])
