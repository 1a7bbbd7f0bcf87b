"""Shared fixtures: one strict build of the real site per test run, parsed pages, a scratch copy of the
project for tests that must break things, a local server and one Chromium for browser tests.

Builds run as subprocesses (`python -m scripts build`), exactly as `make build` does: MkDocs caches
hook modules per process and static-i18n patches MkDocs during a build, so in-process builds could
leak state between tests.

Fixtures (names and behaviour are stable: new test files rely on them):

- `site` (session): Path of the real site, built once per run with --strict. Under pytest-xdist the
  first worker that needs it builds it under a file lock and the others reuse it (`built_once`).
- `pages` (session): the content pages of `site` as `BuiltPage` (rel, lang, soup, source).
- `served_site` (session): base URL ('http://127.0.0.1:PORT/') of `site` on a local server.
- `dist` / `unpacked` (session): the offline pack (`python -m scripts pack`, SOURCE_DATE_EPOCH fixed),
  built once per run like `site` (under xdist the controller starts it early, in a thread, as soon as a
  test that reads it is collected); `unpacked` is the extracted zip's top folder. Its `site/` is the
  offline (file://) flavour, used by the search tests too.
- `project_copy` (function): a scratch copy of the project sources to break on purpose (build with
  `run_build(project_copy, tmp_path / "site")`).
- `browser` (session): the one Playwright Browser of this process (Debian Chromium, the flags of
  scripts/browser.py). Call `browser.new_context(...)` for a fresh, isolated context and close it.
  `scripts.browser.chromium(**options)` also works in tests: it yields a fresh context in that same
  browser (launched once per process, on first use), so no test launches Chromium itself.

Markers: `browser` (real Chromium), `slow` (builds the site or the pack again; `make test` runs them,
as CI does; `make test ARGS="-m 'not slow'"` leaves them out while you work), `xdist_group(name)` (keep
tests on one worker with `--dist loadgroup`; note that pytest-xdist 3.8.0 ignores it under pytest 9.2,
pytest-xdist issue #1386, so shared folders never rely on it: `built_once` holds a file lock).

pyproject.toml runs the suite on `-n auto` workers; pass `-n 0` for one process (e.g. with --pdb).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import paths  # noqa: E402

# The suite's "today" (scripts/paths.py today()): fixed, so that records checked in November 2026 do not
# turn CI red when they pass 12 months. Subprocesses (builds, checks) inherit it. The date rules themselves
# are tested with dates chosen around it (tests/test_data.py).
SUITE_TODAY = "2026-11-24"
os.environ["SITE_TODAY"] = SUITE_TODAY

# Files of the built site that are not content pages.
NON_PAGES = {"404.html", "en/404.html", "neutral-fr.html", "neutral-en.html"}
# What a scratch project copy needs to build (never .venv, node_modules or outputs).
PROJECT_PARTS = ["mkdocs.yml", "docs", "overrides", "data", "scripts", "pyproject.toml", "LICENSE", "LICENSE-CONTENT",
                 "i18n-exceptions.yml"]


def run_build(project: Path, site_dir: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scripts", "build", "--site-dir", str(site_dir), *extra],
        cwd=project, capture_output=True, text=True, env=env,
    )


@dataclass
class BuiltPage:
    site: Path
    file: Path  # absolute path of the .html file

    @property
    def rel(self) -> str:
        return self.file.relative_to(self.site).as_posix()

    @property
    def lang(self) -> str:
        return "en" if self.rel.startswith("en/") else "fr"

    @cached_property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.file.read_text(encoding="utf-8"), "lxml")

    @property
    def source(self) -> Path:
        """The Markdown file this page was built from."""
        rel = self.rel[3:] if self.lang == "en" else self.rel
        stem = rel[: -len("index.html")].rstrip("/") if rel.endswith("index.html") else rel[: -len(".html")]
        candidates = [paths.DOCS / self.lang / f"{stem}.md", paths.DOCS / self.lang / stem / "index.md"]
        if stem == "":
            candidates = [paths.DOCS / self.lang / "index.md"]
        for candidate in candidates:
            if candidate.exists():
                return candidate
        raise FileNotFoundError(f"no source for {self.rel}")


def content_pages(site: Path) -> list[BuiltPage]:
    return [BuiltPage(site, f) for f in sorted(site.rglob("*.html"))
            if f.relative_to(site).as_posix() not in NON_PAGES]


def built_once(tmp_path_factory, name: str, make) -> Path:
    """A folder made once per test run by `make(folder) -> error message or None`, and shared by the
    pytest-xdist workers: the first one to ask makes it under a file lock, the others wait and reuse it
    (or fail with the same message). Without xdist, made in this session's temporary folder."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    base = tmp_path_factory.getbasetemp()
    root = base.parent if worker else base  # the run's folder, shared by its workers
    folder, error = _make_once(root, name, make)
    if error:
        pytest.fail(error)
    return folder


def _make_once(root: Path, name: str, make) -> tuple[Path, str | None]:
    folder, status = root / f"shared-{name}", root / f"shared-{name}.json"
    with FileLock(str(root / f"shared-{name}.lock")):
        if not status.exists():
            error = make(folder)
            status.write_text(json.dumps({"error": error}), encoding="utf-8")
    return folder, json.loads(status.read_text(encoding="utf-8"))["error"]


