"""Comparing the two road maps: areas of change, shared indicators, ambition.

Blora's road map (2020-2021) is built on the eight areas of change; Batang's
(2020-2024, sharpened in 2023) on the General / Tematik double track. The
functions here put both on common ground so that the notebooks only show
tables and figures:

* :func:`classify_areas` assigns every indicator of both documents to one of
  the eight areas (``reference/areas.csv``) or to ``development_outcome``,
  using what the documents say where they say it (Blora's "Area ..."
  headings, Batang Tabel 2.1) and the reviewable rules of
  ``reference/area_rules.csv`` elsewhere;
* :func:`shared_indicators` pairs indicators both documents track under
  different wording (curated in ``reference/indicator_matches.csv``, plus
  fuzzy suggestions);
* :func:`concept_suggestions` lists indicator wordings that read alike but
  are assigned to different concepts (``reference/indicator_concepts.csv``),
  for review;
* :func:`ambition` turns every pair of consecutive targets into a change per
  year in the indicator's good direction;
* small helpers: English labels, the glossary, the raw line behind a value,
  agency and budget summaries.

Every row keeps ``doc_id`` and ``source_line`` so that a figure can be traced
to the line of ``data/raw/<doc_id>.txt`` it comes from (:func:`source_text`,
:func:`source_lines`). Nothing here imports matplotlib; ``rapidfuzz`` is
imported only inside the functions that use it.

The package is laid out by job: ``labels`` (English labels, glossary),
``areas`` (areas of change), ``indicators`` (shared indicators and targets),
``concepts`` (concept suggestions), ``yearly_change`` (ambition),
``workload`` (agencies, budgets, schedule) and ``common`` (what they share).
"""

from __future__ import annotations

from rbdata.analysis.compare.ambition_per_year import comparable_ambition, comparable_ambition_from
from rbdata.analysis.compare.areas import (
    EXPLICIT_MIN_SCORE,
    action_areas,
    area_rules,
    classification_summary,
    classify_areas,
    classify_indicator,
)
from rbdata.analysis.compare.budget_totals import MONEY_CAVEAT, money
from rbdata.analysis.compare.chain_of_results import (
    RESULTS_LEVELS,
    results_chain,
    results_chain_of,
    results_chain_summary,
    results_chain_summary_of,
)
from rbdata.analysis.compare.concepts import CONCEPT_SUGGEST_MIN_SCORE, concept_suggestions
from rbdata.analysis.compare.coverage_by_area import area_coverage, area_coverage_of
from rbdata.analysis.compare.crosswalk_fate import continuity
from rbdata.analysis.compare.focus_of_change import blora_focus_groups
from rbdata.analysis.compare.indicators import (
    SUGGEST_MIN_SCORE,
    indicator_matches,
    shared_indicators,
    shared_targets,
)
from rbdata.analysis.compare.labels import (
    OUTCOME,
    OUTCOME_EN,
    OUTCOME_ID,
    area_label,
    english_labels,
    load_glossary,
)
from rbdata.analysis.compare.national_local import national_and_local
from rbdata.analysis.compare.plan_completeness import plan_quality, plan_quality_of
from rbdata.analysis.compare.workload import (
    agencies_by_function,
    agency_load,
    budget_summary,
    quarterly_schedule,
)
from rbdata.analysis.compare.yearly_change import ambition
from rbdata.loaders import quote_lines, raw_line

__all__ = [
    "RESULTS_LEVELS",
    "area_coverage",
    "area_coverage_of",
    "comparable_ambition",
    "comparable_ambition_from",
    "results_chain",
    "results_chain_of",
    "results_chain_summary",
    "results_chain_summary_of",
    "plan_quality",
    "plan_quality_of",
    "MONEY_CAVEAT",
    "money",
    "continuity",
    "national_and_local",
    "blora_focus_groups",
    "OUTCOME",
    "OUTCOME_EN",
    "OUTCOME_ID",
    "EXPLICIT_MIN_SCORE",
    "SUGGEST_MIN_SCORE",
    "CONCEPT_SUGGEST_MIN_SCORE",
    "load_glossary",
    "english_labels",
    "source_text",
    "source_lines",
    "area_rules",
    "area_label",
    "classify_indicator",
    "classify_areas",
    "classification_summary",
    "action_areas",
    "indicator_matches",
    "shared_indicators",
    "shared_targets",
    "concept_suggestions",
    "ambition",
    "agency_load",
    "agencies_by_function",
    "budget_summary",
    "quarterly_schedule",
]

#: The raw line behind a value (:func:`rbdata.raw_line`).
source_text = raw_line


def source_lines(doc_id: str, start: int, end: int | None = None) -> str:
    """Lines ``start``..``end`` (inclusive) of a raw document, for reading.

    Each line is prefixed with its number; tabs are shown as ``' ⇥ '`` so
    that empty cells stay visible, those at the end of a line too (see
    :func:`rbdata.loaders.quote_lines`).

    Parameters
    ----------
    doc_id : {'blora-2020', 'batang-2023'}
        Document.
    start : int
        First line (1-based).
    end : int, optional
        Last line; default ``start``.

    Returns
    -------
    str
        One line per source line, ``'<n>: <text>'``.

    Examples
    --------
    >>> print(source_lines("blora-2020", 665, 666))
    665: 22 ⇥ Persentase Gizi Buruk ⇥ % ⇥ 0,1 ⇥ 0,09
    666: 23 ⇥ Prevalensi Gizi Kurang ⇥ % ⇥ 2.2 ⇥ 2
    """
    end = start if end is None else end
    return quote_lines(doc_id, range(int(start), int(end) + 1), strip_end=False)
