"""The search library and stemmers shipped with the site are exactly the pinned npm packages,
minified by `python -m scripts vendor` (no hand edits, no stale copies), each with its licence."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from scripts import vendor


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    if not (ROOT / "node_modules" / "minisearch").exists():
        pytest.fail("node_modules is missing: run `python3 scripts/bootstrap.py node`")
    return vendor.write(tmp_path_factory.mktemp("vendor"))


def test_committed_files_match_the_pinned_packages(regenerated):
    for fresh in regenerated:
        committed = vendor.VENDOR / fresh.name
        assert committed.exists(), f"{committed} is missing: run `python -m scripts vendor`"
        assert committed.read_bytes() == fresh.read_bytes(), \
            f"{committed.name} differs from the pinned package: run `python -m scripts vendor` and commit"


def test_versions_are_pinned_exactly():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    for name in ("minisearch", "lunr-languages", "stemmer", "terser"):
        assert package[name][0].isdigit(), f"{name} must be pinned to one version, not {package[name]!r}"
        assert lock[f"node_modules/{name}"]["version"] == package[name]
        installed = json.loads((ROOT / "node_modules" / name / "package.json").read_text(encoding="utf-8"))
        assert installed["version"] == package[name], f"node_modules/{name} is not the pinned version: npm ci"


def test_each_file_opens_with_its_licence():
    texts = {f.name: f.read_text(encoding="utf-8") for f in vendor.VENDOR.iterdir()}
    assert texts["minisearch.min.js"].startswith("/*! MiniSearch") and "Luca Ongaro" in texts["minisearch.min.js"][:600]
    assert "Mozilla Public License" in texts["stemmer-fr.min.js"][:600]
    assert texts["stemmer-en.min.js"].startswith("/*! Porter stemmer") and "MIT" in texts["stemmer-en.min.js"][:600]
