"""The curated reference tables of rbdata/reference/, checked against the raw documents.

Every agency cell of the documents' agency columns must resolve to canonical
agencies with no word left over; area patterns must recognise every printed
area name exactly once; theme, criterion and track names must be printed
where their notes say; glossary terms must occur in the documents listed.
"""

from __future__ import annotations

import csv
import re

import pytest

from rbdata._paths import REFERENCE_DIR, raw_path
from rbdata.reference import area_keys_named, english_label
from rbdata.text.agencies import alias_spellings, resolve_agencies

DOC_IDS = ("blora-2020", "batang-2023")
REF = re.compile(r"(blora-2020|batang-2023):(\d+)")

COLUMNS = {
    "agencies": ["agency", "alias", "agency_en", "agency_type", "alias_kind", "note"],
    "blora_focus_groups": ["focus_no", "focus_line", "track", "note"],
    "areas": ["area_key", "area", "area_en", "pattern", "note"],
    "glossary": ["term", "expansion", "english", "category", "doc_ids", "source"],
    "themes": ["theme", "theme_key", "theme_en", "national_theme", "note"],
    "criteria": ["criterion", "criterion_key", "criterion_en", "factor_text", "source"],
    "tracks": ["track", "track_en", "doc_id", "note"],
    "unattached_fragments": ["doc_id", "line", "text", "reason"],
}
KEYS = {
    "agencies": [("alias",)],
    "blora_focus_groups": [("focus_no",), ("focus_line",)],
    "areas": [("area_key",), ("area",)],
    "glossary": [("term",)],
    "themes": [("theme",), ("theme_key",)],
    "criteria": [("criterion",), ("criterion_key",)],
    "tracks": [("track",)],
    "unattached_fragments": [("doc_id", "line")],
}
AGENCY_TYPES = {
    "agency",
    "office",
    "bureau of the regional secretariat",
    "regional secretariat",
    "inspectorate",
    "hospital",
    "ministry",
    "generic",
}
ALIAS_KINDS = {"canonical", "abbreviation", "long form", "variant", "line-break split", "misspelling"}


