"""Translation freshness, symmetric: neither language is "the source".

i18n-sync.yml records, for each pair of twins, a hash of each side's content when someone last
checked that they say the same thing (`python -m scripts sync docs/fr/X.md`). Afterwards:
- nothing changed, or both sides changed (someone edited both): in sync / to review together;
- exactly one side changed: the OTHER side may be out of date. `check` warns, and the built page of
  that side shows a visible notice.
The record is a file in the repository, so this works without git history (zips, shallow clones).
Hashes ignore trailing spaces and the `reviewed_on` and `kind` lines, so re-dating a page or tagging it for
search (`kind` is the same in both languages, checked by the parity check) does not count as a change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from scripts import paths
from scripts.checks.parity import page_paths
from scripts.checks.report import Problem, rel
from scripts.sitedata.yamlload import YamlError, load

SYNC_FILE = paths.ROOT / "i18n-sync.yml"
OTHER = {"fr": "en", "en": "fr"}


def content_hash(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^reviewed_on:.*$", "", text, flags=re.M)
    text = re.sub(r"^kind:.*\n", "", text, flags=re.M)  # the whole line: hashes stay those of pages without it
    text = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_record(path: Path = SYNC_FILE) -> dict[str, dict]:
    if not path.exists():
        return {}
    data = load(path).data or {}
    return data.get("pages") or {}


def write_record(pages: dict[str, dict], path: Path = SYNC_FILE) -> None:
    lines = ["# Last time each pair of twins was checked to say the same thing (written by",
             "# `python -m scripts sync`; do not edit by hand). See scripts/checks/freshness.py.",
             "pages:"]
    for key in sorted(pages):
        entry = pages[key]
        lines.append(f"  {key}:")
        lines.append(f"    fr: {entry['fr']}")
        lines.append(f"    en: {entry['en']}")
        lines.append(f"    synced_on: {entry['synced_on']}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def status(key: str, record: dict[str, dict], docs: Path = paths.DOCS) -> str | None:
    """'fr-outdated' / 'en-outdated' when only the other side changed since the last sync;
    'unsynced' when the pair was never recorded; None when in sync or both changed."""
    entry = record.get(key)
    if entry is None:
        return "unsynced"
    changed = {lang: content_hash(docs / lang / key) != str(entry.get(lang)) for lang in paths.LANGUAGES}
    if changed["fr"] and not changed["en"]:
        return "en-outdated"
    if changed["en"] and not changed["fr"]:
        return "fr-outdated"
    return None


def outdated_pages(docs: Path = paths.DOCS, record_path: Path = SYNC_FILE) -> dict[str, set[str]]:
    """{lang: {twin keys whose page in `lang` may be out of date}} — used by the build's notice."""
    try:
        record = read_record(record_path)
    except YamlError:
        return {"fr": set(), "en": set()}
    result: dict[str, set[str]] = {"fr": set(), "en": set()}
    for key in page_paths(docs / "fr") & page_paths(docs / "en"):
        state = status(key, record, docs)
        if state in ("fr-outdated", "en-outdated"):
            result[state[:2]].add(key)
    return result


def check(docs: Path = paths.DOCS, record_path: Path = SYNC_FILE) -> list[Problem]:
    try:
        record = read_record(record_path)
    except YamlError as error:
        return [Problem(rel(record_path), error.line, error.message, "rebuild it with `python -m scripts sync --all`")]
    problems = []
    pairs = page_paths(docs / "fr") & page_paths(docs / "en")
    for key in sorted(pairs):
        state = status(key, record, docs)
        if state == "unsynced":
            problems.append(Problem(f"docs/fr/{key}", 0, "this pair of twins has never been marked as in sync",
                                    f"check that both say the same, then run `python -m scripts sync docs/fr/{key}`",
                                    severity="warning"))
        elif state:
            stale, fresh = state[:2], OTHER[state[:2]]
            problems.append(Problem(f"docs/{stale}/{key}", 0,
                                    f"may be out of date: docs/{fresh}/{key} changed since the pair was last synced",
                                    f"bring it up to date, then run `python -m scripts sync docs/{stale}/{key}`",
                                    severity="warning"))
    for key in sorted(set(record) - pairs):
        problems.append(Problem(rel(record_path), 0, f"{key} is recorded but no longer exists in both languages",
                                "run `python -m scripts sync --all` to tidy the record", severity="warning"))
    return problems


def mark_synced(targets: list[str], all_pages: bool = False, docs: Path = paths.DOCS,
                record_path: Path = SYNC_FILE, today: dt.date | None = None) -> list[str]:
    """Record the current content of each pair as in sync. Returns the keys marked."""
    record = read_record(record_path)
    pairs = page_paths(docs / "fr") & page_paths(docs / "en")
    if all_pages:
        keys = sorted(pairs)
        record = {k: v for k, v in record.items() if k in pairs}
    else:
        keys = []
        for target in targets:
            path = Path(target).resolve()
            try:
                key = path.relative_to(docs.resolve()).as_posix().split("/", 1)[1]
            except (ValueError, IndexError):
                raise ValueError(f"{target} is not a page in docs/fr/ or docs/en/") from None
            if key not in pairs:
                raise ValueError(f"{target} has no twin: create docs/fr/{key} and docs/en/{key} first")
            if key not in keys:  # both twins may be named; mark the pair once
                keys.append(key)
    day = (today or paths.today()).isoformat()
    for key in keys:
        record[key] = {"fr": content_hash(docs / "fr" / key), "en": content_hash(docs / "en" / key), "synced_on": day}
    write_record(record, record_path)
    return keys
