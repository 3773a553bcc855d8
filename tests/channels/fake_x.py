"""An X API v2 server on 127.0.0.1 shaped like X's documentation, for connector tests.

Real HTTP, real JSON, the documented shapes. ``GET /2/users/me`` answers ``{"data": {"id", "name",
"username"}}`` for the user the token acts for. ``GET /2/users/:id/mentions`` answers newest first with
``since_id``/``until_id`` (exclusive), ``max_results`` (5–100, else 400), ``pagination_token`` from
``meta.next_token``, ``meta.newest_id``/``oldest_id``/``result_count``, only the requested ``tweet.fields``
(``id``, ``text`` and ``edit_history_tweet_ids`` always), ``includes.users`` with ``expansions=author_id``
(``id``, ``name``, ``username`` always), text HTML-escaped as X does (``&`` ``<`` ``>``), and ``{"meta":
{"result_count": 0}}`` when nothing matches; an unknown user id is a 200 whose only content is a
resource-not-found error. ``POST /2/tweets`` takes ``{"text", "reply": {"in_reply_to_tweet_id"}}``, answers
201 ``{"data": {"id", "text", "edit_history_tweet_ids"}}``, refuses the account's earlier text again with the
403 "duplicate content" problem, a reply to a deleted or unknown post with 403, and a text over 280 weighted
characters with 400. Errors are problem details (``title``, ``detail``, ``type``, ``status``) or, for an
unknown route, the older ``{"errors": [{"message", "code"}]}``. Every answer has ``x-rate-limit-*`` headers.

Switches: a wrong bearer token gets 401; ``rate_limit(times, reset_in)`` answers 429 with
``x-rate-limit-remaining: 0``; ``answer_next(status, body)`` queues raw answers (5xx, HTML, arbitrary JSON);
``drop_next_post()`` makes the next accepted post close the connection before answering, as a link dropped
after X accepted it would; ``fail_post(after, status)`` accepts ``after`` posts and fails the next one.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.channels.local_http import serve, shut_down, url_of

PROBLEMS = "https://api.twitter.com/2/problems"
RATE_LIMIT = 300  # per 15-minute window, as the mention timeline's user limit
_MENTION = re.compile(r"(?<![\w@])@(\w{1,15})")
_LINK = re.compile(r"https?://\S+")


class ApiError(Exception):
    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        super().__init__(str(body))
        self.status = status
        self.body = body
        self.headers = headers or {}


def problem(status: int, title: str, detail: str, kind: str = "about:blank", **extra: Any) -> ApiError:
    return ApiError(status, {"title": title, "detail": detail, "type": kind, "status": status, **extra})


def invalid_parameter(name: str, value: str, message: str) -> ApiError:
    return ApiError(
        400,
        {
            "errors": [{"parameters": {name: [value]}, "message": message}],
            "title": "Invalid Request",
            "detail": "One or more parameters to your request was invalid.",
            "type": f"{PROBLEMS}/invalid-request",
        },
    )


@dataclass
class Posted:
    id: str
    text: str
    in_reply_to: str | None


@dataclass
class FakeX:
    token: str = "x-user-token-TEST_abc123"
    user_id: str = "1500000000000000001"
    username: str = "pemkot_aduan"
    name: str = "Aduan Pemkot"
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    tweets: dict[str, dict[str, Any]] = field(default_factory=dict)  # every post, with every field
    deleted: set[str] = field(default_factory=set)
    posted: list[Posted] = field(default_factory=list)  # what the account posted through the API
    requests: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # (method, path, params)
    _next_id: int = 1_860_000_000_000_000_000
    _clock: int = 1_764_300_000
    _tokens: dict[str, tuple[tuple[Any, ...], int]] = field(default_factory=dict)
    _rate_limited: tuple[int, int] = (0, 0)  # (answers left, reset in seconds)
    _canned: list[tuple[int, dict[str, str], bytes]] = field(default_factory=list)
    _drop_next_post: bool = False
    _post_failure: tuple[int, int, bytes] | None = None  # (posts still accepted, status, body)
    _lock: threading.RLock = field(default_factory=threading.RLock)
    _server: ThreadingHTTPServer | None = None

    def __post_init__(self) -> None:
        self.users[self.user_id] = {"id": self.user_id, "name": self.name, "username": self.username}

    # -- test-side controls -------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return url_of(self._server)

    def start(self) -> FakeX:
        fake = self

        class Handler(_Handler):
            x = fake

        self._server = serve(Handler)
        return self

    def stop(self) -> None:
        shut_down(self._server)

    def add_user(self, user_id: str, name: str, username: str) -> dict[str, Any]:
        self.users[user_id] = {"id": user_id, "name": name, "username": username}
        return self.users[user_id]

    def post(
        self,
        author_id: str,
        text: str,
        in_reply_to: str | None = None,
        quote_of: str | None = None,
        links: dict[str, str] | None = None,
        media_keys: list[str] | None = None,
        note_text: str | None = None,
        created_at: int | None = None,
        edit_of: str | None = None,
    ) -> str:
        """A post by a known user, stored as X would; its id. It is a mention when its text names the account.

        ``links`` maps the t.co links in ``text`` to what was written; ``note_text`` is the full text of a
        long post (``text`` then holds its first part); ``edit_of`` makes this the edited version of a post.
        """
        if author_id not in self.users:
            raise KeyError(f"add_user({author_id!r}, …) first")
        with self._lock:
            post_id = self._new_id()
            self._clock += 60
            moment = self._clock if created_at is None else created_at
        tweet: dict[str, Any] = {
            "id": post_id,
            "text": text,
            "author_id": author_id,
            "created_at": datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "conversation_id": post_id,
            "edit_history_tweet_ids": [post_id],
            "entities": _entities(text, links or {}, self.users),
        }
        referenced = []
        if in_reply_to is not None:
            parent = self.tweets[in_reply_to]
            tweet["conversation_id"] = parent["conversation_id"]
            tweet["in_reply_to_user_id"] = parent["author_id"]
            referenced.append({"type": "replied_to", "id": in_reply_to})
        if quote_of is not None:
            referenced.append({"type": "quoted", "id": quote_of})
        if referenced:
            tweet["referenced_tweets"] = referenced
        if edit_of is not None:
            original = self.tweets[edit_of]
            history = [*original["edit_history_tweet_ids"], post_id]
            for version in history:
                if version in self.tweets:
                    self.tweets[version]["edit_history_tweet_ids"] = history
            tweet["edit_history_tweet_ids"] = history
            tweet["conversation_id"] = original["conversation_id"]
        if media_keys:
            tweet["attachments"] = {"media_keys": list(media_keys)}
        if note_text is not None:
            tweet["note_tweet"] = {"text": note_text, "entities": _entities(note_text, links or {}, self.users)}
        self.tweets[post_id] = tweet
        return post_id

    def delete(self, post_id: str) -> None:
        self.deleted.add(post_id)

    def mention_ids(self) -> list[str]:
        """The ids of every post naming the account, oldest first."""
        named = [
            t["id"]
            for t in self.tweets.values()
            if t["id"] not in self.deleted
            and any(m["username"].lower() == self.username.lower() for m in t["entities"].get("mentions", []))
        ]
        return sorted(named, key=int)

    def rate_limit(self, times: int = 1, reset_in: int = 600) -> None:
        self._rate_limited = (times, reset_in)

    def answer_next(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        """Answer the next request with this instead (``body``: bytes as they are, anything else as JSON)."""
        raw = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        kind = "text/html" if isinstance(body, bytes) else "application/json; charset=utf-8"
        self._canned.append((status, {"Content-Type": kind, **(headers or {})}, raw))

    def drop_next_post(self) -> None:
        self._drop_next_post = True

    def fail_post(self, after: int, status: int = 503, body: bytes = b"<html>Over capacity</html>") -> None:
        """Accept ``after`` more posts, then answer the next one with ``status`` (once)."""
        self._post_failure = (after, status, body)

    # -- the API ------------------------------------------------------------------------------------
    def mentions(self, user_id: str, params: dict[str, str]) -> dict[str, Any]:
        if not re.fullmatch(r"[0-9]{1,19}", user_id):
            raise invalid_parameter("id", user_id, f"The `id` query parameter value [{user_id}] is not valid")
        if user_id not in self.users:
            return {
                "errors": [
                    {
                        "value": user_id,
                        "detail": f"Could not find user with id: [{user_id}].",
                        "title": "Not Found Error",
                        "resource_type": "user",
                        "parameter": "id",
                        "resource_id": user_id,
                        "type": f"{PROBLEMS}/resource-not-found",
                    }
                ]
            }
        raw_max = params.get("max_results", "10")
        if not raw_max.isdigit() or not 5 <= int(raw_max) <= 100:
            raise invalid_parameter(
                "max_results", raw_max, f"The `max_results` query parameter value [{raw_max}] is not between 5 and 100"
            )
        bounds = []
        for name in ("since_id", "until_id"):
            value = params.get(name)
            if value is not None and not re.fullmatch(r"[0-9]{1,19}", value):
                raise invalid_parameter(name, value, f"The `{name}` query parameter value [{value}] is not valid")
            bounds.append(int(value) if value is not None else None)
        since, until = bounds
        query = (user_id, since, until, int(raw_max))
        offset = 0
        token = params.get("pagination_token")
        if token is not None:
            known = self._tokens.get(token)
            if known is None or known[0] != query:
                raise invalid_parameter(
                    "pagination_token", token, f"The `pagination_token` query parameter value [{token}] is not valid"
                )
            offset = known[1]
        owner = self.users[user_id]["username"].lower()
        matching = [
            t
            for t in sorted(self.tweets.values(), key=lambda t: int(t["id"]), reverse=True)
            if t["id"] not in self.deleted
            and any(m["username"].lower() == owner for m in t["entities"].get("mentions", []))
            and (since is None or int(t["id"]) > since)
            and (until is None or int(t["id"]) < until)
        ]
        page = matching[offset : offset + int(raw_max)]
        if not page:
            return {"meta": {"result_count": 0}}
        wanted = {f for f in params.get("tweet.fields", "").split(",") if f}
        body: dict[str, Any] = {"data": [_shaped(t, wanted) for t in page]}
        if "author_id" in params.get("expansions", "").split(","):
            user_fields = {f for f in params.get("user.fields", "").split(",") if f} | {"id", "name", "username"}
            authors = dict.fromkeys(t["author_id"] for t in page)
            body["includes"] = {
                "users": [{k: v for k, v in self.users[a].items() if k in user_fields} for a in authors]
            }
        meta: dict[str, Any] = {"newest_id": page[0]["id"], "oldest_id": page[-1]["id"], "result_count": len(page)}
        if offset + len(page) < len(matching):
            next_token = f"7140dibdnow9c7btw4{len(self._tokens):08x}"
            self._tokens[next_token] = (query, offset + len(page))
            meta["next_token"] = next_token
        body["meta"] = meta
        return body

    def me(self, params: dict[str, str]) -> dict[str, Any]:
        """The user the token acts for: ``id``, ``name`` and ``username`` always, the requested ``user.fields``."""
        wanted = {f for f in params.get("user.fields", "").split(",") if f} | {"id", "name", "username"}
        return {"data": {k: v for k, v in self.users[self.user_id].items() if k in wanted}}

    def create_post(self, body: Any) -> tuple[dict[str, Any], bool]:
        """The created post's answer, and whether the connection should drop instead of answering."""
        if not isinstance(body, dict) or not isinstance(body.get("text"), str) or not body["text"].strip():
            raise ApiError(
                400,
                {
                    "errors": [{"message": "$.text: is missing but it is required"}],
                    "title": "Invalid Request",
                    "detail": "One or more parameters to your request was invalid.",
                    "type": f"{PROBLEMS}/invalid-request",
                },
            )
        text = body["text"]
        if weight_of(text) > 280:
            raise invalid_parameter("text", text[:20], "Your Tweet text is too long.")
        reply = body.get("reply")
        parent = reply.get("in_reply_to_tweet_id") if isinstance(reply, dict) else None
        if parent is not None and (parent not in self.tweets or parent in self.deleted):
            raise problem(403, "Forbidden", "You attempted to reply to a Tweet that is deleted or not visible to you.")
        with self._lock:
            if any(p.text == text for p in self.posted):
                raise problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.")
            drop, self._drop_next_post = self._drop_next_post, False
            post_id = self.post(self.user_id, text, in_reply_to=parent)
            self.posted.append(Posted(post_id, text, parent))
        return {"data": {"id": post_id, "text": text, "edit_history_tweet_ids": [post_id]}}, drop

    def _new_id(self) -> str:
        self._next_id += 1_000_003
        return str(self._next_id)


