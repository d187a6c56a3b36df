"""Tests of rbdata.scoring: Batang's theme selection (Tabel 4.1) and its robustness."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rbdata import scoring as sc
from rbdata.analysis.scoring.mcda import _min_ranks

RAW = Path(__file__).resolve().parents[1] / "data" / "raw" / "batang-2023.txt"


# --------------------------------------------------------------------------
# An independent, explicit reader of Tabel 4.1, to cross-check the loader
# --------------------------------------------------------------------------


def _raw_lines() -> list[str]:
    text = RAW.read_text(encoding="utf-8").replace("\r\n", "\n")
    return text.split("\n")


def read_table_4_1() -> tuple[pd.DataFrame, list[int], list[str]]:
    """Tabel 4.1 as printed: header on line 504, theme rows on lines 505-509.

    Returns the score matrix, the printed totals and the themes named as
    chosen on line 511.
    """
    lines = _raw_lines()
    assert lines[501].startswith("Tabel 4.1"), lines[501]
    header = lines[503].split("\t")
    assert header[0] == "No" and header[-1] == "Nilai Total", header
    criteria = header[4:9]
    rows = [lines[i].split("\t") for i in range(504, 509)]
    themes = [r[1] for r in rows]
    m = pd.DataFrame(
        [[int(v) for v in r[4:9]] for r in rows],
        index=pd.Index(themes, name="theme"),
        columns=pd.Index(criteria, name="criterion"),
    )
    totals = [int(r[9]) for r in rows]
    choice = lines[510].split("adalah:", 1)[1]
    chosen = [t for t in themes if t in choice]
    m.attrs["selected"] = chosen
    return m, totals, chosen


@pytest.fixture(scope="module")
def raw_table():
    return read_table_4_1()


@pytest.fixture(scope="module")
def doc():
    """The document's matrix, as the library builds it from load_theme_scores()."""
    return sc.score_matrix("batang-2023")


KEM, INV, DIG, PDN, INF = (
    "Kemiskinan",
    "Investasi",
    "Digitalisasi Pemerintahan",
    "Peningkatan Penggunaan Produk Dalam Negeri (PDN)",
    "Inflasi",
)


# --------------------------------------------------------------------------
# The document's matrix and arithmetic
# --------------------------------------------------------------------------


def test_score_matrix_matches_raw_text(doc, raw_table):
    m, _, chosen = raw_table
    pd.testing.assert_frame_equal(doc, m, check_names=True)
    assert doc.dtypes.eq("int64").all()
    assert doc.attrs["selected"] == chosen == [KEM, INV]
    assert doc.attrs["table_id"] == "Tabel 4.1"
    assert doc.attrs["source_lines"] == {KEM: 505, INV: 506, DIG: 507, PDN: 508, INF: 509}


def test_score_matrix_english_labels(doc):
    en = sc.score_matrix("batang-2023", english=True)
    assert en.shape == doc.shape
    assert (en.to_numpy() == doc.to_numpy()).all()
    assert list(en.index) != list(doc.index)
    assert en.attrs["selected"] == [en.index[0], en.index[1]]


def test_score_matrix_rejects_document_without_table():
    with pytest.raises(ValueError, match="batang-2023"):
        sc.score_matrix("blora-2020")


def test_printed_totals_reproduced(doc, raw_table):
    _, totals, _ = raw_table
    assert totals == [44, 41, 33, 32, 39]
    ranked = sc.rank_themes(doc).set_index("theme").loc[list(doc.index)]
    assert ranked["score"].tolist() == totals
    assert ranked["rank"].tolist() == [1, 2, 4, 5, 3]
    assert not ranked["tied"].any()


def test_check_totals(doc):
    t = sc.check_totals("batang-2023")
    assert list(t.columns) == ["theme", "printed_total", "computed_total", "matches", "source_line"]
    assert t["theme"].tolist() == list(doc.index)
    assert t["printed_total"].tolist() == [44, 41, 33, 32, 39]
    assert t["computed_total"].tolist() == [44, 41, 33, 32, 39]
    assert t["matches"].all()
    assert t["source_line"].tolist() == [505, 506, 507, 508, 509]


