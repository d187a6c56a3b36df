"""Indicator concepts and the national frame as tables: load_concepts(), load_national_frame(),
the concept of every target row, and the authority of the national crosswalk (Batang Tabel 2.1).

The hand-picked rows below were read in data/raw/*.txt; each comment quotes the line.
"""

from __future__ import annotations

import pandas as pd
import pytest

import rbdata
from rbdata import loaders, sources
from rbdata.contract import CONTRACT, ContractError, check_foreign_keys, check_table
from rbdata.loaders import _read, load_concepts, load_national_frame

B, T = "blora-2020", "batang-2023"

PANDAS_DTYPE = {
    "string": "string",
    "int": "int64",
    "float": "float64",
    "Int64": "Int64",
    "bool": "bool",
    "boolean": "boolean",
    "date": "datetime64[ns]",
}


@pytest.fixture(scope="module")
def targets() -> pd.DataFrame:
    return rbdata.load_targets()


def concept_at(targets: pd.DataFrame, doc_id: str, table_id: str, line: int, indicator: str) -> str:
    """The concept of the indicator ``indicator`` printed on ``line`` of ``table_id``."""
    rows = targets[
        (targets["doc_id"] == doc_id)
        & (targets["table_id"] == table_id)
        & (targets["source_line"] == line)
        & (targets["indicator"] == indicator)
    ]
    assert len(rows), f"no target row {doc_id} {table_id} line {line} {indicator!r}"
    concepts = set(rows["concept_id"])
    assert len(concepts) == 1, concepts
    return concepts.pop()


