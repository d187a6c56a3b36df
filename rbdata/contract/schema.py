"""Column contract of every table rbdata hands out: columns, dtypes, units,
meanings, vocabularies, required columns, primary and foreign keys.

This one table of tables drives the checks of :mod:`rbdata.contract.validate`
(run on every table a parse returns), the loaders' dtypes and docstrings,
the data dictionary sheet of the Excel export, ``datapackage.json`` and the
column lists in the README, so that none of them disagree.

The module imports nothing of rbdata: ``scripts/update_readme.py`` loads it
on its own.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import pandas as pd

DOC_IDS = ("blora-2020", "batang-2023")

#: Names of the data-quality rules of ``rbdata.quality.check``, in report order
#: (the vocabulary of ``quality_findings.rule``).
RULE_NAMES = (
    "conflicting_targets",
    "duplicate_actions",
    "against_direction",
    "magnitude",
    "implausible_growth",
    "totals",
    "unit_mismatch",
    "misspelt_names",
    "numbering_gaps",
)

#: What an agency does (``agencies.function``, from reference/agency_functions.csv).
AGENCY_FUNCTIONS = (
    "all_agencies",
    "civil_service",
    "communication_it",
    "development_administration",
    "education",
    "finance",
    "general_administration",
    "government_affairs",
    "health",
    "housing",
    "industry_trade_smes",
    "inspectorate",
    "investment_licensing",
    "labour",
    "legal",
    "library_archives",
    "marine_fisheries_livestock",
    "organisation",
    "planning",
    "population_registry",
    "procurement",
    "public_works",
    "social_affairs",
    "social_welfare",
    "tourism_youth_sport",
    "village_empowerment",
)

#: Severities of a data-quality finding, most serious first.
SEVERITIES = ("error", "warning", "info")


class Column(NamedTuple):
    """One column: name, dtype, meaning, unit and whether a value is required.

    ``dtype`` is one of ``string``, ``int``, ``float``, ``Int64``, ``bool``,
    ``boolean``, ``date`` or ``category:<a>|<b>|...`` (the vocabulary, in
    order). A required column has no missing value; in a text column the
    empty string counts as missing, as it does in the CSV files.

    The contract's classes are named tuples rather than frozen dataclasses:
    as unchangeable, and the module, which ``import rbdata`` runs, is made
    in half the time (a dataclass writes and compiles its methods at import).
    """

    name: str
    dtype: str
    description: str
    unit: str = ""
    required: bool = False

    @property  # read for every column of every table a parse makes
    def categories(self) -> tuple[str, ...]:
        """The vocabulary of a category column; empty for other dtypes."""
        return _vocabulary(self.dtype)


@functools.cache
def _vocabulary(dtype: str) -> tuple[str, ...]:
    if dtype.startswith("category:"):
        return tuple(dtype.split(":", 1)[1].split("|"))
    return ()


class ForeignKey(NamedTuple):
    """``columns`` of a table hold values of ``table_columns`` of ``table``.

    A row whose ``columns`` are all missing refers to nothing and passes.
    """

    columns: tuple[str, ...]
    table: str
    table_columns: tuple[str, ...]

    def __str__(self) -> str:
        return f"{'+'.join(self.columns)} -> {self.table}.{'+'.join(self.table_columns)}"


class Table(NamedTuple):
    """One table: its columns in order, primary key and foreign keys.

    ``call`` is how a user gets the table, e.g. ``rbdata.load_targets(doc_id=None)``.
    """

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    call: str = ""

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"table {self.name!r} has no column {name!r}")


def _c(name, dtype, description, unit="", *, required=False):
    return Column(name, dtype, description, unit, required)


def _fk(columns: str, reference: str) -> ForeignKey:
    """``_fk("action_id", "actions.action_id")``."""
    table, table_columns = reference.split(".", 1)
    return ForeignKey(tuple(columns.split("+")), table, tuple(table_columns.split("+")))


DOC = _c(
    "doc_id",
    "category:" + "|".join(DOC_IDS),
    "Source document: 'blora-2020' or 'batang-2023'.",
    required=True,
)
LINE = _c(
    "source_line",
    "int",
    "1-based line in data/raw/<doc_id>.txt where the row's text starts.",
    "line",
    required=True,
)
TABLE_ID = _c(
    "table_id",
    "string",
    "Stable id of the source table, e.g. 'B.3.b', 'C.II.A', 'Tabel 2.4', 'Lampiran II'.",
    required=True,
)
SECTION = _c("section", "string", "Heading path above the table, ' > '-separated, as printed.", required=True)

#: Every table of the contract: the tables of a parse, then the reports.
CONTRACT: dict[str, Table] = {}
#: The tables of a parse, in order; each has a loader ``rbdata.load_<name>``.
TABLES: dict[str, Table] = {}

#: Every row of a document's tables names a document of ``documents``.
DOC_FK = _fk("doc_id", "documents.doc_id")
#: Every row of a table read from a table of the text names that table in ``source_tables``.
TABLE_FK = _fk("doc_id+table_id", "source_tables.doc_id+table_id")


def _t(name, title, description, *cols, key, fks=(), call=None):
    """Declare a table; without ``call`` it is a table of the parse with a loader."""
    table = Table(
        name,
        title,
        description,
        tuple(cols),
        tuple(key),
        tuple(fks),
        call or f"rbdata.load_{name}(doc_id=None)",
    )
    CONTRACT[name] = table
    if call is None:
        TABLES[name] = table


_t(
    "documents",
    "Source documents",
    "One row per regulation: identity, period and fingerprint.",
    _c("doc_id", "string", "Document id, also the raw file name without '.txt'.", required=True),
    _c("title", "string", "Title of the regulation (Indonesian).", required=True),
    _c("title_en", "string", "English rendering of the title.", required=True),
    _c("region", "string", "Regency (kabupaten) that issued it.", required=True),
    _c("regulation", "string", "Regulation number as cited, e.g. 'Perbup Blora 35/2020'.", required=True),
    _c("enacted", "date", "Date the regulation was enacted (ditetapkan).", required=True),
    _c("period_start", "int", "First year the road map covers.", "year", required=True),
    _c("period_end", "int", "Last year the road map covers.", "year", required=True),
    _c(
        "framework",
        "category:eight-area|double-track",
        "Reform model: 'eight-area' (areas of change) or 'double-track' (General / Tematik).",
        required=True,
    ),
    _c("sha256", "string", "SHA-256 of the raw text file (hex).", required=True),
    _c("n_lines", "int", "Number of lines in the raw text file.", "lines", required=True),
    _c("description", "string", "What the file is and where it came from.", required=True),
    key=("doc_id",),
)

_t(
    "targets",
    "Indicator baselines and targets",
    "Long format: one row per indicator x period x kind, every value parsed from its cell.",
    DOC,
    LINE,
    TABLE_ID,
    SECTION,
    _c(
        "target_id",
        "string",
        "Stable id of the indicator row: '<doc_id>:<table_id>:<source_line>'.",
        required=True,
    ),
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
    _c("indicator", "string", "Indicator as printed, whitespace normalised.", required=True),
    _c("unit", "string", "Unit (Satuan) as printed; NA where the table has none."),
    _c(
        "concept_id",
        "string",
        "Quantity the indicator measures (see load_concepts()), assigned by (doc_id, indicator, unit) in "
        "reference/indicator_concepts.csv: one id for every wording and copy of the same quantity, in both documents.",
        required=True,
    ),
    _c("period", "string", "Year the value refers to: '2020' ... '2024'.", required=True),
    _c("kind", "category:baseline|target", "'baseline' (kondisi awal) or 'target'.", required=True),
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
        required=True,
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
    _c(
        "executor_text",
        "string",
        "Executing agency (Pelaksana) as printed, where the table prints one apart from the responsible agency: "
        "Batang Tabel 2.4 ('Perangkat Daerah', every regional agency); NA elsewhere.",
    ),
    _c(
        "inferred",
        "string",
        "Columns whose value was not printed on the row's own line, each with the rule that supplied it, "
        "'; '-joined as '<column>: <rule>'; NA where every value was printed on the row's line. Rules: "
        "'merged cell of line N' (an empty cell under a merged cell printed once on line N), "
        "'carried from line N (merged cell)' (an empty sub-activity or agency cell under an action of the "
        "same indicator), 'outcome level of line N' (a Tematik intermediate row without a Permasalahan of "
        "its own), 'group heading of line N' (Blora section C: the goal of the group heading), "
        "'coordinator of action on line N' or 'executor of action on line N' (an action plan's indicator "
        "takes the agency of its first action), 'action on line N' (a sub-row or second output repeats its "
        "action's cell), 'paired by position with line N' and 'year of the target on line N' (Bab V: an "
        "indicator paired with the target printed at the same place of its list, an indicator without a "
        "target given the year of the others), "
        "'continued on line N' (text wrapped onto line N is joined), 'second sub-activity on line N' (a "
        "second sub-activity, its budget and agencies joined), 'realigned shifted row' (cells put back in "
        "place after the extraction shifted them) and 'cell lost in a shifted row' (a cell the shift "
        "dropped, read as empty). Position alone (section, table_id, track, parent indicator) is not listed, "
        "nor are columns derived from a listed one (agency, coordinator, executor, budget_idr, value_label).",
    ),
    key=("target_id", "period", "kind"),
    fks=(DOC_FK, TABLE_FK, _fk("concept_id", "concepts.concept_id")),
)

_t(
    "actions",
    "Action plans and activities",
    "One row per action / activity (kegiatan, rencana aksi, output utama).",
    DOC,
    LINE,
    TABLE_ID,
    SECTION,
    _c("action_id", "string", "Stable id: '<doc_id>:<table_id>:<source_line>'.", required=True),
    _c("action_no", "string", "Number or letter as printed ('1)', 'a.', ...); NA where none."),
    _c(
        "track",
        "string",
        "Batang: 'General', 'Tematik Kemiskinan', 'Tematik Investasi'; Blora: its priority group (I-IV).",
        required=True,
    ),
    _c("track_en", "string", "English label of the track (reference/tracks.csv).", required=True),
    _c("problem", "string", "Permasalahan the action answers, where given."),
    _c("parent_indicator", "string", "Indicator or Kegiatan Utama the action serves.", required=True),
    _c("parent_source_line", "Int64", "source_line of that indicator row.", "line", required=True),
    _c("action", "string", "Action / activity text as printed, whitespace normalised."),
    _c("output_unit", "string", "Output unit (Satuan)."),
    _c("output_indicator", "string", "Output indicator text."),
    _c("sub_activity", "string", "Supporting sub-activity (Sub Kegiatan Pendukung)."),
    _c(
        "budget_idr",
        "float",
        "Budget in rupiah printed for the action: its own budget cell (several labelled amounts summed) plus the "
        "cell of a second sub-activity below it; NaN where none or shared with the row above. Kept as it has "
        "always been read; it is the budget of the supporting sub-activity, not of the action, and a "
        "sub-activity printed again under other actions is counted again: for totals use load_budget_lines() "
        "(each printed cell once, repeat_of naming repeated printings, funding_level) and load_action_budgets().",
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
        "action_id whose budget cell this row shares (a merged cell printed once); NA otherwise. The same link "
        "is an action_budgets row with link 'merged cell'.",
    ),
    _c(
        "inferred",
        "string",
        "Columns whose value was not printed on the row's own line, with the rule that supplied it; "
        "vocabulary as in targets.inferred. NA where every value was printed on the row's line.",
    ),
    key=("action_id",),
    fks=(
        DOC_FK,
        TABLE_FK,
        _fk("parent_action_id", "actions.action_id"),
        _fk("budget_shared_with", "actions.action_id"),
    ),
)

_t(
    "action_targets",
    "Action output targets",
    "Long format: one row per action x period. Blora: 2020, 2021. Batang: 2023Q1..2023Q4 and the 2023 Total.",
    _c("action_id", "string", "Action the target belongs to (see actions).", required=True),
    DOC,
    LINE,
    _c(
        "period",
        "string",
        "'2020', '2021', '2023Q1' ... '2023Q4', or '2023' (the printed Total).",
        required=True,
    ),
    _c("value", "float", "Number parsed from the cell; NaN where none."),
    _c("value_text", "string", "The cell exactly as printed."),
    _c("value_label", "string", "Label in the cell, NA otherwise."),
    _c(
        "total_kind",
        "category:sum|level",
        "For '2023' totals: 'sum' if the Total equals the sum of the quarters, 'level' if it equals a quarter's level (cumulative); NA otherwise.",
    ),
    _c(
        "inferred",
        "string",
        "Columns whose value was not printed in place on the row's line, with the rule that supplied it "
        "('value: realigned shifted row', 'value: cell lost in a shifted row'); vocabulary as in "
        "targets.inferred. NA where the cell was printed in place.",
    ),
    key=("action_id", "period"),
    fks=(DOC_FK, _fk("action_id", "actions.action_id")),
)

_t(
    "theme_scores",
    "Tematik theme selection scores (Batang Tabel 4.1)",
    "Long format: one row per candidate theme x criterion.",
    DOC,
    LINE,
    TABLE_ID,
    _c("theme_no", "int", "Row number as printed.", required=True),
    _c("theme", "string", "Candidate theme as printed.", required=True),
    _c("theme_en", "string", "English label of the theme.", required=True),
    _c("criterion", "string", "Criterion as printed in the column header.", required=True),
    _c("criterion_en", "string", "English label of the criterion.", required=True),
    _c("score", "int", "Score given.", "points", required=True),
    _c("existing_text", "string", "Kondisi Eksisting as printed."),
    _c("existing_value", "float", "Kondisi Eksisting parsed."),
    _c("target_text", "string", "Target as printed."),
    _c("target_value", "float", "Target parsed."),
    _c("printed_total", "int", "Nilai Total as printed.", "points", required=True),
    _c("selected", "bool", "Whether the document says the theme was chosen.", required=True),
    _c(
        "inferred",
        "string",
        "Columns whose value was not printed on the row's own line, with the rule that supplied it; "
        "vocabulary as in targets.inferred: 'sentence on line N' (selected: the sentence under the table "
        "that names the chosen themes). NA where every value was printed on the row's line. The criterion is "
        "its column's header, as a target's period is (not listed); existing, target and printed total are "
        "printed on the theme's line and repeated on each criterion row of it (not listed).",
    ),
    key=("doc_id", "theme_no", "criterion"),
    fks=(
        DOC_FK,
        TABLE_FK,
    ),
)

_t(
    "areas",
    "Eight areas of change (Blora)",
    "Blora's table of areas and expected results.",
    DOC,
    LINE,
    TABLE_ID,
    _c("area_no", "int", "Number as printed.", required=True),
    _c("area", "string", "Area as printed (joined where wrapped over a page break).", required=True),
    _c("area_key", "string", "Stable English key of the area (reference/areas.csv).", required=True),
    _c("area_en", "string", "English name of the area.", required=True),
    _c("expected_result", "string", "Hasil yang diharapkan, as printed.", required=True),
    _c(
        "inferred",
        "string",
        "Columns whose value was not printed on the row's own line, with the rule that supplied it; "
        "vocabulary as in targets.inferred: 'continued on line N' (area or expected_result wrapped over a "
        "page break onto line N, joined). NA where every value was printed on the row's line; area_key and "
        "area_en are read from area (not listed).",
    ),
    key=("doc_id", "area_no"),
    fks=(
        DOC_FK,
        TABLE_FK,
    ),
)

_t(
    "indicator_crosswalk",
    "Eight-area indicators after the 2023 sharpening (Batang Tabel 2.1)",
    "One row per old outcome indicator: its area, availability to 2021 and fate after sharpening.",
    DOC,
    LINE,
    TABLE_ID,
    _c("area", "string", "Area of change as printed.", required=True),
    _c("area_key", "string", "Stable English key of the area.", required=True),
    _c("area_en", "string", "English name of the area.", required=True),
    _c("indicator_no", "int", "Old indicator number.", required=True),
    _c("indicator", "string", "Old indicator name.", required=True),
    _c("availability_text", "string", "'Kondisi sampai 2021' as printed (may cover several indicators)."),
    _c("available_2021", "boolean", "Whether the indicator was available up to 2021."),
    _c("fate_text", "string", "What the document says happens after sharpening.", required=True),
    _c(
        "fate",
        "category:continued|merged|dropped|replaced",
        "Continued / merged into another / dropped / replaced.",
        required=True,
    ),
    _c("merged_into", "Int64", "Indicator number it is merged (integrated) into, for fate 'merged'."),
    _c(
        "synergised_with",
        "string",
        "Indicator number(s) it is continued in synergy with, ';'-joined, where said; for indicators synergised as a group ('Indikator 13 dan 14 dilanjutkan, disinergikan'), the others of the group.",
    ),
    _c(
        "authority",
        "category:national",
        "Who sets the indicator: 'national' (the source note under the table names the ministry, Kementerian PANRB).",
        required=True,
    ),
    _c(
        "authority_line",
        "Int64",
        "Line of the source note 'Sumber: Kementerian PANRB' that closes the table.",
        "line",
        required=True,
    ),
    _c(
        "inferred",
        "string",
        "Columns whose value was not printed on the row's own line, with the rule that supplied it; "
        "vocabulary as in targets.inferred: 'merged cell of line N' (area, availability_text or fate_text "
        "printed once for a group of indicators), 'realigned shifted row' (indicator_no and indicator of a row "
        "the extraction shifted one cell left). NA where every value was printed on the row's line. Columns read "
        "from a listed one (area_key, area_en, available_2021, fate, merged_into, synergised_with) are not "
        "listed, nor is authority, read from the table's source note (its line is authority_line).",
    ),
    key=("doc_id", "indicator_no"),
    fks=(DOC_FK, TABLE_FK, _fk("merged_into", "indicator_crosswalk.indicator_no")),
)

#: The vocabulary of ``statements.category``: what each list is, in the
#: order of the documents (Blora, then what only Batang has).
STATEMENT_CATEGORIES = {
    "legal_basis": "a regulation the road map names as its legal basis (Blora Bab I D, Bab IV A)",
    "goal_heading": "a numbered heading naming one of the three goals (sasaran) under which Blora Bab II lists its items",
    "achievement": "an achievement so far (Blora Bab II A; Batang 1.4, with the steps a., b. of its item 1)",
    "expectation": "a stakeholder expectation (Blora Bab II B)",
    "expectation_external": "an expectation of the external stakeholders (Blora Bab II B, grouped by no goal)",
    "problem": "a problem of the bureaucracy (Blora Bab II C)",
    "priority_group": "one of the five priority groups, the focus of change (Blora Bab III A 1.-5.)",
    "priority_area": "a management priority in an area of change (Blora Bab III A 1.1-1.3)",
    "maintain": "a thing to keep up (Blora Bab III A 2.1-2.3)",
    "strategic_sector": "a strategic service sector (Blora Bab III A 3.1 a)-c))",
    "sector_priority": "a priority within a strategic sector",
    "quick_win_criterion": "why a service is picked as a quick win (Blora Bab III A 3.2, bullets)",
    "quick_win": "a quick win (Blora Bab III A 3.2)",
    "agency_priority": "an agency priority (Blora Bab III A 5.)",
    "monitoring_output": "an expected output of monitoring and evaluation (Blora Bab IV B)",
    "monitoring_activity": "a means of monitoring and evaluation, at agency or at regency level (Blora Bab IV C)",
    "monitoring_mechanism": "a step of monitoring and evaluation, at agency or at regency level (Blora Bab IV D)",
    "sharpening_aspect": "an aspect of the 2020-2024 road map that needs sharpening (Batang 1.1)",
    "sharpening_purpose": "a purpose of the sharpening (Batang 1.2)",
    "upstream_issue": "an upstream (hulu) strategic issue: governance (Batang 1.3.1)",
    "downstream_issue": "a downstream (hilir) strategic issue: development (Batang 1.3.2)",
    "strategic_goal": "one of the two strategic goals (sasaran strategis) after the sharpening (Batang 2.1.2)",
    "implementation_stage": "a stage of carrying out RB at the micro level (Batang 3.1)",
    "roadmap_content": "what a road map must at least set out (Batang 3.1)",
    "action_plan_content": "what an action plan must at least contain (Batang 3.1)",
    "theme": "a national RB Tematik theme (Batang Bab IV)",
    "theme_criterion": "a factor to weigh when choosing a theme: the criteria of Tabel 4.1 (Batang Bab IV)",
    "team_task": "a task of the RB management team (Batang 5.1)",
}

_t(
    "statements",
    "Narrative lists",
    "Every list of the road maps (the annexes), one row per item; nested lists carry their level and "
    "parent. Lists of the regulations' bodies (consideranda, legal citations, articles), headings of "
    "other tables and numbered lists run into a sentence are left out, each with its reason, in "
    "rbdata/reference/statement_exclusions.csv.",
    DOC,
    LINE,
    SECTION,
    _c(
        "category",
        "category:" + "|".join(STATEMENT_CATEGORIES),
        "Which list the item belongs to: "
        + "; ".join(f"'{k}': {v}" for k, v in STATEMENT_CATEGORIES.items())
        + ".",
        required=True,
    ),
    _c(
        "goal",
        "string",
        "Goal (sasaran), area or sector the item is grouped under, where given; for a heading that is an "
        "item itself (goal_heading, strategic_sector), the goal or sector it names; for Batang's steps "
        "a., b. of an achievement, that achievement.",
    ),
    _c(
        "item_no",
        "string",
        "Number or letter as printed, its punctuation kept ('1)', '1).', '1.', 'a)', 'a.'); NA for a bare bullet.",
    ),
    _c(
        "text",
        "string",
        "Item text, markup removed: an item's heading where its explanation is in paragraph.",
        required=True,
    ),
    _c(
        "item_level",
        "int",
        "Depth of the item: 1 for an outer item, 2 for an item of a list nested in an item of level 1, 3 "
        "below that (Blora's sector priorities, under their sector, under priority group 3).",
        required=True,
    ),
    _c(
        "list_id",
        "string",
        "The printed list the item belongs to: '<doc_id>:<source_line of the list's first item>'.",
        required=True,
    ),
    _c(
        "parent_line",
        "Int64",
        "source_line of the item this one is nested under; NA for an outer item.",
        "line",
    ),
    _c(
        "lead_in",
        "string",
        "The running text that introduces the item's list, as printed, markup removed; NA where a "
        "heading or the item above introduces it.",
    ),
    _c(
        "paragraph",
        "string",
        "The explanation printed with a heading item up to the next item or heading, lines joined by a "
        "space, markup removed (Batang's purposes of the sharpening, strategic issues, achievements, "
        "strategic goals and themes; Blora's priority groups and strategic sectors); NA where none.",
    ),
    _c(
        "end_line",
        "int",
        "Last line of the item, its paragraph and wrapped lines included: the item spans lines "
        "source_line to end_line (equal for an item of one line).",
        "line",
        required=True,
    ),
    _c(
        "inferred",
        "string",
        "Columns whose value was not printed on the item's own line, with the rule that supplied it; "
        "vocabulary as in targets.inferred: 'group heading of line N' (goal: the heading naming the goal, "
        "area or sector above the item; Batang: the achievement whose steps a., b. the items are), "
        "'continued on line N' (text wrapped onto line N, joined). NA where every value was printed on "
        "the item's line. The placement columns section, category, item_level, list_id, parent_line and "
        "lead_in (the running text above the list) are not listed, nor is paragraph: the explanation "
        "printed under a heading item is read from the lines after it by definition, and end_line gives "
        "its span.",
    ),
    key=("doc_id", "source_line"),
    fks=(DOC_FK,),
)

_t(
    "teams",
    "RB management teams (Batang Tabel 5.1, 5.2)",
    "One row per team position.",
    DOC,
    LINE,
    TABLE_ID,
    _c("team", "string", "'General' or 'Tematik'.", required=True),
    _c(
        "part",
        "category:steering|executing",
        "Tim Pengarah (steering) or Tim Pelaksana (executing).",
        required=True,
    ),
    _c("role", "string", "Role in the team (Pembina, Ketua, Sekretaris, Anggota).", required=True),
    _c("member_no", "Int64", "Member number within 'Anggota'."),
    _c("position", "string", "Position held in the administration (jabatan dalam dinas).", required=True),
    _c(
        "inferred",
        "string",
        "Columns whose value was not printed on the row's own line, with the rule that supplied it; "
        "vocabulary as in targets.inferred: 'group heading of line N' (part: the heading row 'TIM PENGARAH' "
        "or 'TIM PELAKSANA' above the rows), 'merged cell of line N' (role: 'Anggota' printed on the first "
        "member's row only). NA where every value was printed on the row's line; team is the table's (not "
        "listed).",
    ),
    key=("doc_id", "source_line"),
    fks=(
        DOC_FK,
        TABLE_FK,
    ),
)

_t(
    "agencies",
    "Agencies and their spellings",
    "One row per (agency, alias) found in the documents.",
    _c("agency", "string", "Canonical agency name.", required=True),
    _c("alias", "string", "A spelling found in the documents (or a standard abbreviation).", required=True),
    _c("agency_en", "string", "English name.", required=True),
    _c("agency_type", "string", "Kind of unit (agency, bureau, office, ...).", required=True),
    _c(
        "alias_kind",
        "string",
        "canonical, abbreviation, long form, variant, line-break split or misspelling.",
        required=True,
    ),
    _c("doc_ids", "string", "Documents the alias occurs in, ';'-joined."),
    _c("n_rows", "int", "Table rows citing the alias (targets + actions).", required=True),
    _c(
        "function",
        "category:" + "|".join(AGENCY_FUNCTIONS),
        "What the agency does (reference/agency_functions.csv), so that bodies of two regencies that share a "
        "name or a job (BPPKAD in Blora, BPKPAD in Batang: both finance) are compared by function.",
        required=True,
    ),
    _c("function_en", "string", "The function in English words.", required=True),
    _c(
        "government_level",
        "category:regional|central",
        "'regional' for a body of the regency; 'central' for a national ministry (Kemensos).",
        required=True,
    ),
    key=("alias",),
)


# --- indicator concepts and the national frame ---
#: Kinds of quantity a concept is (``concepts.measure``).
MEASURES = (
    "index",
    "score",
    "level",
    "grade",
    "opinion",
    "percentage",
    "ratio",
    "rate",
    "count",
    "amount",
    "years",
)
#: Kinds of element of the national template (``national_frame.kind``), in the order of the reference table.
FRAME_KINDS = (
    "area",
    "outcome_index",
    "goal",
    "strategic_goal",
    "track",
    "theme",
    "theme_priority",
    "criterion",
)

_t(
    "concepts",
    "Indicator concepts",
    "One row per measured quantity that a target of either document measures, so that rows printed in "
    "several tables or under other wording can be counted once and compared (reference/concepts.csv).",
    _c(
        "concept_id",
        "string",
        "Stable snake_case English id of the quantity ('ikm', 'sakip', 'spip_maturity', ...).",
        required=True,
    ),
    _c(
        "name",
        "string",
        "Indonesian name; for the indices of Batang Tabel 2.1 the name printed there "
        "(index 15, printed 'Maturitas SPI', is named 'Maturitas SPIP').",
        required=True,
    ),
    _c("name_en", "string", "English name.", required=True),
    _c(
        "national_index_no",
        "Int64",
        "Number (1-22) of the quantity among the old national outcome indices of Batang Tabel 2.1 "
        "(load_indicator_crosswalk().indicator_no); NA for the others.",
    ),
    _c(
        "measure",
        "category:" + "|".join(MEASURES),
        "Kind of quantity: composite index, score of one survey or evaluation, maturity or capability level, "
        "grade awarded, audit opinion, percentage (0-100 %), ratio (may exceed 100), rate, count, amount "
        "of money, years.",
        required=True,
    ),
    _c(
        "scale",
        "string",
        "Range of values ('1-5', '0-100 %', 'WTP/WDP/TW/TMP', 'unbounded', ...); 'not stated (printed ...)' "
        "where neither document gives it, with the range of the printed values in brackets.",
        required=True,
    ),
    _c(
        "direction",
        "category:higher|lower",
        "Which way is better; the same as the direction of every target row that measures it.",
        required=True,
    ),
    _c(
        "results_level",
        "category:impact|outcome|output|activity",
        "Place in the results chain; where a concept is printed at two levels, the higher one.",
        required=True,
    ),
    _c(
        "results_level_basis",
        "string",
        "Why that level: 'quote: ...' (where Batang places the indicator, with lines) or 'rule: ...' "
        "(the rule used where the document prints no level).",
        required=True,
    ),
    _c(
        "note",
        "string",
        "Provenance (lines as '<doc_id>:<line>') and why wordings are, or are not, one quantity.",
        required=True,
    ),
    _c("doc_ids", "string", "Documents whose targets measure it, ';'-joined.", required=True),
    _c(
        "n_rows",
        "int",
        "Rows of load_targets() (indicator x period x kind) that measure it.",
        "rows",
        required=True,
    ),
    key=("concept_id",),
    fks=(_fk("national_index_no", "indicator_crosswalk.indicator_no"),),
    call="rbdata.load_concepts(doc_id=None)",
)

_t(
    "national_frame",
    "National road-map template restated by the documents",
    "One row per element of the national template and line that restates it: the eight areas of change, "
    "the 22 outcome indices of Batang Tabel 2.1, national goals, the double track, the Tematik themes and "
    "the criteria for choosing them (reference/national_frame.csv).",
    _c(
        "kind",
        "category:" + "|".join(FRAME_KINDS),
        "Kind of element: area (of change), outcome_index (Tabel 2.1), goal, strategic_goal, track "
        "(RB General / Tematik), theme (Tematik theme set at the macro level), theme_priority "
        "(presidential priority of a theme), criterion (for choosing themes).",
        required=True,
    ),
    _c(
        "key",
        "string",
        "Stable English key within the kind: the area_key of an area, 'index_01' ... 'index_22', "
        "the criterion_key of a criterion, ...",
        required=True,
    ),
    _c("name", "string", "The element as printed on the line.", required=True),
    _c("name_en", "string", "English name.", required=True),
    DOC,
    LINE,
    _c(
        "evidence",
        "string",
        "The words of the text that show the element is national, with lines.",
        required=True,
    ),
    _c(
        "fate",
        "category:continued|merged|dropped|replaced",
        "What becomes of the element after the 2023 sharpening: for an outcome index its fate in "
        "Tabel 2.1 (load_indicator_crosswalk().fate); 'replaced' for the areas and the goals before "
        "sharpening, whose successors the text names; NA where the text states none.",
    ),
    _c(
        "concept_id",
        "string",
        "For an outcome index that a target measures: its concept (load_concepts()); NA otherwise.",
    ),
    key=("kind", "key", "doc_id", "source_line"),
    fks=(DOC_FK, _fk("concept_id", "concepts.concept_id")),
    call="rbdata.load_national_frame(doc_id=None)",
)
# --- end indicator concepts and the national frame ---

# --- the tables of the documents ---
_t(
    "source_tables",
    "Tables of the documents",
    "One row per table of the text that rows are read from (table_id of the other tables): the line that "
    "names it, what that line prints, and an English gloss (reference/source_tables.csv). Batang captions "
    "its tables (Tabel 2.1-5.2) and appendices; Blora's tables sit under section headings, and the action "
    "plan of its section C is divided by group rows printed inside the table.",
    DOC,
    _c(
        "table_id",
        "string",
        "Stable id of the table, as in the table_id of every other table.",
        required=True,
    ),
    _c(
        "caption_line",
        "int",
        "1-based line in data/raw/<doc_id>.txt that names the table.",
        "line",
        required=True,
    ),
    _c(
        "caption_kind",
        "category:caption|heading|group_heading",
        "What that line is: 'caption' (the table's own caption, e.g. 'Tabel 2.4. ...' or an appendix "
        "title), 'heading' (the section heading the table sits under; it has no caption of its own), "
        "'group_heading' (a row of the table that opens a group of its rows).",
        required=True,
    ),
    _c(
        "title",
        "string",
        "The line as printed, markup removed and cells joined by a space.",
        required=True,
    ),
    _c("title_en", "string", "English gloss of the title.", required=True),
    key=("doc_id", "table_id"),
    fks=(DOC_FK,),
    call="rbdata.load_source_tables(doc_id=None)",
)
# --- end the tables of the documents ---


# --- budget lines ---
_t(
    "budget_lines",
    "Budget lines of the action plans (Batang Lampiran II-IV)",
    "One row per printed budget cell (Jumlah Anggaran), on the line it is printed on: the budget of a "
    "supporting sub-activity, which may fund several actions (see action_budgets). A cell printing '-' "
    "(no budget) is no line. The same sub-activity with the same amount printed again under another action "
    "is a line of its own with repeat_of set: sum amount_idr where repeat_of is NA to count every rupiah "
    "once. Blora's plan has no budget column.",
    DOC,
    LINE,
    TABLE_ID,
    _c(
        "track",
        "string",
        "'General', 'Tematik Kemiskinan' or 'Tematik Investasi': the plan the cell is printed in.",
        required=True,
    ),
    _c(
        "budget_line_id",
        "string",
        "Stable id: '<doc_id>:<table_id>:<source_line>' (with '.1', '.2' if a line printed two cells).",
        required=True,
    ),
    _c(
        "sub_activity",
        "string",
        "Supporting sub-activity (Sub Kegiatan Pendukung) the amount is for, as read (wrapped parts joined), "
        "whitespace normalised; NA where the cell beside the amount is empty.",
    ),
    _c(
        "amount_idr",
        "float",
        "Amount in rupiah; a cell listing several labelled amounts is their sum; NaN where the cell prints "
        "no amount (line 777 repeats the sub-activity text in it).",
        "IDR",
    ),
    _c("amount_text", "string", "Budget cell as printed.", required=True),
    _c(
        "funding_source",
        "string",
        "Word naming where the money comes from as the sub-activity or budget cell prints it ('APBN', "
        "'Bantuan Pemerintah Pusat', 'PIP', 'BOS'; reference/funding_sources.csv, the first in its order); "
        "NA where the cells name none.",
    ),
    _c(
        "funding_level",
        "category:central|regional|village",
        "Level of government whose budget funding_source names (reference/funding_sources.csv); NA where "
        "the cells name no source: an unmarked cell is presumably the regency's budget (APBD), but the text "
        "does not say so.",
    ),
    _c(
        "coordinator",
        "string",
        "Coordinating unit (Koordinator) printed beside the cell, canonical; where the line prints none "
        "(a merged agency cell), the action's.",
    ),
    _c(
        "executor",
        "string",
        "Executing unit(s) (Pelaksana) printed beside the cell, canonical, '; '-joined; where the line prints "
        "none, the action's.",
    ),
    _c(
        "repeat_of",
        "string",
        "budget_line_id of the first printing (in line order) of the same sub-activity with the same "
        "non-zero amount (names alike up to a 'Sub Kegiatan' label and a misspelt letter); NA for a first "
        "or only printing.",
    ),
    _c(
        "inferred",
        "string",
        "Columns whose value was not printed on the budget cell's line, with the rule that supplied it "
        "(vocabulary as in targets.inferred; 'action on line N': the agencies of the action a second "
        "sub-activity belongs to); NA where sub-activity and agencies are printed beside the cell.",
    ),
    key=("budget_line_id",),
    fks=(DOC_FK, TABLE_FK, _fk("repeat_of", "budget_lines.budget_line_id")),
)

_t(
    "action_budgets",
    "Actions and their budget lines",
    "One row per (action, budget line) the text ties together: the cell printed on the action's row "
    "('own row'), a second sub-activity printed on the row below it ('second sub-activity'), or the cell "
    "of an action above whose merged budget cell the action shares ('merged cell'). A line printed again "
    "under another action (budget_lines.repeat_of) is that action's 'own row'; its first printing is "
    "budget_lines.repeat_of of the line. Sub-rows and second outputs have their own actions and lines; "
    "their parent (actions.parent_action_id) has no link of its own.",
    DOC,
    _c(
        "source_line",
        "int",
        "Line that ties them: the budget cell's line ('own row', 'second sub-activity') or the action's "
        "row under the merged cell ('merged cell').",
        "line",
        required=True,
    ),
    _c("action_id", "string", "The action (see actions).", required=True),
    _c("budget_line_id", "string", "The budget line (see budget_lines).", required=True),
    _c(
        "link",
        "category:own row|second sub-activity|merged cell",
        "How the text ties them: 'own row', 'second sub-activity' or 'merged cell'.",
        required=True,
    ),
    key=("action_id", "budget_line_id"),
    fks=(
        DOC_FK,
        _fk("action_id", "actions.action_id"),
        _fk("budget_line_id", "budget_lines.budget_line_id"),
    ),
)
# --- end budget lines ---

# --- statement exclusions ---
_t(
    "statement_exclusions",
    "Lists left out of the statements",
    "Every list of the documents that is not in load_statements(), with the reason "
    "(rbdata/reference/statement_exclusions.csv): the legal form of each regulation before its annex, "
    "headings that are already the section of a table, enumerations inside a sentence.",
    DOC,
    _c("first_line", "int", "First line of the range in data/raw/<doc_id>.txt.", "line", required=True),
    _c("last_line", "int", "Last line of the range, inclusive.", "line", required=True),
    _c("first_text", "string", "How first_line starts, as printed.", required=True),
    _c("reason", "string", "Why the lines are not statements.", required=True),
    key=("doc_id", "first_line"),
    fks=(DOC_FK,),
    call="rbdata.statement_exclusions(doc_id=None)",
)
# --- end statement exclusions ---


_t(
    "parse_report",
    "Parse report",
    "Every tab-separated line of the raw documents that is not a table row, with the reason; and every "
    "assumption the parser made where the text allows no check (reason 'assumption: ...', on the row it concerns).",
    DOC,
    _c("source_line", "int", "1-based line in data/raw/<doc_id>.txt.", "line", required=True),
    _c("table_id", "string", "Table the line sits in; empty outside tables."),
    _c(
        "reason",
        "string",
        "Why the line is not a row ('header', 'page-break header repeat', 'continuation of line N', ...), "
        "or 'assumption: ...' naming what the parser assumed there and why no check was possible.",
        required=True,
    ),
    _c("text", "string", "The line's cells joined by ' | '.", required=True),
    # a line can carry two notes: why it is not a row, and an assumption made on it
    key=("doc_id", "source_line", "reason"),
    fks=(DOC_FK,),
    call="rbdata.parse_report(doc_id=None)",
)

_t(
    "quality_findings",
    "Data-quality findings",
    "One row per contradiction or doubtful value found by rbdata.quality.check(), traced to its lines.",
    _c(
        "finding_id",
        "string",
        "Stable id '<doc_id>:<rule>:<n>', n counting from 1 in line order within document and rule.",
        required=True,
    ),
    DOC,
    _c(
        "rule",
        "category:" + "|".join(RULE_NAMES),
        "Rule that found it (see rbdata.quality.RULES).",
        required=True,
    ),
    _c(
        "severity",
        "category:" + "|".join(SEVERITIES),
        "'error': two printed numbers cannot both be right; 'warning': probably wrong or misleading; 'info': worth knowing.",
        required=True,
    ),
    _c(
        "message",
        "string",
        "What is wrong, in plain words, and what a reader citing the value should do.",
        required=True,
    ),
    _c("indicator", "string", "Indicator, action or name concerned, as printed (first occurrence)."),
    _c(
        "values",
        "string",
        "The conflicting values as printed with their tables and lines, e.g. '2024 target: 68,50 (Tabel 2.4 l.377) | 70,5 (Bab V SS1 l.655)'.",
    ),
    _c(
        "source_lines",
        "string",
        "Every line of data/raw/<doc_id>.txt involved, ascending, ';'-joined.",
        required=True,
    ),
    _c(
        "table_ids",
        "string",
        "Tables involved, in line order, ';'-joined; empty where the lines are running text.",
    ),
    key=("finding_id",),
    fks=(DOC_FK,),
    call="rbdata.quality.check(doc_id=None, rules=None)",
)

_t(
    "glossary",
    "Glossary of acronyms and terms",
    "One row per term, in the order of reference/glossary.csv.",
    _c("term", "string", "Acronym or term as the documents print it.", required=True),
    _c("expansion", "string", "Indonesian expansion; NA where the term is not an acronym."),
    _c("english", "string", "English rendering.", required=True),
    # the categories in alphabetical order, as the glossary has always had them
    _c(
        "category",
        "category:acronym|agency|programme|term",
        "Kind of entry: acronym, agency, programme or term.",
        required=True,
    ),
    _c("doc_ids", "string", "Documents the term occurs in, ';'-joined."),
    _c(
        "source",
        "string",
        "Where the expansion comes from: 'DOMAIN.md', or '<doc_id>:<line>' where the document expands it.",
        required=True,
    ),
    key=("term",),
    call="rbdata.load_glossary()",
)


def numpydoc_returns(table: str) -> str:
    """The column list of a loader docstring's 'Returns' block, generated from the contract.

    One bullet per column (name, dtype, whether required, meaning, unit),
    then the primary key and the foreign keys.
    """
    spec = CONTRACT[table]
    lines = []
    for c in spec.columns:
        unit = f" Unit: {c.unit}." if c.unit else ""
        required = ", required" if c.required else ""
        # indented under the return type, as numpydoc's Returns section wants its description
        lines.append(f"        - ``{c.name}`` ({_dtype_doc(c.dtype)}{required}): {c.description}{unit}")
    lines.append("")
    lines.append("        Primary key: " + ", ".join(f"``{c}``" for c in spec.primary_key) + ".")
    if spec.foreign_keys:
        refs = "; ".join(
            f"``{'``, ``'.join(fk.columns)}`` -> ``{fk.table}.{'+'.join(fk.table_columns)}``"
            for fk in spec.foreign_keys
        )
        lines.append(f"        Foreign keys: {refs}.")
    return "\n".join(lines)


def _dtype_doc(dtype: str) -> str:
    if dtype.startswith("category:"):
        return "category: " + ", ".join(f"'{v}'" for v in dtype.split(":", 1)[1].split("|"))
    return {"int": "int64", "float": "float64", "date": "datetime64[ns]"}.get(dtype, dtype)


def table_spec(name: str, df: pd.DataFrame | None = None) -> Table:
    """Contract of table ``name``; for a table the contract does not know,
    a description of ``df``'s columns and dtypes (no meanings, no keys).

    Raises
    ------
    KeyError
        For an unknown table without ``df``.
    """
    if name in CONTRACT:
        return CONTRACT[name]
    if df is None:
        raise KeyError(f"table {name!r} has no contract; declare it in rbdata/contract/schema.py")
    cols = tuple(Column(str(c), _dtype_of(df[c]), "") for c in df.columns)
    return Table(name, name.replace("_", " ").capitalize(), "", cols)


def _dtype_of(s: pd.Series) -> str:
    """Contract dtype name of a pandas column (for tables without a contract)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        return "category:" + "|".join(map(str, s.cat.categories))
    if pd.api.types.is_bool_dtype(s):
        return "bool"
    if pd.api.types.is_integer_dtype(s):
        return "int"
    if pd.api.types.is_float_dtype(s):
        return "float"
    if pd.api.types.is_datetime64_any_dtype(s):
        return "date"
    return "string"