def test_selection_reproduced(doc):
    assert sc.select_themes(doc, k=2) == [KEM, INV]
    assert sc.select_themes(doc, k=3) == [KEM, INV, INF]


# --------------------------------------------------------------------------
# Ranking, weights, ties
# --------------------------------------------------------------------------


def test_weight_normalisation(doc):
    base = sc.rank_themes(doc)
    for w in ([2] * 5, np.full(5, 0.2), {c: 7 for c in doc.columns}, pd.Series(3.0, index=doc.columns)):
        r = sc.rank_themes(doc, weights=w)
        pd.testing.assert_frame_equal(r, base)
        assert sum(r.attrs["weights"].values()) == pytest.approx(1.0)
    # scaling all weights by a constant changes nothing
    w1 = [1, 2, 3, 4, 5]
    scaled = sc.rank_themes(doc, weights=[10 * v for v in w1])
    pd.testing.assert_frame_equal(sc.rank_themes(doc, weights=w1), scaled)
    # weight only on the first criterion: score = 5 x that criterion's score
    first = sc.rank_themes(doc, weights=[1, 0, 0, 0, 0]).set_index("theme")["score"]
    assert first.loc[list(doc.index)].tolist() == (5 * doc.iloc[:, 0]).tolist()


@pytest.mark.parametrize(
    "weights, message",
    [
        ([0, 0, 0, 0, 0], "non-negative"),
        ([1, -1, 1, 1, 1], "non-negative"),
        ([1, float("nan"), 1, 1, 1], "non-negative"),
        ([1, 1, 1], "3 weights for 5 criteria"),
        ({"no such criterion": 1}, "unknown"),
        (["a", 1, 1, 1, 1], "non-negative"),
    ],
)
def test_bad_weights_raise(doc, weights, message):
    with pytest.raises(ValueError, match=message):
        sc.rank_themes(doc, weights=weights)


def test_unknown_method_raises(doc):
    with pytest.raises(ValueError, match="topsis"):
        sc.rank_themes(doc, method="ahp")


def test_ties_share_min_rank_and_are_flagged():
    m = pd.DataFrame({"a": [5, 4, 4, 1], "b": [5, 4, 4, 1]}, index=list("WXYZ"))
    r = sc.rank_themes(m)
    assert r["theme"].tolist() == list("WXYZ")
    assert r["rank"].tolist() == [1, 2, 2, 4]
    assert r["tied"].tolist() == [False, True, True, False]


@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("higher_is_better", [True, False])
def test_min_ranks_match_pandas_min_rank(order, higher_is_better):
    # the rank helper behind every simulation, against pandas' own 'min'
    # ranking: many ties (scores 1-4), both memory layouts, both directions,
    # and a stack of draws (3-d) ranked along the last axis
    s = np.random.default_rng(7).integers(1, 5, size=(200, 6)).astype(float)
    s = np.asarray(s, order=order)
    expected = pd.DataFrame(s).rank(axis=1, method="min", ascending=not higher_is_better).to_numpy()
    got = _min_ranks(s, higher_is_better)
    assert got.dtype == np.int64
    np.testing.assert_array_equal(got, expected)
    np.testing.assert_array_equal(
        _min_ranks(s.reshape(20, 10, 6), higher_is_better), expected.reshape(20, 10, 6)
    )
    np.testing.assert_array_equal(_min_ranks(s[0], higher_is_better), expected[0])


def test_select_themes_tie_at_k():
    m = pd.DataFrame({"a": [5, 4, 4, 1], "b": [5, 4, 4, 1]}, index=list("WXYZ"))
    with pytest.raises(sc.AmbiguousSelectionError, match=r"tie at place 2: 'X' \(score 8\), 'Y' \(score 8\)"):
        sc.select_themes(m, k=2)
    with pytest.warns(sc.AmbiguousSelectionWarning, match="tie at place 2"):
        assert sc.select_themes(m, k=2, ties="all") == ["W", "X", "Y"]
    # a tie inside the selection is harmless
    assert sc.select_themes(m, k=3) == ["W", "X", "Y"]
    with pytest.raises(ValueError, match="k must be"):
        sc.select_themes(m, k=5)