# ------------------------------------------------------------------ helpers
def read_csv(name: str) -> tuple[list[str], list[dict]]:
    with open(REFERENCE_DIR / f"{name}.csv", newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def rows(name: str) -> list[dict]:
    return read_csv(name)[1]


_TEXT: dict[str, str] = {}


def text(doc_id: str) -> str:
    if doc_id not in _TEXT:
        _TEXT[doc_id] = raw_path(doc_id).read_text(encoding="utf-8")
    return _TEXT[doc_id]


def line(doc_id: str, no: int) -> str:
    """Line ``no`` (1-based) of a raw document."""
    return text(doc_id).split("\n")[no - 1]


def cells(doc_id: str, no: int) -> list[str]:
    """The tab-separated cells of a line, stripped, trailing empty cells dropped."""
    out = [c.strip() for c in line(doc_id, no).split("\t")]
    while out and not out[-1]:
        out.pop()
    return out


def refs(note: str) -> list[tuple[str, int]]:
    return [(d, int(n)) for d, n in REF.findall(note)]


def squash(s: str) -> str:
    return " ".join(s.split()).casefold()


def has_word_seq(needle: str, haystack: str, *, ignore_case: bool) -> bool:
    """Whether ``needle`` occurs in ``haystack`` not glued to letters or digits."""
    pat = r"(?<![0-9A-Za-z])" + re.escape(needle) + r"(?![0-9A-Za-z])"
    return re.search(pat, haystack, re.I if ignore_case else 0) is not None


def norm_alias(s: str) -> str:
    # the resolver's key: words of letters and digits, case and spacing ignored
    return "".join(re.findall(r"[0-9a-z]+", s.lower()))


# ------------------------------------------------- agency cells of the documents
# Lampiran II-IV lines in the row ranges below whose last two cells are not the
# Koordinator / Pelaksana pair: continuations of the line above (728, 761, 836,
# 860), extra sub-activity or budget lines (732, 734), rows whose agency cells
# are empty because they share the row above's (736, 744, 745) and group
# headings of a list of school levels (812, 820).
LAMPIRAN_NO_AGENCY = {728, 732, 734, 736, 744, 745, 761, 812, 820, 836, 860}
# Words of agency cells that name no unit and may stay unresolved: none, every
# word of every agency cell belongs to a listed spelling or is 'dan' / 'serta'.
NOT_UNITS: set[str] = set()


def agency_cells() -> list[tuple[str, int, str, str]]:
    """Every cell of an agency column: (doc_id, line, column, cell text).

    - blora-2020 section C (lines 732-1078): the last cell of each row of at
      least five cells, 'PERANGKAT DAERAH TERKAIT' (two rows are shifted one
      cell left, so the last cell is used rather than position 5);
    - batang-2023 Tabel 2.4 (374-398): cells 5 and 6, Koordinator and Pelaksana;
    - batang-2023 Bab V outputs (647-695): cell 2 of numbered rows, 'Leading
      Institution', and the cell after the four-digit 'Tahun Pelaksanaan',
      'Penanggungjawab Output';
    - batang-2023 Lampiran II-IV (720-787, 807-843, 856-864): the last two
      non-empty cells, Koordinator and Pelaksana, except LAMPIRAN_NO_AGENCY.
    """
    out = []
    for no in range(732, 1079):
        c = cells("blora-2020", no)
        if len(c) >= 5 and not c[0].startswith("NO") and c[-1] != "2021":
            out.append(("blora-2020", no, "PERANGKAT DAERAH TERKAIT", c[-1]))
    for no in range(374, 399):
        c = [x.strip() for x in line("batang-2023", no).split("\t")]
        if len(c) >= 7:
            out.append(("batang-2023", no, "Koordinator", c[5]))
            out.append(("batang-2023", no, "Pelaksana", c[6]))
    for no in range(647, 696):
        c = cells("batang-2023", no)
        if len(c) >= 3 and c[0].isdigit():
            out.append(("batang-2023", no, "Leading Institution", c[2]))
        for i, x in enumerate(c[:-1]):
            if len(x) == 4 and x.isdigit():
                out.append(("batang-2023", no, "Penanggungjawab Output", c[i + 1]))
    for lo, hi in ((720, 787), (807, 843), (856, 864)):
        for no in range(lo, hi + 1):
            c = cells("batang-2023", no)
            if len(c) >= 2 and no not in LAMPIRAN_NO_AGENCY:
                out.append(("batang-2023", no, "Koordinator", c[-2]))
                out.append(("batang-2023", no, "Pelaksana", c[-1]))
    return out


# ----------------------------------------------------------- every table
@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_columns_and_unique_keys(name):
    header, data = read_csv(name)
    assert header == COLUMNS[name], f"rbdata/reference/{name}.csv: header {header}, expected {COLUMNS[name]}"
    assert data, f"rbdata/reference/{name}.csv has no rows"
    for key in KEYS[name]:
        seen = [tuple(r[k] for k in key) for r in data]
        dups = sorted({k for k in seen if seen.count(k) > 1})
        assert not dups, f"rbdata/reference/{name}.csv: duplicate {key}: {dups}"
    for i, r in enumerate(data, start=2):
        for col in COLUMNS[name]:
            if name == "glossary" and col in ("expansion", "doc_ids"):
                continue  # may be empty: terms that are not abbreviations / not printed
            if name == "blora_focus_groups" and col == "track":
                continue  # empty for the focus no table carries
            assert r[col].strip(), f"rbdata/reference/{name}.csv line {i}: empty {col!r}"
            assert r[col] == r[col].strip(), f"rbdata/reference/{name}.csv line {i}: stray spaces in {col!r}"


def test_readme_gives_provenance_of_every_file():
    readme = (REFERENCE_DIR / "README.md").read_text(encoding="utf-8")
    for path in sorted(REFERENCE_DIR.glob("*.csv")):
        assert f"`{path.name}`" in readme, f"rbdata/reference/README.md says nothing about {path.name}"


# ----------------------------------------------------------- agencies
def test_agency_vocabularies_and_one_canonical_row_each():
    data = rows("agencies")
    by_agency: dict[str, list[dict]] = {}
    for r in data:
        assert r["agency_type"] in AGENCY_TYPES, r
        assert r["alias_kind"] in ALIAS_KINDS, r
        by_agency.setdefault(r["agency"], []).append(r)
    for agency, rs in by_agency.items():
        canon = [r for r in rs if r["alias_kind"] == "canonical"]
        assert [r["alias"] for r in canon] == [agency], f"{agency}: needs one canonical row, alias == agency"
        assert len({(r["agency_en"], r["agency_type"]) for r in rs}) == 1, (
            f"{agency}: agency_en / agency_type differ"
        )


def test_no_alias_is_shared_by_two_agencies():
    owner: dict[str, str] = {}
    for r in rows("agencies"):
        for spelling in (r["alias"], r["agency"]):
            key = norm_alias(spelling)
            assert owner.setdefault(key, r["agency"]) == r["agency"], (
                f"{spelling!r} reads like an alias of {owner[key]!r} too"
            )


def test_no_alias_swallows_two_units():
    aliases = {norm_alias(r["alias"]) for r in rows("agencies")}
    for r in rows("agencies"):
        parts = re.split(r"\s+(?:dan|serta)\s+", r["alias"])
        if len(parts) > 1:
            assert not all(norm_alias(p) in aliases for p in parts), (
                f"{r['alias']!r} joins units that are aliases on their own: list them separately"
            )


def test_each_alias_resolves_to_its_own_agency():
    for r in rows("agencies"):
        assert resolve_agencies(r["alias"]) == ((r["agency"],), ()), r["alias"]


def test_agency_notes_cite_lines_that_print_the_alias():
    for r in rows("agencies"):
        if not r["note"].startswith(DOC_IDS):
            continue  # alias not printed (DOMAIN.md or standard acronym): the note says so
        doc_id, no = refs(r["note"])[0]
        assert has_word_seq(r["alias"], line(doc_id, no), ignore_case=True), (
            f"{r['alias']!r} is not printed at {doc_id}:{no}"
        )


def test_agency_cells_are_found_in_every_column():
    got = agency_cells()
    groups = {(d, col) for d, _, col, _ in got}
    assert groups == {
        ("blora-2020", "PERANGKAT DAERAH TERKAIT"),
        ("batang-2023", "Koordinator"),
        ("batang-2023", "Pelaksana"),
        ("batang-2023", "Leading Institution"),
        ("batang-2023", "Penanggungjawab Output"),
    }
    # one PERANGKAT DAERAH TERKAIT cell per indicator or activity row of section C
    assert sum(d == "blora-2020" for d, *_ in got) == 271
    # Tabel 2.4 has 24 Kegiatan Utama indicator rows
    assert sum(d == "batang-2023" and 374 <= n <= 398 for d, n, *_ in got) == 2 * 24
    assert all(c for *_, c in got), [g for g in got if not g[3]]


def test_every_agency_cell_resolves_completely():
    bad = []
    for doc_id, no, col, cell in agency_cells():
        found, left = resolve_agencies(cell)
        left = [w for w in left if w not in NOT_UNITS]
        if not found or left:
            bad.append(f"{doc_id}:{no} {col}: {cell!r} -> {found}, unresolved {left}")
    assert not bad, "agency cells not covered by rbdata/reference/agencies.csv:\n" + "\n".join(bad)


def test_every_line_break_split_is_printed_in_an_agency_column():
    printed = {c for *_, c in agency_cells()}
    for r in rows("agencies"):
        if r["alias_kind"] == "line-break split":
            assert any(has_word_seq(r["alias"], c, ignore_case=False) for c in printed), r["alias"]


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("Inspektorat/B PPKAD", ("Inspektorat", "BPPKAD")),
        ("Inspektorat/ BPPKAD", ("Inspektorat", "BPPKAD")),
        ("Inspektorat/Se luruh OPD", ("Inspektorat", "Seluruh Perangkat Daerah")),
        ("Bag. Organisasi/Sel uruh OPD", ("Bagian Organisasi Setda", "Seluruh Perangkat Daerah")),
        ("Bapelit bang", ("Bapelitbang",)),
        ("Disna ker", ("Disnaker",)),
        ("Dislutkan ak", ("Dislutkanak",)),
        ("Disperindagkop dan UKM", ("Disperindagkop dan UKM",)),
        ("Bagian Organisasi dan BKD", ("Bagian Organisasi Setda", "BKD")),
        ("Bagian Organisasi Setda Kab. Batang dan BKD", ("Bagian Organisasi Setda", "BKD")),
        ("Bagian Organisasi dan Bagian Hukum Setda", ("Bagian Organisasi Setda", "Bagian Hukum Setda")),
        ("Diskominfo, Bagian Organisasi Setda", ("Diskominfo", "Bagian Organisasi Setda")),
        (
            "Diskominfo; DPMPSTP; Bagian Organisasi Setda",
            ("Diskominfo", "DPMPTSP", "Bagian Organisasi Setda"),
        ),
        ("Bapelitbang Diskominfo", ("Bapelitbang", "Diskominfo")),
        (
            "Bapelitbang Inspektorat Daerah, Bagian Adpem Setda, Bagian Organisasi Setda",
            ("Bapelitbang", "Inspektorat", "Bagian Adpem Setda", "Bagian Organisasi Setda"),
        ),
        (
            "Bagian Administrasi Pembangunan Setda, Bapelitbang, Inspektorat Daerah, Bagian Organisasi Setda",
            ("Bagian Adpem Setda", "Bapelitbang", "Inspektorat", "Bagian Organisasi Setda"),
        ),
        ("Bagian PBJ Setda dan BPKPAD", ("Bagian PBJ Setda", "BPKPAD")),
        ("Dindikcapil", ("Dindukcapil",)),
        ("DPMPPTSP", ("DPMPTSP",)),
        ("Dinkominfo", ("Diskominfo",)),
        ("Dinas Kesehatan", ("Dinkes",)),
        ("DPK", ("Disperpuska",)),
        ("Disperimades", ("DPMD",)),
        ("Perangkat Daerah", ("Seluruh Perangkat Daerah",)),
        ("Sekretariat Daerah", ("Sekretariat Daerah",)),
        ("Kemensos", ("Kemensos",)),
        ("BKD,", ("BKD",)),
    ],
)
def test_hard_agency_cells(cell, expected):
    assert resolve_agencies(cell) == (expected, ())


