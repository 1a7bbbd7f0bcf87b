"""Numbers that must come from data/, never typed in a page.

A phone number, a penalty or a statistic typed in French and again in English will one day differ;
the data files hold each once and markers place them. This check finds them in the prose (outside
code, markers and quotations — quoting a wrong figure to correct it is allowed) and names the marker
to use instead.
"""

from __future__ import annotations

import re

from scripts.checks.pages import Page
from scripts.checks.report import Problem, rel
from scripts.sitedata.records import SiteData

QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"\n]*\"")
HTML_COMMENT = re.compile(r"<!--.*?-->")
LINK_TARGET = re.compile(r"\]\([^)]*\)|\b(?:href|src)=\"[^\"]*\"")
MONEY = re.compile(r"(?:\d[\d\s\u00a0\u202f.,]*\s?(?:€|euros?\b|EUR\b)|€\s?\d)", re.I)
# A prison term in figures or in words (« cinq ans de prison », "five years' imprisonment").
_COUNT = (r"(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze|vingt|trente|one|two|three|four|"
          r"five|six|seven|eight|nine|ten|fifteen|twenty|thirty)")
PRISON = re.compile(rf"\b{_COUNT}\s+(?:ans?|mois|years?|months?)['’]?\s+(?:d['’]emprisonnement|de prison|"
                    r"de réclusion|(?:of\s+)?imprisonment|in prison|(?:of\s+)?jail)", re.I)
PERCENT = re.compile(r"\d+(?:[.,]\d+)?\s?%")
MILLIONS = re.compile(r"\b\d+(?:[.,]\d+)?\s+(?:millions?|milliards?|billions?)\b", re.I)
# Very short emergency numbers are only flagged where a sentence dials them ("call 17").
SHORT_NUMBER = r"(?:le|au|ou|the|call|dial|or|appelle|appelez|composez?)\s+{number}\b"


def _number_pattern(phone: str) -> re.Pattern:
    digits = re.sub(r"\D", "", phone)
    if len(digits) <= 2:
        return re.compile(SHORT_NUMBER.format(number=re.escape(digits)), re.I)
    parts = [re.escape(p) for p in re.split(r"[\s\-()]+", phone.strip()) if p]
    return re.compile(r"(?<![\d\-])" + r"[\s\u00a0\u202f\-.]?".join(parts) + r"(?![\d\-])")


def strip_non_prose(line: str) -> str:
    """Blank out comments (data markers included), link targets and quotations, keeping columns."""
    for regex in (HTML_COMMENT, LINK_TARGET, QUOTED):
        line = regex.sub(lambda m: " " * len(m.group(0)), line)
    return line


def check(page: Page, data: SiteData) -> list[Problem]:
    where = rel(page.path)
    phones = [(line["id"], _number_pattern(line["phone"])) for line in data.helplines.values() if "phone" in line]
    problems = []
    for number, raw in page.body_lines:
        if raw.lstrip().startswith(("<", "|")) and "<!-- data:" in raw:
            continue
        line = strip_non_prose(raw)
        for record_id, pattern in phones:
            if pattern.search(line):
                problems.append(Problem(where, number, f"a help-line number ({record_id}) is typed in the page",
                                        f"write <!-- data:tel id={record_id} --> so it comes from data/helplines.yml"))
        if MONEY.search(line) or PRISON.search(line):
            problems.append(Problem(where, number, "a penalty is typed in the page",
                                    "use <!-- data:penalty law=… case=… --> or a laws/penalties block (data/laws.yml)"))
        found = PERCENT.search(line) or MILLIONS.search(line)
        if found:
            problems.append(Problem(where, number, f"a statistic ({found.group(0).strip()}) is typed in the page",
                                    "add it to data/figures.yml with its source and write <!-- data:figure id=… -->"))
    return problems
