"""The pinned stack, its guard, and the template copy made from Material."""

from __future__ import annotations

import re
from importlib.metadata import version

from scripts import paths, stack


def test_installed_stack_is_the_supported_one():
    assert stack.problems() == []
    assert version("mkdocs") == "1.6.1"
    assert version("mkdocs-material").startswith("9.8.")
    assert version("mkdocs-static-i18n").startswith("1.3.")


def test_guard_refuses_mkdocs_2_prereleases_and_material_10(monkeypatch):
    fake = {"mkdocs": "2.0.dev6", "mkdocs-material": "10.0.0", "mkdocs-static-i18n": "1.3.1"}
    monkeypatch.setattr(stack, "version", lambda name: fake[name])
    found = stack.problems()
    assert len(found) == 2
    assert "mkdocs 2.0.dev6 is not supported" in found[0] and "no pre-release" in found[0]
    assert "mkdocs-material 10.0.0 is not supported" in found[1]


def test_guard_refuses_a_prerelease_inside_the_range(monkeypatch):
    fake = {"mkdocs": "1.6.2rc1", "mkdocs-material": "9.8.1", "mkdocs-static-i18n": "1.3.1"}
    monkeypatch.setattr(stack, "version", lambda name: fake[name])
    assert len(stack.problems()) == 1


def test_lock_file_pins_every_package_with_hashes():
    text = (paths.ROOT / "requirements.lock").read_text()
    entries = re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+) \\\n((?:\s+--hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", text, re.M)
    names = {name.lower() for name, _, _ in entries}
    assert {"mkdocs", "mkdocs-material", "mkdocs-static-i18n", "pymdown-extensions"} <= names
    requirement_lines = [line for line in text.splitlines() if re.match(r"^[A-Za-z0-9]", line)]
    assert len(requirement_lines) == len(entries), "a requirement in the lock file has no hash"
    pins = dict((n.lower(), v) for n, v, _ in entries)
    assert pins["mkdocs"] == "1.6.1" and pins["mkdocs-material"].startswith("9.8.")


def test_requirements_in_pins_the_stack_exactly():
    text = (paths.ROOT / "requirements.in").read_text()
    for pin in ("mkdocs==1.6.1", "mkdocs-material==9.8.1", "mkdocs-static-i18n==1.3.1"):
        assert re.search(rf"^{re.escape(pin)}$", text, re.M), pin


def test_base_template_copy_matches_the_installed_material():
    """overrides/base.html is a copy of Material's; upgrading Material must come with a re-diff."""
    header = (paths.OVERRIDES / "base.html").read_text()[:400]
    copied_from = re.search(r"Material for MkDocs (\d+\.\d+\.\d+)", header).group(1)
    assert copied_from == version("mkdocs-material"), (
        f"overrides/base.html was copied from Material {copied_from}; re-diff it against "
        f"{version('mkdocs-material')} and update its header")


def test_every_template_that_shadows_material_says_what_it_is():
    """A file in overrides/ with the same path as one of Material's templates replaces it. Each is either a
    declared copy ("Copy of Material for MkDocs X.Y.Z", re-diffed on upgrade: the version must be the
    installed one) or our own replacement ("ours: …" in its first comment)."""
    import material

    from pathlib import Path

    templates = Path(material.__file__).parent / "templates"
    shadowing = [f for f in paths.OVERRIDES.rglob("*.html") if (templates / f.relative_to(paths.OVERRIDES)).exists()]
    assert len(shadowing) >= 5
    for file in shadowing:
        header = file.read_text(encoding="utf-8")[:400]
        copied = re.search(r"Copy of Material for MkDocs (\d+\.\d+\.\d+)", header)
        if copied:
            assert copied.group(1) == version("mkdocs-material"), (
                f"{file.relative_to(paths.ROOT)} was copied from Material {copied.group(1)}; re-diff it against "
                f"{version('mkdocs-material')} and update its header")
        else:
            assert re.match(r"\{#-\s+ours:", header), f"{file.relative_to(paths.ROOT)}: say whether it is a copy or ours"
