"""Triage of processed items: assign, dismiss with a reason, mark as watched, and "Jadikan temuan"
(``item_to_temuan``), one item at a time or for a whole near-duplicate cluster. Every action checks
role and jurisdiction (``netra.accounts.scoping``) and writes one audit event per item."""

import json
import logging
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.accounts.models import Role, User
from netra.accounts.scoping import SUPERVISE, VIEW, can, is_supervisor, monitoring_item_region_code, restrict
from netra.cases.evidence import FileKind
from netra.cases.law import local_date
from netra.cases.models import Case, Election, Evidence, Terlapor
from netra.cases.models import Source as CaseSource
from netra.cases.report_input import election_covers
from netra.cases.services.evidence import cleanup_on_failure, evidence_store
from netra.cases.services.intake import temuan_create
from netra.core.inputs import text_problem
from netra.monitoring.models import Capture, Cluster, Item
from netra.monitoring.services.capture import CaptureError, capture_url
from netra.monitoring.services.capture_evidence import capture_files, checked_file
from netra.monitoring.services.capture_queue import capture_request
from netra.monitoring.services.watch import audit, watched_ensure
from netra.registry.models import Pegawai, Region

log = logging.getLogger(__name__)

TRIAGE_ROLES = (Role.PIMPINAN, Role.PENGAWAS, Role.STAF_PENANGANAN)
REASON_MAX = 1000
EVIDENCE_JSON = FileKind("application/json", "JSON", frozenset({"json"}))
TEXT_MAX = 10_000
TITLE_MAX = 200


# Checks ------------------------------------------------------------------------------------------


def _require_triager(user, item: Item) -> None:
    if not (is_supervisor(user) and user.has_role(*TRIAGE_ROLES)):
        raise PermissionDenied(_("Hanya petugas pengawas yang dapat menindaklanjuti butir pemantauan."))
    if not can(user, item, SUPERVISE):
        raise PermissionDenied(_("Butir ini di luar wilayah pengawasan kantor Anda."))
    if item.state != Item.State.DONE:
        raise ValidationError(_("Butir ini belum selesai diproses."))


def _locked(item: Item) -> Item:
    """The item re-read under a row lock (two officers clicking at once act one after the other)."""
    return (
        Item.objects.select_for_update(of=("self",))  # the watched account is an outer join
        .select_related("source__office", "watched_account")
        .get(pk=item.pk)
    )


def _mark(item: Item, user, triage: str, **fields: Any) -> None:
    now = timezone.now()
    Item.objects.filter(pk=item.pk).update(triage=triage, triaged_by=user, triaged_at=now, **fields)
    item.triage, item.triaged_by, item.triaged_at = triage, user, now
    for name, value in fields.items():
        setattr(item, name, value)


def _not_temuan(item: Item) -> None:
    if item.case_id is not None:
        raise ValidationError(_("Butir ini sudah dijadikan temuan."))


# One item ----------------------------------------------------------------------------------------


def _assignee(user, assignee) -> User:
    pk = assignee.pk if isinstance(assignee, User) else assignee
    found = restrict(User.objects.filter(pk=pk, is_active=True), user, VIEW).first()
    if found is None:
        raise ValidationError({"assignee": _("Pilih petugas dari kantor Anda.")})
    return found


def item_assign(*, user, item: Item, assignee) -> Item:
    """Assign the item to an officer of the user's office."""
    _require_triager(user, item)
    officer = _assignee(user, assignee)
    with transaction.atomic():
        item = _locked(item)
        _not_temuan(item)
        _mark(item, user, Item.Triage.ASSIGNED, assigned_to=officer)
        audit(user=user, action="monitoring.item.assign", obj=item, data={"assignee": officer.get_username()})
    return item


def reason_clean(reason: str) -> str:
    text = str(reason or "").strip()
    if not text:
        raise ValidationError({"reason": _("Tuliskan alasan butir ini diabaikan.")})
    if len(text) > REASON_MAX:
        raise ValidationError(
            {"reason": _("Alasan terlalu panjang (paling banyak %(n)s karakter).") % {"n": REASON_MAX}}
        )
    if problem := text_problem(text, multiline=True):
        raise ValidationError({"reason": problem})
    return text


def item_dismiss(*, user, item: Item, reason: str) -> Item:
    """Set the item aside with a written reason (required)."""
    _require_triager(user, item)
    text = reason_clean(reason)
    with transaction.atomic():
        item = _locked(item)
        _not_temuan(item)
        _mark(item, user, Item.Triage.DISMISSED, dismiss_reason=text)
        audit(user=user, action="monitoring.item.dismiss", obj=item, data={"reason": text})
    return item


