"""Every path rbdata uses, resolved in one place from the package location.

Raw documents are looked up, in order, in

1. the folder named by the environment variable ``RBDATA_RAW_DIR``;
2. ``data/raw/`` of the source checkout this package was imported from.

An installed (non-editable) copy of the package has no checkout beside it:
set ``RBDATA_RAW_DIR`` to a folder holding ``blora-2020.txt`` and
``batang-2023.txt`` (byte-identical copies of the regulations).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REFERENCE_DIR = PACKAGE_DIR / "reference"
REPO_DIR = PACKAGE_DIR.parent
PROCESSED_DIR = REPO_DIR / "data" / "processed"
NOTEBOOKS_DIR = REPO_DIR / "notebooks"

DOC_IDS = ("blora-2020", "batang-2023")


def raw_dir_candidates() -> list[Path]:
    """Folders searched for the raw documents, first match wins."""
    out = []
    env = os.environ.get("RBDATA_RAW_DIR")
    if env:
        out.append(Path(env))
    out.append(REPO_DIR / "data" / "raw")
    return out


def raw_path(doc_id: str) -> Path:
    """Path of the raw text of ``doc_id``; raise a helpful error if absent."""
    name = f"{doc_id}.txt"
    tried = []
    for folder in raw_dir_candidates():
        p = folder / name
        if p.is_file():
            return p
        tried.append(str(p))
    raise FileNotFoundError(
        f"raw document {name!r} not found; looked in: {', '.join(tried)}. "
        "Set RBDATA_RAW_DIR to the folder holding the raw documents "
        "(data/raw/ of an rbdata checkout)."
    )
