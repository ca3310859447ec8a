"""A figure as the grammar reads it: what it measures, its normalised value, and how exact it is.

Values are normalised to one unit per dimension (bytes, days, the currency's own unit, per
cent), so "24 TB" and "24,000 GB" compare equal.
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass


class Dimension(str, enum.Enum):
    COUNT = "count"
    CURRENCY = "currency"
    DATA = "data"
    PERCENT = "percent"
    DURATION = "duration"


_NUMBER = re.compile(r"\d[\d,.]*")


def _zeros_written(text: str) -> bool:
    """ "100", "200,000", "40": a whole number written ending in zeros."""
    number = _NUMBER.search(text)
    digits = number.group().rstrip(".,") if number else ""
    return bool(digits) and "." not in digits and digits.endswith("0")


class Bound(str, enum.Enum):
    EXACT = "exact"
    APPROX = "approx"  # about, around, roughly ...
    MIN = "min"  # more than, over, at least ...
    MAX = "max"  # up to, fewer than, under ...
    RANGE = "range"  # between 20 and 30 million


@dataclass(frozen=True)
class Quantity:
    start: int  # offsets in the text the grammar read
    end: int
    text: str
    dimension: Dimension
    unit: str | None  # "USD", "B", "%", "d"; None for counts
    value: float | None  # None when malformed
    high: float | None = None  # the top of a range
    bound: Bound = Bound.EXACT
    malformed: str | None = None  # why the digits cannot be right
    noun: str | None = None  # the counted noun's head ("users")
    noun_phrase: str | None = None  # the words it was read from ("unencrypted passport numbers")
    spelled: bool = False  # written in words ("three providers")
    # Significant digits as written: "24" -> 1 (units), "200,000" -> 100000 (its last
    # non-zero digit); approximate figures agree with anything that rounds to them.
    step: float | None = None

    def interval(self, tolerance: float = 0.0) -> tuple[float, float]:
        """The values this figure admits, widened by a relative tolerance."""
        assert self.value is not None
        low, high = self.value, self.value
        if self.bound is Bound.RANGE and self.high is not None:
            high = self.high
        elif self.bound is Bound.MIN:
            high = math.inf
        elif self.bound is Bound.MAX:
            low = -math.inf if self.value < 0 else 0.0
        elif self.bound is Bound.APPROX and self.step:
            # Written zeros may be rounding or exact: "around £100 million" is read to its
            # second digit (95 to 105 million), not as anything from 50 to 150 million; "about
            # 1 million", with no zero written, keeps its one digit.
            step = self.step
            if self.value and _zeros_written(self.text):
                step = min(step, abs(self.value) / 10)
            low, high = self.value - step / 2, self.value + step / 2
        return low * (1 - tolerance), high * (1 + tolerance)

    def agrees(self, other: Quantity, tolerance: float = 0.0) -> bool:
        if self.value is None or other.value is None:
            return True
        a_low, a_high = self.interval(tolerance)
        b_low, b_high = other.interval(tolerance)
        slack = 1e-9 * max(abs(a_low), abs(b_low), 1.0) if math.isfinite(a_low) else 0.0

        def reaches(low: float, high: float, rounded: bool) -> bool:
            # What rounds to an approximate figure stops short of its upper end: "about 30"
            # (25 up to 35) and "about 40" (35 up to 45) do not meet; an exact 35 is "about 40".
            return low < high - slack if rounded else low <= high + slack

        return reaches(a_low, b_high, other.bound is Bound.APPROX) and reaches(
            b_low, a_high, self.bound is Bound.APPROX
        )

    @property
    def framing(self) -> bool:
        """A small number in words ("three lessons"): the author's framing, not a figure. With
        an approximation word ("about eight months") it is a reported estimate."""
        if not self.spelled or self.value is None or self.bound is Bound.APPROX:
            return False
        written = self.value
        if self.dimension is Dimension.DURATION and self.step:
            written = self.value / self.step  # "three years" is 3 as written, not 1,096 days
        return abs(written) < 100

    @property
    def key(self) -> tuple[Dimension, str | None]:
        return (self.dimension, self.unit)

    def normalised(self) -> str:
        """The value in its dimension's unit, for people: "24 TB", "USD 200,000", "533 million"."""
        if self.value is None:
            return "(malformed)"
        text = format_value(self.value, self.dimension, self.unit)
        if self.bound is Bound.RANGE and self.high is not None:
            text += " to " + format_value(self.high, self.dimension, self.unit)
        prefix = {Bound.APPROX: "≈ ", Bound.MIN: "≥ ", Bound.MAX: "≤ "}.get(self.bound, "")
        return prefix + text


_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_BYTES = ((1e18, "EB"), (1e15, "PB"), (1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB"))


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def _scaled(value: float) -> str:
    for size, word in _SCALES:
        if abs(value) >= size:
            return f"{_number(value / size)} {word}"
    return _number(value)


def format_value(value: float, dimension: Dimension, unit: str | None) -> str:
    if dimension is Dimension.DATA:
        for size, symbol in _BYTES:
            if abs(value) >= size:
                return f"{_number(round(value / size, 6))} {symbol}"
        return f"{_number(value)} B"
    if dimension is Dimension.PERCENT:
        return f"{_number(value)}{' percentage points' if unit == 'pp' else '%'}"
    if dimension is Dimension.DURATION:
        for size, word in ((365.25, "years"), (30.4375, "months"), (7, "weeks"), (1, "days")):
            if abs(value) >= size and round(value / size, 6).is_integer():
                return f"{_number(round(value / size))} {word}"
        return f"{_number(round(value * 24, 4))} hours"
    if dimension is Dimension.CURRENCY:
        return f"{unit} {_scaled(value)}"
    return _scaled(value)
