"""Generate a synthetic site of policy briefs for the benchmarks.

Nothing is measured here: the benchmarks (``bench_*.py``) import :func:`generate` to build the
corpora they time, and the command line writes one site for inspection::

    .venv/bin/python benchmarks/gen_site.py OUT --briefs 100 [--notes 25] [--entries 3000]
        [--syntax ours|bibtex|plain] [--seed 1]

``OUT`` receives ``mkdocs.yml`` (Material theme, ``markdown_extensions: [footnotes]``),
``briefs/*.md`` plus ``briefs/index.md`` and ``sources/references.bib``: ``--entries``
complete ``@online`` entries (title, author and/or organization, url, date, urldate), every one
dated before the briefs that cite it.

Each brief has front matter (title, authors, date, tags, summary) and several sections of prose
whose sentences carry figures: counts with their nouns, money in several currencies (including
bitcoin), percentages, data sizes and durations, some restated later in the brief and, now and
then, restated with a different value (so the figure checks have something to find). A follow-up
brief sometimes returns to an earlier brief's incident. ``--notes`` citations are attached to
the sentences; they come in every form the citation syntax knows: a key, a key with a locator,
two keys, keys inside prose, ``Ibid.`` (with or without a locator), ``n. N``, a free-text
citation matched by its title, and inline ``[@key, p. 4]`` groups.

The prose is drawn from the seed alone, so the three variants of one seed differ only in how
citations are written:

- ``ours``: briefcheck's syntax (``[^3]: @key, p. 4``, ``Ibid.``, ``n. 2``, ``[@key]``) and the
  briefcheck plugin, with link checking off (``links: {enabled: false}``);
- ``bibtex``: mkdocs-bibtex's Pandoc-style ``[@key]`` / ``[@a; @b, p. 4]`` written where the
  note marker stands, ``Ibid.`` and ``n. N`` replaced by the keys they stand for, and its plugin
  (``bibtex: {bib_file: sources/references.bib}``, mkdocs-bibtex 4.4.0's documented options);
- ``plain``: ordinary Markdown footnotes whose bodies are the citation written out (full form
  at the first citation of a source, short form after it, ``Ibid.`` as written), and no
  citation plugin.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

SYNTAXES = ("ours", "bibtex", "plain")

FIRST = (
    "Sarah", "James", "Mei", "Arjun", "Olivia", "Daniel", "Priya", "Tomas", "Hannah", "Kenji",
    "Amara", "Lukas", "Fatima", "Owen", "Ines", "Rahul", "Chloe", "Mateo", "Yara", "Felix",
    "Grace", "Ibrahim", "Nora", "Samuel", "Leila", "Victor", "Anika", "Hugo", "Zoe", "Marcus",
)  # fmt: skip
LAST = (
    "Hartley", "Okafor", "Lindqvist", "Moreau", "Chen", "Patel", "Novak", "Sato", "Brennan",
    "Haddad", "Kowalski", "Fischer", "Osei", "Ramos", "Whitfield", "Iyer", "Dubois", "Larsen",
    "Mensah", "Quinn", "Becker", "Nakamura", "Silva", "Abbott", "Rossi", "Kaur", "Walsh",
    "Ferreira", "Lund", "Park", "Okonkwo", "Delgado", "Vance", "Marsh", "Tanaka", "Blom",
    "Achterberg", "Costa",
)  # fmt: skip
OUTLETS = (
    ("The Ledger Post", "ledgerpost.com"),
    ("Harbour Times", "harbourtimes.co.uk"),
    ("Data Policy Review", "datapolicyreview.org"),
    ("Northwind Daily", "northwinddaily.com"),
    ("The Breach Report", "breachreport.net"),
    ("Civic Security Monitor", "civicsecmonitor.org"),
    ("Meridian Tribune", "meridiantribune.com"),
    ("Risk Wire", "riskwire.io"),
    ("Atlantic Ledger", "atlanticledger.com"),
    ("Policy Signal", "policysignal.org"),
    ("Eastern Courier", "easterncourier.com"),
    ("The Compliance Desk", "compliancedesk.com"),
)
ORG_HEAD = (
    "Cor", "Val", "Nor", "Ash", "Bel", "Cal", "Dun", "Ever", "Fal", "Gal", "Hal", "Ira", "Jun",
    "Kel", "Lum", "Mar", "Nex", "Or", "Pel", "Quin", "Ros", "Sol", "Tor", "Ul", "Ver", "Wyn",
    "Xan", "Yor", "Zen", "Bram",
)  # fmt: skip
ORG_TAIL = (
    "vane", "dale", "mont", "brook", "stead", "ford", "wick", "ridge", "haven", "crest", "field",
    "gate", "more", "ton", "holm", "wood", "bury", "shaw", "ley", "port",
)  # fmt: skip
SECTORS = (
    "a hospital group", "a bank", "a telecoms operator", "a logistics firm", "an insurer",
    "an energy supplier", "a retailer", "an airline", "a drug maker", "a hotel chain",
    "a software house", "a water utility",
)  # fmt: skip
ORG_END = ("", "ia", "ex", "on", "is", "ar", "us", "io", "en", "a", "o", "um")
GANG_ADJ = (
    "Velvet", "Silent", "Crimson", "Hollow", "Iron", "Grey", "Static", "Midnight", "Paper",
    "Glass",
)  # fmt: skip
GANG_NOUN = (
    "Lynx", "Heron", "Jackal", "Moth", "Viper", "Otter", "Raven", "Mantis", "Badger", "Wasp",
)  # fmt: skip
# regulator, the currency of its fines, the country it sets the scene in
REGULATORS = (
    ("the Information Commissioner's Office", "GBP", "the United Kingdom"),
    ("the Irish Data Protection Commission", "EUR", "Ireland"),
    ("France's CNIL", "EUR", "France"),
    ("Italy's Garante", "EUR", "Italy"),
    ("the Dutch Data Protection Authority", "EUR", "the Netherlands"),
    ("the Federal Trade Commission", "USD", "the United States"),
    ("the Securities and Exchange Commission", "USD", "the United States"),
    ("India's Data Protection Board", "INR", "India"),
    ("Japan's Personal Information Protection Commission", "JPY", "Japan"),
    ("the Cyberspace Administration of China", "CNY", "China"),
)
TAGS = (
    "Cyber",
    "Data protection",
    "Ransomware",
    "Health",
    "Finance",
    "Regulation",
    "Cloud",
    "Europe",
    "Asia",
    "Surveillance",
    "Insurance",
    "Critical infrastructure",
)
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
LOCATORS = ("p. 4", "pp. 12–14", "para. 31", "sec. 2", "p. 17", "chap. 3", "para. 8", "p. 102")
SMALL = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")

# ---------------------------------------------------------------------------------------------
# The model: entries, briefs, sentences and citations, independent of the syntax written.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    key: str
    title: str
    organization: str
    url: str
    date: dt.date
    urldate: dt.date
    author: tuple[str, str] | None  # (first, last)


@dataclass
class Cite:
    """One note: ``kind`` is key, locator, multi, prose, ibid, backref, free or inline."""

    kind: str
    keys: list[str]  # what the note stands for (for ibid and backref: resolved)
    locator: str | None = None
    target: int = 0  # backref: the number of the note it points to
    label: int = 0  # its number among the [^n] notes (0 for inline groups)


@dataclass
class Sentence:
    text: str  # ends with its final punctuation
    cite: Cite | None = None


@dataclass
class Brief:
    slug: str
    title: str
    authors: list[str]
    date: dt.date
    tags: list[str]
    summary: str
    sections: list[tuple[str, list[list[Sentence]]]]


@dataclass
class Model:
    entries: list[Entry]
    briefs: list[Brief]
    seed: int
    stats: dict[str, int] = field(default_factory=dict)


def _log_uniform(rng: random.Random, low: float, high: float) -> float:
    return float(low * (high / low) ** rng.random())


def _scaled(value: float, noun: str = "") -> str:
    """750,000 / 2.3 million / 1.1 billion, followed by ``noun``."""
    if value >= 1e9:
        text = f"{value / 1e9:.1f}".removesuffix(".0") + " billion"
    elif value >= 1e6:
        text = f"{value / 1e6:.1f}".removesuffix(".0") + " million"
    else:
        text = f"{round(value, -2 if value > 10_000 else 0):,.0f}"
    return f"{text} {noun}".strip()


def _money(rng: random.Random, currency: str, low: float, high: float) -> str:
    value = _log_uniform(rng, low, high)
    millions = f"{value / 1e6:.1f}".removesuffix(".0")
    round_k = f"{round(value, -3):,.0f}"
    forms: dict[str, Sequence[str]] = {
        "USD": (f"${millions} million", f"US${millions}m", f"USD {round_k}", f"${round_k}"),
        "GBP": (f"£{millions} million", f"£{round_k}"),
        "EUR": (f"€{millions} million", f"€{round_k}", f"€{value / 1e9:.2f}bn"),
        "CNY": (f"RMB {millions} million", f"{round_k} yuan"),
        "INR": (f"₹{max(1, round(value / 1e7))} crore",),
        "JPY": (f"¥{millions} million",),
    }
    choices = forms[currency]
    if currency == "EUR" and value < 1e9:
        choices = choices[:2]
    if value < 1e6:  # "$0.4 million" reads oddly: use the digits
        choices = [c for c in choices if "million" not in c and not c.endswith("m")] or choices
    return rng.choice(list(choices))


def _percent(rng: random.Random, low: int, high: int) -> str:
    value = rng.randint(low, high)
    return rng.choice((f"{value} per cent", f"{value}%", f"{value} percent"))


def _size(rng: random.Random) -> str:
    tb = _log_uniform(rng, 0.2, 40)
    if tb < 1:
        gb = round(tb * 1000, -1)
        return rng.choice((f"{gb:.0f} GB", f"{gb:.0f} gigabytes"))
    text = f"{tb:.1f}".removesuffix(".0")
    return rng.choice((f"{text} TB", f"{text} terabytes", f"{text}TB"))


def _duration(rng: random.Random) -> str:
    unit, low, high = rng.choice((("hours", 24, 96), ("days", 3, 12), ("weeks", 2, 9)))
    amount = rng.randint(low, high)
    if unit != "hours" and amount <= 12 and rng.random() < 0.6:
        return f"{SMALL[amount - 2]} {unit}"
    return f"{amount} {unit}"


def _qualified(rng: random.Random, figure: str) -> str:
    return rng.choice(("", "", "about ", "more than ", "nearly ", "some ", "roughly ")) + figure


@dataclass
class Incident:
    """What one brief (or a follow-up) says about one breach."""

    org: str
    sector: str
    regulator: str
    currency: str
    country: str
    gang: str
    year: int
    month: str
    figures: dict[str, str]


def _incident(rng: random.Random, org: str, sector: str, year: int) -> Incident:
    regulator, currency, country = rng.choice(REGULATORS)
    noun = rng.choice(("customers", "patients", "account holders", "users", "subscribers"))
    records = _log_uniform(rng, 40_000, 900_000_000)
    figures = {
        "records": _scaled(records, noun),
        "notified": _percent(rng, 35, 90),
        "size": _size(rng),
        "ransom": rng.choice(
            (f"{rng.randint(5, 400)} bitcoins", f"{rng.randint(5, 400)} BTC")
            + (_money(rng, "USD", 200_000, 40_000_000),) * 2
        ),
        "fine": _money(rng, currency, 150_000, 900_000_000),
        "remediation": _money(rng, currency, 1_000_000, 300_000_000),
        "abroad": _percent(rng, 4, 61),
        "drop": _percent(rng, 2, 29),
        "outage": _duration(rng),
        "deadline": f"{rng.choice(SMALL[:6])} days",
        "dwell": f"{rng.randint(9, 240)} days",
        "servers": f"{rng.randint(12, 3000):,} servers",
        "branches": f"{rng.randint(14, 900)} branches",
    }
    gang = f"{rng.choice(GANG_ADJ)} {rng.choice(GANG_NOUN)}"
    return Incident(org, sector, regulator, currency, country, gang, year, rng.choice(MONTHS),
                    figures)  # fmt: skip


# Sentences by section. {org} etc. come from the Incident; {f[name]} from its figures. Only
# the brief's own organisation is named in a sentence with a figure, so two briefs' figures are
# compared only when they are about the same organisation (a follow-up brief).
SECTIONS: dict[str, tuple[str, ...]] = {
    "What happened": (
        "In {month} {year}, {org} disclosed that intruders had copied the records of {f[records]}.",
        "The attackers are said to have taken {q[size]} of data before anyone noticed.",
        "A group calling itself {gang} claimed the attack on a leak site.",
        "The attackers demanded {f[ransom]} and set a deadline of {f[deadline]}.",
        "{org} is {sector} with customers across {country}.",
        "{org} says the intruders sat inside its network for {f[dwell]} before they were found.",
        "Services were disrupted for {f[outage]}, and some branches fell back on paper records.",
        "The company first described the incident as a technical fault affecting a single"
        " supplier.",
        "Staff learned of the breach from a journalist's call rather than from their own"
        " monitoring.",
        "The first public notice was a short statement on the company's website, posted late on a"
        " Friday.",
        "Samples posted by the attackers included names, addresses and partial payment details.",
    ),
    "The numbers": (
        "By its own count, {org} has since written to {f[notified]} of those affected.",
        "Roughly {f[abroad]} of those affected live outside {country}.",
        "{org} runs {f[branches]}, and the attackers reached {f[servers]}.",
        "The stolen archive is thought to amount to {f[size]}, much of it scanned documents.",
        "Its shares fell {f[drop]} in the week after the disclosure.",
        "The demand of {f[ransom]} was, by the standards of such groups, a modest one.",
        "Estimates of the number of people affected have moved more than once since the first"
        " statement.",
        "Most of the records date from before the company's last migration of its customer"
        " database.",
        "None of these figures has been confirmed by an independent audit.",
    ),
    "The response": (
        "{org} has set aside {f[remediation]} for remediation and credit monitoring.",
        "It took {f[dwell]} for {org} to find the intrusion, and a further {f[outage]} to"
        " restore its core systems.",
        "The company says it did not pay the {f[ransom]} that was demanded.",
        "Customers were offered two years of free identity monitoring.",
        "The chief executive apologised in a letter that named no cause and no culprit.",
        "An outside forensic firm was brought in within days, but its report has not been"
        " published.",
        "Several customers say they heard nothing from the company until the story broke in the"
        " press.",
        "The company has also replaced the contractor that ran its remote-access gateway.",
    ),
    "The regulators": (
        "{regulator} opened an inquiry within a month of the disclosure.",
        "{org} was later fined {f[fine]} for failing to protect the data it held.",
        "The penalty of {f[fine]} is among the larger ones imposed in {country} for a breach of"
        " this kind.",
        "The inquiry found that {org} had known of the weakness for {f[dwell]} without fixing it.",
        "Regulators have been slower to act than the scale of the incident would suggest.",
        "The law in {country} requires notice within 72 hours of discovering a breach, a deadline"
        " that was missed.",
        "Lawmakers have asked why the company's security audits did not flag the gateway.",
        "A class action filed on behalf of customers is still at an early stage.",
    ),
    "What follows": (
        "Three points follow for policymakers.",
        "First, ransom demands of this size will keep coming for as long as some victims pay them.",
        "Second, breach notices that arrive weeks late leave customers unable to protect"
        " themselves.",
        "Third, fines matter less than the audits and supervision that come with them.",
        "Boards that treat security as an information technology matter rather than a"
        " governance one will keep being surprised.",
        "Firms like {org} hold data whose value to criminals lasts for years.",
        "Insurers are already pricing that exposure, and their premiums say more than any"
        " statement.",
        "The case for a public register of serious breaches is stronger after this incident.",
    ),
}
TITLES = (
    "The {org} Breach: What It Costs",
    "{org} and the Price of Late Disclosure",
    "What the {org} Leak Means for Regulators",
    "Ransom, Fines and {org}",
    "After the {org} Breach: Lessons for Boards",
    "{org}: Anatomy of a Data Breach",
)
FOLLOW_UP_TITLES = (
    "{org}, One Year On",
    "Revisiting the {org} Breach",
    "The {org} Breach Revisited: What Changed",
)
ENTRY_TITLES = (
    "{org} Confirms Breach of Customer Records",
    "Regulator Fines {org} Over Data Failures",
    "Inside the Ransomware Attack on {org}",
    "What the {org} Leak Reveals About Cloud Security",
    "{org} Says Attackers Accessed Payment Systems",
    "Lawmakers Question {org} Executives Over Breach",
    "{org} Settles Class Action Over Data Exposure",
    "Why {org} Took Weeks to Disclose Its Breach",
    "{org} Restores Systems After Cyberattack",
    "Ransomware Group Leaks Files Stolen From {org}",
)


def _org(index: int) -> tuple[str, str]:
    """A distinct one-word organisation for each index below 7,200 (then names repeat), and
    what it is ("an airline")."""
    head = ORG_HEAD[index % len(ORG_HEAD)]
    rest = index // len(ORG_HEAD)
    tail = ORG_TAIL[rest % len(ORG_TAIL)]
    end = ORG_END[rest // len(ORG_TAIL) % len(ORG_END)]
    return f"{head}{tail}{end}", SECTORS[index % len(SECTORS)]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _entries(rng: random.Random, count: int) -> list[Entry]:
    entries: list[Entry] = []
    keys: set[str] = set()
    titles: set[str] = set()
    start, span = dt.date(2014, 1, 1), (dt.date(2024, 6, 30) - dt.date(2014, 1, 1)).days
    while len(entries) < count:
        org, _ = _org(rng.randrange(7200))
        title = rng.choice(ENTRY_TITLES).format(org=org)
        if title in titles:
            continue
        titles.add(title)
        outlet, domain = rng.choice(OUTLETS)
        date = start + dt.timedelta(days=rng.randrange(span))
        author = (rng.choice(FIRST), rng.choice(LAST)) if rng.random() < 0.6 else None
        stem = (author[1] if author else outlet.removeprefix("The ").split()[0]).lower()
        key = f"{stem}{date.year}"
        suffix = 0
        while key in keys:
            suffix += 1
            key = f"{stem}{date.year}{_suffix(suffix)}"
        keys.add(key)
        url = f"https://www.{domain}/{date:%Y/%m}/{_slug(title)}"
        urldate = date + dt.timedelta(days=rng.randrange(0, 20))
        entries.append(Entry(key, title, outlet, url, date, urldate, author))
    return entries


def _suffix(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _fill(rng: random.Random, template: str, incident: Incident) -> str:
    figures = incident.figures
    return template.format(
        org=incident.org,
        month=incident.month,
        year=incident.year,
        gang=incident.gang,
        regulator=incident.regulator,
        country=incident.country,
        sector=incident.sector,
        f=figures,
        q={k: _qualified(rng, v) if rng.random() < 0.5 else v for k, v in figures.items()},
    ).replace("  ", " ")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


OPENERS = (
    "", "", "", "By most accounts, ", "In public, ", "Privately, ", "Since then, ", "For now, ",
    "Even so, ", "At the time, ", "In practice, ", "Within weeks, ", "Predictably, ",
)  # fmt: skip
SUBJECTS = (
    "the company", "its board", "the regulator", "outside investigators", "customers",
    "security researchers", "insurers", "lawmakers", "the company's auditors", "rival firms",
    "former employees", "consumer groups", "the unions", "analysts", "the company's lawyers",
)  # fmt: skip
PREDICATES = (
    "said little about the cause",
    "asked for a fuller account of the timeline",
    "pointed to a remote-access gateway that was never patched",
    "called for clearer rules on when a breach must be disclosed",
    "doubted that the stolen data could be contained",
    "called for an independent review",
    "noted that the same weakness had been reported two years earlier",
    "argued that the response was faster than most",
    "expected further disclosures as the inquiry went on",
    "questioned whether the backups had ever been tested",
    "complained that the notices were vague and hard to act on",
    "warned that copies of the data would circulate for years",
    "described the incident as a failure of governance rather than of technology",
    "asked why the warning signs were missed",
    "urged the company to publish the forensic report in full",
    "played down the risk to customers",
    "drew comparisons with earlier breaches in the same sector",
)


def _filler(rng: random.Random) -> str:
    return _capital(rng.choice(OPENERS) + f"{rng.choice(SUBJECTS)} {rng.choice(PREDICATES)}.")


def _sections(rng: random.Random, incident: Incident, notes: int) -> list[list[list[str]]]:
    """Paragraphs of sentences per section, enough of them to carry ``notes`` citations; no
    sentence is repeated within a brief."""
    per_section = max(notes * 12 // 5, 15) // len(SECTIONS) + 1
    used: set[str] = set()
    sections: list[list[list[str]]] = []
    for templates in SECTIONS.values():
        chosen = rng.sample(list(templates), len(templates))[: per_section * 2 // 3]
        sentences = [_capital(_fill(rng, t, incident)) for t in chosen]
        while len(sentences) < per_section:
            sentences.insert(rng.randint(1, len(sentences)), _filler(rng))
        sentences = [s for s in dict.fromkeys(sentences) if s not in used]
        used.update(sentences)
        paragraphs: list[list[str]] = []
        while sentences:
            size = rng.randint(3, 5)
            paragraphs.append(sentences[:size])
            sentences = sentences[size:]
        sections.append(paragraphs)
    return sections


def _cites(
    rng: random.Random, count: int, pool: list[Entry], by_key: dict[str, Entry]
) -> list[Cite]:
    """``count`` notes in order, each kind where its syntax allows it."""
    cites: list[Cite] = []
    label = 0
    for _ in range(count):
        roll = rng.random()
        keys = [rng.choice(pool).key]
        previous = next((c for c in reversed(cites) if c.kind != "inline"), None)
        if roll < 0.10 and previous is not None:
            locator = rng.choice(LOCATORS) if rng.random() < 0.3 else None
            cite = Cite("ibid", list(previous.keys), locator)
        elif roll < 0.15 and label >= 3:
            target = rng.randint(1, label - 1)
            earlier = next(c for c in cites if c.label == target)
            cite = Cite("backref", list(earlier.keys), target=target)
        elif roll < 0.22:
            cite = Cite("inline", keys, rng.choice(LOCATORS) if rng.random() < 0.4 else None)
        elif roll < 0.40:
            cite = Cite("locator", keys, rng.choice(LOCATORS))
        elif roll < 0.48:
            other = rng.choice(pool).key
            cite = Cite("multi", keys + ([other] if other != keys[0] else []))
        elif roll < 0.55:
            other = rng.choice(pool).key
            cite = Cite("prose", keys + ([other] if other != keys[0] else []))
        elif roll < 0.59 and by_key[keys[0]].author is not None:
            cite = Cite("free", keys)
        else:
            cite = Cite("key", keys)
        if cite.kind != "inline":
            label += 1
            cite.label = label
        cites.append(cite)
    return cites


def build_model(*, briefs: int, notes: int = 25, entries: int = 3000, seed: int = 1) -> Model:
    """Everything a site says, drawn from ``seed``; the syntax is chosen when it is written."""
    rng = random.Random(seed)
    bib = _entries(rng, entries)
    by_key = {e.key: e for e in bib}
    by_date = sorted(bib, key=lambda e: e.urldate)
    order = list(range(7200))
    rng.shuffle(order)
    incidents: list[Incident] = []
    made: list[Brief] = []
    slugs: set[str] = set()
    first, span = dt.date(2019, 1, 1), (dt.date(2025, 6, 30) - dt.date(2019, 1, 1)).days
    for number in range(briefs):
        date = first + dt.timedelta(days=rng.randrange(span))
        follow = bool(incidents) and rng.random() < 0.1
        if follow:
            earlier = rng.choice(incidents)
            incident = Incident(**{**earlier.__dict__, "figures": dict(earlier.figures)})
            if rng.random() < 0.3:  # the follow-up quotes one figure differently
                name = rng.choice(["size", "records", "fine", "abroad"])
                incident.figures[name] = _incident(
                    rng, incident.org, incident.sector, incident.year
                ).figures[name]
            title = rng.choice(FOLLOW_UP_TITLES).format(org=incident.org)
        else:
            org, sector = _org(order[number % len(order)])
            incident = _incident(rng, org, sector, max(2018, date.year - rng.randint(0, 1)))
            title = rng.choice(TITLES).format(org=incident.org)
        incidents.append(incident)
        eligible = [e for e in by_date if e.urldate < date] or by_date[:1]
        pool = rng.sample(eligible, min(len(eligible), max(3, notes // 2)))
        paragraphs = _sections(rng, incident, notes)
        flat = [(s, p, i) for s, section in enumerate(paragraphs) for p in section for i in p]
        places = sorted(rng.sample(range(len(flat)), min(notes, len(flat))))
        cites = iter(_cites(rng, len(places), pool, by_key))
        cited = {place: next(cites) for place in places}
        sections: list[tuple[str, list[list[Sentence]]]] = []
        index = 0
        for heading, section in zip(SECTIONS, paragraphs, strict=True):
            out: list[list[Sentence]] = []
            for paragraph in section:
                out.append([])
                for text in paragraph:
                    out[-1].append(Sentence(text, cited.get(index)))
                    index += 1
            sections.append((heading, out))
        slug = _slug(title)
        while slug in slugs:
            slug = f"{_slug(title)}-{number}"
        slugs.add(slug)
        made.append(
            Brief(
                slug=slug,
                title=title,
                authors=[
                    f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 2))
                ],
                date=date,
                tags=sorted(rng.sample(TAGS, rng.randint(2, 4))),
                summary=f"What the {incident.month} {incident.year} breach at {incident.org}"
                " tells regulators, boards and customers about the cost of weak security.",
                sections=sections,
            )
        )
    return Model(bib, made, seed)


# ---------------------------------------------------------------------------------------------
# Writing one variant.
# ---------------------------------------------------------------------------------------------


def _bib_entry(entry: Entry) -> str:
    fields = []
    if entry.author:
        fields.append(("author", f"{entry.author[1]}, {entry.author[0]}"))
    fields += [
        ("title", entry.title),
        ("organization", entry.organization),
        ("date", entry.date.isoformat()),
        ("url", entry.url),
        ("urldate", entry.urldate.isoformat()),
    ]
    body = "".join(f"  {name:<12} = {{{value}}},\n" for name, value in fields)
    return f"@online{{{entry.key},\n{body}}}\n"


def _long_date(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _full(entry: Entry) -> str:
    who = f"{entry.author[0]} {entry.author[1]}, " if entry.author else ""
    return f'{who}"{entry.title}," {entry.organization}, {_long_date(entry.date)}, {entry.url}'


def _short(entry: Entry) -> str:
    who = entry.author[1] if entry.author else entry.organization
    words = entry.title.split()[:4]
    while len(words) > 1 and words[-1].lower() in {"the", "of", "by", "a", "an", "on", "for"}:
        words.pop()
    return f'{who}, "{" ".join(words)}"'


class _Written:
    """Citation text of one variant for one brief (plain needs to know what came first)."""

    def __init__(self, syntax: str, by_key: dict[str, Entry]) -> None:
        self.syntax = syntax
        self.by_key = by_key
        self.seen: set[str] = set()

    def _cited(self, key: str, locator: str | None = None) -> str:
        entry = self.by_key[key]
        text = _full(entry) if key not in self.seen else _short(entry)
        self.seen.add(key)
        return text + (f", {locator}" if locator else "")

    def pandoc(self, cite: Cite) -> str:
        """``[@a; @b, p. 4]``: the inline group (ours, bibtex) for what the note stands for."""
        keys = [f"@{k}" for k in cite.keys]
        if cite.locator:
            keys[-1] += f", {cite.locator}"
        return "[" + "; ".join(keys) + "]"

    def body(self, cite: Cite) -> str:
        """The footnote body (ours, plain)."""
        if self.syntax == "plain":
            if cite.kind == "ibid":
                return "Ibid." + (f", {cite.locator}." if cite.locator else "")
            if cite.kind == "backref":
                return f"{_short(self.by_key[cite.keys[0]])}, n. {cite.target}."
            if cite.kind == "prose":
                a, *rest = cite.keys
                more = f" and {self._cited(rest[0])}" if rest else ""
                return f"See {self._cited(a)}{more} for the timeline."
            return "; ".join(self._cited(k, cite.locator) for k in cite.keys) + "."
        if cite.kind == "ibid":
            return "Ibid." + (f", {cite.locator}" if cite.locator else "")
        if cite.kind == "backref":
            return f"n. {cite.target}"
        if cite.kind == "prose":
            a, *rest = cite.keys
            more = f" and @{rest[0]}" if rest else ""
            return f"See @{a}{more} for the timeline."
        if cite.kind == "free":
            entry = self.by_key[cite.keys[0]]
            assert entry.author is not None
            name = f"{entry.author[0]} {entry.author[1]}"
            return f'{name}, "{entry.title}", {entry.organization}, {_long_date(entry.date)}.'
        keys = "; ".join(f"@{k}" for k in cite.keys)
        return keys + (f", {cite.locator}" if cite.locator else "")


def _brief_text(brief: Brief, syntax: str, by_key: dict[str, Entry]) -> str:
    meta = {
        "title": brief.title,
        "authors": brief.authors,
        "date": brief.date.isoformat(),
        "tags": brief.tags,
        "summary": brief.summary,
    }
    head = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items())
    head = head.replace(f'date: "{brief.date.isoformat()}"', f"date: {brief.date.isoformat()}")
    written = _Written(syntax, by_key)
    lines = [f"---\n{head}---\n"]
    definitions: list[str] = []
    inline_defs: list[str] = []
    for heading, paragraphs in brief.sections:
        lines.append(f"## {heading}\n")
        for paragraph in paragraphs:
            parts = []
            for sentence in paragraph:
                text, cite = sentence.text, sentence.cite
                if cite is None:
                    parts.append(text)
                elif cite.kind == "inline" and syntax != "plain":
                    parts.append(f"{text[:-1]} {written.pandoc(cite)}{text[-1]}")
                elif cite.kind == "inline":  # plain: a footnote numbered after the others
                    label = f"c{len(inline_defs) + 1}"
                    parts.append(f"{text[:-1]}[^{label}]{text[-1]}")
                    inline_defs.append(f"[^{label}]: {written.body(cite)}")
                elif syntax == "bibtex":
                    parts.append(text + written.pandoc(cite))
                else:
                    parts.append(f"{text}[^{cite.label}]")
                    definitions.append(f"[^{cite.label}]: {written.body(cite)}")
            lines.append(_wrap(" ".join(parts)) + "\n")
    notes = definitions + inline_defs
    if notes:
        lines.append("\n".join(notes) + "\n")
    return "\n".join(lines)


def _wrap(text: str, width: int = 100) -> str:
    """Break a paragraph into lines of at most ``width`` (never inside a citation group)."""
    out, line = [], ""
    for word in re.findall(r"(?:[^\s\[]|\[[^\]\n]*\]|\[)+", text):
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    out.append(line)
    return "\n".join(out)


def mkdocs_yml(syntax: str, briefs: int) -> str:
    plugins = {
        "ours": (
            "  - briefcheck:\n      bibliography: sources\n      links:\n        enabled: false\n"
        ),
        "bibtex": "  - bibtex:\n      bib_file: sources/references.bib\n",
        "plain": "",
    }[syntax]
    return (
        f"site_name: Synthetic briefs ({briefs}, {syntax})\n"
        "docs_dir: briefs\n"
        "site_dir: site\n"
        "theme:\n"
        "  name: material\n"
        "  features:\n"
        "    - content.footnote.tooltips\n"
        "markdown_extensions:\n"
        "  - footnotes\n"
        "plugins:\n"
        "  - search\n" + plugins
    )


INDEX = """---
title: Briefs
---

