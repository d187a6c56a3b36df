"""rbdata: Indonesian bureaucratic-reform road maps as tidy pandas tables.

Two regency regulations are the sources: Blora's road map 2020-2021 (the
eight areas of change) and Batang's road map 2020-2024 as amended in 2023
(the General / Tematik double track). Every row carries ``doc_id`` and
``source_line`` so that each value can be traced to its line in
``data/raw/<doc_id>.txt``.

>>> import rbdata
>>> rbdata.load_documents()["doc_id"].tolist()
['blora-2020', 'batang-2023']
"""

from ._errors import ParseError
from ._load import (
    clear_cache,
    load_action_targets,
    load_actions,
    load_agencies,
    load_areas,
    load_documents,
    load_indicator_crosswalk,
    load_statements,
    load_targets,
    load_teams,
    load_theme_scores,
    parse_report,
    raw_line,
)
from ._parse import parse
from .compare import load_glossary
from ._schema import DOC_IDS

__version__ = "0.1.0"

__all__ = [
    "DOC_IDS",
    "ParseError",
    "clear_cache",
    "load_action_targets",
    "load_actions",
    "load_agencies",
    "load_areas",
    "load_documents",
    "load_glossary",
    "load_indicator_crosswalk",
    "load_statements",
    "load_targets",
    "load_teams",
    "load_theme_scores",
    "parse",
    "parse_report",
    "raw_line",
]
