"""The search query set (tests/data/search-queries.yml) run in headless Chromium, online or from file://.

Each query is typed into the site's own search box, as a reader would, and the results shown are read
back from the page: success at 1 (the first result is an expected page) and at 3 (one of the first
three is), per language. Latency is measured per keystroke: every prefix of a sample of the queries
is put into the box and the time until the results are laid out is recorded.

Used by tests/test_search_quality.py (which asserts the success rates, never a time) and by
`make bench` (which prints everything). Nothing here imports MkDocs.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts import paths
from scripts.sitedata import yamlload

QUERY_SET = paths.ROOT / "tests" / "data" / "search-queries.yml"

# Open search, wait until the index is loaded and the box answers.
OPEN = """async () => {
    const lang = document.documentElement.lang;
    document.querySelector('[data-site-search]').click();
    const start = performance.now();
    while (!document.querySelector('#site-search-input') || !(window.__siteSearch || {})[lang]
           || (window.__siteSearchReady === false)) {
        await new Promise(r => setTimeout(r, 5));
        if (performance.now() - start > 20000) throw new Error('search did not load');
    }
    await new Promise(r => setTimeout(r, 50));
    return performance.now() - start;
}"""

# Type each query; return the addresses of the results as shown, best first.
RUN = """(queries) => {
    const input = document.querySelector('#site-search-input');
    return queries.map(q => {
        input.value = q;
        input.dispatchEvent(new Event('input'));
        return [...document.querySelectorAll('.site-search__link')].map(a => a.href);
    });
}"""

# Every prefix of each query, as keystrokes; milliseconds from input event to laid-out results.
KEYSTROKES = """(queries) => {
    const input = document.querySelector('#site-search-input');
    const list = document.querySelector('.site-search__results');
    const times = [];
    for (const q of queries) {
        for (let i = 1; i <= q.length; i++) {
            const t0 = performance.now();
            input.value = q.slice(0, i);
            input.dispatchEvent(new Event('input'));
            list.getBoundingClientRect();
            times.push(performance.now() - t0);
        }
    }
    return times;
}"""


def load_queries(path: Path = QUERY_SET) -> dict[str, list[dict]]:
    data = yamlload.load(path).data
    return {lang: list(data[lang]) for lang in paths.LANGUAGES}


def page_of(href: str, lang: str) -> str:
    """'.../en/que-faire/chantage/#x' or '.../site/en/que-faire/chantage.html#x' -> 'que-faire/chantage/'."""
    path = unquote(urlsplit(href).path)
    if "/site/" in path:  # offline pack: file:///…/site/<path>.html
        path = path.split("/site/", 1)[1]
    path = path.lstrip("/")
    prefix = paths.lang_prefix(lang)
    if prefix and path.startswith(prefix):
        path = path[len(prefix):]
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    elif path.endswith(".html"):
        path = path[: -len(".html")] + "/"
    return path


def score(queries: list[dict], shown: list[list[str]], lang: str) -> dict:
    rows, at1, at3 = [], 0, 0
    for query, hrefs in zip(queries, shown):
        pages = [page_of(h, lang) for h in hrefs]
        hit1 = bool(pages) and pages[0] in query["top3"]
        hit3 = any(p in query["top3"] for p in pages[:3])
        at1 += hit1
        at3 += hit3
        rows.append({"q": query["q"], "expected": query["top3"], "top3": pages[:3], "at1": hit1, "at3": hit3})
    n = len(queries)
    return {"queries": n, "at1": round(at1 / n, 3), "at3": round(at3 / n, 3), "rows": rows}


def run_language(page, url: str, lang: str, queries: list[dict], latency_sample: int = 3) -> dict:
    """Open `url` (a page in `lang`) in a Playwright page and run the query set there."""
    page.goto(url)
    ready = page.evaluate(OPEN)
    shown = page.evaluate(RUN, [q["q"] for q in queries])
    result = score(queries, shown, lang)
    times = page.evaluate(KEYSTROKES, [q["q"] for q in queries[::latency_sample]])
    result["index_ready_ms"] = round(ready, 1)
    result["keystrokes"] = len(times)
    result["median_ms"] = round(statistics.median(times), 2)
    result["p90_ms"] = round(sorted(times)[int(0.9 * (len(times) - 1))], 2)
    return result


def run(site: Path | None = None, offline_site: Path | None = None) -> dict:
    """Run the set online (a local server on `site`) and/or from file:// (`offline_site`, the pack's
    site/ folder). Returns {"online": {lang: …}, "offline": {lang: …}}."""
    from scripts.browser import chromium, serve_directory

    queries = load_queries()
    out: dict = {}
    with chromium() as context:
        page = context.new_page()
        if site is not None:
            with serve_directory(site) as base:
                out["online"] = {lang: run_language(page, base + paths.lang_prefix(lang), lang, queries[lang])
                                 for lang in paths.LANGUAGES}
        if offline_site is not None:
            out["offline"] = {lang: run_language(page, (offline_site / paths.lang_prefix(lang) / "index.html").as_uri(),
                                                 lang, queries[lang]) for lang in paths.LANGUAGES}
    return out


def summary(result: dict) -> str:
    lines = []
    for where, langs in result.items():
        for lang, r in langs.items():
            lines.append(f"{where:<8} {lang}: {r['queries']} queries, top 1 {r['at1']:.0%}, top 3 {r['at3']:.0%}; "
                         f"median {r['median_ms']} ms per keystroke (p90 {r['p90_ms']}, {r['keystrokes']} keystrokes), "
                         f"index ready {r['index_ready_ms']} ms")
    return "\n".join(lines)


def misses(result: dict) -> str:
    lines = []
    for where, langs in result.items():
        for lang, r in langs.items():
            for row in r["rows"]:
                if not row["at3"]:
                    lines.append(f"{where} {lang}: {row['q']!r} -> {row['top3']} (want {row['expected']})")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m scripts.search_quality SITE [OFFLINE_SITE]
    import sys

    res = run(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
    print(summary(res))
    print(misses(res))
