"""Units as people read them: in natural order ("Kantor Regional 2" before "Kantor Regional 10", "… II"
before "… X"), each sub-unit under its parent. Read from the cache; the unit picker (``ui/unit_picker.py``)
shows it as a searchable tree."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, select

from ..cache import schema as s
from ..cache.database import Cache

_PARTS = re.compile(r"(\d+)")
# A Roman numeral standing alone as a word (the regional offices' "Kantor Regional XIV"): counted as its number.
_ROMAN_WORD = re.compile(r"\b(?=[MDCLXVI]+\b)(M{0,3})(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})\b")
_ROMAN = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def _roman_value(numeral: str) -> int:
    total = 0
    for letter, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN[letter]
        total += -value if following and _ROMAN[following] > value else value
    return total


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key: case-insensitive text, with runs of digits and standalone Roman numerals compared as numbers."""
    arabic = _ROMAN_WORD.sub(lambda m: str(_roman_value(m.group(0))) if m.group(0) else "", text)
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold()) for part in _PARTS.split(arabic) if part != ""
    )


@dataclass(frozen=True, slots=True)
class UnitNode:
    code: str
    name: str
    parent_code: str | None


@dataclass(frozen=True, slots=True)
class PlacedUnit:
    node: UnitNode
    depth: int  # 0 at the top of the tree


def tree_order(nodes: Iterable[UnitNode]) -> list[PlacedUnit]:
    """Depth first, siblings in natural order of their names; a unit whose parent is unknown is a root."""
    known = {n.code: n for n in nodes}
    children: dict[str | None, list[UnitNode]] = {}
    for node in known.values():
        parent = node.parent_code if node.parent_code in known and node.parent_code != node.code else None
        children.setdefault(parent, []).append(node)
    placed: list[PlacedUnit] = []
    seen: set[str] = set()

    def walk(parent: str | None, depth: int) -> None:
        for node in sorted(children.get(parent, []), key=lambda n: (natural_key(n.name), n.code)):
            if node.code not in seen:  # a cycle in bad data is cut, not followed forever
                seen.add(node.code)
                placed.append(PlacedUnit(node, depth))
                walk(node.code, depth + 1)

    walk(None, 0)
    for node in sorted(known.values(), key=lambda n: (natural_key(n.name), n.code)):
        if node.code not in seen:  # caught in a cycle of bad data: shown from where the cycle is cut
            seen.add(node.code)
            placed.append(PlacedUnit(node, 0))
            walk(node.code, 1)
    return placed


def unit_nodes(conn: Connection) -> list[UnitNode]:
    u, parent = s.unit, s.unit.alias("parent")
    rows = conn.execute(
        select(u.c.code, u.c.name, parent.c.code.label("parent")).outerjoin(parent, parent.c.id == u.c.parent_id)
    )
    return [UnitNode(r.code, r.name, r.parent) for r in rows]


def load_unit_nodes(cache: Cache) -> list[UnitNode]:
    with cache.read() as conn:
        return unit_nodes(conn)


def parents_of(nodes: Iterable[UnitNode]) -> Mapping[str, str | None]:
    return {n.code: n.parent_code for n in nodes}
