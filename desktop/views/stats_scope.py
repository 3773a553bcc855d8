"""Which units the statistics window offers to narrow its figures to, as the cache knows them: every unit for
an admin, a supervisor's units and the units below them, an officer's own units. Only an offer: the server
narrows every figure to the asker's scope again (``reports/figures.scope_for``) and refuses a unit outside it."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from ..cache import schema as s
from ..cache.database import Cache
from ..cache.officer import me
from ..domain.vocabulary import Role
from ..store.identity import descendants
from .properties import categories_in_use
from .roles import my_role
from .unit_tree import UnitNode, unit_nodes


@dataclass(frozen=True, slots=True)
class StatsUnits:
    role: Role | None
    choosable: list[tuple[str, str]]  # (code, name) of the units the figures may be narrowed to
    nodes: list[UnitNode]  # every unit with its parent, to place them in the picker's tree
    categories: list[str] = field(default_factory=list)  # those of the reports on this computer, to filter by


def stats_units(conn: Connection) -> StatsUnits:
    role = my_role(conn)
    rows = conn.execute(select(s.unit.c.id, s.unit.c.code, s.unit.c.name, s.unit.c.parent_id)).all()
    if role is Role.ADMIN:
        visible = {int(r.id) for r in rows}
    else:
        mine = frozenset(
            int(u)
            for u in conn.execute(select(s.membership.c.unit_id).where(s.membership.c.officer_id == me(conn))).scalars()
        )
        below = descendants([(r.id, r.parent_id) for r in rows], mine) if role is Role.SUPERVISOR else frozenset()
        visible = set(mine | below)
    choosable = sorted((str(r.code), str(r.name)) for r in rows if int(r.id) in visible)
    return StatsUnits(role, choosable, unit_nodes(conn), categories_in_use(conn))


def load_stats_units(cache: Cache) -> StatsUnits:
    with cache.read() as conn:
        return stats_units(conn)
