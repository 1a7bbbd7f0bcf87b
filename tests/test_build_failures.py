"""Bad input stops the build with a message naming the file, and never leaves a half-built site."""

from __future__ import annotations

from conftest import run_build


def _old_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build")
    return site


def test_broken_link_stops_the_build_and_keeps_the_previous_site(project_copy, tmp_path):
    page = project_copy / "docs/en/loi/index.md"
    page.write_text(page.read_text() + "\nSee [the missing page](nowhere.md).\n")
    site = _old_site(tmp_path)
    result = run_build(project_copy, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "loi/index.md" in output and "nowhere.md" in output
    assert "left unchanged" in output
    assert (site / "index.html").read_text() == "previous build"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_broken_anchor_stops_the_build(project_copy, tmp_path):
    page = project_copy / "docs/fr/loi/index.md"
    page.write_text(page.read_text() + "\nVoir [plus haut](#section-absente).\n")
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "section-absente" in result.stdout + result.stderr


def test_missing_translation_stops_the_build_with_a_fix(project_copy, tmp_path):
    (project_copy / "docs/en/debat/index.md").unlink()
    result = run_build(project_copy, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/fr/debat/index.md" in output and "has no EN twin" in output
    assert "create docs/en/debat/index.md" in output
    assert not (tmp_path / "site").exists()
