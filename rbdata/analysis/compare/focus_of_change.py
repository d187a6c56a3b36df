"""Blora's five focus groups of change and what its tables make of them.

Bab III of Perbup Blora 35/2020 names five focus groups ('5 (lima) fokus
perubahan', blora-2020:380); the indicator and action tables of sections B
and C have four groups (I-IV). The pairing is curated in
``reference/blora_focus_groups.csv`` with the lines that justify it; the
integrity-zone focus (Prioritas Zona Integritas, blora-2020:523) has no
table. Section C repeats the indicators of section B row for row, so
indicators are counted on concepts (``targets.concept_id``) as well as on
rows of each section.
"""

from __future__ import annotations

import pandas as pd

from rbdata.analysis.compare.common import typed
from rbdata.analysis.compare.labels import english_labels
from rbdata.loaders import load_actions, load_statements, load_targets
from rbdata.reference import read_reference

__all__ = ["blora_focus_groups"]

_DOC = "blora-2020"


def blora_focus_groups() -> pd.DataFrame:
    """Blora's five focus groups (Bab III) with the indicators and actions its tables give each.

    Returns
    -------
    pandas.DataFrame
        One row per focus group, in printed order, with

        - ``focus_no`` (int64): number in Bab III (1-5);
        - ``focus`` (string): heading as printed (``load_statements()``, category ``priority_group``);
        - ``focus_line`` (int64): its line in blora-2020.txt;
        - ``track`` (string): the group of sections B and C that carries it (``targets.track``);
          NA for a focus no table carries;
        - ``track_en`` (string): English name of that group;
        - ``n_concepts`` (int64): distinct indicator concepts of the group (a section B row and its
          section C copy are one concept);
        - ``n_rows_b``, ``n_rows_c`` (int64): indicator rows of the group in section B and in
          section C (one per printed row, periods not counted);
        - ``n_actions`` (int64): actions (kegiatan) of the group in section C;
        - ``note`` (string): the lines that justify the pairing (``reference/blora_focus_groups.csv``).
    """
    statements = load_statements(_DOC)
    headings = statements[statements["category"] == "priority_group"]
    heading_at = dict(zip(headings["source_line"].astype(int), headings["text"].astype(str)))
    targets = load_targets(_DOC)
    rows_of = targets.drop_duplicates(["table_id", "source_line"])
    actions = load_actions(_DOC)
    track_en = english_labels("track")
    out = []
    for r in read_reference("blora_focus_groups"):
        line = int(r["focus_line"])
        if line not in heading_at:
            raise ValueError(
                f"rbdata/reference/blora_focus_groups.csv: line {line} is not a focus-group heading "
                f"of {_DOC} (load_statements category 'priority_group')"
            )
        track = r["track"] or None
        mine = rows_of[rows_of["track"] == track] if track else rows_of.iloc[0:0]
        out.append(
            {
                "focus_no": int(r["focus_no"]),
                "focus": heading_at[line],
                "focus_line": line,
                "track": track,
                "track_en": track_en.get(track) if track else None,
                "n_concepts": int(targets.loc[targets["track"] == track, "concept_id"].nunique())
                if track
                else 0,
                "n_rows_b": int(mine["table_id"].str.startswith("B").sum()),
                "n_rows_c": int(mine["table_id"].str.startswith("C").sum()),
                "n_actions": int((actions["track"] == track).sum()) if track else 0,
                "note": r["note"],
            }
        )
    return typed(
        pd.DataFrame(out),
        {
            "focus_no": "int64",
            "focus": "string",
            "focus_line": "int64",
            "track": "string",
            "track_en": "string",
            "n_concepts": "int64",
            "n_rows_b": "int64",
            "n_rows_c": "int64",
            "n_actions": "int64",
            "note": "string",
        },
    )
