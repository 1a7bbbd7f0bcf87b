"""A second engine builds the same site: ProperDocs (the maintained fork of MkDocs 1.x) runs the same
mkdocs.yml, plugins and hooks, and its output must equal the MkDocs build apart from the generator line
(scripts/engines.py; README "Stack and its future")."""

from __future__ import annotations

from conftest import ROOT, run_build
from scripts import engines


def test_properdocs_builds_the_same_site_as_mkdocs(site, tmp_path):
    other = tmp_path / "properdocs-site"
    result = run_build(ROOT, other, "--engine", "properdocs")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "strict, properdocs" in result.stdout
    assert b"ProperDocs" in (other / "index.html").read_bytes()  # it really was the other engine
    assert engines.differences(site, other) == []


def test_the_comparison_sees_a_difference(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for root, word in ((first, b"un"), (second, b"deux")):
        (root / "x").mkdir(parents=True)
        (root / "x" / "index.html").write_bytes(b'<meta name="generator" content="' + word + b'"><p>same</p>')
        (root / "x" / "page.html").write_bytes(b"<p>" + word + b"</p>")
    (second / "extra.css").write_bytes(b"")
    assert engines.differences(first, second) == ["only in b/: extra.css", "differs: x/page.html"]
