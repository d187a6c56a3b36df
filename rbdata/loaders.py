"""Public loaders: read ``data/raw/``, parse once per session, hand out copies.

Each document is read into row dicts once (:func:`rbdata.sources.read_records`).
The tables of one document, and the tables of both documents together (where
a key must also be unique across documents), are built from those rows and
checked against the contract the first time they are asked for, then kept.
"""

from __future__ import annotations

import functools
from typing import cast

import pandas as pd

from rbdata._paths import raw_path
from rbdata.contract import (
    CONTRACT,
    DOC_IDS,
    TABLES,
    ContractError,
    check_foreign_keys,
    conform,
)
from rbdata.contract.schema import numpydoc_returns
from rbdata.contract.validate import conform_records
from rbdata.reference import read_reference
from rbdata.sources import check_doc_id, read_records, tables_of

__all__ = [
    "load_documents",
    "load_targets",
    "load_actions",
    "load_action_targets",
    "load_theme_scores",
    "load_areas",
    "load_indicator_crosswalk",
    "load_statements",
    "statement_exclusions",
    "load_teams",
    "load_agencies",
    "load_concepts",
    "load_national_frame",
    "load_source_tables",
    "load_budget_lines",
    "load_action_budgets",
    "parse_report",
    "clear_cache",
    "raw_line",
    "raw_lines",
    "quote_lines",
]


def _read(doc_id: str) -> str:
    return _read_file(raw_path(doc_id))


def _read_file(path) -> str:
    # newline="" keeps line endings as they are; split_lines normalises them
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


@functools.cache
def _records(doc_id: str):
    path = raw_path(doc_id)  # looked for once (the search asks the file system)
    return read_records(_read_file(path), doc_id, source=str(path))


@functools.cache
def _parsed(doc_id: str):
    """(tables, parse report) of one document."""
    return tables_of([_records(doc_id)])


@functools.cache
def _parsed_both():
    """(tables, parse report) of both documents, in :data:`DOC_IDS` order."""
    return tables_of([_records(d) for d in DOC_IDS])


_DERIVED: list = []


def derived_cache(func):
    """``functools.lru_cache`` for a function of the parsed tables: it is
    cleared together with them by :func:`clear_cache`."""
    cached = functools.lru_cache(maxsize=None)(func)
    _DERIVED.append(cached)
    return cached


def clear_cache() -> None:
    """Forget parsed documents and everything computed from them (after
    editing a file in ``data/raw/``)."""
    _records.cache_clear()
    _parsed.cache_clear()
    _parsed_both.cache_clear()
    raw_lines.cache_clear()
    for cached in _DERIVED:
        cached.cache_clear()


@functools.cache
def raw_lines(doc_id: str) -> tuple[str, ...]:
    """Every line of ``data/raw/<doc_id>.txt`` (line 1 is item 0)."""
    text = _read(check_doc_id(doc_id))
    return tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def raw_line(doc_id: str, line: int) -> str:
    """Return line ``line`` (1-based) of ``data/raw/<doc_id>.txt`` exactly.

    Every table row carries ``doc_id`` and ``source_line``; this is the way
    back from a value to the text it was read from. Cells stay separated by
    tab characters.

    Raises
    ------
    ValueError
        For an unknown document, or a line the document does not have (the
        message gives its length).

    Examples
    --------
    >>> import rbdata
    >>> rbdata.raw_line("blora-2020", 659).split("\\t")
    ['16', 'Angka Kematian Bayi (AKB)', 'Per 1.000 KH', '11', '10,9']
    """
    lines = raw_lines(doc_id)
    n = int(line)
    if not 1 <= n <= len(lines):
        raise ValueError(f"{doc_id}.txt has lines 1-{len(lines)}; line {n} does not exist")
    return lines[n - 1]


def _load(table: str, doc_id) -> pd.DataFrame:
    if doc_id is None:
        return _combined(table).copy()
    # parse() already gave the contract's columns and dtypes, and checked them
    return _parsed(check_doc_id(doc_id))[0][table].copy()


def _combined(table: str) -> pd.DataFrame:
    """Table ``table`` of both documents (not a copy: hand out copies only)."""
    tables, report = _parsed_both()
    return report if table == "parse_report" else tables[table]


