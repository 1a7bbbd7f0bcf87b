"""Search answers questions as readers type them: the query set in tests/data/search-queries.yml
(40+ per language, with typos, no accents, slang, whole sentences) run in headless Chromium on the
hosted site and from file:// (the offline flavour), with the budget on index size. No time is asserted
here: `make bench` reports latency.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest

from conftest import run_build
from scripts import paths, search_quality

TOP3_TARGET = 0.90
INDEX_BUDGET_GZIP = 100 * 1024


@pytest.fixture(scope="session")
def offline_site(unpacked):
    """The offline (file://) flavour as readers get it: the pack's site/, built once per run."""
    return unpacked / "site"


def test_query_set_is_real_and_points_at_real_pages():
    queries = search_quality.load_queries()
    for lang in paths.LANGUAGES:
        assert len(queries[lang]) >= 40, lang
        assert len({q["q"] for q in queries[lang]}) == len(queries[lang]), f"{lang}: a query appears twice"
        for query in queries[lang]:
            assert query["who"] in ("t", "p", "e"), query
            for page in query["top3"]:
                stem = paths.DOCS / lang / page.rstrip("/")
                assert (stem.with_suffix(".md").exists() or (stem / "index.md").exists()), \
                    f"{lang}: {query['q']!r} expects {page!r}, which is no page"


def _assert_target(result: dict) -> None:
    for where, langs in result.items():
        for lang, r in langs.items():
            assert r["at3"] >= TOP3_TARGET, (
                f"{where} {lang}: {r['at3']:.0%} of the query set in the top 3 (target {TOP3_TARGET:.0%}); misses:\n"
                + search_quality.misses({where: {lang: r}}))


@pytest.mark.browser
def test_query_set_online(site):
    _assert_target(search_quality.run(site=site))


@pytest.mark.xdist_group("pack")  # on the worker that reads the pack (tests/test_offline_pack.py)
@pytest.mark.browser
def test_query_set_from_file(offline_site):
    _assert_target(search_quality.run(offline_site=offline_site))


def test_index_within_budget_and_per_language(site):
    for lang in paths.LANGUAGES:
        index = site / "search" / f"index-{lang}.js"
        text = index.read_text(encoding="utf-8")
        assert len(gzip.compress(text.encode(), 6)) <= INDEX_BUDGET_GZIP, f"{index.name} over 100 KB gzip"
        assert text.startswith(f'(window.__siteSearch=window.__siteSearch||{{}})["{lang}"]=')
        payload = json.loads(text.split("=", 2)[2].rstrip().rstrip(";"))
        urls = [d["u"] for d in payload["docs"]]
        assert urls and all(u.startswith("en/") == (lang == "en") for u in urls), f"{index.name}: other language"


def test_crisis_pages_are_tagged_and_offered_when_nothing_matches(site):
    text = (site / "search" / "index-en.js").read_text(encoding="utf-8")
    assert '"u":"en/que-faire/chantage/","t":"I\'m being blackmailed","h":"","x":' in text
    assert '"k":"c"' in text and '"k":"l"' in text and '"k":"e"' in text
    assert '"none":{"pages":[{"u":"en/que-faire/chantage/"' in text
    assert '"tel":{"name":"Online violence helpline (e-Enfance)"' in text


def _validate(project) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts", "validate-data", "--data-dir", str(project / "data")],
                          cwd=project, capture_output=True, text=True)


def test_malformed_synonyms_fail_with_path_and_line(project_copy):
    file = project_copy / "data" / "search-synonyms.yml"
    lines = file.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("- id: blackmail"))
    lines.insert(at + 1, "    colour: red")
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _validate(project_copy)
    assert result.returncode == 1
    assert f"data/search-synonyms.yml:{at + 2}:" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_synonym_for_a_page_not_written_yet_does_not_break_the_build(project_copy, tmp_path):
    file = project_copy / "data" / "search-synonyms.yml"
    text = file.read_text(encoding="utf-8").replace(
        "    pages: [que-faire/chantage/]\n", "    pages: [que-faire/chantage/, app-guides/snapchat/]\n", 1)
    file.write_text(text, encoding="utf-8")
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "no page 'app-guides/snapchat/'" in result.stderr
    assert "app-guides" not in (tmp_path / "site" / "search" / "index-fr.js").read_text(encoding="utf-8")
