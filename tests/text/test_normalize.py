"""Normalisation of informal Indonesian posts: table tests and properties."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netra.text.normalize import collapse_elongation, normalize, tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mantaaap BGT!!", "mantap banget"),
        ("yg gk mau dtg", "yang enggak mau datang"),
        ("Semangaaattt pagiii", "semangat pagi"),
        ("Ayo dukung Paslon 02 ✌️✌🏽", "ayo dukung paslon 02 ✌ ✌"),
        ("lucu 😂😂 bgt", "lucu banget"),
        ("#PrabowoGibran2024 @Gerindra", "#prabowogibran2024 @gerindra"),
        ("cek https://t.co/AbC. ya", "cek https://t.co/AbC ya"),
        ("pilih 2️⃣ ya", "pilih 2 ya"),
        ("rekan-rekan, kata2nya", "rekan-rekan kata-katanya"),
        ("Prabowo-Gibran sat-set", "prabowo gibran sat set"),
        ("", ""),
    ],
)
def test_normalize_table(text, expected):
    assert normalize(text) == expected


def test_collapse_elongation_keeps_double_letters():
    assert collapse_elongation("maaf saat taat") == "maaf saat taat"
    assert collapse_elongation("kerennnn") == "keren"


def test_tokens_keep_spans_and_both_forms():
    text = "Bismillah, coblos no urut 02 yaa #AMINajaDulu"
    tokens = tokenize(text)
    assert [token.kind for token in tokens] == [
        "word",
        "punct",
        "word",
        "word",
        "word",
        "number",
        "word",
        "hashtag",
    ]
    for token in tokens:
        assert text[token.start : token.end] == token.text
    yaa = tokens[6]
    assert (yaa.lower, yaa.norm) == ("yaa", "ya")


def test_tokenize_without_punctuation_drops_only_punctuation():
    text = "Halo!!! pak, 👍 😂 ok?"
    kinds = [token.kind for token in tokenize(text, punctuation=False)]
    assert kinds == ["word", "word", "emoji", "emoji", "word"]


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_normalize_is_idempotent_on_arbitrary_unicode(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdeyg kmntuP0123#@-.!✌️👍😂 \u200d\u20e3")), max_size=60))
def test_token_spans_index_the_original_text(text):
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text
        assert token.start < token.end
