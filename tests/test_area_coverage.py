"""Area coverage counted on concepts, with and without the assignment rules."""

from __future__ import annotations

import pandas as pd
import pytest

from rbdata.analysis.compare.coverage_by_area import area_coverage, area_coverage_of

SUPERVISION = "Supervision (internal control and integrity)"


def _rows(*rows: tuple[str, str, str | None, str]) -> pd.DataFrame:
    """Hand-made classified rows: (doc_id, concept_id, area_key, basis)."""
    return pd.DataFrame(rows, columns=["doc_id", "concept_id", "area_key", "basis"])


def _bucket(cov: pd.DataFrame, doc_id: str, area_key: str | None) -> pd.Series:
    doc = cov[cov["doc_id"] == doc_id]
    hit = doc[doc["area_key"].isna()] if area_key is None else doc[doc["area_key"] == area_key]
    assert len(hit) == 1
    return hit.iloc[0]


# --- definitions, on hand-made rows -------------------------------------------------------------


def test_a_concept_printed_in_several_tables_counts_once():
    cov = area_coverage_of(
        _rows(
            ("d", "sakip", "accountability", "assigned"),
            ("d", "sakip", "accountability", "assigned"),
            ("d", "sakip", "accountability", "assigned"),
            ("d", "ikm", "public_service", "assigned"),
        )
    )
    acc = _bucket(cov, "d", "accountability")
    assert acc["n_indicators"] == 3
    assert acc["n_concepts_with_assigned"] == 1
    assert acc["n_concepts"] == 2
    assert acc["share_with_assigned_pct"] == 50.0


def test_explicit_beats_assigned():
    # the document places 'opinion' under supervision; a rule would also put it under accountability
    cov = area_coverage_of(
        _rows(
            ("d", "opinion", "supervision", "explicit"),
            ("d", "opinion", "accountability", "assigned"),
        )
    )
    assert _bucket(cov, "d", "supervision")[["n_concepts_explicit", "n_concepts_with_assigned"]].tolist() == [
        1,
        1,
    ]
    assert _bucket(cov, "d", "accountability")["n_concepts_with_assigned"] == 0
    # the row still counts where classify_areas puts it
    assert _bucket(cov, "d", "accountability")["n_indicators"] == 1


def test_rules_move_concepts_out_of_the_no_area_bucket():
    cov = area_coverage_of(
        _rows(
            ("d", "ikm", "public_service", "assigned"),
            ("d", "poverty", "development_outcome", "assigned"),
            ("d", "rb_index", None, "unassigned"),
        )
    )
    none = _bucket(cov, "d", None)
    # word only: no concept has an explicit row, so all three have no area
    assert none["n_concepts_explicit"] == 3
    # with rules: only the index no rule places stays there
    assert none["n_concepts_with_assigned"] == 1
    assert none["n_concepts_assigned_only"] == -2
    assert none["area_en"] == "Unassigned"
    ps = _bucket(cov, "d", "public_service")
    assert ps[["n_concepts_explicit", "n_concepts_with_assigned", "n_concepts_assigned_only"]].tolist() == [
        0,
        1,
        1,
    ]
    assert int(cov["n_concepts_assigned_only"].sum()) == 0


def test_a_concept_in_two_explicit_areas_counts_in_each():
    cov = area_coverage_of(
        _rows(
            ("d", "x", "supervision", "explicit"),
            ("d", "x", "accountability", "explicit"),
            ("d", "y", "supervision", "explicit"),
        )
    )
    assert _bucket(cov, "d", "supervision")["n_concepts_explicit"] == 2
    assert _bucket(cov, "d", "accountability")["n_concepts_explicit"] == 1
    assert cov["share_explicit_pct"].sum() == pytest.approx(150.0)


def test_one_row_per_document_and_bucket_in_order():
    cov = area_coverage_of(_rows(("b", "x", "supervision", "assigned"), ("a", "y", None, "unassigned")))
    assert cov["doc_id"].tolist() == ["b"] * 10 + ["a"] * 10
    keys = cov["area_key"].iloc[:10].tolist()
    assert keys[:8] == [
        "change_management",
        "deregulation",
        "organisation",
        "business_process",
        "hr_management",
        "accountability",
        "supervision",
        "public_service",
    ]
    assert keys[8] == "development_outcome" and pd.isna(keys[9])
    # each document is its own denominator
    assert cov["n_concepts"].tolist() == [1] * 20


def test_rows_without_concept_are_refused():
    with pytest.raises(ValueError, match="concept_id"):
        area_coverage_of(_rows(("d", None, "supervision", "explicit")))
    with pytest.raises(ValueError, match="basis"):
        area_coverage_of(pd.DataFrame({"doc_id": ["d"], "concept_id": ["x"], "area_key": ["supervision"]}))


# --- the documents ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def coverage() -> pd.DataFrame:
    return area_coverage()


