"""Rules on the action plans: one action listed twice with other targets, one
budget line printed under several actions, lettered or numbered actions that
skip items."""

from __future__ import annotations

import re

import pandas as pd

from rbdata.analysis.quality.framework import (
    as_float,
    as_printed,
    finding,
    group_by,
    line_ref,
    records,
    rupiah,
    same_number,
)
from rbdata.analysis.quality.wording import action_key, indicator_words, unit_class
from rbdata.loaders import load_action_targets, load_actions

__all__ = ["SUB_ACTIVITY_MIN_SIMILARITY", "duplicate_actions", "numbering_gaps"]

#: Minimum rapidfuzz ``ratio`` of two sub-activity names (lower case, without
#: a leading 'Sub Kegiatan') printed with the same amount for them to count
#: as one budget line: 'Fasilitasi Pelayanan Publik dan Tata Laksana' and
#: 'Sub Kegiatan Fasilitas Pelayanan Publik dan Tata Laksana' score 99.
SUB_ACTIVITY_MIN_SIMILARITY = 90.0


# --------------------------------------------------------------------------
# duplicate_actions: one action or budget line printed twice
# --------------------------------------------------------------------------


def _sub_activity_key(text) -> str:
    """Sub-activity wording as words (read like an indicator's, see
    :func:`indicator_words`) without a leading 'Sub (Kegiatan)'."""
    key_words = indicator_words(text if text is not None and not pd.isna(text) else "")
    while key_words and key_words[0] in ("sub", "kegiatan"):
        key_words = key_words[1:]
    return " ".join(key_words)


def _target_vectors(doc_id: str) -> dict[str, dict[str, tuple]]:
    """action_id -> {period: (value, printed)} for cells that hold something."""
    at = load_action_targets(doc_id)
    out: dict[str, dict[str, tuple]] = {}
    for r in records(at):
        printed = as_printed(r["value_text"])
        if not printed or printed == "-":
            continue
        out.setdefault(r["action_id"], {})[r["period"]] = (as_float(r["value"]), printed)
    return out


def _differs(a: tuple, b: tuple) -> bool:
    (va, pa), (vb, pb) = a, b
    if not pd.isna(va) and not pd.isna(vb):
        return not same_number(va, vb)
    return pa.casefold() != pb.casefold()


def _vector_text(vec: dict[str, tuple]) -> str:
    return ", ".join(f"{p}: {printed}" for p, (_, printed) in sorted(vec.items()))


def _duplicate_targets(doc_id: str) -> list[dict]:
    acts = load_actions(doc_id)
    acts = acts[acts["parent_action_id"].isna()]
    vecs = _target_vectors(doc_id)
    # one action = same wording and same kind of unit; a generic wording
    # ('Monitoring, evaluasi dan pelaporan') in '%' and in 'Laporan' names
    # two different activities
    groups = group_by(records(acts), lambda r: f"{action_key(r['action'])}|{unit_class(r['output_unit'])}")
    out = []
    for key, rows in groups.items():
        if key.startswith("|") or len(rows) < 2:
            continue
        rows = sorted(rows, key=lambda r: r["source_line"])
        diff_periods = set()
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                va, vb = vecs.get(a["action_id"], {}), vecs.get(b["action_id"], {})
                for p in set(va) & set(vb):
                    if _differs(va[p], vb[p]):
                        diff_periods.add(p)
        budgets = {r["budget_idr"] for r in rows if r["budget_idr"] is not None}
        if not diff_periods and len(budgets) < 2:
            continue
        name = as_printed(rows[0]["action"])
        listing = " | ".join(
            f"{_vector_text(vecs.get(r['action_id'], {})) or 'no targets'}"
            + (f", budget {r['budget_text']}" if r["budget_idr"] is not None else "")
            + f" ({line_ref(r['table_id'], r['source_line'])})"
            for r in rows
        )
        what = []
        if diff_periods:
            what.append("targets for " + ", ".join(sorted(diff_periods)))
        if len(budgets) > 1:
            what.append("budgets")
        msg = (
            f"The action '{name}' is listed {len(rows)} times in this document "
            f"({', '.join(line_ref(r['table_id'], r['source_line']) for r in rows)}) with different "
            f"{' and '.join(what)}: {listing}. "
            + "The copies cannot all be the plan for that action; cite the row of the table you mean and "
            "note the other."
        )
        out.append(
            finding(
                "error", msg, name, listing, [r["source_line"] for r in rows], [r["table_id"] for r in rows]
            )
        )
    return out


