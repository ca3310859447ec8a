"""Benchmark our figure extractor against quantulum3 on the hand-labelled set.

Run it with the main venv's python (``make bench-figures`` does, after creating
``.venv-quantulum3``)::

    .venv/bin/python benchmarks/figures_vs_quantulum3.py [--json] [--verbose]

Each extractor runs in a fresh subprocess of its own interpreter (``python -I`` on this same
file with ``--child NAME``): ours under the main venv's python, quantulum3 under
``.venv-quantulum3/bin/python``, so quantulum3 never enters the main venv and each import is
timed from a cold start. The child reads the sentences as JSON on stdin and writes back:

- import time: ``import briefcheck.figures.grammar`` / ``import quantulum3.parser``;
- first call: one extraction of a fixed warm-up sentence that is not in the set (quantulum3
  loads its unit and entity tables lazily on the first parse); load = import + first call;
- throughput: the raw extractor call (no mapping) over every labelled sentence, repeated until
  at least ``--min-seconds`` (1 s) have passed, best of ``--rounds`` (3) rounds; figures/s is
  sentences/s times the figures per sentence that count for scoring (after the mapping below);
- the figures found in each sentence, as ``tests/unit/figure_scoring.Span`` fields.

The parent scores both with ``figure_scoring.score``: detection P/R/F1 (overlapping span and
same dimension) and exact P/R/F1 (also unit, value, high, bound, malformed). It also gives an
"exact, bound ignored" F1 (bound and high set aside on both sides), since quantulum3 has no
notion of approximate, minimum or maximum figures and the exact score alone would hide how
well it reads units and values.

Mapping quantulum3's ``Quantity`` to a ``Span`` (as generous as the mapping can be while using
only quantulum3's own output, never re-reading the sentence):

- span: ``Quantity.span`` as given (it leaves out words such as "about" or "more than", which
  is fine: detection only needs the spans to overlap).
- dimension, unit and value, by ``unit.entity.name`` and ``unit.name``:

  - ``currency`` -> currency; unit: the unit's ISO ``currency_code`` from quantulum3's own
    table (dollar and united states dollar -> USD, pound sterling -> GBP, euro -> EUR, chinese
    yuan -> CNY, japanese yen -> JPY, indian rupee -> INR, canadian / australian dollar -> CAD
    / AUD, ...); penny -> GBP x 0.01, cent -> USD x 0.01, dime -> USD x 0.1, rappen -> CHF x
    0.01; other sub-units keep no code.
  - ``data storage`` -> data, unit ``B``, value in bytes: decimal prefixes (kilo.. = 10^3
    steps), binary ones (kibi.. = 2^10 steps), bits / 8, nibble / 2. quantulum3 reads "KB" as
    kibibyte; our guide says KB is decimal, so a binary unit whose surface has no "ib" (KiB,
    kibibyte) is taken as decimal. Quantum bits are dropped.
  - ``time`` -> duration, unit ``d``, value in days (hour 1/24, week 7, fortnight 14, month
    30.4375, year 365.25, lustrum 5 years, decade 3652.5, century, millennium, kilo-/mega-
    years, seconds and their fractions).
  - ``dimensionless``: ``percentage`` -> percent ``%``; per mille, basis point and
    parts-per-million/billion/trillion -> percent, converted to per cent; ``dimensionless``
    and ``unk`` -> count; dozen, gross, great gross, long hundred, baker's dozen and pair ->
    count, multiplied out; set -> count; ``count`` read from "time(s)" ("three times") is a
    multiplier, not a figure, and is dropped, while "instances" or "count" stay counts; turn
    (an angle) is dropped.
  - compound units (entity ``unknown``): "per cent" is read by quantulum3 as 1/cent -> percent
    ``%``. A compound whose trailing parts are quantulum3's misreading of a scale suffix
    ("$4.5m" -> dollar metre, "€3bn" -> euro barn newton, "$3tn" -> dollar tonne newton,
    "₹5 lakh" -> rupee litre year kelvin hour) is taken as its leading unit with the value
    scaled (k 10^3, m / mn 10^6, b / bn 10^9, tn 10^12, lakh 10^5, crore 10^7); with no leading
    unit ("3bn" -> barn newton) it is a count. Any other compound is dropped.
  - every other entity (length, mass, data transfer rate, ...) is dropped: it is not one of
    the five dimensions the labelled set knows, so it is neither a hit nor a false alarm.

- bound: quantulum3 has none, so ``exact``, except that a quantity with an ``uncertainty``
  and no "±" / "+/-" in its surface is a range it read ("20-30", "20 to 30", "between 20 and
  30"): ``range``, value = value - uncertainty, high = value + uncertainty (then scaled as
  above). quantulum3 gives a range as its mid-point and half-width.
- malformed: always false (quantulum3 does not judge digit grouping).

quantulum3 is run without its optional scikit-learn classifier (its default install):
``quantulum3.classifier.USE_CLF`` is forced off even if scikit-learn is present in its venv.
``--classifier`` adds a third row with the classifier on, when that venv has
``quantulum3[classifier]`` installed (see ``--quantulum3-python``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
QUANTULUM3_PYTHON = ROOT / ".venv-quantulum3" / "bin" / "python"
WARM_UP = "The breach exposed about 24 TB of data and cost the firm $5 million in 2019."

SpanDict = dict[str, Any]
ToSpan = Callable[[Any], SpanDict | None]
# label, extract, a maker of the mapper to Span fields (called after the warm-up), import time
Loaded = tuple[str, Callable[[str], list[Any]], Callable[[], ToSpan], float]

# --------------------------------------------------------------------------------------------
# Child side: runs under either interpreter, standard library only until the extractor loads.
# --------------------------------------------------------------------------------------------


def _enum_value(item: Any) -> str:
    return str(getattr(item, "value", item))


def _load_ours() -> Loaded:
    started = time.perf_counter()
    from briefcheck.figures.grammar import extract

    imported = time.perf_counter() - started
    import briefcheck

    def to_span(q: Any) -> SpanDict:
        return {
            "start": q.start,
            "end": q.end,
            "dimension": _enum_value(q.dimension),
            "unit": q.unit,
            "value": q.value,
            "high": q.high,
            "bound": _enum_value(q.bound),
            "malformed": q.malformed is not None,
        }

    return f"briefcheck {briefcheck.__version__}", extract, lambda: to_span, imported


_SCALE_SUFFIXES = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "tn": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
_SUBUNITS = {"penny": ("GBP", 0.01), "cent": ("USD", 0.01), "dime": ("USD", 0.1)}
_SUBUNITS["rappen"] = ("CHF", 0.01)
_PERCENT = {
    "percentage": 1.0,
    "per mille": 0.1,
    "basis point": 0.01,
    "parts-per-million": 1e-4,
    "parts-per-billion": 1e-7,
    "parts-per-trillion": 1e-10,
}
_COUNT = {
    "dimensionless": 1.0,
    "unk": 1.0,
    "set": 1.0,
    "count": 1.0,
    "pair": 2.0,
    "dozen": 12.0,
    "baker's dozen": 13.0,
    "long hundred": 120.0,
    "gross": 144.0,
    "great gross": 1728.0,
}
_YEAR = 365.25
_DAYS = {
    "shake": 1e-8 / 86400,
    "nanosecond": 1e-9 / 86400,
    "microsecond": 1e-6 / 86400,
    "millisecond": 1e-3 / 86400,
    "second": 1 / 86400,
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1.0,
    "week": 7.0,
    "fortnight": 14.0,
    "month": 30.4375,
    "year": _YEAR,
    "lustrum": 5 * _YEAR,
    "decade": 10 * _YEAR,
    "century": 100 * _YEAR,
    "millennium": 1000 * _YEAR,
    "kiloyear": 1e3 * _YEAR,
    "megayear": 1e6 * _YEAR,
    "gigayear": 1e9 * _YEAR,
    "terayear": 1e12 * _YEAR,
    "petayear": 1e15 * _YEAR,
    "exayear": 1e18 * _YEAR,
}
_DECIMAL = ("", "kilo", "mega", "giga", "tera", "peta", "exa", "zetta", "yotta")
_BINARY = ("", "kibi", "mibi", "gibi", "tebi", "pebi", "exbi", "zebi", "yobi")
_BINARY_AS_DECIMAL = dict(zip(_BINARY[1:], _DECIMAL[1:], strict=True))


def _bytes_per(name: str, surface: str) -> float | None:
    """Bytes in one data-storage unit, by the guide's conventions (KB is decimal)."""
    if name == "nibble":
        return 0.5
    for suffix, size in (("byte", 1.0), ("bit", 0.125)):
        if not name.endswith(suffix):
            continue
        prefix = name[: -len(suffix)]
        if prefix in _BINARY[1:] and "ib" not in surface.lower():
            prefix = _BINARY_AS_DECIMAL[prefix]  # "KB" read as kibibyte: decimal for us
        if prefix in _DECIMAL:
            return size * 1000.0 ** _DECIMAL.index(prefix)
        if prefix in _BINARY:
            return size * 1024.0 ** _BINARY.index(prefix)
    return None  # quantum bit


