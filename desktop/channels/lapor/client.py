"""The LAPOR! REST/JSON endpoint: reports polled page by page, and the JSON client under it (also used to
push follow-ups). The error mapping is in the package's docstring."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import requests

from desktop.domain.errors import AduanError, BadInput, Unreachable
from desktop.domain.inbound import InboundMessage

from ..http import HttpClient, json_or_none, retry_after_seconds, status_error
from ..settings import LaporSettings
from .mapping import (
    DEFAULT_API_MAPPING,
    DEFAULT_TIMEZONE,
    REQUIRED_FIELDS,
    json_path,
    later_cursor,
    report_message,
    text_of,
    zone_of,
)


class LaporPoller:
    """Reports from a REST/JSON endpoint, page by page: ``poll(cursor) -> (messages, cursor)``.

    A request is ``GET base_url + list_path`` with ``since_param`` = the cursor (left out on the first poll),
    ``page_param`` = 1, 2, … and ``size_param`` = ``page_size``, plus ``extra_params`` (e.g. a sort order),
    and the token in ``auth_header`` (``Authorization: Bearer …`` by default) or, when ``token_param`` is
    set, as that query parameter. The reports are the list at ``items_key`` (a dotted path; "" when the
    answer is the list itself). Paging stops at a page shorter than ``page_size`` or after ``max_pages``.

    The cursor is the largest ``updated_at`` seen (or, when the mapping has no ``updated_at``, the largest
    tracking ID), exactly as the API wrote it, so the API reads its own format back. The endpoint is expected
    to return the reports changed at or after ``since`` (oldest first when it pages), so a report on the
    boundary comes again: the store recognises it by its tracking ID. The cursor never goes backwards.
    """

    def __init__(
        self,
        base_url: str,
        token: str,
        mapping: Mapping[str, str] | None = None,
        list_path: str = "/api/v1/laporan",
        items_key: str = "data",
        since_param: str = "since",
        session: requests.Session | None = None,
        *,
        page_param: str = "page",
        size_param: str = "limit",
        page_size: int = 100,
        max_pages: int = 20,
        extra_params: Mapping[str, str] | None = None,
        auth_header: str = "Authorization",
        auth_scheme: str = "Bearer",
        token_param: str | None = None,
        timezone: str = DEFAULT_TIMEZONE,
        timeout: float = 15.0,
    ) -> None:
        if not token:
            raise BadInput("the LAPOR! token is empty")
        if page_size < 1 or max_pages < 1:
            raise BadInput("the LAPOR! page size and page count must be at least 1")
        self.mapping = dict(DEFAULT_API_MAPPING if mapping is None else mapping)
        missing = [field for field in REQUIRED_FIELDS if field not in self.mapping]
        if missing:
            raise BadInput(f"the LAPOR! mapping lacks {', '.join(missing)}")
        self._url = base_url.rstrip("/") + "/" + list_path.lstrip("/")
        self._client = JsonClient(token, session, timeout, auth_header, auth_scheme, token_param)
        self._items_key = items_key
        self._since_param = since_param
        self._page_param = page_param
        self._size_param = size_param
        self._page_size = page_size
        self._max_pages = max_pages
        self._extra = dict(extra_params or {})
        self._zone = zone_of(timezone)
        self._cursor_field = "updated_at" if "updated_at" in self.mapping else "id"

    def poll(self, cursor: str | None) -> tuple[list[InboundMessage], str | None]:
        messages: list[InboundMessage] = []
        newest = cursor
        for page in range(1, self._max_pages + 1):
            params = {**self._extra, self._page_param: str(page), self._size_param: str(self._page_size)}
            if cursor:
                params[self._since_param] = cursor
            answer = self._client.get(self._url, params)
            items = json_path(answer, self._items_key) if self._items_key else answer
            if not isinstance(items, list):
                raise Unreachable(f"LAPOR! answered without a list of reports at {self._items_key or 'the top'!r}")
            for item in items:
                if not isinstance(item, Mapping):
                    raise Unreachable("LAPOR! sent a report that is not a JSON object")
                messages.append(self.message_of(item))
                seen = text_of(json_path(item, self.mapping[self._cursor_field])) or None
                newest = later_cursor(newest, seen, self._zone)
            if len(items) < self._page_size:
                break
        return messages, newest

    def check(self, cursor: str | None) -> str | None:
        """The next poll's own first request, for one report only (``size_param`` = 1): proves the address,
        the token and where the list is, and reads that report through the mapping. Its tracking ID (None when
        the list is empty); nothing is stored and the cursor stays where it is."""
        params = {**self._extra, self._page_param: "1", self._size_param: "1"}
        if cursor:
            params[self._since_param] = cursor
        answer = self._client.get(self._url, params)
        items = json_path(answer, self._items_key) if self._items_key else answer
        if not isinstance(items, list):
            raise Unreachable(f"LAPOR! answered without a list of reports at {self._items_key or 'the top'!r}")
        if not items:
            return None
        if not isinstance(items[0], Mapping):
            raise Unreachable("LAPOR! sent a report that is not a JSON object")
        return self.message_of(items[0]).external_id

    @classmethod
    def from_settings(
        cls, settings: LaporSettings, secret: str | None, session: requests.Session | None = None
    ) -> LaporPoller:
        _need_token(secret)
        assert secret is not None
        return cls(
            settings.base_url,
            secret,
            dict(settings.mapping),
            settings.list_path,
            settings.items_key,
            settings.since_param,
            session,
            page_param=settings.page_param,
            size_param=settings.size_param,
            page_size=settings.page_size,
            max_pages=settings.max_pages,
            extra_params=dict(settings.params),
            auth_header=settings.auth_header,
            auth_scheme=settings.auth_scheme,
            token_param=settings.token_param,
            timezone=settings.timezone,
            timeout=settings.timeout,
        )

    def message_of(self, item: Mapping[str, Any]) -> InboundMessage:
        values = {field: json_path(item, path) for field, path in self.mapping.items()}
        return report_message(values, self.mapping, self._zone, strict=False)


def poller_from_config(
    config: Mapping[str, Any], secret: str | None, session: requests.Session | None = None
) -> LaporPoller:
    """The poller of a LAPOR! channel account's settings (``LaporSettings.from_config``): ``base_url``
    (required), ``mapping`` (an object overriding DEFAULT_API_MAPPING), ``params`` (extra query parameters)…"""
    _need_token(secret)
    return LaporPoller.from_settings(LaporSettings.from_config(config), secret, session)


def _need_token(secret: str | None) -> None:
    if not secret:
        raise BadInput("a LAPOR! account needs its API token as its secret (--secret-ref)")


class JsonClient:
    """JSON over HTTPS with a secret token and the error mapping described in the package's docstring."""

    def __init__(
        self,
        token: str,
        session: requests.Session | None = None,
        timeout: float = 15.0,
        auth_header: str = "Authorization",
        auth_scheme: str = "Bearer",
        token_param: str | None = None,
    ) -> None:
        self._token = token
        self._http = HttpClient("LAPOR!", [token], session, timeout)
        self._token_param = token_param
        self._headers = {"Accept": "application/json"}
        if token_param is None:
            self._headers[auth_header] = f"{auth_scheme} {token}".strip()

    def get(self, url: str, params: Mapping[str, str]) -> Any:
        return self._request("GET", url, params=params)

    def post(self, url: str, payload: Any, headers: Mapping[str, str]) -> Any:
        return self._request("POST", url, payload=payload, extra_headers=headers)

    def _request(
        self,
        method: str,
        url: str,
        params: Mapping[str, str] | None = None,
        payload: Any = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Any:
        query = dict(params or {})
        if self._token_param is not None:
            query[self._token_param] = self._token
        headers = {**self._headers, **(extra_headers or {})}
        what = f"{method} {urlsplit(url).path or '/'}"
        response = self._http.request(method, url, what=what, params=query, json=payload, headers=headers)
        status = response.status_code
        if status >= 400:
            raise self._error_of(status, response)
        if status == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise Unreachable(f"LAPOR! answered with HTTP {status} and something that is not JSON") from None

    def _error_of(self, status: int, response: requests.Response) -> AduanError:
        said = self._http.redact(_what_it_said(response))
        where = self._http.redact(response.url.split("?", 1)[0])
        told = f": {said}" if said else ""
        if status in (401, 403):
            message = (
                f"LAPOR! refused the token (HTTP {status}{told}): check the account's secret and that the token is "
                "still valid"
            )
        elif status == 429:
            retry_after = retry_after_seconds(response.headers.get("Retry-After"))
            message = f"LAPOR! rate limit (HTTP 429): retry after {retry_after} s"
            return status_error(status, message, retry_after)
        elif status == 409:
            message = f"LAPOR! reports a conflict (HTTP {status}{told})"
        elif status == 404:
            message = f"LAPOR! has nothing at {where} (HTTP 404): check the account's base_url and list_path"
        elif status >= 500:
            message = f"LAPOR! failed (HTTP {status}{told})"
        else:
            message = f"LAPOR! refused the request (HTTP {status}{told})"
        return status_error(status, message)


def _what_it_said(response: requests.Response) -> str:
    """A short message from an error answer: its JSON ``message``/``error``, or the start of its text."""
    body = json_or_none(response)
    if isinstance(body, Mapping):
        for key in ("message", "error", "detail"):
            value = body.get(key)
            if isinstance(value, str) and value.strip():
                return " ".join(value.split())[:200]
    kind = response.headers.get("Content-Type", "")
    if "json" in kind or "html" in kind:  # JSON without a message, or an error page: nothing short to quote
        return ""
    return " ".join(response.text.split())[:200]