def test_topsis_hand_computed():
    # A = (3, 4), B = (4, 3). Vector normalisation: both columns have norm 5,
    # so A -> (0.6, 0.8), B -> (0.8, 0.6). Weights 3:1 -> (0.75, 0.25):
    # A -> (0.45, 0.20), B -> (0.60, 0.15); ideal (0.60, 0.20), anti-ideal
    # (0.45, 0.15). A: D+ = 0.15, D- = 0.05 -> 0.05 / 0.20 = 0.25.
    # B: D+ = 0.05, D- = 0.15 -> 0.15 / 0.20 = 0.75.
    m = pd.DataFrame({"c1": [3, 4], "c2": [4, 3]}, index=["A", "B"])
    r = sc.rank_themes(m, weights=[3, 1], method="topsis")
    assert r["theme"].tolist() == ["B", "A"]
    assert r["score"].tolist() == pytest.approx([0.75, 0.25])
    assert r["rank"].tolist() == [1, 2]
    # equal weights: both are 0.1 * sqrt(2) from ideal and anti-ideal -> 0.5, a tie
    e = sc.rank_themes(m, method="topsis")
    assert e["score"].tolist() == pytest.approx([0.5, 0.5])
    assert e["rank"].tolist() == [1, 1] and e["tied"].all()


def test_wpm_and_vikor_hand_computed():
    m = pd.DataFrame({"c1": [3, 4], "c2": [4, 3]}, index=["A", "B"])
    # WPM, sum normalisation: A -> (3/7, 4/7), B -> (4/7, 3/7);
    # weights (0.75, 0.25): A = (3/7)^0.75 (4/7)^0.25, B = (4/7)^0.75 (3/7)^0.25
    w = sc.rank_themes(m, weights=[3, 1], method="wpm").set_index("theme")["score"]
    assert w["A"] == pytest.approx((3 / 7) ** 0.75 * (4 / 7) ** 0.25)
    assert w["B"] == pytest.approx((4 / 7) ** 0.75 * (3 / 7) ** 0.25)
    # VIKOR (v = 0.5): best f* = (4, 4), worst f- = (3, 3).
    # A: terms (0.75 * 1, 0.25 * 0) -> S = 0.75, R = 0.75; B: S = R = 0.25.
    # Q(A) = 0.5 * 1 + 0.5 * 1 = 1, Q(B) = 0; lower is better.
    v = sc.rank_themes(m, weights=[3, 1], method="vikor")
    assert v["theme"].tolist() == ["B", "A"]
    assert v["score"].tolist() == pytest.approx([0.0, 1.0])
    assert v.attrs["higher_is_better"] is False


def test_methods_agree_on_document(doc):
    for method in sc.METHODS:
        assert sc.select_themes(doc, k=2, method=method) == [KEM, INV], method
    # Kemiskinan has the highest score on every criterion, so it is the ideal
    # point itself: TOPSIS closeness exactly 1.
    top = sc.rank_themes(doc, method="topsis").iloc[0]
    assert top["theme"] == KEM and top["score"] == 1.0


# --------------------------------------------------------------------------
# Dominance
# --------------------------------------------------------------------------


