"""The results chain of each road map: action -> indicator -> what it serves.

A plan is readable as a chain when its actions sit under indicators and its
indicators name the goal or main activity (Kegiatan Utama) they serve. The
two road maps print that chain differently: Blora's action plan (section C)
puts activities under indicators grouped by area, goal or sector; Batang's
Lampiran put actions under the indicator of a Kegiatan Utama (General) or
under an outcome and intermediate-outcome indicator (Tematik, labelled in
``targets.level``). This module lays both out on one grid.

The results level (impact / outcome / output / activity) is the project's
classification of a concept (``load_concepts``), the same for both
documents; its basis says whether it quotes a document's own label or
applies a rule, and the quote may come from the other document. Which
levels exist is national template (the results chain of Indonesian
planning); which indicators a regency puts at each level and what it
hangs under them is the regency's choice.
"""

from __future__ import annotations

import re

import pandas as pd

from rbdata.contract.schema import DOC_IDS
from rbdata.loaders import load_actions, load_concepts, load_targets

__all__ = [
    "RESULTS_LEVELS",
    "results_chain",
    "results_chain_of",
    "results_chain_summary",
    "results_chain_summary_of",
]

#: Results levels from the top of the chain down.
RESULTS_LEVELS: tuple[str, ...] = ("impact", "outcome", "output", "activity")

_CHAIN_DTYPES = {
    "doc_id": "string",
    "concept_id": "string",
    "name_en": "string",
    "results_level": "string",
    "results_level_basis": "string",
    "level_quoted_here": "bool",
    "printed_levels": "string",
    "n_target_rows": "int64",
    "n_actions": "int64",
    "n_actions_under_objective": "int64",
    "linked_up": "bool",
    "objectives": "string",
    "table_ids": "string",
}


def _joined(values: pd.Series) -> object:
    # distinct values in the order the document prints them
    seen = list(dict.fromkeys(str(v) for v in values.dropna() if str(v).strip()))
    return "; ".join(seen) if seen else pd.NA


def _quotes_document(basis: object, doc_id: str) -> bool:
    # a basis reads 'rule: ...; quote: ... (doc:line)'; a rule may also cite a line, which is
    # then the project's reading, not the document's own label
    if pd.isna(basis):
        return False
    parts = re.split(r"(?=\b(?:rule|quote):)", str(basis))
    return any(part.startswith("quote:") and f"{doc_id}:" in part for part in parts)


def results_chain_of(
    doc_id: str, targets: pd.DataFrame, actions: pd.DataFrame, concepts: pd.DataFrame
) -> pd.DataFrame:
    """Results chain of one document's tables (see :func:`results_chain`).

    The tables need the columns the loaders give (``targets``: concept_id,
    table_id, source_line, objective, level; ``actions``: action_id,
    sub_row, table_id, parent_source_line, parent_indicator; ``concepts``: concept_id,
    name_en, results_level, results_level_basis), so that small hand-made
    frames can be checked as well as the documents.
    """
    # main actions only: a sub-row (e.g. PIP per school level) is part of its action
    main = actions[actions["sub_row"].isna() & actions["parent_source_line"].notna()]
    actions_under: dict[tuple[str, int], set[str]] = {}
    for table, line, action in zip(main["table_id"], main["parent_source_line"], main["action_id"]):
        actions_under.setdefault((str(table), int(line)), set()).add(str(action))
    # Batang's Bab V prints the Output Utama on the line of the Kegiatan Utama, above its indicator
    actions_under_heading: dict[tuple[str, str], set[str]] = {}
    for table, heading, action in zip(main["table_id"], main["parent_indicator"], main["action_id"]):
        if not pd.isna(heading):
            actions_under_heading.setdefault((str(table), str(heading)), set()).add(str(action))
    concept_info = concepts.set_index("concept_id")
    rows = []
    ordered = targets.sort_values("source_line", kind="stable")
    for concept, g in ordered.groupby("concept_id", sort=True, observed=True):
        # a target row prints one period; the actions hang under the printed line
        under: set[str] = set()
        for table, line in set(zip(g["table_id"].astype(str), g["source_line"].astype(int))):
            under |= actions_under.get((table, line), set())
        under_objective: set[str] = set()
        for table, objective in set(zip(g["table_id"].astype(str), g["objective"])):
            if not pd.isna(objective):
                under_objective |= actions_under_heading.get((table, str(objective)), set())
        info = concept_info.loc[concept] if concept in concept_info.index else None
        level = info["results_level"] if info is not None else pd.NA
        basis = info["results_level_basis"] if info is not None else pd.NA
        rows.append(
            {
                "doc_id": doc_id,
                "concept_id": concept,
                "name_en": info["name_en"] if info is not None else pd.NA,
                "results_level": level,
                "results_level_basis": basis,
                "level_quoted_here": _quotes_document(basis, doc_id),
                "printed_levels": _joined(g["level"]),
                "n_target_rows": len(g),
                "n_actions": len(under),
                "n_actions_under_objective": len(under_objective),
                "linked_up": bool(g["objective"].notna().any()),
                "objectives": _joined(g["objective"]),
                "table_ids": _joined(g["table_id"]),
            }
        )
    out = pd.DataFrame(rows, columns=list(_CHAIN_DTYPES))
    rank = {level: i for i, level in enumerate(RESULTS_LEVELS)}
    out["_rank"] = out["results_level"].map(lambda v: rank.get(str(v), len(rank)))
    out = out.sort_values(["_rank", "concept_id"], kind="stable").drop(columns="_rank")
    return out.reset_index(drop=True).astype(_CHAIN_DTYPES)


