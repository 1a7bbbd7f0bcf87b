"""French typography, fixed by a formatter rather than by hand, in two places:

- at build time, on the finished HTML of French pages (fix_html, called by overrides/hooks/html_finish.py;
  fix_meta for the title and description, called by overrides/hooks/i18n_rails.py), so readers
  always see the right spaces, whatever was typed in a page, a data file or a label;
- in the sources, by `make fix` (and the pre-commit hook). `make check` reports a French page still
  typed with plain spaces as a *warning*: a contributor editing in the browser cannot type a no-break
  space, and the page is already right for readers; the formatter tidies the source later.

In French a space that must not break goes before « : ; ! ? » and inside « guillemets »:
- before ':' a no-break space (U+00A0); before ';', '!' and '?' a narrow no-break space (U+202F),
  as the Imprimerie nationale's rules have it;
- after '«' and before '»' a no-break space (U+00A0), added when missing.
Only prose is touched: code, HTML tags and comments (data markers), link targets, web addresses and
{ #anchor } attribute lists are left as they are. English pages are not changed.
"""

from __future__ import annotations

import re
from pathlib import Path

from scripts.checks.pages import Page
from scripts.checks.report import Problem, rel

NBSP, NNBSP = "\u00a0", "\u202f"
# Pieces of a line that are not prose.
PROTECTED = re.compile(
    r"`[^`\n]*`"  # inline code
    r"|<!--.*?-->"  # comments and data markers
    r"|<[^>\n]+>"  # HTML tags
    r"|\]\([^)\n]*\)"  # Markdown link targets
    r"|\{[^}\n]*#[^}\n]*\}"  # { #anchor } attribute lists
    r"|\bhttps?://\S+"  # web addresses
    r"|^\s*(?:!!!|\?\?\?\+?)\s"  # admonition markers (their title is prose and follows)
    r"|&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);"  # character references (&amp; is not a word + « ; »)
)
# Character references in HTML text: their « ; » is part of the reference, never punctuation.
ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);")
# A word ending, for marks written straight after it (the English habit): letters, digits, a closing
# bracket, quote or emphasis mark. Times (14:30) and addresses are not affected: the mark must be
# followed by a space or the end of the line.
WORD_END = r"(?<=[0-9A-Za-zÀ-ÖØ-öø-ÿŒœ)»*_])"
RULES = [
    (re.compile(r"[ \u202f](?=:(?:\s|$))"), NBSP, "a normal space before « : »"),
    (re.compile(WORD_END + r"(?=:(?:\s|$))"), NBSP, "no space before « : »"),
    (re.compile(r"[ \u00a0](?=[;!?](?:\s|$|[»)\"*_]))"), NNBSP, "a normal space before « ; ! ? »"),
    (re.compile(WORD_END + r"(?=[;!?](?:\s|$|[»)\"*_]))"), NNBSP, "no space before « ; ! ? »"),
    (re.compile(r"«[ \u202f]?(?=\S)"), "«" + NBSP, "no no-break space after « « »"),
    (re.compile(r"(?<=\S)[ \u202f]?»"), NBSP + "»", "no no-break space before « » »"),
]


def _fix_prose(text: str) -> tuple[str, list[str]]:
    found = []
    for pattern, replacement, message in RULES:
        new = pattern.sub(replacement, text)
        if new != text:
            found.append(message)
            text = new
    return text, found


def fix_line(line: str, front_matter: bool = False) -> tuple[str, list[str]]:
    """Typography-fixed line and the kinds of fixes made (empty when nothing changed)."""
    if front_matter:  # leave the YAML `key: ` alone, fix the text after it
        prefix = FRONT_MATTER_TEXT.match(line).group(0)
        fixed, found = fix_line(line[len(prefix):])
        return prefix + fixed, found
    out, found, last = [], [], 0
    for match in PROTECTED.finditer(line):
        prose, kinds = _fix_prose(line[last:match.start()])
        out += [prose, match.group(0)]
        found += kinds
        last = match.end()
    prose, kinds = _fix_prose(line[last:])
    out.append(prose)
    return "".join(out), found + kinds


