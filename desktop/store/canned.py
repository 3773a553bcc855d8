"""Canned responses: reusable answers, versioned per key so that a changed wording never rewrites history.

A new wording is a new row (version = last + 1); clients take the newest active version of each key. A
reply keeps the text it was sent with (and names the template it came from in its audit event), so editing
a template never changes what a citizen already received. Retiring a template switches its newest version
off (a new change stamp, so every client drops it from the composer); restoring switches it on again.

Who manages them: a supervisor the templates of their own units and sub-units, an admin every template and
alone the global ones (offered in every unit); officers use them. The installation owner (no acting
officer: ``Store.admin``, the demo) counts as an admin. Each version records who wrote it and when, so the
versions are their own audit trail; retiring and restoring are audited as events.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, insert, or_, select, true, update
from sqlalchemy.exc import IntegrityError

from ..domain.canned import KEY, CannedTemplate, ManageScope, check_template
from ..domain.errors import BadInput, Conflict, NotFound, NotPermitted
from ..domain.text import check_length, clean_body, clean_name
from ..domain.vocabulary import Role
from .identity import Actor, unit_id_by_code
from .schema import canned_response, officer, unit
from .work import Work


def add_canned_response(
    work: Work, key: str, title: str, body: str, unit_code: str | None = None, *, new_key: bool = False
) -> int:
    """Store a new version of the canned response ``key`` (global when ``unit_code`` is None); returns it.

    ``new_key`` refuses a key that exists already (adding is not editing). A key keeps its owner: a
    unit's template cannot become another unit's or a global one by a new version, which would leave the
    old owner's officers with a stale wording.
    """
    key, title, body = _checked_key(key), _checked_title(title), _checked_body(body)
    unit_id = unit_id_by_code(work.conn, unit_code) if unit_code is not None else None
    _require_manager(work, unit_id, unit_code)
    newest = _newest(work.conn, key, lock=True)
    if newest is not None:
        if new_key:
            raise BadInput(f"canned response {key!r} exists already; edit it to change its wording")
        if newest.unit_id != unit_id:
            raise BadInput(f"canned response {key!r} belongs to another unit; choose another key")
    return _add_version(work, key, unit_id, title, body, active=True, after=newest)


def edit_canned_response(work: Work, key: str, title: str | None, body: str) -> int:
    """A new wording for ``key`` (``title`` None keeps the title); returns the new version.

    The versions before it stay as they were, and a retired template stays retired until restored.
    """
    body = _checked_body(body)
    newest = _managed(work, key)
    title = _checked_title(title) if title is not None else newest.title
    if title == newest.title and body == newest.body:
        raise BadInput(f"canned response {key!r} already reads like this; nothing to save")
    return _add_version(work, key, newest.unit_id, title, body, active=newest.active, after=newest)


def set_canned_active(work: Work, key: str, active: bool) -> CannedTemplate:
    """Retire (``active`` False) or restore a template: its newest version switched off or on, stamped as
    a change so that clients see it. Returns the newest version; doing what is done already changes nothing."""
    newest = _managed(work, key)
    if newest.active != active:
        work.conn.execute(
            update(canned_response).where(canned_response.c.id == newest.id).values(active=active, change_seq=work.seq)
        )
        work.audit("canned_restore" if active else "canned_retire", None, key=key, version=newest.version)
    return _versions(work.conn, key)[-1]


def list_canned_responses(
    conn: Connection, actor: Actor | None, include_inactive: bool = False
) -> list[CannedTemplate]:
    """The newest version of every template ``actor`` sees (global ones and their units'; every one for
    an admin or the owner, ``actor`` None), by unit (global first), then title; retired ones only if asked."""
    c = canned_response.c
    newest = select(c.key, func.max(c.version).label("version")).where(_visible(actor)).group_by(c.key).subquery()
    query = _TEMPLATES.join(newest, (newest.c.key == c.key) & (newest.c.version == c.version))
    if not include_inactive:
        query = query.where(c.active.is_(True))
    rows = conn.execute(query.order_by(unit.c.code.is_not(None), unit.c.code, c.title, c.key)).all()
    return [_template(r) for r in rows]


def canned_history(conn: Connection, actor: Actor | None, key: str) -> list[CannedTemplate]:
    """Every version of ``key``, oldest first; NotFound when there is none ``actor`` may see."""
    versions = conn.execute(
        _TEMPLATES.where(canned_response.c.key == key, _visible(actor)).order_by(canned_response.c.version)
    ).all()
    if not versions:
        raise NotFound(f"no canned response {key!r}")
    return [_template(r) for r in versions]


def manage_scope(conn: Connection, actor: Actor | None) -> ManageScope:
    """Where ``actor`` may add and change templates (for the form's choice of unit)."""
    role = Role.ADMIN if actor is None else actor.officer.role
    if role is Role.OFFICER:
        return ManageScope(False, ())
    query = select(unit.c.code, unit.c.name).order_by(unit.c.code)
    if role is not Role.ADMIN:
        assert actor is not None and actor.visible_unit_ids is not None
        query = query.where(unit.c.id.in_(sorted(actor.visible_unit_ids)))
    return ManageScope(role is Role.ADMIN, tuple((r.code, r.name) for r in conn.execute(query)))


# -- helpers -----------------------------------------------------------------------------------------------

_TEMPLATES = (
    select(
        canned_response.c.key,
        canned_response.c.version,
        unit.c.code.label("unit_code"),
        unit.c.name.label("unit_name"),
        canned_response.c.title,
        canned_response.c.body,
        canned_response.c.active,
        officer.c.login.label("author"),
        canned_response.c.created_at,
    )
    .select_from(canned_response)
    .outerjoin(unit, unit.c.id == canned_response.c.unit_id)
    .outerjoin(officer, officer.c.id == canned_response.c.created_by)
)


def _template(row: Any) -> CannedTemplate:
    return CannedTemplate(
        key=row.key,
        version=int(row.version),
        unit_code=row.unit_code,
        unit_name=row.unit_name,
        title=row.title,
        body=row.body,
        active=bool(row.active),
        author=row.author,
        created_at=row.created_at,
    )


def _visible(actor: Actor | None) -> ColumnElement[bool]:
    owner = canned_response.c.unit_id
    if actor is None or actor.visible_unit_ids is None:
        return true()
    return or_(owner.is_(None), owner.in_(sorted(actor.visible_unit_ids)))


def _versions(conn: Connection, key: str) -> list[CannedTemplate]:
    rows = conn.execute(_TEMPLATES.where(canned_response.c.key == key).order_by(canned_response.c.version)).all()
    return [_template(r) for r in rows]


def _checked_key(key: str) -> str:
    if not KEY.fullmatch(check_length("canned key", key)):
        raise BadInput(f"invalid canned response key {key!r}: lower-case letters, digits, '_', '.', '-'")
    return key


def _checked_title(title: str) -> str:
    checked = clean_name("canned title", title)
    if checked is None:
        raise BadInput("a canned response needs a title")
    return checked


def _checked_body(body: str) -> str:
    body = clean_body(body, "canned response")
    check_template(body)  # a variable that does not exist is refused now, not when an officer uses it
    return body


def _require_manager(work: Work, unit_id: int | None, unit_code: str | None) -> None:
    actor = work.actor
    if actor is None or actor.officer.role is Role.ADMIN:
        return  # the installation owner, or an admin
    if actor.officer.role is not Role.SUPERVISOR:
        raise NotPermitted("only supervisors and admins may manage canned responses")
    if unit_id is None:
        raise NotPermitted("only admins may manage global canned responses")
    if not actor.may_see(unit_id):
        raise NotPermitted(f"you may manage the canned responses of your own units only, not of {unit_code!r}")


@dataclass(frozen=True, slots=True)
class _Newest:
    id: int
    version: int
    unit_id: int | None
    title: str
    body: str
    active: bool


def _newest(conn: Connection, key: str, lock: bool = False) -> _Newest | None:
    """The newest version of ``key``. ``lock`` first locks every version, so that two supervisors saving
    the same key at once take turns (a new statement then reads what the other committed)."""
    c = canned_response.c
    if lock:
        conn.execute(select(c.id).where(c.key == key).with_for_update()).all()
    row = conn.execute(
        select(c.id, c.version, c.unit_id, c.title, c.body, c.active)
        .where(c.key == key)
        .order_by(c.version.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return _Newest(int(row.id), int(row.version), row.unit_id, row.title, row.body, bool(row.active))


def _managed(work: Work, key: str) -> _Newest:
    """The newest version of an existing ``key`` that the acting officer may manage (locked)."""
    newest = _newest(work.conn, _checked_key(key), lock=True)
    if newest is None:
        raise NotFound(f"no canned response {key!r}")
    code = None
    if newest.unit_id is not None:
        code = work.conn.execute(select(unit.c.code).where(unit.c.id == newest.unit_id)).scalar()
    _require_manager(work, newest.unit_id, code)
    return newest


def _add_version(
    work: Work, key: str, unit_id: int | None, title: str, body: str, active: bool, after: _Newest | None
) -> int:
    version = after.version + 1 if after is not None else 1
    try:
        work.conn.execute(
            insert(canned_response).values(
                key=key,
                version=version,
                unit_id=unit_id,
                title=title,
                body=body,
                active=active,
                created_by=work.actor.id if work.actor else None,
                change_seq=work.seq,
                created_at=work.now,
            )
        )
    except IntegrityError:  # a new key saved twice at the same moment: nothing to lock beforehand
        raise Conflict(f"canned response {key!r} was saved by someone else at the same moment; try again") from None
    return version
