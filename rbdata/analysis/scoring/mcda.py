"""Ranking and selecting themes: multi-criteria decision methods on a score matrix.

Every function takes ``matrix``: any themes x criteria DataFrame of numbers
(index = theme, columns = criteria, higher = better), not only Batang's. The
document's own method is the sum of scores (:func:`rank_themes` with
``method='sum'`` under any non-negative weights); TOPSIS, the weighted
product model and VIKOR come from pymcdm, which imports matplotlib and is
therefore imported only when one of them is asked for. Ties are never broken
silently: tied themes share the best rank they could claim ('min' ranking)
and are flagged, and :func:`select_themes` refuses to guess a tied k-th
place. :func:`dominance` lists the pairs of themes whose order no weights
can change.
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

#: Ranking methods accepted by :func:`rank_themes` and :func:`select_themes`.
METHODS = ("sum", "topsis", "wpm", "vikor")

# Criterion weights: a mapping criterion -> weight, or one weight per column
# in order; None for equal weights.
_Weights = Mapping[Any, float] | Sequence[float] | np.ndarray | None

# Scores are rounded to this many decimals before ranking, so that float noise
# (0.2 * 9 + ... != 9 * 0.2 + ...) neither creates nor hides a tie.
_DECIMALS = 10


class AmbiguousSelectionError(ValueError):
    """A tie at the k-th place leaves the top-k choice undecided."""


class AmbiguousSelectionWarning(UserWarning):
    """More than k themes were returned because of a tie at the k-th place."""


# --------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------


def _values(matrix: pd.DataFrame) -> np.ndarray:
    """The matrix as a float array, after checking its shape and labels."""
    if not isinstance(matrix, pd.DataFrame):
        raise TypeError(f"matrix must be a pandas DataFrame (themes x criteria), got {type(matrix).__name__}")
    if matrix.shape[0] < 1 or matrix.shape[1] < 1:
        raise ValueError(f"matrix needs at least one theme and one criterion, got shape {matrix.shape}")
    for what, labels in (("theme", matrix.index), ("criterion", matrix.columns)):
        dup = labels[labels.duplicated()].tolist()
        if dup:
            raise ValueError(f"matrix has duplicate {what} labels {dup}; every {what} must be unique")
    try:
        x = matrix.to_numpy(dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"matrix must hold numbers only: {exc}") from None
    if not np.isfinite(x).all():
        bad = [(matrix.index[i], matrix.columns[j]) for i, j in zip(*np.nonzero(~np.isfinite(x)))]
        raise ValueError(f"matrix has missing or infinite scores at (theme, criterion) {bad[:5]}")
    return x


def _weights(matrix: pd.DataFrame, weights: _Weights) -> np.ndarray:
    """Criterion weights as an array summing to 1, in the matrix's column order."""
    criteria = list(matrix.columns)
    allowed = (
        "weights must be non-negative finite numbers, at least one of them positive "
        "(a dict keyed by criterion or a sequence in column order; they are rescaled to sum to 1)"
    )
    if weights is None:
        return np.full(len(criteria), 1.0 / len(criteria))
    if isinstance(weights, (Mapping, pd.Series)):
        w_map = dict(weights.items())
        unknown = [k for k in w_map if k not in criteria]
        missing = [c for c in criteria if c not in w_map]
        if unknown or missing:
            raise ValueError(
                f"weights do not match the criteria: unknown {unknown}, missing {missing}; "
                f"give one weight for each of {criteria}"
            )
        raw = [w_map[c] for c in criteria]
    elif isinstance(weights, (Sequence, np.ndarray)) and not isinstance(weights, str):
        raw = list(np.asarray(weights).ravel())
        if len(raw) != len(criteria):
            raise ValueError(
                f"got {len(raw)} weights for {len(criteria)} criteria {criteria}; "
                "give one weight per criterion"
            )
    else:
        raise TypeError(f"{allowed}; got {type(weights).__name__}")
    if not all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in raw):
        raise ValueError(f"{allowed}; got {raw}")
    w = np.asarray(raw, dtype=float)
    if not np.isfinite(w).all() or (w < 0).any() or w.sum() <= 0:
        raise ValueError(f"{allowed}; got {raw}")
    return w / w.sum()


def _check_method(method: str) -> str:
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {list(METHODS)}")
    return method


def _check_k(k, n_themes: int) -> int:
    if not isinstance(k, numbers.Integral) or isinstance(k, bool) or not 1 <= int(k) <= n_themes:
        raise ValueError(f"k must be a whole number from 1 to the number of themes ({n_themes}), got {k!r}")
    return int(k)


