"""X (Twitter) API v2 connector: mentions of the unit's account in as InboundMessages, replies out as posts.

What it follows (X's developer documentation, docs.x.com): the user mention timeline
``GET /2/users/:id/mentions`` (``since_id`` exclusive, ``max_results`` 5–100, ``pagination_token`` from
``meta.next_token``, newest first, ``meta.newest_id``/``oldest_id``/``result_count``, ``includes.users`` through
``expansions=author_id``); the pagination guide (page with ``next_token`` until it is absent; poll with
``since_id``, not by paging); ``POST /2/tweets`` with ``{"text", "reply": {"in_reply_to_tweet_id"}}`` answering
201 ``{"data": {"id", "text"}}``; the response-codes page (problem details ``{"title", "detail", "type",
"status"}``, the older ``{"errors": [{"message", "code"}]}``, and "partial errors": a 200 whose ``errors``
describe what could not be returned); the rate-limit page (``x-rate-limit-limit``/``-remaining``/``-reset``,
the reset as Unix epoch seconds, 429 when exceeded); the counting-characters page (280 weighted characters:
code points outside four Latin/punctuation ranges weigh 2, a URL weighs 23); and the OAuth 2.0 page.

Why it looks the way it does:

* **The secret is an OAuth 2.0 user access token** (Authorization Code with PKCE, scopes ``tweet.read
  users.read tweet.write``), sent as ``Authorization: Bearer``. The mention timeline could be read with the
  app-only bearer token too, but posting a reply needs a user context, and one account has one secret. Such a
  token is valid for two hours unless it was issued with ``offline.access`` and is refreshed; refreshing is
  not done here: a 401 says the token expired or was revoked.
* **Intake is exactly-once** by the ``since_id`` cursor plus the store's (channel, external id) uniqueness:
  ``poll(cursor)`` returns the mentions after the cursor, oldest first, and the cursor to save after storing
  them (the highest post id seen; unchanged when nothing new came). A crash before the cursor is saved fetches
  the same posts again, and the store recognises their ids. Posts of the account itself are skipped (they are
  not citizens' messages, and answering them would loop), but the cursor still moves past them.
* **No gap when paging stops early.** X pages newest first, so stopping at the page cap leaves the oldest
  unread posts *below* the ones returned. The cursor then records the gap as ``"NEWEST:SINCE:UNTIL"`` (SINCE
  empty on a first poll) and the next poll reads that gap (``since_id``/``until_id``) before anything newer;
  once it is read, the cursor is a plain post id again. The worker may treat the cursor as an opaque string.
* **One thread, one ticket.** ``external_id`` is the post id. ``references`` are the posts this one answers,
  quotes or re-posts, the conversation's first post (``conversation_id``) and earlier versions of an edited
  post — all plain post ids, because the store joins a message to the ticket of a stored message whose
  external id is among the references. A reply to the unit's reply (stored with the sent post's id) or to the
  citizen's first mention therefore joins that ticket.
* **Officers see the post as written**: the account's own ``@handle`` stays in the text, X's HTML escaping
  (``&amp;`` ``&lt;`` ``&gt;``) is undone, ``t.co`` links are shown as the links the citizen wrote, and the
  full text of a long post (``note_tweet``) is used. The subject is the first line without the leading
  ``@handles``. ``sender_address`` is ``"@username"`` (how people name an X account; replies are addressed by
  post id, so dispatch does not need it); ``sender_name`` is the display name.
* **Dispatch has no idempotency key.** If the worker dies between X accepting a reply and recording its id,
  sending again makes X refuse the identical text ("duplicate content", 403): that refusal is raised as
  ``DuplicateContent`` so the dispatcher can recognise an in-doubt resend. X refuses identical text of the
  same account in general, not only to the same post: a template answer sent to two citizens is refused the
  second time, so reply texts should be unique per ticket (the tracking number in the text does that).
* **A reply over 280 weighted characters becomes a numbered thread** (``"… (1/3)"``), each part answering
  the previous one. The split is deterministic, so ``reply_parts(..., already_sent=ids)`` resumes a thread
  whose first parts were sent, and ``on_sent`` reports each part's id as soon as X accepted it.
* **The token is a secret**: it travels only in a header, and ``http.py`` scrubs it from every error message
  and log line anyway.

Error mapping: 401 → NotPermitted; 403 → NotPermitted, except duplicate content → DuplicateContent and a
reply to a deleted or hidden post → NotFound; 429 → RateLimited (an Unreachable) with ``retry_after``
seconds until ``x-rate-limit-reset`` and that epoch time as ``reset_at``; other statuses as
``http.status_error`` (400 → BadInput, 404 → NotFound, 5xx → Unreachable); timeouts, refused connections and
answers that are not the API's JSON → Unreachable.
A 200 carrying only errors means the configured user id does not exist (BadInput) or is otherwise unreadable
(Unreachable).
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import requests

from desktop.domain import errors
from desktop.domain.errors import BadInput, Conflict, NotFound, NotPermitted, Unreachable
from desktop.domain.inbound import InboundMessage
from desktop.domain.vocabulary import Channel

from .http import HttpClient, json_or_none, status_error

MAX_POST_WEIGHT = 280  # X's limit for one post, in weighted characters
URL_WEIGHT = 23  # every link is shortened to t.co and counted as this many characters
SUBJECT_LENGTH = 80
MAX_PAGES = 10  # 10 pages of 100 cover the 800 most recent mentions, all the timeline gives
DEFAULT_RATE_WINDOW = 15 * 60  # X's rate-limit windows are 15 minutes; used when the reset header is missing
TWEET_FIELDS = (
    "created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,entities,"
    "attachments,note_tweet,edit_history_tweet_ids"
)
USER_FIELDS = "name,username"

_DIGITS = re.compile(r"[0-9]{1,19}")
_LEADING_MENTIONS = re.compile(r"^(?:\s*@\w{1,15}\b)+\s*")
# Code points X counts as one character (twitter-text configuration v3); everything else counts as two.
_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
# A link's path: URL characters, not ending in punctuation (X counts a trailing "." or ")" on its own).
_PATH = r"(?:[/?#][A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*[A-Za-z0-9\-_~/#=&%+@$*])?"
_SURE_URL = re.compile(rf"(?<![\w@$#])https?://(?:[\w-]+\.)+[A-Za-z]{{2,}}(?::\d+)?{_PATH}", re.IGNORECASE)
_MAYBE_URL = re.compile(rf"(?:[\w-]+\.)+[A-Za-z]{{2,}}{_PATH}", re.IGNORECASE)


class RateLimited(errors.RateLimited):
    """X asked us to slow down: retry no sooner than ``retry_after`` seconds from now (at ``reset_at``)."""

    def __init__(self, retry_after: int, reset_at: int | None, message: str) -> None:
        super().__init__(retry_after, message)
        self.reset_at = reset_at  # Unix epoch seconds, from x-rate-limit-reset; None when X did not say


class DuplicateContent(Conflict):
    """X refused a post whose text this account posted already (403 "duplicate content").

    After an in-doubt send of the same reply it means the reply went out. X compares with everything the
    account posted recently, not only replies to the same post, so it proves that only when the text is
    unique to the ticket. ``part`` is the index of the refused part of a thread; ``sent`` the ids of the
    parts posted before it in the same call.
    """

    code = "duplicate_content"

    def __init__(self, message: str, part: int = 0, sent: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.part = part
        self.sent = sent


JsonObject = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class _Cursor:
    newest: int | None  # the highest post id seen
    gap: tuple[int | None, int] | None = None  # (since, until): posts still to read below ``newest``

    def __str__(self) -> str:
        if self.gap is None:
            return str(self.newest)
        since, until = self.gap
        return f"{self.newest}:{'' if since is None else since}:{until}"


class XClient:
    """One X account: ``poll`` for posts mentioning it, ``reply`` to a post."""

    def __init__(
        self,
        bearer_token: str,
        user_id: str,
        base_url: str = "https://api.x.com",
        session: requests.Session | None = None,
        timeout: float = 10.0,
        max_pages: int = MAX_PAGES,
    ) -> None:
        if not bearer_token or not bearer_token.strip():
            raise BadInput("the X access token is empty")
        if not _DIGITS.fullmatch(user_id or ""):
            raise BadInput(f"an X user id is a number, not {user_id!r}")
        self._token = bearer_token.strip()
        self._user_id = user_id
        self._base_url = base_url.rstrip("/")
        self._http = HttpClient("X", [self._token], session, timeout)
        self._max_pages = max(1, max_pages)

    # -- intake ---------------------------------------------------------------------------------------
    def poll(self, since_id: str | None, limit: int = 100) -> tuple[list[InboundMessage], str | None]:
        """Mentions after the cursor ``since_id``, oldest first, and the cursor to save once they are stored.

        ``limit`` is the page size (X allows 5–100); at most ``max_pages`` pages are read per call.
        """
        cursor = _parse_cursor(since_id)
        since, until = cursor.gap if cursor.gap is not None else (cursor.newest, None)
        params: dict[str, Any] = {
            "max_results": max(5, min(limit, 100)),
            "tweet.fields": TWEET_FIELDS,
            "expansions": "author_id",
            "user.fields": USER_FIELDS,
        }
        if since is not None:
            params["since_id"] = str(since)
        if until is not None:
            params["until_id"] = str(until)
        tweets: dict[int, JsonObject] = {}
        users: dict[str, JsonObject] = {}
        highest: int | None = None
        pages = 0
        next_token: str | None = None
        stopped_early = False
        while True:
            page_params = dict(params)
            if next_token is not None:
                page_params["pagination_token"] = next_token
            body = self._call("GET", f"/2/users/{self._user_id}/mentions", params=page_params)
            page, meta = _page_of(body)
            users.update(_users_of(body))
            for tweet in page:
                tweets[_tweet_id(tweet)] = tweet
            for candidate in [*(_tweet_id(t) for t in page), _id_or_none(meta.get("newest_id"))]:
                if candidate is not None and (highest is None or candidate > highest):
                    highest = candidate
            pages += 1
            token = meta.get("next_token")
            if token is None:
                break
            if not isinstance(token, str) or not token:
                raise Unreachable("X answered the mention timeline with a next_token that is not a token")
            if pages >= self._max_pages:
                stopped_early = True
                break
            next_token = token
        new_cursor = self._next_cursor(cursor, highest, min(tweets) if tweets else None, stopped_early)
        messages = [
            message
            for key in sorted(tweets)
            if (message := inbound_from_tweet(tweets[key], users, self._user_id)) is not None
        ]
        return messages, (None if new_cursor.newest is None else str(new_cursor))

    @staticmethod
    def _next_cursor(cursor: _Cursor, highest: int | None, oldest: int | None, stopped_early: bool) -> _Cursor:
        if cursor.gap is not None:
            since, _ = cursor.gap
            if stopped_early and oldest is not None:
                return _Cursor(cursor.newest, (since, oldest))
            return _Cursor(cursor.newest)  # the gap is read: back to reading what is newer
        newest = cursor.newest if highest is None else max(highest, cursor.newest or 0)
        if stopped_early and oldest is not None:
            return _Cursor(newest, (cursor.newest, oldest))
        return _Cursor(newest)

    def me(self) -> tuple[str, str]:
        """The id and @username of the user the access token acts for (``GET /2/users/me``), reading nothing
        of the timeline. Compared with the account's ``user_id`` by the caller."""
        body = self._call("GET", "/2/users/me")
        data = body.get("data")
        user_id = data.get("id") if isinstance(data, Mapping) else None
        if not isinstance(data, Mapping) or not isinstance(user_id, str) or not _DIGITS.fullmatch(user_id):
            said = self._http.redact(_problem_text(body))
            raise Unreachable("X answered GET /2/users/me without the user" + (f": {said}" if said else ""))
        return user_id, _text_field(data, "username") or ""

    # -- dispatch -------------------------------------------------------------------------------------
    def reply(self, text: str, in_reply_to_tweet_id: str) -> str:
        """Post ``text`` as a reply to the post; the id of the (first) post made."""
        return self.reply_parts(text, in_reply_to_tweet_id)[0]

    def reply_parts(
        self,
        text: str,
        in_reply_to_tweet_id: str,
        already_sent: Sequence[str] = (),
        on_sent: Callable[[int, str], None] | None = None,
    ) -> tuple[str, ...]:
        """Post ``text`` as one reply, or as a numbered thread when it is too long; every part's id in order.

        Part 1 answers ``in_reply_to_tweet_id``; each later part answers the part before it. ``already_sent``
        are the ids of the first parts posted by an earlier, interrupted call: those parts are not posted
        again. ``on_sent(index, id)`` is called as soon as X accepted a part, so the caller can record it.
        """
        if not _DIGITS.fullmatch(in_reply_to_tweet_id or ""):
            raise BadInput(f"an X post id is a number, not {in_reply_to_tweet_id!r}")
        if not text or not text.strip():
            raise BadInput("an X reply needs some text")
        parts = split_post(text)
        if len(already_sent) > len(parts) or not all(_DIGITS.fullmatch(i or "") for i in already_sent):
            raise BadInput("the posts said to be sent already do not belong to this reply")
        sent = list(already_sent)
        for index in range(len(sent), len(parts)):
            answering = sent[-1] if sent else in_reply_to_tweet_id
            payload = {"text": parts[index], "reply": {"in_reply_to_tweet_id": answering}}
            try:
                body = self._call("POST", "/2/tweets", json=payload)
            except DuplicateContent as refused:
                raise DuplicateContent(refused.message, part=index, sent=tuple(sent)) from None
            data = body.get("data")
            post_id = data.get("id") if isinstance(data, Mapping) else None
            if not isinstance(post_id, str) or not _DIGITS.fullmatch(post_id):
                raise Unreachable("X accepted a post but did not say its id")
            sent.append(post_id)
            if on_sent is not None:
                on_sent(index, post_id)
        return tuple(sent)

    # -- HTTP -----------------------------------------------------------------------------------------
    def _call(self, method: str, path: str, params: Mapping[str, Any] | None = None, json: Any = None) -> JsonObject:
        what = f"{method} {path.replace(self._user_id, ':id')}"
        headers = {"Authorization": f"Bearer {self._token}"}
        url = self._base_url + path
        response = self._http.request(method, url, what=what, params=params, json=json, headers=headers)
        status = response.status_code
        if status == 429:
            raise self._rate_limited(what, response)
        body = json_or_none(response)
        if not isinstance(body, Mapping):
            raise Unreachable(f"X answered {what} with HTTP {status} and no API response")
        if 200 <= status < 300:
            return body
        raise self._error_of(what, status, body)

    def _error_of(self, what: str, status: int, body: JsonObject) -> errors.AduanError:
        said = f"X refused {what} (HTTP {status}): {self._http.redact(_problem_text(body) or 'no reason given')}"
        lowered = said.lower()
        if status == 401:
            return NotPermitted(
                f"{said}; the access token is wrong, expired (OAuth 2.0 user tokens last two hours unless "
                "refreshed) or revoked"
            )
        if status == 403:
            if "duplicate" in lowered or _has_error_code(body, 187):
                return DuplicateContent(said)
            if "deleted or not visible" in lowered:
                return NotFound(said)
            return NotPermitted(
                f"{said}; the token may lack a scope (tweet.read, users.read, tweet.write) or the access this needs"
            )
        return status_error(status, said)

    def _rate_limited(self, what: str, response: requests.Response) -> RateLimited:
        reset_at: int | None = None
        for header in ("x-rate-limit-reset", "x-user-limit-24hour-reset", "x-app-limit-24hour-reset"):
            value = response.headers.get(header, "")
            if value.strip().isdigit():
                reset_at = int(value.strip())
                break
        retry_after = DEFAULT_RATE_WINDOW if reset_at is None else max(1, reset_at - int(time.time()))
        return RateLimited(retry_after, reset_at, f"X rate limit on {what}: retry after {retry_after} s")


