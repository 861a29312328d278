"""The post scorer's speed-ups return exactly what the plain code returns (the golden file checks the
devset; these check arbitrary text): the chunk-cached tokeniser, the matcher's ordered candidates,
the backward first-person scan."""

from hypothesis import given, settings
from hypothesis import strategies as st

from netra.text.cues import (
    CIVIL_SERVANT,
    FIRST_PERSON,
    CueSpec,
    PhraseMatcher,
    first_person_before,
    generic_matcher,
)
from netra.text.normalize import _tokenize_span, tokenize

# Characters that walk every branch of the token pattern: words, digits, hyphens and apostrophes,
# URLs, mentions, hashtags, keycaps, emoji with modifiers and joiners, and several kinds of space.
SPACES = [" ", "  ", "\n", "\t", "\u00a0", "\u3000"]
ALPHABET = [*"abkmnsuyAPSw019#@-'’./:!?,✌️👍😂🏽\u200d\u20e3\ufe0f", *SPACES]
TEXT = st.lists(st.sampled_from([*ALPHABET, "https://", "www.", "saya ", "ASN ", "-"]), max_size=40).map(
    "".join
)


@settings(max_examples=400, deadline=None)
@given(TEXT, st.booleans())
def test_cached_tokenize_equals_the_plain_regex_pass(text, punctuation):
    expected = _tokenize_span(text, punctuation=punctuation)
    assert tokenize(text, punctuation=punctuation) == expected
    assert tokenize(text, punctuation=punctuation) == expected  # second time from the cache


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.booleans())
def test_cached_tokenize_equals_the_plain_regex_pass_on_any_unicode(text, punctuation):
    assert tokenize(text, punctuation=punctuation) == _tokenize_span(text, punctuation=punctuation)


def _plain_find(matcher, tokens):
    """The matcher's loop before the speed-up: every form's entries, the longest successful wins."""
    index = matcher._index
    content = [token for token in tokens if token.kind != "punct"]
    found, position = [], 0
    while position < len(content):
        token = content[position]
        best = None
        for key in {token.lower, token.norm, token.text}:
            for forms, case_sensitive, spec in index.get(key, ()):
                if best is not None and len(forms) <= best[0]:
                    continue
                if case_sensitive and token.text != forms[0]:
                    continue
                end = position + len(forms)
                if end <= len(content) and all(
                    (content[position + i].text == form)
                    if case_sensitive
                    else form in (content[position + i].lower, content[position + i].norm)
                    for i, form in enumerate(forms[1:], start=1)
                ):
                    best = (len(forms), spec)
        if best is not None:
            found.append((token, content[position + best[0] - 1], best[1]))
            position += best[0]
        else:
            position += 1
    return found


WORDS = st.sampled_from(
    ["saya", "sy", "kami", "sebagai", "asn", "ASN",
     "kepala", "dinas", "kepala dinas", "pns", "guru", "ngaji", "pilih", "AMIN", "amin",
     "tim", "sukses", "ayo", "yuk", "gak", "netral", "bawaslu", "foto", "bareng", "pak", "#asnnetral", "02"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=25))
def test_matcher_finds_what_the_plain_loop_finds(words):
    matcher = generic_matcher()
    matcher.add("AMIN", CueSpec("partisan", "candidate", 1.5, "01"), case_sensitive=True)
    matcher.add("kepala dinas pendidikan", CueSpec(CIVIL_SERVANT, "position", 4.0))
    tokens = tokenize(" ".join(words), punctuation=False)
    assert matcher.find(tokens) == _plain_find(matcher, tokens)


def test_matcher_sees_phrases_added_after_a_search():
    matcher = PhraseMatcher()
    matcher.add("kepala", CueSpec(CIVIL_SERVANT, "position", 1.0))
    tokens = tokenize("kepala dinas", punctuation=False)
    assert [spec.weight for _, _, spec in matcher.find(tokens)] == [1.0]
    matcher.add("kepala dinas", CueSpec(CIVIL_SERVANT, "position", 4.0))
    assert [spec.weight for _, _, spec in matcher.find(tokens)] == [4.0]


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=20), st.integers(min_value=0, max_value=19), st.integers(1, 4))
def test_first_person_scan_equals_the_plain_window(words, at, window):
    tokens = tokenize(" ".join(words), punctuation=False)
    first = tokens[min(at, len(tokens) - 1)] if tokens else None
    if first is None:
        return
    before = [token for token in tokens if token.kind == "word" and token.end <= first.start][-window:]
    plain = any(token.lower in FIRST_PERSON or token.norm in FIRST_PERSON for token in before)
    assert first_person_before(tokens, first, window) == plain