def item_watch(*, user, item: Item, pegawai, platform: str = "", handle: str = "") -> Item:
    """Watch the item's author: create (or reuse) the WatchedAccount for its platform and handle,
    linked to the chosen roster record, and tie the item to it."""
    _require_triager(user, item)
    platform = platform or item.platform
    handle = handle or item.author_handle
    if not platform or not handle:
        raise ValidationError({"handle": _("Butir ini tidak memiliki akun penulis untuk dipantau.")})
    with transaction.atomic():
        item = _locked(item)
        account, _created = watched_ensure(user=user, platform=platform, handle=handle, pegawai=pegawai)
        fields: dict[str, Any] = {"watched_account": account}
        if item.case_id is None:
            _mark(item, user, Item.Triage.WATCHED, **fields)
        else:
            Item.objects.filter(pk=item.pk).update(**fields)
            item.watched_account = account
        audit(
            user=user,
            action="monitoring.item.watch",
            obj=item,
            data={"watched_account_id": account.pk, "pegawai_id": account.pegawai_id},
        )
    return item


# Jadikan temuan ----------------------------------------------------------------------------------


def _chosen_pegawai(user, item: Item, pegawai) -> Pegawai | None:
    """The terlapor's roster record: the one chosen, else the watched account's, else the best match."""
    if pegawai is not None:
        pk = pegawai.pk if isinstance(pegawai, Pegawai) else pegawai
    elif item.watched_account and item.watched_account.pegawai_id:
        pk = item.watched_account.pegawai_id
    else:
        best = next(
            (m for m in item.author_matches or [] if isinstance(m, dict) and m.get("pegawai_id")), None
        )
        pk = best["pegawai_id"] if best else None
    if pk is None:
        return None
    found = restrict(Pegawai.objects.filter(pk=pk), user, VIEW).select_related("agency").first()
    if found is None and pegawai is not None:
        raise ValidationError({"pegawai": _("Pegawai tidak ditemukan di roster wilayah Anda.")})
    return found


def _terlapor(item: Item, person: Pegawai | None) -> list[dict]:
    if person is not None:
        return [
            {
                "name": person.full_name,
                "nip": person.nip or "",
                "agency": person.agency_id,
                "agency_name": person.agency.name,
                "position": person.position,
                "subject_type": person.employment_type,
            }
        ]
    name = (item.author_name or (f"@{item.author_handle}" if item.author_handle else "")).strip()[:200]
    return [{"name": name, "subject_type": "lainnya"}] if name else []


def _region(item: Item) -> Region:
    if item.region is not None:
        return item.region
    code = monitoring_item_region_code(item)
    region = Region.objects.filter(pk=code).first() if code else None
    if region is None:
        raise ValidationError({"region": _("Wilayah butir ini belum diketahui; temuan tidak dapat dibuat.")})
    return region


def _election(item: Item, region: Region) -> Election:
    for chosen in (item.election, item.source.election):
        if chosen is not None and election_covers(chosen, region.code):
            return chosen
    candidates = [e for e in Election.objects.filter(is_active=True) if election_covers(e, region.code)]
    if not candidates:
        raise ValidationError({"election": _("Tidak ada pemilihan aktif di wilayah ini.")})
    # The most local election (a Pilkada over the national Pemilu), then the nearest voting day.
    today = timezone.localdate()
    return min(candidates, key=lambda e: (e.region_id is None, abs((e.voting_day - today).days)))


def _dates(item: Item, region: Region) -> tuple[date, date]:
    received = local_date(item.received_at, region.code)
    posted = local_date(item.posted_at, region.code) if item.posted_at else received
    occurred = min(posted, received, timezone.localdate())
    return occurred, max(occurred, min(received, timezone.localdate()))


def _code_words(item: Item) -> str:
    if not item.violation_code:
        return _("tanpa saran kode pelanggaran")
    return _("saran kode %(code)s%(indicator)s") % {
        "code": item.violation_code,
        "indicator": f" ({item.indicator})" if item.indicator else "",
    }


def _who(item: Item) -> str:
    if item.author_handle:
        return f"@{item.author_handle}" + (f" ({item.author_name})" if item.author_name else "")
    return item.author_name or item.source.name


def _place(item: Item) -> str:
    if item.kind == Item.Kind.NEWS:
        return (_("Berita daring: %(source)s") % {"source": item.source.name})[:300]
    platform = item.platform or _("media sosial")
    return (_("Media sosial %(platform)s, akun %(who)s") % {"platform": platform, "who": _who(item)})[:300]


