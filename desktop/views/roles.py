"""What the signed-in officer's role lets the window offer, as the cache knows it.

These only decide which menu entries are shown; the central store decides again on every change.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from ..cache import schema as s
from ..cache.database import Cache
from ..cache.officer import me
from ..domain.vocabulary import Role
from .canned import manages_canned


def my_role(conn: Connection) -> Role | None:
    role = conn.execute(select(s.officer.c.role).where(s.officer.c.id == me(conn))).scalar()
    return None if role is None else Role(role)


def is_admin(conn: Connection) -> bool:
    return my_role(conn) is Role.ADMIN


def watches_channels(conn: Connection) -> bool:
    """Admins see every channel account; supervisors see their units' (read only)."""
    return my_role(conn) in (Role.SUPERVISOR, Role.ADMIN)


@dataclass(frozen=True, slots=True)
class RoleMenus:
    """Which of the window's role-bound menu entries to show."""

    manages_canned: bool
    watches_channels: bool
    admin: bool


def load_role_menus(cache: Cache) -> RoleMenus:
    with cache.read() as conn:
        return RoleMenus(manages_canned(conn), watches_channels(conn), is_admin(conn))


def load_my_role(cache: Cache) -> Role | None:
    with cache.read() as conn:
        return my_role(conn)
