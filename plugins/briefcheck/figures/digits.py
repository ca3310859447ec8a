"""Digit strings as written ("1,000", "1.234.5", "12,34,567"): their value, their precision, and
whether their grouping can be right."""

from __future__ import annotations

import re
from dataclasses import dataclass

_INDIAN = re.compile(r"^\d{1,2}(?:,\d{2})+,\d{3}$")


@dataclass(frozen=True)
class Digits:
    value: float | None
    step: float  # the place of the last significant digit: "200,000" -> 100000, "1.5" -> 0.1
    malformed: str | None = None
    identifier: bool = False  # "3.11.2", "192.168.1.1": a version or an address, not a number


def _step(integer: str, decimals: str) -> float:
    if decimals:
        return 10.0 ** -len(decimals)
    stripped = integer.rstrip("0")
    return 10.0 ** (len(integer) - len(stripped)) if stripped else 1.0


def read_digits(raw: str) -> Digits:
    """Interpret a run of digits, commas and dots in English usage."""
    commas, dots = raw.count(","), raw.count(".")
    if commas == 0 and dots <= 1:
        integer, _, decimals = raw.partition(".")
        return Digits(float(raw), _step(integer, decimals))
    if dots >= 2 and commas == 0:
        groups = raw.split(".")
        if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
            plain = "".join(groups)  # "1.000.000": dots as thousands separators
            return Digits(float(plain), _step(plain, ""))
        if len(groups) == 3 and len(groups[1]) == 3 and len(groups[0]) <= 3:
            return Digits(
                None, 1.0, f'"{raw}" mixes three-digit groups with a group of {len(groups[2])}'
            )
        return Digits(None, 1.0, identifier=True)
    integer, _, decimals = raw.partition(".") if commas else (raw, "", "")
    if dots > 1 or (commas and dots and raw.rfind(",") > raw.find(".")):
        return Digits(None, 1.0, f'"{raw}" mixes decimal points and commas')
    if _INDIAN.match(integer):
        plain = integer.replace(",", "")
        return Digits(float(plain + ("." + decimals if decimals else "")), _step(plain, decimals))
    groups = integer.split(",")
    bad = [g for g in groups[1:] if len(g) != 3]
    if len(groups[0]) > 3 or bad:
        odd = bad[0] if bad else groups[0]
        return Digits(
            None,
            1.0,
            f'"{raw}" has a group of {len(odd)} digit{"s" if len(odd) != 1 else ""}'
            " where digit groups have three",
        )
    plain = "".join(groups)
    return Digits(float(plain + ("." + decimals if decimals else "")), _step(plain, decimals))


def suggestion(raw: str, prefix: str = "", suffix: str = "") -> str:
    """What the author probably meant, for the finding's message."""
    if raw.count(",") == 1 and raw.count(".") == 0:
        head, tail = raw.split(",")
        if len(tail) < 3:
            padded = tail + "0" * (3 - len(tail))
            return (
                f"write {prefix}{head},{padded}{suffix} or {prefix}{head}.{tail}{suffix}"
                if len(tail) == 2
                else f"write {prefix}{head}.{tail}{suffix} or {prefix}{head},{padded}{suffix}"
            )
        if len(tail) > 3:
            return f"group the digits in threes: {prefix}{int(head + tail):,}{suffix}"
    return "group the digits in threes with commas, and use a point for decimals"
