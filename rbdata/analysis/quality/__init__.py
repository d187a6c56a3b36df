"""Where the road maps contradict themselves: a data-quality report.

Planning documents repeat the same indicator in several tables (Batang's
chapter II tables, Tabel 4.2, the Bab V outputs and the 2023 action plans;
Blora's section B and, row for row, section C), and the copies do not always
agree. Someone citing a target needs to know which numbers are contested.
:func:`check` runs a set of small rules over the parsed tables and returns
one row per finding, each traced to every line of ``data/raw/<doc_id>.txt``
it involves (:func:`quote_lines` shows them):

* ``conflicting_targets`` - one indicator, one period, two printed values;
* ``duplicate_actions`` - one action listed twice with other targets, and one
  budget line printed under several actions (summing overstates the plan);
* ``against_direction`` - a row whose targets move the wrong way;
* ``magnitude`` - a value about ten times its neighbour year or its twin;
* ``implausible_growth`` - a 'growth rate' of the regional economy far above
  what regional economies grow at (Batang's 'Laju Pertumbuhan PDRB' 21,1-22,3
  beside economic growth 4,97);
* ``totals`` - printed totals that do not follow from their parts;
* ``unit_mismatch`` - a unit that contradicts the indicator's wording;
* ``misspelt_names`` - misspelt region and agency names;
* ``numbering_gaps`` - lettered or numbered actions that skip items.

Severity says how sure a reader can be that something is wrong: ``error``
(two printed numbers cannot both be right), ``warning`` (probably wrong or
misleading) and ``info`` (worth knowing, harmless for the values).

Indicators are matched across tables by their normalised wording (see
:func:`indicator_key`) and unit, plus the curated synonyms of
``reference/indicator_aliases.csv``. Nothing here types a number of the
documents: every value comes from the loaders. ``rapidfuzz`` is imported only
inside the functions that use it; nothing here imports matplotlib.

The package is laid out by job: ``framework`` (the rule record, finding
dicts, formatting), ``wording`` (the keys under which wordings match),
``rules_values``, ``rules_actions``, ``rules_totals`` and ``rules_text`` (the
rule families) and ``report`` (the rules in report order, :func:`check`,
:func:`summary`, and :func:`findings_for_reading` and :func:`finding_at` for
reading the findings).
"""

from __future__ import annotations

from rbdata.analysis.quality.framework import SEVERITIES, Rule
from rbdata.analysis.quality.report import (
    FINDINGS_TABLE,
    RULES,
    Summary,
    check,
    finding_at,
    findings_for_reading,
    rules_table,
    summary,
)
from rbdata.analysis.quality.rules_actions import (
    SUB_ACTIVITY_MIN_SIMILARITY,
    duplicate_actions,
    numbering_gaps,
)
from rbdata.analysis.quality.rules_text import REGION_MIN_SIMILARITY, misspelt_names, unit_mismatch
from rbdata.analysis.quality.rules_totals import totals
from rbdata.analysis.quality.rules_values import (
    GROWTH_CEILING_PCT,
    MAGNITUDE_RATIO,
    against_direction,
    conflicting_targets,
    implausible_growth,
    magnitude,
)
from rbdata.analysis.quality.wording import indicator_key
from rbdata.loaders import quote_lines, raw_line

__all__ = [
    "RULES",
    "SEVERITIES",
    "MAGNITUDE_RATIO",
    "GROWTH_CEILING_PCT",
    "REGION_MIN_SIMILARITY",
    "SUB_ACTIVITY_MIN_SIMILARITY",
    "FINDINGS_TABLE",
    "Rule",
    "Summary",
    "check",
    "summary",
    "rules_table",
    "findings_for_reading",
    "finding_at",
    "indicator_key",
    "raw_line",
    "quote_lines",
    "conflicting_targets",
    "duplicate_actions",
    "against_direction",
    "magnitude",
    "implausible_growth",
    "totals",
    "unit_mismatch",
    "misspelt_names",
    "numbering_gaps",
]
