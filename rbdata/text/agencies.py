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

__all__ = ["resolve_agencies", "alias_spellings", "alias_table"]

_WORD = re.compile(r"[0-9A-Za-z]+")
# Words that join unit names in a cell without being part of one.
_CONNECTORS = {"dan", "serta"}


def _norm(words) -> str:
    return "".join(w.lower() for w in words)


@functools.cache
def alias_table() -> dict[str, tuple[tuple[str, str], ...]]:
    """Normalised alias -> every (canonical agency name, alias as listed) with
    that key ('B PPKAD' and 'BPPKAD' share one key; the printed words decide)."""
    out: dict[str, list] = {}
    for r in read_reference("agencies"):
        for key in (_norm(_WORD.findall(r["alias"])), _norm(_WORD.findall(r["agency"]))):
            entry = (r["agency"], r["alias"])
            if entry not in out.setdefault(key, []):
                out[key].append(entry)
    return {k: tuple(v) for k, v in out.items()}


def _pick(entries, printed_words):
    """The alias spelled with exactly the printed words, else the first."""
    for agency, alias in entries:
        if [w.lower() for w in _WORD.findall(alias)] == [w.lower() for w in printed_words]:
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
def _scan(text):
    if not text:
        return (), (), ()
    table = alias_table()
    longest = max((len(k) for k in table), default=0)
    words = _WORD.findall(text)
    found: list[str] = []
    left: list[str] = []
    used: list[str] = []
    i = 0
    while i < len(words):
        match = None
        # try the longest run of words whose joined form is an alias
        for j in range(len(words), i, -1):
            key = _norm(words[i:j])
            if len(key) > longest:
                continue
            if key in table:
                match = (j, _pick(table[key], words[i:j]))
                break
        if match:
            j, (name, alias) = match
            if name not in found:
                found.append(name)
            used.append(alias)
            i = j
        else:
            if words[i].lower() not in _CONNECTORS:
                left.append(words[i])
            i += 1
    return tuple(found), tuple(left), tuple(used)
