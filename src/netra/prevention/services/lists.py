"""Attendance and signatory lists: read from CSV/XLSX, every row checked, then matched to the roster.

A file with any row error is refused whole and the errors are reported by row and column, as the
case import does (``netra.registry.tabular.RowError``). A good file replaces the event's or pledge's
list (importing the same file twice gives the same list). Each person is matched to the roster the
importing officer may see: by NIP first, else by name within the agency; a name several roster
records share is kept as ambiguous with the number of namesakes, never linked to one of them at random.
"""

import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from netra.cases.report_input import text_problem
from netra.names import InvalidNip, parse_nip
from netra.prevention.models import Attendee, Event, MatchStatus, Pledge, RosterEntry, Signatory
from netra.prevention.services.common import audit, require_act
from netra.prevention.services.reach import reach_refresh
from netra.registry.matching import pegawai_match_many
from netra.registry.selectors import pegawai_list_for
from netra.registry.tabular import RowError, TabularError, read_rows

COLUMNS = {
    "nama": ("name", "nama_lengkap", "nama_peserta", "nama_pegawai"),
    "nip": ("nip_nik", "ni_pppk", "nomor_induk"),
    "instansi": ("agency", "unit_kerja", "opd", "asal_instansi"),
    "jabatan": ("position",),
}
REQUIRED = ("nama",)
MAX_LENGTH = {"nama": 200, "instansi": 200, "jabatan": 200}
NAME_MATCH_SCORE = 0.9  # below it a suggestion is too unsure to count a person as reached


@dataclass
class ListImportResult:
    rows: int
    errors: list[RowError]
    dry_run: bool = False
    counts: dict[str, int] = field(default_factory=dict)  # MatchStatus value -> people

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def matched(self) -> int:
        return self.counts.get(MatchStatus.NIP, 0) + self.counts.get(MatchStatus.NAME, 0)


@dataclass
class _Person:
    row: int
    name: str
    nip: str
    agency_name: str
    position: str
    pegawai_id: int | None = None
    status: str = MatchStatus.UNMATCHED
    namesakes: int = 0


def _clean_nip(raw: str) -> tuple[str, str | None]:
    """The NIP's 18 digits, or the reason it is not one (NIP of a PNS or NI PPPK)."""
    digits = "".join(ch for ch in raw if not ch.isspace())
    try:
        parse_nip(digits)
    except InvalidNip as exc:
        try:
            parse_nip(digits, pppk=True)
        except InvalidNip:
            return digits, str(exc)
    return digits, None


def _row(number: int, values: dict, seen: dict[str, int]) -> tuple[_Person | None, list[RowError]]:
    errors = []

    def error(column: str, reason: str) -> None:
        errors.append(RowError(number, column, values.get(column, ""), reason))

    cells = {column: values.get(column, "").strip() for column in COLUMNS}
    if not cells["nama"]:
        error("nama", _("wajib diisi"))
    for column, limit in MAX_LENGTH.items():
        if problem := text_problem(cells[column]):
            error(column, problem)
        elif len(cells[column]) > limit:
            error(column, _("terlalu panjang (paling banyak %(n)s karakter)") % {"n": limit})
    nip = ""
    if cells["nip"]:
        nip, problem = _clean_nip(cells["nip"])
        if problem:
            error("nip", _("NIP tidak valid: %(reason)s") % {"reason": problem})
        elif nip in seen:
            error("nip", _("NIP yang sama sudah ada di baris %(row)s") % {"row": seen[nip]})
        else:
            seen[nip] = number
    if errors:
        return None, errors
    return _Person(number, cells["nama"], nip, cells["instansi"], cells["jabatan"]), []


def read_people(path: Path) -> tuple[list[_Person], list[RowError]]:
    """Every row of the file, checked; a file that cannot be read is one error on row 1."""
    people: list[_Person] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    try:
        for number, values in read_rows(path, COLUMNS, required=REQUIRED):
            person, problems = _row(number, values, seen)
            errors += problems
            if person is not None:
                people.append(person)
    except TabularError as exc:
        return [], [RowError(1, "", "", str(exc))]
    return people, errors


def _match_nips(user, people: list[_Person]) -> None:
    nips = [p.nip for p in people if p.nip]
    found = dict(pegawai_list_for(user).filter(nip__in=nips).values_list("nip", "pk")) if nips else {}
    for person in people:
        if person.nip in found:
            person.pegawai_id, person.status, person.namesakes = found[person.nip], MatchStatus.NIP, 1


def _match_names(user, people: list[_Person], agency_id: int | None) -> None:
    """People without a NIP match (or whose NIP is not on the roster) by name within the agency."""
    todo = [p for p in people if p.status == MatchStatus.UNMATCHED]
    wanted = [{"name": p.name, "agency_id": agency_id, "position": p.position or None} for p in todo]
    for person, matches in zip(todo, pegawai_match_many(user, wanted, limit=1), strict=True):
        best = matches[0] if matches else None
        if best is None or best.score < NAME_MATCH_SCORE:
            continue
        person.namesakes = best.namesakes
        if best.namesakes == 1:
            person.pegawai_id, person.status = best.pegawai.pk, MatchStatus.NAME
        else:
            person.status = MatchStatus.AMBIGUOUS


