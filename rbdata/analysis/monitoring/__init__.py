"""Monitoring workbooks: from the printed plan to achievement (capaian).

Both road maps ask the responsible agencies to report, every quarter
(Batang's 2023 action plans, TW I-IV) or every year (Blora, 2020 and 2021),
what they achieved against each target. This package writes the plan into
an Excel workbook with empty realisation columns, reads the filled workbook
back, checks that nothing but realisations was changed, and computes
achievement per target in the direction that is better for the indicator:

* ``plan_table``: the monitored plan (:func:`plan`) and its periods
  (:func:`monitoring_periods`);
* ``workbook``: the workbook (:func:`write_workbook`, :func:`read_workbook`;
  its layout is described there);
* ``progress``: achievement and status (:func:`achievement`).

>>> from rbdata import monitoring                           # doctest: +SKIP
>>> monitoring.write_workbook("batang.xlsx", "batang-2023")  # doctest: +SKIP
>>> real = monitoring.read_workbook("batang.xlsx")           # doctest: +SKIP
>>> monitoring.achievement(real)                            # doctest: +SKIP

Which periods a document is monitored in is read from its action targets:
the quarters of ``load_action_targets`` when it has quarters (Batang:
``2023Q1`` ... ``2023Q4``, the printed Total ``2023`` being the year), else
its years (Blora: ``2020``, ``2021``).
"""

from __future__ import annotations

from rbdata.analysis.monitoring.plan_table import monitoring_periods, plan
from rbdata.analysis.monitoring.progress import (
    ACHIEVED_MIN,
    DEFAULT_TOTAL_KIND,
    LOWER_FORMULAS,
    ON_TRACK_MIN,
    STATUS_ID,
    STATUSES,
    achievement,
)

# reachable here but not in __all__ (the sheet names): re-exported explicitly with `as`
from rbdata.analysis.monitoring.workbook import SHEET_ACTIONS as SHEET_ACTIONS
from rbdata.analysis.monitoring.workbook import SHEET_INFO as SHEET_INFO
from rbdata.analysis.monitoring.workbook import SHEET_TARGETS as SHEET_TARGETS
from rbdata.analysis.monitoring.workbook import read_workbook, write_workbook

__all__ = [
    "write_workbook",
    "read_workbook",
    "achievement",
    "plan",
    "monitoring_periods",
    "ACHIEVED_MIN",
    "ON_TRACK_MIN",
    "STATUSES",
    "STATUS_ID",
    "LOWER_FORMULAS",
    "DEFAULT_TOTAL_KIND",
]
