"""Analyses built on the tables: comparison of the two road maps
(``compare``), Batang's theme-selection scoring (``scoring``), data-quality
rules (``quality``) and monitoring workbooks (``monitoring``).

Each is reachable from the top package as ``rbdata.compare``,
``rbdata.scoring``, ``rbdata.quality`` and ``rbdata.monitoring``.
"""
