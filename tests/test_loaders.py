"""The public loaders: columns and dtypes as the contract says, document
selection, friendly errors, docstrings listing every column, copies."""

import pandas as pd
import pytest

import rbdata
from rbdata import loaders
from rbdata.contract import TABLES, ContractError

LOADERS = {name: getattr(rbdata, f"load_{name}") for name in TABLES}

PANDAS_DTYPE = {
    "string": "string",
    "int": "int64",
    "float": "float64",
    "Int64": "Int64",
    "bool": "bool",
    "boolean": "boolean",
    "date": "datetime64[ns]",
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_columns_and_dtypes_follow_the_contract(name):
    df = LOADERS[name]()
    spec = TABLES[name]
    assert list(df.columns) == spec.names
    for col in spec.columns:
        got = df[col.name].dtype
        if col.dtype.startswith("category:"):
            assert isinstance(got, pd.CategoricalDtype), (name, col.name, got)
            assert list(got.categories) == col.dtype.split(":", 1)[1].split("|")
        else:
            assert str(got) == PANDAS_DTYPE[col.dtype], (name, col.name, got)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_docstring_has_an_example(name):
    # that it lists every column is tested with the contract (test_contract.py)
    doc = LOADERS[name].__doc__
    assert "Examples" in doc and ">>> " in doc


@pytest.mark.parametrize("name", sorted(set(TABLES) - {"agencies"}))
def test_doc_id_selects_one_document(name):
    both = LOADERS[name]()
    parts = [LOADERS[name](d) for d in rbdata.DOC_IDS]
    assert sum(len(p) for p in parts) == len(both)
    for d, p in zip(rbdata.DOC_IDS, parts):
        assert set(p["doc_id"].astype(str)) <= {d}


@pytest.mark.parametrize("bad", ["blora", "Batang-2023", 2020, ""])
def test_unknown_doc_id_lists_the_valid_ones(bad):
    with pytest.raises(ValueError, match="valid ids are 'blora-2020', 'batang-2023'"):
        rbdata.load_targets(bad)


def test_loaders_hand_out_copies():
    t = rbdata.load_targets()
    t.loc[:, "value"] = -1.0
    assert (rbdata.load_targets()["value"] != -1.0).any()


def test_every_row_is_traceable():
    for name in (
        "targets",
        "actions",
        "action_targets",
        "theme_scores",
        "areas",
        "indicator_crosswalk",
        "statements",
        "teams",
    ):
        df = LOADERS[name]()
        assert df["source_line"].min() >= 1
        assert df["doc_id"].notna().all()


def test_ids_are_unique():
    assert (
        rbdata.load_targets()["target_id"].nunique()
        == rbdata.load_targets()[["target_id"]].drop_duplicates().shape[0]
    )
    t = rbdata.load_targets()
    assert not t.duplicated(["target_id", "period", "kind"]).any()
    assert rbdata.load_actions()["action_id"].is_unique
    at = rbdata.load_action_targets()
    assert not at.duplicated(["action_id", "period"]).any()
    assert set(at["action_id"]) <= set(rbdata.load_actions()["action_id"])


def test_documents_table():
    d = rbdata.load_documents().set_index("doc_id")
    assert d.loc["blora-2020", "framework"] == "eight-area"
    assert d.loc["batang-2023", "framework"] == "double-track"
    assert str(d.loc["batang-2023", "enacted"].date()) == "2023-11-22"
    assert (d.loc["blora-2020", "period_start"], d.loc["blora-2020", "period_end"]) == (2020, 2021)
    assert d.loc["blora-2020", "n_lines"] == 1155  # the last line has no line break


def test_tables_of_both_documents_are_checked_together(monkeypatch):
    # each document's actions pass on their own; together an action_id twice does not
    records = {d: loaders._records(d) for d in rbdata.DOC_IDS}
    first_blora_id = records["blora-2020"].tables["actions"][0]["action_id"]

    def clashing(doc_id):
        part = records[doc_id]
        if doc_id == "batang-2023":
            actions = [dict(r) for r in part.tables["actions"]]
            actions[0]["action_id"] = first_blora_id
            part = part._replace(tables={**part.tables, "actions": actions})
        return part

    monkeypatch.setattr(loaders, "_records", clashing)
    loaders._parsed.cache_clear()
    loaders._parsed_both.cache_clear()
    try:
        with pytest.raises(ContractError, match=r"^actions\.action_id: the primary key occurs twice"):
            rbdata.load_actions()
        assert len(rbdata.load_actions("batang-2023")) == len(records["batang-2023"].tables["actions"])
    finally:
        loaders._parsed.cache_clear()
        loaders._parsed_both.cache_clear()


@pytest.mark.parametrize("table", [t for t in TABLES if t != "agencies"] + ["parse_report"])
def test_a_table_of_both_documents_is_the_tables_of_each_one_after_the_other(table):
    # the tables of both documents are built from the rows of both at once,
    # not by concatenating the tables of each: the result must be the same
    load = rbdata.parse_report if table == "parse_report" else LOADERS[table]
    both = load()
    parts = [load(d) for d in rbdata.DOC_IDS]
    pd.testing.assert_frame_equal(both, pd.concat(parts, ignore_index=True), check_categorical=True)


def test_parse_report_of_both_documents():
    both = rbdata.parse_report()
    parts = [rbdata.parse_report(d) for d in rbdata.DOC_IDS]
    assert len(both) == sum(len(p) for p in parts)
    assert list(both.columns) == ["doc_id", "source_line", "table_id", "reason", "text"]
    assert both["doc_id"].astype(str).tolist() == [
        d for d, p in zip(rbdata.DOC_IDS, parts) for _ in range(len(p))
    ]
