"""Post scoring: who is flagged, which violation code, what the output looks like."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netra.text.election import ElectionConfig
from netra.text.posts import THRESHOLD, Post, PostError, score_post, score_posts

DEVSET = Path(__file__).resolve().parents[2] / "benchmarks" / "devset"
PILPRES = ElectionConfig.load(DEVSET / "election_pilpres2024.toml")
CAMPAIGN = "Bismillah, 14 Feb coblos 02 ya bapak ibu ✌️ #PrabowoGibran2024"
AFTER_PENETAPAN = "2024-01-20T08:00:00+07:00"
BEFORE_PENETAPAN = "2023-10-20T08:00:00+07:00"


def post(text=CAMPAIGN, bio="ASN Dinas Pendidikan Kab. Cianjur", created_at=AFTER_PENETAPAN, **extra):
    return {
        "id": "p1",
        "author": "a",
        "bio": bio,
        "text": text,
        "created_at": created_at,
        "platform": "facebook",
        **extra,
    }


def score(**kwargs):
    return score_post(post(**kwargs), PILPRES)


def test_civil_servant_campaigning_scores_far_above_neutral_posts():
    campaigning = score()
    office_news = score(text="Penyaluran dana BOS tahap I sudah dimulai, kepala sekolah segera susun RKAS.")
    assert campaigning.flagged and campaigning.score > 0.9
    assert not office_news.flagged and office_news.score < 0.1
    assert campaigning.targets == ["02"]


def test_ordinary_citizen_campaigning_is_not_flagged_as_asn():
    citizen = score(bio="Pedagang bakso | Cianjur")
    assert citizen.partisan > 0.9
    assert citizen.civil_servant < 0.05
    assert not citizen.flagged


def test_retired_civil_servant_is_not_flagged():
    assert not score(bio="Pensiunan PNS Disdik | kakek 3 cucu").flagged


def test_neutrality_reminder_shared_by_asn_is_not_flagged():
    reminder = score(
        text="Ingat! ASN wajib menjaga netralitas, dilarang like postingan paslon 02 #ASNNetral",
        action="shared",
    )
    assert reminder.score < 0.05


def test_news_account_is_not_flagged():
    news = score(
        bio="Portal berita Jawa Barat terkini",
        text="Bawaslu temukan camat diduga ajak warga coblos paslon 02",
    )
    assert news.score < 0.05


@pytest.mark.parametrize(
    ("action", "created_at", "code"),
    [
        ("liked", AFTER_PENETAPAN, "D-6"),
        ("shared", AFTER_PENETAPAN, "D-6"),
        ("commented", BEFORE_PENETAPAN, "KE-4"),
    ],
)
def test_engagement_with_partisan_content(action, created_at, code):
    text = "Prabowo-Gibran: Bersama Indonesia Maju!"
    engaged = score(text=text, action=action, created_at=created_at)
    posted = score(text=text, created_at=created_at)
    assert engaged.violation == code
    assert engaged.score > posted.score


@pytest.mark.parametrize(
    ("text", "created_at", "code"),
    [
        ("Foto bareng Mas Gibran tadi ✌️", AFTER_PENETAPAN, "D-7"),
        ("Foto bareng Mas Gibran tadi ✌️", BEFORE_PENETAPAN, "KE-5"),
        ("Hadir di deklarasi relawan Ganjar Pranowo", BEFORE_PENETAPAN, "KE-3"),
        ("Ayo warga, kita menangkan paslon nomor urut 3", AFTER_PENETAPAN, "D-8"),
        ("#AMINajaDulu perubahan!", AFTER_PENETAPAN, "D-2"),
        ("#AMINajaDulu perubahan!", BEFORE_PENETAPAN, "KE-2"),
        # Penetapan day (13 Nov 2023) is read in WIB: 01:00 WIB on the 13th is already "calon".
        ("#AMINajaDulu perubahan!", "2023-11-12T18:00:00+00:00", "D-2"),
        ("#AMINajaDulu perubahan!", "2023-11-12T16:30:00+00:00", "KE-2"),
        ("Saya kader Gerindra siap menangkan 02", AFTER_PENETAPAN, "D-5"),
        ("Siap jadi tim pemenangan Prabowo", BEFORE_PENETAPAN, "D-9"),
        ("Siap jadi tim pemenangan Prabowo", AFTER_PENETAPAN, "D-10"),
        ("Prabowo presidenku", AFTER_PENETAPAN, "D-6"),
    ],
)
def test_violation_code_by_conduct_and_date(text, created_at, code):
    assert score(text=text, created_at=created_at).violation == code


def test_no_partisan_cue_means_no_violation():
    assert score(text="Selamat pagi rekan kerja").violation is None


def test_output_shape():
    result = score().to_dict()
    assert list(result) == [
        "id",
        "score",
        "violation",
        "civil_servant",
        "partisan",
        "targets",
        "language",
        "duplicate_cluster",
        "cues",
    ]
    assert set(result["cues"]) == {"civil_servant", "partisan", "context", "counter"}
    assert 0.0 <= result["score"] <= 1.0
    assert result["language"] == "id"
    json.dumps(result)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"text": "x", "created_at": AFTER_PENETAPAN}, "missing id"),
        ({"id": "1", "created_at": AFTER_PENETAPAN}, "missing text"),
        ({"id": "1", "text": "x"}, "missing created_at"),
        ({"id": "1", "text": "x", "created_at": "kemarin"}, "not ISO 8601"),
        ({"id": "1", "text": "x", "created_at": AFTER_PENETAPAN, "action": "retweeted"}, "action must be"),
        ({"id": "1", "text": 5, "created_at": AFTER_PENETAPAN}, "'text' must be a string"),
    ],
)
def test_bad_posts_are_rejected(record, message):
    with pytest.raises(PostError, match=message):
        Post.from_dict(record)


def test_score_posts_keeps_order_and_marks_copies():
    records = [
        post(),
        {**post(bio="Petani"), "id": "p2"},
        {**post(text="Rapat evaluasi besok jam 9"), "id": "p3"},
    ]
    results = score_posts(records, PILPRES)
    assert [result.id for result in results] == ["p1", "p2", "p3"]
    assert results[0].duplicate_cluster == results[1].duplicate_cluster == "dup-1"
    assert results[2].duplicate_cluster is None


def test_given_tokens_score_as_the_posts_own_and_clustering_can_be_left_out():
    from netra.text.normalize import tokenize

    records = [json.loads(line) for line in (DEVSET / "posts.jsonl").read_text(encoding="utf-8").splitlines()]
    group = [record for record in records if record["election"] == records[0]["election"]]
    election = ElectionConfig.load(DEVSET / group[0]["election"])
    tokens = [tokenize(Post.from_dict(record).text, punctuation=False) for record in group]
    plain = score_posts(group, election)
    given = score_posts(group, election, tokens=tokens, near_duplicates=False)
    assert [r.to_dict() | {"duplicate_cluster": None} for r in plain] == [r.to_dict() for r in given]
    assert any(r.duplicate_cluster for r in plain) and not any(r.duplicate_cluster for r in given)


def devset_outcomes(split):
    records = [json.loads(line) for line in (DEVSET / "posts.jsonl").read_text(encoding="utf-8").splitlines()]
    outcomes = []
    for name in {record["election"] for record in records}:
        group = [record for record in records if record["election"] == name]
        election = ElectionConfig.load(DEVSET / name)
        outcomes += [
            (result.score >= THRESHOLD, bool(record["label"]))
            for record, result in zip(group, score_posts(group, election), strict=True)
            if record["split"] == split
        ]
    return outcomes


@pytest.mark.parametrize(("split", "size", "floor"), [("dev", 150, 0.9), ("holdout", 50, 0.8)])
def test_devset_figures_hold(split, size, floor):
    """A regression guard on the authored development set (figures in docs/text.md)."""
    outcomes = devset_outcomes(split)
    assert len(outcomes) >= size
    tp = sum(1 for predicted, gold in outcomes if predicted and gold)
    precision = tp / sum(1 for predicted, _ in outcomes if predicted)
    recall = tp / sum(1 for _, gold in outcomes if gold)
    assert precision >= floor and recall >= floor


def test_violation_codes_exist_in_the_law_catalogue():
    catalogue = pytest.importorskip("netra.law.catalogue")
    for code in ("D-2", "D-4", "D-5", "D-6", "D-7", "D-8", "D-9", "D-10", "KE-2", "KE-3", "KE-4", "KE-5"):
        violation = catalogue.get(code)
        if code.startswith("KE-"):
            assert violation.phase == "bakal_calon", code


WORDS = [
    "paslon",
    "02",
    "ASN",
    "salam",
    "dua",
    "jari",
    "✌️",
    "#AMINajaDulu",
    "no",
    "urut",
    "Prabowo-Gibran",
    "kader",
    "Gerindra",
    "RW",
    "03",
    "/",
    "ayo",
    "netralitas",
    "camat",
    "AMIN",
    "amin",
    "NIP",
    "😂",
    "-",
    "19850312",
    "201001",
    "1",
    "005",
    "tiga",
    "coblos",
    "foto",
    "bareng",
    "http://x.id/a",
    "@gibran_tweet",
]


@settings(max_examples=150, deadline=None)
@given(
    text=st.one_of(st.text(max_size=120), st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join)),
    bio=st.one_of(st.text(max_size=60), st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join)),
    action=st.sampled_from(["posted", "liked", "shared", "commented"]),
)
def test_any_post_gets_a_bounded_score_and_true_spans(text, bio, action):
    result = score(text=text, bio=bio, action=action)
    assert 0.0 <= result.score <= 1.0
    assert result.language in {"id", "en", "other"}
    for cue in result.cues:
        source = text if cue.field == "text" else bio
        assert source[cue.start : cue.end] == cue.text
    assert (result.violation is None) == (not result.targets)
