"""Claim (lease) rules that do not depend on storage."""

from __future__ import annotations

from datetime import timedelta

DEFAULT_LEASE = timedelta(hours=4)
MIN_LEASE = timedelta(minutes=1)
MAX_LEASE = timedelta(days=7)
STEAL_REASON_MIN_CHARS = 5