def test_dominance_pairs(doc):
    # Printed scores (RPD, Keparahan, Dampak, Potensi, Percepatan):
    #   Kemiskinan 10 8 9 9 8 | Investasi 9 7 9 8 8 | Digitalisasi 9 7 5 5 7
    #   PDN 9 6 5 6 6 | Inflasi 7 7 9 8 8
    # Kemiskinan - Investasi   = ( 1, 1, 0, 1, 0) >= 0, some > 0: dominates
    # Kemiskinan - Digitalisasi = ( 1, 1, 4, 4, 1): dominates
    # Kemiskinan - PDN          = ( 1, 2, 4, 3, 2): dominates
    # Kemiskinan - Inflasi      = ( 3, 1, 0, 1, 0): dominates
    # Investasi - Digitalisasi  = ( 0, 0, 4, 3, 1): dominates
    # Investasi - PDN           = ( 0, 1, 4, 2, 2): dominates
    # Investasi - Inflasi       = ( 2, 0, 0, 0, 0): dominates
    # Digitalisasi - PDN        = ( 0, 1, 0,-1, 1): mixed signs, no dominance
    # Digitalisasi - Inflasi    = ( 2, 0,-4,-3,-1): mixed
    # PDN - Inflasi             = ( 2,-1,-4,-2,-2): mixed
    expected = [
        (KEM, INV),
        (KEM, DIG),
        (KEM, PDN),
        (KEM, INF),
        (INV, DIG),
        (INV, PDN),
        (INV, INF),
    ]
    d = sc.dominance(doc)
    assert list(d.columns) == ["dominant", "dominated"]
    assert list(d.itertuples(index=False, name=None)) == expected


def test_dominance_ignores_equal_rows():
    m = pd.DataFrame({"a": [1, 1, 2], "b": [2, 2, 1]}, index=["P", "Q", "R"])
    assert sc.dominance(m).empty


# --------------------------------------------------------------------------
# SMAA rank acceptability
# --------------------------------------------------------------------------


def test_rank_acceptability_forced_by_dominance(doc):
    ra = sc.rank_acceptability(doc, n=20_000, seed=1, k=2)
    n_themes = len(doc)
    assert list(ra.index) == list(doc.index)
    assert list(ra.columns) == list(range(1, n_themes + 1))
    assert ((ra >= 0) & (ra <= 1)).all().all()
    assert np.allclose(ra.sum(axis=1), 1.0)
    d = sc.dominance(doc)
    for theme in doc.index:
        above = (d["dominated"] == theme).sum()  # themes that always beat it
        below = (d["dominant"] == theme).sum()  # themes it always beats
        # it can never rank better than above + 1 nor worse than n - below
        assert (ra.loc[theme, 1:above] == 0).all(), theme
        assert (ra.loc[theme, n_themes - below + 1 :] == 0).all(), theme
        if above + below == n_themes - 1:
            assert ra.loc[theme, above + 1] == 1.0, theme
    # a theme dominated by >= k others can never be selected
    assert (ra.loc[[DIG, PDN, INF], [1, 2]] == 0).all().all()
    assert ra.loc[KEM, 1] == 1.0 and ra.loc[INV, 2] == 1.0
    assert ra.attrs["same_selection_share"] == 1.0
    assert ra.attrs["tie_share"] == 0.0
    assert ra.attrs["reference"] == [KEM, INV]


def test_rank_acceptability_seeds(doc):
    a = sc.rank_acceptability(doc, n=5_000, seed=7)
    b = sc.rank_acceptability(doc, n=5_000, seed=7)
    c = sc.rank_acceptability(doc, n=5_000, seed=8)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs == b.attrs
    assert not a.equals(c)


def test_rank_acceptability_ties_counted_at_shared_rank():
    # X and Y identical: every draw ties them; both counted at rank 1.
    m = pd.DataFrame({"a": [5, 5, 1], "b": [2, 2, 1]}, index=["X", "Y", "Z"])
    ra = sc.rank_acceptability(m, n=1_000, seed=0, k=1, reference=["X"])
    assert ra.loc["X", 1] == 1.0 and ra.loc["Y", 1] == 1.0 and ra.loc["Z", 3] == 1.0
    assert (ra[2] == 0).all()
    assert ra.attrs["tie_share"] == 1.0 and ra.attrs["same_selection_share"] == 0.0


