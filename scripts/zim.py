"""Write a Kiwix .zim file of the offline pack with python-libzim (GPL-3.0-or-later library; this
module only calls it). Kiwix readers open it on computers and phones without internet.
"""

from __future__ import annotations

import html as htmllib
import mimetypes
import struct
import zlib
from pathlib import Path

from scripts import paths

MIME = {".html": "text/html", ".css": "text/css", ".js": "application/javascript", ".svg": "image/svg+xml",
        ".png": "image/png", ".pdf": "application/pdf", ".txt": "text/plain", ".xml": "text/xml",
        ".json": "application/json", ".ico": "image/x-icon"}


def illustration_png(size: int = 48) -> bytes:
    """The 48×48 icon Kiwix shows in its library: a white heart on the site's purple, drawn here so
    the build needs no image tool."""
    purple, white = (0x4B, 0x23, 0x77), (0xFF, 0xFF, 0xFF)
    rows = []
    for y in range(size):
        row = bytearray([0])  # filter byte
        for x in range(size):
            # Heart: two circles and a triangle, in a 48-pixel grid.
            u, v = (x - size / 2) / (size / 2), (size / 2 - y) / (size / 2)
            left = (u + 0.32) ** 2 + (v - 0.25) ** 2 < 0.12
            right = (u - 0.32) ** 2 + (v - 0.25) ** 2 < 0.12
            tri = v <= 0.3 and v >= -0.7 and abs(u) <= (v + 0.7) * 0.62
            row += bytes(white if (left or right or tri) else purple)
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) \
        + chunk(b"IEND", b"")


SITE_NAMES = tuple(f" - {name}" for name in paths.site_config().names.values())  # as Material ends each <title>


def _title_of(html: bytes) -> str:
    """The page's title as Kiwix lists and searches it: entities decoded ("I&#39;m" -> "I'm"), the
    site name after " - " dropped (every page has it, so it only pushes the words that matter back)."""
    start = html.find(b"<title>")
    end = html.find(b"</title>", start)
    if start < 0 or end <= start:
        return ""
    title = htmllib.unescape(html[start + 7:end].decode("utf-8", "replace")).strip()
    for name in SITE_NAMES:
        if title.endswith(name) and len(title) > len(name):
            title = title[: -len(name)].strip()
    return title


def page_text(html: bytes) -> str:
    """The article's words, for Kiwix's full-text index (the menus and footer left out)."""
    import lxml.etree

    from scripts.web.search_index import WHITESPACE, searchable_article

    article = searchable_article(lxml.etree.fromstring(html, lxml.etree.HTMLParser()))
    if article is None:
        return ""
    return WHITESPACE.sub(" ", " ".join(article.itertext())).strip()


def synonym_keywords(root: Path, search: dict, languages: tuple[str, ...], prefix=lambda lang: "") -> dict[str, str]:
    """Entry path -> words of the data/search-synonyms.yml groups that name the page, per language."""
    out: dict[str, str] = {}
    for group in search.get("groups", []):
        for lang in languages:
            for page in group.get("pages", []):
                for candidate in (page.rstrip("/") + ".html", page + "index.html"):
                    path = f"site/{prefix(lang)}{candidate}"
                    if (root / path).is_file():
                        out[path] = (out.get(path, "") + " " + " ".join(group[lang])).strip()
    return out


def write_zim(root: Path, out: Path, metadata: dict[str, str], main_path: str = "index.html",
              keywords: dict[str, str] | None = None) -> int:
    """Pack every file under `root` into `out`. Returns the number of entries.

    `keywords` maps entry paths to words readers type for that page (from data/search-synonyms.yml):
    Kiwix's full-text search then finds the page for them, as the site's own search does."""
    from libzim.writer import Creator, FileProvider, Hint, IndexData, Item, StringProvider

    class PageIndex(IndexData):
        def __init__(self, title: str, text: str, words: str):
            super().__init__()
            self._title, self._text, self._words = title, text, words

        def has_indexdata(self):
            return True

        def get_title(self):
            return self._title

        def get_content(self):
            return self._text

        def get_keywords(self):
            return self._words

        def get_wordcount(self):
            return len(self._text.split())

        def get_geoposition(self):
            return None

    class FileItem(Item):
        def __init__(self, path: str, file: Path, mimetype: str, title: str):
            super().__init__()
            self._path, self._file, self._mimetype, self._title = path, file, mimetype, title

        def get_path(self):
            return self._path

        def get_title(self):
            return self._title

        def get_mimetype(self):
            return self._mimetype

        def get_contentprovider(self):
            return FileProvider(str(self._file))

        def get_hints(self):
            return {Hint.FRONT_ARTICLE: self._mimetype == "text/html"}

        def get_indexdata(self):
            # Defining this replaces libzim's own HTML indexing for every item: give it the article
            # text of each page (None leaves an item out of the full-text index).
            if self._mimetype != "text/html":
                return None
            return PageIndex(self._title, page_text(self._file.read_bytes()), (keywords or {}).get(self._path, ""))

    files = sorted(p for p in root.rglob("*") if p.is_file())
    creator_config = Creator(str(out)).config_verbose(False).config_indexing(True, metadata.get("Language", "fra").split(",")[0])
    with creator_config as creator:
        creator.set_mainpath(main_path)
        for file in files:
            rel = file.relative_to(root).as_posix()
            mimetype = MIME.get(file.suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            title = _title_of(file.read_bytes()) if file.suffix == ".html" else ""
            creator.add_item(FileItem(rel, file, mimetype, title or rel))
        for name, value in metadata.items():
            creator.add_metadata(name, value)
        creator.add_illustration(48, illustration_png())
    del StringProvider  # imported for readers of this module: other item kinds use it
    return len(files)
