"""The unit picker: a tree in natural order, searched from the keyboard, parents shown but not chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.ui.unit_picker import UnitPicker
from desktop.views.unit_tree import UnitNode

NODES = [
    UnitNode("setjen", "Sekretariat Jenderal", None),
    UnitNode("kanreg", "Koordinator Kantor Regional", "setjen"),
    UnitNode("humas", "Biro Hubungan Masyarakat", "setjen"),
    *(UnitNode(f"kanreg-{n}", f"Kantor Regional {roman}", "kanreg") for n, roman in
      ((1, "I"), (2, "II"), (9, "IX"), (10, "X"), (11, "XI"))),
]  # fmt: skip
CHOOSABLE = [(n.code, n.name) for n in NODES if n.code.startswith("kanreg-")] + [("humas", "Biro Humas")]


def picker(qtbot: QtBot, current: str = "") -> UnitPicker:
    widget = UnitPicker(placeholder=True)
    qtbot.addWidget(widget)
    widget.set_units(CHOOSABLE, NODES, not_choosable=[current])
    widget.show()
    return widget


def test_units_are_a_tree_in_natural_order_with_parents_for_orientation(qtbot: QtBot) -> None:
    widget = picker(qtbot, current="kanreg-2")
    assert widget.codes_shown() == [
        "setjen", "humas", "kanreg", "kanreg-1", "kanreg-2", "kanreg-9", "kanreg-10", "kanreg-11",
    ]  # fmt: skip
    # Only what may be chosen is offered: not the parents, not the report's own unit.
    assert [widget.itemData(i) for i in range(1, widget.count())] == [
        "humas", "kanreg-1", "kanreg-9", "kanreg-10", "kanreg-11",
    ]  # fmt: skip
    assert widget.currentData() == ""
    assert not widget.set_current_code("setjen") or widget.currentData() == ""


def test_typing_filters_keeps_the_parents_and_the_arrows_choose(qtbot: QtBot) -> None:
    widget = picker(qtbot)
    qtbot.keyClicks(widget.search, "regional x")
    assert widget.codes_shown() == ["setjen", "kanreg", "kanreg-10", "kanreg-11"]
    assert widget.currentData() == "kanreg-10"  # the first that may be chosen
    QTest.keyClick(widget.search, Qt.Key.Key_Down)
    assert widget.currentData() == "kanreg-11"
    widget.search.clear()
    qtbot.keyClicks(widget.search, "humas")  # the code matches as well as the name
    assert widget.codes_shown() == ["setjen", "humas"]
    widget.setCurrentIndex(widget.findData("humas"))
    assert widget.currentData() == "humas"
    widget.search.clear()
    qtbot.keyClicks(widget.search, "tidak ada")
    assert widget.codes_shown() == []


def test_without_the_tree_the_units_are_a_flat_list_in_natural_order(qtbot: QtBot) -> None:
    widget = UnitPicker()
    qtbot.addWidget(widget)
    widget.set_units([("b", "Kantor Regional 10"), ("a", "Kantor Regional 2"), ("c", "Humas")])
    assert [widget.itemData(i) for i in range(widget.count())] == ["c", "a", "b"]
    assert widget.findData("zzz") == -1
