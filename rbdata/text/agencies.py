"""Agency names: every spelling in the documents mapped to one canonical name.

The alias table is ``reference/agencies.csv`` (curated from both documents;
see ``reference/README.md``). Matching ignores case, spaces and punctuation,
so PDF line-break splits such as ``Bapelit bang`` or ``Disna ker`` resolve
like ``Bapelitbang`` and ``Disnaker``. A cell naming several units
(``Inspektorat/ BPPKAD``, ``Bapelitbang Diskominfo``, ``Bagian Organisasi dan
BKD``) is read greedily, longest alias first, so every unit in it is found.
"""

from __future__ import annotations

import functools
import re

from rbdata.reference import read_reference
from rbdata.text.normalise import alnum_key, words

__all__ = ["resolve_agencies", "alias_spellings", "alias_table"]

# the printed words of a cell, kept as printed for what stays unresolved
_WORD = re.compile(r"[0-9A-Za-z]+")
# Words that join unit names in a cell without being part of one.
_CONNECTORS = {"dan", "serta"}


@functools.cache
def alias_table() -> dict[str, tuple[tuple[str, str], ...]]:
    """Alias key (:func:`rbdata.text.normalise.alnum_key`) -> every (canonical
    agency name, alias as listed) with that key ('B PPKAD' and 'BPPKAD' share
    one key; the printed words decide)."""
    out: dict[str, list] = {}
    for r in read_reference("agencies"):
        for key in (alnum_key(r["alias"]), alnum_key(r["agency"])):
            entry = (r["agency"], r["alias"])
            if entry not in out.setdefault(key, []):
                out[key].append(entry)
    return {k: tuple(v) for k, v in out.items()}


@functools.cache
def _longest_key() -> int:
    """Length of the longest alias key: no longer run of words can match."""
    return max((len(k) for k in alias_table()), default=0)


def _pick(entries: tuple[tuple[str, str], ...], folded_words: list[str]) -> tuple[str, str]:
    """The alias spelled with exactly the printed words (case ignored), else
    the first."""
    for agency, alias in entries:
        if words(alias) == folded_words:
            return agency, alias
    return entries[0]


def alias_spellings(text: str | None) -> list[str]:
    """Aliases of the reference table that ``text`` uses, in order."""
    return list(_scan(text)[2])


def resolve_agencies(text: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return (canonical agencies found, words left unresolved) for a cell.

    >>> resolve_agencies("Inspektorat/B PPKAD")[0]
    ('Inspektorat', 'BPPKAD')
    """
    found, left, _ = _scan(text)
    return found, left


@functools.lru_cache(maxsize=4096)
def _scan(text: str | None) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    if not text:
        return (), (), ()
    table = alias_table()
    longest = _longest_key()
    printed = _WORD.findall(text)
    # each printed word as a key: the key of a run of words is their keys joined
    folded = [alnum_key(w) for w in printed]
    found: list[str] = []
    left: list[str] = []
    used: list[str] = []
    i = 0
    while i < len(printed):
        match: tuple[int, tuple[str, str]] | None = None
        # try the longest run of words whose joined form is an alias
        for j in range(len(printed), i, -1):
            key = "".join(folded[i:j])
            if len(key) > longest:
                continue
            if key in table:
                match = (j, _pick(table[key], folded[i:j]))
                break
        if match:
            j, (name, alias) = match
            if name not in found:
                found.append(name)
            used.append(alias)
            i = j
        else:
            if folded[i] not in _CONNECTORS:
                left.append(printed[i])
            i += 1
    return tuple(found), tuple(left), tuple(used)
