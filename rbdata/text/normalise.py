"""One way to compare wordings: the normalisers every module uses.

The documents print the same name with different case, spacing, line
breaks, punctuation and HTML fragments ('Bapelit bang', 'B PPKAD',
'Nilai<br>SAKIP'). Two keys cover every comparison rbdata makes:

- :func:`squash`: case and runs of white space ignored, words kept apart
  (labels, English glosses, headings);
- :func:`alnum_key`: only letters and digits kept, case ignored (agency
  aliases, indicator and action wordings, sub-activity names).

:func:`words` gives the lower-case words for rules that drop or rewrite some
of them before joining (``rbdata.quality.indicator_key``).
"""

from __future__ import annotations

import re

__all__ = ["alnum_key", "squash", "words"]

_WORD = re.compile(r"[0-9a-z]+")


def squash(text: object) -> str:
    """``text`` case-folded with runs of white space made one space.

    >>> squash("  Terkait  Langsung\\n")
    'terkait langsung'
    """
    return " ".join(str(text or "").split()).casefold()


def words(text: object) -> list[str]:
    """The case-folded words of ``text`` (runs of letters and digits).

    >>> words("Nilai SAKIP (B)")
    ['nilai', 'sakip', 'b']
    """
    return _WORD.findall(str(text or "").casefold())


def alnum_key(text: object) -> str:
    """Letters and digits of ``text``, case-folded, everything else dropped.

    >>> alnum_key("B PPKAD") == alnum_key("BPPKAD")
    True
    >>> alnum_key("Bapelit bang")
    'bapelitbang'
    """
    return "".join(words(text))