def edited(doc_id: str, line: int, old: str, new: str) -> str:
    """The text of ``doc_id`` with ``old`` replaced by ``new`` on ``line`` (once)."""
    lines = _read(doc_id).split("\n")
    assert old in lines[line - 1], (line, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


# ------------------------------------------------------------------ every target row
def test_every_target_row_has_a_listed_concept(targets):
    assert targets["concept_id"].notna().all()
    assert (targets["concept_id"] != "").all()
    assert set(targets["concept_id"]) <= set(load_concepts()["concept_id"])


# (doc_id, table_id, line, indicator) of rows that measure one quantity
SAME_QUANTITY = {
    # Batang's SAKIP score in Tabel 2.4 and Bab V
    "Batang SAKIP, Tabel 2.4 and Bab V": [
        # 377: 'Pelaksanaan Sistem Akuntabilitas ... | Nilai SAKIP | 67,27 | 68,00 | 68,50 | ...'
        (T, "Tabel 2.4", 377, "Nilai SAKIP"),
        # 655: ' | Indikator: Nilai SAKIP Target: 70,5 pada Tahun 2024 | ...'
        (T, "Bab V SS1", 655, "Nilai SAKIP"),
    ],
    # Blora prints section B's indicators again in section C, some under another spelling
    "Blora B and C copies": [
        # 556: '1 | Persentase keterisian formasi CPNS sesuai bidang dan kompetensi | % | 100 | 100'
        (B, "B.1.a", 556, "Persentase keterisian formasi CPNS sesuai bidang dan kompetensi"),
        # 734: '1. | Persentase keterisian formasi CPNS ... | % | 100 | 100 | BKD'
        (B, "C.I.A", 734, "Persentase keterisian formasi CPNS sesuai bidang dan kompetensi"),
    ],
    "Blora B and C copies, spelt otherwise": [
        # 629: '7 | APtS SD / MI | % | 0,25 | 0,2'
        (B, "B.3.a", 629, "APtS SD / MI"),
        # 1042: '18. | APT _s SD / MI | % | 0,25 | 0,2 | Dinas Pendidikan'
        (B, "C.IV", 1042, "APT _s SD / MI"),
    ],
    # Blora's SAKIP grade and Batang's SAKIP score: one evaluation
    "SAKIP, Blora and Batang": [
        # 594: '5 | Nilai Laporan Hasil Evaluasi (LHE) Sistem Akuntabilitas Kinerja Instansi Pemerintah | Predikat | B | B'
        (
            B,
            "B.2.a",
            594,
            "Nilai Laporan Hasil Evaluasi (LHE) Sistem Akuntabilitas Kinerja Instansi Pemerintah",
        ),
        # 357: ' |  | Nilai SAKIP | 66,30 | 68,00 | 68,50'
        (T, "Tabel 2.3", 357, "Nilai SAKIP"),
    ],
    "BPK opinion": [
        # 572: '1 | Status opini Laporan Keuangan Daerah | Status | WTP | WTP'
        (B, "B.1.b", 572, "Status opini Laporan Keuangan Daerah"),
        # 821: '3. | Opini pemeriksa atas LKPD (Laporan Keuangan Perangkat Daerah) | Status | WTP | WTP | BPPKAD'
        (B, "C.II.B", 821, "Opini pemeriksa atas LKPD (Laporan Keuangan Perangkat Daerah)"),
        # 358: ' |  | Capaian Akuntabilitas Keuangan (WTP) | ...'
        (T, "Tabel 2.3", 358, "Capaian Akuntabilitas Keuangan (WTP)"),
        # 383: ' | Opini BPK | ...'
        (T, "Tabel 2.4", 383, "Opini BPK"),
    ],
}


@pytest.mark.parametrize("name", sorted(SAME_QUANTITY))
def test_rows_of_one_quantity_share_a_concept(name, targets):
    found = {row: concept_at(targets, *row) for row in SAME_QUANTITY[name]}
    assert len(set(found.values())) == 1, found


def test_the_shared_examples_have_the_expected_concepts(targets):
    assert concept_at(targets, T, "Tabel 2.4", 377, "Nilai SAKIP") == "sakip"
    assert concept_at(targets, B, "B.1.b", 572, "Status opini Laporan Keuangan Daerah") == "bpk_opinion"


LOOK_ALIKES = [
    # 378: 'Pelaksanaan Pelayanan Publik Digital | Indeks Pelayanan Publik (IPP) | 4,24 | 4,4 | 4,5 | ...'
    # 361: ' |  | Nilai Survei Kepuasan Masyarakat (IKM Kabupaten) | 85,02 | 85,3 | 85,45': index 1-5 vs survey 0-100
    (
        (T, "Tabel 2.4", 378, "Indeks Pelayanan Publik (IPP)"),
        (T, "Tabel 2.3", 361, "Nilai Survei Kepuasan Masyarakat (IKM Kabupaten)"),
    ),
    # 782: ' | Pelaksanaan Pelayanan Publik Prima | Survey Kepuasan Masyarakat | 86,0 | ...'
    (
        (T, "Tabel 2.4", 378, "Indeks Pelayanan Publik (IPP)"),
        (T, "Lampiran II", 782, "Survey Kepuasan Masyarakat"),
    ),
    # 574: '3 | Nilai Maturitas SPIP | Nilai | 3,5 | 3,8'; 575: '4 | Nilai Kapabilitas APIP | Nilai | 3,5 | 3,8'
    ((B, "B.1.b", 574, "Nilai Maturitas SPIP"), (B, "B.1.b", 575, "Nilai Kapabilitas APIP")),
    # 380: '... (SPIP) | Maturitas SPIP | Level 2 | ...'; 384: ' | Kapabilitas APIP | Level 3 | ...'
    ((T, "Tabel 2.4", 380, "Maturitas SPIP"), (T, "Tabel 2.4", 384, "Kapabilitas APIP")),
    # 807 prints both, 'Laju Pertumbuhan PDRB | 21,7' and 'Pertumbuhan Ekonomi | ... 4,97': not one quantity
    ((T, "Lampiran III", 807, "Laju Pertumbuhan PDRB"), (T, "Lampiran III", 807, "Pertumbuhan Ekonomi")),
]


@pytest.mark.parametrize("a, b", LOOK_ALIKES, ids=lambda row: f"{row[0]}:{row[2]}")
def test_look_alikes_stay_apart(a, b, targets):
    assert concept_at(targets, *a) != concept_at(targets, *b)


# ------------------------------------------------------------------ counts
def test_concepts_per_document_and_shared():
    c = load_concepts()
    assert len(c) == 112
    assert c["doc_ids"].value_counts().to_dict() == {
        "blora-2020": 71,
        "batang-2023": 36,
        "blora-2020;batang-2023": 5,
    }
    shared = set(c.loc[c["doc_ids"] == "blora-2020;batang-2023", "concept_id"])
    assert shared == {"sakip", "bpk_opinion", "spip_maturity", "apip_capability", "ikm"}
    assert (len(load_concepts(B)), len(load_concepts(T))) == (76, 41)


def test_concept_counts_add_up_to_the_targets(targets):
    c = load_concepts()
    assert c["n_rows"].sum() == len(targets)
    assert dict(zip(c["concept_id"], c["n_rows"])) == targets["concept_id"].value_counts().to_dict()
    for doc_id in rbdata.DOC_IDS:
        one = load_concepts(doc_id)
        assert set(one["doc_ids"]) == {doc_id}
        assert one["n_rows"].sum() == (targets["doc_id"] == doc_id).sum()
        assert set(one["concept_id"]) == set(targets.loc[targets["doc_id"] == doc_id, "concept_id"])


def test_concept_direction_is_the_direction_of_its_rows(targets):
    direction = dict(zip(load_concepts()["concept_id"], load_concepts()["direction"].astype(str)))
    assert (targets["concept_id"].map(direction) == targets["direction"].astype(str)).all()


def test_national_frame_rows_per_kind_and_document():
    f = load_national_frame()
    assert f["kind"].value_counts(sort=False).to_dict() == {
        "area": 24,
        "outcome_index": 22,
        "goal": 2,
        "strategic_goal": 8,
        "track": 2,
        "theme": 4,
        "theme_priority": 2,
        "criterion": 5,
    }
    assert (len(load_national_frame(B)), len(load_national_frame(T))) == (11, 58)
    assert set(load_national_frame(B)["kind"]) == {"area", "strategic_goal"}


def test_national_frame_outcome_indices_are_the_crosswalk_and_its_concepts():
    f = load_national_frame()
    idx = f[f["kind"] == "outcome_index"]
    cw = rbdata.load_indicator_crosswalk()
    assert list(idx["source_line"]) == list(cw["source_line"])
    assert list(idx["fate"].astype(str)) == list(cw["fate"].astype(str))
    c = load_concepts()
    numbered = c[c["national_index_no"].notna()]
    by_no = dict(zip(numbered["national_index_no"].astype(int), numbered["concept_id"]))
    linked = idx[idx["concept_id"].notna()]
    assert {int(k[-2:]): v for k, v in zip(linked["key"], linked["concept_id"])} == by_no
    # e.g. line 312: 'Penguatan Akuntabilitas | 13. Nilai SAKIP | ...'
    assert by_no[13] == "sakip"


# ------------------------------------------------------------------ the crosswalk's authority
def test_crosswalk_authority_is_the_source_note_under_tabel_2_1():
    cw = rbdata.load_indicator_crosswalk()
    assert set(cw["authority"].astype(str)) == {"national"}
    assert set(cw["authority_line"]) == {324}
    # the first text after the table's last row (322: ' | 22. Survei Kepuasan Masyarakat')
    lines = loaders.raw_lines(T)
    after = next(n for n in range(int(cw["source_line"].max()) + 1, len(lines)) if lines[n - 1].strip())
    assert after == 324
    assert rbdata.raw_line(T, 324) == "Sumber: Kementerian PANRB"


def test_crosswalk_authority_line_is_read_from_the_text():
    # the note printed one line higher (on the blank line 323) is found there
    text = edited(T, 324, "Sumber: Kementerian PANRB", "")
    lines = text.split("\n")
    lines[322] = "Sumber: Kementerian PANRB"
    cw = rbdata.parse("\n".join(lines), T)["indicator_crosswalk"]
    assert set(cw["authority_line"]) == {323}


def test_crosswalk_with_another_source_note_fails():
    text = edited(T, 324, "Kementerian PANRB", "RPD Kabupaten Batang Tahun 2023-2026")
    with pytest.raises(rbdata.ParseError) as info:
        rbdata.parse(text, T)
    assert info.value.line == 324
    assert info.value.expected == "the source note 'Sumber: Kementerian PANRB' under Tabel 2.1"


def test_crosswalk_without_source_note_fails():
    # without the note, the next text is the paragraph of line 326
    with pytest.raises(rbdata.ParseError) as info:
        rbdata.parse(edited(T, 324, "Sumber: Kementerian PANRB", ""), T)
    assert info.value.line == 326
    assert "Sumber: Kementerian PANRB" in info.value.expected


# ------------------------------------------------------------------ contract and loaders
@pytest.mark.parametrize(
    "name, load",
    [("concepts", load_concepts), ("national_frame", load_national_frame)],
    ids=["concepts", "national_frame"],
)
def test_loader_dtypes_are_the_contract(name, load):
    df = load()
    spec = CONTRACT[name]
    assert list(df.columns) == spec.names
    for col in spec.columns:
        got = df[col.name].dtype
        if col.categories:
            assert isinstance(got, pd.CategoricalDtype), (col.name, got)
            assert tuple(got.categories) == col.categories, col.name
        else:
            assert str(got) == PANDAS_DTYPE[col.dtype], (col.name, got)
    check_table(df, name)
    for doc_id in rbdata.DOC_IDS:
        check_table(load(doc_id), name)


def test_new_columns_of_targets_and_crosswalk_follow_the_contract(targets):
    assert str(targets["concept_id"].dtype) == "string"
    cw = rbdata.load_indicator_crosswalk()
    assert list(cw["authority"].cat.categories) == ["national"]
    assert str(cw["authority_line"].dtype) == "Int64"


def test_foreign_keys_of_the_new_tables():
    tables = {
        "targets": rbdata.load_targets(),
        "documents": rbdata.load_documents(),
        "indicator_crosswalk": rbdata.load_indicator_crosswalk(),
        "concepts": load_concepts(),
        "national_frame": load_national_frame(),
    }
    check_foreign_keys(tables)
    # and they have values to check
    # indices 1, 4, 9 and 12 of Tabel 2.1 are measured by no target
    assert tables["concepts"]["national_index_no"].notna().sum() == 18
    assert tables["national_frame"]["concept_id"].notna().sum() == 18


def test_a_dangling_national_frame_concept_is_refused():
    f = load_national_frame()
    f.loc[f["kind"] == "outcome_index", "concept_id"] = "no_such_concept"
    with pytest.raises(
        ContractError, match=r"national_frame\.concept_id: 'no_such_concept' is not in concepts"
    ):
        check_foreign_keys({"national_frame": f, "concepts": load_concepts()})


@pytest.mark.parametrize("load", [load_concepts, load_national_frame], ids=["concepts", "national_frame"])
def test_loaders_select_documents_and_hand_out_copies(load):
    with pytest.raises(ValueError, match="valid ids are 'blora-2020', 'batang-2023'"):
        load("blora")
    df = load()
    df.loc[:, "name"] = "changed"
    assert (load()["name"] != "changed").all()


@pytest.mark.parametrize("name, load", [("concepts", load_concepts), ("national_frame", load_national_frame)])
def test_docstrings_list_every_column_and_the_keys(name, load):
    doc = load.__doc__
    for col in CONTRACT[name].names:
        assert f"``{col}``" in doc, col
    assert "Primary key: " + ", ".join(f"``{c}``" for c in CONTRACT[name].primary_key) in doc
    assert "Examples" in doc and ">>> " in doc


# ------------------------------------------------------------------ failures
@pytest.mark.parametrize(
    "doc_id, line, old, new",
    [
        # 357: ' |  | Nilai SAKIP | 66,30 | 68,00 | 68,50'
        (T, 357, "\tNilai SAKIP\t", "\tNilai SAKIP Kabupaten\t"),
        # 556: '1 | Persentase keterisian formasi CPNS sesuai bidang dan kompetensi | % | 100 | 100'
        (B, 556, "keterisian formasi", "pengisian formasi"),
    ],
)
def test_a_wording_without_a_concept_stops_the_parse(doc_id, line, old, new):
    with pytest.raises(rbdata.ParseError) as info:
        rbdata.parse(edited(doc_id, line, old, new), doc_id)
    err = info.value
    assert err.line == line
    wording = new.strip() if doc_id == T else "Persentase pengisian formasi CPNS sesuai bidang dan kompetensi"
    assert err.got == wording
    assert f"indicator={wording!r}" in err.expected
    assert "rbdata/reference/indicator_concepts.csv" in str(err)
    assert str(err).startswith(f"{doc_id}.txt, line {line}: expected ")


def test_a_unit_is_part_of_the_wording():
    # 574: '3 | Nilai Maturitas SPIP | Nilai | 3,5 | 3,8': the same wording with another unit has no concept
    with pytest.raises(rbdata.ParseError, match=r"unit='Skor'") as info:
        rbdata.parse(edited(B, 574, "\tNilai\t", "\tSkor\t"), B)
    assert info.value.line == 574


def test_an_unknown_concept_is_refused(monkeypatch):
    monkeypatch.setattr(sources, "concept_of", lambda doc_id, indicator, unit: "no_such_concept")
    with pytest.raises(
        ContractError, match=r"^targets\.concept_id: 'no_such_concept' is not in concepts\.concept_id"
    ):
        rbdata.parse(_read(B), B)


def test_a_concept_no_target_measures_is_refused(monkeypatch):
    real = loaders.read_reference

    def with_unused(name):
        rows = real(name)
        if name == "concepts":
            rows = rows + ({**rows[0], "concept_id": "unused_concept"},)
        return rows

    monkeypatch.setattr(loaders, "read_reference", with_unused)
    loaders._concepts.cache_clear()
    try:
        with pytest.raises(
            ContractError,
            match="'unused_concept' of rbdata/reference/concepts.csv is measured by no target row",
        ):
            load_concepts()
        # one document's concepts are those its targets measure: the others are left out
        assert "unused_concept" not in set(load_concepts(B)["concept_id"])
    finally:
        loaders._concepts.cache_clear()