def _category(
    name: str, entity: str, surface: str, codes: dict[str, str | None]
) -> tuple[str, str | None, float] | None:
    """(dimension, unit, factor to our normalised value) for one quantulum3 unit, or None."""
    if entity == "currency":
        if name in _SUBUNITS:
            code, factor = _SUBUNITS[name]
            return "currency", code, factor
        return "currency", codes.get(name), 1.0
    if entity == "data storage":
        per = _bytes_per(name, surface)
        return None if per is None else ("data", "B", per)
    if entity == "time":
        return ("duration", "d", _DAYS[name]) if name in _DAYS else None
    if entity == "dimensionless":
        if name in _PERCENT:
            return "percent", "%", _PERCENT[name]
        if name == "count" and surface.lower().startswith("time"):
            return None  # "three times": a multiplier
        if name in _COUNT:
            return "count", None, _COUNT[name]
    return None


def _q3_mapper(codes: dict[str, str | None], entities: dict[str, str]) -> ToSpan:
    def to_span(q: Any) -> SpanDict | None:
        unit = q.unit
        dims = unit.original_dimensions or unit.dimensions or []
        surface = str(dims[0].get("surface", "")) if len(dims) == 1 else ""
        scale = 1.0
        if unit.name == "per cent":
            found: tuple[str, str | None, float] | None = ("percent", "%", 1.0)
        elif unit.entity.name != "unknown":
            found = _category(unit.name, unit.entity.name, surface, codes)
        else:
            found = None
            suffixes = ["".join(str(d.get("surface", "")) for d in dims[i:]) for i in (0, 1)]
            if suffixes[0].lower() in _SCALE_SUFFIXES:  # "3bn": barn newton
                scale = _SCALE_SUFFIXES[suffixes[0].lower()]
                found = ("count", None, 1.0)
            elif dims[0].get("power") == 1 and suffixes[1].lower() in _SCALE_SUFFIXES:
                scale = _SCALE_SUFFIXES[suffixes[1].lower()]
                lead = str(dims[0]["base"])
                found = _category(
                    lead, entities.get(lead, ""), str(dims[0].get("surface", "")), codes
                )
        if found is None:
            return None
        dimension, code, factor = found
        factor *= scale
        span: SpanDict = {
            "start": max(0, q.span[0]),  # "Between 20 and 30 million" gives -1
            "end": q.span[1],
            "dimension": dimension,
            "unit": code,
            "value": q.value * factor,
            "high": None,
            "bound": "exact",
            "malformed": False,
        }
        spread = q.uncertainty
        if spread and "±" not in q.surface and "+/-" not in q.surface:
            span.update(
                bound="range", value=(q.value - spread) * factor, high=(q.value + spread) * factor
            )
        return span

    return to_span