def parse_report(doc_id=None) -> pd.DataFrame:
    """Every tab-separated line that is not a table row, with the reason, and
    every assumption the parser made where the text allows no check.

    Together with the tables this accounts for 100% of the tab-separated
    lines of both documents (``tests/test_coverage.py``). Rows whose reason
    starts with ``assumption:`` sit on the table row they concern and say
    what was assumed (e.g. that an empty merged cell repeats the cell above,
    or that indicators and targets of a bullet list pair by position) and
    why the text offers no check.

    Parameters
    ----------
    doc_id : {None, 'blora-2020', 'batang-2023'}
        One document, or both (default).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id``, ``source_line``, ``table_id`` (the table the line
        sits in, NA outside tables), ``reason`` (``header``, ``page-break
        header repeat``, ``continuation of line N``, ``group heading``,
        ``assumption: ...``) and ``text`` (the cells joined by ``' | '``).
    """
    if doc_id is None:
        return _combined("parse_report").copy()
    return _parsed(check_doc_id(doc_id))[1].copy()


_DOC_ARG = """
    Parameters
    ----------
    doc_id : {{None, 'blora-2020', 'batang-2023'}}, default None
        Return rows of one document only; None returns both. Any other
        value raises ``ValueError`` listing the valid ids.

    Returns
    -------
    pandas.DataFrame
        One row per {row}. Columns:

{columns}
"""


def _doc(table: str, summary: str, row: str, example: str) -> str:
    spec = TABLES[table]
    return (
        f"{summary}\n\n    {spec.description}\n"
        + _DOC_ARG.format(row=row, columns=numpydoc_returns(table))
        + f"\n    Examples\n    --------\n{example}\n"
    )


def load_documents(doc_id=None) -> pd.DataFrame:
    return _load("documents", doc_id)


def load_targets(doc_id=None) -> pd.DataFrame:
    return _load("targets", doc_id)


def load_actions(doc_id=None) -> pd.DataFrame:
    return _load("actions", doc_id)


def load_action_targets(doc_id=None) -> pd.DataFrame:
    return _load("action_targets", doc_id)


def load_theme_scores(doc_id=None) -> pd.DataFrame:
    return _load("theme_scores", doc_id)


def load_areas(doc_id=None) -> pd.DataFrame:
    return _load("areas", doc_id)


def load_indicator_crosswalk(doc_id=None) -> pd.DataFrame:
    return _load("indicator_crosswalk", doc_id)


def load_statements(doc_id=None) -> pd.DataFrame:
    return _load("statements", doc_id)


def load_teams(doc_id=None) -> pd.DataFrame:
    return _load("teams", doc_id)


def load_agencies(doc_id=None) -> pd.DataFrame:
    return _load("agencies", doc_id)


load_documents.__doc__ = _doc(
    "documents",
    "Load the two source regulations, one row each.",
    "document",
    "    >>> import rbdata\n    >>> rbdata.load_documents()[['doc_id', 'framework']].to_string(index=False)\n"
    "    '     doc_id    framework\\n blora-2020   eight-area\\nbatang-2023 double-track'",
)
load_targets.__doc__ = _doc(
    "targets",
    "Load indicator baselines and targets in long format.",
    "indicator x period x kind",
    "    >>> import rbdata\n    >>> t = rbdata.load_targets('blora-2020')\n"
    "    >>> t.query(\"table_id == 'B.1.b' and period == '2021'\")['value_text'].tolist()\n"
    "    ['WTP', '100', '3,8', '3,8', '94']",
)
load_actions.__doc__ = _doc(
    "actions",
    "Load actions and activities of the action plans.",
    "action",
    "    >>> import rbdata\n    >>> a = rbdata.load_actions('batang-2023')\n"
    "    >>> sorted(a['track'].unique())\n    ['General', 'Tematik Investasi', 'Tematik Kemiskinan']",
)
load_action_targets.__doc__ = _doc(
    "action_targets",
    "Load the output targets of actions in long format.",
    "action x period",
    "    >>> import rbdata\n    >>> at = rbdata.load_action_targets('batang-2023')\n"
    "    >>> sorted(at['period'].unique())\n    ['2023', '2023Q1', '2023Q2', '2023Q3', '2023Q4']",
)
load_theme_scores.__doc__ = _doc(
    "theme_scores",
    "Load Batang's theme-selection scores (Tabel 4.1).",
    "theme x criterion",
    "    >>> import rbdata\n    >>> s = rbdata.load_theme_scores()\n"
    "    >>> s.groupby('theme', sort=False)['score'].sum().tolist()\n    [44, 41, 33, 32, 39]",
)
load_areas.__doc__ = _doc(
    "areas",
    "Load the eight areas of change with Blora's expected results.",
    "area",
    "    >>> import rbdata\n    >>> len(rbdata.load_areas())\n    8",
)
load_indicator_crosswalk.__doc__ = _doc(
    "indicator_crosswalk",
    "Load Batang Tabel 2.1: the old indicators and their fate.",
    "old indicator",
    "    >>> import rbdata\n    >>> len(rbdata.load_indicator_crosswalk())\n    22",
)
load_statements.__doc__ = _doc(
    "statements",
    "Load the narrative lists (achievements, problems, priorities, issues).",
    "list item",
    "    >>> import rbdata\n    >>> s = rbdata.load_statements('blora-2020')\n"
    "    >>> int((s['category'] == 'quick_win').sum())\n    6",
)
load_teams.__doc__ = _doc(
    "teams",
    "Load Batang's RB management teams (Tabel 5.1, 5.2).",
    "team position",
    "    >>> import rbdata\n    >>> rbdata.load_teams()['team'].value_counts().sort_index().to_dict()\n"
    "    {'General': 39, 'Tematik': 31}",
)
load_agencies.__doc__ = _doc(
    "agencies",
    "Load the agency table: canonical names, spellings, English names.",
    "(agency, alias)",
    "    >>> import rbdata\n    >>> a = rbdata.load_agencies()\n"
    "    >>> a.loc[a['alias'] == 'Bapelit bang', 'agency'].tolist()\n    ['Bapelitbang']",
)


