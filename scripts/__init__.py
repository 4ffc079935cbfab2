"""Core of the site generator: regulations/*.yaml → validated catalog → Markdown pages.

Nothing here imports MkDocs; `mkdocs_hooks.py` is the only adapter. Run the maintainer CLI with
``python -m scripts validate``.
"""
