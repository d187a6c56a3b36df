"""rbdata: Indonesian bureaucratic-reform road maps as tidy pandas tables.

Two regency regulations are the sources: Blora's road map 2020-2021 (the
eight areas of change) and Batang's road map 2020-2024 as amended in 2023
(the General / Tematik double track). Every row carries ``doc_id`` and
``source_line`` so that each value can be traced to its line in
``data/raw/<doc_id>.txt``.

The package is laid out as its pipeline: ``rbdata.sources`` reads each
document, ``rbdata.contract`` declares and checks every table,
``rbdata.loaders`` hands the tables out, ``rbdata.analysis`` compares and
checks them, ``rbdata.export`` writes CSV, Excel and the data package. The
analysis modules are reachable as ``rbdata.compare``, ``rbdata.scoring``,
``rbdata.quality`` and ``rbdata.monitoring``; they are imported on first
use, so ``import rbdata`` stays light.

>>> import rbdata
>>> rbdata.load_documents()["doc_id"].tolist()
['blora-2020', 'batang-2023']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from rbdata._errors import ParseError
from rbdata._version import __version__ as __version__
from rbdata.contract import DOC_IDS, ContractError
from rbdata.loaders import (
    clear_cache,
    load_action_budgets,
    load_action_targets,
    load_actions,
    load_agencies,
    load_areas,
    load_budget_lines,
    load_concepts,
    load_documents,
    load_indicator_crosswalk,
    load_national_frame,
    load_source_tables,
    load_statements,
    load_targets,
    load_teams,
    load_theme_scores,
    parse_report,
    raw_line,
    statement_exclusions,
)
from rbdata.sources import parse

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from rbdata.analysis import compare, monitoring, quality, scoring
    from rbdata.analysis.compare import load_glossary
    from rbdata.analysis.display import show_table

__all__ = [
    "DOC_IDS",
    "ContractError",
    "ParseError",
    "clear_cache",
    "compare",
    "load_action_budgets",
    "load_action_targets",
    "load_actions",
    "load_agencies",
    "load_areas",
    "load_budget_lines",
    "load_concepts",
    "load_documents",
    "load_glossary",
    "load_indicator_crosswalk",
    "load_national_frame",
    "load_source_tables",
    "load_statements",
    "load_targets",
    "load_teams",
    "load_theme_scores",
    "monitoring",
    "parse",
    "parse_report",
    "quality",
    "raw_line",
    "scoring",
    "show_table",
    "statement_exclusions",
]

# Public names served on first use (PEP 562): the analysis modules pull in
# matplotlib-free but sizeable code (and openpyxl when they write workbooks).
_LAZY_MODULES = {
    "compare": "rbdata.analysis.compare",
    "monitoring": "rbdata.analysis.monitoring",
    "quality": "rbdata.analysis.quality",
    "scoring": "rbdata.analysis.scoring",
}
_LAZY_NAMES = {"load_glossary": "rbdata.analysis.compare", "show_table": "rbdata.analysis.display"}


def __getattr__(name: str) -> Any:
    if name in _LAZY_MODULES:
        module = importlib.import_module(_LAZY_MODULES[name])
        globals()[name] = module
        return module
    if name in _LAZY_NAMES:
        value = getattr(importlib.import_module(_LAZY_NAMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'rbdata' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
