"""The learned layer: JSON weights, one-pass scoring equal to per-model scoring, reproducible training."""

import json

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from netra.cli import app
from netra.text.news_corpus import DEV_LABELS, read_jsonl
from netra.text.news_model import LinearModel, NewsModel, article_features, shipped_model
from netra.text.news_train import Example, _fit
from tests.shared_data import shared_path

_MODEL = NewsModel(
    {"statistik": LinearModel(-1.0, {"w:mencatat": 2.0, "b:mencatat_ada": 1.0}, 0.4)},
    LinearModel(0.5, {"r1:asn": 1.5}, 0.45),
    {"statistik": 0.2},
)


def test_json_round_trip_keeps_every_weight_and_threshold():
    again = NewsModel.from_json(json.loads(json.dumps(_MODEL.to_json())))
    assert again.to_json() == _MODEL.to_json()


@given(st.sets(st.sampled_from(["w:mencatat", "b:mencatat_ada", "w:ada", "c: adaa", "w:bawaslu"])))
def test_scoring_all_event_models_at_once_equals_scoring_each(features):
    ((event, model),) = _MODEL.events.items()
    assert abs(_MODEL.event_probabilities(set(features))[event] - model.probability(features)) < 1e-12


def test_strongest_points_at_words_not_character_grams():
    model = LinearModel(0.0, {"c: men": 9.0, "w:mencatat": 1.0, "b:mencatat_ada": 2.0})
    assert model.strongest({"c: men", "w:mencatat", "b:mencatat_ada"}) == ["b:mencatat_ada", "w:mencatat"]


def test_article_features_have_words_pairs_and_character_grams():
    features = article_features("Bawaslu mencatat 12 ASN")
    assert {"w:bawaslu", "w:12", "b:mencatat_12", "c: asn", "c:asn ", "c:cata"} <= features


def test_fitting_is_deterministic():
    examples = [Example(["w:a", "w:b"], True, False), Example(["w:b", "w:c"], False, False)] * 5
    assert _fit(examples, 1.0, 0.5) == _fit(examples, 1.0, 0.5)


def test_the_shipped_model_decides_every_event_type():
    model = shipped_model()
    assert model is not None
    assert {"sosialisasi", "temuan_pelanggaran", "statistik", "lainnya"} <= set(model.events)
    assert 0 < model.counts.threshold < 1


def test_netra_text_train_writes_a_loadable_model(tmp_path):
    corpus = shared_path("corpus", "news.jsonl")
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(json.dumps(row) + "\n" for row in read_jsonl(DEV_LABELS)[:40]), "utf-8")
    output = tmp_path / "model.json"
    result = CliRunner().invoke(
        app, ["text", "train", "--corpus", str(corpus), "--labels", str(labels), "--output", str(output)]
    )
    assert result.exit_code == 0, result.output
    assert "trained on 40 articles" in result.output
    model = NewsModel.from_json(json.loads(output.read_text("utf-8")))
    assert model.counts.weights
