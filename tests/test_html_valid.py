"""Valid HTML: the W3C Nu HTML Checker (vnu.jar from the pinned `vnu-jar` npm package, scripts/nu.py)
finds no error on any built page of either language, nor on any page of the offline pack.

One Java process checks all the site's pages, and one all the pack's (about 6 s each). Warnings are
not counted (see scripts/nu.py). Java comes from the system: `make test` installs Debian's
default-jre-headless when it is missing (scripts/bootstrap.py java).
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from scripts import nu
from scripts.web import a11y


@pytest.fixture(scope="session")
def checker() -> None:
    try:
        nu.java()
        nu.jar()
    except nu.NuUnavailable as error:
        pytest.fail(str(error))


def report(problems: list[nu.Problem], base: Path) -> str:
    return f"{len(problems)} Nu HTML Checker error(s):\n" + "\n".join(p.show(base) for p in problems)


def test_every_built_page_of_both_languages_is_valid_html(checker, site):
    files = nu.html_files([site])
    assert any(f.relative_to(site).as_posix().startswith("en/") for f in files)
    assert (site / "index.html") in files and (site / "404.html") in files
    problems = nu.check(files)
    assert not problems, report(problems, site)


def test_every_page_of_the_offline_pack_is_valid_html(checker, unpacked):
    files = nu.html_files([unpacked])
    assert (unpacked / "index.html") in files and (unpacked / "site" / "en" / "index.html") in files
    problems = nu.check(files)
    assert not problems, report(problems, unpacked)


BAD = """<!doctype html>
<html lang="en">
<title>Known bad</title>
<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">
<label class="md-header__button" for="__drawer" role="button" tabindex="" aria-label="Menu">=</label>
<label class="md-nav__title" for="__toc">Contents</label>
"""


def test_the_checker_finds_the_theme_errors_we_fixed_with_their_lines(checker, tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text(BAD, encoding="utf-8")
    good = tmp_path / "good.html"
    good.write_text('<!doctype html>\n<html lang="en">\n<title>Fine</title>\n<p>Fine.</p>\n', encoding="utf-8")
    problems = nu.check([bad, good])
    assert {p.file.name for p in problems} == {"bad.html"}
    shown = "\n".join(p.show(tmp_path) for p in problems)
    assert "bad.html:4:" in shown and "autocomplete" in shown
    for needle in ("“autocomplete”", "“tabindex”", "“role”", "“aria-label”", "non-hidden form control"):
        assert any(needle in p.message for p in problems), (needle, shown)
    assert {p.line for p in problems} == {4, 5, 6}


def test_unreadable_html_is_an_error_too(checker, tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_bytes(b"<!doctype html>\n<html lang=en><title>x</title><p>\xff\xfe caf\xe9</p>\n")
    assert nu.check([broken]), "a page that is not UTF-8 must not pass"


def test_a_label_pointing_at_nothing_loses_its_for_and_others_keep_it():
    html = ('<input id="__toc" type="checkbox"><label class="a" for="__toc">x</label>'
            '<label class="md-nav__title" for="__gone">y</label><label for="">z</label>'
            '<a data-id="__other">w</a><label for="__other">v</label>')
    root = lxml.html.fromstring(f"<div>{html}</div>")
    a11y.labels_without_target(root)
    fixed = lxml.html.tostring(root, encoding="unicode")
    assert '<label class="a" for="__toc">x</label>' in fixed
    assert '<label class="md-nav__title">y</label>' in fixed
    assert "<label>z</label>" in fixed
    assert "<label>v</label>" in fixed  # data-id is not an id


def test_without_java_the_message_says_how_to_install_it(monkeypatch):
    monkeypatch.setenv("JAVA", "/nonexistent/java")
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr("shutil.which", lambda name: None)  # used by scripts/bootstrap.py java_candidates
    with pytest.raises(nu.NuUnavailable, match="default-jre-headless"):
        nu.java()
