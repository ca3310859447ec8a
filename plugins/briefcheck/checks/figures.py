"""The ``figure-*`` rules (SPEC §5): malformed numbers, claims that disagree across or within
briefs, figures that contradict the ledger or are stale, figures missing from their source's
snapshot."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from ..figures.claims import Conflict, SameClaim, about_fact, conflicts
from ..figures.digits import suggestion
from ..figures.mentions import Mention
from ..figures.quantity import Bound, Dimension, Quantity
from ..model import Finding, Location, Severity
from ..rules import finding
from ..sources.ledger import Fact, Ledger, LedgerValue
from ..sources.snapshots import Snapshots

_KIND = {
    Dimension.COUNT: "count",
    Dimension.CURRENCY: "amount of money",
    Dimension.DATA: "data size",
    Dimension.PERCENT: "percentage",
    Dimension.DURATION: "duration",
}
_DIGITS = re.compile(r"\d[\d.,]*\d|\d")


def shown(quantity: Quantity) -> str:
    return " ".join(quantity.text.split())


def _cites(mention: Mention) -> str:
    return f"citing {', '.join(mention.keys)}" if mention.keys else "no source cited"


def _describe(mention: Mention) -> str:
    return f'"{shown(mention.quantity)}" ({mention.quantity.normalised()}, {_cites(mention)})'


def malformed(mentions: Iterable[Mention]) -> Iterator[Finding]:
    for mention in mentions:
        quantity = mention.quantity
        if quantity.malformed is None:
            continue
        text = shown(quantity)
        digits = _DIGITS.search(text)
        advice = (
            suggestion(digits.group(), text[: digits.start()], text[digits.end() :])
            if digits
            else "check the digits"
        )
        yield finding(
            "figure-malformed",
            mention.path,
            mention.line,
            mention.column,
            f'"{text}" cannot be right: {quantity.malformed}; {advice}',
        )


def _of(mention: Mention) -> str:
    counted = mention.quantity.dimension in (Dimension.COUNT, Dimension.PERCENT)
    return f" of {mention.noun}s" if counted and mention.noun else ""


def _shared_names(a: Mention, b: Mention) -> str:
    names = sorted(a.names & b.names)
    if not names:
        return ""
    shown_names = []
    for name in names[:4]:
        match = re.search(rf"\b{re.escape(name)}\b", f"{a.sentence} {b.sentence}", re.IGNORECASE)
        shown_names.append(match.group() if match else name)
    return "; both about " + ", ".join(shown_names)


_MAX_RELATED = 10


def inconsistent(found: list[Conflict]) -> Iterator[Finding]:
    for conflict in found:
        mention, others = conflict.mention, conflict.others
        first = others[0]
        where = f"{first.path}:{first.line}" if first.path != mention.path else f"line {first.line}"
        more = f" and {len(others) - 1} other mention(s)" if len(others) > 1 else ""
        message = (
            f"{_describe(mention)} disagrees with {_describe(first)} at {where}{more}"
            f" on what reads as the same claim ({_KIND[mention.quantity.dimension]}"
            f"{_of(mention)}{_shared_names(mention, first)}):"
            " check the sources and use one figure, or say why they differ"
        )
        # A figure that disagrees with hundreds of others names the first few: the report
        # stays readable and its size linear in the number of findings.
        related = tuple(
            Location(o.path, o.line, o.column, f"{_describe(o)} in {o.brief_title or o.path}")
            for o in others[:_MAX_RELATED]
        )
        yield finding("figure-inconsistent", mention.path, mention.line, mention.column,
                      message, related)  # fmt: skip


def _as_info(found: Finding, note: str) -> Finding:
    return Finding(found.rule, Severity.INFO, found.path, found.line, found.column,
                   found.message + note, found.related)  # fmt: skip


# ---- the ledger -------------------------------------------------------------------------


def _value_text(value: LedgerValue) -> str:
    parts = [value.text]
    if value.as_of:
        parts.append(f"as of {value.as_of.isoformat()}")
    if value.source:
        parts.append(f"source {value.source}")
    return ", ".join(parts)


def _ledger_place(ledger: Ledger, value: LedgerValue, message: str) -> Location:
    return Location(ledger.path or "facts.yml", value.line, None, message)


def ledger_findings(
    ledger: Ledger,
    mentions: list[Mention],
    tolerance: float,
    today: dt.date,
) -> tuple[list[Finding], dict[int, Fact]]:
    """Ledger verdicts, and which fact each mention was matched to (for the Figures page)."""
    results: list[Finding] = []
    matched: dict[int, Fact] = {}
    by_brief: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_brief.setdefault(mention.path, []).append(mention)
    for mention in mentions:
        if mention.quantity.value is None or mention.quantity.framing:
            continue
        facts = [f for f in ledger.facts if about_fact(f, mention)]
        if not facts:
            continue
        agreeing = [
            f
            for f in facts
            if mention.quantity.agrees(f.value.quantity, tolerance)
            and not _states_superseded(f, mention, tolerance)
        ]
        fact = agreeing[0] if agreeing else facts[0]
        matched[id(mention)] = fact
        if fact.review_by is not None and today > fact.review_by:
            results.append(_overdue(ledger, fact, mention))
        if agreeing:
            continue
        verdict = _stale(ledger, fact, mention, tolerance, by_brief[mention.path])
        if verdict is None:
            verdict = _variant(ledger, fact, mention, tolerance)
        if verdict is None:
            verdict = finding(
                "figure-inconsistent",
                mention.path,
                mention.line,
                mention.column,
                f"{_describe(mention)} differs from the facts ledger: {fact.id} is"
                f" {_value_text(fact.value)}; correct the figure, or record it in"
                " facts.yml as a superseded value or an accepted variant",
                (_ledger_place(ledger, fact.value, f"{fact.id}: {fact.value.text}"),),
            )
        results.append(verdict)
    return results, matched


def _beyond_ledger(found: list[Conflict], matched: dict[int, Fact]) -> list[Conflict]:
    """Drop disagreements between mentions of one ledger fact: the ledger judges each of them."""
    kept = []
    for conflict in found:
        fact = matched.get(id(conflict.mention))
        others = tuple(o for o in conflict.others if fact is None or matched.get(id(o)) is not fact)
        if others:
            kept.append(Conflict(conflict.mention, others))
    return kept


def _stated(quantity: Quantity) -> Quantity:
    """The value as stated, its bound dropped: "up to 500 million" states 500 million."""
    if quantity.bound in (Bound.MIN, Bound.MAX):
        return replace(quantity, bound=Bound.EXACT)
    return quantity


def _states_superseded(fact: Fact, mention: Mention, tolerance: float) -> bool:
    """A bounded mention whose stated value is an old one ("up to 500 million") repeats it,
    even though its bound also admits the current value."""
    stated = _stated(mention.quantity)
    return stated is not mention.quantity and any(
        stated.agrees(old.quantity, tolerance) for old in fact.superseded
    )


def _overdue(ledger: Ledger, fact: Fact, mention: Mention) -> Finding:
    assert fact.review_by is not None
    return finding(
        "figure-stale",
        mention.path,
        mention.line,
        mention.column,
        f'"{shown(mention.quantity)}" rests on ledger fact {fact.id}, due for review on'
        f" {fact.review_by.isoformat()}: check the figure is still current, then update"
        " value, as_of and review_by in facts.yml",
        (_ledger_place(ledger, fact.value, f"{fact.id}: review_by {fact.review_by}"),),
    )


def _stale(
    ledger: Ledger, fact: Fact, mention: Mention, tolerance: float, same_brief: list[Mention]
) -> Finding | None:
    stated = _stated(mention.quantity)
    old = next((s for s in fact.superseded if stated.agrees(s.quantity, tolerance)), None)
    if old is None:
        return None
    newer = fact.value
    message = (
        f'"{shown(mention.quantity)}" is a superseded value of {fact.id}'
        f" ({_value_text(old)}); the ledger's current value is {_value_text(newer)}"
    )
    result = finding(
        "figure-stale",
        mention.path,
        mention.line,
        mention.column,
        message + ": update the figure, or say that it was the earlier estimate",
        (_ledger_place(ledger, newer, f"{fact.id}: {newer.text}"),),
    )
    published = mention.brief_date
    if published is not None and newer.as_of is not None and published < newer.as_of:
        return _as_info(result, f" (the brief, dated {published}, predates the new value)")
    if any(other is not mention and _gives(fact, other, tolerance) for other in same_brief):
        return _as_info(result, " (the brief also gives the current value)")
    return result


def _gives(fact: Fact, other: Mention, tolerance: float) -> bool:
    """``other`` gives the fact's current value: a mention of the fact that agrees with it, or
    one in a sentence without the fact's keywords that states it ("a fine of NOK 65 million"),
    not a bound that merely admits it ("more than $400 million")."""
    if about_fact(fact, other):
        return other.quantity.agrees(fact.value.quantity, tolerance)
    stated = other.quantity
    return (
        stated.value is not None
        and stated.bound not in (Bound.MIN, Bound.MAX)
        and about_fact(fact, other, keywords=False)
        and stated.agrees(fact.value.quantity, tolerance)
    )


def _variant(ledger: Ledger, fact: Fact, mention: Mention, tolerance: float) -> Finding | None:
    variant = next(
        (v for v in fact.variants if mention.quantity.agrees(v.quantity, tolerance)), None
    )
    if variant is None:
        return None
    return Finding(
        "figure-inconsistent",
        Severity.INFO,
        mention.path,
        mention.line,
        mention.column,
        f'"{shown(mention.quantity)}" is an accepted variant of {fact.id} ({_value_text(variant)});'
        f" the ledger's value is {_value_text(fact.value)}",
        (_ledger_place(ledger, variant, f"{fact.id}: variant {variant.text}"),),
    )


# ---- snapshots ---------------------------------------------------------------------------


def _distance(a: Quantity, b: Quantity) -> float:
    if a.value is None or b.value is None or a.value <= 0 or b.value <= 0:
        return math.inf if a.value != b.value else 0.0
    return abs(math.log(a.value / b.value))


_BOUND_REACH = 0.25  # how far a bound's round number may sit from the figure it bounds


def _in_source(mentioned: Quantity, given: Quantity, tolerance: float) -> bool:
    """The source gives the figure. Two bounds state a value each ("up to $452 million"
    against the source's "up to $425 million"), which must agree; a bound around a plain
    figure ("more than 530 million" for 533 million, either way round) only has to admit it."""
    bounds = (Bound.MIN, Bound.MAX)
    if (mentioned.bound in bounds) == (given.bound in bounds):
        if mentioned.bound in bounds:
            # "more than 50" is not what a source saying "up to 50" gives.
            same_way = mentioned.bound is given.bound
            return same_way and _stated(mentioned).agrees(_stated(given), tolerance)
        return mentioned.agrees(given, tolerance)
    # "Up to $452 million" is not found in a source's "$300 million" just because the bound
    # admits it, nor is a plain 630 found in a source's "at least 81": the bound's number
    # must be one that rounds the plain figure ("more than 530 million" for 533 million).
    if mentioned.bound in bounds:
        stated, plain = _stated(mentioned), given
    else:
        stated, plain = _stated(given), mentioned
    assert stated.value is not None and plain.value is not None
    near = abs(stated.value - plain.value) <= _BOUND_REACH * abs(plain.value)
    return near and mentioned.agrees(given, tolerance)


def _small_bare_count(mention: Mention) -> bool:
    """A count under 100 that counts nothing named ("users must be at least 13"): an age, a
    rank or the author's framing more often than a figure taken from the source."""
    quantity = mention.quantity
    return (
        quantity.dimension is Dimension.COUNT
        and mention.noun is None
        and quantity.value is not None
        and abs(quantity.value) < 100
    )


def source_mismatches(
    mentions: Iterable[Mention], snapshots: Snapshots, tolerance: float
) -> Iterator[Finding]:
    for mention in mentions:
        quantity = mention.quantity
        if (
            not mention.keys
            or quantity.value is None
            or quantity.dimension is Dimension.DURATION
            or quantity.framing
            or _small_bare_count(mention)
        ):
            continue
        snaps = [snapshots.get(key) for key in mention.keys]
        if any(s is None for s in snaps):
            continue  # a cited source without a snapshot may hold the figure
        candidates = [
            (snap, fig)
            for snap in snaps
            if snap is not None
            for fig in snap.figures
            if fig.quantity.key == quantity.key and fig.quantity.value is not None
        ]
        if any(_in_source(quantity, fig.quantity, tolerance) for _, fig in candidates):
            continue
        names = ", ".join(s.path for s in snaps if s is not None)
        kind = _KIND[quantity.dimension]
        written = f'"{shown(quantity)}" ({quantity.normalised()}) is not in the snapshot of'
        related: tuple[Location, ...] = ()
        if not candidates:
            message = (
                f"{written} {', '.join(mention.keys)} ({names}), which states no {kind} at all:"
                " check the figure against the source, or cite the source that gives it"
            )
        else:
            snap, nearest = min(candidates, key=lambda c: _distance(quantity, c[1].quantity))
            near = f'"{shown(nearest.quantity)}"'
            message = (
                f"{written} {snap.key} ({snap.path}); the nearest {kind} there is {near}"
                f" ({nearest.quantity.normalised()}) on line {nearest.line}: correct the figure"
                " or cite the source that gives it"
            )
            related = (Location(snap.path, nearest.line, None, f"the source says {near}"),)
        yield finding(
            "figure-source-mismatch", mention.path, mention.line, mention.column, message, related
        )


def check_figures(
    mentions: list[Mention],
    ledger: Ledger,
    snapshots: Snapshots,
    tolerance: float,
    today: dt.date,
    same: SameClaim | None = None,
) -> list[Finding]:
    found = [*ledger.findings, *malformed(mentions)]
    ledger_results, matched = ledger_findings(ledger, mentions, tolerance, today)
    found += ledger_results
    found += inconsistent(_beyond_ledger(conflicts(mentions, tolerance, same), matched))
    found += source_mismatches(mentions, snapshots, tolerance)
    return found


__all__ = ["check_figures"]
