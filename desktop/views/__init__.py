"""Read models for the views: what the inbox, a ticket, discussions, referrals and the status bar show, read
from the cache with pending work laid over it."""
