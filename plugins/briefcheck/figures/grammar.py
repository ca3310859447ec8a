"""Find the figures in a piece of prose: our own small grammar, measured against a labelled set.

``extract(text)`` reads plain text (Markdown already masked by the caller) and returns each
figure with its span, what it measures and its normalised value. The reading is left to right:
a number (digits or words), then what may precede it (qualifiers, a currency) and what may
follow it (a scale word, a unit, a range's other end, the counted noun). Years, dates, times,
ordinals, locators ("p. 4", "Article 5") and names with digits ("COVID-19", "Windows 10") are
left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon as lx
from .digits import read_digits
from .quantity import Bound, Dimension, Quantity


def _alternation(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


_DIGITS = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
# "a", "an" and "one" are numbers only before a scale word or a unit ("a million", "a week",
# "one terabyte"); looking ahead spares reading every article in the text.
_WEAK_NEXT = (
    r"(?=\s*(?:"
    + _alternation(lx.DATA_SYMBOLS)
    + r")\b|[\s-]+(?:hundred|"
    + _alternation(
        {
            *lx.SCALE_WORDS,
            *lx.DATA_WORDS,
            *lx.CURRENCY_CODES,
            *lx.CURRENCY_WORDS,
            *lx.DURATION_WORDS,
        }
    )
    + r")\b)"
)
_SPELLED = re.compile(
    # The lookahead skips, at one test, every word no number word starts like.
    rf"\b(?=[aefnost])(?:(?P<tens>{_alternation(lx.TENS_WORDS)})(?:[-\s](?P<tail>{_alternation(lx.UNITS_WORDS)}))?"
    rf"|(?P<units>{_alternation(lx.UNITS_WORDS)})|(?P<weak>one|an|a){_WEAK_NEXT})"
    r"(?:\s+(?P<hundred>hundred))?\b",
    re.IGNORECASE,
)
_MASK_PARTS = (
    r"https?://\S+|www\.\S+|\[\^[^\]\s]+\]"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}\.\d{1,2}\.\d{4}\b"
    r"|\+\d[\d ().-]{7,}\d|\(\d{3}\)\s?\d{3}-\d{4}"
)
_MASKS_NO_AT = re.compile(_MASK_PARTS)
_MASKS = re.compile(_MASK_PARTS + r"|(?<!\S)[^\s@]+@[^\s@]+\.\w+")  # e-mail addresses too
_SCALE_WORD = re.compile(rf"\s+({_alternation(lx.SCALE_WORDS)})\b", re.IGNORECASE)
_SUFFIX = re.compile(r"[A-Za-z]+")
_PERCENT = re.compile(
    r"\s?%|\s+(?:per\s?cent|percent)\b|\s+(?P<pp>percentage\s+points?)\b", re.IGNORECASE
)
_DATA_AFTER = re.compile(
    rf"\s*(?P<sym>{_alternation(lx.DATA_SYMBOLS)})\b|[\s-]+(?P<word>{_alternation(lx.DATA_WORDS)})\b",
    re.IGNORECASE,
)
_DURATION_AFTER = re.compile(
    rf"(?P<sep>\s+|-)(?P<word>{_alternation(lx.DURATION_WORDS)})\b(?!-old|\s+old\b)",
    re.IGNORECASE,
)
_CURRENCY_AFTER = re.compile(
    rf"\s+(?:(?P<code>{_alternation(lx.CURRENCY_CODES)})\b"
    rf"|(?P<word>{_alternation(lx.CURRENCY_WORDS)})\b)",
    re.IGNORECASE,
)
_SYMBOLS = _alternation(lx.CURRENCY_PREFIXES)
_CODES = _alternation(lx.CURRENCY_CODES)
_CURRENCY_BEFORE = re.compile(rf"(?:(?P<sym>{_SYMBOLS})\s?|\b(?P<code>{_CODES})\s?)$")
_QUALIFIERS = _alternation((*lx.APPROXIMATORS, *lx.AT_LEAST, *lx.AT_MOST))
# The last word of every qualifier: a cheap test before the search through all of them.
_QUALIFIER_ENDS = tuple(
    {q.split()[-1].lower() for q in (*lx.APPROXIMATORS, *lx.AT_LEAST, *lx.AT_MOST)}
)
_QUALIFIER = re.compile(rf"(?:^|(?<=[\s(\[\"“']))(?P<q>{_QUALIFIERS})\s*$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"\s*(?:[-–—]|\bto\b|\band\b)\s*")
_NEXT_WORD = re.compile(r"[\s,]*\(?\s*([A-Za-z][A-Za-z'’-]*)")
_NOUN_WORD = re.compile(r"\s+([A-Za-z][A-Za-z'’-]*)")
_SYMBOL_AT = re.compile(r"US\$|[$£€¥₹]")
_CLOCK = re.compile(r"\s*(?:[ap]\.m\.|[ap]m\b)", re.IGNORECASE)
_RATE_BEFORE = re.compile(
    r"(?:\d|%|\b(?:cent|times|twice|once|thrice|million|billion|thousand|trillion|bn|m|k))\W*$",
    re.IGNORECASE,
)


@dataclass
class _Reading:
    start: int
    end: int
    value: float | None
    step: float
    malformed: str | None = None
    spelled: bool = False
    weak: bool = False  # "one", "a", "an": a number only with a scale word or a unit
    scaled: bool = False
    unit_factor: float = 1.0
    dimension: Dimension = Dimension.COUNT
    unit: str | None = None
    bound: Bound = Bound.EXACT
    high: float | None = None
    prefix_currency: bool = False


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def extract(text: str) -> list[Quantity]:
    # Trying the e-mail pattern at every word is half the masking: only where there is an @.
    masked = (_MASKS if "@" in text else _MASKS_NO_AT).sub(_blank, text)
    starts = sorted(
        [(m.start(), m.end(), False) for m in _DIGITS.finditer(masked)]
        + [(m.start(), m.end(), True) for m in _SPELLED.finditer(masked)]
    )
    found: list[Quantity] = []
    taken_until = 0
    for start, end, spelled in starts:
        if start < taken_until:
            continue
        quantity = _read(masked, start, end, spelled)
        if quantity is not None:
            found.append(quantity)
            taken_until = quantity.end
        elif not spelled:
            taken_until = max(taken_until, end)
    return found


def _core(text: str, start: int, end: int, spelled: bool) -> _Reading | None:
    if not spelled:
        digits = read_digits(text[start:end])
        if digits.identifier:
            return None
        return _Reading(start, end, digits.value, digits.step, digits.malformed)
    match = _SPELLED.match(text, start)
    if match is None:
        return None
    if match.group("weak"):
        value, step = float(lx.WEAK_ONES[match.group("weak").lower()]), 1.0
    elif match.group("tens"):
        value = float(lx.TENS_WORDS[match.group("tens").lower()])
        step = 10.0
        if match.group("tail"):
            value += lx.UNITS_WORDS[match.group("tail").lower()]
            step = 1.0
    else:
        value, step = float(lx.UNITS_WORDS[match.group("units").lower()]), 1.0
    reading = _Reading(start, match.end(), value, step, spelled=True)
    reading.weak = bool(match.group("weak"))
    if match.group("hundred"):
        reading.value = value * 100
        reading.step = 100.0
        reading.scaled = True
    elif match.group("weak") and text[match.end() : match.end() + 8].lower() == " hundred":
        reading.end = match.end() + 8
    return reading


def _read(text: str, start: int, end: int, spelled: bool) -> Quantity | None:
    reading = _core(text, start, end, spelled)
    if reading is None or not _free_left(text, reading.start, spelled):
        return None
    if not spelled and _glued_right(text, reading):
        return None
    left_words = _word_before(text, reading.start)
    if not _read_right(text, reading):
        return None
    if reading.weak and not (reading.scaled or reading.unit_factor != 1.0 or reading.unit):
        return None
    _read_prefix(text, reading)
    bare = not (reading.scaled or reading.unit or reading.prefix_currency)
    if bare and _not_a_quantity(text, reading, left_words):
        return None
    if bare and _is_year(reading, _noun(text, reading.end)[1], left_words):
        return None
    _read_range(text, reading)
    _read_trailing_qualifier(text, reading)
    noun_phrase, noun = _noun(text, reading.end)
    if bare and reading.unit is None and reading.spelled and noun is None:
        return None
    _read_qualifier(text, reading)
    return _finish(text, reading, noun_phrase, noun)


def _free_left(text: str, start: int, spelled: bool) -> bool:
    """False when the number is glued to something before it: "COVID-19", "83(5)", "24/7"."""
    if start == 0:
        return True
    before = text[start - 1]
    if before in "/:#" or (before == "(" and start >= 2 and text[start - 2].isalnum()):
        return False
    if before in "-–" and start >= 2 and (text[start - 2].isalnum() or text[start - 2] in ".,"):
        return False
    return not (spelled and before == "-")


def _glued_right(text: str, reading: _Reading) -> bool:
    """True for times, fractions, ordinals and names: "10:30", "9/11", "21st", "5G", "1990s"."""
    end = reading.end
    if text[end : end + 2] in {":0", ":1", ":2", ":3", ":4", ":5"} or (
        text[end : end + 1] == "/" and text[end + 1 : end + 2].isdigit()
    ):
        return True
    suffix = _SUFFIX.match(text, end)
    if suffix is None:
        return False
    letters = suffix.group()
    if letters in lx.DATA_SYMBOLS:
        return False
    if letters.lower() in lx.SCALE_SUFFIXES and reading.value is not None:
        reading.value *= lx.SCALE_SUFFIXES[letters.lower()]
        reading.step *= lx.SCALE_SUFFIXES[letters.lower()]
        reading.scaled = True
        reading.end = suffix.end()
        return False
    return True


def _word_before(text: str, start: int) -> str:
    """The word just before ``start`` (within 40 characters, spaces between): letters, digits
    and apostrophes starting with a letter, a trailing full stop kept; or a section sign. A
    scan, not a regular-expression search from every place before it
    (``tests/unit/test_figure_values.py`` checks the two agree)."""
    low = max(0, start - 40)
    end = start
    while end > low and text[end - 1].isspace():
        end -= 1
    if end == low:
        return ""
    if text[end - 1] in "§¶#":
        return text[end - 1]
    stop = end - 1 if text[end - 1] == "." else end
    first = stop
    while first > low and (text[first - 1].isalnum() or text[first - 1] in "_'’"):
        first -= 1
    while first < stop and not (text[first].isalpha() or text[first] == "_" or (
        text[first].isalnum() and not text[first].isdecimal()
    )):  # fmt: skip
        first += 1  # a word starts with a letter, not a digit or an apostrophe
    return text[first:end] if first < stop else ""


def _read_right(text: str, reading: _Reading) -> bool:
    """Scale words and the unit after the number; False when the number is not a figure."""
    pos = reading.end
    if text.startswith("+", pos):
        reading.bound = Bound.MIN
        pos += 1
    while (scale := _SCALE_WORD.match(text, pos)) is not None:
        factor = lx.SCALE_WORDS[scale.group(1).lower()]
        if reading.value is not None:
            reading.value *= factor
        reading.step *= factor
        reading.scaled = True
        pos = scale.end()
    reading.end = pos
    if (m := _PERCENT.match(text, pos)) is not None:
        reading.dimension, reading.unit = Dimension.PERCENT, "pp" if m.group("pp") else "%"
        reading.end = m.end()
        return True
    if (m := _DATA_AFTER.match(text, pos)) is not None:
        symbol = m.group("sym")
        if symbol is not None and symbol not in lx.DATA_SYMBOLS:  # case matters: "Gb", "mb"
            return _plain_after(text, reading)
        factor = lx.DATA_SYMBOLS[symbol] if symbol else lx.DATA_WORDS[m.group("word").lower()]
        reading.dimension, reading.unit, reading.unit_factor = Dimension.DATA, "B", factor
        reading.end = m.end()
        return True
    if (m := _CURRENCY_AFTER.match(text, pos)) is not None:
        code = m.group("code")
        if code is None or code.isupper():
            reading.dimension = Dimension.CURRENCY
            reading.unit = (
                lx.CURRENCY_CODES[code] if code else lx.CURRENCY_WORDS[m.group("word").lower()]
            )
            reading.end = m.end()
            return True
    if (m := _DURATION_AFTER.match(text, pos)) is not None and not reading.scaled:
        if reading.weak and _RATE_BEFORE.search(text, max(0, reading.start - 24), reading.start):
            return False  # "$5 billion a year", "twice a week": a rate, not a duration
        reading.dimension, reading.unit = Dimension.DURATION, "d"
        reading.unit_factor = lx.DURATION_WORDS[m.group("word").lower()]
        reading.end = m.end()
        return True
    return _plain_after(text, reading)


def _plain_after(text: str, reading: _Reading) -> bool:
    """A number with no unit: not a figure before "times", "am", "Gbps", "-fold", "-old"."""
    if reading.scaled:
        return True
    rest = text[reading.end : reading.end + 16]
    if rest.startswith("-") and not rest[1:2].isdigit() and rest[1:2] not in " \n":
        return False  # "15-year-old", "10-fold", "500-page", "two-thirds"
    if _CLOCK.match(text, reading.end):
        return False
    nxt = _NEXT_WORD.match(text, reading.end)
    return nxt is None or nxt.group(1).lower() not in lx.NOT_AFTER


def _read_prefix(text: str, reading: _Reading) -> None:
    before = text[max(0, reading.start - 8) : reading.start]
    match = _CURRENCY_BEFORE.search(before)
    if match is None:
        return
    if match.group("sym"):
        unit = lx.CURRENCY_PREFIXES[match.group("sym")]
    else:
        unit = lx.CURRENCY_CODES[match.group("code")]
    if reading.dimension not in (Dimension.COUNT, Dimension.CURRENCY):
        return
    reading.dimension, reading.unit, reading.prefix_currency = Dimension.CURRENCY, unit, True
    reading.start -= len(match.group())


def _not_a_quantity(text: str, reading: _Reading, left_word: str) -> bool:
    """Bare numbers that name something: "p. 4", "Article 5", "Windows 10", "30 June"."""
    word = left_word.rstrip(".").lower()
    if word in lx.REFERENCE_WORDS or left_word in {"§", "§§", "¶", "#"}:
        return True
    if word in lx.MONTHS and left_word[:1].isupper():
        return True
    nxt = _NEXT_WORD.match(text, reading.end)
    if nxt is not None and reading.value is not None and reading.value <= 31:
        following = nxt.group(1)
        if following.lower() in lx.MONTHS and following[:1].isupper():
            return True
        if following.lower() == "of" and re.match(r"\s+of\s+[A-Z][a-z]+", text[reading.end :]):
            month = re.match(r"\s+of\s+([A-Z][a-z]+)", text[reading.end :])
            if month and month.group(1).lower() in lx.MONTHS:
                return True
    low = left_word.rstrip(".").lower()
    # "Windows 10", "Boeing 737", "ISO 27001"
    possessive = low.endswith(("'s", "’s"))
    return left_word[:1].isupper() and not possessive and low not in _CAPITAL_OK | lx.NOUN_STOP


# Capitalised words a quantity may follow mid-sentence (in titles and after a colon).
_CAPITAL_OK = {
    "about",
    "around",
    "over",
    "under",
    "some",
    "nearly",
    "almost",
    "roughly",
    "approximately",
    "by",
    "in",
    "of",
    "to",
    "and",
    "the",
    "with",
    "than",
    "at",
    "all",
    "only",
    "just",
    "least",
}


def _is_year(reading: _Reading, noun: str | None, left_word: str) -> bool:
    value = reading.value
    if value is None or reading.spelled or not value.is_integer() or not 1000 <= value <= 2199:
        return False
    if reading.end - reading.start != 4:
        return False  # "2,000" is a count
    temporal = left_word.lower() in {
        "in", "since", "by", "until", "till", "from", "to", "of", "during", "before", "after",
        "early", "late", "mid", "the", "and", "or", "between",
        "fiscal", "year", "spring", "summer", "autumn", "fall", "winter", "through",
    }  # fmt: skip
    possessive = left_word.endswith(("'s", "’s"))  # "Uber's 2016 breach"
    plural = noun is not None and (noun.endswith("s") or noun.lower() in lx.PLURAL_NOUNS)
    return temporal or possessive or not plural


def _read_range(text: str, reading: _Reading) -> None:
    """ "20–30 million", "between 20 and 30 million", "$5-10m", "10 to 15 per cent"."""
    join = _RANGE_JOIN.match(text, reading.end)
    if join is None or reading.value is None:
        return
    word = join.group().strip().lower()
    left = _word_before(text, reading.start).lower()
    if word == "and" and left != "between":
        return
    second_start = join.end()
    if reading.prefix_currency and (symbol := _SYMBOL_AT.match(text, second_start)):
        second_start = symbol.end()  # "$5-$10 million"
    digits = _DIGITS.match(text, second_start)
    words = _SPELLED.match(text, second_start) if reading.spelled else None
    if digits is None and (words is None or words.group("weak")):
        return
    match = digits or words
    assert match is not None
    other = _core(text, match.start(), match.end(), digits is None)
    if other is None or other.value is None or other.malformed:
        return
    if (digits is not None and _glued_right(text, other)) or not _read_right(text, other):
        return
    if other.dimension not in (reading.dimension, Dimension.COUNT) and (
        reading.dimension is not Dimension.COUNT
    ):
        return
    if reading.dimension is Dimension.COUNT and other.dimension is not Dimension.COUNT:
        reading.dimension, reading.unit = other.dimension, other.unit
        reading.unit_factor = other.unit_factor
    high = other.value * other.unit_factor / reading.unit_factor
    if not reading.scaled and other.scaled:
        factor = other.value / (read_digits(text[match.start() : match.end()]).value or 1)
        reading.value *= factor
        reading.step *= factor
        reading.scaled = True
    if high <= reading.value:
        return  # "3-2", "2019-20": not a range of values
    reading.high = high
    reading.bound = Bound.RANGE
    reading.end = other.end


# Bound words that are also prepositions ("exploited over roughly 10 weeks").
_PREPOSITIONS = frozenset({"over", "under", "above", "below"})


def _read_qualifier(text: str, reading: _Reading) -> None:
    before = text[max(0, reading.start - 40) : reading.start]
    if before.rstrip(" ").endswith("~"):
        reading.start -= len(before) - before.rstrip(" ").rfind("~")
        reading.bound = Bound.APPROX if reading.bound is Bound.EXACT else reading.bound
        return
    if reading.bound is Bound.RANGE:
        between = re.search(r"\b(between|from)\s+$", before, re.IGNORECASE)
        if between is not None:
            reading.start -= len(before) - between.start()
        return
    bounds: list[Bound] = []
    while before.rstrip().lower().endswith(_QUALIFIER_ENDS) and (
        match := _QUALIFIER.search(before)
    ):
        phrase = " ".join(match.group("q").lower().split())
        if bounds and phrase in _PREPOSITIONS:
            break  # "over roughly 10 weeks" says when: a bound is never also approximate
        if phrase in lx.AT_LEAST:
            bounds.append(Bound.MIN)
        elif phrase in lx.AT_MOST:
            bounds.append(Bound.MAX)
        else:
            bounds.append(Bound.APPROX)
        reading.start -= len(before) - match.start("q")
        before = before[: match.start("q")]
    if not bounds:
        return
    hard = [b for b in bounds if b is not Bound.APPROX]
    if reading.bound in (Bound.MIN, Bound.MAX) and not hard:
        return  # "500+", "383 million at most" already bound it
    reading.bound = hard[0] if hard else Bound.APPROX


_TRAILING = re.compile(
    r"\s+(?P<max>at\s+(?:the\s+)?most|or\s+(?:fewer|less))\b"
    r"|\s+(?P<min>or\s+more|at\s+(?:the\s+)?least|and\s+counting)\b"
    r"|\s+(?P<approx>or\s+so)\b",
    re.IGNORECASE,
)


def _read_trailing_qualifier(text: str, reading: _Reading) -> None:
    """Qualifiers written after the figure: "383 million at most", "500 or more"."""
    match = _TRAILING.match(text, reading.end)
    if match is None or reading.bound is Bound.RANGE:
        return
    reading.end = match.end()
    if match.group("max"):
        reading.bound = Bound.MAX
    elif match.group("min"):
        reading.bound = Bound.MIN
    elif reading.bound is Bound.EXACT:
        reading.bound = Bound.APPROX


def _noun(text: str, pos: int) -> tuple[str | None, str | None]:
    """The counted noun after a figure ("533 million Facebook users") and its head word."""
    words: list[str] = []
    cursor = pos
    if text.startswith(" (", cursor):  # "24 terabytes (TB) of records"
        close = text.find(")", cursor, cursor + 12)
        if close > 0:
            cursor = close + 1
    for _ in range(4):
        match = _NOUN_WORD.match(text, cursor)
        if match is None:
            break
        word = match.group(1)
        if word.lower() in ("and", "or") and words and not any(map(_plural, words)):
            cursor = match.end()  # "9.2 million current and former customers"
            continue
        if word.lower() in lx.NOUN_STOP or (words and word.lower().endswith("ly")):
            break
        words.append(word)
        cursor = match.end()
    if not words:
        of = re.match(r"\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?", text[pos:])
        if of is not None and "\n\n" not in of.group():
            return _noun(text, pos + of.end() - 1)
        return None, None
    if len(words) == 1 and _participle(words[0]):
        return None, None  # "7.5 bitcoin sent to a member": what was done, not what is counted
    # A name before the noun qualifies it: "429,612 British Airways customers".
    plurals = [w for w in words if _plural(w)]
    head = next((w for w in plurals if not w[0].isupper()), plurals[0] if plurals else words[-1])
    return " ".join(words), head


def _participle(word: str) -> bool:
    low = word.lower()
    regular = low.endswith("ed") and not low.endswith("eed") and len(low) > 4
    return low in lx.PARTICIPLES or regular


def _plural(word: str) -> bool:
    low = word.lower()
    return low in lx.PLURAL_NOUNS or (
        low.endswith("s") and not low.endswith(("ss", "us", "is", "'s", "’s")) and len(low) > 3
    )


def _finish(text: str, reading: _Reading, noun_phrase: str | None, noun: str | None) -> Quantity:
    value = reading.value
    high = reading.high
    step = reading.step * reading.unit_factor
    if value is not None:
        value *= reading.unit_factor
        if high is not None:
            high *= reading.unit_factor
    sign = text[reading.start - 1 : reading.start]
    start = reading.start
    if sign in {"-", "−"} and (start < 2 or not text[start - 2].isalnum()) and value is not None:
        value, start = -value, start - 1
    return Quantity(
        start=start,
        end=reading.end,
        text=text[start : reading.end],
        dimension=reading.dimension,
        unit=reading.unit,
        value=None if reading.malformed else value,
        high=high,
        bound=reading.bound,
        malformed=reading.malformed,
        noun=noun,
        noun_phrase=noun_phrase,
        spelled=reading.spelled,
        step=step,
    )
