"""Units in natural order, sub-units under their parent."""

from __future__ import annotations

from desktop.views.unit_tree import UnitNode, natural_key, tree_order


def test_numbers_and_roman_numerals_sort_as_numbers() -> None:
    names = ["Kantor Regional 10", "Kantor Regional 2", "Kantor Regional 1"]
    assert sorted(names, key=natural_key) == ["Kantor Regional 1", "Kantor Regional 2", "Kantor Regional 10"]
    romans = [f"Kantor Regional {n} {seat}" for n, seat in (("X", "Denpasar"), ("IX", "Jayapura"), ("I", "Yogya"),
              ("II", "Surabaya"), ("XIV", "Manokwari"), ("IV", "Makassar"))]  # fmt: skip
    assert [n.split()[2] for n in sorted(romans, key=natural_key)] == ["I", "II", "IV", "IX", "X", "XIV"]
    assert sorted(["biro B", "Biro a", "Inspektorat"], key=natural_key) == ["Biro a", "biro B", "Inspektorat"]
    assert natural_key("Dinas Ikan") == natural_key("dinas ikan")  # "I" inside a word is not a numeral


def test_sub_units_come_under_their_parent_in_natural_order() -> None:
    nodes = [
        UnitNode("kanreg-10", "Kantor Regional X Denpasar", "kanreg"),
        UnitNode("humas", "Biro Hubungan Masyarakat", "setjen"),
        UnitNode("kanreg-2", "Kantor Regional II Surabaya", "kanreg"),
        UnitNode("inspektorat", "Inspektorat", None),
        UnitNode("kanreg", "Koordinator Kantor Regional", "setjen"),
        UnitNode("setjen", "Sekretariat Jenderal", None),
        UnitNode("lost", "Unit Tanpa Induk", "gone"),  # its parent is unknown here: shown at the top
    ]
    placed = [(p.depth, p.node.code) for p in tree_order(nodes)]
    assert placed == [
        (0, "inspektorat"),
        (0, "setjen"),
        (1, "humas"),
        (1, "kanreg"),
        (2, "kanreg-2"),
        (2, "kanreg-10"),
        (0, "lost"),
    ]


def test_a_cycle_in_the_data_does_not_hang() -> None:
    nodes = [UnitNode("a", "A", "b"), UnitNode("b", "B", "a"), UnitNode("c", "C", "c")]
    assert [(p.depth, p.node.code) for p in tree_order(nodes)] == [(0, "c"), (0, "a"), (1, "b")]  # none is lost
