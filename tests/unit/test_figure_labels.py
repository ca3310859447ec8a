"""The extractor against the hand-labelled set (tests/fixtures/figures/labelled.yaml).

The floors are below the measured scores (see the README), so a regression in the grammar
fails here; the benchmark prints the full table and compares quantulum3.
"""

from __future__ import annotations

from collections.abc import Sequence

import figure_scoring as scoring

from briefcheck.figures.grammar import extract


def spans(text: str) -> Sequence[scoring.Span]:
    return [
        scoring.Span(
            q.start,
            q.end,
            q.dimension.value,
            q.unit,
            q.value,
            q.high,
            q.bound.value,
            q.malformed is not None,
        )
        for q in extract(text)
    ]


def test_labelled_set_is_large_enough() -> None:
    sentences = scoring.load()
    assert sum(len(s.gold) for s in sentences) >= 150
    assert sum(1 for s in sentences if not s.gold) >= 20  # trap sentences with no figure


def test_extractor_precision_and_recall() -> None:
    result = scoring.score(scoring.load(), spans)
    report = "\n".join(
        [
            f"P={result.precision:.3f} R={result.recall:.3f} exact F1={result.exact_f1:.3f}",
            *result.misses,
            *result.false_alarms,
            *result.wrong,
        ]
    )
    assert result.precision >= 0.97, report
    assert result.recall >= 0.97, report
    assert result.exact_f1 >= 0.95, report


def test_scorer_counts_a_miss_and_a_false_alarm() -> None:
    sentence = scoring.Sentence("s", "about 24 TB in 2019", [scoring.Span(0, 11, "data")])
    empty = scoring.score([sentence], lambda _: [])
    assert (empty.recall, empty.precision) == (0.0, 1.0)
    wrong = scoring.score([sentence], lambda _: [scoring.Span(15, 19, "count")])
    assert (wrong.detected, len(wrong.false_alarms), len(wrong.misses)) == (0, 1, 1)
