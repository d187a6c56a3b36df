"""parse(text, doc_id): every table of one document from a string.

Each document has its own short parser module (``sources.blora``, ``sources.batang``) that
walks the lines and returns row dicts per table. What is common to both is
done here, once: agency names, direction of improvement, how a Total
relates to its quarters, the documents row, and the contract: column order,
dtypes and the checks of every table (rbdata.contract).

In two steps: :func:`read_records` reads one document into completed row
dicts, :func:`tables_of` turns the rows of one document, or of both, into
checked tables (the loaders build the tables of both documents in one pass).
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

import pandas as pd

from rbdata._errors import ParseError
from rbdata.contract import DOC_IDS, TABLES, check_foreign_keys, conform
from rbdata.contract.validate import conform_records
from rbdata.reference import concept_of, direction_of, english_label, read_reference
from rbdata.sources import batang, blora
from rbdata.text.agencies import alias_spellings, resolve_agencies
from rbdata.text.lines import Report, split_lines

__all__ = ["parse", "parse_with_report", "read_records", "tables_of", "Records"]

PARSERS = {"blora-2020": blora, "batang-2023": batang}
TABLE_NAMES = tuple(TABLES)


def check_doc_id(doc_id):
    if doc_id not in DOC_IDS:
        raise ValueError(f"unknown doc_id {doc_id!r}; valid ids are {', '.join(map(repr, DOC_IDS))}")
    return doc_id


def parse(text: str, doc_id: str) -> dict[str, pd.DataFrame]:
    """Parse the text of one document into all its tables.

    Parameters
    ----------
    text : str
        The whole document, as read from ``data/raw/<doc_id>.txt`` (or an
        edited copy). No file or cache is touched.
    doc_id : {'blora-2020', 'batang-2023'}
        Which document the text is; selects the parser.

    Returns
    -------
    dict of str to pandas.DataFrame
        Keyed by loader name without ``load_``: ``documents``, ``targets``,
        ``actions``, ``action_targets``, ``theme_scores``, ``areas``,
        ``indicator_crosswalk``, ``statements``, ``teams``, ``agencies``.
        Tables a document does not have are empty with the right columns.

    Raises
    ------
    rbdata.ParseError
        Where the text is damaged; the message names document, line and
        what was expected.
    rbdata.contract.ContractError
        Where a table breaks its contract (a value outside its vocabulary,
        a required value missing, a key twice, a foreign key dangling); the
        message names table, column, row and line.
    ValueError
        For an unknown ``doc_id``.
    """
    return parse_with_report(text, doc_id)[0]


def parse_with_report(
    text: str, doc_id: str, *, source: str | None = None
) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Like :func:`parse`, also returning the skip report (table ``parse_report``).

    Every table, the report included, is checked against its contract, and
    the foreign keys among them (every ``doc_id`` names this document, every
    ``action_id`` of ``action_targets`` is an action, ...).
    """
    return tables_of([read_records(text, doc_id, source=source)])


class Records(NamedTuple):
    """One document read into rows: every table's row dicts (ids, agencies,
    directions and concepts filled in), not yet conformed to the contract.

    :func:`tables_of` turns the records of one document, or of several,
    into checked tables. The rows of both documents are conformed together
    rather than conformed per document and concatenated: that is one pandas
    array per column instead of three, and the tables of both documents are
    what the loaders hand out most.
    """

    doc_id: str
    tables: dict[str, list[dict]]  # every table but ``agencies``, which counts the others' rows
    report: list[dict]  # rows of ``parse_report``, in line order


def read_records(text: str, doc_id: str, *, source: str | None = None) -> Records:
    """Read one document into :class:`Records`.

    Raises
    ------
    rbdata.ParseError
        Where the text is damaged, or a target's wording has no concept.
    ValueError
        For an unknown ``doc_id``.
    """
    check_doc_id(doc_id)
    name = source or f"{doc_id}.txt"
    lines = split_lines(text, name)
    report = Report(doc_id)
    rows = PARSERS[doc_id].parse_lines(lines, doc_id, report, name)
    tables: dict[str, list[dict]] = {}
    for table in TABLE_NAMES:
        if table == "documents":
            tables[table] = [_documents_row(text, doc_id, len(lines))]
        elif table != "agencies":
            tables[table] = _completed(table, rows.get(table, []), doc_id)
    # in line order; lines of the same number keep the order they were reported in
    return Records(doc_id, tables, sorted(report.rows, key=lambda r: r["source_line"]))


