"""How firm a selection is: simulations and one-weight-at-a-time sensitivity.

* :func:`rank_acceptability`: stochastic multicriteria acceptability
  analysis (SMAA-2) over all criterion weights;
* :func:`score_uncertainty`: every judgement off by a few points;
* :func:`weight_sensitivity`: one criterion's weight moved from 0 to 1.

Each simulation compares the k best themes of every draw with a reference
selection (by default the document's own) and reports how often it is kept,
tied or changed. The same seed gives identical results.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np
import pandas as pd

from rbdata.analysis.scoring.mcda import (
    _DECIMALS,
    AmbiguousSelectionError,
    _check_k,
    _check_method,
    _check_scale,
    _min_ranks,
    _scorer,
    _scores,
    _values,
    _Weights,
    _weights,
    select_themes,
)


def _reference(matrix: pd.DataFrame, k: int, reference: Sequence[str] | None) -> list[str] | None:
    """The top-k set a simulation is compared with (see rank_acceptability).

    None when no reference is given and the equal-weight top k is tied:
    there is then no selection to compare with.
    """
    labels = [str(t) for t in matrix.index]
    if reference is None:
        doc = matrix.attrs.get("selected")
        if doc is not None and len(doc) == k and all(str(t) in labels for t in doc):
            return [str(t) for t in doc]
        try:
            return select_themes(matrix, k=k)
        except AmbiguousSelectionError:
            return None
    ref = [str(t) for t in reference]
    unknown = [t for t in ref if t not in labels]
    if unknown or len(set(ref)) != k:
        raise ValueError(
            f"reference must name {k} distinct themes of the matrix, got {list(reference)} "
            f"(unknown: {unknown}); themes are {labels}"
        )
    return ref


def _top_k(ranks: np.ndarray, k: int, ref_mask: np.ndarray | None):
    """Per draw: membership of the top k, tie at place k, same as reference."""
    in_top = ranks <= k  # with 'min' ranks at least k themes qualify
    tie = in_top.sum(axis=1) > k
    if ref_mask is None:
        return in_top, tie, None
    same = ~tie & (in_top == ref_mask).all(axis=1)
    return in_top, tie, same


def _share(flags: np.ndarray | None) -> float:
    return float("nan") if flags is None else float(flags.mean())


def rank_acceptability(
    matrix: pd.DataFrame,
    n: int = 100_000,
    seed: int | None = 0,
    k: int = 2,
    reference: Sequence[str] | None = None,
    method: str = "sum",
) -> pd.DataFrame:
    """How each theme ranks when the criterion weights are unknown (SMAA-2).

    Weight vectors are drawn uniformly from the simplex (Dirichlet(1, ..., 1)
    with ``numpy.random.default_rng(seed)``), the themes are ranked by
    ``method`` for each draw, and the share of draws giving each theme each
    rank is its rank-acceptability index (Lahdelma & Salminen 2001). With
    the weighted sum all draws are processed at once with numpy; the pymcdm
    methods score one draw at a time (about 40 microseconds each), so keep
    ``n`` in the thousands for them.

    Ties within a draw: tied themes share the best rank they could claim
    ('min' ranking), and each theme is counted once per draw at that rank. A
    theme's row therefore always sums to 1, while a rank column sums to more
    than 1 (or less) when ties occur. With continuous weights ties are rare
    except between themes with identical scores.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Themes x criteria scores (higher is better).
    n : int, default 100000
        Number of weight draws.
    seed : int or None, default 0
        Seed of the random generator; the same seed gives identical results.
    k : int, default 2
        Size of the selection compared with ``reference``.
    reference : list of str, optional
        The top-k set to compare with. Default: the document's selection
        (``matrix.attrs['selected']``, set by :func:`score_matrix`) when it
        has k themes, else the k best themes under equal weights; when
        those are tied there is no reference and ``same_selection_share``
        is NaN.
    method : {'sum', 'topsis', 'wpm', 'vikor'}, default 'sum'
        How a draw's weights rank the themes, as in :func:`rank_themes`.

    Returns
    -------
    pandas.DataFrame
        Index ``theme`` (matrix order), one column per rank 1 ... n_themes
        (columns named ``rank``); each cell is the share of draws (float64,
        in [0, 1]) in which the theme took that rank. ``attrs``:

        - ``same_selection_share`` (float): share of draws whose k best
          themes are exactly ``reference`` with no tie at place k.
        - ``tie_share`` (float): share of draws with a tie at place k.
        - ``top_k_share`` (dict theme -> float): share of draws in which
          the theme ranks k or better (ties included).
        - ``reference`` (list of str, or None), ``n``, ``seed``, ``k``,
          ``method``.
    """
    x = _values(matrix)
    n_themes, n_crit = x.shape
    k = _check_k(k, n_themes)
    method = _check_method(method)
    if not isinstance(n, numbers.Integral) or n < 1:
        raise ValueError(f"n must be a positive whole number of draws, got {n!r}")
    ref = _reference(matrix, k, reference)
    labels = [str(t) for t in matrix.index]
    ref_mask = None if ref is None else np.isin(labels, ref)

    rng = np.random.default_rng(seed)
    w = rng.dirichlet(np.ones(n_crit), size=int(n))  # (n, criteria)
    if method == "sum":  # every draw at once: x @ w.T is (themes, n)
        ranks = _min_ranks(_scores(x, w.T, "sum")[0].T)
    else:
        score = _scorer(x, method)
        scored = [score(wi) for wi in w]
        ranks = _min_ranks(np.array([sc for sc, _ in scored]), higher_is_better=scored[0][1])
    counts = np.zeros((n_themes, n_themes))
    for r in range(1, n_themes + 1):
        counts[:, r - 1] = (ranks == r).sum(axis=0)
    in_top, tie, same = _top_k(ranks, k, ref_mask)

    out = pd.DataFrame(
        counts / n,
        index=pd.Index(labels, name="theme"),
        columns=pd.Index(range(1, n_themes + 1), name="rank"),
    )
    out.attrs = {
        "same_selection_share": _share(same),
        "tie_share": float(tie.mean()),
        "top_k_share": dict(zip(labels, in_top.mean(axis=0).tolist())),
        "reference": ref,
        "n": int(n),
        "seed": seed,
        "k": k,
        "method": method,
    }
    return out


def score_uncertainty(
    matrix: pd.DataFrame,
    spread: int = 1,
    n: int = 100_000,
    seed: int | None = 0,
    k: int = 2,
    scale: tuple[int, int] = (1, 10),
    weights: _Weights = None,
    reference: Sequence[str] | None = None,
) -> pd.DataFrame:
    """How the selection changes if every judgement is off by a few points.

    Each score is replaced, independently and in every draw, by a whole
    number drawn uniformly from ``[score - spread, score + spread]``
    intersected with the scale (so a 10 on a 1-10 scale becomes 9 or 10 with
    equal chance when ``spread=1``: scores stay whole and on the scale). The
    perturbed matrix is ranked by the weighted sum ('sum' method, equal
    weights by default) and its k best themes are compared with
    ``reference``. All draws are processed at once with numpy.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Themes x criteria whole-number scores inside ``scale``.
    spread : int, default 1
        Largest error, in points, of a single judgement (0 = no error).
    n : int, default 100000
        Number of perturbed matrices.
    seed : int or None, default 0
        Seed of ``numpy.random.default_rng``; the same seed gives identical
        results.
    k : int, default 2
        Number of themes selected.
    scale : (int, int), default (1, 10)
        Lowest and highest admissible score.
    weights : dict, sequence or None
        Criterion weights as in :func:`rank_themes` (default equal).
    reference : list of str, optional
        Selection to compare with; default as in :func:`rank_acceptability`
        (without one, ``same_selection_share`` and ``changed_share`` are NaN
        and ``same_as_reference`` is False throughout).

    Returns
    -------
    pandas.DataFrame
        One row per distinct outcome, most frequent first:

        - ``selection`` (str): the themes ranked k or better, in matrix
          order, joined by ``' + '``. More than k themes means a tie at
          place k.
        - ``n_themes`` (int64): number of themes in ``selection``.
        - ``tie_at_k`` (bool): True if a tie at place k leaves the choice
          to a tie-break (``n_themes > k``).
        - ``same_as_reference`` (bool): True for the unambiguous outcome
          equal to ``reference``.
        - ``count`` (int64): number of draws with this outcome.
        - ``share`` (float64): ``count / n``.

        ``attrs``: ``same_selection_share``, ``tie_share`` (draws where a
        tie at place k decides), ``changed_share`` (draws with a different,
        unambiguous selection), ``top_k_share`` (dict theme -> share of
        draws ranking k or better, ties included), ``reference``, ``n``,
        ``seed``, ``spread``, ``k``, ``scale``.
    """
    x = _values(matrix)
    n_themes, n_crit = x.shape
    k = _check_k(k, n_themes)
    if not isinstance(n, numbers.Integral) or n < 1:
        raise ValueError(f"n must be a positive whole number of draws, got {n!r}")
    if not isinstance(spread, numbers.Integral) or spread < 0:
        raise ValueError(f"spread must be a whole number of points >= 0, got {spread!r}")
    lo, hi = _check_scale(scale)
    bad = ~((x == np.round(x)) & (x >= lo) & (x <= hi))
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise ValueError(
            f"score of theme {matrix.index[i]!r} on {matrix.columns[j]!r} is {x[i, j]:g}; "
            f"every score must be a whole number {lo}-{hi} (the scale)"
        )
    w = _weights(matrix, weights)
    ref = _reference(matrix, k, reference)
    labels = [str(t) for t in matrix.index]
    ref_mask = None if ref is None else np.isin(labels, ref)

    rng = np.random.default_rng(seed)
    xi = x.astype(np.int64)
    low = np.maximum(lo, xi - spread)
    high = np.minimum(hi, xi + spread)
    draws = rng.integers(low, high, size=(int(n), n_themes, n_crit), endpoint=True)
    s = np.round(draws @ w * n_crit, _DECIMALS)  # (n, themes)
    ranks = _min_ranks(s)
    in_top, tie, same = _top_k(ranks, k, ref_mask)

    code = in_top.astype(np.int64) @ (1 << np.arange(n_themes, dtype=np.int64))
    codes, counts = np.unique(code, return_counts=True)
    rows = []
    for c, cnt in zip(codes.tolist(), counts.tolist()):
        members = [labels[i] for i in range(n_themes) if c >> i & 1]
        is_tie = len(members) > k
        rows.append(
            {
                "selection": " + ".join(members),
                "n_themes": len(members),
                "tie_at_k": is_tie,
                "same_as_reference": ref is not None and not is_tie and set(members) == set(ref),
                "count": cnt,
                "share": cnt / n,
            }
        )
    out = (
        pd.DataFrame(rows)
        .astype({"n_themes": "int64", "count": "int64", "tie_at_k": bool, "same_as_reference": bool})
        .sort_values(["count", "selection"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )
    out.attrs = {
        "same_selection_share": _share(same),
        "tie_share": float(tie.mean()),
        "changed_share": _share(None if same is None else ~tie & ~same),
        "top_k_share": dict(zip(labels, in_top.mean(axis=0).tolist())),
        "reference": ref,
        "n": int(n),
        "seed": seed,
        "spread": int(spread),
        "k": k,
        "scale": (lo, hi),
    }
    return out


def weight_sensitivity(
    matrix: pd.DataFrame, criterion: str, steps: int = 21, method: str = "sum"
) -> pd.DataFrame:
    """Scores and ranks as one criterion's weight moves from 0 to 1.

    The chosen criterion gets weight ``t`` (``steps`` evenly spaced values
    from 0 to 1) and the other criteria share ``1 - t`` equally. At
    ``t = 1 / n_criteria`` the weights are equal (with the default
    ``steps=21`` and five criteria, t = 0.2 is one of the steps).

    Parameters
    ----------
    matrix : pandas.DataFrame
        Themes x criteria scores (at least two criteria).
    criterion : str
        Column of ``matrix`` whose weight varies.
    steps : int, default 21
        Number of weight values (at least 2).
    method : str, default 'sum'
        Ranking method, as in :func:`rank_themes`.

    Returns
    -------
    pandas.DataFrame
        Long format, one row per weight value x theme (weights ascending,
        themes in matrix order):

        - ``weight`` (float64): weight of ``criterion`` (0-1).
        - ``theme`` (str): theme label.
        - ``score`` (float64): the method's score (points for 'sum').
        - ``rank`` (int64): rank, ties sharing the best rank.
        - ``tied`` (bool): True if another theme has the same score.
    """
    x = _values(matrix)
    criteria = list(matrix.columns)
    if criterion not in criteria:
        raise ValueError(f"unknown criterion {criterion!r}; choose one of {criteria}")
    if len(criteria) < 2:
        raise ValueError("weight_sensitivity needs at least two criteria")
    if not isinstance(steps, numbers.Integral) or steps < 2:
        raise ValueError(f"steps must be a whole number >= 2, got {steps!r}")
    _check_method(method)
    labels = [str(t) for t in matrix.index]
    # the columns of rank_themes at each weight, in matrix order, computed
    # with numpy and put in one frame at the end
    weight, score, rank, tied = [], [], [], []
    scorer = _scorer(x, method)
    for t in np.linspace(0.0, 1.0, int(steps)):
        rest = (1.0 - t) / (len(criteria) - 1)
        w = _weights(matrix, {c: (t if c == criterion else rest) for c in criteria})
        s, higher = scorer(w)
        weight += [round(float(t), 12)] * len(labels)
        score.append(s)
        rank.append(_min_ranks(s, higher).astype("int64"))
        tied.append((s[:, None] == s[None, :]).sum(axis=1) > 1)
    return pd.DataFrame(
        {
            "weight": np.array(weight, dtype=float),
            "theme": labels * len(score),
            "score": np.concatenate(score),
            "rank": np.concatenate(rank),
            "tied": np.concatenate(tied),
        }
    )