def _load_quantulum3(classifier: bool) -> Loaded:
    import warnings

    warnings.simplefilter("ignore")  # quantulum3 warns when scikit-learn is missing
    started = time.perf_counter()
    import quantulum3.parser

    imported = time.perf_counter() - started
    from importlib.metadata import version

    from quantulum3 import classifier as clf
    from quantulum3 import load

    if classifier and not clf.USE_CLF:
        raise SystemExit(
            "quantulum3's classifier needs scikit-learn: pip install quantulum3[classifier]"
        )
    clf.USE_CLF = classifier

    def mapper() -> ToSpan:  # quantulum3 loads its unit tables lazily: not before the warm-up
        units = load.units("en_US").names
        codes = {n: u.currency_code for n, u in units.items() if u.entity.name == "currency"}
        return _q3_mapper(codes, {n: u.entity.name for n, u in units.items()})

    label = f"quantulum3 {version('quantulum3')}" + (" (classifier)" if classifier else "")
    return label, quantulum3.parser.parse, mapper, imported


def _child(name: str) -> None:
    job = json.load(sys.stdin)
    out, sys.stdout = sys.stdout, sys.stderr  # keep stray prints out of the JSON answer
    if name == "ours":
        label, extract, make_mapper, imported = _load_ours()
    else:
        label, extract, make_mapper, imported = _load_quantulum3(name == "quantulum3-classifier")
    started = time.perf_counter()
    extract(WARM_UP)
    first_call = time.perf_counter() - started
    to_span = make_mapper()

    texts: list[str] = job["texts"]
    raw, found = [], []
    for text in texts:  # map at once: quantulum3 shares Unit objects that later parses change
        quantities = extract(text)
        raw.append(quantities)
        found.append([s for s in map(to_span, quantities) if s is not None])

    rounds = []
    for _ in range(int(job["rounds"])):
        passes, started = 0, time.perf_counter()
        while True:
            for text in texts:
                extract(text)
            passes += 1
            elapsed = time.perf_counter() - started
            if elapsed >= float(job["min_seconds"]):
                break
        rounds.append(passes * len(texts) / elapsed)
    answer = {
        "label": label,
        "python": sys.version.split()[0],
        "import_s": imported,
        "first_call_s": first_call,
        "sentences_per_s_rounds": rounds,
        "raw_figures": sum(map(len, raw)),
        "found": found,
    }
    json.dump(answer, out)


