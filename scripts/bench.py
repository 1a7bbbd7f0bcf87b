"""`python -m scripts bench`: measure, print a table, write JSON. Nothing here asserts a time.

Figures are machine-dependent; the JSON records the machine so numbers can be compared honestly.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from scripts import build, paths


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
    }


def build_times(runs: int = 3) -> list[float]:
    """Wall time of full strict builds of both languages (MkDocs process), one fresh folder each."""
    times = []
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        for i in range(runs):
            started = time.perf_counter()
            build.build(Path(tmp) / f"site{i}", quiet=True)
            times.append(time.perf_counter() - started)
    return times


def page_weights(site: Path, urls: list[str]) -> list[dict]:
    """Bytes each page loads before any interaction, first visit (empty cache), raw and gzip."""
    from scripts.browser import chromium, serve_directory

    results = []
    with serve_directory(site) as base:
        for url in urls:
            with chromium() as context:
                page = context.new_page()
                bodies: list[tuple[str, bytes]] = []
                page.on("response", lambda r: bodies.append((r.url, r.body())) if r.ok else None)
                page.goto(base + url, wait_until="networkidle")
                page.wait_for_timeout(200)
            by_type: dict[str, list[int]] = {}
            for res_url, body in bodies:
                kind = Path(urlsplit(res_url).path).suffix.lstrip(".") or "html"
                raw, gz = len(body), len(gzip.compress(body, 6))
                acc = by_type.setdefault(kind, [0, 0, 0])
                acc[0] += 1
                acc[1] += raw
                acc[2] += gz
            results.append({
                "url": url or "/",
                "files": sum(v[0] for v in by_type.values()),
                "raw_bytes": sum(v[1] for v in by_type.values()),
                "gzip_bytes": sum(v[2] for v in by_type.values()),
                "by_type": {k: {"files": v[0], "raw": v[1], "gzip": v[2]} for k, v in sorted(by_type.items())},
            })
    return results


def run(out: Path, runs: int = 3) -> int:
    report: dict = {"machine": machine(), "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    times = build_times(runs)
    report["build_seconds"] = {"runs": [round(t, 3) for t in times], "median": round(statistics.median(times), 3)}
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        site = Path(tmp) / "site"
        build.build(site, quiet=True)
        homes = [paths.lang_prefix(lang) for lang in paths.LANGUAGES]
        report["home_pages"] = page_weights(site, homes)

    print(f"Machine: {report['machine']['processor']}, {report['machine']['cpus']} CPUs, "
          f"Python {report['machine']['python']}")
    print(f"Strict build, both languages: median {report['build_seconds']['median']:.2f} s "
          f"over {runs} runs {report['build_seconds']['runs']}")
    print()
    print(f"{'home page':<12} {'files':>5} {'raw bytes':>10} {'gzip bytes':>10}")
    for row in report["home_pages"]:
        print(f"{row['url']:<12} {row['files']:>5} {row['raw_bytes']:>10} {row['gzip_bytes']:>10}")
        for kind, v in row["by_type"].items():
            print(f"  {kind:<10} {v['files']:>5} {v['raw']:>10} {v['gzip']:>10}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nWrote {out}")
    return 0
