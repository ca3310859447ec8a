"""The plugin's typed options: the same keys as ``config.Settings`` (SPEC §3); the values are
validated once more by ``config.settings_from`` so the CLI and the plugin agree."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class FiguresOptions(base.Config):
    enabled = c.Type(bool, default=True)
    tolerance = c.Type((int, float), default=0)


class LinksOptions(base.Config):
    enabled = c.Type(bool, default=True)
    timeout = c.Type((int, float), default=10)
    max_age = c.Type((str, int), default="7d")
    cache = c.Type(str, default=".cache/briefcheck")
    allow_private = c.Type(bool, default=False)
    offline = c.Choice(("auto", True, False), default="auto")


class BriefcheckConfig(base.Config):
    enabled = c.Type(bool, default=True)
    bibliography = c.Type((str, list), default="sources")
    facts = c.Optional(c.Type(str))
    snapshots = c.Optional(c.Type(str))
    figures = c.SubConfig(FiguresOptions)
    links = c.SubConfig(LinksOptions)
    report = c.Type(bool, default=True)
    ignore = c.ListOfItems(c.Type(str), default=[])
    navigation = c.Type(str, default="year")
