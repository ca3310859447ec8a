"""The figures of a whole site, with each brief's reading kept for the next run.

``mkdocs serve`` re-reads the site after every save; reading the figures of briefs that did
not change is most of that work. A brief's mentions are reused only when its text, its notes
and every site-wide answer its reading depended on are what they were: which capitalised
words the site treats as common (that depends on every brief) and which words name each
source it cites (that depends on the bibliography). So a reused reading is exactly the one a
fresh read would give.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass

from ..briefs.parse import ParsedBrief
from ..model import Note
from . import subjects
from .claims import same_claim
from .mentions import Mention, brief_mentions, word_counts
from .prose import masked_text


class _Recorded(Container[str]):
    """A vocabulary that remembers what it was asked and what it answered."""

    def __init__(self, inner: Container[str]) -> None:
        self.inner = inner
        self.asked: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        answer = self.asked.get(word)
        if answer is None:
            answer = self.asked[word] = word in self.inner
        return answer


@dataclass
class _Words:
    text: str
    masked: str
    lower: Counter[str]
    named: Counter[str]


@dataclass
class _Reading:
    text: str
    notes: list[Note]
    common: dict[str, bool]
    sources: dict[str, frozenset[str]]
    mentions: list[Mention]

    def holds(
        self,
        text: str,
        notes: list[Note],
        common: Container[str],
        source_words: Callable[[str], set[str]],
    ) -> bool:
        return (
            self.text == text
            and self.notes == notes
            and all((word in common) == answer for word, answer in self.common.items())
            and all(source_words(key) == words for key, words in self.sources.items())
        )


class MentionMemo:
    """Each brief's words and figures, by path, from the last run."""

    def __init__(self) -> None:
        self._words: dict[str, _Words] = {}
        self._readings: dict[str, _Reading] = {}
        self.reused = 0  # briefs whose figures the last run did not read again
        self.dirty = True  # read or dropped a brief since ``dirty`` was last cleared
        # same_claim of two mentions, by their ids; an entry holds both, so no other object
        # can take either id while it lives.
        self._same: dict[tuple[int, int], tuple[Mention, Mention, bool]] = {}

    def __getstate__(self) -> dict[str, object]:
        # Compared pairs are many and cheap to redo once; they are not worth a file. A copy
        # read back holds nothing new to its file.
        return {**self.__dict__, "_same": {}, "dirty": False}

    def briefs(self) -> set[str]:
        """The briefs whose figures are kept."""
        return set(self._readings)

    def same_claim(self, a: Mention, b: Mention) -> bool:
        kept = self._same.get((id(a), id(b)))
        if kept is None:
            kept = self._same[(id(a), id(b))] = (a, b, same_claim(a, b))
        return kept[2]

    def words(self, brief: ParsedBrief) -> _Words:
        kept = self._words.get(brief.path)
        if kept is None or kept.text != brief.text:
            masked = masked_text(brief)
            kept = _Words(brief.text, masked, *word_counts(masked))
            self._words[brief.path] = kept
            self.dirty = True
        return kept

    def mentions(
        self,
        brief: ParsedBrief,
        notes: list[Note],
        common: Container[str],
        source_words: Callable[[str], set[str]],
    ) -> list[Mention]:
        kept = self._readings.get(brief.path)
        if kept is not None and kept.holds(brief.text, notes, common, source_words):
            self.reused += 1
            return kept.mentions
        recorded = _Recorded(common)
        sources: dict[str, frozenset[str]] = {}

        def recorded_sources(key: str) -> set[str]:
            words = source_words(key)
            sources[key] = frozenset(words)
            return words

        found = brief_mentions(brief, self.words(brief).masked, notes, recorded, recorded_sources)
        self._readings[brief.path] = _Reading(
            brief.text, list(notes), recorded.asked, sources, found
        )
        self.dirty = True
        return found

    def keep_only(self, paths: Iterable[str]) -> None:
        wanted = set(paths)
        if not wanted.issuperset(self._words) or not wanted.issuperset(self._readings):
            self.dirty = True
        self._words = {p: w for p, w in self._words.items() if p in wanted}
        self._readings = {p: r for p, r in self._readings.items() if p in wanted}
        current = {id(m) for reading in self._readings.values() for m in reading.mentions}
        self._same = {k: v for k, v in self._same.items() if k[0] in current and k[1] in current}


def site_mentions(
    briefs: Iterable[ParsedBrief],
    notes: dict[str, list[Note]],
    source_words: Callable[[str], set[str]],
    memo: MentionMemo | None = None,
) -> list[Mention]:
    """Every figure of every brief; with ``memo``, briefs read before are reused when that
    gives the same answer."""
    memo = memo if memo is not None else MentionMemo()
    briefs = list(briefs)
    memo.reused = 0
    lower: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for brief in briefs:
        words = memo.words(brief)
        lower.update(words.lower)
        named.update(words.named)
    common = subjects.Vocabulary(lower, named)
    found: list[Mention] = []
    for brief in briefs:
        found += memo.mentions(brief, notes.get(brief.path, []), common, source_words)
    memo.keep_only(b.path for b in briefs)
    return found
