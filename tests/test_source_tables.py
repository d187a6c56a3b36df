"""The tables of the documents (load_source_tables): every title as printed on
its line, every table id of every table listed, loud failure otherwise."""

import pandas as pd
import pytest

import rbdata
from rbdata import loaders
from rbdata.contract import ContractError
from rbdata.text.lines import clean


def test_every_title_is_the_line_it_names_as_printed():
    tables = rbdata.load_source_tables()
    for r in tables.itertuples():
        assert clean(rbdata.raw_line(r.doc_id, r.caption_line)) == r.title, (r.doc_id, r.table_id)


def test_captions_and_headings_are_what_the_text_prints_there():
    t = rbdata.load_source_tables().set_index(["doc_id", "table_id"])
    # Batang captions its tables; the caption line starts with the table's number
    for table_id in ("Tabel 2.1", "Tabel 2.4", "Tabel 4.1", "Tabel 5.2"):
        row = t.loc[("batang-2023", table_id)]
        assert row["caption_kind"] == "caption" and row["title"].startswith(table_id + ".")
    # Blora's section C groups are rows of the table (tab-separated lines)
    for table_id in ("C.I", "C.II.B", "C.IV"):
        row = t.loc[("blora-2020", table_id)]
        assert row["caption_kind"] == "group_heading"
        assert "\t" in rbdata.raw_line("blora-2020", row["caption_line"])
    assert t.loc[("blora-2020", "B.3.b"), "title"] == "b) Sektor Kesehatan"
    assert t.loc[("batang-2023", "Lampiran III"), "caption_line"] == 802


def test_each_table_names_a_listed_table_and_each_listed_table_has_rows():
    listed = set(zip(*(rbdata.load_source_tables()[c].astype(str) for c in ("doc_id", "table_id"))))
    used = set()
    for load in (
        rbdata.load_targets,
        rbdata.load_actions,
        rbdata.load_theme_scores,
        rbdata.load_areas,
        rbdata.load_indicator_crosswalk,
        rbdata.load_teams,
        rbdata.load_budget_lines,
        rbdata.parse_report,
    ):
        df = load().dropna(subset=["table_id"])
        used |= set(zip(df["doc_id"].astype(str), df["table_id"]))
    assert used == listed
    assert len(listed) == 38


def test_one_document_and_dtypes():
    both = rbdata.load_source_tables()
    parts = [rbdata.load_source_tables(d) for d in rbdata.DOC_IDS]
    # the reference lists Blora's tables, then Batang's: the order of DOC_IDS
    pd.testing.assert_frame_equal(pd.concat(parts, ignore_index=True), both)
    assert str(both["caption_line"].dtype) == "int64"
    assert list(both["caption_kind"].cat.categories) == ["caption", "heading", "group_heading"]
    with pytest.raises(ValueError, match="unknown doc_id"):
        rbdata.load_source_tables("blora-2021")


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda rows: rows[1:], r"table 'Bab III\.A' of blora-2020 is not listed"),
        (
            lambda rows: [*rows, {**rows[0], "table_id": "B.9"}],
            r"table 'B\.9' of blora-2020 is listed but no row is read from it",
        ),
    ],
    ids=["a table missing", "a table too many"],
)
def test_an_unlisted_or_unused_table_stops_the_loader(monkeypatch, edit, message):
    real = loaders.read_reference
    monkeypatch.setattr(
        loaders,
        "read_reference",
        lambda name: tuple(edit(list(real(name)))) if name == "source_tables" else real(name),
    )
    loaders._source_tables.cache_clear()
    try:
        with pytest.raises(ContractError, match=message):
            rbdata.load_source_tables()
    finally:
        loaders._source_tables.cache_clear()
