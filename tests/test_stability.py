"""rbdata.scoring.stability_intervals(): exact bounds against a brute-force grid."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rbdata import scoring
from rbdata.analysis.scoring import stability_intervals


def _top(x: np.ndarray, w: np.ndarray, k: int):
    s = x @ w
    order = np.argsort(-s, kind="stable")
    if k < len(s) and abs(s[order[k - 1]] - s[order[k]]) < 1e-9:
        return None  # a tie at place k
    return frozenset(order[:k].tolist())


def _weights_at(w: np.ndarray, j: int, t: float) -> np.ndarray:
    out = w * (1 - t) / (1 - w[j])
    out[j] = t
    return out


def _brute_force_interval(x, w, j, k, step=1e-4):
    """The largest grid interval around w[j] where the top k stays the same."""
    base = _top(x, w, k)
    lo = hi = w[j]
    t = w[j]
    while t - step >= 0 and _top(x, _weights_at(w, j, t - step), k) == base:
        t -= step
    lo = t
    t = w[j]
    while t + step <= 1 and _top(x, _weights_at(w, j, t + step), k) == base:
        t += step
    hi = t
    return lo, hi


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("k", [1, 2])
def test_bounds_match_a_brute_force_grid(seed, k):
    rng = np.random.default_rng(seed)
    x = rng.integers(1, 11, size=(5, 4)).astype(float)
    m = pd.DataFrame(x, index=list("ABCDE"), columns=list("pqrs"))
    w = rng.dirichlet(np.ones(4))
    if _top(x, w, k) is None:
        pytest.skip("a tie at the base weights")
    s = stability_intervals(m, k=k, weights=list(w))
    for j in range(4):
        lo, hi = _brute_force_interval(x, w, j, k)
        # the grid stops within one step inside the exact bound
        assert s.loc[j, "lower"] <= lo + 1e-9 and lo - s.loc[j, "lower"] < 1.5e-4
        assert s.loc[j, "upper"] >= hi - 1e-9 and s.loc[j, "upper"] - hi < 1.5e-4


def test_the_themes_that_swap_at_a_bound():
    m = pd.DataFrame({"a": [3, 1, 2], "b": [1, 3, 1]}, index=["X", "Y", "Z"])
    s = stability_intervals(m, k=1, weights={"a": 0.7, "b": 0.3}).set_index("criterion")
    # with t the weight of a: X = 3t + (1 - t) = 1 + 2t, Y = t + 3(1 - t) = 3 - 2t, Z = 1 + t.
    # X leads for t > 0.5, where it ties with Y; Z never leads
    assert s.loc["a", "lower"] == pytest.approx(0.5)
    assert (s.loc["a", "leaves_below"], s.loc["a", "enters_below"]) == ("X", "Y")
    assert s.loc["a", "upper"] == 1.0 and s.loc["a", "leaves_above"] is None
    # weight of b = 1 - weight of a: the same crossing seen from b
    assert s.loc["b", "upper"] == pytest.approx(0.5)


def test_batang_selection_holds_for_any_single_weight():
    """Kemiskinan and Investasi dominate the other three themes in Tabel 4.1
    (batang-2023 lines 505-509), so no weight of one criterion changes the
    weighted-sum choice of the two."""
    m = scoring.score_matrix()
    s = stability_intervals(m, k=2)
    assert s.attrs["chosen"] == ["Kemiskinan", "Investasi"]
    assert (s["lower"] == 0).all() and (s["upper"] == 1).all()


def test_a_tie_at_the_base_weights_is_refused():
    m = pd.DataFrame({"a": [1, 1], "b": [2, 2]}, index=["X", "Y"])
    with pytest.raises(ValueError, match="tie at place 1"):
        stability_intervals(m, k=1)
