"""Money in the action plans, from the budget lines, each rupiah once.

A Jumlah Anggaran cell is the budget of the supporting sub-activity (Sub
Kegiatan Pendukung) in the regional budget structure, not money earmarked
for reform; one sub-activity printed again under other actions is one
budget, and central-government money (APBN, BOS, PIP, Bantuan Pemerintah
Pusat) in a regency's plan is money the regency coordinates, not money it
spends. So totals here come from ``load_budget_lines()``, count a line only
at its first printing (``repeat_of`` NA), and keep central money apart.
"""

from __future__ import annotations

import pandas as pd

from rbdata.analysis.compare.common import agency_function
from rbdata.loaders import load_budget_lines

__all__ = ["MONEY_CAVEAT", "money"]

#: What the totals of :func:`money` are and are not, in words (also in the result's ``attrs``).
MONEY_CAVEAT = (
    "Jumlah Anggaran is the whole budget of the supporting sub-activity (Sub Kegiatan Pendukung), "
    "not money spent on reform. Each budget line is counted once, at its first printing; central "
    "money (APBN, BOS, PIP, Bantuan Pemerintah Pusat) is what the regency coordinates, not what it "
    "spends, and is shown apart. A cell that prints no source is neither assumed regional nor central."
)

_GROUPINGS = ("track", "coordinator", "executor", "function")


def _function_of(agencies: pd.Series) -> pd.Series:
    """The function(s) of an agency cell ('A; B' -> 'f(A); f(B)', each once, in order)."""
    function = agency_function()

    def one(cell: object) -> object:
        if cell is None or pd.isna(cell):
            return pd.NA
        names = str(cell).split("; ")
        seen = [function.get(n, "(unknown)") for n in names]
        return "; ".join(dict.fromkeys(seen))

    return agencies.map(one)


def money(by: str = "track", doc_id: str = "batang-2023") -> pd.DataFrame:
    """Budget totals of the action plans by track, coordinator, executor or agency function.

    Parameters
    ----------
    by : {'track', 'coordinator', 'executor', 'function'}, default 'track'
        What to group by. ``function`` is the function of the line's
        executing agency (``load_agencies().function`` of ``executor``): the
        coordinator of most Tematik lines is the planning agency, which says
        who coordinates, not what the money is for. A cell naming several
        agencies is one group of its own ('A; B'), so that every line counts
        once and the groups add up to the document's total.
    doc_id : str, default 'batang-2023'
        Document; Blora prints no budgets (the result is empty).

    Returns
    -------
    pandas.DataFrame
        One row per group, by decreasing regional-or-unmarked amount:

        - the group column (string; '(none)' where the cell is empty);
        - ``n_printed`` (int64): budget cells printed, repeated printings included;
        - ``n_lines`` (int64): lines counted, each sub-activity budget once;
        - ``amount_idr`` (float64, rupiah): all money of those lines;
        - ``central_idr`` (float64, rupiah): the part marked as central-government money;
        - ``other_idr`` (float64, rupiah): the rest, regional or with no printed source;
        - ``other_share_pct`` (float64, %): share of the document's ``other_idr``.

        ``attrs['caveat']`` holds :data:`MONEY_CAVEAT`; ``attrs['repeats_left_out_idr']`` the
        rupiah of repeated printings that summing every cell would have counted again.

    Examples
    --------
    >>> from rbdata.analysis.compare import money
    >>> m = money()
    >>> int(m["amount_idr"].sum()), int(m["central_idr"].sum())
    (295568767315, 169692296645)
    """
    if by not in _GROUPINGS:
        raise ValueError(f"by must be one of {', '.join(_GROUPINGS)}; got {by!r}")
    lines = load_budget_lines(doc_id)
    key = _function_of(lines["executor"]) if by == "function" else lines[by]
    lines = lines.assign(
        _key=key.astype("string").fillna("(none)"),
        _once=lines["repeat_of"].isna(),
        _central=lines["funding_level"].astype("string").eq("central").fillna(False),
    )
    once = lines[lines["_once"]]
    groups = sorted(set(lines["_key"]))
    rows = []
    for g in groups:
        printed = lines[lines["_key"] == g]
        counted = once[once["_key"] == g]
        central = counted.loc[counted["_central"], "amount_idr"].sum()
        total = counted["amount_idr"].sum()
        rows.append(
            {
                by: g,
                "n_printed": len(printed),
                "n_lines": len(counted),
                "amount_idr": total,
                "central_idr": central,
                "other_idr": total - central,
            }
        )
    out = pd.DataFrame(rows, columns=[by, "n_printed", "n_lines", "amount_idr", "central_idr", "other_idr"])
    other_total = out["other_idr"].sum()
    out["other_share_pct"] = 100.0 * out["other_idr"] / other_total if other_total else float("nan")
    out = out.sort_values(["other_idr", by], ascending=[False, True], kind="stable").reset_index(drop=True)
    out = out.astype(
        {
            by: "string",
            "n_printed": "int64",
            "n_lines": "int64",
            "amount_idr": "float64",
            "central_idr": "float64",
            "other_idr": "float64",
            "other_share_pct": "float64",
        }
    )
    out.attrs["caveat"] = MONEY_CAVEAT
    out.attrs["repeats_left_out_idr"] = float(lines.loc[~lines["_once"], "amount_idr"].sum())
    return out
