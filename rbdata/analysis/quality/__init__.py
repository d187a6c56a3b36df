"""Where the road maps contradict themselves: a data-quality report.

Planning documents repeat the same indicator in several tables (Batang's
chapter II tables, Tabel 4.2, the Bab V outputs and the 2023 action plans;
Blora's section B and, row for row, section C), and the copies do not always
agree. Someone citing a target needs to know which numbers are contested.
:func:`check` runs a set of small rules over the parsed tables and returns
one row per finding, each traced to every line of ``data/raw/<doc_id>.txt``
it involves:

* ``conflicting_targets`` - one indicator, one period, two printed values;
* ``duplicate_actions`` - one action listed twice with other targets, and one
  budget line printed under several actions (summing overstates the plan);
* ``against_direction`` - a row whose targets move the wrong way;
* ``magnitude`` - a value about ten times its neighbour year or its twin;
* ``totals`` - printed totals that do not follow from their parts;
* ``unit_mismatch`` - a unit that contradicts the indicator's wording;
* ``misspelt_names`` - misspelt region and agency names.

Severity says how sure a reader can be that something is wrong: ``error``
(two printed numbers cannot both be right), ``warning`` (probably wrong or
misleading) and ``info`` (worth knowing, harmless for the values).

Indicators are matched across tables by their normalised wording (see
:func:`indicator_key`) and unit, plus the curated synonyms of
``reference/indicator_aliases.csv``. Nothing here types a number of the
documents: every value comes from the loaders. ``rapidfuzz`` is imported only
inside the functions that use it; nothing here imports matplotlib.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from rbdata.contract.schema import DOC_IDS, Column, Table
from rbdata.loaders import (
    derived_cache,
    load_action_targets,
    load_actions,
    load_agencies,
    load_areas,
    load_documents,
    load_indicator_crosswalk,
    load_targets,
    load_teams,
    load_theme_scores,
    parse_report,
    raw_line,
    raw_lines,
)
from rbdata.reference import read_reference

__all__ = [
    "RULES",
    "SEVERITIES",
    "MAGNITUDE_RATIO",
    "REGION_MIN_SIMILARITY",
    "SUB_ACTIVITY_MIN_SIMILARITY",
    "FINDINGS_TABLE",
    "Rule",
    "Summary",
    "check",
    "summary",
    "rules_table",
    "indicator_key",
    "raw_line",
    "quote_lines",
]

#: Severity levels, most serious first.
SEVERITIES = ("error", "warning", "info")

#: Two non-zero values of one quantity this many times apart are an order of
#: magnitude apart (a lost decimal comma or an extra digit: 6,6 vs 66,
#: 1001 vs 100). Below it a difference is an ordinary disagreement.
MAGNITUDE_RATIO = 8.0

#: Minimum rapidfuzz ``ratio`` of a word of the text to a word of the
#: document's own region name ('Bora' vs 'Blora' scores 89, 'Batag' vs
#: 'Batang' 91, 'Kapaten' vs 'Kabupaten' 88) for the word to count as a
#: misspelling of it. 'Barang' vs 'Batang' scores 83 and is not one.
REGION_MIN_SIMILARITY = 85.0

#: Minimum rapidfuzz ``ratio`` of two sub-activity names (lower case, without
#: a leading 'Sub Kegiatan') printed with the same amount for them to count
#: as one budget line: 'Fasilitasi Pelayanan Publik dan Tata Laksana' and
#: 'Sub Kegiatan Fasilitas Pelayanan Publik dan Tata Laksana' score 99.
SUB_ACTIVITY_MIN_SIMILARITY = 90.0


# --------------------------------------------------------------------------
# raw lines
# --------------------------------------------------------------------------


# the way back from a finding to its lines: one implementation, in rbdata._load
_lines = raw_lines


def quote_lines(doc_id: str, lines, cell_width: int | None = None) -> str:
    """The raw lines behind a finding, for reading.

    Parameters
    ----------
    doc_id : str
        Document.
    lines : str or iterable of int
        A finding's ``source_lines`` (``'357;377;655'``) or line numbers.
    cell_width : int, optional
        Cut every cell after this many characters (adding ``'…'``), so that
        the short value cells of a long row stay in view.

    Returns
    -------
    str
        One line per source line, ``'<n>: <text>'``, cells separated by
        ``' ⇥ '`` so that empty cells stay visible.

    Examples
    --------
    >>> print(quote_lines("batang-2023", "357;655", cell_width=55))
    357:  ⇥  ⇥ Nilai SAKIP ⇥ 66,30 ⇥ 68,00 ⇥ 68,50
    655:  ⇥ Indikator: Nilai SAKIP Target: 70,5 pada Tahun 2024 ⇥  ⇥ 2. Tersedianya kebijakan penguatan akuntabilitas kinerj… ⇥ 2023 ⇥ Bagian Organisasi Setda
    """
    if isinstance(lines, str):
        lines = [int(x) for x in lines.split(";") if x.strip()]
    out = []
    for n in lines:
        cells = raw_line(doc_id, n).rstrip().split("\t")
        if cell_width is not None:
            cells = [c if len(c) <= cell_width else c[:cell_width].rstrip() + "…" for c in cells]
        out.append(f"{n}: " + " ⇥ ".join(cells))
    return "\n".join(out)


# --------------------------------------------------------------------------
# normalisation
# --------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")
# '(Sumber: KPK)' and acronym glosses '(IPP)', '(IKM Kabupaten)', '(SAKIP)'
# repeat what the words say; qualifiers such as '(komulatif)' or
# '(Rp.000/ tahun)' change the meaning and stay.
_GLOSS = re.compile(r"\(\s*(?:Sumber\s*:[^()]*|[A-Z][A-Z0-9]+\b[^()]*)\)")
_WORDS = re.compile(r"[a-z0-9]+")
# Words that open an indicator name without changing what it measures:
# 'Nilai SAKIP' = 'SAKIP', 'Tingkat Maturitas SPIP' = 'Maturitas SPIP'.
_PREFIXES = ("nilai", "indeks", "tingkat")
_SPELLING = (("survey", "survei"), ("presentase", "persentase"))


def _words(text: str) -> list[str]:
    s = _GLOSS.sub(" ", _TAG.sub(" ", str(text))).casefold()
    for a, b in _SPELLING:
        s = s.replace(a, b)
    return _WORDS.findall(s)


def _plain_key(text: str) -> str:
    words = _words(text)
    while len(words) > 1 and words[0] in _PREFIXES:
        words = words[1:]
    return "".join(words)


@functools.cache
def _aliases(doc_id: str) -> dict[str, str]:
    out = {}
    for r in read_reference("indicator_aliases"):
        if r["doc_id"] == doc_id:
            out[_plain_key(r["alias"])] = _plain_key(r["canonical"])
    return out


def indicator_key(text: str, doc_id: str | None = None) -> str:
    """Key under which two wordings of an indicator count as the same.

    Case, spaces and punctuation are ignored; HTML fragments, ``(Sumber:
    ...)`` and acronym glosses in brackets (``(IPP)``, ``(IKM Kabupaten)``)
    are dropped; ``Survey`` is read as ``Survei`` and ``Presentase`` as
    ``Persentase``; leading ``Nilai`` / ``Indeks`` / ``Tingkat`` are dropped.
    With ``doc_id``, the synonyms of ``reference/indicator_aliases.csv`` for
    that document map to their canonical wording.

    Examples
    --------
    >>> indicator_key("Nilai Survei Kepuasan Masyarakat (IKM Kabupaten)")
    'surveikepuasanmasyarakat'
    >>> indicator_key("Survey Kepuasan Masyarakat")
    'surveikepuasanmasyarakat'
    >>> indicator_key("Tingkat maturitas SPIP") == indicator_key("Nilai Maturitas SPIP")
    True
    """
    key = _plain_key(text)
    if doc_id is not None:
        key = _aliases(doc_id).get(key, key)
    return key


def _unit_class(unit) -> str | None:
    """Unit reduced to what decides comparability; None where none is printed."""
    if unit is None or pd.isna(unit) or not str(unit).strip():
        return None
    u = str(unit)
    key = "".join(_WORDS.findall(u.casefold()))
    if "%" in u or key in ("persen", "persentase"):
        return "%"
    if key in ("nilai", "level", "skor", "indeks"):
        return "score"
    return key


def _unit_text(unit) -> str:
    return "" if unit is None or pd.isna(unit) else " ".join(str(unit).split())


def _printed(text) -> str:
    return "" if text is None or pd.isna(text) else " ".join(str(text).split())


def _fmt(x: float) -> str:
    """A number the Indonesian way: decimal comma, no trailing zeros."""
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", ".")
    return f"{x:.4f}".rstrip("0").replace(".", ",")


def _rupiah(x: float) -> str:
    return "Rp " + f"{int(round(x)):,}".replace(",", ".")


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _ratio(a: float, b: float) -> float:
    """How many times the larger is of the smaller; 0 if either is 0."""
    a, b = abs(a), abs(b)
    if a == 0 or b == 0:
        return 0.0
    return max(a, b) / min(a, b)


def _ref(table_id, line) -> str:
    return f"{table_id} l.{int(line)}"


def _nan(x) -> float:
    """A value of :func:`_records` as a float (NaN for None)."""
    return math.nan if x is None else float(x)


def _records(df: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts, missing values as None.

    Column by column through object arrays: the rules walk rows in Python,
    and pandas' per-row and per-group access costs more than the checks.
    """
    cols = {}
    for c in df.columns:
        vals = df[c].to_numpy(dtype=object, copy=True)
        vals[df[c].isna().to_numpy()] = None
        cols[c] = vals.tolist()
    return [dict(zip(cols, vals)) for vals in zip(*cols.values())]