def _check_scale(scale) -> tuple[int, int]:
    try:
        lo, hi = scale
    except (TypeError, ValueError):
        raise ValueError(f"scale must be a pair (lowest, highest) of whole numbers, got {scale!r}") from None
    ok = all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in (lo, hi))
    if not ok or lo >= hi:
        raise ValueError(
            f"scale must be a pair (lowest, highest) of whole numbers with lowest < highest, got {scale!r}"
        )
    return int(lo), int(hi)


# --------------------------------------------------------------------------
# Ranking
# --------------------------------------------------------------------------


def _scorer(x: np.ndarray, method: str):
    """A function ``w -> (scores of every theme, higher is better)`` for ``x``.

    The matrix is checked and the pymcdm method built once, so that scoring
    many weight vectors (SMAA) pays only for the method itself.
    """
    n_alt, n_crit = x.shape
    if method == "sum":
        # Weighted sum scaled by the number of criteria: equal weights give
        # the plain sum of scores, i.e. the document's Nilai Total.
        return lambda w: (np.round(x @ w * n_crit, _DECIMALS), True)
    # pymcdm imports matplotlib: import it only here.
    from pymcdm import methods as mm
    from pymcdm import normalizations as nz

    types = np.ones(n_crit)
    if n_alt < 2:
        raise ValueError(f"method {method!r} compares themes with each other and needs at least two themes")
    if method == "topsis":
        # Vector normalisation is Hwang & Yoon's original TOPSIS (pymcdm's
        # default would be min-max).
        body = mm.TOPSIS(normalization_function=nz.vector_normalization)
    elif method == "wpm":
        body = mm.WPM()  # sum normalisation, pymcdm default
    else:
        body = mm.VIKOR()  # v = 0.5, raw values; lower Q is better
    if method in ("topsis", "wpm") and (x <= 0).all(axis=0).any():
        raise ValueError(f"method {method!r} needs at least one positive score in every criterion")
    if method == "wpm" and (x <= 0).any():
        raise ValueError("method 'wpm' needs strictly positive scores (it multiplies powers of them)")
    higher_is_better = method != "vikor"

    def score(w: np.ndarray) -> tuple[np.ndarray, bool]:
        # pymcdm's own validation only warns (about dominant themes, zero
        # weights); inputs were checked above, so it is switched off.
        with np.errstate(divide="ignore", invalid="ignore"):
            pref = np.asarray(body(x, w, types, validation=False), dtype=float)
        if not np.isfinite(pref).all():
            raise ValueError(
                f"method {method!r} is undefined for this matrix and weights (the themes do not differ "
                "on the weighted criteria); use method='sum'"
            )
        return np.round(pref, _DECIMALS), higher_is_better

    return score


def _scores(x: np.ndarray, w: np.ndarray, method: str) -> tuple[np.ndarray, bool]:
    """Score every theme; return the scores and whether higher is better."""
    return _scorer(x, method)(w)


def _min_ranks(s: np.ndarray, higher_is_better: bool = True) -> np.ndarray:
    """'min' ranks along the last axis: 1 + number of strictly better themes."""
    if not higher_is_better:
        s = -s
    # with the themes as the outer axis in memory (Fortran order) the sum over
    # all pairs runs vectorised: about 1 ms instead of 9 ms for 100 000 x 5 scores
    s = np.asfortranarray(s)
    better = s[..., None, :] > s[..., :, None]  # [..., i, j]: j beats i
    return 1 + better.sum(axis=-1)


def rank_themes(matrix: pd.DataFrame, weights: _Weights = None, method: str = "sum") -> pd.DataFrame:
    """Score and rank the themes of a score matrix.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Themes x criteria scores (index = theme, columns = criteria; higher
        is better), e.g. from :func:`score_matrix` or :func:`read_scores`.
    weights : dict, sequence or None, default None
        Criterion weights: non-negative numbers, at least one positive, as a
        dict keyed by criterion or a sequence in column order. They are
        rescaled to sum to 1. None gives equal weights. Negative, non-finite
        or all-zero weights raise ``ValueError``.
    method : {'sum', 'topsis', 'wpm', 'vikor'}, default 'sum'
        'sum': weighted sum scaled by the number of criteria,
        ``score = n_criteria * sum_j w_j x_j``, so equal weights give the
        plain total the document prints (its own method). 'topsis': TOPSIS
        closeness to the ideal theme (pymcdm, vector normalisation), in
        [0, 1]. 'wpm': weighted product model (pymcdm, sum normalisation).
        'vikor': VIKOR compromise index Q (pymcdm, v = 0.5) in [0, 1], where
        LOWER is better.

    Returns
    -------
    pandas.DataFrame
        One row per theme, best first (ties in matrix order):

        - ``theme`` (str): theme label from the matrix index.
        - ``score`` (float64): the method's score, rounded to 10 decimals
          (points for 'sum'; unitless otherwise).
        - ``rank`` (int64): 1 = best. Tied themes share the best rank they
          could claim ('min' ranking: 1, 1, 3, ...).
        - ``tied`` (bool): True if another theme has the same score.

        ``attrs`` holds ``method``, ``weights`` (dict criterion -> weight,
        summing to 1) and ``higher_is_better``.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"a": [3, 4], "b": [4, 3]}, index=["A", "B"])
    >>> rank_themes(m).to_string(index=False)
    'theme  score  rank  tied\\n    A    7.0     1  True\\n    B    7.0     1  True'
    """
    _check_method(method)
    x = _values(matrix)
    w = _weights(matrix, weights)
    s, higher = _scores(x, w, method)
    ranks = _min_ranks(s, higher)
    tied = (s[:, None] == s[None, :]).sum(axis=1) > 1
    out = pd.DataFrame(
        {"theme": [str(t) for t in matrix.index], "score": s, "rank": ranks.astype("int64"), "tied": tied}
    )
    out = out.sort_values("rank", kind="stable").reset_index(drop=True)
    out.attrs = {
        "method": method,
        "weights": dict(zip(matrix.columns, w.tolist())),
        "higher_is_better": higher,
    }
    return out