_started: list[threading.Thread] = []


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node, ids):
    """Under pytest-xdist, the controller starts making the pack as soon as a worker has collected a test
    that reads it, in a thread of its own: the workers run other tests meanwhile instead of one of them
    waiting on the lock while the other builds (the result is the same `built_once` folder). It starts once
    the shared site is built, which every worker waits for."""
    if _started or not any(i.startswith("tests/test_offline_pack.py") or "test_query_set_from_file" in i
                           for i in ids):
        return
    root = node.config._tmp_path_factory.getbasetemp()  # the workers' basetemp is root/popen-gwN
    thread = threading.Thread(target=_make_pack_after_the_site, args=(root,), daemon=True)
    thread.start()
    _started.append(thread)


_finishing = threading.Event()


def _make_pack_after_the_site(root: Path) -> None:
    """Every worker waits for the shared site first: let it build alone, then make the pack."""
    while not (root / "shared-built.json").exists():
        if _finishing.wait(1):
            return
    _make_once(root, "pack", _make_pack)


_durations: dict[str, float] = {}
_session_started = time.time()


def pytest_runtest_logreport(report):
    _durations[report.nodeid] = _durations.get(report.nodeid, 0.0) + report.duration


def pytest_sessionfinish(session):
    _finishing.set()
    for thread in _started:
        thread.join()
    if os.environ.get("PYTEST_XDIST_WORKER") or not _durations:
        return
    # For `make bench` (scripts/bench.py): the last run's slowest tests (setup + call + teardown).
    slowest = sorted(_durations.items(), key=lambda item: -item[1])[:25]
    record = {"finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "args": session.config.invocation_params.args,
              "tests": len(_durations), "wall_seconds": round(time.time() - _session_started, 1),
              "workers": os.environ.get("PYTEST_XDIST_WORKER_COUNT") or str(session.config.getoption("numprocesses", None)),
              "load_average": [round(x, 2) for x in os.getloadavg()],
              "slowest": [[nodeid, round(seconds, 2)] for nodeid, seconds in slowest]}
    try:
        out = ROOT / ".cache" / "test-durations.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    except OSError:
        pass


def _build_site(folder: Path) -> str | None:
    result = run_build(ROOT, folder / "site")
    return None if result.returncode == 0 else f"strict build failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per run with --strict (the same command as `make build`)."""
    return built_once(tmp_path_factory, "built", _build_site) / "site"


@pytest.fixture(scope="session")
def pages(site) -> list[BuiltPage]:
    return content_pages(site)


def copy_project(dest: Path, parts: list[str] = PROJECT_PARTS) -> Path:
    """Copy these parts of the project (files or folders) into dest."""
    dest.mkdir()
    for part in parts:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A scratch copy of the project sources, for tests that break something on purpose."""
    return copy_project(tmp_path / "project")


def search_results(page, query: str) -> list[str]:
    """Open the site's search with "/", type the query as a reader would, wait for results and
    return their addresses (absolute), best first. Used online and from file://."""
    page.keyboard.press("/")
    page.fill("#site-search-input", query)
    page.wait_for_selector(".site-search__link")
    return page.eval_on_selector_all(".site-search__link", "els => els.map(e => e.href)")


@pytest.fixture(scope="session")
def served_site(site):
    from scripts.browser import serve_directory

    with serve_directory(site) as base_url:
        yield base_url


# SOURCE_DATE_EPOCH fixes the pack's dates (zip entries, PDFs) so two packs of one commit are identical.
PACK_EPOCH = "1790000000"


def run_pack(project: Path, dist: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts", "pack", "--dist", str(dist), *extra], cwd=project,
                          capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": PACK_EPOCH})


def _make_pack(folder: Path) -> str | None:
    from scripts import pack

    result = run_pack(ROOT, folder / "dist")
    if result.returncode != 0:
        return f"pack failed:\n{result.stdout}\n{result.stderr}"
    with zipfile.ZipFile(next((folder / "dist").glob("*.zip"))) as archive:
        archive.extractall(folder / "unpacked")
    return None if (folder / "unpacked" / pack.NAME).is_dir() else "the zip has no top folder"


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    """The offline pack's folder (zip, zim, sha256), made once per run."""
    return built_once(tmp_path_factory, "pack", _make_pack) / "dist"


@pytest.fixture(scope="session")
def unpacked(dist) -> Path:
    """The pack's zip, extracted: its top folder (index.html, site/, pdf/, …)."""
    from scripts import pack

    return dist.parent / "unpacked" / pack.NAME


@pytest.fixture(scope="session", autouse=True)
def _one_browser_per_process():
    """Every browser test of this process shares one Chromium (launched on first use); see `browser`."""
    from scripts import browser

    shared = browser.share_one_browser()
    yield shared
    browser.stop_sharing()


@pytest.fixture(scope="session")
def browser(_one_browser_per_process):
    """The one Chromium of this process; `browser.new_context(...)` gives a fresh, isolated context."""
    return _one_browser_per_process.get()
