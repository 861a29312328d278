"""The demo's KASN hand-over: one Kepri finding before and one after (issue 15 point 4).

The historical Kepri findings were forwarded to KASN on 20 February 2024 and never followed up. The
demo hands the Bintan one over to BKN through the service (as Bawaslu RI's pimpinan would with the
button), and leaves the two provincial ones waiting at KASN, so the page "Pengalihan berkas KASN"
has something to show and the before/after can be compared.
"""

from netra.cases.models import Recommendation

AFTER_REGISTER = "001/Reg/TM/PL/Kab/21.01/II/2024"  # Bawaslu Kabupaten Bintan's finding


def kasn_demo(user) -> int:
    """Hand over the Bintan finding's recommendation; returns how many were handed over."""
    from netra.cases.services.kasn import kasn_handover, kasn_waiting

    ids = {r.pk for r in kasn_waiting() if r.case.register_number == AFTER_REGISTER}
    if not ids or not Recommendation.objects.filter(pk__in=ids).exists():
        return 0
    return len(kasn_handover(user=user, only=ids))
