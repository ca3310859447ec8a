"""Every figure of every brief, with what it is about and the sources its sentence cites."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Container
from dataclasses import dataclass, replace

from ..briefs.parse import ParsedBrief
from ..model import Note, NoteKind
from . import lexicon as lx
from . import subjects
from .grammar import extract
from .prose import Sentence, sentences
from .quantity import Dimension, Quantity

_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")
_MID_SENTENCE_NAME = re.compile(
    r"(?:\b[a-z][a-z'’-]*|[,;])[ \t]*\n?[ \t]*(?<=[\s])([A-Z][\w'’&.-]*|\d+[A-Za-z][\w'’&.-]*)"
)
_SOURCE_FIELDS = ("author", "editor", "organization", "publisher", "journaltitle", "journal",
                  "institution", "howpublished")  # fmt: skip


@dataclass(frozen=True)
class Mention:
    path: str
    line: int
    column: int
    quantity: Quantity
    sentence: str  # the sentence as plain text, for messages and the ledger's keywords
    sentence_start: int  # identifies the sentence within its brief
    noun: str | None  # what is counted or named ("record", "person", "penalty")
    names: frozenset[str]  # words of the names it is about
    phrases: tuple[frozenset[str], ...]  # the same words, name by name
    direct: bool  # the names are in its own sentence (not borrowed from its paragraph)
    years: frozenset[str]
    months: frozenset[str]
    qualifiers: frozenset[str]  # words narrowing the noun: "older" in "older records"
    # What the counted people hold, one each: "files" in "the files of 21.5 million people".
    held: tuple[str, frozenset[str]] | None
    hypothetical: bool  # "could have fined it up to €20 million": no fact to compare
    proposed: bool  # "intended to fine it £99.2 million": compared with proposals only
    table: int | None  # where its table starts, for a figure in a table row: rows are not compared
    keys: tuple[str, ...]  # bibliography keys cited by its sentence
    brief_title: str | None
    brief_date: dt.date | None
    # Names its sentence gives that are the cited source itself ("Southern Water said ..."
    # citing Southern Water's statement), and whether they are all the sentence names.
    outlet: tuple[frozenset[str], ...] = ()
    speaks_for_itself: bool = False

    @property
    def text(self) -> str:
        return self.quantity.text

    def same_sentence(self, other: Mention) -> bool:
        return self.path == other.path and self.sentence_start == other.sentence_start


def word_counts(masked: str) -> tuple[Counter[str], Counter[str]]:
    """How one brief writes its words (lower case; capitalised mid-sentence), summed over the
    site into a ``subjects.Vocabulary`` to tell a name from a capitalised first word."""
    lower = Counter(_LOWER_WORD.findall(masked))
    named = Counter(
        m.group(1).lower().rstrip(".").removesuffix("’s").removesuffix("'s")
        for m in _MID_SENTENCE_NAME.finditer(masked)
    )
    return lower, named


def _note_keys(notes: list[Note]) -> tuple[dict[str, Note], dict[int, Note]]:
    by_label = {n.label: n for n in notes if n.kind is not NoteKind.INLINE}
    inline = {n.body_start: n for n in notes if n.kind is NoteKind.INLINE}
    return by_label, inline


def brief_mentions(
    brief: ParsedBrief,
    masked: str,
    notes: list[Note],
    common: Container[str],
    source_words: Callable[[str], set[str]],
) -> list[Mention]:
    by_label, inline = _note_keys(notes)
    title = brief.title
    # A title capitalises every word; only the words the prose treats as names count.
    title_names = [
        kept
        for phrase in (subjects.name_phrases(title, common) if title else [])
        if (kept := frozenset(w for w in phrase if w not in common))
    ]
    readable = {
        i
        for i, block in enumerate(brief.blocks)
        if block.note is None
        or (by_label.get(block.note) is not None and by_label[block.note].kind is NoteKind.PROSE)
    }
    all_sentences = [s for s in sentences(brief, masked) if s.block in readable]
    tables = _tables(brief)
    block_names: dict[int, list[frozenset[str]]] = {}
    spans_of: dict[int, list[tuple[int, frozenset[str]]]] = {}  # read once per sentence
    for sentence in all_sentences:
        spans_of[sentence.start] = subjects.name_spans(sentence.text, common)
        if sentence.block in tables and block_names.get(sentence.block):
            continue  # a row is about what its first named cell names, not the other columns
        block_names.setdefault(sentence.block, []).extend(p for _, p in spans_of[sentence.start])
    found: list[Mention] = []
    for sentence in all_sentences:
        quantities = extract(sentence.text)
        if not quantities:
            continue
        keys = _cited_keys(brief, sentence, by_label, inline)
        if sentence.block in readable and brief.blocks[sentence.block].note is not None:
            keys = tuple(by_label[brief.blocks[sentence.block].note or ""].keys) or keys
        reporters = subjects.attributions(sentence.text)
        cited: set[str] = set()
        for key in keys:
            cited |= source_words(key)
        own = _without([p for _, p in spans_of[sentence.start]], reporters)
        # The cited outlet is not the subject, unless it is all the sentence names: a
        # company's own statement about its own breach ("T-Mobile's breach touched ...").
        outlet = tuple(p for p in own if not p - cited)
        beside_outlet = _without(own, cited)
        speaks_for_itself = bool(own) and not beside_outlet
        phrases = beside_outlet or own
        reporters |= cited
        direct = bool(phrases)
        block = brief.blocks[sentence.block]
        if not phrases:
            phrases = _without(block_names.get(sentence.block, []), reporters)
            # A table row states one thing: the names in its other cells are its own.
            direct = bool(phrases) and block.kind == "table"
        if not phrases:
            phrases = list(title_names)
        spans = [
            (start, phrase - reporters)
            for start, phrase in spans_of[sentence.start]
            if phrase - reporters
        ]
        flat = " ".join(sentence.text.split())
        # A table row is read cell by cell, but it states one thing: the year in its own column
        # dates it all, and a ledger keyword in any cell is in its "sentence".
        row_years = _NO_YEARS
        if block.kind == "table":
            row = masked[block.start : block.end]
            row_years = subjects.years(row)
            flat = " ".join(row.replace("|", " ").split())
        named_before: tuple[Quantity, str] | None = None  # the last amount with a noun
        for quantity in quantities:
            counted = _share_of(quantity, quantities, sentence.text)
            noun = _noun(counted or quantity, sentence.text)
            if noun is None and named_before is not None:
                noun = _coordinated(named_before, quantity, sentence.text)
            if noun is not None and quantity.dimension is Dimension.CURRENCY:
                named_before = (quantity, noun)
            own_phrases = _listed(quantity, quantities, spans, sentence.text) if direct else None
            mention_phrases = own_phrases or phrases
            names = {word for phrase in mention_phrases for word in phrase}
            line, column = brief.positions.line_col(_number_at(brief, sentence, quantity))
            found.append(
                Mention(
                    path=brief.path,
                    line=line,
                    column=column,
                    quantity=quantity,
                    sentence=flat,
                    sentence_start=sentence.start,
                    noun=noun,
                    names=frozenset(names),
                    phrases=tuple(dict.fromkeys(mention_phrases)),
                    direct=direct,
                    years=subjects.years(sentence.text) | row_years,
                    months=subjects.months(sentence.text),
                    qualifiers=_qualifiers(counted or quantity, sentence.text),
                    held=_held(quantity, sentence.text),
                    hypothetical=bool(_HYPOTHETICAL.search(sentence.text)),
                    proposed=_is_proposed(quantity, sentence.text),
                    table=tables.get(sentence.block),
                    keys=keys,
                    brief_title=title,
                    brief_date=brief.date,
                    outlet=outlet,
                    speaks_for_itself=speaks_for_itself,
                )
            )
    return found


_NO_YEARS: frozenset[str] = frozenset()
_AND_THEN = re.compile(r"^[^.;:\d]*\b(?:and|or)\s+(?:\w+\s+){0,2}$")


def _coordinated(named: tuple[Quantity, str], quantity: Quantity, sentence: str) -> str | None:
    """ "a reward of up to $10 million for ..., and up to $5 million for ...": an amount that
    follows another of its currency after "and" or "or", with no noun of its own, is the same
    kind of amount."""
    before, noun = named
    if before.key != quantity.key:
        return None
    return noun if _AND_THEN.search(sentence[before.end : quantity.start]) else None


_DIGIT = re.compile(r"\d")


def _number_at(brief: ParsedBrief, sentence: Sentence, quantity: Quantity) -> int:
    """Where a finding on the figure points: its start, or the line of its number when a line
    break comes between the two ("some\n45.000.00")."""
    at = sentence.start + quantity.start
    digit = _DIGIT.search(brief.text, at, sentence.start + quantity.end)
    if digit is not None and "\n" in brief.text[at : digit.start()]:
        return digit.start()
    return at


def _tables(brief: ParsedBrief) -> dict[int, int]:
    """Each table row's block, mapped to where its table starts (rows in an unbroken run)."""
    found: dict[int, int] = {}
    for i, block in enumerate(brief.blocks):
        if block.kind == "table":
            previous = found.get(i - 1)
            found[i] = previous if previous is not None else block.start
    return found


