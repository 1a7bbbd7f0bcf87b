"""Command line: `python -m scripts <command> [options]`. The Makefile wraps each command.

Commands print problems as `path:line: what is wrong — how to fix it` and exit non-zero on any
error, so the same command serves contributors, pre-commit and CI.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from scripts import engines, paths


def cmd_build(args: argparse.Namespace) -> int:
    from scripts import build

    flavour = build.OFFLINE if args.offline else build.ONLINE
    try:
        seconds = build.build(Path(args.site_dir), flavour, engine=args.engine)
    except (build.BuildError, RuntimeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Built both languages into {args.site_dir}/ in {seconds:.2f} s (strict, {args.engine}).")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from scripts import build

    try:
        return build.serve(args.lang, args.port)
    except (build.BuildError, RuntimeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def cmd_test(args: argparse.Namespace) -> int:
    cmd = [sys.executable, "-m", "pytest", *args.pytest_args]
    return subprocess.call(cmd, cwd=paths.ROOT)


def cmd_check(args: argparse.Namespace) -> int:
    from scripts.checks import run

    only = [name.strip() for value in args.only or [] for name in value.split(",") if name.strip()]
    unknown = sorted(set(only) - set(run.CHECKS))
    if unknown:
        print(f"error: unknown check(s) {', '.join(unknown)}; choose from: {', '.join(run.CHECKS)}", file=sys.stderr)
        return 2
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"error: no such page or folder: {', '.join(missing)} (paths are relative to {Path.cwd()})",
              file=sys.stderr)
        return 2
    return run.run(fix=args.fix, only=only or None, targets=args.paths)


def cmd_bench(args: argparse.Namespace) -> int:
    from scripts import bench

    return bench.run(Path(args.out), runs=args.runs, skip=set(args.skip or []))


def cmd_sync(args: argparse.Namespace) -> int:
    from scripts.checks import freshness

    if not args.all and not args.paths:
        print("error: give the pages you checked (docs/fr/X.md or docs/en/X.md), or --all", file=sys.stderr)
        return 2
    try:
        keys = freshness.mark_synced(args.paths, all_pages=args.all)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Marked {len(keys)} pair(s) as in sync in i18n-sync.yml: {', '.join(keys[:5])}{' …' if len(keys) > 5 else ''}")
    return 0


def cmd_validate_data(args: argparse.Namespace) -> int:
    from scripts.checks.report import errors, print_problems
    from scripts.sitedata.records import load_data

    _, problems = load_data(Path(args.data_dir))
    print_problems(problems)
    failed = errors(problems)
    print(f"data {'FAILED' if failed else 'ok'}: {len(failed)} error(s), {len(problems) - len(failed)} warning(s)")
    return 1 if failed else 0


def cmd_render(args: argparse.Namespace) -> int:
    from scripts.sitedata import markers
    from scripts.sitedata.records import DataError, load_or_raise

    try:
        data, _ = load_or_raise()
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    marker_text = f"<!-- data:{args.name} {' '.join(args.args)} -->"
    found, malformed = markers.find(marker_text)
    if malformed or not found:
        print(f"error: cannot read {marker_text!r}; write arguments as key=value", file=sys.stderr)
        return 2
    try:
        print(markers.render_marker(data, args.lang, found[0]))
    except markers.MarkerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def cmd_pack(args: argparse.Namespace) -> int:
    from scripts import build, pack

    try:
        summary = pack.make_pack(Path(args.dist), with_zim=not args.no_zim)
    except (build.BuildError, pack.PackError, RuntimeError) as error:
        print(f"error: {error}\nThe previous {args.dist}/ was left as it was.", file=sys.stderr)
        return 1
    print(f"Offline pack {summary['version']} in {summary['seconds']} s:")
    print(f"  {summary['zip']}  ({summary['zip_bytes']:,} bytes, {summary['zip_entries']} files)")
    if summary["zim"]:
        print(f"  {summary['zim']}  ({summary['zim_bytes']:,} bytes)")
    print(f"  {summary['pdfs']} PDFs; pages per language: {summary['pages']}")
    return 0


def cmd_nu(args: argparse.Namespace) -> int:
    from scripts import nu

    return nu.main(args.paths)


def cmd_vendor(_: argparse.Namespace) -> int:
    from scripts import vendor

    try:
        written = vendor.write()
    except vendor.VendorError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for file in written:
        print(f"  {file.relative_to(paths.ROOT)}  ({file.stat().st_size:,} bytes)")
    return 0


def cmd_lock(_: argparse.Namespace) -> int:
    cmd = [sys.executable, "-m", "piptools", "compile", "--quiet", "--generate-hashes", "--allow-unsafe",
           "--strip-extras", "--no-emit-index-url", "--output-file", "requirements.lock", "requirements.in"]
    return subprocess.call(cmd, cwd=paths.ROOT)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m scripts", description=__doc__,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = top.add_subparsers(dest="command", required=True, metavar="command")

    p = sub.add_parser("build", help="strict build of both languages into site/")
    p.add_argument("--site-dir", default=str(paths.SITE), help="output folder (default: site/)")
    p.add_argument("--offline", action="store_true", help="build the file:// flavour used by the offline pack")
    p.add_argument("--engine", choices=engines.ENGINES, default=engines.DEFAULT_ENGINE,
                   help="the static site engine (scripts/engines.py; default: %(default)s)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("serve", help="live preview on http://127.0.0.1:8000/")
    p.add_argument("--lang", choices=paths.LANGUAGES, help="build only this language (faster)")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("test", help="run the whole test suite (pytest); extra arguments go to pytest")
    p.add_argument("pytest_args", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_test)

    p = sub.add_parser("check", help="contributor checks without a browser (exit 1 on any error)")
    p.add_argument("--fix", action="store_true", help="fix what can be fixed automatically, then check")
    p.add_argument("--only", action="append", metavar="CHECK[,CHECK…]",
                   help="run only these checks (comma-separated or repeated): data, translations, structure, "
                        "freshness, front-matter, markers, numbers, wording, typography, markdown, spelling")
    p.add_argument("paths", nargs="*", help="pages or folders to check (default: all of docs/)")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("sync", help="record that twins say the same thing (after checking them)")
    p.add_argument("paths", nargs="*", help="pages whose pair you checked (either language)")
    p.add_argument("--all", action="store_true", help="mark every pair as in sync (e.g. after a full review)")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("validate-data", help="check data/*.yml against the schemas and the rules (part of check)")
    p.add_argument("--data-dir", default=str(paths.DATA), help="folder holding the data files (default: data/)")
    p.set_defaults(func=cmd_validate_data)

    p = sub.add_parser("pack", help="offline pack for schools (zip, Kiwix ZIM, PDFs) into dist/")
    p.add_argument("--dist", default=str(paths.DIST), help="output folder (default: dist/)")
    p.add_argument("--no-zim", action="store_true", help="skip the Kiwix .zim (faster)")
    p.set_defaults(func=cmd_pack)

    p = sub.add_parser("nu", help="W3C Nu HTML Checker over built pages (default: site/; errors as path:line)")
    p.add_argument("paths", nargs="*", help="HTML files or folders (default: site/, from `make build`)")
    p.set_defaults(func=cmd_nu)

    p = sub.add_parser("render", help="print a data block as HTML, e.g. `render helplines country=FR --lang en`")
    p.add_argument("name", help="block name: helplines, contacts, directory, laws, penalties, sources")
    p.add_argument("args", nargs="*", help="key=value filters, as in a page marker")
    p.add_argument("--lang", choices=paths.LANGUAGES, default=paths.DEFAULT_LANGUAGE)
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("bench", help="measure builds, page weight, pack, search and Lighthouse; table + JSON")
    p.add_argument("--runs", type=int, default=3, help="build runs for the median (default 3)")
    p.add_argument("--out", default=str(paths.DIST / "bench" / "bench.json"), help="JSON output file")
    p.add_argument("--skip", nargs="+", choices=["serve", "pages", "pack", "synthetic", "lighthouse"],
                   help="leave out the slow parts")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("vendor", help="copy the pinned search library and stemmers, minified, into overrides/assets/javascripts/vendor/")
    p.set_defaults(func=cmd_vendor)

    p = sub.add_parser("lock", help="re-pin requirements.lock from requirements.in with hashes")
    p.set_defaults(func=cmd_lock)
    return top


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["test"]:  # everything after `test` goes to pytest as is, options first included
        return cmd_test(argparse.Namespace(pytest_args=argv[1:]))
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
