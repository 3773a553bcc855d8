"""Team discussion: threads per unit, posts with @mentions, optionally about one ticket.

Any officer who may see a unit may start a thread in it and post there (supervisors: their units and
sub-units; admins: every unit). Ids are made by the client, so a queued thread can be posted to before it
reached the server; the op ledger (``apply.py``) makes a pushed operation apply once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import insert, select

from ..domain.errors import BadInput, NotFound, NotPermitted
from ..domain.text import clean_body, clean_subject, mentioned_logins
from .claims import read_ticket
from .handling import record_mentions
from .identity import unit_id_by_code
from .schema import discussion, discussion_post
from .work import Work


@dataclass(frozen=True, slots=True)
class Post:
    id: UUID
    discussion_id: UUID
    author: str
    body: str
    mentions: tuple[str, ...]  # logins of the officers mentioned
    created_at: datetime


def start_discussion(
    work: Work,
    discussion_id: UUID,
    unit_code: str,
    title: str,
    first_post_body: str,
    post_id: UUID,
    ticket_id: UUID | None = None,
) -> Post:
    """A new thread in ``unit_code`` with its first post; ``ticket_id`` links a ticket the officer may see."""
    assert work.actor is not None
    clean_title = clean_subject(title, "discussion title")
    body = clean_body(first_post_body, "post")
    unit_id = unit_id_by_code(work.conn, unit_code)
    if not work.actor.may_see(unit_id):
        raise NotPermitted(f"you may not start a thread in unit {unit_code!r}")
    if ticket_id is not None:
        read_ticket(work, ticket_id)  # NotFound when the officer may not see it
    if work.conn.execute(select(discussion.c.id).where(discussion.c.id == discussion_id)).first() is not None:
        raise BadInput(f"a thread with id {discussion_id} already exists")
    work.conn.execute(
        insert(discussion).values(
            id=discussion_id,
            unit_id=unit_id,
            title=clean_title,
            ticket_id=ticket_id,
            created_by=work.actor.id,
            change_seq=work.seq,
            created_at=work.now,
        )
    )
    post = _insert_post(work, post_id, discussion_id, body)
    # Audited on the linked ticket, so its history shows that the team talked about it.
    work.audit(
        "discuss", ticket_id, discussion_id=discussion_id, unit=unit_code, post_id=post_id, mentions=list(post.mentions)
    )
    return post


def post(work: Work, post_id: UUID, discussion_id: UUID, body: str) -> Post:
    """A post in a thread of a unit the officer may see."""
    assert work.actor is not None
    text = clean_body(body, "post")
    thread = work.conn.execute(select(discussion.c.unit_id).where(discussion.c.id == discussion_id)).first()
    if thread is None or not work.actor.may_see(thread.unit_id):
        raise NotFound(f"no thread {discussion_id} that you may see")
    made = _insert_post(work, post_id, discussion_id, text)
    work.audit("post", None, discussion_id=discussion_id, post_id=post_id, mentions=list(made.mentions))
    return made


def _insert_post(work: Work, post_id: UUID, discussion_id: UUID, body: str) -> Post:
    assert work.actor is not None
    # A reused id would fail on the primary key and stop the sender's outbox; refuse it clearly instead.
    if work.conn.execute(select(discussion_post.c.id).where(discussion_post.c.id == post_id)).first() is not None:
        raise BadInput(f"a post with id {post_id} already exists")
    work.conn.execute(
        insert(discussion_post).values(
            id=post_id,
            discussion_id=discussion_id,
            author_id=work.actor.id,
            body=body,
            change_seq=work.seq,
            created_at=work.now,
        )
    )
    mentions = record_mentions(work, mentioned_logins(body), post_id=post_id)
    return Post(post_id, discussion_id, work.actor.login, body, mentions, work.now)