def _shared_budget_lines(doc_id: str) -> list[dict]:
    acts = load_actions(doc_id)
    # rows that share a merged budget cell already carry NaN and
    # budget_shared_with; only amounts printed again on several rows count here
    acts = acts[acts["budget_idr"].notna() & acts["budget_shared_with"].isna() & (acts["budget_idr"] > 0)]
    acts = acts.sort_values("source_line")
    from rapidfuzz import fuzz

    out = []
    for amount, g in acts.groupby("budget_idr", sort=True):
        if len(g) < 2:
            continue
        rows = g.to_dict("records")
        # link rows whose sub-activities read alike ('Fasilitasi' vs
        # 'Fasilitas' ...) into clusters
        clusters: list[list[dict]] = []
        for r in rows:
            k = _sub_activity_key(r["sub_activity"])
            if not k:
                continue
            for c in clusters:
                if any(
                    fuzz.ratio(k, _sub_activity_key(x["sub_activity"])) >= SUB_ACTIVITY_MIN_SIMILARITY
                    for x in c
                ):
                    c.append(r)
                    break
            else:
                clusters.append([r])
        for c in clusters:
            if len(c) < 2:
                continue
            name = as_printed(c[0]["sub_activity"])
            n = len(c)
            listing = " | ".join(
                f"{as_printed(r['budget_text'])} ({line_ref(r['table_id'], r['source_line'])})" for r in c
            )
            actions = "; ".join(f"'{as_printed(r['action'])}' (l.{r['source_line']})" for r in c)
            msg = (
                f"The sub-activity '{name}' with {rupiah(amount)} is printed on {n} actions: {actions}. "
                f"It is most likely one budget line that funds them all, printed again on each row; summing "
                f"budget_idr over these rows counts it {n} times and overstates the plan by "
                f"{rupiah(amount * (n - 1))}. Count the amount once when adding up budgets."
            )
            out.append(
                finding(
                    "warning", msg, name, listing, [r["source_line"] for r in c], [r["table_id"] for r in c]
                )
            )
    return out


def duplicate_actions(doc_id: str) -> list[dict]:
    """One action listed twice with different targets or budgets (error), and
    one budget line printed under several actions (warning).

    Parameters
    ----------
    doc_id : {'blora-2020', 'batang-2023'}
        Document to check.

    Returns
    -------
    list of dict
        One dict per finding with keys ``severity``, ``message``,
        ``indicator``, ``values``, ``lines`` (list of int) and
        ``table_ids``; :func:`rbdata.quality.check` numbers them and makes them rows.
    """
    return _duplicate_targets(doc_id) + _shared_budget_lines(doc_id)


# --------------------------------------------------------------------------
# numbering_gaps: lettered or numbered actions that skip items
# --------------------------------------------------------------------------


def _item_rank(no) -> int | None:
    """1 for 'a.' or '1.', 2 for 'b.' or '2.', ...; None for anything else."""
    if no is None or pd.isna(no):
        return None
    m = re.fullmatch(r"([a-z])[.)]", str(no)) or re.fullmatch(r"(\d+)[.)]", str(no))
    if not m:
        return None
    g = m.group(1)
    return ord(g) - ord("a") + 1 if g.isalpha() else int(g)


def numbering_gaps(doc_id: str) -> list[dict]:
    """Actions under one indicator whose letters or numbers skip items
    (b. followed by k.): the skipped actions are not in the text, so the
    plan as published is incomplete there.

    Parameters
    ----------
    doc_id : {'blora-2020', 'batang-2023'}
        Document to check.

    Returns
    -------
    list of dict
        One dict per gap with keys ``severity``, ``message``,
        ``indicator``, ``values``, ``lines`` (list of int) and
        ``table_ids``; :func:`rbdata.quality.check` numbers them and makes them rows.
    """
    acts = load_actions(doc_id)
    groups: dict[tuple, list[dict]] = {}
    for r in acts[acts["sub_row"].isna()].sort_values("source_line").to_dict("records"):
        groups.setdefault((r["table_id"], r["parent_source_line"]), []).append(r)
    out = []
    for (table_id, _), rows in groups.items():
        prev = None
        for r in rows:
            rank = _item_rank(r["action_no"])
            if rank is None:
                continue
            if prev is not None and rank > prev[0] + 1:
                first, last = prev[1], str(r["action_no"])
                out.append(
                    finding(
                        "warning",
                        f"The actions under '{r['parent_indicator']}' ({table_id}) go from {first} (line {prev[2]}) "
                        f"straight to {last} (line {r['source_line']}): {rank - prev[0] - 1} action(s) in between "
                        "are not in the text. Treat counts and budget totals of this plan as incomplete.",
                        r["parent_indicator"],
                        f"{first} (l.{prev[2]}) -> {last} (l.{r['source_line']})",
                        [prev[2], r["source_line"]],
                        [table_id],
                    )
                )
            prev = (rank, str(r["action_no"]), int(r["source_line"]))
    return out