def _without(phrases: list[frozenset[str]], words: set[str]) -> list[frozenset[str]]:
    kept = (phrase - words for phrase in phrases)
    return [phrase for phrase in kept if phrase]


def _cited_keys(
    brief: ParsedBrief, sentence: Sentence, by_label: dict[str, Note], inline: dict[int, Note]
) -> tuple[str, ...]:
    keys: list[str] = []
    for marker in brief.markers:
        if sentence.start <= marker.start < sentence.end and marker.label in by_label:
            keys += by_label[marker.label].keys
    for group in brief.groups:
        if sentence.start <= group.start < sentence.end and group.start in inline:
            keys += inline[group.start].keys
    return tuple(dict.fromkeys(keys))


def _qualifiers(quantity: Quantity, sentence: str) -> frozenset[str]:
    found = subjects.qualifiers(quantity.noun_phrase, quantity.noun)
    if quantity.dimension is Dimension.CURRENCY and not found:
        found = subjects.cue_kind(sentence, quantity.start)
    if quantity.dimension is Dimension.DATA:
        kind = subjects.stage(sentence, quantity.start, quantity.end)
        found = found | {kind} if kind and not found & {"taken", "published"} else found
    return found


def _listed(
    quantity: Quantity,
    quantities: list[Quantity],
    spans: list[tuple[int, frozenset[str]]],
    sentence: str,
) -> list[frozenset[str]] | None:
    """In a list ("Merck at $870 million, TNT Express at $400 million, ..."), each amount is
    about the names between it and the amount before it. A rate ("averaging $10 a person")
    is no item of a list: it describes the amount before it."""
    if _is_rate(quantity, sentence):
        return None
    same = [q for q in quantities if q.key == quantity.key and not _is_rate(q, sentence)]
    if len(same) < 2 or len(spans) < 2:
        return None
    previous = max((q.end for q in same if q.end <= quantity.start), default=0)
    between = [phrase for start, phrase in spans if previous <= start < quantity.start]
    return between or None


