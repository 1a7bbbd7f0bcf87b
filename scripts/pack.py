"""`python -m scripts pack`: the offline edition for schools, written to dist/.

1. a strict build of the file:// flavour (page.html links, local quick exit, no hreflang);
2. PDFs of every lesson plan and handout, printed by headless Chromium (scripts/pdf.py);
3. a root index.html that offers Français / English, LISEZ-MOI.txt / README.txt, the licences;
4. a deterministic zip (sorted entries, fixed timestamps, fixed permissions) and a Kiwix .zim;
5. a .sha256 checksum file beside them.

Everything is made in a temporary folder; dist/ is touched only at the very end, when all of it
succeeded, so a failed pack never leaves a half-made one behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

from scripts import build, paths
from scripts.web import error_pages
from scripts.checks.pages import read_page

NAME = "protection-jeunes-hors-ligne"  # folder inside the zip and file name prefix
TEMPLATES = Path(__file__).parent / "pack_templates"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # earliest zip date; the real build date is in VERSION.txt
# Files of the build that serve nobody offline.
NOT_OFFLINE = ("sitemap.xml", "sitemap.xml.gz") + tuple(error_pages.path_for(lang) for lang in paths.LANGUAGES)
# (404 pages: only a web server shows them; from file:// a missing page is the browser's own error)


class PackError(RuntimeError):
    pass


def _git(*args: str) -> str | None:
    try:
        return subprocess.run(["git", *args], cwd=paths.ROOT, capture_output=True, text=True,
                              check=True).stdout.strip() or None
    except (OSError, subprocess.CalledProcessError):
        return None


def build_epoch() -> int:
    """SOURCE_DATE_EPOCH if set, else the last commit's time, else now: the same commit gives the
    same pack."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    committed = _git("log", "-1", "--format=%ct")
    return int(committed) if committed and committed.isdigit() else int(time.time())


def version() -> str:
    import tomllib

    number = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]["version"]
    commit = _git("rev-parse", "--short", "HEAD")
    return f"{number}+{commit}" if commit else number


def site_url(site: Path) -> str:
    """The public address the hosted build was made for (its home page's canonical link)."""
    import re

    found = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    if not found:
        raise PackError("the hosted build has no canonical address; is site_url set in mkdocs.yml?")
    return found.group(1)


def printable_pages(lang: str) -> list[str]:
    """Lesson plans (front matter age_band) and handouts (ecoles/fiche-*.md) of one language."""
    found = []
    for md in sorted((paths.DOCS / lang / "ecoles").glob("*.md")):
        if md.name.startswith("fiche-") or "age_band" in read_page(md).meta:
            found.append(f"ecoles/{md.stem}.md")
    return found


def _render_template(name: str, values: dict[str, str]) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8").format(**values)