def _description(item: Item) -> str:
    head = _("Butir pemantauan #%(id)s dari %(source)s, %(who)s; %(code)s.") % {
        "id": item.pk,
        "source": item.source.name,
        "who": _who(item),
        "code": _code_words(item),
    }
    body = (f"{item.title}\n\n" if item.title else "") + item.text
    text = f"{head}\n\n{body}"
    if item.url:
        text += f"\n\n{item.url}"
    return text[:TEXT_MAX]


def _title(item: Item) -> str:
    what = _("Berita") if item.kind == Item.Kind.NEWS else _("Unggahan")
    text = _("%(what)s %(who)s diduga melanggar netralitas ASN (%(code)s)") % {
        "what": what,
        "who": _who(item),
        "code": item.violation_code or _("perlu dikaji"),
    }
    return text if len(text) <= TITLE_MAX else text[: TITLE_MAX - 1] + "…"


def item_record(item: Item) -> dict[str, Any]:
    """The item as the evidence file keeps it: text, metadata and what the pipeline found."""
    return {
        "netra_monitoring_item": item.pk,
        "kind": item.kind,
        "source": {"id": item.source_id, "name": item.source.name, "kind": item.source.kind},
        "content_hash": item.content_hash,
        "external_id": item.external_id,
        "platform": item.platform,
        "author_handle": item.author_handle,
        "author_name": item.author_name,
        "author_bio": item.author_bio,
        "title": item.title,
        "text": item.text,
        "url": item.url,
        "posted_at": item.posted_at.isoformat() if item.posted_at else None,
        "received_at": item.received_at.isoformat(),
        "reactions": item.reactions,
        "shares": item.shares,
        "media_description": item.media_description,
        "analysis": {
            "language": item.language,
            "score": item.score,
            "violation_code": item.violation_code,
            "indicator": item.indicator,
            "reason": item.reason,
            "cues": item.cues,
            "author_matches": item.author_matches,
            "cluster_id": item.cluster_id,
            "region_code": item.region_code,
            "priority": item.priority,
            "versions": item.versions,
        },
        "raw": item.raw,
    }


def _capture_done(item: Item) -> Capture | None:
    """The newest capture of the item's URL already done for the item (an officer pressed "Tangkap
    halaman" first; it is also nearer the post's time)."""
    if not item.url:
        return None
    done = Capture.objects.filter(item=item, url=item.url[:1000], state=Capture.State.DONE)
    return done.exclude(warc_sha256="").order_by("-captured_at", "-pk").first()


def _capture(item: Item, user) -> Capture | None:
    """A snapshot of the item's URL: one already done for the item, else a fetch now (``capture_url``).
    None when the URL was refused or failed (the URL then stays a link evidence; the reason is logged)."""
    if not item.url:
        return None
    if (earlier := _capture_done(item)) is not None:
        return earlier
    try:
        return capture_url(item.url, user=user, item=item)
    except CaptureError as exc:
        log.info("capture of item %s failed: %s", item.pk, exc)
        return None