# --------------------------------------------------------------------------
# findings
# --------------------------------------------------------------------------


def _finding(severity, message, indicator, values, lines, tables) -> dict:
    lines = sorted({int(x) for x in lines})
    seen = []
    for t in tables:
        if t is not None and not pd.isna(t) and str(t) and str(t) not in seen:
            seen.append(str(t))
    return {
        "severity": severity,
        "message": message,
        "indicator": indicator,
        "values": values,
        "lines": lines,
        "table_ids": ";".join(seen),
    }


@dataclass(frozen=True)
class Rule:
    """A rule of :func:`check`: its name, one-line description and function
    ``func(doc_id) -> list of finding dicts``."""

    name: str
    description: str
    func: Callable[[str], list]


# --------------------------------------------------------------------------
# rule 1 and 4b: one indicator, one period, several values
# --------------------------------------------------------------------------


@derived_cache
def _indicator_rows(doc_id: str) -> tuple[dict, ...]:
    """Target rows with a comparable value (as dicts, in line order), with
    their indicator key, unit class and printed value. Cached until
    ``rbdata.clear_cache()``; the dicts are shared, do not modify them."""
    t = load_targets(doc_id)
    t = t[t["value"].notna() | t["value_label"].notna()]
    t = t.sort_values(["source_line", "period", "kind"], kind="stable")
    rows = _records(t)
    for r in rows:
        r["value"] = _nan(r["value"])
        r["key"] = indicator_key(r["indicator"], doc_id)
        r["uclass"] = _unit_class(r["unit"])
        r["printed"] = _printed(r["value_text"])
    return tuple(rows)


def _group_by(rows: list[dict], key) -> dict:
    out: dict = {}
    for r in rows:
        out.setdefault(key(r), []).append(r)
    return out


def _clusters(rows: list[dict]):
    """Rows of one indicator split by unit class; rows without a unit join
    every class (the table prints none, so nothing tells them apart)."""
    for g in _group_by(rows, lambda r: r["key"]).values():
        classes = [c for c in dict.fromkeys(r["uclass"] for r in g) if c is not None]
        if not classes:
            yield g
            continue
        for c in classes:
            yield [r for r in g if r["uclass"] in (None, c)]


def _value_groups(cell: list[dict]) -> list[list[dict]]:
    """Rows of one (indicator, period, kind) grouped by equal value.

    Numbers compare as numbers ('85%' = '85', 'Level 3' = '3'); cells with
    a grade only ('WTP', 'B') compare by grade. A number and a grade are not
    comparable, so the larger of the two sets decides.
    """
    num = [r for r in cell if not math.isnan(r["value"])]
    lab = [r for r in cell if math.isnan(r["value"])]
    groups: list[list[dict]] = []
    if len(num) >= len(lab):
        for r in num:
            for g in groups:
                if _same(g[0]["value"], r["value"]):
                    g.append(r)
                    break
            else:
                groups.append([r])
    else:
        for r in lab:
            for g in groups:
                if str(g[0]["value_label"]).casefold() == str(r["value_label"]).casefold():
                    g.append(r)
                    break
            else:
                groups.append([r])
    return groups


def _group_text(group: list[dict]) -> str:
    """'68,50 (Tabel 2.3 l.357, Tabel 2.4 l.377)'; printings of one value
    that differ ('Level 3', '3') are joined with ' / '."""
    parts: dict[str, list[str]] = {}
    for r in group:
        parts.setdefault(r["printed"], []).append(_ref(r["table_id"], r["source_line"]))
    return " / ".join(f"{p} ({', '.join(refs)})" for p, refs in parts.items())


def _is_magnitude(groups: list[list[dict]]) -> bool:
    vals = [g[0]["value"] for g in groups if not math.isnan(g[0]["value"])]
    if len(vals) < 2 or any(v == 0 for v in vals):
        return False
    return _ratio(max(vals), min(vals)) >= MAGNITUDE_RATIO


