"""Plan quality, in the spirit of SMART criteria and Indonesia's own evaluation
of action plans: does each target say where it starts, what number it aims
at, in which unit, who answers for it, when, and what it serves; does each
action say what it delivers, how much, with which money and who does it.

Targets are judged per concept (``targets.concept_id``), so that a quantity
printed in several tables of one document counts once; actions per action
row that is not a sub-row (``actions.sub_row`` NA).
"""

from __future__ import annotations

import pandas as pd

from rbdata.contract.schema import DOC_IDS
from rbdata.loaders import load_action_budgets, load_action_targets, load_actions, load_targets
from rbdata.text.normalise import squash

__all__ = ["CRITERIA", "plan_quality", "plan_quality_of"]

#: (unit, criterion, definition) in report order.
CRITERIA: tuple[tuple[str, str, str], ...] = (
    ("target concept", "baseline", "some row of the concept prints a baseline (kondisi awal) value or label"),
    ("target concept", "numeric target", "some target row of the concept parses to a number"),
    (
        "target concept",
        "coherent unit",
        "the concept's rows print a unit, and every printed unit is the same (case and spacing ignored)",
    ),
    ("target concept", "responsible agency", "some row of the concept names a responsible agency"),
    (
        "target concept",
        "quarterly timing",
        "some action under a row of the concept has a quarterly output target (2023Q1-Q4)",
    ),
    (
        "target concept",
        "linked upwards",
        "some row of the concept names what it serves (Kegiatan Utama, goal or theme: targets.objective)",
    ),
    ("action", "output indicator", "the action prints an output indicator"),
    ("action", "output target", "some output target of the action is a number or a label"),
    ("action", "budget line", "the action is linked to a budget line (action_budgets)"),
    ("action", "owner", "the action names an executing or coordinating agency"),
)


def _concept_flags(
    targets: pd.DataFrame, actions: pd.DataFrame, action_targets: pd.DataFrame
) -> pd.DataFrame:
    quarterly_actions = set(
        action_targets.loc[
            action_targets["period"].astype(str).str.contains("Q")
            & (action_targets["value"].notna() | action_targets["value_label"].notna()),
            "action_id",
        ]
    )
    # an indicator row and the actions printed under it share table and line
    under = {
        (str(t), int(p))
        for t, p, a in zip(actions["table_id"], actions["parent_source_line"], actions["action_id"])
        if not pd.isna(p) and a in quarterly_actions
    }
    rows = []
    for concept, g in targets.groupby("concept_id", sort=True, observed=True):
        units = {squash(u) for u in g["unit"].dropna() if str(u).strip()}
        base = g[g["kind"] == "baseline"]
        tgt = g[g["kind"] == "target"]
        rows.append(
            {
                "concept_id": concept,
                "baseline": bool((base["value"].notna() | base["value_label"].notna()).any()),
                "numeric target": bool(tgt["value"].notna().any()),
                "coherent unit": len(units) == 1,
                "responsible agency": bool(g["agency"].notna().any()),
                "quarterly timing": any(
                    (str(t), int(n)) in under for t, n in zip(g["table_id"], g["source_line"])
                ),
                "linked upwards": bool(g["objective"].notna().any()),
            }
        )
    return pd.DataFrame(rows)


def _action_flags(
    actions: pd.DataFrame, action_targets: pd.DataFrame, action_budgets: pd.DataFrame
) -> pd.DataFrame:
    main = actions[actions["sub_row"].isna()]
    with_target = set(
        action_targets.loc[
            action_targets["value"].notna() | action_targets["value_label"].notna(),
            "action_id",
        ]
    )
    with_budget = set(action_budgets["action_id"])
    return pd.DataFrame(
        {
            "action_id": main["action_id"],
            "output indicator": main["output_indicator"].notna(),
            "output target": main["action_id"].isin(with_target),
            "budget line": main["action_id"].isin(with_budget),
            "owner": main["executor"].notna() | main["coordinator"].notna(),
        }
    )


def plan_quality_of(
    targets: pd.DataFrame,
    actions: pd.DataFrame,
    action_targets: pd.DataFrame,
    action_budgets: pd.DataFrame,
) -> pd.DataFrame:
    """Plan-quality shares of one document's tables (see :func:`plan_quality`).

    The tables need the columns the loaders give (``targets``: concept_id,
    kind, value, value_label, unit, agency, objective, table_id,
    source_line; ``actions``: action_id, sub_row, table_id,
    parent_source_line, output_indicator, executor, coordinator;
    ``action_targets``: action_id, period, value, value_label;
    ``action_budgets``: action_id), so that small hand-made frames can be
    judged as well as the documents.
    """
    concept_flags = _concept_flags(targets, actions, action_targets)
    action_flags = _action_flags(actions, action_targets, action_budgets)
    rows = []
    for unit, criterion, definition in CRITERIA:
        flags = concept_flags if unit == "target concept" else action_flags
        n_total = len(flags)
        n_with = int(flags[criterion].sum()) if n_total else 0
        rows.append(
            {
                "unit": unit,
                "criterion": criterion,
                "n_with": n_with,
                "n_total": n_total,
                "share_pct": 100.0 * n_with / n_total if n_total else float("nan"),
                "definition": definition,
            }
        )
    return pd.DataFrame(rows)


def plan_quality(doc_id: str | None = None) -> pd.DataFrame:
    """How complete each road map's targets and actions are, criterion by criterion.

    Parameters
    ----------
    doc_id : {None, 'blora-2020', 'batang-2023'}
        One document, or both (default), one block of rows each.

    Returns
    -------
    pandas.DataFrame
        One row per document and criterion (:data:`CRITERIA`, in order):

        - ``doc_id`` (string);
        - ``unit`` (string): 'target concept' (a measured quantity, counted once however many
          tables print it) or 'action' (a main action; sub-rows are parts of their action);
        - ``criterion`` (string): baseline, numeric target, coherent unit, responsible agency,
          quarterly timing, linked upwards; output indicator, output target, budget line, owner;
        - ``n_with``, ``n_total`` (int64): units meeting the criterion, and all units;
        - ``share_pct`` (float64, %): ``100 * n_with / n_total``;
        - ``definition`` (string): the criterion in words.

        A share says what the document prints, not how good the plan is: Blora's road map has no
        baseline column and no quarters, and its action plan prints no budget; Batang's indicator
        tables print no unit column (units appear only for action outputs).

    Examples
    --------
    >>> from rbdata.analysis.compare import plan_quality
    >>> q = plan_quality().set_index(["doc_id", "criterion"])
    >>> int(q.loc[("blora-2020", "baseline"), "n_with"])
    0
    """
    frames = []
    for d in DOC_IDS if doc_id is None else (doc_id,):
        q = plan_quality_of(load_targets(d), load_actions(d), load_action_targets(d), load_action_budgets(d))
        q.insert(0, "doc_id", d)
        frames.append(q)
    out = pd.concat(frames, ignore_index=True)
    return out.astype(
        {
            "doc_id": "string",
            "unit": "string",
            "criterion": "string",
            "n_with": "int64",
            "n_total": "int64",
            "share_pct": "float64",
            "definition": "string",
        }
    )
