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

# (package, lowest supported, first unsupported) — compared on release numbers, pre-releases refused.
SUPPORTED = (
    ("mkdocs", (1, 6, 1), (2,)),
    ("mkdocs-material", (9, 8), (10,)),
    ("mkdocs-static-i18n", (1, 3), (2,)),
)


class StackError(RuntimeError):
    pass


def _release(text: str) -> tuple[tuple[int, ...], bool]:
    """Split '9.8.1' -> ((9, 8, 1), False); '2.0.dev3' -> ((2, 0), True)."""
    numbers: list[int] = []
    prerelease = False
    for part in text.split("."):
        if part.isdigit():
            numbers.append(int(part))
        else:
            digits = "".join(ch for ch in part if ch.isdigit())
            if part[: len(digits)] == digits and digits:
                numbers.append(int(digits))
            prerelease = True
            break
    return tuple(numbers), prerelease


def problems() -> list[str]:
    found = []
    for name, low, high in SUPPORTED:
        try:
            installed = version(name)
        except PackageNotFoundError:
            found.append(f"{name} is not installed — run `make build` (it installs requirements.lock).")
            continue
        numbers, prerelease = _release(installed)
        if prerelease or not (low <= numbers < high):
            span = f">={'.'.join(map(str, low))},<{'.'.join(map(str, high))}"
            found.append(
                f"{name} {installed} is not supported (need {span}, no pre-release) — "
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
