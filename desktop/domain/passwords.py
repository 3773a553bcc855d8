"""How long a password may be: the server's rule, which the password forms check before they send one."""

from __future__ import annotations

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024