def test_agency_cells_match_whatever_the_case_and_keep_unknown_words_as_printed():
    assert resolve_agencies("inspektorat / b ppkad") == (("Inspektorat", "BPPKAD"), ())
    # 'dan' joins units; the words no alias covers come back as printed
    assert resolve_agencies("Bapelitbang Zzz dan Qq") == (("Bapelitbang",), ("Zzz", "Qq"))


def test_english_label_ignores_case_and_spacing():
    label = english_label("tracks", "track", "General", "track_en")
    assert label == "RB General (upstream governance)"
    assert english_label("tracks", "track", "  general\n", "track_en") == label
    assert english_label("tracks", "track", "Generalist", "track_en") is None


def test_area_keys_named_by_a_heading():
    assert area_keys_named("b) Area Penguatan Pengawasan") == {"supervision"}
    assert area_keys_named("Program Prioritas") == set()


def test_blora_and_batang_finance_agencies_stay_apart():
    assert resolve_agencies("BPPKAD")[0] != resolve_agencies("BPKPAD")[0]
    assert resolve_agencies("Dinas Pendidikan")[0] != resolve_agencies("Disdikbud")[0]


def test_agencies_named_in_domain_glossary_are_listed():
    listed = {r["alias"] for r in rows("agencies")}
    for name in [
        "BKD",
        "Inspektorat",
        "Bapelitbang",
        "Bappeda",
        "BPPKAD",
        "BPKPAD",
        "Diskominfo",
        "Dinkominfo",
        "DPMPTSP",
        "Dindukcapil",
        "Dindikcapil",
        "Disdikbud",
        "Dinas Pendidikan",
        "Dinkes",
        "Dinsos",
        "DPUPR",
        "DPRKP",
        "Disnaker",
        "Disperindagkop UKM",
        "Disperpuska",
        "DPK",
        "Dislutkanak",
        "Disparpora",
        "DPMD",
        "Disperimades",
        "Setda",
        "Perangkat Daerah",
    ]:
        assert name in listed, name


