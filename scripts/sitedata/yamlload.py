"""Read YAML and remember the line of every value, so errors can say `data/file.yml:42: …`.

Dates stay strings ("2026-11-22"): JSON Schema checks their format, and the renderer formats them
per language. Only plain YAML is accepted (mappings, lists, strings, numbers, booleans, null).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class YamlError(ValueError):
    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


# libyaml's C parser when PyYAML has it (several times faster on our data files), else pure Python.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE):
    """Safe loader without the timestamp resolver (dates stay strings)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

Key = tuple  # a path into the document: ("helplines", 3, "tel")


@dataclass
class Document:
    path: Path
    data: Any
    lines: dict[Key, int] = field(default_factory=dict)

    def line(self, key: Key) -> int:
        """Line of the value at `key`, or of its nearest parent that has one (1 for the root)."""
        key = tuple(key)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return 1


def _walk(loader: _Loader, node: yaml.Node, key: Key, lines: dict[Key, int]) -> Any:
    lines[key] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = {}
        for k_node, v_node in node.value:
            k = loader.construct_object(k_node, deep=True)
            if not isinstance(k, (str, int)):
                raise YamlError(Path(k_node.start_mark.name), k_node.start_mark.line + 1, "keys must be plain words")
            if k in result:
                raise YamlError(Path(k_node.start_mark.name), k_node.start_mark.line + 1,
                                f"the key {k!r} appears twice in the same block — keep only one")
            result[k] = _walk(loader, v_node, key + (k,), lines)
            lines[key + (k,)] = k_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_walk(loader, item, key + (i,), lines) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def load(path: Path) -> Document:
    text = path.read_text(encoding="utf-8")
    loader = _Loader(text)
    lines: dict[Key, int] = {}
    try:
        node = loader.get_single_node()
        data = None if node is None else _walk(loader, node, (), lines)
    except yaml.MarkedYAMLError as error:
        # The context mark is where the broken construct began (e.g. an unclosed "["); the problem
        # mark is where the parser gave up, often several lines later. Point at the beginning.
        start, stop = error.context_mark, error.problem_mark
        line = (start or stop).line + 1 if (start or stop) else 1
        where = f"; the parser stopped on line {stop.line + 1}" if start and stop and stop.line != start.line else ""
        raise YamlError(path, line, f"this is not valid YAML ({error.problem}{where}) — check indentation, "
                                    "colons, quotes and brackets on this line") from None
    finally:
        loader.dispose()
    return Document(path, data, lines)
