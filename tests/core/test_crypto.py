"""The chunked file format and the key ring of ``netra.core.crypto``: what goes in comes out, and any
change to the stored bytes (a flipped bit, a cut, a swapped chunk, another case's context) fails."""

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netra.core.crypto import (
    DecryptingReader,
    KeyUnavailable,
    data_key_new,
    data_key_unwrap,
    data_key_wrap,
    encrypt_chunks,
    new_key_text,
    parse_ring,
)

KEY = data_key_new()
CONTEXT = "netra:evidence:7"
pieces = st.lists(st.binary(max_size=300), max_size=6)


def encrypt(parts: list[bytes]) -> bytes:
    return b"".join(encrypt_chunks(KEY, parts, context=CONTEXT))


def decrypt(stored: bytes, context: str = CONTEXT) -> bytes:
    return DecryptingReader(io.BytesIO(stored), KEY, context=context).read()


@given(pieces)
def test_what_is_encrypted_decrypts_to_the_same_bytes(parts):
    assert decrypt(encrypt(parts)) == b"".join(parts)


@settings(max_examples=60)
@given(pieces, st.data())
def test_any_flipped_byte_fails(parts, data):
    stored = bytearray(encrypt(parts))
    position = data.draw(st.integers(min_value=8, max_value=len(stored) - 1))  # past the magic
    stored[position] ^= data.draw(st.integers(min_value=1, max_value=255))
    with pytest.raises(KeyUnavailable):
        decrypt(bytes(stored))


@settings(max_examples=60)
@given(pieces.filter(lambda parts: sum(map(len, parts)) > 0), st.data())
def test_a_file_cut_short_fails(parts, data):
    stored = encrypt(parts)
    cut = data.draw(st.integers(min_value=0, max_value=len(stored) - 1))
    with pytest.raises(KeyUnavailable):
        decrypt(stored[:cut])


def test_bytes_appended_after_the_last_chunk_fail():
    with pytest.raises(KeyUnavailable):
        decrypt(encrypt([b"evidence"]) + b"\x00")


def test_swapped_chunks_and_another_context_fail():
    stored = encrypt([b"a" * 10, b"b" * 10, b"c" * 10])
    header, body = stored[:16], stored[16:]
    size = len(body) // 3
    chunks = [body[i * size : (i + 1) * size] for i in range(3)]
    with pytest.raises(KeyUnavailable):
        decrypt(header + chunks[1] + chunks[0] + chunks[2])
    with pytest.raises(KeyUnavailable):
        decrypt(stored, context="netra:evidence:8")


def test_a_data_key_unwraps_with_any_key_of_the_ring_and_only_for_its_case():
    old, new = parse_ring(new_key_text()), parse_ring(new_key_text())
    wrapped = data_key_wrap(KEY, context="netra:case-key:1", ring=old)
    assert data_key_unwrap(wrapped, context="netra:case-key:1", ring=new + old) == KEY
    with pytest.raises(KeyUnavailable):
        data_key_unwrap(wrapped, context="netra:case-key:1", ring=new)
    with pytest.raises(KeyUnavailable):
        data_key_unwrap(wrapped, context="netra:case-key:2", ring=old)


@pytest.mark.parametrize("text", ["", "not base64!", "c2hvcnQ="])
def test_a_bad_ring_is_refused_with_a_reason(text):
    with pytest.raises(KeyUnavailable):
        parse_ring(text)
