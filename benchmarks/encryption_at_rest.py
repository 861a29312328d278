"""What encryption at rest costs (docs/benchmarks.md, "Encryption at rest").

    python benchmarks/encryption_at_rest.py [--mb 25] [--identities 20000]

Measures, in CPU time on one core: sealing and opening one reporter identity, wrapping and unwrapping
one case data key, and encrypting and decrypting an evidence file of ``--mb`` megabytes in the
chunked format (against SHA-256 over the same bytes, which every upload already pays). No database.
"""

import argparse
import io
import json
import os
import platform
import secrets
import time
from pathlib import Path

from netra.core.crypto import (
    STREAM_CHUNK,
    DecryptingReader,
    MasterKey,
    data_key_new,
    data_key_unwrap,
    data_key_wrap,
    encrypt_chunks,
    key_id_of,
    seal,
    unseal,
)

IDENTITY = json.dumps(
    {
        "name": "Siti Aminah binti Abdullah",
        "address": "Jl. Merdeka No. 10, RT 02/RW 03, Kijang, Bintan Timur",
        "phone": "081234567890",
        "email": "siti.aminah@example.org",
        "nik": "2101015501900001",
        "occupation": "Guru",
    }
).encode()


def _cpu(function, repeat: int = 3) -> float:
    """Best CPU seconds of ``repeat`` runs (the least disturbed by other work on the machine)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        function()
        best = min(best, time.process_time() - started)
    return best


def _machine() -> dict:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        lines = cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines()
        model = next(
            (line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), model
        )
    return {
        "python": platform.python_version(),
        "processor": model,
        "cpus": os.cpu_count(),
        "load_average": [round(value, 2) for value in os.getloadavg()],
    }


def _small_operations(count: int) -> dict:
    key, raw = data_key_new(), secrets.token_bytes(32)
    ring = [MasterKey(key_id_of(raw), raw)]
    sealed = seal(key, IDENTITY, context="netra:reporter:1")
    wrapped = data_key_wrap(key, context="netra:case-key:1", ring=ring)
    micro = 1_000_000 / count
    return {
        "identity_seal_us": round(
            _cpu(lambda: [seal(key, IDENTITY, context="c") for _ in range(count)]) * micro, 1
        ),
        "identity_open_us": round(
            _cpu(lambda: [unseal(key, sealed, context="netra:reporter:1") for _ in range(count)]) * micro, 1
        ),
        "key_wrap_us": round(
            _cpu(lambda: [data_key_wrap(key, context="c", ring=ring) for _ in range(count)]) * micro, 1
        ),
        "key_unwrap_us": round(
            _cpu(
                lambda: [
                    data_key_unwrap(wrapped, context="netra:case-key:1", ring=ring) for _ in range(count)
                ]
            )
            * micro,
            1,
        ),
    }


def _file_operations(megabytes: int) -> dict:
    import hashlib

    key, data = data_key_new(), secrets.token_bytes(megabytes * 1024 * 1024)
    chunks = [data[i : i + STREAM_CHUNK] for i in range(0, len(data), STREAM_CHUNK)]
    encrypted = b"".join(encrypt_chunks(key, chunks, context="netra:evidence:1"))

    def decrypt() -> None:
        reader = DecryptingReader(io.BytesIO(encrypted), key, context="netra:evidence:1")
        while reader.read(STREAM_CHUNK):
            pass

    rate = lambda seconds: round(megabytes / seconds, 1)  # noqa: E731
    return {
        "file_mb": megabytes,
        "overhead_bytes": len(encrypted) - len(data),
        "encrypt_mb_s": rate(_cpu(lambda: b"".join(encrypt_chunks(key, chunks, context="netra:evidence:1")))),
        "decrypt_mb_s": rate(_cpu(decrypt)),
        "sha256_mb_s": rate(_cpu(lambda: hashlib.sha256(data).hexdigest())),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=25, help="evidence file size (the upload limit is 25 MB)")
    parser.add_argument("--identities", type=int, default=20000, help="operations per small measurement")
    args = parser.parse_args()
    print(f"machine: {json.dumps(_machine())}")
    print(f"per operation (CPU, best of 3): {json.dumps(_small_operations(args.identities))}")
    print(f"evidence file (CPU, best of 3): {json.dumps(_file_operations(args.mb))}")


if __name__ == "__main__":
    main()