def deterministic_zip(source: Path, out: Path, prefix: str) -> int:
    """Zip `source` under `prefix/` with sorted names, one fixed date and fixed permissions."""
    files = sorted(p for p in source.rglob("*") if p.is_file())
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for file in files:
            info = zipfile.ZipInfo(f"{prefix}/{file.relative_to(source).as_posix()}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, so the permissions above are read the same everywhere
            archive.writestr(info, file.read_bytes(), compresslevel=9)
    return len(files)


def page_counts(site: Path) -> dict[str, int]:
    """Content pages per language in a built site (the default language sits at the root)."""
    pages = [p.relative_to(site).as_posix() for p in site.rglob("*.html")]
    pages = [p for p in pages if Path(p).name != error_pages.TEMPLATE and not Path(p).name.startswith("neutral-")]
    others = [lang for lang in paths.LANGUAGES if lang != paths.DEFAULT_LANGUAGE]
    counts = {lang: sum(p.startswith(f"{lang}/") for p in pages) for lang in others}
    counts[paths.DEFAULT_LANGUAGE] = len(pages) - sum(counts.values())
    return counts


def sha256(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def make_pack(dist: Path = paths.DIST, with_zim: bool = True) -> dict:
    """Build the pack into a temporary folder, then move the results into `dist`. Returns a summary."""
    started = time.perf_counter()
    epoch = build_epoch()
    built_on = dt.datetime.fromtimestamp(epoch, dt.timezone.utc)
    ver = version()
    values = {
        "version": ver,
        "build_date": built_on.strftime("%Y-%m-%d"),
        **{f"site_name_{lang}": name for lang, name in paths.site_config().names.items()},
    }
    dist.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".pack-", dir=dist.parent) as tmp:
        tmp = Path(tmp)
        root = tmp / NAME
        site = root / "site"
        build.build(site, build.OFFLINE, quiet=True)
        for name in NOT_OFFLINE:
            (site / name).unlink(missing_ok=True)

        from scripts import pdf

        # PDFs come from the hosted flavour, so their links point to the online pages: site/ when it is
        # a build of these very sources (`make build` just ran), else it is built there now.
        hosted = paths.SITE
        if not build.is_current(hosted):
            build.build(hosted, build.ONLINE, quiet=True)
        jobs = []
        for lang in paths.LANGUAGES:
            for md in printable_pages(lang):
                url_path = paths.lang_prefix(lang) + md[:-3] + "/"
                jobs.append((url_path, root / "pdf" / lang / (Path(md).stem + ".pdf")))
        pdfs = pdf.print_pages(hosted, site_url(hosted), jobs, built_on.strftime("%Y%m%d%H%M%S"))

        (root / "index.html").write_text(_render_template("index.html", values), encoding="utf-8")
        (root / "LISEZ-MOI.txt").write_text(_render_template("LISEZ-MOI.txt", values), encoding="utf-8")
        (root / "README.txt").write_text(_render_template("README.txt", values), encoding="utf-8")
        shutil.copy2(paths.ROOT / "LICENSE-CONTENT", root / "LICENCE-CONTENU.txt")
        shutil.copy2(paths.ROOT / "LICENSE", root / "LICENCE-CODE.txt")
        (root / "VERSION.txt").write_text(f"version: {ver}\nbuild date: {values['build_date']}\n", encoding="utf-8")

        stem = f"{NAME}-{ver.replace('+', '-')}"
        outputs = tmp / "out"
        outputs.mkdir()
        zip_file = outputs / f"{stem}.zip"
        entries = deterministic_zip(root, zip_file, NAME)
        with zipfile.ZipFile(zip_file) as archive:
            if archive.testzip() is not None:
                raise PackError("the zip failed its own integrity test")
        zim_file = None
        if with_zim:
            from scripts import zim

            zim_file = outputs / f"{stem}.zim"
            from scripts.sitedata import records

            search = records.load_cached()[0].search_config()
            keywords = zim.synonym_keywords(root, search, paths.LANGUAGES, paths.lang_prefix)
            site_names = paths.site_config().names
            zim.write_zim(root, zim_file, {
                "Name": "protection-jeunes_fr-en",
                "Title": site_names[paths.DEFAULT_LANGUAGE],
                "Creator": site_names[paths.DEFAULT_LANGUAGE],
                "Publisher": site_names[paths.DEFAULT_LANGUAGE],
                "Date": values["build_date"],
                "Description": "Grooming, sextorsion, images intimes : comprendre, agir, qui contacter (FR/EN)",
                "LongDescription": "Site bilingue pour protéger les jeunes de l'exploitation sexuelle en ligne : "
                                   "risques, que faire, qui contacter, la loi, le débat sur le chiffrement, séances.",
                "Language": "fra,eng",
                "License": "CC BY-SA 4.0",
                "Tags": "_category:other;_pictures:yes;_videos:no;_details:yes;children;safety",
                "Flavour": "offline",
                "Source": paths.site_config().repo_url,
                "Scraper": f"protection-jeunes scripts/pack.py {ver}",
            }, keywords=keywords)
        sums = outputs / f"{stem}.sha256"
        sums.write_text("".join(f"{sha256(f)}  {f.name}\n" for f in sorted(outputs.iterdir()) if f != sums))

        # Everything succeeded: replace the previous pack files in dist/, leave anything else there.
        for old in dist.glob(f"{NAME}-*"):
            old.unlink()
        for file in sorted(outputs.iterdir()):
            os.replace(file, dist / file.name)
        summary = {
            "version": ver,
            "zip": str(dist / zip_file.name),
            "zip_bytes": (dist / zip_file.name).stat().st_size,
            "zip_entries": entries,
            "zim": str(dist / zim_file.name) if zim_file else None,
            "zim_bytes": (dist / zim_file.name).stat().st_size if zim_file else None,
            "pdfs": len(pdfs),
            "pages": page_counts(site),
            "seconds": round(time.perf_counter() - started, 2),
        }
    return summary
