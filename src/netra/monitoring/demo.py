"""Demo monitoring data for Bawaslu Kabupaten Bintan: a news feed and a social-media upload source,
a watched account linked to a demo roster person, and posts and one article written for the demo
(every person, account, candidate pair and event is fictional; nothing is copied from real posts or
news), ingested with ``items_add`` and run through the pipeline (``process_pending``) so the queue
shows triaged items: partisan posts flagged, one coordinated cluster, one watched account.

The demo election "Pilkada Serentak 2024" gets a fictional candidate configuration for Kabupaten
Bintan when it has none there (the scorer needs candidates to recognise support).
Everything is written through services by the demo officer ``bintan.pengawas``; the sources, the
watched account and the items carry ``is_demo``.
"""

from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from netra.accounts.models import User
from netra.accounts.scoping import region_subtree_q
from netra.cases.models import Election
from netra.monitoring.models import Source
from netra.registry.models import Pegawai

ELECTION = "Pilkada Serentak 2024"
REGION = "21.01"  # Kabupaten Bintan
OFFICER = "bintan.pengawas"
FEED = "Umpan berita daerah Bintan (demo)"
UPLOAD = "Ekspor media sosial Bintan (demo)"
NOTE = "Pasangan calon fiktif untuk demo Netra (bukan calon sebenarnya)."

# Two fictional candidate pairs for the demo's Bupati Bintan election.
CANDIDATES = [
    {
        "number": 1,
        "names": ["Bahtiar Lamsari", "Rosmala Dewinta", "Bahtiar-Rosmala"],
        "nicknames": ["Bang Bahtiar"],
        "hashtags": ["#BahtiarRosmala", "#BintanBerlayar"],
        "gestures": ["salam satu jari", "salam 1 jari"],
    },
    {
        "number": 2,
        "names": ["Indra Kelana", "Sumiati Anwar", "Indra-Sumiati"],
        "nicknames": ["Bang Indra"],
        "hashtags": ["#IndraSumiati", "#BintanGemilang"],
        "gestures": ["salam dua jari", "salam 2 jari"],
    },
]

COORDINATED = (
    "Mari bersama menangkan Indra-Sumiati untuk Bintan yang lebih gemilang. "
    "Coblos nomor 2 tanggal pemungutan suara nanti! #IndraSumiati #BintanGemilang"
)


def _people() -> list[Pegawai]:
    """Six demo roster people of Kabupaten Bintan with distinct names, those without a namesake in the
    roster first (the pipeline is sure of such an author)."""
    by_name: dict[str, Pegawai] = {}
    rows = (
        Pegawai.objects.filter(region_subtree_q(REGION, "region__code"))
        .select_related("agency")
        .order_by("pk")
    )
    for person in rows[:400]:
        by_name.setdefault(person.name_normalized, person)
    counts = {name: Pegawai.objects.filter(name_normalized=name).count() for name in list(by_name)[:60]}
    ranked = sorted(counts, key=lambda name: (counts[name] > 1, by_name[name].pk))
    return [by_name[name] for name in ranked[:6]]


def _bio(person: Pegawai) -> str:
    return f"{person.position or 'ASN'} di {person.agency.name}. Akun pribadi."


def _posts(people: list[Pegawai], watched_handle: str) -> list[dict]:
    now = timezone.now()
    watched, *others = people
    rows = [
        {
            "platform": "facebook",
            "author_handle": watched_handle,
            "author_name": watched.full_name,
            "author_bio": _bio(watched),
            "text": "Pagi ini ikut menyambut Bang Bahtiar di Kijang. Nomor 1 paling peduli guru honorer, "
            "jangan lupa coblos nomor 1 ya! #BahtiarRosmala",
            "url": "https://contoh.netra.invalid/facebook/demo/1",
            "posted_at": (now - timedelta(hours=5)).isoformat(),
            "reactions": 48,
            "shares": 6,
        },
    ]
    for minutes, (person, tail) in enumerate(
        zip(others[:3], ["", " Salam dua jari!", " Ayo!"], strict=False)
    ):
        rows.append(
            {
                "platform": "facebook",
                "author_handle": f"demo.{person.pk}",
                "author_name": person.full_name,
                "author_bio": _bio(person),
                "text": COORDINATED + tail,
                "posted_at": (now - timedelta(hours=3, minutes=10 * minutes)).isoformat(),
                "reactions": 12 + minutes,
            }
        )
    rows.append(
        {
            "platform": "facebook",
            "author_handle": "relawan.demo.bintan",
            "author_name": "Relawan Bintan Gemilang",
            "text": COORDINATED,
            "posted_at": (now - timedelta(hours=2, minutes=40)).isoformat(),
        }
    )
    if len(others) > 3:
        person = others[3]
        rows.append(
            {
                "platform": "instagram",
                "author_handle": f"demo.{person.pk}",
                "author_name": person.full_name,
                "author_bio": _bio(person),
                "text": "Sudah jelas pilihan kami, salam satu jari untuk Bahtiar-Rosmala. "
                "Rekan-rekan sekantor siap mendukung sampai menang! #BintanBerlayar",
                "posted_at": (now - timedelta(hours=7)).isoformat(),
                "reactions": 30,
            }
        )
    if len(others) > 4:
        person = others[4]
        rows.append(
            {
                "platform": "facebook",
                "author_handle": f"demo.{person.pk}",
                "author_name": person.full_name,
                "author_bio": _bio(person),
                "text": "Hari ini kami mengikuti sosialisasi netralitas ASN. "
                "Ingat, ASN wajib netral dan tidak boleh memihak dalam Pilkada.",
                "posted_at": (now - timedelta(hours=9)).isoformat(),
            }
        )
    rows.append(
        {
            "platform": "x",
            "author_handle": "wisata.demo.bintan",
            "author_name": "Info Wisata Bintan",
            "text": "Pantai Trikora ramai dikunjungi wisatawan akhir pekan ini, air laut sedang jernih.",
            "posted_at": (now - timedelta(hours=1)).isoformat(),
        }
    )
    return rows