def _root_agency_id(agency) -> int | None:
    """The roster keys staff by their instansi; a unit's list is matched within its instansi."""
    if agency is None:
        return None
    return agency.parent_id or agency.pk


def _counts(people: list[_Person]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for person in people:
        counts[person.status] = counts.get(person.status, 0) + 1
    return counts


@contextmanager
def uploaded_path(upload):
    """An uploaded file as a path the table reader can open (keeping its extension)."""
    suffix = Path(upload.name or "").suffix.lower() or ".csv"
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        upload.seek(0)
        shutil.copyfileobj(upload, handle)
        handle.flush()
        yield Path(handle.name)


def _import(*, user, parent, model, path: Path, agency_id: int | None, dry_run: bool) -> ListImportResult:
    require_act(user, parent)
    people, errors = read_people(Path(path))
    result = ListImportResult(rows=len(people) + len({e.row for e in errors}), errors=errors, dry_run=dry_run)
    if errors:
        return result
    _match_nips(user, people)
    _match_names(user, people, agency_id)
    result.counts = _counts(people)
    if dry_run:
        return result
    owner = "event" if isinstance(parent, Event) else "pledge"
    with transaction.atomic():
        before = set(
            model.objects.filter(**{owner: parent}, pegawai__isnull=False).values_list(
                "pegawai_id", flat=True
            )
        )
        model.objects.filter(**{owner: parent}).delete()
        model.objects.bulk_create(
            model(
                **{owner: parent},
                election_id=parent.election_id,
                row=p.row,
                name=p.name,
                nip=p.nip,
                agency_name=p.agency_name,
                position=p.position,
                pegawai_id=p.pegawai_id,
                match_status=p.status,
                namesakes=p.namesakes,
            )
            for p in people
        )
        after = {p.pegawai_id for p in people if p.pegawai_id is not None}
        reach_refresh(election_id=parent.election_id, pegawai_ids=before | after)
        audit(
            user=user,
            action=f"prevention.{owner}_list_import",
            obj=parent,
            data={"rows": len(people), **result.counts},
        )
    return result


def _event_agency(event: Event):
    """Whose staff an event's names are matched among: its one audience agency, else its organiser."""
    audience = list(event.audience_agencies.all()[:2])
    return audience[0] if len(audience) == 1 else event.organiser_agency


def attendance_import(*, user, event: Event, path: Path, dry_run: bool = False) -> ListImportResult:
    """Replace the event's attendance list with the file's (all rows valid, or nothing)."""
    agency = _event_agency(event)
    return _import(
        user=user, parent=event, model=Attendee, path=path, agency_id=_root_agency_id(agency), dry_run=dry_run
    )


def signatories_import(*, user, pledge: Pledge, path: Path, dry_run: bool = False) -> ListImportResult:
    """Replace the pledge's signatory list with the file's (all rows valid, or nothing)."""
    return _import(
        user=user,
        parent=pledge,
        model=Signatory,
        path=path,
        agency_id=_root_agency_id(pledge.agency),
        dry_run=dry_run,
    )


def entry_add(*, user, parent: Event | Pledge, values: dict[str, str]) -> RosterEntry:
    """Add one person typed on the page to an event's or pledge's list, matched like an import.

    ``values`` holds the import's columns (``nama``, ``nip``, ``instansi``, ``jabatan``); a problem is a
    ValidationError keyed by column. A NIP already on the list is refused.
    """
    require_act(user, parent)
    model, owner = (Attendee, "event") if isinstance(parent, Event) else (Signatory, "pledge")
    rows = model.objects.filter(**{owner: parent})
    listed = {nip: row for nip, row in rows.exclude(nip="").values_list("nip", "row")}
    number = (rows.aggregate(last=Max("row"))["last"] or 1) + 1
    person, errors = _row(number, values, listed)
    if person is None:
        raise ValidationError({e.column: [e.reason] for e in errors})
    agency = parent.agency if isinstance(parent, Pledge) else _event_agency(parent)
    _match_nips(user, [person])
    _match_names(user, [person], _root_agency_id(agency))
    with transaction.atomic():
        entry = model.objects.create(
            **{owner: parent},
            election_id=parent.election_id,
            row=person.row,
            name=person.name,
            nip=person.nip,
            agency_name=person.agency_name,
            position=person.position,
            pegawai_id=person.pegawai_id,
            match_status=person.status,
            namesakes=person.namesakes,
        )
        if person.pegawai_id is not None:
            reach_refresh(election_id=parent.election_id, pegawai_ids={person.pegawai_id})
        audit(
            user=user,
            action=f"prevention.{owner}_entry_add",
            obj=parent,
            data={"row": entry.row, "status": entry.match_status},
        )
    return entry
