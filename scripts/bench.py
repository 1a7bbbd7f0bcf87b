"""`python -m scripts bench`: measure, print a table, write JSON. Nothing here asserts a time.

Figures depend on the machine; the JSON records it. What is measured:
- strict build time of both languages (median of N runs), and of a bare Material + static-i18n
  build of the same pages with our hooks and templates off, in the same run, and their ratio;
- page weight of every page of both languages in headless Chromium: first visit (empty cache) and
  second visit (after the home page: only bytes not already loaded), raw and gzip;
- the offline pack: `make pack` time (median of N), zip and ZIM sizes; search index size per language;
- search quality and latency, online and from file://: the query set of tests/data/search-queries.yml
  as success at 1 and at 3 per language, and milliseconds per keystroke (scripts/search_quality.py);
- `make serve`: time to the first page, and to the rebuilt page after a one-line edit of a page;
- build time per page on synthetic sites (1, 2 and 5 languages × 20 and 100 pages of filler);
- Lighthouse scores (performance, accessibility, best practices, SEO), mobile and desktop, on both
  home pages and the longest content page, over a local server that compresses like GitHub Pages.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from scripts import build, paths

LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def machine() -> dict:
    info = {"python": platform.python_version(), "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(), "cpus": os.cpu_count()}
    try:
        model = [line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                 if line.startswith("model name")]
        if model:
            info["cpu_model"] = model[0]
    except OSError:
        pass
    from scripts.browser import chromium_path

    try:
        info["chromium"] = subprocess.run([chromium_path(), "--version"], capture_output=True,
                                          text=True).stdout.strip()
    except OSError:
        pass
    return info


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


# --- Builds ---------------------------------------------------------------------------------------

def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(build_once) -> tuple[float, float]:
    """(wall seconds, CPU seconds of every process it ran) for one build."""
    cpu, started = _children_cpu(), time.perf_counter()
    build_once()
    return time.perf_counter() - started, _children_cpu() - cpu


def time_builds_against_bare(runs: int) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Our strict build (`make build`'s entry point) and the bare Material + i18n build of the same pages,
    taking turns, so that a machine getting busier or quieter weighs on both alike."""
    ours, bare = [], []
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        config = bare_config(Path(tmp))
        for i in range(runs):
            ours.append(_timed(lambda: build.build(Path(tmp) / f"site{i}", quiet=True)))
            bare.append(_timed(lambda: _bare_build(config, Path(tmp) / f"bare{i}")))
    return ours, bare


def bare_config(tmp: Path) -> Path:
    """mkdocs.yml without our hooks, templates and static pages: Material + static-i18n alone."""
    text = paths.MKDOCS_YML.read_text(encoding="utf-8")
    text = re.sub(r"^hooks:\n(?:  - .*\n)+", "", text, flags=re.M)
    text = re.sub(r"^  custom_dir: .*\n", "", text, flags=re.M)
    text = re.sub(r"^  static_templates:\n(?:    - .*\n)+", "", text, flags=re.M)
    text = re.sub(r"^  (favicon|logo): .*\n", "", text, flags=re.M)
    text = re.sub(r"^watch:\n(?:  - .*\n)+", "", text, flags=re.M)
    text = text.replace("strict: true", "strict: false")
    text += f"\ndocs_dir: {paths.DOCS}\n"
    config = tmp / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def _bare_build(config: Path, site: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(config), "-d", str(site)],
                            capture_output=True, text=True, env=build.mkdocs_env(build.ONLINE))
    if result.returncode != 0:
        raise RuntimeError("bare build failed:\n" + result.stdout[-2000:] + result.stderr[-2000:])


def synthetic_site(root: Path, languages: list[str], pages: int) -> Path:
    filler = ("Texte de remplissage pour mesurer le temps de construction. " * 40).strip()
    for lang in languages:
        for i in range(pages):
            page = root / "docs" / lang / f"page-{i:03d}.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"# Page {i}\n\n## Section {{ #s{i} }}\n\n{filler}\n\n[Suivante](page-{(i + 1) % pages:03d}.md)\n",
                            encoding="utf-8")
    langs = "\n".join(f"        - locale: {lang}\n          name: {lang}\n          build: true"
                      + ("\n          default: true" if j == 0 else "") for j, lang in enumerate(languages))
    (root / "mkdocs.yml").write_text(
        "site_name: Synthetic\nsite_url: https://example.org/s/\ntheme:\n  name: material\n  font: false\n"
        f"plugins:\n  - search\n  - i18n:\n      docs_structure: folder\n      languages:\n{langs}\n", encoding="utf-8")
    return root


