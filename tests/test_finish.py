"""The one post-build pass (scripts/web/finish.py), on small pages: each step can be seen to fail."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from scripts.web import finish

PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Titre : test</title>
<meta name="description" content="Une page ; pour voir">
<script>var a = "x < y";</script><script src="app.js"></script><script type="application/json">{{}}</script>
</head><body><article class="md-content__inner"><h1>Titre</h1>
<!-- TODO: relire -->
<p>Attention: <strong>vraiment</strong>! <abbr title="Définition : un">terme</abbr> et <abbr title="Définition : un">terme</abbr>.</p>
<p lang="{other}">Other: passage ; here</p><pre><code>a : b</code></pre>
<h2 id="suite">Suite</h2><ul><li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled></label> fait</li></ul>
</article></body></html>"""


def page(lang: str) -> str:
    return PAGE.format(lang=lang, other="en" if lang == "fr" else "fr")


def test_french_typography_on_french_passages_only():
    html, _ = finish.finish_html(page("fr"), "fr")
    assert "Attention\u00a0: <strong>vraiment</strong>\u202f!" in html
    assert "<title>Titre\u00a0: test</title>" in html and 'content="Une page\u202f; pour voir"' in html
    assert "Other: passage ; here" in html and "a : b" in html  # English passage and code untouched
    english, _ = finish.finish_html(page("en"), "en")
    assert "Attention: <strong>vraiment</strong>!" in english  # an English page is left alone…
    assert "Other\u00a0: passage\u202f; here" in english  # …except its French passages


def test_guillemets_around_a_link_get_one_space_each_side():
    html, _ = finish.finish_html('<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body>'
                                 '<p>Source, « <a href="x">Article ; 1</a> » vue</p></body></html>', "fr")
    assert '<p>Source, «\u00a0<a href="x">Article\u202f; 1</a>\u00a0» vue</p>' in html


def test_a_mark_after_nested_tags_or_code_sees_the_word_before_it():
    html, _ = finish.finish_html('<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body>'
                                 '<p>Appelle le <code>3018</code>: gratuit. <a href="x"><em>Vite</em></a>! '
                                 'Déjà bien : rien.</p></body></html>', "fr")
    assert "<code>3018</code> : gratuit. <a href=\"x\"><em>Vite</em></a> ! Déjà bien : rien." in html


def test_search_sections_skip_comments_and_follow_headings():
    _, sections = finish.finish_html(page("fr"), "fr", url="x/", kind="crisis")
    assert [s["u"] for s in sections] == ["x/", "x/#suite"]
    assert all("relire" not in s["x"] for s in sections) and sections[0]["k"] == "c"
    assert "Attention : vraiment" in sections[0]["x"]  # spaces of any kind become one plain space
    assert finish.finish_html(page("fr"), "fr")[1] == []  # a static template has no sections


def test_accessibility_repairs():
    html, _ = finish.finish_html(page("fr"), "fr")
    assert html.count("<abbr") == 1  # the tooltip on the first occurrence only
    assert re.search(r'<input type="checkbox" disabled aria-hidden="true">', html)


def test_policy_allows_exactly_the_inline_scripts_as_written():
    html, _ = finish.finish_html(page("fr"), "fr", offline=True)
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html).group(1)
    assert html.index("Content-Security-Policy") < html.index("<script")
    bodies = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert bodies == ['var a = "x < y";']  # serialised as written: the hash matches what the browser runs
    digest = base64.b64encode(hashlib.sha256(bodies[0].encode()).digest()).decode()
    assert f"script-src 'self' file: 'sha256-{digest}'" in policy.replace("&#39;", "'")
    assert policy.count("sha256-") == 1  # not the file, not the JSON data


def test_a_page_that_cannot_be_finished_is_named(tmp_path):
    bad = tmp_path / "site" / "x" / "index.html"
    bad.parent.mkdir(parents=True)
    bad.write_text("<!doctype html><html><head></head><body><p>no charset</p></body></html>", encoding="utf-8")
    with pytest.raises(finish.FinishError, match=r"^site/x/index\.html: the built page could not be finished "):
        finish.finish_files([finish.Written(bad, "x/")], "fr", tmp_path / "site")


@pytest.mark.skipif(not finish.Background.available, reason="no fork, or one core: pages are finished in-process")
def test_pages_finished_by_the_second_process_are_written_and_a_bad_one_is_named(tmp_path):
    site = tmp_path / "site"
    good, bad = site / "a" / "index.html", site / "b" / "index.html"
    good.parent.mkdir(parents=True)
    bad.parent.mkdir(parents=True)
    good.write_text(page("fr"), encoding="utf-8")
    bad.write_text("<!doctype html><html><head></head><body><p>no charset</p></body></html>", encoding="utf-8")
    background = finish.Background()
    try:
        sections = finish.Background.collect(background.submit([finish.Written(good, "a/")], "fr", site))
        assert [s["u"] for s in sections] == ["a/", "a/#suite"]
        assert "Attention\u00a0: <strong>" in good.read_text(encoding="utf-8")  # written by the worker
        failed = background.submit([finish.Written(bad, "b/")], "fr", site)
        with pytest.raises(finish.FinishError, match=r"^site/b/index\.html: the built page could not be finished "):
            finish.Background.collect(failed)
    finally:
        background.close()


def test_a_worker_that_dies_stops_the_build_with_a_message():
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    died = Future()
    died.set_exception(BrokenProcessPool("killed"))
    with pytest.raises(finish.FinishError, match=r"^the second process that finishes pages stopped unexpectedly"):
        finish.Background.collect(died)