_HELD_BY = re.compile(r"((?:[a-z][a-z-]*\s+){0,3}[a-z][a-z-]*s)\s+of\s+(?:some\s+|about\s+)?$")


def _held(quantity: Quantity, sentence: str) -> tuple[str, frozenset[str]] | None:
    """ "the background files of 21.5 million people" also counts background files."""
    noun = subjects.noun_key(quantity.noun)
    if quantity.dimension is not Dimension.COUNT or noun is None:
        return None
    if not subjects.nouns_match(noun, "person"):
        return None
    match = _HELD_BY.search(sentence, 0, quantity.start)
    if match is None:
        return None
    words: list[str] = []
    for word in reversed(match.group(1).split()):
        if word in lx.NOUN_STOP:
            break
        words.insert(0, word)
    if not words:
        return None
    head = words[-1]
    return subjects.noun_key(head) or head, subjects.qualifiers(" ".join(words), head)


_OF_THE_WHOLE = re.compile(r"\s+of\s+(?:the\s+(?:total|whole|lot)|them|those|these|all)\b")


def _share_of(quantity: Quantity, quantities: list[Quantity], sentence: str) -> Quantity | None:
    """The count a share refers back to: in "81 of the 236 hospital trusts, about 34 per cent
    of the total", the 34 per cent is of hospital trusts."""
    if quantity.dimension is not Dimension.PERCENT:
        return None
    if not _OF_THE_WHOLE.match(sentence, quantity.end):
        return None
    before = [q for q in quantities if q.end <= quantity.start]
    counts = [q for q in before if q.dimension is Dimension.COUNT and q.noun]
    if not counts:
        return None
    whole = counts[-1]
    return replace(quantity, noun=whole.noun, noun_phrase=whole.noun_phrase)


