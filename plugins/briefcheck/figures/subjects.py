"""What a figure is about: the counted noun (or the word that names the amount: "fine",
"share"), the named entities around it, and the years its sentence speaks of."""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Mapping
from functools import lru_cache

from . import lexicon as lx

# Names may start with digits: "23andMe", "7-Eleven" (not "24TB" or "5G").
_DIGIT_NAME = r"\d+[a-z]+[A-Z][\w'’&.-]*|\d+-[A-Z][a-z][\w'’&.-]*"
_CAPITALISED = re.compile(rf"[A-Z][\w'’&.-]*|[A-Z]{{2,}}|{_DIGIT_NAME}")
_WORD = re.compile(rf"{_DIGIT_NAME}|[A-Za-z][A-Za-z'’&.-]*")
_YEAR = re.compile(r"(?<![\w$£€¥.,])(1[89]\d\d|20\d\d)(?![\w%])")
# "According to Bloomberg", "told Reuters", "..., said Bloomberg": not "vpnMentor said
# Novaestrat closed the server", where "said" opens what was reported.
_ATTRIBUTION = re.compile(
    r"(?:\b(?:[Aa]ccording to|[Rr]eported by|told|via)|[,\"”]\s*(?:says|said|wrote|reports?))"
    r"\s+((?:[A-Z][\w'’&.-]*\s*)+)"
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
    "several", "few", "various", "numerous", "certain",
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
BROAD = {
    "us", "usa", "u.s", "america", "american", "americans", "uk", "u.k", "britain", "british",
    "england", "english", "europe", "european", "eu", "china", "chinese", "prc", "russia",
    "russian", "india", "indian", "japan", "japanese", "australia", "australian", "australians",
    "canada", "canadian", "germany", "german", "france", "french", "ireland", "irish", "korea",
    "korean", "israel", "israeli", "iran", "iranian", "brazil", "brazilian", "asia", "asian",
    "africa", "african", "west", "western", "east", "eastern", "united", "states", "kingdom",
    "republic", "people's", "global", "world", "international", "national", "federal",
    "zealand", "zealanders", "singapore", "singaporean", "spain", "spanish", "italy", "italian",
    "netherlands", "dutch", "sweden", "swedish", "norway", "norwegian", "denmark", "danish",
    "switzerland", "swiss", "austria", "austrian", "belgium", "belgian", "poland", "polish",
    "mexico", "mexican", "argentina", "argentinian", "nigeria", "nigerian", "kenya", "kenyan",
    "egypt", "egyptian", "turkey", "turkish", "ukraine", "ukrainian", "pakistan", "pakistani",
    "indonesia", "indonesian", "vietnam", "vietnamese", "thailand", "thai", "malaysia",
    "malaysian", "philippines", "filipino", "taiwan", "taiwanese", "scotland", "scottish",
    "wales", "welsh", "arabia", "saudi", "emirates", "hong", "kong", "south", "north",
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
    "payment": "payment", "pay": "payment", "pays": "payment", "paying": "payment",
    "payments": "payment", "growth": "growth", "fell": "change", "rose": "change",
    "settled": "settlement", "settle": "settlement", "spend": "spending", "spent": "spending",
    "demanded": "ransom", "extortion": "ransom", "stole": "theft", "stolen": "theft",
    "steal": "theft", "theft": "theft", "thefts": "theft", "heist": "theft", "drained": "theft",
    "siphoned": "theft", "looted": "theft", "seized": "seizure", "seize": "seizure",
    "seizure": "seizure", "seizures": "seizure", "confiscated": "seizure",
    "premium": "premium", "premiums": "premium", "coverage": "coverage", "credits": "credit",
    "refund": "refund", "refunds": "refund", "refunded": "refund", "rebate": "refund",
    "rebates": "refund",
}  # fmt: skip
# "75 bitcoin, then worth about $4.4 million": "worth" right after a figure restates that
# figure in another unit, and the amount is still what the words before it named.
_RESTATED = re.compile(r"\d[\w.,]*\s+[A-Za-z]+,?\s+(?:then\s+|now\s+)?(?:worth|equivalent)\b")
# Kinds of people a count may be of: "54.6 million people" may be the customers a fact counts.
PEOPLE_KINDS = {
    "customer", "user", "subscriber", "consumer", "member", "patient", "client", "account holder",
    "american", "employee", "staff", "voter", "student", "resident", "citizen", "policyholder",
}  # fmt: skip
# A broad word and the narrower ones it may stand for. A plain "paid" may be the ransom
# another brief names ("paid $4.3 million"), not a settlement or a fine, which a company pays
# alongside many other sums; what an exchange "lost" is what thieves stole from it.
_NARROWER = {"payment": {"ransom"}, "loss": {"theft"}, "person": PEOPLE_KINDS}

_PEOPLE = {"person", "people", "individual", "citizen", "resident", "inhabitant"}
# Words a figure's noun may be that say nothing of what is counted.
VAGUE_NOUNS = {
    "one", "other", "more", "time", "case", "thing", "way", "kind", "sort", "lot",
    # adverbs that follow an amount: "sent 3,000 ETH back", "paid $5 apiece"
    "back", "out", "away", "off", "up", "down", "apiece", "overall", "altogether", "again",
    "instead", "too", "ago",
}  # fmt: skip
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
    return _CHANGES.get(base, base)


# A fall and a rise of one figure are one claim about its change: "fell 5.6 per cent", "the
# 6.5 per cent fall".
_CHANGES = {
    w: "change"
    for w in ("fall", "drop", "decline", "rise", "increase", "gain", "jump", "slump", "plunge",
              "dip", "climb", "decrease")
}  # fmt: skip


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


def _cue_words(head: str) -> list[re.Match[str]]:
    """Words naming a kind of amount among the last twelve of ``head``, nearest first."""
    words = list(_WORD.finditer(head))[-12:]
    return [match for match in reversed(words) if match.group().lower() in CUES]


# Words that stand where a noun naming an amount would, and name none: "a total of $5m".
_NAMES_NOTHING = {
    "total", "sum", "amount", "figure", "average", "value", "minimum", "maximum", "range",
    "estimate", "excess", "upwards", "tune", "region", "order", "level", "number", "tally",
    "combination", "mix", "part", "portion", "half", "third", "quarter", "fraction", "rest",
    "balance", "equivalent", "multiple", "increase", "decrease", "rise", "fall", "drop", "jump",
}  # fmt: skip
_NOUN_OF = re.compile(
    r"\b(?:a|an|the|its|their|his|her|our|this|that)\s+(?:[a-z]+-?[a-z]*\s+)?([a-z]{3,})\s+of\s+"
    r"(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+|almost\s+|over\s+|up\s+to\s+)?$"
)
_IN_NOUNS = re.compile(r"\s+in\s+([a-z]{3,}s)\b")


def named_by_structure(sentence: str, start: int, end: int) -> str | None:
    """A noun the sentence's grammar gives the amount when no known word names it: "a premium
    of $835,000", "$150 million in credits" (a plural after "in")."""
    for match in (_IN_NOUNS.match(sentence, end), _NOUN_OF.search(sentence, 0, start)):
        if match is None:
            continue
        word = match.group(1)
        if singular(word) not in _NAMES_NOTHING and word not in lx.NOUN_STOP:
            return noun_key(word) or word
    return None


def cue_before(sentence: str, offset: int) -> str | None:
    """The last word before the figure, in its sentence, that names the kind of amount."""
    head = sentence[:offset]
    restated = list(_RESTATED.finditer(head))
    if restated and len(head[restated[-1].end() :].split()) <= 2:  # "worth about $4.4m"
        head = head[: restated[-1].start()]
    cues = [CUES[match.group().lower()] for match in _cue_words(head)]
    # "the theft was worth $625 million": worth says only that the amount values what was
    # named before it.
    return next((cue for cue in cues if cue != "worth"), cues[0] if cues else None)


_KIND_BEFORE = re.compile(r"([a-z]+(?:-[a-z]+)+)\s+$")


def cue_kind(sentence: str, offset: int) -> frozenset[str]:
    """A hyphenated word right before the word naming an amount: "an overdue-payment penalty
    of €5.2 million", "non-compliance penalties of up to €5.7 million"."""
    head = sentence[:offset]
    cues = _cue_words(head)
    kind = _KIND_BEFORE.search(head, 0, cues[0].start()) if cues else None
    return frozenset({kind.group(1)}) if kind else frozenset()


_CUE_AFTER = re.compile(
    r"\s+(?:(?:in|into|a|an|the|as|of|for|to)\s+){0,3}([A-Za-z-]+)(?:\s+([A-Za-z-]+))?"
    r"(?:\s+([A-Za-z]+))?"
)


def cue_after(sentence: str, offset: int) -> str | None:
    """A word naming the amount right after it: "$350 million into a settlement fund", "$21.1
    million in incremental costs" (a word or two describing it may come first)."""
    match = _CUE_AFTER.match(sentence, offset)
    if match is None:
        return None
    for word in match.groups():
        if word is None or word.lower() in lx.NOUN_STOP:
            return None
        if word.lower() in CUES:
            return CUES[word.lower()]
    return None


def nouns_match(a: str, b: str) -> bool:
    """Two nouns may name the same thing: equal, or a broad word and a narrower one
    (a payment and a ransom, people and customers)."""
    return a == b or b in _NARROWER.get(a, ()) or a in _NARROWER.get(b, ())


_BROADER = {narrow: broad for broad, narrows in _NARROWER.items() for narrow in narrows}


def noun_family(noun: str) -> str:
    """A word every noun it may match shares: ``nouns_match(a, b)`` implies equal families."""
    return _BROADER.get(noun, noun)


def years(sentence: str) -> frozenset[str]:
    return frozenset(_YEAR.findall(sentence))


_MONTH = re.compile(
    r"\b(January|February|March|April|June|July|August|September|October|November|December"
    r"|May(?=,?\s+\d)|(?<=\d\s)May)\b"
)


def months(sentence: str) -> frozenset[str]:
    """The months a sentence names ("In April 2023", "on 27 March"): "may" only beside a
    number, where it cannot be the verb."""
    return frozenset(m.lower() for m in _MONTH.findall(sentence))


# What happened to a quantity of data: what attackers claim to have taken and what they
# later publish are different figures of one breach.
_STAGES = {
    "stole": "taken", "stolen": "taken", "taken": "taken", "took": "taken", "take": "taken",
    "exfiltrated": "taken", "copied": "taken", "downloaded": "taken", "theft": "taken",
    "published": "published", "publish": "published", "publishing": "published",
    "release": "published", "released": "published", "releasing": "published",
    "posted": "published", "dumped": "published", "dump": "published",
}  # fmt: skip


def qualifiers(noun_phrase: str | None, head: str | None) -> frozenset[str]:
    """Lower-case words that narrow the counted noun: "older" in "6.1 million older records"."""
    if not noun_phrase or not head:
        return frozenset()
    words = noun_phrase.split()
    before = words[: words.index(head)] if head in words else []
    return frozenset(_STAGES.get(w.lower(), w.lower()) for w in before if w[:1].islower())


_CLAUSE_BREAK = re.compile(r"[,;:]")


def stage(sentence: str, start: int, end: int) -> str | None:
    """Taken or published: the nearest such word to a data figure in its sentence."""
    best: tuple[int, str] | None = None
    for match in _WORD.finditer(sentence):
        kind = _STAGES.get(match.group().lower())
        if kind is None:
            continue
        before = match.end() <= start
        distance = start - match.end() if before else match.start() - end
        between = sentence[match.end() : start] if before else sentence[end : match.start()]
        if _CLAUSE_BREAK.search(between):
            distance += 1000  # "780 GB is what it said it took, 751 GB is what it released"
        if best is None or distance < best[0]:
            best = (distance, kind)
    return best[1] if best else None


class Vocabulary:
    """Words that name nothing when capitalised at a sentence start: the site writes them in
    lower case, at least as often as capitalised mid-sentence ("target" once beside "Target"
    thrice is a name). Asked ``NEVER_NAMED + word``, it says whether the site never capitalises
    the word mid-sentence: a sentence opening with such a word reads as a name only where it is
    built like one (``name_spans``)."""

    def __init__(self, lower: Mapping[str, int], named: Mapping[str, int]) -> None:
        self.lower, self.named = lower, named

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if word.startswith(NEVER_NAMED):
            return self.named.get(word[1:], 0) == 0
        lower = self.lower.get(word, 0)
        return lower > 0 and lower >= self.named.get(word, 0)


# ``NEVER_NAMED + word in vocabulary``: the site never capitalises the word mid-sentence.
# (A question put through ``in`` is one a recorded vocabulary, ``figures.memo``, can replay.)
NEVER_NAMED = "^"


def name_phrases(sentence: str, common: Container[str]) -> list[frozenset[str]]:
    """The names in a sentence, each as its lower-cased words ("Office of the Comptroller of
    the Currency" is one name of three words).

    A capitalised word at the start of the sentence is a name only when the site never
    writes it in lower case (``common`` holds the lower-case words seen in its prose).
    Countries and their peoples set the scene of many claims and name none of them.
    """
    return [phrase for _, phrase in name_spans(sentence, common)]


_OPENER = re.compile(
    r",|\s+(?:across|of|in|on|at|for|with|from|by|to|into|over|under|after|before|between"
    r"|through|during|among|against|about|around|like|the|a|an)\b"
)


def name_spans(sentence: str, common: Container[str]) -> list[tuple[int, frozenset[str]]]:
    """``name_phrases`` with the offset where each name starts."""
    phrases: list[set[str]] = []
    starts: list[int] = []
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
            if is_name and word[1:].islower() and _OPENER.match(sentence, match.end()):
                # "Spread across the ...", "Estimates of ...", "Privately, ...": a word that
                # opens a sentence before a preposition or article, or as an adverb before a
                # comma, names nothing unless the site also capitalises it mid-sentence.
                is_name = NEVER_NAMED + low not in common or (
                    not low.endswith("ly") and sentence[match.end() : match.end() + 1] == ","
                )
        if is_name:
            if not (current and joined):
                current = set()
                phrases.append(current)
                starts.append(match.start())
            current.add(low)
            last_end = match.end()
            if word.endswith(("'s", "’s")):
                current, last_end = set(), -1  # "H&M's Nuremberg centre": two names
        elif low in _GENERIC and current and joined:
            last_end = match.end()  # "of", "the" inside a name
        else:
            current, last_end = set(), -1
    # A country or people alone sets the scene; inside a longer name it is part of the name:
    # "American Water" is not "Southern Water".
    return [(start, frozenset(p)) for start, p in zip(starts, phrases, strict=True) if p - BROAD]


def entities(sentence: str, common: Container[str]) -> set[str]:
    """Lower-cased words of the names in a sentence."""
    return {word for phrase in name_phrases(sentence, common) for word in phrase}


def shared_names(a: Iterable[frozenset[str]], b: Iterable[frozenset[str]]) -> int:
    """``_shared_names`` of two mentions' names (kept: the same pairs of names recur)."""
    return _shared_names(tuple(a), tuple(b))


@lru_cache(maxsize=65536)
def _shared_names(a: tuple[frozenset[str], ...], b: tuple[frozenset[str], ...]) -> int:
    """How many names two mentions share: a name counts once however many words match. Two
    names are one when the words of one are all in the other ("Mossack Fonseca", "Fonseca");
    a word in common is not enough when each has words the other lacks ("Panama Papers",
    "Paradise Papers")."""

    def found(p: frozenset[str], others: tuple[frozenset[str], ...]) -> bool:
        return any(p <= q or q <= p for q in others if p & q)

    return min(sum(1 for p in a if found(p, b)), sum(1 for p in b if found(p, a)))


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
