"""Whom a case's recommendations are addressed to, kept on the case itself.

``Case.recommended_to_bkn`` / ``recommended_to_ppk`` say whether any recommendation of the case is
addressed to BKN / to a PPK. They exist for speed only (BKN's and the PPKs' scopes in
``netra.accounts.scoping`` become a column filter served by partial indexes in the list and queue
orders), so they must always equal what the recommendations say: every service that creates a
recommendation or changes its addressees calls ``case_recipients_refresh`` in the same transaction
(forwarding, the KASN hand-over, the historical import); the generator writes them with the rows.
"""

from django.db.models import Exists

from netra.cases.models import Case, Recommendation


def case_recipients_refresh(case_id: int) -> None:
    """Recompute the case's recipient flags from its recommendations (one UPDATE)."""
    recommendations = Recommendation.objects.filter(case_id=case_id)
    Case.objects.filter(pk=case_id).update(
        recommended_to_bkn=Exists(recommendations.filter(to_bkn=True)),
        recommended_to_ppk=Exists(recommendations.filter(to_ppk=True)),
    )
