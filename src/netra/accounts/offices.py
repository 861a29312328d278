"""Relations between offices and regions: who is competent where."""

from netra.accounts.models import Office
from netra.core.memo import RowMemo

_COMPETENT = RowMemo(Office)  # the public intake asks for every report

KABKOTA_CODE_LENGTH = 5  # "21.01"
PROVINCE_CODE_LENGTH = 2  # "21"


def competent_kind_and_code(region_code: str) -> tuple[str, str]:
    """The Bawaslu office level (kind, region code) that handles cases in ``region_code``."""
    if region_code == "":
        return Office.Kind.BAWASLU_RI, ""
    if len(region_code) == PROVINCE_CODE_LENGTH:
        return Office.Kind.BAWASLU_PROVINSI, region_code
    return Office.Kind.BAWASLU_KABKOTA, region_code[:KABKOTA_CODE_LENGTH]


def office_for_region(region_code: str) -> Office | None:
    """The Bawaslu office competent for a region: kab/kota office for a kab/kota or anything
    below it, the province office for a province code, Bawaslu RI for "". None if not created."""
    kind, code = competent_kind_and_code(region_code.strip())
    return _COMPETENT.get(
        (kind, code), lambda: Office.objects.filter(kind=kind, region_code=code, agency__isnull=True).first()
    )
