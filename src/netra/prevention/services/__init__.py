"""The only writers of prevention records; each write is atomic and appends one audit event."""

from netra.prevention.services.documents import document_add
from netra.prevention.services.events import event_create
from netra.prevention.services.lists import ListImportResult, attendance_import, entry_add, signatories_import
from netra.prevention.services.pledges import pledge_create, pledge_templates_ensure

__all__ = [
    "ListImportResult",
    "attendance_import",
    "document_add",
    "entry_add",
    "event_create",
    "pledge_create",
    "pledge_templates_ensure",
    "signatories_import",
]