# -- reading posts ------------------------------------------------------------------------------------
def inbound_from_tweet(tweet: JsonObject, users: Mapping[str, JsonObject], own_user_id: str) -> InboundMessage | None:
    """The InboundMessage of a mention; None for a post of the account itself."""
    post_id = str(_tweet_id(tweet))
    author_id = tweet.get("author_id")
    author_id = author_id if isinstance(author_id, str) else None
    if author_id == own_user_id:
        return None
    author = users.get(author_id, {}) if author_id is not None else {}
    username = _text_field(author, "username")
    note = tweet.get("note_tweet")
    note = note if isinstance(note, Mapping) else {}
    problems: list[str] = []
    if isinstance(note.get("text"), str):
        text, entities = note["text"], note.get("entities")
    else:
        text, entities = tweet.get("text"), tweet.get("entities")
        if not isinstance(text, str):
            text = ""
            problems.append(f"X post {post_id} came without text")
    text = _expand_links(_unescape(text), entities)
    references: list[str] = []
    for referenced in _list(tweet.get("referenced_tweets")):
        if isinstance(referenced, Mapping):
            ref_id, kind = _id_or_none(referenced.get("id")), referenced.get("type")
            if ref_id is not None:
                references.append(str(ref_id))
                if kind == "retweeted":
                    problems.append(f"a re-post of X post {ref_id}")
    conversation = _id_or_none(tweet.get("conversation_id"))
    if conversation is not None:
        references.append(str(conversation))
    versions = [str(i) for i in map(_id_or_none, _list(tweet.get("edit_history_tweet_ids"))) if i is not None]
    references.extend(versions)  # every version of an edited post joins the same ticket
    if versions and versions[0] != post_id:
        problems.append(f"edited version of X post {versions[0]}")
    attachments = tweet.get("attachments")
    media = _list(attachments.get("media_keys")) if isinstance(attachments, Mapping) else []
    if media:
        where = f"https://x.com/{username or 'i/web'}/status/{post_id}"
        problems.append(f"{len(media)} attached photo(s) or video(s) not fetched from X: {where}")
    return InboundMessage(
        channel=Channel.X,
        external_id=post_id,
        sender_address=f"@{username}" if username else None,
        sender_name=_text_field(author, "name") or (f"@{username}" if username else None),
        subject=subject_of(text) or ("(media via X)" if media else "(mention without text)"),
        text=text,
        received_at=_utc(tweet.get("created_at")),
        references=tuple(dict.fromkeys(r for r in references if r != post_id)),
        problems=tuple(problems),
    )


