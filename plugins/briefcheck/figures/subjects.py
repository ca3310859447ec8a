"""What a figure is about: the counted noun (or the word that names the amount: "fine",
"share"), the named entities around it, and the years its sentence speaks of."""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import lexicon as lx

_CAPITALISED = re.compile(r"[A-Z][\w'’&.-]*|[A-Z]{2,}")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’&.-]*")
_YEAR = re.compile(r"(?<![\w$£€¥.,])(1[89]\d\d|20\d\d)(?![\w%])")
_ATTRIBUTION = re.compile(
    r"\b(?:according to|reported by|says|said|told|wrote|reports?|via)\s+((?:[A-Z][\w'’&.-]*\s*)+)"
)
_NUMBER_OF = re.compile(
    r"\b(?:number|total|count|tally)\s+of\s+((?:[A-Za-z-]+\s+){0,3}[A-Za-z-]+)(?=\W|$)"
)

# Capitalised words that start sentences or titles without naming anything.
_NOT_NAMES = {
    "a", "an", "the", "in", "on", "at", "but", "and", "or", "if", "as", "this", "that", "these",
    "those", "it", "its", "what", "when", "where", "who", "why", "how", "according", "after",
    "before", "while", "since", "between", "during", "yet", "so", "nor", "for", "from", "by",
    "with", "within", "without", "neither", "both", "each", "every", "some", "many", "most",
    "more", "such", "than", "then", "there", "their", "they", "we", "our", "he", "she", "his",
    "her", "i", "nobody", "none", "no", "not", "one", "two", "three", "first", "second", "third",
    "about", "around", "over", "under", "nearly", "almost", "roughly", "up", "just", "only",
    "even", "also", "however", "meanwhile", "still", "all", "any", "other", "another", "here",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "measured",
    "ibid", "see", "note", "per", "cent", "mr", "mrs", "ms", "dr", "last", "next", "early",
    "late", "later", "earlier", "today", "yesterday", "tomorrow", "until", "though", "although",
    "because", "whether", "once", "whereas", "unlike", "like", "among", "across", "against",
}  # fmt: skip
_NOT_NAMES |= set(lx.UNITS_WORDS) | set(lx.TENS_WORDS) | {c.lower() for c in lx.CURRENCY_CODES}
_NOT_NAMES |= {unit.lower() for unit in lx.DATA_SYMBOLS}  # "24 TB" names nothing
_BROAD = {
    "us", "usa", "u.s", "america", "american", "americans", "uk", "u.k", "britain", "british",
    "england", "english", "europe", "european", "eu", "china", "chinese", "prc", "russia",
    "russian", "india", "indian", "japan", "japanese", "australia", "australian", "australians",
    "canada", "canadian", "germany", "german", "france", "french", "ireland", "irish", "korea",
    "korean", "israel", "israeli", "iran", "iranian", "brazil", "brazilian", "asia", "asian",
    "africa", "african", "west", "western", "east", "eastern", "united", "states", "kingdom",
    "republic", "people's", "global", "world", "international", "national", "federal",
}  # fmt: skip
_GENERIC = {"of", "the", "and", "for", "de", "s", "’s", "'s", "inc", "ltd", "co", "corp", "plc"}

# Words that say what an amount is when no counted noun follows it.
CUES = {
    "price": "price", "prices": "price", "cost": "cost", "costs": "cost", "fine": "penalty",
    "fines": "penalty", "fined": "penalty", "penalty": "penalty", "penalties": "penalty",
    "ransom": "ransom", "revenue": "revenue", "revenues": "revenue", "turnover": "revenue",
    "budget": "budget", "salary": "salary", "settlement": "settlement", "damages": "damages",
    "loss": "loss", "losses": "loss", "payout": "payout", "valuation": "valuation",
    "worth": "worth", "share": "share", "rate": "rate", "proportion": "share", "stake": "stake",
    "profit": "profit", "profits": "profit", "spending": "spending", "investment": "investment",
    "funding": "funding", "compensation": "compensation", "bounty": "bounty", "sale": "sale",
    "deal": "deal", "acquisition": "deal", "bought": "deal", "buy": "deal", "paid": "payment",
    "payment": "payment", "growth": "growth", "fell": "change", "rose": "change",
}  # fmt: skip

