"""Read models for the views: what the inbox, a ticket, discussions, referrals and the status bar show, read
from the cache with pending work laid over it.

The functions that take a ``Connection`` read inside the caller's transaction, so that several make one
consistent read (the sync engine, the CLI and the tests compose them). The window calls the ``load_*``
functions instead: each takes the ``Cache`` and opens its own transaction, on the cache thread."""
