"""Contributor checks that need no browser. Each returns a list of `Problem`s (see report.py)."""
