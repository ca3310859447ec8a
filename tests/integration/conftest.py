"""Integration tests: real ``mkdocs build`` and ``briefcheck check`` runs in temporary sites.

The helpers live in ``support.py`` next to this file; make it importable whatever pytest's
import mode.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from fakeweb import Web, serve  # noqa: E402  (importable only once HERE is on the path)


@pytest.fixture
def web() -> Iterator[Web]:
    """The fake web of answers on 127.0.0.1 (see ``fakeweb.py``)."""
    with serve("127.0.0.1") as server:
        yield server
