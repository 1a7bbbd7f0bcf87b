"""Interface text of our templates (data/labels.yml): one entry per key, `fr` and `en` side by side."""

from __future__ import annotations

from pathlib import Path

from scripts import paths
from scripts.sitedata.yamlload import YamlError, load


def load_labels(path: Path | None = None, languages=paths.LANGUAGES) -> dict[str, dict[str, str]]:
    """Return {lang: {key: text}}; raise YamlError naming the file and line of any gap."""
    path = path or paths.DATA / "labels.yml"
    doc = load(path)
    if not isinstance(doc.data, dict):
        raise YamlError(path, 1, "labels.yml must be a list of `key: {fr: …, en: …}` entries")
    result: dict[str, dict[str, str]] = {lang: {} for lang in languages}
    for key, texts in doc.data.items():
        line = doc.line((key,))
        if not isinstance(texts, dict):
            raise YamlError(path, line, f"label {key!r} must be `{{fr: …, en: …}}`")
        for lang in languages:
            text = texts.get(lang)
            if not isinstance(text, str) or not text.strip():
                raise YamlError(path, line, f"label {key!r} has no {lang!r} text — add `{lang}: \"…\"`")
            result[lang][key] = text
        extra = set(texts) - set(languages)
        if extra:
            raise YamlError(path, line, f"label {key!r} has unknown language(s) {sorted(extra)}")
    return result
