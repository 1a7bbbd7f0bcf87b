"""Shared fixtures: one strict build of the real site per test session, parsed pages, a scratch copy
of the project for tests that must break things, and a local server for browser tests.

Builds run as subprocesses (`python -m scripts build`), exactly as `make build` does: MkDocs caches
hook modules per process and static-i18n patches MkDocs during a build, so in-process builds could
leak state between tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

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


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per session with --strict (the same command as `make build`)."""
    out = tmp_path_factory.mktemp("built") / "site"
    result = run_build(ROOT, out)
    if result.returncode != 0:
        pytest.fail(f"strict build failed:\n{result.stdout}\n{result.stderr}")
    return out


@pytest.fixture(scope="session")
def pages(site) -> list[BuiltPage]:
    return content_pages(site)


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    """The offline pack (`python -m scripts pack`), built once per session at a fixed date."""
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run([sys.executable, "-m", "scripts", "pack", "--dist", str(out)], cwd=ROOT,
                            capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1790000000"})
    if result.returncode != 0:
        pytest.fail(result.stdout + result.stderr)
    return out


@pytest.fixture(scope="session")
def unpacked(dist, tmp_path_factory) -> Path:
    """The pack's zip, unpacked: its folder (chooser page, site/, PDFs, texts)."""
    from scripts import pack

    target = tmp_path_factory.mktemp("unpacked")
    zip_file = next(dist.glob("*.zip"))
    with zipfile.ZipFile(zip_file) as archive:
        archive.extractall(target)
    return target / pack.NAME


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