def weight_of(text: str) -> int:
    """X's weighted length, computed independently of the connector: links 23, light ranges 1, others 2."""
    light = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
    rest = _LINK.sub("", text)
    links = len(_LINK.findall(text))
    return links * 23 + sum(1 if any(lo <= ord(c) <= hi for lo, hi in light) else 2 for c in rest)


def _entities(text: str, links: dict[str, str], users: dict[str, dict[str, Any]]) -> dict[str, Any]:
    entities: dict[str, Any] = {}
    by_name = {u["username"].lower(): u["id"] for u in users.values()}
    mentions = []
    for found in _MENTION.finditer(text):
        mention: dict[str, Any] = {"start": found.start(), "end": found.end(), "username": found.group(1)}
        if found.group(1).lower() in by_name:
            mention["id"] = by_name[found.group(1).lower()]
        mentions.append(mention)
    if mentions:
        entities["mentions"] = mentions
    urls = []
    for short, expanded in links.items():
        at = text.find(short)
        if at >= 0:
            display = re.sub(r"^https?://", "", expanded)[:26]
            urls.append(
                {"start": at, "end": at + len(short), "url": short, "expanded_url": expanded, "display_url": display}
            )
    if urls:
        entities["urls"] = urls
    return entities


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _shaped(tweet: dict[str, Any], wanted: set[str]) -> dict[str, Any]:
    """A post as the API returns it: the default fields and the requested ones, text escaped."""
    shaped = {k: v for k, v in tweet.items() if k in wanted | {"id", "text", "edit_history_tweet_ids"}}
    shaped["text"] = _escape(tweet["text"])
    if "note_tweet" in shaped:
        shaped["note_tweet"] = {**tweet["note_tweet"], "text": _escape(tweet["note_tweet"]["text"])}
    return json.loads(json.dumps(shaped))