def _article() -> dict:
    return {
        "title": "Oknum ASN Bintan diduga hadir di kampanye pasangan calon (berita demo)",
        "text": "BINTAN - Seorang aparatur sipil negara di lingkungan Pemerintah Kabupaten Bintan "
        "diduga hadir dan berorasi dalam kampanye terbuka salah satu pasangan calon bupati di Kecamatan "
        "Bintan Timur. "
        "Bawaslu Kabupaten Bintan menyatakan akan menelusuri dugaan pelanggaran netralitas tersebut. "
        "(Berita fiktif untuk demo Netra.)",
        "url": "https://contoh.netra.invalid/berita/demo-1",
        "posted_at": (timezone.now() - timedelta(hours=6)).isoformat(),
    }


def _election_config(election: Election, user: User) -> None:
    from netra.cases.elections import scoring_config
    from netra.cases.services.elections import election_candidate_save, election_setting_update

    if scoring_config(election, REGION) is not None:
        return
    election_setting_update(
        election=election,
        region_code=REGION,
        values={"level": "bupati", "note": NOTE},
        user=None,
        actor="demo",
    )
    for values in CANDIDATES:
        election_candidate_save(election=election, region_code=REGION, values=values, user=None, actor="demo")


def monitoring_demo_load(*, log: Callable[..., object] = print) -> list[str]:
    """Seed the monitoring demo once (nothing when its sources exist); returns notes for the summary."""
    if Source.objects.filter(is_demo=True).exists():
        return []
    user = User.objects.filter(username=OFFICER).select_related("office").first()
    election = Election.objects.filter(name=ELECTION).first()
    people = _people()
    if user is None or election is None or len(people) < 4:
        return [
            "Demo pemantauan dilewati: akun bintan.pengawas, pemilihan demo atau roster Bintan belum ada."
        ]
    log("Menyiapkan demo pemantauan (sumber, akun dipantau, unggahan fiktif)…")
    with transaction.atomic():  # all or nothing: a failed seed leaves no half demo behind
        return _seed(user, election, people)


def _seed(user: User, election: Election, people: list[Pegawai]) -> list[str]:
    from netra.monitoring.pipeline import process_pending
    from netra.monitoring.services.ingest import items_add
    from netra.monitoring.services.sources import source_create
    from netra.monitoring.services.triage_demo import demo_mark
    from netra.monitoring.services.watch import watched_ensure

    _election_config(election, user)
    feed = source_create(
        user=user,
        name=FEED,
        kind=Source.Kind.FEED,
        url="https://contoh.netra.invalid/bintan/rss",
        election=election,
    )
    upload = source_create(user=user, name=UPLOAD, kind=Source.Kind.UPLOAD, election=election)
    # The teacher's account, and two of the accounts that post the same text: the owners are certain,
    # so the near-identical posts of several civil servants show as a coordinated action.
    watched = [(f"demo.guru.{people[0].pk}", people[0])] + [(f"demo.{p.pk}", p) for p in people[1:3]]
    accounts = [
        watched_ensure(
            user=user, platform="facebook", handle=handle, pegawai=person, note="Akun demo (fiktif)."
        )[0]
        for handle, person in watched
    ]
    account = accounts[0]
    posts = items_add(
        source=upload, rows=_posts(people, account.handle), kind="post", election=election, user=user
    )
    news = items_add(source=feed, rows=[_article()], kind="news", election=election, user=user)
    done = process_pending()
    demo_mark(sources=[feed, upload], accounts=accounts, item_ids=[*posts.item_ids, *news.item_ids])
    return [
        f"Pemantauan demo: {posts.new + news.new} butir fiktif diproses ({done}), "
        f"{len(accounts)} akun dipantau; buka Pemantauan sebagai bintan.pengawas."
    ]