# Briefs

Synthetic policy briefs on data breaches, generated for benchmarks. Every note cites a source
from one shared bibliography.

<!-- briefcheck: briefs -->
"""


def write_site(model: Model, out: Path, syntax: str) -> dict[str, int]:
    """Write ``model`` in ``syntax`` under ``out`` (created; existing briefs are replaced)."""
    if syntax not in SYNTAXES:
        raise ValueError(f"syntax must be one of {', '.join(SYNTAXES)}, not {syntax!r}")
    by_key = {e.key: e for e in model.entries}
    docs, sources = out / "briefs", out / "sources"
    for folder in (docs, sources):
        folder.mkdir(parents=True, exist_ok=True)
    for old in docs.glob("*.md"):
        old.unlink()
    (out / "mkdocs.yml").write_text(mkdocs_yml(syntax, len(model.briefs)), encoding="utf-8")
    (sources / "references.bib").write_text(
        "\n".join(_bib_entry(e) for e in model.entries), encoding="utf-8"
    )
    (docs / "index.md").write_text(INDEX, encoding="utf-8")
    words = notes = 0
    for brief in model.briefs:
        text = _brief_text(brief, syntax, by_key)
        (docs / f"{brief.slug}.md").write_text(text, encoding="utf-8")
        words += len(text.split())
        notes += sum(1 for _, ps in brief.sections for p in ps for s in p if s.cite)
    return {"briefs": len(model.briefs), "entries": len(model.entries), "notes": notes,
            "words": words}  # fmt: skip


def generate(
    out: Path, *, briefs: int, notes: int = 25, entries: int = 3000, syntax: str = "ours",
    seed: int = 1,
) -> dict[str, int]:  # fmt: skip
    """Build the model for ``seed`` and write it in ``syntax``; returns counts."""
    model = build_model(briefs=briefs, notes=notes, entries=entries, seed=seed)
    return write_site(model, out, syntax)


def add_site_arguments(parser: argparse.ArgumentParser, briefs: int) -> None:
    """The corpus options every benchmark shares."""
    parser.add_argument("--notes", type=int, default=25, help="notes per brief (default 25)")
    parser.add_argument("--entries", type=int, default=3000, help="bibliography entries")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the corpus")
    if briefs:
        parser.add_argument("--briefs", type=int, default=briefs, help=f"briefs (default {briefs})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the site into")
    parser.add_argument("--syntax", choices=SYNTAXES, default="ours")
    add_site_arguments(parser, briefs=100)
    args = parser.parse_args(argv)
    counts = generate(
        args.out, briefs=args.briefs, notes=args.notes, entries=args.entries,
        syntax=args.syntax, seed=args.seed,
    )  # fmt: skip
    summary = ", ".join(f"{value:,} {name}" for name, value in counts.items())
    print(f"{args.out}: {args.syntax}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
