"""The concept tables of rbdata/reference/, checked against the loaders and the raw documents.

concepts.csv names each measured quantity once; indicator_concepts.csv assigns every indicator
wording of load_targets() to one of them; national_frame.csv lists the elements of the national
template the documents restate; funding_sources.csv the words that name where money comes from.
"""

from __future__ import annotations

import csv
import itertools
import re

import pandas as pd
import pytest
from rapidfuzz import fuzz

import rbdata
from rbdata._paths import REFERENCE_DIR, raw_path
from rbdata.contract import CONTRACT
from rbdata.text.normalise import alnum_key, words

DOC_IDS = ("blora-2020", "batang-2023")
# '<doc_id>:<line>', also '<doc_id>:<line>, <line>' and '<doc_id>:<line>-<line>'
REF = re.compile(r"(blora-2020|batang-2023):(\d+(?:(?:, |-)\d+)*)")

COLUMNS = {
    "concepts": [
        "concept_id",
        "name",
        "name_en",
        "national_index_no",
        "measure",
        "scale",
        "direction",
        "results_level",
        "results_level_basis",
        "note",
    ],
    "indicator_concepts": ["doc_id", "indicator", "unit", "concept_id", "basis", "first_line"],
    "national_frame": [
        "kind",
        "key",
        "name",
        "name_en",
        "doc_id",
        "source_line",
        "fate",
        "concept_id",
        "evidence",
    ],
    "funding_sources": [
        "word",
        "pattern",
        "funding_level",
        "meaning_en",
        "printed_in",
        "basis",
        "example_lines",
    ],
}
# Columns that may be empty: a concept outside Tabel 2.1; an indicator without unit; an
# element whose fate the text does not state, or that no target measures.
MAY_BE_EMPTY = {
    "concepts": {"national_index_no"},
    "indicator_concepts": {"unit"},
    "national_frame": {"fate", "concept_id"},
    "funding_sources": set(),
}
# the vocabularies the contract declares for load_concepts()
MEASURES = set(CONTRACT["concepts"].column("measure").categories)
DIRECTIONS = set(CONTRACT["concepts"].column("direction").categories)
RESULTS_LEVELS = set(CONTRACT["concepts"].column("results_level").categories)
FRAME_KINDS = {
    "area",
    "outcome_index",
    "goal",
    "strategic_goal",
    "track",
    "theme",
    "theme_priority",
    "criterion",
}
FATES = {"", "continued", "merged", "replaced", "dropped"}
FUNDING_LEVELS = {"central", "regional", "village", "mixed", "unknown"}

# Tabel 2.1 prints index 15 as 'Maturitas SPI' (batang-2023:314); every other line of both
# documents calls the maturity that of SPIP (SPI is the integrity survey), so the concept
# keeps the SPIP spelling.
INDEX_NAMES_PRINTED_OTHERWISE = {15: "Maturitas SPI"}

