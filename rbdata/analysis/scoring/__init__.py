"""How RB Tematik themes are chosen, and how firmly (Batang Tabel 4.1).

A region chooses its RB Tematik themes by scoring candidate themes on five
criteria and taking the highest totals. Batang printed its scores in
Tabel 4.1 (``data/raw/batang-2023.txt``, lines 502-509) and chose the two best
themes (line 511). This module

* rebuilds the theme x criterion score matrix from
  :func:`rbdata.load_theme_scores` and checks the printed totals
  (:func:`score_matrix`, :func:`check_totals`);
* ranks and selects themes with the document's own method (sum of scores)
  under any non-negative weights, or with TOPSIS, the weighted product model
  or VIKOR (:func:`rank_themes`, :func:`select_themes`);
* measures how firm a selection is: Pareto dominance (:func:`dominance`),
  stochastic multicriteria acceptability analysis over all weights
  (:func:`rank_acceptability`), one-point judgement errors
  (:func:`score_uncertainty`) and one weight at a time
  (:func:`weight_sensitivity`);
* writes an Excel scoring template a regional RB team can fill in, and reads
  it back with cell-precise error messages (:func:`write_template`,
  :func:`read_scores`).

Every function taking ``matrix`` accepts any themes x criteria DataFrame of
numbers (index = theme, columns = criteria, higher = better), not only
Batang's. Ties are never broken silently: tied themes share the best rank
they could claim ('min' ranking) and are flagged.

This module is not imported by ``import rbdata``; it imports pymcdm (which
imports matplotlib) and openpyxl only inside the functions that need them.
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "METHODS",
    "AmbiguousSelectionError",
    "AmbiguousSelectionWarning",
    "score_matrix",
    "check_totals",
    "rank_themes",
    "select_themes",
    "dominance",
    "rank_acceptability",
    "score_uncertainty",
    "weight_sensitivity",
    "write_template",
    "read_scores",
]

DEFAULT_DOC = "batang-2023"

#: Ranking methods accepted by :func:`rank_themes` and :func:`select_themes`.
METHODS = ("sum", "topsis", "wpm", "vikor")

# Scores are rounded to this many decimals before ranking, so that float noise
# (0.2 * 9 + ... != 9 * 0.2 + ...) neither creates nor hides a tie.
_DECIMALS = 10

SCORE_SHEET = "Skor"
GUIDE_SHEET = "Petunjuk"
META_SHEET = "Meta"
_TEMPLATE_FORMAT = "rbdata theme-scoring template"


class AmbiguousSelectionError(ValueError):
    """A tie at the k-th place leaves the top-k choice undecided."""


class AmbiguousSelectionWarning(UserWarning):
    """More than k themes were returned because of a tie at the k-th place."""


# --------------------------------------------------------------------------
# The document's matrix and its arithmetic
# --------------------------------------------------------------------------


def _theme_scores(doc_id: str) -> pd.DataFrame:
    from rbdata.loaders import load_theme_scores

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


def _weights(matrix: pd.DataFrame, weights) -> np.ndarray:
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
    if not isinstance(k, numbers.Integral) or isinstance(k, bool) or not 1 <= k <= n_themes:
        raise ValueError(f"k must be a whole number from 1 to the number of themes ({n_themes}), got {k!r}")
    return int(k)


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


def rank_themes(matrix: pd.DataFrame, weights=None, method: str = "sum") -> pd.DataFrame:
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
    matrix: pd.DataFrame, k: int = 2, weights=None, method: str = "sum", ties: str = "raise"
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


# --------------------------------------------------------------------------
# Robustness
# --------------------------------------------------------------------------


def _reference(matrix: pd.DataFrame, k: int, reference) -> list[str] | None:
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
    matrix: pd.DataFrame, n: int = 100_000, seed=0, k: int = 2, reference=None, method: str = "sum"
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
    seed=0,
    k: int = 2,
    scale=(1, 10),
    weights=None,
    reference=None,
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


def weight_sensitivity(matrix: pd.DataFrame, criterion, steps: int = 21, method: str = "sum") -> pd.DataFrame:
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


# --------------------------------------------------------------------------
# Excel template
# --------------------------------------------------------------------------


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


def _labels(values, what: str) -> list[str]:
    if isinstance(values, str) or not isinstance(values, (Sequence, pd.Index, np.ndarray, Mapping)):
        raise ValueError(f"{what} must be a list of names, got {values!r}")
    out = [str(v).strip() if v is not None else "" for v in values]
    if not out:
        raise ValueError(f"give at least one {what[:-1] if what.endswith('s') else what}")
    empty = [i for i, v in enumerate(out) if not v]
    if empty:
        raise ValueError(f"{what} must be non-empty names; positions {empty} are empty")
    dup = sorted({v for v in out if out.count(v) > 1})
    if dup:
        raise ValueError(f"{what} must be unique; repeated: {dup}")
    return out


def _default_criteria() -> dict[str, str]:
    """The document's criteria (as printed) with their English labels."""
    scores = _theme_scores(DEFAULT_DOC).sort_values(["theme_no", "source_line"], kind="stable")
    pairs = scores.drop_duplicates("criterion")[["criterion", "criterion_en"]]
    return {str(c): ("" if pd.isna(e) else str(e)) for c, e in zip(pairs["criterion"], pairs["criterion_en"])}