def quote_lines(
    doc_id: str,
    lines: str | range | list[int] | tuple[int, ...],
    cell_width: int | None = None,
    *,
    strip_end: bool = True,
) -> str:
    """Lines of ``data/raw/<doc_id>.txt`` with their numbers, for reading.

    Parameters
    ----------
    doc_id : str
        Document.
    lines : str or sequence of int
        Line numbers, or a ``source_lines`` cell such as ``'357;377;655'``.
    cell_width : int, optional
        Cut every cell after this many characters (adding ``'…'``), so that
        the short value cells of a long row stay in view.
    strip_end : bool, default True
        Drop white space and empty cells at the end of each line; False
        shows every tab of the line as stored, trailing empty cells too.

    Returns
    -------
    str
        One line per source line, ``'<n>: <text>'``, cells separated by
        ``' ⇥ '`` so that empty cells stay visible.

    Raises
    ------
    ValueError
        For an unknown document or a line it does not have (see
        :func:`raw_line`).

    Examples
    --------
    >>> print(quote_lines("batang-2023", "357;655", cell_width=55))
    357:  ⇥  ⇥ Nilai SAKIP ⇥ 66,30 ⇥ 68,00 ⇥ 68,50
    655:  ⇥ Indikator: Nilai SAKIP Target: 70,5 pada Tahun 2024 ⇥  ⇥ 2. Tersedianya kebijakan penguatan akuntabilitas kinerj… ⇥ 2023 ⇥ Bagian Organisasi Setda
    >>> quote_lines("blora-2020", [657], strip_end=False)
    '657: NO ⇥ INDIKATOR KEBERHASILAN ⇥ SATUAN ⇥ TARGET ⇥ '
    """
    numbers = [int(x) for x in lines.split(";") if x.strip()] if isinstance(lines, str) else lines
    out = []
    for n in numbers:
        text = raw_line(doc_id, n)
        cells = (text.rstrip() if strip_end else text).split("\t")
        if cell_width is not None:
            cells = [c if len(c) <= cell_width else c[:cell_width].rstrip() + "…" for c in cells]
        out.append(f"{n}: " + " ⇥ ".join(cells))
    return "\n".join(out)


# --- indicator concepts and the national frame ---
@derived_cache
def _concepts(doc_id: str | None) -> pd.DataFrame:
    """reference/concepts.csv with the documents and target rows that measure
    each concept; for one document, only the concepts its targets measure."""
    targets = _combined("targets") if doc_id is None else _parsed(doc_id)[0]["targets"]
    n_rows: dict[str, int] = {}
    docs: dict[str, set[str]] = {}
    for concept, d in zip(targets["concept_id"].tolist(), targets["doc_id"].tolist()):
        n_rows[concept] = n_rows.get(concept, 0) + 1
        docs.setdefault(concept, set()).add(d)
    rows = []
    names = CONTRACT["concepts"].names
    for r in read_reference("concepts"):
        concept = r["concept_id"]
        if concept not in n_rows:
            if doc_id is not None:
                continue
            raise ContractError(
                f"concepts: {concept!r} of rbdata/reference/concepts.csv is measured by no target row; "
                "remove it, or assign it the wordings that measure it in rbdata/reference/indicator_concepts.csv",
                table="concepts",
                column="concept_id",
                row=concept,
            )
        row = {c: r[c] for c in names if c in r}
        row["national_index_no"] = int(r["national_index_no"]) if r["national_index_no"] else None
        row["doc_ids"] = ";".join(d for d in DOC_IDS if d in docs[concept])
        row["n_rows"] = n_rows[concept]
        rows.append(row)
    df = conform_records(rows, "concepts", doc=doc_id)
    if doc_id is None:
        # every index number is one of Tabel 2.1, every target's concept is listed
        check_foreign_keys(
            {"concepts": df, "targets": targets, "indicator_crosswalk": _combined("indicator_crosswalk")}
        )
    return df