_KIND_ORDER = {"baseline": 0, "target": 1}


@derived_cache
def _disagreements(doc_id: str) -> tuple:
    """(cluster rows, [(period, kind, value groups, magnitude?)]) for every
    indicator whose copies disagree somewhere. Cached until
    ``rbdata.clear_cache()``."""
    out = []
    for cl in _clusters(_indicator_rows(doc_id)):
        if len({r["target_id"] for r in cl}) < 2:
            continue
        bad = []
        cells = _group_by(cl, lambda r: (r["period"], _KIND_ORDER[r["kind"]]))
        for period, k in sorted(cells):
            cell = cells[(period, k)]
            if len({r["target_id"] for r in cell}) < 2:
                continue
            groups = _value_groups(cell)
            if len(groups) > 1:
                bad.append((period, cell[0]["kind"], groups, _is_magnitude(groups)))
        if bad:
            out.append((cl, bad))
    return tuple(out)


def _names(cl: list[dict]) -> tuple[str, str]:
    """First wording of an indicator and its other wordings, as printed."""
    names = list(dict.fromkeys(_printed(r["indicator"]) for r in sorted(cl, key=lambda r: r["source_line"])))
    others = names[1:]
    aka = f" (also printed {', '.join(repr(n) for n in others)})" if others else ""
    return names[0], aka


def _period_text(period, kind, groups) -> str:
    return f"{period} {kind}: " + " | ".join(_group_text(g) for g in groups)


def _units_differ(rows: list[dict]) -> list[str]:
    units = list(dict.fromkeys(_unit_text(r["unit"]) for r in rows if _unit_text(r["unit"])))
    return units if len(units) > 1 else []


def conflicting_targets(doc_id: str) -> list[dict]:
    """The same indicator with different printed values for the same period.

    Copies are matched by :func:`indicator_key` and unit class within one
    document, across every table (Batang Tabel 2.2-2.4, 4.2, Bab V and the
    2023 action plans; Blora section B and C). Disagreements of about ten
    times or more are left to :func:`magnitude`.

    Parameters
    ----------
    doc_id : {'blora-2020', 'batang-2023'}
        Document to check.

    Returns
    -------
    list of dict
        One dict per finding with keys ``severity``, ``message``,
        ``indicator``, ``values``, ``lines`` (list of int) and
        ``table_ids``; :func:`check` numbers them and makes them rows.
    """
    out = []
    for cl, bad in _disagreements(doc_id):
        bad = [b for b in bad if not b[3]]
        if not bad:
            continue
        name, aka = _names(cl)
        rows = [r for _, _, gs, _ in bad for g in gs for r in g]
        units = _units_differ(rows)
        parts = []
        for period, kind, groups, _ in bad:
            says = " vs ".join(
                f"{g[0]['printed']} in " + ", ".join(_ref(r["table_id"], r["source_line"]) for r in g)
                for g in groups
            )
            parts.append(f"{period} {kind} {says}")
        if units:
            severity = "warning"
            advice = (
                f"The copies print different units ({', '.join(repr(u) for u in units)}): they may express one "
                "target on two scales, but the document does not say how they relate. Cite each value with its "
                "unit and table, not as one agreed target."
            )
        else:
            severity = "error"
            advice = (
                "These cannot all be the document's target. Whoever cites one should name the table it comes "
                "from and mention the other figure (or quote the range)."
            )
        msg = (
            f"'{name}'{aka} is printed with different values for the same year: "
            + "; ".join(parts)
            + ". "
            + advice
        )
        out.append(
            _finding(
                severity,
                msg,
                name,
                "; ".join(_period_text(p, k, gs) for p, k, gs, _ in bad),
                [r["source_line"] for r in rows],
                [r["table_id"] for r in sorted(rows, key=lambda r: r["source_line"])],
            )
        )
    return out


# --------------------------------------------------------------------------
# rule 2: duplicate actions and budget lines
# --------------------------------------------------------------------------

_NUMBERING = re.compile(r"^\s*(?:\d+|[a-z])\s*[.)]\s*", re.I)


def _action_key(text) -> str:
    if text is None or pd.isna(text):
        return ""
    return "".join(_WORDS.findall(_NUMBERING.sub("", str(text)).casefold()))


def _sub_activity_key(text) -> str:
    """Sub-activity wording without a leading 'Sub (Kegiatan)' and spacing."""
    words = _words(text if text is not None and not pd.isna(text) else "")
    while words and words[0] in ("sub", "kegiatan"):
        words = words[1:]
    return " ".join(words)


def _target_vectors(doc_id: str) -> dict[str, dict[str, tuple]]:
    """action_id -> {period: (value, printed)} for cells that hold something."""
    at = load_action_targets(doc_id)
    out: dict[str, dict[str, tuple]] = {}
    for r in _records(at):
        printed = _printed(r["value_text"])
        if not printed or printed == "-":
            continue
        out.setdefault(r["action_id"], {})[r["period"]] = (_nan(r["value"]), printed)
    return out