def subject_of(text: str) -> str:
    """The first non-blank line without the leading @handles, cut to SUBJECT_LENGTH characters."""
    for line in _LEADING_MENTIONS.sub("", text).splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= SUBJECT_LENGTH else line[: SUBJECT_LENGTH - 1].rstrip() + "…"
    return ""


def _page_of(body: JsonObject) -> tuple[list[JsonObject], JsonObject]:
    meta = body.get("meta")
    data = body.get("data")
    if data is None and meta is None:
        raise _errors_only(body)
    if meta is not None and not isinstance(meta, Mapping):
        raise Unreachable("X answered the mention timeline with a meta that is not an object")
    if data is None:
        data = []
    if not isinstance(data, list) or not all(isinstance(t, Mapping) for t in data):
        raise Unreachable("X answered the mention timeline with data that is not a list of posts")
    for tweet in data:
        _tweet_id(tweet)
    return data, meta or {}


def _errors_only(body: JsonObject) -> Exception:
    """A 200 without data or meta: what its errors say, or an answer that is not the API's."""
    errors = [e for e in _list(body.get("errors")) if isinstance(e, Mapping)]
    if not errors:
        return Unreachable("X answered the mention timeline with neither posts nor meta")
    detail = "; ".join(_problem_text(e) for e in errors if _problem_text(e)) or "no reason given"
    if any(str(e.get("type", "")).endswith("/resource-not-found") for e in errors):
        return BadInput(f"X cannot find the account's user id: {detail}; check the X account's user id")
    return Unreachable(f"X could not return the mentions: {detail}")