# --------------------------------------------------------------------------------------------
# Parent side: main venv, runs the children and scores with tests/unit/figure_scoring.py.
# --------------------------------------------------------------------------------------------


def _run_child(python: Path | str, name: str, texts: list[str], args: argparse.Namespace) -> Any:
    job = {"texts": texts, "min_seconds": args.min_seconds, "rounds": args.rounds}
    command = [str(python), "-I", str(Path(__file__).resolve()), "--child", name]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    started = time.perf_counter()
    result = subprocess.run(
        command, input=json.dumps(job), capture_output=True, text=True, env=env, check=False
    )
    wall = time.perf_counter() - started
    if result.returncode != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"{name} failed (exit {result.returncode}):\n{tail}")
    answer = json.loads(result.stdout)
    answer["process_s"] = wall
    return answer


def _score(fs: Any, sentences: list[Any], found: dict[str, list[Any]], blind: bool) -> Any:
    def plain(span: Any) -> Any:
        return fs.Span(
            span.start,
            span.end,
            span.dimension,
            span.unit,
            span.value,
            None,
            "exact",
            span.malformed,
        )

    if blind:  # bound and high set aside on both sides
        sentences = [fs.Sentence(s.id, s.text, [plain(g) for g in s.gold]) for s in sentences]
        found = {text: [plain(p) for p in spans] for text, spans in found.items()}
    return fs.score(sentences, lambda text: found[text])


def _measure(fs: Any, sentences: list[Any], answer: dict[str, Any]) -> dict[str, Any]:
    texts = [s.text for s in sentences]
    found = {
        text: [fs.Span(**span) for span in spans]
        for text, spans in zip(texts, answer["found"], strict=True)
    }
    main = _score(fs, sentences, found, blind=False)
    blind = _score(fs, sentences, found, blind=True)
    rate = max(answer["sentences_per_s_rounds"])
    return {
        "label": answer["label"],
        "python": answer["python"],
        "import_s": answer["import_s"],
        "first_call_s": answer["first_call_s"],
        "load_s": answer["import_s"] + answer["first_call_s"],
        "process_s": answer["process_s"],
        "sentences_per_s": rate,
        "sentences_per_s_rounds": answer["sentences_per_s_rounds"],
        "figures_per_s": rate * main.predicted / len(sentences),
        "raw_figures": answer["raw_figures"],
        "predicted": main.predicted,
        "detected": main.detected,
        "exact": main.exact,
        "precision": main.precision,
        "recall": main.recall,
        "f1": main.f1,
        "exact_precision": main.exact_precision,
        "exact_recall": main.exact_recall,
        "exact_f1": main.exact_f1,
        "exact_f1_bound_ignored": blind.exact_f1,
        "misses": main.misses,
        "false_alarms": main.false_alarms,
        "wrong": main.wrong,
    }


def _times(ours: float, theirs: float) -> str:
    """ours / theirs as "N× faster" (bigger is better for ours)."""
    if not (ours > 0 and theirs > 0 and math.isfinite(ours) and math.isfinite(theirs)):
        return "n/a"
    ratio = ours / theirs
    if ratio >= 1:
        return f"{ratio:.3g}× faster"
    return f"{1 / ratio:.3g}× slower"


def _ratios(ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, str]:
    return {
        "import_s": _times(theirs["import_s"], ours["import_s"]),
        "load_s": _times(theirs["load_s"], ours["load_s"]),
        "sentences_per_s": _times(ours["sentences_per_s"], theirs["sentences_per_s"]),
        "figures_per_s": _times(ours["figures_per_s"], theirs["figures_per_s"]),
        "f1": f"{ours['f1'] - theirs['f1']:+.3f}",
        "exact_f1": f"{ours['exact_f1'] - theirs['exact_f1']:+.3f}",
        "exact_f1_bound_ignored": (
            f"{ours['exact_f1_bound_ignored'] - theirs['exact_f1_bound_ignored']:+.3f}"
        ),
    }


def _prf(row: dict[str, Any], prefix: str) -> str:
    return "/".join(f"{row[prefix + key]:.2f}" for key in ("precision", "recall", "f1"))


