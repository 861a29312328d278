"""Opening what is stored encrypted for a case: the reporter's and witnesses' identities, the names and
berita acara of clarifications, the invitations naming a pelapor or saksi, the evidence files.

Each case has its own data key (``CaseKey``), wrapped by the master key (``netra.core.crypto``).
Nothing here writes (``netra.cases.services.sealing`` does). Only selectors call ``identity_open``,
after deciding that the user may see the identity; evidence is opened for downloads and re-hashing.
"""

import io
import json
from dataclasses import dataclass, fields
from datetime import date, datetime

from django.core.files.storage import default_storage

from netra.cases.models import (
    CaseKey,
    Clarification,
    Evidence,
    IssuedLetter,
    LetterKind,
    Party,
    Reporter,
    Witness,
)
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


def witness_context(case_id: int) -> str:
    return f"netra:witness:{case_id}"


def clarification_context(case_id: int) -> str:
    return f"netra:clarification:{case_id}"


def evidence_context(case_id: int) -> str:
    return f"netra:evidence:{case_id}"


def letter_context(case_id: int, fmt: str) -> str:
    """One context per format, so a sealed PDF cannot be passed off as the DOCX or another case's."""
    return f"netra:letter-{fmt}:{case_id}"


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


WITNESS_FIELDS = ("name", "address", "phone")


@dataclass(frozen=True)
class WitnessIdentity:
    """A saksi as the handling office sees it; empty with ``erased_at`` after retention."""

    name: str = ""
    address: str = ""
    phone: str = ""
    erased_at: datetime | None = None
    pk: int | None = None

    @property
    def erased(self) -> bool:
        return self.erased_at is not None


def witness_encode(identity: dict) -> bytes:
    values = {name: identity[name] for name in WITNESS_FIELDS if identity.get(name) not in (None, "")}
    return json.dumps(values, ensure_ascii=False, sort_keys=True).encode("utf-8")


def witnesses_open(witnesses) -> list[WitnessIdentity]:
    """Decrypt witnesses (of any cases); each case's data key is unwrapped once. A witness fetched
    with ``select_related("case__data_key")`` costs no further query."""
    keys: dict[int, bytes] = {}
    opened = []
    for witness in witnesses:
        if witness.erased_at is not None or not witness.sealed:
            opened.append(WitnessIdentity(erased_at=witness.erased_at, pk=witness.pk))
            continue
        if witness.case_id not in keys:
            case_key = getattr(witness.case, "data_key", None) if _case_cached(witness) else None
            keys[witness.case_id] = case_data_key(case_key or CaseKey.objects.get(case_id=witness.case_id))
        raw = unseal(keys[witness.case_id], witness.sealed, context=witness_context(witness.case_id))
        values = {name: value for name, value in json.loads(raw).items() if name in WITNESS_FIELDS}
        opened.append(WitnessIdentity(**values, pk=witness.pk))
    return opened


def _case_cached(witness: Witness) -> bool:
    return Witness.case.is_cached(witness)


# A pelapor's or saksi's invitation names a person whose identity only the handlers see.
IDENTITY_PARTIES = frozenset({Party.PELAPOR, Party.SAKSI})


def clarification_encode(*, name: str, record: str = "") -> bytes:
    values = {k: v for k, v in (("name", name), ("record", record)) if v}
    return json.dumps(values, ensure_ascii=False, sort_keys=True).encode("utf-8")


def clarification_decode(raw: bytes) -> dict:
    values = json.loads(raw)
    return {"name": str(values.get("name", "")), "record": str(values.get("record", ""))}


def clarifications_open(items, *, identities: bool = True) -> int:
    """Decrypt each clarification's invitee name and berita acara onto the instance (``person_name``,
    ``record``); each case's data key is unwrapped once. With ``identities`` False (a viewer who may not
    see the reporter), a pelapor's or saksi's invitation stays closed (``texts_hidden``). Returns how
    many pelapor or saksi invitations were opened (what the caller audits)."""
    keys: dict[int, bytes] = {}
    shown = 0
    for item in items:
        if item.party in IDENTITY_PARTIES and not identities:
            item.person_name, item.record, item.texts_hidden = "", "", True
            continue
        if item.erased_at is not None or not item.sealed:
            item.person_name, item.record, item.texts_hidden = "", "", False
            continue
        if item.case_id not in keys:
            keys[item.case_id] = case_data_key(CaseKey.objects.get(case_id=item.case_id))
        raw = unseal(keys[item.case_id], item.sealed, context=clarification_context(item.case_id))
        values = clarification_decode(raw)
        item.person_name, item.record, item.texts_hidden = values["name"], values["record"], False
        shown += item.party in IDENTITY_PARTIES
    return shown


def letter_names_identity(kind: str, clarification: Clarification | None) -> bool:
    """An invitation to a pelapor or saksi: stored sealed, opened only for whoever sees identities."""
    return (
        kind == LetterKind.UNDANGAN_KLARIFIKASI
        and clarification is not None
        and (clarification.party in IDENTITY_PARTIES)
    )


def letter_bytes(letter: IssuedLetter, fmt: str) -> bytes:
    """The archived PDF or DOCX as issued (``fmt`` "pdf" or "docx"), opened with the case's data key when
    the letter is sealed (raises ``KeyUnavailable`` without the right master key)."""
    stored = bytes(getattr(letter, fmt))
    if not letter.sealed:
        return stored
    key = case_data_key(CaseKey.objects.get(case_id=letter.case_id))
    return unseal(key, stored.decode("ascii"), context=letter_context(letter.case_id, fmt))


def clarification_opened(item: Clarification) -> Clarification:
    """``item`` with its texts open, for a service acting as the handling office (letters, guards)."""
    clarifications_open([item])
    return item


def evidence_plaintext(evidence: Evidence):
    """The stored file's original bytes, opened for reading (the caller closes it)."""
    handle = default_storage.open(evidence.file.name, "rb")
    if not evidence.encrypted:
        return handle  # stored before encryption at rest: `netra keys seal-evidence` encrypts it
    key = case_data_key(CaseKey.objects.get(case_id=evidence.case_id))
    return io.BufferedReader(DecryptingReader(handle, key, context=evidence_context(evidence.case_id)))