def time_synthetic() -> list[dict]:
    rows = []
    for languages in (["fr"], ["fr", "en"], ["fr", "en", "de", "es", "it"]):
        for pages in (20, 100):
            with tempfile.TemporaryDirectory(prefix="bench-synth-") as tmp:
                root = synthetic_site(Path(tmp), languages, pages)
                started = time.perf_counter()
                result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")],
                                        capture_output=True, text=True, env=build.mkdocs_env(build.ONLINE))
                seconds = time.perf_counter() - started
                if result.returncode != 0:
                    raise RuntimeError("synthetic build failed:\n" + result.stderr[-2000:])
            total = len(languages) * pages
            rows.append({"languages": len(languages), "pages_per_language": pages, "pages": total,
                         "seconds": round(seconds, 3), "ms_per_page": round(1000 * seconds / total, 2)})
    return rows


# --- Page weight ----------------------------------------------------------------------------------

def _page_urls(site: Path) -> list[str]:
    urls = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if Path(rel).name == "404.html" or Path(rel).name.startswith("neutral-"):
            continue
        urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return urls


def page_weights(site: Path) -> list[dict]:
    from scripts.browser import chromium, serve_directory

    def load(page, url):
        bodies = {}

        def record(response):
            if response.ok and urlsplit(response.url).scheme.startswith("http"):
                bodies[response.url] = response.body()
        page.on("response", record)
        page.goto(url, wait_until="networkidle")
        page.remove_listener("response", record)
        return bodies

    rows = []
    with serve_directory(site) as base:
        for url in _page_urls(site):
            home = "en/" if url.startswith("en/") else ""
            with chromium() as context:
                page = context.new_page()
                first = load(page, base + url)
                seen = load(page, base + home) if url != home else first
                second = {u: b for u, b in load(page, base + url).items() if u not in seen} if url != home else {}
            rows.append({
                "page": url or "/",
                "first_visit": {"files": len(first), "raw": sum(map(len, first.values())),
                                "gzip": sum(len(gzip.compress(b, 6)) for b in first.values())},
                "after_home": {"files": len(second), "raw": sum(map(len, second.values())),
                               "gzip": sum(len(gzip.compress(b, 6)) for b in second.values())},
            })
    return rows


# --- Search -----------------------------------------------------------------------------------------

def search_latency(site: Path, offline_root: Path | None) -> dict:
    """The query set (tests/data/search-queries.yml) typed into the search box, online and from
    file://: success at 1 and at 3 per language, and latency per keystroke (scripts/search_quality.py)."""
    from scripts import search_quality

    result = search_quality.run(site=site, offline_site=offline_root)
    out = {}
    for where, langs in result.items():
        for lang, r in langs.items():
            out[f"{where}_{lang}"] = {k: r[k] for k in ("queries", "at1", "at3", "median_ms", "p90_ms", "keystrokes",
                                                        "index_ready_ms")}
    return out


# --- Lighthouse -------------------------------------------------------------------------------------

def lighthouse(site: Path, pages: list[str]) -> list[dict]:
    from scripts.browser import CHROMIUM_FLAGS, chromium_path, serve_directory

    cli = paths.ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists() or not shutil.which("node"):
        return [{"error": "lighthouse not installed (npm ci)"}]
    rows = []
    with serve_directory(site, compress=True) as base, tempfile.TemporaryDirectory(prefix="bench-lh-") as tmp:
        for page in pages:
            for form in ("mobile", "desktop"):
                out = Path(tmp) / "report.json"
                cmd = ["node", str(cli), base + page, "--output=json", f"--output-path={out}", "--quiet",
                       "--only-categories=" + ",".join(LIGHTHOUSE_CATEGORIES),
                       "--chrome-flags=" + " ".join(CHROMIUM_FLAGS)]
                cmd += ["--preset=desktop"] if form == "desktop" else ["--form-factor=mobile"]
                result = subprocess.run(cmd, capture_output=True, text=True,
                                        env=dict(os.environ, CHROME_PATH=chromium_path()), timeout=300)
                if result.returncode != 0 or not out.exists():
                    rows.append({"page": page or "/", "form": form, "error": result.stderr[-300:]})
                    continue
                report = json.loads(out.read_text())
                scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in LIGHTHOUSE_CATEGORIES}
                failing = [a["id"] for a in report["audits"].values()
                           if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") == "binary"]
                rows.append({"page": page or "/", "form": form, **scores, "failing_audits": failing[:8]})
    return rows


# --- make serve ------------------------------------------------------------------------------------

def _wait_for(url: str, text: str | None, timeout: float) -> float:
    """Seconds until `url` answers (and holds `text`, when given)."""
    from urllib.request import urlopen

    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            with urlopen(url, timeout=5) as response:
                if text is None or text in response.read().decode("utf-8", "replace"):
                    return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"make serve: {url} did not {'show the edit' if text else 'answer'} within {timeout} s")