# An amount someone could have been made to pay is a ceiling, not a fact to compare.
_HYPOTHETICAL = re.compile(
    r"\b(?:could|would|might)\s+(?:have\s+)?(?:been\s+)?"
    r"(?:fined?|face[sd]?|cost|paid|pay|owed?|levied|imposed|ordered|liable)\b",
    re.IGNORECASE,
)
# A sum a regulator or a party announced it meant to impose, or put forward, is not the sum
# finally imposed: "said it intended to fine Marriott £99.2 million", "a proposed settlement of
# $50 million", "its notice of intent". The cue stands before the amount, with no figure between.
_PROPOSED = re.compile(
    r"(?:\b(?:intend(?:s|ed|ing)?|plann?(?:s|ed|ing)?|propos(?:e|es|ed|ing)|threaten(?:s|ed|ing)?)"
    r"\s+to\s+(?:fine|penali[sz]e|impose|levy|charge|sanction)\b|\bnotice\s+of\s+intent\b)"
    r"[^.;:\d]{0,80}$"
    r"|\b(?:proposed|provisional|intended)\s+(?:[\w-]+\s+){0,2}"
    r"(?:fines?|penalt(?:y|ies)|settlements?|sanctions?)\s+(?:of\s+)?(?:about\s+|some\s+)?$",
    re.IGNORECASE,
)


def _is_proposed(quantity: Quantity, sentence: str) -> bool:
    return bool(_PROPOSED.search(sentence, 0, quantity.start))


# "lets each customer claim up to $10,000": the amount is per customer.
_PER_BEFORE = re.compile(r"\b(?:each|every|per)\s+([a-z]+)(?:\s+[a-z]+){0,3}\s+$")
_PER = re.compile(r"\s+(?:a|an|per|for each|each|for every)\s+([A-Za-z]+)")


def _is_rate(quantity: Quantity, sentence: str) -> bool:
    return (_noun(quantity, sentence) or "").startswith("per ")


def _noun(quantity: Quantity, sentence: str) -> str | None:
    per = _PER.match(sentence, quantity.end)
    if per is not None:  # "$5 a person" is a rate, not an amount of the claim around it
        return f"per {subjects.noun_key(per.group(1))}"
    per = _PER_BEFORE.search(sentence, 0, quantity.start)
    if per is not None and quantity.dimension is Dimension.CURRENCY:
        return f"per {subjects.noun_key(per.group(1))}"
    if quantity.dimension is Dimension.DURATION:
        return None  # the words after "76 days" say what happened in them, not what they are
    if quantity.dimension is Dimension.CURRENCY:
        # An amount is named by the word for it, after or before: "a €450 million fine",
        # "$350 million into a settlement fund", "paid a ransom of ...".
        words = (quantity.noun_phrase or "").lower().split()
        named = next((subjects.CUES[w] for w in words if w in subjects.CUES), None)
        counted = subjects.noun_key(quantity.noun)
        return (
            named
            or subjects.cue_after(sentence, quantity.end)
            or (counted if counted not in subjects.VAGUE_NOUNS else None)
            or subjects.cue_before(sentence, quantity.start)
            or subjects.named_by_structure(sentence, quantity.start, quantity.end)
        )
    noun = subjects.noun_key(quantity.noun)
    if noun in subjects.VAGUE_NOUNS:
        return None
    if noun is None and quantity.dimension is Dimension.COUNT:
        noun = subjects.noun_key(subjects.noun_before(sentence, quantity.start))
    if noun is None and quantity.dimension is not Dimension.COUNT:
        noun = subjects.cue_before(sentence, quantity.start)
    return noun


def entry_source_words(fields: dict[str, dict[str, str]]) -> Callable[[str], set[str]]:
    cache: dict[str, set[str]] = {}

    def words(key: str) -> set[str]:
        if key not in cache:
            entry = fields.get(key, {})
            cache[key] = subjects.source_words(entry.get(f, "") for f in _SOURCE_FIELDS)
        return cache[key]

    return words
