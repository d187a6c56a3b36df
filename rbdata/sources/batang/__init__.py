"""Parser of Perbup Batang 53/2023 (doc_id 'batang-2023').

The document is located by its captions ("Tabel 2.4.", "SASARAN STRATEGIS 1",
"RENCANA AKSI ... GENERAL", ...). Each table owns the tab-separated lines up
to the next caption or chapter heading, and is read by one function below.
The action plans (Lampiran II-IV) are the hard part: the PDF extraction
drops or adds empty cells, so rows are aligned on their content (the value
cell of the target, the lettered action, the "Terkait ..." link cell, agency
names) rather than on cell positions; see :func:`_align_action`.
"""

from __future__ import annotations

from rbdata.sources.batang.chapters import (
    crosswalk,
    goal_table,
    ku_table,
    outputs,
    teams,
    tematik_targets,
    theme_scores,
)
from rbdata.sources.batang.document import Document, table_blocks
from rbdata.sources.batang.narrative import statements
from rbdata.sources.batang.plans import action_plan
from rbdata.text.lines import Line, Report

# One reader per table, keyed by the table ids of document.TABLE_CAPTIONS.
READERS = {
    "Tabel 2.1": crosswalk,
    "Tabel 2.2": goal_table,
    "Tabel 2.3": goal_table,
    "Tabel 2.4": ku_table,
    "Tabel 4.1": theme_scores,
    "Tabel 4.2": tematik_targets,
    "Tabel 5.1": teams,
    "Tabel 5.2": teams,
    "Bab V SS1": outputs,
    "Bab V SS2": outputs,
    "Lampiran II": action_plan,
    "Lampiran III": action_plan,
    "Lampiran IV": action_plan,
}


def parse_lines(lines: list[Line], doc_id: str, report: Report, name: str) -> dict[str, list[dict]]:
    """Row dicts per table of the whole document (see :func:`rbdata.parse`)."""
    ctx = Document(lines, doc_id, report, name)
    blocks = table_blocks(ctx)
    # read once: the General action plan matches its problems against them
    ctx.statements = statements(ctx)
    out: dict[str, list[dict]] = {
        t: []
        for t in (
            "targets",
            "actions",
            "action_targets",
            "theme_scores",
            "indicator_crosswalk",
            "teams",
            "budget_lines",
            "action_budgets",
        )
    }
    for table_id, (caption, rows) in blocks.items():
        READERS[table_id](ctx, table_id, caption, rows, out)
    out["statements"] = ctx.statements
    return out