def _differs(a: tuple, b: tuple) -> bool:
    (va, pa), (vb, pb) = a, b
    if not pd.isna(va) and not pd.isna(vb):
        return not _same(va, vb)
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
    groups = _group_by(
        _records(acts), lambda r: f"{_action_key(r['action'])}|{_unit_class(r['output_unit'])}"
    )
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
        name = _printed(rows[0]["action"])
        listing = " | ".join(
            f"{_vector_text(vecs.get(r['action_id'], {})) or 'no targets'}"
            + (f", budget {r['budget_text']}" if r["budget_idr"] is not None else "")
            + f" ({_ref(r['table_id'], r['source_line'])})"
            for r in rows
        )
        what = []
        if diff_periods:
            what.append("targets for " + ", ".join(sorted(diff_periods)))
        if len(budgets) > 1:
            what.append("budgets")
        msg = (
            f"The action '{name}' is listed {len(rows)} times in this document "
            f"({', '.join(_ref(r['table_id'], r['source_line']) for r in rows)}) with different "
            f"{' and '.join(what)}: {listing}. "
            + "The copies cannot all be the plan for that action; cite the row of the table you mean and "
            "note the other."
        )
        out.append(
            _finding(
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
            name = _printed(c[0]["sub_activity"])
            n = len(c)
            listing = " | ".join(
                f"{_printed(r['budget_text'])} ({_ref(r['table_id'], r['source_line'])})" for r in c
            )
            actions = "; ".join(f"'{_printed(r['action'])}' (l.{r['source_line']})" for r in c)
            msg = (
                f"The sub-activity '{name}' with {_rupiah(amount)} is printed on {n} actions: {actions}. "
                f"It is most likely one budget line that funds them all, printed again on each row; summing "
                f"budget_idr over these rows counts it {n} times and overstates the plan by "
                f"{_rupiah(amount * (n - 1))}. Count the amount once when adding up budgets."
            )
            out.append(
                _finding(
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
        ``table_ids``; :func:`check` numbers them and makes them rows.
    """
    return _duplicate_targets(doc_id) + _shared_budget_lines(doc_id)


# --------------------------------------------------------------------------
# rule 3: against the good direction
# --------------------------------------------------------------------------


def _row_series(doc_id: str):
    """Yield the numeric values of every indicator row, in time order."""
    rows = [r for r in _indicator_rows(doc_id) if not math.isnan(r["value"])]
    for g in _group_by(rows, lambda r: r["target_id"]).values():
        g = sorted(g, key=lambda r: (r["period"], _KIND_ORDER[r["kind"]]))
        if len(g) >= 2:
            yield g


def _label(r: dict) -> str:
    return f"{r['printed']} ({r['period']} {r['kind']})"


def _other_copies(doc_id: str) -> dict[tuple, list[str]]:
    """(target_id, period, kind) -> other printed values of the same indicator
    and period elsewhere in the document that differ from this row's."""
    out: dict[tuple, list[str]] = {}
    for _, bad in _disagreements(doc_id):
        for period, kind, groups, _ in bad:
            for g in groups:
                others = [_group_text(h) for h in groups if h is not g]
                for r in g:
                    out[(r["target_id"], period, kind)] = others
    return out


def against_direction(doc_id: str) -> list[dict]:
    """A row whose next value is worse than the one before it (a target below
    its own baseline, or a later target below an earlier one), judged by the
    indicator's ``direction``. Steps of about ten times are left to
    :func:`magnitude`.

    Parameters
    ----------
    doc_id : {'blora-2020', 'batang-2023'}
        Document to check.

    Returns
    -------
    list of dict
        One dict per finding with keys ``severity``, ``message``,
        ``indicator``, ``values``, ``lines`` (list of int) and
        ``table_ids``; :func:`check` numbers them and makes them rows.
    """
    others = _other_copies(doc_id)
    out = []
    for rows in _row_series(doc_id):
        steps = []
        for a, b in zip(rows, rows[1:]):
            if _same(a["value"], b["value"]) or _ratio(a["value"], b["value"]) >= MAGNITUDE_RATIO:
                continue
            worse = b["value"] < a["value"] if a["direction"] == "higher" else b["value"] > a["value"]
            if worse:
                steps.append((a, b))
        if not steps:
            continue
        first = rows[0]
        name = _printed(first["indicator"])
        better = "higher" if first["direction"] == "higher" else "lower"
        said = []
        for a, b in steps:
            if a["kind"] == "baseline":
                what = "worse than its own baseline"
            else:
                what = "worse than the year before"
            s = f"{_label(b)} is {what}, {_label(a)}"
            extra = others.get((b["target_id"], b["period"], b["kind"]))
            if extra:
                s += f"; elsewhere the document prints {' | '.join(extra)} for {b['period']}"
            said.append(s)
        msg = (
            f"'{name}' ({first['table_id']} line {first['source_line']}) is better when {better}, yet "
            + "; and ".join(said)
            + ". Either a figure is mistyped or the plan expects the indicator to get worse; "
            "do not present this row as an improvement target without checking the other tables."
        )
        values = " → ".join(_label(r) for r in rows)
        out.append(_finding("warning", msg, name, values, [first["source_line"]], [first["table_id"]]))
    return out


# --------------------------------------------------------------------------
# rule 4: an order of magnitude off
# --------------------------------------------------------------------------


def _magnitude_rows(doc_id: str) -> list[dict]:
    out = []
    for rows in _row_series(doc_id):
        jumps = [(a, b) for a, b in zip(rows, rows[1:]) if _ratio(a["value"], b["value"]) >= MAGNITUDE_RATIO]
        if not jumps:
            continue
        first = rows[0]
        name = _printed(first["indicator"])
        said = "; ".join(
            f"{_label(a)} and {_label(b)} differ about {_ratio(a['value'], b['value']):.0f} times"
            for a, b in jumps
        )
        msg = (
            f"In '{name}' ({first['table_id']} line {first['source_line']}) {said}. Neighbouring values of one "
            "indicator rarely differ tenfold; one of the cells is probably on another scale (a base of 100, a "
            "count instead of a rate) or mistyped (a lost decimal comma, an extra digit). Do not compute growth "
            "between these cells, and cite them only with this caveat."
        )
        values = " → ".join(_label(r) for r in rows)
        out.append(_finding("warning", msg, name, values, [first["source_line"]], [first["table_id"]]))
    return out


def _magnitude_twins(doc_id: str) -> list[dict]:
    out = []
    for cl, bad in _disagreements(doc_id):
        bad = [b for b in bad if b[3]]
        if not bad:
            continue
        name, aka = _names(cl)
        rows = [r for _, _, gs, _ in bad for g in gs for r in g]
        said = "; ".join(
            f"{period} {kind} "
            + " vs ".join(
                f"{g[0]['printed']} in " + ", ".join(_ref(r["table_id"], r["source_line"]) for r in g)
                for g in groups
            )
            for period, kind, groups, _ in bad
        )
        msg = (
            f"'{name}'{aka} is printed about ten times larger in one table than in another: {said}. "
            "The same quantity cannot be both; most likely a decimal comma was lost or added. "
            "Check the unit before citing either figure, and name the table you cite."
        )
        out.append(
            _finding(
                "error",
                msg,
                name,
                "; ".join(_period_text(p, k, gs) for p, k, gs, _ in bad),
                [r["source_line"] for r in rows],
                [r["table_id"] for r in sorted(rows, key=lambda r: r["source_line"])],
            )
        )
    return out


def _magnitude_actions(doc_id: str) -> list[dict]:
    """Annual action targets (Blora 2020, 2021) about ten times apart; an
    action repeated with the same figures is one finding."""
    acts = load_actions(doc_id).set_index("action_id")
    at = load_action_targets(doc_id)
    at = at[at["period"].str.fullmatch(r"\d{4}") & at["value"].notna()]
    # plain records grouped once: per-group pandas calls cost more than the check
    by_action: dict[str, list[dict]] = {}
    for rec in at.sort_values(["period"], kind="stable").to_dict("records"):
        by_action.setdefault(rec["action_id"], []).append(rec)
    found: dict[tuple, dict] = {}
    for aid, vals in by_action.items():
        jumps = [(a, b) for a, b in zip(vals, vals[1:]) if _ratio(a["value"], b["value"]) >= MAGNITUDE_RATIO]
        if not jumps:
            continue
        act = acts.loc[aid]
        key = (
            _action_key(act["action"]),
            _unit_text(act["output_unit"]),
            tuple((v["period"], v["value"]) for v in vals),
        )
        entry = found.setdefault(key, {"act": act, "vals": vals, "jumps": jumps, "lines": [], "tables": []})
        entry["lines"].append(int(act["source_line"]))
        entry["tables"].append(act["table_id"])
    out = []
    for e in sorted(found.values(), key=lambda e: min(e["lines"])):
        name = _printed(e["act"]["action"])
        unit = _unit_text(e["act"]["output_unit"])
        said = "; ".join(
            f"{_printed(a['value_text'])} ({a['period']}) vs {_printed(b['value_text'])} ({b['period']}), "
            f"about {_ratio(a['value'], b['value']):.0f} times"
            for a, b in e["jumps"]
        )
        where = ", ".join(_ref(t, n) for t, n in zip(e["tables"], e["lines"]))
        msg = (
            f"The action '{name}' (unit '{unit}'; {where}) has targets {said}. A tenfold change between two "
            "years of one activity is most likely a typing slip (an extra digit); cite the figure with "
            "this caveat."
        )
        values = ", ".join(f"{v['period']}: {_printed(v['value_text'])}" for v in e["vals"]) + f" ({where})"
        out.append(_finding("warning", msg, name, values, e["lines"], e["tables"]))
    return out


def magnitude(doc_id: str) -> list[dict]:
    """A value about ten times (>= MAGNITUDE_RATIO) its neighbour year in the
    same row, or its twin in another table, or an annual action target ten
    times the other year's.

    Parameters
    ----------
    doc_id : {'blora-2020', 'batang-2023'}
        Document to check.

    Returns
    -------
    list of dict
        One dict per finding with keys ``severity``, ``message``,
        ``indicator``, ``values``, ``lines`` (list of int) and
        ``table_ids``; :func:`check` numbers them and makes them rows.
    """
    return _magnitude_twins(doc_id) + _magnitude_rows(doc_id) + _magnitude_actions(doc_id)


# --------------------------------------------------------------------------
# rule 5: totals
# --------------------------------------------------------------------------


def _quarter_totals(doc_id: str) -> list[dict]:
    at = load_action_targets(doc_id)
    if not at["period"].str.fullmatch(r"\d{4}Q[1-4]").any():
        return []
    acts = {r["action_id"]: r for r in _records(load_actions(doc_id))}
    out = []
    for aid, g in _group_by(_records(at), lambda r: r["action_id"]).items():
        tot = [r for r in g if "Q" not in r["period"]]
        qs = sorted((r for r in g if "Q" in r["period"]), key=lambda r: r["period"])
        given = [r for r in qs if r["value"] is not None]
        if not tot or not given:
            continue
        t = tot[0]
        if t["total_kind"] is not None:
            continue
        act = acts[aid]
        name = _printed(act["action"])
        unit = _unit_text(act["output_unit"])
        qtext = ", ".join(f"{r['period'][-2:]} {_printed(r['value_text'])}" for r in given)
        total_printed = _printed(t["value_text"])
        qsum = float(sum(r["value"] for r in given))
        if not total_printed or total_printed == "-":
            severity = "warning"
            levels = list(dict.fromkeys(r["value"] for r in given))
            if len(levels) == 1:
                reading = (
                    f"Every quarter that has a value prints {_fmt(levels[0])}, so the {t['period']} target is "
                    f"either that level held through the year or the sum {_fmt(qsum)}; the document does not "
                    f"say which. Most likely it is a level (the same {unit or 'units'} counted in each quarter): "
                    f"cite {_fmt(levels[0])}, say that the Total is blank, and do not add the quarters up."
                )
            else:
                reading = (
                    f"The quarters add up to {_fmt(qsum)}; cite that sum only as a derived figure and say "
                    "that the Total is blank."
                )
            msg = f"The action '{name}' ({_ref(act['table_id'], act['source_line'])}) has quarterly targets ({qtext}) but its Total column is empty. {reading}"
            values = f"{qtext}; Total: (empty)"
        else:
            severity = "error"
            msg = (
                f"The action '{name}' ({_ref(act['table_id'], act['source_line'])}) prints Total {total_printed}, "
                f"which is neither the sum of its quarters ({qtext}; sum {_fmt(qsum)}) nor one quarter's level. "
                "Either the Total or a quarter is wrong; cite the quarters and the Total separately."
            )
            values = f"{qtext}; Total: {total_printed}"
        out.append(_finding(severity, msg, name, values, [act["source_line"]], [act["table_id"]]))
    return out


def _theme_totals(doc_id: str) -> list[dict]:
    s = load_theme_scores(doc_id)
    out = []
    for (line, theme), g in s.groupby(["source_line", "theme"], sort=True):
        printed = int(g["printed_total"].iloc[0])
        total = int(g["score"].sum())
        if printed == total:
            continue
        scores = " + ".join(str(int(x)) for x in g["score"])
        msg = (
            f"The theme '{theme}' ({g['table_id'].iloc[0]} line {line}) prints Nilai Total {printed}, but its "
            f"criterion scores add up to {total} ({scores}). The ranking of themes may rest on the wrong "
            "total; cite the scores and recompute the total."
        )
        out.append(
            _finding(
                "error",
                msg,
                theme,
                f"{scores} = {total} | printed {printed}",
                [line],
                [g["table_id"].iloc[0]],
            )
        )
    return out


def totals(doc_id: str) -> list[dict]:
    """Printed totals that do not follow from their parts: 2023 action Totals
    that are empty although quarters have values, or are neither the sum nor
    a quarter's level; Tabel 4.1 theme totals that are not the sum of the
    criterion scores.

    Parameters
    ----------
    doc_id : {'blora-2020', 'batang-2023'}
        Document to check.

    Returns
    -------
    list of dict
        One dict per finding with keys ``severity``, ``message``,
        ``indicator``, ``values``, ``lines`` (list of int) and
        ``table_ids``; :func:`check` numbers them and makes them rows.
    """
    return _quarter_totals(doc_id) + _theme_totals(doc_id)


# --------------------------------------------------------------------------
# rule 6: units that contradict the indicator
# --------------------------------------------------------------------------


def _starts(text, word: str) -> bool:
    return "".join(_words(text or "")).startswith(word)


def _unit_problem(indicator, unit) -> str | None:
    """'percent-count' for a 'Persentase ...' indicator with a count unit,
    'count-percent' for a 'Jumlah ...' indicator with unit '%' / 'Persen(tase)'."""
    uc = _unit_class(unit)
    if uc is None:
        return None
    if _starts(indicator, "persentase") and uc not in ("%", "score", "rasio"):
        return "percent-count"
    if _starts(indicator, "jumlah") and uc == "%":
        return "count-percent"
    return None


def _unit_message(kind, name, unit, where, vals: list[tuple], total=None) -> tuple[str, str]:
    """(severity, message) for a unit mismatch."""
    printed = ", ".join(p for _, p in vals)
    numbers = [v for v, _ in vals if not pd.isna(v)]
    if kind == "percent-count":
        if all("%" in p for _, p in vals):
            return "info", (
                f"'{name}' ({where}) is a percentage and its values are printed with '%' ({printed}), but the "
                f"unit column says '{unit}'. The values are percentages and the unit column is wrong: cite them as "
                "percentages of the indicator's base, not as numbers of " + f"'{unit}'."
            )
        over = [v for v in numbers if v > 100]
        note = (
            f" {_fmt(over[0])} cannot be a percentage, so the value is most likely the number of {unit.lower()}, "
            "not the share the indicator names."
            if over
            else ""
        )
        return "warning", (
            f"'{name}' ({where}) names a percentage, but its unit is '{unit}' and its values are {printed}.{note} "
            "Do not cite the figure as a percentage; cite it with the printed unit and this caveat."
        )
    shares = ""
    if total is not None and len(numbers) >= 2 and _same(sum(numbers[:-1]), 100) and _same(numbers[-1], 100):
        shares = (
            " The quarters add up to 100, so the figures read as shares (percent of the year's total per "
            "quarter), not as counts."
        )
    if not shares and numbers and all(float(v).is_integer() for v in numbers) and max(numbers) < 100:
        return "warning", (
            f"'{name}' ({where}) counts things ('Jumlah ...'), but its unit is '{unit}' and its values are "
            f"{printed}. Whole numbers this small read naturally as counts of what the indicator names, so the "
            "unit is most likely wrong; cite the figures as counts and mention the printed unit."
        )
    return "warning", (
        f"'{name}' ({where}) counts things ('Jumlah ...'), but its unit is '{unit}' and its values are "
        f"{printed}.{shares} Say which reading you use when citing the figure."
    )


def unit_mismatch(doc_id: str) -> list[dict]:
    """A unit that contradicts the indicator: a 'Persentase ...' indicator with
    a count unit, or a 'Jumlah ...' indicator with unit '%' / 'Persen(tase)'.
    Conservative: only the wording's first word and the printed unit decide;
    a row repeated with the same figures (Blora B and C) is one finding.

    Parameters
    ----------
    doc_id : {'blora-2020', 'batang-2023'}
        Document to check.

    Returns
    -------
    list of dict
        One dict per finding with keys ``severity``, ``message``,
        ``indicator``, ``values``, ``lines`` (list of int) and
        ``table_ids``; :func:`check` numbers them and makes them rows.
    """
    found: dict[tuple, dict] = {}
    for g in _group_by(_records(load_targets(doc_id)), lambda r: r["target_id"]).values():
        r = g[0]
        kind = _unit_problem(r["indicator"], r["unit"])
        if kind is None:
            continue
        vals = [(_nan(x["value"]), _printed(x["value_text"])) for x in g if _printed(x["value_text"])]
        key = (indicator_key(r["indicator"]), _unit_text(r["unit"]).casefold(), tuple(p for _, p in vals))
        e = found.setdefault(
            key,
            {
                "name": _printed(r["indicator"]),
                "unit": _unit_text(r["unit"]),
                "kind": kind,
                "vals": vals,
                "lines": [],
                "tables": [],
                "labels": [p for _, p in vals],
            },
        )
        e["lines"].append(int(r["source_line"]))
        e["tables"].append(r["table_id"])
    vecs = _group_by(_records(load_action_targets(doc_id)), lambda r: r["action_id"])
    for a in _records(load_actions(doc_id)):
        # Blora's action plans have no output-indicator column: the action
        # text itself is what the unit measures there
        text = a["output_indicator"] if a["output_indicator"] is not None else a["action"]
        if text is None:
            continue
        kind = _unit_problem(text, a["output_unit"])
        if kind is None:
            continue
        g = [x for x in vecs.get(a["action_id"], []) if _printed(x["value_text"]) not in ("", "-")]
        vals = [(_nan(x["value"]), _printed(x["value_text"])) for x in g]
        labels = [f"{x['period']}: {_printed(x['value_text'])}" for x in g]
        key = (indicator_key(text), _unit_text(a["output_unit"]).casefold(), tuple(labels))
        e = found.setdefault(
            key,
            {
                "name": _printed(text),
                "unit": _unit_text(a["output_unit"]),
                "kind": kind,
                "vals": vals,
                "lines": [],
                "tables": [],
                "labels": labels,
                "total": True,
            },
        )
        e["lines"].append(int(a["source_line"]))
        e["tables"].append(a["table_id"])
    out = []
    for e in sorted(found.values(), key=lambda e: min(e["lines"])):
        where = ", ".join(_ref(t, n) for t, n in zip(e["tables"], e["lines"]))
        severity, msg = _unit_message(e["kind"], e["name"], e["unit"], where, e["vals"], e.get("total"))
        values = f"unit '{e['unit']}': " + ", ".join(e["labels"])
        out.append(_finding(severity, msg, e["name"], values, e["lines"], e["tables"]))
    return out


# --------------------------------------------------------------------------
# rule 7: misspelt names
# --------------------------------------------------------------------------


def _line_tables(doc_id: str) -> dict[int, str]:
    """source_line -> table_id for every line that belongs to a table."""
    out: dict[int, str] = {}
    frames = [
        load_targets(doc_id),
        load_actions(doc_id),
        load_theme_scores(doc_id),
        load_areas(doc_id),
        load_indicator_crosswalk(doc_id),
        load_teams(doc_id),
        parse_report(doc_id),
    ]
    for f in frames:
        if f.empty:
            continue
        for line, table in zip(f["source_line"], f["table_id"]):
            if not pd.isna(table):
                out.setdefault(int(line), str(table))
    return out


_TOKEN = re.compile(r"[A-Za-z]+")


def _region_words(doc_id: str) -> list[str]:
    docs = load_documents(doc_id)
    region = re.sub(r"\([^)]*\)", " ", str(docs["region"].iloc[0]))
    return _TOKEN.findall(region)


def _region_misspellings(doc_id: str) -> list[dict]:
    from rapidfuzz import fuzz

    words = _region_words(doc_id)
    lines = _lines(doc_id)
    # each distinct word of the text is compared once with the region's words
    distinct = {t.casefold() for line in lines for t in _TOKEN.findall(line) if len(t) >= 4}
    close = {
        (t, w)
        for t in distinct
        for w in words
        if t != w.casefold() and fuzz.ratio(t, w.casefold()) >= REGION_MIN_SIMILARITY
    }
    close_tokens = {t for t, _ in close}
    hits: dict[tuple[str, str], dict] = {}
    for n, line in enumerate(lines, 1):
        toks = list(_TOKEN.finditer(line))
        for i, m in enumerate(toks):
            tok = m.group(0)
            if tok.casefold() not in close_tokens:
                continue
            for w in words:
                if (tok.casefold(), w) not in close:
                    continue
                # show the word with its neighbour as printed: 'Kab.Batag',
                # 'Kapaten Batang'
                if i > 0 and w == words[-1]:
                    snippet = line[toks[i - 1].start() : m.end()]
                elif i + 1 < len(toks):
                    snippet = line[m.start() : toks[i + 1].end()]
                else:
                    snippet = tok
                e = hits.setdefault((tok, w), {"lines": [], "snippets": []})
                if n not in e["lines"]:
                    e["lines"].append(n)
                if snippet not in e["snippets"]:
                    e["snippets"].append(snippet)
    region = " ".join(words)
    tables = _line_tables(doc_id)
    out = []
    for (tok, w), e in sorted(hits.items(), key=lambda kv: kv[1]["lines"][0]):
        lines = e["lines"]
        msg = (
            f"'{tok}' is a misspelling of '{w}' (the document's own region is '{region}'), printed as "
            f"{', '.join(repr(s) for s in e['snippets'])} on line{'s' if len(lines) > 1 else ''} "
            f"{', '.join(map(str, lines))}. It changes no value, but a text search for '{w}' misses these "
            f"lines; search for '{tok}' too, and quote the name as '{w}'."
        )
        out.append(
            _finding(
                "info",
                msg,
                tok,
                " | ".join(e["snippets"]) + f" (for '{w}')",
                lines,
                [tables.get(n) for n in lines],
            )
        )
    return out


def _agency_misspellings(doc_id: str) -> list[dict]:
    ag = load_agencies()
    ag = ag[ag["alias_kind"] == "misspelling"]
    tables = _line_tables(doc_id)
    out = []
    for r in ag.itertuples(index=False):
        pat = re.compile(r"(?<![A-Za-z])" + re.escape(r.alias) + r"(?![A-Za-z])")
        lines = [n for n, text in enumerate(_lines(doc_id), 1) if pat.search(text)]
        if not lines:
            continue
        msg = (
            f"'{r.alias}' is a misspelling of the agency '{r.agency}' ({r.agency_en}), printed on "
            f"{len(lines)} line{'s' if len(lines) > 1 else ''}. The agency columns resolve it to "
            f"'{r.agency}' (see load_agencies()); when searching the raw text or quoting, use '{r.agency}'."
        )
        out.append(
            _finding(
                "info", msg, r.alias, f"{r.alias} (for {r.agency})", lines, [tables.get(n) for n in lines]
            )
        )
    return out


def misspelt_names(doc_id: str) -> list[dict]:
    """Misspelt region names (words at least REGION_MIN_SIMILARITY similar to a
    word of the document's own region name, but not equal to it) and agency
    names spelt as an alias of kind 'misspelling' in the agency table.

    Parameters
    ----------
    doc_id : {'blora-2020', 'batang-2023'}
        Document to check.

    Returns
    -------
    list of dict
        One dict per finding with keys ``severity``, ``message``,
        ``indicator``, ``values``, ``lines`` (list of int) and
        ``table_ids``; :func:`check` numbers them and makes them rows.
    """
    return _region_misspellings(doc_id) + _agency_misspellings(doc_id)


# --------------------------------------------------------------------------
# rule 8: lettered or numbered actions that skip items
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
        One dict per gap (see :func:`misspelt_names` for the keys).
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
                    _finding(
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


# --------------------------------------------------------------------------
# the report
# --------------------------------------------------------------------------

#: The rules of :func:`check`, in report order: name -> :class:`Rule`.
RULES: dict[str, Rule] = {
    r.name: r
    for r in (
        Rule(
            "conflicting_targets",
            "The same indicator printed with different values for the same year in one document.",
            conflicting_targets,
        ),
        Rule(
            "duplicate_actions",
            "The same action listed twice with different targets, or one budget line printed under several actions.",
            duplicate_actions,
        ),
        Rule(
            "against_direction",
            "A target moving against its indicator's good direction, or worse than its own baseline.",
            against_direction,
        ),
        Rule(
            "magnitude", "A value about ten times its neighbour year or its twin in another table.", magnitude
        ),
        Rule(
            "totals",
            "A printed total that does not follow from its parts (empty, or neither sum nor level).",
            totals,
        ),
        Rule(
            "unit_mismatch",
            "A unit that contradicts the indicator ('Persentase' with a count unit, 'Jumlah' with '%').",
            unit_mismatch,
        ),
        Rule("misspelt_names", "Misspelt region or agency names.", misspelt_names),
        Rule(
            "numbering_gaps",
            "Lettered or numbered actions under one indicator that skip items.",
            numbering_gaps,
        ),
    )
}


#: Column contract of the findings table (for the build's data dictionary).
FINDINGS_TABLE = Table(
    "quality_findings",
    "Data-quality findings",
    "One row per contradiction or doubtful value found by rbdata.quality.check(), traced to its lines.",
    (
        Column(
            "finding_id",
            "string",
            "Stable id '<doc_id>:<rule>:<n>', n counting from 1 in line order within document and rule.",
        ),
        Column("doc_id", "category:" + "|".join(DOC_IDS), "Source document: 'blora-2020' or 'batang-2023'."),
        Column("rule", "category:" + "|".join(RULES), "Rule that found it (see rbdata.quality.RULES)."),
        Column(
            "severity",
            "category:" + "|".join(SEVERITIES),
            "'error': two printed numbers cannot both be right; 'warning': probably wrong or misleading; 'info': worth knowing.",
        ),
        Column(
            "message",
            "string",
            "What is wrong, in plain words, and what a reader citing the value should do.",
        ),
        Column("indicator", "string", "Indicator, action or name concerned, as printed (first occurrence)."),
        Column(
            "values",
            "string",
            "The conflicting values as printed with their tables and lines, e.g. '2024 target: 68,50 (Tabel 2.4 l.377) | 70,5 (Bab V SS1 l.655)'.",
        ),
        Column(
            "source_lines", "string", "Every line of data/raw/<doc_id>.txt involved, ascending, ';'-joined."
        ),
        Column(
            "table_ids",
            "string",
            "Tables involved, in line order, ';'-joined; empty where the lines are running text.",
        ),
    ),
)

_COLUMNS = [c.name for c in FINDINGS_TABLE.columns]


def _check_doc(doc_id: str) -> str:
    if doc_id not in DOC_IDS:
        raise ValueError(f"unknown doc_id {doc_id!r}; valid ids are {', '.join(map(repr, DOC_IDS))}")
    return doc_id


def rules_table() -> pd.DataFrame:
    """The rules of :func:`check` as a table.

    Returns
    -------
    pandas.DataFrame
        One row per rule, in report order: ``rule`` (string, the name to pass
        to ``check(rules=...)``) and ``description`` (string, one line).
    """
    return pd.DataFrame(
        {"rule": list(RULES), "description": [r.description for r in RULES.values()]}, dtype="string"
    )


def check(doc_id=None, rules=None) -> pd.DataFrame:
    """Run the data-quality rules and return one row per finding.

    Parameters
    ----------
    doc_id : {None, 'blora-2020', 'batang-2023'}, default None
        One document, or both. Findings always compare rows of one document
        with each other.
    rules : list of str, optional
        Names of :data:`RULES` to run (default: all, in report order).

    Returns
    -------
    pandas.DataFrame
        Ordered by document, rule (in :data:`RULES` order) and first line.
        Columns (plain dtypes only):

        - ``finding_id`` (string): ``'<doc_id>:<rule>:<n>'``, n counting from
          1 within document and rule; stable whichever rules or documents are
          selected.
        - ``doc_id`` (category): ``'blora-2020'`` or ``'batang-2023'``.
        - ``rule`` (category): rule that found it.
        - ``severity`` (category): ``'error'`` (two printed numbers cannot
          both be right), ``'warning'`` (probably wrong or misleading) or
          ``'info'``.
        - ``message`` (string): what is wrong, in plain words, Indonesian
          terms quoted as printed, and what a reader citing the value should
          do.
        - ``indicator`` (string): indicator, action or name concerned, as
          printed (first occurrence).
        - ``values`` (string): the conflicting values as printed, with table
          and line (``l.``) of each, e.g. ``'2024 target: 68,50 (Tabel 2.3
          l.357, Tabel 2.4 l.377) | 70,5 (Bab V SS1 l.655)'``; ``' | '``
          separates the copies compared, ``'; '`` periods.
        - ``source_lines`` (string): every line of ``data/raw/<doc_id>.txt``
          involved, ascending, ``';'``-joined.
        - ``table_ids`` (string): tables involved, in line order,
          ``';'``-joined; empty for running text.

    Raises
    ------
    ValueError
        For an unknown ``doc_id`` or rule name (the message lists the valid
        ones).

    Examples
    --------
    >>> f = check("batang-2023", rules=["totals"])
    >>> f["source_lines"].tolist()
    ['818', '819']
    """
    docs = DOC_IDS if doc_id is None else (_check_doc(doc_id),)
    names = list(RULES) if rules is None else list(rules)
    unknown = [r for r in names if r not in RULES]
    if unknown:
        raise ValueError(f"unknown rule(s) {unknown}; valid rules are {', '.join(RULES)}")
    names = [r for r in RULES if r in names]
    records = []
    for d in docs:
        for name in names:
            found = sorted(RULES[name].func(d), key=lambda f: (f["lines"][0], f["lines"], f["message"]))
            for n, f in enumerate(found, 1):
                records.append(
                    {
                        "finding_id": f"{d}:{name}:{n}",
                        "doc_id": d,
                        "rule": name,
                        "severity": f["severity"],
                        "message": f["message"],
                        "indicator": f["indicator"],
                        "values": f["values"],
                        "source_lines": ";".join(map(str, f["lines"])),
                        "table_ids": f["table_ids"],
                    }
                )
    df = pd.DataFrame(records, columns=_COLUMNS)
    for col in _COLUMNS:
        df[col] = df[col].astype("string")
    df["doc_id"] = pd.Categorical(df["doc_id"], categories=list(DOC_IDS))
    df["rule"] = pd.Categorical(df["rule"], categories=list(RULES))
    df["severity"] = pd.Categorical(df["severity"], categories=list(SEVERITIES))
    return df.reset_index(drop=True)


class Summary(NamedTuple):
    """What :func:`summary` returns."""

    #: doc_id x rule: columns ``doc_id``, ``rule``, ``error``, ``warning``,
    #: ``info``, ``total`` (int counts; every rule listed, zeros included).
    by_rule: pd.DataFrame
    #: doc_id x table: columns ``doc_id``, ``table_id`` (``'(running text)'``
    #: for findings on lines outside tables), ``error``, ``warning``,
    #: ``info``, ``total``; a finding touching three tables counts once in
    #: each. Sorted by total, descending.
    by_table: pd.DataFrame


def summary(findings: pd.DataFrame) -> Summary:
    """Count findings by document, rule and severity, and per table.

    Parameters
    ----------
    findings : pandas.DataFrame
        Output of :func:`check`.

    Returns
    -------
    Summary
        ``by_rule``: one row per document x rule (all rules, zeros
        included) with int columns ``error``, ``warning``, ``info`` and
        ``total``. ``by_table``: one row per document x table with the same
        count columns; a finding involving several tables counts once for
        each; findings on running text are counted under
        ``'(running text)'``. Sorted by ``total`` descending, then document
        and table.

    Examples
    --------
    >>> s = summary(check("batang-2023", rules=["totals"]))
    >>> s.by_rule.loc[s.by_rule["rule"] == "totals", ["warning", "total"]].values.tolist()
    [[2, 2]]
    """
    docs = [d for d in DOC_IDS if d in set(findings["doc_id"].astype(str))] or list(DOC_IDS)
    f = findings.assign(
        doc_id=findings["doc_id"].astype(str),
        rule=findings["rule"].astype(str),
        severity=findings["severity"].astype(str),
    )
    rows = []
    for d in docs:
        for r in RULES:
            sub = f[(f["doc_id"] == d) & (f["rule"] == r)]
            counts = {s: int((sub["severity"] == s).sum()) for s in SEVERITIES}
            rows.append({"doc_id": d, "rule": r, **counts, "total": int(len(sub))})
    by_rule = pd.DataFrame(rows, columns=["doc_id", "rule", *SEVERITIES, "total"])
    by_rule[["doc_id", "rule"]] = by_rule[["doc_id", "rule"]].astype("string")
    t = f.assign(
        table_id=[
            (x.split(";") if isinstance(x, str) and x else ["(running text)"])
            for x in f["table_ids"].fillna("")
        ]
    )
    t = t.explode("table_id")
    trows = []
    for (d, tab), sub in t.groupby(["doc_id", "table_id"], sort=True):
        counts = {s: int((sub["severity"] == s).sum()) for s in SEVERITIES}
        trows.append({"doc_id": d, "table_id": tab, **counts, "total": int(len(sub))})
    by_table = pd.DataFrame(trows, columns=["doc_id", "table_id", *SEVERITIES, "total"])
    order = {d: i for i, d in enumerate(DOC_IDS)}
    by_table = (
        by_table.assign(_d=by_table["doc_id"].map(order))
        .sort_values(["total", "_d", "table_id"], ascending=[False, True, True], kind="stable")
        .drop(columns="_d")
        .reset_index(drop=True)
    )
    by_table[["doc_id", "table_id"]] = by_table[["doc_id", "table_id"]].astype("string")
    for c in (*SEVERITIES, "total"):
        by_table[c] = by_table[c].astype("int64")
        by_rule[c] = by_rule[c].astype("int64")
    return Summary(by_rule, by_table)
