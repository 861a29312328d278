"""Fill ``Case.recommended_to_bkn`` / ``recommended_to_ppk`` (added by 0010) from the recommendations
already stored. Its own migration: on PostgreSQL a CREATE INDEX in the transaction that has just
updated ``cases_case`` fails ("pending trigger events", the deferred foreign-key checks), so the
indexes come in 0016. One UPDATE of the cases whose flags differ from their recommendations (about
390 000 of a million generated cases, minutes on a loaded machine, most of it index maintenance);
a database where an earlier version of 0010 already filled them has nothing to update."""

from django.db import migrations
from django.db.models import Exists, F, OuterRef, Q


def recipients_backfill(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Recommendation = apps.get_model("cases", "Recommendation")
    addressed = Recommendation.objects.filter(case=OuterRef("pk"))
    flags = {
        "bkn": Exists(addressed.filter(to_bkn=True)),
        "ppk": Exists(addressed.filter(to_ppk=True)),
    }
    stale = Case.objects.annotate(**flags).filter(
        ~Q(recommended_to_bkn=F("bkn")) | ~Q(recommended_to_ppk=F("ppk"))
    )
    Case.objects.filter(pk__in=stale.values("pk")).update(
        recommended_to_bkn=Exists(addressed.filter(to_bkn=True)),
        recommended_to_ppk=Exists(addressed.filter(to_ppk=True)),
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0014_merge_search_vector_and_witnesses")]

    operations = [migrations.RunPython(recipients_backfill, migrations.RunPython.noop, elidable=False)]
