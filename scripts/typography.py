"""French typography, fixed by a formatter rather than by hand. One module, used in two places:

- at build time, on every French passage of the finished HTML (fix_tree, called by the one post-build
  pass in scripts/web/finish.py): French pages, and passages marked lang="fr" on English pages, so
  readers always see the right spaces, whatever was typed in a page, a data file or a label;
- in the sources, by `make fix` and the pre-commit hook (fix_line, through scripts/checks/typography.py).
  `make check` reports a French page still typed with plain spaces as a *warning*: a contributor editing
  in the browser cannot type a no-break space, and the page is already right for readers.

In French a space that must not break goes before « : ; ! ? » and inside « guillemets »:
- before ':' a no-break space (U+00A0); before ';', '!' and '?' a narrow no-break space (U+202F),
  as the Imprimerie nationale's rules have it;
- after '«' and before '»' a no-break space (U+00A0), added when missing.
Only prose is touched: code, HTML tags and comments (data markers), link targets, web addresses,
character references (&amp;) and { #anchor } attribute lists are left as they are.
"""

from __future__ import annotations

import re

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
    (re.compile(r"«[ \u202f]?(?=\S|$)"), "«" + NBSP, "no no-break space after « « »"),  # $: before a link
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


# Elements whose text is not prose: code, scripts and styles.
RAW_ELEMENTS = {"script", "style", "pre", "code", "kbd", "samp", "textarea"}
MARKS = re.compile(r"[:;!?«»]")
# Attributes that hold prose a reader sees or hears (data-label-*: interface text our scripts show).
PROSE_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")
PROSE_ATTRIBUTE_PREFIX = "data-label"
PROSE_META = {"description", "og:description", "og:title", "twitter:description", "twitter:title"}


def fix_text(previous: str, text: str) -> str:
    """Fix one HTML text node, leaving character references (&amp; &para; &#39;) whole. `previous` is
    the last character before the node (a mark right after </strong> sees the word before it)."""
    out, last = [], 0
    for match in ENTITY.finditer(text):
        out.append(_fix_prose(previous + text[last:match.start()])[0][len(previous):])
        out.append(match.group(0))
        previous, last = "x", match.end()  # a reference stands for a character, like a letter
    out.append(_fix_prose(previous + text[last:])[0][len(previous):])
    return "".join(out)


# A text node starting like this is fixed according to the character before it (« word</strong>: »):
# the rules that look behind a mark (no space before « : ; ! ? », none before « » »).
NEEDS_PREVIOUS = re.compile(r"^(?:[:;!?»]|[ \u202f]»)")
# Any rule at all, in one search: most text with a mark is already typed right.
NEEDS_FIX = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _, _ in RULES))


def _may_change(text: str) -> bool:
    """False for text no rule can change, whatever comes before it; cheap for the many nodes without
    a mark. A character reference (&amp;) splits the text in fix_text, so such text takes the full path."""
    return bool(MARKS.search(text) and (NEEDS_PREVIOUS.match(text) or NEEDS_FIX.search(text) or "&" in text))


def _last_character(element) -> str | None:
    """The last character read inside `element` (not its tail); code counts as a word."""
    if not isinstance(element.tag, str):  # a comment: not read
        return None
    if element.tag in RAW_ELEMENTS:
        return "x"
    for child in reversed(element):
        if child.tail:
            return child.tail[-1]
        last = _last_character(child)
        if last:
            return last
    return element.text[-1] if element.text else None


def _character_before(element) -> str:
    """The last character read before `element` starts (a space at the start of the page)."""
    sibling = element.getprevious()
    while sibling is not None:
        if sibling.tail:
            return sibling.tail[-1]
        last = _last_character(sibling)
        if last:
            return last
        sibling = sibling.getprevious()
    parent = element.getparent()
    if parent is None:
        return " "
    if parent.tag in RAW_ELEMENTS:
        return "x"
    return parent.text[-1] if parent.text else _character_before(parent)


def fix_tree(root, lang: str) -> None:
    """Give every French passage of a parsed page (lxml) its French typography, in place: text nodes and
    the attributes read aloud (title, alt, aria-label, placeholder, meta descriptions). A passage is French
    when the nearest lang attribute says so (the page's `lang` when none does): a French page, or a French
    title quoted on an English page; passages marked as another language, code, scripts and styles are
    left alone. A mark right after an inline tag (<strong>Attention</strong>: …) sees the word before it."""
    page_french = lang.split("-")[0].lower() == "fr"
    contexts: dict = {}

    def context(element) -> tuple[bool, bool]:
        """(French?, inside code?) for the content of `element`."""
        known = contexts.get(element)
        if known is None:
            parent = element.getparent()
            french, raw = context(parent) if parent is not None else (page_french, False)
            declared = element.get("lang")
            if declared:
                french = declared.split("-")[0].lower() == "fr"
            known = contexts[element] = (french, raw or element.tag in RAW_ELEMENTS)
        return known

    # One flat walk (lxml's iterator, in C); the Python work starts only at text a rule could change,
    # a few nodes a page: most prose is already typed right, and most nodes have no mark at all.
    for element in root.iter():
        text = element.text
        tag = element.tag
        # A comment's text is not read; code and scripts are not prose.
        if text and isinstance(tag, str) and tag not in RAW_ELEMENTS and _may_change(text):
            french, raw = context(element)
            if french and not raw:
                previous = _character_before(element) if NEEDS_PREVIOUS.match(text) else " "
                element.text = fix_text(previous, text)
        tail = element.tail
        if tail and _may_change(tail):
            parent = element.getparent()
            french, raw = context(parent) if parent is not None else (False, True)
            if french and not raw:
                previous = (_last_character(element) or _character_before(element)) \
                    if NEEDS_PREVIOUS.match(tail) else " "
                element.tail = fix_text(previous, tail)
        for name, value in element.items():
            if (name in PROSE_ATTRIBUTES or name.startswith(PROSE_ATTRIBUTE_PREFIX)
                    or (name == "content" and tag == "meta"
                        and (element.get("name") or element.get("property")) in PROSE_META)) \
                    and MARKS.search(value):
                french, raw = context(element)
                if french and not raw:
                    element.set(name, fix_line(value)[0])
