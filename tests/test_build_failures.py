"""Bad input stops the build with a message naming the file, and never leaves a half-built site."""

from __future__ import annotations

import json

import pytest

from conftest import built_once, copy_project, run_build


def _old_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build")
    return site


def _build_with_broken_links(root):
    project = copy_project(root / "project")
    page = project / "docs/en/loi/index.md"
    page.write_text(page.read_text() + "\nSee [the missing page](nowhere.md).\n")
    page = project / "docs/fr/loi/index.md"
    page.write_text(page.read_text() + "\nVoir [plus haut](#section-absente).\n")
    site = _old_site(root)
    result = run_build(project, site)
    (root / "result.json").write_text(json.dumps([result.returncode, result.stdout + result.stderr]))
    return None  # the failure is what the tests read


@pytest.fixture(scope="session")
def broken_links(tmp_path_factory):
    """One build of a scratch copy with a broken link (EN) and a broken anchor (FR), once per run: MkDocs
    reports every link problem of a strict build before it stops, so both tests below read the same build."""
    root = built_once(tmp_path_factory, "broken-links", lambda folder: folder.mkdir() or _build_with_broken_links(folder))
    code, output = json.loads((root / "result.json").read_text())
    return root, root / "site", code, output


@pytest.mark.xdist_group("broken-links")
def test_broken_link_stops_the_build_and_keeps_the_previous_site(broken_links):
    root, site, code, output = broken_links
    assert code != 0
    assert "loi/index.md" in output and "nowhere.md" in output
    assert "left unchanged" in output
    assert (site / "index.html").read_text() == "previous build"
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []


@pytest.mark.xdist_group("broken-links")
def test_broken_anchor_stops_the_build(broken_links):
    _, _, code, output = broken_links
    assert code != 0
    assert "section-absente" in output


def test_missing_translation_stops_the_build_with_a_fix(project_copy, tmp_path):
    (project_copy / "docs/en/debat/index.md").unlink()
    result = run_build(project_copy, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/fr/debat/index.md" in output and "has no EN twin" in output
    assert "create docs/en/debat/index.md" in output
    assert not (tmp_path / "site").exists()
