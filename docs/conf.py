"""Sphinx configuration of the rbdata documentation site (``make site``).

The site is built from committed files only: the README's introduction and
citation, every notebook of ``notebooks/`` with its stored outputs (never
re-executed; ``docs/notebooks`` is a link to that folder), a table and column
dictionary generated from ``rbdata/contract/schema.py`` at build time
(``_ext/rbdata_dictionary.py``) and an API reference from the docstrings.
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
# rbdata from this checkout (autodoc imports it) and the local extensions
sys.path[:0] = [str(REPO), str(DOCS / "_ext")]

from rbdata import __version__  # noqa: E402

project = "rbdata"
author = "rbdata contributors"
copyright = "2026, rbdata contributors"
version = release = __version__

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "numpydoc",
    "rbdata_dictionary",
]

root_doc = "index"
# Quotes stay as written: the contract's meanings quote values ('blora-2020', '.txt').
smartquotes = False
exclude_patterns = ["_build", "**.ipynb_checkpoints", "Thumbs.db", ".DS_Store"]

# ---------------------------------------------------------------- notebooks
# Every notebook is shown with the outputs stored in it: nothing is executed.
nb_execution_mode = "off"
# Headings down to level 3 get anchors, so that Markdown links to "#a-heading" resolve.
myst_heading_anchors = 3

# ---------------------------------------------------------------- API reference
autodoc_member_order = "bysource"
autodoc_typehints = "none"  # numpydoc shows the types written in the docstrings
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False

# ---------------------------------------------------------------- HTML
html_theme = "pydata_sphinx_theme"
html_title = f"rbdata {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    # the notebook pages give the right-hand column to their figures (see _static/rbdata.css)
    "secondary_sidebar_items": {
        "notebooks/*": [],
        **{page: ["page-toc"] for page in ("index", "notebooks", "dictionary", "api", "citing")},
    },
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
}
# Light or dark as the reader's system prefers; without it the theme's script logs an error.
html_context = {"default_mode": "auto"}
# The notebook pages list the notebooks in a left sidebar; the pages without sub-pages get its width.
html_sidebars: dict[str, list[str]] = {
    page: [] for page in ("index", "dictionary", "api", "citing", "genindex", "search", "py-modindex")
}
html_static_path = ["_static"]
html_css_files = ["rbdata.css"]
# browsers ask for an icon; without one each page logs a failed request
html_favicon = "_static/favicon.svg"
html_show_sourcelink = False