def _users_of(body: JsonObject) -> dict[str, JsonObject]:
    includes = body.get("includes")
    users = includes.get("users") if isinstance(includes, Mapping) else None
    return {u["id"]: u for u in _list(users) if isinstance(u, Mapping) and isinstance(u.get("id"), str)}


def _tweet_id(tweet: JsonObject) -> int:
    found = _id_or_none(tweet.get("id"))
    if found is None:
        raise Unreachable("X sent a post without a valid id")
    return found


def _id_or_none(value: Any) -> int | None:
    return int(value) if isinstance(value, str) and _DIGITS.fullmatch(value) else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text_field(obj: Mapping[str, Any], key: str) -> str | None:
    value = obj.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _unescape(text: str) -> str:
    """X escapes exactly these three in post text; ``&amp;`` last, so a written "&amp;lt;" survives."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _expand_links(text: str, entities: Any) -> str:
    urls = entities.get("urls") if isinstance(entities, Mapping) else None
    for link in _list(urls):
        if isinstance(link, Mapping):
            short, expanded = link.get("url"), link.get("expanded_url")
            if isinstance(short, str) and short and isinstance(expanded, str) and expanded:
                text = text.replace(short, expanded)
    return text


def _utc(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
        return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo is not None else moment
    except (ValueError, OverflowError):
        return None


def _parse_cursor(cursor: str | None) -> _Cursor:
    if cursor is None or cursor == "":
        return _Cursor(None)
    fields = cursor.split(":")
    if len(fields) == 1 and _DIGITS.fullmatch(fields[0]):
        return _Cursor(int(fields[0]))
    numbers = len(fields) == 3 and all(_DIGITS.fullmatch(f) for f in (fields[0], fields[1] or "0", fields[2]))
    if numbers:
        return _Cursor(int(fields[0]), (int(fields[1]) if fields[1] else None, int(fields[2])))
    raise BadInput(f"the X account's cursor {cursor!r} is not a post id: clear it to read recent mentions again")


def _problem_text(body: Mapping[str, Any]) -> str:
    """The human part of a problem details object or of an ``errors`` list."""
    said: list[str] = []
    for key in ("title", "detail", "message"):
        value = body.get(key)
        if isinstance(value, str) and value.strip() and value.strip() not in said:
            said.append(value.strip())
    for error in _list(body.get("errors")):
        if isinstance(error, Mapping):
            inner = _problem_text(error)
            if inner and inner not in said:
                said.append(inner)
    return ": ".join(said)[:500]


def _has_error_code(body: JsonObject, code: int) -> bool:
    return any(isinstance(e, Mapping) and e.get("code") == code for e in _list(body.get("errors")))


# -- writing posts ------------------------------------------------------------------------------------
def weighted_length(text: str) -> int:
    """How long X counts ``text``, never less than X does.

    Code points outside the light ranges weigh 2 (so an emoji sequence may be over-counted, never under);
    an ``http(s)://`` link weighs 23; anything else that might be taken for a link (``bandung.go.id``)
    weighs at least 23.
    """
    return sum(weight for _, weight in _atoms(unicodedata.normalize("NFC", text)))


def split_post(text: str, limit: int = MAX_POST_WEIGHT) -> list[str]:
    """``text`` as one post, or as numbered parts ``"… (i/n)"`` each within ``limit`` weighted characters.

    Parts break preferably at a line break, else at a space, in the second half of a part; the whitespace
    at a break is dropped, every other character is kept in order. The same text always gives the same parts.
    """
    text = unicodedata.normalize("NFC", text).strip()
    if weighted_length(text) <= limit:
        return [text]
    guess = 9
    while True:
        chunks = _pack(text, limit - _char_weight(f" ({guess}/{guess})"))
        if len(str(len(chunks))) <= len(str(guess)):
            break
        guess = 10 ** len(str(len(chunks))) - 1
    return [f"{chunk} ({index}/{len(chunks)})" for index, chunk in enumerate(chunks, start=1)]


def _pack(text: str, budget: int) -> list[str]:
    parts: list[str] = []
    current: list[tuple[str, int]] = []
    weight = 0
    for piece, piece_weight in _atoms(text, budget):
        while current and weight + piece_weight > budget:
            head, current = _break(current, budget)
            parts.append("".join(p for p, _ in head).rstrip())
            while current and current[0][0].isspace():
                current.pop(0)
            weight = sum(w for _, w in current)
        if not current and piece.isspace():
            continue  # no part starts with the whitespace of a break
        current.append((piece, piece_weight))
        weight += piece_weight
    if current:
        parts.append("".join(piece for piece, _ in current).rstrip())
    return [part for part in parts if part]


def _break(atoms: list[tuple[str, int]], budget: int) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Where a full part ends: at the last line break, else sentence end, else space, past half of it; else
    right here."""
    for separator, after in (("\n", ""), (" ", ".!?"), (" ", "")):
        weight_before = 0
        best = -1
        for index, (piece, weight) in enumerate(atoms):
            ends_sentence = not after or (index > 0 and atoms[index - 1][0][-1:] in after)
            if piece == separator and ends_sentence and weight_before > budget // 2:
                best = index
            weight_before += weight
        if best > 0:
            return atoms[:best], atoms[best + 1 :]
    return atoms, []


def _atoms(text: str, budget: int | None = None) -> list[tuple[str, int]]:
    """``text`` as unbreakable pieces and their weights: a link is one piece, any other character its own."""
    atoms: list[tuple[str, int]] = []
    position = 0
    for found in re.finditer(f"{_SURE_URL.pattern}|{_MAYBE_URL.pattern}", text, re.IGNORECASE):
        atoms.extend((char, _char_weight(char)) for char in text[position : found.start()])
        link = found.group()
        weight = URL_WEIGHT if _SURE_URL.fullmatch(link) else max(URL_WEIGHT, _char_weight(link))
        if budget is not None and weight > budget:  # a "link" longer than a post: it must be cut anyway
            atoms.extend((char, _char_weight(char)) for char in link)
        else:
            atoms.append((link, weight))
        position = found.end()
    atoms.extend((char, _char_weight(char)) for char in text[position:])
    return atoms


def _char_weight(text: str) -> int:
    return sum(1 if any(low <= ord(c) <= high for low, high in _LIGHT_RANGES) else 2 for c in text)
