"""The ``briefcheck`` configuration block (SPEC §3), validated the same way for the CLI, the
MkDocs plugin and the Markdown extension."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .rules import RULES


class ConfigError(Exception):
    """A configuration that cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class FiguresConfig:
    enabled: bool = True
    tolerance: float = 0.0


@dataclass(frozen=True)
class LinksConfig:
    enabled: bool = True
    timeout: float = 10.0
    max_age: dt.timedelta = dt.timedelta(days=7)
    cache: str = ".cache/briefcheck"
    allow_private: bool = False
    offline: Literal["auto"] | bool = "auto"


@dataclass(frozen=True)
class Settings:
    bibliography: tuple[str, ...] = ("sources",)
    facts: str | None = None
    snapshots: str | None = None
    figures: FiguresConfig = field(default_factory=FiguresConfig)
    links: LinksConfig = field(default_factory=LinksConfig)
    report: bool = True
    ignore: tuple[str, ...] = ()  # rule ids silenced project-wide
    navigation: str = "year"  # "year": briefs in sections by year; "files": MkDocs' own nav


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(value: object, name: str) -> dt.timedelta:
    if isinstance(value, dt.timedelta):
        return value
    match = _DURATION.match(str(value))
    if isinstance(value, bool) or match is None:
        raise ConfigError(f"{name}: expected a duration like 7d, 12h, 30m or 3600, got {value!r}")
    return dt.timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2)])


def _check_keys(data: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(map(str, set(data) - allowed))
    if unknown:
        known = ", ".join(sorted(allowed))
        raise ConfigError(f"{where}unknown option {unknown[0]!r} (known: {known})")


def _bool(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{name}: expected true or false, got {value!r}")
    return value


def _number(value: object, name: str, minimum: float = 0.0) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < minimum
    ):
        raise ConfigError(f"{name}: expected a number >= {minimum:g}, got {value!r}")
    return float(value)


def _optional_str(value: object, name: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ConfigError(f"{name}: expected a path, got {value!r}")


def _section(data: object, name: str) -> Mapping[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise ConfigError(f"{name}: expected a mapping of options, got {data!r}")
    return data


def figures_config(data: object) -> FiguresConfig:
    section = _section(data, "figures")
    _check_keys(section, {"enabled", "tolerance"}, "figures: ")
    base = FiguresConfig()
    return FiguresConfig(
        enabled=_bool(section.get("enabled", base.enabled), "figures.enabled"),
        tolerance=_number(section.get("tolerance", base.tolerance), "figures.tolerance"),
    )


def links_config(data: object) -> LinksConfig:
    section = _section(data, "links")
    allowed = {"enabled", "timeout", "max_age", "cache", "allow_private", "offline"}
    _check_keys(section, allowed, "links: ")
    base = LinksConfig()
    offline = section.get("offline", base.offline)
    if offline not in ("auto", True, False):
        raise ConfigError(f"links.offline: expected auto, true or false, got {offline!r}")
    cache = section.get("cache", base.cache)
    if not isinstance(cache, str) or not cache:
        raise ConfigError(f"links.cache: expected a folder or redis:// URL, got {cache!r}")
    return LinksConfig(
        enabled=_bool(section.get("enabled", base.enabled), "links.enabled"),
        timeout=_number(section.get("timeout", base.timeout), "links.timeout", 0.1),
        max_age=parse_duration(section.get("max_age", "7d"), "links.max_age"),
        cache=cache,
        allow_private=_bool(section.get("allow_private", False), "links.allow_private"),
        offline=offline,
    )


SETTINGS_KEYS = {
    "bibliography",
    "facts",
    "snapshots",
    "figures",
    "links",
    "report",
    "ignore",
    "enabled",
    "navigation",
}
NAVIGATION = ("year", "files")


def settings_from(data: object) -> Settings:
    """Validate the plugin's block of ``mkdocs.yml`` (``None`` means all defaults)."""
    section = _section(data, "briefcheck")
    _check_keys(section, SETTINGS_KEYS, "")
    bibliography = section.get("bibliography", "sources")
    paths = [bibliography] if isinstance(bibliography, str) else bibliography
    if not isinstance(paths, list) or not paths or not all(isinstance(p, str) for p in paths):
        raise ConfigError(f"bibliography: expected a path or a list of paths, got {bibliography!r}")
    ignore = section.get("ignore", [])
    ignore = [ignore] if isinstance(ignore, str) else ignore
    if not isinstance(ignore, list):
        raise ConfigError(f"ignore: expected a list of rule ids, got {ignore!r}")
    for rule in ignore:
        if not isinstance(rule, str) or rule not in RULES:
            raise ConfigError(f"ignore: unknown rule id {rule!r}; see the rule table in README")
    return Settings(
        bibliography=tuple(paths),
        facts=_optional_str(section.get("facts"), "facts"),
        snapshots=_optional_str(section.get("snapshots"), "snapshots"),
        figures=figures_config(section.get("figures")),
        links=links_config(section.get("links")),
        report=_bool(section.get("report", True), "report"),
        ignore=tuple(ignore),
        navigation=_navigation(section.get("navigation", "year")),
    )


def _navigation(value: object) -> str:
    if value not in NAVIGATION:
        raise ConfigError(f"navigation: expected one of {', '.join(NAVIGATION)}, got {value!r}")
    return str(value)
