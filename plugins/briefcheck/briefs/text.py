"""Positions in a text: offsets to 1-based line and column, and code spans to skip."""

from __future__ import annotations

import bisect
import re


class Positions:
    """Maps character offsets of one text to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self.starts[min(max(line, 1), len(self.starts)) - 1]

    def lines_span(self, first: int, last: int) -> tuple[int, int]:
        """Offsets from the start of line ``first`` to the end of line ``last`` (inclusive)."""
        end = self.starts[last] if last < len(self.starts) else len(self.text)
        return self.line_start(first), end

    def line_text(self, line: int) -> str:
        start = self.line_start(line)
        end = self.text.find("\n", start)
        return self.text[start : end if end >= 0 else len(self.text)]


_BACKTICKS = re.compile(r"`+")


def code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each CommonMark code span: a backtick run closed by one of equal length."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        opener = _BACKTICKS.search(text, pos)
        if opener is None:
            return spans
        if opener.start() > 0 and text[opener.start() - 1] == "\\":
            pos = opener.end()
            continue
        width = len(opener.group())
        closer = _BACKTICKS.search(text, opener.end())
        while closer is not None and len(closer.group()) != width:
            closer = _BACKTICKS.search(text, closer.end())
        if closer is None:
            pos = opener.end()
            continue
        spans.append((opener.start(), closer.end()))
        pos = closer.end()


def inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)
