"""``aduan server`` refuses an over-long field sent straight to its routes, as a forged workstation would send
it: 4xx naming the field, the value not echoed (it may be a citizen's personal data), nothing stored."""

from __future__ import annotations

import uuid
from typing import Any

import requests
from sqlalchemy import Engine, select

from desktop.server import commands
from desktop.store.schema import metadata
from tests.security.refusals import add_admin, refusal
from tests.server.conftest import World
from tests.server.live import call

SECRET = "NikRahasia3171"


def stored(engine: Engine) -> list[tuple[str, list[str]]]:
    """Every row of every table but the sessions (a request notes when its session was last seen)."""
    with engine.connect() as conn:
        return [
            (name, sorted(map(repr, conn.execute(select(table)).all())))
            for name, table in sorted(metadata.tables.items())
            if name != "officer_session"
        ]


def long(limit: int) -> str:
    return (SECRET * (limit // len(SECRET) + 2))[: limit + 1]


def create(**payload: Any) -> dict[str, Any]:
    return {
        "kind": "create",
        "op_id": str(uuid.uuid4()),
        "ticket_id": str(uuid.uuid4()),
        "payload": {
            "unit": "humas",
            "kind": "pengaduan",
            "channel": "phone",
            "subject": "Banjir",
            "body": "Banjir lagi",
            **payload,
        },
    }


def discuss(title: str) -> dict[str, Any]:
    return {
        "kind": "discuss",
        "op_id": str(uuid.uuid4()),
        "payload": {
            "discussion_id": str(uuid.uuid4()),
            "post_id": str(uuid.uuid4()),
            "unit": "humas",
            "title": title,
            "body": "Mari dibahas.",
        },
    }


def refused_by_name(answer: requests.Response, field: str) -> str | None:
    """None when the answer is the documented refusal naming ``field``; else what is wrong."""
    status, code = refusal(answer)
    if status != 422 or code != "bad_input":
        return f"{status} {code}: {answer.text[:300]}"
    if field not in answer.json()["message"]:
        return f"the field {field!r} is not named: {answer.text[:300]}"
    if SECRET in answer.text:
        return "the value is echoed"
    return None


def test_over_long_fields_are_refused_before_anything_is_stored(world: World) -> None:
    add_admin(world)
    ani, adi = world.server.sign_in("ani"), world.server.sign_in("adi")
    before = stored(world.owner.engine)
    attempts: list[tuple[str, requests.Response, str]] = [
        (
            f"create with a long {field}",
            call(world.server, "POST", "/v1/ops", ani, json=create(**{field: long(limit)})),
            field,
        )
        for field, limit in (("reporter_name", 200), ("reporter_contact", 320), ("category", 100), ("subject", 300))
    ]
    attempts += [
        (
            "create with a priority of 99",
            call(world.server, "POST", "/v1/ops", ani, json=create(priority=99)),
            "priority",
        ),
        ("a thread with a long title", call(world.server, "POST", "/v1/ops", ani, json=discuss(long(300))), "title"),
    ]
    for name, body, field in (
        ("unit add", {"code": "palsu", "name": long(200)}, "name"),
        ("officer add", {"login": "penyusup", "name": long(200), "units": ["humas"]}, "name"),
        ("canned add", {"key": "palsu", "title": long(300), "text": "Teks.", "unit": "humas"}, "title"),
        ("channel add", {"channel": "telegram", "name": long(200), "unit": "humas"}, "name"),
    ):
        attempts.append((name, call(world.server, "POST", commands.COMMANDS[name].path, adi, json=body), field))
    problems = [f"{what}: {wrong}" for what, answer, field in attempts if (wrong := refused_by_name(answer, field))]
    assert not problems, "\n".join(problems)
    assert stored(world.owner.engine) == before, "a refused request changed the database"
