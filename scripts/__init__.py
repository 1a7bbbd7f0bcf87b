"""Project tooling: `python -m scripts <command>` (see scripts/README.md).

Modules here are plain Python and never import MkDocs, so the checks, the data renderer and the
HTML post-processing can be tested alone and reused if the site moves to another engine. The only
MkDocs-aware code is the thin adapters in overrides/hooks/.
"""