def _instructions(lo: int, hi: int, criteria: dict[str, str]) -> list[tuple[str, str]]:
    rows = [
        ("Petunjuk pengisian", "Instructions"),
        (
            "Lembar ini dipakai untuk menilai calon tema RB Tematik, seperti Tabel 4.1 Road Map RB "
            "Kabupaten Batang (Perbup Batang 53/2023).",
            "This workbook scores candidate RB Tematik (thematic bureaucratic-reform) themes, as in "
            "Tabel 4.1 of Batang's road map (Perbup Batang 53/2023).",
        ),
        (
            f"Isi setiap sel skor di lembar '{SCORE_SHEET}' dengan bilangan bulat {lo} sampai {hi}. "
            "Skor lebih tinggi berarti tema lebih layak dipilih.",
            f"Fill every score cell of sheet '{SCORE_SHEET}' with a whole number from {lo} to {hi}. "
            "A higher score means the theme is a stronger candidate.",
        ),
        (
            "Satu baris per tema, satu kolom per kriteria. Jangan mengubah nama tema dan kriteria "
            "(baris dan kolom judul dikunci); jangan mengetik rumus, teks, atau angka desimal.",
            "One row per theme, one column per criterion. Do not change theme or criterion names "
            "(header row and theme column are locked); do not type formulas, text or decimals.",
        ),
        (
            "Lembar dilindungi tanpa kata sandi (Review > Unprotect Sheet) hanya agar judul tidak "
            "terubah tanpa sengaja.",
            "The sheet is protected without a password (Review > Unprotect Sheet) only to prevent "
            "accidental edits of the headers.",
        ),
        (
            "Tema dengan nilai total tertinggi dipilih. Baca kembali dengan "
            "rbdata.scoring.read_scores(path) lalu rbdata.scoring.rank_themes(matrix).",
            "The themes with the highest totals are chosen. Read the workbook back with "
            "rbdata.scoring.read_scores(path), then rank with rbdata.scoring.rank_themes(matrix).",
        ),
        ("Kriteria", "Criteria"),
    ]
    rows += [(c, e) for c, e in criteria.items()]
    return rows