FRONT_MATTER_TEXT = re.compile(r"^(?:(?:title|description|covers): |  - )")


def _lines_to_fix(page: Page):
    """(index, line) of lines that hold French prose: front-matter text values and the body outside
    fenced code. For front matter, the `key: ` or `  - ` prefix is part of the line; fix_line skips it."""
    if not page.meta_error:  # a broken front matter is reported by the front-matter check; fix that first
        for i, line in enumerate(page.text.split("\n")[: page.body_start - 1]):
            if FRONT_MATTER_TEXT.match(line):
                yield i, line
    for number, line in page.body_text_lines:
        yield number - 1, line


# Elements whose text is not prose: code, scripts and styles.
HTML_RAW = {"script", "style", "pre", "code", "kbd", "samp", "textarea"}
HTML_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HTML_TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|[^<]+|<", re.S)
OTHER_LANGUAGE = re.compile(r"""\blang\s*=\s*["']?(?!fr\b)[a-zA-Z]""")


def fix_html(html: str) -> str:
    """A French page's finished HTML with the typography of its text fixed: page body, help lines and
    sources from data/, interface labels, navigation. Tags, attributes, code and passages marked as
    another language (<span lang="en">, e.g. an English source title) are left alone. A mark right
    after an inline tag (<strong>Attention</strong>: …) sees the word before the tag."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: (tag, whether its text is left alone)
    previous = " "
    for match in HTML_TOKEN.finditer(html):
        token, closing, tag, attributes = match.group(0), match.group(1), (match.group(2) or "").lower(), match.group(3)
        out.append(token)
        if tag:
            if closing:
                if any(t == tag for t, _ in stack):
                    while stack and stack.pop()[0] != tag:
                        pass
            elif tag not in HTML_VOID and not (attributes or "").rstrip().endswith("/"):
                skip = tag in HTML_RAW or bool(OTHER_LANGUAGE.search(attributes or "")) or (stack and stack[-1][1])
                stack.append((tag, bool(skip)))
            continue
        if token.startswith("<") or (stack and stack[-1][1]):
            continue
        out[-1] = _fix_text(previous, token)
        if token.strip():
            previous = token.rstrip()[-1]
    return "".join(out)


def _fix_text(previous: str, text: str) -> str:
    """Fix one HTML text node, leaving character references (&amp; &para; &#39;) whole. `previous` is
    the last character before the node (a mark right after </strong> sees the word before it)."""
    out, last = [], 0
    for match in ENTITY.finditer(text):
        out.append(_fix_prose(previous + text[last:match.start()])[0][len(previous):])
        out.append(match.group(0))
        previous, last = "x", match.end()  # a reference stands for a character, like a letter
    out.append(_fix_prose(previous + text[last:])[0][len(previous):])
    return "".join(out)


def fix_meta(meta: dict) -> None:
    """Fix the French text values of a page's front matter in place (title, description, covers)."""
    for key in ("title", "description", "covers"):
        if isinstance(meta.get(key), str):
            meta[key] = fix_line(meta[key])[0]


def check(page: Page) -> list[Problem]:
    if page.lang != "fr":
        return []
    problems = []
    for i, line in _lines_to_fix(page):
        fixed, kinds = fix_line(line, front_matter=i + 1 < page.body_start)
        if fixed != line:
            problems.append(Problem(rel(page.path), i + 1, "French typography: " + ", ".join(dict.fromkeys(kinds)),
                                    "readers already see the right spaces; run `make fix` to tidy the source "
                                    "(or leave it to the pre-commit hook or a maintainer)", severity="warning"))
    return problems


def fix(page: Page) -> bool:
    if page.lang != "fr":
        return False
    lines = page.text.split("\n")
    for i, line in _lines_to_fix(page):
        lines[i] = fix_line(line, front_matter=i + 1 < page.body_start)[0]
    new = "\n".join(lines)
    if new != page.text:
        Path(page.path).write_text(new, encoding="utf-8")
        return True
    return False