def select_themes(
    matrix: pd.DataFrame, k: int = 2, weights: _Weights = None, method: str = "sum", ties: str = "raise"
) -> list[str]:
    """The k best themes, refusing to guess when a tie decides the k-th place.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Themes x criteria scores (see :func:`rank_themes`).
    k : int, default 2
        Number of themes to choose (Batang chose two).
    weights, method
        As in :func:`rank_themes`.
    ties : {'raise', 'all'}, default 'raise'
        What to do when themes tie across the k-th place so that no set of
        exactly k best themes exists. 'raise' raises
        :class:`AmbiguousSelectionError` (a ``ValueError``) naming the tied
        themes; 'all' returns every theme ranked k or better (more than k)
        and issues an :class:`AmbiguousSelectionWarning`.

    Returns
    -------
    list of str
        The chosen themes, best first (ties in matrix order).

    Raises
    ------
    AmbiguousSelectionError
        With ``ties='raise'``, when the k-th place is tied.
    """
    if ties not in ("raise", "all"):
        raise ValueError(f"ties must be 'raise' or 'all', got {ties!r}")
    # the ranking of rank_themes, without building its DataFrame: this is
    # called once per weight draw in robustness checks
    _check_method(method)
    x = _values(matrix)
    s, higher = _scores(x, _weights(matrix, weights), method)
    ranks = _min_ranks(s, higher)
    k = _check_k(k, len(ranks))
    order = np.argsort(ranks, kind="stable")  # best first, ties in matrix order
    chosen = [i for i in order if ranks[i] <= k]
    labels = [str(t) for t in matrix.index]
    if len(chosen) > k:
        worst = max(ranks[i] for i in chosen)
        boundary = [i for i in chosen if ranks[i] == worst]
        listing = ", ".join(f"{labels[i]!r} (score {s[i]:g})" for i in boundary)
        msg = (
            f"tie at place {k}: {listing} share rank {int(worst)}, so the "
            f"{k} best themes are not determined; re-score the tied themes, change the weights or k, "
            "or pass ties='all' to get every tied theme"
        )
        if ties == "raise":
            raise AmbiguousSelectionError(msg)
        warnings.warn(msg, AmbiguousSelectionWarning, stacklevel=2)
    return [labels[i] for i in chosen]


def dominance(matrix: pd.DataFrame) -> pd.DataFrame:
    """Every pair of themes where one dominates the other (Pareto dominance).

    Theme A dominates theme B when A scores at least as high as B on every
    criterion and strictly higher on at least one. Such an A outranks B
    under any non-negative weights that are positive on a criterion where A
    is strictly better (so under almost all weights), with the weighted sum,
    TOPSIS and the weighted product alike.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Themes x criteria scores (higher is better).

    Returns
    -------
    pandas.DataFrame
        One row per dominating pair, in matrix order of ``dominant`` then
        ``dominated``:

        - ``dominant`` (str): the theme that is at least as good everywhere.
        - ``dominated`` (str): the theme it dominates.
    """
    x = _values(matrix)
    ge = (x[:, None, :] >= x[None, :, :]).all(axis=2)
    gt = (x[:, None, :] > x[None, :, :]).any(axis=2)
    i, j = np.nonzero(ge & gt)
    labels = [str(t) for t in matrix.index]
    return pd.DataFrame(
        {"dominant": [labels[a] for a in i], "dominated": [labels[b] for b in j]}, dtype=object
    )
