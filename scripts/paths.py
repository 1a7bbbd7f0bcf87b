"""Where things are. Every module takes its paths from here so tests can point them elsewhere."""

from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA = ROOT / "data"
OVERRIDES = ROOT / "overrides"
SITE = ROOT / "site"
DIST = ROOT / "dist"
MKDOCS_YML = ROOT / "mkdocs.yml"



@dataclass(frozen=True)
class SiteConfig:
    """What the scripts need to know of the site, read from mkdocs.yml only (never retyped)."""

    languages: tuple[str, ...]  # build order; the first is the default, served at the site root
    names: dict[str, str]  # site name per language
    url: str
    repo_url: str


def _mkdocs_loader() -> type:
    """A safe YAML loader that reads mkdocs.yml's tags without importing MkDocs: !ENV [NAME…, default]
    gives the environment variable or the default; !!python/name tags (theme extensions) are skipped."""
    class Loader(yaml.SafeLoader):
        pass

    def env(loader, node):
        items = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
        return next((os.environ[name] for name in names if os.environ.get(name)), default)

    Loader.add_constructor("!ENV", env)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return Loader


@functools.cache
def site_config(mkdocs_yml: Path = MKDOCS_YML) -> SiteConfig:
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_mkdocs_loader())
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    languages = sorted(i18n["languages"], key=lambda lang: not lang.get("default"))  # the default first
    return SiteConfig(
        languages=tuple(lang["locale"] for lang in languages),
        names={lang["locale"]: lang.get("site_name", config["site_name"]) for lang in languages},
        url=config["site_url"],
        repo_url=config.get("repo_url", ""),
    )


LANGUAGES = site_config().languages
DEFAULT_LANGUAGE = LANGUAGES[0]


def build_order() -> list[str]:
    """Languages in the order static-i18n builds them: the default one, then the others as listed in
    mkdocs.yml; only one when BUILD_ONLY_LOCALE is set (`make serve LANG_ONLY=en`)."""
    only = os.environ.get("BUILD_ONLY_LOCALE")
    return [only] if only else [DEFAULT_LANGUAGE] + [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]


def lang_prefix(lang: str) -> str:
    """URL/directory prefix of a language inside the built site: '' for French, 'en/' for English."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def today() -> dt.date:
    """Today's date for every date rule (freshness of data, review dates in the future).

    SITE_TODAY=YYYY-MM-DD fixes it: the test suite sets it so that a green suite stays green as the
    calendar moves on (a record checked in November 2026 must not turn CI red in November 2027);
    the 12-month rule itself is tested with dates chosen relative to it.
    """
    fixed = os.environ.get("SITE_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()