def test_spellings_used_by_cells_are_listed_aliases():
    listed = {r["alias"] for r in rows("agencies")}
    for *_, cell in agency_cells():
        assert set(alias_spellings(cell)) <= listed, cell


# ----------------------------------------------------------- areas
def _area_names() -> list[str]:
    """Every way the documents name an area of change, read from the lines."""
    names = [cells("blora-2020", no)[1] for no in range(368, 375)]
    names.append(cells("blora-2020", 375)[1] + " " + cells("blora-2020", 378)[1])  # wrapped over a page break
    for no in (386, 398, 403, 552, 568, 578):  # section A and B headings '... Area <name>'
        names.append(line("blora-2020", no).split("Area ", 1)[1])
    for no in (733, 766, 783):  # section C group rows 'A ⇥ Area <name>'
        names.append(cells("blora-2020", no)[1])
    for no in range(300, 323):  # Batang Tabel 2.1 column 'Area Perubahan'
        c = cells("batang-2023", no)
        if c and c[0] and not c[0][0].isdigit():
            names.append(c[0])
    listed = line("batang-2023", 281).split("meliputi ", 1)[1].split(". Pada", 1)[0]
    names += [n.strip() for n in re.split(r",\s*(?:dan\s+)?", listed)]
    return names


def test_area_names_read_from_documents():
    names = _area_names()
    assert len(names) == 8 + 3 + 3 + 3 + 8 + 8
    for expected in [
        "Area Penataan Sistem Manajemen Sumber Daya Manusia Aparatur",
        "Area Penguatan Pengawasan",
        "Area Peningkatan Pelayanan Publik",
        "Penataan Peraturan Perundang/Deregulasi Kebijakan",
        "Penataan Organisasi/Kelembagaan",
        "Sistem Manajemen Sumber Daya Manusia",
        "Pengawasan",
        "Pelayanan Publik",
        "Penataan dan Penguatan Kelembagaan",
    ]:
        assert any(expected.removeprefix("Area ") == n for n in names), expected


