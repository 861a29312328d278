"""The records the step guards ask for, written for the demo's live cases through the services.

``demo._advance`` calls ``records_before`` before each action: the kajian awal with its syarat
formil and materiel before registration; a clarification held and the kajian dugaan (with the
facts) before the decision. Everything is invented, like the rest of the demo's live cases.
"""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from netra.cases.models import Kajian

REQUIREMENTS_MET: dict[str, Any] = {name: True for name in (*Kajian.FORMIL, *Kajian.MATERIEL)}


def records_before(case, action: str, user) -> None:
    """Write what ``action`` needs on file, only where it is missing (the demo runs idempotently)."""
    from netra.cases import services

    if action == "register" and not case.kajian.filter(stage=Kajian.Stage.AWAL).exists():
        services.kajian_add(
            user=user,
            case=case,
            stage=Kajian.Stage.AWAL,
            analysis="Syarat formil dan materiel terpenuhi (data demo).",
            conclusion="Laporan dapat diregistrasi.",
            **REQUIREMENTS_MET,
        )
    if action != "decide":
        return
    if not case.clarifications.exists():
        terlapor = case.terlapor.first()
        item = services.clarification_schedule(
            user=user,
            case=case,
            party="terlapor",
            person_name=terlapor.name if terlapor else "Terlapor",
            scheduled_at=timezone.now() - timedelta(hours=3),
            place="Kantor pengawas (data demo)",
        )
        services.clarification_record(
            user=user,
            clarification=item,
            held_at=timezone.now() - timedelta(hours=2),
            record="Terlapor hadir dan memberikan keterangan (data demo).",
        )
    if not case.kajian.filter(stage=Kajian.Stage.DUGAAN).exists():
        services.kajian_add(
            user=user,
            case=case,
            stage=Kajian.Stage.DUGAAN,
            facts=f"Berdasarkan klarifikasi dan bukti, terlapor terbukti {case.description[15:120]}",
            analysis="Perbuatan memenuhi unsur jenis pelanggaran dalam katalog (data demo).",
            conclusion="Terbukti pelanggaran netralitas.",
        )