# ------------------------------------------------------------------ reviewed decisions
B, T = "blora-2020", "batang-2023"
# Wordings that measure the same quantity: each group must share one concept.
SAME_QUANTITY = [
    # SAKIP across documents: Blora's grade and Batang's score of one evaluation
    [
        (B, "Nilai Laporan Hasil Evaluasi (LHE) Sistem Akuntabilitas Kinerja Instansi Pemerintah"),
        (B, "Nilai Hasil Evaluasi (LHE) Sistem Akuntabilitas Kinerja Pemerintah (SAKIP)"),
        (T, "Nilai SAKIP"),
    ],
    # the BPK opinion under six wordings
    [
        (B, "Status opini Laporan Keuangan Daerah"),
        (B, "Opini BPK terhadap laporan keuangan"),
        (B, "Opini pemeriksa atas LKPD (Laporan Keuangan Pemerintah Daerah)"),
        (B, "Opini pemeriksa atas LKPD (Laporan Keuangan Perangkat Daerah)"),
        (T, "Opini BPK"),
        (T, "Capaian Akuntabilitas Keuangan (WTP)"),
    ],
    # SPIP maturity as a value and as a level
    [
        (B, "Nilai Maturitas SPIP"),
        (B, "Tingkat maturitas SPIP"),
        (T, "Maturitas SPIP"),
        (T, "Tingkat Maturitas SPIP"),
    ],
    [(B, "Nilai Kapabilitas APIP"), (B, "Tingkat kapabilitas APIP"), (T, "Kapabilitas APIP")],
    [
        (B, "Indeks Kepuasan Masyarakat"),
        (T, "Nilai Survei Kepuasan Masyarakat (IKM Kabupaten)"),
        (T, "Survey Kepuasan Masyarakat"),
    ],
    # Batang: Tabel 2.3 vs Tabel 2.4, and the Lampiran II wordings of a Tabel 2.4 indicator
    [(T, "Indeks SPBE (Sumber: Kementerian PANRB)"), (T, "Indeks SPBE")],
    [(T, "Indeks Pelayanan Publik (IPP)"), (T, "Indeks Pelayanan Publik")],
    [(T, "Nilai Survei Indeks BerAKHLAK (Sumber: Kementerian PANRB)"), (T, "Indeks BerAKHLAK")],
    [(T, "Nilai Survei Penilaian Integritas (Sumber: KPK)"), (T, "Survei Penilaian Integritas")],
    [
        (T, "Persentase jumlah aduan yang telah ditindaklanjuti"),
        (T, "Tingkat Tindak Lanjut Pengaduan Masyarakat (LAPOR) yang Sudah Diselesaikan"),
    ],
    [
        (
            T,
            "Persentase Pemanfaatan Data Statistik Sektoral Dalam Penyusunan Perencanaan dan Evaluasi "
            "Pembangunan Daerah",
        ),
        (
            T,
            "persentase pemanfaatan data statistik sektoral dalam penyusunan perencanaan dan evaluasi "
            "pembangunan daerah",
        ),
    ],
    [(T, "Persentase Penduduk Miskin"), (T, "Persentase Angka Kemiskinan")],
    [(T, "Pertumbuhan Investasi"), (T, "Persentase Peningkatan Investasi di Kabupaten Batang")],
    # Blora: section B rows and their section C copies printed with other spelling
    [
        (
            B,
            "Persentase usulan aparatur yang akan melanjutkan Pendidikan formal yang lebih tinggi (komulatif)",
        ),
        (
            B,
            "Persentase usulan aparatur yang akan melanjutkan Pendidikan Formal yang lebih tinggi (kumulatif)",
        ),
    ],
    [(B, "APtS SD / MI"), (B, "APT _s SD / MI")],
    [(B, "APK Paud 3 \u2013 6 Tahun"), (B, "APK Paud 3-6 Tahun"), (B, "APK PAUD 3-6 Tahun")],
    [(B, "Rasio bayi berakta kelahiran"), (B, "Rasio bayi berakte kelahiran")],
    [(B, "Jumlah Investor berskla Nasional PMDN / PMA"), (B, "Jumlah Investor berskala Nasional PMDN / PMA")],
    [(B, "Persentase Gizi Buruk"), (B, "Presentase Gizi Buruk")],
]
# Measures that look alike but differ: the two wordings must have different concepts.
LOOK_ALIKE_APART = [
    (
        (T, "Indeks Pelayanan Publik (IPP)"),
        (T, "Survey Kepuasan Masyarakat"),
        "evaluation index 1-5 vs survey 0-100",
    ),
    ((B, "Nilai Maturitas SPIP"), (B, "Nilai Kapabilitas APIP"), "control system vs its auditors"),
    ((T, "Maturitas SPIP"), (T, "Kapabilitas APIP"), "control system vs its auditors"),
    (
        (B, 'Persentase OPD dengan skor nilai pelayanan publik "baik"'),
        (T, "Indeks Pelayanan Publik"),
        "share of agencies reaching a grade vs the index",
    ),
    (
        (T, "Indeks Persepsi Anti Korupsi"),
        (T, "Survei Penilaian Integritas"),
        "replaced index vs its replacement",
    ),
    ((T, "Laju Pertumbuhan PDRB"), (T, "Pertumbuhan Ekonomi"), "21,7 vs 4,97 printed on one line"),
    (
        (T, "Indeks SPBE"),
        (T, "Tingkat Implementasi Kebijakan Arsitektur SPBE"),
        "index 1-5 vs policy implementation %",
    ),
    (
        (T, "Persentase Perangkat Daerah yang melaksanakan pembangunan Zona Integritas"),
        (T, "Tingkat Keberhasilan Pembangunan Zona Integritas"),
        "undertaking vs succeeding",
    ),
    (
        (
            T,
            "Persentase Pemanfaatan Data Statistik Sektoral Dalam Penyusunan Perencanaan dan Evaluasi "
            "Pembangunan Daerah",
        ),
        (T, "Tingkat Kematangan Penyelenggaraan Statistik Sektoral"),
        "use vs maturity",
    ),
    ((T, "Opini BPK"), (T, "Tindak Lanjut Rekomendasi BPK"), "opinion vs follow-up of recommendations"),
    (
        (B, "Persentase jumlah temuan internal dan eksternal yang ditindaklanjuti"),
        (T, "Tindak Lanjut Rekomendasi BPK"),
        "internal and external findings vs BPK recommendations",
    ),
    (
        (B, "Terselesaikannya penanganan pengaduan masyarakat"),
        (T, "Persentase jumlah aduan yang telah ditindaklanjuti"),
        "Inspektorat cases vs LAPOR follow-up",
    ),
    (
        (T, "Persentase Peningkatan Investasi di Kabupaten Batang"),
        (T, "Jumlah nilai realisasi investasi PMA/PMDN"),
        "growth rate vs money value",
    ),
    (
        (B, "Jumlah Investor berskala Nasional PMDN / PMA"),
        (T, "Pertumbuhan Investasi"),
        "investor count vs growth",
    ),
    ((B, "Pengembangan Budaya Kerja"), (T, "Indeks BerAKHLAK"), "share of development done vs survey index"),
    ((B, "Laporan LHKPN"), (B, "Laporan LHKASN"), "officials' vs civil servants' wealth reports"),
    ((B, "Angka Kematian Bayi (AKB)"), (B, "Angka Kematian Balita"), "under 1 vs under 5"),
    (
        (B, "Persentase Gizi Buruk"),
        (B, "Persentase balita gizi buruk yang mendapat perawatan"),
        "prevalence vs care",
    ),
    (
        (B, "Cakupan desa dengan UCI"),
        (B, "Persentase desa/kelurahan yang mencapai 80% imunisasi dasar"),
        "% vs count",
    ),
    ((B, "Persentase Kepemilikan KTP-el"), (B, "Rasio penduduk berKTP"), "population base not stated"),
]
# Every pair of concepts with two wordings that FUZZY_THRESHOLD flags, reviewed: the
# wordings share most words but name different quantities.
FUZZY_THRESHOLD = 90
REVIEWED_FUZZY = {
    frozenset({"apk_smp", "apm_smp"}): "gross vs net enrolment ratio",
    frozenset({"ektp_ownership", "child_id_card_ownership"}): "adult e-ID card vs child ID card",
    frozenset({"family_card_ownership", "child_id_card_ownership"}): "family card vs child ID card",
    frozenset({"ektp_ownership", "family_card_ownership"}): "e-ID card vs family card",
    frozenset(
        {"functional_posts_availability", "medicine_availability"}
    ): "only 'Persentase ketersediaan' shared",
    frozenset({"induction_training_pass", "technical_training_pass"}): "induction vs technical training",
    frozenset({"inpatient_puskesmas_built", "puskesmas_built"}): "in-patient centre vs health centre",
    frozenset({"poor_basic_care_coverage", "poor_referral_care_coverage"}): "basic vs referral care",
    frozenset({"severe_malnutrition", "severe_malnutrition_care"}): "prevalence vs share treated",
}
# Tabel 2.4 indicators whose main activity Lampiran II measures with another indicator.
TABEL_24_NOT_IN_LAMPIRAN_II = {"zi_agencies_share", "sectoral_statistics_use"}


