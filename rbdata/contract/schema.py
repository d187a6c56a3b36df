"""Column contract of every rbdata table: name, dtype, unit and meaning.

This one table of tables drives the loaders' dtypes, the data dictionary
sheet of the Excel export, ``datapackage.json`` and the column lists in the
README, so that the three never disagree.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
import pandas as pd

DOC_IDS = ("blora-2020", "batang-2023")


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str  # "string", "int", "float", "category:<a>|<b>", "Int64", "bool", "date"
    description: str
    unit: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name, dtype, description, unit=""):
    return Column(name, dtype, description, unit)


DOC = _c("doc_id", "category:" + "|".join(DOC_IDS), "Source document: 'blora-2020' or 'batang-2023'.")
LINE = _c("source_line", "int", "1-based line in data/raw/<doc_id>.txt where the row's text starts.", "line")
TABLE_ID = _c(
    "table_id", "string", "Stable id of the source table, e.g. 'B.3.b', 'C.II.A', 'Tabel 2.4', 'Lampiran II'."
)
SECTION = _c("section", "string", "Heading path above the table, ' > '-separated, as printed.")

TABLES: dict[str, Table] = {}


def _t(name, title, description, *cols):
    TABLES[name] = Table(name, title, description, tuple(cols))


_t(
    "documents",
    "Source documents",
    "One row per regulation: identity, period and fingerprint.",
    _c("doc_id", "string", "Document id, also the raw file name without '.txt'."),
    _c("title", "string", "Title of the regulation (Indonesian)."),
    _c("title_en", "string", "English rendering of the title."),
    _c("region", "string", "Regency (kabupaten) that issued it."),
    _c("regulation", "string", "Regulation number as cited, e.g. 'Perbup Blora 35/2020'."),
    _c("enacted", "date", "Date the regulation was enacted (ditetapkan)."),
    _c("period_start", "int", "First year the road map covers.", "year"),
    _c("period_end", "int", "Last year the road map covers.", "year"),
    _c(
        "framework",
        "category:eight-area|double-track",
        "Reform model: 'eight-area' (areas of change) or 'double-track' (General / Tematik).",
    ),
    _c("sha256", "string", "SHA-256 of the raw text file (hex)."),
    _c("n_lines", "int", "Number of lines in the raw text file.", "lines"),
    _c("description", "string", "What the file is and where it came from."),
)

_t(
    "targets",
    "Indicator baselines and targets",
    "Long format: one row per indicator x period x kind, every value parsed from its cell.",
    DOC,
    LINE,
    TABLE_ID,
    SECTION,
    _c("target_id", "string", "Stable id of the indicator row: '<doc_id>:<table_id>:<source_line>'."),
    _c("indicator_no", "string", "Row number as printed (NA where none)."),
    _c(
        "objective",
        "string",
        "Row the indicator serves: Kegiatan Utama, goal (Tujuan/Sasaran) or theme; NA for Blora section B.",
    ),
    _c(
        "problem",
        "string",
        "Batang action plans (Lampiran II-IV): Permasalahan the indicator's row answers, as printed (Tematik: the problem of its level, outcome or intermediate); NA elsewhere.",
    ),
    _c("indicator", "string", "Indicator as printed, whitespace normalised."),
    _c("unit", "string", "Unit (Satuan) as printed; NA where the table has none."),
    _c("period", "string", "Year the value refers to: '2020' ... '2024'."),
    _c("kind", "category:baseline|target", "'baseline' (kondisi awal) or 'target'."),
    _c(
        "value",
        "float",
        "Number parsed from the cell; NaN where there is none (labels, '-', empty).",
        "unit column",
    ),
    _c("value_text", "string", "The cell exactly as printed."),
    _c(
        "value_label",
        "string",
        "Label in the cell ('WTP', 'B', 'Paripurna', 'Level', 'Memuaskan', ...); NA otherwise.",
    ),
    _c(
        "agency_text",
        "string",
        "Responsible agency as printed (NA where none); Batang Tabel 2.4: the Koordinator (its Pelaksana column prints 'Perangkat Daerah', every regional agency, on all rows).",
    ),
    _c(
        "agency",
        "string",
        "Canonical agency name(s) from the agency table, '; '-joined for joint cells; NA where none.",
    ),
    _c(
        "direction",
        "category:higher|lower",
        "Which way is better for this indicator (rules in reference/direction_rules.csv).",
    ),
    _c(
        "track",
        "string",
        "Batang: 'General', 'Tematik Kemiskinan' or 'Tematik Investasi'; Blora: priority group.",
    ),
    _c("track_en", "string", "English label of the track (reference/tracks.csv)."),
    _c(
        "level",
        "string",
        "Tematik action plans: 'outcome' (first Indikator/Target pair) or 'intermediate' (second pair); NA elsewhere.",
    ),
)

_t(
    "actions",
    "Action plans and activities",
    "One row per action / activity (kegiatan, rencana aksi, output utama).",
    DOC,
    LINE,
    TABLE_ID,
    SECTION,
    _c("action_id", "string", "Stable id: '<doc_id>:<table_id>:<source_line>'."),
    _c("action_no", "string", "Number or letter as printed ('1)', 'a.', ...); NA where none."),
    _c(
        "track",
        "string",
        "Batang: 'General', 'Tematik Kemiskinan', 'Tematik Investasi'; Blora: its priority group (I-IV).",
    ),
    _c("track_en", "string", "English label of the track (reference/tracks.csv)."),
    _c("problem", "string", "Permasalahan the action answers, where given."),
    _c("parent_indicator", "string", "Indicator or Kegiatan Utama the action serves."),
    _c("parent_source_line", "Int64", "source_line of that indicator row.", "line"),
    _c("action", "string", "Action / activity text as printed, whitespace normalised."),
    _c("output_unit", "string", "Output unit (Satuan)."),
    _c("output_indicator", "string", "Output indicator text."),
    _c("sub_activity", "string", "Supporting sub-activity (Sub Kegiatan Pendukung)."),
    _c(
        "budget_idr",
        "float",
        "Budget in rupiah; a cell listing several labelled amounts is their sum; NaN where none or shared with the row above.",
        "IDR",
    ),
    _c("budget_text", "string", "Budget cell as printed."),
    _c("coordinator", "string", "Coordinating unit (Koordinator / Leading Institution), canonical."),
    _c(
        "executor",
        "string",
        "Executing unit(s) (Pelaksana / Penanggungjawab / Perangkat Daerah), canonical, '; '-joined.",
    ),
    _c("coordinator_text", "string", "Coordinator cell as printed."),
    _c("executor_text", "string", "Executor cell as printed."),
    _c("rationale", "string", "Tematik: Keterkaitan, why the action serves the indicator."),
    _c(
        "link_type", "string", "Tematik: Jenis Kegiatan Aksi as printed ('Terkait langsung', 'Terkait', ...)."
    ),
    _c("implementation_year", "string", "Bab V outputs: Tahun Pelaksanaan.", "year"),
    _c(
        "sub_row",
        "string",
        "Label of a sub-row ('PNF', 'SD', 'SMP', 'PAUD', 'second output'); NA for main rows.",
    ),
    _c("parent_action_id", "string", "For a sub-row: the action_id of the action it belongs to."),
    _c(
        "budget_shared_with",
        "string",
        "action_id whose budget cell this row shares (a merged cell printed once); NA otherwise.",
    ),
)

_t(
    "action_targets",
    "Action output targets",
    "Long format: one row per action x period. Blora: 2020, 2021. Batang: 2023Q1..2023Q4 and the 2023 Total.",
    _c("action_id", "string", "Action the target belongs to (see actions)."),
    DOC,
    LINE,
    _c("period", "string", "'2020', '2021', '2023Q1' ... '2023Q4', or '2023' (the printed Total)."),
    _c("value", "float", "Number parsed from the cell; NaN where none."),
    _c("value_text", "string", "The cell exactly as printed."),
    _c("value_label", "string", "Label in the cell, NA otherwise."),
    _c(
        "total_kind",
        "category:sum|level",
        "For '2023' totals: 'sum' if the Total equals the sum of the quarters, 'level' if it equals a quarter's level (cumulative); NA otherwise.",
    ),
)

_t(
    "theme_scores",
    "Tematik theme selection scores (Batang Tabel 4.1)",
    "Long format: one row per candidate theme x criterion.",
    DOC,
    LINE,
    TABLE_ID,
    _c("theme_no", "int", "Row number as printed."),
    _c("theme", "string", "Candidate theme as printed."),
    _c("theme_en", "string", "English label of the theme."),
    _c("criterion", "string", "Criterion as printed in the column header."),
    _c("criterion_en", "string", "English label of the criterion."),
    _c("score", "int", "Score given.", "points"),
    _c("existing_text", "string", "Kondisi Eksisting as printed."),
    _c("existing_value", "float", "Kondisi Eksisting parsed."),
    _c("target_text", "string", "Target as printed."),
    _c("target_value", "float", "Target parsed."),
    _c("printed_total", "int", "Nilai Total as printed.", "points"),
    _c("selected", "bool", "Whether the document says the theme was chosen."),
)

_t(
    "areas",
    "Eight areas of change (Blora)",
    "Blora's table of areas and expected results.",
    DOC,
    LINE,
    TABLE_ID,
    _c("area_no", "int", "Number as printed."),
    _c("area", "string", "Area as printed (joined where wrapped over a page break)."),
    _c("area_key", "string", "Stable English key of the area (reference/areas.csv)."),
    _c("area_en", "string", "English name of the area."),
    _c("expected_result", "string", "Hasil yang diharapkan, as printed."),
)

_t(
    "indicator_crosswalk",
    "Eight-area indicators after the 2023 sharpening (Batang Tabel 2.1)",
    "One row per old outcome indicator: its area, availability to 2021 and fate after sharpening.",
    DOC,
    LINE,
    TABLE_ID,
    _c("area", "string", "Area of change as printed."),
    _c("area_key", "string", "Stable English key of the area."),
    _c("area_en", "string", "English name of the area."),
    _c("indicator_no", "int", "Old indicator number."),
    _c("indicator", "string", "Old indicator name."),
    _c("availability_text", "string", "'Kondisi sampai 2021' as printed (may cover several indicators)."),
    _c("available_2021", "boolean", "Whether the indicator was available up to 2021."),
    _c("fate_text", "string", "What the document says happens after sharpening."),
    _c(
        "fate",
        "category:continued|merged|dropped|replaced",
        "Continued / merged into another / dropped / replaced.",
    ),
    _c("merged_into", "Int64", "Indicator number it is merged (integrated) into, for fate 'merged'."),
    _c(
        "synergised_with",
        "string",
        "Indicator number(s) it is continued in synergy with, ';'-joined, where said; for indicators synergised as a group ('Indikator 13 dan 14 dilanjutkan, disinergikan'), the others of the group.",
    ),
)

_t(
    "statements",
    "Narrative lists",
    "Lists of the narrative chapters as rows.",
    DOC,
    LINE,
    SECTION,
    _c(
        "category",
        "string",
        "achievement, expectation, problem, priority, maintain, sector_priority, quick_win, agency_priority, upstream_issue, downstream_issue, ...",
    ),
    _c("goal", "string", "Goal (sasaran) or area the item is grouped under, where given."),
    _c("item_no", "string", "Letter or number as printed."),
    _c("text", "string", "Item text, markup removed."),
)

_t(
    "teams",
    "RB management teams (Batang Tabel 5.1, 5.2)",
    "One row per team position.",
    DOC,
    LINE,
    TABLE_ID,
    _c("team", "string", "'General' or 'Tematik'."),
    _c("part", "category:steering|executing", "Tim Pengarah (steering) or Tim Pelaksana (executing)."),
    _c("role", "string", "Role in the team (Pembina, Ketua, Sekretaris, Anggota)."),
    _c("member_no", "Int64", "Member number within 'Anggota'."),
    _c("position", "string", "Position held in the administration (jabatan dalam dinas)."),
)

_t(
    "agencies",
    "Agencies and their spellings",
    "One row per (agency, alias) found in the documents.",
    _c("agency", "string", "Canonical agency name."),
    _c("alias", "string", "A spelling found in the documents (or a standard abbreviation)."),
    _c("agency_en", "string", "English name."),
    _c("agency_type", "string", "Kind of unit (agency, bureau, office, ...)."),
    _c(
        "alias_kind",
        "string",
        "canonical, abbreviation, long form, variant, line-break split or misspelling.",
    ),
    _c("doc_ids", "string", "Documents the alias occurs in, ';'-joined."),
    _c("n_rows", "int", "Table rows citing the alias (targets + actions)."),
)


def empty_frame(table: str) -> pd.DataFrame:
    return apply_dtypes(pd.DataFrame({c: [] for c in TABLES[table].names}), table)


def apply_dtypes(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Order columns as the contract says and fix their dtypes.

    Returns a new frame with a fresh 0..n-1 index; ``df`` is not changed.
    """
    spec = TABLES[table]
    missing = [c for c in spec.names if c not in df.columns]
    if missing:
        raise KeyError(f"table {table!r} lacks columns {missing}")
    # Convert column by column into a dict and build the frame once:
    # inserting converted columns one at a time into a copy costs more than
    # the conversions themselves for these short tables.
    data = {}
    for col in spec.columns:
        data[col.name] = _converted(df[col.name], col.dtype)
    out = pd.DataFrame(data, index=pd.RangeIndex(len(df)), copy=True)
    if df.attrs:
        out.attrs = copy.deepcopy(df.attrs)
    return out


