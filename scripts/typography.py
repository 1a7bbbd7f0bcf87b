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


FRENCH_PASSAGES = "//*[starts-with(@lang, 'fr')][not(ancestor::*[starts-with(@lang, 'fr')])]"
IN_RAW = "ancestor::*[" + " or ".join(f"self::{tag}" for tag in sorted(RAW_ELEMENTS)) + "]"


def fix_tree(root, lang: str) -> None:
    """Give every French passage of a parsed page (lxml) its French typography, in place: text nodes and
    the attributes read aloud (title, alt, aria-label, placeholder, meta descriptions). French is the
    page language `lang` or any element marked lang="fr" (a French title quoted on an English page);
    passages marked as another language, code, scripts and styles are left alone. A mark right after an
    inline tag (<strong>Attention</strong>: …) sees the word before the tag."""
    previous = " "

    def text(value: str | None, french: bool) -> str | None:
        nonlocal previous
        if not value:
            return value
        if french and MARKS.search(value):  # most text nodes have no mark: skip them cheaply
            value = fix_text(previous, value)
        previous = value[-1]  # a space too: « then a space then <a>…</a> needs nothing more inside the link
        return value

    def visit(element, french: bool, raw: bool) -> None:
        nonlocal previous
        if not isinstance(element.tag, str):
            element.tail = text(element.tail, french and not raw) if element.tail else element.tail
            return
        declared = element.get("lang")
        inner = (declared.split("-")[0].lower() == "fr") if declared else french
        inner_raw = raw or element.tag in RAW_ELEMENTS
        if inner and not inner_raw:
            for name, value in element.items():
                if value and (name in PROSE_ATTRIBUTES or name.startswith(PROSE_ATTRIBUTE_PREFIX)):
                    element.set(name, fix_line(value)[0])
            if element.tag == "meta" and (element.get("name") or element.get("property")) in PROSE_META:
                element.set("content", fix_line(element.get("content") or "")[0])
        if inner_raw:
            previous = "x"
        else:
            element.text = text(element.text, inner)
        for child in element:
            visit(child, inner, inner_raw)
        if element.tail:
            element.tail = text(element.tail, french and not raw)

    if lang.split("-")[0].lower() == "fr":
        visit(root, True, False)
        return
    # Another language's page: only its French passages (outermost lang="fr" elements) are visited.
    for passage in root.xpath(FRENCH_PASSAGES):
        previous = " "
        visit(passage, False, bool(passage.xpath(IN_RAW)))
