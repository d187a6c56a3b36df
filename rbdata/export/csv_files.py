"""The CSV files of the export: UTF-8, ``\\n`` line endings, no index."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["write_csv"]


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """Write ``df`` as UTF-8 CSV with ``\\n`` line endings and no index.

    Parameters
    ----------
    df : pandas.DataFrame
        The table, written in its row order; a missing value is an empty
        field.
    path : pathlib.Path
        The file, replaced if it exists.
    """
    with open(path, "w", encoding="utf-8", newline="") as fh:
        df.to_csv(fh, index=False, lineterminator="\n")
