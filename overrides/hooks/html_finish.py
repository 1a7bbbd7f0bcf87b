"""MkDocs adapter: note each file a language's build writes, then finish them all in one pass.

- leaves out theme files the site never loads: Material's own search (lunr, its worker) and source
  maps — bytes that would only weigh on the offline pack and on the server;
- when a language's pages are all written (on_post_build), finishes each file in one parse
  (scripts/web/finish.py: French typography, search sections, accessibility repairs — including
  Material's labels that point at no control —, the Content-Security-Policy) and writes that language's search index (scripts/web/search_index.py; the
  browser side is assets/javascripts/search.js).

static-i18n runs one build per language and calls on_config/on_post_build for each, so the
noted files belong to one language at a time. The default language is built first, and its
on_post_build runs before static-i18n starts the next language: under `mkdocs build`, its pages are
finished by a second process meanwhile, and the last language's on_post_build collects them
(scripts/web/finish.py, Background). `mkdocs serve` finishes in its own process, as it rebuilds.
The logic is in scripts/web/ (pure Python).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from scripts import paths  # noqa: E402
from scripts.sitedata import records  # noqa: E402
from scripts.web import error_pages, finish, search_index  # noqa: E402

_build: dict = {}
_background = finish.Background()
_parallel = {"on": False}
# Languages whose pages a second process is finishing: (language, its URL prefix, future sections).
_pending: list[tuple[str, str, object]] = []


def on_startup(command, dirty):
    # Only a one-off build uses a second process: `serve` rebuilds in a process with server threads.
    _parallel["on"] = command == "build" and finish.Background.available


@event_priority(-110)  # after static-i18n has set this build's language
def on_config(config):
    _build.clear()
    lang = config.theme["language"]
    _build.update(lang=lang, prefix=paths.lang_prefix(lang), written=[],
                  offline=os.environ.get("OFFLINE", "").lower() in ("1", "true", "yes"))
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
    kind = page.meta.get("kind") or search_index.default_kind(page.url, _build["prefix"])
    _build["written"].append(finish.Written(Path(page.file.abs_dest_path), page.url, kind))
    return output


@event_priority(-110)
def on_post_template(output_content, template_name, config):
    """Static pages (404, neutral exit pages) are finished too, without search sections. Each language has
    its own 404 page (scripts/web/error_pages.py): MkDocs writes every language's at the root."""
    if template_name == error_pages.TEMPLATE:
        _build["error_page"] = output_content
        _build["written"].append(finish.Written(Path(config.site_dir) / error_pages.path_for(_build["lang"])))
    elif template_name.endswith(".html"):
        _build["written"].append(finish.Written(Path(config.site_dir) / template_name))
    return output_content


# The default language's finished 404 page, kept across the per-language builds (on_config resets
# `_build`, not this): the next language's build overwrites the root 404.html with its own.
_root_error_page: dict[str, str] = {}


def on_post_build(config):
    # Runs at the end of each language's build (before static-i18n starts the next language), when
    # every page of this language is on disk.
    site_dir = Path(config.site_dir)
    lang, prefix, offline = _build["lang"], _build["prefix"], _build["offline"]
    if "error_page" in _build:
        error_pages.place(site_dir, lang, _build["error_page"], _root_error_page.get("html"))
    pages = [file for file in _build["written"] if file.url is not None]
    # Static templates (404, exit pages) now: the next language's build writes them again, at the same paths.
    others = [file for file in _build["written"] if file.url is None]
    last = lang == paths.build_order()[-1]
    try:
        finish.finish_files(others, lang, site_dir, offline)
        if lang == paths.DEFAULT_LANGUAGE and "error_page" in _build:
            _root_error_page["html"] = (site_dir / error_pages.TEMPLATE).read_text(encoding="utf-8")
        if _parallel["on"] and not last:
            _pending.append((lang, prefix, _background.submit(pages, lang, site_dir, offline)))
            return
        if _parallel["on"] and len(pages) > 1:  # the last language: half each
            half = len(pages) // 2
            first = _background.submit(pages[:half], lang, site_dir, offline)
            rest = finish.finish_files(pages[half:], lang, site_dir, offline)
            sections = finish.Background.collect(first) + rest
        else:
            sections = finish.finish_files(pages, lang, site_dir, offline)
        _write_search_index(site_dir, lang, prefix, sections)
        for other_lang, other_prefix, future in _pending:
            _write_search_index(site_dir, other_lang, other_prefix, finish.Background.collect(future))
    except finish.FinishError as error:
        raise PluginError(str(error)) from None
    finally:
        if last:
            _pending.clear()
            _background.close()


def on_build_error(error):
    _pending.clear()
    _background.close()


def on_shutdown():
    _background.close()


def _write_search_index(site_dir: Path, lang: str, prefix: str, sections: list[dict]) -> None:
    path = search_index.index_path(site_dir, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    data, _ = records.load_cached()
    extra, warnings = search_index.extras(lang, prefix, sections, data.search_config(), data.helplines)
    for warning in warnings:  # a note, not a MkDocs warning: it must not fail a strict build
        print(f"note: {warning}", file=sys.stderr)
    path.write_text(search_index.script(lang, sections, extra), encoding="utf-8")
