"""MkDocs adapter: place single-source data (data/*.yml) in pages, in the page's language.

- on_config: load and validate all data once per language build (so `make serve` sees edits);
  any data error stops the build with `data/file.yml:line: problem — fix`.
- on_page_markdown: replace `<!-- data:… -->` markers (scripts/sitedata/markers.py); an unknown
  marker, argument, id or filter is a build error naming the page and line.
- on_page_content: put the page's "what this page covers" line (front matter `covers:`) under its title
  (after the right-now box on what-to-do pages).
- on_page_context: give the template the page footer: the "need help now" lines (extra.help_now in
  mkdocs.yml, as France's block of the country chooser: render.country_help), the sources listed in the page's front matter and its review date (on the home page:
  the site's latest review date and when the help lines shown were checked).

The rendering is in scripts/sitedata/ (pure Python); this file only wires it to MkDocs.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority, get_plugin_logger  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from scripts.checks.pages import latest_review  # noqa: E402
from scripts.sitedata import markers, render  # noqa: E402
from scripts.sitedata.records import DataError, load_cached  # noqa: E402

log = get_plugin_logger("data")
_build: dict = {}


def _repo_path(page) -> str:
    try:
        return Path(page.file.abs_src_path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return page.file.abs_src_path


@event_priority(-110)  # after static-i18n has set this build's language
def on_config(config):
    try:
        data, warnings = load_cached()
    except DataError as error:
        raise PluginError("The data files have errors:\n" + "\n".join(map(str, error.problems))) from None
    _build.clear()
    _build.update(data=data, lang=config.theme["language"], stash={})
    # Glossary tooltips (data/glossary.yml) for the `abbr` extension, in this build's language. Given as
    # its glossary rather than as `*[word]: …` lines appended to every page, which Markdown's block
    # parser then read on each of them.
    config.mdx_configs["abbr"] = {**config.mdx_configs.get("abbr", {}),
                                  "glossary": render.abbreviations(data, config.theme["language"])}
    if warnings:
        log.info(f"{len(warnings)} data warning(s), e.g. records not checked for 12 months: run `make check`")
    return config


@event_priority(-110)  # after static-i18n has chosen this language's files
def on_files(files, config):
    contacts = files.get_file_from_path("contacts/index.md")
    if contacts is None:
        raise PluginError("docs/<lang>/contacts/index.md is missing: every page links to it from its help block")
    ids = config.extra.get("help_now") or []
    unknown = [i for i in ids if i not in _build["data"].helplines]
    if unknown:
        raise PluginError(f"mkdocs.yml: extra.help_now lists unknown help lines {unknown} — use ids from data/helplines.yml")
    changelog = files.get_file_from_path("a-propos/journal.md")
    if changelog is None:
        raise PluginError("docs/<lang>/a-propos/journal.md is missing: the home page links to it from its review date")
    directory = files.get_file_from_path("contacts/annuaire.md")
    if directory is None:
        raise PluginError("docs/<lang>/contacts/annuaire.md is missing: every help box links to it by country")
    law = files.get_file_from_path("loi/index.md")
    if law is None:
        raise PluginError("docs/<lang>/loi/index.md is missing: pages that state French law link to it")
    # App guides: docs/<lang>/applis/<id>.md, one per record of data/apps.yml (the hub links each one).
    apps = {app_id: files.get_file_from_path(f"applis/{app_id}.md") for app_id in _build["data"].apps}
    missing = [f"docs/<lang>/applis/{app_id}.md" for app_id, file in apps.items() if file is None]
    if missing:
        raise PluginError(f"data/apps.yml: no page for {', '.join(missing)} — add the page (copy another app's "
                          "page and change its id), or remove the record")
    _build.update(contacts_url=contacts.url, changelog_url=changelog.url, help_now=ids, directory_url=directory.url,
                  law_url=law.url, app_urls={app_id: file.url for app_id, file in apps.items()})
    return files


def on_page_markdown(markdown, page, config, files):
    data, lang = _build["data"], _build["lang"]
    path = _repo_path(page)
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    stash: dict[str, str] = {}
    text, errors = markers.expand(markdown, data, lang, path, source=source, stash=stash)
    _build["stash"][page.file.src_uri] = stash
    sources_line = next((i for i, line in enumerate(source.split("\n"), start=1) if line.startswith("sources:")), 1)
    for source_id in page.meta.get("sources") or []:
        if source_id not in data.sources:
            errors.append(f"{path}:{sources_line}: front matter cites an unknown source id {source_id!r} — "
                          "add it to data/sources.yml or fix the id")
    for message in errors:
        log.error(message)
    return text


def on_page_content(html, page, config, files):
    """The calm "what this page covers" line (front matter `covers:`), placed under the title (after the
    right-now box on what-to-do pages)."""
    html = markers.unstash(html, _build["stash"].pop(page.file.src_uri, {}))
    covers = page.meta.get("covers")
    if not covers:
        return html
    return render.place_covers_note(html, render.covers_note(_build["data"], _build["lang"], str(covers)))


def _help_now_aside(contacts: str, directory: str) -> str:
    """The "Need help now?" box of every page: the same for all pages at one depth, so rendered once each."""
    cache = _build.setdefault("help_now_html", {})
    if (contacts, directory) not in cache:
        cache[contacts, directory] = render.help_now_aside(_build["data"], _build["lang"], _build["help_now"],
                                                           contacts, directory)
    return cache[contacts, directory]


def on_page_context(context, page, config, nav):
    reviewed = page.meta.get("reviewed_on")
    sources = [s for s in (page.meta.get("sources") or []) if s in _build["data"].sources]
    data, lang = _build["data"], _build["lang"]
    # The home page shows the same lines at the top; Material's page.is_homepage is false here
    # because the home page sits in a nav section, so compare the path without its language.
    is_home = Path(page.file.src_uri).parts[1:] == ("index.md",)
    directory = get_relative_url(_build["directory_url"], page.url)
    elsewhere = get_relative_url(_build["law_url"], page.url) + "#belgique-suisse"
    page.content = render.finish_country_lines(page.content, directory, elsewhere)  # country-lines, law-scope
    page.content = render.finish_app_links(page.content, {app_id: get_relative_url(url, page.url)
                                                          for app_id, url in _build["app_urls"].items()})
    help_html = "" if is_home else _help_now_aside(get_relative_url(_build["contacts_url"], page.url), directory)
    review_html = ""
    if is_home:  # the site's latest review date (site plan), not just the home page's own
        latest = latest_review(Path(page.file.abs_src_path).parent)
        review_html = render.site_review_note(data, lang, latest, _build["help_now"],
                                              get_relative_url(_build["changelog_url"], page.url)) if latest else ""
    context["page_footer_html"] = render.page_footer(data, lang, sources, str(reviewed) if reviewed else None,
                                                     help_html, review_html)
    return context
