"""Front matter of every page: schema (data/schema/front-matter.schema.json), meaning, and `--fix`.

`--fix` rewrites the block in one canonical key order and formatting, so diffs stay small and
contributors never argue about quoting.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from scripts import paths
from scripts.checks.pages import Page, as_document
from scripts.checks.report import Problem, rel
from scripts.sitedata.records import SiteData, schema_problem, validator

KEY_ORDER = ["title", "description", "audience", "kind", "covers", "age_band", "duration_minutes", "objectives",
             "reviewed_on", "sources", "hide"]
# Values that must be identical in both languages (checked by scripts/checks/parity.py).
LANGUAGE_NEUTRAL = ["audience", "kind", "age_band", "duration_minutes", "sources", "hide"]
FLOW_LISTS = {"audience", "sources", "hide"}


# « En bref » / "In brief" (front matter `covers`) has one style on every page: a fragment in lower case.
COVERS_OPENING = re.compile(r"^\W*(?:cette (?:page|fiche)|this (?:page|handout))\b", re.I)


def check(page: Page, data: SiteData, today: dt.date | None = None) -> list[Problem]:
    today = today or paths.today()
    where = rel(page.path)
    template = f"docs/_templates/page.{page.lang}.md"
    if page.meta_error:
        line, message = page.meta_error
        return [Problem(where, line, message, "check the --- block at the top of the page: `key: value`, "
                                              "and quotes around text containing \": \"")]
    if not page.meta:
        return [Problem(where, 1, "the page has no front matter",
                        f"copy the --- block from {template} to the top of the page and fill it in")]
    doc = as_document(page)
    schema = validator(paths.DATA / "schema", "front-matter.schema.json")
    problems = [schema_problem(doc, error, subject="the front matter", records=False)
                for error in schema.iter_errors(page.meta)]
    reviewed = page.meta.get("reviewed_on")
    try:
        if isinstance(reviewed, str) and dt.date.fromisoformat(reviewed) > today:
            problems.append(Problem(where, page.meta_lines.get("reviewed_on", 1),
                                    f"`reviewed_on` {reviewed} is in the future",
                                    "write the date you actually re-read the page"))
    except ValueError:
        pass  # the schema reported the format
    covers = page.meta.get("covers")
    if isinstance(covers, str) and (COVERS_OPENING.match(covers) or not covers.lstrip("«\"' ")[:1].islower()):
        problems.append(Problem(where, page.meta_lines.get("covers", 1),
                                "`covers` (shown as « En bref » / \"In brief\") is not a lower-case fragment",
                                "write what the page covers, starting in lower case: « le chantage avec des "
                                "images intimes, … » / \"blackmail with intimate images, …\", not \"This page…\""))
    for source_id in page.meta.get("sources") or []:
        if isinstance(source_id, str) and data.sources and source_id not in data.sources:
            problems.append(Problem(where, page.meta_lines.get("sources", 1), f"unknown source id {source_id!r}",
                                    "add the publication to data/sources.yml, or fix the id"))
    return problems


# --- --fix: canonical order and formatting -------------------------------------------------------

def _scalar(value) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    # Plain when YAML would read it back as the same string; double quotes otherwise.
    if text and re.fullmatch(r"[A-Za-zÀ-ÿ0-9][^:#\"'\n]*", text) and not re.search(r"\s$|: |\s#", text) \
            and text.lower() not in ("yes", "no", "true", "false", "null", "on", "off") \
            and not re.fullmatch(r"[0-9.+-]+", text) and not (len(text) > 1 and text[0].isdigit() and ":" in text):
        return text
    return json.dumps(text, ensure_ascii=False)


def render(meta: dict) -> str:
    keys = [k for k in KEY_ORDER if k in meta] + [k for k in meta if k not in KEY_ORDER]
    lines = []
    for key in keys:
        value = meta[key]
        if isinstance(value, list) and (key in FLOW_LISTS or not value):
            lines.append(f"{key}: [{', '.join(_scalar(v) for v in value)}]")
        elif isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {_scalar(v)}" for v in value)
        elif key == "reviewed_on":
            lines.append(f"{key}: {value}")
        else:
            lines.append(f"{key}: {_scalar(value)}")
    return "---\n" + "\n".join(lines) + "\n---\n"


def _reorder_keeping_comments(block: str) -> str:
    """The front matter in canonical key order, comments kept (ruamel.yaml round-trip). Used only when
    the block has comments: the plain canonical writer above would drop them."""
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    yaml = YAML()  # round-trip mode: comments and the layout of each value are kept
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    original = yaml.load(block)
    ordered = CommentedMap()
    keys = [k for k in KEY_ORDER if k in original] + [k for k in original if k not in KEY_ORDER]
    for key in keys:
        ordered[key] = original[key]
        if key in original.ca.items:
            ordered.ca.items[key] = original.ca.items[key]
    ordered.ca.comment = original.ca.comment  # comments above the first key
    out = io.StringIO()
    yaml.dump(ordered, out)
    return "---\n" + out.getvalue() + "---\n"


def fix(page: Page) -> bool:
    """Rewrite the front matter canonically (comments kept). Returns True when the file changed."""
    if page.meta_error or not page.meta:
        return False
    lines = page.text.split("\n")
    body = "\n".join(lines[page.body_start - 1:])
    block = "\n".join(lines[1:page.body_start - 2])
    has_comments = any(line.lstrip().startswith("#") or " #" in line for line in block.split("\n"))
    new = (_reorder_keeping_comments(block) if has_comments else render(page.meta)) + body
    if new != page.text:
        page.path.write_text(new, encoding="utf-8")
        return True
    return False