def item_to_temuan(item: Item, *, user, pegawai=None, queue_capture: bool = False) -> Case:
    """Make a temuan of the item ("Jadikan temuan"), handled by the user's office.

    Pre-filled: the terlapor (``pegawai``, else the watched account's owner, else the best roster
    candidate), the locus (the item's region), the election, the suggested violation code (in the
    title, description and observation: the case's own ``violation_code`` is the decided one), the
    item's text and metadata as a JSON evidence file (SHA-256 like any evidence), and the URL as a
    captured snapshot (PDF/PNG and WARC) when the capture service has it, else as a link. The item
    and the case are linked both ways (``Item.case``; the case page shows its monitoring origin).

    The URL's snapshot is one already done for the item, else fetched now; with ``queue_capture``
    (the page: the officer does not wait for a fetch) it is queued instead, the URL stays a link, and
    the worker adds the snapshot to the temuan's evidence when done (``capture_evidence_attach``).
    """
    _require_triager(user, item)
    _not_temuan(item)
    region = _region(item)
    person = _chosen_pegawai(user, item, pegawai)
    occurred, known = _dates(item, region)
    data = {
        "election": _election(item, region),
        "region": region,
        "title": _title(item),
        "description": _description(item),
        "place": _place(item),
        "occurred_on": occurred,
        "known_on": known,
        "confirm_period": True,  # the post's own date: the officer saw it, in or out of the period
        "terlapor": _terlapor(item, person),
    }
    observation = {
        "observed_at": min(item.received_at, timezone.now()),
        "place": _place(item),
        "method": _("Pemantauan siber Netra: sumber %(source)s (%(kind)s), diterima %(at)s.")
        % {
            "source": item.source.name,
            "kind": item.source.get_kind_display(),
            "at": timezone.localtime(item.received_at).strftime("%Y-%m-%d %H:%M %Z"),
        },
        "what": (
            _("%(code)s; skor %(score)s. %(reason)s")
            % {
                "code": _code_words(item),
                "score": f"{item.score:.2f}" if item.score is not None else "-",
                "reason": item.reason or "",
            }
        ).strip()[:TEXT_MAX],
    }
    capture = _capture_done(item) if queue_capture else _capture(item, user)
    record = json.dumps(item_record(item), ensure_ascii=False, indent=2, sort_keys=True).encode()
    files = [
        (
            checked_file(record, f"butir-pemantauan-{item.pk}.json", EVIDENCE_JSON),
            _("Teks dan metadata butir pemantauan"),
        )
    ]
    if capture is not None:
        files += capture_files(capture)
    links = [item.url] if item.url and capture is None else []
    with cleanup_on_failure() as stored, transaction.atomic():
        locked = _locked(item)
        _not_temuan(locked)
        case = temuan_create(
            user=user, data=data, observation=observation, links=links, source=CaseSource.MONITORING
        )
        for checked, description in files:
            evidence_store(case=case, checked=checked, user=user, description=description, stored=stored)
        if person is not None:
            Terlapor.objects.filter(case=case).update(pegawai=person)
        _mark(locked, user, Item.Triage.TEMUAN, case=case)
        audit(
            user=user,
            action="monitoring.item.temuan",
            obj=locked,
            data={
                "case_id": case.pk,
                "pegawai_id": person.pk if person else None,
                "capture_id": capture.pk if capture is not None else None,
                "evidence": list(
                    Evidence.objects.filter(case=case).exclude(sha256="").values_list("sha256", flat=True)
                ),
            },
        )
    item.case, item.triage = case, Item.Triage.TEMUAN
    if queue_capture and capture is None:
        _capture_queue(item, user, case)
    return case


def _capture_queue(item: Item, user, case: Case) -> Capture | None:
    """Queue the snapshot of the temuan's URL (after the temuan committed: a refused URL or a lost
    queue leaves the link, as a failed capture does)."""
    if not item.url:
        return None
    try:
        capture, _created = capture_request(item.url, user=user, item=item, for_case=case)
    except (CaptureError, PermissionDenied) as exc:
        log.info("capture of item %s not queued: %s", item.pk, exc)
        return None
    return capture


# A whole cluster ---------------------------------------------------------------------------------


def _cluster_items(user, cluster: Cluster) -> list[Item]:
    """The cluster's processed, still open items the user may act on."""
    rows = restrict(Item.objects.filter(cluster=cluster), user, SUPERVISE).filter(
        state=Item.State.DONE, case__isnull=True, triage__in=(Item.Triage.NEW, Item.Triage.ASSIGNED)
    )
    return list(rows.select_related("source__office", "watched_account").order_by("pk"))


def _cluster_check(user) -> None:
    if not (is_supervisor(user) and user.has_role(*TRIAGE_ROLES)):
        raise PermissionDenied(_("Hanya petugas pengawas yang dapat menindaklanjuti butir pemantauan."))


def cluster_dismiss(*, user, cluster: Cluster, reason: str) -> int:
    """Dismiss every open item of the cluster the user may act on; returns how many."""
    _cluster_check(user)
    text = reason_clean(reason)
    done = 0
    with transaction.atomic():
        for item in _cluster_items(user, cluster):
            item_dismiss(user=user, item=item, reason=text)
            done += 1
    return done


def cluster_assign(*, user, cluster: Cluster, assignee) -> int:
    """Assign every open item of the cluster the user may act on to one officer; returns how many."""
    _cluster_check(user)
    officer = _assignee(user, assignee)
    done = 0
    with transaction.atomic():
        for item in _cluster_items(user, cluster):
            item_assign(user=user, item=item, assignee=officer)
            done += 1
    return done


def cluster_watch(*, user, cluster: Cluster) -> int:
    """Watch the author of every open item of the cluster whose best roster candidate the user may
    read (the candidate becomes the account's owner); items without a candidate are left as they are.
    Returns how many items were marked."""
    _cluster_check(user)
    done = 0
    with transaction.atomic():
        for item in _cluster_items(user, cluster):
            if not (item.platform and item.author_handle):
                continue
            person = _chosen_pegawai(user, item, None)
            if person is None:
                continue
            item_watch(user=user, item=item, pegawai=person)
            done += 1
    return done
