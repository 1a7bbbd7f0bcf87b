"""Files that cannot be read as they are stop `make check` and the build with one line each — path, line,
problem, fix — never a traceback (scripts/checks/files.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import run_build

CASES = [
    ("page not saved as UTF-8", "docs/fr/cafe.md", "---\ntitle: Caf\xe9\n---\n\n# Caf\xe9\n".encode("latin-1"),
     "docs/fr/cafe.md:2: this file is not UTF-8 text (byte 0xe9 cannot be read) — save it with the UTF-8 encoding "
     "(in most editors: Save as… › Encoding › UTF-8), then check the accented letters on this line"),
    ("page with only front matter", "docs/en/empty.md", b"---\ntitle: Empty\n---\n\n",
     "docs/en/empty.md:1: this page has no text after its front matter — write the page (a # title and at least "
     "one paragraph), or delete it and its twin"),
    ("data file not saved as UTF-8", "data/figures.yml",
     None,  # the real file with one letter re-encoded
     "data/figures.yml:"),
    ("image over the budget", "docs/fr/images/photo.jpg", b"\xff\xd8" + b"0" * (600 * 1024),
     "docs/fr/images/photo.jpg: this image is 600 KB, more than 300 KB — make it at most 1200 px wide and save it as "
     "JPEG or WebP (quality about 80); readers on a phone plan pay for every byte"),
]


@pytest.mark.parametrize("case,path,content,message", CASES, ids=[c[0] for c in CASES])
def test_an_unreadable_source_file_stops_check_and_build_with_its_line(project_copy, tmp_path, case, path, content,
                                                                       message):
    target = project_copy / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if content is None:
        content = target.read_text(encoding="utf-8").replace("secondes", "secondés", 1).encode("latin-1", "replace")
    target.write_bytes(content)
    check = subprocess.run([sys.executable, "-m", "scripts", "check"], cwd=project_copy, capture_output=True,
                           text=True)
    assert check.returncode == 1
    assert "Traceback" not in check.stdout + check.stderr
    assert message in check.stdout, check.stdout
    out = tmp_path / "site"
    build = run_build(project_copy, out)
    assert build.returncode != 0 and not out.exists()
    assert "Traceback" not in build.stdout + build.stderr
    assert message in build.stderr, build.stderr
