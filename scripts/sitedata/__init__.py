"""Single-source records (data/*.yml): loading with line numbers, validation, rendering per language.

Pure Python: nothing here imports MkDocs. overrides/hooks/data_blocks.py is the MkDocs adapter and
`python -m scripts render` calls the same renderer from the command line.
"""
