"""The document's theme-selection table as a themes x criteria score matrix.

Batang printed the scores of its candidate RB Tematik themes in Tabel 4.1
(``data/raw/batang-2023.txt``, lines 502-509) and chose the two best themes
(line 511). :func:`score_matrix` rebuilds the matrix from
:func:`rbdata.load_theme_scores` and :func:`check_totals` recomputes every
printed total.
"""

from __future__ import annotations

import pandas as pd

from rbdata.loaders import load_theme_scores

DEFAULT_DOC = "batang-2023"


def _theme_scores(doc_id: str) -> pd.DataFrame:
    scores = load_theme_scores(doc_id)
    if scores.empty:
        raise ValueError(
            f"document {doc_id!r} has no theme-selection table (its theme_scores "
            f"table is empty); use doc_id={DEFAULT_DOC!r}"
        )
    return scores


def score_matrix(doc_id: str = DEFAULT_DOC, english: bool = False) -> pd.DataFrame:
    """The themes x criteria score matrix of a document's theme-selection table.

    Parameters
    ----------
    doc_id : str, default 'batang-2023'
        Document whose ``theme_scores`` table to use (only Batang has one).
    english : bool, default False
        Label themes and criteria in English (``theme_en``,
        ``criterion_en``) instead of as printed.

    Returns
    -------
    pandas.DataFrame
        One row per candidate theme (index ``theme``, in printed row order),
        one column per criterion (columns named ``criterion``, in printed
        header order); cells are the scores given (int64, points).
        ``attrs`` holds ``doc_id``, ``table_id``, ``selected`` (list of the
        themes the document says were chosen, in printed order) and
        ``source_lines`` (dict theme -> 1-based line of its row).

    Examples
    --------
    >>> from rbdata.analysis.scoring import score_matrix
    >>> score_matrix().sum(axis=1).tolist()
    [44, 41, 33, 32, 39]
    """
    scores = _theme_scores(doc_id)
    theme_col = "theme_en" if english else "theme"
    crit_col = "criterion_en" if english else "criterion"
    for col in (theme_col, crit_col):
        if scores[col].isna().any():
            raise ValueError(
                f"{doc_id}: column {col!r} of theme_scores has missing labels; "
                "complete rbdata/reference/themes.csv and criteria.csv"
            )
    scores = scores.sort_values(["theme_no", "source_line"], kind="stable")
    rows = scores.drop_duplicates("theme_no")
    themes = rows[theme_col].astype(str).tolist()
    # criteria in the order they appear in the loader's rows, i.e. header order
    criteria = pd.unique(scores[crit_col].astype(str)).tolist()
    m = (
        scores.assign(_t=scores[theme_col].astype(str), _c=scores[crit_col].astype(str))
        .pivot(index="_t", columns="_c", values="score")
        .loc[themes, criteria]
        .astype("int64")
    )
    m.index.name = "theme"
    m.columns.name = "criterion"
    m.attrs = {
        "doc_id": doc_id,
        "table_id": str(rows["table_id"].iloc[0]),
        "selected": rows.loc[rows["selected"].astype(bool), theme_col].astype(str).tolist(),
        "source_lines": dict(zip(themes, rows["source_line"].astype(int).tolist())),
    }
    return m


def check_totals(doc_id: str = DEFAULT_DOC) -> pd.DataFrame:
    """Recompute every printed total (Nilai Total) from its scores.

    Parameters
    ----------
    doc_id : str, default 'batang-2023'
        Document whose theme-selection table to check.

    Returns
    -------
    pandas.DataFrame
        One row per theme, in printed order:

        - ``theme`` (str): candidate theme as printed.
        - ``printed_total`` (int64, points): Nilai Total as printed.
        - ``computed_total`` (int64, points): sum of the theme's printed scores.
        - ``matches`` (bool): whether the two agree.
        - ``source_line`` (int64, line): 1-based line of the row in
          ``data/raw/<doc_id>.txt``.
    """
    scores = _theme_scores(doc_id).sort_values(["theme_no", "source_line"], kind="stable")
    g = scores.groupby("theme_no", sort=True)
    out = pd.DataFrame(
        {
            "theme": g["theme"].first().astype(str),
            "printed_total": g["printed_total"].first().astype("int64"),
            "computed_total": g["score"].sum().astype("int64"),
            "source_line": g["source_line"].min().astype("int64"),
        }
    ).reset_index(drop=True)
    out.insert(3, "matches", out["printed_total"] == out["computed_total"])
    return out


def _default_criteria() -> dict[str, str]:
    """The document's criteria (as printed) with their English labels."""
    scores = _theme_scores(DEFAULT_DOC).sort_values(["theme_no", "source_line"], kind="stable")
    pairs = scores.drop_duplicates("criterion")[["criterion", "criterion_en"]]
    return {str(c): ("" if pd.isna(e) else str(e)) for c, e in zip(pairs["criterion"], pairs["criterion_en"])}