def results_chain(doc_id: str | None = None) -> pd.DataFrame:
    """One row per document and concept: its results level, the actions under it, what it serves.

    Parameters
    ----------
    doc_id : {None, 'blora-2020', 'batang-2023'}
        One document, or both (default), one block of rows each.

    Returns
    -------
    pandas.DataFrame
        One row per document and concept that the document targets, highest level first:

        - ``doc_id`` (string), ``concept_id`` (string), ``name_en`` (string);
        - ``results_level`` (string): impact, outcome, output or activity, the concept's level
          (``load_concepts``), the same in both documents;
        - ``results_level_basis`` (string): why, as a quote of a document or a rule;
        - ``level_quoted_here`` (bool): the basis quotes a line of this document, so the level is
          the document's own word rather than the project's rule or the other document's;
        - ``printed_levels`` (string): the levels the document prints on the concept's rows
          (``targets.level``: Batang's Tematik plans print 'outcome' and the 'intermediate'
          outcome below it), '; '-joined; NA where none is printed;
        - ``n_target_rows`` (int64): baseline and target rows of the concept in the document (one
          per printed period, so a concept printed in several tables counts each time);
        - ``n_actions`` (int64): distinct main actions printed under a row of the concept (an action
          whose ``(table_id, parent_source_line)`` is a target row of the concept; sub-rows are
          parts of their action). One printed line may carry two concepts (Batang's Tematik
          outcome and intermediate indicators), and its actions then count for both;
        - ``n_actions_under_objective`` (int64): distinct main actions printed under the heading the
          concept's rows serve (an action whose ``parent_indicator`` is, in the same table, the
          ``objective`` of a row of the concept). This is the link output -> Kegiatan Utama of
          Batang's Bab V, where the Output Utama sit on the line of the Kegiatan Utama and its
          indicator is printed below; every concept under that Kegiatan Utama gets the same actions;
        - ``linked_up`` (bool): some row of the concept names what it serves
          (``targets.objective``: goal, Kegiatan Utama, area or sector heading);
        - ``objectives`` (string): those objectives as printed, distinct, '; '-joined, NA if none;
        - ``table_ids`` (string): the tables that print the concept, '; '-joined.

    Examples
    --------
    >>> from rbdata.analysis.compare.chain_of_results import results_chain
    >>> c = results_chain("batang-2023").set_index("concept_id")
    >>> c.loc["economic_growth", "printed_levels"]
    'intermediate'
    >>> int(c.loc["bureaucracy_simplification", "n_actions"])
    2
    """
    concepts = load_concepts()
    frames = [
        results_chain_of(d, load_targets(d), load_actions(d), concepts)
        for d in (DOC_IDS if doc_id is None else (doc_id,))
    ]
    return pd.concat(frames, ignore_index=True).astype(_CHAIN_DTYPES)


