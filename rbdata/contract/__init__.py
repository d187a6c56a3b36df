"""The contract of every table rbdata hands out, and its checks.

:mod:`rbdata.contract.schema` declares each table once (columns, dtypes,
units, meanings, vocabularies, required columns, primary and foreign keys);
:mod:`rbdata.contract.validate` converts a frame to its contract and checks
it (:func:`conform`, :func:`check_table`, :func:`check_foreign_keys`), raising
:class:`ContractError`.
"""

from rbdata.contract.schema import CONTRACT, DOC_IDS, RULE_NAMES, SEVERITIES, TABLES, table_spec
from rbdata.contract.validate import (
    ContractError,
    check_foreign_keys,
    check_primary_key,
    check_table,
    conform,
)

__all__ = [
    "CONTRACT",
    "DOC_IDS",
    "RULE_NAMES",
    "SEVERITIES",
    "TABLES",
    "ContractError",
    "check_foreign_keys",
    "check_primary_key",
    "check_table",
    "conform",
    "table_spec",
]
