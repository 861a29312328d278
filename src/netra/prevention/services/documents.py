"""Materials and scans: checked and fingerprinted by the evidence module, stored untouched."""

import secrets

from django.core.files.storage import default_storage
from django.utils import timezone

from netra.cases.evidence import CheckedFile, evidence_check_all, extension
from netra.cases.services.evidence import files_atomic
from netra.prevention.models import Document, Event, Pledge
from netra.prevention.services.common import audit, require_act


def _storage_name(ext: str) -> str:
    # Random, like evidence: the path tells nothing about the event or the agency.
    return f"prevention/{timezone.now():%Y/%m}/{secrets.token_urlsafe(24)}.{ext}"


def document_store(
    *, parent: Event | Pledge, checked: CheckedFile, kind: str, user, stored: list
) -> Document:
    """Save one checked file and its row (inside the caller's transaction)."""
    checked.upload.seek(0)
    name = default_storage.save(_storage_name(extension(checked.name)), checked.upload)
    stored.append(name)
    owner: dict[str, Event | Pledge] = {"event": parent} if isinstance(parent, Event) else {"pledge": parent}
    return Document.objects.create(
        **owner,
        kind=kind,
        file=name,
        original_name=checked.name[:255],
        content_type=checked.kind.mime,
        sha256=checked.sha256,
        size=checked.size,
        uploaded_at=timezone.now(),
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )


def document_add(*, user, parent: Event | Pledge, files, kind: str) -> list[Document]:
    """Add materials or scans to an event or pledge; every file is checked before any is stored."""
    require_act(user, parent)
    checked = evidence_check_all(files)
    with files_atomic() as stored:
        documents = [
            document_store(parent=parent, checked=c, kind=kind, user=user, stored=stored) for c in checked
        ]
        audit(
            user=user,
            action="prevention.document_add",
            obj=parent,
            data={
                "files": [{"name": d.original_name, "sha256": d.sha256, "kind": d.kind} for d in documents]
            },
        )
    return documents