def write_template(path, themes, criteria=None, scale=(1, 10)) -> Path:
    """Write an Excel workbook in which a regional team scores candidate themes.

    The workbook has three sheets: ``Petunjuk`` (instructions in Indonesian
    and English, and the list of criteria with English labels), ``Skor``
    (themes as rows, criteria as columns, empty score cells to fill in) and a
    hidden ``Meta`` sheet recording the criteria and scale for
    :func:`read_scores`. Score cells carry Excel data validation (whole
    numbers within ``scale`` only); the header row and the theme column are
    locked and the sheet is protected without a password. Every text is
    written as text, never as a formula.

    Parameters
    ----------
    path : str or pathlib.Path
        Where to write the ``.xlsx`` file (overwritten if it exists).
    themes : list of str
        Candidate themes, one row each (unique, non-empty).
    criteria : list of str or dict, optional
        Criteria, one column each; a dict maps each criterion to an English
        label shown in the instructions. Default: the five criteria of
        Batang's Tabel 4.1 as printed, with their English labels.
    scale : (int, int), default (1, 10)
        Lowest and highest admissible score.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from rbdata.export.forms import write_cell, write_sheet

    path = Path(path)
    lo, hi = _check_scale(scale)
    theme_list = _labels(themes, "themes")
    if criteria is None:
        crit = _default_criteria()
    elif isinstance(criteria, Mapping):
        names = _labels(list(criteria.keys()), "criteria")
        crit = {n: ("" if criteria[k] is None else str(criteria[k])) for n, k in zip(names, criteria.keys())}
    else:
        crit = {c: "" for c in _labels(criteria, "criteria")}
    crit_list = list(crit)

    wb = Workbook()
    guide = wb.active
    guide.title = GUIDE_SHEET
    for r, (idn, eng) in enumerate(_instructions(lo, hi, crit), start=1):
        write_cell(guide, r, 1, idn)
        write_cell(guide, r, 2, eng)
        for c in (1, 2):
            guide.cell(r, c).alignment = Alignment(wrap_text=True, vertical="top")
    for r in (1, 7):
        for c in (1, 2):
            guide.cell(r, c).font = Font(bold=True)
    guide.column_dimensions["A"].width = 70
    guide.column_dimensions["B"].width = 70

    ws = wb.create_sheet(SCORE_SHEET)
    table = pd.DataFrame({"Tema": theme_list, **{c: [None] * len(theme_list) for c in crit_list}})
    last_row = write_sheet(ws, table, start_row=1)
    last_col = len(crit_list) + 1
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for c in range(1, last_col + 1):
        cell = ws.cell(1, c)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(c)].width = 40 if c == 1 else 18
    for c, name in enumerate(crit_list, start=2):
        if crit[name]:
            ws.cell(1, c).comment = Comment(crit[name], "rbdata")
    unlocked = Protection(locked=False)
    for r in range(2, last_row + 1):
        for c in range(2, last_col + 1):
            ws.cell(r, c).protection = unlocked
    first, last = "B2", f"{get_column_letter(last_col)}{last_row}"
    dv = DataValidation(
        type="whole",
        operator="between",
        formula1=str(lo),
        formula2=str(hi),
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle="Skor tidak sah / invalid score",
        error=f"Bilangan bulat {lo}-{hi} / whole number {lo}-{hi}",
        promptTitle="Skor / score",
        prompt=f"Bilangan bulat {lo}-{hi} / whole number {lo}-{hi}",
    )
    dv.add(f"{first}:{last}")
    ws.add_data_validation(dv)
    ws.freeze_panes = "B2"
    ws.protection.sheet = True  # no password: guards against slips, not people

    meta = wb.create_sheet(META_SHEET)
    records = [("format", _TEMPLATE_FORMAT), ("scale_min", lo), ("scale_max", hi)]
    records += [("criterion", c) for c in crit_list]
    write_sheet(meta, pd.DataFrame(records, columns=["key", "value"]), start_row=1)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True

    wb.active = wb.sheetnames.index(SCORE_SHEET)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _read_meta(wb, where: str):
    """Scale and criteria recorded by write_template (None where absent)."""
    if META_SHEET not in wb.sheetnames:
        return None, None
    ws = wb[META_SHEET]
    lo = hi = None
    crit = []
    for key, value in ws.iter_rows(min_row=2, max_col=2, values_only=True):
        if key == "scale_min":
            lo = value
        elif key == "scale_max":
            hi = value
        elif key == "criterion" and value is not None:
            crit.append(str(value))
    scale = None
    if lo is not None or hi is not None:
        try:
            scale = _check_scale((lo, hi))
        except ValueError:
            raise ValueError(
                f"{where}: sheet {META_SHEET!r} has an invalid scale ({lo!r}, {hi!r}); "
                "write a fresh template with write_template"
            ) from None
    return scale, (crit or None)


def _whole(cell, lo: int, hi: int):
    """The whole-number score in ``cell``, or a description of what is wrong."""
    v = cell.value
    if cell.data_type == "f":
        return None, f"a formula {v!r}; type the number itself"
    if v is None or (isinstance(v, str) and not v.strip()):
        return None, "an empty cell"
    if isinstance(v, bool):
        return None, repr(v)
    if isinstance(v, str):
        s = v.strip()
        if s.isdigit():
            v = int(s)  # a number stored as text is unambiguous
        else:
            return None, repr(v)
    if not isinstance(v, numbers.Real):
        return None, repr(v)
    if v != int(v):
        return None, f"{v:g}"
    if not lo <= v <= hi:
        return None, f"{int(v)}"
    return int(v), None


def read_scores(path) -> pd.DataFrame:
    """Read a filled-in scoring workbook written by :func:`write_template`.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.xlsx`` file.

    Returns
    -------
    pandas.DataFrame
        Themes x criteria score matrix: index ``theme`` (sheet order),
        columns named ``criterion`` (sheet order), int64 scores (points).
        ``attrs['scale']`` is the (lowest, highest) score allowed. Ready for
        :func:`rank_themes` and the other functions of this module.

    Raises
    ------
    ValueError
        Naming the sheet and cell, when the ``Skor`` sheet is missing, a
        criterion header is unknown, empty, repeated or missing, a theme name
        is empty or repeated, or a score cell is empty, text, a formula, a
        decimal or outside the scale, e.g. ``"scores.xlsx: sheet 'Skor',
        cell C4: expected a whole number 1-10, found 'tinggi'"``.
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    path = Path(path)
    where = path.name
    wb = load_workbook(path)  # data_only=False: formulas stay visible as formulas
    try:
        if SCORE_SHEET not in wb.sheetnames:
            raise ValueError(
                f"{where}: no sheet {SCORE_SHEET!r} (sheets: {wb.sheetnames}); "
                "fill in a workbook written by rbdata.scoring.write_template"
            )
        scale, expected = _read_meta(wb, where)
        lo, hi = scale or (1, 10)
        if expected is None:
            expected = list(_default_criteria())
        ws = wb[SCORE_SHEET]
        sheet = f"{where}: sheet {SCORE_SHEET!r}"

        # Header: criteria from column B to the last non-empty header cell.
        header = [ws.cell(1, c) for c in range(2, ws.max_column + 1)]
        while header and header[-1].value is None:
            header.pop()
        criteria, seen = [], {}
        for cell in header:
            name = "" if cell.value is None else str(cell.value).strip()
            if not name:
                raise ValueError(
                    f"{sheet}, cell {cell.coordinate}: empty criterion header; expected one of {expected}"
                )
            if name not in expected:
                raise ValueError(
                    f"{sheet}, cell {cell.coordinate}: unknown criterion {name!r}; expected one of {expected}"
                )
            if name in seen:
                raise ValueError(
                    f"{sheet}, cell {cell.coordinate}: criterion {name!r} repeated "
                    f"(already in cell {seen[name]})"
                )
            seen[name] = cell.coordinate
            criteria.append(name)
        missing = [c for c in expected if c not in seen]
        if missing:
            span = f"B1:{get_column_letter(max(len(header), 1) + 1)}1"
            raise ValueError(
                f"{sheet}, cells {span}: criterion header(s) {missing} missing; "
                "restore the column(s) from a fresh template"
            )

        themes, theme_cell, rows = [], {}, []
        ncol = len(criteria)
        for r in range(2, ws.max_row + 1):
            t_cell = ws.cell(r, 1)
            cells = [ws.cell(r, c) for c in range(2, ncol + 2)]
            if t_cell.value is None and all(c.value is None for c in cells):
                continue  # blank row
            name = "" if t_cell.value is None else str(t_cell.value).strip()
            if not name:
                raise ValueError(
                    f"{sheet}, cell {t_cell.coordinate}: theme name missing for a row with scores"
                )
            if name in theme_cell:
                raise ValueError(
                    f"{sheet}, cell {t_cell.coordinate}: duplicate theme {name!r} "
                    f"(already in cell {theme_cell[name]})"
                )
            theme_cell[name] = t_cell.coordinate
            values = []
            for cell in cells:
                v, found = _whole(cell, lo, hi)
                if found is not None:
                    raise ValueError(
                        f"{sheet}, cell {cell.coordinate}: expected a whole number {lo}-{hi}, found {found}"
                    )
                values.append(v)
            themes.append(name)
            rows.append(values)
        if not themes:
            raise ValueError(f"{sheet}: no theme rows below the header; add one row per theme")
    finally:
        wb.close()
    out = pd.DataFrame(
        rows,
        index=pd.Index(themes, name="theme"),
        columns=pd.Index(criteria, name="criterion"),
        dtype="int64",
    )
    out.attrs = {"scale": (lo, hi)}
    return out
