"""Speed work on the post scorer must not change a single result: scores, cues, codes, clusters."""

import pytest

from tests.text.posts_golden import GOLDEN, golden_records, load_golden


def test_scores_cues_and_codes_match_the_golden_file_exactly():
    if not GOLDEN.exists():
        pytest.fail(f"{GOLDEN} is missing: run python tests/text/posts_golden.py on the unchanged scorer")
    expected, actual = load_golden(), golden_records()
    assert len(actual) == len(expected) > 2000
    mismatched = [
        (want["election"], want["variant"], want["id"])
        for want, got in zip(expected, actual, strict=True)
        if want != got
    ]
    assert mismatched == []


def test_golden_file_covers_flagged_and_unflagged_posts_of_every_code():
    expected = load_golden()
    flagged = [row for row in expected if float(row["score"]) >= 0.5]
    assert 100 < len(flagged) < len(expected)
    assert {row["violation"] for row in flagged} >= {"D-2", "D-5", "D-6", "D-7", "D-8", "KE-2"}
    assert {row["variant"] for row in expected} == {
        "as_written",
        "upper_text_lower_bio",
        "hyphenated",
        "reversed",
        "glued_punct",
    }
