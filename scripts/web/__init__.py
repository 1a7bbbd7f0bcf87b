"""Pure functions over built HTML (no MkDocs imports): language links, CSP, search index, checks."""
