"""The number and label rules of rbdata.text.numbers, on cells from the documents."""

import math

import pytest

from rbdata.text.numbers import parse_amounts, parse_cell, parse_number


@pytest.mark.parametrize(
    "text, value",
    [
        ("100", 100.0),  # plain integer (everywhere)
        ("6,06", 6.06),  # decimal comma (blora-2020:698)
        ("0,09", 0.09),  # blora-2020:665
        ("45.000", 45000.0),  # single dot + 3 digits = thousands (blora-2020:649)
        ("7.712.522.904", 7712522904.0),  # dot thousands (batang-2023:808)
        ("250,502,500", 250502500.0),  # comma thousands, English style (batang-2023:752)
        ("666,789,100", 666789100.0),  # batang-2023:772
        ("2.2", 2.2),  # decimal dot: one digit after the dot (blora-2020:666)
        ("85%", 85.0),  # percent sign (blora-2020:592)
        ("100 %", 100.0),  # percent with a space (blora-2020:592)
        ("57,6%", 57.6),  # blora-2020:691
        ("96,40%", 96.4),  # batang-2023:772
        ("1001", 1001.0),  # blora-2020:878, printed as is
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["abc", "1.2.3", "1,2,3", "12.3456", ""])
def test_parse_number_rejects(text):
    with pytest.raises(ValueError, match="not a number"):
        parse_number(text)


@pytest.mark.parametrize(
    "text, value, label, year",
    [
        ("WTP", None, "WTP", None),  # blora-2020:572
        ("B", None, "B", None),  # SAKIP grade, blora-2020:594
        ("Paripurna", None, "Paripurna", None),  # blora-2020:722
        ("Level 3", 3.0, "Level", None),  # blora-2020:699
        ("80 (Memuaskan)", 80.0, "Memuaskan", None),  # batang-2023:388
        ("80(Memuaskan)", 80.0, "Memuaskan", None),  # batang-2023:388
        ("60,09 (Baik)", 60.09, "Baik", None),  # batang-2023:388
        ("61,6 (2022)", 61.6, None, "2022"),  # the cell names its own year, batang-2023:359
        ("2 kegiatan", 2.0, "kegiatan", None),  # blora-2020:850
        ("-", None, None, None),
        ("", None, None, None),
    ],
)
def test_parse_cell_labels(text, value, label, year):
    c = parse_cell(text)
    assert c.ok
    assert math.isnan(c.value) if value is None else c.value == value
    assert c.label == label
    assert c.year == year
    assert c.text == text


def test_prefixed_cell_keeps_prefix():
    c = parse_cell("Persentase Penduduk Miskin: 9,68")  # batang-2023:348
    assert c.value == 9.68 and c.prefix == "Persentase Penduduk Miskin"


def test_labelled_amounts_are_summed():
    # batang-2023:758 and 768
    c = parse_amounts("117.592.200 (Analisis Data) 32.500.000 (Peng. Infrast) 67.500.000 (Peng. SDM)")
    assert c.value == 117592200 + 32500000 + 67500000
    assert [p[0] for p in c.parts] == ["Analisis Data", "Peng. Infrast", "Peng. SDM"]
    assert parse_amounts("109.387.600 (Koordinasi) 163.589.750 (Pembinaan)").value == 272977350
    # batang-2023:826: numbered labelled counts
    c = parse_cell("1. PP: 115, 2. PKB: 12, 3. Tripartit : 1, 4. Bipartit: 53, 5. APINDO : 34, 6. SP/SB: 38")
    assert c.value == 115 + 12 + 1 + 53 + 34 + 38 and c.label == "sum of parts"


@pytest.mark.parametrize("text", ["Dokumen", "tinggi sekali", "analisis data dan informasi"])
def test_text_is_not_a_value(text):
    assert not parse_cell(text).ok
