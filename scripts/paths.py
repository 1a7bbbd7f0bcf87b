"""Where things are. Every module takes its paths from here so tests can point them elsewhere."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA = ROOT / "data"
OVERRIDES = ROOT / "overrides"
SITE = ROOT / "site"
DIST = ROOT / "dist"
MKDOCS_YML = ROOT / "mkdocs.yml"

# Language codes in build order; the first is the default, served at the site root.
LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = LANGUAGES[0]


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
