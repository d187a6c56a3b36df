"""The contract's checks: :func:`conform` and :func:`check_table` (one
table; :func:`conform_records` for a table given as the parsers' row dicts)
and :func:`check_foreign_keys` (a set of tables).

Every error is a :class:`ContractError` naming the table, the column, the
row (its primary-key value) and, where the table has them, the document and
line the row was read from, so that a parser's mistake can be found in the
raw text at once.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from rbdata.contract.schema import CONTRACT, Column, Table

__all__ = [
    "ContractError",
    "check_foreign_keys",
    "check_primary_key",
    "check_table",
    "conform",
    "conform_records",
]


class ContractError(ValueError):
    """A table breaks its contract (rbdata/contract/schema.py).

    Attributes
    ----------
    table, column : str
        Where: ``column`` is ``'a+b'`` for a rule on several columns.
    row : str or None
        The row's primary-key value (``' / '``-joined for a key of several
        columns), as the table holds it.
    doc_id : str or None
    source_line : int or None
        The line of ``data/raw/<doc_id>.txt`` the row was read from.
    """

    def __init__(
        self,
        message: str,
        *,
        table: str,
        column: str = "",
        row: str | None = None,
        doc_id: str | None = None,
        source_line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.table = table
        self.column = column
        self.row = row
        self.doc_id = doc_id
        self.source_line = source_line


# ---------------------------------------------------------------- conversion
# dtype objects rather than names: pandas resolves a name such as "string"
# through its registry of dtypes on every call
_STRING = pd.StringDtype()
_EXTENSION = {"string": _STRING, "Int64": pd.Int64Dtype(), "boolean": pd.BooleanDtype()}
_NUMPY = {"int": np.dtype(np.int64), "float": np.dtype(np.float64), "bool": np.dtype(np.bool_)}


@functools.cache
def _categorical(dtype: str) -> tuple[pd.CategoricalDtype, dict[str, int]]:
    """The pandas dtype of a contract dtype ``category:<a>|<b>|...`` and the
    code of each category, made once: pandas checks the categories each
    time a categorical dtype is made."""
    categories = dtype.split(":", 1)[1].split("|")
    return pd.CategoricalDtype(categories), {c: code for code, c in enumerate(categories)}


def _converted(s: pd.Series, dtype: str) -> Any:
    """The values of ``s`` in the contract dtype ``dtype`` (an array)."""
    if dtype == "string":
        return s.astype(_STRING).array
    if dtype == "int":
        return s.astype(np.int64).to_numpy()
    if dtype == "Int64":
        return s.astype(_EXTENSION["Int64"]).array
    if dtype == "float":
        return s.astype(np.float64).to_numpy()
    if dtype == "bool":
        return s.astype(np.bool_).to_numpy()
    if dtype == "boolean":
        return s.astype(_EXTENSION["boolean"]).array
    if dtype == "date":
        return pd.to_datetime(s).array
    if dtype.startswith("category:"):
        return pd.Categorical(s, categories=_categorical(dtype)[0].categories)
    raise ValueError(f"unknown dtype {dtype!r}")  # pragma: no cover - contract typo


def _converted_directly(s: pd.Series, dtype: str) -> Any:
    """What :func:`_converted` gives for the columns parsers make, built
    without its detours; None for the other columns.

    A parser's column is a numpy array: int64, float64 or bool where every
    value is a number or a truth value, object otherwise. ``astype`` costs
    about 20 to 120 microseconds a column whatever the length (a parse has
    some 400 columns): a column already of the contract's numpy dtype is
    copied instead, and a category column is coded with one dictionary
    look-up a value. Both give the very values and dtype of ``_converted``.
    """
    if not isinstance(s.dtype, np.dtype):
        return None
    if dtype in _NUMPY and s.dtype == _NUMPY[dtype]:
        return s.to_numpy(copy=True)
    if dtype in _EXTENSION:
        # what astype does with a numpy column, without its layers
        return pd.array(s.to_numpy(), dtype=_EXTENSION[dtype], copy=True)
    if dtype.startswith("category:"):
        categorical, codes = _categorical(dtype)
        try:
            found = [codes.get(v, -1) for v in s.to_numpy()]
        except TypeError:  # an unhashable value: _converted says what is wrong
            return None
        # -1 (missing, or outside the vocabulary) as pd.Categorical codes it
        return pd.Categorical.from_codes(found, dtype=categorical)
    return None


def _lossy(s: pd.Series, dtype: str, values: Any) -> np.ndarray | None:
    """Positions where a conversion that succeeded changed a value, or None.

    ``astype`` turns 2.5 into the int 2, and NaN, None or the text 'False'
    into the bool True, without a word.
    """
    kind = s.dtype.kind
    # only a fractional number can lose its fraction: a text such as
    # '2.5' or '8 poin' is refused by astype itself
    if dtype == "int" and kind == "f":
        return np.flatnonzero(s.to_numpy() != values)
    if dtype == "int" and kind == "O":
        return np.array(
            [pos for pos, v in enumerate(s) if isinstance(v, float | np.floating) and v != values[pos]],
            dtype=np.intp,
        )
    if dtype == "bool" and kind != "b":
        ok = [isinstance(v, bool | np.bool_) or (type(v) in (int, np.int64) and v in (0, 1)) for v in s]
        return np.flatnonzero(~np.array(ok, dtype=bool))
    return None


def _missing(values: Any, col: Column) -> np.ndarray:
    """Boolean mask of missing values; an empty text counts as missing,
    because the CSV files cannot tell it from a missing value."""
    if col.dtype == "string":
        return values.to_numpy(dtype=object, na_value="") == ""
    if col.dtype == "float":
        return np.isnan(values)
    if col.dtype in ("int", "bool"):
        return np.zeros(len(values), dtype=bool)
    if col.dtype.startswith("category:"):
        return values.codes == -1
    return np.asarray(values.isna(), dtype=bool)


# ---------------------------------------------------------------- messages
def _text(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return "<missing>"
    return str(value)


def _where(df: pd.DataFrame, spec: Table, pos: int, doc: str | None) -> dict:
    """Row id, document and line of row ``pos`` (keyword arguments of ContractError)."""
    cols = df.columns
    row = " / ".join(_text(df[c].iat[pos]) for c in spec.primary_key if c in cols) or f"#{pos}"
    doc_id = _text(df["doc_id"].iat[pos]) if "doc_id" in cols else doc
    if doc is not None:
        doc_id = doc
    line = None
    if "source_line" in cols:
        raw = df["source_line"].iat[pos]
        try:
            line = int(raw) if float(raw).is_integer() else None
        except (TypeError, ValueError):  # missing, or the line itself is what is wrong
            line = None
    return {"row": row, "doc_id": doc_id, "source_line": line}


def _located(where: dict) -> str:
    parts = [f"row {where['row']}"]
    if where["doc_id"] is not None and where["source_line"] is not None:
        parts.append(f"{where['doc_id']}.txt line {where['source_line']}")
    elif where["doc_id"] is not None:
        parts.append(where["doc_id"])
    return ", ".join(parts)


def _error(
    df: pd.DataFrame,
    spec: Table,
    column: str,
    problem: str,
    positions: Sequence[int] | np.ndarray,
    doc: str | None,
    *,
    also: str = "",
) -> ContractError:
    """ContractError for the first of ``positions``, counting the others."""
    where = _where(df, spec, int(positions[0]), doc)
    more = len(positions) - 1
    tail = f"; {more} more row{'s' if more > 1 else ''} like it" if more else ""
    message = f"{spec.name}.{column}: {problem} ({_located(where)}{also}){tail}"
    return ContractError(message, table=spec.name, column=column, **where)


def _unconvertible(df: pd.DataFrame, spec: Table, col: Column, doc: str | None) -> ContractError:
    """The error for the first value of ``col`` that ``astype`` refuses."""
    s = df[col.name]
    bad: list[int] = []
    missing: list[int] = []
    for pos in range(len(s)):
        try:
            _converted(s.iloc[pos : pos + 1], col.dtype)
        except (ValueError, TypeError, OverflowError):
            (missing if pd.isna(s.iat[pos]) else bad).append(pos)
    if bad:
        problem = f"{s.iat[bad[0]]!r} is not a value of dtype {col.dtype}"
        return _error(df, spec, col.name, problem, bad, doc)
    if missing:
        return _error(df, spec, col.name, "a required value is missing", missing, doc)
    # only the whole column fails: say so rather than guess a row
    return ContractError(  # pragma: no cover - no known case
        f"{spec.name}.{col.name}: cannot convert the column to dtype {col.dtype}",
        table=spec.name,
        column=col.name,
    )


# ---------------------------------------------------------------- checks
def conform(df: pd.DataFrame, table: str, *, doc: str | None = None) -> pd.DataFrame:
    """Order the columns and fix the dtypes of ``df`` as the contract of ``table`` says, checking every value.

    Parameters
    ----------
    df : pandas.DataFrame
        The rows, with at least the contract's columns (others are dropped).
    table : str
        Name of a table of :data:`rbdata.contract.schema.CONTRACT`.
    doc : str, optional
        The document the rows come from, named in error messages (needed
        for tables without a ``doc_id`` column).

    Returns
    -------
    pandas.DataFrame
        A new frame with the contract's columns in order, its dtypes and a
        fresh 0..n-1 index; ``df`` is not changed.

    Raises
    ------
    ContractError
        If a column is absent, a value cannot be converted to its dtype
        (or would change: 2.5 into an int, NaN into a bool), a category
        value is outside the vocabulary, a required value is missing or
        empty, or a primary-key value occurs twice. The message names the
        table, the column, the row's key and its source line.
    """
    spec = CONTRACT[table]
    absent = [c for c in spec.names if c not in df.columns]
    if absent:
        raise ContractError(
            f"{table}: no column {', '.join(absent)} (the contract's columns are {', '.join(spec.names)})",
            table=table,
            column="+".join(absent),
        )
    # Convert column by column into a dict and build the frame once:
    # inserting converted columns one at a time into a copy costs more than
    # the conversions themselves for these short tables.
    data = {}
    for col in spec.columns:
        s = df[col.name]
        try:
            values = _converted_directly(s, col.dtype)
            if values is None:
                # astype and pd.to_datetime hand back the array of ``s`` itself
                # where it has the dtype already: copy, as ``df`` stays as it is
                values = _converted(s, col.dtype).copy()
        except (ValueError, TypeError, OverflowError):
            raise _unconvertible(df, spec, col, doc) from None
        if col.dtype in ("int", "bool"):
            changed = _lossy(s, col.dtype, values)
            if changed is not None and len(changed):
                problem = f"{s.iat[changed[0]]!r} is not a value of dtype {col.dtype}"
                raise _error(df, spec, col.name, problem, changed, doc)
        if col.categories:
            unknown = values.codes == -1  # missing, or outside the vocabulary
            if unknown.any():
                outside = np.flatnonzero(unknown & ~pd.isna(s.to_numpy()))
                if len(outside):
                    problem = f"{s.iat[outside[0]]!r} is not one of {', '.join(col.categories)}"
                    raise _error(df, spec, col.name, problem, outside, doc)
        if col.required:
            missing = _missing(values, col)
            if missing.any():
                raise _error(df, spec, col.name, "a required value is missing", np.flatnonzero(missing), doc)
        data[col.name] = values
    _check_primary_key(df, spec, data, doc)
    # every array of ``data`` is new: the frame need not copy them again
    out = pd.DataFrame(data, index=pd.RangeIndex(len(df)), copy=False)
    if df.attrs:
        out.attrs = copy.deepcopy(df.attrs)
    return out


def conform_records(
    records: Sequence[Mapping[str, Any]], table: str, *, doc: str | None = None
) -> pd.DataFrame:
    """:func:`conform` for rows given as dicts (column name -> value), as parsers make them.

    Parameters
    ----------
    records : sequence of dict
        One dict a row; a column a dict lacks holds a missing value there,
        keys that are not columns of the contract are ignored.
    table : str
        Name of a table of :data:`rbdata.contract.schema.CONTRACT`.
    doc : str, optional
        As for :func:`conform`.

    Returns
    -------
    pandas.DataFrame
        The frame ``conform(pd.DataFrame.from_records(records, columns=names), table, doc=doc)``
        returns, ``names`` being the contract's columns.

    Raises
    ------
    ContractError
        The error that call raises.

    Notes
    -----
    A column whose values are all of the plain Python type of its dtype
    (``str`` for text and categories, ``int``, ``float``, ``bool``; None for
    a missing value) is built straight from them, checks and all. That is
    the point of this function: a parse makes some 400 columns, and each
    pandas operation on a column (making the frame of objects, taking the
    column out of it, converting it) costs tens of microseconds. A table
    with any other value, or with a value a check refuses, is handed to
    :func:`conform` whole, which gives the same frame or says what is wrong.
    """
    spec = CONTRACT[table]
    data, plain = {}, {}
    for col in spec.columns:
        plain[col.name] = [r.get(col.name) for r in records]
        values = _plain_values_converted(plain[col.name], col)
        if values is None:
            return conform(pd.DataFrame.from_records(records, columns=spec.names), table, doc=doc)
        data[col.name] = values
    # the key's columns are required: no None among their values, which are
    # as unique as the converted ones
    keys = list(zip(*(plain[c] for c in spec.primary_key)))
    if len(set(keys)) != len(keys):
        return conform(pd.DataFrame.from_records(records, columns=spec.names), table, doc=doc)
    return pd.DataFrame(data, index=pd.RangeIndex(len(records)), copy=False)


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# The plain Python types of the values of each dtype (None for a missing value).
_PLAIN_TYPES: dict[str, set[type]] = {
    "string": {str, type(None)},
    "category": {str, type(None)},
    "int": {int},
    "float": {float, int, type(None)},
    "bool": {bool},
    "Int64": {int, type(None)},
    "boolean": {bool, type(None)},
    "date": {str, type(None)},
}


def _plain_values_converted(values: list, col: Column) -> Any:
    """``values`` in the dtype of ``col`` (an array) if every value is of the
    plain Python type of that dtype and passes the checks of :func:`conform`,
    else None (then :func:`conform` decides).

    Each array is what :func:`_converted` makes of the column that
    ``pd.DataFrame.from_records`` makes of such values.
    """
    dtype = col.dtype
    # one pass in C over the values, rather than a test a value in Python
    if not set(map(type, values)) <= _PLAIN_TYPES["category" if col.categories else dtype]:
        return None
    if dtype == "string":
        if col.required and (None in values or "" in values):
            return None
        return _STRING.construct_array_type()._from_sequence(values, dtype=_STRING)
    if col.categories:
        categorical, code_of = _categorical(dtype)
        codes = [code_of.get(v, -1) for v in values]
        if -1 in codes and any(
            code == -1 and (col.required or v is not None) for code, v in zip(codes, values)
        ):
            return None  # outside the vocabulary, or a required value missing
        # every code is -1 or a position in the vocabulary: nothing for pandas to check
        return pd.Categorical.from_codes(np.array(codes, dtype=np.int64), dtype=categorical, validate=False)
    if dtype == "int":
        try:
            return np.array(values, dtype=np.int64)
        except OverflowError:
            return None
    if dtype == "float":
        floats = np.array(values, dtype=np.float64)  # None becomes NaN
        return None if col.required and np.isnan(floats).any() else floats
    if dtype == "bool":
        return np.array(values, dtype=np.bool_)
    try:
        if dtype == "date" and all(v is not None and _ISO_DATE.fullmatch(v) for v in values):
            # the format pandas would infer for these: read them directly
            # (pd.to_datetime spends about a millisecond inferring it on its first call)
            array = pd.array(np.array(values, dtype="datetime64[ns]"))
        elif dtype == "date":
            array = pd.to_datetime(pd.Series(values, dtype=object)).array
        else:
            array = pd.array(values, dtype=_EXTENSION[dtype])
    except (ValueError, TypeError, OverflowError):
        return None
    # a date such as '' or 'NaT' is missing too
    return None if col.required and array.isna().any() else array


def _objects(values: Any, *, codes: bool = False) -> list:
    """Plain Python values of an array, to build hashable keys from; with
    ``codes``, a category column gives its codes (as unique as its values)."""
    if isinstance(values, pd.Categorical):
        return values.codes.tolist() if codes else list(np.asarray(values, dtype=object))
    if isinstance(values, pd.Series | pd.Index):
        values = values.array
    if isinstance(values, np.ndarray):
        return values.tolist()
    return list(values.to_numpy(dtype=object))


def _keys(columns: Sequence[Any], *, codes: bool = False) -> list:
    if len(columns) == 1:
        return _objects(columns[0], codes=codes)
    return list(zip(*(_objects(c, codes=codes) for c in columns)))


def _check_primary_key(df: pd.DataFrame, spec: Table, data: Mapping[str, Any], doc: str | None) -> None:
    if not spec.primary_key:
        return
    keys = _keys([data[c] for c in spec.primary_key], codes=True)
    if len(set(keys)) == len(keys):
        return
    first: dict = {}
    repeats = []
    for pos, k in enumerate(keys):
        if k in first:
            repeats.append(pos)
        else:
            first[k] = pos
    earlier = _where(df, spec, first[keys[repeats[0]]], doc)
    raise _error(
        df,
        spec,
        "+".join(spec.primary_key),
        "the primary key occurs twice",
        repeats,
        doc,
        also=f"; first at {_located(earlier)}" if earlier != _where(df, spec, repeats[0], doc) else "",
    )


def check_primary_key(df: pd.DataFrame, table: str) -> None:
    """Raise :class:`ContractError` if a primary-key value of ``df`` occurs twice.

    For tables already conformed part by part (one document at a time) and
    then put together: across the parts, only a key can clash.
    """
    spec = CONTRACT[table]
    _check_primary_key(df, spec, {c: df[c].array for c in spec.primary_key}, None)


def check_table(df: pd.DataFrame, table: str, *, doc: str | None = None) -> None:
    """Check that ``df`` is exactly what :func:`conform` makes of it.

    Parameters
    ----------
    df : pandas.DataFrame
        A table as handed out (by a loader, ``rbdata.quality.check``, ...).
    table : str
        Name of its contract.
    doc : str, optional
        As for :func:`conform`.

    Raises
    ------
    ContractError
        For everything :func:`conform` refuses, and for columns out of the
        contract's order or with another dtype.
    """
    spec = CONTRACT[table]
    if list(df.columns) != spec.names:
        raise ContractError(
            f"{table}: columns {list(df.columns)} differ from the contract's {spec.names}",
            table=table,
        )
    conformed = conform(df, table, doc=doc)
    for name in spec.names:
        if not _same_dtype(df[name].dtype, conformed[name].dtype):
            got = df[name].dtype
            if isinstance(got, pd.CategoricalDtype):
                got = "category:" + "|".join(map(str, got.categories))
            raise ContractError(
                f"{table}.{name}: dtype {got} differs from the contract's {spec.column(name).dtype}",
                table=table,
                column=name,
            )


def _same_dtype(got: Any, wanted: Any) -> bool:
    # categories are compared as values: whether pandas holds them as
    # object or string does not change what the column can contain
    if isinstance(got, pd.CategoricalDtype) and isinstance(wanted, pd.CategoricalDtype):
        return list(got.categories) == list(wanted.categories) and got.ordered == wanted.ordered
    return bool(got == wanted)


def check_foreign_keys(tables: Mapping[str, pd.DataFrame], *, doc: str | None = None) -> None:
    """Check every foreign key among ``tables`` (name -> frame).

    A foreign key is checked where both its table and the table it refers
    to are among ``tables``; a row whose key columns are all missing refers
    to nothing and passes.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        Tables of the contract, e.g. every table of one parse, or every
        table of the build.
    doc : str, optional
        As for :func:`conform`.

    Raises
    ------
    ContractError
        For the first value that is not a key value of the table it refers
        to, naming table, column, value, row and source line.
    """
    known: dict[tuple, set] = {}
    for name, df in tables.items():
        spec = CONTRACT.get(name)
        if spec is None:
            continue
        for fk in spec.foreign_keys:
            target = tables.get(fk.table)
            if target is None:
                continue
            ref = (fk.table, fk.table_columns)
            if ref not in known:
                known[ref] = set(_keys([target[c] for c in fk.table_columns]))
            allowed = known[ref]
            if len(fk.columns) == 1:
                # look up each distinct value once: most rows repeat a few
                # (a set of the plain values: iterating over the pandas array
                # that column.unique() gives costs a call per value)
                values = _keys([df[fk.columns[0]]])
                unknown = {v for v in set(values) if not pd.isna(v) and v not in allowed}
                if not unknown:
                    continue
                dangling = [pos for pos, v in enumerate(values) if v in unknown]
            else:
                values = _keys([df[c] for c in fk.columns])
                dangling = [
                    pos for pos, v in enumerate(values) if v not in allowed and not all(pd.isna(x) for x in v)
                ]
            if dangling:
                value = values[dangling[0]]
                problem = f"{value!r} is not in {fk.table}.{'+'.join(fk.table_columns)}"
                raise _error(df, spec, "+".join(fk.columns), problem, dangling, doc)
