"""Achievement (capaian) of realisations against the plan, and its status.

:func:`achievement` compares each realisation read from a monitoring
workbook with its target in the direction that is better for the indicator
(higher or lower), sums or takes the latest quarter for annual Totals as the
plan says, and gives every comparison a status in the spirit of the Open SDG
progress statuses (:data:`STATUSES`).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from rbdata.analysis.monitoring.plan_table import (
    _has_target,
    _isna,
    _period_label,
    _period_order,
    _year_of,
    plan,
)
from rbdata.text.normalise import squash

#: Capaian (percent) at or above which a target counts as achieved.
ACHIEVED_MIN = 100.0
#: Capaian (percent) at or above which a target not yet achieved is "on
#: track". 95 follows the "on track" threshold of the Open SDG progress
#: measure (ratio of observed to required progress of at least 95%).
ON_TRACK_MIN = 95.0
#: Status categories of :func:`achievement`, from best to worst, then the
#: two that say why no status could be given.
STATUSES = ("achieved", "on track", "behind", "deteriorating", "no target", "no data")
#: Indonesian gloss of each status, for bilingual labels (monitoring teams
#: report in Indonesian: capaian 'tercapai', 'tertinggal', ...).
STATUS_ID = {
    "achieved": "tercapai",
    "on track": "sesuai jalur",
    "behind": "tertinggal",
    "deteriorating": "memburuk",
    "no target": "tanpa target",
    "no data": "tanpa data",
}
#: Formulas for lower-is-better indicators: ``"ratio"`` is target /
#: realisation x 100 (the default), ``"complement"`` is (2 - realisation /
#: target) x 100.
LOWER_FORMULAS = ("ratio", "complement")
#: How an annual Total whose relation to its quarters is not printed
#: (``total_kind`` NA) is compared: with the sum of the quarters.
DEFAULT_TOTAL_KIND = "sum"

_ACH_COLUMNS = [
    "id",
    "table",
    "doc_id",
    "source_line",
    "period",
    "basis",
    "track",
    "name",
    "unit",
    "direction",
    "agency",
    "coordinator",
    "target",
    "target_text",
    "target_label",
    "realisation",
    "realisation_label",
    "reference",
    "capaian",
    "status",
    "note",
]


def _capaian(r: float, t: float, direction: str, lower: str):
    """(capaian in percent or NaN, note) for numbers r (realisation), t (target)."""
    if t == 0 or t < 0:
        return (
            math.nan,
            f"{'zero' if t == 0 else 'negative'} target: ratio undefined, target compared directly",
        )
    if direction == "lower":
        if lower == "complement":
            return 100.0 * (2.0 - r / t), ""
        if r <= 0:
            return math.nan, "realisation 0 or below on a lower-is-better target: ratio undefined, target met"
        return 100.0 * t / r, ""
    return 100.0 * r / t, ""


def _meets(r: float, t: float, direction: str) -> bool:
    return r <= t if direction == "lower" else r >= t


def _worse(r: float, ref: float, direction: str) -> bool:
    return r > ref if direction == "lower" else r < ref


def _status(r, lab, t, t_label, direction, ref, lower):
    """(capaian, status, note) of one comparison."""
    has_r = not _isna(r)
    has_lab = not _isna(lab)
    if _isna(t):
        if _isna(t_label):
            return math.nan, "no target", "no target printed for this period"
        # a label target (WTP, B, Paripurna): equal label or not
        if not has_lab:
            if has_r:
                return math.nan, "no data", f"label target {t_label!r}: a number cannot be compared"
            return math.nan, "no data", ""
        same = squash(lab) == squash(t_label)
        return (100.0, "achieved", "label equal") if same else (0.0, "behind", "label differs")
    if not has_r:
        return math.nan, "no data", ""
    cap, note = _capaian(float(r), float(t), direction, lower)
    if math.isnan(cap):
        met = _meets(float(r), float(t), direction)
        status = "achieved" if met else "behind"
    # rounded so that 100 x 0.29 / 0.29 = 99.99999999999999 counts as 100
    elif round(cap, 9) >= ACHIEVED_MIN:
        status = "achieved"
    elif round(cap, 9) >= ON_TRACK_MIN:
        status = "on track"
    else:
        status = "behind"
    if status != "achieved" and not _isna(ref) and _worse(float(r), float(ref), direction):
        status = "deteriorating"
        note = (note + "; " if note else "") + "worse than the reference value"
    return cap, status, note


def achievement(
    realisations: pd.DataFrame, targets: pd.DataFrame | None = None, lower: str = "ratio"
) -> pd.DataFrame:
    """Achievement (capaian, percent) of each realisation against its target.

    Formulas (r = realisation, t = target, both in the unit of the target):

    * higher is better: capaian = r / t x 100;
    * lower is better, ``lower='ratio'`` (default): capaian = t / r x 100,
      so reaching t gives 100 and overshooting downwards gives more than
      100 (AKB: t = 10,9, r = 11,5 gives 94.78). The alternative
      ``lower='complement'`` is (2 - r / t) x 100, which is linear in r and
      can go below zero.
    * label targets (``WTP``, ``B``, ``Paripurna``): the label typed is
      compared for equality (case and spacing ignored): 100 if equal, else 0.
    * zero or negative target, or r <= 0 on a lower-is-better target
      (ratio form): the ratio is undefined; capaian is NaN and the status
      says whether r meets t (higher: r >= t; lower: r <= t). A missing
      target (``-`` or empty) gives status ``'no target'``; a missing
      realisation ``'no data'``. Nothing is divided by zero.

    Which realisation is compared with which target:

    * a period with its own target (a year of Blora, a quarter of a Batang
      action) uses the realisation of that period (basis ``'period'``);
    * a Batang indicator has an annual 2023 target only: each quarter's
      value is compared with it (basis ``'annual target'``: the level
      reached so far), and the year ``'2023'`` uses the latest quarter
      reported (basis ``'latest quarter'``);
    * the printed Total ``'2023'`` of a Batang action follows
      ``total_kind``: ``'sum'`` is compared with the sum of the quarters
      reported (basis ``'sum of quarters'``; the note says how many of four
      were reported), ``'level'`` (a cumulative target) with the latest
      quarter reported (basis ``'latest quarter'``). A Total whose relation
      is not printed (NA) is treated as :data:`DEFAULT_TOTAL_KIND` and
      noted.

    Status (in the spirit of the Open SDG progress statuses), thresholds in
    :data:`ACHIEVED_MIN` and :data:`ON_TRACK_MIN`:

    * ``'achieved'``: capaian >= 100 (or label equal, or target met where
      the ratio is undefined);
    * ``'on track'``: 95 <= capaian < 100;
    * ``'behind'``: capaian < 95 (or label differs, or target not met);
    * ``'deteriorating'``: not achieved and worse, in the indicator's
      direction, than the reference value: the realisation of the previous
      period of the same row (a year before, a quarter before) where the
      row is a level (indicators, actions whose Total is a ``'level'``),
      otherwise the indicator's baseline (kondisi awal) from the plan.
      Additive outputs are never deteriorating;
    * ``'no target'``, ``'no data'``: see above.

    Parameters
    ----------
    realisations : pandas.DataFrame
        As returned by :func:`read_workbook` (at least ``id``, ``period``,
        ``realisation``; ``realisation_label`` for label targets).
    targets : pandas.DataFrame, optional
        The plan, as returned by :func:`plan` (at least ``id``, ``period``,
        ``target``, ``direction``; optional ``table``, ``target_label``,
        ``total_kind``, ``baseline`` and context columns). Default: the
        plan of the documents named in ``realisations['doc_id']``.
    lower : {'ratio', 'complement'}
        Formula for lower-is-better targets (see above).

    Returns
    -------
    pandas.DataFrame
        One row per id x period compared:

        - ``id``, ``table``, ``doc_id`` (string): as in the plan.
        - ``source_line`` (Int64): line of the indicator / action in
          ``data/raw/<doc_id>.txt`` (NA if ``targets`` has no such column).
        - ``period`` (string): as in the realisations; ``'2023'`` is the
          year of Batang (Total or latest quarter, see ``basis``).
        - ``basis`` (string): ``'period'``, ``'annual target'``,
          ``'sum of quarters'`` or ``'latest quarter'`` (see above).
        - ``track``, ``name``, ``unit``, ``direction``, ``agency``,
          ``coordinator`` (string): context from the plan.
        - ``target`` (float64), ``target_text``, ``target_label`` (string):
          the target compared with.
        - ``realisation`` (float64), ``realisation_label`` (string): the
          realisation compared (a sum or the latest quarter for years).
        - ``reference`` (float64): value a worse realisation counts as
          deteriorating against; NaN where none.
        - ``capaian`` (float64): achievement in percent; NaN where
          undefined (see ``note``).
        - ``status`` (string): one of :data:`STATUSES`.
        - ``note`` (string): why capaian is NaN, how many quarters a sum
          covers, label comparison; empty string where nothing to say.
    """
    if lower not in LOWER_FORMULAS:
        raise ValueError(f"lower must be one of {LOWER_FORMULAS}, not {lower!r}")
    real = realisations.copy()
    if "realisation_label" not in real.columns:
        real["realisation_label"] = pd.NA
    if targets is None:
        docs = sorted(set(real["doc_id"].dropna().astype(str)))
        targets = pd.concat([plan(d) for d in docs], ignore_index=True) if docs else plan()
    tg = targets.copy()
    for col, default in (
        ("table", "targets"),
        ("target_label", pd.NA),
        ("total_kind", pd.NA),
        ("baseline", math.nan),
        ("target_text", pd.NA),
        ("doc_id", pd.NA),
    ):
        if col not in tg.columns:
            tg[col] = default
    for col in ("track", "name", "unit", "agency", "coordinator"):
        if col not in tg.columns:
            tg[col] = pd.NA
    if "table" not in real.columns:
        # an indicator and an action printed on the same line share their id
        tables = tg.groupby("id")["table"].agg(lambda s: sorted(set(s)))
        amb = [i for i in real["id"].unique() if len(tables.get(i, [])) > 1]
        if amb:
            raise ValueError(
                f"ids {amb[:3]} are both an indicator and an action: give realisations a "
                "'table' column ('targets' or 'actions'), as read_workbook does"
            )
        real["table"] = real["id"].map(lambda i: tables[i][0] if i in tables else pd.NA)
    known = set(zip(tg["table"], tg["id"]))
    missing = sorted({k for k in zip(real["table"], real["id"]) if k not in known}, key=str)
    if missing:
        raise ValueError(f"realisations name ids that are not in the plan: {missing[:5]}")
    plans = _plan_by_key(tg)
    out = []
    for (table, rid), grp in real.groupby(["table", "id"], sort=False):
        ptab = plans[(table, rid)]
        ctx = dict(next(iter(ptab.values())))
        ctx["table"], ctx["id"] = table, rid
        by_period = {
            str(p): (v, lab) for p, v, lab in zip(grp["period"], grp["realisation"], grp["realisation_label"])
        }
        periods = sorted(by_period, key=_period_order)
        is_level_row = table == "targets"
        years_done = set()
        prev = math.nan
        for p in periods:
            r, lab = by_period[p]
            year = _year_of(p)
            if p in ptab:
                trow, basis = ptab[p], "period"
            elif year and year in ptab and table == "targets":
                trow, basis = ptab[year], "annual target"
            else:
                trow, basis = None, "period"
            level = is_level_row or _total_kind(ptab, p) == "level"
            ref = prev if (level and not _isna(prev)) else _baseline(ctx)
            out.append(_row(rid, p, basis, ctx, trow, r, lab, ref, lower, ""))
            if level and not _isna(r):
                prev = float(r)
            if year:
                years_done.add(year)
        for y in sorted(years_done):
            if y in by_period or y not in ptab:
                continue
            trow = ptab[y]
            quarters = [(q, by_period[q][0]) for q in periods if _year_of(q) == y]
            got = [(q, float(v)) for q, v in quarters if not _isna(v)]
            kind = "level" if table == "targets" else _total_kind(ptab, y)
            note = ""
            if kind not in ("sum", "level"):
                if _has_target(trow["target"], trow["target_label"], trow["target_text"]):
                    note = f"Total neither sum nor level of the quarters: treated as {DEFAULT_TOTAL_KIND}"
                kind = DEFAULT_TOTAL_KIND
            labels = [by_period[q][1] for q in periods if _year_of(q) == y and not _isna(by_period[q][1])]
            if kind == "sum":
                r = sum(v for _, v in got) if got else math.nan
                basis = "sum of quarters"
                n_q = len({q for q, _ in quarters} | {q for q in ptab if _year_of(q) == y})
                if got and len(got) < n_q:
                    note = (note + "; " if note else "") + f"{len(got)} of {n_q} quarters reported"
                ref = _baseline(ctx)
            else:
                r = got[-1][1] if got else math.nan
                basis = "latest quarter"
                if got:
                    note = (note + "; " if note else "") + f"latest reported: {_period_label(got[-1][0])}"
                earlier = [v for _, v in got[:-1]]
                ref = earlier[-1] if earlier else _baseline(ctx)
            lab = labels[-1] if labels else pd.NA
            out.append(_row(rid, y, basis, ctx, trow, r, lab, ref, lower, note))
    df = pd.DataFrame(out, columns=_ACH_COLUMNS)
    for c in _ACH_COLUMNS:
        if c in ("target", "realisation", "reference", "capaian"):
            df[c] = df[c].astype("float64")
        elif c == "source_line":
            df[c] = df[c].astype("Int64")
        else:
            df[c] = df[c].astype("string")
    return df


def _plan_by_key(tg: pd.DataFrame) -> dict[tuple, dict[str, dict]]:
    """(table, id) -> {period: plan row as a dict}, periods in sorted order.

    Plain dicts hold the same values as rows of ``tg``; looking rows up in
    them is much cheaper than a pandas lookup per id and period.
    """
    tg = tg.sort_values(["table", "id", "period"], kind="stable")
    cols = [c for c in tg.columns if c not in ("table", "id", "period")]
    values = [tg[c].to_numpy() if isinstance(tg[c].dtype, np.dtype) else list(tg[c].array) for c in cols]
    out: dict[tuple, dict[str, dict]] = {}
    for pos, key in enumerate(zip(tg["table"], tg["id"], tg["period"])):
        out.setdefault(key[:2], {})[key[2]] = {c: v[pos] for c, v in zip(cols, values)}
    return out


def _total_kind(ptab: dict[str, dict], period: str):
    """total_kind of the Total of the year of ``period`` (NA if none)."""
    y = _year_of(period) or period
    if y in ptab:
        v = ptab[y]["total_kind"]
        return None if _isna(v) else str(v)
    return None


def _baseline(ctx) -> float:
    v = ctx.get("baseline", math.nan)
    return math.nan if _isna(v) else float(v)


def _row(rid, period, basis, ctx, trow, r, lab, ref, lower, note):
    t = math.nan if trow is None else trow["target"]
    t_label = pd.NA if trow is None else trow["target_label"]
    t_text = pd.NA if trow is None else trow["target_text"]
    direction = str(ctx["direction"]) if not _isna(ctx["direction"]) else "higher"
    r = math.nan if _isna(r) else float(r)
    cap, status, why = _status(r, lab, t, t_label, direction, ref, lower)
    if trow is None:
        why = "no target printed for this period"
    return {
        "id": rid,
        "table": ctx["table"],
        "doc_id": ctx["doc_id"],
        "source_line": ctx.get("source_line", pd.NA),
        "period": period,
        "basis": basis,
        "track": ctx["track"],
        "name": ctx["name"],
        "unit": ctx["unit"],
        "direction": direction,
        "agency": ctx["agency"],
        "coordinator": ctx["coordinator"],
        "target": math.nan if _isna(t) else float(t),
        "target_text": t_text,
        "target_label": t_label,
        "realisation": r,
        "realisation_label": lab,
        "reference": ref,
        "capaian": cap,
        "status": status,
        "note": "; ".join(x for x in (note, why) if x),
    }