def test_columns_and_types(coverage):
    assert coverage.dtypes.astype(str).to_dict() == {
        "doc_id": "string",
        "area_key": "string",
        "area_en": "string",
        "n_concepts": "int64",
        "n_indicators": "int64",
        "n_concepts_explicit": "int64",
        "n_concepts_with_assigned": "int64",
        "n_concepts_assigned_only": "int64",
        "share_explicit_pct": "float64",
        "share_with_assigned_pct": "float64",
        "share_assigned_only_pct": "float64",
    }
    assert len(coverage) == 20
    assert coverage["doc_id"].iloc[[0, 10]].tolist() == ["blora-2020", "batang-2023"]


def test_blora_supervision(coverage):
    sup = _bucket(coverage, "blora-2020", "supervision")
    assert sup["area_en"] == SUPERVISION
    # explicit: the five indicators under the heading at 568 "b) Area Penguatan Pengawasan", repeated
    # under 766 "B	Area Penguatan Pengawasan" (767, 771, 773, 775, 780):
    # 572 "1	Status opini Laporan Keuangan Daerah	Status	WTP	WTP"
    # 573 "2	Terselesaikannya penanganan pengaduan masyarakat	%	100	100"
    # 574 "3	Nilai Maturitas SPIP	Nilai	3,5	3,8"
    # 575 "4	Nilai Kapabilitas APIP	Nilai	3,5	3,8"
    # 576 "5	Persentase jumlah temuan internal dan eksternal yang ditindaklanjuti	%	93	94"
    assert sup["n_concepts_explicit"] == 5
    # the rules add only the wealth reports (591 "2	Laporan LHKPN	%	100	100", 592 "3	Laporan LHKASN
    # 	%	85%	100 %", repeated at 797 and 799); 590 "1	Opini BPK terhadap laporan keuangan	Status	WTP	WTP",
    # 603 (LKPD opinion), 699 "9	Tingkat maturitas SPIP	Level	Level 3	Level 3" and 700 "10	Tingkat
    # kapabilitas APIP	Level	Level 3	Level 3" are concepts the heading already places
    assert sup["n_concepts_with_assigned"] == 7
    assert sup["n_concepts_assigned_only"] == 2
    # counted on rows, the same area is 22: 10 explicit + 12 assigned rows
    assert sup["n_indicators"] == 22
    assert sup["n_concepts"] == 76
    assert sup["share_explicit_pct"] == pytest.approx(100 * 5 / 76)


def test_blora_public_service_rests_on_the_rules(coverage):
    ps = _bucket(coverage, "blora-2020", "public_service")
    # one concept under 578 "c) Area Peningkatan Pelayanan Publik":
    # 582 "1	Persentase OPD dengan skor nilai pelayanan publik “baik”	%	80	90"
    assert ps["n_concepts_explicit"] == 1
    assert ps["n_concepts_with_assigned"] == 32
    assert ps["n_indicators"] == 78


def test_batang_unassigned_is_the_reform_index(coverage):
    none = _bucket(coverage, "batang-2023", None)
    # 346 "1	Terwujudnya birokrasi yang bersih, ...	Indeks Reformasi Birokrasi	64,03	67,36	68,66":
    # the overall index spans all areas, and a rule deliberately leaves it without one
    assert none["n_concepts_with_assigned"] == 1
    assert none["n_indicators"] == 1
    assert none["n_concepts"] == 41


def test_batang_public_service_is_all_explicit(coverage):
    ps = _bucket(coverage, "batang-2023", "public_service")
    # Tabel 2.1, 320 "Pelayanan Publik	20. Indeks Pelayanan Publik	..." and the next two rows,
    # 321 (21. compliance with service standards) and 322 "	22. Survei Kepuasan Masyarakat":
    # Batang targets all three (e.g. 378 "... Indeks Pelayanan Publik (IPP)	4,24	4,4	4,5 ...",
    # 361 "		Nilai Survei Kepuasan Masyarakat (IKM Kabupaten)	85,02	85,3	85,45",
    # 786 "		Tingkat Kepatuhan Standar Pelayanan Publik	82,5	...")
    assert ps[["n_concepts_explicit", "n_concepts_with_assigned", "n_concepts_assigned_only"]].tolist() == [
        3,
        3,
        0,
    ]
    assert ps["n_indicators"] == 9


def test_each_view_splits_the_concepts(coverage):
    # as parsed, no concept falls in two areas: each view is a partition of the document's concepts
    sums = coverage.groupby("doc_id")[
        ["n_concepts_explicit", "n_concepts_with_assigned", "n_concepts_assigned_only"]
    ].sum()
    n = coverage.groupby("doc_id")["n_concepts"].first()
    assert (sums["n_concepts_explicit"] == n).all()
    assert (sums["n_concepts_with_assigned"] == n).all()
    assert (sums["n_concepts_assigned_only"] == 0).all()


def test_one_document(coverage):
    one = area_coverage("batang-2023")
    both = coverage[coverage["doc_id"] == "batang-2023"].reset_index(drop=True)
    pd.testing.assert_frame_equal(one, both)
    with pytest.raises(ValueError):
        area_coverage("blora-2021")
