"""MkDocs adapter: the bilingual rails every page runs on.

- stops the build when a page lacks its twin in the other language (scripts/checks/parity.py);
- gives templates the interface text of the build language as `ui` (data/labels.yml, loaded with the
  other data by scripts/sitedata/records.py);
- flags pages whose twin changed since the pair was last synced (scripts/checks/freshness.py), so
  the template can show "this translation may be out of date";
- makes the language-switcher links relative, so they work under a GitHub Pages sub-path and from
  file:// (scripts/web/alternates.py), and gives the head its absolute hreflang URLs;
- lets each language's build reuse the templates the previous one compiled (the same files: compiling
  them again was a tenth of the build).

The logic is in scripts/; this file only wires it to MkDocs events. static-i18n builds each
language in turn and calls on_config again for each, so state is reset there, per language.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # MkDocs imports hooks by path; our modules live at the repo root.
    sys.path.insert(0, str(ROOT))

import jinja2  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from scripts import paths, stack  # noqa: E402
from scripts.checks import freshness, parity  # noqa: E402
from scripts.sitedata.records import DataError, load_cached  # noqa: E402
from scripts.web import alternates, error_pages  # noqa: E402

_build: dict = {}
# What one run of the build (every language) shares; worked out again when the first language starts.
_run: dict = {}


def offline_build() -> bool:
    return os.environ.get("OFFLINE", "").lower() in ("1", "true", "yes")


@event_priority(-110)  # after static-i18n's on_config (-100), which sets the build language
def on_config(config):
    try:
        stack.check()
    except stack.StackError as error:
        raise PluginError(str(error)) from None
    problems = parity.missing_twins(Path(config.docs_dir))
    if problems:
        raise PluginError("Missing translations:\n" + "\n".join(map(str, problems)))
    try:
        labels = load_cached()[0].labels
    except DataError as error:
        raise PluginError("The data files have errors:\n" + "\n".join(map(str, error.problems))) from None
    lang = config.theme["language"]
    # The same for every language: worked out by the first language's build, reused by the next.
    if lang == paths.build_order()[0] or "outdated" not in _run:
        _run["outdated"] = freshness.outdated_pages(Path(config.docs_dir))
    outdated = _run["outdated"]
    _build.clear()
    _build.update(
        lang=lang,
        ui=labels[lang],
        all_ui=labels,
        base_path=alternates.site_path(config.site_url),
        site_url=(config.site_url or "").rstrip("/") + "/",
        offline=offline_build(),
        outdated=outdated.get(lang, set()),
    )
    return config


def _relative_alternates(config) -> list[dict]:
    # static-i18n sets the per-page list as an attribute of config.extra (which shadows the dict
    # item that mkdocs.yml filled); templates read the attribute, so we do too.
    alts = getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []
    for alt in alts:
        alt["link"] = alternates.relative_link(alt["link"], _build["base_path"])
    return alts


def on_page_context(context, page, config, nav):
    alts = _relative_alternates(config)
    context["ui"] = _build["ui"]
    context["site_offline"] = _build["offline"]
    # A notice when the other language changed since the pair was last synced (i18n-sync.yml).
    context["translation_outdated"] = getattr(page.file, "norm_src_uri", None) in _build["outdated"]
    # Absolute URLs for <link rel="alternate" hreflang> (search engines want them absolute);
    # none offline, where they would point readers' browsers at the network.
    context["hreflang_links"] = [] if _build["offline"] else [
        {"lang": alt["lang"], "href": _build["site_url"] + ("" if alt["link"] == "." else alt["link"])}
        for alt in alts
    ]
    return context


def on_template_context(context, template_name, config):
    # Static templates (404.html, sitemap.xml) have no page. The 404 page is built in each language
    # (scripts/web/error_pages.py); its language switch goes to the other language's home.
    context["ui"] = _build["ui"]
    context["all_ui"] = _build["all_ui"]
    context["site_offline"] = _build["offline"]
    context["hreflang_links"] = []
    if template_name == error_pages.TEMPLATE:
        alts = getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []
        names = {alt["lang"]: alt["name"] for alt in alts}
        context["error_alternates"] = error_pages.switch_links(config.site_url, _build["lang"], names)
        context["error_homes"] = {lang: error_pages.home(config.site_url, lang) for lang in paths.LANGUAGES}
        # A reader who mistyped an address may still need help now: the same lines as every page's foot.
        context["error_help"] = error_pages.help_now(load_cached()[0], _build["lang"], config.extra.get("help_now") or [],
                                                     config.site_url)
    return context


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the whole process. static-i18n builds each language with
    a new Jinja environment, which would compile every template again; Jinja looks a template up here by
    its name and file, and reuses it only while its source is unchanged (a checksum), so `make serve`
    still picks up an edited template."""

    def __init__(self) -> None:
        self.code: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        known = self.code.get(bucket.key)
        if known is not None and known[0] == bucket.checksum:
            bucket.code = known[1]

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = (bucket.checksum, bucket.code)


_compiled_templates = CompiledTemplates()


def on_env(env, config, files):
    env.bytecode_cache = _compiled_templates
    return env