class _Handler(BaseHTTPRequestHandler):
    x: FakeX
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # the name http.server dispatches to
        url = urlsplit(self.path)
        params = dict(parse_qsl(url.query, keep_blank_values=True))
        self._serve("GET", url.path, params, None)

    def do_POST(self) -> None:  # the name http.server dispatches to
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = None
        self._serve("POST", url.path, {}, body)

    def _serve(self, method: str, path: str, params: dict[str, Any], body: Any) -> None:
        fake = self.x
        fake.requests.append((method, path, body if method == "POST" else params))
        reset = int(time.time()) + 900
        headers = {"x-rate-limit-limit": str(RATE_LIMIT), "x-rate-limit-remaining": str(RATE_LIMIT - 1)}
        headers["x-rate-limit-reset"] = str(reset)
        try:
            if self.headers.get("Authorization") != f"Bearer {fake.token}":
                raise problem(401, "Unauthorized", "Unauthorized")
            left, reset_in = fake._rate_limited
            if left > 0:
                fake._rate_limited = (left - 1, reset_in)
                headers.update({"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(int(time.time()) + reset_in)})
                raise problem(429, "Too Many Requests", "Too Many Requests")
            if fake._canned:
                status, extra, raw = fake._canned.pop(0)
                self._write(status, {**headers, **extra}, raw)
                return
            segments = path.strip("/").split("/")
            mentions = len(segments) == 4 and segments[:2] == ["2", "users"] and segments[3] == "mentions"
            if method == "GET" and segments == ["2", "users", "me"]:
                self._json(200, headers, fake.me(params))
            elif method == "GET" and mentions:
                self._json(200, headers, fake.mentions(segments[2], params))
            elif method == "POST" and segments == ["2", "tweets"]:
                if fake._post_failure is not None:
                    accepted, status, raw = fake._post_failure
                    fake._post_failure = (accepted - 1, status, raw) if accepted > 0 else None
                    if accepted == 0:
                        self._write(status, {**headers, "Content-Type": "text/html"}, raw)
                        return
                answer, drop = fake.create_post(body)
                if drop:
                    self.close_connection = True
                    return
                self._json(201, headers, answer)
            else:
                raise ApiError(404, {"errors": [{"message": "Sorry, that page does not exist", "code": 34}]})
        except ApiError as error:
            self._json(error.status, {**headers, **error.headers}, error.body)

    def _json(self, status: int, headers: dict[str, str], payload: Any) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self._write(status, {**headers, "Content-Type": "application/json; charset=utf-8"}, data)

    def _write(self, status: int, headers: dict[str, str], data: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # http.server's signature
        pass