def _table(rows: dict[str, dict[str, Any]], ratios: dict[str, dict[str, str]], rounds: int) -> str:
    lines = [
        ("", *(row["label"] for row in rows.values())),
        *[
            (title, *(fmt(row) for row in rows.values()))
            for title, fmt in (
                ("import (ms)", lambda r: f"{1000 * r['import_s']:,.1f}"),
                ("first call (ms)", lambda r: f"{1000 * r['first_call_s']:,.1f}"),
                ("load = import + first (ms)", lambda r: f"{1000 * r['load_s']:,.1f}"),
                (f"sentences/s (best of {rounds})", lambda r: f"{r['sentences_per_s']:,.0f}"),
                ("figures/s", lambda r: f"{r['figures_per_s']:,.0f}"),
                ("figures found / detected", lambda r: f"{r['predicted']} / {r['detected']}"),
                ("detection P/R/F1", lambda r: _prf(r, "")),
                ("exact P/R/F1", lambda r: _prf(r, "exact_")),
                ("exact F1, bound ignored", lambda r: f"{r['exact_f1_bound_ignored']:.2f}"),
            )
        ],
    ]
    keys = [
        "",
        "import_s",
        "first_call_s",
        "load_s",
        "sentences_per_s",
        "figures_per_s",
        "",
        "f1",
        "exact_f1",
        "exact_f1_bound_ignored",
    ]
    for name, ratio in ratios.items():
        header = "ours vs " + rows[name]["label"]
        lines = [
            (*line, header if not i else (ratio.get(keys[i], "") if keys[i] else ""))
            for i, line in enumerate(lines)
        ]
    widths = [max(len(line[c]) for line in lines) for c in range(len(lines[0]))]
    out = []
    for line in lines:
        cells = [line[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(line[1:], widths[1:], strict=True)
        ]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labelled", type=Path, help="labelled YAML (default: the fixture)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses, false alarms")
    parser.add_argument("--min-seconds", type=float, default=1.0, help="per timing round")
    parser.add_argument("--rounds", type=int, default=3, help="timing rounds (best is kept)")
    parser.add_argument("--quantulum3-python", type=Path, default=QUANTULUM3_PYTHON)
    parser.add_argument(
        "--classifier", action="store_true", help="also run quantulum3 with its classifier"
    )
    parser.add_argument(
        "--only", choices=["ours", "quantulum3"], help="run one extractor (for development)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child)
        return 0

    sys.path.insert(0, str(ROOT / "tests" / "unit"))
    import figure_scoring as fs

    labelled = args.labelled or fs.LABELLED
    sentences = fs.load(labelled)
    texts = [s.text for s in sentences]
    q3 = args.quantulum3_python
    if args.only != "ours" and not q3.exists():
        print(f"{q3} is missing: run `make bench-figures` to create it", file=sys.stderr)
        return 2
    children: list[tuple[str, Path | str]] = []
    if args.only != "quantulum3":
        children.append(("ours", sys.executable))
    if args.only != "ours":
        children.append(("quantulum3", q3))
        if args.classifier:
            children.append(("quantulum3-classifier", q3))

    rows: dict[str, dict[str, Any]] = {}
    for name, python in children:
        try:
            rows[name] = _measure(fs, sentences, _run_child(python, name, texts, args))
        except RuntimeError as error:
            if name != "quantulum3-classifier":
                raise
            print(
                f"Skipped the classifier row: it needs quantulum3[classifier] in that venv and a"
                f" classifier that its scikit-learn can load (if not, retrain it once with"
                f" quantulum3.classifier.train_classifier()).\n{error}",
                file=sys.stderr,
            )
    ratios = {
        name: _ratios(rows["ours"], row)
        for name, row in rows.items()
        if name != "ours" and "ours" in rows
    }

    gold = sum(len(s.gold) for s in sentences)
    if args.json:
        report = {
            "labelled": str(labelled),
            "sentences": len(sentences),
            "gold_figures": gold,
            "extractors": rows,
            "ours_vs": ratios,
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    print(f"{len(sentences)} sentences, {gold} gold figures ({labelled})\n")
    print(_table(rows, ratios, args.rounds))
    if ratios:
        print("\nLast column: speed as ours vs theirs; F1 as ours minus theirs.")
    if args.verbose:
        for row in rows.values():
            for title, items in (
                ("misses", row["misses"]),
                ("false alarms", row["false_alarms"]),
                ("detected, not exact", row["wrong"]),
            ):
                print(f"\n{row['label']}: {title} ({len(items)})")
                for item in items:
                    print(f"  {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