# ------------------------------------------------------------------ helpers
def read_csv(name: str) -> tuple[list[str], list[dict]]:
    with open(REFERENCE_DIR / f"{name}.csv", newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def rows(name: str) -> list[dict]:
    return read_csv(name)[1]


_LINES: dict[str, list[str]] = {}


def raw_lines(doc_id: str) -> list[str]:
    if doc_id not in _LINES:
        _LINES[doc_id] = raw_path(doc_id).read_text(encoding="utf-8").split("\n")
    return _LINES[doc_id]


def wording_key(text: str) -> str:
    """Words of an indicator without its '(Sumber: ...)' note, for fuzzy comparison."""
    return " ".join(words(re.sub(r"\(\s*sumber:[^)]*\)", " ", text, flags=re.I)))


@pytest.fixture(scope="module")
def concepts() -> dict[str, dict]:
    return {r["concept_id"]: r for r in rows("concepts")}


@pytest.fixture(scope="module")
def assignments() -> list[dict]:
    return rows("indicator_concepts")


@pytest.fixture(scope="module")
def concept_of(assignments) -> dict[tuple[str, str], set[str]]:
    """(doc_id, indicator) -> the concepts of its rows (one per unit)."""
    out: dict[tuple[str, str], set[str]] = {}
    for r in assignments:
        out.setdefault((r["doc_id"], r["indicator"]), set()).add(r["concept_id"])
    return out


@pytest.fixture(scope="module")
def targets(assignments) -> pd.DataFrame:
    """load_targets() with the concept of each row joined again from the reference file
    (left join: unassigned rows stay), independently of the loader's own concept_id."""
    t = rbdata.load_targets().drop(columns="concept_id")
    t = t.assign(
        doc_id=t["doc_id"].astype(str),
        indicator=t["indicator"].astype(str),
        unit=t["unit"].fillna("").astype(str),
        table_id=t["table_id"].astype(str),
        direction=t["direction"].astype(str),
    )
    ic = pd.DataFrame(assignments)[["doc_id", "indicator", "unit", "concept_id"]]
    return t.merge(ic, on=["doc_id", "indicator", "unit"], how="left", validate="many_to_one")


# ------------------------------------------------------------------ every table
@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_columns_and_filled_cells(name):
    header, data = read_csv(name)
    assert header == COLUMNS[name], f"rbdata/reference/{name}.csv: header {header}, expected {COLUMNS[name]}"
    assert data, f"rbdata/reference/{name}.csv has no rows"
    for i, r in enumerate(data, start=2):
        for col in COLUMNS[name]:
            if col not in MAY_BE_EMPTY[name]:
                assert r[col].strip(), f"rbdata/reference/{name}.csv line {i}: empty {col!r}"
            assert r[col] == r[col].strip(), f"rbdata/reference/{name}.csv line {i}: stray spaces in {col!r}"


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_cited_lines_exist(name):
    """Every '<doc_id>:<line>' in a table points to a printed line of that document."""
    bad = []
    for r in rows(name):
        for cell in r.values():
            for doc_id, numbers in REF.findall(cell or ""):
                lines = raw_lines(doc_id)
                for no in map(int, re.split(r", |-", numbers)):
                    if not (1 <= no <= len(lines) and lines[no - 1].strip()):
                        bad.append(f"{doc_id}:{no}")
    assert not bad, f"{name}.csv cites empty or missing lines: {sorted(set(bad))}"


# ------------------------------------------------------------------ concepts
def test_concept_ids_unique_and_vocabularies(concepts):
    data = rows("concepts")
    assert len(concepts) == len(data), "duplicate concept_id"
    for r in data:
        cid = r["concept_id"]
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", cid), f"{cid}: not a snake_case id"
        assert r["measure"] in MEASURES, f"{cid}: measure {r['measure']!r}"
        assert r["direction"] in DIRECTIONS, f"{cid}: direction {r['direction']!r}"
        assert r["results_level"] in RESULTS_LEVELS, f"{cid}: results_level {r['results_level']!r}"
        assert r["results_level_basis"].startswith(("quote:", "rule:")), (
            f"{cid}: basis is neither quote nor rule"
        )


def test_national_index_numbers_match_the_crosswalk(concepts):
    crosswalk = rbdata.load_indicator_crosswalk()
    printed = {int(n): str(name) for n, name in zip(crosswalk["indicator_no"], crosswalk["indicator"])}
    assert sorted(printed) == list(range(1, 23))
    numbered = [(int(c["national_index_no"]), c) for c in concepts.values() if c["national_index_no"]]
    numbers = [n for n, _ in numbered]
    assert len(numbers) == len(set(numbers)), "two concepts claim one index of Tabel 2.1"
    for n, c in numbered:
        assert 1 <= n <= 22, f"{c['concept_id']}: national_index_no {n}"
        expected = INDEX_NAMES_PRINTED_OTHERWISE.get(n, c["name"])
        assert alnum_key(printed[n]) == alnum_key(expected), (
            f"{c['concept_id']}: Tabel 2.1 index {n} is {printed[n]!r}, the concept is named {c['name']!r}"
        )


# ------------------------------------------------------------------ assignments
def test_every_target_wording_is_assigned_exactly_once(assignments, targets):
    keys = [(r["doc_id"], r["indicator"], r["unit"]) for r in assignments]
    dups = sorted({k for k in keys if keys.count(k) > 1})
    assert not dups, f"assigned twice: {dups}"
    loaded = set(zip(targets["doc_id"], targets["indicator"], targets["unit"]))
    assert not loaded - set(keys), f"not assigned: {sorted(loaded - set(keys))}"
    assert not set(keys) - loaded, f"not a wording of load_targets(): {sorted(set(keys) - loaded)}"


def test_first_line_is_the_first_line_of_the_wording(assignments, targets):
    first = targets.groupby(["doc_id", "indicator", "unit"])["source_line"].min()
    for r in assignments:
        assert int(r["first_line"]) == first[(r["doc_id"], r["indicator"], r["unit"])], r


def test_basis_names_every_line_of_the_wording(assignments, targets):
    lines = targets.groupby(["doc_id", "indicator", "unit"])["source_line"].agg(set)
    for r in assignments:
        cited = {
            int(n) for d, n in re.findall(r"(blora-2020|batang-2023):(\d+)", r["basis"]) if d == r["doc_id"]
        }
        missing = lines[(r["doc_id"], r["indicator"], r["unit"])] - cited
        assert not missing, f"{r['indicator']!r}: basis does not name lines {sorted(missing)}"


def test_every_concept_is_used_and_exists(concepts, assignments):
    used = {r["concept_id"] for r in assignments}
    assert not used - set(concepts), f"unknown concept_id: {sorted(used - set(concepts))}"
    assert not set(concepts) - used, f"concepts no target measures: {sorted(set(concepts) - used)}"


def test_direction_agrees_with_every_target_row(concepts, targets):
    expected = targets["concept_id"].map(lambda c: concepts[c]["direction"])
    bad = targets.loc[targets["direction"] != expected, ["doc_id", "source_line", "indicator", "direction"]]
    assert bad.empty, f"concept direction differs from the loaded direction:\n{bad}"


@pytest.mark.parametrize("group", SAME_QUANTITY, ids=lambda g: g[0][1][:40])
def test_same_quantity_shares_a_concept(group, concept_of):
    found = {w: concept_of.get(w) for w in group}
    missing = [w for w, c in found.items() if c is None]
    assert not missing, f"not a wording of load_targets(): {missing}"
    assert len(set().union(*found.values())) == 1, f"one quantity, several concepts: {found}"


@pytest.mark.parametrize("a, b, why", LOOK_ALIKE_APART, ids=lambda x: x if isinstance(x, str) else None)
def test_look_alikes_stay_apart(a, b, why, concept_of):
    assert a in concept_of and b in concept_of, (
        f"not a wording of load_targets(): {a if a not in concept_of else b}"
    )
    assert not concept_of[a] & concept_of[b], f"{a[1]!r} and {b[1]!r} share a concept, but {why}"


def test_fuzzy_look_alikes_are_reviewed(assignments):
    """Wordings of different concepts that rapidfuzz finds alike must be a reviewed pair.

    The score is the larger of ``ratio`` and ``token_set_ratio`` (the latter scores a wording
    that contains the other, 'Persentase Gizi Buruk' in 'Persentase balita gizi buruk yang
    mendapat perawatan', as 100).
    """
    flagged = {}
    for a, b in itertools.combinations(assignments, 2):
        if a["concept_id"] == b["concept_id"]:
            continue
        ka, kb = wording_key(a["indicator"]), wording_key(b["indicator"])
        score = max(fuzz.ratio(ka, kb), fuzz.token_set_ratio(ka, kb))
        if score >= FUZZY_THRESHOLD:
            flagged[frozenset({a["concept_id"], b["concept_id"]})] = (
                a["indicator"],
                b["indicator"],
                round(score),
            )
    unreviewed = {tuple(sorted(k)): v for k, v in flagged.items() if k not in REVIEWED_FUZZY}
    assert not unreviewed, f"look-alike wordings of different concepts, not reviewed: {unreviewed}"
    assert flagged, "the fuzzy comparison found nothing: the wordings were not read"


def test_batang_tabel_24_indicators_are_copied_in_bab_v_and_lampiran_ii(targets):
    batang = targets[targets["doc_id"] == T]
    tables = batang.groupby("concept_id")["table_id"].agg(set)
    in_24 = [c for c, ts in tables.items() if "Tabel 2.4" in ts]
    assert len(in_24) == 23  # 24 rows: the IPP twice, for two main activities
    not_in_bab_v = [c for c in in_24 if not any(t.startswith("Bab V") for t in tables[c])]
    assert not not_in_bab_v, f"Tabel 2.4 concepts missing from Bab V: {not_in_bab_v}"
    not_in_l2 = {c for c in in_24 if "Lampiran II" not in tables[c]}
    assert not_in_l2 == TABEL_24_NOT_IN_LAMPIRAN_II


def test_blora_section_c_repeats_every_section_b_concept(targets):
    blora = targets[targets["doc_id"] == B]
    sections = blora.groupby("concept_id")["table_id"].agg(lambda s: {t[0] for t in s})
    one_sided = {c: s for c, s in sections.items() if s != {"B", "C"}}
    assert not one_sided, f"concepts printed in only one of sections B and C: {one_sided}"


def test_shared_concepts(targets):
    docs = targets.groupby("concept_id")["doc_id"].agg(set)
    shared = {c for c, d in docs.items() if d == set(DOC_IDS)}
    assert shared == {"sakip", "bpk_opinion", "spip_maturity", "apip_capability", "ikm"}


# ------------------------------------------------------------------ national frame
def test_frame_vocabularies_and_unique_rows():
    data = rows("national_frame")
    seen = [(r["kind"], r["key"], r["doc_id"], r["source_line"]) for r in data]
    assert len(seen) == len(set(seen)), "duplicate (kind, key, doc_id, source_line)"
    for r in data:
        assert r["kind"] in FRAME_KINDS, r
        assert r["fate"] in FATES, r
        assert r["doc_id"] in DOC_IDS, r


def test_frame_lines_print_the_name():
    bad = []
    for r in rows("national_frame"):
        printed = rbdata.raw_line(r["doc_id"], int(r["source_line"]))
        if alnum_key(r["name"]) not in alnum_key(printed):
            bad.append((r["doc_id"], r["source_line"], r["name"]))
    assert not bad, f"names not printed on their line: {bad}"


def test_frame_areas_are_the_eight_in_every_listing():
    area_keys = {r["area_key"] for r in rows("areas")}
    listings: dict[tuple[str, str], set[str]] = {}
    for r in rows("national_frame"):
        if r["kind"] == "area":
            where = "narrative" if (r["doc_id"], r["source_line"]) == (T, "281") else "table"
            listings.setdefault((r["doc_id"], where), set()).add(r["key"])
    assert sorted(listings) == [(T, "narrative"), (T, "table"), (B, "table")]
    for where, keys in listings.items():
        assert keys == area_keys, f"{where}: {sorted(keys ^ area_keys)}"


def test_frame_outcome_indices_follow_the_crosswalk(concepts):
    crosswalk = rbdata.load_indicator_crosswalk()
    by_no = {int(r.indicator_no): r for r in crosswalk.itertuples()}
    data = [r for r in rows("national_frame") if r["kind"] == "outcome_index"]
    assert [r["key"] for r in data] == [f"index_{n:02d}" for n in range(1, 23)]
    for r in data:
        cw = by_no[int(r["key"][-2:])]
        assert (r["name"], int(r["source_line"]), r["fate"]) == (
            str(cw.indicator),
            cw.source_line,
            str(cw.fate),
        ), r
        if r["concept_id"]:
            assert concepts[r["concept_id"]]["national_index_no"] == str(int(r["key"][-2:])), r
    linked = {r["concept_id"] for r in data if r["concept_id"]}
    numbered = {c for c, r in concepts.items() if r["national_index_no"]}
    assert linked == numbered


def test_frame_themes_and_criteria_match_their_tables():
    frame = rows("national_frame")
    themes = {r["name"] for r in frame if r["kind"] == "theme"}
    assert themes == {r["national_theme"] for r in rows("themes")}
    criteria = {r["key"]: r["name"] for r in frame if r["kind"] == "criterion"}
    assert criteria == {r["criterion_key"]: r["factor_text"] for r in rows("criteria")}


# ------------------------------------------------------------------ funding sources
def test_funding_levels_and_words_printed():
    for r in rows("funding_sources"):
        assert r["funding_level"] in FUNDING_LEVELS, r
        assert any(r["word"] in "\n".join(raw_lines(d)) for d in DOC_IDS), f"{r['word']!r} is not printed"
        assert re.search(r["pattern"], r["word"], re.I), f"{r['pattern']!r} does not match its word"


@pytest.mark.parametrize("row", rows("funding_sources"), ids=lambda r: r["word"])
def test_funding_pattern_matches_exactly_its_example_lines(row):
    pattern = re.compile(row["pattern"], re.I)
    matched = {
        f"{d}:{i}" for d in DOC_IDS for i, text in enumerate(raw_lines(d), start=1) if pattern.search(text)
    }
    listed = set(row["example_lines"].split("; "))
    assert matched == listed, (
        f"{row['word']}: printed but not listed {sorted(matched - listed)}, listed but not printed {sorted(listed - matched)}"
    )
