"""Markdown structure with markdownlint-cli2 (npm, run by Node), configured in .markdownlint-cli2.yaml.

It catches what renders wrongly without an error: a heading glued to a paragraph, a skipped
heading level, a list that Python-Markdown will not see as a list, a stray space inside emphasis.
`make fix` lets markdownlint repair the rules it knows how to repair.
"""

from __future__ import annotations

import re
import shutil
import subprocess

from scripts import paths
from scripts.checks.report import Problem

MARKDOWNLINT = paths.ROOT / "node_modules" / ".bin" / "markdownlint-cli2"
CONFIG = ".markdownlint-cli2.yaml"
# docs/fr/page.md:12:3 error MD022/blanks-around-headings Headings should be … [Expected: 1; …]
LINE = re.compile(r"^(?P<path>\S+?):(?P<line>\d+)(?::\d+)? (?:error|warning) (?P<rule>MD\d+)/(?P<name>\S+) "
                  r"(?P<text>.*)$")

# Plain-language fixes for the rules contributors meet most; the rest point to the rule's page.
FIXES = {
    "MD001": "go down one heading level at a time (## then ###, not ## then ####)",
    "MD004": "start every item of a list with the same marker (-)",
    "MD005": "indent the items of the same list by the same amount",
    "MD007": "indent nested list items by 4 spaces",
    "MD009": "delete the spaces at the end of the line",
    "MD010": "replace the tab with spaces",
    "MD012": "keep a single blank line",
    "MD018": "put a space after the # of the heading",
    "MD022": "leave a blank line before and after the heading",
    "MD023": "start the heading at the beginning of the line",
    "MD024": "give the heading a different title from its sibling",
    "MD025": "keep a single # title per page; use ## for sections",
    "MD026": "remove the punctuation at the end of the heading",
    "MD027": "use a single space after > in a quote",
    "MD029": "number ordered lists 1. 2. 3. (or 1. 1. 1.)",
    "MD030": "put a single space after the list marker",
    "MD031": "leave a blank line before and after the code block",
    "MD032": "leave a blank line before and after the list",
    "MD034": "write the link as [text](https://…) instead of a bare address",
    "MD036": "use a heading (###) instead of a bold line as a title",
    "MD037": "remove the spaces just inside the * or _ of the emphasis",
    "MD038": "remove the spaces just inside the `code`",
    "MD039": "remove the spaces just inside the [link text]",
    "MD040": "say the language of the code block (```text if none)",
    "MD042": "give the link a target",
    "MD045": "give the image a description (alt text): ![what it shows](file.png)",
    "MD047": "end the file with one newline",
    "MD049": "use * for emphasis",
    "MD050": "use ** for bold",
}


def check(targets: list[str] | None = None, fix: bool = False) -> list[Problem]:
    if not MARKDOWNLINT.exists() or not shutil.which("node"):
        return [Problem(CONFIG, 0, "the Markdown checker is not installed",
                        "run `make check` (it installs it with npm), or install Node.js 20+", severity="warning")]
    # Without targets the config's globs (every page of both languages) apply; with targets,
    # --no-globs keeps the run to those files. The ":" prefix makes each a literal path.
    args = ["--no-globs", *(":" + str(t) for t in targets)] if targets else []
    result = subprocess.run([str(MARKDOWNLINT), *args, *(["--fix"] if fix else [])],
                            cwd=paths.ROOT, capture_output=True, text=True)
    problems = []
    for line in (result.stdout + "\n" + result.stderr).splitlines():
        match = LINE.match(line.strip())
        if not match:
            continue
        rule = match.group("rule")
        path = match.group("path").removeprefix(str(paths.ROOT) + "/")
        text = re.sub(r" \[Context: .*\]$", "", match.group("text"))
        hint = FIXES.get(rule, f"see https://github.com/DavidAnson/markdownlint/blob/v0.40.0/doc/{rule.lower()}.md")
        problems.append(Problem(path, int(match.group("line")), f"{rule} {text}", hint))
    if result.returncode not in (0, 1) and not problems:
        problems.append(Problem(CONFIG, 0, "the Markdown checker failed: " + result.stderr.strip()[-300:],
                                f"check {CONFIG}"))
    return problems