def _converted(s: pd.Series, dtype: str):
    """The values of ``s`` in the contract dtype ``dtype`` (an array)."""
    # dtype objects rather than names: pandas resolves a name such as
    # "string" through its registry of dtypes on every call
    if dtype == "string":
        return s.astype(pd.StringDtype()).array
    if dtype == "int":
        return s.astype(np.int64).to_numpy()
    if dtype == "Int64":
        return s.astype(pd.Int64Dtype()).array
    if dtype == "float":
        return s.astype(np.float64).to_numpy()
    if dtype == "bool":
        return s.astype(np.bool_).to_numpy()
    if dtype == "boolean":
        return s.astype(pd.BooleanDtype()).array
    if dtype == "date":
        return pd.to_datetime(s).array
    if dtype.startswith("category:"):
        cats = dtype.split(":", 1)[1].split("|")
        return pd.Categorical(s, categories=cats)
    raise ValueError(f"unknown dtype {dtype!r}")  # pragma: no cover - contract typo


def numpydoc_returns(table: str) -> str:
    """The 'Returns' block of a loader docstring, generated from the contract."""
    lines = []
    for c in TABLES[table].columns:
        unit = f" Unit: {c.unit}." if c.unit else ""
        lines.append(f"    - ``{c.name}`` ({_dtype_doc(c.dtype)}): {c.description}{unit}")
    return "\n".join(lines)


def _dtype_doc(dtype: str) -> str:
    if dtype.startswith("category:"):
        return "category"
    return {"int": "int64", "float": "float64", "date": "datetime64[ns]"}.get(dtype, dtype)
