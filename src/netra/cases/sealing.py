"""Opening what is stored encrypted for a case: the reporter's identity and the evidence files.

Each case has its own data key (``CaseKey``), wrapped by the master key (``netra.core.crypto``).
Nothing here writes (``netra.cases.services.sealing`` does). Only selectors call ``identity_open``,
after deciding that the user may see the identity; evidence is opened for downloads and re-hashing.
"""

import io
import json
from dataclasses import dataclass, fields
from datetime import date, datetime

from django.core.files.storage import default_storage

from netra.cases.models import CaseKey, Evidence, Reporter
from netra.core.crypto import DecryptingReader, data_key_unwrap, unseal

IDENTITY_FIELDS = (
    "name",
    "address",
    "phone",
    "email",
    "nik",
    "birth_place",
    "birth_date",
    "gender",
    "occupation",
    "nationality",
)


@dataclass(frozen=True)
class ReporterIdentity:
    """The pelapor as the handling office sees it; empty with ``erased_at`` after retention."""

    name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    nik: str = ""
    birth_place: str = ""
    birth_date: date | None = None
    gender: str = ""
    occupation: str = ""
    nationality: str = "WNI"
    erased_at: datetime | None = None

    @property
    def erased(self) -> bool:
        return self.erased_at is not None


def case_key_context(case_id: int) -> str:
    return f"netra:case-key:{case_id}"


def identity_context(case_id: int) -> str:
    return f"netra:reporter:{case_id}"


def evidence_context(case_id: int) -> str:
    return f"netra:evidence:{case_id}"


def case_data_key(case_key: CaseKey) -> bytes:
    return data_key_unwrap(case_key.wrapped, context=case_key_context(case_key.case_id))


def identity_encode(identity: dict) -> bytes:
    """The JSON that is encrypted: the known identity fields, dates as ISO strings."""
    values = {name: identity[name] for name in IDENTITY_FIELDS if identity.get(name) not in (None, "")}
    if isinstance(values.get("birth_date"), date):
        values["birth_date"] = values["birth_date"].isoformat()
    return json.dumps(values, ensure_ascii=False, sort_keys=True).encode("utf-8")


def identity_decode(raw: bytes) -> ReporterIdentity:
    values = json.loads(raw)
    known = {f.name for f in fields(ReporterIdentity)}
    values = {name: value for name, value in values.items() if name in known}
    if values.get("birth_date"):
        values["birth_date"] = date.fromisoformat(values["birth_date"])
    return ReporterIdentity(**values)


def identity_open(reporter: Reporter, case_key: CaseKey | None = None) -> ReporterIdentity:
    """Decrypt the reporter's identity (raises ``KeyUnavailable`` without the right master key)."""
    if reporter.erased_at is not None or not reporter.sealed:
        return ReporterIdentity(erased_at=reporter.erased_at)
    case_key = case_key or CaseKey.objects.get(case_id=reporter.case_id)
    raw = unseal(case_data_key(case_key), reporter.sealed, context=identity_context(reporter.case_id))
    return identity_decode(raw)


def evidence_plaintext(evidence: Evidence):
    """The stored file's original bytes, opened for reading (the caller closes it)."""
    handle = default_storage.open(evidence.file.name, "rb")
    if not evidence.encrypted:
        return handle  # stored before encryption at rest: `netra keys seal-evidence` encrypts it
    key = case_data_key(CaseKey.objects.get(case_id=evidence.case_id))
    return io.BufferedReader(DecryptingReader(handle, key, context=evidence_context(evidence.case_id)))