def time_serve_rebuild(port: int = 8765, timeout: float = 180) -> dict:
    """Start `make serve`, wait for a page, add one line to it, and time until the served page has it.
    The page is restored afterwards, whatever happens."""
    page, url_path = paths.DOCS / "fr" / "parents.md", "parents/"
    original = page.read_bytes()
    line = f"Ligne ajoutée par la mesure {os.getpid()}."
    server = subprocess.Popen([sys.executable, "-m", "scripts", "serve", "--port", str(port)], cwd=paths.ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/{url_path}"
        first = _wait_for(url, None, timeout)
        time.sleep(1)  # let the file watcher settle after the first build
        page.write_bytes(original + f"\n{line}\n".encode())
        rebuild = _wait_for(url, line, timeout)
    finally:
        page.write_bytes(original)
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    return {"page": page.relative_to(paths.ROOT).as_posix(), "first_page_s": round(first, 2), "rebuild_s": round(rebuild, 2)}


# --- Report -----------------------------------------------------------------------------------------

def run(out: Path, runs: int = 3, skip: set[str] | None = None) -> int:
    skip = skip or set()
    report: dict = {"machine": machine(), "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    print(f"Machine: {report['machine'].get('cpu_model', report['machine']['processor'])}, "
          f"{report['machine']['cpus']} CPUs, Python {report['machine']['python']}, "
          f"{report['machine'].get('chromium', '')}\n")

    timed_ours, timed_bare = time_builds_against_bare(max(runs, 5))
    ours, bare = [wall for wall, _ in timed_ours], [wall for wall, _ in timed_bare]
    ours_cpu, bare_cpu = [cpu for _, cpu in timed_ours], [cpu for _, cpu in timed_bare]
    report["build_seconds"] = {"ours": [round(t, 3) for t in ours], "ours_median": median(ours),
                               "bare_material_i18n": [round(t, 3) for t in bare], "bare_median": median(bare),
                               "ratio": round(statistics.median(ours) / statistics.median(bare), 2),
                               "cpu_ours_median": median(ours_cpu), "cpu_bare_median": median(bare_cpu),
                               "cpu_ratio": round(statistics.median(ours_cpu) / statistics.median(bare_cpu), 2)}
    b = report["build_seconds"]
    print(f"Strict build, both languages: median {b['ours_median']} s over {len(ours)} runs {b['ours']}")
    print(f"Bare Material + i18n, same pages, in turn: median {b['bare_median']} s {b['bare_material_i18n']} "
          f"-> ours/bare = {b['ratio']}")
    # Our build finishes pages in a second process (scripts/web/finish.py): say what it costs in CPU too.
    print(f"CPU time, all processes: ours {b['cpu_ours_median']} s, bare {b['cpu_bare_median']} s "
          f"-> ours/bare = {b['cpu_ratio']}")

    if "serve" not in skip:
        report["serve"] = time_serve_rebuild()
        r = report["serve"]
        print(f"make serve: first page after {r['first_page_s']} s; after a one-line edit of {r['page']}, "
              f"rebuilt page served after {r['rebuild_s']} s")

    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        site = Path(tmp) / "site"
        build.build(site, quiet=True)
        report["search_index_bytes"] = {
            lang: {"raw": (site / "search" / f"index-{lang}.js").stat().st_size,
                   "gzip": len(gzip.compress((site / "search" / f"index-{lang}.js").read_bytes(), 6))}
            for lang in paths.LANGUAGES}
        vendor = site / "assets" / "javascripts" / "vendor"
        report["search_library_bytes"] = {f.name: {"raw": f.stat().st_size, "gzip": len(gzip.compress(f.read_bytes(), 6))}
                                          for f in sorted(vendor.glob("*.js"))}
        print(f"Search library and stemmers (raw/gzip bytes, loaded when search opens): {report['search_library_bytes']}")
        print(f"Search index per language (raw/gzip bytes): {report['search_index_bytes']}")

        if "pages" not in skip:
            weights = page_weights(site)
            report["pages"] = weights
            print(f"\n{'page':<38} {'1st raw':>9} {'1st gzip':>9} {'2nd raw':>8} {'2nd gzip':>9}")
            for row in weights:
                f, s = row["first_visit"], row["after_home"]
                print(f"{row['page']:<38} {f['raw']:>9} {f['gzip']:>9} {s['raw']:>8} {s['gzip']:>9}")
            heaviest = max(weights, key=lambda r: r["after_home"]["gzip"])
            print(f"Heaviest page after the home page: {heaviest['page']} ({heaviest['after_home']['gzip']} bytes gzip)")

        pack_times, summary = [], None
        if "pack" not in skip:
            from scripts import pack

            with tempfile.TemporaryDirectory(prefix="bench-pack-") as dist:
                for _ in range(runs):
                    started = time.perf_counter()
                    summary = pack.make_pack(Path(dist))
                    pack_times.append(time.perf_counter() - started)
                offline = Path(tmp) / "offline"
                with __import__("zipfile").ZipFile(summary["zip"]) as archive:
                    archive.extractall(offline)
                report["pack"] = {"seconds": [round(t, 2) for t in pack_times], "median": median(pack_times),
                                  "zip_bytes": summary["zip_bytes"], "zim_bytes": summary["zim_bytes"],
                                  "pdfs": summary["pdfs"], "pages": summary["pages"]}
                print(f"\nmake pack: median {report['pack']['median']} s over {runs} runs; zip {summary['zip_bytes']:,} B; "
                      f"ZIM {summary['zim_bytes']:,} B; {summary['pdfs']} PDFs; pages {summary['pages']}")
                report["search_latency"] = search_latency(site, offline / pack.NAME / "site")
        else:
            report["search_latency"] = search_latency(site, None)
        print("Search, query set (tests/data/search-queries.yml):")
        for where, r in report["search_latency"].items():
            print(f"  {where:<11} {r['queries']} queries: top 1 {r['at1']:.0%}, top 3 {r['at3']:.0%}; "
                  f"median {r['median_ms']} ms per keystroke (p90 {r['p90_ms']}), index ready {r['index_ready_ms']} ms")

        if "synthetic" not in skip:
            report["synthetic"] = time_synthetic()
            print("\nSynthetic sites (Material + i18n, filler text):")
            for row in report["synthetic"]:
                print(f"  {row['languages']} language(s) × {row['pages_per_language']} pages: "
                      f"{row['seconds']} s, {row['ms_per_page']} ms per page")

        if "lighthouse" not in skip:
            long_page = max(_page_urls(site), key=lambda u: (site / (u + "index.html" if u.endswith("/") or not u else u)).stat().st_size)
            report["lighthouse"] = lighthouse(site, ["", "en/", long_page])
            print("\nLighthouse (performance / accessibility / best practices / SEO):")
            for row in report["lighthouse"]:
                if "error" in row:
                    print(f"  {row.get('page')} {row.get('form')}: error {row['error'][:120]}")
                else:
                    print(f"  {row['page']:<20} {row['form']:<8} {row['performance']:>3} {row['accessibility']:>3} "
                          f"{row['best-practices']:>3} {row['seo']:>3}  {', '.join(row['failing_audits'])}")

    report["slowest_tests"] = slowest_tests()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nWrote {out}")
    return 0


def slowest_tests(top: int = 10) -> dict | None:
    """The last `make test` run's slowest tests, as tests/conftest.py recorded them (no test is run here)."""
    record_file = paths.ROOT / ".cache" / "test-durations.json"
    if not record_file.exists():
        print("\nSlowest tests: none recorded yet (run `make test`).")
        return None
    record = json.loads(record_file.read_text(encoding="utf-8"))
    print(f"\nSlowest tests of the last `make test` ({record['finished_at']}, {record['tests']} tests, "
          f"{record['wall_seconds']} s wall, workers {record['workers']}, load {record['load_average']}):")
    for nodeid, seconds in record["slowest"][:top]:
        print(f"  {seconds:>7.1f} s  {nodeid}")
    return record
