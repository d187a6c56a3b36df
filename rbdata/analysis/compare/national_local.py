"""What each road map takes from the national template and what it decides itself.

Both regulations are regency road maps inside a national frame set by the
Ministry of Administrative and Bureaucratic Reform (Kementerian PANRB): the
eight areas of change, the goal and strategic goals, the 22 outcome indices
(Batang's Tabel 2.1 ends 'Sumber: Kementerian PANRB'), the double track, the
Tematik theme menu and the five criteria for choosing a theme. A difference
between the documents in these elements is a difference of national period
(before and after the 2022 sharpening), not a choice of either regency. What a
regency decides is which indicators it targets and at what value, its actions,
its budgets and, in Batang, its theme scores.
"""

from __future__ import annotations

import pandas as pd

from rbdata.analysis.compare.common import typed
from rbdata.contract.schema import DOC_IDS, FRAME_KINDS
from rbdata.loaders import (
    load_actions,
    load_budget_lines,
    load_national_frame,
    load_targets,
    load_theme_scores,
)

__all__ = ["national_and_local"]

#: English names of the kinds of national element (``national_frame.kind``).
FRAME_KIND_EN = {
    "area": "areas of change",
    "outcome_index": "outcome indices of the old road map (Tabel 2.1)",
    "goal": "goal of RB",
    "strategic_goal": "strategic goals (sasaran strategis)",
    "track": "tracks (General / Tematik)",
    "theme": "Tematik themes (national menu)",
    "theme_priority": "presidential priorities within theme 4",
    "criterion": "criteria for choosing a theme",
}


def _lines(lines: pd.Series) -> str:
    lines = lines.dropna().astype(int)
    if lines.empty:
        return ""
    lo, hi = int(lines.min()), int(lines.max())
    return str(lo) if lo == hi else f"{lo}-{hi}"


def _local_rows(doc: str) -> list[dict]:
    targets = load_targets(doc)
    actions = load_actions(doc)
    budgets = load_budget_lines(doc)
    scores = load_theme_scores(doc)
    first_printings = budgets[budgets["repeat_of"].isna()]
    return [
        {
            "element": "indicator concepts targeted",
            "n": targets["concept_id"].nunique(),
            "rows": targets,
        },
        {"element": "target rows (one per indicator row and period)", "n": len(targets), "rows": targets},
        {"element": "actions (rencana aksi)", "n": len(actions), "rows": actions},
        {
            "element": "budget lines (first printings)",
            "n": len(first_printings),
            "rows": first_printings,
        },
        {"element": "theme scores (Tabel 4.1)", "n": len(scores), "rows": scores},
    ]


def national_and_local() -> pd.DataFrame:
    """Every element of both road maps, by who decides it: the national frame or the regency.

    National elements come from :func:`rbdata.load_national_frame` (each
    printed once per document where the document reproduces it); regency
    elements are counted from the regency's own tables.

    Returns
    -------
    pandas.DataFrame
        One row per element and document, with

        - ``authority`` (string): ``'national'`` (set by Kementerian PANRB and
          reproduced by the document) or ``'regency'`` (the document's own choice);
        - ``element`` (string): what is counted, in English;
        - ``kind`` (string): ``national_frame.kind`` for national elements, NA otherwise;
        - ``doc_id`` (string);
        - ``n`` (int64): how many the document prints (0 where it prints none);
        - ``lines`` (string): first and last source line (``'a-b'``), empty where none;
        - ``tables`` (string): the tables they are printed in, ``'; '``-joined
          (national elements: NA, their lines say where).

        National rows first (in the order of ``FRAME_KINDS``), then the
        regency's; within each, Blora before Batang.
    """
    frame = load_national_frame()
    rows = []
    for kind in FRAME_KINDS:
        for doc in DOC_IDS:
            part = frame[(frame["kind"] == kind) & (frame["doc_id"] == doc)]
            rows.append(
                {
                    "authority": "national",
                    "element": FRAME_KIND_EN[kind],
                    "kind": kind,
                    "doc_id": doc,
                    "n": len(part),
                    "lines": _lines(part["source_line"]),
                    "tables": pd.NA,
                }
            )
    for doc in DOC_IDS:
        for r in _local_rows(doc):
            found = r["rows"]
            rows.append(
                {
                    "authority": "regency",
                    "element": r["element"],
                    "kind": pd.NA,
                    "doc_id": doc,
                    "n": int(r["n"]),
                    "lines": _lines(found["source_line"]),
                    "tables": "; ".join(dict.fromkeys(found["table_id"].dropna().astype(str))) or pd.NA,
                }
            )
    df = pd.DataFrame(rows)
    order = {d: i for i, d in enumerate(DOC_IDS)}
    df = df.assign(_doc=df["doc_id"].map(order), _auth=(df["authority"] == "regency").astype(int))
    df = df.sort_values(["_auth", "_doc"], kind="stable").drop(columns=["_doc", "_auth"])
    return typed(df, {"n": "int64"})
