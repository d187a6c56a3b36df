"""The short cuts of the contract's checks: :func:`conform_records` (rows as
dicts, as parsers make them) and the direct conversions inside
:func:`conform` give exactly what the general way gives, errors included."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import rbdata
from rbdata import build as _build
from rbdata import sources
from rbdata.contract import CONTRACT, ContractError, conform, validate
from rbdata.contract.validate import conform_records
from rbdata.loaders import _read

BUILD = dict(_build.BUILD)


def _object_frame(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with plain object columns, as a parser's records give them."""
    return df.astype(object).where(df.notna(), None)


def _records(df: pd.DataFrame) -> list[dict]:
    """The rows of ``df`` as dicts of plain Python values (None where missing)."""
    return _object_frame(df).to_dict("records")


def _outcome(func, *args, **kwargs):
    """The frame ``func`` returns, or the ContractError it raises."""
    try:
        return func(*args, **kwargs)
    except ContractError as err:
        return err


def assert_same_frame(got: pd.DataFrame, want: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert type(got.index) is type(want.index)
    for name in want.columns:
        if isinstance(want[name].dtype, pd.CategoricalDtype):
            assert got[name].cat.codes.dtype == want[name].cat.codes.dtype, name
            assert list(got[name].cat.categories) == list(want[name].cat.categories), name
            assert got[name].cat.categories.dtype == want[name].cat.categories.dtype, name


def assert_same_outcome(records: list[dict], table: str, doc: str | None = None):
    """``conform_records`` does what ``conform`` does with the frame of the records."""
    names = CONTRACT[table].names
    want = _outcome(conform, pd.DataFrame.from_records(records, columns=names), table, doc=doc)
    got = _outcome(conform_records, records, table, doc=doc)
    if isinstance(want, ContractError):
        assert isinstance(got, ContractError), f"{table}: conform refuses ({want}), conform_records does not"
        assert str(got) == str(want)
        assert (got.table, got.column, got.row, got.doc_id, got.source_line) == (
            want.table,
            want.column,
            want.row,
            want.doc_id,
            want.source_line,
        )
        return got
    assert not isinstance(got, ContractError), f"{table}: conform_records refuses: {got}"
    assert_same_frame(got, want)
    return got


# ------------------------------------------------------------ today's tables
@pytest.mark.parametrize("name", sorted(BUILD))
def test_todays_rows_give_the_same_frame(name):
    df = BUILD[name]()
    got = assert_same_outcome(_records(df), name)
    assert_same_frame(got, df)


@pytest.mark.parametrize("name", sorted(BUILD))
def test_conform_of_plain_columns_keeps_todays_values_and_dtypes(name):
    df = BUILD[name]()
    assert_same_frame(conform(_object_frame(df), name), df)
    assert_same_frame(conform(df, name), df)


def test_parsers_rows_take_the_direct_way(monkeypatch):
    """Every table of a parse is built from its rows directly: the way round
    through ``conform`` (a frame of objects first) takes about three times as long."""
    taken = []
    general = validate.conform

    def counting(df, table, *, doc=None):
        taken.append(table)
        return general(df, table, doc=doc)

    monkeypatch.setattr(validate, "conform", counting)
    for doc_id in rbdata.DOC_IDS:
        sources.parse_with_report(_read(doc_id), doc_id)
    assert taken == []


def test_no_rows_give_the_empty_table_of_the_contract():
    for name in ("targets", "indicator_crosswalk", "documents", "theme_scores"):
        got = assert_same_outcome([], name)
        assert len(got) == 0 and list(got.columns) == CONTRACT[name].names


def test_the_result_shares_no_memory_with_the_input():
    df = rbdata.load_theme_scores()
    out = conform(df, "theme_scores")
    out.loc[0, "score"] = -7
    out.loc[0, "theme"] = "changed"
    assert df.loc[0, "score"] != -7 and df.loc[0, "theme"] != "changed"
    # pd.to_datetime hands back the very array of a column of dates
    docs = rbdata.load_documents()
    out = conform(docs, "documents")
    out.loc[0, "enacted"] = pd.Timestamp("1999-01-01")
    assert docs.loc[0, "enacted"] != pd.Timestamp("1999-01-01")


# ------------------------------------------------------------ values off the direct way
def _scores() -> list[dict]:
    return _records(rbdata.load_theme_scores())


def test_value_outside_the_vocabulary():
    rows = _records(rbdata.load_targets("blora-2020"))
    rows[2]["kind"] = "Target"
    err = assert_same_outcome(rows, "targets")
    assert str(err).startswith("targets.kind: 'Target' is not one of baseline, target")


@pytest.mark.parametrize("value", [None, ""])
def test_missing_required_text(value):
    rows = _records(rbdata.load_targets("blora-2020"))
    rows[3]["indicator"] = value
    assert assert_same_outcome(rows, "targets").column == "indicator"


def test_missing_required_category():
    rows = _records(rbdata.load_targets("blora-2020"))
    rows[3]["kind"] = None
    assert assert_same_outcome(rows, "targets").column == "kind"


@pytest.mark.parametrize("value", [8.5, "8 poin", None, True, 2**70, np.int64(8)])
def test_int_column(value):
    rows = _scores()
    rows[1]["score"] = value
    assert_same_outcome(rows, "theme_scores")


@pytest.mark.parametrize("value", [None, 1, "0", np.bool_(True)])
def test_bool_column(value):
    rows = _scores()
    rows[1]["selected"] = value
    assert_same_outcome(rows, "theme_scores")


@pytest.mark.parametrize("value", [None, 3, math.nan, "2,5", np.float64(2.5), 2**70])
def test_float_column(value):
    rows = _scores()
    rows[1]["existing_value"] = value
    assert_same_outcome(rows, "theme_scores")


@pytest.mark.parametrize("value", [7, 7.0, np.str_("x")])
def test_text_column_holding_other_values(value):
    rows = _scores()
    rows[1]["existing_text"] = value
    assert_same_outcome(rows, "theme_scores")
    # pandas reads a column of numbers and None as floats: 7 becomes '7.0'
    for i, row in enumerate(rows):
        row["existing_text"] = value if i % 2 else None
    assert_same_outcome(rows, "theme_scores")


@pytest.mark.parametrize("value", [None, True, 1, "ya"])
def test_nullable_columns(value):
    rows = _records(rbdata.load_indicator_crosswalk())
    rows[0]["available_2021"] = value
    rows[1]["merged_into"] = value if value is not True else 2.0
    assert_same_outcome(rows, "indicator_crosswalk")


def test_missing_required_nullable_int():
    rows = _records(rbdata.load_indicator_crosswalk())
    rows[0]["authority_line"] = None
    assert assert_same_outcome(rows, "indicator_crosswalk").column == "authority_line"


@pytest.mark.filterwarnings("ignore:Parsing dates in %d/%m/%Y format")
@pytest.mark.parametrize(
    "value", ["2020-06-01", "2020-06", "01/06/2020", "2020-06-01T12:00+07:00", "2020-13-01", "", "NaT", None]
)
def test_date_column(value):
    rows = _records(rbdata.load_documents())
    for row in rows:
        row["enacted"] = str(row["enacted"].date())  # as reference/sources.csv holds it
    rows[1]["enacted"] = value
    assert_same_outcome(rows, "documents")


def test_duplicate_primary_key():
    rows = _scores()
    rows.append(dict(rows[1]))
    err = assert_same_outcome(rows, "theme_scores")
    assert err.column == "doc_id+theme_no+criterion"


def test_a_key_a_row_lacks_is_a_missing_value_and_others_are_ignored():
    rows = _scores()
    del rows[1]["existing_text"]
    rows[2]["not_a_column"] = object()
    assert_same_outcome(rows, "theme_scores")
    del rows[3]["theme"]
    assert assert_same_outcome(rows, "theme_scores").column == "theme"


def test_table_without_doc_id_is_located_by_the_doc_argument():
    rows = _records(rbdata.load_agencies("blora-2020"))
    rows[1]["alias"] = rows[0]["alias"]
    err = assert_same_outcome(rows, "agencies", doc="blora-2020")
    assert err.doc_id == "blora-2020"
