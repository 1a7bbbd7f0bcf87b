"""The engines that can build this site, and a comparison of their output.

MkDocs 1.x has had no release since August 2024 and Material 9.x reaches end of life on 5 May 2027.
ProperDocs is a maintained fork of MkDocs 1.x on PyPI: it reads the same mkdocs.yml and runs MkDocs
plugins and hooks (it answers their `import mkdocs…`). The test suite builds the site with both and
requires the same output, apart from the <meta name="generator"> line that names the engine
(tests/test_engines.py); README "Stack and its future" says how to switch.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

ENGINES = ("mkdocs", "properdocs")  # Python modules run as `python -m <engine> build`
DEFAULT_ENGINE = "mkdocs"
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _comparable(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":  # the gzip header holds a time stamp; compare what it holds
        data = gzip.decompress(data)
    if path.suffix == ".html":
        data = GENERATOR.sub(b'<meta name="generator">', data)
    return data


def differences(first: Path, second: Path, limit: int = 20) -> list[str]:
    """Files that differ between two built sites (the generator line aside), or exist in only one."""
    files_a = {p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()}
    files_b = {p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()}
    found = [f"only in {first.name}/: {name}" for name in sorted(files_a - files_b)]
    found += [f"only in {second.name}/: {name}" for name in sorted(files_b - files_a)]
    for name in sorted(files_a & files_b):
        if _comparable(first / name) != _comparable(second / name):
            found.append(f"differs: {name}")
    return found[:limit] + ([f"… and {len(found) - limit} more"] if len(found) > limit else [])
