"""How RB Tematik themes are chosen, and how firmly (Batang Tabel 4.1).

A region chooses its RB Tematik themes by scoring candidate themes on five
criteria and taking the highest totals. Batang printed its scores in
Tabel 4.1 (``data/raw/batang-2023.txt``, lines 502-509) and chose the two best
themes (line 511). This package

* rebuilds the theme x criterion score matrix from
  :func:`rbdata.load_theme_scores` and checks the printed totals
  (:func:`score_matrix`, :func:`check_totals`; module ``matrix``);
* ranks and selects themes with the document's own method (sum of scores)
  under any non-negative weights, or with TOPSIS, the weighted product model
  or VIKOR (:func:`rank_themes`, :func:`select_themes`), and lists Pareto
  dominance (:func:`dominance`; module ``mcda``);
* measures how firm a selection is: stochastic multicriteria acceptability
  analysis over all weights (:func:`rank_acceptability`), one-point
  judgement errors (:func:`score_uncertainty`) and one weight at a time
  (:func:`weight_sensitivity`; module ``smaa``), and the exact interval of
  each weight within which the weighted-sum selection holds
  (:func:`stability_intervals`; module ``stability``), and whether each score
  agrees with the evidence the table prints for it (:func:`evidence_check`;
  module ``evidence``);
* writes an Excel scoring template a regional RB team can fill in, and reads
  it back with cell-precise error messages (:func:`write_template`,
  :func:`read_scores`; module ``template``).

Every function taking ``matrix`` accepts any themes x criteria DataFrame of
numbers (index = theme, columns = criteria, higher = better), not only
Batang's. Ties are never broken silently: tied themes share the best rank
they could claim ('min' ranking) and are flagged.

This package is not imported by ``import rbdata``; it imports pymcdm (which
imports matplotlib) and openpyxl only inside the functions that need them.
"""

from __future__ import annotations

from rbdata.analysis.scoring.evidence import BATANG_MEASURES as BATANG_MEASURES
from rbdata.analysis.scoring.evidence import evidence_check

# reachable here but not in __all__ (the template's sheet names, the default
# document): re-exported explicitly with `as`
from rbdata.analysis.scoring.matrix import DEFAULT_DOC as DEFAULT_DOC
from rbdata.analysis.scoring.matrix import check_totals, score_matrix
from rbdata.analysis.scoring.mcda import (
    METHODS,
    AmbiguousSelectionError,
    AmbiguousSelectionWarning,
    dominance,
    rank_themes,
    select_themes,
)
from rbdata.analysis.scoring.smaa import rank_acceptability, score_uncertainty, weight_sensitivity
from rbdata.analysis.scoring.stability import stability_intervals
from rbdata.analysis.scoring.template import GUIDE_SHEET as GUIDE_SHEET
from rbdata.analysis.scoring.template import META_SHEET as META_SHEET
from rbdata.analysis.scoring.template import SCORE_SHEET as SCORE_SHEET
from rbdata.analysis.scoring.template import read_scores, write_template

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
    "stability_intervals",
    "evidence_check",
    "write_template",
    "read_scores",
]
