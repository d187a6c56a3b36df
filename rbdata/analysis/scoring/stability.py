"""Exact stability intervals of a weighted-sum selection, one weight at a time.

With the weighted sum, a theme's score is linear in the weights. Move one
criterion's weight ``t`` from 0 to 1 while the other weights keep their
proportions (they share ``1 - t`` as they shared ``1 - w``); each theme's
score is then a straight line in ``t``, and the chosen set of ``k`` themes
can only change where the line of a chosen theme crosses the line of a theme
left out. Those crossings are found by solving one linear equation per pair,
so the interval of weights that keeps the selection is exact, not sampled.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from rbdata.analysis.scoring.mcda import _check_k, _values, _weights

__all__ = ["stability_intervals"]


def _chosen(scores: np.ndarray, k: int) -> set[int] | None:
    """The k best themes, or None where a tie at the k-th place makes the choice ambiguous."""
    order = np.argsort(-scores, kind="stable")
    if k < len(scores) and np.isclose(scores[order[k - 1]], scores[order[k]], rtol=0, atol=1e-12):
        return None
    return set(order[:k].tolist())


def stability_intervals(matrix: pd.DataFrame, k: int = 2, weights=None) -> pd.DataFrame:
    """The range of each criterion's weight within which the weighted-sum selection stays the same.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Themes x criteria scores (index = theme, higher = better).
    k : int, default 2
        How many themes are chosen.
    weights : dict, sequence or None
        The weights at which the selection is taken (default: equal), as in
        :func:`rbdata.scoring.rank_themes`; rescaled to sum to 1.

    Returns
    -------
    pandas.DataFrame
        One row per criterion, in column order:

        - ``criterion`` (str);
        - ``weight`` (float64): its weight in ``weights`` (0-1);
        - ``lower``, ``upper`` (float64): the exact bounds (0-1) between which that weight can
          move, the others keeping their proportions, without changing the chosen themes; at a
          bound two themes tie;
        - ``leaves_below``, ``enters_below`` (str or None): the chosen theme that drops out and the
          theme that comes in just below ``lower`` (None where ``lower`` is 0);
        - ``leaves_above``, ``enters_above`` (str or None): the same just above ``upper``.
          Where several pairs tie at the same bound, the first pair found is named.

        ``attrs['chosen']`` lists the chosen themes at ``weights``.

    Raises
    ------
    ValueError
        If the selection at ``weights`` is itself a tie at the k-th place.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"a": [3, 1, 2], "b": [1, 3, 1]}, index=["X", "Y", "Z"])
    >>> s = stability_intervals(m, k=1, weights={"a": 0.7, "b": 0.3})
    >>> row = s.iloc[0]
    >>> row["criterion"], float(row["lower"]), float(row["upper"]), row["leaves_below"], row["enters_below"]
    ('a', 0.5, 1.0, 'X', 'Y')
    """
    x = _values(matrix)
    if not isinstance(k, numbers.Integral):
        raise ValueError(f"k must be a whole number, got {k!r}")
    k = _check_k(k, x.shape[0])
    w = _weights(matrix, weights)
    themes = [str(t) for t in matrix.index]
    chosen = _chosen(x @ w, k)
    if chosen is None:
        raise ValueError(
            f"the selection of {k} themes at these weights is a tie at place {k}; no interval exists"
        )
    left_out = [i for i in range(x.shape[0]) if i not in chosen]
    rows = []
    for j, criterion in enumerate(matrix.columns):
        w0 = float(w[j])
        others = np.delete(np.arange(x.shape[1]), j)
        rest = float(w[others].sum())
        if rest == 0:  # all weight on this criterion: the others have no proportions to keep
            r = np.zeros(x.shape[0])
        else:
            r = x[:, others] @ w[others] / rest
        # score_i(t) = t * x_ij + (1 - t) * r_i; chosen i and left-out l tie where the difference is 0
        lower, upper = 0.0, 1.0
        below: tuple[int, int] | None = None
        above: tuple[int, int] | None = None
        for i in chosen:
            for l in left_out:
                d0 = r[i] - r[l]  # difference at t = 0
                slope = (x[i, j] - x[l, j]) - d0
                if slope == 0:
                    continue
                t_cross = -d0 / slope
                if t_cross < w0 and t_cross > lower:
                    lower, below = t_cross, (i, l)
                elif t_cross > w0 and t_cross < upper:
                    upper, above = t_cross, (i, l)
        rows.append(
            {
                "criterion": str(criterion),
                "weight": w0,
                "lower": float(lower) if lower > 0 else 0.0,
                "upper": float(upper) if upper < 1 else 1.0,
                "leaves_below": themes[below[0]] if below else None,
                "enters_below": themes[below[1]] if below else None,
                "leaves_above": themes[above[0]] if above else None,
                "enters_above": themes[above[1]] if above else None,
            }
        )
    out = pd.DataFrame(rows)
    out.attrs["chosen"] = [themes[i] for i in sorted(chosen)]
    return out
