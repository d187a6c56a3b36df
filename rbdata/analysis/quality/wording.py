"""Keys under which two printings of an indicator, action or unit count as one.

Built on the wording keys of :mod:`rbdata.text.normalise`; what is particular
to the road maps' indicators (HTML fragments, acronym glosses in brackets,
spelling variants, leading 'Nilai' / 'Indeks' / 'Tingkat', the curated
synonyms) and to action texts (their numbering) is added here.
"""

from __future__ import annotations

import functools
import re

import pandas as pd

from rbdata.reference import read_reference
from rbdata.text.normalise import alnum_key, words

__all__ = ["indicator_key", "indicator_words", "plain_key", "unit_class", "action_key"]

_TAG = re.compile(r"<[^>]+>")
# '(Sumber: KPK)' and acronym glosses '(IPP)', '(IKM Kabupaten)', '(SAKIP)'
# repeat what the words say; qualifiers such as '(komulatif)' or
# '(Rp.000/ tahun)' change the meaning and stay.
_GLOSS = re.compile(r"\(\s*(?:Sumber\s*:[^()]*|[A-Z][A-Z0-9]+\b[^()]*)\)")
# Words that open an indicator name without changing what it measures:
# 'Nilai SAKIP' = 'SAKIP', 'Tingkat Maturitas SPIP' = 'Maturitas SPIP'.
_PREFIXES = ("nilai", "indeks", "tingkat")
# Both spellings of each are printed; replaced inside longer words too.
_SPELLING = (("survey", "survei"), ("presentase", "persentase"))
# '1. ', 'b) ' opening an action text
_NUMBERING = re.compile(r"^\s*(?:\d+|[a-z])\s*[.)]\s*", re.I)


def indicator_words(text: str) -> list[str]:
    """Words of an indicator wording without HTML fragments and glosses, one
    spelling for each word printed two ways.

    >>> indicator_words("Nilai Survey Kepuasan<br>Masyarakat (IKM Kabupaten)")
    ['nilai', 'survei', 'kepuasan', 'masyarakat']
    """
    out = []
    for word in words(_GLOSS.sub(" ", _TAG.sub(" ", str(text)))):
        for printed, canonical in _SPELLING:
            word = word.replace(printed, canonical)
        out.append(word)
    return out


def plain_key(text: str) -> str:
    """:func:`indicator_words` joined, without a leading 'Nilai', 'Indeks' or
    'Tingkat' (the last word always stays)."""
    key_words = indicator_words(text)
    while len(key_words) > 1 and key_words[0] in _PREFIXES:
        key_words = key_words[1:]
    return "".join(key_words)


@functools.cache
def _aliases(doc_id: str) -> dict[str, str]:
    out = {}
    for r in read_reference("indicator_aliases"):
        if r["doc_id"] == doc_id:
            out[plain_key(r["alias"])] = plain_key(r["canonical"])
    return out


def indicator_key(text: str, doc_id: str | None = None) -> str:
    """Key under which two wordings of an indicator count as the same.

    Case, spaces and punctuation are ignored; HTML fragments, ``(Sumber:
    ...)`` and acronym glosses in brackets (``(IPP)``, ``(IKM Kabupaten)``)
    are dropped; ``Survey`` is read as ``Survei`` and ``Presentase`` as
    ``Persentase``; leading ``Nilai`` / ``Indeks`` / ``Tingkat`` are dropped.
    With ``doc_id``, the synonyms of ``reference/indicator_aliases.csv`` for
    that document map to their canonical wording.

    Parameters
    ----------
    text : str
        Indicator as printed.
    doc_id : {None, 'blora-2020', 'batang-2023'}, default None
        Document whose curated synonyms apply; None applies none.

    Returns
    -------
    str
        Lower-case letters and digits.

    Examples
    --------
    >>> indicator_key("Nilai Survei Kepuasan Masyarakat (IKM Kabupaten)")
    'surveikepuasanmasyarakat'
    >>> indicator_key("Survey Kepuasan Masyarakat")
    'surveikepuasanmasyarakat'
    >>> indicator_key("Tingkat maturitas SPIP") == indicator_key("Nilai Maturitas SPIP")
    True
    """
    key = plain_key(text)
    if doc_id is not None:
        key = _aliases(doc_id).get(key, key)
    return key


def unit_class(unit) -> str | None:
    """Unit reduced to what decides comparability; None where none is printed.

    >>> unit_class("Persen"), unit_class("Level"), unit_class("Desa / kelurahan")
    ('%', 'score', 'desakelurahan')
    """
    if unit is None or pd.isna(unit) or not str(unit).strip():
        return None
    u = str(unit)
    key = alnum_key(u)
    if "%" in u or key in ("persen", "persentase"):
        return "%"
    if key in ("nilai", "level", "skor", "indeks"):
        return "score"
    return key


def action_key(text) -> str:
    """Key of an action text: its numbering dropped, then as
    :func:`rbdata.text.normalise.alnum_key`; '' for a missing text.

    >>> action_key("b. Monitoring, evaluasi dan pelaporan")
    'monitoringevaluasidanpelaporan'
    """
    if text is None or pd.isna(text):
        return ""
    return alnum_key(_NUMBERING.sub("", str(text)))
