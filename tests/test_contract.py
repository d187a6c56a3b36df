"""The contract (rbdata/contract): one declaration per exported table, and
checks that name table, column, row and source line of what is wrong."""

from __future__ import annotations

import pandas as pd
import pytest

import rbdata
from rbdata import build as _build
from rbdata import sources
from rbdata.contract import (
    CONTRACT,
    RULE_NAMES,
    SEVERITIES,
    TABLES,
    ContractError,
    check_foreign_keys,
    check_table,
    conform,
)
from rbdata.loaders import _read

BUILD_NAMES = [name for name, _ in _build.BUILD]


def _raised(func, *args, **kwargs) -> ContractError:
    with pytest.raises(ContractError) as info:
        func(*args, **kwargs)
    return info.value


def _object_frame(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with plain object columns, as a parser's records give them."""
    return df.astype(object).where(df.notna(), None)


# ------------------------------------------------------------ the declarations
def test_every_exported_table_has_a_contract_with_a_primary_key():
    for name in BUILD_NAMES + ["glossary"]:
        assert name in CONTRACT, name
        assert CONTRACT[name].primary_key, name


def test_keys_name_declared_required_columns():
    for name, spec in CONTRACT.items():
        for col in spec.primary_key:
            assert spec.column(col).required, (name, col)
        for fk in spec.foreign_keys:
            assert fk.table in CONTRACT, (name, str(fk))
            target = CONTRACT[fk.table]
            assert all(c in spec.names for c in fk.columns), (name, str(fk))
            assert all(c in target.names for c in fk.table_columns), (name, str(fk))


def test_columns_that_cannot_hold_a_missing_value_are_declared_required():
    # int64 and bool have no missing value: the data package must say so
    for name, spec in CONTRACT.items():
        for col in spec.columns:
            if col.dtype in ("int", "bool"):
                assert col.required, (name, col.name)


def test_every_doc_id_refers_to_documents():
    for name, spec in CONTRACT.items():
        if "doc_id" in spec.names and name != "documents":
            assert any(fk.columns == ("doc_id",) and fk.table == "documents" for fk in spec.foreign_keys), (
                name
            )


def test_rule_vocabulary_is_the_list_of_quality_rules():
    assert list(RULE_NAMES) == list(rbdata.quality.RULES)
    assert CONTRACT["quality_findings"].column("rule").categories == RULE_NAMES
    assert tuple(SEVERITIES) == tuple(rbdata.quality.SEVERITIES)


def test_loader_docstrings_list_every_contract_column_and_the_keys():
    for name, spec in TABLES.items():
        doc = getattr(rbdata, f"load_{name}").__doc__
        for col in spec.names:
            assert f"``{col}``" in doc, (name, col)
        assert "Primary key: " + ", ".join(f"``{c}``" for c in spec.primary_key) in doc, name


# ------------------------------------------------------------ today's tables pass
@pytest.fixture(scope="module")
def exported():
    """Every table as the build exports it, plus the glossary."""
    tables = {name: func() for name, func in _build.BUILD}
    tables["glossary"] = rbdata.load_glossary()
    return tables


def test_todays_tables_pass_the_contract(exported):
    for name, df in exported.items():
        check_table(df, name)
    check_foreign_keys(exported)


def test_todays_foreign_keys_are_used(exported):
    # the checks below are not vacuous: each foreign key has values to check
    for name, spec in CONTRACT.items():
        for fk in spec.foreign_keys:
            if name in exported and len(exported[name]):
                assert exported[name][list(fk.columns)].notna().all(axis=1).any(), (name, str(fk))


def test_each_document_parses_within_its_contract():
    for doc_id in rbdata.DOC_IDS:
        tables, report = sources.parse_with_report(_read(doc_id), doc_id)
        for name, df in {**tables, "parse_report": report}.items():
            check_table(df, name, doc=doc_id)


# ------------------------------------------------------------ one test per check
def test_value_outside_the_vocabulary_is_refused():
    t = _object_frame(rbdata.load_targets("blora-2020"))
    t.loc[2, "kind"] = "Target"
    err = _raised(conform, t, "targets")
    assert str(err) == (
        "targets.kind: 'Target' is not one of baseline, target "
        "(row blora-2020:B.1.a:557 / 2020 / Target, blora-2020.txt line 557)"
    )
    assert (err.table, err.column, err.doc_id, err.source_line) == ("targets", "kind", "blora-2020", 557)
    assert err.row == "blora-2020:B.1.a:557 / 2020 / Target"
    assert isinstance(err, ValueError)


def test_missing_required_value_is_refused():
    t = _object_frame(rbdata.load_targets("blora-2020"))
    t.loc[3, "indicator"] = None
    err = _raised(conform, t, "targets")
    assert str(err) == (
        "targets.indicator: a required value is missing "
        "(row blora-2020:B.1.a:557 / 2021 / target, blora-2020.txt line 557)"
    )
    # an empty text is missing too: the CSV cannot tell it from a missing value
    t.loc[3, "indicator"] = ""
    assert _raised(conform, t, "targets").column == "indicator"


def test_missing_value_counts_the_other_rows():
    t = _object_frame(rbdata.load_targets("blora-2020"))
    t.loc[[2, 3, 4], "direction"] = None
    assert str(_raised(conform, t, "targets")).endswith("; 2 more rows like it")


def test_duplicate_primary_key_is_refused():
    a = _object_frame(rbdata.load_actions("batang-2023"))
    a.loc[100, "action_id"] = a.loc[0, "action_id"]
    err = _raised(conform, a, "actions")
    assert str(err) == (
        "actions.action_id: the primary key occurs twice (row batang-2023:Bab V SS1:647, "
        "batang-2023.txt line 811; first at row batang-2023:Bab V SS1:647, batang-2023.txt line 647)"
    )
    assert (err.table, err.row, err.doc_id, err.source_line) == (
        "actions",
        "batang-2023:Bab V SS1:647",
        "batang-2023",
        811,
    )


def test_duplicate_key_of_several_columns_is_refused():
    s = rbdata.load_theme_scores()
    err = _raised(conform, pd.concat([s, s.iloc[[1]]], ignore_index=True), "theme_scores")
    assert err.column == "doc_id+theme_no+criterion"
    assert err.row == "batang-2023 / 1 / Keparahan Masalah"
    assert "batang-2023.txt line 505" in str(err)


def test_dangling_foreign_key_is_refused():
    tables = {name: getattr(rbdata, f"load_{name}")("batang-2023") for name in ("actions", "action_targets")}
    tables["action_targets"].loc[1, "action_id"] = "batang-2023:Lampiran II:999"
    err = _raised(check_foreign_keys, tables)
    assert str(err) == (
        "action_targets.action_id: 'batang-2023:Lampiran II:999' is not in actions.action_id "
        "(row batang-2023:Lampiran II:999 / 2023Q2, batang-2023.txt line 720)"
    )
    assert (err.table, err.column, err.source_line) == ("action_targets", "action_id", 720)


def test_dangling_reference_within_a_table_is_refused():
    a = rbdata.load_actions("batang-2023")
    a.loc[0, "budget_shared_with"] = "batang-2023:Bab V SS1:1"
    err = _raised(check_foreign_keys, {"actions": a})
    assert err.column == "budget_shared_with"
    assert "(row batang-2023:Bab V SS1:647, batang-2023.txt line 647)" in str(err)


def test_doc_id_must_name_a_document_of_the_set():
    tables = {"documents": rbdata.load_documents("blora-2020"), "areas": rbdata.load_areas()}
    check_foreign_keys(tables)
    tables["documents"] = rbdata.load_documents("batang-2023")
    err = _raised(check_foreign_keys, tables)
    assert str(err) == (
        "areas.doc_id: 'blora-2020' is not in documents.doc_id "
        "(row blora-2020 / 1, blora-2020.txt line 368); 7 more rows like it"
    )


def test_unconvertible_value_is_refused():
    s = _object_frame(rbdata.load_theme_scores())
    s.loc[1, "score"] = "8 poin"
    err = _raised(conform, s, "theme_scores")
    assert str(err) == (
        "theme_scores.score: '8 poin' is not a value of dtype int "
        "(row batang-2023 / 1 / Keparahan Masalah, batang-2023.txt line 505)"
    )


def test_conversion_that_would_change_a_value_is_refused():
    s = _object_frame(rbdata.load_theme_scores())
    s.loc[1, "score"] = 8.5  # astype(int) would make it 8
    assert "theme_scores.score: 8.5 is not a value of dtype int" in str(_raised(conform, s, "theme_scores"))
    s = _object_frame(rbdata.load_theme_scores())
    s.loc[1, "selected"] = None  # astype(bool) would make it False
    assert _raised(conform, s, "theme_scores").column == "selected"


def test_missing_int_is_a_missing_required_value():
    s = _object_frame(rbdata.load_theme_scores())
    s.loc[1, "score"] = None
    assert "theme_scores.score: a required value is missing" in str(_raised(conform, s, "theme_scores"))


def test_absent_column_is_refused():
    err = _raised(conform, rbdata.load_areas().drop(columns="area_key"), "areas")
    assert err.column == "area_key"
    assert str(err).startswith("areas: no column area_key")


def test_table_without_doc_id_is_located_by_the_doc_argument():
    a = _object_frame(rbdata.load_agencies("blora-2020"))
    a.loc[1, "alias"] = a.loc[0, "alias"]
    err = _raised(conform, a, "agencies", doc="blora-2020")
    assert err.doc_id == "blora-2020" and err.source_line is None
    assert str(err).endswith(f"(row {a.loc[0, 'alias']}, blora-2020)")


def test_check_table_refuses_a_dtype_conform_would_change():
    t = rbdata.load_targets()
    check_table(t, "targets")
    t["kind"] = t["kind"].astype("string")
    assert _raised(check_table, t, "targets").column == "kind"


def test_conform_keeps_todays_values_and_dtypes():
    t = rbdata.load_targets()
    pd.testing.assert_frame_equal(conform(_object_frame(t), "targets"), t)


# ------------------------------------------------------------ the checks run where tables are made
def _parser_returning(monkeypatch, doc_id, edit):
    """Make the parser of ``doc_id`` pass its rows through ``edit`` first."""
    module = sources.PARSERS[doc_id]

    class Edited:
        @staticmethod
        def parse_lines(*args, **kwargs):
            rows = module.parse_lines(*args, **kwargs)
            edit(rows)
            return rows

    monkeypatch.setitem(sources.PARSERS, doc_id, Edited)


def test_parse_checks_every_table(monkeypatch):
    def misspell_kind(rows):
        rows["targets"][2]["kind"] = "Target"

    _parser_returning(monkeypatch, "blora-2020", misspell_kind)
    err = _raised(rbdata.parse, _read("blora-2020"), "blora-2020")
    assert (err.table, err.column, err.source_line) == ("targets", "kind", 557)


def test_parse_checks_foreign_keys(monkeypatch):
    def dangle(rows):
        rows["action_targets"][0]["action_id"] = "batang-2023:Lampiran II:1"

    _parser_returning(monkeypatch, "batang-2023", dangle)
    err = _raised(rbdata.parse, _read("batang-2023"), "batang-2023")
    assert (err.table, err.column) == ("action_targets", "action_id")


def test_build_refuses_a_table_off_contract_and_writes_nothing(tmp_path):
    areas = rbdata.load_areas()
    areas.loc[0, "area_key"] = pd.NA
    err = _raised(_build.build, tmp_path / "out", tables=[("areas", lambda: areas)], echo=None)
    assert (err.table, err.column) == ("areas", "area_key")
    assert not (tmp_path / "out").exists()


def test_build_checks_foreign_keys_across_tables(tmp_path):
    at = rbdata.load_action_targets()
    at.loc[0, "action_id"] = "blora-2020:C.I.A:1"
    tables = [("actions", rbdata.load_actions), ("action_targets", lambda: at)]
    err = _raised(_build.build, tmp_path, tables=tables, echo=None)
    assert (err.table, err.column) == ("action_targets", "action_id")


def test_check_primary_key_finds_a_key_of_two_parts_that_clash():
    """The loaders put the two documents' tables together and check only
    the key across them (each part was conformed at parse)."""
    from rbdata.contract import check_primary_key

    actions = rbdata.load_actions()
    check_primary_key(actions, "actions")
    doubled = pd.concat([actions, actions.iloc[[5]]], ignore_index=True)
    with pytest.raises(ContractError, match=r"actions\.action_id: the primary key occurs twice"):
        check_primary_key(doubled, "actions")