def load_concepts(doc_id=None) -> pd.DataFrame:
    if doc_id is not None:
        check_doc_id(doc_id)
    return _concepts(doc_id).copy()


@derived_cache
def _national_frame() -> pd.DataFrame:
    names = CONTRACT["national_frame"].names
    # an empty cell of the reference table is a missing value (no fate, no concept)
    rows = [{c: (r[c] or None) for c in names} for r in read_reference("national_frame")]
    for row in rows:
        row["source_line"] = int(cast(str, row["source_line"]))  # the reference holds text
    df = conform_records(rows, "national_frame")
    check_foreign_keys(
        {"national_frame": df, "concepts": _concepts(None), "documents": _combined("documents")}
    )
    return df


def _rows_of(df: pd.DataFrame, doc_id) -> pd.DataFrame:
    """A copy of the rows of ``df`` (a curated table with a ``doc_id``
    column) that belong to ``doc_id``; all rows for None."""
    if doc_id is not None:
        return df[df["doc_id"] == check_doc_id(doc_id)].reset_index(drop=True)
    return df.copy()


def load_national_frame(doc_id=None) -> pd.DataFrame:
    return _rows_of(_national_frame(), doc_id)


_REFERENCE_DOC = """{summary}

    {description}

    Parameters
    ----------
    doc_id : {{None, 'blora-2020', 'batang-2023'}}, default None
        {selects} Any other value raises ``ValueError`` listing the
        valid ids.

    Returns
    -------
    pandas.DataFrame
        One row per {row}. Columns:

{columns}

    Examples
    --------
{example}
"""


def _reference_doc(table: str, summary: str, row: str, selects: str, example: str) -> str:
    """Docstring of a loader of a curated table (not a table of a parse):
    summary, what ``doc_id`` selects, and the columns from the contract."""
    return _REFERENCE_DOC.format(
        summary=summary,
        description=CONTRACT[table].description,
        selects=selects,
        row=row,
        columns=numpydoc_returns(table),
        example=example,
    )


load_concepts.__doc__ = _reference_doc(
    "concepts",
    "Load the indicator concepts: the quantities the targets measure, each once.",
    "concept",
    "Only the concepts that document's targets measure, with ``doc_ids`` and\n"
    "        ``n_rows`` counted in it; None returns every concept.",
    "    >>> import rbdata.loaders as loaders\n"
    "    >>> c = loaders.load_concepts().set_index('concept_id')\n"
    "    >>> c.loc['sakip', 'doc_ids'], int(c.loc['sakip', 'national_index_no'])\n"
    "    ('blora-2020;batang-2023', 13)",
)
load_national_frame.__doc__ = _reference_doc(
    "national_frame",
    "Load the elements of the national road-map template that the documents restate.",
    "(element, line)",
    "Return rows of one document only; None returns both.",
    "    >>> import rbdata.loaders as loaders\n"
    "    >>> f = loaders.load_national_frame()\n"
    "    >>> f['kind'].value_counts(sort=False).to_dict()['outcome_index']\n"
    "    22",
)
# --- end indicator concepts and the national frame ---


# --- the tables of the documents ---
@derived_cache
def _source_tables() -> pd.DataFrame:
    names = CONTRACT["source_tables"].names
    rows = [{c: r[c] for c in names} for r in read_reference("source_tables")]
    for row in rows:
        row["caption_line"] = int(row["caption_line"])  # the reference holds text
    df = conform_records(rows, "source_tables")
    check_foreign_keys({"source_tables": df, "documents": _combined("documents")})
    # every table a row is read from is listed, and every listed table has rows
    # (the parse report's table ids included: its header and group rows)
    listed = set(zip(df["doc_id"].tolist(), df["table_id"].tolist()))
    used: set[tuple[str, str]] = set()
    tables = [_combined(t) for t in TABLES if "table_id" in TABLES[t].names]
    for table in [*tables, _combined("parse_report")]:
        pairs = zip(table["doc_id"].tolist(), table["table_id"].tolist())
        used.update((d, t) for d, t in pairs if isinstance(t, str))
    for problem, wrong in (
        ("is listed but no row is read from it", listed - used),
        ("is not listed", used - listed),
    ):
        if wrong:
            d, t = sorted(wrong)[0]
            raise ContractError(
                f"source_tables: table {t!r} of {d} {problem} in rbdata/reference/source_tables.csv",
                table="source_tables",
                column="table_id",
                row=f"{d} / {t}",
                doc_id=d,
            )
    return df