def results_chain_summary(doc_id: str | None = None) -> pd.DataFrame:
    """Per document and results level: concepts, concepts with actions, and actions.

    Parameters
    ----------
    doc_id : {None, 'blora-2020', 'batang-2023'}
        One document, or both (default).

    Returns
    -------
    pandas.DataFrame
        One row per document and level of :data:`RESULTS_LEVELS` (levels with no concept included,
        with zeros), top of the chain first:

        - ``doc_id`` (string), ``results_level`` (string);
        - ``n_concepts`` (int64): concepts the document targets at that level;
        - ``n_concepts_with_actions`` (int64): of these, concepts with at least one action under a row;
        - ``n_concepts_linked_up`` (int64): of these, concepts whose rows name what they serve;
        - ``n_actions`` (int64): distinct main actions under a row of a concept at that level. An
          action under a line that carries concepts of two levels counts at both, so this column is
          not to be added up over levels;
        - ``n_actions_under_objective`` (int64): distinct main actions under the heading a concept at
          that level serves (see :func:`results_chain`), same caveat;
        - ``n_actions_in_document`` (int64): all main actions of the document with a parent line, the
          same on every row of the document, so that the actions under no concept's row show.

    Examples
    --------
    >>> from rbdata.analysis.compare.chain_of_results import results_chain_summary
    >>> s = results_chain_summary("batang-2023").set_index("results_level")
    >>> int(s.loc["activity", "n_concepts"])
    0
    """
    concepts = load_concepts()
    frames = []
    for d in DOC_IDS if doc_id is None else (doc_id,):
        targets, actions = load_targets(d), load_actions(d)
        frames.append(
            results_chain_summary_of(d, results_chain_of(d, targets, actions, concepts), targets, actions)
        )
    return pd.concat(frames, ignore_index=True)


def results_chain_summary_of(
    doc_id: str, chain: pd.DataFrame, targets: pd.DataFrame, actions: pd.DataFrame
) -> pd.DataFrame:
    """Summary of one document's :func:`results_chain_of` rows (see :func:`results_chain_summary`)."""
    main = actions[actions["sub_row"].isna() & actions["parent_source_line"].notna()]
    heading_concepts: dict[tuple[str, str], set[str]] = {}
    for table, objective, concept in zip(targets["table_id"], targets["objective"], targets["concept_id"]):
        if not pd.isna(objective):
            heading_concepts.setdefault((str(table), str(objective)), set()).add(str(concept))
    line_concepts: dict[tuple[str, int], set[str]] = {}
    for table, line, concept in zip(targets["table_id"], targets["source_line"], targets["concept_id"]):
        line_concepts.setdefault((str(table), int(line)), set()).add(str(concept))
    rows = []
    for level in RESULTS_LEVELS:
        at_level = chain[chain["results_level"] == level]
        level_concepts = set(at_level["concept_id"])
        actions_at_level = {
            str(a)
            for t, p, a in zip(main["table_id"], main["parent_source_line"], main["action_id"])
            if line_concepts.get((str(t), int(p)), set()) & level_concepts
        }
        actions_under_objective = {
            str(a)
            for t, h, a in zip(main["table_id"], main["parent_indicator"], main["action_id"])
            if not pd.isna(h) and heading_concepts.get((str(t), str(h)), set()) & level_concepts
        }
        rows.append(
            {
                "doc_id": doc_id,
                "results_level": level,
                "n_concepts": len(at_level),
                "n_concepts_with_actions": int((at_level["n_actions"] > 0).sum()),
                "n_concepts_linked_up": int(at_level["linked_up"].sum()),
                "n_actions": len(actions_at_level),
                "n_actions_under_objective": len(actions_under_objective),
                "n_actions_in_document": len(main),
            }
        )
    return pd.DataFrame(rows).astype(
        {
            "doc_id": "string",
            "results_level": "string",
            "n_concepts": "int64",
            "n_concepts_with_actions": "int64",
            "n_concepts_linked_up": "int64",
            "n_actions": "int64",
            "n_actions_under_objective": "int64",
            "n_actions_in_document": "int64",
        }
    )
