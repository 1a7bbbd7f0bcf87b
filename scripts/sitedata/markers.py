"""Data markers in pages: `<!-- data:NAME key=value key=a,b -->`, replaced by rendered HTML.

An HTML comment is invisible in GitHub's Markdown preview and harmless if nothing processes it; the
build, however, refuses a marker it does not understand, with the page, the line and the fix.
Markers are documented for contributors in CONTRIBUTING.md ("Placing help lines, laws and sources").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from scripts import mdsource, paths
from scripts.sitedata import render
from scripts.sitedata.records import SiteData

MARKER = re.compile(r"<!--\s*data:(?P<name>[a-z][a-z-]*)(?P<args>(?:\s+[a-z_]+=[^\s>]+)*)\s*-->")
LOOSE_MARKER = re.compile(r"<!--\s*data[:\s]")  # anything that looks like an attempt at a marker


class MarkerError(ValueError):
    def __init__(self, message: str, fix: str):
        super().__init__(f"{message} — {fix}")
        self.message, self.fix = message, fix


@dataclass(frozen=True)
class Marker:
    text: str
    name: str
    args: dict[str, list[str]]
    line: int
    start: int = 0  # character offset in the text it was found in


def _enum(schema_file: str, *path: str) -> list[str]:
    node = json.loads((paths.DATA / "schema" / schema_file).read_text(encoding="utf-8"))
    for key in path:
        node = node[key]
    return node["enum"]


def find(text: str) -> tuple[list[Marker], list[tuple[int, str]]]:
    """Markers in `text` with their 1-based line, and lines holding something marker-like but malformed.
    Code shown to readers (e.g. a page explaining markers) is left alone (scripts/mdsource.py)."""
    markers, malformed = [], []
    code_spans = mdsource.code_spans(text)
    matched_spans = list(code_spans)
    for match in MARKER.finditer(text):
        if any(start <= match.start() < end for start, end in code_spans):
            continue
        line = text.count("\n", 0, match.start()) + 1
        args: dict[str, list[str]] = {}
        for pair in match.group("args").split():
            key, _, value = pair.partition("=")
            args[key] = [v for v in value.split(",") if v]
        markers.append(Marker(match.group(0), match.group("name"), args, line, match.start()))
        matched_spans.append(match.span())
    for match in LOOSE_MARKER.finditer(text):
        if not any(start <= match.start() < end for start, end in matched_spans):
            malformed.append((text.count("\n", 0, match.start()) + 1, text[match.start():].split("\n", 1)[0]))
    return markers, malformed


# --- What each marker accepts --------------------------------------------------------------------

def _check_keys(marker: Marker, allowed: set[str], required: set[str] = frozenset()) -> None:
    unknown = set(marker.args) - allowed
    if unknown:
        raise MarkerError(f"data:{marker.name} does not take {', '.join(sorted(unknown))}",
                          f"use only: {', '.join(sorted(allowed)) or 'no arguments'}")
    missing = required - set(marker.args)
    if missing:
        raise MarkerError(f"data:{marker.name} needs {', '.join(sorted(missing))}",
                          f"write e.g. <!-- data:{marker.name} {' '.join(f'{k}=…' for k in sorted(missing))} -->")


def _ids(marker: Marker, known: dict, kind: str, file: str) -> list[str] | None:
    ids = marker.args.get("ids")
    if ids is None:
        return None
    for record_id in ids:
        if record_id not in known:
            close = [k for k in known if record_id.split("-")[-1] in k][:3]
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise MarkerError(f"unknown {kind} id {record_id!r}{hint}", f"use an id from {file}")
    return ids


def _values(marker: Marker, key: str, allowed: list[str]) -> list[str] | None:
    values = marker.args.get(key)
    if values is None:
        return None
    for value in values:
        if value not in allowed:
            raise MarkerError(f"unknown {key} {value!r} in data:{marker.name}", f"use one of: {', '.join(allowed)}")
    return values


def _single(marker: Marker, key: str) -> str | None:
    values = marker.args.get(key)
    if values is not None and len(values) != 1:
        raise MarkerError(f"data:{marker.name} takes one {key}", f"write {key}=one-value")
    return values[0] if values else None


def _render_helplines(data: SiteData, lang: str, m: Marker) -> str:
    _check_keys(m, {"ids", "country", "situation", "audience", "style"})
    ids = _ids(m, data.helplines, "help line", "data/helplines.yml")
    country = _values(m, "country", _enum("common.schema.json", "$defs", "country"))
    situation = _values(m, "situation", _enum("common.schema.json", "$defs", "situation"))
    audience = _values(m, "audience", _enum("common.schema.json", "$defs", "audience"))
    style = _single(m, "style") or "cards"
    if style not in ("cards", "compact"):
        raise MarkerError(f"unknown style {style!r}", "use style=cards or style=compact")
    lines = render.select_helplines(data, ids, country, situation, audience)
    if not lines:
        raise MarkerError("these filters match no help line", "loosen the filters or check data/helplines.yml")
    return render.helplines_block(data, lang, lines, style)


def _render_contacts(data: SiteData, lang: str, m: Marker) -> str:
    _check_keys(m, {"situation", "country"}, {"situation"})
    situation = _single(m, "situation")
    _values(m, "situation", _enum("common.schema.json", "$defs", "situation"))
    _values(m, "country", _enum("common.schema.json", "$defs", "country"))
    country = _single(m, "country") or "FR"
    html = render.contacts_block(data, lang, situation, country)
    if "data-record" not in html:
        raise MarkerError(f"no help line serves {situation!r} in {country}", "choose another situation or country")
    return html


def _render_directory(data: SiteData, lang: str, m: Marker) -> str:
    _check_keys(m, {"country"})
    allowed = _enum("common.schema.json", "$defs", "country")
    return render.directory_block(data, lang, _values(m, "country", allowed) or allowed)


def _laws(data: SiteData, m: Marker) -> list[dict]:
    _check_keys(m, {"ids", "topic"})
    ids = _ids(m, data.laws, "law", "data/laws.yml")
    topic = _values(m, "topic", _enum("laws.schema.json", "$defs", "law", "properties", "topics", "items"))
    laws = render.select_laws(data, ids, topic)
    if not laws:
        raise MarkerError("these filters match no law", "check the topic or the ids in data/laws.yml")
    return laws


def _render_sources(data: SiteData, lang: str, m: Marker) -> str:
    _check_keys(m, {"ids"})
    ids = _ids(m, data.sources, "source", "data/sources.yml")
    return render.sources_block(data, lang, ids if ids is not None else list(data.sources))


def _one(m: Marker, known: dict, kind: str, file: str, key: str = "id") -> dict:
    values = m.args.get(key)
    if not values or len(values) != 1:
        raise MarkerError(f"data:{m.name} needs exactly one {key}", f"write <!-- data:{m.name} {key}=… -->")
    if values[0] not in known:
        close = [k for k in known if values[0].split("-")[-1] in k][:3]
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise MarkerError(f"unknown {kind} id {values[0]!r}{hint}", f"use an id from {file}")
    return known[values[0]]


def _render_figure(data: SiteData, lang: str, m: Marker) -> str:
    _check_keys(m, {"id"}, {"id"})
    return render.figure_inline(_one(m, data.figures, "figure", "data/figures.yml"), lang, data)


def _render_tel(data: SiteData, lang: str, m: Marker) -> str:
    _check_keys(m, {"id"}, {"id"})
    line = _one(m, data.helplines, "help line", "data/helplines.yml")
    if "phone" not in line:
        raise MarkerError(f"{line['id']} has no phone number", "use <!-- data:link id=… --> for a website")
    return render.tel_inline(line)


def _render_call(data: SiteData, lang: str, m: Marker) -> str:
    _check_keys(m, {"id"}, {"id"})
    line = _one(m, data.helplines, "help line", "data/helplines.yml")
    if "phone" not in line:
        raise MarkerError(f"{line['id']} has no phone number to call", "use a help line with a `phone`, e.g. fr-3018")
    return render.call_inline(line, lang, data)


CRISIS_AUDIENCES = ("teens", "parents")


def _render_crisis(data: SiteData, lang: str, m: Marker) -> str:
    _check_keys(m, {"for"})
    audience = _single(m, "for") or "teens"
    if audience not in CRISIS_AUDIENCES:
        raise MarkerError(f"unknown for {audience!r} in data:crisis", f"use for={' or for='.join(CRISIS_AUDIENCES)}")
    missing = [i for i in ("fr-3114", "fr-17", "fr-112", "fr-15", "fr-114") if i not in data.helplines]
    if missing:
        raise MarkerError(f"data:crisis needs the help lines {', '.join(missing)}", "restore them in data/helplines.yml")
    return render.crisis_block(data, lang, audience)


def _render_scam_warning(data: SiteData, lang: str, m: Marker) -> str:
    _check_keys(m, set())
    return render.scam_warning_block(data, lang)


def _render_call_now(data: SiteData, lang: str, m: Marker) -> str:
    """The first-screen call button (home page and hubs): the line's name, hours and cost, then who
    answers when it is closed (`other=`, else the line's `night_alternative` in data)."""
    _check_keys(m, {"id", "other"}, {"id"})
    line = _one(m, data.helplines, "help line", "data/helplines.yml")
    other = _one(m, data.helplines, "help line", "data/helplines.yml", key="other") if "other" in m.args else None
    for record in (line, other):
        if record is not None and "phone" not in record:
            raise MarkerError(f"{record['id']} has no phone number", "choose a help line with a phone number")
    if other is None and line.get("night_alternative"):
        other = data.helplines[line["night_alternative"]]
    return render.call_block(data, lang, line, other)


def _render_link(data: SiteData, lang: str, m: Marker) -> str:
    _check_keys(m, {"id"}, {"id"})
    line = _one(m, data.helplines, "help line", "data/helplines.yml")
    if "url" not in line:
        raise MarkerError(f"{line['id']} has no website", "use <!-- data:tel id=… --> for a phone number")
    return render.link_inline(line, lang)


def _render_penalty(data: SiteData, lang: str, m: Marker) -> str:
    _check_keys(m, {"law", "case", "version"}, {"law"})
    law = _one(m, data.laws, "law", "data/laws.yml", key="law")
    case = _single(m, "case") or "base"
    try:
        tier = render.law_tier(law, case)
    except KeyError:
        raise MarkerError(f"{law['id']} has no case {case!r}",
                          "use case=base, case=heaviest, case=aggravation-N or case=other-N (N counts from 1)") from None
    version = _single(m, "version") or "current"
    if version not in ("current", "previous"):
        raise MarkerError(f"version={version} is not known", "use version=previous (or leave it out for the penalty in force)")
    if version == "previous" and "previous" not in tier:
        raise MarkerError(f"{law['id']} {case} has no previous penalty in data/laws.yml",
                          "add `previous:` to that tier, or remove version=previous")
    return render.penalty_inline(law, tier, lang, data, previous=version == "previous")


def _render_in_force(data: SiteData, lang: str, m: Marker) -> str:
    _check_keys(m, {"law"}, {"law"})
    return render.in_force_inline(_one(m, data.laws, "law", "data/laws.yml", key="law"), lang)


def _render_cite(data: SiteData, lang: str, m: Marker) -> str:
    _check_keys(m, {"ids"}, {"ids"})
    return render.cite_inline([data.sources[i] for i in _ids(m, data.sources, "source", "data/sources.yml")],
                              lang, data)


def _render_country_lines(data: SiteData, lang: str, m: Marker) -> str:
    """The reader's country's lines (chosen with the help box's chooser). `call=` is the right-now box
    of a what-to-do page: France's block is that line's big call button, and France is shown before a
    choice in both languages, so the box stays one screen long; `ids=` gives France's block as a list
    of those lines instead of its short block (the home page)."""
    _check_keys(m, {"ids", "call"})
    if "ids" in m.args and "call" in m.args:
        raise MarkerError("data:country-lines takes ids= or call=, not both", "keep call= in a right-now box")
    ids = _ids(m, data.helplines, "help line", "data/helplines.yml")
    france, default = "", None
    if ids:
        france = render.helplines_block(data, lang, [data.helplines[i] for i in ids], "compact")
    elif "call" in m.args:
        line = _one(m, data.helplines, "help line", "data/helplines.yml", key="call")
        if "phone" not in line:
            raise MarkerError(f"{line['id']} has no phone number to call", "use a help line with a `phone`, e.g. fr-3018")
        france = render.call_inline(line, lang, data) + render.country_quick_line(data, lang, "FR")
        default = "FR"
    return render.block("country-lines", render.country_help(data, lang, "maintenant", render.DIRECTORY_HREF, france,
                                                             default=default))


def _app(data: SiteData, m: Marker) -> dict:
    return _one(m, data.apps, "app", "data/apps.yml")


def _render_app_steps(data: SiteData, lang: str, m: Marker) -> str:
    _check_keys(m, {"id", "section"}, {"id", "section"})
    section = _single(m, "section")
    if section not in render.APP_SECTIONS:
        raise MarkerError(f"unknown section {section!r} in data:app-steps", f"use one of: {', '.join(render.APP_SECTIONS)}")
    return render.app_steps(_app(data, m), section, lang, data)


def _render_app_checked(data: SiteData, lang: str, m: Marker) -> str:
    _check_keys(m, {"id"}, {"id"})
    return render.app_checked(_app(data, m), lang, data)


def _render_app_facts(data: SiteData, lang: str, m: Marker) -> str:
    _check_keys(m, {"id"}, {"id"})
    return render.app_facts(_app(data, m), lang, data)


def _render_apps(data: SiteData, lang: str, m: Marker) -> str:
    _check_keys(m, set())
    if not data.apps:
        raise MarkerError("data/apps.yml has no app", "add the app records first")
    return render.apps_hub(data, lang)


# Inline markers sit inside a sentence; the others are blocks of their own. country-lines is a block
# that keeps its line as it is, so it can sit indented inside a right-now admonition.
INLINE = {"figure", "tel", "call", "link", "penalty", "in-force", "cite", "country-lines"}

RENDERERS: dict[str, Callable[[SiteData, str, Marker], str]] = {
    "figure": _render_figure,
    "tel": _render_tel,
    "call": _render_call,
    "call-now": _render_call_now,
    "crisis": _render_crisis,
    "scam-warning": _render_scam_warning,
    "link": _render_link,
    "penalty": _render_penalty,
    "in-force": _render_in_force,
    "cite": _render_cite,
    "helplines": _render_helplines,
    "contacts": _render_contacts,
    "directory": _render_directory,
    "laws": lambda data, lang, m: render.laws_block(data, lang, _laws(data, m)),
    "penalties": lambda data, lang, m: render.penalties_table(data, lang, _laws(data, m)),
    "sources": _render_sources,
    "glossary": lambda data, lang, m: (_check_keys(m, set()), render.glossary_block(data, lang))[1],
    "country-lines": _render_country_lines,
    "country-jump": lambda data, lang, m: (_check_keys(m, set()), render.country_jump(data, lang))[1],
    "law-scope": lambda data, lang, m: (_check_keys(m, set()), render.law_scope(data, lang))[1],
    "app-checked": _render_app_checked,
    "app-steps": _render_app_steps,
    "app-facts": _render_app_facts,
    "apps": _render_apps,
}


def render_marker(data: SiteData, lang: str, marker: Marker) -> str:
    renderer = RENDERERS.get(marker.name)
    if renderer is None:
        raise MarkerError(f"unknown data marker data:{marker.name}", f"use one of: {', '.join(sorted(RENDERERS))}")
    return renderer(data, lang, marker)


def expand(text: str, data: SiteData, lang: str, source_path: Path | str,
           source: str | None = None, stash: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """Replace every marker in a page. Returns the new text and `path:line: problem — fix` messages.

    `source` is the whole file as written (front matter included): markers are found there, so
    line numbers match what the contributor sees, and replaced in `text` (what MkDocs renders).
    With `stash`, each marker becomes a short placeholder comment and its HTML goes into `stash`
    (placeholder -> HTML), to be put back by `unstash` after Markdown: Markdown then never parses the
    rendered blocks (slow, and nothing in them is Markdown).
    """
    # MkDocs renders the file minus its front matter: find markers in the whole file (true line numbers)
    # and replace each at its own position in `text`, so a marker shown as code elsewhere is never hit.
    offset = source.find(text) if source is not None else -1  # MkDocs also strips the last newline
    if offset < 0:
        source, offset = text, 0
    markers, malformed = find(source)
    errors = [f"{source_path}:{line}: this looks like a data marker but cannot be read: {snippet.strip()!r} — "
              "write it as <!-- data:NAME key=value -->, on one line" for line, snippet in malformed]
    pieces, end, marker_errors = [], len(text), []
    for marker in reversed(markers):  # from the end, so that earlier positions stay valid
        start = marker.start - offset
        if start < 0 or text[start:start + len(marker.text)] != marker.text:
            continue  # in the front matter: not part of what MkDocs renders
        try:
            html = render_marker(data, lang, marker)
        except MarkerError as error:
            marker_errors.append(f"{source_path}:{marker.line}: {error.message} — {error.fix}")
            continue
        if stash is not None:
            # A block marker becomes an HTML comment on its own lines (a raw HTML block to Markdown); an
            # inline one, two private-use characters around a number, which Markdown leaves as text (a
            # comment at the start of a line would end the paragraph).
            key = f"\ue000{len(stash)}\ue001" if marker.name in INLINE else f"<!--data-block-{len(stash)}-->"
            stash[key], html = html, key
        # Blank lines around a block keep Markdown from wrapping it in a paragraph.
        pieces += [text[start + len(marker.text):end], html if marker.name in INLINE else f"\n\n{html}\n\n"]
        end = start
    errors += reversed(marker_errors)
    text = text[:end] + "".join(reversed(pieces))
    return text, errors


PLACEHOLDER = re.compile(r"<!--data-block-\d+-->|\ue000\d+\ue001")
PLACEHOLDER_PARAGRAPH = re.compile(r"<p>(<!--data-block-\d+-->)</p>")


def unstash(html: str, stash: dict[str, str]) -> str:
    """Put the rendered blocks back in a page's HTML (see expand); a placeholder that Markdown wrapped in
    a paragraph of its own loses the paragraph."""
    html = PLACEHOLDER_PARAGRAPH.sub(r"\1", html)
    return PLACEHOLDER.sub(lambda match: stash[match.group(0)], html)