def load_source_tables(doc_id=None) -> pd.DataFrame:
    return _rows_of(_source_tables(), doc_id)


load_source_tables.__doc__ = _reference_doc(
    "source_tables",
    "Load the tables of the documents: the line that names each, as printed, with an English gloss.",
    "table of a document",
    "Return rows of one document only; None returns both.",
    "    >>> import rbdata.loaders as loaders\n"
    "    >>> t = loaders.load_source_tables('batang-2023').set_index('table_id')\n"
    "    >>> int(t.loc['Tabel 2.4', 'caption_line']), t.loc['Tabel 2.4', 'title']\n"
    "    (369, 'Tabel 2.4. Penetapan Target Kegiatan Utama')",
)
# --- end the tables of the documents ---


# --- budget lines ---
def load_budget_lines(doc_id=None) -> pd.DataFrame:
    return _load("budget_lines", doc_id)


def load_action_budgets(doc_id=None) -> pd.DataFrame:
    return _load("action_budgets", doc_id)


load_budget_lines.__doc__ = _doc(
    "budget_lines",
    "Load the budget lines of Batang's action plans, each printed budget cell once.",
    "printed budget cell",
    "    Sum ``amount_idr`` over the lines whose ``repeat_of`` is NA to count every\n"
    "    rupiah once (``actions.budget_idr`` counts a line again under each action\n"
    "    it is printed under); leave out ``funding_level == 'central'`` for the\n"
    "    regency's own budget lines. The actions a line funds are in\n"
    "    :func:`load_action_budgets`.\n\n"
    "    >>> import rbdata.loaders as loaders\n"
    "    >>> b = loaders.load_budget_lines('batang-2023')\n"
    "    >>> once = b[b['repeat_of'].isna()]\n"
    "    >>> f\"{once['amount_idr'].sum():,.0f}\"\n"
    "    '295,568,767,315'\n"
    "    >>> f\"{once.loc[once['funding_level'] != 'central', 'amount_idr'].sum():,.0f}\"\n"
    "    '125,876,470,670'",
)
load_action_budgets.__doc__ = _doc(
    "action_budgets",
    "Load the link between actions and the budget lines that fund them.",
    "(action, budget line)",
    "    A line printed again under another action (``repeat_of`` set) is that\n"
    "    action's ``'own row'``; its first printing is the line's ``repeat_of``:\n\n"
    "    >>> import rbdata.loaders as loaders\n"
    "    >>> lines = loaders.load_budget_lines('batang-2023').set_index('budget_line_id')\n"
    "    >>> links = loaders.load_action_budgets('batang-2023')\n"
    "    >>> links['link'].value_counts(sort=False).to_dict()\n"
    "    {'own row': 78, 'second sub-activity': 3, 'merged cell': 8}\n"
    "    >>> bkd = links[links['action_id'] == 'batang-2023:Lampiran II:776']\n"
    "    >>> lines.loc[bkd['budget_line_id'], 'repeat_of'].tolist()\n"
    "    ['batang-2023:Lampiran II:775']",
)
# --- end budget lines ---


# --- statement exclusions ---
def statement_exclusions(doc_id=None) -> pd.DataFrame:
    """The lists of both documents that are not in :func:`load_statements`, with the reason.

    Together with ``load_statements()`` this accounts for every list-marker
    line of both documents (``tests/test_statements.py``).
    """
    spec = CONTRACT["statement_exclusions"]
    df = pd.DataFrame(list(read_reference("statement_exclusions")), columns=spec.names)
    if doc_id is not None:
        df = df[df["doc_id"] == check_doc_id(doc_id)]
    return conform(df, "statement_exclusions")


statement_exclusions.__doc__ = (statement_exclusions.__doc__ or "") + (
    "\n    Returns\n    -------\n    pandas.DataFrame\n        One row per excluded range. Columns:\n\n"
    + numpydoc_returns("statement_exclusions")
    + "\n"
)
# --- end statement exclusions ---