_PEOPLE = {"person", "people", "individual", "citizen", "resident", "inhabitant"}
# Words a figure's noun may be that say nothing of what is counted.
VAGUE_NOUNS = {"one", "other", "more", "time", "case", "thing", "way", "kind", "sort", "lot"}
GENERIC_DATA = {
    "data", "material", "record", "information", "file", "document", "archive", "database",
    "dataset", "content", "datum", "stolen", "leaked",
}  # fmt: skip


def singular(word: str) -> str:
    word = word.lower().strip("'’")
    if word in ("people", "persons"):
        return "person"
    if word in ("data", "media", "police", "staff", "personnel"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def noun_key(word: str | None) -> str | None:
    """A noun as compared between mentions: singular, people-words merged."""
    if word is None:
        return None
    base = singular(word)
    if base in _PEOPLE:
        return "person"
    return base


def noun_before(sentence: str, offset: int) -> str | None:
    """ "the number of guest records involved at 383 million" -> "records"."""
    matches = list(_NUMBER_OF.finditer(sentence, 0, offset))
    if not matches:
        return None
    words = []
    for word in matches[-1].group(1).split():
        low = word.lower()
        if low in lx.NOUN_STOP or low.endswith(("ed", "ing")):
            break
        words.append(word)
    if not words:
        return None
    return next((w for w in reversed(words) if w.lower().endswith("s")), words[-1])


def cue_before(sentence: str, offset: int) -> str | None:
    """The last word before the figure, in its sentence, that names the kind of amount."""
    words = [w.lower() for w in _WORD.findall(sentence[:offset])]
    for word in reversed(words[-12:]):
        if word in CUES:
            return CUES[word]
    return None


def years(sentence: str) -> frozenset[str]:
    return frozenset(_YEAR.findall(sentence))


def name_phrases(sentence: str, common: set[str] | frozenset[str]) -> list[frozenset[str]]:
    """The names in a sentence, each as its lower-cased words ("Office of the Comptroller of
    the Currency" is one name of three words).

    A capitalised word at the start of the sentence is a name only when the site never
    writes it in lower case (``common`` holds the lower-case words seen in its prose).
    Countries and their peoples set the scene of many claims and name none of them.
    """
    phrases: list[set[str]] = []
    current: set[str] = set()
    last_end = -1
    first = True
    for match in _WORD.finditer(sentence):
        word = match.group()
        low = word.lower().rstrip(".").removesuffix("’s").removesuffix("'s")
        joined = last_end >= 0 and not sentence[last_end : match.start()].strip()
        is_name = bool(_CAPITALISED.fullmatch(word)) and not (
            low in _NOT_NAMES or low in lx.MONTHS or len(low) < 2
        )
        if first:
            first = False
            is_name = is_name and low not in common
        if is_name:
            if not (current and joined):
                current = set()
                phrases.append(current)
            current.add(low)
            last_end = match.end()
        elif low in _GENERIC and current and joined:
            last_end = match.end()  # "of", "the" inside a name
        else:
            current, last_end = set(), -1
    kept = (frozenset(p - _BROAD) for p in phrases)
    return [p for p in kept if p]


def entities(sentence: str, common: set[str] | frozenset[str]) -> set[str]:
    """Lower-cased words of the names in a sentence."""
    return {word for phrase in name_phrases(sentence, common) for word in phrase}


def shared_names(a: Iterable[frozenset[str]], b: Iterable[frozenset[str]]) -> int:
    """How many names two mentions share: a name counts once however many words match."""
    a, b = list(a), list(b)
    words_a = {w for p in a for w in p}
    words_b = {w for p in b for w in p}
    return min(sum(1 for p in a if p & words_b), sum(1 for p in b if p & words_a))


def attributions(sentence: str) -> set[str]:
    """Words of names that say who reported a figure ("According to Bloomberg")."""
    found: set[str] = set()
    for match in _ATTRIBUTION.finditer(sentence):
        found |= {w.lower().removesuffix("’s").removesuffix("'s") for w in match.group(1).split()}
    return found


def source_words(fields: Iterable[str]) -> set[str]:
    """Words of a source's author, outlet and publisher: naming them is attribution."""
    words: set[str] = set()
    for value in fields:
        words |= {w.lower() for w in _WORD.findall(value) if w[:1].isupper()}
    return words
