"""Blaming, graphic or outdated wording (data/wording.yml), per language, outside code and quotations."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts import paths
from scripts.checks.pages import Page
from scripts.checks.prose import strip_non_prose
from scripts.checks.report import Problem, rel
from scripts.sitedata.yamlload import load


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern
    severity: str
    reason: str
    instead: str
    # Pages that still use the word while another branch rewrites them (`pending:` in the rule). They are
    # skipped here; tests/test_terminology.py fails once a listed page no longer needs the exemption.
    pending: frozenset = frozenset()


def load_rules(path=paths.DATA / "wording.yml") -> dict[str, list[Rule]]:
    doc = load(path)
    return {lang: [Rule(re.compile(r["pattern"], re.I), r["severity"], r["reason"], r["instead"],
                        frozenset(r.get("pending") or ()))
                   for r in rules] for lang, rules in (doc.data or {}).items()}


def check(page: Page, rules: dict[str, list[Rule]]) -> list[Problem]:
    problems = []
    where = rel(page.path)
    rules = {page.lang: [rule for rule in rules.get(page.lang, []) if where not in rule.pending]}
    lines = [(number, strip_non_prose(raw)) for number, raw in page.body_lines]
    for i, (number, line) in enumerate(lines):
        for rule in rules.get(page.lang, []):
            found = rule.pattern.search(line)
            if found:
                problems.append(Problem(rel(page.path), number, f"“{found.group(0)}”: {rule.reason}",
                                        f"write instead {rule.instead}", severity=rule.severity))
        # A phrase wrapped onto the next line of the same paragraph ("help" / "line").
        following = lines[i + 1] if i + 1 < len(lines) else None
        if following and following[0] == number + 1 and line.strip() and following[1].strip():
            head = line.rstrip()
            joined = f"{head} {following[1].lstrip(' >')}"
            for rule in rules.get(page.lang, []):
                for found in rule.pattern.finditer(joined):
                    if found.start() < len(head) < found.end():
                        words = " ".join(found.group(0).split())
                        problems.append(Problem(rel(page.path), number, f"“{words}” (across lines {number}–"
                                                f"{number + 1}): {rule.reason}", f"write instead {rule.instead}",
                                                severity=rule.severity))
    # The title and description are read first (tabs, previews, search results): check them too.
    for key in ("title", "description", "covers"):
        text = str(page.meta.get(key, ""))
        for rule in rules.get(page.lang, []):
            found = rule.pattern.search(text)
            if found:
                problems.append(Problem(rel(page.path), page.meta_lines.get(key, 1),
                                        f"“{found.group(0)}” in `{key}`: {rule.reason}",
                                        f"write instead {rule.instead}", severity=rule.severity))
    return problems
