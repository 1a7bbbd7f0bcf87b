"""Load data/*.yml, validate it (JSON Schema, then meaning), and index the records by id.

Every problem is a `Problem` naming the file and line, what is wrong and how to fix it. Records
whose `checked_on` is older than a year are reported as warnings (they still build).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from scripts import paths
from scripts.checks.files import not_utf8
from scripts.checks.report import Problem, rel
from scripts.sitedata.lawtext import sentence_problems
from scripts.sitedata.yamlload import Document, YamlError, load
from scripts.web import language

# (file name, top-level list key); labels.yml is a mapping, handled apart.
RECORD_FILES = (("sources.yml", "sources"), ("laws.yml", "laws"), ("helplines.yml", "helplines"),
                ("figures.yml", "figures"), ("glossary.yml", "terms"), ("apps.yml", "apps"))
LAW_HOST = "www.legifrance.gouv.fr"
STALE_AFTER_DAYS = 365
# Apps change their menus often: an app record is "old" after six months, not twelve.
STALE_AFTER = {"apps": (183, "6 months")}


@dataclass
class SiteData:
    sources: dict[str, dict] = field(default_factory=dict)
    laws: dict[str, dict] = field(default_factory=dict)
    helplines: dict[str, dict] = field(default_factory=dict)
    countries: dict[str, dict] = field(default_factory=dict)  # country code -> {role: [helpline ids]}
    figures: dict[str, dict] = field(default_factory=dict)
    apps: dict[str, dict] = field(default_factory=dict)  # data/apps.yml, in file order
    terms: dict[str, dict] = field(default_factory=dict)  # glossary
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> key -> text
    search: dict = field(default_factory=dict)  # data/search-synonyms.yml (stop words, groups, no-results)

    def search_config(self) -> dict:
        """data/search-synonyms.yml plus one group per app of data/apps.yml: its name and the names and
        misspellings readers type (`also_known_as`) bring its guide (applis/<id>/) forward, with the pages
        about strangers reaching children in games and apps (the `games-and-apps` group's pages). One group
        per app, so that typing one app's name does not also look for every other app."""
        groups = list(self.search.get("groups", []))
        contact = next((g.get("pages", []) for g in groups if g.get("id") == "games-and-apps"), [])
        for app_id, app in self.apps.items():
            words = list(dict.fromkeys([app["name"].casefold(), *(w.casefold() for w in app["also_known_as"])]))
            groups.append({"id": f"app-{app_id}", "fr": words, "en": words, "pages": [f"applis/{app_id}/", *contact]})
        return {**self.search, "groups": groups}

    def label(self, key: str, lang: str) -> str:
        try:
            return self.labels[lang][key]
        except KeyError:
            raise KeyError(f"data/labels.yml has no {key!r} label") from None


class DataError(ValueError):
    """Raised by `load_or_raise` when the data has errors; `problems` holds them all."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def _schemas(schema_dir: Path) -> dict[str, dict]:
    """Every schema of the folder, by file name, each read once."""
    return {file.name: json.loads(file.read_text(encoding="utf-8")) for file in schema_dir.glob("*.schema.json")}


def _inline_refs(node, base: str, schemas: dict[str, dict], seen: tuple[str, ...] = ()):
    """`node` (from the schema file `base`) with each {"$ref": ...} replaced by the schema it names, in that
    file or another of `schemas`. A reference costs jsonschema a lookup each time a value is checked
    against it (half of the validation time here); the errors, their paths and messages stay the same. A
    reference that leads back to itself stays a reference (made absolute), for the registry to resolve."""
    if isinstance(node, list):
        return [_inline_refs(item, base, schemas, seen) for item in node]
    if not isinstance(node, dict):
        return node
    rest = {key: _inline_refs(value, base, schemas, seen) for key, value in node.items() if key != "$ref"}
    ref = node.get("$ref")
    if not isinstance(ref, str):
        return rest
    file_name, _, pointer = ref.partition("#")
    file_name = file_name or base
    absolute = f"{file_name}#{pointer}"
    if absolute in seen:
        return {"$ref": absolute, **rest}
    target = schemas[file_name]
    for part in pointer.strip("/").split("/"):
        if part:
            target = target[part.replace("~1", "/").replace("~0", "~")]
    resolved = _inline_refs(target, file_name, schemas, seen + (absolute,))
    return {**rest, "allOf": [resolved]} if rest else resolved


def validator(schema_dir: Path, name: str) -> Draft202012Validator:
    schemas = _schemas(schema_dir)
    registry = Registry().with_resources((file_name, Resource.from_contents(contents))
                                         for file_name, contents in schemas.items())
    return Draft202012Validator(_inline_refs(schemas[name], name, schemas), registry=registry,
                                format_checker=FormatChecker())


# --- Turning JSON Schema errors into plain words ------------------------------------------------

def _field_name(path: tuple) -> str:
    names = [str(p) for p in path if not isinstance(p, int)]
    return names[-1] if names else "this entry"


def _record_label(doc: Document, path: tuple, subject: str = "the file", records: bool = True) -> str:
    if records and len(path) >= 2 and isinstance(path[1], int):
        try:
            record = doc.data[path[0]][path[1]]
            if isinstance(record, dict) and "id" in record:
                return f"record {record['id']!r}"
        except (KeyError, IndexError, TypeError):
            pass
        return f"record #{path[1] + 1}"
    return subject


def _pattern_fix(field_name: str, schema: dict) -> str:
    pattern = schema.get("pattern", "")
    if "https" in pattern:
        return "web addresses must start with https:// (never http://)"
    if field_name in ("checked_on", "in_force_since", "published") or "[0-9]{4}" in pattern:
        return "write dates as YYYY-MM-DD, e.g. 2026-11-22"
    if field_name in ("id", "sources") or "a-z0-9" in pattern:
        return "ids use lower-case letters, digits and hyphens, e.g. fr-3018"
    if "lang=" in pattern:
        return "mark a passage in another language as [passage]{lang=fr}: square brackets, then {lang=xx} right after"
    if field_name in ("tel", "tel_abroad"):
        return "write only the digits to dial (a leading + is allowed), e.g. 3018 or +33180523376"
    return f"it must match {pattern}"


def schema_problem(doc: Document, error, subject: str = "the file", records: bool = True) -> Problem:
    """A JSON Schema error in plain words, at the line of the value concerned.
    `records`: the file is lists of records with ids (data/*.yml), not a single mapping (front matter)."""
    path = tuple(error.absolute_path)
    where = rel(doc.path)
    line = doc.line(path)
    what = _record_label(doc, path, subject, records)
    name = _field_name(path)
    kind = error.validator
    if kind == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        prop = missing.group(1) if missing else "?"
        fix = f"add `{prop}:` to it"
        if prop == "in_force_since":
            fix = "add `in_force_since: YYYY-MM-DD`, the date the version summarised here took effect (see Légifrance)"
        return Problem(where, line, f"{what} has no `{prop}`", fix)
    if kind == "additionalProperties":
        extra = re.findall(r"'([^']+)'", error.message.split("(")[-1])
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        return Problem(where, doc.line(path + (extra[0],)) if extra else line,
                       f"{what} has an unknown key `{', '.join(extra)}`",
                       f"remove it or fix its spelling (allowed: {allowed})")
    if kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        return Problem(where, line, f"{what}: `{name}` is {error.instance!r}, which is not allowed",
                       "use one of: " + ", ".join(map(str, allowed)))
    if kind == "pattern":
        return Problem(where, line, f"{what}: `{name}` is {error.instance!r}", _pattern_fix(name, error.schema))
    if kind == "format":
        return Problem(where, line, f"{what}: `{name}` is {error.instance!r}, not a valid {error.validator_value}",
                       "write dates as YYYY-MM-DD (a real date)" if error.validator_value == "date"
                       else "check the value")
    if kind == "type":
        wanted = {"integer": "a whole number (e.g. 75000, not \"75 000 €\")", "string": "text",
                  "array": "a list, e.g. [a, b]", "object": "a block of `key: value` lines",
                  "boolean": "true or false"}.get(error.validator_value, error.validator_value)
        return Problem(where, line, f"{what}: `{name}` must be {wanted}", "change the value to the right kind")
    if kind in ("anyOf", "oneOf") and path and path[-1] == "hours":
        return Problem(where, line, f"{what}: `hours` is not understood",
                       "use always, online, varies, or {days: every-day, from: \"09:00\", to: \"23:00\"}")
    if kind == "anyOf" and error.schema.get("anyOf") and all("required" in s for s in error.schema["anyOf"]):
        options = " or ".join(f"`{s['required'][0]}`" for s in error.schema["anyOf"])
        return Problem(where, line, f"{what} needs {options}", f"add {options.replace(' or ', ' or ')}")
    if kind in ("maxLength", "minLength"):
        size, limit = len(error.instance), error.validator_value
        if kind == "maxLength":
            return Problem(where, line, f"{what}: `{name}` is {size} characters long, more than {limit}",
                           f"shorten it to {limit} characters or fewer")
        return Problem(where, line, f"{what}: `{name}` is {size} characters long, fewer than {limit}",
                       f"write at least {limit} characters")
    if kind == "minItems":
        return Problem(where, line, f"{what}: `{name}` is empty", f"list at least {error.validator_value} value(s)")
    if kind == "uniqueItems":
        return Problem(where, line, f"{what}: `{name}` lists the same value twice", "remove the repeated value")
    if kind in ("minimum", "maximum"):
        word = "at least" if kind == "minimum" else "at most"
        return Problem(where, line, f"{what}: `{name}` is {error.instance}", f"use a number {word} {error.validator_value}")
    if kind == "dependentRequired":
        return Problem(where, line, f"{what}: {error.message}", "add the missing field")
    return Problem(where, line, f"{what}: {error.message}", "fix the value (see the schema in data/schema/)")


# --- Loading ------------------------------------------------------------------------------------

def _read(path: Path, problems: list[Problem]) -> Document | None:
    if not path.exists():
        problems.append(Problem(rel(path), 0, "this data file is missing", "restore it from git"))
        return None
    encoding = not_utf8(path)
    if encoding is not None:
        problems.append(encoding)
        return None
    try:
        return load(path)
    except YamlError as error:
        problems.append(Problem(rel(path), error.line, error.message.split(" — ")[0],
                                error.message.split(" — ")[1] if " — " in error.message else "fix the YAML"))
        return None


def _check_dates(doc: Document, key: str, records: list, today: dt.date, problems: list[Problem]) -> None:
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            continue  # the schema reports it ("must be a block of `key: value` lines")
        for date_field in ("checked_on", "in_force_since"):
            value = record.get(date_field)
            try:
                day = dt.date.fromisoformat(value) if isinstance(value, str) else None
            except ValueError:
                continue  # the schema already reported it
            if day is None:
                continue
            line = doc.line((key, i, date_field))
            if day > today:
                problems.append(Problem(rel(doc.path), line, f"record {record.get('id')!r}: `{date_field}` "
                                        f"{value} is in the future",
                                        "use the date you actually checked the source" if date_field == "checked_on"
                                        else "use the date this version took effect"))
            elif date_field == "checked_on" and (today - day).days > STALE_AFTER.get(key, (STALE_AFTER_DAYS,))[0]:
                span = STALE_AFTER.get(key, (0, "12 months"))[1]
                problems.append(Problem(rel(doc.path), line, f"record {record.get('id')!r} was last checked on "
                                        f"{value}, more than {span} ago",
                                        "re-read the source, update the record if needed, then set checked_on "
                                        "to today's date", severity="warning"))


def _digits(text: str) -> str:
    return re.sub(r"[^0-9+]", "", text)


def load_data(data_dir: Path = paths.DATA, today: dt.date | None = None,
              languages=paths.LANGUAGES) -> tuple[SiteData, list[Problem]]:
    """Read and check every data file. Returns the data (possibly partial) and all problems."""
    today = today or paths.today()
    schema_dir = data_dir / "schema"
    problems: list[Problem] = []
    data = SiteData()
    docs: dict[str, Document] = {}

    for file_name, key in RECORD_FILES:
        doc = _read(data_dir / file_name, problems)
        if doc is None:
            continue
        docs[key] = doc
        schema = validator(schema_dir, file_name.replace(".yml", ".schema.json"))
        errors = sorted(schema.iter_errors(doc.data), key=lambda e: doc.line(tuple(e.absolute_path)))
        problems.extend(schema_problem(doc, e) for e in errors)
        records = doc.data.get(key, []) if isinstance(doc.data, dict) else []
        records = records if isinstance(records, list) else []
        seen: dict[str, int] = {}
        for i, record in enumerate(records):
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                continue
            rid, line = record["id"], doc.line((key, i, "id"))
            if rid in seen:
                problems.append(Problem(rel(doc.path), line, f"the id {rid!r} is used twice (first on line {seen[rid]})",
                                        "give each record its own id; never reuse one that pages cite"))
                continue
            seen[rid] = line
            getattr(data, key)[rid] = record
        _check_dates(doc, key, records, today, problems)

    labels_doc = _read(data_dir / "labels.yml", problems)
    if labels_doc is not None:
        labels_schema = validator(schema_dir, "labels.schema.json")
        problems.extend(schema_problem(labels_doc, e) for e in labels_schema.iter_errors(labels_doc.data))
        if isinstance(labels_doc.data, dict):
            data.labels = {lang: {k: v[lang] for k, v in labels_doc.data.items()
                                  if isinstance(v, dict) and isinstance(v.get(lang), str)} for lang in languages}

    search_doc = _read(data_dir / "search-synonyms.yml", problems)
    if search_doc is not None:
        search_schema = validator(schema_dir, "search-synonyms.schema.json")
        errors = sorted(search_schema.iter_errors(search_doc.data), key=lambda e: search_doc.line(tuple(e.absolute_path)))
        problems.extend(schema_problem(search_doc, e, records=False) for e in errors)
        if not errors:
            data.search = search_doc.data
            seen_groups: dict[str, int] = {}
            for i, group in enumerate(search_doc.data["groups"]):
                line = search_doc.line(("groups", i, "id"))
                if group["id"] in seen_groups:
                    problems.append(Problem(rel(search_doc.path), line,
                                            f"the group id {group['id']!r} is used twice (first on line "
                                            f"{seen_groups[group['id']]})", "give each group its own id"))
                seen_groups.setdefault(group["id"], line)

    # Meaning: what a schema cannot say.
    if "laws" in docs:
        doc = docs["laws"]
        for i, law in enumerate(doc.data.get("laws") or []):
            if not isinstance(law, dict):
                continue
            host = urlsplit(str(law.get("source_url", ""))).hostname
            if law.get("source_url") and host != LAW_HOST:
                problems.append(Problem(rel(doc.path), doc.line(("laws", i, "source_url")),
                                        f"record {law.get('id')!r}: legal texts must link to {LAW_HOST}, not {host}",
                                        "use the article's Légifrance address (…/codes/article_lc/LEGIARTI…)"))
            # Each penalty must be the one its official sentence states (scripts/sitedata/lawtext.py).
            for path, message, fix in sentence_problems(law):
                problems.append(Problem(rel(doc.path), doc.line(("laws", i) + path), message, fix))
    for key in ("laws", "helplines", "figures", "terms"):
        doc = docs.get(key)
        if doc is None:
            continue
        for i, record in enumerate(doc.data.get(key) or []):
            if not isinstance(record, dict):
                continue
            if key == "figures" and data.sources and record.get("source") not in data.sources:
                problems.append(Problem(rel(doc.path), doc.line((key, i, "source")),
                                        f"figure {record.get('id')!r} cites an unknown source id {record.get('source')!r}",
                                        "add it to data/sources.yml or fix the id"))
            for lang, template in (record.get("format") or {}).items():
                if key == "figures" and "{n}" not in str(template):
                    problems.append(Problem(rel(doc.path), doc.line((key, i, "format")),
                                            f"figure {record.get('id')!r}: the {lang} format has no {{n}}",
                                            "write where the number goes, e.g. \"{n} secondes\""))
            for j, source_id in enumerate(record.get("sources") or []):
                if data.sources and source_id not in data.sources:
                    problems.append(Problem(rel(doc.path), doc.line((key, i, "sources", j)),
                                            f"record {record.get('id')!r} cites an unknown source id {source_id!r}",
                                            "add it to data/sources.yml or fix the id"))
            number = _digits(str(record.get("phone", ""))).lstrip("+")
            for lang, name in (record.get("name") or {}).items():
                if number and number in _digits(str(name)):
                    problems.append(Problem(rel(doc.path), doc.line((key, i, "name")),
                                            f"record {record.get('id')!r}: the {lang} name repeats the number {number}",
                                            "remove the number from `name`: the site shows `phone` next to it"))
            for shown, dialled in (("phone", "tel"), ("phone_abroad", "tel_abroad")):
                if isinstance(record.get(shown), str) and isinstance(record.get(dialled), str) \
                        and _digits(record[shown]).lstrip("+") != record[dialled].lstrip("+"):
                    problems.append(Problem(rel(doc.path), doc.line((key, i, dialled)),
                                            f"record {record.get('id')!r}: `{dialled}` {record[dialled]} does not dial "
                                            f"the number shown in `{shown}` ({record[shown]})",
                                            f"make `{dialled}` the digits of `{shown}`"))
    for key, doc in docs.items():
        problems.extend(_language_problems(doc, (key,), doc.data.get(key) if isinstance(doc.data, dict) else None))
    if labels_doc is not None and isinstance(labels_doc.data, dict):
        problems.extend(_language_problems(labels_doc, (), labels_doc.data))
    if "apps" in docs:
        problems.extend(app_problems(docs["apps"], data))
    if "helplines" in docs:
        problems.extend(_check_night_alternatives(docs["helplines"], data))
        problems.extend(_check_countries(docs["helplines"], data, schema_dir))
    if data.labels:
        problems.extend(_missing_labels(data, schema_dir, labels_doc))
    return data, problems


def _language_problems(doc: Document, path: tuple, value, record_id: str | None = None) -> list[Problem]:
    """Every `{fr: …, en: …}` text is wholly in its language, except passages marked
    [like this]{lang=fr} (a French name or quotation in English text), which the renderer gives a
    lang attribute so that screen readers pronounce them right (scripts/web/language.py)."""
    problems = []
    if isinstance(value, list):
        for i, item in enumerate(value):
            problems.extend(_language_problems(doc, path + (i,), item, record_id))
        return problems
    if not isinstance(value, dict):
        return problems
    record_id = value.get("id") if isinstance(value.get("id"), str) else record_id
    if isinstance(value.get("fr"), str) and isinstance(value.get("en"), str):
        what = f"record {record_id!r}" if record_id else f"`{'.'.join(map(str, path))}`"
        field_name = next((str(p) for p in reversed(path) if not isinstance(p, int)), "text")
        for lang in ("fr", "en"):
            other = "en" if lang == "fr" else "fr"
            for segment, why in language.text_leaks(language.unmarked(value[lang]), lang, use_model=False):
                problems.append(Problem(rel(doc.path), doc.line(path + (lang,)),
                                        f"{what}: the {lang} `{field_name}` has {other} words, « {segment} » ({why})",
                                        f"translate them, or mark a name or quotation as [{segment}]{{lang={other}}}"))
        return problems
    for key, item in value.items():
        if key not in ("id", "text"):  # `text`: an official sentence, French by nature (laws.yml)
            problems.extend(_language_problems(doc, path + (key,), item, record_id))
    return problems


# Hosts that are not an app's own: link shorteners, archives, hosting and encyclopaedias (anyone can
# publish there), and bare company-wide domains that would let any of their sub-domains through.
GENERIC_HOSTS = {"bit.ly", "t.co", "goo.gl", "tinyurl.com", "ow.ly", "buff.ly", "lnkd.in", "linktr.ee", "archive.org",
                 "web.archive.org", "archive.ph", "archive.today", "medium.com", "github.com", "wikipedia.org",
                 "wikihow.com", "reddit.com", "google.com", "www.google.com", "sites.google.com", "docs.google.com",
                 "microsoft.com", "www.microsoft.com", "meta.com", "www.meta.com", "amazon.com", "apple.com"}
# Hosting services: none of their sub-domains is an app's own help centre.
GENERIC_SUFFIXES = ("github.io", "blogspot.com", "wordpress.com", "squarespace.com", "notion.site", "translate.goog",
                    "amazonaws.com", "cloudfront.net", "pages.dev", "vercel.app", "netlify.app", "wikipedia.org",
                    "archive.org", "zendesk.com")
APP_SECTIONS = ("block", "report", "remove_image", "settings")
APP_FACTS = ("e2ee_default", "take_it_down", "stopncii")


def _generic(host: str) -> bool:
    return host in GENERIC_HOSTS or any(host == s or host.endswith("." + s) for s in GENERIC_SUFFIXES)


def _on_domains(host: str, domains: list[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def app_problems(doc: Document, data: SiteData) -> list[Problem]:
    """What the apps schema cannot say: every address on the app's own domains (never a generic host),
    each section either sourced steps or `see_help`, sources that exist, a minimum age that is sourced."""
    problems: list[Problem] = []
    where = rel(doc.path)
    for i, app in enumerate(doc.data.get("apps") or [] if isinstance(doc.data, dict) else []):
        if not isinstance(app, dict):
            continue
        name = f"app {app.get('id')!r}"
        domains = [d for d in app.get("domains") or [] if isinstance(d, str)]
        for j, domain in enumerate(domains):
            if _generic(domain):
                problems.append(Problem(where, doc.line(("apps", i, "domains", j)),
                                        f"{name}: `domains` lists {domain}, a host anyone can publish on or a "
                                        "whole company's domain", "list only the app's own help domains, e.g. "
                                        "help.snapchat.com or support.google.com"))
        own = [d for d in domains if not _generic(d)]
        urls: list[tuple[tuple, str]] = []
        for key in ("help_home", "min_age_url"):
            if isinstance(app.get(key), str):
                urls.append(((key,), app[key]))
        for key in APP_FACTS:
            fact = app.get(key)
            if isinstance(fact, dict):
                if isinstance(fact.get("url"), str):
                    urls.append(((key, "url"), fact["url"]))
                if fact.get("value") not in (None, "unknown") and not (fact.get("url") or fact.get("source")):
                    problems.append(Problem(where, doc.line(("apps", i, key)), f"{name}: `{key}` says "
                                            f"{fact.get('value')!r} but does not say where it was seen",
                                            "add `url:` (a page on the app's domains) or `source:` (an id from "
                                            "data/sources.yml), or set `value: unknown`"))
                if isinstance(fact.get("source"), str) and data.sources and fact["source"] not in data.sources:
                    problems.append(Problem(where, doc.line(("apps", i, key, "source")), f"{name}: `{key}` cites "
                                            f"an unknown source id {fact['source']!r}",
                                            "add it to data/sources.yml or fix the id"))
        if "min_age" in app and app["min_age"] is None and not app.get("min_age_note"):
            problems.append(Problem(where, doc.line(("apps", i, "min_age")), f"{name}: `min_age` is empty but no "
                                    "`min_age_note` says what the terms do say", "add `min_age_note: {fr: …, en: …}`"))
        if "min_age" in app and not (app.get("min_age_url") or app.get("min_age_source")):
            problems.append(Problem(where, doc.line(("apps", i, "min_age")), f"{name}: `min_age` does not say "
                                    "where it was seen", "add `min_age_url:` (the app's terms) or `min_age_source:`"))
        if isinstance(app.get("min_age_source"), str) and data.sources and app["min_age_source"] not in data.sources:
            problems.append(Problem(where, doc.line(("apps", i, "min_age_source")), f"{name}: `min_age_source` is "
                                    f"an unknown source id {app['min_age_source']!r}",
                                    "add it to data/sources.yml or fix the id"))
        sections = app.get("sections") if isinstance(app.get("sections"), dict) else {}
        for key in APP_SECTIONS:
            section = sections.get(key)
            if not isinstance(section, dict):
                continue
            at = doc.line(("apps", i, "sections", key))
            if section.get("see_help") and ("steps" in section or "menu" in section):
                problems.append(Problem(where, at, f"{name}: section `{key}` has both `see_help` and steps",
                                        "keep the sourced steps (with `url:`) or `see_help: true`, not both"))
            elif not section.get("see_help") and not ("steps" in section and "url" in section):
                problems.append(Problem(where, at, f"{name}: section `{key}` has no sourced steps",
                                        "give `url:` (the official page) and `steps:` {fr, en}, or write "
                                        "`see_help: true` if the steps could not be sourced"))
            if isinstance(section.get("url"), str):
                urls.append((("sections", key, "url"), section["url"]))
        for path, url in urls:
            host = (urlsplit(url).hostname or "").lower()
            if _generic(host) or not _on_domains(host, own):
                problems.append(Problem(where, doc.line(("apps", i) + path),
                                        f"{name}: {url} is not on the app's own domains ({', '.join(own) or 'none'})",
                                        "link only the app's official help pages; cite anything else with "
                                        "`source:` (data/sources.yml)"))
    return problems


def _check_night_alternatives(doc: Document, data: SiteData) -> list[Problem]:
    """`night_alternative` must name a known line that answers by phone around the clock."""
    problems = []
    for i, line in enumerate(doc.data.get("helplines") or []):
        if not isinstance(line, dict) or "night_alternative" not in line:
            continue
        where, at = rel(doc.path), doc.line(("helplines", i, "night_alternative"))
        other = data.helplines.get(line["night_alternative"])
        if other is None:
            problems.append(Problem(where, at, f"record {line.get('id')!r}: `night_alternative` "
                                    f"{line['night_alternative']!r} is not a help line id",
                                    "use the id of a line in data/helplines.yml, e.g. fr-119"))
        elif other.get("hours") != "always" or "phone" not in other:
            problems.append(Problem(where, at, f"record {line.get('id')!r}: `night_alternative` "
                                    f"{other['id']!r} is not a phone line open 24/7",
                                    "choose a line with a `phone` and `hours: always`"))
    return problems


COUNTRY_ROLES = ("emergency", "child", "crisis", "report", "removal", "text")


def _check_countries(doc: Document, data: SiteData, schema_dir: Path) -> list[Problem]:
    """`countries:` in helplines.yml: one entry per country, naming help lines of that country (or INT)."""
    problems = []
    entries = doc.data.get("countries") if isinstance(doc.data, dict) else None
    entries = entries if isinstance(entries, list) else []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("country"), str):
            continue
        code = entry["country"]
        if code in data.countries:
            problems.append(Problem(rel(doc.path), doc.line(("countries", i, "country")),
                                    f"country {code} is listed twice under `countries:`", "keep one entry per country"))
            continue
        data.countries[code] = {role: list(entry.get(role) or []) for role in COUNTRY_ROLES}
        for role in COUNTRY_ROLES:
            for j, rid in enumerate(entry.get(role) or []):
                line = doc.line(("countries", i, role, j))
                record = data.helplines.get(rid)
                if record is None:
                    problems.append(Problem(rel(doc.path), line, f"countries {code} {role}: unknown help line {rid!r}",
                                            "use an id from the records above"))
                elif record.get("country") not in (code, "INT"):
                    problems.append(Problem(rel(doc.path), line, f"countries {code} {role}: {rid!r} is a help line of "
                                            f"{record.get('country')}", f"use a line of {code} (or an INT one)"))
                elif role in ("emergency", "child", "crisis") and "phone" not in record and "text_line" not in record:
                    problems.append(Problem(rel(doc.path), line, f"countries {code} {role}: {rid!r} has no phone or "
                                            "text number", "the help box needs a number to tap for this role"))
    common = json.loads((schema_dir / "common.schema.json").read_text(encoding="utf-8"))["$defs"]
    for code in common["country"]["enum"]:
        if code != "INT" and code not in data.countries and entries:
            problems.append(Problem(rel(doc.path), doc.line(("countries",)), f"country {code} has no entry under "
                                    "`countries:`", f"add `- country: {code}` with its emergency, child, crisis, "
                                    "report, removal and text lines"))
    return problems


def _missing_labels(data: SiteData, schema_dir: Path, labels_doc: Document | None) -> list[Problem]:
    """Every country, situation, audience and channel the schemas allow needs a label in each language."""
    common = json.loads((schema_dir / "common.schema.json").read_text(encoding="utf-8"))["$defs"]
    helpline = json.loads((schema_dir / "helplines.schema.json").read_text(encoding="utf-8"))["$defs"]["helpline"]
    needed = [f"country.{c}" for c in common["country"]["enum"]]
    needed += [f"situation.{s}" for s in common["situation"]["enum"]]
    needed += [f"audience.{a}" for a in common["audience"]["enum"]]
    needed += [f"channel.{c}" for c in helpline["properties"]["channels"]["items"]["enum"]]
    where = rel(labels_doc.path) if labels_doc else "data/labels.yml"
    problems = []
    for key in needed:
        for lang, texts in data.labels.items():
            if key not in texts:
                # Point at the labels of the same group (country.*, situation.*…): the new one goes there.
                group = key.split(".")[0] + "."
                siblings = [k for k in (labels_doc.data if labels_doc else {}) if str(k).startswith(group)]
                line = labels_doc.line((siblings[-1],)) if siblings else 0
                problems.append(Problem(where, line, f"no {lang!r} label for {key!r}",
                                        f"add `{key}: {{fr: \"…\", en: \"…\"}}` next to the other {group}* labels"))
    return problems


def load_or_raise(data_dir: Path = paths.DATA, today: dt.date | None = None) -> tuple[SiteData, list[Problem]]:
    """Like load_data, but raise DataError when there is any error (warnings are returned)."""
    data, problems = load_data(data_dir, today)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataError(errors)
    return data, problems


_cache: dict = {}


def load_cached(data_dir: Path = paths.DATA) -> tuple[SiteData, list[Problem]]:
    """load_or_raise, reused while no data or schema file changes.

    Each language build and each hook asks for the data; this reads and validates it once, and
    again as soon as a file is edited (so `make serve` shows the edit).
    """
    files = sorted(p for p in data_dir.rglob("*") if p.is_file())
    stamp = (data_dir.resolve(), paths.today(), tuple((str(p), p.stat().st_mtime_ns) for p in files))
    if _cache.get("stamp") != stamp:
        _cache.update(stamp=stamp, result=load_or_raise(data_dir))
    return _cache["result"]

