"""Refuse to run on a build stack outside the versions this project supports.

MkDocs 2.0 pre-releases are published under the same PyPI name and drop the plugin system that
static-i18n and our hooks need; Material 10 does not exist and would not be this theme. A lock file
edited by hand, or `pip install --pre`, could let either in, and the build would then fail in
confusing ways (or, worse, silently skip our hooks). This check makes that failure immediate and clear.

Run as `python -m scripts.stack`; every build command also calls `check()` first.
"""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version

from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

# The versions this project supports; pre-releases (MkDocs 2.0's are on PyPI under the same name) refused.
SUPPORTED = (
    ("mkdocs", ">=1.6.1,<2"),
    ("mkdocs-material", ">=9.8,<10"),
    ("mkdocs-static-i18n", ">=1.3,<2"),
)


class StackError(RuntimeError):
    pass


def problems() -> list[str]:
    found = []
    for name, spec in SUPPORTED:
        try:
            installed = version(name)
        except PackageNotFoundError:
            found.append(f"{name} is not installed — run `make build` (it installs requirements.lock).")
            continue
        try:
            supported = SpecifierSet(spec).contains(Version(installed), prereleases=False)
        except InvalidVersion:
            supported = False
        if not supported:
            found.append(
                f"{name} {installed} is not supported (need {spec}, no pre-release) — "
                "reinstall from requirements.lock: delete .venv and run `make build`."
            )
    return found


def check() -> None:
    found = problems()
    if found:
        raise StackError("\n".join(found))


def main() -> int:
    found = problems()
    for line in found:
        print(f"stack: {line}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