def test_no_reference_when_equal_weight_choice_is_tied():
    m = pd.DataFrame({"a": [5, 4, 3, 1], "b": [5, 3, 4, 1]}, index=list("WXYZ"))  # X, Y tie at 7
    ra = sc.rank_acceptability(m, n=2_000, seed=0, k=2)
    assert ra.attrs["reference"] is None and np.isnan(ra.attrs["same_selection_share"])
    assert ra.loc["W", 1] == 1.0 and ra.loc["Z", 4] == 1.0
    assert ra.loc["X", 2] == pytest.approx(0.5, abs=0.05)
    su = sc.score_uncertainty(m, n=2_000, seed=0, k=2)
    assert su.attrs["reference"] is None and np.isnan(su.attrs["changed_share"])
    assert not su["same_as_reference"].any()
    with pytest.raises(ValueError, match="reference must name 2 distinct themes"):
        sc.rank_acceptability(m, n=10, reference=["W", "Q"])


@pytest.mark.parametrize("method", ["topsis", "wpm", "vikor"])
def test_rank_acceptability_by_method_agrees_draw_by_draw(doc, method):
    # the same Dirichlet draws as the function takes, ranked one at a time
    draws = np.random.default_rng(4).dirichlet(np.ones(doc.shape[1]), size=60)
    first = [
        sc.rank_themes(doc, weights=w, method=method).set_index("theme").loc[doc.index, "rank"].to_numpy()
        for w in draws
    ]
    ra = sc.rank_acceptability(doc, n=60, seed=4, k=2, method=method)
    want = np.stack([(np.array(first) == r).mean(axis=0) for r in range(1, len(doc) + 1)], axis=1)
    assert np.allclose(ra.to_numpy(), want)
    assert ra.attrs["method"] == method
    chosen = [sc.select_themes(doc, k=2, weights=w, method=method) for w in draws]
    assert ra.attrs["same_selection_share"] == np.mean([c == [KEM, INV] for c in chosen])


def test_rank_acceptability_unknown_method(doc):
    with pytest.raises(ValueError, match="unknown method 'ahp'"):
        sc.rank_acceptability(doc, n=10, method="ahp")


def test_rank_acceptability_central_case_matches_two_criteria():
    # Two criteria, A = (1, 0), B = (0, 1): A wins iff w1 > w2, probability 1/2.
    m = pd.DataFrame({"c1": [1, 0], "c2": [0, 1]}, index=["A", "B"])
    ra = sc.rank_acceptability(m, n=40_000, seed=3, k=1, reference=["A"])
    assert ra.loc["A", 1] == pytest.approx(0.5, abs=0.01)
    assert ra.attrs["same_selection_share"] == pytest.approx(0.5, abs=0.01)


# --------------------------------------------------------------------------
# Judgement errors
# --------------------------------------------------------------------------


def test_score_uncertainty_document(doc):
    su = sc.score_uncertainty(doc, spread=1, n=20_000, seed=0)
    assert list(su.columns) == ["selection", "n_themes", "tie_at_k", "same_as_reference", "count", "share"]
    assert su["count"].sum() == 20_000
    assert su["share"].sum() == pytest.approx(1.0)
    assert su["same_as_reference"].sum() == 1
    same = su.loc[su["same_as_reference"], "share"].iloc[0]
    assert same == su.attrs["same_selection_share"]
    assert su.attrs["tie_share"] == pytest.approx(su.loc[su["tie_at_k"], "share"].sum())
    total = su.attrs["same_selection_share"] + su.attrs["tie_share"] + su.attrs["changed_share"]
    assert total == pytest.approx(1.0)
    assert (su["n_themes"] > 2).eq(su["tie_at_k"]).all()
    # Kemiskinan leads Investasi by 3 and Inflasi by 5 points: most draws keep the choice
    assert 0.5 < su.attrs["same_selection_share"] < 1.0
    assert su.iloc[0]["selection"] == f"{KEM} + {INV}"


def test_score_uncertainty_zero_spread_is_the_document(doc):
    su = sc.score_uncertainty(doc, spread=0, n=100, seed=0)
    assert len(su) == 1 and su.attrs["same_selection_share"] == 1.0


