"""Score a figure extractor against the hand-labelled set (tests/fixtures/figures).

Shared by the unit test (our extractor's floor) and ``benchmarks/figures_vs_quantulum3.py``
(the same scores for quantulum3), so both are measured one way.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

LABELLED = Path(__file__).resolve().parents[1] / "fixtures" / "figures" / "labelled.yaml"


@dataclass(frozen=True)
class Span:
    """One figure, gold or predicted, in one sentence."""

    start: int
    end: int
    dimension: str
    unit: str | None = None
    value: float | None = None
    high: float | None = None
    bound: str = "exact"
    malformed: bool = False


@dataclass
class Sentence:
    id: str
    text: str
    gold: list[Span]


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    detected: int = 0  # overlapping span, same dimension
    exact: int = 0  # ... and same unit, value, high, bound and malformed flag
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def precision(self) -> float:
        return self._ratio(self.detected, self.predicted)

    @property
    def recall(self) -> float:
        return self._ratio(self.detected, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def exact_precision(self) -> float:
        return self._ratio(self.exact, self.predicted)

    @property
    def exact_recall(self) -> float:
        return self._ratio(self.exact, self.gold)

    @property
    def exact_f1(self) -> float:
        p, r = self.exact_precision, self.exact_recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _locate(text: str, needle: str, occurrence: int, where: str) -> int:
    at = -1
    for _ in range(occurrence):
        at = text.find(needle, at + 1)
        if at < 0:
            raise ValueError(f"{where}: {needle!r} (occurrence {occurrence}) not in the sentence")
    return at


def load(path: Path = LABELLED) -> list[Sentence]:
    items: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    sentences = []
    seen: set[str] = set()
    for item in items:
        sid, text = str(item["id"]), str(item["text"])
        if sid in seen:
            raise ValueError(f"duplicate id {sid}")
        seen.add(sid)
        gold = []
        for fig in item.get("figures") or []:
            start = _locate(text, str(fig["text"]), int(fig.get("occurrence", 1)), sid)
            gold.append(
                Span(
                    start,
                    start + len(str(fig["text"])),
                    str(fig["dimension"]),
                    fig.get("unit"),
                    None if fig.get("value") is None else float(fig["value"]),
                    None if fig.get("high") is None else float(fig["high"]),
                    str(fig.get("bound", "exact")),
                    bool(fig.get("malformed", False)),
                )
            )
        sentences.append(Sentence(sid, text, gold))
    return sentences


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _exact(gold: Span, got: Span) -> bool:
    return (
        gold.unit == got.unit
        and gold.bound == got.bound
        and gold.malformed == got.malformed
        and (gold.malformed or _same_number(gold.value, got.value))
        and (gold.malformed or _same_number(gold.high, got.high))
    )


def _show(text: str, span: Span) -> str:
    return f"{text[span.start : span.end]!r} {span.dimension} {span.unit} {span.value} {span.bound}"


def score(sentences: Iterable[Sentence], extract: Callable[[str], Sequence[Span]]) -> Score:
    """Greedy one-to-one matching per sentence: overlapping spans of the same dimension."""
    result = Score()
    for sentence in sentences:
        predicted = list(extract(sentence.text))
        result.gold += len(sentence.gold)
        result.predicted += len(predicted)
        unmatched = list(predicted)
        for gold in sentence.gold:
            match = next(
                (
                    p
                    for p in unmatched
                    if p.start < gold.end and gold.start < p.end and p.dimension == gold.dimension
                ),
                None,
            )
            if match is None:
                result.misses.append(f"{sentence.id}: {_show(sentence.text, gold)}")
                continue
            unmatched.remove(match)
            result.detected += 1
            if _exact(gold, match):
                result.exact += 1
            else:
                result.wrong.append(
                    f"{sentence.id}: want {_show(sentence.text, gold)}"
                    f" got {_show(sentence.text, match)}"
                )
        result.false_alarms += [f"{sentence.id}: {_show(sentence.text, p)}" for p in unmatched]
    return result
