"""`python -m scripts check` (= `make check`): one fixture per class of contributor mistake, each with
the exact `path:line: what — fix` message and exit code; `--fix` repairs what it claims to; GitHub
annotations in Actions; and the real site passes.

Each case breaks one thing in a scratch copy of the project and runs the check on the page changed
(and, through the pair checks, its twin), exactly as a contributor would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT_PARTS, ROOT, copy_project
from scripts.checks.pages import all_pages
from scripts.checks import run

CHECK_PARTS = [*PROJECT_PARTS, "i18n-sync.yml", "cspell.json", ".markdownlint-cli2.yaml"]
SYNC_HINT = "bring it up to date, then run `python -m scripts sync docs/en/parents.md`"
PARENTS_OUTDATED = ("docs/en/parents.md: warning: may be out of date: docs/fr/parents.md changed since the pair "
                    "was last synced — " + SYNC_HINT)
SEXTORTION_OUTDATED = ("docs/fr/risques/sextorsion.md: warning: may be out of date: docs/en/risques/sextorsion.md "
                       "changed since the pair was last synced — bring it up to date, then run "
                       "`python -m scripts sync docs/fr/risques/sextorsion.md`")
ADD_LINE = ("# Vous êtes parent\n", "# Vous êtes parent\n\n{}\n")  # a new line 12 in docs/fr/parents.md


def added(sentence: str) -> tuple[str, str]:
    return ADD_LINE[0], ADD_LINE[1].format(sentence)


# (id, page changed, text replaced, replacement, exit code, exact problem lines in report order)
CASES = [
    ("missing twin", "docs/en/glossaire/index.md", None, None, 1, [
        "docs/fr/glossaire/index.md: this page has no EN twin (expected docs/en/glossaire/index.md) — create "
        "docs/en/glossaire/index.md with the same sections, in EN — copy docs/_templates/page.en.md to start",
    ]),
    ("heading level mismatch", "docs/en/risques/sextorsion.md",
     "### To get money { #argent }", "## To get money { #argent }", 1, [
         "docs/en/risques/sextorsion.md:40: section 4 differs between the twins: ### … { #argent } vs ## … "
         "{ #argent } (compare docs/fr/risques/sextorsion.md:41) — give both pages the same headings, at the same "
         "levels, with the same { #anchor } ids",
         SEXTORTION_OUTDATED,
         "docs/fr/risques/sextorsion.md:41: section 4 differs between the twins: ### … { #argent } vs ## … "
         "{ #argent } (compare docs/en/risques/sextorsion.md:40) — give both pages the same headings, at the same "
         "levels, with the same { #anchor } ids",
     ]),
    ("missing anchor", "docs/en/risques/sextorsion.md",
     "## Faked images { #images-truquees }", "## Faked images", 1, [
         "docs/en/risques/sextorsion.md:51: section 5 differs between the twins: ## … { #images-truquees } vs "
         "## Faked images (compare docs/fr/risques/sextorsion.md:53) — give both pages the same headings, at the "
         "same levels, with the same { #anchor } ids",
         "docs/en/risques/sextorsion.md:51: the heading “Faked images” has no explicit anchor — end it with "
         "{ #a-short-id } and use the same id in the other language",
         SEXTORTION_OUTDATED,
         "docs/fr/risques/sextorsion.md:53: section 5 differs between the twins: ## … { #images-truquees } vs "
         "## Faked images (compare docs/en/risques/sextorsion.md:51) — give both pages the same headings, at the "
         "same levels, with the same { #anchor } ids",
     ]),
    ("marker mismatch", "docs/en/risques/sextorsion.md",
     "data:penalty law=cp-227-23-1 case=aggravation-1", "data:penalty law=cp-227-23-1 case=base", 1, [
         "docs/en/risques/sextorsion.md:90: data marker `penalty case=base law=cp-227-23-1` appears 2× here but "
         "1× in docs/fr/risques/sextorsion.md — place the same <!-- data:… --> markers, with the same arguments, "
         "in both",
         SEXTORTION_OUTDATED,
         "docs/fr/risques/sextorsion.md:95: data marker `penalty case=aggravation-1 law=cp-227-23-1` appears 1× "
         "here but 0× in docs/en/risques/sextorsion.md — place the same <!-- data:… --> markers, with the same "
         "arguments, in both",
     ]),
    ("front matter not YAML", "docs/fr/parents.md", "title: Vous êtes parent", "title: Parent: que faire", 1, [
        PARENTS_OUTDATED,
        "docs/fr/parents.md:2: the front matter is not valid YAML (mapping values are not allowed in this context) — "
        "check "
        "the --- block at the top of the page: `key: value`, and quotes around text containing \": \"",
    ]),
    ("title too long", "docs/fr/parents.md", "title: Vous êtes parent",
     "title: Vous êtes parent, grand-parent, tuteur ou tutrice d'un enfant ou d'un ado", 1, [
         PARENTS_OUTDATED,
         "docs/fr/parents.md:2: the front matter: `title` is 73 characters long, more than 60 — shorten it to "
         "60 characters or fewer",
     ]),
    ("review date in the future", "docs/fr/parents.md", "reviewed_on: 2026-11-22", "reviewed_on: 2099-01-01", 1, [
        "docs/fr/parents.md:6: `reviewed_on` 2099-01-01 is in the future — write the date you actually re-read "
        "the page",
    ]),
    ("in brief written as a sentence", "docs/fr/loi/index.md", 'covers: "les lois qui protègent',
     'covers: "Cette page résume les lois qui protègent', 1, [
         "docs/en/loi/index.md: warning: may be out of date: docs/fr/loi/index.md changed since the pair was last "
         "synced — bring it up to date, then run `python -m scripts sync docs/en/loi/index.md`",
         "docs/fr/loi/index.md:6: `covers` (shown as « En bref » / \"In brief\") is not a lower-case fragment — "
         "write what the page covers, starting in lower case: « le chantage avec des images intimes, … » / "
         "\"blackmail with intimate images, …\", not \"This page…\"",
     ]),
    ("unknown source id", "docs/fr/parents.md", "sources: [weprotect-gta-2023,", "sources: [weprotect-gta-2042,", 1, [
        PARENTS_OUTDATED,
        "docs/en/parents.md:7: front matter `sources` has weprotect-gta-2023 where docs/fr/parents.md has "
        "weprotect-gta-2042 — `sources` is the same in both languages: copy it from one twin to the other",
        "docs/fr/parents.md:7: front matter `sources` has weprotect-gta-2042 where docs/en/parents.md has "
        "weprotect-gta-2023 — `sources` is the same in both languages: copy it from one twin to the other",
        "docs/fr/parents.md:7: unknown source id 'weprotect-gta-2042' — add the publication to data/sources.yml, "
        "or fix the id",
    ]),
    ("outdated twin", "docs/fr/parents.md", *added("Une phrase ajoutée."), 0, [PARENTS_OUTDATED]),
    ("spelling", "docs/fr/parents.md", *added("Une phrasse ajoutée."), 1, [
        PARENTS_OUTDATED,
        "docs/fr/parents.md:12: unknown word “phrasse” — correct the spelling, or add the word to `words` in "
        "cspell.json if it is right",
    ]),
    # A warning: readers already see the right spaces (the build fixes them), and a contributor in the
    # browser cannot type a no-break space; `make fix` or the pre-commit hook tidies the source.
    ("typography", "docs/fr/parents.md", *added("Attention: une phrase."), 0, [
        PARENTS_OUTDATED,
        "docs/fr/parents.md:12: warning: French typography: no space before « : » — readers already see the "
        "right spaces; run `make fix` to tidy the source (or leave it to the pre-commit hook or a maintainer)",
    ]),
    ("markdown", "docs/fr/parents.md", "# Vous êtes parent\n", "# Vous êtes parent\nUne phrase collée.\n", 1, [
        PARENTS_OUTDATED,
        "docs/fr/parents.md:10: MD022 Headings should be surrounded by blank lines [Expected: 1; Actual: 0; Below] "
        "— leave a blank line before and after the heading",
    ]),
    ("number typed in prose", "docs/fr/parents.md", *added("Appelez le 3018."), 1, [
        PARENTS_OUTDATED,
        "docs/fr/parents.md:12: a help-line number (fr-3018) is typed in the page — write "
        "<!-- data:tel id=fr-3018 --> so it comes from data/helplines.yml",
    ]),
    ("blaming word", "docs/fr/parents.md", *added("Votre enfant a été imprudent."), 1, [
        PARENTS_OUTDATED,
        "docs/fr/parents.md:12: “imprudent”: juge la victime au lieu de décrire la manipulation — write instead "
        "décrire ce que fait l'auteur (il manipule, il ment, il menace)",
    ]),
    ("terminology", "docs/fr/parents.md", *added("Des enfants abusés en ligne."), 1, [
        PARENTS_OUTDATED,
        "docs/fr/parents.md:12: “enfants abusés”: calque de l'anglais « abused » ; le site dit « enfants "
        "victimes » — write instead « enfants victimes » (de violences sexuelles)",
    ]),
    ("terminology across a line break", "docs/en/parents.md",
     "first. If you are unsure, you can also talk it through",
     "first. If you are unsure, call a help\nline or talk it through", 1, [
         "docs/en/parents.md:73: “help line” (across lines 73–74): the site's one word for a phone, text or "
         "chat service people can turn to is \"helpline\" — write instead \"helpline\", \"helplines\"",
         "docs/fr/parents.md: warning: may be out of date: docs/en/parents.md changed since the pair was last "
         "synced — bring it up to date, then run `python -m scripts sync docs/fr/parents.md`",
     ]),
]


# The Node checks (cspell, markdownlint) cost seconds per run; the Python checks a fraction of one. A case
# in this set is about a Python check, so it runs every Python check (its exact lines, and no other line
# from them) but not the Node ones; any other case (spelling, markdown, and a new case until it is added
# here) runs the whole check. The whole check on the whole site is test_the_real_site_passes_every_check.
PYTHON_CHECKS = [name for name in run.CHECKS if name not in run.EXTERNAL]
PYTHON_ONLY_CASES = {"missing twin", "heading level mismatch", "missing anchor", "marker mismatch",
                     "front matter not YAML", "title too long", "review date in the future", "unknown source id",
                     "in brief written as a sentence",
                     "outdated twin", "typography", "number typed in prose", "blaming word"}


def only(*node_checks: str) -> list[str]:
    """Arguments for `check` that run the Python checks and these Node checks."""
    return ["--only", ",".join([*PYTHON_CHECKS, *node_checks])]


@pytest.fixture
def checked_copy(tmp_path) -> Path:
    """A scratch copy of everything `check` reads; Node tools are shared through a symlink."""
    dest = copy_project(tmp_path / "project", CHECK_PARTS)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def run_check(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts", "check", *args], cwd=project, capture_output=True,
                          text=True, env={**os.environ, "GITHUB_ACTIONS": "", **(env or {})})


def problem_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stdout.splitlines() if line and not line.startswith("check ")]


def break_page(project: Path, page: str, old: str | None, new: str | None) -> None:
    target = project / page
    if old is None:
        target.unlink()
        return
    text = target.read_text(encoding="utf-8")
    assert old in text, f"the fixture no longer matches {page}: update the test case"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("case,page,old,new,code,expected", CASES, ids=[c[0] for c in CASES])
def test_each_mistake_is_reported_at_its_line_with_a_fix(checked_copy, case, page, old, new, code, expected):
    break_page(checked_copy, page, old, new)
    target = page if old is not None else page.replace("/en/", "/fr/")
    result = run_check(checked_copy, *(only() if case in PYTHON_ONLY_CASES else []), target)
    assert result.returncode == code, result.stdout + result.stderr
    assert problem_lines(result) == expected


def test_the_real_site_passes_every_check():
    result = run_check(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert problem_lines(result) == []
    # Every page of both languages was checked (counted on disk, so adding a page does not break this).
    on_disk = sum(1 for lang in ("fr", "en") for _ in (ROOT / "docs" / lang).rglob("*.md"))
    assert f"({on_disk} pages;" in result.stdout, result.stdout


def test_fix_repairs_typography_front_matter_and_markdown_layout(checked_copy):
    page = checked_copy / "docs/fr/parents.md"
    text = page.read_text(encoding="utf-8")
    scrambled = text.replace("title: Vous êtes parent\n", "").replace("---\n", "---\ntitle: 'Vous êtes parent'\n", 1)
    scrambled = scrambled.replace(*added("Attention: une phrase ? Oui.\n\n\n## Encore une section { #encore }"))
    page.write_text(scrambled, encoding="utf-8")
    (checked_copy / "docs/en/parents.md").write_text(
        (checked_copy / "docs/en/parents.md").read_text(encoding="utf-8").replace(
            "# For parents and carers\n", "# For parents and carers\n\n## One more section { #encore }\n"), encoding="utf-8")
    before = run_check(checked_copy, *only("markdown"), "docs/fr/parents.md")
    assert before.returncode == 1 and "MD012" in before.stdout and "French typography" in before.stdout
    fixed = run_check(checked_copy, "--fix", *only("markdown"), "docs/fr/parents.md")
    assert fixed.returncode == 0, fixed.stdout
    assert "fixed: docs/fr/parents.md (front matter order and formatting)" in fixed.stdout
    assert "fixed: docs/fr/parents.md (French typography)" in fixed.stdout
    assert "fixed: docs/fr/parents.md (Markdown layout)" in fixed.stdout
    after = page.read_text(encoding="utf-8")
    assert after.startswith("---\ntitle: Vous êtes parent\ndescription:")
    assert "Attention\u00a0: une phrase\u202f? Oui.\n\n## Encore" in after
    again = run_check(checked_copy, "--fix", *only("markdown"), "docs/fr/parents.md")
    assert again.returncode == 0 and "fixed:" not in again.stdout, "a second `make fix` must change nothing"


def test_annotations_are_printed_in_github_actions(checked_copy):
    break_page(checked_copy, "docs/fr/parents.md", *added("Appelez le 3018."))
    result = run_check(checked_copy, *only(), "docs/fr/parents.md", env={"GITHUB_ACTIONS": "true"})
    assert "::error file=docs/fr/parents.md,line=12::a help-line number (fr-3018) is typed in the page" in result.stdout
    assert "::warning file=docs/en/parents.md::may be out of date" in result.stdout


def test_unknown_check_name_and_missing_path_are_refused(checked_copy):
    assert run_check(checked_copy, "--only", "spelling,typo").returncode == 2
    result = run_check(checked_copy, "docs/fr/no-such-page.md")
    assert result.returncode == 2 and "no such page or folder: docs/fr/no-such-page.md" in result.stderr


@pytest.mark.parametrize("guide", ["CONTRIBUTING.md", "CONTRIBUTING.fr.md"])
def test_contributing_guides_explain_every_message_class(guide):
    """A newcomer reading a red check finds its message in the guide, in either language."""
    text = (ROOT / guide).read_text(encoding="utf-8")
    for fragment in ("has no EN twin", "differs between the twins", "has no explicit anchor", "data marker",
                     "link target", "call-out box", "not valid YAML", "characters long", "which is not allowed",
                     "unknown source id", "is in the future", "help-line number", "a penalty is typed",
                     "unknown word", "write instead", "MD022", "may be out of date", "French typography",
                     "make fix", "make check", "make sync", "Edit", "pull request"):
        assert fragment in text, f"{guide} does not explain “{fragment}”"


def test_make_fix_keeps_front_matter_comments(tmp_path):
    """`make fix` puts the keys in canonical order without deleting a contributor's YAML comments
    (ruamel.yaml round-trip); running it again changes nothing."""
    from scripts.checks import frontmatter
    from scripts.checks.pages import read_page

    page = tmp_path / "page.md"
    page.write_text("---\n# TODO: relire la description\ndescription: \"Une page : un test.\"\n"
                    "title: Un titre  # court\nreviewed_on: 2026-11-22  # relu\n---\n\n# Un titre\n\nTexte.\n",
                    encoding="utf-8")
    assert frontmatter.fix(read_page(page))
    assert page.read_text(encoding="utf-8") == (
        "---\n# TODO: relire la description\ntitle: Un titre  # court\ndescription: \"Une page : un test.\"\n"
        "reviewed_on: 2026-11-22  # relu\n---\n\n# Un titre\n\nTexte.\n")
    assert not frontmatter.fix(read_page(page))


def test_tagging_a_page_kind_does_not_make_its_twin_out_of_date(tmp_path):
    from scripts.checks import freshness

    page = (ROOT / "docs/fr/parents.md").read_text(encoding="utf-8")
    assert "\nkind: explain\n" in page
    untagged = tmp_path / "untagged.md"
    untagged.write_text(page.replace("\nkind: explain\n", "\n"), encoding="utf-8")
    retagged = tmp_path / "retagged.md"
    retagged.write_text(page.replace("kind: explain", "kind: crisis"), encoding="utf-8")
    assert freshness.content_hash(ROOT / "docs/fr/parents.md") == freshness.content_hash(untagged)
    assert freshness.content_hash(retagged) == freshness.content_hash(untagged)
