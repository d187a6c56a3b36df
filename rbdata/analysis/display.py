"""Tables for reading: a DataFrame shown as a formatted HTML table in Jupyter.

pandas' :class:`~pandas.io.formats.style.Styler` formats a table well, but
two of its defaults do not suit notebooks whose outputs are committed and
compared on every run (nbval): its HTML ids are random, and its plain-text
form is an object address. :func:`show_table` returns a small wrapper whose
HTML comes from a Styler with ids derived from the table's content, and
whose plain text is the DataFrame's own text, so that a re-run writes the
same outputs and a viewer without HTML still sees the values.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

__all__ = ["Table", "show_table"]

#: Shown for a missing value.
MISSING = "–"


class Table:
    """A DataFrame and the Styler that shows it (returned by :func:`show_table`).

    Attributes
    ----------
    data : pandas.DataFrame
        The values shown.
    styler : pandas.io.formats.style.Styler
        The formatting; chain further Styler methods on it if needed.
    """

    def __init__(self, data: pd.DataFrame, styler: Styler) -> None:
        self.data = data
        self.styler = styler

    def _repr_html_(self) -> str:
        return self.styler.to_html()

    def __repr__(self) -> str:
        return repr(self.data)


def _stable_id(df: pd.DataFrame, caption: str | None) -> str:
    """An HTML id that depends only on the table's content, so a re-run writes the same HTML."""
    digest = hashlib.sha1(f"{caption}\n{df.to_csv()}".encode()).hexdigest()
    return f"t{digest[:10]}"


def show_table(df: pd.DataFrame, index: bool = False, caption: str | None = None, **formats: Any) -> Table:
    """A DataFrame as a table for reading: text left-aligned, numbers formatted, the index only where it names the rows.

    Parameters
    ----------
    df : pandas.DataFrame
        The table.
    index : bool, default False
        Show the index (set it when the index names the rows, e.g. after a
        ``groupby`` or ``pivot``).
    caption : str, optional
        Caption above the table.
    **formats
        Passed to :meth:`pandas.io.formats.style.Styler.format` (``formatter``,
        ``precision``, ``thousands``, ``subset``, ``na_rep``, ...); a missing
        value shows as ``'–'`` unless ``na_rep`` says otherwise.

    Returns
    -------
    Table
        Shown as HTML in Jupyter and as the DataFrame's text elsewhere;
        ``.data`` and ``.styler`` give the DataFrame and the Styler.

    Examples
    --------
    >>> import pandas as pd
    >>> t = show_table(pd.DataFrame({"agency": ["BKD"], "budget_idr": [3244613010.0]}),
    ...                formatter={"budget_idr": "{:,.0f}"})
    >>> "3,244,613,010" in t._repr_html_()
    True
    >>> print(t)
      agency    budget_idr
    0    BKD  3.244613e+09
    """
    text = [j for j, dtype in enumerate(df.dtypes) if not pd.api.types.is_numeric_dtype(dtype)]
    styles = [{"selector": f"td.col{j}, th.col_heading.col{j}", "props": "text-align: left"} for j in text]
    styles.append({"selector": "th.row_heading", "props": "text-align: left"})
    formats.setdefault("na_rep", MISSING)
    styler = df.style.set_uuid(_stable_id(df, caption)).set_table_styles(styles).format(**formats)
    if caption:
        styler = styler.set_caption(caption)
    if not index:
        styler = styler.hide(axis="index")
    return Table(df, styler)
