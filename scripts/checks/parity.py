"""Translation parity between docs/fr/ and docs/en/.

Every page exists in both languages at the same path (the language switcher, the offline pack and
search rely on it), unless i18n-exceptions.yml lists it with a reason. Twins also have the same
skeleton: heading levels and explicit anchors, data markers with their arguments, admonition types
in order, internal link targets and images, and the same language-neutral front-matter values.
Only the words differ.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from scripts import paths
from scripts.checks.frontmatter import LANGUAGE_NEUTRAL
from scripts.checks.pages import Page, read_page
from scripts.checks.report import Problem, rel
from scripts.sitedata.yamlload import YamlError, load

EXCEPTIONS_FILE = paths.ROOT / "i18n-exceptions.yml"


def exceptions(path: Path = EXCEPTIONS_FILE) -> tuple[dict[str, str], list[Problem]]:
    """{'fr/x.md': reason} from i18n-exceptions.yml, and any problem with that file."""
    if not path.exists():
        return {}, []
    try:
        doc = load(path)
    except YamlError as error:
        return {}, [Problem(rel(path), error.line, error.message, "fix the YAML")]
    found, problems = {}, []
    for i, entry in enumerate((doc.data or {}).get("exceptions") or []):
        if not isinstance(entry, dict) or not entry.get("path") or not str(entry.get("reason", "")).strip():
            problems.append(Problem(rel(path), doc.line(("exceptions", i)), "each exception needs `path` and `reason`",
                                    "write `- path: fr/page.md` and `reason: why it has no twin`"))
            continue
        found[entry["path"]] = entry["reason"]
    return found, problems


def page_paths(lang_dir: Path) -> set[str]:
    if not lang_dir.is_dir():
        return set()
    return {p.relative_to(lang_dir).as_posix() for p in lang_dir.rglob("*.md")}


def missing_twins(docs: Path = paths.DOCS, languages=paths.LANGUAGES) -> list[Problem]:
    """A page in one language without its twin in another (and not listed as an exception)."""
    allowed, problems = exceptions()
    pages = {lang: page_paths(docs / lang) for lang in languages}
    for lang in languages:
        for other in languages:
            if other == lang:
                continue
            for page in sorted(pages[lang] - pages[other]):
                if f"{lang}/{page}" in allowed:
                    continue
                problems.append(Problem(
                    rel(docs / lang / page), 0,
                    f"this page has no {other.upper()} twin (expected docs/{other}/{page})",
                    f"create docs/{other}/{page} with the same sections, in {other.upper()} — "
                    f"copy docs/_templates/page.{other}.md to start",
                ))
    return problems


# --- Structure of twins --------------------------------------------------------------------------

def _first_difference(a: list, b: list):
    for i in range(max(len(a), len(b))):
        left = a[i] if i < len(a) else None
        right = b[i] if i < len(b) else None
        if left != right:
            return i, left, right
    return None


def _describe_heading(h) -> str:
    return f"{'#' * h.level} … {{ #{h.anchor} }}" if h.anchor else f"{'#' * h.level} {h.text}"


def anchors_missing(page: Page) -> list[Problem]:
    return [Problem(rel(page.path), h.line, f"the heading “{h.text}” has no explicit anchor",
                    f"end it with {{ #a-short-id }} and use the same id in the other language")
            for h in page.headings if h.level >= 2 and not h.anchor]


def compare(fr: Page, en: Page) -> list[Problem]:
    """Differences in skeleton between two twins, reported on both files."""
    problems: list[Problem] = []

    def both(line_a: int, line_b: int, message: str, fix: str) -> None:
        problems.append(Problem(rel(fr.path), line_a, message + f" (compare {rel(en.path)}:{line_b})", fix))
        problems.append(Problem(rel(en.path), line_b, message + f" (compare {rel(fr.path)}:{line_a})", fix))

    heads_fr = [(h.level, h.anchor) for h in fr.headings if h.level >= 2]
    heads_en = [(h.level, h.anchor) for h in en.headings if h.level >= 2]
    diff = _first_difference(heads_fr, heads_en)
    if diff:
        i, left, right = diff
        hf = [h for h in fr.headings if h.level >= 2]
        he = [h for h in en.headings if h.level >= 2]
        line_a = hf[i].line if i < len(hf) else (hf[-1].line if hf else fr.body_start)
        line_b = he[i].line if i < len(he) else (he[-1].line if he else en.body_start)
        show = lambda x, hs: _describe_heading(hs[i]) if x else "no heading"  # noqa: E731
        both(line_a, line_b, f"section {i + 1} differs between the twins: {show(left, hf)} vs {show(right, he)}",
             "give both pages the same headings, at the same levels, with the same { #anchor } ids")

    for kind, get, fix in (
        ("data marker", lambda p: p.markers, "place the same <!-- data:… --> markers, with the same arguments, in both"),
        ("link target", lambda p: [type(x)(x.value.removeprefix("./"), x.line) for x in p.links],
         "link to the same pages, anchors and images in both languages"),
    ):
        count_fr, count_en = Counter(x.value for x in get(fr)), Counter(x.value for x in get(en))
        for value in sorted((count_fr - count_en) + (count_en - count_fr)):
            in_fr, in_en = count_fr[value], count_en[value]
            side, other, items = (fr, en, get(fr)) if in_fr > in_en else (en, fr, get(en))
            line = next(x.line for x in items if x.value == value)
            problems.append(Problem(rel(side.path), line, f"{kind} `{value}` appears {max(in_fr, in_en)}× here but "
                                    f"{min(in_fr, in_en)}× in {rel(other.path)}", fix))

    adm_fr, adm_en = [a.value for a in fr.admonitions], [a.value for a in en.admonitions]
    diff = _first_difference(adm_fr, adm_en)
    if diff:
        i, left, right = diff
        line_a = fr.admonitions[min(i, len(adm_fr) - 1)].line if adm_fr else fr.body_start
        line_b = en.admonitions[min(i, len(adm_en) - 1)].line if adm_en else en.body_start
        both(line_a, line_b, f"call-out box {i + 1} differs: !!! {left or '(none)'} vs !!! {right or '(none)'}",
             "use the same call-out boxes (!!! tip, !!! warning…) in the same order in both languages")

    if fr.meta_error or en.meta_error:
        return problems  # the front-matter check reports the broken block; comparing it would only add noise
    for key in LANGUAGE_NEUTRAL:
        a, b = fr.meta.get(key), en.meta.get(key)
        if a == b:
            continue
        fix = f"`{key}` is the same in both languages: copy it from one twin to the other"
        line_a, line_b = fr.meta_lines.get(key, 1), en.meta_lines.get(key, 1)
        if isinstance(a, list) and isinstance(b, list) and set(a) != set(b):
            # Name only what differs, not two long lists to compare by eye.
            for side, other, line, mine, theirs in ((fr, en, line_a, a, b), (en, fr, line_b, b, a)):
                extra = ", ".join(str(v) for v in mine if v not in theirs) or "nothing"
                lacking = ", ".join(str(v) for v in theirs if v not in mine) or "nothing"
                problems.append(Problem(rel(side.path), line, f"front matter `{key}` has {extra} where "
                                        f"{rel(other.path)} has {lacking}", fix))
        else:
            both(line_a, line_b, f"front matter `{key}` differs: {a!r} vs {b!r}", fix)
    return problems


def structure(docs: Path = paths.DOCS) -> list[Problem]:
    problems: list[Problem] = []
    fr_dir, en_dir = docs / "fr", docs / "en"
    for key in sorted(page_paths(fr_dir) & page_paths(en_dir)):
        fr, en = read_page(fr_dir / key), read_page(en_dir / key)
        problems += anchors_missing(fr) + anchors_missing(en) + compare(fr, en)
    return problems
