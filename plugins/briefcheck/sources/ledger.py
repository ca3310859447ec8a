"""The facts ledger (``facts.yml``, SPEC §2): canonical figures, what they replaced, and the
reported variants an editor has accepted. Every value keeps its line for findings."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..briefs.parse import as_date
from ..figures.grammar import extract
from ..figures.quantity import Quantity
from ..model import Finding
from ..rules import finding

_FACT_KEYS = {"id", "about", "keywords", "value", "as_of", "source", "review_by", "superseded",
              "variants"}  # fmt: skip
_VALUE_KEYS = {"value", "as_of", "source", "note"}


@dataclass(frozen=True)
class LedgerValue:
    text: str
    quantity: Quantity
    as_of: dt.date | None
    source: str | None
    line: int


@dataclass(frozen=True)
class Fact:
    id: str
    about: str
    keywords: tuple[str, ...]
    value: LedgerValue
    review_by: dt.date | None
    superseded: tuple[LedgerValue, ...]
    variants: tuple[LedgerValue, ...]
    path: str
    line: int


@dataclass
class Ledger:
    path: str | None = None
    facts: list[Fact] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


class _Problem(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping(node: yaml.Node, where: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise _Problem(_line(node), f"{where}: expected a mapping of keys")
    return {str(k.value): v for k, v in node.value}


def _scalar(node: yaml.Node | None) -> str | None:
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
        return None
    if not isinstance(node, yaml.ScalarNode):
        raise _Problem(_line(node), "expected a single value, not a list or mapping")
    return str(node.value).strip()


def _date(node: yaml.Node | None, name: str) -> dt.date | None:
    text = _scalar(node)
    if text is None:
        return None
    value = as_date(text)
    if value is None:
        assert node is not None
        raise _Problem(_line(node), f"{name}: {text!r} is not a date (write YYYY-MM-DD)")
    return value


_GROUP_KEY = re.compile(r"\d{3}(?!\d)")


def _rejoined(node: yaml.MappingNode) -> yaml.MappingNode:
    """``{value: 119,754 BTC, source: x}`` as its author meant it: YAML ends the value at the
    comma and reads "754 BTC" as a key without a value; digit groups like that are put back."""
    pairs: list[tuple[yaml.Node, yaml.Node]] = []
    for key, value in node.value:
        previous = pairs[-1] if pairs else None
        if (
            previous is not None
            and previous[0].value == "value"
            and isinstance(previous[1], yaml.ScalarNode)
            and previous[1].value[-1:].isdigit()
            and isinstance(key, yaml.ScalarNode)
            and _GROUP_KEY.match(str(key.value))
            and isinstance(value, yaml.ScalarNode)
            and value.tag.endswith(":null")
        ):
            text = f"{previous[1].value},{key.value}"
            joined = yaml.ScalarNode("tag:yaml.org,2002:str", text, previous[1].start_mark)
            pairs[-1] = (previous[0], joined)
            continue
        pairs.append((key, value))
    return yaml.MappingNode(node.tag, pairs, node.start_mark, node.end_mark, node.flow_style)


def _value(node: yaml.Node, fact_id: str, where: str) -> LedgerValue:
    if isinstance(node, yaml.MappingNode):
        items = _mapping(_rejoined(node), where)
        unknown = sorted(set(items) - _VALUE_KEYS)
        if unknown:
            hint = ""
            if unknown[0].isdigit():  # {value: 328,000} splits at the comma
                hint = ' (inside { } a comma ends the value: quote it, value: "328,000")'
            raise _Problem(_line(node), f"{where}: unknown key {unknown[0]!r}{hint}")
        if "value" not in items:
            raise _Problem(_line(node), f"{where}: needs a value")
        text_node, as_of, source = items["value"], items.get("as_of"), items.get("source")
    else:
        text_node, as_of, source = node, None, None
    text = _scalar(text_node) or ""
    found = [q for q in extract(text) if q.value is not None]
    if len(found) != 1 or not text.startswith(found[0].text.strip()):
        raise _Problem(
            _line(text_node),
            f'fact {fact_id}: {where} "{text}" is not one figure'
            ' (write a number with its scale and unit: "383 million", "24 TB", "£18.4 million")',
        )
    return LedgerValue(text, found[0], _date(as_of, "as_of"), _scalar(source), _line(text_node))


def _fact(node: yaml.Node, path: str, seen: set[str]) -> Fact:
    items = _mapping(node, "each fact")
    fact_id = _scalar(items.get("id"))
    if not fact_id:
        raise _Problem(_line(node), "a fact needs an id")
    if fact_id in seen:
        raise _Problem(_line(items["id"]), f"fact id {fact_id!r} is used twice")
    unknown = sorted(set(items) - _FACT_KEYS)
    if unknown:
        known = ", ".join(sorted(_FACT_KEYS))
        raise _Problem(
            _line(items[unknown[0]]), f"fact {fact_id}: unknown key {unknown[0]!r} (known: {known})"
        )
    if "value" not in items:
        raise _Problem(_line(node), f"fact {fact_id}: needs a value")
    keywords_node = items.get("keywords")
    if keywords_node is None:
        keywords: tuple[str, ...] = ()
    elif isinstance(keywords_node, yaml.SequenceNode):
        keywords = tuple(s for s in (_scalar(k) for k in keywords_node.value) if s)
    else:
        keywords = tuple(s for s in [_scalar(keywords_node)] if s)
    if not keywords:
        raise _Problem(
            _line(node), f"fact {fact_id}: needs keywords (words a mention's sentence has)"
        )

    def values(name: str) -> tuple[LedgerValue, ...]:
        raw = items.get(name)
        if raw is None or (isinstance(raw, yaml.ScalarNode) and not raw.value):
            return ()
        if not isinstance(raw, yaml.SequenceNode):
            raise _Problem(_line(raw), f"fact {fact_id}: {name} must be a list")
        return tuple(_value(v, fact_id, f"{name} value") for v in raw.value)

    value = _value(items["value"], fact_id, "value")
    value = LedgerValue(
        value.text, value.quantity, _date(items.get("as_of"), "as_of"),
        _scalar(items.get("source")), value.line,
    )  # fmt: skip
    return Fact(
        id=fact_id,
        about=_scalar(items.get("about")) or "",
        keywords=keywords,
        value=value,
        review_by=_date(items.get("review_by"), "review_by"),
        superseded=values("superseded"),
        variants=values("variants"),
        path=path,
        line=_line(node),
    )


def load(file: Path, rel: str) -> Ledger:
    """Read a ledger; problems become ``facts-syntax`` findings, never exceptions."""
    ledger = Ledger(rel)
    if not file.is_file():
        ledger.findings.append(finding("facts-syntax", rel, 1, None, f"{rel} does not exist"))
        return ledger
    try:
        root = yaml.compose(file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        ledger.findings.append(finding("facts-syntax", rel, 1, None, f"cannot read {rel}: {exc}"))
        return ledger
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or "not valid YAML"
        ledger.findings.append(
            finding("facts-syntax", rel, line, None, f"not valid YAML: {problem}")
        )
        return ledger
    if root is None:
        return ledger
    try:
        facts = _mapping(root, rel).get("facts")
    except _Problem as problem:
        ledger.findings.append(finding("facts-syntax", rel, problem.line, None, str(problem)))
        return ledger
    if facts is None or (isinstance(facts, yaml.ScalarNode) and not facts.value):
        return ledger
    if not isinstance(facts, yaml.SequenceNode):
        ledger.findings.append(
            finding("facts-syntax", rel, _line(facts), None, "facts: expected a list of facts")
        )
        return ledger
    seen: set[str] = set()
    for node in facts.value:
        try:
            fact = _fact(node, rel, seen)
        except _Problem as problem:
            ledger.findings.append(finding("facts-syntax", rel, problem.line, None, str(problem)))
            continue
        seen.add(fact.id)
        ledger.facts.append(fact)
    return ledger
