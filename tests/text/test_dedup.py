"""Near-duplicate clusters: copy-pasted campaign messages group together, different messages do not."""

import zlib

from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from netra.text.dedup import NUM_PERM, cluster_ids, shingles, signatures
from netra.text.normalize import tokenize

MESSAGE = (
    "Bapak ibu warga Sukamaju yang kami hormati, mari bersama memenangkan pasangan nomor urut dua "
    "demi pembangunan desa yang lebih maju dan sejahtera untuk anak cucu kita"
)


def clusters(texts):
    return cluster_ids([tokenize(text) for text in texts])


def test_copies_with_other_links_mentions_and_small_edits_cluster():
    texts = [
        MESSAGE,
        MESSAGE + " https://wa.me/628123 @relawan_dua",
        MESSAGE.replace("Sukamaju", "Sukamaju!!").upper(),
        MESSAGE.replace("anak cucu kita", "anak cucu kita semua"),
        "Jadwal posyandu bulan ini hari Selasa di balai desa, bawa buku KIA ya ibu ibu",
        "Hasil panen padi musim ini meningkat berkat irigasi baru di Desa Cibodas",
    ]
    labels = clusters(texts)
    assert labels[:4] == ["dup-1"] * 4
    assert labels[4:] == [None, None]


def test_two_campaigns_get_two_clusters():
    other = "Pilih yang sudah terbukti bekerja untuk rakyat, salam satu jari untuk Indonesia adil dan makmur"
    labels = clusters([MESSAGE, other, MESSAGE, other + " 👍"])
    assert labels == ["dup-1", "dup-2", "dup-1", "dup-2"]


def test_short_posts_are_never_clustered():
    assert clusters(["mantap pak", "mantap pak", "ok"]) == [None, None, None]


def test_signatures_equal_datasketch_minhash():
    sets = [shingles(tokenize(MESSAGE)), {b"satu", b"dua"}]
    for shingle_set, row in zip(sets, signatures(sets), strict=True):
        reference = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32)
        reference.update_batch(list(shingle_set))
        assert (reference.hashvalues == row).all()


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=12))
def test_clusters_are_labels_of_the_input(texts):
    labels = clusters(texts)
    assert len(labels) == len(texts)
    for label in set(labels) - {None}:
        assert labels.count(label) >= 2
