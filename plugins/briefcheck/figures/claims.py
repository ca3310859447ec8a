"""When two mentions state the same claim, and which of them disagree.

Two mentions are one claim only when they measure the same thing (dimension and unit), count
the same noun (or name the same kind of amount), speak of the same names, and do not sit in
the same sentence or in sentences about different years. Everything else is left alone: a
false alarm costs an editor's trust as much as a miss.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..sources.ledger import Fact
from .mentions import Mention
from .quantity import Dimension
from .subjects import BROAD, CUES, GENERIC_DATA, noun_family, noun_key, nouns_match, shared_names
from .subjects import years as subjects_years

# Counted things are compared only with a noun; small numbers written in words ("three
# lessons", "two years") are the author's own framing, not reported figures.
_NEEDS_NOUN = {Dimension.COUNT, Dimension.PERCENT, Dimension.DURATION, Dimension.CURRENCY}


def comparable(mention: Mention) -> bool:
    quantity = mention.quantity
    if quantity.value is None or mention.hypothetical:
        return False
    if quantity.framing:
        return False
    # Amounts and durations without a noun may still pair up by source (``_unnamed_pair``).
    return not (quantity.dimension is Dimension.COUNT and mention.noun is None)


_Counted = tuple[str | None, frozenset[str]]  # a noun and the words narrowing it
# Words that narrow a noun without saying which thing it is: "new customers" of one quarter
# and of the next are not one claim for sharing "new".
_LOOSE_QUALIFIERS = {
    "new", "other", "more", "additional", "further", "total", "same", "such", "many", "several",
    "some", "all", "different", "separate", "extra", "own", "taken", "published", "affected",
}  # fmt: skip


_STAGE_WORDS = frozenset({"taken", "published"})


def _part(qualifiers: frozenset[str], kind: frozenset[str] | None) -> frozenset[str]:
    return qualifiers & kind if kind is not None else qualifiers - _STAGE_WORDS


def _compound(qualifiers: frozenset[str]) -> frozenset[str]:
    """Hyphenated words narrowing a noun name a kind of it: "overdue-payment", "one-off"."""
    return frozenset(q for q in qualifiers if "-" in q.strip("-"))


def _views(mention: Mention) -> list[_Counted]:
    """What a mention counts, and what its people hold ("the files of 21.5 million people")."""
    return [(mention.noun, mention.qualifiers), *([mention.held] if mention.held else [])]


def _counted_agree(dimension: Dimension, a: _Counted, b: _Counted) -> bool | None:
    (noun_a, qualifiers_a), (noun_b, qualifiers_b) = a, b
    if noun_a is None or noun_b is None:
        return None
    # What happened to data (taken, published) and what the data is (card, customer) are
    # compared each with its own kind: "11 TB of card data" may be the "11 GB of stolen data".
    for kind in (_STAGE_WORDS, None):
        one, other = _part(qualifiers_a, kind), _part(qualifiers_b, kind)
        if one and other and not one & other:
            return False  # "customer records" and "older records"; taken and published
    if _compound(qualifiers_a) != _compound(qualifiers_b):
        return False  # "non-compliance penalties" are a kind of penalty a plain "fined" is not
    if dimension is Dimension.DATA and (noun_a in GENERIC_DATA) != (noun_b in GENERIC_DATA):
        return None
    if dimension is Dimension.DATA and noun_a in GENERIC_DATA:
        return True
    return nouns_match(noun_a, noun_b)


def _nouns_agree(a: Mention, b: Mention) -> tuple[bool | None, bool]:
    """Whether both count the same thing (None when one does not say), and whether they
    narrow it by the same telling word ("background files")."""
    return _views_agree(a.quantity.dimension, tuple(_views(a)), tuple(_views(b)))


# A site says the same few things about one company many times: the pairs of what two
# mentions count repeat, and are worked out once.
@lru_cache(maxsize=65536)
def _views_agree(
    dimension: Dimension, views_a: tuple[_Counted, ...], views_b: tuple[_Counted, ...]
) -> tuple[bool | None, bool]:
    verdicts = []
    for view_a in views_a:
        for view_b in views_b:
            verdict = _counted_agree(dimension, view_a, view_b)
            if verdict:
                return True, bool((view_a[1] & view_b[1]) - _LOOSE_QUALIFIERS)
            verdicts.append(verdict)
    return (None if None in verdicts else False), False


def _unnamed_pair(a: Mention, b: Mention) -> bool:
    """Two amounts or durations whose sentences name no noun for them can still be one claim:
    when they cite the same source and their own sentences name the same company ("76 days"
    inside Equifax's network, "78 days" by the same House report)."""
    return (
        a.noun is None
        and b.noun is None
        and a.quantity.dimension is not Dimension.COUNT
        and a.direct
        and b.direct
        and bool(set(a.keys) & set(b.keys))
        and shared_names(a.phrases, b.phrases) >= 1
    )


def _own_statement(a: Mention, b: Mention) -> int:
    """1 when ``a`` is a source's statement about itself ("Southern Water said ...", citing
    Southern Water) and ``b``, citing the same source, names it too, though beside another
    name ("Southern Water said ... the files Black Basta stole")."""
    if not (a.speaks_for_itself and b.outlet and set(a.keys) & set(b.keys)):
        return 0
    return 1 if shared_names(a.phrases, b.outlet) else 0


def _families(mention: Mention) -> set[str | None]:
    """Buckets a mention's nouns fall in. Where a noun is needed, two mentions can be one claim
    only with nouns of one family, or with no noun on either side; elsewhere nouns decide
    nothing here."""
    if mention.quantity.dimension not in _NEEDS_NOUN:
        return {"*"}
    return {noun_family(noun) if noun else None for noun, _ in _views(mention)}


def candidate_pairs(mentions: list[Mention]) -> list[tuple[int, int]]:
    """Index pairs that may be one claim: same unit, a word of a name in common and nouns of
    one family (``same_claim`` needs all three), found through an index instead of comparing
    every pair, so a site of thousands of briefs about one company stays linear."""
    by_word: dict[tuple[object, str, str | None, str], list[int]] = defaultdict(list)
    for i, mention in enumerate(mentions):
        for family in _families(mention):
            # Without the noun its dimension needs, a mention is one claim only with another
            # such mention of its own sentence's names citing a source in common
            # (``_unnamed_pair``): indexed by that source too.
            if family is None and not (mention.direct and mention.noun is None):
                continue
            sources = mention.keys if family is None else ("",)
            # The cited source named beside another name may be one claim's subject
            # (``_own_statement``): its words are indexed too. Country words are not: a name
            # that holds one ("American Water") holds another word, which two names that are
            # one share; indexing "american" would pair every American company's figures.
            for word in mention.names.union(*mention.outlet) - BROAD:
                for source in sources:
                    by_word[(mention.quantity.key, word, family, source)].append(i)
    pairs: set[tuple[int, int]] = set()
    for indices in by_word.values():
        for n, i in enumerate(indices):
            pairs.update((i, j) for j in indices[n + 1 :])
    return sorted(pairs)


def same_claim(a: Mention, b: Mention) -> bool:
    if a.quantity.key != b.quantity.key or a.same_sentence(b) or a.proposed != b.proposed:
        return False
    if a.table is not None and a.table == b.table and a.path == b.path:
        return False  # the rows of one table are its different entries
    taken_a, taken_b = a.qualifiers & _STAGE_WORDS, b.qualifiers & _STAGE_WORDS
    if taken_a and taken_b and not taken_a & taken_b:
        return False  # data taken and data published, whether or not a noun follows
    if a.years and b.years and not a.years & b.years:
        return False
    if a.months and b.months and not a.months & b.months:
        return False  # "In April it claimed 4 TB"; "in June it published 1.45 TB"
    nouns, telling = _nouns_agree(a, b)
    if nouns is False:
        return False
    names = shared_names(a.phrases, b.phrases) or _own_statement(a, b) or _own_statement(b, a)
    if names == 0:
        return False  # a shared source alone: one report gives many figures of many things
    shared = names + (1 if set(a.keys) & set(b.keys) else 0) + (1 if telling else 0)
    if a.path == b.path and a.keys and b.keys and not set(a.keys) & set(b.keys) and shared < 2:
        # One brief citing two different sources for two amounts is telling of two events
        # ("the CNIL added a penalty of €5.2 million"; "the Dutch authority fined it €30.5
        # million"); a restatement of one figure cites the same source, or none.
        return False
    if nouns is None and a.quantity.dimension in _NEEDS_NOUN:
        return _unnamed_pair(a, b)
    # One shared name is enough only when both sentences name it and say what they count;
    # names borrowed from the paragraph, or a missing noun, need more evidence.
    return shared >= (1 if nouns and a.direct and b.direct else 2)


@dataclass(frozen=True)
class Conflict:
    mention: Mention  # the mention reported
    others: tuple[Mention, ...]  # same claim, values that disagree with it


def _order(mention: Mention) -> tuple[dt.date, str, int]:
    return (mention.brief_date or dt.date.max, mention.path, mention.line)


SameClaim = Callable[[Mention, Mention], bool]


def conflicts(
    mentions: Iterable[Mention], tolerance: float, same: SameClaim | None = None
) -> list[Conflict]:
    """Each mention out of line with the others of its claim.

    In a disagreeing pair the mention with fewer agreeing mentions of its claim is reported;
    on a tie, the later one (by brief date, then place), so the first published value stands.
    """
    same = same or same_claim
    candidates = [m for m in mentions if comparable(m)]
    agree: dict[int, int] = defaultdict(int)
    pairs: list[tuple[Mention, Mention]] = []
    for i, j in candidate_pairs(candidates):
        a, b = candidates[i], candidates[j]
        if not same(a, b):
            continue
        if a.quantity.agrees(b.quantity, tolerance):
            agree[id(a)] += 1
            agree[id(b)] += 1
        else:
            pairs.append((a, b))
    blamed: dict[int, tuple[Mention, list[Mention]]] = {}
    for a, b in pairs:
        first, second = sorted((a, b), key=_order)
        if agree[id(first)] < agree[id(second)]:
            first, second = second, first
        # ``second`` is the odd one out.
        blamed.setdefault(id(second), (second, []))[1].append(first)
    return [Conflict(m, tuple(sorted(o, key=_order))) for m, o in blamed.values()]


def _words(text: str) -> set[str]:
    words = re.findall(r"[A-Za-z]+", text.lower())
    return {noun_key(w) or w for w in words} | {CUES[w] for w in words if w in CUES}


_PROPOSAL_FACT = re.compile(r"propos|intend|intent|provisional", re.IGNORECASE)


def about_fact(fact: Fact, mention: Mention, keywords: bool = True) -> bool:
    """The mention is about the fact: a keyword in its sentence, same unit, a noun of `about`.
    ``keywords=False`` skips the keyword: whether a brief that tells of a fact also gives its
    current value, in whatever sentence."""
    if mention.quantity.key != fact.value.quantity.key or mention.hypothetical:
        return False
    if mention.proposed and not _PROPOSAL_FACT.search(fact.about or ""):
        return False  # a proposed fine is not the fine a fact records
    if keywords and not any(
        re.search(rf"(?<!\w){re.escape(k)}(?!\w)", mention.sentence, re.IGNORECASE)
        for k in fact.keywords
    ):
        return False
    dated = {str(v.as_of.year) for v in (fact.value, *fact.superseded, *fact.variants) if v.as_of}
    dated |= subjects_years(fact.about or "")  # "the 2016 Uber breach", reported in 2017
    if mention.years and dated and not mention.years & dated:
        return False  # a sentence about other years: "the fine proposed in 2019"
    if mention.noun in (None, "worth") or not fact.about:
        return True  # "worth about €500,000" says what something is worth, not what it is
    allowed = _words(fact.about) | {noun_key(fact.value.quantity.noun) or ""}
    if mention.quantity.dimension is Dimension.CURRENCY and not allowed & set(CUES.values()):
        return True  # `about` does not say what kind of amount: keywords and currency decide
    return any(nouns_match(mention.noun, word) for word in allowed)


def group(
    mentions: Iterable[Mention], facts: Iterable[Fact] = (), same: SameClaim | None = None
) -> list[list[Mention]]:
    """Mentions joined into claims: linked by ``same_claim`` or by a ledger fact they are about."""
    items = list(mentions)
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[root(i)] = root(j)

    chosen = [i for i, mention in enumerate(items) if comparable(mention)]
    for a, b in candidate_pairs([items[i] for i in chosen]):
        if (same or same_claim)(items[chosen[a]], items[chosen[b]]):
            join(chosen[a], chosen[b])
    for fact in facts:
        linked = [i for i, m in enumerate(items) if about_fact(fact, m)]
        for i in linked[1:]:
            join(i, linked[0])
    groups: dict[int, list[Mention]] = defaultdict(list)
    for i, mention in enumerate(items):
        groups[root(i)].append(mention)
    return list(groups.values())
