"""Where things are. Every module takes its paths from here so tests can point them elsewhere."""

from __future__ import annotations

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