def tables_of(parts: Sequence[Records]) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Every table (in :data:`TABLE_NAMES` order) and the skip report of the
    documents ``parts`` were read from, rows in the order of ``parts``, each
    table checked against its contract and the foreign keys among them.

    Raises
    ------
    rbdata.contract.ContractError
        For the first value that breaks the contract (a key twice, also
        across documents), naming table, column, row and line.
    """
    doc = parts[0].doc_id if len(parts) == 1 else None
    tables = {}
    for table in TABLE_NAMES:
        if table != "agencies":
            recs = [r for part in parts for r in part.tables[table]]
            tables[table] = conform_records(recs, table, doc=doc)
    tables["agencies"] = agency_rows([tables["targets"], tables["actions"]], doc)
    tables = {t: tables[t] for t in TABLE_NAMES}
    report = conform_records([r for part in parts for r in part.report], "parse_report", doc=doc)
    # the concepts table counts the rows of both documents and is built by
    # the loaders; its key column is all the foreign key of targets needs
    concepts = pd.DataFrame({"concept_id": [c["concept_id"] for c in read_reference("concepts")]})
    check_foreign_keys({"targets": tables["targets"], "concepts": concepts}, doc=doc)
    check_foreign_keys({**tables, "parse_report": report}, doc=doc)
    return tables, report


def _joined(names):
    return "; ".join(names) if names else None


def _completed(table: str, recs: list[dict], doc_id: str) -> list[dict]:
    """``recs`` (changed in place) with what every document's rows get alike:
    ``doc_id``, ids, English track, canonical agencies, direction, concept,
    ``inferred`` and the kind of each 2023 Total."""
    has_inferred = "inferred" in TABLES[table].names
    has_track = table in ("targets", "actions")
    per_line: dict[tuple, list] = {}
    if table == "targets":
        # several indicators can start on one line (a bullet list of
        # indicators, or the two indicator levels of a Tematik plan)
        for r in recs:
            inds = per_line.setdefault((r["table_id"], r["source_line"]), [])
            if r["indicator"] not in inds:
                inds.append(r["indicator"])
    # one look-up per distinct track and indicator: rows repeat them
    track_en: dict[str, str | None] = {}
    direction: dict[str, str] = {}
    for r in recs:
        r.setdefault("doc_id", doc_id)
        if has_inferred:
            r["inferred"] = _inferred_text(r.get("_inferred"))
        if has_track and r.get("track"):
            if r["track"] not in track_en:
                track_en[r["track"]] = english_label("tracks", "track", r["track"], "track_en")
            r["track_en"] = track_en[r["track"]]
        if table == "targets":
            inds = per_line[(r["table_id"], r["source_line"])]
            suffix = f".{inds.index(r['indicator']) + 1}" if len(inds) > 1 else ""
            r.setdefault("target_id", f"{doc_id}:{r['table_id']}:{r['source_line']}{suffix}")
            r["agency"] = _joined(resolve_agencies(r.get("agency_text"))[0])
            if r["indicator"] not in direction:
                direction[r["indicator"]] = direction_of(r["indicator"])
            r["direction"] = direction[r["indicator"]]
            r["concept_id"] = _concept(r, doc_id)
        elif table == "actions":
            r.setdefault("action_id", f"{doc_id}:{r['table_id']}:{r['source_line']}")
            r["coordinator"] = _joined(resolve_agencies(r.get("coordinator_text"))[0])
            r["executor"] = _joined(resolve_agencies(r.get("executor_text"))[0])
    if table == "action_targets":
        _set_total_kind(recs)
    return recs


def _inferred_text(notes: list[tuple[str, str]] | None) -> str | None:
    """``inferred`` of a row: its (column, rule) notes as '<column>: <rule>',
    '; '-joined in the order they were made, each once; None without notes."""
    if not notes:
        return None
    return "; ".join(dict.fromkeys(f"{column}: {rule}" for column, rule in notes))


def _concept(r: dict, doc_id: str) -> str | None:
    """The concept reference/indicator_concepts.csv assigns to a target row's
    wording; a wording it does not list stops the parse, naming line and wording."""
    indicator, unit = r.get("indicator"), r.get("unit")
    if not isinstance(indicator, str) or not indicator:
        return None  # the contract names the missing indicator
    unit = unit if isinstance(unit, str) else None
    concept = concept_of(doc_id, indicator, unit)
    if concept is None:
        raise ParseError(
            f"{doc_id}.txt",
            r["source_line"],
            "an indicator wording that rbdata/reference/indicator_concepts.csv assigns to a concept "
            f"(add a row doc_id={doc_id}, indicator={indicator!r}, unit={unit or ''!r} and the "
            "concept_id of the quantity it measures)",
            indicator,
        )
    return concept


def _set_total_kind(recs: list[dict]) -> None:
    """Mark each printed 2023 Total as the sum of its quarters or a level."""
    by_action: dict[str, dict[str, float]] = {}
    for r in recs:
        by_action.setdefault(r["action_id"], {})[r["period"]] = r["value"]
    for r in recs:
        r.setdefault("total_kind", None)
        if r["period"] != "2023":
            continue
        q = [
            v
            for p, v in sorted(by_action[r["action_id"]].items())
            if p.startswith("2023Q") and not math.isnan(v)
        ]
        tot = r["value"]
        if not q or math.isnan(tot):
            continue
        if math.isclose(sum(q), tot, rel_tol=1e-9, abs_tol=1e-9):
            r["total_kind"] = "sum"
        elif any(math.isclose(v, tot, rel_tol=1e-9) for v in q):
            r["total_kind"] = "level"


def _documents_row(text: str, doc_id: str, n_lines: int) -> dict:
    meta = {r["doc_id"]: r for r in read_reference("sources")}[doc_id]
    row = {k: meta[k] for k in TABLES["documents"].names if k in meta}
    row["doc_id"] = doc_id
    row["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    # a final newline ends the last line rather than starting a new one
    row["n_lines"] = n_lines - 1 if text.endswith("\n") else n_lines
    if any(k not in row for k in TABLES["documents"].names):
        conform(pd.DataFrame([row]), "documents", doc=doc_id)  # raises, naming the absent column
    for k in ("period_start", "period_end"):
        # reference/sources.csv holds text: a year of digits is read as the
        # contract's int conversion reads it (anything else is left to that check)
        if row[k].strip().isdecimal():
            row[k] = int(row[k])
    return row


def agency_rows(frames: list[pd.DataFrame], doc_id: str | None = None) -> pd.DataFrame:
    """The agency table: every alias of reference/agencies.csv, with how many
    table rows of the given frames cite it."""
    ref = read_reference("agencies")
    functions = {
        f["agency"]: {k: f[k] for k in ("function", "function_en", "government_level")}
        for f in read_reference("agency_functions")
    }
    # how often each cell text occurs per document, then each text read once:
    # the same few agency cells repeat on hundreds of rows
    cells: Counter[tuple[str, object]] = Counter()
    for df in frames:
        # plain lists: iterating over a pandas column costs a call per value
        doc_ids = df["doc_id"].tolist()
        for col in ("agency_text", "coordinator_text", "executor_text"):
            # an indicator's executor (Tabel 2.4 prints 'Perangkat Daerah' on
            # every row) names every agency, not one that answers for the row:
            # agencies are cited by the rows of actions and by responsible agencies
            if col not in df.columns or (col == "executor_text" and "target_id" in df.columns):
                continue
            cells.update(zip(doc_ids, df[col].tolist()))
    cited: dict[str, int] = {}
    docs: dict[str, set] = {}
    for (d, text), n in cells.items():
        if not isinstance(text, str):  # missing (pd.NA)
            continue
        for alias in alias_spellings(text):
            cited[alias] = cited.get(alias, 0) + n
            docs.setdefault(alias, set()).add(d)
    rows = []
    for r in ref:
        key = r["alias"]
        rows.append(
            {
                "agency": r["agency"],
                "alias": key,
                "agency_en": r["agency_en"],
                "agency_type": r["agency_type"],
                "alias_kind": r["alias_kind"],
                "doc_ids": ";".join(sorted(docs.get(key, ()))) or None,
                "n_rows": cited.get(key, 0),
                **functions[r["agency"]],
            }
        )
    if doc_id is not None:
        rows = [r for r in rows if doc_id in (r["doc_ids"] or "")]
    return conform_records(rows, "agencies", doc=doc_id)