@pytest.mark.parametrize(
    "name",
    _area_names()
    + [r["area"] for r in rows("areas")]
    + [
        "Area Penataan Sistem Manajemen Sumber Daya Manusia Aparatur",
        "Area Penguatan Pengawasan",
        "Area Peningkatan Pelayanan Publik",
        "Manajemen Perubahan",
        "Penataan Peraturan Perundang/Deregulasi Kebijakan",
        "Penataan Organisasi/Kelembagaan",
        "Penataan Tatalaksana",
        "Sistem Manajemen Sumber Daya Manusia",
        "Penguatan Akuntabilitas",
        "Pengawasan",
        "Pelayanan Publik",
    ],
)
def test_each_area_name_matches_exactly_one_pattern(name):
    hits = [r["area_key"] for r in rows("areas") if re.search(r["pattern"], name, re.I)]
    assert len(hits) == 1, f"{name!r} matches {hits}"


def test_area_tables_cover_the_eight_areas_once():
    keys = [r["area_key"] for r in rows("areas")]
    assert keys == [
        "change_management",
        "deregulation",
        "organisation",
        "business_process",
        "hr_management",
        "accountability",
        "supervision",
        "public_service",
    ]

    def key(name):
        return next(r["area_key"] for r in rows("areas") if re.search(r["pattern"], name, re.I))

    names = _area_names()
    blora_table, batang_table, batang_list = names[:8], names[17:25], names[25:]
    for group in (blora_table, batang_table, batang_list):
        assert sorted(map(key, group)) == sorted(keys), group
    for r in rows("areas"):
        assert key(r["area"]) == r["area_key"]


def test_area_notes_cite_lines_naming_the_area():
    for r in rows("areas"):
        found = refs(r["note"])
        assert found, r["area_key"]
        for doc_id, no in found:
            assert re.search(r["pattern"], line(doc_id, no), re.I), f"{r['area_key']}: {doc_id}:{no}"


# ----------------------------------------------------------- themes, criteria, tracks
def test_themes_are_the_rows_of_tabel_4_1():
    printed = [cells("batang-2023", no)[1] for no in range(505, 510)]
    assert [r["theme"] for r in rows("themes")] == printed


def test_theme_notes_cite_theme_and_national_theme_lines():
    for r in rows("themes"):
        (d1, n1), (d2, n2), *_ = refs(r["note"])
        assert r["theme"] in cells(d1, n1), r["theme"]
        assert r["national_theme"].casefold() in line(d2, n2).casefold(), r["national_theme"]


