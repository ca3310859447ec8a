"""Integration tests: real ``mkdocs build`` and ``briefcheck check`` runs in temporary sites.

The helpers live in ``support.py`` next to this file; make it importable whatever pytest's
import mode.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
