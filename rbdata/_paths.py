"""Every path rbdata uses, resolved in one place from the package location.

Raw documents are looked up, in order, in

1. the folder named by the environment variable ``RBDATA_RAW_DIR``;
2. ``data/raw/`` of the source checkout this package was imported from
   (the canonical copy; absent in an installed package);
3. the copy shipped inside the package, ``rbdata/_raw/`` (byte-identical
   to ``data/raw/``).

The first folder that holds the file wins, so ``RBDATA_RAW_DIR`` overrides
both copies, one document at a time.

The build writes into :data:`PROCESSED_DIR`: ``data/processed/`` of the
checkout when the package sits in one, otherwise ``rbdata-data/`` in the
current folder (a relative path, resolved when the build runs), never
into the installed package.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REFERENCE_DIR = PACKAGE_DIR / "reference"
REPO_DIR = PACKAGE_DIR.parent

DOC_IDS = ("blora-2020", "batang-2023")

#: Folder of the package that holds the shipped copy of the raw documents.
SHIPPED_RAW = "_raw"

#: Default output folder outside a checkout, relative to the current folder.
OUTSIDE_CHECKOUT_OUT = Path("rbdata-data")


class RawDocumentNotFoundError(FileNotFoundError):
    """A raw document is in none of the folders searched; the message lists them."""


def is_checkout(repo_dir: Path | None = None) -> bool:
    """Whether the package sits in a source checkout (not an installed copy).

    A checkout has ``pyproject.toml`` and ``data/raw/`` beside the package;
    site-packages has neither.
    """
    repo = REPO_DIR if repo_dir is None else repo_dir
    return (repo / "pyproject.toml").is_file() and (repo / "data" / "raw").is_dir()


def default_out_dir() -> Path:
    """Where the build writes when no folder is given.

    Returns
    -------
    pathlib.Path
        ``data/processed/`` of the checkout, or the relative path
        ``rbdata-data`` (under the current folder) for an installed copy.
    """
    return REPO_DIR / "data" / "processed" if is_checkout() else OUTSIDE_CHECKOUT_OUT


PROCESSED_DIR = default_out_dir()


def shipped_raw_dir() -> Path | None:
    """The package's own copy of ``data/raw/``, or None if it is not on disk.

    A package imported from a zip archive has no folder to point to; it
    then needs ``RBDATA_RAW_DIR``.
    """
    # inside a zip archive the package's own path is no folder on disk
    return PACKAGE_DIR / SHIPPED_RAW if PACKAGE_DIR.is_dir() else None


def raw_dir_candidates() -> list[Path]:
    """Folders searched for the raw documents, first match wins."""
    out = []
    env = os.environ.get("RBDATA_RAW_DIR")
    if env:
        out.append(Path(env))
    if is_checkout():
        out.append(REPO_DIR / "data" / "raw")
    shipped = shipped_raw_dir()
    if shipped is not None:
        out.append(shipped)
    return out


def raw_path(doc_id: str) -> Path:
    """Path of the raw text of ``doc_id``.

    Raises
    ------
    RawDocumentNotFoundError
        If no folder of :func:`raw_dir_candidates` holds the file; the
        message lists every path tried.
    """
    name = f"{doc_id}.txt"
    tried = []
    for folder in raw_dir_candidates():
        p = folder / name
        if p.is_file():
            return p
        tried.append(str(p))
    raise RawDocumentNotFoundError(
        f"raw document {name!r} not found; looked in: {', '.join(tried) or 'nowhere'}. "
        "Set RBDATA_RAW_DIR to the folder holding the raw documents "
        "(data/raw/ of an rbdata checkout)."
    )