def test_score_uncertainty_hand_computed():
    # One criterion, A = 10, B = 9, spread 1, scale 1-10: A becomes 9 or 10,
    # B 8, 9 or 10, each value equally likely (the scale cuts A's 11).
    # P(A > B) = 1/2 * 2/3 + 1/2 * 1/3 = 1/2; P(tie) = 1/2 * 1/3 * 2 = 1/3;
    # P(B > A) = 1/2 * 1/3 = 1/6.
    m = pd.DataFrame({"c": [10, 9]}, index=["A", "B"])
    su = sc.score_uncertainty(m, spread=1, n=200_000, seed=5, k=1, reference=["A"])
    assert su.attrs["same_selection_share"] == pytest.approx(1 / 2, abs=0.01)
    assert su.attrs["tie_share"] == pytest.approx(1 / 3, abs=0.01)
    assert su.attrs["changed_share"] == pytest.approx(1 / 6, abs=0.01)
    assert set(su["selection"]) == {"A", "B", "A + B"}


def test_score_uncertainty_seeds(doc):
    a = sc.score_uncertainty(doc, n=5_000, seed=11)
    b = sc.score_uncertainty(doc, n=5_000, seed=11)
    c = sc.score_uncertainty(doc, n=5_000, seed=12)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs == b.attrs
    assert not a.equals(c)


def test_score_uncertainty_checks_scale(doc):
    with pytest.raises(ValueError, match="whole number 1-5"):
        sc.score_uncertainty(doc, scale=(1, 5), n=10)
    with pytest.raises(ValueError, match="spread"):
        sc.score_uncertainty(doc, spread=-1, n=10)


# --------------------------------------------------------------------------
# One weight at a time
# --------------------------------------------------------------------------


def test_weight_sensitivity(doc):
    crit = doc.columns[2]  # Dampak Terhadap Kesejahteraan Masyarakat
    ws = sc.weight_sensitivity(doc, crit, steps=21)
    assert list(ws.columns) == ["weight", "theme", "score", "rank", "tied"]
    assert len(ws) == 21 * len(doc)
    assert ws["weight"].min() == 0.0 and ws["weight"].max() == 1.0
    # at weight 0.2 all weights are equal: the printed totals
    equal = ws[np.isclose(ws["weight"], 0.2)]
    assert equal["theme"].tolist() == list(doc.index)
    assert equal["score"].tolist() == [44, 41, 33, 32, 39]
    # weight 1: only Dampak counts (9, 9, 5, 5, 9) x 5 criteria
    only = ws[ws["weight"] == 1.0].set_index("theme")
    assert only["score"].tolist() == [45, 45, 25, 25, 45]
    assert only.loc[[KEM, INV, INF], "rank"].tolist() == [1, 1, 1]
    assert only["tied"].all()
    with pytest.raises(ValueError, match="unknown criterion"):
        sc.weight_sensitivity(doc, "Biaya")


# --------------------------------------------------------------------------
# Excel template
# --------------------------------------------------------------------------