def test_criteria_are_the_header_of_tabel_4_1():
    header = cells("batang-2023", 504)
    assert header[0] == "No" and header[-1] == "Nilai Total"
    assert [r["criterion"] for r in rows("criteria")] == header[4:-1]


def test_criteria_factor_text_is_printed_at_source():
    for r in rows("criteria"):
        (d1, n1), (d2, n2) = refs(r["source"])
        assert r["criterion"] in cells(d1, n1)
        assert r["factor_text"].casefold() in line(d2, n2).casefold(), r["factor_text"]


def test_tracks_are_printed_where_noted():
    data = rows("tracks")
    assert [r["track"] for r in data if r["doc_id"] == "batang-2023"] == [
        "General",
        "Tematik Kemiskinan",
        "Tematik Investasi",
    ]
    for r in data:
        assert r["doc_id"] in DOC_IDS
        doc_id, no = refs(r["note"])[0]
        assert doc_id == r["doc_id"]
        if doc_id == "blora-2020":
            numeral, name = r["track"].split(". ", 1)
            c = cells(doc_id, no)
            assert c[0].rstrip(".") == numeral and squash(c[1]) == squash(name), (r["track"], c)
        else:
            assert r["track"].split()[-1].upper() in line(doc_id, no), r["track"]


# ----------------------------------------------------------- glossary
def test_glossary_doc_ids_are_exact():
    for r in rows("glossary"):
        expected = [d for d in DOC_IDS if has_word_seq(r["term"], text(d), ignore_case=False)]
        assert r["doc_ids"] == ";".join(expected), (
            f"{r['term']!r}: doc_ids {r['doc_ids']!r}, printed in {expected}"
        )


def test_glossary_categories_and_sources():
    for r in rows("glossary"):
        assert r["category"] in {"acronym", "term", "agency", "programme"}, r
        src = r["source"]
        if src in ("DOMAIN.md", "standard usage"):
            continue
        ((doc_id, no),) = refs(src)
        assert src == f"{doc_id}:{no}", src
        if r["expansion"]:
            assert squash(r["expansion"]) in squash(line(doc_id, no)), f"{r['term']}: expansion not at {src}"


def test_glossary_covers_the_listed_acronyms():
    terms = {r["term"] for r in rows("glossary")}
    for t in (
        "SAKIP LKjIP IKU SPIP APIP WTP LHKPN LHKASN IKM SKM IPP MPP SPBE PBJ PMA PMDN UMKM KUB APK APM "
        "APtS UN PAUD AKB KH UCI K4 KTP-el KK KIA IPM PDRB PIP BOSP PKH KPM RTLH RLH BSPS TW KU JF JPT "
        "ZI WBK WBBM SPI RPD RPJMD NSPK KASN JFPPBJ LAPOR SIPUAS SIAK SIMDA SIMPEG PATEN PTSP OPD SKPD "
        "Setda BerAKHLAK RB Perbup ASN PNS CPNS PK BPK"
    ).split() + ["JKN PBI"]:
        assert t in terms, t


def test_glossary_domain_terms_are_in_domain_notes(repo_dir):
    domain = repo_dir.parent / "shared" / "DOMAIN.md"
    if not domain.is_file():
        pytest.skip("shared/DOMAIN.md is not beside this checkout")
    notes = domain.read_text(encoding="utf-8")
    for r in rows("glossary"):
        if r["source"] == "DOMAIN.md":
            assert has_word_seq(r["term"], notes, ignore_case=False), r["term"]


# ------------------------------------------------------ unattached fragments
def test_unattached_fragments_print_their_text_and_are_reported():
    import rbdata

    for r in rows("unattached_fragments"):
        no = int(r["line"])
        printed = " | ".join(c.strip() for c in line(r["doc_id"], no).split("\t") if c.strip())
        assert printed == r["text"], f"{r['doc_id']}:{no} prints {printed!r}"
        rep = rbdata.parse_report(r["doc_id"])
        reason = rep.loc[rep["source_line"] == no, "reason"].tolist()
        assert reason == [
            "fragment of a row whose start is not in the text (reference/unattached_fragments.csv)"
        ]
