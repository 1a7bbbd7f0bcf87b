"""MkDocs adapter: work on each finished page's HTML.

- collects each page's sections and writes the per-language search index when the language's
  build ends (scripts/web/search_index.py; the browser side is assets/javascripts/search.js);
- leaves out theme files the site never loads: Material's own search (lunr, its worker) and source
  maps — bytes that would only weigh on the offline pack and on the server;
- gives the text of French pages its French typography (no-break spaces before « : ; ! ? » and
  inside guillemets; scripts/checks/typography.py), whatever was typed in the page or the data;
- hides task lists' decorative checkboxes from screen readers, and keeps a glossary tooltip only on
  the first occurrence of each term per page (scripts/web/a11y.py);
- adds rel="noopener noreferrer" to links to other sites and a Content-Security-Policy <meta> that
  allows only this site's files and the hashes of Material's few inline scripts (scripts/web/csp.py).

static-i18n runs one build per language and calls on_config/on_post_build for each, so the
collected sections belong to one language at a time. The logic is in scripts/web/ (pure Python).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.plugins import event_priority  # noqa: E402

from scripts import paths  # noqa: E402
from scripts.checks import typography  # noqa: E402
from scripts.sitedata import records  # noqa: E402
from scripts.web import a11y, csp, search_index  # noqa: E402

_build: dict = {}


@event_priority(-110)  # after static-i18n has set this build's language
def on_config(config):
    _build.clear()
    lang = config.theme["language"]
    _build.update(lang=lang, prefix=paths.lang_prefix(lang), sections=[],
                  offline=os.environ.get("OFFLINE", "").lower() in ("1", "true", "yes"),
                  host=urlsplit(config.site_url or "").hostname)
    return config


# Theme files we never load: Material's search (we ship our own) and source maps (for debugging).
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


def on_files(files, config):
    for file in list(files):
        uri = file.src_uri
        if uri.startswith(UNUSED_THEME_FILES) or uri.endswith(".map"):
            files.remove(file)
    return files


def on_post_page(output, page, config):
    if _build["lang"] == "fr":
        output = typography.fix_html(output)
    kind = page.meta.get("kind") or search_index.default_kind(page.url, _build["prefix"])
    _build["sections"].extend(search_index.sections(output, page.url, kind))
    output = a11y.decorative_task_checkboxes(output)
    output = a11y.first_tooltips_only(output)
    output = csp.secure_external_links(output, _build["host"])
    return csp.add_policy(output, offline=_build["offline"])


@event_priority(-110)
def on_post_template(output_content, template_name, config):
    """Static pages (404, neutral exit pages) get the same link rules and policy."""
    if not template_name.endswith(".html"):
        return output_content
    output_content = csp.secure_external_links(output_content, _build["host"])
    return csp.add_policy(output_content, offline=_build["offline"])


def on_post_build(config):
    # Runs at the end of each language's build (before static-i18n starts the next language).
    path = search_index.index_path(Path(config.site_dir), _build["lang"])
    path.parent.mkdir(parents=True, exist_ok=True)
    data, _ = records.load_cached()
    extra, warnings = search_index.extras(_build["lang"], _build["prefix"], _build["sections"], data.search_config(),
                                             data.helplines)
    for warning in warnings:  # a note, not a MkDocs warning: it must not fail a strict build
        print(f"note: {warning}", file=sys.stderr)
    path.write_text(search_index.script(_build["lang"], _build["sections"], extra), encoding="utf-8")