def _fill(path, matrix, edits=None):
    """Type the matrix into the template's score cells, then apply raw edits."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb[sc.SCORE_SHEET]
    for i, theme in enumerate(matrix.index, start=2):
        assert ws.cell(i, 1).value == theme
        for j, c in enumerate(matrix.columns, start=2):
            assert ws.cell(1, j).value == c
            ws.cell(i, j).value = int(matrix.loc[theme, c])
    for coord, value in (edits or {}).items():
        ws[coord] = value
    wb.save(path)


def test_template_round_trip(tmp_path, doc):
    path = sc.write_template(tmp_path / "skor.xlsx", list(doc.index), criteria=list(doc.columns))
    _fill(path, doc)
    back = sc.read_scores(path)
    pd.testing.assert_frame_equal(back, doc, check_names=True)
    assert back.attrs["scale"] == (1, 10)
    assert sc.select_themes(back) == [KEM, INV]


def test_template_default_criteria_and_layout(tmp_path, doc):
    from openpyxl import load_workbook

    from rbdata.export.forms import formula_cells

    themes = ["Stunting", "=1+1", "Sampah"]  # a formula-like name must stay text
    path = sc.write_template(tmp_path / "t.xlsx", themes, scale=(1, 5))
    assert formula_cells(path) == []
    wb = load_workbook(path)
    assert wb.sheetnames == [sc.GUIDE_SHEET, sc.SCORE_SHEET, sc.META_SHEET]
    assert wb[sc.META_SHEET].sheet_state == "hidden"
    ws = wb[sc.SCORE_SHEET]
    assert [ws.cell(1, j).value for j in range(2, 7)] == list(doc.columns)
    assert [ws.cell(i, 1).value for i in range(2, 5)] == themes
    assert ws.protection.sheet
    assert ws["A1"].protection.locked and ws["B1"].protection.locked and ws["A2"].protection.locked
    assert not ws["B2"].protection.locked and not ws["F4"].protection.locked
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "whole" and dv.operator == "between"
    assert (dv.formula1, dv.formula2) == ("1", "5")
    assert str(dv.sqref) == "B2:F4"
    guide = " ".join(str(c.value) for row in wb[sc.GUIDE_SHEET].iter_rows() for c in row if c.value)
    assert "bilangan bulat 1 sampai 5" in guide and "whole number from 1 to 5" in guide
    en = sc.score_matrix(english=True)
    assert all(c in guide for c in en.columns)  # English glosses of the criteria
    wb.close()
    _fill(path, pd.DataFrame([[1, 2, 3, 4, 5]] * 3, index=themes, columns=doc.columns))
    back = sc.read_scores(path)
    assert list(back.index) == themes and back.attrs["scale"] == (1, 5)


CRIT3 = ["Mutu", "Biaya", "Waktu"]
THEMES3 = ["Tema A", "Tema B", "Tema C"]


@pytest.mark.parametrize(
    "edits, message",
    [
        ({"C4": "tinggi"}, "sheet 'Skor', cell C4: expected a whole number 1-10, found 'tinggi'"),
        ({"B2": None}, "sheet 'Skor', cell B2: expected a whole number 1-10, found an empty cell"),
        ({"D3": 7.5}, "sheet 'Skor', cell D3: expected a whole number 1-10, found 7.5"),
        ({"B3": 11}, "sheet 'Skor', cell B3: expected a whole number 1-10, found 11"),
        ({"B4": 0}, "sheet 'Skor', cell B4: expected a whole number 1-10, found 0"),
        ({"C2": "=B2+1"}, "sheet 'Skor', cell C2: expected a whole number 1-10, found a formula"),
        ({"C2": True}, "sheet 'Skor', cell C2: expected a whole number 1-10, found True"),
        ({"C1": "Manfaat"}, "sheet 'Skor', cell C1: unknown criterion 'Manfaat'"),
        ({"D1": "Mutu"}, "sheet 'Skor', cell D1: criterion 'Mutu' repeated"),
        ({"C1": None}, "sheet 'Skor', cell C1: empty criterion header"),
        ({"D1": None, "D2": None, "D3": None, "D4": None}, r"sheet 'Skor', cells B1:C1: .*'Waktu'.* missing"),
        ({"A4": "Tema A"}, "sheet 'Skor', cell A4: duplicate theme 'Tema A' \\(already in cell A2\\)"),
        ({"A3": None}, "sheet 'Skor', cell A3: theme name missing"),
    ],
)
def test_template_bad_cells(tmp_path, edits, message):
    path = sc.write_template(tmp_path / "bad.xlsx", THEMES3, criteria=CRIT3)
    good = pd.DataFrame([[5, 6, 7], [8, 9, 10], [1, 2, 3]], index=THEMES3, columns=CRIT3)
    _fill(path, good, edits)
    with pytest.raises(ValueError, match=message) as err:
        sc.read_scores(path)
    assert str(err.value).startswith("bad.xlsx: ")


def test_template_error_lists_every_bad_cell(tmp_path):
    path = sc.write_template(tmp_path / "bad.xlsx", THEMES3, criteria=CRIT3)
    good = pd.DataFrame([[5, 6, 7], [8, 9, 10], [1, 2, 3]], index=THEMES3, columns=CRIT3)
    _fill(path, good, {"C2": "tinggi", "D4": 11, "A3": None})
    with pytest.raises(ValueError) as err:
        sc.read_scores(path)
    assert str(err.value).split("\n") == [
        "bad.xlsx: sheet 'Skor', cell C2: expected a whole number 1-10, found 'tinggi' (2 more problem(s)):",
        "  sheet 'Skor', cell A3: theme name missing for a row with scores",
        "  sheet 'Skor', cell D4: expected a whole number 1-10, found 11",
    ]


def test_template_rows_not_read_under_a_broken_header(tmp_path):
    # with a criterion renamed, the scores cannot be told apart: only the header is reported
    path = sc.write_template(tmp_path / "bad.xlsx", THEMES3, criteria=CRIT3)
    good = pd.DataFrame([[5, 6, 7], [8, 9, 10], [1, 2, 3]], index=THEMES3, columns=CRIT3)
    _fill(path, good, {"C1": "Manfaat", "B2": "tinggi"})
    with pytest.raises(ValueError) as err:
        sc.read_scores(path)
    assert str(err.value).split("\n") == [
        "bad.xlsx: sheet 'Skor', cell C1: unknown criterion 'Manfaat'; expected one of "
        "['Mutu', 'Biaya', 'Waktu'] (1 more problem(s)):",
        "  sheet 'Skor', cells B1:D1: criterion header(s) ['Biaya'] missing; restore the column(s) "
        "from a fresh template",
    ]


def test_template_styles_and_settings_sheet(tmp_path):
    from openpyxl import load_workbook

    path = sc.write_template(tmp_path / "t.xlsx", THEMES3, criteria=CRIT3, scale=(0, 4))
    wb = load_workbook(path)
    ws = wb[sc.SCORE_SHEET]
    for c in ws[1]:  # bold on light blue, wrapped, locked
        assert (c.style, c.font.b, c.fill.fgColor.rgb, c.alignment.wrap_text, c.protection.locked) == (
            "rbdata header",
            True,
            "00DDEBF7",
            True,
            True,
        )
    for row in ws.iter_rows(min_row=2, min_col=2):  # plain, unlocked
        for c in row:
            assert (c.style, c.font.b, c.fill.fill_type, c.protection.locked) == (
                "rbdata input",
                False,
                None,
                False,
            )
    assert all(c.style == "Normal" and c.protection.locked for c in ws["A"][1:])
    meta = wb[sc.META_SHEET]
    assert meta.sheet_state == "hidden" and meta.protection.sheet
    assert [[c.value for c in row] for row in meta.iter_rows()] == [
        ["key", "value"],
        ["format", "rbdata theme-scoring template"],
        ["scale_min", 0],
        ["scale_max", 4],
        ["criterion", "Mutu"],
        ["criterion", "Biaya"],
        ["criterion", "Waktu"],
    ]


def test_template_accepts_whole_floats_and_digit_text(tmp_path):
    path = sc.write_template(tmp_path / "ok.xlsx", THEMES3, criteria={c: c.upper() for c in CRIT3})
    good = pd.DataFrame([[5, 6, 7], [8, 9, 10], [1, 2, 3]], index=THEMES3, columns=CRIT3)
    _fill(path, good, {"B2": 5.0, "C2": " 6 "})
    back = sc.read_scores(path)
    assert back.loc["Tema A"].tolist() == [5, 6, 7]
    assert back.dtypes.eq("int64").all()


def test_template_missing_score_sheet(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "other.xlsx"
    Workbook().save(path)
    with pytest.raises(ValueError, match="other.xlsx: no sheet 'Skor'"):
        sc.read_scores(path)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"themes": ["A", "A"]}, "unique"),
        ({"themes": []}, "at least one"),
        ({"themes": ["A", ""]}, "non-empty"),
        ({"themes": ["A"], "scale": (5, 1)}, "lowest < highest"),
        ({"themes": ["A"], "scale": (0.5, 10)}, "whole numbers"),
    ],
)
def test_write_template_checks_arguments(tmp_path, kwargs, message):
    with pytest.raises(ValueError, match=message):
        sc.write_template(tmp_path / "x.xlsx", criteria=CRIT3, **kwargs)
